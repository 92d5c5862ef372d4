// Grassroots widgets for government portals.
//
//   <script type="module" src="/grassroots/grassroots.js"></script>
//   <gr-org-tree src="/data/tree.json" lang="zh-CN"></gr-org-tree>
//   <gr-scorecard src="/data/scorecard.json" entity="c01"></gr-scorecard>
//   <gr-duty-list src="/data/lists.json"></gr-duty-list>   (or {"old": …, "new": …} for a diff)
//   <gr-service-board src="/data/services.json"></gr-service-board>   (or {"services": …, "org": …})
//   <gr-case-tracker src="/data/cases.json" case="sl-0831-pipe"></gr-case-tracker>
//
// or, where custom elements are not an option:
//
//   import { mount } from '/grassroots/grassroots.js';
//   const handle = mount(div, 'org-tree', data, { lang: 'en' });
//   handle.update(newData); handle.destroy();
//
// This module loads the WebAssembly once, however many widgets a page has. Data is JSON:
// an inline <script type="application/json"> child, a `src` URL, or the `.data` property.
// Events (all bubbling and composed): gr-select, gr-error; from <gr-service-board> gr-claim and
// gr-transition, which ask the host to save (the widget shows them pending until update()).
import init, * as wasm from './grassroots_wasm.js';

let loading = null;

/** Loads and instantiates the wasm module; every caller shares the one instance. */
export function ready() {
  loading ??= init({ module_or_path: new URL('./grassroots_wasm_bg.wasm', import.meta.url) });
  return loading;
}

let sheet = null;
function styles() {
  // A constructed stylesheet is allowed by a strict `style-src 'self'` policy, unlike <style>.
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(wasm.stylesheet());
  }
  return sheet;
}

/** JSON text for the wasm side: strings pass as they are, anything else is stringified. */
function toText(data) {
  if (data === undefined || data === null) return null;
  if (typeof data === 'string') return data;
  return JSON.stringify(data);
}

/** mount()'s `theme` option, as the `theme` attribute the stylesheet reads on the host. */
function themed(element, options) {
  const theme = options?.theme;
  if (element && typeof theme === 'string') element.setAttribute('theme', theme);
}

/** A mounted widget. Methods may be called at once; they run after the wasm has loaded. */
class Handle {
  #inner = null;
  #root = null;
  #destroyed = false;

  #element;

  constructor(element, kind, data, options) {
    this.#element = element;
    themed(element, options);
    /** Resolves when the widget has rendered for the first time. */
    this.ready = ready().then(() => {
      if (this.#destroyed) return;
      const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
      shadow.adoptedStyleSheets = [styles()];
      this.#root = document.createElement('div');
      this.#root.className = 'gr-root';
      shadow.replaceChildren(this.#root);
      let text = null;
      let failure = null;
      try {
        text = toText(data);
      } catch (e) {
        failure = String(e?.message ?? e);
      }
      this.#inner = wasm.mount(element, this.#root, kind, text, options ?? {});
      if (failure) this.#inner.fail(failure);
    });
  }

  #then(work) {
    this.ready = this.ready.then(() => {
      if (this.#inner && !this.#destroyed) work(this.#inner);
    });
    return this.ready;
  }

  /** Replaces the data: a JSON string, or a value that JSON.stringify accepts. */
  update(data) {
    return this.#then((inner) => {
      let text;
      try {
        text = toText(data);
      } catch (e) {
        inner.fail(String(e?.message ?? e));
        return;
      }
      if (text === null) inner.fail('no data');
      else inner.update(text);
    });
  }

  /** Replaces the options: { lang, elderly, theme, label, entity, now, case, node }. */
  setOptions(options) {
    themed(this.#element, options);
    return this.#then((inner) => inner.setOptions(options ?? {}));
  }

  /** Shows a load failure (e.g. a failed fetch) in the error panel and fires gr-error. */
  fail(message) {
    return this.#then((inner) => inner.fail(String(message)));
  }

  /** Removes the widget and frees its memory. */
  destroy() {
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
 */
export async function evaluate(data) {
  await ready();
  return JSON.parse(wasm.evaluate(toText(data) ?? ''));
}

/** Mounts a widget of `kind` ('org-tree', 'scorecard', 'duty-list', 'service-board', 'case-tracker') into `element` (inside a shadow root). */
export function mount(element, kind, data, options) {
  return new Handle(element, kind, data, options);
}

const KINDS = { 'gr-org-tree': 'org-tree', 'gr-scorecard': 'scorecard', 'gr-duty-list': 'duty-list', 'gr-service-board': 'service-board', 'gr-case-tracker': 'case-tracker', 'gr-dashboard': 'dashboard' };

function defineWidget(tag, kind) {
  if (customElements.get(tag)) return; // another copy of the bundle got there first
  customElements.define(tag, class extends HTMLElement {
    static observedAttributes = ['lang', 'src', 'elderly', 'label', 'entity', 'now', 'case', 'node'];
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
      if (this.#handle) return;
      this.#handle = mount(this, kind, undefined, this.#options());
      this.#load();
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

    #options() {
      const lang = this.getAttribute('lang') ?? this.parentElement?.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
      return {
        lang: lang || 'zh-CN',
        elderly: this.hasAttribute('elderly'),
        label: this.getAttribute('label') ?? undefined,
        entity: this.getAttribute('entity') ?? undefined,
        now: this.getAttribute('now') ?? undefined,
        case: this.getAttribute('case') ?? undefined,
        node: this.getAttribute('node') ?? undefined,
      };
    }

    #load() {
      if (this.#hasData) return this.#handle.update(this.#data);
      const inline = this.querySelector(':scope > script[type="application/json"]');
      if (inline) return this.#handle.update(inline.textContent);
      const src = this.getAttribute('src');
      if (!src) return this.#handle.fail('no data: give a src attribute, an inline <script type="application/json"> or the .data property');
      const fetchNo = ++this.#fetches;
      fetch(new URL(src, document.baseURI))
        .then((response) => {
          if (!response.ok) throw new Error(`${src}: HTTP ${response.status}`);
          return response.text();
        })
        .then(
          (text) => { if (fetchNo === this.#fetches && !this.#hasData) this.#handle?.update(text); },
          (error) => { if (fetchNo === this.#fetches && !this.#hasData) this.#handle?.fail(error.message.includes(src) ? error.message : `${src}: ${error.message}`); },
        );
    }
  });
}

for (const [tag, kind] of Object.entries(KINDS)) defineWidget(tag, kind);
