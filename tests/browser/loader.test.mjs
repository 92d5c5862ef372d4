// The autoloader loads only the code a page uses, counted from the requests Chromium makes:
// one kind → that kind's module; several kinds asked for together → the one module with all
// six; a kind added later → its own module; a second widget of a kind → nothing new;
// evaluate() → the rules alone, or nothing when a loaded module has them. And the bundle's
// files are served as a portal's server would: compressed, content-hashed names cached for good.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { events, open, start } from './harness.mjs';

const top = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = (path) => readFile(join(top, 'tests', 'data', path), 'utf8');

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Opens the empty test page; `page.fetched()` lists the bundle files requested so far. */
async function blank() {
  const seen = [];
  const page = await open(env, '/test/loader.html', {
    prepare: (p) => p.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/grassroots/')) seen.push(path.slice('/grassroots/'.length));
    }),
  });
  await page.waitForFunction(() => window.grassroots);
  page.fetched = () => seen.map((f) => f.replace(/\.[0-9a-f]{10}\./, '.*.')).sort();
  return page;
}

/** Mounts widgets of `kinds` (with their data) in one task; resolves when all are ready. */
function mountAll(page, widgets) {
  return page.evaluate(async (list) => {
    const handles = list.map(([kind, data]) => {
      const div = document.createElement('div');
      div.className = `w-${kind}`;
      document.getElementById('here').append(div);
      return window.grassroots.mount(div, kind, data);
    });
    await Promise.all(handles.map((h) => h.ready));
    return list.map(([kind]) => Boolean(document.querySelector(`.w-${kind}`).shadowRoot.querySelector('.gr-widget')));
  }, widgets);
}

test('a page loads grassroots.js alone until a widget needs code', async () => {
  const page = await blank();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(page.fetched(), ['grassroots.js']);
  await page.close();
});

test('one kind loads its own module; another of the same kind loads nothing more; a kind added later loads its own', async () => {
  const page = await blank();
  const org = JSON.parse(await fixture('tree/valid/laifeng-shengli.json'));
  assert.deepEqual(await mountAll(page, [['org-tree', org]]), [true]);
  assert.deepEqual(page.fetched(), ['grassroots.*.css', 'grassroots.js', 'org-tree.*.js', 'org-tree.*.wasm']);
  assert.deepEqual(await mountAll(page, [['org-tree', org]]), [true]);
  assert.deepEqual(page.fetched(), ['grassroots.*.css', 'grassroots.js', 'org-tree.*.js', 'org-tree.*.wasm']);
  const lists = JSON.parse(await fixture('lists/valid/laifeng-2021.json'));
  assert.deepEqual(await mountAll(page, [['duty-list', lists]]), [true]);
  assert.deepEqual(page.fetched(), ['duty-list.*.js', 'duty-list.*.wasm', 'grassroots.*.css', 'grassroots.js', 'org-tree.*.js', 'org-tree.*.wasm']);
  assert.deepEqual(await events(page, 'gr-error'), []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('kinds asked for together load the one module that has all of them', async () => {
  const page = await blank();
  const org = JSON.parse(await fixture('tree/valid/laifeng-shengli.json'));
  const lists = JSON.parse(await fixture('lists/valid/laifeng-2021.json'));
  assert.deepEqual(await mountAll(page, [['org-tree', org], ['duty-list', lists]]), [true, true]);
  assert.deepEqual(page.fetched(), ['all.*.js', 'all.*.wasm', 'grassroots.*.css', 'grassroots.js']);
  // Later kinds are served by it too.
  const card = JSON.parse(await fixture('rules/scorecards/hotline.json'));
  assert.deepEqual(await mountAll(page, [['scorecard', card]]), [true]);
  assert.deepEqual(page.fetched(), ['all.*.js', 'all.*.wasm', 'grassroots.*.css', 'grassroots.js']);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the data picks the module of a map or a dashboard: the larger one only for what needs it', async () => {
  const org = JSON.parse(await fixture('tree/valid/laifeng-shengli.json'));
  const geo = JSON.parse(await fixture('geo/widget/shengli.json'));
  const cases = JSON.parse(await fixture('cases/valid/season-shengli.json'));
  const period = { from: '2026-06-01', to: '2026-09-01' };
  const cases_ = (page) => page.fetched().filter((f) => f.endsWith('.wasm'));
  let page = await blank();
  assert.deepEqual(await mountAll(page, [['grid-map', { org, geo }]]), [true]);
  assert.deepEqual(cases_(page), ['grid-map.*.wasm'], 'organization and geometry: the small map module');
  assert.deepEqual(await mountAll(page, [['grid-map', { org, geo, cases, period }]]), [true]);
  assert.deepEqual(cases_(page), ['grid-map-full.*.wasm', 'grid-map.*.wasm'], 'with cases: the larger one');
  await page.close();
  page = await blank();
  assert.deepEqual(await mountAll(page, [['dashboard', { org, cases, period }]]), [true]);
  assert.deepEqual(cases_(page), ['dashboard.*.wasm'], 'a dashboard without geometry: no map code');
  assert.deepEqual(await mountAll(page, [['dashboard', { org, geo }]]), [true]);
  assert.deepEqual(cases_(page), ['dashboard-map.*.wasm', 'dashboard.*.wasm']);
  assert.equal(await page.locator('.w-dashboard .gr-map-shape').count(), 5, 'the second dashboard draws its map');
  await page.close();
  // An element given its data before it connects: the data picks the module.
  page = await blank();
  await page.evaluate((data) => {
    const el = document.createElement('gr-grid-map');
    el.id = 'before';
    el.data = data;
    document.getElementById('here').append(el);
  }, { org, geo, cases, period });
  await page.locator('#before .gr-map-canvas').waitFor();
  assert.deepEqual(cases_(page), ['grid-map-full.*.wasm']);
  await page.close();
  // One connected with no data says so (from the small module, at once); data with cases that
  // comes later mounts it again from the larger module, which then shows the case figures.
  // The data is given once the error shows, not after a fixed delay: on a loaded machine the
  // small module can take longer than any delay to arrive (CI once set the data first).
  page = await blank();
  await page.evaluate(() => {
    const el = document.createElement('gr-grid-map');
    el.id = 'later';
    document.getElementById('here').append(el);
  });
  await page.locator('#later .gr-error').waitFor();
  assert.deepEqual(cases_(page), ['grid-map.*.wasm'], 'no data: the small module says so');
  await page.evaluate((data) => { document.getElementById('later').data = data; }, { org, geo, cases, period });
  await page.locator('#later .gr-map-canvas').waitFor();
  assert.equal(await page.locator('#later .gr-map-figure option').count(), 8, 'five figures and the three of cases; no tiers (no scorecard)');
  assert.deepEqual(cases_(page), ['grid-map-full.*.wasm', 'grid-map.*.wasm']);
  // Several kinds together: the smallest module with all of them — `all` has no map code,
  // `all-map` has every kind.
  await page.close();
  page = await blank();
  assert.deepEqual(await mountAll(page, [['dashboard', { org, cases, period }], ['org-tree', org]]), [true, true]);
  assert.deepEqual(cases_(page), ['all.*.wasm']);
  await page.close();
  page = await blank();
  assert.deepEqual(await mountAll(page, [['grid-map', { org, geo, cases, period }], ['org-tree', org]]), [true, true]);
  assert.deepEqual(cases_(page), ['all-map.*.wasm']);
  assert.deepEqual(await events(page, 'gr-error'), []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('evaluate() loads the rules alone, and nothing when a loaded module has them', async () => {
  const expected = JSON.parse(await fixture('rules/scorecards/hotline.expected.json'));
  const card = await fixture('rules/scorecards/hotline.json');
  let page = await blank();
  assert.deepEqual(await page.evaluate((text) => window.grassroots.evaluate(text), card), expected);
  assert.deepEqual(page.fetched(), ['grassroots.js', 'rules.*.js', 'rules.*.wasm']);
  await page.close();
  page = await blank();
  assert.deepEqual(await mountAll(page, [['scorecard', JSON.parse(card)]]), [true]);
  assert.deepEqual(await page.evaluate((text) => window.grassroots.evaluate(text), card), expected);
  assert.deepEqual(page.fetched(), ['grassroots.*.css', 'grassroots.js', 'scorecard.*.js', 'scorecard.*.wasm']);
  await page.close();
});

test('bundle files are compressed when asked, hashed names are cached for good, grassroots.js is revalidated', async () => {
  const page = await blank();
  const files = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
  await page.close();
  const loader = await fetch(`${env.base}/grassroots/grassroots.js`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(loader.headers.get('cache-control'), 'no-cache');
  assert.equal(loader.headers.get('content-encoding'), 'gzip');
  assert.match(loader.headers.get('content-type'), /^text\/javascript/);
  // The manifest inside grassroots.js names every other file of the bundle.
  const text = await loader.text();
  const wasm = text.match(/org-tree\.[0-9a-f]{10}\.wasm/)?.[0];
  assert.ok(wasm, 'grassroots.js names the org-tree module');
  for (const encoding of ['br', 'gzip']) {
    const r = await fetch(`${env.base}/grassroots/${wasm}`, { headers: { 'accept-encoding': encoding } });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-encoding'), encoding);
    assert.equal(r.headers.get('content-type'), 'application/wasm');
    assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    // fetch() decodes the body: the bytes are the module's.
    const body = new Uint8Array(await r.arrayBuffer());
    assert.deepEqual([...body.slice(0, 4)], [0, 0x61, 0x73, 0x6d]);
  }
  const plain = await fetch(`${env.base}/grassroots/${wasm}`, { headers: { 'accept-encoding': 'identity' } });
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.ok(files.includes('/grassroots/grassroots.js'));
});

test('a misspelt option is refused by name, not ignored; theme stays an attribute of the host', async () => {
  const page = await blank();
  const org = JSON.parse(await fixture('tree/valid/laifeng-shengli.json'));
  const result = await page.evaluate(async (data) => {
    const div = document.createElement('div');
    document.getElementById('here').append(div);
    const refused = await window.grassroots.mount(div, 'org-tree', data, { eldery: true }).ready.then(() => 'mounted', (e) => String(e));
    const ok = document.createElement('div');
    document.getElementById('here').append(ok);
    const handle = window.grassroots.mount(ok, 'org-tree', data, { elderly: true, theme: 'blue', lang: 'en' });
    await handle.ready;
    const elderly = Boolean(ok.shadowRoot.querySelector('.gr-elderly'));
    const theme = ok.getAttribute('theme');
    await handle.setOptions({ theme: null });
    return { refused, elderly, theme, after: ok.getAttribute('theme') };
  }, org);
  assert.match(result.refused, /invalid options: .*unknown field `eldery`/);
  assert.deepEqual({ ...result, refused: undefined }, { refused: undefined, elderly: true, theme: 'blue', after: null });
  await page.close();
});

// A widget without its own lang speaks the nearest one around it, and follows it: the page's
// <html lang> switched in place (as a Vue or React portal's i18n does), a section's, a move into
// another section; mount() without a lang option likewise; a widget in a component's shadow
// root, from a lang inside that root. Its own lang, and mount()'s lang option, stay as given.
test(`a widget without its own lang follows the page's and its section's lang as they change`, async () => {
  const page = await blank();
  const org = JSON.parse(await fixture('tree/valid/laifeng-shengli.json'));
  const ids = ['follows', 'own', 'mounted', 'mounted-own', 'shadowed'];
  await page.evaluate(async (data) => {
    document.getElementById('here').innerHTML = '<section id="sec"></section><div id="mounted"></div><div id="mounted-own"></div><div id="english" lang="en"></div><div id="host"></div>';
    // The data before the element connects, as a framework's property binding gives it.
    const tree = (id) => Object.assign(document.createElement('gr-org-tree'), { id, data });
    document.getElementById('sec').append(tree('follows'));
    document.getElementById('here').append(Object.assign(tree('own'), { lang: 'zh-CN' }));
    // A component (as Lit or a Vue custom element renders one) with the widget in its template.
    const root = document.getElementById('host').attachShadow({ mode: 'open' });
    root.innerHTML = '<div class="part"></div>';
    root.querySelector('.part').append(tree('shadowed'));
    window.widgetById = (id) => document.getElementById(id) ?? root.getElementById(id);
    await Promise.all([
      window.grassroots.mount(document.getElementById('mounted'), 'org-tree', data).ready,
      window.grassroots.mount(document.getElementById('mounted-own'), 'org-tree', data, { lang: 'zh-CN' }).ready,
      customElements.whenDefined('gr-org-tree'),
    ]);
  }, org);
  // What each widget shows: its language, and its search box's name in it.
  const shown = () => page.evaluate((ids) => ids.map((id) => {
    const root = window.widgetById(id).shadowRoot;
    return [root?.querySelector('.gr-widget:not(.gr-loading)')?.getAttribute('lang'), root?.querySelector('.gr-search-label')?.textContent];
  }), ids);
  const zh = ['zh-CN', '搜索组织'];
  const en = ['en', 'Search organizations'];
  // Waits up to 5 s for the langs wanted, then compares what is shown (a failing step says what differs).
  const expect = async (want, step) => {
    await page.waitForFunction(([ids, w]) => JSON.stringify(ids.map((id) => window.widgetById(id).shadowRoot?.querySelector('.gr-widget:not(.gr-loading)')?.getAttribute('lang'))) === JSON.stringify(w),
      [ids, want.map(([l]) => l)], { timeout: 5000 }).catch(() => {});
    assert.deepEqual(await shown(), want, step);
  };
  await expect([zh, zh, zh, zh, zh], `at first, the page's zh-CN`);
  await page.evaluate(() => { document.documentElement.lang = 'en'; });
  await expect([en, zh, en, zh, en], 'the page switched to English');
  await page.evaluate(() => { document.getElementById('sec').lang = 'zh-CN'; });
  await expect([zh, zh, en, zh, en], 'its section set to zh-CN');
  await page.evaluate(() => { document.getElementById('host').shadowRoot.querySelector('.part').lang = 'zh-CN'; });
  await expect([zh, zh, en, zh, zh], `a lang set inside the component's shadow root`);
  await page.evaluate(() => document.getElementById('sec').removeAttribute('lang'));
  await expect([en, zh, en, zh, zh], `the section's lang removed: the page's again`);
  await page.evaluate(() => { document.documentElement.lang = 'zh-CN'; document.getElementById('english').append(document.getElementById('follows')); });
  await expect([en, zh, zh, zh, zh], 'moved into an English section');
  await page.evaluate(() => { document.getElementById('host').shadowRoot.querySelector('.part').lang = 'en'; });
  await expect([en, zh, zh, zh, en], `the component's lang set to English`);
  // A widget's own lang changed reaches it once (its attribute callback), not again through the
  // lang watcher.
  const sent = await page.evaluate(async () => {
    const own = document.getElementById('own');
    let calls = 0;
    const setOptions = own.handle.setOptions.bind(own.handle);
    own.handle.setOptions = (options) => { calls += 1; return setOptions(options); };
    own.lang = 'en';
    await own.handle.ready;
    await new Promise((ok) => setTimeout(ok, 100));
    return calls;
  });
  assert.equal(sent, 1, 'options sent for an own lang changed');
  await expect([en, en, zh, zh, en], 'its own lang set to English');
  assert.deepEqual(await events(page, 'gr-error'), []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a module that cannot be loaded: a plain-text alert in the element and gr-error with code "load"', async () => {
  const page = await blank();
  await page.route(/\/grassroots\/org-tree\.[0-9a-f]{10}\.wasm$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  page.problems.length = 0;
  const org = JSON.parse(await fixture('tree/valid/laifeng-shengli.json'));
  const shown = await page.evaluate(async (data) => {
    const div = document.createElement('div');
    div.id = 'broken-load';
    document.getElementById('here').append(div);
    await window.grassroots.mount(div, 'org-tree', data, { lang: 'en' }).ready;
    const alert = div.shadowRoot.querySelector('[role=alert]');
    return alert?.textContent;
  }, org);
  assert.match(shown, /^The widget could not be loaded: /);
  const [error] = await events(page, 'gr-error');
  assert.equal(error.target, 'broken-load');
  assert.equal(error.detail.widget, 'org-tree');
  assert.deepEqual(error.detail.warnings, []);
  assert.equal(error.detail.errors.length, 1);
  assert.deepEqual({ ...error.detail.errors[0], message: undefined }, { severity: 'error', path: '$', code: 'load', message: undefined });
  await page.close();
});
