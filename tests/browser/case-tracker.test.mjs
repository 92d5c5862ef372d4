// <gr-case-tracker> in real Chromium: the overdue-first list (a WAI-ARIA listbox), the case
// detail (timeline, events, whistle dispatch, clocks), live countdowns on a 1 s timer with a
// polite announcement, events, error panels, text-not-markup, zh-CN/en, elderly mode,
// reduced motion and axe. The pages start the clocks at a fixed "now" so that the results
// are deterministic; the clocks then run on in real time, so texts that tick are matched by
// pattern.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { artifacts, events, focusedId, open, start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const options = (page, host) => page.locator(`#${host} [role=option]`);
const optionIds = (page, host) => options(page, host).evaluateAll((els) => els.map((e) => e.dataset.id));
const option = (page, host, id) => page.locator(`#${host} [role=option][data-id="${id}"]`);
const texts = (page, selector) => page.locator(selector).allTextContents();
const clockStatus = (page, host, clock) => page.locator(`#${host} tr[data-clock="${clock}"] .gr-state`).textContent();

async function axe(page, host) {
  await page.addScriptTag({ path: join(import.meta.dirname, 'node_modules', 'axe-core', 'axe.min.js') });
  return page.evaluate(async (id) => {
    const result = await window.axe.run(document.getElementById(id), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, host);
}

// At 18:00 on 31 August: the burst pipe is waiting for a late contact (open breach); the
// school case with days left; then the cases whose event came late, largest overrun first;
// then the rest, newest first.
const ORDER = [
  'sl-0831-pipe',
  'h-0820-school',
  'h-0610-property', 'h-0705-power', 'fx-0627-flood', 'nm-0802-smoke',
  'h-0825-noise', 'h-0815-gas', 'gw-0810-garbage', 'fx-0805-light', 'sl-0722-fall', 'h-0720-deed',
  'tw-0718-noise', 'cc-0715-lift', 'pol-0712-dispute', 'cam-0708-lane', 'h-0702-water', 'sl-0627-flood',
];

describe('case list and detail (zh-CN, now = 2026-08-31 18:00)', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/case-tracker.html');
    await options(page, 'tracker').first().waitFor();
  });
  after(async () => { await page.close(); });

  test('lists every case, overdue first, then least time left, then late, then the newest', async () => {
    assert.deepEqual(await optionIds(page, 'tracker'), ORDER);
    assert.equal(await page.locator('#tracker [role=listbox]').getAttribute('aria-label'), '案件列表（超时优先）');
    assert.match(await page.locator('#tracker .gr-count').textContent(), /^共 18 件 · 当前时间 2026-08-31 18:00(:\d\d)?$/);
    const pipe = option(page, 'tracker', 'sl-0831-pipe');
    assert.equal(await pipe.locator('.gr-case-title').textContent(), '胜利街水管爆裂');
    assert.equal(await pipe.locator('.gr-case-meta').textContent(), '类别：供水 · 网格：g1 · 环节：收集');
    assert.match(await pipe.locator('.gr-state').textContent(), /^已超时 2 分(钟| \d+ 秒)$/);
    const summary = async (id) => option(page, 'tracker', id).locator('.gr-state').textContent();
    assert.equal(await summary('h-0610-property'), '超时完成（晚 4 天 6 小时）');
    assert.match(await summary('h-0820-school'), /^剩余 3 天 1[45] 小时$/);
    assert.equal(await summary('sl-0627-flood'), '全部达标');
    assert.equal(await summary('h-0825-noise'), '无时限要求');
    // The document's warnings are listed apart, with record and path.
    assert.deepEqual(await texts(page, '#tracker .gr-notes li'), ['$.cases[14].source记录“gw-0810-garbage”没有路由接收“grid_worker”就“sanitation”的吹哨：无人须报到']);
    // The top case is selected and is the one option in the tab order.
    assert.equal(await pipe.getAttribute('aria-selected'), 'true');
    assert.deepEqual(await page.locator('#tracker [role=option][tabindex="0"]').evaluateAll((els) => els.map((e) => e.dataset.id)), ['sl-0831-pipe']);
    await page.locator('#tracker').screenshot({ path: join(artifacts, 'case-tracker.png') });
    assert.deepEqual(page.problems, []);
  });

  test('the detail: five steps as a timeline, events, the whistle dispatch and every clock', async () => {
    assert.equal(await page.locator('#tracker #gr-case-heading').textContent(), '胜利街水管爆裂');
    assert.deepEqual(await texts(page, '#tracker .gr-timeline li'), [
      '收集2026-08-31 17:56，经办：网格员 彭丽', '分析尚未到达', '办理尚未到达', '反馈尚未到达', '评议尚未到达',
    ]);
    assert.deepEqual(await page.locator('#tracker .gr-timeline li[aria-current="step"] .gr-step-name').allTextContents(), ['收集']);
    assert.deepEqual(await texts(page, '#tracker .gr-events li'), ['知晓联系对象：2026-08-31 17:55:40']);
    const dispatch = await texts(page, '#tracker .gr-dispatch dd');
    assert.deepEqual(dispatch.slice(0, 5), ['群众吹哨、党员（民警）报到', '党员（民警）', '2026-08-31 18:25', '党员（民警）（未升级）', '2026-08-31 18:25']);
    assert.match(dispatch[5], /^本级剩余 2[45] 分/);
    const clocks = await page.locator('#tracker tr[data-clock]').evaluateAll((els) => els.map((e) => e.dataset.clock));
    assert.deepEqual(clocks, ['1310/contact_known', '1310/contact_reached', '1310/on_site']);
    assert.equal(await clockStatus(page, 'tracker', '1310/contact_known'), '已达标（提前 20 秒）');
    assert.match(await clockStatus(page, 'tracker', '1310/contact_reached'), /^已超时 2 分/);
    assert.match(await clockStatus(page, 'tracker', '1310/on_site'), /^剩余 (5 分钟|4 分 \d+ 秒)$/);
    assert.deepEqual(await texts(page, '#tracker .gr-clocks tbody th'), ['1分钟内知晓联系对象', '3分钟内联系到人', '10分钟内有人到场']);
    // An overdue clock pulses (three times) unless motion is reduced; the text says it all.
    const animation = await page.locator('#tracker .gr-pulse').first().evaluate((e) => getComputedStyle(e).animationName);
    assert.equal(animation, 'gr-pulse');
  });

  test('the clock runs on from the fixed now', async () => {
    const now = () => page.locator('#tracker .gr-now').textContent();
    const first = await now();
    await page.waitForFunction((before) => document.getElementById('tracker').shadowRoot.querySelector('.gr-now').textContent !== before, first, { timeout: 5000 });
    assert.match(await now(), /^当前时间 2026-08-31 18:00:\d\d$/);
  });

  test('the keyboard alone moves through the list and selects (listbox, roving tabindex)', async () => {
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page, 'tracker'), 'sl-0831-pipe');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedId(page, 'tracker'), 'h-0820-school');
    await page.keyboard.press('End');
    assert.equal(await focusedId(page, 'tracker'), 'sl-0627-flood');
    await page.keyboard.press('Home');
    assert.equal(await focusedId(page, 'tracker'), 'sl-0831-pipe');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedId(page, 'tracker'), 'sl-0831-pipe', 'the top stays the top');
    assert.equal((await events(page, 'gr-select')).length, 0, 'moving does not select');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    let selected = await events(page, 'gr-select');
    assert.equal(selected.length, 1);
    assert.equal(selected[0].target, 'tracker');
    assert.equal(selected[0].bubbles, true);
    assert.equal(selected[0].composed, true);
    assert.deepEqual(selected[0].detail, { id: 'h-0610-property', title: '酉水苑物业纠纷（疑难）', step: 'review', breached: ['12345-hard/answered'] });
    assert.equal(await option(page, 'tracker', 'h-0610-property').getAttribute('aria-selected'), 'true');
    assert.equal(await option(page, 'tracker', 'sl-0831-pipe').getAttribute('aria-selected'), 'false');
    assert.equal(await page.locator('#tracker #gr-case-heading').textContent(), '酉水苑物业纠纷（疑难）');
    assert.equal(await texts(page, '#tracker .gr-timeline li').then((t) => t[4]), '评议2026-07-01 09:00，经办：来电人，不满意');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    selected = await events(page, 'gr-select');
    assert.deepEqual(selected.at(-1).detail, { id: 'h-0705-power', title: '新街片区夜间停电', step: 'review', breached: ['12345-emergency/dispatched'] });
    assert.equal(await focusedId(page, 'tracker'), 'h-0705-power');
    const tabbable = await page.locator('#tracker [role=option][tabindex="0"]').evaluateAll((els) => els.map((e) => e.dataset.id));
    assert.deepEqual(tabbable, ['h-0705-power']);
    assert.equal(await clockStatus(page, 'tracker', '12345-emergency/dispatched'), '超时完成（晚 30 分钟）');
    assert.equal(await clockStatus(page, 'tracker', '12345-utilities/dispatched'), '已达标（提前 30 分钟）');
    assert.equal(await page.locator('#tracker .gr-case-detail p').first().textContent(), '没有吹哨路由（12345 工单按热线时限办理）');
  });

  test('a click selects too; the escalation ladder shows who holds the case now', async () => {
    await option(page, 'tracker', 'tw-0718-noise').click();
    const last = (await events(page, 'gr-select')).at(-1);
    assert.deepEqual(last.detail, { id: 'tw-0718-noise', title: '滨江花园工地夜间施工噪音', step: 'analyse', breached: [] });
    const dispatch = await texts(page, '#tracker .gr-dispatch dd');
    assert.deepEqual(dispatch.slice(0, 5), ['镇党委吹哨、辖区单位报到', '辖区单位', '2026-07-18 10:30', '职能部门（已升级 1 级）', '2026-07-19 10:30']);
    assert.match(dispatch[5], /^已升至最高一级，仍无人到场，超出报到时限 44 天 7 小时$/);
    assert.deepEqual(await texts(page, '#tracker .gr-timeline li'), [
      '收集2026-07-18 10:00，经办：镇党委', '分析2026-07-18 11:00，经办：镇党委', '办理尚未到达', '反馈尚未到达', '评议尚未到达',
    ]);
    assert.equal(await page.locator('#tracker .gr-case-detail').getByText('无时限要求').count(), 1);
  });

  test('axe finds no accessibility violations', async () => {
    assert.deepEqual(await axe(page, 'tracker'), []);
  });
});

describe('the live clock (en, now = 2 s before the on-site deadline)', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/case-tracker.html');
    await page.locator('#timer tr[data-clock="1310/on_site"]').waitFor();
  });
  after(async () => { await page.close(); });

  test('a running clock turns breached with the time over once its deadline passes, announced once', async () => {
    const before = await clockStatus(page, 'timer', '1310/on_site');
    assert.match(before, /^[0-2] s left$/);
    // Record every text the live region takes.
    await page.evaluate(() => {
      const region = document.getElementById('timer').shadowRoot.querySelector('.gr-announce');
      window.__announced = [];
      new MutationObserver(() => {
        const text = region.textContent;
        if (window.__announced.at(-1) !== text) window.__announced.push(text);
      }).observe(region, { childList: true, subtree: true, characterData: true });
    });
    assert.equal(await page.locator('#timer .gr-announce').getAttribute('aria-live'), 'polite');
    assert.equal(await page.locator('#timer .gr-announce').textContent(), '');
    await page.waitForTimeout(3000);
    await page.waitForFunction(() => document.getElementById('timer').shadowRoot
      .querySelector('tr[data-clock="1310/on_site"] .gr-state').textContent.startsWith('overdue by'), null, { timeout: 3000 });
    assert.match(await clockStatus(page, 'timer', '1310/on_site'), /^overdue by [1-4] s$/);
    assert.match(await page.locator('#timer tr[data-clock="1310/on_site"] .gr-state').getAttribute('class'), /gr-state-breached/);
    assert.equal(await page.locator('#timer tr[data-clock="1310/on_site"] progress').count(), 0, 'no bar once breached');
    assert.equal(await page.locator('#timer .gr-announce').textContent(), 'Overdue: 胜利街水管爆裂, someone on site within 10 minutes');
    // Two more seconds tick by: the countdown moves, the announcement does not repeat.
    await page.waitForTimeout(2000);
    assert.match(await clockStatus(page, 'timer', '1310/on_site'), /^overdue by [3-7] s$/);
    assert.deepEqual(await page.evaluate(() => window.__announced), ['Overdue: 胜利街水管爆裂, someone on site within 10 minutes']);
    assert.deepEqual(page.problems, []);
  });

  test('the case option opens that case; English throughout; lang changes re-render', async () => {
    assert.equal(await page.locator('#timer .gr-title').textContent(), 'Cases');
    assert.equal(await page.locator('#timer [role=listbox]').getAttribute('aria-label'), 'Cases, overdue first');
    assert.equal(await page.locator('#timer #gr-case-heading').textContent(), '胜利街水管爆裂');
    assert.equal(await option(page, 'timer', 'sl-0831-pipe').getAttribute('aria-selected'), 'true');
    assert.equal(await option(page, 'timer', 'sl-0831-pipe').locator('.gr-case-meta').textContent(), 'category: water supply · grid: g1 · step: Collect');
    const dispatch = await texts(page, '#timer .gr-dispatch dd');
    assert.equal(dispatch[3], 'Party members (police officers) (not escalated)');
    assert.equal(await clockStatus(page, 'timer', '1310/contact_known'), 'met, 20 s early');
    await page.locator('#timer').screenshot({ path: join(artifacts, 'case-tracker-en.png') });
    await page.evaluate(() => document.getElementById('timer').setAttribute('lang', 'zh-CN'));
    await page.waitForFunction(() => document.getElementById('timer').shadowRoot.querySelector('.gr-title').textContent === '民情案件');
    assert.match(await clockStatus(page, 'timer', '1310/on_site'), /^已超时 \d+ 秒$/);
  });
});

describe('re-sorting as clocks turn', () => {
  test('the list re-sorts live, but not under the keyboard focus', async () => {
    const page = await open(env, '/test/case-tracker-reorder.html');
    await options(page, 'reorder').first().waitFor();
    await options(page, 'reorder-focus').first().waitFor();
    // 丙 came late (breached, closed: history); 甲 opens in 2 s, its clocks not started yet.
    assert.deepEqual(await optionIds(page, 'reorder'), ['c-late', 'a-running']);
    assert.deepEqual(await optionIds(page, 'reorder-focus'), ['c-late', 'a-running']);
    await option(page, 'reorder-focus', 'c-late').focus();
    // 甲 opens: with its 1310 clocks running it jumps to the top of the unfocused list.
    await page.waitForFunction(() => document.getElementById('reorder').shadowRoot.querySelector('[role=option]').dataset.id === 'a-running', null, { timeout: 6000 });
    assert.deepEqual(await optionIds(page, 'reorder'), ['a-running', 'c-late']);
    // The focused list kept its order, and the focus (its own timer may tick a moment later).
    await page.waitForFunction(() => document.getElementById('reorder-focus').shadowRoot.querySelector('[data-id="a-running"] .gr-state').textContent.startsWith('剩余'), null, { timeout: 3000 });
    assert.match(await option(page, 'reorder-focus', 'a-running').locator('.gr-state').textContent(), /^剩余 (1 分钟|\d+ 秒)$/);
    assert.deepEqual(await optionIds(page, 'reorder-focus'), ['c-late', 'a-running']);
    assert.equal(await focusedId(page, 'reorder-focus'), 'c-late');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedId(page, 'reorder-focus'), 'a-running');
    // The focus leaves the list: it re-sorts.
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => document.getElementById('reorder-focus').shadowRoot.querySelector('[role=option]').dataset.id === 'a-running', null, { timeout: 3000 });
    assert.deepEqual(page.problems, []);
    await page.close();
  });
});

describe('text from data, a bad now, bad data', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/case-tracker.html');
    await options(page, 'inline').first().waitFor();
    await page.locator('#broken [role=alert]').waitFor();
    await page.locator('#workflow [role=alert]').waitFor();
  });
  after(async () => { await page.close(); });

  test('titles, names and categories from data render as text, never as markup', async () => {
    assert.equal(await options(page, 'inline').first().locator('.gr-case-title').textContent(), '<img src=x onerror=alert(1)>');
    assert.equal(await page.locator('#inline #gr-case-heading').textContent(), '<img src=x onerror=alert(1)>');
    assert.match(await options(page, 'inline').first().locator('.gr-case-meta').textContent(), /^category: <b>cat<\/b> · /);
    assert.equal(await page.locator('#inline .gr-timeline li').first().textContent(), 'Collect2026-07-01 08:01, by <script>alert(2)</script>');
    assert.equal(await page.locator('#inline .gr-events li').first().textContent(), 'knew whom to call: 2026-07-01 08:00:30, <i>someone</i>');
    const injected = await page.evaluate(() => document.getElementById('inline').shadowRoot.querySelectorAll('img, b, i, script').length);
    assert.equal(injected, 0);
    assert.deepEqual(page.problems, [], 'no alert() ran');
  });

  test('a now that is not RFC 3339 is said, and the browser clock is used', async () => {
    assert.match(await page.locator('#bad-now .gr-note').textContent(), /“yesterday” is not an RFC 3339 time/);
    assert.equal(await page.locator('#bad-now .gr-case-pane > p').last().textContent(), 'No cases');
  });

  test('shape problems: an error panel naming every record and JSON path, and gr-error', async () => {
    const items = await page.locator('#broken .gr-problems li').allTextContents();
    assert.equal(items.length, 9, items.join('\n'));
    assert.ok(items.some((t) => t.includes('$.cases[0].source') && t.includes('记录“bad-source”')), items.join('\n'));
    assert.ok(items.some((t) => t.includes('$.routing') && t.includes('没有名为“beijing”的预设，可选 changning')), items.join('\n'));
    assert.equal(await page.locator('#broken [role=listbox]').count(), 0);
    await page.locator('#broken').screenshot({ path: join(artifacts, 'case-tracker-error.png') });
    const broken = (await events(page, 'gr-error')).find((e) => e.target === 'broken');
    assert.ok(broken);
    assert.equal(broken.bubbles, true);
    assert.equal(broken.composed, true);
    assert.equal(broken.detail.widget, 'case-tracker');
    assert.equal(broken.detail.errors.length, 9);
    assert.deepEqual(broken.detail.errors.find((e) => e.path === '$.cases[6].steps[4].satisfaction')?.record, 'bad-satisfaction');
  });

  test('workflow problems read in Chinese, warnings apart', async () => {
    const items = await page.locator('#workflow .gr-problems li').allTextContents();
    assert.ok(items.some((t) => t.includes('$.cases[1].steps[1].step') && t.includes('记录“skipped”') && t.includes('环节“办理”不能出现在这里：下一环节应为“分析”')), items.join('\n'));
    const workflow = (await events(page, 'gr-error')).find((e) => e.target === 'workflow');
    assert.ok(workflow.detail.errors.some((e) => e.code === 'step-order' && e.path === '$.cases[1].steps[1].step'));
    assert.ok(workflow.detail.warnings.some((e) => e.code === 'no-satisfaction'));
  });
});

describe('elderly mode and reduced motion', () => {
  test('elderly: 24px text, 60px targets, no animation and no bar (text only)', async () => {
    const page = await open(env, '/test/case-tracker-elderly.html');
    await options(page, 'elderly').first().waitFor();
    const font = await page.locator('#elderly .gr-widget').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(font >= 24, `font ${font}px`);
    const heights = await options(page, 'elderly').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    assert.ok(heights.every((h) => h >= 60), heights.join(', '));
    const steps = await page.locator('#elderly .gr-timeline li').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    assert.ok(steps.every((h) => h >= 60), steps.join(', '));
    const pulse = await page.locator('#elderly .gr-pulse').first().evaluate((e) => getComputedStyle(e).animationName);
    assert.equal(pulse, 'none');
    const bar = await page.locator('#elderly progress.gr-clock-bar').first().evaluate((e) => getComputedStyle(e).display);
    assert.equal(bar, 'none');
    await page.locator('#elderly').screenshot({ path: join(artifacts, 'case-tracker-elderly.png') });
    assert.deepEqual(await axe(page, 'elderly'), []);
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('prefers-reduced-motion: no animation, no bar', async () => {
    const page = await open(env, '/test/case-tracker.html');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.locator('#tracker .gr-pulse').first().waitFor();
    assert.equal(await page.locator('#tracker .gr-pulse').first().evaluate((e) => getComputedStyle(e).animationName), 'none');
    assert.equal(await page.locator('#tracker progress.gr-clock-bar').first().evaluate((e) => getComputedStyle(e).display), 'none');
    await page.close();
  });
});
