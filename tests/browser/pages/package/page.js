// The dashboard and the map of grids through their data property, a widget through mount(),
// and evaluate(): the package's API as a portal page uses it, imported by the URL the package
// is served at.
import { evaluate, mount } from '/grassroots/grassroots.js';

const get = (path) => fetch(path).then((r) => r.text());
const [org, hotline, geo] = await Promise.all([
  get('/fixtures/tree/valid/laifeng-shengli.json'),
  get('/fixtures/rules/scorecards/hotline.json'),
  get('/fixtures/geo/widget/shengli.json'),
]);
const dash = document.createElement('gr-dashboard');
dash.id = 'dash';
dash.setAttribute('elderly', '');
dash.data = { org: JSON.parse(org) };
document.getElementById('dash-here').replaceWith(dash);

const map = document.createElement('gr-grid-map');
map.id = 'map';
map.setAttribute('figure', 'population');
map.setAttribute('node', 'sl');
map.setAttribute('theme', 'blue');
map.data = { org: JSON.parse(org), geo: JSON.parse(geo) };
document.getElementById('map-here').replaceWith(map);

const handle = mount(document.getElementById('mounted'), 'org-tree', org, { lang: 'en', theme: 'high-contrast' });
window.__mounted = handle.ready.then(() => 'ready');
window.__evaluation = evaluate(hotline);
