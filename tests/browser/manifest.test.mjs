// custom-elements.json and grassroots.d.ts against the code, both ways: every attribute, event,
// detail field, CSS custom property and theme the manifest (or the declarations) list exists in
// the code, and every one the code reads or dispatches is listed. The code is read two ways: the
// real elements in Chromium (defined tags, observedAttributes, the data/handle accessors, the
// module's exports), and the sources parsed with regular expressions (options each widget
// reads in wasm/src/lib.rs, events dispatched in wasm/src/**/*.rs and grassroots.js, the detail
// structs' fields and the object grassroots.js builds for gr-export, the map's figures in
// wasm/src/map.rs, the import's record kinds in core/src/sheets/mod.rs, wasm/src/style.css's
// custom properties and :host([theme=…]) presets).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open, start } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const top = join(here, '..', '..');
const read = (path) => readFileSync(join(top, path), 'utf8');
const manifest = JSON.parse(read('wasm/package/custom-elements.json'));
const dts = read('wasm/package/grassroots.d.ts');
const loader = read('wasm/js/grassroots.js');
const exporter = read('wasm/js/export.js'); // the export buttons' code, which grassroots.js loads on the first press
const css = read('wasm/src/style.css');
const lib = read('wasm/src/lib.rs');

const KIND_OF = {
  'gr-org-tree': 'org-tree', 'gr-scorecard': 'scorecard', 'gr-duty-list': 'duty-list',
  'gr-service-board': 'service-board', 'gr-case-tracker': 'case-tracker', 'gr-dashboard': 'dashboard',
  'gr-grid-map': 'grid-map', 'gr-roster-import': 'roster-import',
};
const TAGS = Object.keys(KIND_OF);
/** The elements that draw the map (map.rs): the map itself, and the dashboard beside its figures. */
const MAPS = ['gr-grid-map', 'gr-dashboard'];
const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement);
const element = (tag) => elements.find((e) => e.tagName === tag);
const sorted = (xs) => [...new Set(xs)].sort();

/** Every .rs file under wasm/src, as [path from the repo, text]. */
function rustSources(dir = join(top, 'wasm', 'src')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return rustSources(path);
    return entry.name.endsWith('.rs') ? [[relative(top, path), readFileSync(path, 'utf8')]] : [];
  });
}

/** The elements a source file's events come from; null for code every widget shares. The map's
 * code (map.rs, and overview.rs that reads its data) serves the map and the dashboard. */
function elementsOfFile(path) {
  if (/^wasm\/src\/(map|overview|recut_view)\.rs$/.test(path)) return MAPS;
  const m = path.match(/^wasm\/src\/(org_tree|scorecard|duty_list|service_board|case_tracker|dashboard|grid_map|roster_import)(\/|\.rs$)/);
  return m ? [`gr-${m[1].replaceAll('_', '-')}`] : null;
}

/**
 * The elements with a 导出 Excel button: those whose code calls `export::button` (export.rs, the
 * one place that renders `data-gr-export`). grassroots.js fires gr-export from a click on such a
 * button, so on these elements and no others.
 */
function exportingTags() {
  const tags = [];
  for (const [path, text] of rustSources()) {
    if (path !== 'wasm/src/export.rs') assert.ok(!text.includes('data-gr-export'), `${path} renders data-gr-export itself, not through export::button`);
    if (!/\bexport::button\(/.test(text)) continue;
    const of = elementsOfFile(path);
    assert.ok(of, `${path} has an export button but serves no element known here`);
    tags.push(...of);
  }
  assert.ok(/\.closest\?\.\('\[data-gr-export\]'\)[\s\S]{0,400}\.exportTable\(table, element, kind,/.test(loader), 'grassroots.js hands a [data-gr-export] button\'s table to export.js');
  assert.ok(/export function exportTable\([\s\S]{0,200}new CustomEvent\('gr-export'/.test(exporter), 'export.js fires gr-export with the table');
  return sorted(tags);
}

/** Events the code dispatches, per element: Rust `dispatch(&host, "gr-…", …)` (or `host` already a reference) and grassroots.js `new CustomEvent('gr-…'` (gr-export on the elements with an export button, every other on all). */
function codeEvents() {
  const byTag = Object.fromEntries(TAGS.map((t) => [t, []]));
  const shared = [...(loader + exporter).matchAll(/new CustomEvent\(\s*['"](gr-[a-z-]+)['"]/g)].map((m) => m[1]).filter((name) => name !== 'gr-export');
  for (const tag of exportingTags()) byTag[tag].push('gr-export');
  for (const [path, text] of rustSources()) {
    for (const [, name] of text.matchAll(/\bdispatch\(\s*&?[\w.]+,\s*"(gr-[a-z-]+)"/g)) {
      const tags = elementsOfFile(path);
      if (tags) for (const tag of tags) byTag[tag].push(name);
      else shared.push(name);
    }
  }
  for (const tag of TAGS) byTag[tag] = sorted([...byTag[tag], ...shared]);
  return byTag;
}

/** The fields of a Rust struct `name` in `text`: { field: optional? } (skip_serializing_if = optional). */
function rustStruct(text, name) {
  const body = text.match(new RegExp(`struct ${name}(?:<[^>]*>)? \\{\\n([\\s\\S]*?)\\n\\}`));
  assert.ok(body, `struct ${name}`);
  const fields = {};
  let skip = false;
  for (const line of body[1].split('\n')) {
    if (/#\[serde\([^)]*skip_serializing_if/.test(line)) skip = true;
    const field = line.match(/^\s+(?:pub\s+)?(\w+):\s/);
    if (field) {
      fields[field[1]] = skip;
      skip = false;
    }
  }
  return fields;
}

/** The top-level members of an object type's text `{ a: …; b?: …; [x: string]: … }`: { key: { optional, type } }. */
function objectMembers(typeText) {
  const inner = typeText.trim().replace(/^\{/, '').replace(/\}$/, '');
  const members = {};
  let depth = 0;
  let part = '';
  for (const ch of `${inner};`) {
    if ('{[(<'.includes(ch)) depth++;
    if ('}])>'.includes(ch)) depth--;
    if (ch === ';' && depth === 0) {
      const key = part.trim().match(/^(\w+)(\?)?:\s*([\s\S]*)$/);
      if (key) members[key[1]] = { optional: Boolean(key[2]), type: key[3].trim() };
      part = '';
    } else part += ch;
  }
  return members;
}

/** The top-level keys of an object type's text: { key: optional? }. */
function objectKeys(typeText) {
  return Object.fromEntries(Object.entries(objectMembers(typeText)).map(([k, v]) => [k, v.optional]));
}

/** The text between the brace at `open` in `text` and the one that closes it. */
function braced(text, open) {
  assert.equal(text[open], '{');
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  assert.fail(`no closing brace after ${open}`);
}

/** The top-level keys of a JavaScript object literal's text (`a: …, b, c: (x) => …`). */
function literalKeys(inner) {
  const keys = [];
  let depth = 0;
  let part = '';
  for (const ch of `${inner},`) {
    if ('{[('.includes(ch)) depth++;
    if ('}])'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      const key = part.trim().match(/^(\w+)\s*(?::|$)/);
      if (key) keys.push(key[1]);
      part = '';
    } else part += ch;
  }
  return keys;
}

/** The element type's text of an array type's text: `{ … }[]` and `(A | B)[]`. */
const elementType = (typeText) => typeText.trim().replace(/\[\]$/, '').replace(/^\(([\s\S]*)\)$/, '$1');

/** The members of an interface in grassroots.d.ts: { key: optional? }, own members only. */
function dtsInterface(name) {
  const body = dts.match(new RegExp(`export interface ${name}(?:<[^>]*>)?(?: extends [^{]+)? \\{(?:\\}|\\n([\\s\\S]*?)\\n\\})`));
  assert.ok(body, `interface ${name} in grassroots.d.ts`);
  return objectKeys(`{${(body[1] ?? '').split('\n').filter((l) => !/^\s*(\/\*\*|\*|\/\/)/.test(l)).join('\n')}}`);
}

/** The detail type of an event in the manifest, from `CustomEvent<{ … }>`. */
function manifestDetail(tag, event) {
  const found = element(tag).events.find((e) => e.name === event);
  assert.ok(found, `${tag} ${event} in the manifest`);
  return objectKeys(found.type.text.match(/^CustomEvent<([\s\S]*)>$/)[1]);
}

/** The detail type of an event in the manifest: { key: { optional, type } }. */
function manifestDetailType(tag, event) {
  const found = element(tag).events.find((e) => e.name === event);
  assert.ok(found, `${tag} ${event} in the manifest`);
  return objectMembers(found.type.text.match(/^CustomEvent<([\s\S]*)>$/)[1]);
}

/** The options each widget reads (lib.rs): the frame's for all, then each root component's own. */
function codeOptions() {
  const body = (start) => {
    const from = lib.indexOf(start);
    assert.ok(from >= 0, start);
    return lib.slice(from, lib.indexOf('\n}\n', from));
  };
  const reads = (text) => [...text.matchAll(/\boptions\.(\w+)/g)].map((m) => m[1]);
  // Every widget's frame, and the data's loading (the `limits` it is read under).
  const load = lib.slice(lib.indexOf('    fn load(&mut self, json: &str) {'), lib.indexOf('\n    }\n', lib.indexOf('    fn load(&mut self, json: &str) {')));
  assert.ok(load.includes('options.limits()'), 'the data is loaded under the limits option');
  const common = [...new Set([...reads(body('fn frame<')), ...reads(load)])];
  return Object.fromEntries(TAGS.map((tag) => [tag, sorted([...common, ...reads(body(`pub fn ${KIND_OF[tag].replaceAll('-', '_')}_widget(`))])]));
}

const observed = loader.match(/static observedAttributes = \[([^\]]*)\]/)[1].match(/'[^']+'/g).map((s) => s.slice(1, -1));
const themes = sorted([...css.matchAll(/:host\(\[theme="([^"]+)"\]\)/g)].map((m) => m[1]));

describe('the manifest against the sources', () => {
  test('the eight elements, each a custom element definition exported by grassroots.js', () => {
    assert.deepEqual(sorted(elements.map((e) => e.tagName)), sorted(TAGS));
    const definitions = manifest.modules[0].exports.filter((e) => e.kind === 'custom-element-definition');
    assert.deepEqual(sorted(definitions.map((d) => d.name)), sorted(TAGS));
    for (const d of definitions) assert.equal(element(d.name).name, d.declaration.name);
    const defined = loader.match(/const KINDS = (\{[^}]*\})/)[1];
    assert.deepEqual(sorted([...defined.matchAll(/'(gr-[a-z-]+)'/g)].map((m) => m[1])), sorted(TAGS));
  });

  test('attributes: each element lists exactly src, theme and the options its widget reads, and each is observed', () => {
    const options = codeOptions();
    assert.ok(loader.includes("this.getAttribute('src')"), 'grassroots.js reads src');
    assert.ok(themes.length > 0, 'style.css has theme presets');
    for (const tag of TAGS) {
      const listed = sorted(element(tag).attributes.map((a) => a.name));
      assert.deepEqual(listed, sorted(['src', 'theme', ...options[tag]]), tag);
      for (const option of options[tag]) assert.ok(observed.includes(option), `${tag}: ${option} is an observed attribute`);
    }
    // Every observed attribute is listed on some element.
    const all = elements.flatMap((e) => e.attributes.map((a) => a.name));
    for (const name of observed) assert.ok(all.includes(name), `observed attribute ${name} is in the manifest`);
  });

  test('theme presets: the manifest\'s and the declarations\' are style.css\'s :host([theme=…]) rules', () => {
    for (const tag of TAGS) {
      const theme = element(tag).attributes.find((a) => a.name === 'theme');
      assert.deepEqual(sorted(theme.type.text.match(/'[^']+'/g).map((s) => s.slice(1, -1))), themes, tag);
      for (const t of themes) assert.ok(theme.description.includes(`\`${t}\``), `${tag}: ${t} described`);
    }
    const declared = dts.match(/export type Theme = ([^;]+);/)[1];
    assert.deepEqual(sorted(declared.match(/'[^']+'/g).map((s) => s.slice(1, -1))), themes);
  });

  test('events: each element lists exactly the events its code dispatches', () => {
    const dispatched = codeEvents();
    assert.ok(dispatched['gr-service-board'].includes('gr-claim'), 'the parse found the board\'s events');
    assert.ok(dispatched['gr-grid-map'].includes('gr-select'), 'the parse found the map\'s gr-select (map.rs)');
    assert.ok(dispatched['gr-roster-import'].includes('gr-import'), 'the parse found the import\'s gr-import');
    assert.ok(dispatched['gr-dashboard'].includes('gr-export') && !dispatched['gr-org-tree'].includes('gr-export'), 'the parse found the export buttons');
    for (const tag of TAGS) assert.deepEqual(sorted(element(tag).events.map((e) => e.name)), dispatched[tag], tag);
  });

  test('event details: the manifest\'s and the declarations\' fields are the Rust detail structs\' (optional where skipped)', () => {
    const source = Object.fromEntries(rustSources());
    const select = {
      'gr-org-tree': ['wasm/src/org_tree/mod.rs', 'OrgTreeSelectDetail'],
      'gr-scorecard': ['wasm/src/scorecard.rs', 'ScorecardSelectDetail'],
      'gr-duty-list': ['wasm/src/duty_list.rs', 'DutyListSelectDetail'],
      'gr-case-tracker': ['wasm/src/case_tracker.rs', 'CaseTrackerSelectDetail'],
      'gr-grid-map': ['wasm/src/map.rs', 'GridMapSelectDetail'],
    };
    for (const [tag, [file, ts]] of Object.entries(select)) {
      const fields = rustStruct(source[file], 'SelectDetail');
      assert.deepEqual(manifestDetail(tag, 'gr-select'), fields, `${tag} manifest`);
      assert.deepEqual(dtsInterface(ts), fields, `${tag} ${ts}`);
    }
    // The dashboard fires its own detail (drill-down) and the map's (a shape selected on its
    // map): a field both have is required, a field of one only is optional.
    const own = rustStruct(source['wasm/src/dashboard.rs'], 'SelectDetail');
    const onMap = rustStruct(source['wasm/src/map.rs'], 'SelectDetail');
    assert.ok(source['wasm/src/dashboard.rs'].includes('dispatch_select('), 'the dashboard fires the map\'s gr-select');
    const either = Object.fromEntries([...new Set([...Object.keys(own), ...Object.keys(onMap)])]
      .map((k) => [k, !(k in own) || !(k in onMap) || own[k] || onMap[k]]));
    assert.deepEqual(manifestDetail('gr-dashboard', 'gr-select'), either, 'gr-dashboard manifest');
    assert.deepEqual(dtsInterface('DashboardSelectDetail'), either, 'gr-dashboard DashboardSelectDetail');
    const board = source['wasm/src/service_board.rs'];
    for (const [event, struct] of [['gr-claim', 'ClaimDetail'], ['gr-transition', 'TransitionDetail']]) {
      const fields = rustStruct(board, struct);
      assert.deepEqual(manifestDetail('gr-service-board', event), fields, event);
      assert.deepEqual(dtsInterface(struct), fields, struct);
    }
    // gr-import: the import's detail, its warnings the file's problems (Entry).
    const importer = source['wasm/src/roster_import.rs'];
    const importDetail = rustStruct(importer, 'ImportDetail');
    assert.deepEqual(manifestDetail('gr-roster-import', 'gr-import'), importDetail, 'gr-import');
    assert.deepEqual(dtsInterface('ImportDetail'), importDetail, 'ImportDetail');
    const entry = rustStruct(importer, 'Entry');
    assert.match(importer.match(/struct ImportDetail[\s\S]*?\n\}/)[0], /warnings: Vec<Entry\b/, 'gr-import\'s warnings are Entry');
    assert.deepEqual(objectKeys(elementType(manifestDetailType('gr-roster-import', 'gr-import').warnings.type)), entry, 'gr-import warnings in the manifest');
    assert.deepEqual(dtsInterface('ImportProblem'), entry, 'ImportProblem');
    assert.match(dts, /export interface ImportDetail \{[\s\S]*?\n {2}warnings: ImportProblem\[\];\n\}/, 'ImportDetail.warnings are ImportProblem');
    // The import's gr-error: the same detail as every widget's, its entries the data's problems
    // (as every widget's) or the file's (Entry).
    assert.deepEqual(rustStruct(importer, 'ErrorDetail'), rustStruct(source['wasm/src/error_panel.rs'], 'ErrorDetail'), 'the import\'s gr-error detail is every widget\'s');
    const importErrors = manifestDetailType('gr-roster-import', 'gr-error');
    for (const key of ['errors', 'warnings']) {
      const kinds = elementType(importErrors[key].type).split(/ \| (?=\{)/).map(objectKeys);
      assert.ok(kinds.some((k) => 'path' in k), `the import's gr-error ${key}: the data's problems`);
      assert.ok(kinds.some((k) => JSON.stringify(k) === JSON.stringify(entry)), `the import's gr-error ${key}: the file's problems (Entry)`);
    }
    assert.match(dts, /export interface GrRosterImportEventMap[^{]*\{[^}]*'gr-error': CustomEvent<RosterImportErrorDetail>/, 'GrRosterImportEventMap\'s gr-error');
    assert.match(dts, /export type RosterImportErrorDetail = ErrorDetail<ProblemEntry \| ImportProblem>;/);
    // gr-export: the object export.js builds (tableOf), which the workbook writer (xlsx.rs) reads.
    const tableOf = exporter.slice(exporter.indexOf('function tableOf('));
    const built = braced(tableOf, tableOf.indexOf('return {') + 'return '.length);
    const exportKeys = literalKeys(built);
    assert.ok(exportKeys.includes('sheets') && exportKeys.includes('widget'), exportKeys.join(' '));
    const sheetKeys = literalKeys(braced(built, built.indexOf('sheets: [{') + 'sheets: ['.length));
    const required = (keys) => Object.fromEntries(keys.map((k) => [k, false]));
    for (const tag of exportingTags()) assert.deepEqual(manifestDetail(tag, 'gr-export'), required(exportKeys), `${tag} gr-export`);
    assert.deepEqual(dtsInterface('ExportDetail'), required(exportKeys), 'ExportDetail');
    const manifestSheets = manifestDetailType('gr-scorecard', 'gr-export').sheets;
    assert.deepEqual(objectKeys(elementType(manifestSheets.type)), required(sheetKeys), 'gr-export sheets in the manifest');
    assert.deepEqual(dtsInterface('ExportSheet'), required(sheetKeys), 'ExportSheet');
    const writer = source['wasm/src/xlsx.rs'];
    const reads = sorted([...writer.matchAll(/\b(?:doc|sheet)\.get\("(\w+)"\)/g)].map((m) => m[1]));
    assert.ok(reads.length >= 4, reads.join(' '));
    for (const key of reads) assert.ok(exportKeys.includes(key) || sheetKeys.includes(key), `xlsx.rs reads ${key}, which gr-export's detail has`);
    // Its cells: the shapes cellOf makes are ExportCell's and the manifest's.
    const cellFrom = exporter.indexOf('function cellOf(');
    const cellOf = exporter.slice(cellFrom, exporter.indexOf('\n}\n', cellFrom));
    const shapes = sorted([...cellOf.matchAll(/return \{ (\w+):/g)].map((m) => m[1]));
    assert.deepEqual(shapes, ['date', 'percent']);
    const cell = dts.match(/export type ExportCell = ([^;]+);/)[1];
    for (const shape of shapes) {
      assert.ok(cell.includes(`{ ${shape}: `), `ExportCell has { ${shape} }`);
      assert.ok(manifestSheets.type.includes(`{ ${shape}: `), `the manifest's cells have { ${shape} }`);
    }
    // gr-error: the Rust detail, with `warnings` optional because grassroots.js's own load
    // failure sends none.
    const error = rustStruct(source['wasm/src/error_panel.rs'], 'ErrorDetail');
    const fromJs = loader.match(/new CustomEvent\('gr-error',[\s\S]*?detail: \{([^}]*?), errors:/);
    assert.ok(fromJs, 'grassroots.js sends gr-error');
    const jsKeys = ['errors', ...fromJs[1].split(',').map((s) => s.split(':')[0].trim())];
    const expected = Object.fromEntries(Object.keys(error).map((k) => [k, !jsKeys.includes(k)]));
    for (const tag of TAGS) assert.deepEqual(manifestDetail(tag, 'gr-error'), expected, tag);
    assert.deepEqual(dtsInterface('ErrorDetail'), expected);
  });

  test('CSS custom properties: every element lists exactly those a page can set (style.css), with their defaults', () => {
    // A page can set a property when the stylesheet declares it on :host (the page's value on
    // the element wins) or only reads it with a fallback; one declared on an inner element
    // (--gr-depth on rows) is the stylesheet's own: a page's value never reaches it.
    const hostBlock = css.match(/:host \{([^}]*)\}/)[1];
    const defaults = Object.fromEntries([...hostBlock.matchAll(/(--gr-[a-z0-9-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
    const declared = new Set([...css.matchAll(/(--gr-[a-z0-9-]+)\s*:/g)].map((m) => m[1]));
    for (const [, name, fallback] of css.matchAll(/var\((--gr-[a-z0-9-]+),\s*([^;]+?)\)[;\s]/g)) {
      // A property whose fallback differs by palette or theme (the map's colours) or by
      // language (the font) is listed with the default "by palette" or "by language".
      if (!declared.has(name)) defaults[name] = defaults[name] === undefined || defaults[name] === fallback.trim() ? fallback.trim() : null;
    }
    const names = sorted(Object.keys(defaults));
    assert.ok(names.length >= 10 && names.includes('--gr-primary') && names.includes('--gr-font-family'), names.join(' '));
    assert.ok(names.includes('--gr-map-height'), 'the map\'s height');
    for (const tag of TAGS) {
      // The map's properties (--gr-map-…) on the elements that draw a map, every other on all.
      const listed = element(tag).cssProperties;
      assert.deepEqual(sorted(listed.map((p) => p.name)), names.filter((n) => !n.startsWith('--gr-map-') || MAPS.includes(tag)), tag);
      for (const p of listed) {
        if (defaults[p.name] === null) assert.match(p.default, /^by (palette|language)$/, `${tag} ${p.name}`);
        else assert.equal(p.default, defaults[p.name], `${tag} ${p.name}`);
      }
    }
  });

  test('options: the declarations\' per-kind options are the widgets\' own plus theme, and mount() exists per kind', () => {
    const options = codeOptions();
    const fields = Object.keys(rustStruct(lib, 'Options'));
    const byKind = {
      'gr-org-tree': 'OrgTreeOptions', 'gr-scorecard': 'ScorecardOptions', 'gr-duty-list': 'DutyListOptions',
      'gr-service-board': 'ServiceBoardOptions', 'gr-case-tracker': 'CaseTrackerOptions', 'gr-dashboard': 'DashboardOptions',
      'gr-grid-map': 'GridMapOptions', 'gr-roster-import': 'RosterImportOptions',
    };
    const common = Object.keys(dtsInterface('CommonOptions'));
    for (const [tag, name] of Object.entries(byKind)) {
      const declared = sorted([...common, ...Object.keys(dtsInterface(name))]);
      assert.deepEqual(declared, sorted(['theme', ...options[tag]]), name);
      for (const o of options[tag]) assert.ok(fields.includes(o), `${o} is a field of Options`);
      assert.ok(dts.includes(`export function mount(element: HTMLElement, kind: '${KIND_OF[tag]}', data?: WidgetData<'${KIND_OF[tag]}'> | null, options?: ${name}): WidgetHandle<'${KIND_OF[tag]}'>;`), `mount() for ${KIND_OF[tag]}`);
    }
    assert.deepEqual(sorted(fields), sorted(Object.values(options).flat()), 'every option of Options is read by some widget');
  });

  test('the map\'s figures: the declarations\' Figure, the manifest\'s figure attribute and mount()\'s option are map.rs\'s Figure keys', () => {
    const map = Object.fromEntries(rustSources())['wasm/src/map.rs'];
    const body = map.match(/pub fn key\(self\) -> &'static str \{([\s\S]*?)\n {4}\}/);
    assert.ok(body, 'Figure::key in map.rs');
    const keys = [...body[1].matchAll(/Figure::\w+ => "([a-z0-9-]+)"/g)].map((m) => m[1]);
    const all = map.match(/pub const ALL: \[Figure; (\d+)\]/);
    assert.equal(keys.length, Number(all?.[1]), 'a key for every figure');
    const quoted = (text) => sorted(text.match(/'[^']+'/g).map((s) => s.slice(1, -1)));
    assert.deepEqual(quoted(dts.match(/export type Figure = ([^;]+);/)[1]), sorted(keys), 'Figure in grassroots.d.ts');
    const attribute = element('gr-grid-map').attributes.find((a) => a.name === 'figure');
    assert.deepEqual(quoted(attribute.type.text), sorted(keys), 'the figure attribute');
    assert.equal(attribute.default, '"households"');
    assert.ok(/unwrap_or\(Figure::Households\)/.test(map), 'households is the default in map.rs');
    const mount = manifest.modules[0].declarations.find((d) => d.name === 'mount');
    const figure = mount.parameters.find((p) => p.name === 'options').type.text.match(/figure\?: ([^;}]+)/)[1];
    assert.deepEqual(quoted(figure), sorted(keys), 'mount()\'s figure option');
  });

  test('the import\'s records: the declarations\' ImportRecords, the manifest\'s records attribute, mount()\'s option and gr-import\'s detail are the core\'s sheet kinds', () => {
    const core = read('core/src/sheets/mod.rs');
    const body = core.match(/pub fn key\(self\) -> &'static str \{([\s\S]*?)\n {4}\}/);
    assert.ok(body, 'Kind::key in core/src/sheets/mod.rs');
    const keys = [...body[1].matchAll(/Kind::\w+ => "([a-z-]+)"/g)].map((m) => m[1]);
    assert.equal(keys.length, Number(core.match(/pub const ALL: \[Kind; (\d+)\]/)?.[1]), 'a key for every kind');
    const quoted = (text) => sorted(text.match(/['"][^'"]+['"]/g).map((s) => s.slice(1, -1)));
    assert.deepEqual(quoted(dts.match(/export type ImportRecords = ([^;]+);/)[1]), sorted(keys), 'ImportRecords in grassroots.d.ts');
    const attribute = element('gr-roster-import').attributes.find((a) => a.name === 'records');
    assert.deepEqual(quoted(attribute.type.text), sorted(keys), 'the records attribute');
    assert.equal(attribute.default, '"members"');
    assert.match(read('wasm/src/roster_import.rs'), /and_then\(kind_key\)\.unwrap_or\("members"\)/, 'members is the default in roster_import.rs');
    assert.match(read('wasm/src/sheet_outcome.rs'), new RegExp(`pub const KINDS: \\[&str; ${keys.length}\\] = \\[${keys.map((k) => `"${k}"`).join(', ')}\\];`), 'the widget\'s kinds are the core\'s, in order');
    const mount = manifest.modules[0].declarations.find((d) => d.name === 'mount');
    assert.deepEqual(quoted(mount.parameters.find((p) => p.name === 'options').type.text.match(/records\?: ([^;}]+)/)[1]), sorted(keys), 'mount()\'s records option');
    assert.deepEqual(quoted(manifestDetailType('gr-roster-import', 'gr-import').records.type), sorted(keys), 'gr-import\'s records');
    assert.match(dts, /export interface ImportDetail \{\n {2}records: ImportRecords;/);
  });

  test('events in the declarations: each element\'s event map has exactly the manifest\'s events, the others left out', () => {
    const names = dts.match(/export type GrEventName = ([^;]+);/);
    assert.ok(names, 'GrEventName');
    const all = sorted(elements.flatMap((e) => e.events.map((v) => v.name)));
    assert.deepEqual(sorted(names[1].match(/'[^']+'/g).map((s) => s.slice(1, -1))), all, 'GrEventName is every element\'s events');
    assert.match(dts, /type OtherEvents = Omit<HTMLElementEventMap, GrEventName>;/);
    for (const tag of TAGS) {
      const name = `Gr${KIND_OF[tag].split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('')}EventMap`;
      const map = dts.match(new RegExp(`export interface ${name} extends (\\w+) \\{\\n([\\s\\S]*?)\\n\\}`));
      assert.ok(map, name);
      assert.equal(map[1], 'OtherEvents', `${name} leaves out the events its element does not fire`);
      assert.deepEqual(sorted([...map[2].matchAll(/^\s*'(gr-[a-z-]+)':/gm)].map((m) => m[1])), sorted(element(tag).events.map((e) => e.name)), name);
      assert.ok(dts.includes(`addEventListener<T extends keyof ${name}>(`), `${tag}'s addEventListener uses ${name}`);
    }
    // A listener on an ancestor hears them all.
    const global = dts.match(/interface GlobalEventHandlersEventMap \{\n([\s\S]*?)\n {2}\}/)[1];
    assert.deepEqual(sorted([...global.matchAll(/^\s*'(gr-[a-z-]+)':/gm)].map((m) => m[1])), all, 'GlobalEventHandlersEventMap');
  });

  test('attributes in the declarations: ElementAttributesMap lists each element\'s, as the manifest does', () => {
    const map = dts.match(/export interface ElementAttributesMap \{\n([\s\S]*?)\n\}/)[1];
    const common = Object.keys(dtsInterface('CommonAttributes'));
    for (const tag of TAGS) {
      const entry = map.split('\n').map((l) => l.match(/^\s*'(gr-[a-z-]+)': (.+?);?$/)).find((m) => m?.[1] === tag)?.slice(1);
      assert.ok(entry, tag);
      const own = entry[1].includes('{') ? Object.keys(objectKeys(entry[1].slice(entry[1].indexOf('{')))) : [];
      assert.ok(entry[1].startsWith('CommonAttributes'), tag);
      assert.deepEqual(sorted([...common, ...own]), sorted(element(tag).attributes.map((a) => a.name)), tag);
    }
  });
});

describe('the manifest against the real elements in Chromium', () => {
  let env;
  let page;
  before(async () => {
    env = await start();
    page = await open(env, '/test/api.html');
    await page.waitForFunction(() => customElements.get('gr-dashboard'));
  });
  after(async () => { await page?.close(); await env?.close(); });

  test('defined elements, their observed attributes and the data/handle accessors; the module\'s exports', async () => {
    const live = await page.evaluate(async (tags) => {
      const out = {};
      for (const tag of tags) {
        const type = customElements.get(tag);
        const own = (name) => {
          const d = Object.getOwnPropertyDescriptor(type.prototype, name);
          return d ? { get: typeof d.get, set: typeof d.set } : null;
        };
        out[tag] = { observed: type.observedAttributes, data: own('data'), handle: own('handle') };
      }
      out.exports = Object.keys(await import('/grassroots/grassroots.js')).sort();
      return out;
    }, TAGS);
    for (const tag of TAGS) {
      const listed = element(tag).attributes.map((a) => a.name);
      // Every attribute the element observes is listed unless no widget of this kind reads it…
      const options = codeOptions()[tag];
      assert.deepEqual(sorted(live[tag].observed.filter((a) => options.includes(a) || a === 'src')), sorted(listed.filter((a) => a !== 'theme')), tag);
      // …and `theme` is not observed: the stylesheet reads it on the host.
      assert.equal(live[tag].observed.includes('theme'), false);
      assert.deepEqual(live[tag].data, { get: 'function', set: 'function' }, `${tag}.data`);
      assert.deepEqual(live[tag].handle, { get: 'function', set: 'undefined' }, `${tag}.handle is read-only`);
      const members = element(tag).members;
      assert.deepEqual(members.map((m) => [m.name, Boolean(m.readonly)]), [['data', false], ['handle', true]], tag);
    }
    const exported = manifest.modules[0].exports.filter((e) => e.kind === 'js').map((e) => e.name).sort();
    assert.deepEqual(live.exports, exported);
    for (const name of exported) assert.ok(new RegExp(`export function ${name}\\b`).test(dts), `${name} declared`);
    assert.deepEqual(page.problems, []);
  });
});
