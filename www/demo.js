// The demo page's own script: the widget module, plus what a portal would do with events.
import './grassroots/grassroots.js';

const log = document.getElementById('events');
function record(name, detail) {
  const item = document.createElement('li');
  const label = name === 'gr-select' ? `${detail.name}(${detail.id})` : `${detail.errors.length} 个错误`;
  item.textContent = `${name}: ${label}`; // text, never markup
  log.prepend(item);
  while (log.children.length > 8) log.lastElementChild.remove();
}
for (const name of ['gr-select', 'gr-error']) document.addEventListener(name, (e) => record(name, e.detail));

const trees = () => document.querySelectorAll('gr-org-tree, gr-scorecard');
const langButton = document.getElementById('lang-toggle');
langButton.addEventListener('click', () => {
  const english = langButton.getAttribute('aria-pressed') !== 'true';
  langButton.setAttribute('aria-pressed', String(english));
  for (const tree of trees()) tree.setAttribute('lang', english ? 'en' : 'zh-CN');
});
const elderlyButton = document.getElementById('elderly-toggle');
elderlyButton.addEventListener('click', () => {
  const on = elderlyButton.getAttribute('aria-pressed') !== 'true';
  elderlyButton.setAttribute('aria-pressed', String(on));
  document.body.classList.toggle('elderly', on);
  for (const tree of trees()) tree.toggleAttribute('elderly', on);
});
