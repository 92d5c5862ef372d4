#!/usr/bin/env node
// The shipped rule sets must compute the same values in any JsonLogic library, so that a
// portal back end (in JavaScript, Python, Go, …) rates communities exactly as the CLI and
// the widgets do. This script evaluates every rule set in tests/data/rules/*.json on every
// entity it is tested with, once through the CLI (`grassroots eval … --format json`, which
// uses core's compiled evaluator, core/src/rules/vm.rs) and once per expression through
// json-logic-js, the reference implementation from jsonlogic.com, and compares the values.
//
//   node tests/browser/jsonlogic-crosscheck.mjs path/to/grassroots
//   GRASSROOTS_BIN=path/to/grassroots node tests/browser/jsonlogic-crosscheck.mjs
//   node tests/browser/jsonlogic-crosscheck.mjs path/to/grassroots --self-test
//
// Plain node, no browser. What is compared:
// - every indicator of every entity: the value of its `expr` (numbers equal within 1e-9,
//   anything else exactly);
// - every veto and bonus of every entity: whether its `when` holds (the CLI lists the
//   vetoes that fired and the bonuses awarded).
// Which entities: every case file in tests/data/rules/cases/ that names the rule set (its
// entities with the case's defaults merged in, as `grassroots test` does), and every file in
// tests/data/rules/entities/ (each with every rule set: a pairing that lacks facts still
// checks that both sides agree there is no value).
// No value: the CLI gives an expression no value (`null`) when a fact it reads without a
// default is missing or null, or when the CLI rejected the fact's value as ill-typed (its
// `fact-value` diagnostics); the same rule is applied here before calling json-logic-js, so
// the check is that the CLI reports `null` exactly then, and the same value otherwise.
// Ends with `jsonlogic cross-check: N passed, N failed`; exit 1 on any failure, 2 on bad usage.
// --self-test runs the same check with one expression deliberately changed on the
// json-logic-js side and exits 0 only if that divergence is caught.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonLogic from 'json-logic-js';

const here = dirname(fileURLToPath(import.meta.url));
const rulesDir = resolve(here, '..', 'data', 'rules');
const TOLERANCE = 1e-9;
/** The marker for "no value" on the json-logic-js side. */
const NO_VALUE = Symbol('no value');

const args = process.argv.slice(2);
const selfTest = args.includes('--self-test');
const bin = args.find((a) => !a.startsWith('--')) ?? process.env.GRASSROOTS_BIN;
if (!bin) {
  console.error('usage: node jsonlogic-crosscheck.mjs GRASSROOTS_BIN [--self-test] (or set GRASSROOTS_BIN)');
  process.exit(2);
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const jsonFiles = (dir) => readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json')).sort();

/** The operators whose later arguments see each array item as the data (as in core's expr.rs). */
const SCOPED = ['map', 'filter', 'reduce', 'all', 'some', 'none'];

/** The facts an expression reads without a default: the same walk as core's `required_facts`. */
export function requiredFacts(expr, out = []) {
  if (Array.isArray(expr)) {
    expr.forEach((e) => requiredFacts(e, out));
  } else if (expr !== null && typeof expr === 'object') {
    const keys = Object.keys(expr);
    if (keys.length !== 1) return out;
    const op = keys[0];
    const list = Array.isArray(expr[op]) ? expr[op] : [expr[op]];
    if (op === 'var') {
      if (list.length === 1 && typeof list[0] === 'string' && !out.includes(list[0])) out.push(list[0]);
    } else if (op === 'missing' || op === 'missing_some') {
      // These exist to handle absent facts.
    } else if (SCOPED.includes(op)) {
      if (list.length > 0) requiredFacts(list[0], out);
    } else {
      list.forEach((e) => requiredFacts(e, out));
    }
  }
  return out;
}

/** An expression's value by json-logic-js, or NO_VALUE where the CLI gives none by its rule. */
export function jsValue(expr, facts) {
  if (requiredFacts(expr).some((f) => facts[f] === undefined || facts[f] === null)) return NO_VALUE;
  try {
    return jsonLogic.apply(expr, facts);
  } catch (e) {
    return { error: String(e) };
  }
}

/** Whether the CLI's value (from JSON) and json-logic-js's agree. */
export function agree(cli, js) {
  if (js === NO_VALUE) return cli === null;
  if (typeof cli === 'number' && typeof js === 'number') return Math.abs(cli - js) <= TOLERANCE;
  return JSON.stringify(cli) === JSON.stringify(js);
}

// JSON.stringify writes NaN and Infinity as null, which would hide what json-logic-js gave.
const show = (v) => (v === NO_VALUE ? 'no value' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v));

/** Every (label, entities) a rule set is tested with. */
function entitySources(ruleFile) {
  const out = [];
  const casesDir = join(rulesDir, 'cases');
  for (const name of jsonFiles(casesDir)) {
    const c = readJson(join(casesDir, name));
    if (typeof c.rules !== 'string' || resolve(casesDir, c.rules) !== ruleFile || !Array.isArray(c.entities)) continue;
    const entities = c.entities.map((e) => ({ id: e.id, facts: { ...(c.defaults ?? {}), ...(e.facts ?? {}) } }));
    out.push({ label: `cases/${name}`, entities });
  }
  const entitiesDir = join(rulesDir, 'entities');
  for (const name of jsonFiles(entitiesDir)) {
    out.push({ label: `entities/${name}`, entities: readJson(join(entitiesDir, name)) });
  }
  return out;
}

/**
 * Runs the whole cross-check. `sabotage(ruleSetName, indicatorId, expr)` may replace an
 * expression on the json-logic-js side (for the self-test). Returns {passed, failed}.
 */
function crossCheck(sabotage = (_r, _i, expr) => expr) {
  let passed = 0;
  let failed = 0;
  const fail = (message) => {
    failed += 1;
    console.log(`MISMATCH ${message}`);
  };
  const tmp = mkdtempSync(join(tmpdir(), 'jsonlogic-crosscheck-'));
  try {
    for (const ruleName of jsonFiles(rulesDir)) {
      const ruleFile = join(rulesDir, ruleName);
      const rules = readJson(ruleFile);
      for (const { label, entities } of entitySources(ruleFile)) {
        const factsFile = join(tmp, 'facts.json');
        writeFileSync(factsFile, JSON.stringify(entities));
        let result;
        try {
          result = JSON.parse(execFileSync(bin, ['eval', ruleFile, factsFile, '--format', 'json'], { encoding: 'utf8' }));
        } catch (e) {
          fail(`${ruleName} with ${label}: grassroots eval failed: ${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`);
          continue;
        }
        const rejected = new Set(
          (result.diagnostics ?? []).filter((d) => d.code === 'fact-value').map((d) => `${d.record}\u0000${d.fact}`),
        );
        entities.forEach((entity, index) => {
          const got = result.entities?.[index];
          const where = `${ruleName} with ${label}, entity ${entity.id}`;
          if (!got || got.id !== entity.id) {
            fail(`${where}: the CLI gave no result for it`);
            return;
          }
          // The data the CLI evaluates: the entity's facts less those it rejected.
          const facts = Object.fromEntries(
            Object.entries(entity.facts ?? {}).filter(([name]) => !rejected.has(`${entity.id}\u0000${name}`)),
          );
          for (const section of rules.sections ?? []) {
            for (const indicator of section.indicators ?? []) {
              const cli = got.sections?.find((s) => s.id === section.id)?.indicators?.find((i) => i.id === indicator.id);
              if (!cli) {
                fail(`${where}, indicator ${indicator.id}: not in the CLI's result`);
                continue;
              }
              const js = jsValue(sabotage(ruleName, indicator.id, indicator.expr), facts);
              if (agree(cli.value, js)) {
                passed += 1;
              } else {
                fail(`${where}, indicator ${indicator.id}: grassroots ${JSON.stringify(cli.value)}, json-logic-js ${show(js)}`);
              }
            }
          }
          for (const [kind, list, fired] of [
            ['veto', rules.vetoes ?? [], got.vetoes ?? []],
            ['bonus', rules.bonuses ?? [], got.bonuses ?? []],
          ]) {
            for (const rule of list) {
              const cli = fired.some((f) => f.id === rule.id);
              const js = jsValue(rule.when, facts) === true;
              if (cli === js) {
                passed += 1;
              } else {
                fail(`${where}, ${kind} ${rule.id}: grassroots ${cli ? 'applies' : 'does not apply'}, json-logic-js ${js ? 'applies' : 'does not apply'}`);
              }
            }
          }
        });
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { passed, failed };
}

if (selfTest) {
  // The comparison itself: float noise passes, a real difference and a made-up value fail.
  const units = [
    [agree(0.30000000000000004, 0.1 + 0.2), true],
    [agree(0.9, 0.9001), false],
    [agree(null, NO_VALUE), true],
    [agree(0, NO_VALUE), false],
    [agree(null, 0), false],
    [agree(true, true), true],
    [agree('1', 1), false],
    [JSON.stringify(requiredFacts({ '+': [{ var: 'a' }, { var: ['b', 0] }, { missing: ['c'] }, { var: 'a' }] })), '["a"]'],
  ];
  const broken = units.findIndex(([got, want]) => got !== want);
  // A whole run where json-logic-js sees one indicator's expression plus one: the check
  // must report it for every entity that has a value.
  let sabotaged = null;
  const { failed } = crossCheck((rule, id, expr) => {
    if (sabotaged === null) sabotaged = `${rule}/${id}`;
    return `${rule}/${id}` === sabotaged ? { '+': [expr, 1] } : expr;
  });
  const ok = broken === -1 && failed > 0;
  console.log(
    `jsonlogic cross-check self-test: ${ok ? 'ok' : 'FAILED'} (comparison units ${broken === -1 ? 'all right' : `wrong at #${broken}`}; ` +
      `sabotaging ${sabotaged} gave ${failed} mismatch(es), more than 0 expected)`,
  );
  process.exit(ok ? 0 : 1);
} else {
  const { passed, failed } = crossCheck();
  console.log(`jsonlogic cross-check: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}
