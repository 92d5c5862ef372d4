// Types of grassroots.js, the one module a portal page imports: eight custom elements, mount(),
// ready() and evaluate(). Importing the module (or any of the package's per-element subpaths,
// which are the same module) defines all eight elements; each loads its own code when it first
// connects.
//
//   import { mount } from 'grassroots-widgets';
//   const tree = document.createElement('gr-org-tree');   // GrOrgTreeElement
//   tree.data = organization;                              // OrganizationDocument | string
//   tree.addEventListener('gr-select', (e) => e.detail.path);
//
// The JSON formats are the core's (ARCHITECTURE.md, tests/data/*/…schema.json): unknown fields
// are errors there, so these types list every field the core reads and no more.

// ---------------------------------------------------------------- JSON

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A date, `YYYY-MM-DD`. */
export type DateString = string;
/** An instant, RFC 3339 (`2026-08-31T18:00:00+08:00`). */
export type Timestamp = string;
/** A JsonLogic expression (standard operators only). */
export type JsonLogic = JsonValue;
/** A period of days, both ends included where the format says so. */
export interface Period {
  from: DateString;
  to: DateString;
}

// ---------------------------------------------------------------- organization document

/** What a level is for (rules ask the role, not the level's key). */
export type LevelRole = 'county' | 'street' | 'community' | 'branch' | 'group' | 'household';
/** One level of a level schema. */
export interface Level {
  key: string;
  zh: string;
  en: string;
  role: LevelRole;
  parents?: string[];
  root?: boolean | null;
}
/** A level schema of the document's own. */
export interface LevelSchema {
  id: string;
  levels: Level[];
}
/** A preset's name (`laifeng`, `xinxiang`, `street`, `county`) or a schema of one's own. */
export type SchemaSpec = string | LevelSchema;

/** One node of the tree; parents by id. */
export interface NodeRecord {
  id: string;
  name: string;
  /** The level key, e.g. `community`, `district`, `group`. */
  level: string;
  parent?: string | null;
  code?: string | null;
  /** The grid a grid branch is responsible for. */
  grid?: string | null;
  linked_households?: number | null;
  /** A big committee (大党委): its part-time members. */
  committee?: { part_time?: Array<{ name: string; unit: string }> } | null;
}
export interface WorkerRecord {
  name: string;
  member?: string | null;
  /** Masked in every output. */
  phone?: string | null;
}
export interface GridRecord {
  id: string;
  code: string;
  community: string;
  name?: string | null;
  households?: number;
  population?: number;
  buildings?: number;
  area_km2?: number | null;
  merged?: boolean;
  workers?: WorkerRecord[];
}
export type MemberKind = 'in_service' | 'retired' | 'mobile' | 'no_office';
export interface MemberRecord {
  id: string;
  name: string;
  kind: MemberKind;
  node: string;
  grid?: string | null;
  /** For mobile members: 流入 or 流出. */
  flow?: 'in' | 'out' | null;
  /** Masked in every output. */
  phone?: string | null;
  /** Masked in every output. */
  id_card?: string | null;
  posts?: string[];
  reports_to?: string | null;
}
export interface UnitRecord {
  id: string;
  name: string;
  kind: 'reporting' | 'co_located';
  community: string;
  big_committee?: boolean;
  agreements?: Array<{ title: string; start: DateString; end: DateString }>;
}
export interface PostCategoryRecord {
  id: string;
  name: string;
  posts?: Array<{ id: string; name: string }>;
}
/** The organization document: `<gr-org-tree>`'s data, and `org` in the wrappers. */
export interface OrganizationDocument {
  schema?: SchemaSpec | null;
  nodes: NodeRecord[];
  grids?: GridRecord[];
  members?: MemberRecord[];
  units?: UnitRecord[];
  post_categories?: PostCategoryRecord[];
}

// ---------------------------------------------------------------- scorecard document

export type FactType = 'integer' | 'number' | 'ratio' | 'boolean' | 'text';
export type FactUnit = 'people' | 'households' | 'grids' | 'units' | 'hours' | 'yuan' | 'items' | 'times' | 'days' | 'square_metres';
/** A fact a rule set declares for callers to supply. */
export interface FactDeclaration {
  name: string;
  type: FactType;
  unit?: FactUnit | null;
  zh: string;
  en: string;
}
export interface Indicator {
  id: string;
  zh: string;
  en: string;
  expr: JsonLogic;
  /** Points by threshold, highest first; or `points` for a yes/no expression. */
  bands?: Array<{ min: number; points: number }> | null;
  points?: number | null;
  type?: FactType | null;
  unit?: FactUnit | null;
}
export interface Section {
  id: string;
  zh: string;
  en: string;
  max: number;
  indicators: Indicator[];
}
export interface Bonus {
  id: string;
  zh: string;
  en: string;
  when: JsonLogic;
  points: number;
  section?: string | null;
}
export interface Veto {
  id: string;
  zh: string;
  en: string;
  when: JsonLogic;
  voids: 'rating' | { section: string };
}
export interface Marks {
  each_section: number;
  total: number;
  top_share?: number | null;
}
/** An evaluation rule set (五星支部 and others), JsonLogic over named facts. */
export interface RuleSet {
  id: string;
  version: string;
  effective: Period;
  /** What is rated, e.g. `community`. */
  entity: string;
  facts?: FactDeclaration[];
  sections: Section[];
  bonuses?: Bonus[];
  vetoes?: Veto[];
  eligible?: { when: JsonLogic; zh: string; en: string } | null;
  outcome: { pass: Marks; excellence?: Marks | null };
  about?: string;
}
/** One entity rated: its id (e.g. a node id), a name to show, and its facts. */
export interface Entity {
  id: string;
  name?: string | null;
  facts?: { [fact: string]: JsonValue };
}
/** `<gr-scorecard>`'s data and `evaluate()`'s argument: a rule set and its entities. */
export interface ScorecardDocument {
  rules: RuleSet;
  entities: Entity[];
}

// ---------------------------------------------------------------- lists document (四张清单)

export type ItemKind = 'self_governance' | 'assist' | 'certificate' | 'negative';
export type Instead = 'self_declaration' | 'data_sharing' | 'online_verification' | 'department_issues' | 'not_needed';
export type ItemState = 'in_force' | 'abolished' | 'delegated_down';
export type ItemStatus =
  | { state: 'in_force'; since?: DateString | null }
  | { state: 'abolished'; since: DateString; by: string; instead?: Instead[]; note?: string | null }
  | { state: 'delegated_down'; since: DateString; to: string; by?: string | null };
export interface ListItem {
  id: string;
  name: string;
  kind: ItemKind;
  /** The level key it is handled at. */
  level: string;
  owner?: string | null;
  basis?: string[];
  time_limit_days?: number | null;
  /** Free text, or a certificate item by id. */
  materials?: Array<string | { item: string }>;
  channels?: { one_window?: boolean; online?: boolean; at_most_one_trip?: boolean };
  status?: ItemStatus;
  introduced?: DateString | null;
  aliases?: string[];
}
export interface Role {
  id: string;
  name: string;
  level?: string | null;
  duties: string[];
}
/** One version of the four lists. */
export interface ListsDocument {
  id: string;
  version: string;
  effective: DateString;
  schema: SchemaSpec;
  items: ListItem[];
  roles?: Role[];
}
/** Two versions, for `<gr-duty-list>`'s diff view. */
export interface ListsPair {
  old: ListsDocument;
  new: ListsDocument;
}

// ---------------------------------------------------------------- services document

export type ProviderKind = 'member' | 'unit';
export interface ProviderRef {
  kind: ProviderKind;
  id: string;
}
export type DemandUrgency = 'urgent' | 'high' | 'normal' | 'low';
export type ClaimState = 'new' | 'ordered' | 'dispatched' | 'accepted' | 'done' | 'reviewed' | 'rejected' | 'withdrawn';
export interface Demand {
  id: string;
  category: string;
  grid: string;
  urgency: DemandUrgency;
  /** Masked phone in every output. */
  raised_by: { name?: string | null; phone?: string | null };
  raised_at: Timestamp;
  description: string;
}
export interface Offer {
  id: string;
  provider: ProviderRef;
  categories: string[];
  capacity_per_month: number;
  area: { grids?: string[]; communities?: string[] };
  valid?: Period | null;
}
export interface TransitionRecord {
  step: ClaimState;
  at: Timestamp;
  by: string;
  /** A review's rating, 1–5. */
  rating?: number | null;
}
export interface ClaimRecord {
  id: string;
  demand: string;
  offer?: string | null;
  provider?: ProviderRef | null;
  history: TransitionRecord[];
}
export interface ServiceRecord {
  id: string;
  provider: ProviderRef;
  date: DateString;
  hours: number;
  count?: number;
  claim?: string | null;
  kind: 'service' | 'activity' | 'project';
  note?: string | null;
}
export interface ServicesDocument {
  demands?: Demand[];
  offers?: Offer[];
  claims?: ClaimRecord[];
  ledger?: ServiceRecord[];
  targets?: {
    member_hours?: number | null;
    unit_hours?: number | null;
    providers?: Array<{ provider: ProviderRef; hours: number }>;
  };
}
/** Services with their organization: offers covering a community cover its grids; names show. */
export interface ServicesWithOrg {
  services: ServicesDocument;
  org: OrganizationDocument;
}

// ---------------------------------------------------------------- cases document

export type CaseSource = 'resident' | 'grid_worker' | 'community_committee' | 'township' | 'police_alert' | 'camera_alert' | 'hotline_12345';
export type CaseUrgency = 'emergency' | 'urgent' | 'normal';
/** The five 民情 steps. */
export type CaseStep = 'collect' | 'analyse' | 'handle' | 'feedback' | 'review';
export type CaseEventKind = 'contact_known' | 'contact_reached' | 'on_site' | 'dispatched' | 'answered';
/** A duration, e.g. `10m`, `2h`, `3d`. */
export type Limit = string;
export interface CaseRecord {
  id: string;
  title: string;
  category: string;
  /** The node (or grid) the case is on. */
  node: string;
  source: CaseSource;
  urgency: CaseUrgency;
  opened: Timestamp;
  due?: Timestamp | null;
  resolved?: boolean;
  steps?: Array<{ step: CaseStep; at: Timestamp; by: string; note?: string | null; satisfaction?: 'satisfied' | 'basically' | 'unsatisfied' | null }>;
  events?: Array<{ event: CaseEventKind; at: Timestamp; by?: string | null }>;
  /** The SLA profiles that apply, by id; without it, every profile whose `applies` matches. */
  profiles?: string[] | null;
  tags?: string[];
}
export interface SlaProfile {
  id: string;
  zh: string;
  en: string;
  family?: string | null;
  applies?: { categories?: string[]; sources?: CaseSource[]; tags?: string[]; urgency?: CaseUrgency[] };
  clocks: Array<{ id: string; zh: string; en: string; event: CaseEventKind; within: Limit }>;
}
export interface Responder {
  role: string;
  zh: string;
  en: string;
}
export interface RoutingTable {
  id: string;
  zh: string;
  en: string;
  routes: Array<{
    id: string;
    zh: string;
    en: string;
    whistle: CaseSource[];
    reports: Responder;
    within: Limit;
    categories?: string[];
    event?: CaseEventKind;
    escalate_from?: string | null;
  }>;
  ladder?: Array<{ level: string; zh: string; en: string; within: Limit }>;
}
export interface CasesDocument {
  cases: CaseRecord[];
  /** Presets by name (`1310`, …) or profiles of one's own. */
  profiles?: Array<string | SlaProfile> | null;
  routing?: string | RoutingTable | null;
}
/** Cases with their organization: places by name, cases off the tree warned about. */
export interface CasesWithOrg {
  cases: CasesDocument;
  org: OrganizationDocument;
}

// ---------------------------------------------------------------- geometry document

/** Which coordinates a geometry document's are: GPS, Chinese web maps', CGCS2000, or projected metres. */
export type Crs = 'wgs84' | 'gcj02' | 'cgcs2000' | 'local';
/** A position: longitude and latitude in degrees (metres east and north for `local`), then an ignored height. */
export type Position = [number, number] | [number, number, number];
/** A closed ring: at least four positions, the last repeating the first. */
export type Ring = Position[];
/** The record a feature draws: exactly one of a grid, a node of the tree, or a block (楼栋/小区, not drawn on the map). */
export type GeoSubject =
  | { grid: string; node?: never; block?: never }
  | { node: string; grid?: never; block?: never }
  | { block: string; grid?: never; node?: never };
/** A feature's properties: its subject, then what the map shows; other members are kept as they are. */
export type GeoProperties = GeoSubject & {
  /** The name to show (else the record's). */
  name?: string;
  households?: number;
  population?: number;
  [other: string]: unknown;
};
/** A polygon (outer ring, then holes) or several. */
export type GeoGeometry =
  | { type: 'Polygon'; coordinates: Ring[]; bbox?: number[] }
  | { type: 'MultiPolygon'; coordinates: Ring[][]; bbox?: number[] };
export interface GeoFeature {
  type: 'Feature';
  id?: string | number;
  bbox?: number[];
  properties: GeoProperties;
  geometry: GeoGeometry;
}
/** A geometry document: a GeoJSON (RFC 7946) FeatureCollection of the grids' and nodes' polygons. */
export interface GeoDocument {
  type: 'FeatureCollection';
  /** `wgs84` when absent; the old GeoJSON `{"type": "name", …}` form naming CRS84, EPSG:4326 or EPSG:4490 is read too. */
  crs?: Crs | { type: 'name'; properties: { name: string } } | null;
  name?: string;
  bbox?: number[];
  features: GeoFeature[];
}

// ---------------------------------------------------------------- dashboard and map

interface DashboardBase {
  org: OrganizationDocument;
  /** The map of grids beside the figures (`<gr-dashboard>`); what `<gr-grid-map>` draws. */
  geo?: GeoDocument;
  /** Rates over fewer cases than this say "not enough cases" (default 10). */
  min_sample?: number;
  /** Star tiers: the entities are node ids of `org`. */
  scorecard?: ScorecardDocument;
}
/** `<gr-dashboard>`'s data; cases need the period their rates are over. */
export type DashboardData =
  | (DashboardBase & { cases: CasesDocument; period: Period })
  | (DashboardBase & { cases?: undefined; period?: Period });
/**
 * `<gr-grid-map>`'s data: the dashboard's, with the geometry required. The case figures need
 * `cases` (and its `period`), the star tiers a `scorecard`; `recut` re-cuts the geometry's
 * block features and shows them before and after under the map.
 */
export type GridMapData = DashboardData & { geo: GeoDocument; recut?: RecutOptions };

/** A size range per part; either bound may be left out. */
export interface RecutRange {
  min?: number | null;
  max?: number | null;
}
/**
 * How to re-cut (片区重划): a number of parts balanced within a tolerance, or a size range per
 * part (300–500 households, at most 2,500 residents), with pins and today's assignment.
 */
export interface RecutOptions {
  parts?: number;
  tolerance?: number;
  balance?: 'households' | 'population';
  households?: RecutRange;
  population?: RecutRange;
  pinned?: Record<string, string>;
  current?: Record<string, string>;
  fresh?: boolean;
  compactness?: number;
  seed?: number;
  within_community?: boolean;
}
/** One part's figures in a re-cut's report. */
export interface RecutPart {
  id: string;
  community?: string;
  blocks: number;
  households: number;
  population: number;
  in_range: boolean;
  contiguous: boolean;
  status: 'kept' | 'new' | 'today';
}
export interface RecutSpread {
  min: number;
  max: number;
  mean: number;
  ratio: number | null;
  max_deviation: number;
}
export interface RecutSummary {
  parts: number;
  households: RecutSpread;
  population: RecutSpread;
  out_of_range: string[];
  discontiguous: string[];
  boundary: number;
  boundary_unit: 'm' | 'pairs';
  unassigned: number;
  per_part: RecutPart[];
}
/** What `recut()` gives: the same JSON as `grassroots recut --format json`. */
export interface RecutOutcome {
  feasible: boolean;
  seed: number;
  /** Every block's part, in block order. */
  assignment: Record<string, string>;
  report: {
    before: RecutSummary | null;
    after: RecutSummary;
    moved: number;
    moved_blocks: string[];
    households_range: { min: number | null; max: number | null };
    population_range: { min: number | null; max: number | null };
  };
  reasons: { code: string; en: string; zh: string; [field: string]: unknown }[];
  org?: { edits: Record<string, unknown>[]; grids: Record<string, unknown>[]; kept: string[]; new: string[]; removed: string[] };
}

// ---------------------------------------------------------------- kinds, data, options

/** Each widget kind and the data it reads (or the same as JSON text). */
export interface WidgetDataMap {
  'org-tree': OrganizationDocument;
  scorecard: ScorecardDocument;
  'duty-list': ListsDocument | ListsPair;
  'service-board': ServicesDocument | ServicesWithOrg;
  'case-tracker': CasesDocument | CasesWithOrg;
  dashboard: DashboardData;
  'grid-map': GridMapData;
  /**
   * Optional: the document imported records go into — an organization document, or a lists
   * document (told apart by its `items`) for `lists` records; without data the import makes a
   * new document.
   */
  'roster-import': OrganizationDocument | ListsDocument;
}
export type WidgetKind = keyof WidgetDataMap;
/** The kinds whose tables have a 导出 Excel button (and so fire `gr-export`). */
export type ExportingKind = 'scorecard' | 'duty-list' | 'service-board' | 'case-tracker' | 'dashboard' | 'grid-map';
/** A widget's data: the document, or its JSON text. */
export type WidgetData<K extends WidgetKind> = WidgetDataMap[K] | string;

/** Theme presets (the `theme` attribute); none is 党建红. */
export type Theme = 'blue' | 'high-contrast';

/** Options every widget takes (as attributes on the elements). */
export interface CommonOptions {
  /** BCP 47 tag: `en…` gives English, anything else zh-CN. Without it the nearest `lang` around the element (across shadow roots), then the document's, zh-CN when none; followed as they change. */
  lang?: string;
  /** 适老化 elderly mode: 24 px text, 60 px targets, no motion. */
  elderly?: boolean;
  /** Accessible label replacing the widget's default title. */
  label?: string;
  /** A theme preset, set as the element's `theme` attribute; `''` matches no preset. */
  theme?: Theme | '';
  /** What the data may cost before it is read; past a limit the error panel names it and where (`gr-error` code `limit`). */
  limits?: Limits;
}

/** Limits on a widget's data (each optional). */
export interface Limits {
  /** Bytes of the data's text; 33554432 (32 MiB) when absent. A `src` over it is not read. */
  bytes?: number;
  /** Nesting of arrays and objects; 64 when absent. */
  depth?: number;
  /** Bytes of one string or number as written; 1048576 (1 MiB) when absent. */
  string?: number;
  /** Items of one array, or keys of one object; 10000000 when absent. */
  records?: number;
}
export interface OrgTreeOptions extends CommonOptions {}
export interface ScorecardOptions extends CommonOptions {
  /** The entity whose scorecard opens first (else the ranking shows). */
  entity?: string;
}
export interface DutyListOptions extends CommonOptions {}
export interface ServiceBoardOptions extends CommonOptions {
  /** Phone numbers shown (and exported) in full; masked (139****1234) when absent or false. */
  reveal?: boolean;
}
export interface CaseTrackerOptions extends CommonOptions {
  /** The moment the clocks start at (RFC 3339); the browser's clock when absent. */
  now?: Timestamp;
  /** The case whose detail opens first. */
  case?: string;
}
export interface DashboardOptions extends CommonOptions {
  /** The record id of the node shown first (else the root). */
  node?: string;
}
/** What colours `<gr-grid-map>`: the case figures need `cases`, `star-tier` a `scorecard`. */
export type Figure = 'households' | 'population' | 'members' | 'workers-per-1000' | 'members-in-grid' | 'open-cases' | 'overdue-clocks' | 'response-rate' | 'star-tier';
export interface GridMapOptions extends CommonOptions {
  /** The record id of the node whose inside is drawn first (else the root). */
  node?: string;
  /** What colours the map; `households` when absent or not given by the data. */
  figure?: Figure;
}
/**
 * What `<gr-roster-import>`'s file holds: 党员 `members`, 网格 `grids`, 单位 `units`, 组织 `nodes`
 * (records of the organization document), 清单事项 `lists` (items of a lists document).
 */
export type ImportRecords = 'members' | 'grids' | 'units' | 'nodes' | 'lists';
export interface RosterImportOptions extends CommonOptions {
  /** What the file holds, chosen first; `members` when absent. The person can change it. */
  records?: ImportRecords;
}
export interface WidgetOptionsMap {
  'org-tree': OrgTreeOptions;
  scorecard: ScorecardOptions;
  'duty-list': DutyListOptions;
  'service-board': ServiceBoardOptions;
  'case-tracker': CaseTrackerOptions;
  dashboard: DashboardOptions;
  'grid-map': GridMapOptions;
  'roster-import': RosterImportOptions;
}

/** A mounted widget. Methods may be called at once; they run after its code has loaded. */
export interface WidgetHandle<K extends WidgetKind = WidgetKind> {
  /** Resolves when the widget has rendered for the first time (and after each call below). */
  ready: Promise<void>;
  /** Replaces the data: the document or its JSON text. */
  update(data: WidgetData<K>): Promise<void>;
  /** Replaces the options. */
  setOptions(options: WidgetOptionsMap[K]): Promise<void>;
  /** Shows a load failure (e.g. a failed fetch) in the error panel and fires gr-error. */
  fail(message: string): Promise<void>;
  /** Removes the widget and frees its memory. */
  destroy(): Promise<void>;
}

// ---------------------------------------------------------------- events

/** One problem in a `gr-error` detail, with the fields of its kind (`code` names the kind). */
export interface ProblemEntry {
  severity: 'error' | 'warning';
  /** The id of the record concerned, when it has one. */
  record?: string | null;
  /** A JSON path from the document's root, e.g. `$.nodes[3].parent`. */
  path: string;
  /** The kind: `unknown-parent`, …; `fetch` for a `src` that could not be fetched, `load` for the widget's code, `export` for a table that could not be exported. */
  code: string;
  /** In the widget's language. */
  message: string;
  [field: string]: unknown;
}
/**
 * One problem with a spreadsheet `<gr-roster-import>` read: its place in the file instead of a
 * JSON path (`'path' in problem` tells a {@link ProblemEntry} from it).
 */
export interface ImportProblem {
  severity: 'error' | 'warning';
  /** The file's name, without folders; `org.json` (or `lists.json`) for a problem of the document the records went into. */
  file: string;
  sheet?: string;
  /** The row number as the spreadsheet shows it. */
  row?: number;
  /** The column's header as written (a JSON path, for a problem of the document the records went into). */
  column?: string;
  /** The id of the record concerned. */
  record?: string;
  /** The kind: `missing-column`, `no-such-sheet`, `phone-format`, `unknown-ref`, …. */
  code: string;
  /** In the widget's language. */
  message: string;
}
/** `gr-error`: the data's problems (`P` is {@link ProblemEntry}, and for `<gr-roster-import>` also {@link ImportProblem}). */
export interface ErrorDetail<P = ProblemEntry> {
  widget: WidgetKind;
  errors: P[];
  /** Absent when the widget's own code could not be loaded (`code: "load"`). */
  warnings?: P[];
  /** Problems beyond the first 1,000 errors and 1,000 warnings, not carried (absent when none). */
  omitted?: number;
}
/** `<gr-roster-import>`'s `gr-error`: the data's problems, or a file's. */
export type RosterImportErrorDetail = ErrorDetail<ProblemEntry | ImportProblem>;
/**
 * `<gr-roster-import>`: the person confirmed the import. The document is the data to save —
 * the one given (or a new one) with the records in it, in full: not masked.
 */
export interface ImportDetail {
  records: ImportRecords;
  /** The file's name, without folders. */
  file: string;
  /** The sheet the records were read from. */
  sheet: string;
  /** How many records were read. */
  count: number;
  /** A lists document when `records` is `lists`, else an organization document. */
  document: OrganizationDocument | ListsDocument;
  /** The file's warnings (its errors would have stopped the import). */
  warnings: ImportProblem[];
}
/**
 * A cell of an exported table: text, a number, a yes/no, nothing (`null`), a day
 * (`{ date: 'YYYY-MM-DD' }`) or a share (`{ percent: 0.853 }` for 85.3 %).
 */
export type ExportCell = string | number | boolean | null | { date: DateString } | { percent: number };
/** One sheet of an export: a table's header row and rows. */
export interface ExportSheet {
  name: string;
  headers: string[];
  rows: ExportCell[][];
}
/**
 * `gr-export`: a table's 导出 Excel button was pressed. The detail is the table as shown (its
 * rows after the filters, its columns less the actions). The event is cancelable: unless a
 * listener calls `preventDefault()` (to make the file itself), the spreadsheet writer is loaded
 * and the browser downloads `${file}.xlsx`.
 */
export interface ExportDetail {
  widget: ExportingKind;
  /** From the table's caption: the workbook's title and the sheet's name. */
  title: string;
  /** The download's name without `.xlsx`: the title with `\ / : * ? " < > |` replaced by `_`. */
  file: string;
  /** The local time, `YYYY-MM-DD HH:MM +08:00`. */
  exportedAt: string;
  sheets: ExportSheet[];
}
/** `<gr-org-tree>`: the node selected. */
export interface OrgTreeSelectDetail {
  id: string;
  name: string;
  level: string;
  code?: string;
  /** Record ids from the node up to the root. */
  path: string[];
}
export type Tier = 'excellence' | 'pass' | 'fail' | 'not_rated';
/** `<gr-scorecard>`: the entity whose scorecard opened. */
export interface ScorecardSelectDetail {
  id: string;
  name: string;
  tier: Tier;
  /** Null when not rated. */
  rank: number | null;
  total: number;
}
/** `<gr-duty-list>`: the item whose details opened. */
export interface DutyListSelectDetail {
  id: string;
  name: string;
  kind: ItemKind;
  level: string;
  status: ItemState;
}
/** `<gr-case-tracker>`: the case opened. */
export interface CaseTrackerSelectDetail {
  id: string;
  title: string;
  /** The last step taken, null before the first. */
  step: CaseStep | null;
  /** The breached clocks, `profile/clock`. */
  breached: string[];
}
/** `<gr-dashboard>`: the node drilled into, or the shape selected on its map. */
export interface DashboardSelectDetail {
  /** A node's record id; a grid's id when a grid was selected on the map. */
  id: string;
  name: string;
  /** The node's level key; `grid` for a grid. */
  level: string;
  /** `node`; `grid` when a grid was selected on the map. */
  kind: 'grid' | 'node';
}
/** `<gr-grid-map>`: the shape selected (Enter or a click). */
export interface GridMapSelectDetail {
  /** The grid's id, or the node's record id. */
  id: string;
  name: string;
  kind: 'grid' | 'node';
  /** The node's level key; `grid` for a grid. */
  level: string;
}
export type SelectDetail = OrgTreeSelectDetail | ScorecardSelectDetail | DutyListSelectDetail | CaseTrackerSelectDetail | DashboardSelectDetail | GridMapSelectDetail;
/** `<gr-service-board>` asks the host to save a claim of `demand` by the suggested offer. */
export interface ClaimDetail {
  demand: string;
  offer: string;
  provider: ProviderRef;
}
/** `<gr-service-board>` asks the host to save a step of a claim. */
export interface TransitionDetail {
  claim: string;
  from: ClaimState;
  /** The state the step leads to. */
  step: ClaimState;
  /** RFC 3339 at +08:00. */
  at: Timestamp;
  /** A review's rating. */
  rating?: number;
  /** For a dispatch (派单): the offer and provider it goes to. */
  offer?: string;
  provider?: ProviderRef;
}

type Listener<E, Ev> = (this: E, ev: Ev) => any;
/** The events of the elements; each element's map lists those it fires and leaves out the others. */
export type GrEventName = 'gr-select' | 'gr-error' | 'gr-claim' | 'gr-transition' | 'gr-export' | 'gr-import';
type OtherEvents = Omit<HTMLElementEventMap, GrEventName>;

export interface GrOrgTreeEventMap extends OtherEvents {
  'gr-select': CustomEvent<OrgTreeSelectDetail>;
  'gr-error': CustomEvent<ErrorDetail>;
}
export interface GrScorecardEventMap extends OtherEvents {
  'gr-select': CustomEvent<ScorecardSelectDetail>;
  'gr-export': CustomEvent<ExportDetail>;
  'gr-error': CustomEvent<ErrorDetail>;
}
export interface GrDutyListEventMap extends OtherEvents {
  'gr-select': CustomEvent<DutyListSelectDetail>;
  'gr-export': CustomEvent<ExportDetail>;
  'gr-error': CustomEvent<ErrorDetail>;
}
/** The board fires no gr-select. */
export interface GrServiceBoardEventMap extends OtherEvents {
  'gr-claim': CustomEvent<ClaimDetail>;
  'gr-transition': CustomEvent<TransitionDetail>;
  'gr-export': CustomEvent<ExportDetail>;
  'gr-error': CustomEvent<ErrorDetail>;
}
export interface GrCaseTrackerEventMap extends OtherEvents {
  'gr-select': CustomEvent<CaseTrackerSelectDetail>;
  'gr-export': CustomEvent<ExportDetail>;
  'gr-error': CustomEvent<ErrorDetail>;
}
export interface GrDashboardEventMap extends OtherEvents {
  'gr-select': CustomEvent<DashboardSelectDetail>;
  'gr-export': CustomEvent<ExportDetail>;
  'gr-error': CustomEvent<ErrorDetail>;
}
export interface GrGridMapEventMap extends OtherEvents {
  'gr-select': CustomEvent<GridMapSelectDetail>;
  'gr-export': CustomEvent<ExportDetail>;
  'gr-error': CustomEvent<ErrorDetail>;
}
/** The import fires no gr-select: gr-import when the person confirms, gr-error for a file with errors. */
export interface GrRosterImportEventMap extends OtherEvents {
  'gr-import': CustomEvent<ImportDetail>;
  'gr-error': CustomEvent<RosterImportErrorDetail>;
}

// ---------------------------------------------------------------- elements

/** Attributes every element reads. */
export interface CommonAttributes {
  /** URL of the JSON data (relative to the page). */
  src?: string;
  /** BCP 47 tag: `en…` gives English, anything else zh-CN. Without it the nearest ancestor's `lang` (across shadow roots), then the document's, followed as they change. */
  lang?: string;
  /** Present: elderly mode. */
  elderly?: boolean | '';
  label?: string;
  theme?: Theme;
  /** The `limits` option as JSON text: `'{"bytes": 67108864}'`. */
  limits?: string;
}
export interface ElementAttributesMap {
  'gr-org-tree': CommonAttributes;
  'gr-scorecard': CommonAttributes & { entity?: string };
  'gr-duty-list': CommonAttributes;
  'gr-service-board': CommonAttributes & { reveal?: boolean | '' };
  'gr-case-tracker': CommonAttributes & { now?: Timestamp; case?: string };
  'gr-dashboard': CommonAttributes & { node?: string };
  'gr-grid-map': CommonAttributes & { node?: string; figure?: Figure };
  'gr-roster-import': CommonAttributes & { records?: ImportRecords };
}
export type GrTagName = keyof ElementAttributesMap;

/** What the eight elements have in common. */
export interface GrWidgetElement<K extends WidgetKind> extends HTMLElement {
  /** The data, set as a property (wins over `src` and an inline JSON child); undefined until set. */
  data: WidgetData<K> | undefined;
  /** The mount() handle behind the element while it is connected. */
  readonly handle: WidgetHandle<K> | null;
}

/** `<gr-org-tree>`: the organization tree. */
export interface GrOrgTreeElement extends GrWidgetElement<'org-tree'> {
  addEventListener<T extends keyof GrOrgTreeEventMap>(type: T, listener: Listener<GrOrgTreeElement, GrOrgTreeEventMap[T]>, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<T extends keyof GrOrgTreeEventMap>(type: T, listener: Listener<GrOrgTreeElement, GrOrgTreeEventMap[T]>, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
/** `<gr-scorecard entity>`: a rule set's ranking and each entity's scorecard. */
export interface GrScorecardElement extends GrWidgetElement<'scorecard'> {
  addEventListener<T extends keyof GrScorecardEventMap>(type: T, listener: Listener<GrScorecardElement, GrScorecardEventMap[T]>, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<T extends keyof GrScorecardEventMap>(type: T, listener: Listener<GrScorecardElement, GrScorecardEventMap[T]>, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
/** `<gr-duty-list>`: 四张清单, the certificate lookup, the diff between versions. */
export interface GrDutyListElement extends GrWidgetElement<'duty-list'> {
  addEventListener<T extends keyof GrDutyListEventMap>(type: T, listener: Listener<GrDutyListElement, GrDutyListEventMap[T]>, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<T extends keyof GrDutyListEventMap>(type: T, listener: Listener<GrDutyListElement, GrDutyListEventMap[T]>, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
/** `<gr-service-board reveal>`: demands, claims, offers; asks the host to save (gr-claim, gr-transition). */
export interface GrServiceBoardElement extends GrWidgetElement<'service-board'> {
  addEventListener<T extends keyof GrServiceBoardEventMap>(type: T, listener: Listener<GrServiceBoardElement, GrServiceBoardEventMap[T]>, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<T extends keyof GrServiceBoardEventMap>(type: T, listener: Listener<GrServiceBoardElement, GrServiceBoardEventMap[T]>, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
/** `<gr-case-tracker now case>`: cases overdue first, live 1310 / 12345 clocks. */
export interface GrCaseTrackerElement extends GrWidgetElement<'case-tracker'> {
  addEventListener<T extends keyof GrCaseTrackerEventMap>(type: T, listener: Listener<GrCaseTrackerElement, GrCaseTrackerEventMap[T]>, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<T extends keyof GrCaseTrackerEventMap>(type: T, listener: Listener<GrCaseTrackerElement, GrCaseTrackerEventMap[T]>, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
/** `<gr-dashboard node>`: 一屏统览 of one node, drill-down. */
export interface GrDashboardElement extends GrWidgetElement<'dashboard'> {
  addEventListener<T extends keyof GrDashboardEventMap>(type: T, listener: Listener<GrDashboardElement, GrDashboardEventMap[T]>, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<T extends keyof GrDashboardEventMap>(type: T, listener: Listener<GrDashboardElement, GrDashboardEventMap[T]>, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
/** `<gr-grid-map node figure>`: the map of grids, coloured by one figure; drill-down, keyboard moves between neighbours. */
export interface GrGridMapElement extends GrWidgetElement<'grid-map'> {
  addEventListener<T extends keyof GrGridMapEventMap>(type: T, listener: Listener<GrGridMapElement, GrGridMapEventMap[T]>, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<T extends keyof GrGridMapEventMap>(type: T, listener: Listener<GrGridMapElement, GrGridMapEventMap[T]>, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
/** `<gr-roster-import records>`: a roster or ledger read from a spreadsheet in the browser; gr-import carries the document for the host to save. */
export interface GrRosterImportElement extends GrWidgetElement<'roster-import'> {
  addEventListener<T extends keyof GrRosterImportEventMap>(type: T, listener: Listener<GrRosterImportElement, GrRosterImportEventMap[T]>, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<T extends keyof GrRosterImportEventMap>(type: T, listener: Listener<GrRosterImportElement, GrRosterImportEventMap[T]>, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'gr-org-tree': GrOrgTreeElement;
    'gr-scorecard': GrScorecardElement;
    'gr-duty-list': GrDutyListElement;
    'gr-service-board': GrServiceBoardElement;
    'gr-case-tracker': GrCaseTrackerElement;
    'gr-dashboard': GrDashboardElement;
    'gr-grid-map': GrGridMapElement;
    'gr-roster-import': GrRosterImportElement;
  }
  /**
   * The events bubble and are composed: a listener on any ancestor (or document) hears them —
   * the import's file problems among the others' (`'path' in problem` tells them apart).
   */
  interface GlobalEventHandlersEventMap {
    'gr-select': CustomEvent<SelectDetail>;
    'gr-error': CustomEvent<RosterImportErrorDetail>;
    'gr-claim': CustomEvent<ClaimDetail>;
    'gr-transition': CustomEvent<TransitionDetail>;
    'gr-export': CustomEvent<ExportDetail>;
    'gr-import': CustomEvent<ImportDetail>;
  }
}

// ---------------------------------------------------------------- functions

/** Mounts a widget into `element` (inside its shadow root), loading its code if needed. */
export function mount(element: HTMLElement, kind: 'org-tree', data?: WidgetData<'org-tree'> | null, options?: OrgTreeOptions): WidgetHandle<'org-tree'>;
export function mount(element: HTMLElement, kind: 'scorecard', data?: WidgetData<'scorecard'> | null, options?: ScorecardOptions): WidgetHandle<'scorecard'>;
export function mount(element: HTMLElement, kind: 'duty-list', data?: WidgetData<'duty-list'> | null, options?: DutyListOptions): WidgetHandle<'duty-list'>;
export function mount(element: HTMLElement, kind: 'service-board', data?: WidgetData<'service-board'> | null, options?: ServiceBoardOptions): WidgetHandle<'service-board'>;
export function mount(element: HTMLElement, kind: 'case-tracker', data?: WidgetData<'case-tracker'> | null, options?: CaseTrackerOptions): WidgetHandle<'case-tracker'>;
export function mount(element: HTMLElement, kind: 'dashboard', data?: WidgetData<'dashboard'> | null, options?: DashboardOptions): WidgetHandle<'dashboard'>;
export function mount(element: HTMLElement, kind: 'grid-map', data?: WidgetData<'grid-map'> | null, options?: GridMapOptions): WidgetHandle<'grid-map'>;
/** The import needs no data: without it, it makes a new document. */
export function mount(element: HTMLElement, kind: 'roster-import', data?: WidgetData<'roster-import'> | null, options?: RosterImportOptions): WidgetHandle<'roster-import'>;
/** Mounts a widget of a kind known only at run time. */
export function mount<K extends WidgetKind>(element: HTMLElement, kind: K, data?: WidgetData<K> | null, options?: WidgetOptionsMap[K]): WidgetHandle<K>;

/** Loads the code of the given kinds (all eight when none is named) ahead of time. */
export function ready(...kinds: WidgetKind[]): Promise<void>;

/** The evaluation of a scorecard document, as `grassroots eval --format json` gives it. */
export interface Evaluation {
  rule_set: string;
  version: string;
  entities: EntityResult[];
  /** Missing or ill-typed facts, expressions that failed. */
  diagnostics: Array<{ severity: 'error' | 'warning'; record: string | null; path: string; code: string; [field: string]: unknown }>;
}
export interface Reason {
  zh: string;
  en: string;
}
export interface EntityResult {
  id: string;
  sections: Array<{
    id: string;
    indicators: Array<{ id: string; value: JsonValue; threshold: number | null; points: number; max: number; passed: boolean; reason: Reason }>;
    score: number;
    max: number;
    voided: boolean;
    passed: boolean;
  }>;
  bonuses: Array<{ id: string; section: string | null; points: number; reason: Reason }>;
  vetoes: Array<{ id: string; voids: 'rating' | { section: string }; reason: Reason }>;
  total: number;
  voided: boolean;
  not_rated?: Reason;
  tier: Tier;
  rank: number | null;
}
/**
 * Evaluates a scorecard document in the browser with the same code as the CLI. Rejects with
 * an Error listing every problem (with its JSON path) for bad data.
 */
export function evaluate(data: ScorecardDocument | string): Promise<Evaluation>;
/**
 * Re-cuts blocks into grids or districts in the browser with the same code as
 * `grassroots recut --format json`: a geometry document with block features (or a blocks
 * document), the options, and optionally the organization whose grids today's parts are.
 * Rejects with an Error listing every problem (paths under `$`, `$options`, `$org`).
 */
export function recut(input: GeoDocument | object | string, options: RecutOptions | string, org?: OrganizationDocument | string): Promise<RecutOutcome>;
