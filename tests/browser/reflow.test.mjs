// Reflow (WCAG 2.1 1.4.10) and text spacing (1.4.12) on a phone: every demo page and each
// widget's own test page, in zh-CN and en, normal and elderly mode, at 320 × 640 CSS px (what
// WCAG counts as 1280 px at 400 % zoom) and 390 × 844. Each page is loaded once; its widgets
// are switched between languages and modes through their `lang` and `elderly` attributes, and
// the viewport is resized, so that every combination is checked on the same page. A demo page
// is in one language (its English page is another page, NAME.en.html): it is checked in its
// own, normal and elderly through the site's button, which also enlarges the page's text:
//   - the document does not scroll sideways;
//   - inside a widget's shadow root no element reaches outside the widget, and nothing
//     scrolls sideways, except inside a labelled scroll region (a table's focusable region);
//   - no text is clipped unless it ends in an ellipsis and its full text stays accessible;
//   - no text is broken one character a line (a name squeezed into a one-character column);
//   - no date is broken over two lines (after its hyphens), no figure (`98.7%`, `(2425/2500)`)
//     inside its number, and no short word of any text inside it;
//   - with the WCAG 1.4.12 text spacing applied (a stylesheet in the page and in every shadow
//     root) the same holds;
//   - axe (the tags the other tests use) finds nothing.
// Then one keyboard path per widget, as its own test does it, at 320 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe } from './a11y.mjs';
import { DEMO, DEMO_EN, ELEMENTS, OWN, SPACING, reflowProblems, spacing } from './reflow-checks.mjs';
import { events, focusedAs, open, rendered, start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const SIZES = [{ width: 320, height: 640 }, { width: 390, height: 844 }];
const MODES = [
  { lang: 'zh-CN', elderly: false },
  { lang: 'zh-CN', elderly: true },
  { lang: 'en', elderly: false },
  { lang: 'en', elderly: true },
];
const HOSTS = `${ELEMENTS}, #mount-demo`;

/** Opens `path` at 320 × 640 and waits until every widget on it has rendered. */
async function openPage(path) {
  const page = await open(env, path, { viewport: SIZES[0] });
  // The test pages add some widgets from their own scripts, in place of a `…-here` placeholder.
  await page.waitForFunction((sel) => !document.querySelector('[id$="-here"]') && document.querySelectorAll(sel).length > 0, HOSTS);
  const ids = await page.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => e.id), HOSTS);
  assert.ok(ids.every(Boolean), `every widget on ${path} has an id`);
  await rendered(page, ids);
  return { page, ids };
}

/** Switches every widget to `mode` and waits until they have re-rendered and laid out. */
async function setMode(page, { lang, elderly }) {
  await page.evaluate(({ sel, lang, elderly }) => {
    // The demo site's button does what a visitor does (it also enlarges the page); the page's
    // language is its own.
    const b = document.getElementById('elderly-toggle');
    if (b) {
      if ((b.getAttribute('aria-pressed') === 'true') !== elderly) b.click();
      return;
    }
    for (const host of document.querySelectorAll(sel)) {
      host.setAttribute('lang', lang);
      host.toggleAttribute('elderly', elderly);
    }
  }, { sel: ELEMENTS, lang, elderly });
  // (A widget mounted by mount() has no attributes to switch: it keeps its options.)
  await page.waitForFunction(({ sel, lang, elderly }) => [...document.querySelectorAll(sel)].every((host) => {
    const w = host.shadowRoot?.querySelector('.gr-widget');
    return w && w.getAttribute('lang') === lang && w.classList.contains('gr-elderly') === elderly;
  }), { sel: ELEMENTS, lang, elderly });
  await settle(page);
}

/** Two animation frames and a little more: resize observers (the tree's rows) have run. */
async function settle(page) {
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 50)))));
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}


/** Adds (or removes) the WCAG 1.4.12 text-spacing stylesheet to the page and every shadow root. */
async function textSpacing(page, on) {
  await page.evaluate(spacing, { sel: HOSTS, css: SPACING, on });
  await settle(page);
}

/** A demo page's one language; null for the widgets' test pages, which are swept in both. */
const pageLang = (path) => (DEMO.includes(path) ? 'zh-CN' : DEMO_EN.includes(path) ? 'en' : null);

/** Every reflow problem of the page at each size and mode, with and without text spacing. */
async function sweep(page, path) {
  const found = [];
  const lang = pageLang(path);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const mode of MODES.filter((m) => !lang || m.lang === lang)) {
      await setMode(page, mode);
      const at = `${path} ${size.width}px ${mode.lang}${mode.elderly ? ' elderly' : ''}`;
      for (const p of await page.evaluate(reflowProblems, HOSTS)) found.push(`${at}: ${p}`);
      await textSpacing(page, true);
      for (const p of await page.evaluate(reflowProblems, HOSTS)) found.push(`${at} text spacing: ${p}`);
      await textSpacing(page, false);
      for (const v of await axe(page)) found.push(`${at} axe: ${v}`);
    }
  }
  return found;
}

// Two pages at a time: most of the time goes to the browser, which has a process per page.
describe('every page', { concurrency: 2 }, () => {
  for (const path of [...DEMO, ...DEMO_EN, ...OWN]) {
    test(`${path} reflows at 320 and 390 px, ${pageLang(path) ?? 'zh-CN and en'}, normal and elderly`, async () => {
      const { page } = await openPage(path);
      try {
        const found = await sweep(page, path);
        assert.deepEqual(found, []);
        // The only widgets that report errors are those given broken data, which show their
        // error panel: no language or mode makes a working widget fail.
        const failing = [...new Set((await events(page, 'gr-error')).map((e) => e.target))];
        const panels = await page.evaluate((sel) => [...document.querySelectorAll(sel)].filter((h) => h.shadowRoot?.querySelector('.gr-error')).map((h) => h.id), HOSTS);
        assert.deepEqual(failing.filter((id) => !panels.includes(id)), []);
        assert.deepEqual(page.problems, []);
      } finally {
        await page.close();
      }
    });
  }
});

describe('the keyboard at 320 px', () => {
  const narrow = { viewport: SIZES[0] };
  // The focused element is on the screen, not pushed off to the side.
  const onScreen = (page, host) => page.evaluate((id) => {
    const el = document.getElementById(id).shadowRoot.activeElement;
    if (!el) return 'nothing focused';
    const r = el.getBoundingClientRect();
    return r.left >= -1 && r.right <= document.documentElement.clientWidth + 1 ? 'on screen' : `${Math.round(r.left)}..${Math.round(r.right)}`;
  }, host);

  test('org tree: Tab to the tree, move, expand, select', async () => {
    const page = await open(env, '/test/org-tree.html', narrow);
    await rendered(page, ['from-src']);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.getElementById('from-src').shadowRoot.activeElement?.id), 'gr-search');
    await page.keyboard.press('Tab');
    assert.equal(await focusedAs(page, 'from-src', 'sl'), 'sl');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedAs(page, 'from-src', 'sl-d1'), 'sl-d1');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focusedAs(page, 'from-src', 'sl-d1-g1'), 'sl-d1-g1');
    assert.equal(await onScreen(page, 'from-src'), 'on screen');
    await page.keyboard.press('Enter');
    assert.deepEqual((await events(page, 'gr-select')).at(-1)?.detail.path, ['sl-d1-g1', 'sl-d1', 'sl']);
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('org tree, elderly mode on the demo page: a truncated name shows whole on focus', async () => {
    const page = await open(env, '/org.html', narrow);
    await rendered(page, ['tree-county']);
    await page.locator('#elderly-toggle').click();
    await page.locator('#tree-county .gr-elderly').waitFor();
    await settle(page);
    const name = (id) => page.locator(`#tree-county [role=treeitem][data-id="${id}"] .gr-name`).evaluate((e) => ({
      truncated: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,
      ellipsis: getComputedStyle(e).textOverflow === 'ellipsis' || getComputedStyle(e).webkitLineClamp !== 'none',
    }));
    await page.locator('#tree-county input[type=search]').focus();
    await page.keyboard.press('Tab');
    assert.equal(await focusedAs(page, 'tree-county', 'county'), 'county');
    assert.deepEqual(await name('s0'), { truncated: true, ellipsis: true }, '城关街道党工委 does not fit one line at 24 px');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedAs(page, 'tree-county', 's0'), 's0');
    await settle(page);
    assert.equal((await name('s0')).truncated, false, 'focused, the whole name shows');
    assert.equal(await onScreen(page, 'tree-county'), 'on screen');
    await page.keyboard.press('Enter');
    assert.equal((await events(page, 'gr-select')).at(-1)?.detail.id, 's0');
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('scorecard: the tabs by arrow keys, a section opened by Enter', async () => {
    const page = await open(env, '/test/scorecard.html', narrow);
    await rendered(page, ['five']);
    const tab = (name) => page.locator('#five [role=tab]', { hasText: name });
    await tab('排名').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await tab('评分详情').getAttribute('aria-selected'), 'true');
    assert.equal(await onScreen(page, 'five'), 'on screen');
    const section = page.locator('#five .gr-disclosure').first();
    await section.focus();
    await page.keyboard.press('Enter');
    assert.equal(await section.getAttribute('aria-expanded'), 'true');
    assert.equal(await onScreen(page, 'five'), 'on screen');
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('duty list: the kinds by arrow keys, an item opened by Enter', async () => {
    const page = await open(env, '/test/duty-list.html', narrow);
    await rendered(page, ['lists']);
    await page.locator('#lists input[name=gr-kind]').first().focus();
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#lists input[name=gr-kind]:checked').getAttribute('value'), 'certificate');
    assert.equal(await page.locator('#lists .gr-status').first().textContent(), '显示 10 项，共 40 项');
    const button = page.locator('#lists tbody[data-id="cert-residence"] .gr-item-name');
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    assert.equal((await events(page, 'gr-select')).at(-1)?.detail.id, 'cert-residence');
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('service board: filter by keyboard, Tab through the table region to 认领', async () => {
    const page = await open(env, '/test/service-board.html', narrow);
    await page.locator('#board .gr-demands').waitFor();
    await page.locator('#board select').first().focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('#board .gr-status').textContent(), '显示 9 项，共 16 项');
    await page.keyboard.press('Tab');
    assert.match(await page.evaluate(() => document.getElementById('board').shadowRoot.activeElement.getAttribute('aria-label')), /^导出 Excel/);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.getElementById('board').shadowRoot.activeElement.getAttribute('role')), 'region');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.getElementById('board').shadowRoot.activeElement.getAttribute('aria-label')), '认领：代购药品和生活用品');
    assert.equal(await onScreen(page, 'board'), 'on screen');
    await page.keyboard.press('Enter');
    const [claim] = await events(page, 'gr-claim');
    assert.deepEqual(claim?.detail, { demand: 'd04', offer: 'o-hospital', provider: { kind: 'unit', id: 'tu-hospital' } });
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('case tracker: Tab to the list, arrow keys, Enter selects', async () => {
    const page = await open(env, '/test/case-tracker.html', narrow);
    await rendered(page, ['tracker']);
    await page.keyboard.press('Tab');
    assert.equal(await focusedAs(page, 'tracker', 'sl-0831-pipe'), 'sl-0831-pipe');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedAs(page, 'tracker', 'h-0610-property'), 'h-0610-property');
    assert.equal(await onScreen(page, 'tracker'), 'on screen');
    await page.keyboard.press('Enter');
    assert.equal((await events(page, 'gr-select')).at(-1)?.detail.id, 'h-0610-property');
    assert.equal(await page.locator('#tracker #gr-case-heading').textContent(), '酉水苑物业纠纷（疑难）');
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('dashboard: drill down by Enter, focus on the new node, back by the breadcrumb', async () => {
    const page = await open(env, '/test/dashboard.html', narrow);
    await page.locator('#full .gr-dash-node').waitFor();
    const button = page.locator('#full .gr-dash-children button', { hasText: '凤翔片区党支部' });
    await button.focus();
    assert.equal(await onScreen(page, 'full'), 'on screen');
    await page.keyboard.press('Enter');
    assert.match(await page.locator('#full .gr-dash-node').textContent(), /^凤翔片区党支部/);
    assert.equal(await page.evaluate(() => document.getElementById('full').shadowRoot.activeElement?.localName), 'h2');
    await page.locator('#full .gr-crumbs button', { hasText: '胜利社区党委' }).focus();
    await page.keyboard.press('Enter');
    assert.match(await page.locator('#full .gr-dash-node').textContent(), /^胜利社区党委/);
    assert.deepEqual((await events(page, 'gr-select')).map((e) => e.detail.id), ['sl-d2', 'sl']);
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  test('grid map: the map\'s one tab stop on screen, an arrow and Enter select, zooming in keeps the page from scrolling sideways', async () => {
    const page = await open(env, '/test/grid-map.html', narrow);
    await page.locator('#full .gr-map-shape').first().waitFor();
    await page.locator('#full .gr-map-canvas').focus();
    assert.equal(await onScreen(page, 'full'), 'on screen');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    assert.deepEqual((await events(page, 'gr-select')).map((e) => e.detail), [{ id: 'g2', name: '凤翔网格', kind: 'grid', level: 'grid' }]);
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    assert.equal(await onScreen(page, 'full'), 'on screen');
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(scroll <= client, `zoomed in, the page is ${scroll} px wide in ${client} px`);
    assert.deepEqual(page.problems, []);
    await page.close();
  });
});
