// Assembles the demo site's pages: www/layout.html around each www/pages/NAME.html (its
// <main> content), with the navigation marking the current page. Usage:
//   node .ci/site.mjs WWW_DIR OUT_DIR      (after .ci/bundle.mjs has written OUT_DIR/grassroots)
//
// A page's first line may name the bundle module its widgets load (`<!-- preload: org-tree
// -->`, the module grassroots.js picks for them: tests/browser/demo.test.mjs checks it); the
// page's <head> then asks for what the widgets will fetch, so the browser fetches it at once
// instead of after demo.js and grassroots.js have come (two round trips): grassroots.js, the
// module's glue and wasm, the stylesheet and every `src` of the page's widgets. The wasm, the
// stylesheet and the data are fetched with fetch() (CORS mode, same-origin credentials), hence
// `as="fetch" crossorigin`, without which the browser would fetch each twice.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The navigation, in order: file and label (the label also ends the page title).
export const PAGES = [
  ['index.html', '一屏统览'],
  ['map.html', '网格地图'],
  ['recut.html', '片区重划'],
  ['org.html', '组织架构'],
  ['scorecards.html', '五星支部评定'],
  ['lists.html', '四张清单与证明查询'],
  ['services.html', '需求认领'],
  ['cases.html', '民情办理与时限'],
  ['import.html', '表格导入'],
  ['embed.html', '嵌入方法'],
];

const [www, out] = process.argv.slice(2);
if (!www || !out) {
  console.error('usage: node .ci/site.mjs WWW_DIR OUT_DIR');
  process.exit(2);
}
const layout = readFileSync(join(www, 'layout.html'), 'utf8');
const bundle = readdirSync(join(out, 'grassroots'));
/** A page's first line naming its module (see the note at the top). */
const DIRECTIVE = /^<!-- preload: ([a-z-]+) -->\n/;
/** The bundle's file of `name` with extension `ext` (content-hashed: NAME.HASH.EXT). */
function hashed(name, ext) {
  const file = bundle.find((f) => f.startsWith(`${name}.`) && f.endsWith(`.${ext}`) && /^[0-9a-f]{10}$/.test(f.slice(name.length + 1, -ext.length - 1)));
  if (!file) throw new Error(`no ${name}.HASH.${ext} in ${join(out, 'grassroots')}: run .ci/bundle.mjs first`);
  return `grassroots/${file}`;
}
/** The <link>s that fetch ahead what the page's widgets will: see the note at the top. */
function preloads(source) {
  const module = source.match(DIRECTIVE)?.[1];
  if (!module) return '';
  const data = [...source.matchAll(/<gr-[a-z-]+\s[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
  const fetched = [hashed(module, 'wasm'), hashed('grassroots', 'css'), ...new Set(data)];
  return [
    '<link rel="modulepreload" href="grassroots/grassroots.js">',
    `<link rel="modulepreload" href="${hashed(module, 'js')}">`,
    ...fetched.map((href) => `<link rel="preload" href="${href}" as="fetch" crossorigin>`),
  ].join('\n');
}
for (const [file, label] of PAGES) {
  const source = readFileSync(join(www, 'pages', file), 'utf8');
  const main = source.replace(DIRECTIVE, '').trimEnd();
  const nav = PAGES.map(([f, l]) => `    <li><a href="${f}"${f === file ? ' aria-current="page"' : ''}>${l}</a></li>`).join('\n');
  // Replacement functions, so that `$` in a page stays as written.
  const page = layout.replace('{{label}}', () => label).replace('{{preload}}', () => preloads(source)).replace('{{nav}}', () => nav).replace('{{main}}', () => main);
  writeFileSync(join(out, file), page);
}
console.log(`site: ${PAGES.length} pages`);
