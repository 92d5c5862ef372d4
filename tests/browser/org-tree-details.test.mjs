// <gr-org-tree>'s details panel in real Chromium (issue 16): the selected community's 包保
// units (1+4+N), stationed people, compounds, teams and grids with their workers by role, as
// the core gathers them (tests/it/tree.rs, the same fixture); a grid short of the schema's
// grid-worker model named with what it lacks; the warnings about the selected node and below;
// text not markup; English and elderly mode; no new Tab stop; axe; reflow at 320 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { axe } from './a11y.mjs';
import { artifacts, events, focusedId, open, rendered, start } from './harness.mjs';
import { reflowProblems } from './reflow-checks.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const fixture = join(import.meta.dirname, '..', 'data', 'tree', 'valid', 'laifeng-baobao-teams.json');
const panel = (page, host) => page.locator(`#${host} .gr-node-details`);
const heads = (page, host) => panel(page, host).locator('.gr-details-head').allTextContents();
/** The list under the heading that starts with `head`: each item's name, facts and warning. */
const list = (page, host, head) => panel(page, host).evaluate((el, head) => {
  const h = [...el.querySelectorAll('.gr-details-head')].find((x) => x.textContent.startsWith(head));
  if (!h) return null;
  return [...h.nextElementSibling.querySelectorAll('.gr-item')].map((li) => [
    li.querySelector('.gr-item-name')?.textContent, li.querySelector('.gr-item-facts')?.textContent ?? null, li.querySelector('.gr-item-warning')?.textContent ?? null,
  ]);
}, head);
const facts = (page, host) => panel(page, host).locator('.gr-facts').evaluate((dl) => [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]));
const select = async (page, host, id) => {
  await page.locator(`#${host} [role=treeitem][data-id="${id}"] .gr-name`).click();
  await panel(page, host).locator('.gr-details-title').filter({ hasText: await page.locator(`#${host} [role=treeitem][data-id="${id}"] .gr-name`).textContent() }).waitFor();
};

describe('org tree details', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/org-tree-details.html', { viewport: { width: 1100, height: 900 } });
    await rendered(page, ['laifeng', 'english', 'plain']);
  });
  after(async () => { await page.close(); });

  test('before a selection the panel says how to choose; a keyboard selection fills it and announces it', async () => {
    assert.match(await panel(page, 'laifeng').textContent(), /^选中一个组织（点按，或用方向键移到它再按回车），这里显示它的详情。/);
    await page.locator('#laifeng input[type=search]').focus();
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page, 'laifeng'), 'c');
    await page.keyboard.press('Enter');
    await panel(page, 'laifeng').locator('.gr-details-title').waitFor();
    assert.equal(await panel(page, 'laifeng').locator('.gr-details-title').textContent(), '胜利社区党委');
    assert.equal(await panel(page, 'laifeng').locator('[aria-live=polite]').textContent(), '已显示“胜利社区党委”的详情');
    assert.equal((await events(page, 'gr-select')).at(-1)?.detail.id, 'c');
    // The panel is text only: Tab leaves the tree for the next widget's search box.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'english');
    assert.deepEqual(page.problems, []);
  });

  test("a community's 包保, stationed people, compounds, teams and grids are the core's", async () => {
    await select(page, 'laifeng', 'c');
    assert.deepEqual(await heads(page, 'laifeng'), ['包保单位（1+4+N）', '驻社区力量（7 人）', '小区（3 个）', '服务队伍（2 支）', '网格（2 个）']);
    assert.equal(await panel(page, 'laifeng').locator('.gr-baobao').textContent(), '已配齐：1 个牵头单位、至少 4 个责任单位、至少 1 个联系单位');
    assert.deepEqual(await facts(page, 'laifeng'), [['牵头单位', '县委组织部'], ['责任单位', '县发改局、县财政局、县住建局、县民政局'], ['联系单位', '县城管局']]);
    const stationed = await list(page, 'laifeng', '驻社区力量');
    assert.equal(stationed.length, 7);
    assert.equal(stationed[1][0], '张骥');
    assert.match(stationed[1][1], /^第一书记 · 县委组织部 · \d{4}-\d{2}-\d{2} 起，在岗$/);
    assert.match(stationed[6][1], /^尖刀班队员 · 县民政局 · \d{4}-\d{2}-\d{2} 至 2026-05-31（已离开）$/, 'the one who left is listed with the day');
    assert.deepEqual(await list(page, 'laifeng', '小区'), [
      ['胜利家园', '住户 260 · 物业：来凤安居物业服务有限公司 · 红色物业 · 有联席会议 · 红色物业示范点', null],
      ['沙子堡小区', '住户 210 · 物业：来凤宜家物业服务有限公司 · 有联席会议', null],
      ['老粮站宿舍', '住户 48 · 无物业 · 无联席会议', null],
    ]);
    assert.deepEqual(await list(page, 'laifeng', '服务队伍'), [
      ['胜利社区张富清先锋队', '先锋队 · 应急救援、关爱帮困、文艺服务、公共事务、法治调解 · 10 人 · 队长 向东', null],
      ['沙子堡暖心服务小分队', '暖心服务小分队 · 关爱帮困 · 2 人 · 队长 张桂兰', null],
    ]);
    assert.deepEqual(await list(page, 'laifeng', '网格'), [
      ['胜利街网格（42282700100101）', '住户 420 · 网格员：报到党员 1、无职党员 1、专职网格员 1、楼栋长 1', null],
      ['沙子堡网格（42282700100102）', '住户 380 · 网格员：报到党员 1、无职党员 1、专职网格员 1、单元长 1', null],
    ]);
    await page.screenshot({ path: join(artifacts, 'org-tree-details.png'), fullPage: true });
    assert.deepEqual(await axe(page, 'laifeng'), []);
  });

  test('a node that is not a community shows its own figures and nothing of the community', async () => {
    await select(page, 'laifeng', 'd1');
    assert.equal(await panel(page, 'laifeng').locator('.gr-details-title').textContent(), '胜利街片区党支部');
    assert.match(await panel(page, 'laifeng').locator('.gr-details-figures').textContent(), /^党员 \d+ · 网格 \d+ · 住户 \d+$/);
    assert.deepEqual(await heads(page, 'laifeng'), []);
  });

  test('a tree without those records lists its grids only; workers without a role are said so', async () => {
    await select(page, 'plain', 'sl');
    const found = await heads(page, 'plain');
    assert.deepEqual(found, ['网格（5 个）']);
    const grids = await list(page, 'plain', '网格');
    assert.equal(grids.length, 5);
    assert.ok(grids.every(([, f]) => /网格员：未注明身份 \d+$|没有网格员$/.test(f)), JSON.stringify(grids));
  });

  test('English and elderly mode', async () => {
    await select(page, 'english', 'c');
    assert.deepEqual(await heads(page, 'english'), ['Assigned units (1+4+N)', 'Stationed people (7)', 'Compounds (3)', 'Service teams (2)', 'Grids (2)']);
    assert.deepEqual((await list(page, 'english', 'Compounds'))[2], ['老粮站宿舍', '48 households · No property management · No joint meeting', null]);
    assert.deepEqual((await list(page, 'english', 'Grids'))[0][1], '420 households · Grid workers: Reporting member 1, Member without office 1, Full-time worker 1, Building head 1');
    assert.equal(await page.locator('#english .gr-elderly').count(), 1);
    assert.deepEqual(await axe(page, 'english'), []);
  });

  test('a grid short of the model is named with what it lacks; names from data stay text', async () => {
    const text = (await readFile(fixture, 'utf8'))
      .replace('{"name": "张桂兰", "member": "m4", "role": "no_office_member"}, ', '')
      .replace('"老粮站宿舍"', '"<img src=x onerror=alert(1)>宿舍"');
    assert.ok(!text.includes('"张桂兰", "member": "m4", "role"'), 'the fixture still has the worker the test removes');
    await page.evaluate((t) => { document.getElementById('laifeng').data = t; }, text);
    await page.locator('#laifeng [role=treeitem][data-id="c"]').waitFor();
    await select(page, 'laifeng', 'c');
    const grids = await list(page, 'laifeng', '网格');
    assert.deepEqual(grids[1], ['沙子堡网格（42282700100102）', '住户 380 · 网格员：报到党员 1、专职网格员 1、单元长 1', '未达配备要求：无职党员需 1 名，现有 0 名']);
    assert.equal(grids[0][2], null);
    assert.equal((await list(page, 'laifeng', '小区'))[2][0], '<img src=x onerror=alert(1)>宿舍');
    assert.equal(await panel(page, 'laifeng').locator('img').count(), 0);
    assert.deepEqual(page.problems, []);
  });

  test("the selected node's warnings are in its panel, when they are not all of them", async () => {
    // Two warnings: a member of d1 not reported (双报到), and a 红色物业 site of c (the root)
    // without a property company.
    const text = (await readFile(fixture, 'utf8'))
      .replace('"node": "d1", "reports_to": "c"}', '"node": "d1"}')
      .replace('"households": 48, "buildings": 2}', '"households": 48, "buildings": 2, "red_property_site": true}');
    for (const host of ['laifeng', 'english']) {
      await page.evaluate(([h, t]) => { document.getElementById(h).data = t; }, [host, text]);
      await page.locator(`#${host} .gr-notes`).first().waitFor();
    }
    const note = (host) => panel(page, host).locator('.gr-notes[role=note]');
    await select(page, 'laifeng', 'd1');
    assert.equal(await note('laifeng').locator('p').first().textContent(), '本组织及下级的提醒（不影响使用）：');
    assert.deepEqual(await note('laifeng').locator('li').allTextContents(), ['$.members[0].reports_to记录“m1”在职党员尚未到居住地社区报到（双报到）']);
    // The root's are all of them: the note under the tree has them, the panel does not repeat it.
    await select(page, 'laifeng', 'c');
    assert.equal(await note('laifeng').count(), 0);
    assert.equal(await page.locator('#laifeng .gr-notes li').count(), 2);
    await select(page, 'laifeng', 'd2');
    assert.equal(await note('laifeng').count(), 0);
    await select(page, 'english', 'd1');
    assert.equal(await note('english').locator('p').first().textContent(), 'Worth a look here and below (these do not stop the data being used):');
    assert.equal(await note('english').locator('li').count(), 1);
    assert.deepEqual(await axe(page, 'english'), []);
    assert.deepEqual(page.problems, []);
  });

  test('at 320 px, in elderly mode too, the panel reflows', async () => {
    const narrow = await open(env, '/test/org-tree-details.html', { viewport: { width: 320, height: 640 } });
    await rendered(narrow, ['laifeng', 'english', 'plain']);
    await select(narrow, 'laifeng', 'c');
    await select(narrow, 'english', 'c');
    assert.deepEqual(await narrow.evaluate(reflowProblems, 'gr-org-tree'), []);
    await panel(narrow, 'laifeng').screenshot({ path: join(artifacts, 'org-tree-details-320.png') });
    await panel(narrow, 'english').screenshot({ path: join(artifacts, 'org-tree-details-320-elderly-en.png') });
    assert.deepEqual(narrow.problems, []);
    await narrow.close();
  });
});
