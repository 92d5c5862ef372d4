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
    const { ready } = await import('/grassroots/grassroots.js');
    await ready();
    const wasm = await import('/grassroots/grassroots_wasm.js');
    let best = Infinity;
    let entities = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const out = wasm.evaluate(text);
      best = Math.min(best, performance.now() - t0);
      entities = out.length > 0 ? JSON.parse(out).entities.length : 0;
    }
    return { best, entities };
  }, { text: doc, runs: RUNS });
  console.log(`scorecard end to end in Chromium (wasm): ${result.best.toFixed(1)} ms for ${result.entities} entities; native ${native.toFixed(1)} ms; wasm/native ${(result.best / native).toFixed(2)} (target ≤ 3)`);
} finally {
  await env.close();
}
