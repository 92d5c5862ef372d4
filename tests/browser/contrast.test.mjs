// Contrast themes (Windows 对比度主题; CSS forced colours): the browser replaces every colour with
// the theme's and drops backgrounds and box shadows, so a state that only they showed vanishes.
// Chromium's emulation (the same rendering as a Windows contrast theme) in its dark and light
// themes: every state the widgets show by colour has a mark the theme keeps, in the theme's own
// system colours, and a person can see it (text and its background differ).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { artifacts, open, rendered, start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Opens a demo page in a forced-colours theme; `page.system(name)` resolves a system colour. */
async function themed(path, scheme, ids) {
  const page = await open(env, path, { viewport: { width: 1000, height: 900 }, prepare: (p) => p.emulateMedia({ forcedColors: 'active', colorScheme: scheme }) });
  assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
  await rendered(page, ids);
  page.system = (name) => page.evaluate((n) => {
    const probe = document.createElement('div');
    probe.style.cssText = `forced-color-adjust: none; color: ${n}`;
    document.body.append(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  }, name);
  return page;
}

/** Computed style properties of the elements `selector` finds in the widget `host`'s shadow root. */
const styles = (page, host, selector, props) => page.evaluate(([id, sel, names]) => [...document.getElementById(id).shadowRoot.querySelectorAll(sel)].map((el) => {
  const s = getComputedStyle(el);
  return Object.fromEntries(names.map((n) => [n, s.getPropertyValue(n)]));
}), [host, selector, props]);

/** Alpha-free form of a computed colour, so that rgba(…, 0.8) and rgb(…) of the theme compare. */
const rgb = (c) => c.replace(/^rgba?\((\d+),\s*(\d+),\s*(\d+).*$/, 'rgb($1, $2, $3)');

for (const scheme of ['dark', 'light']) {
  describe(`a contrast theme, ${scheme}`, () => {
    test(`the selected tree row is in the theme's selection colours; the current match is outlined`, async () => {
      const page = await themed('/org.html', scheme, ['tree-county']);
      await page.locator('#tree-county input[type=search]').fill('社区');
      await page.keyboard.press('Enter');
      await page.locator('#tree-county .gr-row').nth(1).click();
      await page.waitForFunction(() => document.getElementById('tree-county').shadowRoot.querySelector('.gr-row[aria-selected="true"]'));
      const [highlight, text, canvas] = [await page.system('Highlight'), await page.system('HighlightText'), await page.system('Canvas')];
      const [selected] = await styles(page, 'tree-county', '.gr-row[aria-selected="true"]', ['background-color', 'color']);
      assert.deepEqual([rgb(selected['background-color']), selected.color], [rgb(highlight), text]);
      // Its pieces of text (name, level, code, figures) take the row's colours, not plates of the
      // theme's background.
      const parts = await styles(page, 'tree-county', '.gr-row[aria-selected="true"] *', ['color', 'background-color']);
      assert.ok(parts.length > 0);
      for (const part of parts) assert.deepEqual([part.color, part['background-color']], [text, 'rgba(0, 0, 0, 0)']);
      const [other] = await styles(page, 'tree-county', '.gr-row:not([aria-selected="true"])', ['background-color']);
      assert.notEqual(rgb(other['background-color']), rgb(highlight));
      assert.notEqual(text, rgb(highlight));
      const [current] = await styles(page, 'tree-county', '.gr-current', ['outline-style']);
      assert.equal(current['outline-style'], 'dashed');
      await page.screenshot({ path: join(artifacts, `contrast-org-${scheme}.png`), fullPage: true });
      assert.deepEqual(page.problems, []);
      await page.close();
    });

    test(`the selected case, the selected tab and the map's active row are in the selection colours`, async () => {
      const cases = await themed('/cases.html', scheme, ['case-tracker']);
      const [highlight, text] = [await cases.system('Highlight'), await cases.system('HighlightText')];
      const [selected] = await styles(cases, 'case-tracker', '.gr-case[aria-selected="true"]', ['background-color', 'color', 'box-shadow']);
      assert.deepEqual([rgb(selected['background-color']), selected.color, selected['box-shadow']], [rgb(highlight), text, 'none']);
      for (const part of await styles(cases, 'case-tracker', '.gr-case[aria-selected="true"] *', ['color'])) assert.equal(part.color, text);
      await cases.close();

      const lists = await themed('/lists.html', scheme, ['duty-list']);
      const tabs = await styles(lists, 'duty-list', '.gr-tab', ['text-decoration-line', 'text-decoration-color']);
      const chosen = await lists.evaluate(() => [...document.getElementById('duty-list').shadowRoot.querySelectorAll('.gr-tab')].map((t) => t.getAttribute('aria-selected') === 'true'));
      assert.deepEqual(tabs.map((t) => t['text-decoration-line'] === 'underline'), chosen);
      assert.equal(tabs[chosen.indexOf(true)]['text-decoration-color'], await lists.system('Highlight'));
      await lists.close();

      const map = await themed('/map.html', scheme, ['map-county']);
      await map.locator('#map-county .gr-map-canvas').focus();
      await map.keyboard.press('ArrowRight');
      await map.waitForFunction(() => document.getElementById('map-county').shadowRoot.querySelector('.gr-map-row-active'));
      const cells = await styles(map, 'map-county', '.gr-map-row-active > *', ['background-color', 'color']);
      assert.ok(cells.length >= 2);
      for (const cell of cells) assert.deepEqual([rgb(cell['background-color']), cell.color], [rgb(await map.system('Highlight')), await map.system('HighlightText')]);
      assert.deepEqual(map.problems, []);
      await map.close();
    });

    test(`the legend keeps its colours and the bars are drawn in the theme's`, async () => {
      const page = await themed('/index.html', scheme, ['dashboard-county']);
      const swatches = await styles(page, 'dashboard-county', '.gr-map-swatch', ['background-color', 'border-top-color']);
      assert.ok(swatches.length >= 2);
      // Each class its own colour, as on the map, and none the theme's background.
      const canvas = await page.system('Canvas');
      assert.equal(new Set(swatches.map((s) => s['background-color'])).size, swatches.length);
      for (const s of swatches) {
        assert.notEqual(s['background-color'], canvas);
        assert.equal(s['border-top-color'], await page.system('CanvasText'));
      }
      const bars = await styles(page, 'dashboard-county', '.gr-chart-bar', ['fill']);
      const tracks = await styles(page, 'dashboard-county', '.gr-chart-track', ['fill', 'stroke']);
      assert.ok(bars.length > 0);
      assert.deepEqual(new Set(bars.map((b) => b.fill)), new Set([await page.system('CanvasText')]));
      assert.deepEqual(new Set(tracks.map((t) => `${t.fill} ${t.stroke}`)), new Set([`${canvas} ${await page.system('CanvasText')}`]));
      // The demo site's pressed buttons (large text, blue theme) too.
      await page.locator('#elderly-toggle').click();
      const pressed = await page.evaluate(() => getComputedStyle(document.getElementById('elderly-toggle')).backgroundColor);
      const unpressed = await page.evaluate(() => getComputedStyle(document.getElementById('theme-toggle')).backgroundColor);
      assert.deepEqual([rgb(pressed), rgb(unpressed) !== rgb(pressed)], [rgb(await page.system('Highlight')), true]);
      await page.screenshot({ path: join(artifacts, `contrast-index-${scheme}.png`), fullPage: true });
      assert.deepEqual(page.problems, []);
      await page.close();
    });
  });
}

// Someone who asked their system for more contrast (iOS and macOS "Increase contrast") gets the
// high-contrast preset, map included, unless the host chose a theme; a host's own colours on
// the element still win.
test('more contrast asked for: the high-contrast preset where the host chose no theme', async () => {
  const look = async (contrast, setup) => {
    const page = await open(env, '/index.html', { viewport: { width: 1000, height: 900 }, prepare: (p) => p.emulateMedia({ contrast }) });
    await rendered(page, ['dashboard-county']);
    const seen = await page.evaluate((s) => {
      const host = document.getElementById('dashboard-county');
      if (s === 'blue') host.setAttribute('theme', 'blue');
      if (s === 'own') host.style.setProperty('--gr-primary', '#7a0000');
      const map = host.shadowRoot.querySelector('.gr-map');
      const css = getComputedStyle(host);
      return [css.getPropertyValue('--gr-primary'), css.getPropertyValue('--gr-line'), getComputedStyle(map).getPropertyValue('--gr-map-p1')];
    }, setup);
    assert.deepEqual(page.problems, []);
    await page.close();
    return seen;
  };
  const hc = await look('more', null);
  assert.deepEqual(hc, ['#000000', '#000000', '#c8c8c8']);
  assert.notDeepEqual(await look('no-preference', null), hc);
  assert.equal((await look('more', 'blue'))[0], '#0b4ea2');
  assert.equal((await look('more', 'own'))[0], '#7a0000');
});
