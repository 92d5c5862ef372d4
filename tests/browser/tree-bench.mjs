// <gr-org-tree>'s time from data to first render for a generated tree of about 100,000 nodes
// in Chromium (issue 17; figures, not assertions; `make bench`). The document is the CLI's
// `generate tree` (1–2 members a group, as core/benches/load.rs's), with the widget's code
// loaded before the clock starts. Each run, in a fresh page at desktop size, unthrottled: the
// JSON text given as `data`, to the widget ready and two animation frames later (the rows
// painted); beside it, JSON.parse of the same text in the page, for scale. Median of --runs.
//   node tests/browser/tree-bench.mjs GRASSROOTS_BIN [--runs N] [--communities N]
import { execFileSync } from 'node:child_process';
import { start } from './harness.mjs';

const args = process.argv.slice(2);
const bin = args[0];
const option = (name, fallback) => Number(args[args.indexOf(name) + 1]) || fallback;
const runs = option('--runs', 5);
// About 79 nodes a community: 1,266 communities over 12 streets make about 100,000 nodes.
const communities = option('--communities', 1266);
if (!bin) throw new Error('usage: node tests/browser/tree-bench.mjs GRASSROOTS_BIN [--runs N]');

const text = execFileSync(bin, ['generate', 'tree', '--communities', String(communities), '--streets', '12', '--members', '1-2', '--seed', '1'],
  { maxBuffer: 1 << 30, encoding: 'utf8' });
const nodes = JSON.parse(text).nodes.length;

const env = await start();
const times = [];
try {
  for (let i = 0; i < runs; i++) {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${env.base}/test/tree-bench.html`);
    await page.evaluate(() => import('/grassroots/grassroots.js').then((m) => m.ready('org-tree')));
    const t = await page.evaluate(async (json) => {
      const el = document.getElementById('tree');
      const p0 = performance.now();
      JSON.parse(json);
      const parse = performance.now() - p0;
      const t0 = performance.now();
      el.data = json;
      await el.handle.ready;
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
      const rendered = performance.now() - t0;
      const shown = el.shadowRoot.querySelectorAll('[role=treeitem]').length;
      const error = el.shadowRoot.querySelector('.gr-errors, [role=alert]')?.textContent ?? '';
      return { parse, rendered, shown, error };
    }, text);
    if (t.shown === 0 || t.error) throw new Error(`run ${i + 1}: ${t.shown} rows shown ${t.error}`);
    times.push(t);
    await page.close();
  }
} finally {
  await env.close();
}
const median = (key) => Math.round(times.map((t) => t[key]).sort((a, b) => a - b)[Math.floor(times.length / 2)]);
console.log(`org-tree, ${nodes.toLocaleString('en')} nodes (${(text.length / 1e6).toFixed(1)} MB of JSON), Chromium, median of ${runs}:`);
console.log(`  data to first render: ${median('rendered')} ms (JSON.parse of the same text in the page: ${median('parse')} ms)`);
