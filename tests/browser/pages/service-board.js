// Adds #board, given the 田园镇 services document with its organization as
// {"services": …, "org": …} through the .data property (set before the element is connected),
// and records gr-claim and gr-transition like the harness records gr-select and gr-error.
for (const name of ['gr-claim', 'gr-transition']) {
  document.addEventListener(name, (e) => window.__events?.push({
    name, target: e.target.id, detail: e.detail, bubbles: e.bubbles, composed: e.composed,
  }));
}
const get = (path) => fetch(path).then((r) => r.json());
const [services, org] = await Promise.all([
  get('/fixtures/services/valid/tianyuan-2026.json'),
  get('/fixtures/services/tianyuan-org.json'),
]);
await customElements.whenDefined('gr-service-board');
const element = document.createElement('gr-service-board');
element.id = 'board';
element.setAttribute('label', '田园镇需求认领');
element.data = { services, org };
document.getElementById('board-here').replaceWith(element);
// The tests play the host: they save by calling update() with new data.
window.__board = { services, org };
