// <gr-org-tree> in real Chromium: rendering, the WAI-ARIA tree keyboard model, events,
// error panels, text-not-markup, one shared wasm instance, and the mount() API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { artifacts, events, focusedId, language, open, start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const rows = (page, host) => page.locator(`#${host} [role=treeitem]`);
const rowIds = (page, host) => rows(page, host).evaluateAll((els) => els.map((e) => e.dataset.id));

describe('org tree from a src URL', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/org-tree.html');
    await rows(page, 'from-src').first().waitFor();
  });
  after(async () => { await page.close(); });

  test('renders the root expanded with its children, with tree semantics', async () => {
    assert.deepEqual(await rowIds(page, 'from-src'), ['sl', 'sl-d1', 'sl-d2', 'sl-d3', 'sl-d4', 'sl-d5']);
    const tree = page.locator('#from-src [role=tree]');
    assert.equal(await tree.count(), 1);
    const root = rows(page, 'from-src').first();
    assert.equal(await root.getAttribute('aria-level'), '1');
    assert.equal(await root.getAttribute('aria-expanded'), 'true');
    assert.equal(await root.getAttribute('tabindex'), '0');
    const third = rows(page, 'from-src').nth(3);
    assert.equal(await third.getAttribute('aria-level'), '2');
    assert.equal(await third.getAttribute('aria-posinset'), '3');
    assert.equal(await third.getAttribute('aria-setsize'), '5');
    assert.equal(await third.getAttribute('aria-expanded'), 'false');
    assert.equal(await third.getAttribute('tabindex'), '-1');
    assert.match(await page.locator('#from-src .gr-count').textContent(), /共 17 个组织/);
    await page.screenshot({ path: join(artifacts, 'org-tree.png'), fullPage: true });
    assert.deepEqual(page.problems, []);
  });

  test('the keyboard alone moves focus, expands and collapses (roving tabindex)', async () => {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.getElementById('from-src').shadowRoot.activeElement?.id), 'gr-search', 'the search box comes first');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page, 'from-src'), 'sl');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedId(page, 'from-src'), 'sl-d1');
    await page.keyboard.press('ArrowRight');
    assert.equal(await rows(page, 'from-src').nth(1).getAttribute('aria-expanded'), 'true');
    assert.deepEqual((await rowIds(page, 'from-src')).slice(0, 5), ['sl', 'sl-d1', 'sl-d1-g1', 'sl-d1-g2', 'sl-d1-g3']);
    await page.keyboard.press('ArrowRight');
    assert.equal(await focusedId(page, 'from-src'), 'sl-d1-g1');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focusedId(page, 'from-src'), 'sl-d1');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await rows(page, 'from-src').nth(1).getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('End');
    assert.equal(await focusedId(page, 'from-src'), 'sl-d5');
    await page.keyboard.press('Home');
    assert.equal(await focusedId(page, 'from-src'), 'sl');
    await page.keyboard.press('ArrowLeft');
    assert.deepEqual(await rowIds(page, 'from-src'), ['sl']);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('*');
    assert.equal((await rowIds(page, 'from-src')).length, 6, 'the root has no siblings to expand');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('*');
    assert.equal((await rowIds(page, 'from-src')).length, 17, '* expands every district');
    // Exactly one row is in the tab order, and it is the focused one.
    const tabbable = await page.locator('#from-src [role=treeitem][tabindex="0"]').evaluateAll((els) => els.map((e) => e.dataset.id));
    assert.deepEqual(tabbable, [await focusedId(page, 'from-src')]);
  });

  test('Enter selects and dispatches gr-select with the node and its path', async () => {
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedId(page, 'from-src'), 'sl-d1-g1');
    await page.keyboard.press('Enter');
    const selected = await events(page, 'gr-select');
    assert.equal(selected.length, 1);
    const [event] = selected;
    assert.equal(event.target, 'from-src');
    assert.equal(event.bubbles, true);
    assert.equal(event.composed, true);
    assert.deepEqual(event.detail, { id: 'sl-d1-g1', name: '胜利街一巷党小组', level: 'group', path: ['sl-d1-g1', 'sl-d1', 'sl'] });
    assert.equal(await rows(page, 'from-src').nth(2).getAttribute('aria-selected'), 'true');
  });

  test('a click selects too, and the twisty toggles without selecting', async () => {
    await page.locator('#from-src [data-id="sl-d2"] .gr-twisty').click();
    assert.equal(await page.locator('#from-src [data-id="sl-d2"]').getAttribute('aria-expanded'), 'false');
    assert.equal((await events(page, 'gr-select')).length, 1);
    await page.locator('#from-src [data-id="sl-d3-g2"]').click();
    const last = (await events(page, 'gr-select')).at(-1);
    assert.equal(last.detail.name, '税务局宿舍楼栋党小组');
  });

  test('names from data render as text, never as markup', async () => {
    const inline = rows(page, 'inline');
    await inline.first().waitFor();
    assert.equal(await inline.first().locator('.gr-name').textContent(), '<img src=x onerror=alert(1)>');
    await page.keyboard.press('Tab');
    await page.locator('#inline [role=treeitem]').first().focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await inline.nth(1).locator('.gr-name').textContent(), "<b>not bold</b> & 'quoted'");
    const injected = await page.evaluate(() => document.getElementById('inline').shadowRoot.querySelectorAll('img, b').length);
    assert.equal(injected, 0);
    assert.deepEqual(page.problems, [], 'no alert() ran');
  });

  test('lang="en" shows English, and changing the attribute re-renders', async () => {
    assert.match(await page.locator('#inline .gr-count').textContent(), /^2 organizations$/);
    await page.evaluate(() => document.getElementById('inline').setAttribute('lang', 'zh-CN'));
    await page.waitForFunction(() => document.getElementById('inline').shadowRoot.querySelector('.gr-count').textContent === '共 2 个组织');
  });

  test('the organization\'s warnings are listed under the tree; none for a clean document', async () => {
    // The inline document names no level schema: one warning, at $, listed open.
    assert.deepEqual(await page.locator('#inline .gr-notes[role=note] li').allTextContents(), ['$未指定层级方案，层级顺序未检查']);
    assert.equal(await page.locator('#inline .gr-notes details').count(), 0, 'one warning is not behind a disclosure');
    assert.equal(await page.locator('#from-src .gr-notes').count(), 0);
    assert.deepEqual(await events(page, 'gr-error'), [], 'warnings alone are not an error');
  });

  test('two widgets on a page share one wasm instance', async () => {
    const wasmLoads = await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).length);
    assert.equal(wasmLoads, 1);
    assert.ok(await rows(page, 'from-src').count() > 0);
    assert.ok(await rows(page, 'inline').count() > 0);
  });
});

describe('bad data', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/broken.html');
    await page.locator('#broken [role=alert]').waitFor();
    await page.locator('#missing [role=alert]').waitFor();
    await page.locator('#not-json [role=alert]').waitFor();
  });
  after(async () => { await page.close(); });

  test('shows every problem in an error panel, with record and JSON path', async () => {
    const items = await page.locator('#broken .gr-problems:first-of-type li').allTextContents();
    assert.equal(items.length, 7, items.join('\n'));
    assert.ok(items.some((t) => t.includes('$.nodes[1].level') && t.includes('记录“n1”')), items.join('\n'));
    assert.ok(items.some((t) => t.includes('$.nodes[6].parent') && t.includes('上级“gone”不存在')), items.join('\n'));
    assert.equal(await page.locator('#broken [role=tree]').count(), 0);
    // Warnings are listed apart, after the errors.
    const warnings = await page.locator('#broken .gr-problems:last-of-type li').allTextContents();
    assert.deepEqual(warnings, ['$未指定层级方案，层级顺序未检查']);
    assert.ok(items.some((t) => t.includes('$.nodes[4]') && t.includes('"not a record"')), 'the bad value is quoted in the message');
    await page.screenshot({ path: join(artifacts, 'error-panel.png'), fullPage: true });
  });

  test('dispatches gr-error with every problem, bubbling and composed', async () => {
    const errors = await events(page, 'gr-error');
    const broken = errors.find((e) => e.target === 'broken');
    assert.ok(broken, JSON.stringify(errors));
    assert.equal(broken.bubbles, true);
    assert.equal(broken.composed, true);
    assert.equal(broken.detail.widget, 'org-tree');
    assert.equal(broken.detail.errors.length, 7);
    const unknown = broken.detail.errors.find((e) => e.code === 'unknown-parent');
    assert.deepEqual(unknown, { severity: 'error', record: 'n6', path: '$.nodes[6].parent', code: 'unknown-parent', parent: 'gone', message: '上级“gone”不存在' });
  });

  test('a src that cannot be fetched is an error too', async () => {
    const text = await page.locator('#missing [role=alert]').textContent();
    assert.match(text, /Could not load the data: .*no-such-file\.json: HTTP 404/);
    const missing = (await events(page, 'gr-error')).find((e) => e.target === 'missing');
    assert.equal(missing.detail.errors[0].code, 'fetch');
  });

  test('text that is not JSON names the line and column', async () => {
    const text = await page.locator('#not-json [role=alert]').textContent();
    assert.match(text, /不是有效的 JSON（第 1 行第 \d+ 列）/);
    const notJson = (await events(page, 'gr-error')).find((e) => e.target === 'not-json');
    assert.equal(notJson.detail.errors[0].code, 'syntax');
  });
});

describe('mount() and the .data property', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/api.html');
    await page.waitForFunction(() => window.grassroots);
  });
  after(async () => { await page.close(); });

  const small = (name) => ({ nodes: [{ id: 'r', level: 'community', name }, { id: 'c', parent: 'r', level: 'grid', name: '一网格' }] });

  test('mount() renders data given as an object, update() replaces it, destroy() removes it', async () => {
    await page.evaluate(async (data) => {
      window.handle = window.grassroots.mount(document.getElementById('host'), 'org-tree', data, { lang: 'en' });
      await window.handle.ready;
    }, small('甲社区党委'));
    assert.deepEqual(await rowIds(page, 'host'), ['r', 'c']);
    await page.evaluate((data) => window.handle.update(data), small('乙社区党委'));
    assert.equal(await rows(page, 'host').first().locator('.gr-name').textContent(), '乙社区党委');
    await page.evaluate(() => window.handle.update('{"nodes": []}'));
    await page.locator('#host [role=alert]').waitFor();
    assert.equal((await events(page, 'gr-error')).at(-1).detail.errors[0].code, 'no-records');
    await page.evaluate(() => window.handle.destroy());
    assert.equal(await page.locator('#host .gr-widget').count(), 0);
  });

  test('an unknown widget kind is refused with a clear error', async () => {
    const message = await page.evaluate(() => window.grassroots.mount(document.createElement('div'), 'pie-chart', {}).ready.then(() => 'mounted', (e) => String(e)));
    assert.match(message, /unknown widget kind "pie-chart"/);
  });

  test('setting .data on the element renders it', async () => {
    await page.evaluate((data) => { document.getElementById('prop').data = data; }, small('丙社区党委'));
    await page.locator('#prop [role=treeitem]').first().waitFor();
    assert.equal(await rows(page, 'prop').first().locator('.gr-name').textContent(), '丙社区党委');
    assert.deepEqual(page.problems, []);
  });
});

// Session 27: in English at desktop width the level's long words ("Street Party working
// committee") kept their width and the names were cut to four characters ("城关街道…").
describe('the demo county\'s tree at desktop width', () => {
  test('the names come first: whole in both languages, the figures take the ellipsis', async () => {
    const page = await open(env, '/org.html', { viewport: { width: 1200, height: 800 } });
    try {
      await page.locator('#tree-county .gr-row').first().waitFor();
      for (const lang of ['zh-CN', 'en']) {
        await language(page, 'tree-county', lang);
        const cut = await page.evaluate(() => [...document.getElementById('tree-county').shadowRoot.querySelectorAll('.gr-row .gr-name')]
          .filter((n) => n.scrollWidth > n.clientWidth + 1).map((n) => n.textContent));
        assert.deepEqual(cut, [], lang);
      }
      assert.equal(await page.locator('#tree-county .gr-row').count() >= 4, true);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });
});
