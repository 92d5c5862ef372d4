// A re-cut that cannot be read: the 胜利 tree and its grids' geometry (no blocks), with a
// households range whose minimum is above its maximum.
const get = (path) => fetch(path).then((r) => r.json());
const [org, geo] = await Promise.all([get('/fixtures/tree/valid/laifeng-shengli.json'), get('/fixtures/geo/widget/shengli.json')]);
await customElements.whenDefined('gr-grid-map');
const element = document.createElement('gr-grid-map');
element.id = 'broken';
element.data = { org, geo, recut: { households: { min: 500, max: 300 } } };
document.getElementById('broken-here').replaceWith(element);
