// <gr-service-board> in real Chromium: demands with their claim state and the matcher's
// suggestion, claims offering only the legal next steps, gr-claim and gr-transition for the
// host to persist (the widget never pretends to save: "已提交，等待保存" until update()),
// masked phones, error panels, text-not-markup, both languages, elderly mode and axe.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { axe } from './a11y.mjs';
import { artifacts, events, language, open, start, tableFits } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const rowIds = (page, host, table) => page.locator(`#${host} .gr-${table} [data-id]`).evaluateAll((els) => els.map((e) => e.dataset.id));
const activeText = (page, host) => page.evaluate((id) => document.getElementById(id).shadowRoot.activeElement?.textContent.trim() ?? null, host);

describe('the 田园镇 board with its organization', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/service-board.html', { viewport: { width: 1400, height: 900 } });
    await page.locator('#board .gr-demands').waitFor();
  });
  after(async () => { await page.close(); });

  test('demands, most urgent first, with claim state, suggestion and masked phones', async () => {
    const ids = await rowIds(page, 'board', 'demands');
    assert.equal(ids.length, 16);
    assert.deepEqual(ids.slice(0, 3), ['d01', 'd11', 'd15']);
    assert.match(await page.locator('#board .gr-count').textContent(), /^需求 16 项 · 服务 7 项 · 认领 9 项$/);
    const d01 = await page.locator('#board tr[data-id="d01"]').locator('th, td').allTextContents();
    assert.deepEqual(d01.slice(0, 7), ['d01 独居老人突发不适，需要陪同就医', '助老', '一网格', '紧急', '王秀英', '2026-07-03 08:10', '已评议'].map((x, i) => (i === 2 ? d01[2] : x)));
    // The reason names the unit and the community as the organization does.
    assert.match(d01[7], /派给 o-hospital（单位 镇卫生院）：类别相符，服务社区 田园社区大党委/);
    const d02 = await page.locator('#board tr[data-id="d02"] td').nth(3).textContent();
    assert.equal(d02, '139****1234', 'the phone is masked');
    assert.ok(!(await page.locator('#board').evaluate((e) => e.shadowRoot.textContent.includes('13907181234'))));
    assert.match(await page.locator('#board tr[data-id="d13"] .gr-reason').textContent(), /名额/);
    await page.locator('#board').screenshot({ path: join(artifacts, 'service-board.png') });
    assert.deepEqual(page.problems, []);
  });

  test('the state filter, from the keyboard, leaves the unclaimed demands; only those with an offer can be claimed', async () => {
    await page.locator('#board select').first().focus();
    await page.keyboard.press('ArrowDown');
    assert.deepEqual(await rowIds(page, 'board', 'demands'), ['d15', 'd04', 'd14', 'd10', 'd13', 'd08', 'd16', 'd05', 'd12']);
    assert.equal(await page.locator('#board .gr-status').textContent(), '显示 9 项，共 16 项');
    const claimable = await page.locator('#board .gr-demands tr:has(button)').evaluateAll((els) => els.map((e) => e.dataset.id));
    assert.deepEqual(claimable, ['d04', 'd16', 'd05']);
  });

  test('认领 dispatches gr-claim and shows the demand as submitted, not saved', async () => {
    // The export button, then the table's scroll container, a tab stop of its own (a keyboard
    // can scroll a table wider than the widget), then the first 认领 button.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.getElementById('board').shadowRoot.activeElement.getAttribute('aria-label')).then((l) => l.startsWith('导出 Excel：需求清单')), true);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.getElementById('board').shadowRoot.activeElement.getAttribute('role')), 'region');
    await page.keyboard.press('Tab');
    assert.equal(await activeText(page, 'board'), '认领');
    assert.equal(await page.evaluate(() => document.getElementById('board').shadowRoot.activeElement.getAttribute('aria-label')), '认领：代购药品和生活用品');
    await page.keyboard.press('Enter');
    const claims = await events(page, 'gr-claim');
    assert.equal(claims.length, 1);
    assert.deepEqual(claims[0].detail, { demand: 'd04', offer: 'o-hospital', provider: { kind: 'unit', id: 'tu-hospital' } });
    assert.equal(claims[0].target, 'board');
    assert.equal(claims[0].bubbles && claims[0].composed, true);
    assert.equal(await page.locator('#board tr[data-id="d04"] .gr-pending').textContent(), '已提交，等待保存');
    assert.equal(await page.locator('#board tr[data-id="d04"] button').count(), 0, 'nothing more to press');
    assert.equal(await activeText(page, 'board'), '已提交，等待保存', 'focus moves from the vanished button to the note');
    assert.equal(await page.locator('#board .gr-live').textContent(), '认领 d04：已提交，等待保存');
    assert.equal(await page.locator('#board .gr-live').getAttribute('role'), 'status');
    assert.equal(await page.locator('#board tr[data-id="d04"] td').nth(5).textContent(), '待认领', 'the state is what the data says');
  });

  test('the host saves with update(): the new claim shows and nothing is pending', async () => {
    await page.evaluate(() => {
      const { services, org } = window.__board;
      const saved = structuredClone(services);
      saved.claims.push({ id: 'cl10', demand: 'd04', offer: 'o-hospital', provider: { kind: 'unit', id: 'tu-hospital' },
        history: [{ step: 'ordered', at: '2026-07-10T09:00:00+08:00', by: '孙桂兰' }] });
      window.__board = { services: saved, org };
      document.getElementById('board').handle.update({ services: saved, org });
    });
    await page.waitForFunction(() => !document.getElementById('board').shadowRoot.querySelector('tr[data-id="d04"]'));
    assert.equal(await page.locator('#board .gr-pending').count(), 0);
    assert.equal(await page.locator('#board select').first().inputValue(), 'unclaimed', 'the filter stays');
    await page.locator('#board select').first().selectOption('ordered');
    assert.deepEqual(await rowIds(page, 'board', 'demands'), ['d04', 'd07']);
  });

  test('the claims tab offers only the legal next steps of each claim', async () => {
    await page.locator('#board [role=tab]').first().focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#board [role=tab][aria-selected=true]').textContent(), '认领进度');
    assert.equal(await activeText(page, 'board'), '认领进度');
    const steps = (id) => page.locator(`#board .gr-claims tbody[data-id="${id}"] button[data-step]`).evaluateAll((els) => els.map((e) => e.dataset.step));
    assert.deepEqual(await steps('cl04'), ['accepted', 'rejected', 'withdrawn']);
    assert.deepEqual(await steps('cl05'), ['dispatched', 'withdrawn']);
    assert.deepEqual(await steps('cl02'), ['reviewed']);
    assert.deepEqual(await steps('cl01'), []);
    assert.deepEqual(await steps('cl10'), ['dispatched', 'withdrawn']);
    assert.equal(await page.locator('#board .gr-claims tbody[data-id="cl01"] .gr-actions').textContent(), '已结束');
    assert.match(await page.locator('#board .gr-claims tbody[data-id="cl01"] tr').first().textContent(), /党员 彭光明/);
    await page.locator('#board').screenshot({ path: join(artifacts, 'service-board-claims.png') });
  });

  test('a review with its rating dispatches gr-transition with the time at +08:00', async () => {
    const rating = page.locator('#board .gr-claims tbody[data-id="cl02"] select');
    await rating.focus();
    // Changed three times (5 → 4 → 3 → 4): the last choice is the one sent.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await rating.inputValue(), '3');
    await page.keyboard.press('ArrowUp');
    assert.equal(await rating.inputValue(), '4');
    await page.keyboard.press('Tab');
    assert.equal(await activeText(page, 'board'), '评议');
    await page.keyboard.press('Enter');
    const [event] = await events(page, 'gr-transition');
    assert.equal(event.target, 'board');
    const { at, ...rest } = event.detail;
    assert.deepEqual(rest, { claim: 'cl02', from: 'done', step: 'reviewed', rating: 4 });
    assert.match(at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    assert.ok(Math.abs(Date.parse(at) - Date.now()) < 60_000, at);
    assert.equal(await page.locator('#board .gr-claims tbody[data-id="cl02"] .gr-pending').textContent(), '已提交，等待保存');
    assert.equal(await page.locator('#board .gr-claims tbody[data-id="cl02"] button[data-step]').count(), 0);
    assert.equal(await page.evaluate(() => document.getElementById('board').shadowRoot.activeElement?.dataset.pending), 'claim-cl02');
    assert.equal(await page.locator('#board .gr-claims tbody[data-id="cl02"] .gr-claim-state').textContent(), '已办结', 'not shown as reviewed before it is saved');
    // Another claim's step, without a rating in its detail.
    await page.locator('#board .gr-claims tbody[data-id="cl04"] button[data-step="accepted"]').press('Enter');
    const second = (await events(page, 'gr-transition'))[1].detail;
    assert.deepEqual({ ...second, at: undefined }, { claim: 'cl04', from: 'dispatched', step: 'accepted', at: undefined });
    // 派单 of a claim only ordered names whom it goes to: the matcher's suggestion for d07
    // (tianyuan-2026.expected.json: o-bank, unit tu-bank).
    await page.locator('#board .gr-claims tbody[data-id="cl05"] button[data-step="dispatched"]').press('Enter');
    const third = (await events(page, 'gr-transition'))[2].detail;
    assert.deepEqual({ ...third, at: undefined }, { claim: 'cl05', from: 'ordered', step: 'dispatched', at: undefined, offer: 'o-bank', provider: { kind: 'unit', id: 'tu-bank' } });
    assert.deepEqual(await axe(page, 'board'), []);
  });

  test('a claim\'s history is a disclosure', async () => {
    const button = page.locator('#board .gr-claims tbody[data-id="cl01"] .gr-link');
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const steps = await page.locator('#board .gr-claims tbody[data-id="cl01"] .gr-history li').allTextContents();
    assert.equal(steps.length, 5);
    assert.equal(steps[0], '已点单 2026-07-03 08:10 · 王秀英');
    // A second history opens beside it; the first closes on its own, the second stays open.
    const other = page.locator('#board .gr-claims tbody[data-id="cl10"] .gr-link');
    await other.press('Enter');
    assert.equal(await other.getAttribute('aria-expanded'), 'true');
    await button.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('#board .gr-claims tbody[data-id="cl01"] tr.gr-details').isHidden(), true);
    assert.equal(await other.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.locator('#board .gr-claims tbody[data-id="cl10"] tr.gr-details').isVisible(), true);
    await other.press('Enter');
  });

  test('update() with the data unchanged clears what was pending: the data says it was not saved', async () => {
    await page.evaluate(() => document.getElementById('board').handle.update(window.__board));
    await page.waitForFunction(() => document.getElementById('board').shadowRoot.querySelectorAll('.gr-pending').length === 0);
    assert.deepEqual(await page.locator('#board .gr-claims tbody[data-id="cl02"] button[data-step]').evaluateAll((els) => els.map((e) => e.dataset.step)), ['reviewed']);
    assert.equal(await page.locator('#board [role=tab][aria-selected=true]').textContent(), '认领进度', 'the tab stays');
  });

  test('the offers tab', async () => {
    await page.locator('#board [role=tab]').first().focus();
    await page.keyboard.press('End');
    assert.equal(await page.locator('#board [role=tab][aria-selected=true]').textContent(), '服务清单');
    assert.equal(await page.locator('#board .gr-offers tbody tr').count(), 7);
    assert.match(await page.locator('#board .gr-offers tr[data-id="o-hospital"]').textContent(), /单位 镇卫生院.*医疗、助老.*3 次\/月/);
    assert.deepEqual(await axe(page, 'board'), []);
  });
});

describe('English, text, errors and elderly mode', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/service-board.html', { viewport: { width: 1400, height: 900 } });
    await page.locator('#plain .gr-demands').waitFor();
    await page.locator('#inline .gr-demands').waitFor();
    await page.locator('#broken [role=alert]').waitFor();
    await page.locator('#warned .gr-demands').waitFor();
  });
  after(async () => { await page.close(); });

  test('lang="en" uses the catalogue and the core\'s English reasons', async () => {
    assert.deepEqual(await page.locator('#plain [role=tab]').allTextContents(), ['Demands', 'Claims', 'Offers']);
    assert.match(await page.locator('#plain tr[data-id="d02"] .gr-reason').textContent(), /^high 维修 demand to o-power \(unit tu-power\)/);
    assert.equal(await page.locator('#plain tr[data-id="d01"] td').nth(2).textContent(), 'Urgent');
    assert.deepEqual(await axe(page, 'plain'), []);
    await page.locator('#plain [role=tab]').nth(1).click();
    assert.deepEqual(await page.locator('#plain .gr-claims tbody[data-id="cl04"] button[data-step]').allTextContents(), ['Accept', 'Reject', 'Withdraw']);
    assert.equal(await page.locator('#plain .gr-claims tbody[data-id="cl04"] button[data-step]').first().getAttribute('aria-label'), 'Accept (cl04)');
    assert.deepEqual(await axe(page, 'plain'), []);
  });

  test('text from data renders as text, never as markup, and phones are masked', async () => {
    const row = page.locator('#inline tr[data-id="x1"]');
    assert.equal(await row.locator('th').textContent(), 'x1 <script>alert(2)</script>需要送餐');
    assert.equal(await row.locator('td').nth(3).textContent(), '<img src=x onerror=alert(1)> 138****5678');
    assert.equal(await row.locator('td').first().textContent(), '<b>助老</b>');
    await page.locator('#inline [role=tab]').nth(1).click();
    assert.match(await page.locator('#inline .gr-claims tbody[data-id="c1"]').textContent(), /党员 <u>m1<\/u>.*<em>王<\/em>/);
    const injected = await page.evaluate(() => document.getElementById('inline').shadowRoot.querySelectorAll('img, b, i, u, em, script').length);
    assert.equal(injected, 0);
    assert.ok(!(await page.locator('#inline').evaluate((e) => e.shadowRoot.textContent.includes('13812345678'))));
    assert.deepEqual(page.problems, [], 'no alert() ran');
  });

  test('a claim transitioned twice: the error panel names the step, and gr-error carries it', async () => {
    const items = await page.locator('#broken .gr-problems li').allTextContents();
    assert.equal(items.length, 1, items.join('\n'));
    assert.match(items[0], /\$\.claims\[0\]\.history\[2\].*记录“cl1”.*认领“cl1”已是“已派单”：同一步骤重复/);
    const broken = (await events(page, 'gr-error')).find((e) => e.target === 'broken');
    assert.equal(broken.detail.widget, 'service-board');
    const { message, ...problem } = broken.detail.errors[0];
    assert.deepEqual(problem, { severity: 'error', record: 'cl1', path: '$.claims[0].history[2]', code: 'claim-repeated', claim: 'cl1', step: 'dispatched' });
    assert.match(message, /同一步骤重复/);
    assert.equal((await events(page, 'gr-error')).length, 1, 'only the broken widget fails');
    await page.locator('#broken').screenshot({ path: join(artifacts, 'service-board-error.png') });
    assert.deepEqual(await axe(page, 'broken'), []);
  });

  test('a document\'s warnings are listed under the board, each with its path and record; no gr-error', async () => {
    const note = page.locator('#warned .gr-notes[role=note]');
    assert.equal(await note.locator('p').first().textContent(), '另有提醒（不影响使用）：');
    const items = await note.locator('li').allTextContents();
    assert.equal(items.length, 2, items.join('\n'));
    assert.match(items[0], /\$\.services\.demands\[0\]\.description.*记录“w1”/);
    assert.match(items[1], /\$\.services\.offers\[0\]\.capacity_per_month.*记录“wo1”/);
    assert.equal(await page.locator('#board-here .gr-notes, #plain .gr-notes, #inline .gr-notes').count(), 0, 'a clean document has no note');
    assert.ok(!(await events(page, 'gr-error')).some((e) => e.target === 'warned'), 'warnings alone are not an error');
    assert.deepEqual(await axe(page, 'warned'), []);
  });

  test('elderly mode: 24px text and 60px targets, no axe violations in either language', async () => {
    await page.evaluate(() => document.getElementById('plain').setAttribute('elderly', ''));
    await page.waitForFunction(() => document.getElementById('plain').shadowRoot.querySelector('.gr-elderly'));
    for (const tab of [0, 1, 2]) {
      await page.locator('#plain [role=tab]').nth(tab).click();
      const sizes = await page.evaluate(() => {
        const root = document.getElementById('plain').shadowRoot;
        const font = parseFloat(getComputedStyle(root.querySelector('.gr-widget')).fontSize);
        const low = [...root.querySelectorAll('button, select')]
          .filter((e) => e.offsetParent !== null && e.getBoundingClientRect().height < 60)
          .map((e) => `${e.className} ${e.getBoundingClientRect().height}`);
        return { font, low };
      });
      assert.ok(sizes.font >= 24, `font ${sizes.font}`);
      assert.deepEqual(sizes.low, []);
    }
    await page.locator('#plain [role=tab]').nth(1).click();
    await page.locator('#plain').screenshot({ path: join(artifacts, 'service-board-elderly.png') });
    assert.deepEqual(await axe(page, 'plain'), []);
    await page.evaluate(() => document.getElementById('plain').setAttribute('lang', 'zh-CN'));
    await page.waitForFunction(() => document.getElementById('plain').shadowRoot.querySelector('[role=tab]')?.textContent === '需求清单');
    assert.deepEqual(await axe(page, 'plain'), []);
  });
});

// Issue 16: a volunteer team offers services like a member or a unit; the demo county's
// 先锋队 and 暖心服务小分队 appear as providers by name.
describe('teams as providers (the demo county)', () => {
  let page;
  before(async () => {
    page = await open(env, '/services.html', { viewport: { width: 1200, height: 900 } });
    await page.locator('#service-board .gr-demands').waitFor();
  });
  after(async () => { await page.close(); });

  test('the offers tab names a team\'s offer by the team', async () => {
    await page.locator('#service-board [role=tab]', { hasText: '服务清单' }).click();
    const row = page.locator('#service-board .gr-offers tr[data-id="o-c0-t0"]');
    // county.json: team c0-t0 is 和平张富清先锋队.
    assert.equal((await row.locator('td').first().textContent()).trim(), '队伍 和平张富清先锋队');
    assert.ok(await page.locator('#service-board .gr-offers td', { hasText: /^队伍 / }).count() >= 10);
    assert.deepEqual(page.problems, []);
  });

  test('at desktop width the demands table fits, in English too: 认领 without scrolling sideways', async () => {
    await page.locator('#service-board [role=tab]', { hasText: '需求清单' }).click();
    try {
      for (const lang of ['zh-CN', 'en']) {
        await language(page, 'service-board', lang);
        const { fits, width } = await tableFits(page, 'service-board', '.gr-demands');
        // Until session 27 the English table was 1136 px in 1034 px, its actions out of view.
        assert.ok(fits, `${lang}: the demands table is ${width}`);
        // A time breaks, if it must, between its date and its hour, never inside the date.
        const dates = await page.locator('#service-board .gr-demands td .gr-nowrap').allTextContents();
        assert.ok(dates.length > 0 && dates.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)), dates.slice(0, 3).join(', '));
      }
    } finally {
      await language(page, 'service-board', null);
    }
  });
});
