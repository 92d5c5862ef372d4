// Every widget given its document through the `.data` property (set before the element is
// connected, so that it never shows "no data"): #data-org-tree, #data-scorecard, …
const get = (path) => fetch(path).then((r) => r.json());
const [org, fiveStar, lists, services, tianyuan, cases] = await Promise.all([
  get('/fixtures/tree/valid/laifeng-shengli.json'),
  get('/fixtures/rules/scorecards/five-star.json'),
  get('/fixtures/lists/valid/laifeng-2021.json'),
  get('/fixtures/services/valid/tianyuan-2026.json'),
  get('/fixtures/services/tianyuan-org.json'),
  get('/fixtures/cases/valid/season-shengli.json'),
]);
const widgets = [
  ['gr-org-tree', org, {}],
  ['gr-scorecard', fiveStar, {}],
  ['gr-duty-list', lists, {}],
  ['gr-service-board', { services, org: tianyuan }, {}],
  // A fixed "now" before every deadline of the season that is still running.
  ['gr-case-tracker', cases, { now: '2026-08-31T18:00:00+08:00' }],
  ['gr-dashboard', { org, cases, period: { from: '2026-06-01', to: '2026-09-01' } }, {}],
];
await Promise.all(widgets.map(([tag]) => customElements.whenDefined(tag)));
const here = document.getElementById('widgets-here');
for (const [tag, data, attributes] of widgets) {
  const element = document.createElement(tag);
  element.id = `data-${tag.slice(3)}`;
  for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, v);
  element.data = data;
  here.before(element);
}
here.remove();
// The tests give the tree new data through the property.
window.__org = org;
