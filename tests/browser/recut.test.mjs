// The re-cut (片区重划) under <gr-grid-map> in real Chromium, on the demo county: its 3,144
// blocks re-cut in the browser into grids of 300–500 households — the same outcome as
// `grassroots recut --format json` (build.sh writes it beside the data) and as the `recut()`
// export; before and after drawn with every block, the moved ones outlined; the table of the
// grids after; drilling down narrows both; English; a re-cut that cannot be read shows the
// error panel with its paths; axe clean.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axe } from './a11y.mjs';
import { artifacts, events, open, rendered, start } from './harness.mjs';

const site = join(import.meta.dirname, '..', '..', 'target', 'site');
const cli = JSON.parse(readFileSync(join(site, 'data', 'county-recut-outcome.json'), 'utf8'));
let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const count = (page, sel) => page.locator(sel).count();

describe('re-cut', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/recut.html', { viewport: { width: 1200, height: 900 } });
    await rendered(page, ['county', 'broken']);
    await page.locator('#county .gr-recut').waitFor();
  });
  after(async () => { await page.close(); });

  test('the county is re-cut as the CLI re-cuts it: every block before and after, the moved ones outlined', async () => {
    const blocks = Object.keys(cli.assignment).length;
    assert.ok(blocks > 3000, `${blocks} blocks`);
    assert.equal(await count(page, '#county .gr-recut-figure:first-child path'), blocks);
    assert.equal(await count(page, '#county .gr-recut-figure:last-child path'), blocks);
    assert.equal(await count(page, '#county .gr-recut-moved'), cli.report.moved);
    assert.ok(cli.report.moved > 0);
    // Each block's colour after the cut is its part's: blocks of one part share a class.
    const classes = await page.locator('#county .gr-recut-figure:last-child path').evaluateAll((ps) => ps.map((p) => [p.dataset.block, p.getAttribute('class').match(/gr-recut-p\d/)?.[0]]));
    const byPart = new Map();
    for (const [block, c] of classes) {
      const part = cli.assignment[block];
      assert.ok(part, `block ${block} is in the CLI's assignment`);
      if (byPart.has(part)) assert.equal(byPart.get(part), c, `part ${part}`);
      byPart.set(part, c);
    }
    // The table: one row a grid after the re-cut, as the CLI reports them.
    const rows = await page.locator('#county .gr-recut-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.equal(rows.length, cli.report.after.per_part.length);
    const first = cli.report.after.per_part[0];
    assert.deepEqual(rows[0].slice(3), [String(first.blocks), String(first.households), String(first.population), first.in_range ? '是' : '否']);
    assert.match(await page.locator('#county .gr-recut-summary').textContent(), new RegExp(`调整楼栋 ${cli.report.moved} 个（共 ${blocks} 个）`));
    assert.match(await page.locator('#county .gr-recut .gr-status').textContent(), cli.feasible ? /所有约束均满足/ : /部分约束无法满足/);
    await page.locator('#county .gr-recut').screenshot({ path: join(artifacts, 'recut.png') });
    assert.deepEqual(page.problems, []);
  });

  test('recut() gives the same outcome in the browser as the CLI', async () => {
    const outcome = await page.evaluate(async () => {
      const { recut } = await import('/grassroots/grassroots.js');
      const data = await (await fetch('/data/county-recut.json')).json();
      return recut(data.geo, data.recut, data.org);
    });
    assert.deepEqual(outcome, cli);
    const rejected = await page.evaluate(async () => {
      const { recut } = await import('/grassroots/grassroots.js');
      return recut({ blocks: [{ id: 'a', households: 1 }], adjacency: [] }, { parts: 2 }).then(() => 'resolved', (e) => e.message);
    });
    assert.match(rejected, /\$\.blocks\[0\]/);
  });

  test('drilling down narrows the drawing and the table to the street', async () => {
    const all = await count(page, '#county .gr-recut-figure:last-child path');
    await page.locator('#county .gr-map-table tbody button').first().click();
    await page.waitForFunction((n) => document.getElementById('county').shadowRoot.querySelectorAll('.gr-recut-figure:last-child path').length < n, all);
    const street = await count(page, '#county .gr-recut-figure:last-child path');
    assert.ok(street > 0 && street < all, `${street} of ${all}`);
    assert.ok(await count(page, '#county .gr-recut-table tbody tr') < cli.report.after.per_part.length);
  });

  test('English, and a re-cut that cannot be read shows every problem with its path', async () => {
    await page.locator('#county').evaluate((e) => e.setAttribute('lang', 'en'));
    await page.waitForFunction(() => /Re-drawing the grids/.test(document.getElementById('county').shadowRoot.querySelector('.gr-recut')?.textContent ?? ''));
    assert.match(await page.locator('#county .gr-recut-summary').textContent(), /blocks moved/);
    const text = await page.locator('#broken .gr-error').textContent();
    assert.match(text, /\$\.(recut|geo)/);
    const [error] = (await events(page, 'gr-error')).filter((e) => e.target === 'broken');
    assert.ok(error.detail.errors.length >= 1);
    assert.ok(error.detail.errors.every((e) => /^\$\.(recut|geo)/.test(e.path)), JSON.stringify(error.detail.errors));
    assert.deepEqual(await axe(page), []);
  });
});
