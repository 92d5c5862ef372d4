#!/usr/bin/env node
// Writes tests/data/rules/jsonlogic/js-values.json: random JsonLogic expressions over every
// standard operator, with awkward data (null, "", numeric text with spaces or in hex, arrays,
// nested objects, arguments missing or too many), each with the value json-logic-js (the
// reference implementation) gives. core's differential tests (core/src/rules/differential.rs)
// check the compiled evaluator against every case: the divergences of jsonlogic-rs from
// json-logic-js are where the compiled evaluator must side with json-logic-js.
//
//   node tests/browser/jsonlogic-fixture.mjs [count]     (default 2000; seeded, so the same file)
//
// A case: {"logic", "data", and one of "value" (JSON), "number" ("NaN", "Infinity",
// "-Infinity": what JSON cannot hold), "undefined": true, "error": message}.

import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonLogic from 'json-logic-js';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, '..', 'data', 'rules', 'jsonlogic', 'js-values.json');
const count = Number(process.argv[2] ?? 2000);

// mulberry32: seeded, so the file is the same on every run.
let seed = 19;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

const SCALARS = [
  0, 1, -1, 2, 3, 10, 0.5, 1.5, -2.25, 100, 1e21, 1e-7, 0.1, 0.2,
  '', ' ', '0', '1', '12', ' 12 ', '0x1A', '1e3', '1e', '.5', '5.', 'abc', '汉字', 'Infinity', '-0', '1,2', 'true', 'null', 'a.b',
  true, false, null,
];
const ARRAYS = [[], [1, 2], ['a', 'b'], [1, '2', null], [[1], 2], [0]];
const NAMES = ['a', 'b', 'c', 'd', 's', 't', 'n', 'e', 'list', 'words', 'o', 'o.p', 'o.q.0', 'list.1', 'missing', 'a.length', 's.0', 'list.length'];

function data() {
  const d = {};
  for (const name of ['a', 'b', 'c', 'd']) if (random() < 0.85) d[name] = pick(SCALARS);
  d.s = pick(['abc', '汉字abc', '', ' 7 ']);
  d.t = pick(['12', '0.5', 'x']);
  if (random() < 0.5) d.n = null;
  d.e = '';
  d.list = pick(ARRAYS);
  d.words = ['apple', 'banana', 'cherry'];
  d.o = { p: pick(SCALARS), q: pick(ARRAYS) };
  return d;
}

const OPS = [
  '==', '===', '!=', '!==', '!', '!!', 'or', 'and', '>', '>=', '<', '<=', 'max', 'min',
  '+', '-', '*', '/', '%', 'if', '?:', 'in', 'cat', 'substr', 'merge', 'missing', 'missing_some',
  'var', 'map', 'filter', 'reduce', 'all', 'some', 'none', 'log',
];

function leaf(scoped) {
  const r = random();
  if (r < 0.35) return pick(SCALARS);
  if (r < 0.45) return pick(ARRAYS);
  if (scoped) return pick([{ var: '' }, { var: 'current' }, { var: 'accumulator' }, { var: ['', 0] }, { var: 'length' }]);
  if (r < 0.8) return { var: pick(NAMES) };
  return { var: [pick(NAMES), pick(SCALARS)] };
}

function expr(depth, scoped = false) {
  if (depth <= 0 || random() < 0.25) return leaf(scoped);
  const op = pick(OPS);
  const sub = () => expr(depth - 1, scoped);
  // Mostly the usual number of arguments, sometimes one fewer or more.
  const arity = { '!': 1, '!!': 1, '-': 2, '/': 2, '%': 2, in: 2, substr: 3, var: 2, missing_some: 2, log: 1 }[op] ?? int(2, 3);
  const n = Math.max(0, arity + (random() < 0.15 ? pick([-1, 1]) : 0));
  switch (op) {
    case 'map': case 'filter': case 'all': case 'some': case 'none':
      return { [op]: [random() < 0.7 ? { var: pick(['list', 'words', 'o.q', 'a']) } : sub(), expr(depth - 1, true)] };
    case 'reduce':
      return { reduce: [{ var: pick(['list', 'words', 'o.q']) }, { [pick(['+', 'cat', 'max'])]: [{ var: 'current' }, { var: 'accumulator' }] }, pick(SCALARS)] };
    case 'var':
      return random() < 0.5 ? { var: pick(NAMES) } : { var: [sub(), sub()].slice(0, n) };
    case 'missing':
      return { missing: random() < 0.3 ? [Array.from({ length: int(1, 3) }, () => pick(NAMES))] : Array.from({ length: n }, () => pick(NAMES)) };
    case 'missing_some':
      return { missing_some: [int(0, 3), Array.from({ length: int(1, 4) }, () => pick(NAMES))] };
    case 'substr':
      return { substr: [random() < 0.5 ? pick(['abcdef', '汉字abc', 'x']) : sub(), int(-7, 7), ...(random() < 0.6 ? [pick([int(-7, 7), '-1', null])] : [])] };
    default:
      if (random() < 0.08 && n === 1) return { [op]: sub() };
      return { [op]: Array.from({ length: n }, sub) };
  }
}

function encode(v) {
  if (v === undefined) return { undefined: true };
  if (typeof v === 'number' && !Number.isFinite(v)) return { number: String(v) };
  return { value: JSON.parse(JSON.stringify(v)) };
}

const log = console.log;
const cases = [];
for (let i = 0; i < count; i += 1) {
  const logic = expr(int(1, 4));
  const d = data();
  let result;
  console.log = () => {};
  try {
    result = encode(jsonLogic.apply(logic, d));
  } catch (e) {
    result = { error: String(e && e.message ? e.message : e) };
  } finally {
    console.log = log;
  }
  cases.push({ logic, data: d, ...result });
}
writeFileSync(out, `[\n${cases.map((c) => JSON.stringify(c)).join(',\n')}\n]\n`);
console.log(`${cases.length} cases (${cases.filter((c) => 'error' in c).length} errors) written to ${out}`);
