// <gr-org-tree> at scale and with search, in real Chromium: 100,000-node trees render only
// the rows in view, keyboard focus follows into rows that were not rendered, and the search
// box reveals, marks, counts and steps through matches. Timings are printed as diagnostics,
// never asserted.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { artifacts, focusedId, open, start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const rows = (page, host) => page.locator(`#${host} [role=treeitem]`);
const rowIds = (page, host) => rows(page, host).evaluateAll((els) => els.map((e) => e.dataset.id));
const rowCount = (page, host) => rows(page, host).count();
const focused = (page, host) => page.locator(`#${host} [role=treeitem][tabindex="0"]`);
const status = (page, host) => page.locator(`#${host} [role=status]`).textContent();

/** The scroll container's position, and whether DOM focus is on the row with tabindex 0. */
const scrollState = (page, host) => page.evaluate((id) => {
  const root = document.getElementById(id).shadowRoot;
  const s = root.querySelector('.gr-scroll');
  const tabbable = root.querySelectorAll('[role=treeitem][tabindex="0"]');
  return {
    top: s.scrollTop, height: s.clientHeight, total: s.scrollHeight,
    tabbable: tabbable.length, focusedIsTabbable: tabbable.length === 1 && root.activeElement === tabbable[0],
  };
}, host);

/** The id on row `row` of the big tree with every community expanded. */
function idAtRow(row) {
  if (row === 0) return 'r';
  const community = Math.floor((row - 1) / 813);
  const offset = (row - 1) % 813;
  return offset === 0 ? `c${community}` : `c${community}-g${offset - 1}`;
}

/** Waits until the widget has rendered after the last input (two animation frames). */
const settle = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));

/** Presses `key` and returns how long the widget took to settle, in ms. */
async function timed(page, key) {
  const t0 = await page.evaluate(() => performance.now());
  await page.keyboard.press(key);
  await settle(page);
  return Math.round((await page.evaluate(() => performance.now())) - t0);
}

describe('a tree of 100,000 nodes', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/org-tree-scale.html');
    const ms = await page.evaluate(async () => {
      // 1 street + 123 communities × (1 + 812 grids) = 100,000 nodes in three levels; the
      // grid level holds 99,876 of them.
      const nodes = [{ id: 'r', level: 'street', name: '城关街道党工委', code: '422827001' }];
      for (let i = 0; i < 123; i += 1) {
        nodes.push({ id: `c${i}`, parent: 'r', level: 'community', name: `第${i + 1}社区党委` });
        for (let j = 0; j < 812; j += 1) {
          nodes.push({ id: `c${i}-g${j}`, parent: `c${i}`, level: 'grid', name: `第${i + 1}社区第${j + 1}网格党支部` });
        }
      }
      const wide = [{ id: 'w', level: 'street', name: 'Street' }];
      for (let k = 1; k < 100000; k += 1) wide.push({ id: `w${k}`, parent: 'w', level: 'grid', name: `Grid ${k}` });
      const t0 = performance.now();
      document.getElementById('big').data = { nodes };
      document.getElementById('wide').data = { nodes: wide };
      await document.getElementById('big').handle.ready;
      await document.getElementById('wide').handle.ready;
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
      return Math.round(performance.now() - t0);
    });
    await rows(page, 'big').first().waitFor();
    await rows(page, 'wide').first().waitFor();
    console.log(`# two 100,000-node trees loaded and rendered in ${ms} ms`);
  });
  after(async () => { await page.close(); });

  test('renders the first level, with only the rows in view in the DOM', async () => {
    assert.match(await page.locator('#big .gr-count').textContent(), /共 100000 个组织/);
    const ids = await rowIds(page, 'big');
    assert.equal(ids[0], 'r');
    assert.ok(ids.length < 124 && ids.length < 60, `${ids.length} rows rendered of 124 visible`);
    assert.deepEqual(ids.slice(0, 3), ['r', 'c0', 'c1']);
    // The tree is as tall as all 124 rows would be, and no style attribute was written.
    const { total, height } = await scrollState(page, 'big');
    assert.ok(total > height, `scrollHeight ${total} > clientHeight ${height}`);
    const styled = await page.evaluate(() => document.getElementById('big').shadowRoot.querySelectorAll('[style]').length);
    assert.equal(styled, 1, 'only the tree element has CSSOM-set inline style');
    // One node with 99,999 children: all of them visible at once.
    assert.match(await page.locator('#wide .gr-count').textContent(), /^100000 organizations$/);
    assert.ok(await rowCount(page, 'wide') < 60);
    assert.deepEqual(page.problems, []);
  });

  test('* on the level with the most nodes, then End: few rows, right ARIA on the last', async () => {
    await focused(page, 'big').focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedId(page, 'big'), 'c0');
    console.log(`# * (expand 123 communities, 100,000 rows) took ${await timed(page, '*')} ms`);
    assert.ok(await rowCount(page, 'big') < 200, `${await rowCount(page, 'big')} rows in the DOM`);
    console.log(`# End took ${await timed(page, 'End')} ms`);
    assert.equal(await focusedId(page, 'big'), 'c122-g811');
    const last = focused(page, 'big');
    assert.equal(await last.getAttribute('aria-level'), '3');
    assert.equal(await last.getAttribute('aria-setsize'), '812');
    assert.equal(await last.getAttribute('aria-posinset'), '812');
    assert.equal(await last.getAttribute('aria-expanded'), null, 'aria-expanded only on parents');
    const ids = await rowIds(page, 'big');
    assert.ok(ids.length < 200, `${ids.length} rows in the DOM`);
    assert.equal(ids.at(-1), 'c122-g811');
    const s = await scrollState(page, 'big');
    assert.ok(s.top + s.height >= s.total - 1, `scrolled to the bottom: ${JSON.stringify(s)}`);
    await page.locator('#big').screenshot({ path: join(artifacts, 'org-tree-100k-end.png') });
    assert.ok(s.focusedIsTabbable, 'the last row is the document\'s active element, and the only tabbable row');
    // The wide tree: the last of 99,999 siblings.
    await focused(page, 'wide').focus();
    await page.keyboard.press('End');
    assert.equal(await focusedId(page, 'wide'), 'w99999');
    assert.equal(await focused(page, 'wide').getAttribute('aria-posinset'), '99999');
    assert.equal(await focused(page, 'wide').getAttribute('aria-setsize'), '99999');
    assert.ok(await rowCount(page, 'wide') < 200);
  });

  test('PageUp, PageDown, Home move focus into rows that were not rendered', async () => {
    await focused(page, 'big').focus();
    await page.keyboard.press('Home');
    assert.equal(await focusedId(page, 'big'), 'r');
    assert.equal((await scrollState(page, 'big')).top, 0);
    const { height } = await scrollState(page, 'big');
    const page1 = Math.floor(height / await focused(page, 'big').evaluate((e) => e.getBoundingClientRect().height));
    await page.keyboard.press('PageDown');
    // Rows: r, c0, c0-g0, …; one page down from r is row page1.
    assert.equal(await focusedId(page, 'big'), `c0-g${page1 - 2}`);
    await page.keyboard.press('PageDown');
    assert.equal(await focusedId(page, 'big'), `c0-g${2 * page1 - 2}`);
    await page.keyboard.press('PageUp');
    assert.equal(await focusedId(page, 'big'), `c0-g${page1 - 2}`);
    for (let i = 0; i < 100; i += 1) await page.keyboard.press('PageDown');
    assert.equal(await focusedId(page, 'big'), idAtRow(101 * page1));
    let s = await scrollState(page, 'big');
    assert.ok(s.focusedIsTabbable, JSON.stringify(s));
    assert.ok(await rowCount(page, 'big') < 200);
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    s = await scrollState(page, 'big');
    assert.equal(await focusedId(page, 'big'), 'r');
    assert.equal(s.top, 0);
    assert.ok(s.focusedIsTabbable, JSON.stringify(s));
    assert.deepEqual(page.problems, []);
  });

  test('scrolling away with the mouse keeps the focused row in the DOM and focused', async () => {
    await page.locator('#big .gr-scroll').hover();
    await page.mouse.wheel(0, 36 * 5000);
    await page.waitForFunction(() => document.getElementById('big').shadowRoot.querySelector('.gr-scroll').scrollTop > 36 * 4000);
    await settle(page);
    const ids = await rowIds(page, 'big');
    assert.ok(ids.length < 200, `${ids.length} rows`);
    assert.equal(ids[0], 'r', 'the focused row stays, detached, first in DOM order');
    assert.ok(ids.slice(1).every((id) => id.includes('-g')), 'the rest are grids far down');
    const s = await scrollState(page, 'big');
    assert.ok(s.focusedIsTabbable, JSON.stringify(s));
    // Keys still work, and bring the view back to the focused row.
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedId(page, 'big'), 'c0');
    assert.ok((await scrollState(page, 'big')).top < 100);
  });

  test('elderly mode: taller rows are measured, and the focused row stays in view', async () => {
    await focused(page, 'big').focus();
    for (let i = 0; i < 30; i += 1) await page.keyboard.press('PageDown');
    const before = await focusedId(page, 'big');
    await page.evaluate(() => document.getElementById('big').setAttribute('elderly', ''));
    await page.waitForFunction(() => document.getElementById('big').shadowRoot.querySelector('[role=treeitem]').getBoundingClientRect().height === 60);
    await settle(page);
    const inView = await page.evaluate(() => {
      const root = document.getElementById('big').shadowRoot;
      const s = root.querySelector('.gr-scroll').getBoundingClientRect();
      const r = root.querySelector('[role=treeitem][tabindex="0"]').getBoundingClientRect();
      return r.top >= s.top - 1 && r.bottom <= s.bottom + 1;
    });
    assert.ok(inView, 'the focused row is in view after the row height changed');
    assert.equal(await focusedId(page, 'big'), before);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedId(page, 'big'), before);
    assert.ok((await scrollState(page, 'big')).focusedIsTabbable);
    await page.evaluate(() => document.getElementById('big').removeAttribute('elderly'));
    await page.waitForFunction(() => document.getElementById('big').shadowRoot.querySelector('[role=treeitem]').getBoundingClientRect().height === 36);
  });

  test('a search deep in the tree reveals the match, and Enter goes to it', async () => {
    await focused(page, 'big').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft'); // collapse the root: one row
    assert.deepEqual(await rowIds(page, 'big'), ['r']);
    const input = page.locator('#big input[type=search]');
    await input.fill('第77社区第500网格');
    await page.waitForFunction(() => document.getElementById('big').shadowRoot.querySelector('[role=status]').textContent === '找到 1 个');
    const marked = await page.locator('#big .gr-match').evaluateAll((els) => els.map((e) => e.dataset.id));
    assert.deepEqual(marked, ['c76-g499'], 'the match is revealed and in view');
    await input.press('Enter');
    assert.equal(await focusedId(page, 'big'), 'c76-g499');
    assert.equal(await focused(page, 'big').getAttribute('aria-posinset'), '500');
    assert.ok((await scrollState(page, 'big')).focusedIsTabbable);
    // A query matching 99,876 grids: counted, and still only a window of rows.
    await input.fill('网格');
    await page.waitForFunction(() => document.getElementById('big').shadowRoot.querySelector('[role=status]').textContent === '找到 99876 个');
    assert.ok(await rowCount(page, 'big') < 200);
    await input.press('Escape');
    assert.equal(await status(page, 'big'), '');
    assert.equal(await input.inputValue(), '');
    assert.deepEqual(page.problems, []);
  });
});

describe('the search box', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/org-tree-scale.html');
    await rows(page, 'search').first().waitFor();
  });
  after(async () => { await page.close(); });

  const input = () => page.locator('#search input[type=search]');

  test('is labelled, and with no query the tree is as before', async () => {
    assert.equal(await page.locator('#search label[for="gr-search"]').textContent(), '搜索组织');
    assert.equal(await input().getAttribute('id'), 'gr-search');
    assert.deepEqual(await rowIds(page, 'search'), ['sl', 'sl-d1', 'sl-d2', 'sl-d3', 'sl-d4']);
    assert.equal(await status(page, 'search'), '');
    assert.equal(await page.locator('#search .gr-match').count(), 0);
  });

  test('typing reveals and marks every match, and the status counts them', async () => {
    await input().click();
    await page.keyboard.type('凤翔');
    await page.waitForFunction(() => document.getElementById('search').shadowRoot.querySelector('[role=status]').textContent === '找到 3 个');
    assert.equal(await page.locator('#search [role=status]').getAttribute('aria-live'), 'polite');
    assert.deepEqual(await rowIds(page, 'search'), ['sl', 'sl-d1', 'sl-d2', 'sl-d2-g1', 'sl-d2-g2', 'sl-d3', 'sl-d3-g1', 'sl-d3-g2', 'sl-d4']);
    const marked = page.locator('#search .gr-match');
    assert.deepEqual(await marked.evaluateAll((els) => els.map((e) => e.dataset.id)), ['sl-d2', 'sl-d2-g1', 'sl-d3-g2']);
    // Not by colour alone: the name is bold and underlined, and the row is described as a match.
    const look = await marked.first().locator('.gr-name').evaluate((e) => {
      const s = getComputedStyle(e);
      return { weight: s.fontWeight, line: s.textDecorationLine };
    });
    assert.deepEqual(look, { weight: '700', line: 'underline' });
    assert.equal(await marked.first().getAttribute('aria-describedby'), 'gr-match-note');
    assert.equal(await page.locator('#search #gr-match-note').textContent(), '匹配');
    // DOM focus stayed in the box while typing.
    assert.equal(await page.evaluate(() => document.getElementById('search').shadowRoot.activeElement?.id), 'gr-search');
  });

  test('Enter focuses the first match, F3 and the buttons step through them', async () => {
    await input().press('Enter');
    assert.equal(await focusedId(page, 'search'), 'sl-d2');
    assert.match(await status(page, 'search'), /^找到 3 个，第 1 个：凤翔片区党支部$/);
    await page.locator('#search').screenshot({ path: join(artifacts, 'org-tree-search.png') });
    await page.keyboard.press('F3');
    assert.equal(await focusedId(page, 'search'), 'sl-d2-g1');
    await page.keyboard.press('Shift+F3');
    assert.equal(await focusedId(page, 'search'), 'sl-d2');
    // The buttons move the tree's focus (and its mark) but leave DOM focus on the button.
    await page.locator('#search .gr-step', { hasText: '下一个' }).click();
    await page.locator('#search .gr-step', { hasText: '下一个' }).click();
    assert.equal(await focused(page, 'search').getAttribute('data-id'), 'sl-d3-g2');
    assert.deepEqual(await page.locator('#search .gr-current').evaluateAll((els) => els.map((e) => e.dataset.id)), ['sl-d3-g2']);
    assert.match(await status(page, 'search'), /第 3 个：凤翔二街党小组$/);
    await page.locator('#search .gr-step', { hasText: '上一个' }).click();
    assert.equal(await focused(page, 'search').getAttribute('data-id'), 'sl-d2-g1');
    // Enter again in the box: the next match, wrapping round.
    await input().press('Enter');
    assert.equal(await focusedId(page, 'search'), 'sl-d3-g2');
    await input().press('Enter');
    assert.equal(await focusedId(page, 'search'), 'sl-d2');
    // Exactly one row is tabbable, and it is the focused one.
    const tabbable = await page.locator('#search [role=treeitem][tabindex="0"]').evaluateAll((els) => els.map((e) => e.dataset.id));
    assert.deepEqual(tabbable, ['sl-d2']);
  });

  test('axe finds no accessibility violations in the searched state', async () => {
    await page.addScriptTag({ path: join(import.meta.dirname, 'node_modules', 'axe-core', 'axe.min.js') });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document.getElementById('search'));
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, []);
  });

  test('Escape clears the search and restores the tree, keeping the found row in view', async () => {
    await input().press('Escape');
    assert.equal(await input().inputValue(), '');
    assert.equal(await status(page, 'search'), '');
    assert.equal(await page.locator('#search .gr-match').count(), 0);
    assert.deepEqual(await rowIds(page, 'search'), ['sl', 'sl-d1', 'sl-d2', 'sl-d3', 'sl-d4']);
    assert.equal(await focused(page, 'search').getAttribute('data-id'), 'sl-d2');
  });

  test('no match says so; full-width and case fold; Escape in the tree clears too', async () => {
    await input().fill('不存在');
    await page.waitForFunction(() => document.getElementById('search').shadowRoot.querySelector('[role=status]').textContent === '没有找到匹配的组织');
    await input().press('Enter');
    assert.equal(await page.evaluate(() => document.getElementById('search').shadowRoot.activeElement?.id), 'gr-search', 'Enter with no match stays in the box');
    await input().fill('ＳＬ-Ｄ4');
    await page.waitForFunction(() => document.getElementById('search').shadowRoot.querySelector('[role=status]').textContent === '找到 2 个');
    await input().press('Enter');
    assert.equal(await focusedId(page, 'search'), 'sl-d4');
    await page.keyboard.press('Escape');
    assert.equal(await input().inputValue(), '');
    assert.equal(await status(page, 'search'), '');
    assert.equal(await focusedId(page, 'search'), 'sl-d4');
  });

  test('an input method composition is searched once, when it is committed', async () => {
    await input().fill('');
    await input().focus();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'feng', selectionStart: 4, selectionEnd: 4 });
    await cdp.send('Input.imeSetComposition', { text: 'fengxiang', selectionStart: 9, selectionEnd: 9 });
    await settle(page);
    assert.equal(await input().inputValue(), 'fengxiang');
    assert.equal(await status(page, 'search'), '', 'no search while composing');
    await cdp.send('Input.insertText', { text: '凤翔' });
    await page.waitForFunction(() => document.getElementById('search').shadowRoot.querySelector('[role=status]').textContent === '找到 3 个');
    await cdp.detach();
    await input().press('Escape');
  });

  test('English labels and status', async () => {
    await page.evaluate(() => document.getElementById('search').setAttribute('lang', 'en'));
    await page.waitForFunction(() => document.getElementById('search').shadowRoot.querySelector('label').textContent === 'Search organizations');
    await input().fill('凤翔');
    await page.waitForFunction(() => document.getElementById('search').shadowRoot.querySelector('[role=status]').textContent === '3 matches');
    assert.deepEqual(await page.locator('#search .gr-step').allTextContents(), ['Previous', 'Next']);
    await input().fill('不存在');
    await page.waitForFunction(() => document.getElementById('search').shadowRoot.querySelector('[role=status]').textContent === 'No matches');
    assert.deepEqual(page.problems, []);
  });
});

describe('under a strict Content-Security-Policy (style-src \'self\')', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/csp/org-tree-scale.html');
    await rows(page, 'csp').first().waitFor();
  });
  after(async () => { await page.close(); });

  test('a 100,000-row tree sizes, scrolls and searches with no CSP violation', async () => {
    await page.evaluate(async () => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.sample}`));
      const nodes = [{ id: 'w', level: 'street', name: '城关街道党工委' }];
      for (let k = 1; k < 100000; k += 1) nodes.push({ id: `w${k}`, parent: 'w', level: 'grid', name: `第${k}网格党支部` });
      const host = document.getElementById('csp');
      host.data = { nodes };
      await host.handle.ready;
    });
    await page.waitForFunction(() => document.getElementById('csp').shadowRoot.querySelector('.gr-count').textContent === '共 100000 个组织');
    await focused(page, 'csp').focus();
    await page.keyboard.press('End');
    assert.equal(await focusedId(page, 'csp'), 'w99999');
    const s = await scrollState(page, 'csp');
    assert.ok(s.total > 100000 * 30, `the tree is as tall as 100,000 rows: ${s.total}`);
    assert.ok(s.top + s.height >= s.total - 1 && s.focusedIsTabbable, JSON.stringify(s));
    const input = page.locator('#csp input[type=search]');
    const t0 = await page.evaluate(() => performance.now());
    await input.fill('第5000');
    await page.waitForFunction(() => document.getElementById('csp').shadowRoot.querySelector('[role=status]').textContent === '找到 11 个');
    console.log(`# a search over 100,000 names took ${Math.round((await page.evaluate(() => performance.now())) - t0)} ms`);
    await input.press('Enter');
    assert.equal(await focusedId(page, 'csp'), 'w5000');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(page.problems, []);
  });
});
