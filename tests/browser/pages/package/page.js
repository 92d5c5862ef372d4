// The dashboard through its data property, a widget through mount(), and evaluate(): the
// package's API as a portal page uses it, imported by the URL the package is served at.
import { evaluate, mount } from '/grassroots/grassroots.js';

const get = (path) => fetch(path).then((r) => r.text());
const [org, hotline] = await Promise.all([get('/fixtures/tree/valid/laifeng-shengli.json'), get('/fixtures/rules/scorecards/hotline.json')]);
const dash = document.createElement('gr-dashboard');
dash.id = 'dash';
dash.setAttribute('elderly', '');
dash.data = { org: JSON.parse(org) };
document.getElementById('dash-here').replaceWith(dash);

const handle = mount(document.getElementById('mounted'), 'org-tree', org, { lang: 'en', theme: 'high-contrast' });
window.__mounted = handle.ready.then(() => 'ready');
window.__evaluation = evaluate(hotline);
