// Assembles the demo site's pages: www/layout.html around each www/pages/NAME.html (its
// <main> content), with the navigation marking the current page. Usage:
//   node .ci/site.mjs WWW_DIR OUT_DIR
import { readFileSync, writeFileSync } from 'node:fs';
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
for (const [file, label] of PAGES) {
  const main = readFileSync(join(www, 'pages', file), 'utf8').trimEnd();
  const nav = PAGES.map(([f, l]) => `    <li><a href="${f}"${f === file ? ' aria-current="page"' : ''}>${l}</a></li>`).join('\n');
  // Replacement functions, so that `$` in a page stays as written.
  const page = layout.replace('{{label}}', () => label).replace('{{nav}}', () => nav).replace('{{main}}', () => main);
  writeFileSync(join(out, file), page);
}
console.log(`site: ${PAGES.length} pages`);
