// Adds #diff, given two versions of the lists as {"old": …, "new": …}, #broken-pair, a
// pair whose old version is broken, #warned, a pair whose new version has two items introduced
// after the day it takes effect (two warnings), and #many, the 2021 lists said to take effect
// in 2019 (a warning for every later date), through the .data property (set before the element
// is connected, so that it never shows "no data").
const get = (path) => fetch(path).then((r) => r.json());
const [old, now, broken] = await Promise.all([
  get('/fixtures/lists/valid/laifeng-2020.json'),
  get('/fixtures/lists/valid/laifeng-2021.json'),
  get('/fixtures/lists/broken/references.json'),
]);
await customElements.whenDefined('gr-duty-list');
function add(id, label, data) {
  const element = document.createElement('gr-duty-list');
  element.id = id;
  if (label) element.setAttribute('label', label);
  element.data = data;
  document.getElementById(`${id}-here`).replaceWith(element);
}
add('diff', '来凤县翔凤镇清单 2020 → 2021', { old, new: now });
add('broken-pair', null, { old: broken, new: now });
const late = structuredClone(now);
for (const id of ['cert-residence', 'self-meeting']) late.items.find((i) => i.id === id).introduced = '2021-09-01';
add('warned', null, { old, new: late });
add('many', null, { ...now, effective: '2019-01-01' });
