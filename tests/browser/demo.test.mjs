// The demo site as `make demo` serves it: every widget renders from its data, with no
// error and no console error, and the page works with the keyboard.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { axe } from './a11y.mjs';
import { artifacts, events, focusedId, open, start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('the demo page renders every tree, including the generated county', async () => {
  const page = await open(env, '/', { viewport: { width: 1200, height: 900 } });
  for (const id of ['tree-shengli', 'tree-county', 'tree-heping']) {
    await page.locator(`#${id} [role=treeitem]`).first().waitFor();
  }
  assert.deepEqual(await events(page, 'gr-error'), []);
  const count = await page.locator('#tree-county .gr-count').textContent();
  const nodes = Number(count.match(/\d+/)?.[0]);
  assert.ok(nodes > 500 && nodes < 2000, count);
  // The root row carries the rolled-up figures of the whole street.
  const figures = await page.locator('#tree-county [role=treeitem]').first().locator('.gr-figures').textContent();
  assert.match(figures, /^党员 \d+ · 网格 \d+ · 住户 \d+$/);
  // Keyboard only from the tree's search box: Tab into the tree, then move.
  await page.locator('#tree-shengli input[type=search]').focus();
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(page, 'tree-shengli'), 'sl');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.equal((await events(page, 'gr-select')).at(-1)?.detail.id, 'sl-d1');
  // The overview: the street's dashboard with its communities' tiers.
  await page.locator('#dashboard-county .gr-widget').waitFor();
  assert.equal(await page.locator('#dashboard-county .gr-error').count(), 0);
  assert.match(await page.locator('#dashboard-county .gr-widget').textContent(), /城关街道/);
  // The county's star ratings: one row per community, every tier from the rule set.
  await page.locator('#stars-county tbody tr').first().waitFor();
  assert.equal(await page.locator('#stars-county tbody tr').count(), 12);
  const tiers = await page.locator('#stars-county tbody tr .gr-tier').allTextContents();
  assert.ok(tiers.includes('达标') && tiers.includes('未达标'), tiers.join(','));
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(artifacts, 'demo.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

// Every page of the demo site: its widgets render from the site's data with no gr-error and no
// page error, the navigation marks the current page, and axe finds nothing.
for (const [path, ids] of [
  ['/lists.html', ['duty-list']],
  ['/services.html', ['service-board']],
  ['/cases.html', ['case-tracker']],
  ['/embed.html', ['embed-0', 'embed-1', 'embed-2', 'embed-3', 'embed-4']],
]) {
  test(`the demo page ${path} renders its widgets`, async () => {
    const page = await open(env, path, { viewport: { width: 1200, height: 900 } });
    for (const id of ids) {
      await page.waitForFunction((host) => {
        const root = document.getElementById(host)?.shadowRoot;
        return root && root.querySelector('.gr-widget') && !root.querySelector('.gr-loading');
      }, id);
    }
    assert.deepEqual(await events(page, 'gr-error'), []);
    for (const id of ids) assert.equal(await page.locator(`#${id} .gr-error`).count(), 0, id);
    assert.equal(await page.locator(`.site-nav a[href="${path.slice(1)}"]`).getAttribute('aria-current'), 'page');
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: join(artifacts, `demo-${path.slice(1, -5)}.png`), fullPage: true });
    assert.deepEqual(page.problems, []);
    await page.close();
  });
}
