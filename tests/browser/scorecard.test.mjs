// <gr-scorecard> in real Chromium: the ranking (sorting, filtering), one entity's scorecard
// with its sections as disclosures, WAI-ARIA tabs by keyboard, gr-select and gr-error, text not
// markup, English, elderly mode, axe, and the same evaluation in wasm as natively.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { axe } from './a11y.mjs';
import { artifacts, events, language, open, start, tableFits } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const fixtures = join(import.meta.dirname, '..', 'data', 'rules', 'scorecards');
const rowNames = (page, host) => page.locator(`#${host} tbody tr th[scope=row]`).allTextContents();
const tab = (page, host, name) => page.locator(`#${host} [role=tab]`, { hasText: name });
const shadowFocus = (page, host) => page.evaluate((id) => {
  const el = document.getElementById(id).shadowRoot.activeElement;
  return el ? `${el.getAttribute('role') ?? el.tagName.toLowerCase()}:${el.textContent.trim()}` : null;
}, host);


describe('scorecard', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/scorecard.html');
    await page.locator('#five tbody tr').first().waitFor();
    await page.locator('#hotline .gr-entity').waitFor();
    await page.locator('#elderly .gr-entity').waitFor();
    await page.locator('#broken .gr-error').waitFor();
  });
  after(async () => { await page.close(); });

  test('the ranking lists every entity by rank, names as text, with tiers and stars', async () => {
    assert.deepEqual(await rowNames(page, 'five'), ['胜利社区', '凤翔社区', '中山社区', '犀牛潭社区', '城南社区', '桥沟社区', '老虎洞社区', '白岩社区', '三堡岭社区', '<img src=x onerror=alert(1)>']);
    assert.equal(await page.locator('#five img').count(), 0, 'a name is never markup');
    const first = page.locator('#five tbody tr').first();
    assert.deepEqual((await first.locator('td').allTextContents()).slice(0, 3), ['1', '500', '优秀']);
    assert.match(await page.locator('#five .gr-status').textContent(), /显示 10 个，共 10 个/);
    assert.equal(await page.locator('#five .gr-title').textContent(), '五星支部评定 2026');
    await page.locator('#five').screenshot({ path: join(artifacts, 'scorecard-ranking.png') });
    assert.deepEqual(page.problems, []);
  });

  test('column headings sort (aria-sort), and the tier filter narrows the rows', async () => {
    const total = page.locator('#five th[scope=col]', { hasText: '总分' });
    await total.locator('button').click();
    assert.equal(await total.getAttribute('aria-sort'), 'descending');
    const totals = async () => (await page.locator('#five tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.children[2].textContent))));
    const desc = await totals();
    assert.deepEqual(desc, [...desc].sort((a, b) => b - a));
    await total.locator('button').press('Enter');
    assert.equal(await total.getAttribute('aria-sort'), 'ascending');
    const asc = await totals();
    assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
    await page.locator('#five th[scope=col]', { hasText: '名次' }).locator('button').click();
    await page.locator('#five select').selectOption('fail');
    assert.deepEqual(await rowNames(page, 'five'), ['犀牛潭社区', '城南社区', '白岩社区', '三堡岭社区', '<img src=x onerror=alert(1)>']);
    assert.match(await page.locator('#five .gr-status').textContent(), /显示 5 个，共 10 个/);
    await page.locator('#five input[type=search]').fill('城南');
    assert.deepEqual(await rowNames(page, 'five'), ['城南社区']);
    await page.locator('#five input[type=search]').fill('');
    await page.locator('#five select').selectOption('');
  });

  test('a name opens its scorecard, fires gr-select, and sections open by keyboard', async () => {
    await page.locator('#five button', { hasText: '三堡岭社区' }).click();
    const selected = (await events(page, 'gr-select')).at(-1);
    assert.equal(selected.target, 'five');
    assert.ok(selected.bubbles && selected.composed);
    assert.deepEqual(selected.detail, { id: 'c07', name: '三堡岭社区', tier: 'fail', rank: 9, total: 400 });
    assert.equal(await tab(page, 'five', '评分详情').getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('#five .gr-entity').textContent(), '三堡岭社区');
    assert.match(await page.locator('#five .gr-summary').textContent(), /一票否决：发生重大安全事故，平安法治星不得分/);
    const safety = page.locator('#five .gr-disclosure', { hasText: '平安法治星' });
    assert.match(await safety.textContent(), /0 \/ 100 分一票否决/);
    assert.equal(await safety.getAttribute('aria-expanded'), 'false');
    const panel = page.locator(`#five #${await safety.getAttribute('aria-controls')}`);
    assert.equal(await panel.isVisible(), false);
    await safety.focus();
    await page.keyboard.press('Enter');
    assert.equal(await safety.getAttribute('aria-expanded'), 'true');
    assert.equal(await panel.isVisible(), true);
    assert.match(await panel.textContent(), /调解成功率 92% ≥ 90%，得 30 分/);
    await page.keyboard.press('Space');
    assert.equal(await safety.getAttribute('aria-expanded'), 'false');
    await page.locator('#five').screenshot({ path: join(artifacts, 'scorecard-card.png') });
  });

  test('the tabs follow the WAI-ARIA keyboard model', async () => {
    await tab(page, 'five', '评分详情').focus();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await shadowFocus(page, 'five'), 'tab:排名');
    assert.equal(await tab(page, 'five', '排名').getAttribute('aria-selected'), 'true');
    assert.equal(await tab(page, 'five', '评分详情').getAttribute('tabindex'), '-1');
    await page.keyboard.press('End');
    assert.equal(await shadowFocus(page, 'five'), 'tab:评分详情');
    await page.keyboard.press('Home');
    assert.equal(await shadowFocus(page, 'five'), 'tab:排名');
    const panel = page.locator('#five [role=tabpanel]');
    assert.equal(await panel.getAttribute('aria-labelledby'), await tab(page, 'five', '排名').getAttribute('id'));
  });

  test('in English, an entity below the minimum sample is not rated and not ranked', async () => {
    assert.equal(await page.locator('#hotline .gr-entity').textContent(), 'Laohudong');
    const summary = await page.locator('#hotline .gr-summary').textContent();
    assert.match(summary, /Not rated/);
    assert.match(summary, /not rated: needs at least 10 cases/);
    assert.match(summary, /not ranked/);
    await tab(page, 'hotline', 'Ranking').click();
    const last = page.locator('#hotline tbody tr').last();
    assert.deepEqual((await last.locator('td').allTextContents()).slice(0, 3), ['—', '0', 'Not rated']);
  });

  test('bad data shows the error panel and fires gr-error with every path', async () => {
    const text = await page.locator('#broken .gr-error').textContent();
    assert.match(text, /\$\.rules\.id/);
    assert.match(text, /\$\.entities\[0\]\.id/);
    const errors = (await events(page, 'gr-error')).filter((e) => e.target === 'broken');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].detail.widget, 'scorecard');
    assert.ok(errors[0].detail.errors.some((e) => e.path === '$.entities[0].id' && e.code === 'shape'));
    assert.ok(errors[0].detail.errors.every((e) => e.message.length > 0));
  });

  test('elderly mode: 24 px text and targets at least 60 px tall', async () => {
    const sizes = await page.evaluate(() => {
      const root = document.getElementById('elderly').shadowRoot;
      const box = (sel) => root.querySelector(sel).getBoundingClientRect();
      return {
        font: getComputedStyle(root.querySelector('.gr-widget')).fontSize,
        tab: box('[role=tab]').height,
        disclosure: box('.gr-disclosure').height,
        select: box('select').height,
      };
    });
    assert.equal(sizes.font, '24px');
    for (const key of ['tab', 'disclosure', 'select']) assert.ok(sizes[key] >= 60, `${key}: ${sizes[key]}`);
    await page.locator('#elderly').screenshot({ path: join(artifacts, 'scorecard-elderly.png') });
  });

  test('axe finds no violations (zh-CN, en, elderly; ranking and an open section)', async () => {
    await page.locator('#five .gr-disclosure').first().click().catch(() => {});
    assert.deepEqual(await axe(page), []);
    await tab(page, 'five', '评分详情').click();
    await page.locator('#five .gr-disclosure').first().click();
    assert.deepEqual(await axe(page), []);
  });

  test('evaluate() in the browser gives exactly the native evaluation', async () => {
    for (const name of ['five-star', 'hotline']) {
      const doc = await readFile(join(fixtures, `${name}.json`), 'utf8');
      const expected = JSON.parse(await readFile(join(fixtures, `${name}.expected.json`), 'utf8'));
      const got = await page.evaluate(async (text) => {
        const { evaluate } = await import('/grassroots/grassroots.js');
        return evaluate(text);
      }, doc);
      assert.deepEqual(got, expected, name);
    }
    const message = await page.evaluate(async () => {
      const { evaluate } = await import('/grassroots/grassroots.js');
      return evaluate('{"rules": {}, "entities": []}').then(() => 'resolved', (e) => e.message);
    });
    assert.match(message, /\$\.rules\.version/);
  });
});

// Session 27: in English the sections' long headers ("safety and rule of law") took the
// ranking's width and the communities' names went two characters a line, the fifth section
// out of view.
describe('the demo county\'s ranking at desktop width', () => {
  let page;
  before(async () => {
    page = await open(env, '/scorecards.html', { viewport: { width: 1200, height: 900 } });
    await page.locator('#stars-county #gr-x-ranking').waitFor();
  });
  after(async () => { await page.close(); });

  test('fits its region in both languages, each name on one line', async () => {
    try {
      for (const lang of ['zh-CN', 'en']) {
        await language(page, 'stars-county', lang);
        const { fits, width } = await tableFits(page, 'stars-county', '#gr-x-ranking');
        assert.ok(fits, `${lang}: the ranking is ${width}`);
        const names = await page.evaluate(() => {
          const table = document.getElementById('stars-county').shadowRoot.getElementById('gr-x-ranking');
          const lines = (el) => { const r = document.createRange(); r.selectNodeContents(el); return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size; };
          return [...table.querySelectorAll('tbody th[scope="row"] .gr-link')].map((b) => `${b.textContent}: ${lines(b)}`);
        });
        assert.equal(names.length, 12);
        assert.deepEqual(names.filter((n) => !n.endsWith(': 1')), [], lang);
      }
    } finally {
      await language(page, 'stars-county', null);
    }
    assert.deepEqual(page.problems, []);
  });
});
