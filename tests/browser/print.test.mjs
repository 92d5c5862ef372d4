// On paper (打印: the four lists or a ranking posted as a public notice, the cases for a
// meeting) nothing scrolls. Every demo page, in both languages, laid out for print at the width
// of an A4 page within Chromium's default margins, in normal and large text: no region keeps part
// of what it holds behind a scroll bar, no table or case runs past its widget's edge, the buttons
// that only act on screen are left off, no light text relies on a background (which paper
// leaves off), and the legend keeps its colours. Then the lists page printed to PDF, and the
// organization tree's expanded rows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { open, rendered, start } from './harness.mjs';
import { DEMO, DEMO_EN, ELEMENTS, reflowProblems } from './reflow-checks.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

// A4 is 210 mm, 794 CSS px; Chromium's default margins take 0.4 in (38 px) each side.
const PAPER = { width: 718, height: 1000 };

/** The number of pages of `page` printed to an A4 PDF. */
async function pdfPages(page) {
  return (await page.pdf({ format: 'A4' })).toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
}

async function printed(path) {
  const page = await open(env, path, { viewport: PAPER, prepare: (p) => p.emulateMedia({ media: 'print' }) });
  const ids = await page.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => e.id), ELEMENTS);
  await rendered(page, ids);
  return page;
}

/**
 * What paper would lose that the screen does not, as lines naming the element (a page wider
 * than the paper and anything past its widget's edge are reflowProblems', run beside it). Runs
 * in the page.
 */
function lost(sel) {
  const found = [];
  const name = (el) => `${el.getRootNode().host?.id ?? 'page'}: ${el.localName}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
  // Light text is readable on screen over its background, which browsers leave off paper
  // unless the element asks (print-color-adjust: exact): white on white.
  const light = (color) => {
    const [r, g, b, a = 1] = (color.match(/[\d.]+/g) ?? []).map(Number);
    return a > 0.5 && (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.75;
  };
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) walk(el.shadowRoot);
      const s = getComputedStyle(el);
      // A scrolling region: on paper what is past its edge is gone.
      const scrolls = [s.overflowX, s.overflowY].some((o) => o === 'auto' || o === 'scroll');
      if (scrolls && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
        found.push(`${name(el)} holds ${el.scrollWidth} × ${el.scrollHeight} px in ${el.clientWidth} × ${el.clientHeight}`);
      }
      if (el instanceof SVGElement || !el.getClientRects().length) continue;
      if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.data.trim())) continue;
      if (light(s.color) && s.printColorAdjust !== 'exact') found.push(`${name(el)}: light text (${s.color}) on a background paper leaves off`);
    }
  };
  walk(document);
  for (const host of document.querySelectorAll(sel)) {
    for (const el of host.shadowRoot.querySelectorAll('.gr-export, .gr-map-tools, .gr-org-tree > .gr-search, #gr-hint')) {
      if (getComputedStyle(el).display !== 'none') found.push(`${name(el)} is printed`);
    }
    for (const el of host.shadowRoot.querySelectorAll('.gr-map-swatch')) {
      if (getComputedStyle(el).printColorAdjust !== 'exact') found.push(`${name(el)} loses its colour on paper`);
    }
  }
  for (const el of document.querySelectorAll('.site-nav, .controls, .event-log')) {
    if (getComputedStyle(el).display !== 'none') found.push(`${name(el)} is printed`);
  }
  return found;
}

describe('every page on paper', { concurrency: 2 }, () => {
  for (const path of [...DEMO, ...DEMO_EN]) {
    test(`${path} prints whole, normal and large text`, async () => {
      const page = await printed(path);
      assert.deepEqual(await page.evaluate(lost, ELEMENTS), []);
      assert.deepEqual(await page.evaluate(reflowProblems, ELEMENTS), []);
      // Large text (适老化) too: its tables at the print size, the rest as large as on screen.
      await page.evaluate((sel) => document.querySelectorAll(sel).forEach((e) => e.setAttribute('elderly', '')), ELEMENTS);
      await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].every((e) => e.shadowRoot.querySelector('.gr-widget.gr-elderly')), ELEMENTS);
      assert.deepEqual(await page.evaluate(lost, ELEMENTS), [], 'large text');
      assert.deepEqual(await page.evaluate(reflowProblems, ELEMENTS), [], 'large text');
      assert.deepEqual(page.problems, []);
      await page.close();
    });
  }
});

test('the service board prints its demands without the column of 认领 buttons', async () => {
  const page = await printed('/services.html');
  const shown = await page.evaluate(() => {
    const table = document.getElementById('service-board').shadowRoot.querySelector('table.gr-demands');
    const visible = (cells) => [...cells].filter((c) => getComputedStyle(c).display !== 'none').length;
    return { head: [table.tHead.rows[0].cells.length, visible(table.tHead.rows[0].cells)], row: [table.tBodies[0].rows[0].cells.length, visible(table.tBodies[0].rows[0].cells)], buttons: [...table.querySelectorAll('button')].filter((b) => b.offsetParent !== null && !b.closest('th[scope=row]')).length };
  });
  assert.deepEqual(shown, { head: [9, 8], row: [9, 8], buttons: 0 });
  await page.close();
});

test('the four lists print every item: the PDF has all 53 rows on its pages', async () => {
  const page = await printed('/lists.html');
  const rows = await page.evaluate(() => document.getElementById('duty-list').shadowRoot.querySelectorAll('table.gr-table tbody tr:not(.gr-details)').length);
  assert.equal(rows, 53);
  const pages = await pdfPages(page);
  // 53 rows and the page's text above them take four A4 pages; with the region scrolling, as on
  // screen, it was two.
  assert.ok(pages >= 3, `${pages} pages`);
  await page.close();
});

// The organization tree draws only the rows in its view on screen (a county has thousands). On
// paper it draws every row expanded: printed (the dialog, a PDF), from `beforeprint` to
// `afterprint`.
test('the organization tree prints every expanded row, not only those in its view', async () => {
  const page = await open(env, '/org.html', { viewport: PAPER });
  await rendered(page, ['tree-county']);
  const tree = () => page.evaluate(() => {
    const root = document.getElementById('tree-county').shadowRoot;
    const row = root.querySelector('.gr-probe').getBoundingClientRect().height;
    // The list is as tall as every visible row, drawn or not.
    const visible = Math.round(parseFloat(root.querySelector('.gr-tree').style.height) / row);
    return { rows: root.querySelectorAll('[role=treeitem]').length, visible, row };
  });
  // Every collapsed row in view expanded, three times over: over a hundred rows, about twenty in view.
  for (let round = 0; round < 3; round++) {
    await page.evaluate(() => document.getElementById('tree-county').shadowRoot.querySelectorAll('[role=treeitem][aria-expanded=false] .gr-twisty').forEach((t) => t.click()));
    await page.waitForTimeout(50);
  }
  const screen = await tree();
  const needed = Math.ceil((screen.visible * screen.row) / 1123);
  assert.ok(needed >= 4 && screen.rows < screen.visible / 4, `on screen ${screen.rows} of ${screen.visible} rows drawn`);
  // Printed: Chromium lays the pages out once `beforeprint`'s listeners and the work they queue
  // (the widget's render) are done; what is drawn then is what is on paper.
  await page.evaluate(() => addEventListener('beforeprint', () => queueMicrotask(() => queueMicrotask(() => {
    window.drawnForPrint = document.getElementById('tree-county').shadowRoot.querySelectorAll('[role=treeitem]').length;
  }))));
  const pages = await pdfPages(page);
  assert.equal(await page.evaluate(() => window.drawnForPrint), screen.visible, 'rows drawn when the pages were laid out');
  assert.ok(pages >= needed, `${pages} pages for ${screen.visible} rows of ${screen.row} px`);
  // And on screen again after it: only those in view.
  await page.waitForFunction((n) => document.getElementById('tree-county').shadowRoot.querySelectorAll('[role=treeitem]').length < n, screen.visible);
  assert.deepEqual(page.problems, []);
  await page.close();
});
