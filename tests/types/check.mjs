// The package's declarations and manifest, checked with TypeScript from npm (tests/browser's):
//   node tests/types/check.mjs
// 1. consumer.ts — every element, property, option and event — compiles with --strict;
// 2. wrong.ts fails to compile with an error on each line marked `// error:` and on no other;
// 3. custom-elements.json is what wasm/package/manifest.mjs writes;
// 4. custom-elements.json type-checks against the Custom Elements Manifest schema's own
//    declarations (custom-elements-manifest 2.x `Package`), as an object literal, so an unknown
//    or misplaced field fails too.
// Prints one line per check and "types: N passed, N failed"; exits 1 when any failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const top = join(here, '..', '..');
const modules = join(top, 'tests', 'browser', 'node_modules');
const tsc = join(modules, 'typescript', 'bin', 'tsc');
if (!existsSync(tsc)) {
  console.error(`no TypeScript at ${tsc}: run make setup-test (npm ci in tests/browser)`);
  process.exit(2);
}

/** Runs tsc; returns its diagnostics as [{ file, line, code, text }] and its exit status. */
function compile(args) {
  const run = spawnSync(process.execPath, [tsc, ...args, '--noEmit', '--strict', '--pretty', 'false'], { encoding: 'utf8' });
  const out = `${run.stdout}${run.stderr}`;
  const diagnostics = [...out.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/gm)]
    .map(([, file, line, code, text]) => ({ file, line: Number(line), code, text }));
  return { status: run.status, out, diagnostics };
}

const results = [];
function check(name, fn) {
  try {
    fn();
    results.push(true);
    console.log(`ok: ${name}`);
  } catch (e) {
    results.push(false);
    console.log(`FAILED: ${name}\n${e.message}`);
  }
}

check('consumer.ts compiles with tsc --noEmit --strict', () => {
  const { status, out } = compile(['-p', join(here, 'tsconfig.json')]);
  if (status !== 0) throw new Error(out);
});

check('wrong.ts fails on each line marked `// error:` and nowhere else', () => {
  const source = readFileSync(join(here, 'wrong.ts'), 'utf8').split('\n');
  const marked = source.flatMap((line, i) => (/^[^/].*\/\/ error:/.test(line) ? [i + 1] : []));
  if (marked.length === 0) throw new Error('wrong.ts marks no line');
  const { status, out, diagnostics } = compile(['-p', join(here, 'tsconfig.wrong.json')]);
  if (status === 0) throw new Error('wrong.ts compiled without an error');
  const failed = new Set(diagnostics.map((d) => d.line));
  const missed = marked.filter((l) => !failed.has(l));
  const stray = diagnostics.filter((d) => !marked.includes(d.line));
  if (missed.length || stray.length || diagnostics.some((d) => !d.file.endsWith('wrong.ts'))) {
    throw new Error([
      ...missed.map((l) => `  line ${l} compiled but should not: ${source[l - 1].trim()}`),
      ...stray.map((d) => `  unexpected error ${d.file}:${d.line} ${d.code} ${d.text}`),
      out,
    ].join('\n'));
  }
  console.log(`  ${marked.length} mistakes, each refused`);
});

const manifestPath = join(top, 'wasm', 'package', 'custom-elements.json');
check('custom-elements.json is what wasm/package/manifest.mjs writes', () => {
  const run = spawnSync(process.execPath, [join(top, 'wasm', 'package', 'manifest.mjs'), '--check'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
});

check('custom-elements.json is a Custom Elements Manifest 2.x (the schema\'s Package type)', () => {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (!/^2\.\d+\.\d+$/.test(manifest.schemaVersion)) throw new Error(`schemaVersion ${manifest.schemaVersion}`);
  const schema = join(modules, 'custom-elements-manifest', 'schema.d.ts');
  const dir = mkdtempSync(join(tmpdir(), 'gr-cem-'));
  try {
    writeFileSync(join(dir, 'manifest.ts'), `import type { Package } from 'custom-elements-manifest';\nexport const manifest: Package = ${JSON.stringify(manifest, null, 2)};\n`);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'es2022', module: 'esnext', moduleResolution: 'bundler', types: [], paths: { 'custom-elements-manifest': [schema] } },
      files: ['manifest.ts'],
    }));
    const { status, out } = compile(['-p', join(dir, 'tsconfig.json')]);
    if (status !== 0) throw new Error(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const passed = results.filter(Boolean).length;
console.log(`types: ${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
