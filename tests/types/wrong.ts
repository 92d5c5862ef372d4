// Deliberate mistakes a portal team could make; each line marked `// error:` must fail to
// compile, and no other line may (tests/types/check.mjs). If the declarations were loose
// (`any` data, options or details), these would compile and the check would fail.
import { evaluate, mount, recut } from 'grassroots-widgets';
import type { ElementAttributesMap, GeoDocument, OrganizationDocument, ScorecardDocument } from 'grassroots-widgets';

declare const org: OrganizationDocument;
declare const card: ScorecardDocument;
const div = document.createElement('div');
const tree = document.createElement('gr-org-tree');
const board = document.createElement('gr-service-board');
const tracker = document.createElement('gr-case-tracker');
const map = document.createElement('gr-grid-map');
const scorecard = document.createElement('gr-scorecard');
const importer = document.createElement('gr-roster-import');
declare const geo: GeoDocument;

mount(div, 'org-tree', org, { lang: 'en', eldery: true }); // error: a misspelt option
board.addEventListener('gr-claim', (e) => console.log(e.detail.demnad)); // error: a wrong detail field
document.addEventListener('gr-transition', (e) => console.log(e.detail.state)); // error: gr-transition says `step`, not `state`
tree.addEventListener('gr-select', (e) => console.log(e.detail.tier)); // error: the tree's gr-select has no tier (that is the scorecard's)
board.addEventListener('gr-select', (e) => console.log(e.detail.id)); // error: the board fires no gr-select
mount(div, 'org-tree', org, { entity: 'c01' }); // error: `entity` is a scorecard option
mount(div, 'scorecard', org); // error: a scorecard needs { rules, entities }
mount(div, 'org-tree', org, { theme: 'green' }); // error: no such theme preset
mount(div, 'org-chart', org); // error: no such widget kind
tree.data = 42; // error: data is a document or JSON text
tree.handle?.update({ nodes: 'sl' }); // error: nodes is an array of records
tracker.data = { cases: [{ id: 'x', title: 't' }] }; // error: a case needs category, node, source, urgency, opened
mount(div, 'dashboard', { org, cases: { cases: [] } }); // error: cases need a period
void evaluate({ rules: card.rules }); // error: evaluate needs the entities too
mount(div, 'case-tracker', null, { now: 1756634400 }); // error: now is RFC 3339 text
tree.addEventListener('gr-error', (e) => console.log(e.detail.problems)); // error: the problems are `errors` and `warnings`
const attributes: ElementAttributesMap['gr-org-tree'] = { entity: 'c01' }; // error: the tree has no entity attribute
mount(div, 'grid-map', { org, geo }, { figure: 'household' }); // error: a misspelt figure (households)
mount(div, 'grid-map', { org, geo }, { figures: 'population' }); // error: a misspelt option
mount(div, 'grid-map', { org }); // error: the map needs its geometry
map.addEventListener('gr-select', (e) => console.log(e.detail.grid)); // error: the map's gr-select says `id` and `kind`, not `grid`
map.addEventListener('gr-select', (e) => console.log(e.detail.path)); // error: the map's gr-select has no path (that is the tree's)
map.data = { org, geo: { type: 'FeatureCollection', crs: 'epsg3857', features: [] } }; // error: no such crs
map.data = { org, geo: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { gird: 'g1' }, geometry: { type: 'Polygon', coordinates: [] } }] } }; // error: a feature names a grid, node or block
map.data = { org, geo: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { grid: 'g1' }, geometry: { type: 'Point', coordinates: [109.4, 29.4] } }] } }; // error: only polygons are drawn
mount(div, 'dashboard', { org }, { figure: 'households' }); // error: `figure` is the map's option, not the dashboard's
const mapAttributes: ElementAttributesMap['gr-grid-map'] = { figure: 'overdue' }; // error: no such figure
mount(div, 'roster-import', null, { records: 'member' }); // error: a misspelt records value (members)
const importAttributes: ElementAttributesMap['gr-roster-import'] = { records: 'people' }; // error: no such records value
mount(div, 'roster-import', org, { figure: 'members' }); // error: `figure` is the map's option, not the import's
importer.data = card; // error: the import takes an organization or a lists document
importer.addEventListener('gr-select', (e) => console.log(e.detail.id)); // error: the import fires no gr-select
importer.addEventListener('gr-import', (e) => console.log(e.detail.rows)); // error: gr-import says `count` and `document`
importer.addEventListener('gr-error', (e) => console.log(e.detail.errors[0]?.path)); // error: a file's problems have no JSON path
scorecard.addEventListener('gr-import', (e) => console.log(e.detail.document)); // error: only the import fires gr-import
tree.addEventListener('gr-export', (e) => console.log(e.detail.sheets)); // error: the tree has no table to export
scorecard.addEventListener('gr-export', (e) => console.log(e.detail.sheets[0]?.rows[0]?.[0]?.toFixed())); // error: a cell may be text, null, a date or a share
document.addEventListener('gr-export', (e) => console.log(e.detail.filename)); // error: the detail says `file`
mount(div, 'scorecard', card, { reveal: true }); // error: `reveal` is the service board's option
mount(div, 'service-board', null, { reveal: 'yes' }); // error: reveal is a boolean
void recut(geo, { households: { min: 300, maximum: 500 } }); // error: a range says `max`, not `maximum`
void recut(geo, { households: { min: 300, max: 500 } }).then((o) => o.report.moved_block); // error: the report says `moved_blocks`
