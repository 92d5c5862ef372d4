// <gr-grid-map> in real Chromium: the 胜利 community's five grids drawn from their geometry,
// coloured in classes with a legend and a table of the same figures; the map as one tab stop
// whose arrow keys move to the neighbouring grid that way; Enter selects (gr-select); zoom by
// keys and buttons; the figure picker; text not markup; English; elderly mode; axe; an error
// panel for broken geometry; and the small map module for data without cases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { axe } from './a11y.mjs';
import { artifacts, events, open, start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** The active shape's accessible name, read through the listbox's aria-activedescendant. */
const active = (page, host) => page.evaluate((id) => {
  const root = document.getElementById(id).shadowRoot;
  const ref = root.querySelector('.gr-map-canvas').getAttribute('aria-activedescendant');
  return ref ? root.getElementById(ref)?.getAttribute('aria-label') : null;
}, host);
const viewBox = (page, host) => page.locator(`#${host} .gr-map-canvas svg`).getAttribute('viewBox');
const rows = (page, host) => page.locator(`#${host} .gr-map-table tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));

describe('grid map', () => {
  let page;
  const fetched = [];
  before(async () => {
    page = await open(env, '/test/grid-map.html', {
      viewport: { width: 1100, height: 900 },
      prepare: (p) => p.on('request', (r) => fetched.push(new URL(r.url()).pathname)),
    });
    for (const id of ['full', 'english', 'elderly']) await page.locator(`#${id} .gr-map-canvas`).waitFor();
    await page.locator('#broken .gr-error').waitFor();
  });
  after(async () => { await page.close(); });

  test('every grid is drawn, in classes with a legend, and listed in a table with its figure', async () => {
    // grassroots stats tree laifeng-shengli.json: households g1 412, g2 388, g3 356, g4 290, g5 433.
    assert.equal(await page.locator('#english .gr-map-shape').count(), 5);
    assert.deepEqual(await rows(page, 'english'), [
      ['胜利街网格', 'Grid', '412'], ['凤翔网格', 'Grid', '388'], ['南门网格', 'Grid', '356'],
      ['<img src=x onerror=alert(1)>', 'Grid', '290'], ['酉水网格', 'Grid', '433'],
    ]);
    // Five distinct values: five quantile classes, each value its own; the largest the darkest.
    const legend = await page.locator('#english .gr-map-legend li').allTextContents();
    assert.deepEqual(legend, ['290', '291–356', '357–388', '389–412', '413–433']);
    const classOf = (name) => page.locator(`#english .gr-map-shape[aria-label^="${name},"]`).getAttribute('class');
    assert.match(await classOf('酉水网格'), /gr-map-c4/);
    assert.match(await classOf('胜利街网格'), /gr-map-c3/);
    assert.match(await classOf('<img src=x onerror=alert(1)>'), /gr-map-c0/);
    // Names are text, never markup; labels are drawn where they fit, hidden from screen readers.
    assert.equal(await page.locator('#english img').count(), 0);
    assert.equal(await page.locator('#english .gr-map-labels').getAttribute('aria-hidden'), 'true');
    assert.ok((await page.locator('#english .gr-map-labels text').allTextContents()).includes('凤翔网格'));
    await page.locator('#english').screenshot({ path: join(artifacts, 'grid-map-english.png') });
    assert.deepEqual(page.problems, []);
  });

  test('the case figures and the tiers come from the data, and the picker switches between them', async () => {
    assert.equal(await page.locator('#full .gr-map-figure select').inputValue(), 'overdue-clocks');
    assert.match(await page.locator('#full .gr-map-legend-title').textContent(), /超时计时/);
    const overdue = (await rows(page, 'full')).map((r) => r[2]);
    assert.equal(overdue.length, 5);
    for (const v of overdue) assert.match(v, /^\d+$/);
    assert.ok(await page.locator('#full .gr-map-canvas').evaluate((e) => e.closest('.gr-map').classList.contains('gr-map-warm')), 'bad news in the warm palette');
    // Every figure the data gives is offered: cases and a scorecard give all nine.
    assert.equal(await page.locator('#full .gr-map-figure option').count(), 9);
    await page.locator('#full .gr-map-figure select').selectOption('response-rate');
    assert.match(await page.locator('#full .gr-map-legend-title').textContent(), /响应率/);
    assert.match(await page.locator('#full .gr-map-table thead').textContent(), /响应率/);
    await page.locator('#full .gr-map-figure select').selectOption('star-tier');
    const tiers = await page.locator('#full .gr-map-legend li').allTextContents();
    assert.deepEqual(tiers.filter((t) => t !== '无数据'), ['未达标', '达标', '优秀']);
    await page.locator('#full .gr-map-figure select').selectOption('overdue-clocks');
  });

  test('one tab stop; arrows move to the neighbouring grid that way; Enter selects with gr-select', async () => {
    await page.locator('#full .gr-map-figure select').focus();
    await page.keyboard.press('Tab'); // the zoom buttons come first …
    while (!(await page.evaluate(() => document.getElementById('full').shadowRoot.activeElement?.classList.contains('gr-map-canvas')))) {
      await page.keyboard.press('Tab');
    }
    // Focus makes the first shape in reading order (north-west) active.
    assert.match(await active(page, 'full'), /^胜利街网格，超时计时：\d+$/);
    await page.keyboard.press('ArrowRight');
    assert.match(await active(page, 'full'), /^凤翔网格/);
    await page.keyboard.press('ArrowRight');
    assert.match(await active(page, 'full'), /^南门网格/);
    await page.keyboard.press('ArrowDown');
    assert.match(await active(page, 'full'), /^酉水网格/);
    await page.keyboard.press('ArrowLeft');
    assert.match(await active(page, 'full'), /^<img src=x/);
    await page.keyboard.press('ArrowUp');
    assert.match(await active(page, 'full'), /^胜利街网格/);
    await page.keyboard.press('ArrowLeft'); // nothing west of it: stays
    assert.match(await active(page, 'full'), /^胜利街网格/);
    assert.equal(await page.locator('#full .gr-map-shape[aria-selected=true]').count(), 1);
    const before = (await events(page, 'gr-select')).length;
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const selects = (await events(page, 'gr-select')).slice(before);
    assert.deepEqual(selects.map((e) => [e.target, e.detail]), [['full', { id: 'g2', name: '凤翔网格', kind: 'grid', level: 'grid' }]]);
    // Hover and focus show the shape's figures beside the map.
    assert.match(await page.locator('#full .gr-map-info').textContent(), /^凤翔网格户数388/);
    // The table's row of the active shape is marked, and its button selects the same way.
    assert.equal(await page.locator('#full .gr-map-row-active th').textContent(), '凤翔网格');
    await page.locator('#full .gr-map-table button', { hasText: '南门网格' }).click();
    assert.deepEqual((await events(page, 'gr-select')).at(-1).detail, { id: 'g3', name: '南门网格', kind: 'grid', level: 'grid' });
    await page.locator('#full').screenshot({ path: join(artifacts, 'grid-map-full.png') });
    assert.deepEqual(page.problems, []);
  });

  test('zoom by keys and buttons, about the active shape; 0 resets', async () => {
    const start = await viewBox(page, 'full');
    await page.locator('#full .gr-map-canvas').focus();
    await page.keyboard.press('+');
    const zoomed = await viewBox(page, 'full');
    assert.notEqual(zoomed, start);
    const width = (vb) => Number(vb.split(' ')[2]);
    assert.ok(Math.abs(width(zoomed) * 1.5 - width(start)) < 1e-6 * width(start) + 0.2, `${zoomed} is 1.5× closer than ${start}`);
    assert.match(await page.locator('#full .gr-map-tools .gr-count').textContent(), /150%/);
    await page.keyboard.press('0');
    assert.equal(await viewBox(page, 'full'), start);
    await page.locator('#full .gr-map-zoom', { hasText: '放大' }).click();
    await page.locator('#full .gr-map-zoom', { hasText: '放大' }).click();
    assert.match(await page.locator('#full .gr-map-tools .gr-count').textContent(), /225%/);
    await page.locator('#full .gr-map-zoom', { hasText: '缩小' }).click();
    await page.locator('#full .gr-map-zoom', { hasText: '复位' }).click();
    assert.equal(await viewBox(page, 'full'), start);
  });

  test('elderly mode: 24 px text and targets at least 60 px tall', async () => {
    const sizes = await page.evaluate(() => {
      const root = document.getElementById('elderly').shadowRoot;
      return {
        font: getComputedStyle(root.querySelector('.gr-widget')).fontSize,
        targets: [...root.querySelectorAll('button, select')].map((b) => b.getBoundingClientRect().height),
      };
    });
    assert.equal(sizes.font, '24px');
    assert.ok(sizes.targets.length >= 9);
    for (const h of sizes.targets) assert.ok(h >= 60, `target ${h}px tall`);
    await page.locator('#elderly').screenshot({ path: join(artifacts, 'grid-map-elderly.png') });
  });

  test('broken geometry: an error panel with paths from the top in Chinese, and gr-error', async () => {
    const text = await page.locator('#broken .gr-error').textContent();
    assert.match(text, /\$\.geo\.features\[0\]\.geometry\.coordinates\[0\]/);
    assert.match(text, /边界环至少需要 4 个点/);
    const errors = (await events(page, 'gr-error')).filter((e) => e.target === 'broken');
    assert.equal(errors.length, 1);
    assert.equal(errors[0].detail.widget, 'grid-map');
    assert.equal(errors[0].detail.errors[0].path, '$.geo.features[0].geometry.coordinates[0]');
  });

  test('the cases\' warnings are listed under the map, with their path from the top', async () => {
    const items = await page.locator('#full .gr-notes li').allTextContents();
    assert.equal(items.length, 1, items.join('\n'));
    assert.match(items[0], /^\$\.cases\.cases\[14\]\.source记录“gw-0810-garbage”/);
    assert.ok(!(await events(page, 'gr-error')).some((e) => e.target === 'full'));
  });

  test('data with cases or a scorecard loads the larger map module; axe finds no violations', async () => {
    const modules = fetched.filter((p) => p.startsWith('/grassroots/') && p.endsWith('.wasm')).map((p) => p.split('/').pop().split('.')[0]);
    assert.deepEqual([...new Set(modules)], ['grid-map-full'], 'every map of this page has cases: the larger module alone');
    assert.deepEqual(await axe(page), []);
  });
});

describe('grid map of an organization and its geometry alone', () => {
  test('loads only the small map module, and draws', async () => {
    const fetched = [];
    const page = await open(env, '/test/grid-map-light.html', { prepare: (p) => p.on('request', (r) => fetched.push(new URL(r.url()).pathname)) });
    await page.locator('#light .gr-map-canvas').waitFor();
    assert.equal(await page.locator('#light .gr-map-shape').count(), 5);
    // Members placed in each grid (grassroots stats tree: 6 of the 7 are in a grid).
    const members = (await rows(page, 'light')).map((r) => Number(r[2]));
    assert.equal(members.reduce((a, b) => a + b, 0), 6);
    assert.equal(await page.locator('#light .gr-map-figure option').count(), 5, 'no case figures, no tiers');
    const wasm = fetched.filter((p) => p.endsWith('.wasm')).map((p) => p.split('/').pop().split('.')[0]);
    assert.deepEqual(wasm, ['grid-map']);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('a feature for a grid the organization does not have is not drawn, and the note under the map says so', async () => {
    const page = await open(env, '/test/grid-map-light.html');
    await page.locator('#stray .gr-map-canvas').waitFor();
    assert.equal(await page.locator('#stray .gr-map-shape').count(), 5, 'g9 is not drawn');
    assert.deepEqual(await page.locator('#stray .gr-notes li').allTextContents(), [
      '$.geo.features[6].properties.grid' + 'record “g9”' + 'grid "g9" is not in the organization; its shape is not drawn',
    ]);
    assert.equal(await page.locator('#light .gr-notes').count(), 0, 'every feature drawn: no note');
    assert.deepEqual((await events(page, 'gr-error')).filter((e) => e.target === 'stray'), [], 'warnings alone are not an error');
    await page.evaluate(() => document.getElementById('stray').setAttribute('lang', 'zh-CN'));
    await page.waitForFunction(() => document.getElementById('stray').shadowRoot.querySelector('.gr-notes li')?.textContent.includes('未绘制'));
    assert.match(await page.locator('#stray .gr-notes li').textContent(), /记录“g9”组织数据中没有网格“g9”，其图形未绘制$/);
    assert.deepEqual(await axe(page, 'stray'), []);
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('a GeoServer export in a Gauss–Krüger zone is drawn in metres, and its own members are told under the map', async () => {
    const page = await open(env, '/test/grid-map-light.html');
    await page.locator('#wfs .gr-map-canvas').waitFor();
    // The street's two communities, 400 m × 200 m side by side: the drawing is four times as wide
    // as it is tall (metres; read as degrees, or with the zone number as an error, it would not be).
    assert.deepEqual(await page.locator('#wfs .gr-map-shape').evaluateAll((s) => s.map((e) => e.getAttribute('aria-label').split(/[,，]/)[0])), ['解放路社区', '胜利街社区']);
    const [w, h] = await page.locator('#wfs .gr-map-shape').evaluateAll((shapes) => {
      const boxes = shapes.map((s) => s.getBBox());
      const x0 = Math.min(...boxes.map((b) => b.x)), x1 = Math.max(...boxes.map((b) => b.x + b.width));
      const y0 = Math.min(...boxes.map((b) => b.y)), y1 = Math.max(...boxes.map((b) => b.y + b.height));
      return [x1 - x0, y1 - y0];
    });
    assert.ok(Math.abs(w / h - 4) < 0.01, `the shapes span ${w} × ${h}`);
    const notes = await page.locator('#wfs .gr-notes li').allTextContents();
    assert.equal(notes.length, 5, notes.join('\n'));
    assert.ok(notes.some((n) => n.startsWith('$.geo.features[0].geometry_name') && n.endsWith('未读取成员“geometry_name”（GeoJSON 允许的外部成员；8 个要素有此成员，此为第一个）')), notes.join('\n'));
    assert.ok(notes.includes('$.geo.totalFeatures' + '未读取成员“totalFeatures”（GeoJSON 允许的外部成员）'), notes.join('\n'));
    assert.deepEqual((await events(page, 'gr-error')).filter((e) => e.target === 'wfs'), [], 'warnings alone are not an error');
    assert.deepEqual(await axe(page, 'wfs'), []);
    assert.deepEqual(page.problems, []);
    await page.close();
  });
});
