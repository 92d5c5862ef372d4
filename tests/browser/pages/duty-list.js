// Adds #diff, given two versions of the lists as {"old": …, "new": …}, and #broken-pair, a
// pair whose old version is broken, through the .data property (set before the element is
// connected, so that it never shows "no data").
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
