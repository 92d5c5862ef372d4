//! Grassroots widgets: thin yew components over `grassroots` (the core), mounted into host
//! pages by the ES module `grassroots.js` as custom elements (`<gr-org-tree>`,
//! `<gr-scorecard>`, `<gr-case-tracker>`) or through its `mount()` function.
//!
//! The edge is here: JSON text comes in (from an inline `<script type="application/json">`,
//! a `src` URL or a `.data` property — `grassroots.js` turns all three into text), the core
//! parses and validates it, and the widget shows either the content or an error panel. Events
//! go out as DOM CustomEvents on the host element ([`events`]).

// A module built with no widget (`--features rules`: `evaluate()` alone) leaves the widget frame unused.
#![cfg_attr(not(any(feature = "org-tree", feature = "scorecard", feature = "duty-list", feature = "service-board", feature = "case-tracker", feature = "dashboard", feature = "grid-map", feature = "roster-import")), allow(unused, unreachable_code))]

/// `PartialEq` for a component's properties with the widget's data behind `Rc`s: the data by
/// identity (a new document is a new `Rc`), every other field by value. Comparing two
/// organizations or scorecards value by value was slow on every render and instantiated each
/// data type's comparison — kilobytes of code a module. The `let` lists every field, so a
/// field added to the struct and not here fails to compile.
macro_rules! props_eq {
    ($t:ident { shared: $($s:ident),+; $($v:ident),* }) => {
        impl PartialEq for $t {
            fn eq(&self, other: &Self) -> bool {
                let $t { $($s: _,)+ $($v: _,)* } = self;
                $(std::rc::Rc::ptr_eq(&self.$s, &other.$s) &&)+ $(self.$v == other.$v &&)* true
            }
        }
    };
}

/// Talc instead of dlmalloc: the module is single-threaded (no `atomics`), as `talc`'s wasm
/// cell requires.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(feature = "rules")]
mod ascii_json;
#[cfg(feature = "dashboard")]
pub mod dashboard;
#[cfg(feature = "duty-list")]
pub mod duty_list;
#[cfg(feature = "case-tracker")]
pub mod case_tracker;
pub mod error_panel;
pub mod events;
pub mod export;
pub mod i18n;
#[cfg(feature = "geo")]
pub mod map;
#[cfg(feature = "geo")]
pub mod map_model;
#[cfg(feature = "org-tree")]
pub mod org_tree;
#[cfg(any(feature = "dashboard", feature = "grid-map"))]
pub mod overview;
#[cfg(feature = "recut")]
pub mod recut_data;
#[cfg(feature = "recut")]
pub mod recut_view;
#[cfg(feature = "roster-import")]
pub mod roster_import;
#[cfg(any(feature = "roster-import", feature = "sheet-reader"))]
pub mod sheet_outcome;
#[cfg(feature = "sheet-reader")]
pub mod sheet_reader;
#[cfg(feature = "xlsx")]
pub mod xlsx;
#[cfg(feature = "scorecard")]
pub mod scorecard;
#[cfg(feature = "service-board")]
pub mod service_board;
#[cfg(any(feature = "scorecard", feature = "duty-list", feature = "service-board"))]
pub mod tabs;

use std::rc::Rc;

#[cfg(feature = "org-tree")]
use grassroots::org::OrgSummary;
#[cfg(feature = "rules")]
use grassroots::rules::Scorecard;
#[cfg(feature = "org-tree")]
use grassroots::{OrgTree, Organization};
use grassroots::Severity;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};
use yew::html::BaseComponent;
use yew::prelude::*;
use yew::AppHandle;

#[cfg(feature = "dashboard")]
use dashboard::{DashData, DashboardView};
#[cfg(feature = "duty-list")]
use duty_list::{DutyData, DutyListView};
#[cfg(feature = "case-tracker")]
use case_tracker::{CaseTrackerView, Tracker};
use error_panel::{ErrorPanel, Failure};
use i18n::Lang;
#[cfg(feature = "org-tree")]
use org_tree::OrgTreeView;
#[cfg(feature = "scorecard")]
use scorecard::ScorecardView;
#[cfg(feature = "service-board")]
use service_board::{Board, ServiceBoardView};

/// Evaluates a scorecard document (a rule set and its entities, JSON text) and returns the
/// evaluation as compact, ASCII-only JSON text (`grassroots.js` parses it at once, so
/// indentation would only be more bytes to write, decode and parse: for 10,000 entities × 25
/// indicators the pretty form was twice the size, 106 MB against 53 MB; see `ascii_json` for
/// the escapes) — the same values `grassroots eval` and a native back end give.
/// Throws an `Error` whose message lists every problem (with its JSON path) when the
/// document is bad.
#[cfg(feature = "rules")]
#[wasm_bindgen]
pub fn evaluate(data: &str) -> Result<String, JsError> {
    let card = Scorecard::from_json(data).map_err(|e| {
        let lines: Vec<String> = e.into_problems().iter().map(ToString::to_string).collect();
        JsError::new(&lines.join("\n"))
    })?;
    ascii_json::to_string(card.evaluation()).map_err(|e| JsError::new(&e.to_string()))
}

/// Re-cuts blocks into districts or grids (片区/网格重划) with the same code as
/// `grassroots recut --format json`: `input` a geometry document whose block features carry
/// `households` and `population` (or a blocks document with its adjacency), `options` the
/// options document (`{"households": {"min": 300, "max": 500}}`, `{"parts": 25, …}`), `org`
/// optionally the organization whose grids today's parts are. Returns the outcome as JSON
/// text; throws an `Error` listing every problem (paths under `$`, `$options`, `$org`).
#[cfg(feature = "recut")]
#[wasm_bindgen]
pub fn recut(input: &str, options: &str, org: Option<String>) -> Result<String, JsError> {
    grassroots::recut::run_json(input, options, org.as_deref()).map_err(|e| {
        let lines: Vec<String> = e.into_problems().iter().map(ToString::to_string).collect();
        JsError::new(&lines.join("\n"))
    })
}

/// Options a host passes as attributes or as the `options` object of `mount()`. An unknown
/// option (a misspelt `eldery`) is an error, not silently ignored; `theme` is read by
/// `grassroots.js` alone (it sets the host's attribute) and never reaches here.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Options {
    /// BCP 47 tag; `en…` gives English, anything else zh-CN.
    pub lang: Option<String>,
    /// 适老化 elderly mode: larger text and targets, no motion.
    pub elderly: bool,
    /// Accessible label replacing the widget's default title.
    pub label: Option<String>,
    /// `<gr-scorecard>`: the entity whose scorecard opens first (else the ranking shows).
    pub entity: Option<String>,
    /// `<gr-case-tracker>`: the moment the clocks start at (RFC 3339); the browser's clock
    /// when absent. Either way the clocks then run on in real time.
    pub now: Option<String>,
    /// `<gr-case-tracker>`: the case whose detail opens first (else the top of the list).
    pub case: Option<String>,
    /// `<gr-dashboard>`, `<gr-grid-map>`: the record id of the node shown first (else the root).
    pub node: Option<String>,
    /// `<gr-grid-map>`: what colours the map (`households`, `population`, `members`,
    /// `workers-per-1000`, `members-in-grid`, `open-cases`, `overdue-clocks`, `response-rate`,
    /// `star-tier`); `households` when absent or not given by the data.
    pub figure: Option<String>,
    /// `<gr-roster-import>`: what the file holds first (`members`, `grids`, `units`, `nodes`,
    /// `lists`); `members` when absent. The person can change it.
    pub records: Option<String>,
    /// `<gr-service-board>`: phone numbers shown and exported in full. Masked unless the host
    /// asks for them on purpose.
    pub reveal: bool,
    /// What the data may cost before it is read (`{"bytes", "depth", "string", "records"}`,
    /// each optional): [`WIDGET_BYTES`] and the core's other defaults when absent.
    pub limits: Option<LimitsOption>,
}

/// The most data a widget reads unless its `limits` option says otherwise: 32 MiB.
pub const WIDGET_BYTES: usize = 32 * 1024 * 1024;

/// The `limits` option: each limit of [`grassroots::limits::Limits`] the host sets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitsOption {
    pub bytes: Option<usize>,
    pub depth: Option<usize>,
    pub string: Option<usize>,
    pub records: Option<usize>,
}

// Read by a table of their fields (see `grassroots::lean_record!`), not serde's derived
// visitors: the container's `default` makes every field a default one, and the names are
// their own under `camelCase` (each one word).
grassroots::lean_record!(Options, deny = true, {
    lang: Default,
    elderly: Default,
    label: Default,
    entity: Default,
    now: Default,
    case: Default,
    node: Default,
    figure: Default,
    records: Default,
    reveal: Default,
    limits: Default,
});

grassroots::lean_record!(LimitsOption, deny = true, {
    bytes: Default,
    depth: Default,
    string: Default,
    records: Default,
});

impl Options {
    /// The limits this widget's data is read under.
    pub fn limits(&self) -> grassroots::limits::Limits {
        let given = self.limits.unwrap_or_default();
        let default = grassroots::limits::Limits::DEFAULT;
        grassroots::limits::Limits {
            bytes: given.bytes.unwrap_or(WIDGET_BYTES),
            depth: given.depth.unwrap_or(default.depth),
            string: given.string.unwrap_or(default.string),
            records: given.records.unwrap_or(default.records),
        }
    }
}

/// What a widget has to show.
#[derive(Debug)]
pub enum Content<T> {
    /// Waiting for data (a `src` being fetched).
    Loading,
    /// Valid data; `generation` changes with every update, so views reset their state.
    Ready { value: Rc<T>, generation: u32 },
    /// Nothing can be shown; the error panel says why.
    Failed(Rc<Failure>),
}

impl<T> Clone for Content<T> {
    fn clone(&self) -> Self {
        match self {
            Content::Loading => Content::Loading,
            Content::Ready { value, generation } => Content::Ready { value: Rc::clone(value), generation: *generation },
            Content::Failed(f) => Content::Failed(Rc::clone(f)),
        }
    }
}

/// Data is compared by identity: an update always brings a new `Rc`, and comparing a
/// 100,000-node tree by value on every render would be wasted work.
impl<T> PartialEq for Content<T> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Content::Loading, Content::Loading) => true,
            (Content::Ready { value: a, generation: x }, Content::Ready { value: b, generation: y }) => x == y && Rc::ptr_eq(a, b),
            (Content::Failed(a), Content::Failed(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// The properties every widget's root component gets.
#[derive(Properties)]
pub struct WidgetProps<T: 'static> {
    pub content: Content<T>,
    pub options: Options,
    pub host: HtmlElement,
}

impl<T> PartialEq for WidgetProps<T> {
    fn eq(&self, other: &Self) -> bool {
        self.content == other.content && self.options == other.options && self.host == other.host
    }
}

/// The frame around every widget: language, elderly mode, and the loading and error states.
fn frame<T>(props: &WidgetProps<T>, ready: impl FnOnce(&Rc<T>, u32, Lang) -> Html) -> Html {
    let lang = Lang::from_tag(props.options.lang.as_deref());
    let class = classes!("gr-widget", props.options.elderly.then_some("gr-elderly"));
    let body = match &props.content {
        Content::Loading => html! { <p class="gr-loading" role="status">{ lang.text().loading }</p> },
        Content::Failed(failure) => html! { <ErrorPanel failure={Rc::clone(failure)} {lang} /> },
        Content::Ready { value, generation } => ready(value, *generation, lang),
    };
    html! { <div {class} lang={lang.tag()}>{ body }</div> }
}

#[cfg(feature = "org-tree")]
/// An organization tree as `<gr-org-tree>` shows it: the arena and its per-node figures.
pub struct LoadedTree {
    pub tree: Rc<OrgTree>,
    pub summary: Rc<OrgSummary>,
}

#[cfg(feature = "org-tree")]
/// The root component of `<gr-org-tree>`.
#[function_component(OrgTreeWidget)]
pub fn org_tree_widget(props: &WidgetProps<LoadedTree>) -> Html {
    frame(props, |loaded, generation, lang| {
        html! {
            <OrgTreeView
                key={generation}
                tree={Rc::clone(&loaded.tree)}
                summary={Rc::clone(&loaded.summary)}
                {lang}
                label={props.options.label.clone().map(AttrValue::from)}
                host={props.host.clone()}
            />
        }
    })
}

#[cfg(feature = "scorecard")]
/// The root component of `<gr-scorecard>`.
#[function_component(ScorecardWidget)]
pub fn scorecard_widget(props: &WidgetProps<Scorecard>) -> Html {
    frame(props, |card, generation, lang| {
        html! {
            <ScorecardView
                key={generation}
                card={Rc::clone(card)}
                {lang}
                label={props.options.label.clone().map(AttrValue::from)}
                entity={props.options.entity.clone().map(AttrValue::from)}
                host={props.host.clone()}
            />
        }
    })
}

#[cfg(feature = "duty-list")]
/// The root component of `<gr-duty-list>`.
#[function_component(DutyListWidget)]
pub fn duty_list_widget(props: &WidgetProps<DutyData>) -> Html {
    frame(props, |data, generation, lang| {
        html! {
            <DutyListView
                key={generation}
                data={Rc::clone(data)}
                {lang}
                label={props.options.label.clone().map(AttrValue::from)}
                host={props.host.clone()}
            />
        }
    })
}

#[cfg(feature = "case-tracker")]
/// The root component of `<gr-case-tracker>`. A new `now` or `case` option starts the
/// tracker afresh (its clock, selection and announcements).
#[function_component(CaseTrackerWidget)]
pub fn case_tracker_widget(props: &WidgetProps<Tracker>) -> Html {
    let options = &props.options;
    frame(props, |data, generation, lang| {
        html! {
            <CaseTrackerView
                key={format!("{generation}|{}|{}", options.now.as_deref().unwrap_or_default(), options.case.as_deref().unwrap_or_default())}
                data={Rc::clone(data)}
                {lang}
                label={options.label.clone().map(AttrValue::from)}
                now={options.now.clone().map(AttrValue::from)}
                case={options.case.clone().map(AttrValue::from)}
                host={props.host.clone()}
            />
        }
    })
}

#[cfg(any(feature = "duty-list", feature = "service-board", feature = "case-tracker", feature = "dashboard", feature = "grid-map"))]
/// The problems of a document given inside another under `key` (`{"old": …}`), with their
/// paths from the top: `$.items[3]` becomes `$.old.items[3]`.
pub(crate) fn nested_problems(e: grassroots::Error, key: &str) -> Vec<grassroots::Problem> {
    e.into_problems()
        .into_iter()
        .map(|mut p| {
            p.path = format!("$.{key}{}", p.path.strip_prefix('$').unwrap_or(&p.path));
            p
        })
        .collect()
}

#[cfg(any(feature = "duty-list", feature = "service-board", feature = "case-tracker", feature = "dashboard", feature = "grid-map"))]
/// The members of a JSON object, each value as its slice of the text, unread, in the order
/// written (a key twice, twice). A wrapper such as `{"org": …, "cases": …}` is read so, and
/// each part's text goes to its own reader as it was given: not read into a
/// `serde_json::Value` and written out again for that reader to read a second time
/// (ARCHITECTURE.md, "Wrappers read once"). The values are not checked here: their readers
/// read every one, and a wrapper with problems is then checked whole ([`unless_syntax`]).
/// `Ok(None)`: JSON, but not an object; `Err`: not JSON, with its line and column.
pub(crate) fn members(json: &str) -> Result<Option<Vec<(String, &str)>>, grassroots::Error> {
    let bytes = json.as_bytes();
    let space = |i: usize| bytes.get(i..).map_or(i, |rest| i + rest.iter().take_while(|b| b" \t\r\n".contains(b)).count());
    // Where the string opening at `i` ends (after its closing quote).
    let string_end = |mut i: usize| {
        i += 1;
        while let Some(&b) = bytes.get(i) {
            i += match b {
                b'"' => return i + 1,
                b'\\' => 2,
                _ => 1,
            };
        }
        i
    };
    let mut all = Vec::new();
    let mut i = space(0);
    // Whether the object's `}` was reached, everything before it read as members.
    let mut closed = false;
    if bytes.get(i) == Some(&b'{') {
        i = space(i + 1);
        closed = bytes.get(i) == Some(&b'}');
        while !closed && bytes.get(i) == Some(&b'"') {
            let key_end = string_end(i);
            // The key's escapes undone by the reader every module has (a `String` read on its
            // own would bring serde's messages for other types, and core's float formatting).
            let Some(serde_json::Value::String(key)) = json.get(i..key_end).and_then(|k| serde_json::from_str(k).ok()) else { break };
            i = space(key_end);
            if bytes.get(i) != Some(&b':') {
                break;
            }
            i = space(i + 1);
            let start = i;
            let mut depth = 0usize;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'"' => {
                        i = string_end(i);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' | b',' if depth == 0 => break,
                    b'}' | b']' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            let value = json.get(start..i).unwrap_or_default().trim_end_matches([' ', '\t', '\r', '\n']);
            if value.is_empty() {
                break;
            }
            all.push((key, value));
            match bytes.get(i) {
                Some(b',') => i = space(i + 1),
                Some(b'}') => closed = true,
                _ => break,
            }
        }
    }
    // `{`, the members, `}`, and nothing after it but space.
    if closed && space(i + 1) == bytes.len() {
        return Ok(Some(all));
    }
    // Not an object, or not JSON: the whole text read tells which, and where.
    not_json(json).map_or(Ok(None), Err)
}

#[cfg(any(feature = "duty-list", feature = "service-board", feature = "case-tracker", feature = "dashboard", feature = "grid-map"))]
/// The whole text's syntax error, with its line and column, when it is not JSON.
fn not_json(json: &str) -> Option<grassroots::Error> {
    serde_json::from_str::<serde_json::Value>(json).err().map(|e| grassroots::Error::syntax(&e))
}

#[cfg(any(feature = "duty-list", feature = "service-board", feature = "case-tracker", feature = "dashboard", feature = "grid-map"))]
/// The error of a wrapper whose parts had problems: the whole text's syntax error when it is
/// not JSON (its parts were read one by one, so a part's own syntax error would be told at the
/// wrong place, and a part no reader reads would not be told at all), else `e`.
pub(crate) fn unless_syntax(json: &str, e: grassroots::Error) -> grassroots::Error {
    not_json(json).unwrap_or(e)
}

#[cfg(any(feature = "duty-list", feature = "service-board", feature = "case-tracker", feature = "dashboard", feature = "grid-map"))]
/// The text of the wrapper's member `key` (its first, when given twice).
pub(crate) fn member<'a>(members: &[(String, &'a str)], key: &str) -> Option<&'a str> {
    members.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
}

#[cfg(any(feature = "duty-list", feature = "service-board", feature = "case-tracker"))]
/// Whether the wrapper's member `key` is there (and, with `object`, is an object).
pub(crate) fn has(members: &[(String, &str)], key: &str, object: bool) -> bool {
    members.iter().any(|(k, v)| k == key && (!object || v.starts_with('{')))
}

#[cfg(any(feature = "duty-list", feature = "service-board", feature = "case-tracker", feature = "dashboard", feature = "grid-map"))]
/// The parts of a wrapper object such as `{"old": …, "new": …}` (its [`members`]), as JSON
/// text, one per `(key, required)` in that order. An unknown key, a key given twice, or a
/// required one missing, is a shape problem at `$`.
pub(crate) fn wrapper_parts<'a>(members: &[(String, &'a str)], keys: &[(&str, bool)], problems: &mut Vec<grassroots::Problem>) -> Vec<Option<&'a str>> {
    let shape = |message: String| grassroots::Problem { severity: Severity::Error, record: None, path: "$".to_owned(), kind: grassroots::ProblemKind::Shape { message } };
    let expected: Vec<String> = keys.iter().map(|(k, _)| format!("`{k}`")).collect();
    for (i, (key, _)) in members.iter().enumerate() {
        if !keys.iter().any(|(known, _)| known == key) {
            problems.push(shape(format!("unknown field `{key}`, expected {}", expected.join(", "))));
        } else if members[..i].iter().any(|(k, _)| k == key) {
            problems.push(shape(format!("duplicate field `{key}`")));
        }
    }
    keys.iter()
        .map(|&(key, required)| {
            let part = member(members, key);
            if part.is_none() && required {
                problems.push(shape(format!("missing field `{key}`")));
            }
            part
        })
        .collect()
}

fn data_failure(e: grassroots::Error) -> Failure {
    let (errors, warnings) = e.into_problems().into_iter().partition(|p| p.severity == Severity::Error);
    Failure::Data { errors, warnings }
}

#[cfg(feature = "org-tree")]
fn load_tree(json: &str) -> Result<LoadedTree, Failure> {
    let (tree, summary) = Organization::from_json(json).map_err(data_failure)?.split_detailed();
    Ok(LoadedTree { tree: Rc::new(tree), summary: Rc::new(summary) })
}

#[cfg(feature = "scorecard")]
fn load_scorecard(json: &str) -> Result<Scorecard, Failure> {
    Scorecard::from_json(json).map_err(data_failure)
}

#[cfg(feature = "service-board")]
/// The root component of `<gr-service-board>`. Not keyed by the generation: an update keeps
/// the tab and filters, and only clears what was pending.
#[function_component(ServiceBoardWidget)]
pub fn service_board_widget(props: &WidgetProps<Board>) -> Html {
    frame(props, |board, generation, lang| {
        html! {
            <ServiceBoardView
                board={Rc::clone(board)}
                {generation}
                {lang}
                label={props.options.label.clone().map(AttrValue::from)}
                reveal={props.options.reveal}
                host={props.host.clone()}
            />
        }
    })
}

#[cfg(feature = "service-board")]
fn load_service_board(json: &str) -> Result<Board, Failure> {
    service_board::load(json).map_err(data_failure)
}

#[cfg(feature = "duty-list")]
fn load_duty_list(json: &str) -> Result<DutyData, Failure> {
    duty_list::load(json).map_err(data_failure)
}

#[cfg(feature = "case-tracker")]
fn load_cases(json: &str) -> Result<Tracker, Failure> {
    case_tracker::load(json).map_err(data_failure)
}

#[cfg(feature = "dashboard")]
fn load_dashboard(json: &str) -> Result<DashData, Failure> {
    dashboard::load(json).map_err(data_failure)
}

#[cfg(feature = "dashboard")]
/// The root component of `<gr-dashboard>`. A new `node` option starts at that node.
#[function_component(DashboardWidget)]
pub fn dashboard_widget(props: &WidgetProps<DashData>) -> Html {
    let options = &props.options;
    frame(props, |data, generation, lang| {
        html! {
            <DashboardView
                key={format!("{generation}|{}", options.node.as_deref().unwrap_or_default())}
                elderly={options.elderly}
                data={Rc::clone(data)}
                {lang}
                label={options.label.clone().map(AttrValue::from)}
                node={options.node.clone().map(AttrValue::from)}
                host={props.host.clone()}
            />
        }
    })
}

#[cfg(feature = "grid-map")]
fn load_grid_map(json: &str) -> Result<overview::Overview, Failure> {
    overview::load(json, true).map_err(data_failure)
}

#[cfg(feature = "grid-map")]
/// The root component of `<gr-grid-map>`. A new `node` option starts at that node.
#[function_component(GridMapWidget)]
pub fn grid_map_widget(props: &WidgetProps<overview::Overview>) -> Html {
    let options = &props.options;
    frame(props, |data, generation, lang| {
        html! {
            <map::GridMapView
                key={format!("{generation}|{}", options.node.as_deref().unwrap_or_default())}
                data={Rc::clone(data)}
                {lang}
                label={options.label.clone().map(AttrValue::from)}
                node={options.node.clone().map(AttrValue::from)}
                figure={options.figure.clone().map(AttrValue::from)}
                elderly={options.elderly}
                host={props.host.clone()}
            />
        }
    })
}

#[cfg(feature = "roster-import")]
fn load_import(json: &str) -> Result<roster_import::Base, Failure> {
    roster_import::load(json).map_err(data_failure)
}

#[cfg(feature = "roster-import")]
/// The root component of `<gr-roster-import>`: the document records go into may be given as
/// its data; without data it makes a new one.
#[function_component(RosterImportWidget)]
pub fn roster_import_widget(props: &WidgetProps<roster_import::Base>) -> Html {
    let options = &props.options;
    frame(props, |base, generation, lang| {
        html! {
            <roster_import::RosterImportView
                key={generation}
                base={Rc::clone(base)}
                {lang}
                label={options.label.clone().map(AttrValue::from)}
                records={options.records.clone().map(AttrValue::from)}
                host={props.host.clone()}
            />
        }
    })
}

/// One mounted widget of one kind, behind [`WidgetHandle`].
struct Mounted<C: BaseComponent<Properties = WidgetProps<T>>, T: 'static> {
    app: Option<AppHandle<C>>,
    host: HtmlElement,
    kind: &'static str,
    options: Options,
    content: Content<T>,
    generation: u32,
    load: fn(&str) -> Result<T, Failure>,
}

/// What [`WidgetHandle`] asks of a mounted widget, whatever its kind.
trait Widget {
    fn update(&mut self, json: &str);
    fn set_options(&mut self, options: Options);
    fn fail(&mut self, failure: Failure);
    fn destroy(&mut self);
}

impl<C: BaseComponent<Properties = WidgetProps<T>>, T: 'static> Mounted<C, T> {
    fn new(host: HtmlElement, root: Element, kind: &'static str, data: Option<String>, options: Options, load: fn(&str) -> Result<T, Failure>) -> Self {
        let mut mounted = Mounted { app: None, host, kind, options, content: Content::Loading, generation: 0, load };
        if let Some(json) = data {
            mounted.load(&json);
        }
        let props = mounted.props();
        mounted.app = Some(yew::Renderer::<C>::with_root_and_props(root, props).render());
        mounted
    }

    fn load(&mut self, json: &str) {
        // The limits first, before any reader builds anything from the text; the core's
        // readers check them again (set here, process-wide: a module's widgets load one at a
        // time).
        // A byte-order mark, as Notepad saves a file, is not part of the document.
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        let limits = self.options.limits();
        grassroots::limits::set(limits);
        if let Err(e) = grassroots::limits::check_with(json, &limits) {
            return self.set_failure(data_failure(e));
        }
        match (self.load)(json) {
            Ok(value) => {
                self.generation = self.generation.wrapping_add(1);
                self.content = Content::Ready { value: Rc::new(value), generation: self.generation };
            }
            Err(failure) => self.set_failure(failure),
        }
    }

    fn set_failure(&mut self, failure: Failure) {
        let lang = Lang::from_tag(self.options.lang.as_deref());
        events::dispatch(&self.host, "gr-error", &failure.detail(self.kind, lang));
        self.content = Content::Failed(Rc::new(failure));
    }

    fn props(&self) -> WidgetProps<T> {
        WidgetProps { content: self.content.clone(), options: self.options.clone(), host: self.host.clone() }
    }

    fn render(&mut self) {
        let props = self.props();
        if let Some(app) = self.app.as_mut() {
            app.update(props);
        }
    }
}

impl<C: BaseComponent<Properties = WidgetProps<T>>, T: 'static> Widget for Mounted<C, T> {
    fn update(&mut self, json: &str) {
        self.load(json);
        self.render();
    }

    fn set_options(&mut self, options: Options) {
        self.options = options;
        self.render();
    }

    fn fail(&mut self, failure: Failure) {
        self.set_failure(failure);
        self.render();
    }

    fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// A diagnostic build's panic messages on the console (`console.error("panic: …")`), which the
/// bundle's own builds (`-Cpanic=immediate-abort`) cannot have: a panic there is a bare
/// `unreachable` trap. Used to tell a panic from an engine fault (ARCHITECTURE.md, "Known
/// issues"); needs a build with `-Cpanic=abort` (see there).
#[cfg(feature = "panic-console")]
mod panic_console {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = console)]
        fn error(text: &str);
    }

    pub(crate) fn install() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| std::panic::set_hook(Box::new(|info| error(&format!("panic: {info}")))));
    }
}

/// A mounted widget. `grassroots.js` wraps it; hosts use that wrapper's `update()`,
/// `setOptions()` and `destroy()`.
#[wasm_bindgen]
pub struct WidgetHandle {
    inner: Box<dyn Widget>,
}

/// The options, as JSON text from `grassroots.js` (one JSON reader for data and options alike;
/// serde-wasm-bindgen's deserializer cost more bytes than the text).
fn read_options(options: Option<String>) -> Result<Options, JsValue> {
    match options.as_deref() {
        None | Some("") | Some("null") => Ok(Options::default()),
        Some(text) => serde_json::from_str(text)
            .map_err(|e| e.to_string())
            .and_then(|value| grassroots::read_json_record(&value))
            .map_err(|e| JsValue::from_str(&format!("invalid options: {e}"))),
    }
}

/// The widget kinds this module was built with (each a cargo feature).
pub const KINDS: &[&str] = &[
    #[cfg(feature = "org-tree")]
    "org-tree",
    #[cfg(feature = "scorecard")]
    "scorecard",
    #[cfg(feature = "duty-list")]
    "duty-list",
    #[cfg(feature = "service-board")]
    "service-board",
    #[cfg(feature = "case-tracker")]
    "case-tracker",
    #[cfg(feature = "dashboard")]
    "dashboard",
    #[cfg(feature = "grid-map")]
    "grid-map",
    #[cfg(feature = "roster-import")]
    "roster-import",
];

/// Mounts widget `kind` (`"org-tree"`, `"scorecard"`, `"duty-list"`, `"service-board"`, `"case-tracker"`, `"dashboard"`, `"grid-map"`, `"roster-import"`) into `root`, dispatching events on
/// `host`. `data` is JSON text, or `None` while it is still being fetched.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: Element, kind: &str, data: Option<String>, options: Option<String>) -> Result<WidgetHandle, JsValue> {
    #[cfg(feature = "panic-console")]
    panic_console::install();
    let options = read_options(options)?;
    let inner: Box<dyn Widget> = match kind {
        #[cfg(feature = "org-tree")]
        "org-tree" => Box::new(Mounted::<OrgTreeWidget, _>::new(host, root, "org-tree", data, options, load_tree)),
        #[cfg(feature = "scorecard")]
        "scorecard" => Box::new(Mounted::<ScorecardWidget, _>::new(host, root, "scorecard", data, options, load_scorecard)),
        #[cfg(feature = "duty-list")]
        "duty-list" => Box::new(Mounted::<DutyListWidget, _>::new(host, root, "duty-list", data, options, load_duty_list)),
        #[cfg(feature = "service-board")]
        "service-board" => Box::new(Mounted::<ServiceBoardWidget, _>::new(host, root, "service-board", data, options, load_service_board)),
        #[cfg(feature = "case-tracker")]
        "case-tracker" => Box::new(Mounted::<CaseTrackerWidget, _>::new(host, root, "case-tracker", data, options, load_cases)),
        #[cfg(feature = "dashboard")]
        "dashboard" => Box::new(Mounted::<DashboardWidget, _>::new(host, root, "dashboard", data, options, load_dashboard)),
        #[cfg(feature = "grid-map")]
        "grid-map" => Box::new(Mounted::<GridMapWidget, _>::new(host, root, "grid-map", data, options, load_grid_map)),
        #[cfg(feature = "roster-import")]
        "roster-import" => Box::new(Mounted::<RosterImportWidget, _>::new(host, root, "roster-import", data, options, load_import)),
        other => return Err(JsValue::from_str(&format!("unknown widget kind \"{other}\"; this module has: {}", KINDS.join(", ")))),
    };
    Ok(WidgetHandle { inner })
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Replaces the data with new JSON text.
    pub fn update(&mut self, data: &str) {
        self.inner.update(data);
    }

    /// Replaces the options (language, elderly mode, label, …).
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&mut self, options: Option<String>) -> Result<(), JsValue> {
        self.inner.set_options(read_options(options)?);
        Ok(())
    }

    /// Shows that the data could not be fetched, and dispatches `gr-error`.
    pub fn fail(&mut self, detail: &str) {
        self.inner.fail(Failure::Fetch(detail.to_owned()));
    }

    /// Unmounts the widget; the handle is then spent.
    pub fn destroy(&mut self) {
        self.inner.destroy();
    }
}
