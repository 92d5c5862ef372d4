#!/usr/bin/env node
// The scorecard benchmark in Chromium: the document the native benchmark wrote
// (target/bench/scorecard-doc.json, 10,000 entities × 25 indicators) evaluated end to end by
// the widget bundle's `evaluate()` — read, check, evaluate, write JSON, as a portal's page
// does — best of several runs, against the native figure of the same work
// (target/bench/scorecard-native.json). Prints figures; it asserts nothing (timings belong to
// benchmarks, not tests). Target: wasm/native ≤ 3.
//   make bench   (runs the native benchmark first, then this)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { start } from './harness.mjs';

const RUNS = 5;
const bench = join(import.meta.dirname, '..', '..', 'target', 'bench');
const doc = await readFile(join(bench, 'scorecard-doc.json'), 'utf8');
const native = JSON.parse(await readFile(join(bench, 'scorecard-native.json'), 'utf8')).end_to_end_ms;
const env = await start();
try {
  const page = await env.browser.newPage();
  await page.goto(`${env.base}/test/scorecard.html`);
  const result = await page.evaluate(async ({ text, runs }) => {
    // The autoloader's evaluate(), as a portal calls it: the module with the rules (loaded by
    // the first call, not timed), and the result handed back parsed (JSON.parse of the
    // evaluation's text is in the figure, and timed alone below).
    const { evaluate } = await import('/grassroots/grassroots.js');
    await evaluate(text);
    let best = Infinity;
    let parse = Infinity;
    let entities = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const out = await evaluate(text);
      best = Math.min(best, performance.now() - t0);
      entities = out.entities?.length ?? 0;
      const written = JSON.stringify(out);
      const p0 = performance.now();
      JSON.parse(written);
      parse = Math.min(parse, performance.now() - p0);
    }
    return { best, parse, entities };
  }, { text: doc, runs: RUNS });
  console.log(`scorecard end to end in Chromium (wasm): ${result.best.toFixed(1)} ms for ${result.entities} entities (of which JSON.parse of the result ≈ ${result.parse.toFixed(1)} ms); native ${native.toFixed(1)} ms; wasm/native ${(result.best / native).toFixed(2)}, without the parse ${((result.best - result.parse) / native).toFixed(2)} (issue 19's goal ≤ 1.5)`);
} finally {
  await env.close();
}
