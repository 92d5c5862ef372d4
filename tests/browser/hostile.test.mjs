// Every widget under hostile data (issue 17): fed through `.data` (and through `src`, for bytes
// that are not UTF-8 and for a file over the size limit) a corpus of documents that are empty,
// not JSON, truncated, nested 100,000 deep, a 2-million-character string, a number of 2
// million digits or one out of range, wrong types, duplicate keys, NaN, a byte-order mark
// before broken text. Each time: the error panel, and exactly one `gr-error`; the page keeps
// working (a tree beside them still answers the keyboard, no uncaught error), and each widget
// given good data afterwards shows it. A BOM before good data is read (as editors write it).
// A document of 1.5 million broken records lists 100 problems and counts the rest. A good
// document reads at each limit (the `limits` option) and is refused one under it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { events, open, rendered, start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Each kind with good data (fixture paths, fetched in the page) and its attributes. */
const KINDS = {
  'gr-org-tree': { good: { org: 'tree/valid/laifeng-shengli.json' }, shape: (d) => d.org },
  'gr-scorecard': { good: { card: 'rules/scorecards/five-star.json' }, shape: (d) => d.card },
  'gr-duty-list': { good: { lists: 'lists/valid/laifeng-2021.json' }, shape: (d) => d.lists },
  'gr-service-board': { good: { services: 'services/valid/tianyuan-2026.json', org: 'services/tianyuan-org.json' }, shape: (d) => d },
  'gr-case-tracker': { good: { cases: 'cases/valid/season-shengli.json' }, shape: (d) => d.cases, attributes: { now: '2026-08-31T18:00:00+08:00' } },
  'gr-dashboard': { good: { org: 'tree/valid/laifeng-shengli.json', cases: 'cases/valid/season-shengli.json' }, shape: (d) => ({ org: d.org, cases: d.cases, period: { from: '2026-06-01', to: '2026-09-01' } }) },
  'gr-grid-map': { good: { org: 'tree/valid/laifeng-shengli.json', geo: 'geo/widget/shengli.json' }, shape: (d) => d },
  'gr-roster-import': { good: { org: 'tree/valid/laifeng-shengli.json' }, shape: (d) => d.org },
};

const DIGITS = '9'.repeat(2_000_000);
/** The hostile documents, by name: JSON text as a host might pass it. */
const CORPUS = {
  'empty': '',
  'white space': ' \n\t ',
  'not JSON': '<html><body>502 Bad Gateway</body></html>',
  'truncated': '{"schema": "laifeng", "nodes": [{"id": "sl", "level": "community", "na',
  'nested 100,000 deep': '['.repeat(100_000) + ']'.repeat(100_000),
  'objects nested 100,000 deep': '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
  'a 2-million-character name': `{"schema": "laifeng", "nodes": [{"id": "sl", "level": "community", "name": "${'名'.repeat(2_000_000)}"}]}`,
  'a number of 2 million digits': `{"nodes": [${DIGITS}]}`,
  'a number out of range': '{"nodes": [1e999]}',
  'wrong types': '{"nodes": "all of them", "grids": 42, "members": {"a": 1}, "entities": false, "items": null, "services": true, "cases": "x", "org": [], "geo": 7}',
  'a list, not an object': '[1, 2, 3]',
  'duplicate keys': '{"nodes": [], "nodes": [], "org": {}, "org": {}, "items": [], "items": []}',
  'NaN': '{"nodes": [{"id": "a", "linked_households": NaN}]}',
  'a BOM before broken text': '\uFEFF{"nodes": [',
  '3 MB of one array': `{"nodes": [${'0,'.repeat(1_500_000)}0]}`,
};

describe('hostile data', () => {
  let page;
  before(async () => {
    page = await open(env, '/test/hostile.html', { viewport: { width: 1100, height: 900 } });
    await rendered(page, ['witness']);
    // One element of each kind, good data fetched and kept in the page for the end.
    await page.evaluate(async (kinds) => {
      window.__good = {};
      for (const [tag, { good, attributes }] of Object.entries(kinds)) {
        const parts = Object.fromEntries(await Promise.all(Object.entries(good).map(async ([k, path]) => [k, await (await fetch(`/fixtures/${path}`)).json()])));
        window.__good[tag] = parts;
        const element = document.createElement(tag);
        element.id = tag.slice(3);
        for (const [k, v] of Object.entries(attributes ?? {})) element.setAttribute(k, v);
        element.data = '{}';
        document.getElementById('here').append(element);
      }
    }, Object.fromEntries(Object.entries(KINDS).map(([tag, k]) => [tag, { good: k.good, attributes: k.attributes }])));
    // Everyone has drawn something (a panel for `{}`, or the import's form).
    for (const tag of Object.keys(KINDS)) {
      await page.waitForFunction((id) => document.getElementById(id)?.shadowRoot?.querySelector('.gr-widget, [role=alert]'), tag.slice(3));
    }
  });
  after(async () => { await page.close(); });

  /** Feeds `text` to the element `id` and returns the gr-error events it fired, after a pause in which no second one may come. */
  async function feed(id, text) {
    const before = (await events(page, 'gr-error')).filter((e) => e.target === id).length;
    await page.evaluate(({ id, text }) => { document.getElementById(id).data = text; }, { id, text });
    await page.waitForFunction(({ id, before }) => window.__events.filter((e) => e.name === 'gr-error' && e.target === id).length > before, { id, before }, { timeout: 60000 });
    await page.waitForTimeout(50);
    const fired = (await events(page, 'gr-error')).filter((e) => e.target === id).slice(before);
    const panel = await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('.gr-widget [role=alert]')?.textContent ?? '', id);
    return { fired, panel };
  }

  for (const [name, text] of Object.entries(CORPUS)) {
    test(`${name}: every widget shows its error panel and fires one gr-error`, async () => {
      for (const tag of Object.keys(KINDS)) {
        const id = tag.slice(3);
        // The import's data is optional: nothing (empty, white space) is a new document.
        if (tag === 'gr-roster-import' && text.trim() === '') continue;
        const { fired, panel } = await feed(id, text);
        assert.equal(fired.length, 1, `${name} → ${tag}: ${fired.length} gr-error`);
        assert.ok(fired[0].detail.errors.length > 0, `${name} → ${tag}: no error in gr-error`);
        for (const e of fired[0].detail.errors) assert.ok(typeof e.message === 'string' && e.message.length > 0 && e.message.length < 2000, `${name} → ${tag}: a message of ${e.message?.length} characters`);
        assert.ok(panel.length > 0, `${name} → ${tag}: no error panel`);
      }
      assert.deepEqual(page.problems, [], name);
    });
  }

  test('past a limit, the panel and gr-error name it and where: 2 million characters, 100,000 deep, 1.5 million items with a limit of a million', async () => {
    let { fired, panel } = await feed('org-tree', CORPUS['a 2-million-character name']);
    assert.deepEqual(fired[0].detail.errors.map((e) => [e.code, e.path, e.limit]), [['limit', '$.nodes[0].name', 'string']]);
    assert.match(panel, /\$\.nodes\[0\]\.name/);
    assert.match(panel, /超过 1048576 字节的上限（string）/);
    ({ fired } = await feed('org-tree', CORPUS['nested 100,000 deep']));
    assert.deepEqual(fired[0].detail.errors.map((e) => [e.code, e.limit, e.max]), [['limit', 'depth', 64]]);
    // 1.5 million broken records: the panel lists 100 and counts the rest; gr-error carries 1,000.
    ({ fired, panel } = await feed('org-tree', CORPUS['3 MB of one array']));
    assert.equal(fired[0].detail.errors.length, 1000);
    assert.ok(fired[0].detail.omitted > 1_000_000, `omitted ${fired[0].detail.omitted}`);
    assert.match(panel, /另有 \d+ 个问题未在此列出/);
    assert.equal(await page.evaluate(() => document.getElementById('org-tree').shadowRoot.querySelector('.gr-problems').querySelectorAll('li').length), 100);
    // The limits option, lower than the default.
    await page.evaluate(() => document.getElementById('org-tree').handle.setOptions({ lang: 'en', limits: { records: 1_000_000 } }));
    ({ fired, panel } = await feed('org-tree', CORPUS['3 MB of one array']));
    assert.deepEqual(fired[0].detail.errors.map((e) => [e.code, e.path, e.limit, e.max]), [['limit', '$.nodes', 'records', 1_000_000]]);
    assert.match(panel, /more than the limit of 1000000 items \(limit `records`\)/);
    await page.evaluate(() => document.getElementById('org-tree').handle.setOptions({ lang: 'zh-CN' }));
  });

  test('at each limit a good document reads, and one under it is refused naming the limit (depth, records, bytes)', async () => {
    const text = await page.evaluate(async () => (await fetch('/fixtures/tree/valid/laifeng-shengli.json')).text());
    const doc = JSON.parse(text);
    const depth = (v) => (Array.isArray(v) ? 1 + Math.max(0, ...v.map(depth)) : v && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0);
    const items = (v) => (Array.isArray(v) ? Math.max(v.length, ...v.map(items)) : v && typeof v === 'object' ? Math.max(Object.keys(v).length, ...Object.values(v).map(items)) : 0);
    const edges = { depth: depth(doc), records: items(doc), bytes: new TextEncoder().encode(text).length };
    /** Gives the tree `text` under `limits`; the gr-error events that came, after a pause. */
    const give = async (limits) => {
      const before = (await events(page, 'gr-error')).filter((e) => e.target === 'org-tree').length;
      await page.evaluate(({ text, limits }) => {
        const tree = document.getElementById('org-tree');
        tree.handle.setOptions({ limits });
        tree.data = text;
      }, { text, limits });
      await page.waitForFunction(() => {
        const root = document.getElementById('org-tree').shadowRoot;
        return root.querySelector('[role=treeitem]') || root.querySelector('.gr-widget [role=alert]');
      });
      await page.waitForTimeout(150);
      return (await events(page, 'gr-error')).filter((e) => e.target === 'org-tree').slice(before);
    };
    for (const [limit, at] of Object.entries(edges)) {
      assert.ok(at > 2, `${limit}: ${at}`);
      // Out of the last state first, so that a tree drawn now is this document's.
      await feed('org-tree', 'not JSON');
      assert.deepEqual(await give({ [limit]: at }), [], `${limit} at ${at}: read`);
      assert.ok(await page.evaluate(() => document.getElementById('org-tree').shadowRoot.querySelectorAll('[role=treeitem]').length > 0), `${limit} at ${at}: a tree`);
      const fired = await give({ [limit]: at - 1 });
      assert.ok(fired.length >= 1, `${limit} at ${at - 1}: refused`);
      const errors = fired.at(-1).detail.errors;
      assert.deepEqual([...new Set(errors.map((e) => [e.code, e.limit, e.max].join()))], [['limit', limit, at - 1].join()], `${limit} at ${at - 1}: ${JSON.stringify(errors.slice(0, 3))}`);
    }
    await page.evaluate(() => document.getElementById('org-tree').handle.setOptions({ limits: {} }));
  });

  test('through src: bytes that are not UTF-8, and a file over the size limit, are not read', async () => {
    await page.route('**/hostile/latin1.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xe9, 0xff, 0x22, 0x7d]) }));
    await page.route('**/hostile/big.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: `[${'0,'.repeat(600_000)}0]` }));
    for (const tag of Object.keys(KINDS)) {
      const id = tag.slice(3);
      for (const [src, expected, limits] of [['/hostile/latin1.json', /not UTF-8 text/, null], ['/hostile/big.json', /1200003 bytes, over the limit of 1000000 bytes/, '{"bytes": 1000000}']]) {
        const before = (await events(page, 'gr-error')).filter((e) => e.target === id).length;
        await page.evaluate(({ id, src, limits }) => {
          const old = document.getElementById(id);
          const element = document.createElement(old.localName);
          for (const a of old.attributes) if (a.name !== 'limits') element.setAttribute(a.name, a.value);
          if (limits) element.setAttribute('limits', limits);
          element.setAttribute('src', src);
          old.replaceWith(element);
        }, { id, src, limits });
        await page.waitForFunction(({ id, before }) => window.__events.filter((e) => e.name === 'gr-error' && e.target === id).length > before, { id, before }, { timeout: 20000 });
        await page.waitForTimeout(50);
        const fired = (await events(page, 'gr-error')).filter((e) => e.target === id).slice(before);
        assert.equal(fired.length, 1, `${src} → ${tag}`);
        assert.match(fired[0].detail.errors.map((e) => e.message).join(' '), expected, `${src} → ${tag}`);
      }
    }
  });

  test('the page keeps working: the tree beside answers the keyboard; every widget shows good data after; a BOM before good data reads', async () => {
    await page.locator('#witness [role=treeitem][tabindex="0"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__events.some((e) => e.name === 'gr-select' && e.target === 'witness'));
    for (const [tag, kind] of Object.entries(KINDS)) {
      const id = tag.slice(3);
      const errors = (await events(page, 'gr-error')).filter((e) => e.target === id).length;
      // (Also through a BOM, as Notepad saves.)
      await page.evaluate(({ tag, id, shape }) => {
        const data = new Function('d', `return (${shape})(d)`)(window.__good[tag]);
        const element = document.getElementById(id);
        element.data = `\uFEFF${JSON.stringify(data)}`;
        // (With data given, `src` and `limits` going away only re-render it.)
        element.removeAttribute('src');
        element.removeAttribute('limits');
      }, { tag, id, shape: kind.shape.toString() });
      await page.waitForFunction((id) => {
        const root = document.getElementById(id).shadowRoot;
        return root.querySelector('.gr-widget') && !root.querySelector('.gr-widget [role=alert]') && !root.querySelector('.gr-loading');
      }, id, { timeout: 20000 });
      assert.equal((await events(page, 'gr-error')).filter((e) => e.target === id).length, errors, `${tag}: good data after hostile data`);
    }
    assert.deepEqual(page.problems, []);
  });
});
