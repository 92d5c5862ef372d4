// Grassroots widgets for government portals: the one module a page imports.
//
//   <script type="module" src="/grassroots/grassroots.js"></script>
//   <gr-org-tree src="/data/tree.json" lang="zh-CN"></gr-org-tree>
//   <gr-scorecard src="/data/scorecard.json" entity="c01"></gr-scorecard>
//   <gr-duty-list src="/data/lists.json"></gr-duty-list>   (or {"old": …, "new": …} for a diff)
//   <gr-service-board src="/data/services.json"></gr-service-board>   (or {"services": …, "org": …})
//   <gr-case-tracker src="/data/cases.json" case="sl-0831-pipe"></gr-case-tracker>
//   <gr-dashboard src="/data/dashboard.json"></gr-dashboard>
//   <gr-grid-map src="/data/map.json" figure="overdue-clocks"></gr-grid-map>   ({"org", "geo", "cases"?, …})
//   <gr-roster-import records="members" src="/data/org.json"></gr-roster-import>   (data optional)
//
// or, where custom elements are not an option:
//
//   import { mount } from '/grassroots/grassroots.js';
//   const handle = mount(div, 'org-tree', data, { lang: 'en' });
//   handle.update(newData); handle.destroy();
//
// This module is small: it defines the eight elements and loads the code of a kind only when an
// element of that kind connects or mount() asks for it. Each kind has a WebAssembly module of
// its own, and two modules hold several: `all` the six kinds but the map and the import,
// `all-map` those and the map. The import's module (`roster-import`) serves it alone; the
// spreadsheet reader (`sheets`) is fetched only when someone chooses a file in it, and the
// export buttons' code (export.js) and the workbook writer (`xlsx`) only when someone
// presses an export button.
// When several kinds are asked for together (a page with several widgets), the smaller of those
// that serves them all is loaded instead, so no page loads the shared code twice.
// The map's own module reads the organization and the geometry; a map whose data has cases or
// a scorecard waits for its data and loads the larger map module that reads those too, and a
// dashboard whose data has geometry the dashboard module that draws the map.
// A module, once loaded, serves every widget it can. The build fills in MANIFEST with the
// content-hashed file names, which can be cached forever; this file keeps its name.
//
// Data is JSON: an inline <script type="application/json"> child, a `src` URL, or the `.data`
// property. Events (all bubbling and composed): gr-select, gr-error; from <gr-service-board>
// gr-claim and gr-transition, which ask the host to save (the widget shows them pending until
// update()); from <gr-roster-import> gr-import, the document read from a spreadsheet, for the
// host to save. Every table's 导出 Excel button fires gr-export (cancelable: a host that
// cancels it makes the file itself from the detail); else the browser downloads the .xlsx,
// made by the spreadsheet module, which loads only then.
const MANIFEST = /* @manifest */ { css: 'style.css', exporter: 'export.js', modules: {} } /* @end */;

const loaded = new Map(); // module name → Promise of its exports
const names = new WeakMap(); // a loaded module's exports → its name
let asked = null; // kinds asked for in this task, before a module is chosen for them

/** The name of a module already loading or loaded that serves `kind`, if any. */
function loadedFor(kind) {
  return [...loaded.keys()].find((name) => MANIFEST.modules[name].kinds.includes(kind));
}

/** The batch of this task: kinds asked for, and kinds whose data is still to come. */
function batch() {
  // Kinds asked for in the same task are decided together, once the task's elements have all
  // connected: two or more kinds not yet served load the smallest module that has them all.
  // A kind whose module depends on its data (RICH) and whose data is not there yet counts in
  // its larger form when other kinds come with it (one module for the page, whatever the data
  // says); alone, it waits for its data.
  if (!asked) {
    asked = { kinds: new Set(), hints: new Set(), result: null };
    const b = asked;
    b.result = new Promise((ok) => queueMicrotask(() => {
      asked = null;
      // A kind that only a module of its own serves (the spreadsheet import) loads that apart.
      const solo = (k) => !Object.values(MANIFEST.modules).some((m) => m.kinds.includes(k) && m.kinds.some((o) => o.replace(/\++$/, '') !== k.replace(/\++$/, '')));
      for (const k of b.kinds) if (solo(k) && !loadedFor(k)) load(serving([k]));
      const wanted = [...b.kinds].filter((k) => !loadedFor(k) && !solo(k));
      const hinted = [...b.hints].filter((k) => !loadedFor(k) && !loadedFor(k.slice(0, -1)));
      const bases = new Set([...wanted, ...hinted].map((k) => k.replace(/\++$/, '')));
      const name = bases.size > 1 ? serving([...wanted, ...hinted]) : wanted.length ? serving(wanted) : null;
      if (name && !loaded.has(name)) load(name);
      ok();
    }));
  }
  return asked;
}

/**
 * Resolves once a widget's first render is in its root: yew runs it a task later when another
 * widget of the same module is rendering (5 s at most, so that `ready` never hangs).
 */
function drawn(root) {
  return new Promise((ok) => {
    if (root.firstChild) return ok();
    const seen = new MutationObserver(() => { seen.disconnect(); ok(); });
    seen.observe(root, { childList: true });
    setTimeout(ok, 5000);
  });
}

/** The module whose code serves `kind`: one already loading or loaded, else the best to load. */
function moduleFor(kind) {
  const served = loadedFor(kind);
  if (served) return loaded.get(served);
  const b = batch();
  b.kinds.add(kind);
  return b.result.then(() => moduleFor(kind));
}

/** A kind in RICH whose data is still to come: `kind+` counts in this task's batch. */
function hint(kind) {
  batch().hints.add(`${kind}+`);
}

/** The name of the smallest module (fewest kinds) whose manifest entry `fits`. */
function smallest(fits) {
  const names = Object.keys(MANIFEST.modules).filter((n) => fits(MANIFEST.modules[n]));
  return names.sort((a, b) => MANIFEST.modules[a].kinds.length - MANIFEST.modules[b].kinds.length)[0];
}

/** The smallest module serving every one of `kinds`. */
const serving = (kinds) => smallest((m) => kinds.every((k) => m.kinds.includes(k)));

/** The smallest module that the manifest marks with `flag` (`evaluate`, `recut`, `readSheet`, `xlsx`). */
const flagged = (flag) => smallest((m) => m[flag]);

/**
 * The exports of a module marked with `flag`: one loaded already, else the smallest, loaded
 * now. Widgets connected in this same task choose their module first, which may serve too.
 */
async function having(flag) {
  await asked?.result;
  for (const [name, exports] of loaded) if (MANIFEST.modules[name][flag]) return exports;
  return load(flagged(flag));
}

/**
 * Kinds whose module depends on the data: these top-level keys need the `+` kind's module.
 * The test is on the text, before the widget parses it: a key anywhere in the text picks the
 * larger module, which reads every document the smaller one does.
 */
/** The kind to load code for: `kind+` when the data needs the larger module. */
function variant(kind, data) {
  if (!RICH[kind] || data === undefined || data === null) return kind;
  let text = null;
  try { text = toText(data); } catch { /* update() shows why */ }
  const hit = text && RICH[kind].find(([key]) => key.test(text));
  return hit ? `${kind}${hit[1]}` : kind;
}

// Per kind, in order: a key that asks for a larger module, and the suffix of the kind that
// module serves (`grid-map++`: the map that re-cuts, which also reads cases).
const RICH = { 'grid-map': [[/"recut"\s*:/, '++'], [/"(cases|scorecard|period|min_sample)"\s*:/, '+']], dashboard: [[/"geo"\s*:/, '+']] };

function load(name) {
  const files = MANIFEST.modules[name];
  // The wasm is fetched at once, beside the glue, not after it: one round trip fewer.
  const wasm = fetch(new URL(files.wasm, import.meta.url));
  wasm.catch(() => {}); // a failed fetch is reported through init below, not as unhandled
  const exports = import(new URL(files.js, import.meta.url).href).then(async (glue) => {
    await glue.default({ module_or_path: wasm });
    names.set(glue, name);
    glue.set_sheet_reader?.(readSheet);
    return glue;
  });
  loaded.set(name, exports);
  return exports;
}

/**
 * <gr-roster-import>'s reader: the `sheets` module's read_sheet(), loaded on the first file
 * (and again on the next file if that load failed: a dropped connection is not for good).
 */
function readSheet(...args) {
  return lazily(flagged('readSheet')).then((wasm) => wasm.read_sheet(...args));
}

/** A module loaded on demand (the reader, the writer): a failed load is forgotten, so the next call tries again. */
function lazily(name) {
  const code = loaded.get(name) ?? load(name);
  code.catch(() => loaded.get(name) === code && loaded.delete(name));
  return code;
}

/**
 * Loads the code of the given kinds (all six when none is named) and resolves once it is
 * ready; widgets load their own code, so hosts need this only to load ahead of time.
 */
export function ready(...kinds) {
  const wanted = kinds.length ? kinds : Object.values(KINDS);
  return Promise.all([...wanted.map(moduleFor), styles()]).then(() => undefined);
}

// ---------------------------------------------------------------- the stylesheet
const cssUrl = new URL(MANIFEST.css, import.meta.url);
let sheet = null;
/** The widgets' stylesheet, fetched once; a constructed stylesheet where the browser has them. */
function styles() {
  sheet ??= 'adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype
    ? fetch(cssUrl).then((r) => {
      if (!r.ok) throw new Error(`${cssUrl}: HTTP ${r.status}`);
      return r.text();
    }).then((text) => {
      // A constructed stylesheet is allowed by a strict `style-src 'self'` policy, unlike <style>.
      const s = new CSSStyleSheet();
      s.replaceSync(text);
      return s;
    })
    : Promise.resolve(null);
  return sheet;
}

/** Puts the stylesheet into a shadow root: adopted, or a <link> (Safari before 16.4). */
function style(shadow, constructed) {
  if (constructed) {
    shadow.adoptedStyleSheets = [constructed];
    return [];
  }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = cssUrl.href;
  return [link];
}

// ---------------------------------------------------------------- 导出 Excel
const shadows = new WeakSet();
/**
 * The export buttons of a widget (`data-gr-export` names the table they export): the table as
 * shown — its rows after filters, its columns, less decoration and screen-reader-only text —
 * goes out as a cancelable `gr-export` event; unless the host cancels it (to make the file
 * itself), the spreadsheet module is loaded and the browser downloads the .xlsx (export.js,
 * fetched on the first press; a failure to load it or the writer fires gr-error).
 */
function exports(shadow, element, kind) {
  if (shadows.has(shadow)) return;
  shadows.add(shadow);
  shadow.addEventListener('click', (event) => {
    const button = event.target.closest?.('[data-gr-export]');
    const table = button && shadow.getElementById(button.dataset.grExport);
    if (!table) return;
    exporter().then((code) => code.exportTable(table, element, kind, () => lazily(flagged('xlsx'))))
      .catch((error) => failed(element, kind, 'export', String(error?.message ?? error)));
  });
}

/** `gr-error` from `element` for what the autoloader could not do (`load` its code, `export`): one error at `$`. */
function failed(element, kind, code, message) {
  element.dispatchEvent(new CustomEvent('gr-error', {
    bubbles: true, composed: true,
    detail: { widget: kind, errors: [{ severity: 'error', path: '$', code, message }], warnings: [] },
  }));
}

/** The export buttons' code (export.js: the table as shown, gr-export, the download), loaded on the first press. */
let exporting = null;
function exporter() {
  if (!exporting) {
    exporting = import(new URL(MANIFEST.exporter, import.meta.url).href);
    exporting.catch(() => { exporting = null; }); // a dropped connection is not for good
  }
  return exporting;
}

/** The most bytes a widget reads (its `limits` option may say otherwise): 32 MiB. */
const WIDGET_BYTES = 32 * 1024 * 1024;

/** An attribute holding JSON (`limits='{"bytes": 67108864}'`): its value, or the text itself (which the widget then refuses as an option). */
function json(text) {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** JSON text for the wasm side: strings pass as they are, anything else is stringified. */
function toText(data) {
  if (data === undefined || data === null) return null;
  if (typeof data === 'string') return data;
  return JSON.stringify(data);
}

/** mount()'s `theme` option, as the `theme` attribute the stylesheet reads on the host. */
function themed(element, options) {
  if (!element || !options || !('theme' in options)) return;
  const theme = options.theme;
  if (typeof theme === 'string' && theme) element.setAttribute('theme', theme);
  else element.removeAttribute('theme'); // theme: null, undefined or '' returns to the default look
}

/** A mounted widget. Methods may be called at once; they run after its code has loaded. */
class Handle {
  #inner = null;
  #root = null;
  #destroyed = false;

  #element;
  #picked = null; // for a kind in RICH: called with the first data, which picks the module
  #kind;
  #options;
  #wasm = null; // the module the widget is mounted from
  #lang = ''; // the lang it was last given
  #follow; // its check in `following`

  constructor(element, kind, data, options) {
    this.#element = element;
    this.#kind = kind;
    this.#options = options;
    themed(element, options);
    if (!Object.values(KINDS).includes(kind)) {
      // A mistake in the host's code, not in data: `ready` (and every call after it) rejects.
      this.ready = Promise.reject(new TypeError(`unknown widget kind "${kind}"; known: ${Object.values(KINDS).join(', ')}`));
      return;
    }
    // Without a lang option it speaks the nearest lang around its element, and follows it.
    following.set(element, (this.#follow = () => this.#wanted() !== this.#lang && this.setOptions(this.#options)));
    let code;
    if (RICH[kind] && (data === undefined || data === null)) {
      // The module is chosen by the data: with the first update() (or fail(), which the
      // smaller module shows as well as the larger), unless other kinds connecting now bring
      // a module that serves this kind whatever its data.
      hint(kind);
      code = new Promise((ok) => { this.#picked = ok; }).then((d) => moduleFor(variant(kind, d)));
    } else {
      code = moduleFor(variant(kind, data));
    }
    /** Resolves when the widget has rendered for the first time. */
    this.ready = Promise.all([code, styles()]).then(([wasm, constructed]) => {
      if (this.#destroyed) return;
      const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
      this.#root = document.createElement('div');
      this.#root.className = 'gr-root';
      shadow.replaceChildren(...style(shadow, constructed), this.#root);
      exports(shadow, element, kind);
      let text = null;
      let failure = null;
      try {
        text = toText(data);
      } catch (e) {
        failure = String(e?.message ?? e);
      }
      this.#wasm = wasm;
      this.#inner = wasm.mount(element, this.#root, kind, text, this.#text());
      if (failure) this.#inner.fail(failure);
      return drawn(this.#root);
    }, (error) => {
      // The widget's code or stylesheet could not be loaded: there is no error panel without
      // the code, so say it in plain text and tell the host.
      if (this.#destroyed) return;
      const message = String(error?.message ?? error);
      const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
      const p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.textContent = (/^en/i.test(this.#wanted()) ? 'The widget could not be loaded: ' : '组件加载失败：') + message;
      shadow.replaceChildren(p);
      failed(element, kind, 'load', message);
    });
  }

  /** The lang it should speak: its option's, else the one around its element. */
  #wanted() {
    return this.#options?.lang || langOf(this.#element);
  }

  /** The options as the module reads them: the theme is the element's attribute; the lang, the one it should speak. */
  #text() {
    const { theme, ...rest } = this.#options ?? {};
    rest.lang = this.#lang = this.#wanted();
    return JSON.stringify(rest);
  }

  #pick(data) {
    const pick = this.#picked;
    this.#picked = null;
    pick?.(data);
  }

  #then(work) {
    this.ready = this.ready.then(() => {
      if (this.#inner && !this.#destroyed) return work(this.#inner);
      return undefined;
    });
    return this.ready;
  }

  /** Replaces the data: a JSON string, or a value that JSON.stringify accepts. */
  update(data) {
    this.#pick(data);
    return this.#then((inner) => {
      let text;
      try {
        text = toText(data);
      } catch (e) {
        inner.fail(String(e?.message ?? e));
        return undefined;
      }
      if (text === null) return inner.fail('no data');
      // Data that needs the larger module of its kind (a map given cases after it was shown
      // without): mount the widget again from that module.
      const want = variant(this.#kind, text);
      if (!MANIFEST.modules[names.get(this.#wasm)]?.kinds.includes(want)) {
        return moduleFor(want).then((wasm) => {
          if (this.#destroyed) return;
          this.#inner.destroy();
          this.#inner.free();
          this.#wasm = wasm;
          this.#inner = wasm.mount(this.#element, this.#root, this.#kind, text, this.#text());
        });
      }
      return inner.update(text);
    });
  }

  /** Replaces the options: { lang, elderly, theme, label, entity, now, case, node, figure, records, reveal, limits }. */
  setOptions(options) {
    this.#options = options;
    // Recorded now, not when the module takes it: an element's own lang changed also reaches
    // the lang watcher, whose check (a microtask later) then finds nothing to do again.
    this.#lang = this.#wanted();
    themed(this.#element, options);
    return this.#then((inner) => inner.setOptions(this.#text()));
  }

  /** Shows a load failure (e.g. a failed fetch) in the error panel and fires gr-error. */
  fail(message) {
    this.#pick(null);
    return this.#then((inner) => inner.fail(String(message)));
  }

  /** Removes the widget and frees its memory. */
  destroy() {
    // (A new widget in the same element may have its own check there by now.)
    if (following.get(this.#element) === this.#follow) following.delete(this.#element);
    return this.#then((inner) => {
      this.#destroyed = true;
      inner.destroy();
      inner.free();
      this.#root?.remove();
    });
  }
}

/**
 * Evaluates a scorecard document ({ rules, entities }, as JSON text or a value) in the
 * browser with the same code as the native core; resolves to the evaluation object.
 * Rejects with an Error listing every problem (with its JSON path) for bad data.
 * Loads only the rules code, unless a module that has it is loaded already.
 */
export async function evaluate(data) {
  return JSON.parse((await having('evaluate')).evaluate(toText(data) ?? ''));
}

/**
 * Re-cuts blocks into grids or districts (片区重划) in the browser with the same code as
 * `grassroots recut --format json`: `input` a geometry document with block features (or a
 * blocks document), `options` ({ households: { min: 300, max: 500 } }, { parts: 25, … }), `org`
 * optionally the organization whose grids today's parts are; each a value or JSON text.
 * Resolves to the outcome { feasible, assignment, report, reasons, org? }; rejects with every
 * problem. Loads the map's larger module unless one that has it is loaded already.
 */
export async function recut(input, options, org) {
  return JSON.parse((await having('recut')).recut(toText(input) ?? '', toText(options) ?? '', toText(org) ?? undefined));
}

/** Mounts a widget of `kind` ('org-tree', 'scorecard', 'duty-list', 'service-board', 'case-tracker', 'dashboard', 'grid-map', 'roster-import') into `element` (inside a shadow root). */
export function mount(element, kind, data, options) {
  return new Handle(element, kind, data ?? (OPTIONAL.includes(kind) ? '' : data), options);
}

const KINDS = { 'gr-org-tree': 'org-tree', 'gr-scorecard': 'scorecard', 'gr-duty-list': 'duty-list', 'gr-service-board': 'service-board', 'gr-case-tracker': 'case-tracker', 'gr-dashboard': 'dashboard', 'gr-grid-map': 'grid-map', 'gr-roster-import': 'roster-import' };
// Kinds that work without data: the import makes a new document unless given one.
const OPTIONAL = ['roster-import'];
// A widget without its own lang (an element's attribute, mount()'s option) speaks the nearest
// one around it, and follows it when any lang in the document changes (a portal switching
// language in place, as vue-i18n and react-intl hosts do on <html>): each mounted widget's
// check, by its element, run on every such change.
const following = new Map();
const WATCHED = { attributeFilter: ['lang'], subtree: true };
const watcher = new MutationObserver(() => following.forEach((check) => check()));
watcher.observe(document.documentElement, WATCHED);

/**
 * The nearest lang around `element` (its own included), across the shadow roots it sits in (a
 * widget in a Vue or Lit component's template), each of which is then watched as the document
 * is; zh-CN when none has one.
 */
function langOf(element) {
  let node = element;
  for (; node && !node.hasAttribute?.('lang'); node = node.parentNode ?? node.host) {
    if (node instanceof ShadowRoot) watcher.observe(node, WATCHED);
  }
  return node?.getAttribute('lang') || 'zh-CN';
}

function defineWidget(tag, kind) {
  if (customElements.get(tag)) return; // another copy of the bundle got there first
  customElements.define(tag, class extends HTMLElement {
    static observedAttributes = ['lang', 'src', 'elderly', 'label', 'entity', 'now', 'case', 'node', 'figure', 'records', 'reveal', 'limits'];
    #handle = null;
    #data = undefined;
    #hasData = false;
    #fetches = 0;

    get data() { return this.#data; }
    set data(value) {
      this.#data = value;
      this.#hasData = true;
      this.#handle?.update(value);
    }

    /** The mount() handle behind this element, for update()/destroy() style control. */
    get handle() { return this.#handle; }

    connectedCallback() {
      // Moved (into a section of another language, say): the same widget, in the new place's lang.
      if (this.#handle) return following.get(this)?.();
      // Data already here (the property, or an inline script) goes in with the mount, so that
      // a kind whose module depends on its data picks it at once.
      // The import without a src makes a new document at once; with one, it waits for it (a
      // file chosen before it came would be dropped with the form it was chosen in).
      const initial = this.#hasData ? this.#data : this.#inline() ?? (OPTIONAL.includes(kind) && !this.hasAttribute('src') ? '' : undefined);
      this.#handle = new Handle(this, kind, initial, this.#options());
      if (initial === undefined) this.#load();
    }

    disconnectedCallback() {
      // Moving an element fires disconnect then connect; only a real removal destroys.
      queueMicrotask(() => {
        if (!this.isConnected && this.#handle) {
          this.#handle.destroy();
          this.#handle = null;
        }
      });
    }

    attributeChangedCallback(name, before, after) {
      if (!this.#handle || before === after) return;
      if (name === 'src') this.#load();
      else this.#handle.setOptions(this.#options());
    }

    /** The data given inline (a `<script type="application/json">` child): its text, or undefined. */
    #inline() {
      return this.querySelector(':scope > script[type="application/json"]')?.textContent;
    }

    #options() {
      const options = { elderly: this.hasAttribute('elderly'), reveal: this.hasAttribute('reveal'), limits: json(this.getAttribute('limits')) };
      for (const name of ['label', 'entity', 'now', 'case', 'node', 'figure', 'records']) options[name] = this.getAttribute(name) ?? undefined;
      return options;
    }

    #load() {
      if (this.#hasData) return this.#handle.update(this.#data);
      const inline = this.#inline();
      if (inline !== undefined) return this.#handle.update(inline);
      const src = this.getAttribute('src');
      if (!src && OPTIONAL.includes(kind)) return undefined;
      if (!src) return this.#handle.fail('no data: give a src attribute, an inline <script type="application/json"> or the .data property');
      const fetchNo = ++this.#fetches;
      const max = this.#options().limits?.bytes ?? WIDGET_BYTES;
      fetch(new URL(src, document.baseURI))
        .then(async (response) => {
          if (!response.ok) throw new Error(`${src}: HTTP ${response.status}`);
          // Over the limit: not read (a declared length first, so a huge file is not fetched).
          const over = (n) => new Error(`${src}: ${n} bytes, over the limit of ${max} bytes (limits.bytes); not read`);
          const declared = Number(response.headers.get('content-length'));
          if (declared > max && !response.headers.get('content-encoding')) {
            response.body?.cancel();
            throw over(declared);
          }
          const bytes = await response.arrayBuffer();
          if (bytes.byteLength > max) throw over(bytes.byteLength);
          // Bytes that are not UTF-8 are an error, not silently replaced (a BOM is dropped).
          try {
            return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
          } catch {
            throw new Error(`${src}: not UTF-8 text (save the file as UTF-8)`);
          }
        })
        .then(
          (text) => { if (fetchNo === this.#fetches && !this.#hasData) this.#handle?.update(text); },
          (error) => { if (fetchNo === this.#fetches && !this.#hasData) this.#handle?.fail(error.message.includes(src) ? error.message : `${src}: ${error.message}`); },
        );
    }
  });
}

for (const [tag, kind] of Object.entries(KINDS)) defineWidget(tag, kind);
