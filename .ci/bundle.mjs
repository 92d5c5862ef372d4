// Lays out the widget bundle that a portal serves, from the build's modules:
//   node .ci/bundle.mjs PKG STYLE.css GRASSROOTS.js OUT
// PKG has one folder per module (wasm-bindgen's glue NAME.js and the optimized NAME_bg.wasm).
// OUT gets each module's files, the stylesheet and the export buttons' code (export.js) under
// content-hashed names (org-tree.3f9a1c2b7d.wasm: cacheable forever), and grassroots.js — the autoloader, whose
// name stays — with the manifest of those names written into it. Scripts are minified.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

// esbuild (npm, tests/browser's tools) minifies the scripts: the glue that wasm-bindgen writes
// and the autoloader are readable sources, and a third of their gzip size is names and comments.
const esbuild = createRequire(join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'browser', 'package.json'))('esbuild');
const minify = (code, banner = '') => esbuild.transformSync(code, { minify: true, format: 'esm', target: 'es2022', banner, legalComments: 'none' }).code;

const [pkg, style, loader, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node .ci/bundle.mjs PKG STYLE.css GRASSROOTS.js OUT');
  process.exit(2);
}
const KINDS = ['org-tree', 'scorecard', 'duty-list', 'service-board', 'case-tracker', 'dashboard', 'grid-map'];
// <gr-roster-import>, which no other module serves. (The spreadsheet reader `sheets`, which the
// import loads when a file is chosen, and the workbook writer `xlsx`, which the export buttons
// load, have no kind: the manifest flags them `readSheet: true` and `xlsx: true`.)
const SOLO = { 'roster-import': 'roster-import' };
/**
 * The kinds a module's widgets are. A kind with `+` is the kind with its richer data:
 * `grid-map+` the map with cases or a scorecard (served by `grid-map-full` and `all-map`, not
 * by the light `grid-map`), `dashboard+` the dashboard with geometry (`dashboard-map`,
 * `all-map`). `all` has the six kinds without the map; `all-map` everything; `rules` none.
 */
const RICHER = { 'grid-map-full': 'grid-map', 'dashboard-map': 'dashboard' };
const kindsOf = (name) => (SOLO[name] ? [SOLO[name]] : name === 'grid-map-recut' ? ['grid-map', 'grid-map+', 'grid-map++'] : name === 'all-map' ? [...KINDS, 'grid-map+', 'dashboard+'] : name === 'all' ? KINDS.filter((k) => k !== 'grid-map') : RICHER[name] ? [RICHER[name], `${RICHER[name]}+`] : KINDS.includes(name) ? [name] : []);

mkdirSync(out, { recursive: true });
// The compressed forms: made on zlib's thread pool, the files side by side (brotli at quality 11
// over the bundle's 12 MB took 26 s on one core), and kept in PKG/.compressed by the content's
// hash, so that a build whose modules did not change (a stylesheet or page change) compresses
// only what did. Entries no file of this build uses are removed at the end. The key is the hash
// of the settings below and the content: other settings, other entries.
const [brotli, gz] = [promisify(brotliCompress), promisify(gzip)];
const COMPRESS = {
  br: (bytes) => brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  gz: (bytes) => gz(bytes, { level: 9 }),
};
const SETTINGS = Object.values(COMPRESS).join('\n');
const cache = join(pkg, '.compressed');
mkdirSync(cache, { recursive: true });
const cached = new Set();
const compressing = [];
/** Writes `bytes` to `file` in OUT, with its brotli and gzip forms beside it (FILE.br, FILE.gz:
 * what nginx's brotli_static and gzip_static serve, compressed once at the best level). */
function write(file, bytes) {
  writeFileSync(join(out, file), bytes);
  const key = createHash('sha256').update(SETTINGS).update(bytes).digest('hex');
  for (const [ext, compress] of Object.entries(COMPRESS)) {
    const kept = join(cache, `${key}.${ext}`);
    cached.add(`${key}.${ext}`);
    compressing.push((async () => {
      let packed;
      if (existsSync(kept)) packed = readFileSync(kept);
      else {
        packed = await compress(bytes);
        writeFileSync(`${kept}.tmp`, packed);
        renameSync(`${kept}.tmp`, kept);
      }
      writeFileSync(join(out, `${file}.${ext}`), packed);
    })());
  }
}

/** Writes `bytes` as NAME.HASH.EXT and returns that file name. */
function hashed(name, ext, bytes) {
  const file = `${name}.${createHash('sha256').update(bytes).digest('hex').slice(0, 10)}.${ext}`;
  write(file, bytes);
  return file;
}

/**
 * The stylesheet with a fallback for browsers without container queries (Safari before 16,
 * iOS 15): each `@container gr (max-width: Nem) { … }` block is repeated under
 * `@supports not (container-type: inline-size)` as a viewport media query — at N × 16 px, and
 * at N × 24 px for elderly mode's 24 px text (its rules prefixed with `.gr-elderly`). The
 * viewport stands in for the widget's own width there: right on a phone, where it matters.
 */
function withFallback(css) {
  /** A selector list split at its top-level commas (not those inside :not(…)). */
  const topLevel = (list) => {
    const parts = [''];
    let depth = 0;
    for (const c of list) {
      depth += c === '(' ? 1 : c === ')' ? -1 : 0;
      if (c === ',' && depth === 0) parts.push('');
      else parts[parts.length - 1] += c;
    }
    return parts;
  };
  const blocks = [];
  const re = /@container gr \(max-width: ([\d.]+)em\) \{/g;
  for (let m; (m = re.exec(css));) {
    let depth = 1;
    let i = re.lastIndex;
    for (; depth > 0 && i < css.length; i++) depth += css[i] === '{' ? 1 : css[i] === '}' ? -1 : 0;
    const body = css.slice(re.lastIndex, i - 1).replace(/\/\*[\s\S]*?\*\//g, '');
    const elderly = body.replace(/([^{}]+)\{/g, (_, selectors) => `${topLevel(selectors).map((sel) => `.gr-elderly ${sel.trim()}`).join(', ')} {`);
    blocks.push(`@media (max-width: ${Number(m[1]) * 16}px) {${body}}`, `@media (max-width: ${Number(m[1]) * 24}px) {${elderly}}`);
  }
  if (blocks.length === 0) throw new Error(`${style}: no @container gr (max-width: …em) block`);
  return `${css}\n/* Without container queries (Safari before 16): the same rules by the viewport's width. */\n@supports not (container-type: inline-size) {\n${blocks.join('\n')}\n}\n`;
}

/**
 * The glue with the module's short names (.ci/build.sh: wasm-opt renamed the module's imports,
 * exports and import module, and printed the mapping, NAMES): each import's key in the glue's
 * import object, the module's key, and every `wasm.NAME` that reads an export. Fails on an
 * import whose key is not found exactly once, on an export the glue reads that the mapping
 * lacks, and when the renamed glue does not provide every import the module asks for.
 */
function renamed(name, source, names, wasm) {
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const fail = (what) => { throw new Error(`${name}: ${what} (.ci/bundle.mjs, renamed)`); };
  let js = source;
  for (const [, from, to] of names.imports) {
    const re = new RegExp(`(?<=^\\s*)${escape(from)}(?=: function\\()`, 'gm');
    const found = js.match(re)?.length ?? 0;
    if (found !== 1) fail(`the import ${from} is in the glue ${found} times`);
    js = js.replace(re, JSON.stringify(to));
  }
  const imports = WebAssembly.Module.imports(wasm);
  const modules = new Set(imports.map((i) => i.module));
  const oldModules = new Set(names.imports.map(([m]) => m));
  if (modules.size !== 1 || oldModules.size !== 1) fail(`imports from ${[...oldModules].join(', ')} renamed to ${[...modules].join(', ')}: one module expected`);
  const [from] = oldModules;
  const [to] = modules;
  const key = `${JSON.stringify(from)}: import0`;
  if (js.split(key).length !== 2) fail(`the import module's key ${key} is not in the glue once`);
  js = js.replace(key, `${JSON.stringify(to)}: import0`);
  const exports = new Map(names.exports);
  js = js.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (_, e) => (exports.has(e) ? `wasm[${JSON.stringify(exports.get(e))}]` : fail(`the glue reads the export ${e}, which the mapping lacks`)));
  const provided = new Set(names.imports.map(([, , to]) => to));
  for (const i of imports) if (!provided.has(i.name)) fail(`the module imports ${i.name}, which the glue does not provide`);
  return js;
}

const manifest = { css: hashed('grassroots', 'css', Buffer.from(withFallback(readFileSync(style, 'utf8')))), modules: {} };
for (const name of readdirSync(pkg).sort()) {
  const glue = join(pkg, name, `${name}.js`);
  if (!existsSync(glue)) continue;
  const source = readFileSync(glue, 'utf8');
  const wasm = readFileSync(join(pkg, name, `${name}_bg.wasm`));
  const js = Buffer.from(minify(renamed(name, source, JSON.parse(readFileSync(join(pkg, name, 'names.json'), 'utf8')), new WebAssembly.Module(wasm))));
  if (existsSync(join(pkg, name, 'snippets'))) throw new Error(`${name}: wasm-bindgen snippets are not laid out by this script`);
  // The functions a module has besides its widgets, each flagged only where it is (the
  // manifest is in every page's grassroots.js: no `false`s).
  const has = { evaluate: 'evaluate', xlsx: 'xlsx', readSheet: 'read_sheet', recut: 'recut' };
  manifest.modules[name] = {
    js: hashed(name, 'js', js),
    wasm: hashed(name, 'wasm', wasm),
    kinds: kindsOf(name),
    ...Object.fromEntries(Object.entries(has).filter(([, f]) => new RegExp(`export function ${f}\\b`).test(source)).map(([flag]) => [flag, true])),
  };
}
// The export buttons' code (export.js beside the autoloader), which the autoloader fetches on
// the first press of an export button.
manifest.exporter = hashed('export', 'js', Buffer.from(minify(readFileSync(join(dirname(loader), 'export.js'), 'utf8'))));
const text = readFileSync(loader, 'utf8');
const marker = /\/\* @manifest \*\/.*\/\* @end \*\//;
if (!marker.test(text)) throw new Error(`${loader}: no /* @manifest */ … /* @end */ marker`);
const banner = '// Grassroots widgets: the autoloader. Source, API and events: wasm/js/grassroots.js, README.md.';
write('grassroots.js', Buffer.from(minify(text.replace(marker, JSON.stringify(manifest)), banner)));
await Promise.all(compressing);
for (const f of readdirSync(cache)) if (!cached.has(f)) rmSync(join(cache, f));
console.log(`bundle: ${Object.keys(manifest.modules).join(', ')} → ${out}`);
