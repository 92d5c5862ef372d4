// The npm package as a portal developer gets it: .ci/package.sh packs the built bundle, the
// tarball is installed into an empty folder with npm, and that folder's
// node_modules/grassroots-widgets/ is served (nothing from target/site) with a page that shows
// every widget, mounts one with mount() and calls evaluate(), then adds a spreadsheet import
// and exports a table. Also: the tarball's contents and package.json, Node's and TypeScript's
// resolution of its exports.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../.ci/serve.mjs';
import { events, open, rendered, start } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const top = join(here, '..', '..');
const NAME = 'grassroots-widgets';
const TAGS = ['gr-org-tree', 'gr-scorecard', 'gr-duty-list', 'gr-service-board', 'gr-case-tracker', 'gr-dashboard', 'gr-grid-map', 'gr-roster-import'];

let env;
let server;
let dir; // the empty folder the tarball is installed into
let installed; // dir/node_modules/grassroots-widgets
let tarball;
before(async () => {
  const out = execFileSync('bash', [join(top, '.ci', 'package.sh')], { cwd: top, encoding: 'utf8' });
  tarball = join(top, out.trim().split('\n').at(-1));
  dir = await mkdtemp(join(tmpdir(), 'gr-portal-'));
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'portal', private: true, type: 'module' })}\n`);
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: dir, encoding: 'utf8' });
  installed = join(dir, 'node_modules', NAME);
  server = await serve({
    mounts: [
      ['/grassroots/', installed],
      ['/fixtures/', join(top, 'tests', 'data')],
      ['/', join(here, 'pages', 'package')],
    ],
  });
  env = await start();
});
after(async () => {
  await env?.close();
  if (server) await new Promise((ok) => server.close(ok));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Waits (up to 5 s) for `done()`, the requests being recorded as they finish. */
async function until(done, say) {
  for (let i = 0; i < 50 && !done(); i++) await new Promise((ok) => setTimeout(ok, 100));
  assert.ok(done(), say());
}

/** The bundle's manifest of hashed file names, as written into the installed grassroots.js
 * (minified: found by the names' shape, NAME.HASH.EXT). */
async function bundleManifest() {
  const loader = await readFile(join(installed, 'grassroots.js'), 'utf8');
  const names = [...new Set(loader.match(/[\w-]+\.[0-9a-f]{10}\.(?:css|js|wasm)/g))];
  const modules = {};
  let exporter;
  for (const name of names) {
    const [, base, ext] = name.match(/^([\w-]+)\.[0-9a-f]{10}\.(js|wasm)$/) ?? [];
    if (base === 'export') exporter = name; // the export buttons' code, fetched on the first press
    else if (base) (modules[base] ??= {})[ext] = name;
  }
  return { css: names.find((n) => n.endsWith('.css')), exporter, modules };
}

describe('the tarball', () => {
  test('package.json: name, the workspace version, an ES module with types, exports per element, the manifest', async () => {
    const pkg = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
    const cargo = await readFile(join(top, 'Cargo.toml'), 'utf8');
    const version = cargo.match(/\[workspace\.package\][^[]*?\nversion = "([^"]+)"/)[1];
    assert.equal(pkg.name, NAME);
    assert.equal(pkg.version, version);
    assert.equal(pkg.type, 'module');
    assert.equal(pkg.types, './grassroots.d.ts');
    assert.equal(pkg.customElements, 'custom-elements.json');
    assert.deepEqual(Object.keys(pkg.exports), ['.', ...TAGS.map((t) => `./${t}`), './custom-elements.json', './package.json']);
    assert.equal(pkg.dependencies, undefined, 'nothing else to install');
    assert.match(tarball, new RegExp(`${NAME}-${version.replaceAll('.', '\\.')}\\.tgz$`));
  });

  test('holds the autoloader, every file its manifest names, the declarations and the element manifest, and nothing else', async () => {
    const manifest = await bundleManifest();
    assert.ok(manifest.exporter, 'the autoloader names the export code');
    const bundle = [manifest.css, manifest.exporter, ...Object.values(manifest.modules).flatMap((m) => [m.js, m.wasm])];
    assert.deepEqual(Object.keys(manifest.modules).sort(), ['all', 'all-map', 'case-tracker', 'dashboard', 'dashboard-map', 'duty-list', 'grid-map', 'grid-map-full', 'grid-map-recut', 'org-tree', 'roster-import', 'rules', 'scorecard', 'service-board', 'sheets', 'xlsx']);
    const expected = ['README.md', 'custom-elements.json', 'grassroots.d.ts', 'grassroots.js', 'package.json', ...bundle].sort();
    assert.deepEqual((await readdir(installed)).sort(), expected);
    // The installed files are the built ones, byte for byte.
    for (const file of ['grassroots.js', ...bundle]) {
      assert.ok((await readFile(join(installed, file))).equals(await readFile(join(top, 'target', 'site', 'grassroots', file))), file);
    }
    assert.ok((await readFile(join(installed, 'grassroots.d.ts'))).equals(await readFile(join(top, 'wasm', 'package', 'grassroots.d.ts'))));
  });

  test('Node resolves the package and each element\'s subpath to the autoloader', () => {
    const require = createRequire(join(dir, 'index.js'));
    const loader = join(installed, 'grassroots.js');
    assert.equal(require.resolve(NAME), loader);
    for (const tag of TAGS) assert.equal(require.resolve(`${NAME}/${tag}`), loader, tag);
    assert.equal(require.resolve(`${NAME}/custom-elements.json`), join(installed, 'custom-elements.json'));
    assert.throws(() => require.resolve(`${NAME}/gr-nothing`), /ERR_PACKAGE_PATH_NOT_EXPORTED|not defined by "exports"/);
  });

  test('TypeScript finds the types through the package\'s own exports (bundler and nodenext resolution)', async () => {
    await copyFile(join(top, 'tests', 'types', 'consumer.ts'), join(dir, 'consumer.ts'));
    const tsc = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const [module, moduleResolution] of [['esnext', 'bundler'], ['nodenext', 'nodenext']]) {
      await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: { target: 'es2022', module, moduleResolution, lib: ['es2022', 'dom', 'dom.iterable'], types: [], strict: true, noEmit: true },
        files: ['consumer.ts'],
      }));
      const run = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--noEmit', '--strict', '--pretty', 'false', '--traceResolution'], { encoding: 'utf8' });
      const errors = run.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
      assert.deepEqual(errors, [], moduleResolution);
      assert.equal(run.status, 0, moduleResolution);
      // Resolved inside the installed package, not through a path mapping to the repo.
      for (const spec of [NAME, `${NAME}/gr-dashboard`, `${NAME}/gr-grid-map`]) {
        const line = run.stdout.split('\n').find((l) => l.startsWith(`======== Module name '${spec}' was successfully resolved to`));
        assert.ok(line, `${spec} resolved (${moduleResolution})`);
        assert.ok(line.includes(`${relative('/', installed)}/grassroots.d.ts`) || line.includes(`${installed}/grassroots.d.ts`), line);
      }
    }
  });
});

describe('every widget, rendered from the installed package in Chromium', () => {
  let page;
  const requests = [];
  before(async () => {
    const base = `http://127.0.0.1:${server.address().port}`;
    page = await open({ browser: env.browser, base }, '/', {
      viewport: { width: 1200, height: 900 },
      prepare: async (p) => {
        p.on('requestfinished', async (r) => {
          const response = await r.response();
          requests.push({ url: r.url(), status: response?.status() });
        });
        p.on('requestfailed', (r) => requests.push({ url: r.url(), status: 'failed' }));
      },
    });
    await rendered(page, ['tree', 'card', 'duties', 'board', 'tracker', 'dash', 'map', 'mounted']);
  });
  after(async () => { await page?.close(); });

  test('each of the seven elements on the page shows its content, no error panel, no page error', async () => {
    const shown = (id, selector) => page.locator(`#${id}`).evaluate((e, s) => e.shadowRoot.querySelectorAll(s).length, selector);
    for (const id of ['tree', 'card', 'duties', 'board', 'tracker', 'dash', 'map', 'mounted']) {
      assert.equal(await shown(id, '[role=alert]'), 0, `${id}: no error panel`);
    }
    assert.ok(await shown('tree', '[role=treeitem]') > 0);
    assert.ok(await shown('card', '[role=tab]') > 0);
    assert.ok(await shown('duties', '[data-id]') > 0);
    assert.ok(await shown('board', '.gr-demands [data-id]') > 0);
    assert.ok(await shown('tracker', '.gr-case') > 0);
    assert.ok(await shown('dash', 'svg') > 0);
    assert.ok(await shown('mounted', '[role=treeitem]') > 0);
    // The map: 胜利's five grids drawn, coloured by the figure attribute's population.
    assert.equal(await shown('map', '.gr-map-canvas [role=option]'), 5);
    assert.equal(await page.locator('#map .gr-map-figure select').inputValue(), 'population');
    // Attributes and options reach the widgets: lang, elderly, theme.
    assert.equal(await page.locator('#board .gr-widget').getAttribute('lang'), 'en');
    assert.equal(await page.locator('#mounted .gr-widget').getAttribute('lang'), 'en');
    assert.equal(await shown('dash', '.gr-elderly'), 1);
    const primary = (id) => page.locator(`#${id}`).evaluate((e) => getComputedStyle(e).getPropertyValue('--gr-primary').trim());
    assert.equal(await primary('tracker'), '#0b4ea2', 'theme="blue"');
    assert.equal(await primary('map'), '#0b4ea2', 'the map\'s theme="blue"');
    assert.equal(await primary('mounted'), '#000000', 'mount() theme high-contrast');
    assert.equal(await primary('tree'), '#b3140c', 'no theme: 党建红');
    assert.equal(await page.evaluate(() => window.__mounted), 'ready');
    assert.deepEqual(page.problems, []);
  });

  test('evaluate() from the package gives the native evaluation', async () => {
    const expected = JSON.parse(await readFile(join(top, 'tests', 'data', 'rules', 'scorecards', 'hotline.expected.json'), 'utf8'));
    assert.deepEqual(await page.evaluate(() => window.__evaluation), expected);
  });

  test('the code came from the installed package, every request answered', async () => {
    const manifest = await bundleManifest();
    const fetched = requests.filter((r) => new URL(r.url).pathname.startsWith('/grassroots/'));
    assert.ok(requests.length > 0);
    assert.deepEqual(requests.filter((r) => r.status !== 200), [], 'nothing failed or missing');
    assert.ok(requests.every((r) => new URL(r.url).origin === new URL(page.url()).origin), 'one origin: the server over the installed folder');
    for (const r of fetched) {
      const file = new URL(r.url).pathname.slice('/grassroots/'.length);
      assert.ok(existsSync(join(installed, file)), `${file} is in the installed package`);
    }
    const files = fetched.map((r) => new URL(r.url).pathname.slice('/grassroots/'.length));
    // The page's five kinds in its markup are asked for together: the module with the six kinds
    // but the map (which serves the dashboard added later, its data without geo, as well); the
    // map, whose module waits for its data (organization and geometry alone), then the small map
    // module. Nothing else: neither the map's larger modules nor the one with every kind.
    assert.ok(files.includes('grassroots.js'));
    assert.ok(files.includes(manifest.css));
    const wasm = files.filter((f) => f.endsWith('.wasm')).sort();
    assert.deepEqual(wasm, [manifest.modules.all.wasm, manifest.modules['grid-map'].wasm].sort(), files.join(', '));
  });

  test('the spreadsheet modules from the package: an import added to the page reads a roster; a table exports', async () => {
    const manifest = await bundleManifest();
    const wasm = () => requests.map((r) => new URL(r.url).pathname).filter((p) => p.endsWith('.wasm')).map((p) => p.slice('/grassroots/'.length));
    // <gr-roster-import> into the page's organization: only the reader's module more.
    await page.evaluate(() => {
      const importer = document.createElement('gr-roster-import');
      importer.id = 'importer';
      importer.setAttribute('src', '/fixtures/tree/valid/laifeng-shengli.json');
      document.querySelector('main').append(importer);
    });
    await rendered(page, ['importer']);
    await page.locator('#importer input[type=file]').setInputFiles(join(top, 'tests', 'data', 'sheets', 'members.xlsx'));
    await page.locator('#importer .gr-import-rows').waitFor();
    await page.locator('#importer .gr-button', { hasText: /确认导入/ }).click();
    await page.locator('#importer .gr-done').waitFor();
    const [imported] = await events(page, 'gr-import');
    assert.equal(imported.target, 'importer');
    assert.equal(imported.detail.records, 'members');
    assert.equal(imported.detail.count, imported.detail.document.members.length);
    assert.ok(imported.detail.count > 0);
    await until(() => wasm().includes(manifest.modules.sheets.wasm), () => wasm().join(', '));
    assert.ok(!wasm().includes(manifest.modules.xlsx.wasm), 'the writer is not loaded before an export');
    // The four lists' items through their 导出 Excel button: gr-export, then the writer's module
    // and the download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#duties [data-gr-export="gr-x-items"]').click()]);
    const [exported] = await events(page, 'gr-export');
    assert.equal(exported.target, 'duties');
    assert.equal(exported.detail.widget, 'duty-list');
    assert.ok(exported.detail.sheets[0].rows.length > 0);
    assert.equal(download.suggestedFilename(), `${exported.detail.file}.xlsx`);
    const bytes = await readFile(await download.path());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an .xlsx (a zip)');
    await until(() => wasm().includes(manifest.modules.xlsx.wasm), () => wasm().join(', '));
    assert.deepEqual(requests.filter((r) => r.status !== 200), [], 'nothing failed or missing');
    assert.ok(wasm().every((f) => existsSync(join(installed, f))), 'every module from the installed package');
    assert.deepEqual(page.problems, []);
  });
});
