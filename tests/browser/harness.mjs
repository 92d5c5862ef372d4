// Shared set-up for the browser tests: one static server over the built site (plus the test
// pages and the shared fixtures), and Debian's Chromium driven by playwright-core.
import { mkdtemp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../.ci/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const top = join(here, '..', '..');
export const artifacts = join(here, 'artifacts');

/** Starts the server and the browser; returns { base, browser, close }. */
export async function start() {
  const server = await serve({
    mounts: [
      ['/test/', join(here, 'pages')],
      ['/fixtures/', join(top, 'tests', 'data')],
      ['/', join(top, 'target', 'site')],
    ],
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
  await mkdir(artifacts, { recursive: true });
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    browser,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * Opens a page that records every gr-* event into window.__events and fails on any
 * uncaught page error or dialog (an alert from injected markup would be one).
 */
export async function open(env, path, { viewport = { width: 1000, height: 800 }, prepare } = {}) {
  const page = await env.browser.newPage({ viewport });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.addInitScript(() => {
    window.__events = [];
    for (const name of ['gr-select', 'gr-error', 'gr-import', 'gr-export']) {
      document.addEventListener(name, (e) => window.__events.push({
        name, target: e.target.id, detail: e.detail, bubbles: e.bubbles, composed: e.composed,
      }));
    }
  });
  // `prepare(page)` runs before the page loads (a route to serve it differently, say).
  if (prepare) await prepare(page);
  await page.goto(env.base + path);
  page.problems = problems;
  return page;
}

/** Waits until every widget of `ids` (host element ids) has rendered, no loading state left. */
export async function rendered(page, ids) {
  for (const id of ids) {
    await page.waitForFunction((host) => {
      const root = document.getElementById(host)?.shadowRoot;
      return root && root.querySelector('.gr-widget') && !root.querySelector('.gr-loading');
    }, id);
  }
}

/** Sets the widget `hostId`'s `lang` (removes it for null) and waits until it has rendered in
 *  that language (without the attribute: the page's). */
export async function language(page, hostId, lang) {
  await page.evaluate(([id, l]) => (l === null ? document.getElementById(id).removeAttribute('lang') : document.getElementById(id).setAttribute('lang', l)), [hostId, lang]);
  await page.waitForFunction(([id, l]) => document.getElementById(id).shadowRoot.querySelector('.gr-widget')?.getAttribute('lang') === (l ?? document.documentElement.lang), [hostId, lang]);
}

/** Whether the table region (`.gr-table-wrap`) around `selector` in the widget `hostId` shows
 *  all of its table: `{ fits, width }`, the width as "scroll px in client px". */
export function tableFits(page, hostId, selector) {
  return page.evaluate(([id, sel]) => {
    const wrap = document.getElementById(id).shadowRoot.querySelector(sel).closest('.gr-table-wrap');
    return { fits: wrap.scrollWidth <= wrap.clientWidth + 1, width: `${wrap.scrollWidth} px in ${wrap.clientWidth} px` };
  }, [hostId, selector]);
}

/** The events the page has seen so far, optionally only those named `name`. */
export async function events(page, name) {
  const all = await page.evaluate(() => window.__events);
  return name ? all.filter((e) => e.name === name) : all;
}

/** The `data-id` of the element focused inside the widget `hostId`'s shadow root. */
export function focusedId(page, hostId) {
  return page.evaluate((id) => document.getElementById(id)?.shadowRoot?.activeElement?.dataset.id ?? null, hostId);
}

/** The focused row's id once it is `expected`, or whatever is focused after two seconds: a key
 *  press moves the focus on the widget's next render, not at once. */
export async function focusedAs(page, hostId, expected) {
  let got = await focusedId(page, hostId);
  for (let waited = 0; got !== expected && waited < 2000; waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
    got = await focusedId(page, hostId);
  }
  return got;
}
