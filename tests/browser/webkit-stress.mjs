// WebKit under re-rendering, for the "WebKitGTK wasm traps" of ARCHITECTURE.md's Known
// issues: one WebKit session opens each page at 320 × 640 in turn, ROUNDS times, switches
// language and elderly mode on every widget 8 times, and reports each page whose probe saw
// an uncaught error. Not part of `make test` (minutes, and it measures a rate):
//
//   cd tests/browser && ROUNDS=16 node webkit-stress.mjs
//   PAGES=/test/duty-list.html,/lists.html ROUNDS=40 node webkit-stress.mjs
//   JSC_useWasmFastMemory=1 ROUNDS=16 node webkit-stress.mjs   (any JSC_* option reaches
//   the web process; engines.mjs sets JSC_useWasmFastMemory=0 unless it is given)
//
// Needs the built site (`make build`), as the browser tests do.
import { launch, proxy } from './engines.mjs';
import { start } from './harness.mjs';
import { DEMO, ELEMENTS, OWN } from './reflow-checks.mjs';

const pages = process.env.PAGES ? process.env.PAGES.split(',') : [...OWN, ...DEMO];
const rounds = Number(process.env.ROUNDS ?? 10);

const env = await start();
const site = await proxy(env.base);
const browser = await launch('webkit', { base: site.base });
let trapped = 0;
let loads = 0;
const started = Date.now();
try {
  for (let round = 0; round < rounds; round++) {
    for (const path of pages) {
      const page = await browser.open(path, { width: 320, height: 640 });
      loads++;
      await page.waitFor((sel) => document.querySelectorAll(sel).length > 0 && [...document.querySelectorAll(sel)]
        .every((h) => h.shadowRoot?.querySelector('.gr-widget') && !h.shadowRoot.querySelector('.gr-loading')), ELEMENTS);
      for (let k = 0; k < 8; k++) {
        await page.eval((sel, lang, elderly) => {
          for (const h of document.querySelectorAll(sel)) {
            h.setAttribute('lang', lang);
            if (elderly) h.setAttribute('elderly', ''); else h.removeAttribute('elderly');
          }
        }, ELEMENTS, k & 1 ? 'en' : 'zh-CN', Boolean(k & 2));
        await page.eval(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 20)))));
      }
      const problems = await page.problems();
      if (problems.length) {
        trapped++;
        console.log(`round ${round} ${path}: ${JSON.stringify(problems).slice(0, 600)}`);
      }
    }
  }
} finally {
  console.log(`webkit ${browser.version}: ${trapped} of ${loads} page loads with an uncaught error, in ${Math.round((Date.now() - started) / 1000)} s`);
  await browser.close();
  await site.close();
  await env.close();
}
