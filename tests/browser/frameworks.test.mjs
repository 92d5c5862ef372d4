// The widgets inside the two frameworks portal teams use, each from npm (no CDN): Vue 3's ESM
// browser build (pages/vue.html, with isCustomElement for gr-*) and a React 19 app bundled
// with esbuild (pages/react/app.jsx, bundled here into a temporary folder). Both pages do the
// same things, and the same tests check them: data passed as a property, lang / elderly /
// theme set and changed, gr-select, gr-claim (the host saves and updates the data) and
// gr-error heard by the framework's own listeners, the data updated, the widgets unmounted
// (their handles destroyed) and mounted again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { serve } from '../../.ci/serve.mjs';
import { artifacts, events, open, rendered, start } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const top = join(here, '..', '..');
const fixture = async (path) => JSON.parse(await readFile(join(top, 'tests', 'data', path), 'utf8'));

let env;
let server;
let base;
let bundled; // the React app's esbuild output
before(async () => {
  bundled = await mkdtemp(join(tmpdir(), 'gr-react-'));
  await build({
    entryPoints: [join(here, 'pages', 'react', 'app.jsx')],
    outfile: join(bundled, 'app.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    external: ['/grassroots/*'],
    absWorkingDir: here,
    logLevel: 'warning',
  });
  server = await serve({
    mounts: [
      ['/vendor/vue/', join(here, 'node_modules', 'vue', 'dist')],
      ['/react-build/', bundled],
      ['/test/', join(here, 'pages')],
      ['/fixtures/', join(top, 'tests', 'data')],
      ['/', join(top, 'target', 'site')],
    ],
  });
  base = `http://127.0.0.1:${server.address().port}`;
  env = await start();
});
after(async () => {
  await env?.close();
  if (server) await new Promise((ok) => server.close(ok));
  if (bundled) await rm(bundled, { recursive: true, force: true });
});

const inShadow = (page, id, selector) => page.evaluate(([host, s]) => document.getElementById(host)?.shadowRoot?.querySelectorAll(s).length ?? -1, [id, selector]);
const primary = (page, id) => page.evaluate((host) => getComputedStyle(document.getElementById(host)).getPropertyValue('--gr-primary').trim(), id);
const text = (page, id) => page.locator(`#${id}`).textContent();

for (const [host, path] of [['Vue 3', '/test/vue.html'], ['React 19', '/test/react.html']]) {
  describe(`${host} host page`, () => {
    let page;
    before(async () => {
      page = await open({ browser: env.browser, base }, path, { viewport: { width: 1300, height: 900 } });
      await rendered(page, ['tree', 'board']);
    });
    after(async () => { await page?.close(); });

    test('passes the data as a property, and lang, elderly and theme as attributes', async () => {
      assert.equal(await page.evaluate(() => window.__host), host.startsWith('Vue') ? 'vue' : 'react', 'the framework rendered the page');
      const set = await page.evaluate(() => ['tree', 'board'].map((id) => {
        const e = document.getElementById(id);
        return { property: typeof e.data, attribute: e.hasAttribute('data'), handle: e.handle !== null };
      }));
      assert.deepEqual(set, [{ property: 'object', attribute: false, handle: true }, { property: 'object', attribute: false, handle: true }]);
      assert.ok(await inShadow(page, 'tree', '[role=treeitem]') > 0);
      assert.ok(await inShadow(page, 'board', '.gr-demands [data-id]') > 0);
      assert.equal(await page.locator('#tree .gr-widget').getAttribute('lang'), 'zh-CN');
      assert.equal(await primary(page, 'tree'), '#0b4ea2', 'theme="blue"');
      assert.equal(await inShadow(page, 'tree', '.gr-elderly'), 0);

      await page.click('#lang');
      await page.waitForFunction(() => ['tree', 'board'].every((id) => document.getElementById(id).shadowRoot.querySelector('.gr-widget')?.lang === 'en'));
      assert.match(await page.locator('#tree .gr-count').textContent(), /organizations$/);
      await page.click('#elderly');
      await page.waitForFunction(() => ['tree', 'board'].every((id) => document.getElementById(id).shadowRoot.querySelector('.gr-elderly')));
      assert.equal(await page.evaluate(() => document.getElementById('tree').getAttribute('elderly')), '');
      await page.click('#theme');
      assert.equal(await page.locator('#board').getAttribute('theme'), 'high-contrast');
      assert.equal(await primary(page, 'board'), '#000000');
      await page.click('#elderly');
      await page.waitForFunction(() => !document.getElementById('tree').hasAttribute('elderly') && !document.getElementById('tree').shadowRoot.querySelector('.gr-elderly'));
      assert.deepEqual(page.problems, []);
      await page.screenshot({ path: join(artifacts, `${host.startsWith('Vue') ? 'vue' : 'react'}-host.png`) });
    });

    test('hears gr-select through the framework\'s own listener', async () => {
      await page.locator('#tree [data-id="sl-d1"]').click();
      await page.waitForFunction(() => document.getElementById('selected').textContent !== '');
      assert.equal(await text(page, 'selected'), 'sl-d1 胜利街片区党支部');
      const [event] = await events(page, 'gr-select');
      assert.deepEqual(event.detail, { id: 'sl-d1', name: '胜利街片区党支部', level: 'district', code: '42282700100101', path: ['sl-d1', 'sl'] });
    });

    test('hears gr-claim, saves the claim and updates the board\'s data, which clears the pending row', async () => {
      const before = (await fixture('services/valid/tianyuan-2026.json')).claims.length;
      await page.locator('#board tr[data-id="d04"] button').click();
      await page.waitForFunction(() => document.getElementById('saved').textContent === 'cl-d04');
      // The host's new data reached the widget: the claim is in it, the row has no button
      // and nothing waits for saving.
      await page.waitForFunction(() => {
        const board = document.getElementById('board');
        const root = board.shadowRoot;
        return board.data.services.claims.some((c) => c.id === 'cl-d04')
          && root.querySelector('tr[data-id="d04"]') && !root.querySelector('tr[data-id="d04"] button')
          && root.querySelectorAll('.gr-pending').length === 0;
      });
      assert.equal(await page.evaluate(() => document.getElementById('board').data.services.claims.length), before + 1);
      const claim = await page.evaluate(() => document.getElementById('board').data.services.claims.at(-1));
      assert.deepEqual({ demand: claim.demand, offer: claim.offer, provider: claim.provider }, { demand: 'd04', offer: 'o-hospital', provider: { kind: 'unit', id: 'tu-hospital' } });
      assert.equal(await inShadow(page, 'board', '[role=alert]'), 0);
    });

    test('updates the data: a new tree replaces the old one', async () => {
      await page.click('#update');
      await page.waitForFunction(() => document.getElementById('tree').shadowRoot.querySelector('[data-id="js"]'));
      assert.equal(await inShadow(page, 'tree', '[data-id="sl"]'), 0);
      assert.equal(await page.evaluate(() => document.getElementById('tree').data.nodes[0].name), '城关街道党工委');
    });

    test('hears gr-error when the data is bad, and the widget shows the error panel', async () => {
      await page.click('#break');
      await page.waitForFunction(() => document.getElementById('error').textContent !== '');
      assert.equal(await text(page, 'error'), 'org-tree: unknown-parent $.nodes[1].parent');
      await page.locator('#tree [role=alert]').waitFor();
      const errors = await events(page, 'gr-error');
      assert.equal(errors.at(-1).target, 'tree');
      assert.equal(errors.at(-1).detail.errors[0].message.length > 0, true);
    });

    test('unmounts: the elements leave the page and their widgets are destroyed; mounting again renders afresh', async () => {
      await page.evaluate(() => { window.__kept = ['tree', 'board'].map((id) => document.getElementById(id)); });
      await page.click('#unmount');
      await page.waitForFunction(() => !document.getElementById('tree') && !document.getElementById('board'));
      await page.waitForFunction(() => window.__kept.every((e) => !e.isConnected && e.handle === null && !e.shadowRoot.querySelector('.gr-widget')));
      await page.click('#unmount');
      await rendered(page, ['tree', 'board']);
      assert.equal(await page.evaluate(() => window.__kept.includes(document.getElementById('tree'))), false, 'new elements');
      assert.equal(await page.locator('#board .gr-widget').getAttribute('lang'), 'en', 'the current options');
      assert.equal(await page.locator('#board').getAttribute('theme'), 'high-contrast');
      await page.locator('#tree [role=alert]').waitFor();
      assert.ok(await inShadow(page, 'board', 'tr[data-id="d04"]') > 0);
      assert.deepEqual(page.problems, []);
    });
  });
}
