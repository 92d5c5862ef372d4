// Adds the maps whose data is assembled from fixtures through the .data property: #full (the
// 胜利 tree, its grids' geometry, a season of cases and a scorecard whose entities are the
// tree's districts), coloured by overdue clocks; #english (lang=en, by households) and
// #elderly. One grid's name is markup, which must render as text.
const get = (path) => fetch(path).then((r) => r.json());
const [org, geo, cases, hotline] = await Promise.all([
  get('/fixtures/tree/valid/laifeng-shengli.json'),
  get('/fixtures/geo/widget/shengli.json'),
  get('/fixtures/cases/valid/season-shengli.json'),
  get('/fixtures/rules/scorecards/hotline.json'),
]);
for (const grid of org.grids) if (grid.id === 'g4') grid.name = '<img src=x onerror=alert(1)>';
const ids = ['sl-d1', 'sl-d2', 'sl-d3', 'sl-d4', 'sl-d5', 'sl'];
hotline.entities.forEach((e, i) => { e.id = ids[i]; });
const data = { org, geo, cases, period: { from: '2026-06-01', to: '2026-09-01' }, scorecard: hotline };
await customElements.whenDefined('gr-grid-map');
function add(id, attributes) {
  const element = document.createElement('gr-grid-map');
  element.id = id;
  for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, v);
  element.data = data;
  document.getElementById(`${id}-here`).replaceWith(element);
}
add('full', { label: '胜利社区网格地图', figure: 'overdue-clocks' });
add('english', { lang: 'en', figure: 'households' });
add('elderly', { elderly: '', figure: 'star-tier' });
