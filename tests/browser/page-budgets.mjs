// What each page loads of the widget bundle, counted from the requests Chromium makes, against
// the budgets in wasm/bundle-budget.txt. Opens every demo page and every widget's own test page,
// waits until its widgets have rendered and the network is quiet, and sums gzip -9 of every
// .js and .wasm under /grassroots/ that the page fetched (not the page's own scripts, not the
// data). Prints a table; exits 1 when a page is over its budget or a widget did not render.
//   node tests/browser/page-budgets.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { open, start } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const top = join(here, '..', '..');
const bundle = join(top, 'target', 'site', 'grassroots');
const TAGS = ['gr-org-tree', 'gr-scorecard', 'gr-duty-list', 'gr-service-board', 'gr-case-tracker', 'gr-dashboard', 'gr-grid-map', 'gr-roster-import'];

/** `name bytes` lines; `#` starts a comment. */
function budgets() {
  const out = {};
  for (const line of readFileSync(join(top, 'wasm', 'bundle-budget.txt'), 'utf8').split('\n')) {
    const [name, bytes] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (name && bytes) out[name] = Number(bytes);
  }
  return out;
}

const gz = new Map();
/** gzip -9 size of a bundle file. */
function gzipped(file) {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(bundle, file)), { level: 9 }).length);
  return gz.get(file);
}

const pages = [
  // Not the English pages (NAME.en.html): demo.test.mjs asserts each loads what its Chinese
  // page does.
  ...readdirSync(join(top, 'target', 'site')).filter((f) => f.endsWith('.html') && !f.endsWith('.en.html')).sort().map((f) => `/${f}`),
  ...readdirSync(join(here, 'pages')).filter((f) => f.endsWith('.html') && f !== 'broken.html').sort().map((f) => `/test/${f}`),
];

const limits = budgets();
const env = await start();
const rows = [];
let failed = 0;
try {
  for (const path of pages) {
    const fetched = new Set();
    const page = await open(env, path, {
      viewport: { width: 1200, height: 900 },
      prepare: (p) => p.on('request', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/grassroots/') && /\.(js|wasm)$/.test(url.pathname)) fetched.add(url.pathname.slice('/grassroots/'.length));
      }),
    });
    await page.waitForLoadState('networkidle');
    // Rendered: every element has its widget (or an error panel) and nothing is loading.
    const ok = await page.waitForFunction((all) => [...document.querySelectorAll(all.join(','))].every((e) => {
      const root = e.shadowRoot;
      return root && (root.querySelector('.gr-widget') || root.querySelector('[role=alert]')) && !root.querySelector('.gr-loading');
    }), TAGS, { timeout: 30000 }).then(() => true, () => false);
    await page.waitForLoadState('networkidle');
    // Counted once the page is quiet: some pages make their widgets from their own scripts.
    const tags = await page.evaluate((all) => [...new Set([...document.querySelectorAll(all.join(','))].map((e) => e.localName))], TAGS);
    await page.close();
    const files = [...fetched].sort();
    // A page with no widget (react.html, whose app its own test builds) loads grassroots.js alone.
    if (tags.length === 0 && files.some((f) => f !== 'grassroots.js')) {
      failed++;
      rows.push({ path, kinds: '-', files, bytes: files.reduce((n, f) => n + gzipped(f), 0), limit: limits.autoloader, ok, over: true });
      continue;
    }
    const bytes = files.reduce((n, f) => n + gzipped(f), 0);
    // A page is held to the line of the module it loaded: the kind's own, the larger one its
    // data asks for (a map with cases: grid-map-full; a dashboard with geometry:
    // dashboard-map), or the one that several kinds share.
    const modules = [...new Set(files.filter((f) => f.endsWith('.wasm')).map((f) => f.split('.')[0]))];
    // Several kinds load `all` (or `all-map` with a map): their lines.
    const kind = tags.length === 0 ? 'autoloader' : modules.length === 1 && limits[modules[0]] !== undefined ? modules[0] : tags.length === 1 ? tags[0].slice(3) : 'several';
    const limit = limits[kind];
    const over = limit === undefined || bytes > limit || !ok;
    if (over) failed++;
    rows.push({ path, kinds: tags.map((t) => t.slice(3)).join(' ') || '-', files, bytes, limit, ok, over });
  }
} finally {
  await env.close();
}

const kb = (n) => (n === undefined ? '—' : `${(n / 1000).toFixed(1)} KB`);
console.log('page budgets (gzip -9 of the bundle files each page fetched):');
console.log(`  ${'page'.padEnd(34)} ${'widgets'.padEnd(28)} ${'fetched'.padStart(10)} ${'budget'.padStart(10)}  files`);
for (const r of rows) {
  const mark = !r.ok ? '  NOT RENDERED' : r.over ? '  OVER' : '';
  console.log(`  ${r.path.padEnd(34)} ${r.kinds.slice(0, 28).padEnd(28)} ${kb(r.bytes).padStart(10)} ${kb(r.limit).padStart(10)}  ${r.files.join(' ')}${mark}`);
}
const loader = gzipped('grassroots.js');
const loaderOver = loader > limits.autoloader;
console.log(`  ${'grassroots.js alone'.padEnd(34)} ${''.padEnd(28)} ${kb(loader).padStart(10)} ${kb(limits.autoloader).padStart(10)}${loaderOver ? '  OVER' : ''}`);
failed += loaderOver ? 1 : 0;
// The modules no page loads by itself: the spreadsheet reader (what choosing the first file in
// <gr-roster-import> fetches), the workbook writer (what the first 导出 Excel press fetches)
// and the rules alone (what the first evaluate() fetches on a page without a scorecard).
// The first export also fetches the export buttons' code (export.js), which no page loads ahead.
const lazy = [['sheets', 'on the first file chosen'], ['xlsx', 'on the first export', 'export'], ['rules', 'on evaluate() alone']];
for (const [name, when, also] of lazy) {
  const files = readdirSync(bundle).filter((f) => new RegExp(`^${name}\\.[0-9a-f]+\\.(js|wasm)$`).test(f) || (also && new RegExp(`^${also}\\.[0-9a-f]+\\.js$`).test(f)));
  const bytes = files.reduce((n, f) => n + gzipped(f), 0);
  const over = files.length !== (also ? 3 : 2) || bytes > limits[name];
  console.log(`  ${`${name} (${when})`.padEnd(34)} ${''.padEnd(28)} ${kb(bytes).padStart(10)} ${kb(limits[name]).padStart(10)}  ${files.join(' ')}${over ? '  OVER' : ''}`);
  failed += over ? 1 : 0;
}
console.log(`page budgets: ${rows.length + 1 + lazy.length - failed} within, ${failed} over`);
process.exit(failed ? 1 : 0);
