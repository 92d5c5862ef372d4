// <gr-dashboard> (一屏统览) in real Chromium: the root's figures are the core's (`grassroots stats
// tree`, `grassroots metrics`), drill-down by keyboard with gr-select and a breadcrumb back,
// "not enough cases" for small nodes, chart alternatives, star tiers, text not markup, English,
// elderly mode, axe, and an error panel for a broken document.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { axe } from './a11y.mjs';
import { artifacts, events, language, open, start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const figure = async (page, host, name) => page.locator(`#${host} .gr-dash-figure`, { has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd').textContent();
const rate = (page, host, name) => page.locator(`#${host} .gr-dash-rates tr`, { has: page.locator('th', { hasText: new RegExp(`^${name}$`) }) }).locator('td').textContent();
const heading = (page, host) => page.locator(`#${host} .gr-dash-node`);
const shadowFocus = (page, host) => page.evaluate((id) => {
  const el = document.getElementById(id).shadowRoot.activeElement;
  return el ? `${el.tagName.toLowerCase()}:${el.firstChild?.textContent ?? ''}` : null;
}, host);

describe('dashboard', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/dashboard.html', { viewport: { width: 1100, height: 900 } });
    for (const id of ['full', 'english', 'elderly', 'domain']) await page.locator(`#${id} .gr-dash-node`).waitFor();
    await page.locator('#broken .gr-error').waitFor();
  });
  after(async () => { await page.close(); });

  test('compounds, teams, 包保 and the grid-worker model are counted as the core counts them', async () => {
    // grassroots stats tree laifeng-baobao-teams.json: 3 compounds (1 without property
    // management), 红色物业 1/2, joint meetings 2/3, 2 teams, 1+4+N complete 1/1, grids meeting
    // the model 2/2.
    assert.equal(await figure(page, 'domain', '小区'), '3');
    assert.equal(await figure(page, 'domain', '无物业小区'), '1');
    assert.equal(await figure(page, 'domain', '服务队伍'), '2');
    const coverage = await page.locator('#domain .gr-chart').first().locator('table tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent));
    assert.deepEqual(coverage.slice(3), [
      '小区物业覆盖（无物业清零）66.7%（2/3）', '红色物业（有物业小区中）50.0%（1/2）', '物业联席会议覆盖66.7%（2/3）',
      '包保“1+4+N”配齐的社区100.0%（1/1）', '网格员配备达标的网格100.0%（2/2）',
    ]);
    // A tree with none of them shows none of those figures.
    assert.equal(await page.locator('#full .gr-dash-figure', { hasText: '小区' }).count(), 0);
  });

  test("the root's counts, coverage and case rates are the core's", async () => {
    // grassroots stats tree laifeng-shengli.json: members 7 (in service 2, retired 2, mobile in 1,
    // mobile out 1, without office 1), grids 5 (workers 5), households 1879, population 5327, units
    // 2 reporting / 1 co-located, 双报到 2; grids with a branch 5/5, members in a grid 6/7, linked 0/1879.
    assert.match(await heading(page, 'full').textContent(), /^胜利社区党委/);
    assert.equal(await page.locator('#full .gr-title').textContent(), '胜利社区一屏统览');
    const expected = { 党员: '7', 网格: '5', 网格员: '5', 户数: '1879', 人口: '5327', 报到单位: '2', 驻区共建单位: '1', 双报到党员: '2' };
    for (const [name, value] of Object.entries(expected)) assert.equal(await figure(page, 'full', name), value, name);
    const coverage = await page.locator('#full .gr-chart').first().locator('table tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent));
    assert.deepEqual(coverage, ['网格建支部100.0%（5/5）', '党员入网格85.7%（6/7）', '联系户覆盖0.0%（0/1879）']);
    const kinds = await page.locator('#full .gr-chart').nth(1).locator('table tbody tr td').allTextContents();
    assert.deepEqual(kinds, ['2', '2', '1', '1', '1']);
    // grassroots metrics --from 2026-06-01 --to 2026-09-01: 18 cases, response 17/18 …
    assert.match(await page.locator('#full .gr-dash-rates caption').textContent(), /共 18 件/);
    assert.equal(await rate(page, 'full', '响应率'), '94.4%（17/18）');
    assert.equal(await rate(page, 'full', '解决率'), '66.7%（12/18）');
    assert.equal(await rate(page, 'full', '满意率'), '91.7%（11/12）');
    assert.equal(await rate(page, 'full', '按时办结率'), '80.0%（12/15）');
    assert.equal(await rate(page, 'full', '1310 时限达标率'), '60.0%（9/15）');
    assert.equal(await rate(page, 'full', '12345 时限达标率'), '样本不足（5/7）');
    await page.locator('#full').screenshot({ path: join(artifacts, 'dashboard-root.png') });
    assert.deepEqual(page.problems, []);
  });

  test('each chart is an aria-hidden drawing next to a table with the same figures; no label runs into its value', async () => {
    const charts = page.locator('#full .gr-chart');
    assert.equal(await charts.count(), 3);
    const cells = (rows, [label, value]) => rows.map((r) => `${r.querySelector(label).textContent} | ${r.querySelector(value).textContent}`);
    for (let i = 0; i < 3; i++) {
      assert.equal(await charts.nth(i).locator('.gr-chart-bars').getAttribute('aria-hidden'), 'true');
      assert.equal(await charts.nth(i).locator('table caption').count(), 1);
      assert.equal(await charts.nth(i).locator('svg rect.gr-chart-bar').count(), await charts.nth(i).locator('table tbody tr').count());
      // The drawing shows what the table reads, row by row.
      const drawn = await charts.nth(i).locator('.gr-chart-row').evaluateAll(cells, ['.gr-chart-label', '.gr-chart-value']);
      assert.ok(drawn.length > 0);
      assert.deepEqual(drawn, await charts.nth(i).locator('table tbody tr').evaluateAll(cells, ['th', 'td']));
    }
    // The longest labels are the compounds' in English ("Compounds with property management"):
    // drawn in the SVG beside a right-aligned value, they ran into it at desktop width.
    const before = await page.evaluate(() => document.getElementById('domain').getAttribute('lang'));
    try {
      for (const lang of ['en', 'zh-CN']) {
        await language(page, 'domain', lang);
        for (const width of [1100, 320]) {
          await page.setViewportSize({ width, height: 900 });
          const clashes = await page.evaluate(() => [...document.querySelectorAll('gr-dashboard')].flatMap((host) => [...host.shadowRoot.querySelectorAll('.gr-chart-row')].flatMap((row) => {
            const [l, v, box] = [row.querySelector('.gr-chart-label'), row.querySelector('.gr-chart-value'), row.getBoundingClientRect()].map((e) => e.getBoundingClientRect?.() ?? e);
            if (box.width === 0) return []; // elderly mode shows the table instead
            const overlap = l.right > v.left + 0.5 && v.right > l.left + 0.5 && l.bottom > v.top + 0.5 && v.bottom > l.top + 0.5;
            const outside = [l, v].some((r) => r.left < box.left - 0.5 || r.right > box.right + 0.5);
            return overlap || outside ? [`#${host.id} ${host.getAttribute('lang') ?? ''} ${window.innerWidth}px: ${row.textContent}`] : [];
          })));
          assert.deepEqual(clashes, []);
        }
      }
      assert.ok(await page.locator('#domain .gr-chart-label', { hasText: /^Compounds with/ }).count() === 0, 'back in zh-CN');
    } finally {
      await language(page, 'domain', before);
      await page.setViewportSize({ width: 1100, height: 900 });
    }
  });

  test('the tiers of the rated nodes below are counted; warnings about the cases are shown, not dropped', async () => {
    // The five districts are rated (the root is too, but is not below itself): the chart's
    // table counts the tiers the children table shows.
    const counted = await page.locator('#full .gr-chart', { hasText: '下辖评定结果' }).locator('table tbody tr').evaluateAll(
      (rows) => Object.fromEntries(rows.map((r) => [r.querySelector('th').textContent, Number(r.querySelector('td').textContent)])));
    const shown = await page.locator('#full .gr-dash-children tbody .gr-tier').allTextContents();
    for (const [tier, n] of Object.entries(counted)) assert.equal(shown.filter((t) => t === tier).length, n, tier);
    assert.equal(Object.values(counted).reduce((a, b) => a + b, 0), 5);
    // The fixture's one warning (a grid worker's whistle with no route), with its path.
    assert.match(await page.locator('#full .gr-notes').textContent(), /\$\.cases\.cases\[14\]\.source/);
  });

  test('the children table lists key figures and star tiers; a name is text, never markup', async () => {
    const names = await page.locator('#full .gr-dash-children tbody th').allTextContents();
    assert.deepEqual(names, ['胜利街片区党支部', '凤翔片区党支部', '南门片区党支部', '新街片区党支部', '酉水片区党支部']);
    assert.equal(await page.locator('#full .gr-dash-children tbody tr').first().locator('.gr-tier').count(), 1);
    await page.locator('#full .gr-dash-children button', { hasText: '新街片区党支部' }).click();
    assert.deepEqual(await page.locator('#full .gr-dash-children tbody th').allTextContents(), ['<img src=x onerror=alert(1)>']);
    assert.equal(await page.locator('#full img').count(), 0);
    await page.locator('#full .gr-crumbs button', { hasText: '胜利社区党委' }).click();
    assert.match(await heading(page, 'full').textContent(), /^胜利社区党委/);
    assert.deepEqual(page.problems, []);
  });

  test('drill-down by keyboard with gr-select, "not enough cases" for a small node, breadcrumb back', async () => {
    const before = (await events(page, 'gr-select')).length;
    const button = page.locator('#full .gr-dash-children button', { hasText: '凤翔片区党支部' });
    await button.focus();
    await page.keyboard.press('Enter');
    assert.match(await heading(page, 'full').textContent(), /^凤翔片区党支部/);
    assert.equal(await shadowFocus(page, 'full'), 'h2:凤翔片区党支部', 'focus moves to the new node');
    const selects = (await events(page, 'gr-select')).slice(before);
    assert.deepEqual(selects.map((e) => [e.target, e.detail]), [['full', { id: 'sl-d2', name: '凤翔片区党支部', kind: 'node', level: 'district' }]]);
    assert.equal(await rate(page, 'full', '响应率'), '样本不足（3/3）');
    assert.equal(await rate(page, 'full', '1310 时限达标率'), '样本不足（0/3）');
    // grassroots stats tree --node sl-d2: members 2, grids 1, households 388, members in a grid 1/2
    assert.equal(await figure(page, 'full', '网格'), '1');
    assert.equal(await figure(page, 'full', '户数'), '388');
    assert.equal(await page.locator('#full .gr-chart').first().locator('table tbody tr').nth(1).textContent(), '党员入网格50.0%（1/2）');
    assert.equal(await page.locator('#full .gr-crumbs [aria-current=page]').textContent(), '凤翔片区党支部');
    // a grid-level child, then back up through the breadcrumb by keyboard
    await page.locator('#full .gr-dash-children button', { hasText: '凤翔二街党小组' }).focus();
    await page.keyboard.press('Space');
    assert.match(await heading(page, 'full').textContent(), /^凤翔二街党小组/);
    assert.equal(await page.locator('#full .gr-dash-children').count(), 0, 'a leaf has no children table');
    await page.locator('#full .gr-crumbs button', { hasText: '胜利社区党委' }).focus();
    await page.keyboard.press('Enter');
    assert.match(await heading(page, 'full').textContent(), /^胜利社区党委/);
    const last = (await events(page, 'gr-select')).at(-1);
    assert.deepEqual(last.detail, { id: 'sl', name: '胜利社区党委', kind: 'node', level: 'community' });
    await page.locator('#full').screenshot({ path: join(artifacts, 'dashboard-root-after.png') });
    assert.deepEqual(page.problems, []);
  });

  test('English, starting at the node given', async () => {
    assert.match(await heading(page, 'english').textContent(), /^酉水片区党支部/);
    assert.equal(await page.locator('#english .gr-title').textContent(), 'At a glance');
    assert.equal(await rate(page, 'english', 'Resolution'), 'not enough cases (1/4)');
    assert.equal(await rate(page, 'english', '1310 clocks met'), 'no cases');
    assert.equal(await page.locator('#english .gr-crumbs').getAttribute('aria-label'), 'Where you are');
    assert.equal(await page.locator('#english [lang]').first().getAttribute('lang'), 'en');
    await page.locator('#english').screenshot({ path: join(artifacts, 'dashboard-english.png') });
  });

  test('elderly mode: 24 px text and targets at least 60 px tall', async () => {
    const sizes = await page.evaluate(() => {
      const root = document.getElementById('elderly').shadowRoot;
      return {
        font: getComputedStyle(root.querySelector('.gr-widget')).fontSize,
        buttons: [...root.querySelectorAll('button')].map((b) => b.getBoundingClientRect().height),
      };
    });
    assert.equal(sizes.font, '24px');
    assert.ok(sizes.buttons.length >= 5);
    for (const h of sizes.buttons) assert.ok(h >= 60, `button ${h}px tall`);
    await page.locator('#elderly').screenshot({ path: join(artifacts, 'dashboard-elderly.png') });
  });

  test('a broken document: an error panel with paths from the top, and gr-error', async () => {
    const text = await page.locator('#broken .gr-error').textContent();
    assert.match(text, /\$\.org\.nodes\[1\]/);
    assert.match(text, /period/);
    const errors = (await events(page, 'gr-error')).filter((e) => e.target === 'broken');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].detail.widget, 'dashboard');
    assert.match(JSON.stringify(errors[0].detail.errors), /\$\.org\.nodes\[1\]/);
  });

  test('axe finds no violations (zh-CN, en, elderly, error panel; root and a child)', async () => {
    assert.deepEqual(await axe(page), []);
    await page.locator('#full .gr-dash-children button').first().click();
    assert.deepEqual(await axe(page), []);
  });
});
