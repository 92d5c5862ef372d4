// Writes custom-elements.json (Custom Elements Manifest, schema 2.1) for the widget package:
//   node wasm/package/manifest.mjs          rewrites wasm/package/custom-elements.json
//   node wasm/package/manifest.mjs --check  exits 1 when the file is not what this script writes
// The elements share most of what they declare, so it is written from the tables below rather
// than by hand eight times. tests/browser/manifest.test.mjs checks the result against the code
// both ways (attributes, events and their detail fields, CSS custom properties, themes).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'custom-elements.json');

/** The values of `<gr-grid-map figure>` (wasm/src/map.rs, Figure::key). */
const FIGURES = ['households', 'population', 'members', 'workers-per-1000', 'members-in-grid', 'open-cases', 'overdue-clocks', 'response-rate', 'star-tier'];

/** The values of `<gr-roster-import records>`: what the file holds (core/src/sheets/mod.rs, Kind::key). */
const RECORDS = ['members', 'grids', 'units', 'nodes', 'lists'];
const quoted = (values) => values.map((v) => `'${v}'`).join(' | ');

const THEMES = { blue: '政务蓝 (government blue)', 'high-contrast': 'black on white, for low vision' };

const COMMON_ATTRIBUTES = [
  { name: 'src', type: { text: 'string' }, description: 'URL of the JSON data, relative to the page. The `data` property and an inline `<script type="application/json">` child win over it; a failed fetch shows in the error panel and fires `gr-error` with code `fetch`.' },
  { name: 'lang', type: { text: 'string' }, default: '"zh-CN"', description: 'BCP 47 tag: `en…` gives English, anything else zh-CN. Without it the nearest ancestor\'s `lang` (across shadow roots), then the document\'s, followed as they change.' },
  { name: 'elderly', type: { text: 'boolean' }, description: '适老化 elderly mode while present: 24 px text, 60 px targets, no motion.' },
  { name: 'label', type: { text: 'string' }, description: 'Accessible label replacing the widget\'s default title.' },
  {
    name: 'theme',
    type: { text: Object.keys(THEMES).map((t) => `'${t}'`).join(' | ') },
    description: `A theme preset: none for 党建红 (Party red), ${Object.entries(THEMES).map(([k, v]) => `\`${k}\` for ${v}`).join(', ')}. Custom properties set on the element by the page win over the preset.`,
  },
  { name: 'limits', type: { text: 'string' }, description: 'What the data may cost before it is read, as JSON: `{"bytes": 33554432, "depth": 64, "string": 1048576, "records": 10000000}` (the defaults; each optional). Past a limit nothing is read: the error panel names the limit and the JSON path, and `gr-error` has code `limit`; a `src` over `bytes` is not fetched to the end.' },
];

const SPECIFIC_ATTRIBUTES = {
  'gr-scorecard': [{ name: 'entity', type: { text: 'string' }, description: 'The entity whose scorecard opens first; the ranking shows without it.' }],
  'gr-case-tracker': [
    { name: 'now', type: { text: 'string' }, description: 'The moment the clocks start at (RFC 3339); the browser\'s clock without it. The clocks then run on in real time.' },
    { name: 'case', type: { text: 'string' }, description: 'The case whose detail opens first; the top of the list without it.' },
  ],
  'gr-service-board': [{ name: 'reveal', type: { text: 'boolean' }, description: 'Phone numbers shown, and exported, in full while present; masked (139****1234) otherwise. Only for a page whose users may see them.' }],
  'gr-dashboard': [{ name: 'node', type: { text: 'string' }, description: 'The record id of the node shown first; the root without it.' }],
  'gr-grid-map': [
    { name: 'node', type: { text: 'string' }, description: 'The record id of the node whose inside is drawn first (its communities, or its grids); the root without it.' },
    { name: 'figure', type: { text: quoted(FIGURES) }, default: '"households"', description: 'What colours the map. The case figures (`open-cases`, `overdue-clocks`, `response-rate`) need `cases` in the data, `star-tier` a `scorecard`; a figure the data cannot give, or an unknown one, falls back to `households`. The map\'s own menu changes it too.' },
  ],
  'gr-roster-import': [{ name: 'records', type: { text: quoted(RECORDS) }, default: '"members"', description: 'What the file holds, chosen first: `members` (党员), `grids` (网格), `units` (单位), `nodes` (组织) or `lists` (清单事项, into a lists document); an unknown value falls back to `members`. The person can change it in the widget.' }],
};

const PROBLEM = '{ severity: "error" | "warning"; record?: string | null; path: string; code: string; message: string; [field: string]: unknown }';
/** A problem with a spreadsheet (`<gr-roster-import>`, wasm/src/roster_import.rs, Entry). */
const IMPORT_PROBLEM = '{ severity: "error" | "warning"; file: string; sheet?: string; row?: number; column?: string; record?: string; code: string; message: string }';
/**
 * `gr-error` of element `e`: the data's problems, each with its record and JSON path; for the
 * import (`e.error: 'sheets'`) also the file's, each with its place in the file instead.
 */
function errorEvent(e) {
  const entry = e.error === 'sheets' ? `(${PROBLEM} | ${IMPORT_PROBLEM})` : PROBLEM;
  const codes = ['"fetch" for a `src` that could not be fetched', '"load" when the widget\'s own code could not be loaded', ...(e.exports ? ['"export" when a table could not be exported'] : [])];
  const sheets = e.error === 'sheets' ? ' A file with errors: each of its problems with its `file`, `sheet`, `row` (as the spreadsheet numbers it), `column` (its header as written) and `record`, and no JSON path; the file\'s warnings with them.' : '';
  return {
    name: 'gr-error',
    type: { text: `CustomEvent<{ widget: string; errors: ${entry}[]; warnings?: ${entry}[]; omitted?: number }>` },
    description: `The data could not be used: every problem with its record and JSON path, \`message\` in the widget's language (\`code\` ${codes.join(', ')}; \`limit\` where the data passed one of its \`limits\`, with \`limit\`, \`max\` and \`found\`).${sheets} The first 1,000 errors and 1,000 warnings are carried; \`omitted\` counts the rest (the panel lists the first 100). Bubbles, composed.`,
  };
}
/** The cells of an exported table (wasm/js/export.js, cellOf; wasm/src/xlsx.rs reads them). */
const CELL = 'string | number | boolean | null | { date: string } | { percent: number }';
/** The 导出 Excel buttons' event (wasm/js/export.js, tableOf), on the elements with `exports: true`. */
const EXPORT_EVENT = {
  name: 'gr-export',
  type: { text: `CustomEvent<{ widget: string; title: string; file: string; exportedAt: string; sheets: { name: string; headers: string[]; rows: (${CELL})[][] }[] }>` },
  description: 'A table\'s 导出 Excel button was pressed: the table as shown (its rows after the filters, its columns less the actions), numbers as numbers, `{ date }` a day (YYYY-MM-DD), `{ percent }` a share (0.853), null an empty cell; `title` from the caption, `exportedAt` the local time (`YYYY-MM-DD HH:MM +08:00`). Cancelable: unless a listener calls preventDefault() (to make the file itself), the spreadsheet writer is loaded and the browser downloads `${file}.xlsx`. Bubbles, composed.',
};
const PROVIDER = '{ kind: "member" | "unit"; id: string }';
const CLAIM_STATE = '"new" | "ordered" | "dispatched" | "accepted" | "done" | "reviewed" | "rejected" | "withdrawn"';

const ELEMENTS = [
  {
    tag: 'gr-org-tree', name: 'GrOrgTreeElement', kind: 'org-tree', data: 'OrganizationDocument',
    summary: 'The organization tree (党组织架构): a WAI-ARIA tree, 100,000 nodes virtualized, search, per-node figures.',
    events: [{ name: 'gr-select', detail: '{ id: string; name: string; level: string; code?: string; path: string[] }', description: 'A node was selected (Enter or a click); `path` is the record ids from the node up to the root.' }],
  },
  {
    tag: 'gr-scorecard', name: 'GrScorecardElement', kind: 'scorecard', data: 'ScorecardDocument',
    summary: 'A rule set\'s results (五星支部 and other assessments): a sortable, filterable ranking; each entity\'s scorecard with every indicator explained.',
    events: [{ name: 'gr-select', detail: '{ id: string; name: string; tier: "excellence" | "pass" | "fail" | "not_rated"; rank: number | null; total: number }', description: 'An entity\'s scorecard opened; `rank` is null when not rated.' }],
    exports: true,
  },
  {
    tag: 'gr-duty-list', name: 'GrDutyListElement', kind: 'duty-list', data: 'ListsDocument | ListsPair',
    summary: '四张清单 with filters, the certificate lookup, and the diff between two versions (`{"old", "new"}`).',
    events: [{ name: 'gr-select', detail: '{ id: string; name: string; kind: "self_governance" | "assist" | "certificate" | "negative"; level: string; status: "in_force" | "abolished" | "delegated_down" }', description: 'An item\'s details opened.' }],
    exports: true,
  },
  {
    tag: 'gr-service-board', name: 'GrServiceBoardElement', kind: 'service-board', data: 'ServicesDocument | ServicesWithOrg',
    summary: 'Demands, claims and offers with the matcher\'s suggestions; only the legal next steps. It never saves: it asks the host (gr-claim, gr-transition) and shows the step pending until the data is updated.',
    events: [
      { name: 'gr-claim', detail: `{ demand: string; offer: string; provider: ${PROVIDER} }`, description: '认领: the host should save a claim of `demand` by the suggested offer, then update the data.' },
      { name: 'gr-transition', detail: `{ claim: string; from: ${CLAIM_STATE}; step: ${CLAIM_STATE}; at: string; rating?: number; offer?: string; provider?: ${PROVIDER} }`, description: 'A step of a claim for the host to save; `at` is RFC 3339 at +08:00, `rating` for a review, `offer`/`provider` for a dispatch (派单).' },
    ],
    exports: true,
  },
  {
    tag: 'gr-case-tracker', name: 'GrCaseTrackerElement', kind: 'case-tracker', data: 'CasesDocument | CasesWithOrg',
    summary: '民情 cases, overdue first; one case\'s five steps, dispatch and escalation, live 1310 / 12345 countdowns.',
    events: [{ name: 'gr-select', detail: '{ id: string; title: string; step: "collect" | "analyse" | "handle" | "feedback" | "review" | null; breached: string[] }', description: 'A case opened: its last step (null before the first) and its breached clocks as `profile/clock`.' }],
    exports: true,
  },
  {
    tag: 'gr-dashboard', name: 'GrDashboardElement', kind: 'dashboard', data: 'DashboardData',
    summary: '一屏统览 of one node: counts, coverage and members-by-kind charts (SVG with a table alternative), case rates, star tiers, and the map of grids beside them when the data has `geo`; drill-down with a breadcrumb.',
    events: [{ name: 'gr-select', detail: '{ id: string; name: string; kind: "grid" | "node"; level: string }', description: 'A node was drilled into (`kind` "node"), or a grid selected on the map, by its grid id (`kind` and `level` "grid").' }],
    map: true,
    exports: true,
  },
  {
    tag: 'gr-grid-map', name: 'GrGridMapElement', kind: 'grid-map', data: 'GridMapData',
    summary: 'The map of grids (网格地图): a geometry document\'s grids and nodes drawn as SVG (no tiles, no network), coloured by one figure with a legend; arrow keys move between neighbours, +/−/0 zoom, drill-down with a breadcrumb, a table alternative.',
    events: [{ name: 'gr-select', detail: '{ id: string; name: string; kind: "grid" | "node"; level: string }', description: 'A shape was selected (Enter or a click): a grid by its grid id (`level` "grid"), a node by its record id and level key.' }],
    map: true,
    exports: true,
  },
  {
    tag: 'gr-roster-import', name: 'GrRosterImportElement', kind: 'roster-import', data: 'OrganizationDocument | ListsDocument', optional: 'without data it makes a new document; a lists document (told apart by its `items`) takes `lists` records',
    summary: '表格导入: a roster or ledger (.xlsx, .xls, .ods, .csv; GBK CSV too) chosen or dropped, read in the browser by the same code as `grassroots import`: the rows recognised, personal data masked, every problem with its file, sheet, row and column; on confirmation `gr-import` carries the document for the host to save. Nothing is uploaded.',
    events: [{ name: 'gr-import', detail: `{ records: ${quoted(RECORDS).replaceAll("'", '"')}; file: string; sheet: string; count: number; document: OrganizationDocument | ListsDocument; warnings: ${IMPORT_PROBLEM}[] }`, description: 'The person confirmed the import: `count` records of kind `records` read from `sheet` of `file`, and `document` — the data given (or a new one) with them in it, in full, unmasked — for the host to save, then set as `data`; a lists document for `lists`, else an organization document. `warnings` are the file\'s.' }],
    error: 'sheets',
  },
];

/** The custom properties that cross the shadow boundary, with their defaults (style.css). */
const CSS_PROPERTIES = [
  ['--gr-primary', '#b3140c', 'Titles, rules under headings, bars, the selected tab (党建红).', '<color>'],
  ['--gr-text', '#1f1f1f', 'Body text (≥ 4.5:1 on white).', '<color>'],
  ['--gr-muted', '#595959', 'Secondary text (≥ 4.5:1 on white).', '<color>'],
  ['--gr-bg', '#ffffff', 'The widget\'s background.', '<color>'],
  ['--gr-line', '#d9d9d9', 'Borders and table rules.', '<color>'],
  ['--gr-focus', '#0b57d0', 'The focus ring.', '<color>'],
  ['--gr-select-bg', '#fdeceb', 'The selected row.', '<color>'],
  ['--gr-match-bg', '#fff3c4', 'Search matches.', '<color>'],
  ['--gr-error', '#a4000f', 'The error panel, overdue clocks.', '<color>'],
  ['--gr-font-size', '16px', 'The widget\'s base size (elderly mode: 24px); everything else is in em.', '<length>'],
  ['--gr-font-family', 'by language', 'The widget\'s font; no web fonts are loaded. Unset: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif in zh-CN; in English "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "Noto Sans" first, then those (a Chinese face draws curly quotes full-width).', '*'],
  ['--gr-row-height', '2.25em', 'Row and target height (elderly mode: 60px).', '<length>'],
  ['--gr-tree-height', '28em', 'The tree\'s scroll box.', '<length>'],
  ['--gr-table-height', '36em', 'The height a table scrolls in, its header in view.', '<length>'],
];

/** The custom properties of the elements that draw a map (`map: true` above). */
const MAP_CSS_PROPERTIES = [
  ['--gr-map-c0', 'by palette', 'The map\'s lowest class (c1 … c4 the higher ones): ColorBrewer YlGnBu for counts and shares, YlOrRd for open cases and overdue clocks, three reds for the tiers; greys under the high-contrast theme. Set here, it wins over every palette.', '<color>'],
  ['--gr-map-c1', 'by palette', 'The map\'s second class.', '<color>'],
  ['--gr-map-c2', 'by palette', 'The map\'s third class.', '<color>'],
  ['--gr-map-c3', 'by palette', 'The map\'s fourth class.', '<color>'],
  ['--gr-map-c4', 'by palette', 'The map\'s highest class.', '<color>'],
  ['--gr-map-none', 'by palette', 'A shape with no figure (no data, not enough cases): #f2f2f2, white under the high-contrast theme.', '<color>'],
  ['--gr-map-line', 'by palette', 'The shapes\' outlines: white, black under the high-contrast theme.', '<color>'],
  ['--gr-map-active', 'var(--gr-focus)', 'The outline of the active shape.', '<color>'],
  ['--gr-map-height', '32em', 'The largest height the map\'s drawing takes (it fits the widget\'s width below that).', '<length>'],
];

const declarations = ELEMENTS.map((e) => ({
  kind: 'class',
  customElement: true,
  tagName: e.tag,
  name: e.name,
  summary: e.summary,
  description: `${e.summary} Data${e.optional ? ' (optional)' : ''}: ${e.data} (see grassroots.d.ts), as the \`data\` property, an inline \`<script type="application/json">\` child or the \`src\` attribute${e.optional ? `; ${e.optional}` : ''}. The same widget without the element: \`mount(element, '${e.kind}', data, options)\`.`,
  superclass: { name: 'HTMLElement', package: 'global:' },
  attributes: [...COMMON_ATTRIBUTES, ...(SPECIFIC_ATTRIBUTES[e.tag] ?? [])],
  members: [
    { kind: 'field', name: 'data', type: { text: `${e.data} | string | undefined` }, description: 'The data as a value or JSON text; setting it (re)renders the widget and wins over `src`.' },
    { kind: 'field', name: 'handle', readonly: true, type: { text: `WidgetHandle<'${e.kind}'> | null` }, description: 'The mount() handle behind the element while it is connected: `ready`, `update(data)`, `setOptions(options)`, `fail(message)`, `destroy()`.' },
  ],
  events: [...e.events.map((v) => ({ name: v.name, type: { text: `CustomEvent<${v.detail}>` }, description: `${v.description} Bubbles, composed.` })), ...(e.exports ? [EXPORT_EVENT] : []), errorEvent(e)],
  cssProperties: [...CSS_PROPERTIES, ...(e.map ? MAP_CSS_PROPERTIES : [])].map(([name, value, description, syntax]) => ({ name, syntax, default: value, description })),
}));

const KINDS = ELEMENTS.map((e) => `'${e.kind}'`).join(' | ');
const functions = [
  {
    kind: 'function', name: 'mount',
    description: 'Mounts a widget of `kind` into `element` (inside its shadow root) without a custom element, loading its code if needed.',
    parameters: [
      { name: 'element', type: { text: 'HTMLElement' } },
      { name: 'kind', type: { text: KINDS } },
      { name: 'data', optional: true, type: { text: 'object | string | null' }, description: 'The kind\'s document (see the elements) or its JSON text; `roster-import` needs none (it makes a new document).' },
      { name: 'options', optional: true, type: { text: `{ lang?: string; elderly?: boolean; label?: string; theme?: 'blue' | 'high-contrast' | ''; entity?: string; now?: string; case?: string; node?: string; figure?: ${quoted(FIGURES)}; records?: ${quoted(RECORDS)}; reveal?: boolean; limits?: { bytes?: number; depth?: number; string?: number; records?: number } }` }, description: 'The attributes as options; `entity` for scorecards, `now` and `case` for the case tracker, `node` for the dashboard and the map, `figure` for the map, `reveal` for the service board, `records` for the import, `limits` for any (an object here, JSON text as the attribute).' },
    ],
    return: { type: { text: 'WidgetHandle' } },
  },
  {
    kind: 'function', name: 'ready',
    description: 'Loads the code of the given kinds (all eight when none is named) ahead of time.',
    parameters: [{ name: 'kinds', rest: true, type: { text: `(${KINDS})[]` } }],
    return: { type: { text: 'Promise<void>' } },
  },
  {
    kind: 'function', name: 'evaluate',
    description: 'Evaluates a scorecard document ({ rules, entities }) in the browser with the same code as the CLI; rejects with every problem for bad data.',
    parameters: [{ name: 'data', type: { text: 'ScorecardDocument | string' } }],
    return: { type: { text: 'Promise<Evaluation>' } },
  },
  {
    kind: 'function', name: 'recut',
    description: 'Re-cuts blocks into grids or districts (片区重划) in the browser with the same code as `grassroots recut --format json`: every part contiguous, inside its community, within a size range or balanced, moving as few blocks as the constraints allow; rejects with every problem.',
    parameters: [
      { name: 'input', type: { text: 'GeoDocument | object | string' }, description: 'A geometry document whose block features carry households and population, or a blocks document with its adjacency.' },
      { name: 'options', type: { text: 'RecutOptions | string' } },
      { name: 'org', optional: true, type: { text: 'OrganizationDocument | string' }, description: 'The organization whose grids today\'s parts are: the outcome then has the grid edits.' },
    ],
    return: { type: { text: 'Promise<RecutOutcome>' } },
  },
];

const manifest = {
  schemaVersion: '2.1.0',
  modules: [{
    kind: 'javascript-module',
    path: 'grassroots.js',
    description: 'The one module a page imports: it defines all eight elements and loads each kind\'s code when an element of that kind first connects (the spreadsheet writer behind the 导出 Excel buttons only when a table is exported).',
    declarations: [...declarations, ...functions],
    exports: [
      ...functions.map((f) => ({ kind: 'js', name: f.name, declaration: { name: f.name, module: 'grassroots.js' } })),
      ...ELEMENTS.map((e) => ({ kind: 'custom-element-definition', name: e.tag, declaration: { name: e.name, module: 'grassroots.js' } })),
    ],
  }],
};

const text = `${JSON.stringify(manifest, null, 2)}\n`;
if (process.argv.includes('--check')) {
  let now = '';
  try { now = readFileSync(out, 'utf8'); } catch { /* missing */ }
  if (now !== text) {
    console.error(`${out} is not what wasm/package/manifest.mjs writes: run node wasm/package/manifest.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
