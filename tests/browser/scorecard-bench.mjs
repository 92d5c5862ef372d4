#!/usr/bin/env node
// The scorecard benchmark in Chromium: the document the native benchmark wrote
// (target/bench/scorecard-doc.json, 10,000 entities × 25 indicators) evaluated end to end
// by the widget bundle, best of several runs, against the native figure of the same work
// (target/bench/scorecard-native.json: read, check, evaluate, write compact JSON). Two figures:
//   text to text: the `rules` module's `evaluate` export (what `evaluate()` loads on a page
//     without a scorecard widget), JSON text in and JSON text out as the native figure, the
//     strings crossing between JavaScript and wasm included: the like-for-like ratio that
//     issue 19's goal (≤ 1.5) is about;
//   object out: the autoloader's `evaluate()` as a portal calls it, which also JSON.parses the
//     result into objects, work the native figure has no counterpart for.
// Prints figures; it asserts nothing (timings belong to benchmarks, not tests).
//   make bench   (runs the native benchmark first, then this)
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { start } from './harness.mjs';

const RUNS = 7;
const top = join(import.meta.dirname, '..', '..');
const bench = join(top, 'target', 'bench');
const doc = await readFile(join(bench, 'scorecard-doc.json'), 'utf8');
const native = JSON.parse(await readFile(join(bench, 'scorecard-native.json'), 'utf8')).end_to_end_ms;
const files = await readdir(join(top, 'target', 'site', 'grassroots'));
const glue = files.find((f) => /^rules\.[0-9a-f]+\.js$/.test(f));
const wasm = files.find((f) => /^rules\.[0-9a-f]+\.wasm$/.test(f));
if (!glue || !wasm) throw new Error('no rules module in target/site/grassroots: run `make build` first');
const env = await start();
try {
  const page = await env.browser.newPage();
  // A page without a widget: evaluate() loads the `rules` module alone.
  await page.goto(`${env.base}/test/loader.html`);
  const result = await page.evaluate(async ({ text, runs, glue, wasm }) => {
    const best = (times) => Math.min(...times);
    // The module's own export, loaded as the autoloader loads it.
    const module = await import(`/grassroots/${glue}`);
    await module.default({ module_or_path: fetch(`/grassroots/${wasm}`) });
    module.evaluate(text);
    const raw = [];
    let length = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      length = module.evaluate(text).length;
      raw.push(performance.now() - t0);
    }
    // The autoloader's evaluate(): the same module, and the result parsed into objects.
    const { evaluate } = await import('/grassroots/grassroots.js');
    await evaluate(text);
    const parsed = [];
    let entities = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const out = await evaluate(text);
      parsed.push(performance.now() - t0);
      entities = out.entities?.length ?? 0;
    }
    return { raw: best(raw), parsed: best(parsed), entities, length };
  }, { text: doc, runs: RUNS, glue, wasm });
  const r = (ms) => (ms / native).toFixed(2);
  console.log(`scorecard in Chromium (wasm, ${result.entities} entities, ${(result.length / 1e6).toFixed(1)} MB of JSON out), best of ${RUNS}: text to text ${result.raw.toFixed(1)} ms, wasm/native ${r(result.raw)} (issue 19's goal ≤ 1.5); evaluate() with the result parsed into objects ${result.parsed.toFixed(1)} ms, ${r(result.parsed)}; native text to text ${native.toFixed(1)} ms`);
} finally {
  await env.close();
}
