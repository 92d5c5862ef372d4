// The demo site as `make demo` serves it: every widget renders from its data, with no
// error and no console error, and the page works with the keyboard.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { axe } from './a11y.mjs';
import { artifacts, events, focusedId, open, rendered, start } from './harness.mjs';
import { ELEMENTS } from './reflow-checks.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('the overview: the county at a glance, drilled down to a street', async () => {
  const page = await open(env, '/', { viewport: { width: 1200, height: 900 } });
  await rendered(page, ['dashboard-county']);
  assert.deepEqual(await events(page, 'gr-error'), []);
  const dash = page.locator('#dashboard-county');
  assert.match(await dash.locator('.gr-dash-node').textContent(), /^中共凤溪县委/);
  // Three streets below the county; their communities' star tiers are counted on the county.
  const streets = dash.locator('.gr-dash-children tbody tr');
  assert.equal(await streets.count(), 3);
  const tiers = dash.locator('.gr-chart', { hasText: '下辖评定结果' }).locator('table td');
  const counted = (await tiers.allTextContents()).map(Number);
  assert.equal(counted.reduce((a, b) => a + b, 0), 12, counted.join(','));
  // The case rates of the season, with their parts.
  assert.match(await dash.locator('.gr-dash-rates').textContent(), /\d+\.\d%（\d+\/\d+）/);
  // The map beside the figures: the three streets, coloured by overdue clocks.
  assert.equal(await dash.locator('.gr-map-shape').count(), 3);
  assert.equal(await dash.locator('.gr-map-figure select').inputValue(), 'overdue-clocks');
  await streets.first().locator('button').click();
  assert.match(await dash.locator('.gr-dash-node').textContent(), /^城关街道党工委/);
  // The map follows: the street's four communities.
  assert.equal(await dash.locator('.gr-map-shape').count(), 4);
  assert.equal(await dash.locator('.gr-dash-children tbody tr').count(), 4);
  assert.equal((await events(page, 'gr-select')).at(-1)?.detail.id, 's0');
  assert.deepEqual(await axe(page), []);
  // The page's theme button: 政务蓝 on every widget, and back.
  const title = () => dash.locator('.gr-dashboard > .gr-head .gr-title').evaluate((e) => getComputedStyle(e).color);
  assert.equal(await title(), 'rgb(179, 20, 12)');
  await page.locator('#theme-toggle').click();
  assert.equal(await page.locator('#theme-toggle').getAttribute('aria-pressed'), 'true');
  assert.equal(await title(), 'rgb(11, 78, 162)');
  await page.locator('#theme-toggle').click();
  assert.equal(await title(), 'rgb(179, 20, 12)');
  await page.screenshot({ path: join(artifacts, 'demo.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the organization page: the generated county, by keyboard, its events logged', async () => {
  const page = await open(env, '/org.html', { viewport: { width: 1200, height: 900 } });
  await page.locator('#tree-county [role=treeitem]').first().waitFor();
  assert.deepEqual(await events(page, 'gr-error'), []);
  const count = await page.locator('#tree-county .gr-count').textContent();
  const nodes = Number(count.match(/\d+/)?.[0]);
  assert.ok(nodes > 500 && nodes < 2000, count);
  // The root row carries the rolled-up figures of the whole county.
  const figures = await page.locator('#tree-county [role=treeitem]').first().locator('.gr-figures').textContent();
  assert.match(figures, /^党员 \d+ · 网格 \d+ · 住户 \d+$/);
  // Keyboard only from the tree's search box: Tab into the tree, then move and select.
  await page.locator('#tree-county input[type=search]').focus();
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(page, 'tree-county'), 'county');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.equal((await events(page, 'gr-select')).at(-1)?.detail.id, 's0');
  // The page's own log shows it, as text.
  assert.match(await page.locator('#events li').first().textContent(), /^gr-select: 城关街道党工委（s0）$/);
  // The county's warnings (members not reported, a worker model's shortfalls) under the tree,
  // closed behind their count; the summary opens them from the keyboard.
  const notes = page.locator('#tree-county .gr-notes:not(.gr-node-details *) details');
  const warned = Number((await notes.locator('summary').textContent()).match(/共 (\d+) 条$/)?.[1]);
  assert.ok(warned > 5, `${warned} warnings`);
  // The selected street's own are in its details panel: some, not all.
  const own = Number((await page.locator('#tree-county .gr-node-details .gr-notes summary').textContent()).match(/^本组织及下级的提醒（不影响使用）： 共 (\d+) 条$/)?.[1]);
  assert.ok(own > 0 && own < warned, `${own} of ${warned}`);
  // From the tree, Tab reaches that summary, then the one under the tree.
  const focused = () => page.evaluate(() => {
    const at = document.getElementById('tree-county').shadowRoot.activeElement;
    return [at?.localName, Boolean(at?.closest('.gr-node-details'))];
  });
  await page.keyboard.press('Tab');
  assert.deepEqual(await focused(), ['summary', true]);
  await page.keyboard.press('Tab');
  assert.deepEqual(await focused(), ['summary', false]);
  assert.equal(await notes.locator('li').count(), Math.min(warned, 100));
  assert.equal(await notes.getAttribute('open'), null);
  await notes.locator('summary').focus();
  await page.keyboard.press('Space');
  assert.equal(await notes.getAttribute('open'), '');
  assert.match(await notes.locator('li').first().textContent(), /^\$\.(members|grids|nodes)\[\d+\]/);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the scorecards page: every community of the county rated', async () => {
  const page = await open(env, '/scorecards.html', { viewport: { width: 1200, height: 900 } });
  await page.locator('#stars-county tbody tr').first().waitFor();
  assert.equal(await page.locator('#stars-county tbody tr').count(), 12);
  const tiers = await page.locator('#stars-county tbody tr .gr-tier').allTextContents();
  assert.ok(tiers.includes('达标') && tiers.includes('未达标'), tiers.join(','));
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the cases page: a summer of the county, places by name, a running 1310 clock', async () => {
  const page = await open(env, '/cases.html', { viewport: { width: 1200, height: 900 } });
  await rendered(page, ['case-tracker']);
  assert.deepEqual(await events(page, 'gr-error'), []);
  const tracker = page.locator('#case-tracker');
  assert.match(await tracker.locator('.gr-head').textContent(), /共 228 件/);
  const facts = await tracker.locator('.gr-case-detail .gr-facts').first().textContent();
  assert.match(facts, /类别供水/);
  // The grid by its name from the organization, not its id.
  assert.match(facts, /网格建设第\d网格/);
  assert.doesNotMatch(facts, /c\d+-g\d+/);
  assert.match(await tracker.locator('.gr-case-detail').textContent(), /剩余 1 分/);
  assert.equal(await tracker.locator('.gr-notes').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the map page: the county by street, drilled down to a community and its grids by keyboard', async () => {
  const page = await open(env, '/map.html', { viewport: { width: 1200, height: 900 } });
  await rendered(page, ['map-county']);
  assert.deepEqual(await events(page, 'gr-error'), []);
  const map = page.locator('#map-county');
  assert.equal(await map.locator('.gr-map-shape').count(), 3);
  // The light map module alone: no cases, no scorecard in this page's data.
  assert.equal(await map.locator('.gr-map-figure option').count(), 5);
  await map.locator('.gr-map-canvas').focus();
  await page.keyboard.press('ArrowDown'); // the first street in reading order is active on focus; move on and back
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  const street = (await events(page, 'gr-select')).at(-1)?.detail;
  assert.equal(street?.kind, 'node');
  assert.equal(await map.locator('.gr-crumbs [aria-current=page]').textContent(), street.name);
  const communities = await map.locator('.gr-map-shape').count();
  assert.ok(communities >= 3, `${communities} communities`);
  await page.keyboard.press('Home'); // after a drill-down the first key picks the first shape
  await page.keyboard.press('Enter'); // the first community: its grids
  const community = (await events(page, 'gr-select')).at(-1)?.detail;
  assert.equal(await map.locator('.gr-crumbs [aria-current=page]').textContent(), community.name);
  const grids = await map.locator('.gr-map-shape').count();
  assert.ok(grids >= 2, `${grids} grids`);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  assert.equal((await events(page, 'gr-select')).at(-1)?.detail.kind, 'grid');
  assert.equal(await map.locator('.gr-map-table tbody tr').count(), grids);
  const root = await map.locator('.gr-crumbs button').first().textContent();
  await map.locator('.gr-crumbs button').first().click();
  assert.equal(await map.locator('.gr-map-shape').count(), 3);
  // Back up through the breadcrumb: gr-select with the node, as a drill-down sends it.
  const back = (await events(page, 'gr-select')).at(-1)?.detail;
  assert.deepEqual([back?.kind, back?.name], ['node', root]);
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(artifacts, 'demo-map.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

// Every page of the demo site: its widgets render from the site's data with no gr-error and no
// page error, the navigation marks the current page, and axe finds nothing.
for (const [path, ids] of [
  ['/lists.html', ['duty-list']],
  ['/services.html', ['service-board']],
  ['/cases.html', ['case-tracker']],
  ['/embed.html', ['embed-0', 'embed-map', 'embed-1', 'embed-2', 'embed-3', 'embed-4', 'embed-5', 'mount-demo']],
]) {
  test(`the demo page ${path} renders its widgets`, async () => {
    const page = await open(env, path, { viewport: { width: 1200, height: 900 } });
    await rendered(page, ids);
    assert.deepEqual(await events(page, 'gr-error'), []);
    for (const id of ids) assert.equal(await page.locator(`#${id} .gr-error`).count(), 0, id);
    assert.equal(await page.locator(`.site-nav a[href="${path.slice(1)}"]`).getAttribute('aria-current'), 'page');
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: join(artifacts, `demo-${path.slice(1, -5)}.png`), fullPage: true });
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}

// Every page of the demo site is also in English (NAME.en.html, .ci/site.mjs): its header links
// to the other language and back, its navigation stays in its language, its widgets are those of
// the Chinese page and speak English because the page does, and none of its own text is Chinese
// but names marked as such (and code, data and what the widgets show).
test('every demo page in English: linked both ways, the navigation kept in English, its widgets in English, no Chinese of its own', async () => {
  const { PAGES, english } = await import('../../.ci/site.mjs');
  assert.equal(PAGES.length, 10);
  for (const [file] of PAGES) {
    const zh = await open(env, `/${file}`, { viewport: { width: 1200, height: 900 } });
    const head = (page) => page.evaluate((sel) => {
      const a = document.getElementById('lang-switch');
      return {
        lang: document.documentElement.lang,
        title: document.title,
        link: a && [a.getAttribute('href'), a.hreflang, a.lang, a.textContent],
        alternate: document.querySelector('link[rel=alternate]')?.getAttribute('hreflang'),
        nav: [...document.querySelectorAll('.site-nav a')].map((n) => n.getAttribute('href')),
        current: document.querySelector('.site-nav a[aria-current=page]')?.getAttribute('href'),
        widgets: [...document.querySelectorAll(`${sel}, #mount-demo`)].map((e) => e.id),
      };
    }, ELEMENTS);
    const before = await head(zh);
    await zh.close();
    assert.deepEqual([before.lang, before.link, before.alternate, before.current], ['zh-CN', [english(file), 'en', 'en', 'English'], 'en', file], file);
    assert.ok(before.nav.every((h) => !h.endsWith('.en.html')), file);
    const page = await open(env, `/${english(file)}`, { viewport: { width: 1200, height: 900 } });
    const after = await head(page);
    assert.deepEqual([after.lang, after.link, after.alternate, after.current], ['en', [file, 'zh-CN', 'zh-CN', '中文'], 'zh-CN', english(file)], english(file));
    assert.match(after.title, /^Fengxi County: .+ · [A-Z]/, english(file));
    assert.deepEqual(after.nav, PAGES.map(([f]) => english(f)), english(file));
    assert.deepEqual(after.widgets, before.widgets, `${english(file)}: the widgets of ${file}`);
    await rendered(page, after.widgets);
    assert.deepEqual(await events(page, 'gr-error'), [], english(file));
    const langs = await page.evaluate((ids) => ids.map((id) => document.getElementById(id).shadowRoot?.querySelector('.gr-widget')?.getAttribute('lang') ?? document.querySelector(`#${id} .gr-widget`)?.getAttribute('lang')), after.widgets);
    assert.deepEqual(langs, after.widgets.map(() => 'en'), english(file));
    // The page's own text: every text node outside the widgets, code, data and elements marked
    // as Chinese.
    const chinese = await page.evaluate((sel) => {
      const found = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = n.parentElement;
        if (at.closest('[lang]')?.lang !== 'en' || at.closest(`pre, code, script, style, #mount-demo, ${sel}`)) continue;
        if (/\p{Script=Han}/u.test(n.data)) found.push(`${at.localName}: ${n.data.trim().slice(0, 60)}`);
      }
      for (const e of document.querySelectorAll('[aria-label], [title], [alt]')) {
        for (const a of ['aria-label', 'title', 'alt']) if (/\p{Script=Han}/u.test(e.getAttribute(a) ?? '') && e.closest('[lang]')?.lang === 'en') found.push(`${e.localName}[${a}]`);
      }
      if (/\p{Script=Han}/u.test(document.title)) found.push('title');
      return found;
    }, ELEMENTS);
    assert.deepEqual(chinese, [], english(file));
    if (file === 'org.html') {
      // The page's own event log speaks English too.
      await page.locator('#tree-county input[type=search]').focus();
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      assert.match(await page.locator('#events li').first().textContent(), /^gr-select: 城关街道党工委 \(s0\)$/);
    }
    assert.deepEqual(page.problems, [], english(file));
    await page.close();
  }
});

// A visitor who turns on large text (or the blue theme) keeps it on the next page, in either
// language, until they turn it off (www/demo.js keeps it in localStorage).
test('the large-text and theme settings are kept from page to page, in either language', async () => {
  const page = await open(env, '/cases.html', { viewport: { width: 1200, height: 900 } });
  const state = async () => {
    await rendered(page, await page.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => e.id), ELEMENTS));
    return page.evaluate((sel) => {
      const hosts = [...document.querySelectorAll(sel)];
      return {
        elderly: [document.getElementById('elderly-toggle').getAttribute('aria-pressed'), document.body.classList.contains('elderly'),
          hosts.every((h) => h.shadowRoot.querySelector('.gr-widget').classList.contains('gr-elderly'))],
        theme: [document.getElementById('theme-toggle').getAttribute('aria-pressed'), hosts.every((h) => h.getAttribute('theme') === 'blue')],
      };
    }, ELEMENTS);
  };
  const off = { elderly: ['false', false, false], theme: ['false', false] };
  const on = { elderly: ['true', true, true], theme: ['true', true] };
  assert.deepEqual(await state(), off);
  await page.locator('#elderly-toggle').click();
  await page.locator('#theme-toggle').click();
  await page.locator('.site-nav a[href="org.html"]').click();
  await page.waitForURL(/\/org\.html$/);
  assert.deepEqual(await state(), on, 'the next page');
  await page.locator('#lang-switch').click();
  await page.waitForURL(/\/org\.en\.html$/);
  assert.deepEqual(await state(), on, 'the same page in English');
  await page.locator('#elderly-toggle').click();
  await page.locator('#theme-toggle').click();
  await page.locator('.site-nav a[href="cases.en.html"]').click();
  await page.waitForURL(/\/cases\.en\.html$/);
  assert.deepEqual(await state(), off, 'turned off, off on the next page');
  assert.deepEqual(page.problems, []);
  await page.close();
});

// Every demo page asks in its <head> for what its widgets will load (.ci/site.mjs): the module
// it names must be the one grassroots.js picks (else the page would fetch two), and each hint
// must be taken up by the fetch it stands for, not fetched a second time (as a hint without
// `crossorigin` would be).
test('each demo page fetches its widgets\' module, stylesheet and data ahead, each bundle file once', async () => {
  const site = join(import.meta.dirname, '..', '..', 'target', 'site');
  const files = readdirSync(site).filter((f) => f.endsWith('.html'));
  assert.ok(files.length >= 20, files.join(' '));
  const fetched = new Map();
  for (const file of files) {
    const page = await env.browser.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${env.base}/${file}`);
    await page.waitForLoadState('networkidle');
    const hints = await page.$$eval('link[rel="preload"], link[rel="modulepreload"]', (links) => links.map((l) => [l.rel, new URL(l.href).pathname, l.getAttribute('as'), l.crossOrigin]));
    await page.close();
    assert.ok(hints.length > 0, `${file}: no hints`);
    const bundle = requests.filter((p) => p.startsWith('/grassroots/'));
    fetched.set(file, [...new Set(bundle)].sort());
    assert.deepEqual(bundle.filter((p, i) => bundle.indexOf(p) !== i), [], `${file}: a bundle file fetched twice`);
    for (const [rel, path, as, cors] of hints) {
      assert.ok(requests.includes(path), `${file}: ${path} hinted, not fetched`);
      if (rel === 'preload') assert.deepEqual([as, cors], ['fetch', 'anonymous'], `${file}: ${path}`);
    }
    const wasm = (list) => list.filter((p) => p.endsWith('.wasm'));
    assert.deepEqual(wasm(bundle), wasm(hints.map((h) => h[1])), `${file}: the wasm fetched is the one hinted`);
    assert.ok(hints.some(([, p]) => p.endsWith('.css')) && hints.some(([, p]) => p.startsWith('/data/')), file);
  }
  // An English page loads what its Chinese page does (so page-budgets.mjs counts only these).
  for (const file of files.filter((f) => f.endsWith('.en.html'))) {
    assert.deepEqual(fetched.get(file), fetched.get(file.replace('.en.html', '.html')), file);
  }
});
