// Adds the dashboards whose data is assembled from several fixtures through the .data property:
// #full (the 胜利 tree, a season of cases, and a scorecard whose entities are the tree's
// districts: the hotline fixture's entities renamed), #english (lang=en, starting at sl-d5)
// and #elderly. One node's name is markup, which must render as text.
const get = (path) => fetch(path).then((r) => r.json());
const [org, cases, hotline] = await Promise.all([
  get('/fixtures/tree/valid/laifeng-shengli.json'),
  get('/fixtures/cases/valid/season-shengli.json'),
  get('/fixtures/rules/scorecards/hotline.json'),
]);
for (const node of org.nodes) if (node.id === 'sl-d4-g1') node.name = '<img src=x onerror=alert(1)>';
const ids = ['sl-d1', 'sl-d2', 'sl-d3', 'sl-d4', 'sl-d5', 'sl'];
hotline.entities.forEach((e, i) => { e.id = ids[i]; });
const data = { org, cases, period: { from: '2026-06-01', to: '2026-09-01' }, scorecard: hotline };
await customElements.whenDefined('gr-dashboard');
function add(id, attributes) {
  const element = document.createElement('gr-dashboard');
  element.id = id;
  for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, v);
  element.data = data;
  document.getElementById(`${id}-here`).replaceWith(element);
}
add('full', { label: '胜利社区一屏统览' });
add('english', { lang: 'en', node: 'sl-d5' });
add('elderly', { elderly: '' });
// An organization with compounds, property companies, teams and 包保 (issue 16), alone.
const domain = document.createElement('gr-dashboard');
domain.id = 'domain';
domain.data = { org: await (await fetch('/fixtures/tree/valid/laifeng-baobao-teams.json')).json() };
document.getElementById('domain-here').replaceWith(domain);
