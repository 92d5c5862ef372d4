// <gr-duty-list> in real Chromium: the four lists with their filters and search, item details
// as disclosures (gr-select), the certificate lookup a resident uses, the diff between two
// versions, error panels for bad data, text-not-markup, both languages, elderly mode and axe.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { axe } from './a11y.mjs';
import { artifacts, events, open, start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const shadow = (host) => `#${host}`;
const itemIds = (page, host) => page.locator(`${shadow(host)} .gr-items tbody`).evaluateAll((els) => els.map((e) => e.dataset.id));
const status = (page, host) => page.locator(`${shadow(host)} .gr-status`).textContent();
const active = (page, host) => page.evaluate((id) => {
  const el = document.getElementById(id).shadowRoot.activeElement;
  return el ? { tag: el.tagName.toLowerCase(), role: el.getAttribute('role'), text: el.textContent.trim(), value: el.value ?? null } : null;
}, host);

describe('the four lists', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/duty-list.html', { viewport: { width: 1200, height: 900 } });
    await page.locator('#lists .gr-items').waitFor();
  });
  after(async () => { await page.close(); });

  test('renders every item of the fixture with its kind, level, owner and status', async () => {
    assert.equal((await itemIds(page, 'lists')).length, 40);
    assert.equal(await status(page, 'lists'), '显示 40 项，共 40 项');
    assert.match(await page.locator('#lists .gr-count').textContent(), /^版本 2021 · 自 2021-07-01 起施行$/);
    const tabs = await page.locator('#lists [role=tab]').allTextContents();
    assert.deepEqual(tabs, ['四张清单', '证明查询']);
    const dibao = page.locator('#lists tbody[data-id="svc-dibao"] tr').first();
    const cells = await dibao.locator('th, td').allTextContents();
    assert.deepEqual(cells.slice(1, 3), ['协助事项', '片区党支部']);
    assert.equal(cells[6], '已下放');
    await page.locator('#lists').screenshot({ path: join(artifacts, 'duty-list.png') });
    assert.deepEqual(page.problems, []);
  });

  test('kinds are a radio group the arrow keys move through', async () => {
    await page.locator('#lists input[name=gr-kind]').first().focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#lists input[name=gr-kind]:checked').getAttribute('value'), 'certificate');
    assert.equal(await status(page, 'lists'), '显示 10 项，共 40 项');
    const labels = await page.locator('#lists .gr-group').first().locator('label').allTextContents();
    assert.deepEqual(labels, ['全部（40）', '自治事项（10）', '协助事项（15）', '证明事项（10）', '负面清单（5）']);
  });

  test('status, channels and the search box narrow the table, from the keyboard', async () => {
    // Tab on from the radio group: level, status, search, then the channel boxes.
    await page.keyboard.press('Tab');
    assert.equal((await active(page, 'lists')).tag, 'select');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // 有效
    assert.equal(await status(page, 'lists'), '显示 3 项，共 40 项');
    await page.keyboard.press('Tab');
    assert.equal((await active(page, 'lists')).tag, 'input');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // 一网通办
    assert.deepEqual(await itemIds(page, 'lists'), ['cert-residence']);
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('居住地');
    assert.deepEqual(await itemIds(page, 'lists'), ['cert-residence'], 'an alias finds the item');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    assert.equal(await status(page, 'lists'), '显示 3 项，共 40 项');
  });

  test('an item name opens its details (a disclosure) and dispatches gr-select', async () => {
    const button = page.locator('#lists tbody[data-id="cert-residence"] .gr-item-name');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const details = page.locator('#lists #' + (await button.getAttribute('aria-controls')));
    assert.ok(await details.isVisible());
    assert.match(await details.textContent(), /所需材料居民身份证、房产证或租房合同/);
    const [event] = await events(page, 'gr-select');
    assert.equal(event.target, 'lists');
    assert.deepEqual(event.detail, { id: 'cert-residence', name: '居住证明', kind: 'certificate', level: 'community', status: 'in_force' });
    assert.equal(event.bubbles && event.composed, true);
    await page.keyboard.press('Space');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal((await events(page, 'gr-select')).length, 1, 'closing does not select');
  });

  test('the lookup tab answers "还需要开健在证明吗？" with the date, the document and what instead', async () => {
    await page.locator('#lists [role=tab]').first().focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#lists [role=tab][aria-selected=true]').textContent(), '证明查询');
    assert.equal((await active(page, 'lists')).role, 'tab', 'focus follows the tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('还需要开健在证明吗？');
    await page.keyboard.press('Enter');
    const card = page.locator('#lists .gr-answer').first();
    await card.waitFor();
    assert.equal(await card.getAttribute('data-id'), 'cert-alive');
    assert.match(await card.textContent(), /已于 2021-06-15 由 来政办发〔2021〕12号 取消，改为个人承诺、部门数据共享/);
    assert.match(await card.textContent(), /领取待遇资格认证/);
    assert.equal(await page.locator('#lists .gr-answers').getAttribute('aria-live'), 'polite');
    await page.locator('#lists').screenshot({ path: join(artifacts, 'duty-list-lookup.png') });

    await page.keyboard.press('Control+A');
    await page.keyboard.type('居住证明');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('lists').shadowRoot.querySelector('.gr-answer')?.dataset.id === 'cert-residence');
    const text = await page.locator('#lists .gr-answer').first().textContent();
    assert.match(text, /仍需办理：社区居委会（社区党委）/);
    assert.match(text, /所需材料：居民身份证、房产证或租房合同/);
    assert.match(text, /办理时限：1 个工作日/);

    for (const [query, answer] of [['证', '“证”太短，请至少输入证明名称的两个字。'], ['结婚登记证明', '没有找到与“结婚登记证明”相符的证明事项。']]) {
      await page.keyboard.press('Control+A');
      await page.keyboard.type(query);
      await page.keyboard.press('Enter');
      await page.waitForFunction(([a]) => document.getElementById('lists').shadowRoot.querySelector('.gr-answers').textContent === a, [answer]);
    }
  });

  test('axe finds no violations in the items and the lookup views', async () => {
    assert.deepEqual(await axe(page, 'lists'), []);
    await page.locator('#lists [role=tab]').first().click();
    assert.deepEqual(await axe(page, 'lists'), []);
  });
});

describe('two versions', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/duty-list.html', { viewport: { width: 1200, height: 900 } });
    await page.locator('#diff [role=tab]').first().waitFor();
  });
  after(async () => { await page.close(); });

  test('a third tab shows the diff: counts per kind, added, removed, moved down, changed', async () => {
    assert.deepEqual(await page.locator('#diff [role=tab]').allTextContents(), ['四张清单', '证明查询', '版本对比']);
    await page.locator('#diff [role=tab]').first().focus();
    await page.keyboard.press('End');
    assert.equal(await page.locator('#diff [role=tab][aria-selected=true]').textContent(), '版本对比');
    const panel = page.locator('#diff [role=tabpanel]');
    assert.equal(await panel.getAttribute('aria-labelledby'), await page.locator('#diff [role=tab][aria-selected=true]').getAttribute('id'));
    assert.match(await page.locator('#diff .gr-diff-heading').textContent(), /^版本 2020（2020-01-01）→ 版本 2021（2021-07-01）$/);
    const certificates = await page.locator('#diff .gr-counts tbody tr').nth(2).locator('th, td').allTextContents();
    assert.deepEqual(certificates, ['证明事项', '10', '3', '-7']);
    const total = await page.locator('#diff .gr-total-row').locator('th, td').allTextContents();
    assert.deepEqual(total, ['合计', '39', '33', '-6']);
    assert.equal(await page.locator('#diff .gr-diff-moved > li').count(), 9);
    assert.match(await page.locator('#diff .gr-diff-moved > li[data-id="svc-temp-relief"]').textContent(), /临时救助 下放：社区党委 → 片区党支部/);
    assert.match(await page.locator("#diff .gr-diff-removed > li[data-id=\"cert-huji\"]").textContent(), /户籍证明 证明事项 · 已于 2021-06-15/);
    assert.match(await page.locator('#diff .gr-diff-removed > li[data-id="cert-alive"]').textContent(), /已于 2021-06-15 由 来政办发〔2021〕12号 取消/);
    assert.match(await page.locator('#diff .gr-diff-removed > li[data-id="svc-census"]').textContent(), /不再列入清单/);
    assert.deepEqual(await page.locator('#diff .gr-diff-added > li').evaluateAll((els) => els.map((e) => e.dataset.id)), ['neg-crime-cert', 'self-1310']);
    assert.match(await page.locator('#diff .gr-diff-changed > li[data-id="cert-residence"]').textContent(), /办理时限（工作日）：3 → 1/);
    await page.locator('#diff').screenshot({ path: join(artifacts, 'duty-list-diff.png') });
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#diff [role=tab][aria-selected=true]').textContent(), '四张清单', 'arrows wrap round');
    await page.keyboard.press('End');
    assert.deepEqual(await axe(page, 'diff'), []);
    assert.deepEqual(page.problems, []);
  });

  test('English: the diff and the lookup in the catalogue\'s words', async () => {
    await page.evaluate(() => document.getElementById('diff').setAttribute('lang', 'en'));
    await page.waitForFunction(() => document.getElementById('diff').shadowRoot.querySelector('[role=tab]')?.textContent === 'The four lists');
    await page.locator('#diff [role=tab]').nth(2).click();
    assert.match(await page.locator('#diff .gr-diff-moved > li[data-id="svc-temp-relief"]').textContent(), /delegated down: Community Party committee → District Party branch/);
    assert.deepEqual(await axe(page, 'diff'), []);
    await page.locator('#diff [role=tab]').nth(1).click();
    await page.locator('#diff input[type=search]').fill('生存证明');
    await page.locator('#diff input[type=search]').press('Enter');
    const card = page.locator('#diff .gr-answer').first();
    await card.waitFor();
    assert.match(await card.textContent(), /No longer needed/);
    assert.match(await card.textContent(), /Abolished on 2021-06-15 by 来政办发〔2021〕12号; instead: a signed self-declaration, shared department data/);
    assert.match(await card.textContent(), /matched as “生存证明”/);
    assert.deepEqual(await axe(page, 'diff'), []);
  });
});

describe('text, English, errors and elderly mode', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/duty-list.html', { viewport: { width: 1200, height: 900 } });
    await page.locator('#inline .gr-items').waitFor();
    await page.locator('#broken [role=alert]').waitFor();
    await page.locator('#broken-pair [role=alert]').waitFor();
  });
  after(async () => { await page.close(); });

  test('names, owners and documents from data render as text, never as markup', async () => {
    const name = page.locator('#inline tbody[data-id="x1"] .gr-item-name');
    assert.equal(await name.textContent(), '<img src=x onerror=alert(1)>');
    assert.equal(await page.locator('#inline .gr-title').textContent(), '<b>lists</b>');
    await name.click();
    assert.match(await page.locator('#inline tbody[data-id="x1"] .gr-details').textContent(), /by <script>alert\(2\)<\/script>/);
    const injected = await page.evaluate(() => document.getElementById('inline').shadowRoot.querySelectorAll('img, b, i, script').length);
    assert.equal(injected, 0);
    assert.deepEqual(page.problems, [], 'no alert() ran');
  });

  test('lang="en" shows English from the catalogue', async () => {
    assert.equal(await status(page, 'inline'), '2 of 2 items shown');
    assert.deepEqual(await page.locator('#inline [role=tab]').allTextContents(), ['The four lists', 'Certificate lookup']);
    const cells = await page.locator('#inline tbody[data-id="x2"] tr').first().locator('td').allTextContents();
    assert.deepEqual(cells, ['Certificates', 'Community Party committee', '社区居委会', '1 working day', 'One window', 'In force']);
    assert.deepEqual(await axe(page, 'inline'), []);
  });

  test('a broken document shows every problem with its path and dispatches gr-error', async () => {
    const items = await page.locator('#broken .gr-problems li').allTextContents();
    assert.equal(items.length, 12, items.join('\n'));
    assert.ok(items.some((t) => t.includes('$.items[1].owner') && t.includes('记录“svc-temp-relief”') && t.includes('事项未明确责任主体')), items.join('\n'));
    assert.ok(items.some((t) => t.includes('$.items[7].materials[1].item') && t.includes('不是证明事项（类别为协助事项）')), items.join('\n'));
    assert.equal(await page.locator('#broken .gr-items').count(), 0);
    const errors = await events(page, 'gr-error');
    const broken = errors.find((e) => e.target === 'broken');
    assert.equal(broken.detail.widget, 'duty-list');
    assert.equal(broken.detail.errors.length, 12);
    assert.deepEqual(
      { path: broken.detail.errors[1].path, record: broken.detail.errors[1].record, code: broken.detail.errors[1].code },
      { path: '$.items[1].owner', record: 'svc-temp-relief', code: 'no-owner' },
    );
    assert.equal(broken.bubbles && broken.composed, true);
    // A pair names the side at fault.
    const pair = errors.find((e) => e.target === 'broken-pair');
    assert.ok(pair.detail.errors.every((e) => e.path.startsWith('$.old.')), JSON.stringify(pair.detail.errors));
    assert.equal(errors.filter((e) => e.target === 'lists' || e.target === 'inline').length, 0);
    await page.locator('#broken').screenshot({ path: join(artifacts, 'duty-list-error.png') });
    assert.deepEqual(await axe(page, 'broken'), []);
  });

  test('the data\'s warnings are listed under the tabs with path and record, behind a count when many; no gr-error', async () => {
    await page.locator('#warned .gr-items').waitFor();
    await page.locator('#many .gr-items').waitFor();
    const note = page.locator('#warned .gr-notes[role=note]');
    assert.equal(await note.locator('p').first().textContent(), '另有提醒（不影响使用）：');
    const items = await note.locator('li').allTextContents();
    assert.equal(items.length, 2, items.join('\n'));
    const ids = await page.evaluate(() => document.getElementById('warned').data.new.items.map((i) => i.id));
    for (const [n, id] of ['cert-residence', 'self-meeting'].map((id) => [ids.indexOf(id), id]).sort((a, b) => a[0] - b[0]).entries()) {
      assert.match(items[n], new RegExp(`^\\$\\.new\\.items\\[${id[0]}\\]\\.introduced记录“${id[1]}”.*2021-09-01`), items[n]);
    }
    assert.equal(await page.locator('#lists .gr-notes, #inline .gr-notes, #diff .gr-notes').count(), 0, 'clean lists have no note');
    // Many: a disclosure, closed, its summary counting them; Enter opens it.
    const many = page.locator('#many .gr-notes details');
    const count = await many.locator('li').count();
    assert.ok(count > 5, `${count} warnings`);
    assert.equal(await many.getAttribute('open'), null);
    assert.equal(await many.locator('summary').textContent(), `另有提醒（不影响使用）： 共 ${count} 条`);
    assert.equal(await many.locator('li').first().isVisible(), false);
    await many.locator('summary').focus();
    await page.keyboard.press('Enter');
    assert.equal(await many.locator('li').first().isVisible(), true);
    assert.ok(!(await events(page, 'gr-error')).some((e) => e.target === 'warned' || e.target === 'many'), 'warnings alone are not an error');
    assert.deepEqual(await axe(page, 'warned'), []);
    assert.deepEqual(await axe(page, 'many'), []);
    // Elderly mode: the summary is a 60px target too.
    await page.evaluate(() => document.getElementById('many').setAttribute('elderly', ''));
    await page.waitForFunction(() => document.getElementById('many').shadowRoot.querySelector('.gr-elderly'));
    assert.ok((await many.locator('summary').boundingBox()).height >= 60);
    // At 320 px with elderly mode's 24 px text the summary wraps, but never inside its count
    // (`共 16` on one line and `条` alone on the next, as before the count was kept whole).
    const lines = () => many.locator('summary .gr-nowrap').evaluate((e) => e.getClientRects().length);
    await page.setViewportSize({ width: 320, height: 900 });
    assert.ok((await many.locator('summary').boundingBox()).height > 60, 'the summary wraps at 320 px');
    assert.equal(await lines(), 1);
    // A problem's path wraps between its steps (a `<wbr>` after a `.` and before a `[`), never inside
    // a key, so that `reports_to` is not left as `o` alone on a line.
    const paths = await many.locator('code.gr-path').evaluateAll((codes) => codes.map((code) => {
      const tops = (rects) => new Set([...rects].map((r) => Math.round(r.top))).size;
      const steps = [...code.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE);
      const broken = steps.filter((n) => { const r = document.createRange(); r.selectNodeContents(n); return tops(r.getClientRects()) > 1; });
      return { text: code.textContent, lines: tops(code.getClientRects()), steps: steps.map((n) => n.textContent), broken: broken.map((n) => n.textContent) };
    }));
    assert.ok(paths.some((p) => p.lines > 1), `some path wraps at 320 px: ${JSON.stringify(paths)}`);
    for (const p of paths) {
      assert.match(p.text, /^\$(\.[a-z_]+|\[\d+\])+$/, 'the path as text, nothing added');
      // `$.items[0].status.since`: `$.` `items` `[0].` `status.` `since`
      assert.deepEqual(p.steps, p.text.split(/(?<=\.)|(?=\[)/), p.text);
      assert.deepEqual(p.broken, [], `${p.text} broke inside a step`);
    }
    await page.evaluate(() => document.getElementById('many').setAttribute('lang', 'en'));
    await page.waitForFunction(() => document.getElementById('many').shadowRoot.querySelector('summary')?.textContent.includes('in all'));
    assert.equal(await many.locator('summary').textContent(), `Also worth a look (these do not stop the data being used): (${count} in all)`);
    assert.equal(await lines(), 1);
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  test('elderly mode: 24px text and 60px targets, and still no axe violations', async () => {
    await page.evaluate(() => document.getElementById('lists').setAttribute('elderly', ''));
    await page.waitForFunction(() => document.getElementById('lists').shadowRoot.querySelector('.gr-elderly'));
    const sizes = await page.evaluate(() => {
      const root = document.getElementById('lists').shadowRoot;
      const font = parseFloat(getComputedStyle(root.querySelector('.gr-widget')).fontSize);
      const heights = [...root.querySelectorAll('button, select, input[type=search], label.gr-choice')]
        .filter((e) => e.offsetParent !== null)
        .map((e) => ({ what: e.className || e.tagName, h: e.getBoundingClientRect().height }));
      return { font, low: heights.filter((x) => x.h < 60), count: heights.length };
    });
    assert.ok(sizes.font >= 24, `font ${sizes.font}`);
    assert.ok(sizes.count > 40);
    assert.deepEqual(sizes.low, []);
    await page.locator('#lists').screenshot({ path: join(artifacts, 'duty-list-elderly.png') });
    assert.deepEqual(await axe(page, 'lists'), []);
    await page.evaluate(() => document.getElementById('lists').setAttribute('lang', 'en'));
    await page.waitForFunction(() => document.getElementById('lists').shadowRoot.querySelector('[role=tab]')?.textContent === 'The four lists');
    assert.deepEqual(await axe(page, 'lists'), []);
  });
});
