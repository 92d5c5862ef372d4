// The 导出 Excel buttons of every widget in real Chromium, on the demo county's data: each
// downloads an .xlsx (parsed back here with exceljs) holding exactly the rows and columns the
// table shows — after a filter too —, numbers as numbers, the caption as title and sheet name,
// personal data masked; gr-export fires first and a host that cancels it gets no download; the
// export buttons' code (export.js) is fetched on the first press and the spreadsheet writer
// only when a person exports.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { events, open, rendered, start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const HOSTS = ['scorecard', 'duty-list', 'service-board', 'case-tracker', 'dashboard', 'grid-map'];

/** The table as the DOM has it: caption, the exported columns' count, rows, first cells. */
const shown = (page, host, id) => page.evaluate(([h, i]) => {
  const t = document.getElementById(h).shadowRoot.getElementById(i);
  const head = t.tHead.rows[t.tHead.rows.length - 1];
  const cols = [...head.cells].filter((c) => !c.classList.contains('gr-noexport')).length;
  const rows = [...t.tBodies].flatMap((b) => [...b.rows]).filter((r) => !r.matches('.gr-noexport, .gr-details'));
  return { caption: t.caption.textContent.trim(), cols, rows: rows.length, first: rows.map((r) => r.cells[0].textContent.trim()) };
}, [host, id]);

/** Clicks the export button of table `id` in `host` and reads the downloaded workbook. */
async function exported(page, host, id) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`#${host} [data-gr-export="${id}"]`).click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  return { name: download.suggestedFilename(), sheet: book.worksheets[0], count: book.worksheets.length };
}

const text = (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : String(v ?? ''));
const body = (sheet) => sheet.getRows(4, Math.max(0, sheet.rowCount - 3)) ?? [];

describe('export to Excel', () => {
  let page;
  const fetched = [];
  before(async () => {
    page = await open(env, '/test/export.html', {
      viewport: { width: 1200, height: 900 },
      prepare: (p) => p.on('request', (r) => fetched.push(new URL(r.url()).pathname)),
    });
    await rendered(page, HOSTS);
  });
  after(async () => { await page.close(); });

  test('a host that cancels gr-export gets the table as data and no download; the writer is not loaded for it', async () => {
    const writer = () => fetched.filter((p) => /\/xlsx\.[0-9a-f]+\.wasm$/.test(p));
    // The export buttons' code comes with the first press, not with the page.
    const exporter = () => fetched.filter((p) => /\/export\.[0-9a-f]{10}\.js$/.test(p));
    assert.deepEqual(exporter(), []);
    await page.evaluate(() => document.addEventListener('gr-export', (e) => e.preventDefault(), { once: true }));
    const none = page.waitForEvent('download', { timeout: 1500 }).then(() => 'downloaded', () => 'none');
    await page.locator('#scorecard [data-gr-export="gr-x-ranking"]').click();
    assert.equal(await none, 'none');
    const [event] = await events(page, 'gr-export');
    assert.equal(event.target, 'scorecard');
    assert.equal(event.detail.widget, 'scorecard');
    assert.equal(event.detail.title, '评分排名');
    const dom = await shown(page, 'scorecard', 'gr-x-ranking');
    assert.equal(event.detail.sheets[0].rows.length, dom.rows);
    assert.equal(typeof event.detail.sheets[0].rows[0][2], 'number'); // the total
    assert.deepEqual(writer(), []);
    assert.equal(exporter().length, 1);
  });

  for (const [host, ids] of [
    ['scorecard', ['gr-x-ranking']], ['duty-list', ['gr-x-items']], ['service-board', ['gr-x-demands']],
    ['case-tracker', ['gr-x-cases']], ['dashboard', ['gr-x-rates', 'gr-x-children', 'gr-x-map']], ['grid-map', ['gr-x-map']],
  ]) {
    test(`${host}: each table downloads as the rows and columns shown`, async () => {
      for (const id of ids) {
        const dom = await shown(page, host, id);
        const { name, sheet, count } = await exported(page, host, id);
        const title = dom.caption.split(/：|: /)[0];
        assert.equal(name, `${title}.xlsx`);
        assert.equal(count, 1);
        assert.equal(text(sheet.getCell(1, 1).value), title, `${host} ${id}: title`);
        assert.match(text(sheet.getCell(2, 1).value), /^导出时间：\d{4}-\d\d-\d\d \d\d:\d\d [+-]\d\d:\d\d$/);
        assert.equal(sheet.getRow(3).actualCellCount, dom.cols, `${host} ${id}: columns`);
        const rows = body(sheet);
        assert.equal(rows.length, dom.rows, `${host} ${id}: rows`);
        rows.forEach((r, i) => assert.ok(dom.first[i].includes(text(r.getCell(1).value)), `${host} ${id} row ${i}: ${text(r.getCell(1).value)} vs ${dom.first[i]}`));
        assert.equal(sheet.views[0]?.state, 'frozen');
      }
    });
  }

  test('the ranking after a search exports only the rows left, numbers as numbers', async () => {
    const before = await shown(page, 'scorecard', 'gr-x-ranking');
    const name = (await page.locator('#scorecard tbody th').first().textContent()).trim();
    await page.locator('#scorecard input[type=search]').fill(name);
    const after = await shown(page, 'scorecard', 'gr-x-ranking');
    assert.ok(after.rows >= 1 && after.rows < before.rows, `${after.rows} of ${before.rows}`);
    const { sheet } = await exported(page, 'scorecard', 'gr-x-ranking');
    const rows = body(sheet);
    assert.equal(rows.length, after.rows);
    assert.equal(text(rows[0].getCell(2).value), name);
    assert.equal(typeof rows[0].getCell(3).value, 'number');
  });

});

// A page of its own: headless Chromium stops saving a page's downloads after ten or so
// (a person gets the browser's "download multiple files" question instead).
describe('export to Excel: the service board, other tabs', () => {
  let page;
  const fetched = [];
  before(async () => {
    page = await open(env, '/test/export.html', {
      viewport: { width: 1200, height: 900 },
      prepare: (p) => p.on('request', (r) => fetched.push(new URL(r.url()).pathname)),
    });
    await rendered(page, HOSTS);
  });
  after(async () => { await page.close(); });

  test('the service board: claims and offers too, phone numbers masked', async () => {
    const { sheet } = await exported(page, 'service-board', 'gr-x-demands');
    const all = body(sheet).flatMap((r) => r.values.map(text)).join(' ');
    assert.doesNotMatch(all, /1[3-9]\d{9}/);
    assert.match(all, /\*{4}/);
    for (const [tab, id] of [['认领进度', 'gr-x-claims'], ['服务清单', 'gr-x-offers']]) {
      await page.locator('#service-board [role=tab]', { hasText: tab }).click();
      const dom = await shown(page, 'service-board', id);
      const { sheet: s } = await exported(page, 'service-board', id);
      assert.equal(body(s).length, dom.rows);
      assert.equal(s.getRow(3).actualCellCount, dom.cols);
    }
    // The writer module was fetched once, on the first download, and no other module since.
    assert.equal(fetched.filter((p) => /\/xlsx\.[0-9a-f]+\.wasm$/.test(p)).length, 1);
    assert.deepEqual(page.problems, []);
  });
});

// The export buttons' code is a file of its own: when it cannot be fetched, the press says so
// (gr-error from the widget, code `export`) and the next press fetches it again.
describe('export to Excel: the export code not fetched', () => {
  test('gr-error on a failed fetch, then the next press downloads', async () => {
    const chunk = /\/grassroots\/export\.[0-9a-f]{10}\.js$/;
    const page = await open(env, '/test/export.html', {
      viewport: { width: 1200, height: 900 },
      prepare: (p) => p.route(chunk, (route) => route.abort()),
    });
    try {
      await rendered(page, HOSTS);
      await page.locator('#duty-list [data-gr-export="gr-x-items"]').click();
      await page.waitForFunction(() => window.__events.some((e) => e.name === 'gr-error' && e.detail.errors.some((x) => x.code === 'export')));
      const errors = await events(page, 'gr-error');
      const failed = errors.filter((e) => e.detail.errors.some((x) => x.code === 'export'));
      assert.equal(failed.length, 1, JSON.stringify(errors));
      assert.equal(failed[0].target, 'duty-list');
      assert.deepEqual(await events(page, 'gr-export'), []);
      await page.unroute(chunk);
      const { sheet } = await exported(page, 'duty-list', 'gr-x-items');
      const dom = await shown(page, 'duty-list', 'gr-x-items');
      assert.equal(body(sheet).length, dom.rows);
      assert.equal((await events(page, 'gr-export')).length, 1);
    } finally {
      await page.close();
    }
  });
});
