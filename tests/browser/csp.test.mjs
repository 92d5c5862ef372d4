// Every widget on one page served with exactly the strict policy a locked-down portal uses:
// `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`. The widgets
// must render, restyle (elderly mode, English) and run their timers with no violation: a
// violation is a console error, which the harness turns into a test failure.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { axe } from './a11y.mjs';
import { artifacts, events, open, rendered, start } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const WIDGETS = ['dashboard', 'org-tree', 'scorecard', 'duty-list', 'service-board', 'grid-map', 'case-tracker'];

test('every widget renders, restyles and ticks under the strict CSP', async () => {
  const page = await open(env, '/test/csp/all-widgets.html', { viewport: { width: 1200, height: 900 } });
  const response = await page.request.get(`${env.base}/test/csp/all-widgets.html`);
  assert.equal(response.headers()['content-security-policy'], "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'");
  await page.evaluate(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));
  });
  await rendered(page, WIDGETS);
  assert.deepEqual(await events(page, 'gr-error'), []);
  // The host's theme (a stylesheet of its own setting --gr-primary, --gr-font-size and
  // --gr-font-family on the element) reaches into the shadow root; the other widgets keep the
  // default look.
  const look = (id) => page.evaluate((host) => {
    const root = document.getElementById(host).shadowRoot;
    const title = getComputedStyle(root.querySelector('.gr-title'));
    return { color: title.color, size: getComputedStyle(root.querySelector('.gr-widget')).fontSize, family: title.fontFamily };
  }, id);
  assert.deepEqual(await look('scorecard'), { color: 'rgb(0, 84, 166)', size: '20px', family: 'serif' });
  const plain = await look('duty-list');
  assert.equal(plain.color, 'rgb(179, 20, 12)');
  assert.equal(plain.size, '16px');
  assert.match(plain.family, /PingFang SC/);
  // The theme attribute: 政务蓝 on the duty list; on the scorecard the page's own
  // --gr-primary still wins over the theme's.
  await page.evaluate(() => {
    document.getElementById('duty-list').setAttribute('theme', 'blue');
    document.getElementById('scorecard').setAttribute('theme', 'high-contrast');
  });
  assert.equal((await look('duty-list')).color, 'rgb(11, 78, 162)');
  assert.equal((await look('scorecard')).color, 'rgb(0, 84, 166)');
  // mount() takes the theme as an option, and setOptions() changes it.
  const mounted = await page.evaluate(async () => {
    const { mount } = await import('/grassroots/grassroots.js');
    const div = document.createElement('div');
    div.id = 'mounted';
    document.querySelector('main').append(div);
    const org = { schema: 'laifeng', nodes: [{ id: 'c', level: 'community', name: '胜利社区党委' }] };
    const handle = mount(div, 'org-tree', org, { theme: 'high-contrast' });
    await handle.ready;
    while (!div.shadowRoot?.querySelector('.gr-title')) await new Promise((ok) => setTimeout(ok, 20));
    const color = () => getComputedStyle(div.shadowRoot.querySelector('.gr-title')).color;
    const first = color();
    await handle.setOptions({ theme: 'blue' });
    return [first, color()];
  });
  assert.deepEqual(mounted, ['rgb(0, 0, 0)', 'rgb(11, 78, 162)']);
  await page.evaluate(() => {
    document.getElementById('duty-list').removeAttribute('theme');
    document.getElementById('scorecard').removeAttribute('theme');
  });
  // Elderly mode and English re-render every widget with the constructed stylesheet only.
  await page.evaluate((ids) => {
    for (const id of ids) {
      const el = document.getElementById(id);
      el.setAttribute('elderly', '');
      el.setAttribute('lang', 'en');
    }
  }, WIDGETS);
  await page.waitForFunction(() => document.getElementById('scorecard').shadowRoot.querySelector('.gr-elderly'));
  const font = await page.evaluate(() => getComputedStyle(document.getElementById('duty-list').shadowRoot.querySelector('.gr-widget')).fontSize);
  assert.equal(font, '24px');
  // In English a Latin face comes first (the Chinese faces draw “ ” full-width); the host's
  // --gr-font-family still wins.
  await page.waitForFunction(() => document.getElementById('duty-list').shadowRoot.querySelector('.gr-widget[lang=en]'));
  assert.match((await look('duty-list')).family, /^"Segoe UI", Roboto, .*"PingFang SC"/);
  assert.equal((await look('scorecard')).family, 'serif');
  // The case tracker's clock passes its deadline (18:05:00) while we wait.
  await page.waitForTimeout(11000);
  assert.match(await page.locator('#case-tracker .gr-widget').textContent(), /overdue/i);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  await page.screenshot({ path: join(artifacts, 'csp-all-widgets.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

// The same page without the policy (axe is injected as a script): every widget, in zh-CN,
// in English and in elderly mode, with the WCAG 2.2 AA rules.
test('axe finds no violations on any widget in zh-CN, English and elderly mode', async () => {
  // The strict-CSP page itself, handed to the browser without the policy header, so that axe
  // can be injected.
  const html = await (await fetch(`${env.base}/test/csp/all-widgets.html`)).text();
  const page = await open(env, '/test/all-widgets.html', {
    viewport: { width: 1200, height: 900 },
    prepare: (p) => p.route('**/test/all-widgets.html', (route) => route.fulfill({ body: html, contentType: 'text/html' })),
  });
  assert.equal(await page.evaluate(() => document.title), 'every widget under a strict CSP');
  await rendered(page, WIDGETS);
  const sweep = async (state) => {
    for (const id of WIDGETS) assert.deepEqual(await axe(page, id), [], `${id} (${state})`);
  };
  await sweep('zh-CN');
  await page.evaluate((ids) => { for (const id of ids) document.getElementById(id).setAttribute('lang', 'en'); }, WIDGETS);
  await page.waitForFunction(() => document.getElementById('scorecard').shadowRoot.querySelector('[lang=en]'));
  await sweep('en');
  await page.evaluate((ids) => { for (const id of ids) document.getElementById(id).setAttribute('elderly', ''); }, WIDGETS);
  await page.waitForFunction(() => document.getElementById('scorecard').shadowRoot.querySelector('.gr-elderly'));
  await sweep('en, elderly');
  // The two other themes, on every widget (the scorecard keeps the page's own colours).
  for (const theme of ['blue', 'high-contrast']) {
    await page.evaluate(([ids, t]) => { for (const id of ids) document.getElementById(id).setAttribute('theme', t); }, [WIDGETS, theme]);
    await sweep(`en, elderly, ${theme}`);
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});
