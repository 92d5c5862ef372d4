// The engines phones run, besides Chromium: WebKit (WebKitGTK's MiniBrowser through
// WebKitWebDriver, a W3C WebDriver server, under Xvfb) and Firefox ESR (over WebDriver BiDi
// with puppeteer-core). One small page interface over all three, so that a check is written
// once and run in each engine (tests/browser/engines.test.mjs):
//
//   const browser = await launch('webkit' | 'firefox' | 'chromium', { base, chromium });
//   const page = await browser.open('/test/org-tree.html', { width: 1000, height: 800 });
//   await page.eval((id) => document.getElementById(id).shadowRoot.activeElement?.dataset.id, 'from-src');
//   await page.waitFor(() => …); await page.keys('Tab', 'ArrowDown', 'Enter');
//   (an element returned from the page becomes `true`)
//   await page.events('gr-select'); await page.problems(); await page.screenshot(path);
//
// Functions passed to eval() and waitFor() run in the page: arrow functions or function
// expressions over their JSON arguments, returning JSON (never an element).
//
// Every page is served through a small proxy in front of the site's server (proxy()), which
// adds one same-origin classic script (/__probe.js) at the top of each HTML page: it records
// the gr-* events with their detail, uncaught errors, unhandled rejections, console.error and
// Content-Security-Policy violations from before the page's own scripts run, in every engine
// alike (a classic WebDriver session has no other way to see them).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const XVFB = '/usr/bin/Xvfb';

/** The probe every HTML page gets first (see above). */
const PROBE = `(() => {
  const probe = window.__probe = { events: [], problems: [], violations: [] };
  window.__events = []; // the test pages' own scripts push gr-claim and gr-transition here too
  for (const name of ['gr-select', 'gr-error', 'gr-claim', 'gr-transition', 'gr-import', 'gr-export']) {
    document.addEventListener(name, (e) => probe.events.push({
      name, target: e.target.id, detail: JSON.parse(JSON.stringify(e.detail ?? null)), bubbles: e.bubbles, composed: e.composed,
    }));
  }
  addEventListener('error', (e) => {
    if (e instanceof ErrorEvent) probe.problems.push('uncaught: ' + e.message + ' (' + e.filename + ':' + e.lineno + ')');
    else if (e.target && e.target !== window) probe.problems.push('failed to load: <' + e.target.localName + '> ' + (e.target.src || e.target.href || ''));
  }, true);
  addEventListener('unhandledrejection', (e) => probe.problems.push('unhandled rejection: ' + (e.reason && (e.reason.stack || e.reason.message) || e.reason)));
  const error = console.error;
  console.error = function (...args) { probe.problems.push('console.error: ' + args.map(String).join(' ')); return error.apply(this, args); };
  document.addEventListener('securitypolicyviolation', (e) => probe.violations.push(e.violatedDirective + ': ' + e.blockedURI + ' ' + e.sample));
})();
`;

/**
 * A proxy in front of `upstream` (the site's server, http://127.0.0.1:port) that injects the
 * probe into every HTML page and serves /__frame.html?src=…&width=…&height=…: a page holding
 * `src` in an iframe of that size (WebKitGTK's window cannot be made narrower than its
 * toolbar, about 450 px). Resolves to { base, close }.
 */
export async function proxy(upstream) {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/__probe.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }).end(PROBE);
      return;
    }
    if (url.pathname === '/__frame.html') {
      const src = url.searchParams.get('src');
      const w = Number(url.searchParams.get('width'));
      const h = Number(url.searchParams.get('height'));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(`<!doctype html>
<html><head><meta charset="utf-8"><title>frame</title>
<style>html, body { margin: 0 } iframe { display: block; border: 0; width: ${w}px; height: ${h}px }</style></head>
<body><iframe src="${src.replace(/[<>"&]/g, '')}"></iframe></body></html>`);
      return;
    }
    // Everything comes uncompressed: pages so that the probe can go in, and the rest because
    // the server brotli-compresses each file at quality 11 the first time it is asked for it,
    // seconds for a wasm module, which is the server's business, tested elsewhere.
    const headers = { ...req.headers, host: target.host };
    delete headers['accept-encoding'];
    const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers }, (upRes) => {
      const type = String(upRes.headers['content-type'] ?? '');
      if (!type.startsWith('text/html') || upRes.headers['content-encoding']) {
        res.writeHead(upRes.statusCode, upRes.headers);
        upRes.pipe(res);
        return;
      }
      const chunks = [];
      upRes.on('data', (c) => chunks.push(c));
      upRes.on('end', () => {
        const html = Buffer.concat(chunks).toString('utf8');
        const at = html.search(/<head[^>]*>/i);
        const tag = '<script src="/__probe.js"></script>';
        const body = at < 0 ? tag + html : html.replace(/<head[^>]*>/i, (m) => m + tag);
        const out = { ...upRes.headers, 'content-length': Buffer.byteLength(body) };
        res.writeHead(upRes.statusCode, out).end(req.method === 'HEAD' ? undefined : body);
      });
    });
    up.on('error', (e) => res.writeHead(502).end(String(e)));
    req.pipe(up);
  });
  await new Promise((ok, fail) => { server.once('error', fail); server.listen(0, '127.0.0.1', ok); });
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
  };
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** The page-side half of every page: the same methods over each engine's eval and keys. */
class Page {
  constructor(engine, impl) {
    this.engine = engine;
    this.impl = impl; // { eval(fnSource, args), keys(name), screenshot(path) }
  }

  /** Runs `fn(...args)` in the page (awaiting a promise it returns); resolves to its JSON result. */
  eval(fn, ...args) {
    // An element cannot cross the protocols (BiDi makes it undefined): it becomes true.
    return this.impl.eval(`async (...args) => { const v = await (${fn})(...args); return v instanceof Node ? true : v; }`, args);
  }

  /** Polls `fn(...args)` in the page until it returns something truthy; resolves to that. */
  async waitFor(fn, ...args) {
    let timeout = 15000;
    if (typeof args.at(-1) === 'object' && args.at(-1)?.timeout) timeout = args.pop().timeout;
    const until = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.eval(fn, ...args);
        if (last) return last;
      } catch (e) {
        last = e;
      }
      if (Date.now() > until) {
        const problems = await this.problems().catch(() => []);
        throw new Error(`${this.engine}: timed out after ${timeout} ms waiting for ${String(fn).slice(0, 200)} (${JSON.stringify(args)}); last: ${last instanceof Error ? last.message : JSON.stringify(last)}; page problems: ${JSON.stringify(problems)}`);
      }
      await sleep(50);
    }
  }

  /**
   * The roles WebKit's accessibility tree gives the elements `fn(...args)` returns (an array of
   * elements, shadow roots' too), by WebDriver's Get Computed Role: what VoiceOver is told on an
   * iPhone. WebKit only.
   */
  roles(fn, ...args) {
    if (!this.impl.roles) throw new Error(`${this.engine}: no computed roles here`);
    return this.impl.roles(String(fn), args);
  }

  /** Presses keys one after another (Tab, ArrowDown, Enter, Home, End, ' ', '*', …). */
  async keys(...names) {
    for (const name of names) await this.impl.keys(name);
  }

  /** The gr-* events the page has seen, optionally only those named `name`. */
  async events(name) {
    const all = await this.eval(() => window.__probe?.events ?? []);
    return name ? all.filter((e) => e.name === name) : all;
  }

  /** Uncaught errors, unhandled rejections and console.error calls seen so far. */
  problems() { return this.eval(() => window.__probe?.problems ?? ['no probe: the page was not served through the proxy']); }

  /** Content-Security-Policy violations seen so far. */
  violations() { return this.eval(() => window.__probe?.violations ?? ['no probe']); }

  screenshot(path) { return this.impl.screenshot(path); }
}

/** A free TCP port on loopback (for WebKitWebDriver, which needs to be told one). */
function freePort() {
  return new Promise((ok, fail) => {
    const s = netServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
  });
}

/** Starts Xvfb on a display it picks itself (-displayfd); resolves to { display, process }. */
async function xvfb() {
  if (!existsSync(XVFB)) throw new Error(`${XVFB} not found: WebKitGTK needs an X display; install xvfb (.ci/setup.sh test)`);
  const child = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-nolisten', 'unix', '-listen', 'unix'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const display = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`Xvfb did not start within 10 s: ${err}`)), 10000);
    child.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) { clearTimeout(timer); ok(`:${out.trim()}`); }
    });
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`Xvfb exited (${code}): ${err}`)); });
  });
  return { display, process: child };
}

/** WebKitGTK's MiniBrowser driven by WebKitWebDriver over the W3C WebDriver HTTP protocol. */
async function webkit(base) {
  if (!existsSync(WEBKIT_DRIVER)) throw new Error(`${WEBKIT_DRIVER} not found: install webkit2gtk-driver (.ci/setup.sh test)`);
  const x = await xvfb();
  const children = [x.process];
  const port = await freePort();
  let log = '';
  // JSC_useWasmFastMemory=0: explicit bounds checks instead of WebKitGTK 2.50's wasm memories
  // guarded by signals, with which a widget's wasm trapped ("Out of bounds memory access",
  // "Unreachable code should not be executed") in 4 of 476 page loads of a stress run here;
  // with explicit checks, in 1 of about 630 (ARCHITECTURE, "Known issues").
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`, '--host=local'], {
    env: { JSC_useWasmFastMemory: '0', ...process.env, DISPLAY: x.display, WAYLAND_DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(driver);
  driver.stdout.on('data', (d) => { log += d; });
  driver.stderr.on('data', (d) => { log += d; });
  const kill = () => { for (const c of [...children].reverse()) if (c.exitCode === null) c.kill('SIGTERM'); };
  // Never left behind, even when the test process ends without closing the browser.
  process.once('exit', kill);
  const endpoint = `http://127.0.0.1:${port}`;
  async function command(method, path, body) {
    const r = await fetch(endpoint + path, {
      method, headers: { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    if (json.value?.error) throw new Error(`WebKitWebDriver ${method} ${path}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  }
  try {
    for (let i = 0; ; i++) {
      try { await fetch(`${endpoint}/status`); break; } catch (e) {
        if (driver.exitCode !== null || i > 200) throw new Error(`WebKitWebDriver did not start: ${log || e.message}`);
        await sleep(50);
      }
    }
    const session = await command('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { args: ['--automation'] } } },
    });
    const id = session.sessionId;
    const version = session.capabilities.browserVersion;
    const s = (path) => `/session/${id}${path}`;
    await command('POST', s('/timeouts'), { script: 30000, pageLoad: 30000 });
    // Key names as the W3C WebDriver spec codes them.
    const KEYS = {
      Tab: '\uE004', Enter: '\uE007', Escape: '\uE00C', End: '\uE010', Home: '\uE011',
      ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015', Space: ' ',
    };
    const impl = {
      async eval(source, args) {
        // execute/async: the callback receives the result, or the error as text, as JSON text
        // (JSON.stringify escapes a lone surrogate; WebKitWebDriver, handed the value itself,
        // once failed a reflow check with "Could not parse script result").
        const script = `const done = arguments[arguments.length - 1];
          const args = Array.prototype.slice.call(arguments, 0, -1);
          Promise.resolve().then(() => (${source}).apply(null, args)).then(
            (value) => done(JSON.stringify({ value: value === undefined ? null : value })),
            (e) => done(JSON.stringify({ error: String(e && (e.stack || e.message) || e) })));`;
        const out = JSON.parse(await command('POST', s('/execute/async'), { script, args }));
        if (out?.error) throw new Error(`in WebKit: ${out.error}`);
        return out?.value;
      },
      async roles(source, args) {
        const elements = await command('POST', s('/execute/sync'), { script: `return (${source}).apply(null, arguments);`, args });
        const roles = [];
        for (const e of elements) roles.push(e ? await command('GET', s(`/element/${Object.values(e)[0]}/computedrole`)) : null);
        return roles;
      },
      async keys(name) {
        const value = KEYS[name] ?? name;
        await command('POST', s('/actions'), {
          actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] }],
        });
      },
      async screenshot(path) {
        await writeFile(path, Buffer.from(await command('GET', s('/screenshot')), 'base64'));
      },
    };
    let size = null;
    return {
      engine: 'webkit',
      version: `WebKitGTK ${version}`,
      /** Loads `path`; a viewport narrower than the window gets the page in an iframe of that size. */
      async open(path, { width = 1000, height = 800 } = {}) {
        await command('POST', s('/frame'), { id: null });
        const framed = width < 600;
        if (!framed && size !== `${width}x${height}`) {
          // The window's outer size: the viewport is what is left inside the toolbar.
          await command('POST', s('/window/rect'), { width, height: height + 100 });
          size = `${width}x${height}`;
        }
        const url = framed
          ? `${base}/__frame.html?src=${encodeURIComponent(path)}&width=${width}&height=${height}`
          : base + path;
        await command('POST', s('/url'), { url });
        if (framed) await command('POST', s('/frame'), { id: 0 });
        return new Page('webkit', impl);
      },
      async close() {
        try { await command('DELETE', s('')); } catch { /* the browser may be gone */ }
        kill();
      },
    };
  } catch (e) {
    kill();
    throw e;
  }
}

/** Firefox ESR over WebDriver BiDi (puppeteer-core). */
async function firefox(base) {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} not found: install firefox-esr (.ci/setup.sh test)`);
  const { default: puppeteer } = await import('puppeteer-core');
  const profile = await mkdtemp(join(tmpdir(), 'grassroots-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, userDataDir: profile, timeout: 60000,
    extraPrefsFirefox: { 'browser.shell.checkDefaultBrowser': false, 'app.update.enabled': false, 'ui.useOverlayScrollbars': 1 },
  });
  const version = await browser.version();
  // A page of our own: the tab Firefox starts with has no focus (document.hasFocus() is false),
  // and there keys reach the page but never activate a button or a checkbox.
  const page = await browser.newPage();
  for (const other of await browser.pages()) if (other !== page) await other.close();
  const impl = puppet(() => page);
  return {
    engine: 'firefox',
    version: version.replace('firefox/', 'Firefox '),
    async open(path, { width = 1000, height = 800 } = {}) {
      await page.setViewport({ width, height });
      await page.goto(base + path, { waitUntil: 'load' });
      return new Page('firefox', impl);
    },
    async close() {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The page interface over a puppeteer or playwright page (Firefox, Chromium): the same calls
 * in both. `current()` gives the page in use.
 */
function puppet(current) {
  return {
    eval(source, args) {
      // (A function built here, not eval() in the page, which a strict CSP forbids.)
      // eslint-disable-next-line no-new-func
      return current().evaluate(new Function('args', `return (${source}).apply(null, args)`), args);
    },
    keys(name) { return current().keyboard.press(name === 'Space' ? ' ' : name); },
    // The viewport, as WebKitWebDriver takes it (a whole page can be 20,000 px tall at 320 px).
    screenshot(path) { return current().screenshot({ path }); },
  };
}

/** Chromium, the reference: the harness's playwright browser with the same interface. */
async function chromium(base, browser) {
  let page = null;
  const impl = puppet(() => page);
  return {
    engine: 'chromium',
    version: `Chromium ${browser.version()}`,
    async open(path, { width = 1000, height = 800 } = {}) {
      await page?.close();
      page = await browser.newPage({ viewport: { width, height } });
      await page.goto(base + path);
      return new Page('chromium', impl);
    },
    async close() { await page?.close(); },
  };
}

/**
 * Starts `engine` against the proxy at `base`; throws an Error saying what is missing when the
 * engine cannot start here. `chromium` is the harness's playwright browser (for 'chromium').
 */
export async function launch(engine, { base, chromium: browser } = {}) {
  try {
    if (engine === 'webkit') return await webkit(base);
    if (engine === 'firefox') return await firefox(base);
    if (engine === 'chromium') return await chromium(base, browser);
  } catch (e) {
    throw new Error(`${engine} could not be started: ${e.message}`, { cause: e });
  }
  throw new Error(`unknown engine ${engine}`);
}
