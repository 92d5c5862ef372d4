#!/usr/bin/env node
// The re-cut benchmark in Chromium: the 100 × 100 lattice the native benchmark wrote
// (target/bench/recut-lattice.json: 10,000 blocks into 25 parts, population ±5 %) re-cut end
// to end by the bundle's `recut()` — read the blocks document, re-cut, write and parse the
// outcome — best of several runs, against the native figure of the same work. Prints figures;
// asserts nothing. Target (issue 15): the browser within 3× of native.
//   make bench   (runs the native benchmark first, then this)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start } from './harness.mjs';

const RUNS = 5;
const bench = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'target', 'bench', 'recut-lattice.json'), 'utf8'));
const env = await start();
try {
  const page = await env.browser.newPage();
  await page.goto(`${env.base}/test/loader.html`);
  const result = await page.evaluate(async ({ doc, options, runs }) => {
    const { recut } = await import('/grassroots/grassroots.js');
    await recut(doc, options); // the module loaded and warm
    let best = Infinity;
    let parts = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const out = await recut(doc, options);
      best = Math.min(best, performance.now() - t0);
      parts = out.report.after.parts;
    }
    return { best, parts };
  }, { doc: bench.doc, options: bench.options, runs: RUNS });
  console.log(`recut: lattice 100x100 end to end in Chromium (wasm) ${result.best.toFixed(1)} ms into ${result.parts} parts; native ${bench.native_ms.toFixed(1)} ms; wasm/native ${(result.best / bench.native_ms).toFixed(2)} (target ≤ 3)`);
} finally {
  await env.close();
}
