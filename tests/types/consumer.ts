// A portal team's TypeScript against the package's declarations: every element, property,
// option and event, compiled with `tsc --noEmit --strict` (tests/types/check.mjs). Nothing
// here runs; it must only type-check, and every use must be one the widgets really support.
import { evaluate, mount, ready, recut } from 'grassroots-widgets';
import { mount as mountTree } from 'grassroots-widgets/gr-org-tree';
import 'grassroots-widgets/gr-scorecard';
import 'grassroots-widgets/gr-duty-list';
import 'grassroots-widgets/gr-service-board';
import 'grassroots-widgets/gr-case-tracker';
import 'grassroots-widgets/gr-dashboard';
import 'grassroots-widgets/gr-grid-map';
import 'grassroots-widgets/gr-roster-import';
import type {
  RecutOutcome,
  CaseTrackerSelectDetail,
  CasesDocument,
  ClaimDetail,
  DashboardData,
  ElementAttributesMap,
  ErrorDetail,
  Evaluation,
  ExportCell,
  ExportDetail,
  Figure,
  GeoDocument,
  GridMapData,
  GridMapOptions,
  GridMapSelectDetail,
  GrWidgetElement,
  ImportDetail,
  ImportProblem,
  ImportRecords,
  ListsDocument,
  OrganizationDocument,
  ProblemEntry,
  RosterImportOptions,
  ScorecardDocument,
  ServicesDocument,
  TransitionDetail,
  WidgetHandle,
  WidgetKind,
} from 'grassroots-widgets';

const org: OrganizationDocument = {
  schema: 'laifeng',
  nodes: [
    { id: 'sl', name: '胜利社区党委', level: 'community', code: '422827001001', committee: { part_time: [{ name: '覃建军', unit: 'u-tax' }] } },
    { id: 'sl-d1', name: '胜利街片区党支部', level: 'district', parent: 'sl', grid: 'g1' },
  ],
  grids: [{ id: 'g1', code: '42282700100101', community: 'sl', households: 420, workers: [{ name: '向红', phone: '13907181234' }] }],
  members: [{ id: 'm1', name: '彭光明', kind: 'mobile', flow: 'in', node: 'sl-d1', grid: 'g1' }],
  units: [{ id: 'u-tax', name: '县税务局', kind: 'reporting', community: 'sl', big_committee: true, agreements: [{ title: '共建协议', start: '2026-01-01', end: '2026-12-31' }] }],
  post_categories: [{ id: 'pc1', name: '志愿者服务岗', posts: [{ id: 'p1', name: '民事调解员' }] }],
};
const scorecard: ScorecardDocument = {
  rules: {
    id: 'hotline-rates', version: '2026', effective: { from: '2026-01-01', to: '2026-12-31' }, entity: 'community',
    facts: [{ name: 'cases_total', type: 'integer', unit: 'times', zh: '案件数', en: 'cases' }],
    eligible: { when: { '>=': [{ var: 'cases_total' }, 10] }, zh: '案件数不少于 10 件', en: 'at least 10 cases' },
    sections: [{ id: 's1', zh: '响应', en: 'response', max: 20, indicators: [{ id: 'response', zh: '响应率', en: 'response rate', expr: { var: 'response_rate' }, bands: [{ min: 1, points: 20 }] }] }],
    vetoes: [{ id: 'v1', zh: '重大事故', en: 'major accident', when: { var: 'accident' }, voids: 'rating' }],
    bonuses: [{ id: 'b1', zh: '加分', en: 'bonus', when: true, points: 2, section: 's1' }],
    outcome: { pass: { each_section: 10, total: 60 }, excellence: { each_section: 15, total: 85, top_share: 0.1 } },
  },
  entities: [{ id: 'c01', name: '胜利社区', facts: { cases_total: 40, response_rate: 1 } }],
};
const lists: ListsDocument = {
  id: 'laifeng', version: '2021', effective: '2021-03-01', schema: 'laifeng',
  items: [{
    id: 'c-alive', name: '健在证明', kind: 'certificate', level: 'community', aliases: ['生存证明'],
    materials: ['居民身份证', { item: 'c-residence' }], channels: { one_window: true, online: true },
    status: { state: 'abolished', since: '2021-03-01', by: '来政办发〔2021〕8号', instead: ['data_sharing'] },
  }],
  roles: [{ id: 'secretary', name: '书记', duties: ['c-alive'] }],
};
const services: ServicesDocument = {
  demands: [{ id: 'd1', category: '助老', grid: 'g1', urgency: 'urgent', raised_by: { name: '王秀英', phone: '13812345678' }, raised_at: '2026-07-03T08:10:00+08:00', description: '陪同就医' }],
  offers: [{ id: 'o1', provider: { kind: 'unit', id: 'u-tax' }, categories: ['助老'], capacity_per_month: 4, area: { communities: ['sl'] } }],
  claims: [{ id: 'cl1', demand: 'd1', offer: 'o1', provider: { kind: 'unit', id: 'u-tax' }, history: [{ step: 'ordered', at: '2026-07-03T08:20:00+08:00', by: '王秀英' }] }],
  ledger: [{ id: 'r1', provider: { kind: 'member', id: 'm1' }, date: '2026-07-04', hours: 2, kind: 'service', claim: 'cl1' }],
  targets: { member_hours: 12, providers: [{ provider: { kind: 'unit', id: 'u-tax' }, hours: 40 }] },
};
const cases: CasesDocument = {
  profiles: ['1310'],
  routing: 'changning',
  cases: [{
    id: 'sl-0831-pipe', title: '水管爆裂', category: 'utilities', node: 'g1', source: 'resident', urgency: 'emergency',
    opened: '2026-08-31T17:55:00+08:00',
    steps: [{ step: 'collect', at: '2026-08-31T17:56:00+08:00', by: '向红' }],
    events: [{ event: 'contact_known', at: '2026-08-31T17:55:30+08:00' }],
  }],
};
const geo: GeoDocument = {
  type: 'FeatureCollection',
  crs: 'gcj02',
  features: [
    { type: 'Feature', properties: { node: 'sl', name: '胜利社区' }, geometry: { type: 'Polygon', coordinates: [[[109.40, 29.40], [109.42, 29.40], [109.42, 29.42], [109.40, 29.42], [109.40, 29.40]]] } },
    { type: 'Feature', id: 1, properties: { grid: 'g1', households: 420, population: 1310, survey: '2026-05' }, geometry: { type: 'MultiPolygon', coordinates: [[[[109.40, 29.40], [109.41, 29.40], [109.41, 29.41, 0], [109.40, 29.40]]]] } },
    { type: 'Feature', properties: { block: 'b-0117', households: 86, population: 231 }, geometry: { type: 'Polygon', coordinates: [[[109.40, 29.40], [109.405, 29.40], [109.405, 29.405], [109.40, 29.40]]] } },
  ],
};
const gcs: GeoDocument = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } }, features: [] };
const dashboard: DashboardData = { org, geo, cases, period: { from: '2026-06-01', to: '2026-09-01' }, min_sample: 5, scorecard };
const gridMap: GridMapData = { org, geo, cases, period: { from: '2026-06-01', to: '2026-09-01' }, scorecard };

// ---------------------------------------------------------------- the eight elements
const tree = document.createElement('gr-org-tree');
tree.data = org;
tree.setAttribute('label', '胜利社区党委组织架构');
tree.setAttribute('theme', 'blue');
tree.addEventListener('gr-select', (e) => {
  const path: string[] = e.detail.path;
  const code: string | undefined = e.detail.code;
  console.log(e.detail.id, e.detail.name, e.detail.level, code, path.join(' → '), this_is(e.target));
});

const card = document.createElement('gr-scorecard');
card.data = JSON.stringify(scorecard);
card.setAttribute('entity', 'c01');
card.addEventListener('gr-select', (e) => {
  const rank: number | null = e.detail.rank;
  if (e.detail.tier === 'excellence') console.log(e.detail.name, e.detail.total, rank);
});

const duties = document.createElement('gr-duty-list');
duties.data = { old: lists, new: lists };
duties.addEventListener('gr-select', (e) => {
  if (e.detail.kind === 'certificate' && e.detail.status === 'abolished') console.log(e.detail.id, e.detail.name, e.detail.level);
});

const board = document.createElement('gr-service-board');
board.data = { services, org };
board.toggleAttribute('reveal', true); // phone numbers in full, on a page whose users may see them
board.addEventListener('gr-claim', (e) => {
  const claim: ClaimDetail = e.detail;
  console.log(claim.demand, claim.offer, claim.provider.kind === 'unit' ? '单位' : '党员', claim.provider.id);
  // The host saves, then updates the data; the row shows "等待保存" until then.
  void board.handle?.update({ services, org });
});
board.addEventListener('gr-transition', (e) => {
  const t: TransitionDetail = e.detail;
  console.log(t.claim, t.from, t.step, t.at, t.rating ?? '-', t.offer, t.provider?.id);
});

const tracker = document.createElement('gr-case-tracker');
tracker.data = { cases, org };
tracker.setAttribute('now', '2026-08-31T18:00:00+08:00');
tracker.setAttribute('case', 'sl-0831-pipe');
tracker.addEventListener('gr-select', (e) => {
  const detail: CaseTrackerSelectDetail = e.detail;
  console.log(detail.id, detail.title, detail.step ?? '未开始', detail.breached.length);
});

const dash = document.createElement('gr-dashboard');
dash.data = dashboard;
dash.setAttribute('node', 'sl-d1');
dash.toggleAttribute('elderly', true);
dash.lang = 'en';
dash.addEventListener('gr-select', (e) => {
  // Selected on the dashboard's map: a grid by its grid id.
  if (e.detail.kind === 'grid') console.log('grid', e.detail.id);
  else console.log(e.detail.id, e.detail.name, e.detail.level);
});

const map = document.createElement('gr-grid-map');
map.data = gridMap;
map.data = { org, geo };
map.data = JSON.stringify({ org, geo: gcs });
map.setAttribute('node', 'sl');
map.setAttribute('figure', 'overdue-clocks');
map.style.setProperty('--gr-map-height', '24em');
map.addEventListener('gr-select', (e) => {
  const detail: GridMapSelectDetail = e.detail;
  const kind: 'grid' | 'node' = detail.kind;
  console.log(detail.id, detail.name, kind, detail.level === 'grid' ? '网格' : detail.level);
});

// The import: into an organization (or a lists document), or into a new one without data.
const importer = document.createElement('gr-roster-import');
importer.data = org;
importer.setAttribute('records', 'members');
importer.addEventListener('gr-import', (e) => {
  const detail: ImportDetail = e.detail;
  const records: ImportRecords = detail.records;
  console.log(`${detail.count} ${records} from ${detail.file} / ${detail.sheet}`, detail.warnings.map((w) => `${w.sheet ?? ''}!${w.row ?? ''} ${w.column ?? ''}: ${w.message}`));
  // A lists document for `lists` records, else an organization document.
  const size = 'items' in detail.document ? detail.document.items.length : detail.document.nodes.length;
  console.log(size);
  // The host saves the document (in full, not masked), then shows it.
  importer.data = detail.document;
});
importer.addEventListener('gr-error', (e) => {
  for (const problem of e.detail.errors) {
    // The given document's problems have a JSON path; the file's their place in the file.
    if ('path' in problem) console.warn(problem.path, problem.message);
    else console.warn(problem.file, problem.sheet, problem.row, problem.column, problem.record, problem.code, problem.message);
  }
});
const fresh = document.createElement('gr-roster-import'); // no data: a new document
fresh.setAttribute('records', 'lists');
fresh.data = lists;

// 导出 Excel: the six elements with tables fire gr-export; a host that cancels it makes the file.
function onExport(e: CustomEvent<ExportDetail>): void {
  e.preventDefault();
  const detail: ExportDetail = e.detail;
  for (const sheet of detail.sheets) {
    const cells: ExportCell[] = sheet.rows.flat();
    const shown = cells.map((c) => (c === null ? '' : typeof c !== 'object' ? String(c) : 'date' in c ? c.date : `${(c.percent * 100).toFixed(1)}%`));
    console.log(`${detail.file}.xlsx`, detail.widget, detail.title, detail.exportedAt, sheet.name, sheet.headers.join(','), shown.join(','));
  }
}
card.addEventListener('gr-export', onExport);
duties.addEventListener('gr-export', onExport);
board.addEventListener('gr-export', onExport);
tracker.addEventListener('gr-export', onExport);
dash.addEventListener('gr-export', onExport);
map.addEventListener('gr-export', (e) => console.log(e.detail.widget === 'grid-map', e.detail.sheets.length));

// gr-error on every element, and the handle behind each.
const widgets: GrWidgetElement<WidgetKind>[] = [tree, card, duties, board, tracker, dash, map, importer];
for (const element of widgets) {
  element.setAttribute('src', '/data/fallback.json');
  element.addEventListener('gr-error', (e) => {
    // Heard on any element (or an ancestor), gr-error may be the import's: its file problems
    // have no JSON path.
    const detail: ErrorDetail<ProblemEntry | ImportProblem> = e.detail;
    for (const problem of [...detail.errors, ...(detail.warnings ?? [])]) {
      const where = 'path' in problem ? problem.path : `${problem.file} ${problem.sheet ?? ''} ${problem.row ?? ''} ${problem.column ?? ''}`;
      console.warn(detail.widget, problem.severity, problem.record ?? '', where, problem.code, problem.message);
    }
  });
  const handle = element.handle;
  if (handle) void handle.ready.then(() => handle.fail('gone'));
  document.body.append(element);
}
tree.addEventListener('gr-error', (e) => {
  // The other seven elements' problems all have a JSON path.
  const detail: ErrorDetail = e.detail;
  for (const problem of detail.errors) console.warn(problem.path, problem.code);
});

// Listeners on any ancestor hear every widget (the events bubble and are composed).
document.addEventListener('gr-select', (e) => console.log('selected', e.detail.id));
document.addEventListener('gr-claim', (e) => console.log('claim', e.detail.demand));
document.addEventListener('gr-transition', (e) => console.log('step', e.detail.step));
document.addEventListener('gr-export', (e) => console.log('export', e.detail.file, e.detail.sheets[0]?.rows.length));
document.addEventListener('gr-import', (e) => console.log('import', e.detail.records, e.detail.count));
document.body.addEventListener('gr-error', (e) => console.log(e.detail.errors.length));
window.addEventListener('gr-error', (e) => console.log(e.detail.widget));

// The attributes, as a framework's JSX declarations would use them.
const trackerAttributes: ElementAttributesMap['gr-case-tracker'] = { src: '/data/cases.json', lang: 'zh-CN', elderly: true, label: '民情办理', theme: 'blue', now: '2026-08-31T18:00:00+08:00', case: 'sl-0831-pipe' };
const cardAttributes: ElementAttributesMap['gr-scorecard'] = { entity: 'c01', elderly: '' };
const dashAttributes: ElementAttributesMap['gr-dashboard'] = { node: 'sl', theme: 'high-contrast' };
const mapAttributes: ElementAttributesMap['gr-grid-map'] = { src: '/data/map.json', node: 'sl', figure: 'members-in-grid', elderly: '' };
const boardAttributes: ElementAttributesMap['gr-service-board'] = { reveal: '' };
const importAttributes: ElementAttributesMap['gr-roster-import'] = { records: 'grids', label: '导入网格台账' };
for (const [name, value] of Object.entries({ ...trackerAttributes, ...cardAttributes, ...dashAttributes, ...mapAttributes, ...boardAttributes, ...importAttributes })) {
  if (value !== undefined && value !== false) tracker.setAttribute(name, value === true ? '' : value);
}

// Elements found in the page are typed too.
const found = document.querySelector('gr-case-tracker');
if (found) found.data = JSON.stringify(cases);
const foundMap = document.querySelector('gr-grid-map');
if (foundMap) foundMap.data = { org, geo, scorecard, period: { from: '2026-01-01', to: '2026-12-31' } };
const foundImport = document.querySelector('gr-roster-import');
if (foundImport) foundImport.data = JSON.stringify(org);

// ---------------------------------------------------------------- mount(), every option
const div = document.createElement('div');
const common = { lang: 'en', elderly: true, label: '组织架构', theme: 'high-contrast' } as const;
const h1: WidgetHandle<'org-tree'> = mountTree(div, 'org-tree', org, common);
const h2 = mount(div, 'scorecard', scorecard, { entity: 'c01', lang: 'zh-CN' });
const h3 = mount(div, 'duty-list', lists, { theme: 'blue' });
const h4 = mount(div, 'service-board', JSON.stringify(services), { elderly: false, reveal: true });
const h5 = mount(div, 'case-tracker', cases, { now: '2026-08-31T18:00:00+08:00', case: 'sl-0831-pipe' });
const h6 = mount(div, 'dashboard', dashboard, { node: 'sl', label: '一屏统览' });
const h7 = mount(div, 'dashboard', { org });
const figures: Figure[] = ['households', 'population', 'members', 'workers-per-1000', 'members-in-grid', 'open-cases', 'overdue-clocks', 'response-rate', 'star-tier'];
const mapOptions: GridMapOptions = { node: 'sl', figure: figures[0], lang: 'en', theme: 'blue' };
const h8 = mount(div, 'grid-map', gridMap, mapOptions);
const h9 = mount(div, 'grid-map', JSON.stringify({ org, geo }), { figure: 'star-tier', elderly: true });
const later = mount(div, 'org-tree');
const importOptions: RosterImportOptions = { records: 'units', lang: 'en' };
const h10 = mount(div, 'roster-import', org, importOptions);
const h11 = mount(div, 'roster-import'); // a new document
const h12 = mount(div, 'roster-import', JSON.stringify(lists), { records: 'lists' });

async function lifecycle(): Promise<void> {
  await ready();
  await ready('org-tree', 'dashboard', 'grid-map', 'roster-import');
  await h1.ready;
  await h1.update({ nodes: [{ id: 'x', name: '新', level: 'community' }] });
  await h1.setOptions({ lang: 'zh-CN', theme: '' });
  await h2.setOptions({ entity: 'c02' });
  await h5.setOptions({ now: '2026-09-01T08:00:00+08:00' });
  await h6.setOptions({ node: 'sl-d1' });
  await h8.setOptions({ figure: 'response-rate', node: 'sl-d1' });
  await h8.update({ org, geo, cases, period: { from: '2026-06-01', to: '2026-09-01' }, min_sample: 3 });
  await h9.update({ org, geo });
  await h3.update({ old: lists, new: lists });
  await h4.update({ services, org });
  await h4.setOptions({ reveal: false });
  await h10.setOptions({ records: 'nodes' });
  await h10.update(lists);
  await h11.update(org);
  await later.update(JSON.stringify(org));
  await later.fail('HTTP 404');
  for (const h of [h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11, h12, later]) await h.destroy();

  // A kind chosen at run time.
  const kind: WidgetKind = Math.random() > 0.5 ? 'org-tree' : 'grid-map';
  const dynamic = mount(div, kind, null, { lang: 'en' });
  await dynamic.destroy();

  const result: Evaluation = await evaluate(scorecard);
  for (const entity of result.entities) {
    const stars = entity.sections.filter((s) => s.passed).length;
    console.log(entity.id, entity.tier, entity.rank ?? '未评定', entity.total, stars, entity.not_rated?.zh, entity.sections[0]?.indicators[0]?.reason.en);
  }
  await evaluate(JSON.stringify(scorecard));

  const cut: RecutOutcome = await recut('{"type": "FeatureCollection", "features": []}', { households: { min: 300, max: 500 } });
  console.log(cut.feasible, cut.report.moved, cut.report.after.per_part[0]?.status, cut.reasons[0]?.zh);
}
void lifecycle();

function this_is(target: EventTarget | null): string {
  return target instanceof HTMLElement ? target.tagName : '';
}
