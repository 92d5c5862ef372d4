// <gr-roster-import> in real Chromium: spreadsheets made by LibreOffice (tests/data/sheets) chosen
// through the file input, read in the browser by the same core code as `grassroots import`; the
// rows recognised (personal data masked), every problem with its file, sheet, row and column,
// gr-error with all of them, gr-import with the document on confirmation; a GBK CSV; English;
// a file over the limit; the files that fuzzing found to crash the reader, each with the CLI's
// problems; the reader's module fetched only when a file is chosen, and no other; keyboard, axe
// and 320 px reflow.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { axe } from './a11y.mjs';
import { reflowProblems } from './reflow-checks.mjs';
import { artifacts, events, open, rendered, start } from './harness.mjs';

const sheets = join(import.meta.dirname, '..', 'data', 'sheets');
let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const cells = (page, host) => page.locator(`#${host} .gr-import-rows tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
const choose = (page, host, file) => page.locator(`#${host} input[type=file]`).setInputFiles(join(sheets, file));

describe('roster import, the reader unreachable', () => {
  test('a file chosen when the reader\'s module cannot be fetched: the error panel says so, and gr-error', async () => {
    const reader = /\/grassroots\/sheets\.[0-9a-f]+\.(js|wasm)$/;
    const page = await open(env, '/test/roster-import.html', {
      viewport: { width: 1000, height: 900 },
      prepare: (p) => p.route(reader, (route) => route.abort()),
    });
    try {
      await rendered(page, ['into']);
      await choose(page, 'into', 'members.xlsx');
      await page.locator('#into .gr-error').waitFor();
      assert.match(await page.locator('#into .gr-error').textContent(), /无法读取 members\.xlsx：/);
      const errors = (await events(page, 'gr-error')).filter((e) => e.target === 'into');
      assert.equal(errors.length, 1);
      assert.equal(errors[0].detail.widget, 'roster-import');
      // The form still works: once the connection is back, the same file chosen again is read.
      await page.unroute(reader);
      await choose(page, 'into', 'members.xlsx');
      await page.locator('#into .gr-import-rows').waitFor();
      assert.equal(await page.locator('#into .gr-error').count(), 0);
    } finally {
      await page.close();
    }
  });
});

describe('roster import, its document slow to come', () => {
  test('the form waits for the document in its src: a file chosen once it shows is read into that document', async () => {
    // The document held back until the form of the import without a src (the same module) has
    // rendered: before, the import with a src showed a form over a new document at once, and the
    // document's arrival replaced that form, dropping a file already chosen in it.
    let release;
    const held = new Promise((ok) => { release = ok; });
    const page = await open(env, '/test/roster-import.html', {
      viewport: { width: 1000, height: 900 },
      prepare: (p) => p.route('**/fixtures/tree/valid/laifeng-shengli.json', async (route) => { await held; await route.continue(); }),
    });
    try {
      await rendered(page, ['new']);
      assert.equal(await page.locator('#into .gr-loading').count(), 1, 'loading while its document is on the way');
      assert.equal(await page.locator('#into input[type=file]').count(), 0, 'no form to choose a file in yet');
      release();
      await rendered(page, ['into']);
      await choose(page, 'into', 'members.xlsx');
      await page.locator('#into .gr-import-rows').waitFor();
      // Read into laifeng-shengli.json: its places by name, as in the test below.
      assert.match(await page.locator('#into .gr-status').first().textContent(), /从 members\.xlsx 的工作表“members”识别出 5 条记录/);
      assert.ok((await cells(page, 'into')).flat().includes('离退休党员'));
      // mount() with no data still gives the form over a new document at once.
      await page.evaluate(async () => {
        const { mount } = await import('/grassroots/grassroots.js');
        const host = Object.assign(document.createElement('div'), { id: 'mounted' });
        document.body.append(host);
        await mount(host, 'roster-import').ready;
      });
      assert.equal(await page.locator('#mounted input[type=file]').count(), 1);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });
});

describe('roster import', () => {
  let page;
  const fetched = [];
  before(async () => {
    page = await open(env, '/test/roster-import.html', {
      viewport: { width: 1000, height: 900 },
      prepare: (p) => p.on('request', (r) => fetched.push(new URL(r.url()).pathname)),
    });
    await rendered(page, ['into', 'english', 'new']);
  });
  after(async () => { await page.close(); });

  const modules = () => [...new Set(fetched.filter((p) => p.endsWith('.wasm')).map((p) => p.split('/').pop().split('.')[0]))];

  test('the page loads the import\'s form alone: the spreadsheet reader comes with the first file chosen', async () => {
    await page.waitForLoadState('networkidle');
    assert.deepEqual(modules(), ['roster-import']);
  });

  test('a roster chosen through the file input shows its rows, masked, and gr-import carries the document', async () => {
    await choose(page, 'into', 'members.xlsx');
    await page.locator('#into .gr-import-rows').waitFor();
    // `grassroots import members members.xlsx --org laifeng-shengli.json`: 5 records, one warning.
    assert.match(await page.locator('#into .gr-status').first().textContent(), /从 members\.xlsx 的工作表“members”识别出 5 条记录/);
    const rows = await cells(page, 'into');
    assert.equal(rows.length, 5);
    assert.equal(rows[0][0], '4'); // the spreadsheet's row number
    assert.ok(rows[0].includes('彭光明'));
    // Kinds and places as people say them, not the document's keys and ids.
    assert.ok(rows[0].includes('离退休党员') && !rows.flat().includes('sl-d1'), rows[0].join('|'));
    const text = rows.flat().join(' ');
    assert.ok(!text.includes('13907181234') && !text.includes('42282719560312101X'), 'personal data shown in full');
    assert.match(text, /139\*{4}1234/);
    assert.equal(await page.locator('#into .gr-notes li').count(), 1); // 在职党员尚未报到 (warning)
    assert.equal((await events(page, 'gr-error')).length, 0);
    await page.locator('#into').screenshot({ path: join(artifacts, 'roster-import.png') });
    await page.locator('#into .gr-button', { hasText: '确认导入 5 条记录' }).click();
    await page.locator('#into .gr-done').waitFor();
    const [imported] = await events(page, 'gr-import');
    assert.equal(imported.target, 'into');
    assert.equal(imported.detail.records, 'members');
    assert.equal(imported.detail.count, 5);
    assert.equal(imported.detail.sheet, 'members');
    // The document is the organization given, its members replaced by the roster's, in full
    // (it is the data the host saves, not a view).
    const doc = imported.detail.document;
    assert.equal(doc.members.length, 5);
    assert.ok(doc.nodes.length > 5 && doc.grids.length === 5);
    assert.equal(doc.members.find((m) => m.name === '彭光明').phone, '13907181234');
    assert.deepEqual(page.problems, []);
  });

  test('every problem of a broken roster is listed with sheet, row and column, and gr-error has them all', async () => {
    await choose(page, 'into', 'members-broken.xlsx');
    await page.locator('#into .gr-error').waitFor();
    // The lines `grassroots import` prints for the same file (tests/data/sheets/*.expected.txt).
    const expected = readFileSync(join(sheets, 'members-broken.xlsx.expected.txt'), 'utf8').split('\n');
    const errors = expected.filter((l) => l.startsWith('错误: ')).map((l) => l.slice(4));
    const warnings = expected.filter((l) => l.startsWith('警告: ')).map((l) => l.slice(4));
    assert.ok(errors.length > 3);
    assert.deepEqual(await page.locator('#into .gr-error li').allTextContents(), errors);
    assert.deepEqual(await page.locator('#into .gr-notes li').allTextContents(), warnings);
    assert.match(await page.locator('#into .gr-error-title').textContent(), new RegExp(`发现 ${errors.length} 个错误`));
    assert.equal(await page.locator('#into .gr-button', { hasText: '确认导入' }).count(), 0);
    const [error] = await events(page, 'gr-error');
    assert.equal(error.target, 'into');
    assert.equal(error.detail.widget, 'roster-import');
    assert.equal(error.detail.errors.length, errors.length);
    const located = error.detail.errors.find((e) => e.row === 3);
    assert.equal(located.file, 'members-broken.xlsx');
    assert.equal(located.sheet, 'members-broken');
    assert.equal(located.column, '公民身份号码');
    assert.ok(located.code && located.message.includes('身份证号'));
    await page.locator('#into').screenshot({ path: join(artifacts, 'roster-import-broken.png') });
  });

  // The files that fuzzing found to crash calamine or to make it allocate without bound
  // (ARCHITECTURE.md, "Fuzzing (issue 17)"): in the browser a panic would trap the reader's
  // module. Each shows the problems `grassroots import` gives for it, and the form goes on.
  test('every file that crashed the reader shows the problems the CLI gives for it, in the browser too', async () => {
    const broken = readdirSync(join(sheets, 'broken')).filter((f) => /\.xlsx?$/.test(f)).sort();
    assert.ok(broken.length >= 10, broken.join(' '));
    for (const file of broken) {
      await choose(page, 'into', join('broken', file));
      // Every problem names its file (the status line names it while the file is read).
      await page.waitForFunction((name) => [...document.getElementById('into').shadowRoot.querySelectorAll('.gr-error li, .gr-notes li')].some((e) => e.textContent.startsWith(name)), file);
      const expected = readFileSync(join(sheets, 'broken', `${file}.expected.txt`), 'utf8').split('\n');
      const lines = (mark) => expected.filter((l) => l.startsWith(mark)).map((l) => l.slice(mark.length));
      assert.deepEqual(await page.locator('#into .gr-error li').allTextContents(), lines('错误: '), file);
      assert.deepEqual(await page.locator('#into .gr-notes li').allTextContents(), lines('警告: '), file);
    }
    await choose(page, 'into', 'members.xlsx');
    await page.locator('#into .gr-import-rows').waitFor();
    assert.equal(await page.locator('#into .gr-error').count(), 0);
    assert.deepEqual(page.problems, []);
  });

  test('a GBK CSV from Chinese Excel reads as the same roster', async () => {
    await choose(page, 'into', 'members-gbk.csv');
    await page.locator('#into .gr-import-rows').waitFor();
    await page.waitForFunction(() => document.getElementById('into').shadowRoot.querySelector('.gr-status')?.textContent.includes('members-gbk.csv'));
    assert.ok((await cells(page, 'into')).flat().includes('彭光明'));
    assert.equal(await page.locator('#into .gr-error').count(), 0);
  });

  test('English, and the kind chosen by the records option or the picker', async () => {
    assert.equal(await page.locator('#english select').first().inputValue(), 'grids');
    await choose(page, 'english', 'grids.xlsx');
    await page.locator('#english .gr-import-rows').waitFor();
    assert.match(await page.locator('#english .gr-status').first().textContent(), /5 records recognised on sheet “grids” of grids\.xlsx/);
    assert.equal(await page.locator('#english .gr-button', { hasText: 'Import 5 records' }).count(), 1);
    // The same file read again as members: the columns a roster needs are missing.
    await page.locator('#english select').first().selectOption('members');
    await page.locator('#english .gr-error').waitFor();
    assert.match(await page.locator('#english .gr-error').textContent(), /grids\.xlsx/);
  });

  test('a file over 32 MB is refused without being read', async () => {
    // (Made in the page: sending 33 MB through the driver takes seconds.)
    await page.evaluate(() => {
      const input = document.getElementById('new').shadowRoot.querySelector('input[type=file]');
      const files = new DataTransfer();
      files.items.add(new File([new Uint8Array(33 * 1024 * 1024)], 'big.csv', { type: 'text/csv' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.locator('#new .gr-error').waitFor();
    assert.match(await page.locator('#new .gr-error').textContent(), /big\.csv 有 33\.0 MB，超过了 32 MB 的上限/);
    const refused = (await events(page, 'gr-error')).filter((e) => e.target === 'new');
    assert.equal(refused.length, 1);
    assert.deepEqual(refused[0].detail.errors.map((e) => e.code), ['unreadable']);
    assert.match(refused[0].detail.errors[0].message, /big\.csv/);
  });

  test('only the import\'s form and the reader are loaded, the reader once, and the page works by keyboard, axe clean, at 320 px', async () => {
    assert.deepEqual(modules(), ['roster-import', 'sheets']);
    assert.equal(fetched.filter((p) => /\/sheets\.[0-9a-f]+\.wasm$/.test(p)).length, 1, 'the reader fetched once for every file and widget');
    // Tab reaches the kind picker, then the file input, whose name is the visible label.
    await page.locator('#into select').first().focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.getElementById('into').shadowRoot.activeElement;
      return { type: el?.type, label: el?.labels?.[0]?.textContent };
    });
    assert.deepEqual(focused, { type: 'file', label: '选择文件' });
    assert.deepEqual(await axe(page), []);
    await page.setViewportSize({ width: 320, height: 640 });
    await choose(page, 'new', 'nodes.xlsx');
    await page.locator('#new .gr-import-rows').waitFor();
    assert.deepEqual(await page.evaluate(reflowProblems, 'gr-roster-import'), []);
    await page.locator('#new').screenshot({ path: join(artifacts, 'roster-import-phone.png') });
  });
});
