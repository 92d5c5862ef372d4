// The demo pages' own script: the widget module, plus what a portal would do with events.
import './grassroots/grassroots.js';

const WIDGETS = 'gr-dashboard, gr-grid-map, gr-org-tree, gr-scorecard, gr-duty-list, gr-service-board, gr-case-tracker, gr-roster-import';
const log = document.getElementById('events');

// The page's language (each page is in zh-CN or English: NAME.html and NAME.en.html).
const language = document.documentElement.lang === 'en' ? 'en' : 'zh-CN';

/** What the event log says of each event, in both languages; the page's is used. */
const LABELS = {
  'gr-select': {
    'zh-CN': (d) => `${d.name ?? d.title ?? ''}（${d.id}）`,
    en: (d) => `${d.name ?? d.title ?? ''} (${d.id})`,
  },
  'gr-claim': {
    'zh-CN': (d) => `需求 ${d.demand} → ${d.offer}`,
    en: (d) => `demand ${d.demand} → ${d.offer}`,
  },
  'gr-transition': {
    'zh-CN': (d) => `${d.claim}：${d.from} → ${d.step}`,
    en: (d) => `${d.claim}: ${d.from} → ${d.step}`,
  },
  'gr-error': {
    'zh-CN': (d) => `${d.errors.length} 个错误`,
    en: (d) => `${d.errors.length} errors`,
  },
  'gr-import': {
    'zh-CN': (d) => `${d.file} 的 ${d.count} 条记录（请由页面保存）`,
    en: (d) => `${d.count} records of ${d.file} (for the page to save)`,
  },
  'gr-export': {
    'zh-CN': (d) => `${d.title}：${d.sheets[0].rows.length} 行`,
    en: (d) => `${d.title}: ${d.sheets[0].rows.length} rows`,
  },
};

function record(name, detail) {
  if (!log) return;
  const item = document.createElement('li');
  item.textContent = `${name}: ${LABELS[name][language](detail)}`; // text, never markup
  log.prepend(item);
  while (log.children.length > 8) log.lastElementChild.remove();
}
for (const name of Object.keys(LABELS)) {
  document.addEventListener(name, (e) => record(name, e.detail));
}

const widgets = () => document.querySelectorAll(WIDGETS);

// The visitor's display settings, kept from page to page (and in the other language's pages)
// in this browser: someone who needs large text turns it on once, not on every page. Storage
// refused (a private window, a policy) only means each page starts as it is.
const KEPT = 'grassroots-demo-settings';
function kept() {
  try { return JSON.parse(localStorage.getItem(KEPT) ?? '{}') ?? {}; } catch { return {}; }
}
function keep(name, on) {
  try { localStorage.setItem(KEPT, JSON.stringify({ ...kept(), [name]: on })); } catch { /* not kept */ }
}

/** A toggle button of the page: `apply(on)` does what it says; its state is kept. */
function toggle(id, name, apply) {
  const button = document.getElementById(id);
  if (!button) return;
  const set = (on) => {
    button.setAttribute('aria-pressed', String(on));
    apply(on);
  };
  if (kept()[name] === true) set(true);
  button.addEventListener('click', () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    set(on);
    keep(name, on);
  });
}
toggle('elderly-toggle', 'elderly', (on) => {
  document.body.classList.toggle('elderly', on);
  for (const widget of widgets()) widget.toggleAttribute('elderly', on);
});
toggle('theme-toggle', 'theme', (on) => {
  for (const widget of widgets()) {
    if (on) widget.setAttribute('theme', 'blue');
    else widget.removeAttribute('theme');
  }
});

// The embed page's mount() example, as its snippet shows it (kept in this file, not inline, so
// that the page itself runs under a strict CSP).
const mountDemo = document.getElementById('mount-demo');
if (mountDemo) {
  const { mount } = await import('./grassroots/grassroots.js');
  const data = await (await fetch('data/county-five-star.json')).json();
  mount(mountDemo, 'scorecard', data, { lang: 'en' });
}
