// The demo pages' own script: the widget module, plus what a portal would do with events.
import './grassroots/grassroots.js';

const WIDGETS = 'gr-dashboard, gr-grid-map, gr-org-tree, gr-scorecard, gr-duty-list, gr-service-board, gr-case-tracker, gr-roster-import';
const log = document.getElementById('events');

// The page's language (each page is in zh-CN or English: NAME.html and NAME.en.html).
const english = document.documentElement.lang === 'en';

/** What the event log says of an event, in the page's language. */
function label(name, detail) {
  switch (name) {
    case 'gr-select': return english ? `${detail.name ?? detail.title ?? ''} (${detail.id})` : `${detail.name ?? detail.title ?? ''}（${detail.id}）`;
    case 'gr-claim': return english ? `demand ${detail.demand} → ${detail.offer}` : `需求 ${detail.demand} → ${detail.offer}`;
    case 'gr-transition': return english ? `${detail.claim}: ${detail.from} → ${detail.step}` : `${detail.claim}：${detail.from} → ${detail.step}`;
    case 'gr-import': return english ? `${detail.count} records of ${detail.file} (for the page to save)` : `${detail.file} 的 ${detail.count} 条记录（请由页面保存）`;
    case 'gr-export': return english ? `${detail.title}: ${detail.sheets[0].rows.length} rows` : `${detail.title}：${detail.sheets[0].rows.length} 行`;
    default: return english ? `${detail.errors.length} errors` : `${detail.errors.length} 个错误`;
  }
}

function record(name, detail) {
  if (!log) return;
  const item = document.createElement('li');
  item.textContent = `${name}: ${label(name, detail)}`; // text, never markup
  log.prepend(item);
  while (log.children.length > 8) log.lastElementChild.remove();
}
for (const name of ['gr-select', 'gr-claim', 'gr-transition', 'gr-error', 'gr-import', 'gr-export']) {
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
