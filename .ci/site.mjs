// Assembles the demo site's pages: www/layout.html around each www/pages/NAME.html (its
// <main> content, zh-CN) and www/pages/en/NAME.html (the same page in English, written to
// NAME.en.html beside it, so that every relative address is the same), with the navigation
// marking the current page and leading to the pages of the same language, and a link to the
// page's other language in the header. Usage:
//   node .ci/site.mjs WWW_DIR OUT_DIR      (after .ci/bundle.mjs has written OUT_DIR/grassroots)
//
// An English page has the widgets of its Chinese page, in the same order with the same ids
// and data (only their `label`s differ); the build stops when they do not. Its widgets speak
// English because the page does: an element without `lang` takes the nearest one around it.
//
// A page's first line may name the bundle module its widgets load (`<!-- preload: org-tree
// -->`, the module grassroots.js picks for them: tests/browser/demo.test.mjs checks it); the
// page's <head> then asks for what the widgets will fetch, so the browser fetches it at once
// instead of after demo.js and grassroots.js have come (two round trips): grassroots.js, the
// module's glue and wasm, the stylesheet and every `src` of the page's widgets. The wasm, the
// stylesheet and the data are fetched with fetch() (CORS mode, same-origin credentials), hence
// `as="fetch" crossorigin`, without which the browser would fetch each twice.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// The navigation, in order: file and label in zh-CN and in English (the label also ends the
// page title).
export const PAGES = [
  ['index.html', '一屏统览', 'Overview'],
  ['map.html', '网格地图', 'Grid map'],
  ['recut.html', '片区重划', 'Re-cut grids'],
  ['org.html', '组织架构', 'Organization'],
  ['scorecards.html', '五星支部评定', 'Five-star ratings'],
  ['lists.html', '四张清单与证明查询', 'Four lists and certificates'],
  ['services.html', '需求认领', 'Demands and services'],
  ['cases.html', '民情办理与时限', 'Cases and time limits'],
  ['import.html', '表格导入', 'Spreadsheet import'],
  ['embed.html', '嵌入方法', 'Embedding guide'],
];

/** The English page of `file` (`org.html` → `org.en.html`). */
export const english = (file) => file.replace(/\.html$/, '.en.html');

// The layout's own text in each language (`{{key}}` in www/layout.html).
const TEXT = {
  'zh-CN': {
    title: '凤溪县党建引领基层治理',
    skip: '跳到正文',
    site: '凤溪县党建引领基层治理服务平台',
    sub: '示例站点 · 虚构数据 · Grassroots 组件演示',
    navLabel: '栏目',
    controls: '显示设置',
    elderly: '适老化大字模式',
    theme: '政务蓝主题',
    foot: '凤溪县为虚构地名，页面数据由固定种子生成，均为示例。组件：Grassroots（Rust + WebAssembly），数据以 JSON 传入，事件以 DOM CustomEvent 传出，不访问任何外部网络。',
    otherLang: 'en',
    otherName: 'English',
  },
  en: {
    title: 'Fengxi County: Party-building-led grassroots governance',
    skip: 'Skip to content',
    site: 'Fengxi County grassroots governance platform',
    sub: 'Demo site · fictional data · Grassroots widgets',
    navLabel: 'Sections',
    controls: 'Display settings',
    elderly: 'Large text for older readers',
    theme: 'Government blue theme',
    foot: 'Fengxi County (<span lang="zh-CN">凤溪县</span>) is fictional; every figure on these pages is generated from a fixed seed. Widgets: Grassroots (Rust + WebAssembly); data goes in as JSON, events come out as DOM CustomEvents, and nothing is fetched from outside the site.',
    otherLang: 'zh-CN',
    otherName: '中文',
  },
};

/** Writes every page, in both languages, from the sources in `www` into `out`. */
function build(www, out) {
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
  /** The widgets of a page, in order: their tag and every attribute but `label`. */
  function widgets(main) {
    return [...main.matchAll(/<(gr-[a-z-]+)\b([^>]*)>/g)].map(([, tag, attrs]) => `${tag}${attrs.replace(/\s+label="[^"]*"/, '').replace(/\s+/g, ' ').trimEnd()}`).join('\n');
  }
  for (const [file, zh, en] of PAGES) {
    const source = readFileSync(join(www, 'pages', file), 'utf8');
    const translated = readFileSync(join(www, 'pages', 'en', file), 'utf8');
    if (widgets(source) !== widgets(translated)) {
      throw new Error(`www/pages/en/${file} must have the widgets of www/pages/${file} (but their labels):\n${widgets(translated)}\n--- against ---\n${widgets(source)}`);
    }
    for (const [lang, text, target, label, other, src] of [
      ['zh-CN', TEXT['zh-CN'], file, zh, english(file), source],
      ['en', TEXT.en, english(file), en, file, translated],
    ]) {
      const main = src.replace(DIRECTIVE, '').trimEnd();
      const nav = PAGES.map(([f, z, e]) => {
        const href = lang === 'en' ? english(f) : f;
        return `    <li><a href="${href}"${f === file ? ' aria-current="page"' : ''}>${lang === 'en' ? e : z}</a></li>`;
      }).join('\n');
      const values = { ...text, lang, label, other, preload: preloads(src), nav, main };
      // A replacement function, so that `$` in a page stays as written; each value is put in
      // once, so a page's own `{{…}}` (a code sample) stays too.
      const page = layout.replace(/\{\{([a-zA-Z]+)\}\}/g, (all, key) => (key in values ? values[key] : all));
      writeFileSync(join(out, target), page);
    }
  }
  console.log(`site: ${PAGES.length} pages, each in zh-CN and English`);
}

// Run as a script (the build), not imported (a test reads PAGES).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [www, out] = process.argv.slice(2);
  if (!www || !out) {
    console.error('usage: node .ci/site.mjs WWW_DIR OUT_DIR');
    process.exit(2);
  }
  build(www, out);
}
