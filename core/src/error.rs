//! The crate's one error type, and the problems that loading reports.

use serde::Serialize;

/// Why data could not be turned into a domain value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not JSON at all; nothing in it could be read.
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line of the first byte that could not be read.
        line: usize,
        /// 1-based column of that byte.
        column: usize,
        /// What the JSON reader expected.
        message: String,
    },
    /// The input is JSON, but some records are wrong. Every problem found is listed.
    #[error("{} error(s) in the data, the first: {}", count_errors(.problems), first_problem(.problems))]
    Invalid {
        /// Sorted by the position of the record concerned, then by path.
        problems: Vec<Problem>,
    },
}

#[cfg(feature = "sheets")]
fn candidates_suffix(candidates: &[String], lead: &str) -> String {
    if candidates.is_empty() { String::new() } else { format!("{lead}{}", candidates.join(", ")) }
}

fn limit_text(limit: crate::limits::Limit, max: usize, found: usize) -> String {
    use crate::limits::Limit;
    match limit {
        Limit::Bytes => format!("the document is {found} bytes, over the limit of {max} bytes (limit `bytes`); nothing was read"),
        Limit::Depth => format!("nested deeper than the limit of {max} levels (limit `depth`); nothing was read"),
        Limit::String => format!("a value or key of {found} bytes, over the limit of {max} bytes (limit `string`); nothing was read"),
        Limit::Records => format!("more than the limit of {max} items (limit `records`); nothing was read"),
    }
}

fn count_errors(problems: &[Problem]) -> usize {
    problems.iter().filter(|p| p.severity == Severity::Error).count()
}

fn first_problem(problems: &[Problem]) -> String {
    problems.iter().find(|p| p.severity == Severity::Error).map(ToString::to_string).unwrap_or_default()
}

impl Error {
    /// The problems behind this error; a syntax error is reported as one problem at `$`.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Error::Syntax { .. } => self.clone().into_problems(),
            Error::Invalid { problems } => problems.clone(),
        }
    }

    /// As [`Error::problems`], taking them out of the error rather than copying them (in
    /// wasm, the code that copies a problem — 140 kinds — is then left out of a module that
    /// never calls `problems`).
    pub fn into_problems(self) -> Vec<Problem> {
        match self {
            Error::Invalid { problems } => problems,
            Error::Syntax { line, column, message } => vec![Problem::error(None, "$".to_owned(), ProblemKind::Syntax { line, column, message })],
        }
    }

    /// serde_json's syntax error, its position as fields.
    pub fn syntax(err: &serde_json::Error) -> Self {
        Error::Syntax { line: err.line(), column: err.column(), message: strip_position(err) }
    }
}

/// serde_json appends " at line L column C" to its messages; we report those as fields.
fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

/// How bad a problem is: errors make data unusable, warnings are worth a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The data cannot be used until this is fixed.
    Error,
    /// The data is usable, but probably not what its author meant.
    Warning,
}

/// One thing wrong with one record, located by a JSON path such as `$.nodes[3].parent`.
#[derive(Debug, PartialEq, Serialize, thiserror::Error)]
#[error("{path}{}: {kind}", record_suffix(.record))]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The `id` of the record concerned, when it has a readable one.
    pub record: Option<String>,
    /// Where in the input: a JSON path from the document root `$`.
    pub path: String,
    /// What is wrong, with the values involved.
    #[serde(flatten)]
    pub kind: ProblemKind,
}

/// Written out and kept out of line, so that the copies of a list of problems (a `Vec`'s
/// `clone`, a slice's `to_vec`) share one copy of the problem kinds' large match rather than
/// each inlining its own (about 4 KB of code a module in the wasm build).
impl Clone for Problem {
    #[inline(never)]
    fn clone(&self) -> Self {
        Problem { severity: self.severity, record: self.record.clone(), path: self.path.clone(), kind: self.kind.clone() }
    }
}

/// How many features have a foreign member, when more than one.
#[cfg(feature = "geo")]
fn features_having(count: usize) -> String {
    if count > 1 { format!("; in {count} features, the first here") } else { String::new() }
}

fn record_suffix(record: &Option<String>) -> String {
    record.as_ref().map(|id| format!(" (record \"{id}\")")).unwrap_or_default()
}

impl Problem {
    /// The problem in Chinese, as [`Display`](std::fmt::Display) gives it in English:
    /// `$.grids[3].code（记录“g4”）：网格编码应以所属社区编码 422827001001 开头`.
    pub fn zh(&self) -> String {
        let record = self.record.as_ref().map(|id| format!("（记录“{id}”）")).unwrap_or_default();
        format!("{}{record}：{}", self.path, crate::zh::problem(&self.kind))
    }

    pub(crate) fn error(record: Option<String>, path: String, kind: ProblemKind) -> Self {
        Problem { severity: Severity::Error, record, path, kind }
    }

    pub(crate) fn warning(record: Option<String>, path: String, kind: ProblemKind) -> Self {
        Problem { severity: Severity::Warning, record, path, kind }
    }
}

/// What kind of record a reference points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RefKind {
    /// A node of the tree.
    Node,
    /// A grid.
    Grid,
    /// A unit.
    Unit,
    /// A member.
    Member,
    /// A post (设岗定责).
    Post,
    /// A level of the schema.
    Level,
    /// A property-management company (物业企业).
    PropertyCompany,
    /// A team (队).
    Team,
    /// A resident's demand (需求).
    #[cfg(feature = "services")]
    Demand,
    /// A service offer (服务).
    #[cfg(feature = "services")]
    Offer,
    /// A claim (认领).
    #[cfg(feature = "services")]
    Claim,
    /// A block (楼栋/小区) of a re-cut.
    #[cfg(feature = "recut")]
    Block,
}

impl std::fmt::Display for RefKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RefKind::Node => "node",
            RefKind::Grid => "grid",
            RefKind::Unit => "unit",
            RefKind::Member => "member",
            RefKind::Post => "post",
            RefKind::Level => "level",
            RefKind::PropertyCompany => "property company",
            RefKind::Team => "team",
            #[cfg(feature = "services")]
            RefKind::Demand => "demand",
            #[cfg(feature = "services")]
            RefKind::Offer => "offer",
            #[cfg(feature = "services")]
            RefKind::Claim => "claim",
            #[cfg(feature = "recut")]
            RefKind::Block => "block",
        })
    }
}

/// What is wrong. Serialized with a `code` tag so that a host can localise or filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ProblemKind {
    /// The input is not JSON.
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the JSON reader expected.
        message: String,
    },
    /// The document passed one of the [`crate::limits`] here: nothing of it was read.
    #[error("{}", limit_text(*.limit, *.max, *.found))]
    Limit {
        /// Which limit.
        limit: crate::limits::Limit,
        /// The limit.
        max: usize,
        /// What the document has here (for depth and items: the first count past the limit).
        found: usize,
    },
    /// A value has the wrong type, a required field is missing or a field is unknown.
    #[error("{message}")]
    Shape {
        /// The reader's description, e.g. "missing field `name`".
        message: String,
    },
    /// A required text field is empty or only white space.
    #[error("must not be empty")]
    Empty,
    /// Two records share an id.
    #[error("duplicate id \"{id}\", first used at {first}")]
    DuplicateId {
        /// The id used twice.
        id: String,
        /// JSON path of the record that used it first.
        first: String,
    },
    /// `parent` names an id that no record has.
    #[error("parent \"{parent}\" does not exist")]
    UnknownParent {
        /// The missing id.
        parent: String,
    },
    /// Following `parent` links comes back to where it started.
    #[error("parent links form a cycle: {}", .ids.join(" → "))]
    Cycle {
        /// The ids on the cycle, starting at the record that reports it.
        ids: Vec<String>,
    },
    /// No record is without a parent, so the tree has no root.
    #[error("no root: exactly one record must have no parent")]
    NoRoot,
    /// More than one record is without a parent.
    #[error("second root: \"{root}\" is already the root, so this record needs a parent")]
    ExtraRoot {
        /// The id of the first root.
        root: String,
    },
    /// There are no records at all.
    #[error("no records")]
    NoRecords,
    /// `schema` names a preset that does not exist.
    #[error("unknown schema preset \"{name}\", expected one of laifeng, xinxiang, street, county")]
    UnknownPreset {
        /// The name given.
        name: String,
    },
    /// The document names no schema, so level order is not checked.
    #[error("no schema: levels are not checked; name a preset or give a schema")]
    NoSchema,
    /// A schema lists the same level key twice.
    #[error("level \"{key}\" is defined twice")]
    DuplicateLevel {
        /// The key.
        key: String,
    },
    /// A reference names a record that does not exist.
    #[error("{what} \"{id}\" does not exist")]
    UnknownRef {
        /// What kind of record was meant.
        what: RefKind,
        /// The id that was not found.
        id: String,
    },
    /// A node of this level may not sit under a node of that level.
    #[error("a \"{level}\" may not sit under a \"{parent_level}\"")]
    LevelOrder {
        /// The node's level.
        level: String,
        /// Its parent's level.
        parent_level: String,
    },
    /// The root is of a level that needs a parent.
    #[error("a \"{level}\" cannot be the root")]
    NotRootLevel {
        /// The root's level.
        level: String,
    },
    /// Two records share a code.
    #[error("duplicate code \"{value}\", first used at {first}")]
    DuplicateCode {
        /// The code used twice.
        value: String,
        /// JSON path of the record that used it first.
        first: String,
    },
    /// The reference must name a community, but names a node of another level.
    #[error("\"{id}\" is not a community")]
    NotCommunity {
        /// The node named.
        id: String,
    },
    /// A grid code is not 14 or 15 digits.
    #[error("grid code \"{value}\" is not 6 division + 3 street + 3 community + 2–3 sequence digits")]
    GridCodeFormat {
        /// The code given.
        value: String,
    },
    /// A grid code's first 12 digits are not its community's code.
    #[error("grid code does not start with its community's code {expected}")]
    GridCodePrefix {
        /// The community's code.
        expected: String,
    },
    /// A merged grid must be numbered from 601; an ordinary one below it.
    #[error("grid sequence {sequence}: merged grids are numbered from 601, other grids below 601")]
    GridSequence {
        /// The sequence part of the code.
        sequence: u32,
    },
    /// A grid has no grid worker (一格一员).
    #[error("grid has no grid worker")]
    NoWorker,
    /// A grid has no households.
    #[error("grid has no households")]
    NoHouseholds,
    /// A member is placed in no grid.
    #[error("member is placed in no grid")]
    NoGrid,
    /// A mobile member without `flow` (in or out), or `flow` on another kind.
    #[error("\"flow\" (in or out) is given for mobile members, and only for them")]
    Flow,
    /// An in-service member has not reported to a community where they live (双报到).
    #[error("in-service member has not reported to a community (双报到)")]
    NotReported,
    /// An agreement ends before it starts.
    #[error("agreement ends ({end}) before it starts ({start})")]
    AgreementPeriod {
        /// First day.
        start: String,
        /// Last day.
        end: String,
    },
    /// A big committee has fewer than 3 or more than 7 part-time members.
    #[error("a big committee usually has 3–7 part-time members, this one has {count}")]
    CommitteeSize {
        /// How many it has.
        count: usize,
    },
    /// A unit is in the big committee of a community that has none.
    #[error("unit is marked as big-committee member, but its community has no big committee")]
    NoCommittee,
    /// A grid worker in a member's role (reporting or no-office member) whose member record
    /// is of another kind.
    #[error("the worker's role is {role}, but member \"{member}\" is not of that kind")]
    WorkerRoleMember {
        /// The worker's role (`reporting_member`, `no_office_member`).
        role: String,
        /// The member named.
        member: String,
    },
    /// A grid lacks workers its schema's grid-worker model requires (昌宁 "1+1").
    #[error("the \"{model}\" grid-worker model needs {needed} {role} worker(s) in every grid, this grid has {found}")]
    WorkerModel {
        /// The model's name, e.g. `1+1`.
        model: String,
        /// The role short (`reporting_member` …).
        role: String,
        /// How many the model needs.
        needed: u32,
        /// How many the grid has.
        found: u32,
    },
    /// The same id is listed twice in one list.
    #[error("\"{id}\" is listed twice")]
    ListedTwice {
        /// The id.
        id: String,
    },
    /// A period ends before it starts.
    #[error("ends ({end}) before it starts ({start})")]
    PeriodOrder {
        /// First day.
        start: String,
        /// Last day.
        end: String,
    },
    /// Someone is stationed in a community that their unit does not 包保.
    #[error("stationed in community \"{community}\", which the unit does not 包保 (baobao)")]
    StationedNotBaobao {
        /// The community.
        community: String,
    },
    /// A second lead unit (牵头单位) for one community: 1+4+N has one.
    #[error("a second lead unit for this community (1+4+N has one), the first at {first}")]
    SecondLead {
        /// JSON path of the first lead.
        first: String,
    },
    /// A 红色物业 demonstration site whose compound has no property company with a Party
    /// organization.
    #[error("a 红色物业 demonstration site needs a property company with a Party organization")]
    RedSiteWithoutParty,
    /// A record of a community names a grid of another community.
    #[error("grid \"{grid}\" is in another community")]
    GridOutsideCommunity {
        /// The grid named.
        grid: String,
    },
    /// A team's leader is not among its members.
    #[error("leader \"{id}\" is not among the team's members")]
    LeaderNotInTeam {
        /// The leader's member id.
        id: String,
    },
    /// A team with no members, units or volunteers.
    #[error("team has no members, units or volunteers")]
    EmptyTeam,
    // The rules' problems exist only with the `rules` feature, so that builds without the
    // rules (the widget bundle, until a widget evaluates rules) carry no code for them.
    /// A rule set or an evaluation names a fact that the fact catalogue does not know.
    #[cfg(feature = "rules")]
    #[error("unknown fact \"{name}\"")]
    UnknownFact {
        /// The name used.
        name: String,
    },
    /// An expression uses an operator outside standard JsonLogic.
    #[cfg(feature = "rules")]
    #[error("\"{op}\" is not a standard JsonLogic operator")]
    UnknownOperator {
        /// The operator.
        op: String,
    },
    /// A value of one type is used where another is needed.
    #[cfg(feature = "rules")]
    #[error("expected a {expected} value, found a {found} one")]
    TypeMismatch {
        /// The type needed (number, ratio, boolean, text).
        expected: String,
        /// The type found.
        found: String,
    },
    /// A threshold that no value of its type can reach (a ratio above 1).
    #[cfg(feature = "rules")]
    #[error("threshold {threshold} can never be reached: values are at most {max}")]
    UnreachableThreshold {
        /// The threshold, as written.
        threshold: String,
        /// The largest value possible.
        max: String,
    },
    /// Bands are not ordered from the highest threshold down.
    #[cfg(feature = "rules")]
    #[error("bands go from the highest threshold down, but {threshold} is not below the band before it")]
    BandOrder {
        /// The threshold out of order.
        threshold: String,
    },
    /// A section (or the whole scorecard) cannot score enough to pass.
    #[cfg(feature = "rules")]
    #[error("at most {max} points can be scored here, below the pass mark {needed}")]
    UnreachablePassMark {
        /// The most that can be scored.
        max: String,
        /// The pass mark.
        needed: String,
    },
    /// An indicator must score either by bands or by fixed points.
    #[cfg(feature = "rules")]
    #[error("an indicator scores either by \"bands\" or by \"points\": give exactly one")]
    Scoring,
    /// A reference names a section the rule set does not have.
    #[cfg(feature = "rules")]
    #[error("section \"{id}\" does not exist")]
    UnknownSection {
        /// The id given.
        id: String,
    },
    /// A period ends before it starts.
    #[cfg(feature = "rules")]
    #[error("period ends ({to}) before it starts ({from})")]
    Period {
        /// First day.
        from: String,
        /// Last day.
        to: String,
    },
    /// An entity lacks a fact that an expression needs; the rule scores nothing for it.
    #[cfg(feature = "rules")]
    #[error("fact \"{fact}\" is missing, so this scores nothing")]
    MissingFact {
        /// The fact's name.
        fact: String,
    },
    /// An entity's fact has a value of the wrong type.
    #[cfg(feature = "rules")]
    #[error("fact \"{fact}\" should be a {expected} value")]
    FactValue {
        /// The fact's name.
        fact: String,
        /// Its type in the catalogue.
        expected: String,
    },
    /// An expression could not be evaluated for an entity, or gave a value of the wrong kind.
    #[cfg(feature = "rules")]
    #[error("the expression could not be evaluated: {message}")]
    Evaluation {
        /// What went wrong.
        message: String,
    },
    // ---- lists ----
    /// A list item names no owner (the department or post that handles it).
    #[cfg(feature = "lists")]
    #[error("item has no owner: name the department or post that handles it")]
    NoOwner,
    /// Two items of the same kind have the same name (after folding width, spaces and a
    /// trailing 证明/证/的).
    #[cfg(feature = "lists")]
    #[error("duplicate {kind} item \"{name}\", the same as item \"{first}\"")]
    DuplicateItem {
        /// The item's name as written.
        name: String,
        /// The list kind (self_governance, assist, certificate, negative).
        kind: String,
        /// The id of the item that came first.
        first: String,
    },
    /// Something is on the negative list (负面清单) and yet required as a duty.
    #[cfg(feature = "lists")]
    #[error("\"{name}\" is on the negative list (item \"{negative}\") but is required as a duty")]
    NegativeDuty {
        /// The name of the negative-list item.
        name: String,
        /// The id of the negative-list item.
        negative: String,
    },
    /// A duty or material names an item id that the lists do not have.
    #[cfg(feature = "lists")]
    #[error("item \"{id}\" does not exist")]
    UnknownItem {
        /// The id given.
        id: String,
    },
    /// A material refers to an item that is not a certificate (证明事项).
    #[cfg(feature = "lists")]
    #[error("item \"{id}\" is not a certificate (its kind is {kind})")]
    NotCertificate {
        /// The id given.
        id: String,
        /// Its kind.
        kind: String,
    },
    /// A material requires a certificate that has been abolished.
    #[cfg(feature = "lists")]
    #[error("requires certificate \"{certificate}\" ({id}), abolished since {since}")]
    AbolishedMaterial {
        /// The certificate's name.
        certificate: String,
        /// Its item id.
        id: String,
        /// The day it was abolished.
        since: String,
    },
    /// Two dates of a record are in the wrong order.
    #[cfg(feature = "lists")]
    #[error("{date} is before {earlier}, the {what}")]
    DateOrder {
        /// The date out of order.
        date: String,
        /// The date it must not precede.
        earlier: String,
        /// What the earlier date is, e.g. "day the item was introduced".
        what: String,
    },
    /// A date of an item lies after the day the list version takes effect.
    #[cfg(feature = "lists")]
    #[error("{date} is after the day this version takes effect ({effective})")]
    AfterEffective {
        /// The item's date.
        date: String,
        /// The list's effective day.
        effective: String,
    },
    /// An item is delegated to a level that is not below the level it had.
    #[cfg(feature = "lists")]
    #[error("delegated to \"{to}\", which is not below \"{from}\"")]
    NotLower {
        /// The level the item had.
        from: String,
        /// The level it was delegated to.
        to: String,
    },
    /// An abolished certificate does not say what a resident does instead.
    #[cfg(feature = "lists")]
    #[error("abolished without saying what to do instead (\"instead\")")]
    NoInstead,
    // ---- cases ----
    /// A workflow step out of order: steps go 收集 → 分析 → 办理 → 反馈 → 评议, none skipped.
    #[cfg(feature = "cases")]
    #[error("step \"{step}\" cannot come here: the next step is \"{expected}\"")]
    StepOrder {
        /// The step given.
        step: String,
        /// The step the workflow allows next (`none` after the last step).
        expected: String,
    },
    /// A workflow step that a case already took.
    #[cfg(feature = "cases")]
    #[error("step \"{step}\" is repeated, first at {first}")]
    RepeatedStep {
        /// The step.
        step: String,
        /// JSON path of its first record.
        first: String,
    },
    /// An event (contact known, on site …) recorded twice for one case.
    #[cfg(feature = "cases")]
    #[error("event \"{event}\" is repeated, first at {first}")]
    RepeatedEvent {
        /// The event.
        event: String,
        /// JSON path of its first record.
        first: String,
    },
    /// A time earlier than one that must come before it.
    #[cfg(feature = "cases")]
    #[error("time goes backwards: {at} is before {earlier} ({what})")]
    TimeBackwards {
        /// The time given.
        at: String,
        /// The time it may not precede.
        earlier: String,
        /// What that earlier time is, e.g. `the case opened`, `step "analyse"`.
        what: String,
    },
    /// A satisfaction rating on a step other than the review (评议).
    #[cfg(feature = "cases")]
    #[error("satisfaction is given at the review step only, not at \"{step}\"")]
    SatisfactionNotAtReview {
        /// The step that carries it.
        step: String,
    },
    /// A review (评议) without a satisfaction rating.
    #[cfg(feature = "cases")]
    #[error("the review gives no satisfaction (satisfied, basically, unsatisfied)")]
    NoSatisfaction,
    /// A case names an SLA profile that the document does not have.
    #[cfg(feature = "cases")]
    #[error("SLA profile \"{id}\" does not exist")]
    UnknownProfile {
        /// The id given.
        id: String,
    },
    /// A routing table or SLA profile preset that does not exist.
    #[cfg(feature = "cases")]
    #[error("unknown preset \"{name}\", expected one of {expected}")]
    UnknownCasesPreset {
        /// The name given.
        name: String,
        /// The presets there are.
        expected: String,
    },
    /// A route escalates from a level that the ladder does not have.
    #[cfg(feature = "cases")]
    #[error("escalation level \"{level}\" is not on the ladder")]
    UnknownRung {
        /// The level given.
        level: String,
    },
    /// No route of the routing table takes a whistle from this source for this category.
    #[cfg(feature = "cases")]
    #[error("no route takes a whistle from \"{whistle}\" for \"{category}\": nobody is bound to report")]
    NoRoute {
        /// The case's source (who whistled).
        whistle: String,
        /// The case's category.
        category: String,
    },
    // ---- geometry ----
    /// A feature of a geometry document names no record in its properties.
    #[cfg(feature = "geo")]
    #[error("the feature names no record: give properties \"grid\", \"node\" or \"block\"")]
    GeoNoSubject,
    /// A feature names more than one record.
    #[cfg(feature = "geo")]
    #[error("the feature names more than one record ({keys}): give exactly one of \"grid\", \"node\", \"block\"")]
    GeoManySubjects {
        /// The property names given, e.g. `grid, node`.
        keys: String,
    },
    /// Two features draw the same record.
    #[cfg(feature = "geo")]
    #[error("{what} \"{id}\" is already drawn at {first}")]
    GeoDuplicate {
        /// `grid`, `node` or `block`.
        what: String,
        /// The record's id.
        id: String,
        /// JSON path of the feature that drew it first.
        first: String,
    },
    /// A feature's geometry is not a polygon.
    #[cfg(feature = "geo")]
    #[error("the geometry is {found}, expected a Polygon or MultiPolygon")]
    GeoNotPolygon {
        /// The geometry type found, or `null`.
        found: String,
    },
    /// A ring whose last position is not its first.
    #[cfg(feature = "geo")]
    #[error("the ring is not closed: its last position must repeat its first")]
    GeoUnclosedRing,
    /// A ring with fewer than four positions (three corners and the closing one).
    #[cfg(feature = "geo")]
    #[error("a ring needs at least 4 positions (3 corners and the first repeated), this one has {count}")]
    GeoShortRing {
        /// The positions it has.
        count: usize,
    },
    /// Positions outside China's extent in a document with a geographic crs.
    #[cfg(feature = "geo")]
    #[error("{count} position(s) of this ring lie outside China (longitude 73–136, latitude 3–54), the first at ({lon}, {lat}); is the crs right, or are longitude and latitude swapped?")]
    GeoOutsideChina {
        /// How many positions of the ring lie outside.
        count: usize,
        /// The first one's longitude, as written.
        lon: String,
        /// Its latitude.
        lat: String,
    },
    /// Positions farther from the origin than a `local` (planar) crs allows.
    #[cfg(feature = "geo")]
    #[error("{count} position(s) of this ring lie farther than {max} from the origin, the first at ({x}, {y}); a local crs is in metres")]
    GeoFarPosition {
        /// How many positions of the ring lie that far.
        count: usize,
        /// The first one's x, as written.
        x: String,
        /// Its y.
        y: String,
        /// The farthest a coordinate may be, as text.
        max: String,
    },
    /// The document's `crs` is not one this format knows.
    #[cfg(feature = "geo")]
    #[error("unknown crs \"{name}\", expected one of wgs84, gcj02, cgcs2000, local")]
    GeoUnknownCrs {
        /// The name given.
        name: String,
    },
    /// A grid of the organization has no shape in the geometry document.
    #[cfg(feature = "geo")]
    #[error("grid \"{id}\" has no polygon")]
    GeoMissingGrid {
        /// The grid's id.
        id: String,
    },
    /// A feature names a grid or node that the organization does not have, so a map cannot
    /// place it: its shape is not drawn.
    #[cfg(feature = "geo")]
    #[error("{what} \"{id}\" is not in the organization; its shape is not drawn")]
    GeoNotDrawn {
        /// A grid or a node.
        what: RefKind,
        /// The id the feature names.
        id: String,
    },
    /// A ring crosses or touches itself.
    #[cfg(feature = "geo")]
    #[error("the ring intersects itself")]
    GeoSelfIntersection,
    /// A hole that is not inside its polygon's outer ring, or rings of one polygon that cross.
    #[cfg(feature = "geo")]
    #[error("the hole is not inside its polygon's outer ring, or crosses another ring")]
    GeoHoleOutside,
    /// Polygons of one multipolygon overlap or share an edge.
    #[cfg(feature = "geo")]
    #[error("polygons {first} and {second} of this multipolygon overlap or share an edge")]
    GeoPartsOverlap {
        /// Index of the first polygon.
        first: usize,
        /// Index of the second.
        second: usize,
    },
    /// A grid reaches outside its community's polygon by more than the tolerance.
    #[cfg(feature = "geo")]
    #[error("the grid reaches {distance_m} m outside its community \"{community}\" (tolerance {tolerance_m} m)")]
    GeoOutsideCommunity {
        /// The community's node id.
        community: String,
        /// The largest distance of a grid corner from the community's polygon, metres.
        distance_m: String,
        /// The tolerance, metres.
        tolerance_m: String,
    },
    /// Two grids overlap by more than the tolerance (不交叉).
    #[cfg(feature = "geo")]
    #[error("overlaps grid \"{other}\" by {area_m2} m²")]
    GeoOverlap {
        /// The other grid's id.
        other: String,
        /// The overlap's area, square metres.
        area_m2: String,
    },
    /// Part of a community that none of its grids covers (无缝隙).
    #[cfg(feature = "geo")]
    #[error("a gap of {area_m2} m² inside the community is covered by no grid, around ({x}, {y})")]
    GeoGap {
        /// The gap's area, square metres.
        area_m2: String,
        /// A point inside the gap, in the document's coordinates (longitude or metres east).
        x: String,
        /// Its other coordinate (latitude or metres north).
        y: String,
    },
    /// A member of the collection or of a feature that GeoJSON allows and this format does not
    /// read (a foreign member: GeoServer's `geometry_name`, GDAL's `xy_coordinate_resolution`);
    /// a warning, once a name, at its first place.
    #[cfg(feature = "geo")]
    #[error("member `{name}` is not read (GeoJSON allows it{})", features_having(*.count))]
    GeoForeignMember {
        /// The member's name.
        name: String,
        /// How many objects of its kind (the collection: 1, or features) have it.
        count: usize,
    },
    /// A grid's `area_km2` more than 10 % away from its polygon's area.
    #[cfg(feature = "geo")]
    #[error("the organization gives area_km2 {declared_km2}, the polygon measures {drawn_km2} km² (more than 10 % apart)")]
    GeoAreaMismatch {
        /// The grid record's `area_km2`.
        declared_km2: String,
        /// The polygon's area.
        drawn_km2: String,
    },
    // ---- re-cutting (feature `recut`) ----
    /// An adjacency pair of a blocks document names one block twice.
    #[cfg(feature = "recut")]
    #[error("block \"{id}\" is paired with itself")]
    RecutSelfPair {
        /// The block's id.
        id: String,
    },
    /// The re-cut's options ask for neither a number of parts nor a size range.
    #[cfg(feature = "recut")]
    #[error("give either `parts` (with `tolerance`) or a size range per part (`households`, `population`)")]
    RecutNoTarget,
    /// The re-cut's options ask for a number of parts and a size range at once.
    #[cfg(feature = "recut")]
    #[error("give either `parts` or a size range per part, not both")]
    RecutTwoTargets,
    /// A size range whose minimum is above its maximum.
    #[cfg(feature = "recut")]
    #[error("the range {min}..{max} is empty: its minimum is above its maximum")]
    RecutEmptyRange {
        /// The minimum given.
        min: u32,
        /// The maximum given.
        max: u32,
    },
    /// A number of the options outside what it may be.
    #[cfg(feature = "recut")]
    #[error("{value} is outside the allowed {low} to {high}")]
    RecutOutOfBounds {
        /// The value given.
        value: String,
        /// The lowest allowed.
        low: String,
        /// The highest allowed.
        high: String,
    },
    /// The input has no blocks to re-cut.
    #[cfg(feature = "recut")]
    #[error("no blocks to re-cut: give block features (properties \"block\", \"households\", \"population\") or a blocks document")]
    RecutNoBlocks,
    // ---- spreadsheets (feature `sheets`): located by file, sheet, row and column header ----
    /// The bytes are not a workbook or CSV file that can be read.
    #[cfg(feature = "sheets")]
    #[error("cannot be read as a spreadsheet (.xlsx, .xls, .ods or .csv): {message}")]
    Unreadable {
        /// What the reader said.
        message: String,
    },
    /// A sheet spans more cells (rows × columns, from its first cell to its last, or as its
    /// file claims) than the `records` limit allows: nothing of the file was read.
    #[cfg(feature = "sheets")]
    #[error("the sheet spans {rows} rows × {columns} columns (from its first cell to its last, or as the file declares), more than the limit of {max} cells (limit `records`); nothing was read")]
    SheetTooLarge {
        /// Rows from the first to the last.
        rows: u64,
        /// Columns from the first to the last.
        columns: u64,
        /// The limit.
        max: usize,
    },
    /// A cell lies outside a worksheet's 1,048,576 rows and 16,384 columns (a damaged file):
    /// nothing of the file was read.
    #[cfg(feature = "sheets")]
    #[error("a cell at row {row}, column {column}: outside a worksheet's 1,048,576 rows and 16,384 columns; nothing was read")]
    CellOutsideSheet {
        /// Its row, from 1.
        row: u64,
        /// Its column, from 1.
        column: u64,
    },
    /// `--sheet` (or the mapping) names a sheet the workbook does not have.
    #[cfg(feature = "sheets")]
    #[error("no sheet \"{name}\"; the workbook has {}", .sheets.join(", "))]
    NoSuchSheet {
        /// The name asked for.
        name: String,
        /// The sheets there are.
        sheets: Vec<String>,
    },
    /// No row near the top of any sheet names at least two of the columns looked for.
    #[cfg(feature = "sheets")]
    #[error("no header row: no row near the top names two or more of the columns {}", .expected.join(", "))]
    NoHeaderRow {
        /// The headers looked for (the first alias of each field).
        expected: Vec<String>,
    },
    /// A column the records need is not in the header row.
    #[cfg(feature = "sheets")]
    #[error("no column for {field}: head one column {} (or map it in a mapping file)", .headers.join(" / "))]
    MissingColumn {
        /// The field of the records.
        field: String,
        /// The headers it is recognised by.
        headers: Vec<String>,
    },
    /// A header that names no field: the column is not read.
    #[cfg(feature = "sheets")]
    #[error("column not recognised, so not read: map it to a field (or to null) in a mapping file")]
    UnknownColumn,
    /// Two columns name the same field.
    #[cfg(feature = "sheets")]
    #[error("a second column for {field}: the first is \"{first}\"; this one is not read")]
    DuplicateColumn {
        /// The field.
        field: String,
        /// The header of the first column for it.
        first: String,
    },
    /// An ID-card number typed into a number cell: the spreadsheet kept 15 significant digits.
    #[cfg(feature = "sheets")]
    #[error("the ID-card number is stored as a number and has lost digits ({shown}): format the column as text and type the numbers again")]
    DigitsLost {
        /// The number as the cell holds it.
        shown: String,
    },
    /// An ID-card number that is not 17 digits and a check character.
    #[cfg(feature = "sheets")]
    #[error("an ID-card number has 17 digits and a check digit or X")]
    IdCardFormat,
    /// An ID-card number whose check character does not match.
    #[cfg(feature = "sheets")]
    #[error("the ID-card number's check digit is wrong")]
    IdCardCheckDigit,
    /// Not a phone number.
    #[cfg(feature = "sheets")]
    #[error("\"{value}\" is not a phone number: 11 digits starting with 1, or a landline such as 0718-6281234")]
    PhoneFormat {
        /// The cell's text.
        value: String,
    },
    /// Not a date.
    #[cfg(feature = "sheets")]
    #[error("\"{value}\" is not a date: write 2026-03-01, 2026/3/1 or 2026年3月1日, or use a date cell")]
    DateFormat {
        /// The cell's text.
        value: String,
    },
    /// Not a whole number of at least 0.
    #[cfg(feature = "sheets")]
    #[error("\"{value}\" is not a whole number of 0 or more")]
    NotCount {
        /// The cell's text.
        value: String,
    },
    /// Not a number.
    #[cfg(feature = "sheets")]
    #[error("\"{value}\" is not a number")]
    NotNumber {
        /// The cell's text.
        value: String,
    },
    /// Not one of the values the column takes.
    #[cfg(feature = "sheets")]
    #[error("\"{value}\" is not one of {}", .expected.join(", "))]
    NotOneOf {
        /// The cell's text.
        value: String,
        /// The values the column takes.
        expected: Vec<String>,
    },
    /// A name (or name path) that names no record.
    #[cfg(feature = "sheets")]
    #[error("no {what} is named \"{name}\"{}", candidates_suffix(.candidates, "; similar names: "))]
    UnknownName {
        /// What kind of record was meant.
        what: RefKind,
        /// The name as written.
        name: String,
        /// Similar names (as paths), best first; empty when none is close.
        candidates: Vec<String>,
    },
    /// A name that several records have.
    #[cfg(feature = "sheets")]
    #[error("\"{name}\" names {} {what}s{}: write the name path (城关街道/解放路社区/…) or the id", .candidates.len(), candidates_suffix(.candidates, ": "))]
    AmbiguousName {
        /// What kind of record was meant.
        what: RefKind,
        /// The name as written.
        name: String,
        /// Every record of that name, as paths.
        candidates: Vec<String>,
    },
    /// The cell holds a spreadsheet error such as #REF! or #VALUE!.
    #[cfg(feature = "sheets")]
    #[error("the cell holds a spreadsheet error ({value})")]
    CellError {
        /// The error as the spreadsheet shows it.
        value: String,
    },
    /// A list item's cell that only items of another status have (说明 and 替代方式 for an
    /// abolished item, 下放至 for one delegated down, 文号 for either): it would be lost.
    #[cfg(feature = "sheets")]
    #[error("filled only for an item whose status is {status}; this one's is not")]
    NotForStatus {
        /// The status (or statuses) the column belongs to, as the sheet writes them.
        status: String,
    },
    /// A row after the 合计 (total) row: it is not read.
    #[cfg(feature = "sheets")]
    #[error("row after the 合计 (total) row is not read")]
    AfterTotal,
    // ---- services ----
    /// A claim's step does not follow from its state (e.g. reviewed before done).
    #[cfg(feature = "services")]
    #[error("claim \"{claim}\": cannot go to \"{step}\" from \"{state}\"")]
    IllegalTransition {
        /// The claim's id.
        claim: String,
        /// The step attempted.
        step: String,
        /// The state the claim was in.
        state: String,
    },
    /// A claim's step repeats the state it is already in (transitioned twice).
    #[cfg(feature = "services")]
    #[error("claim \"{claim}\" is already \"{step}\": the same step twice")]
    ClaimRepeated {
        /// The claim's id.
        claim: String,
        /// The step repeated.
        step: String,
    },
    /// A claim's step is dated before the step it follows.
    #[cfg(feature = "services")]
    #[error("claim \"{claim}\": \"{step}\" at {at} is earlier than the step before it ({previous}) in state \"{state}\"")]
    ClaimTimeBackwards {
        /// The claim's id.
        claim: String,
        /// The step attempted.
        step: String,
        /// The state the claim was in.
        state: String,
        /// When the step says it happened.
        at: String,
        /// When the step before it happened.
        previous: String,
    },
    /// A review's rating is missing or outside 1–5.
    #[cfg(feature = "services")]
    #[error("a review is rated 1 to 5, found {found}")]
    Rating {
        /// The rating given, or `none`.
        found: String,
    },
    /// An offer's valid period ends before it starts.
    #[cfg(feature = "services")]
    #[error("valid period ends ({to}) before it starts ({from})")]
    ValidPeriod {
        /// First day.
        from: String,
        /// Last day.
        to: String,
    },
    /// An offer has a capacity of 0 a month, so the matcher never uses it.
    #[cfg(feature = "services")]
    #[error("capacity is 0 a month: this offer is never matched")]
    NoCapacity,
    /// A service record's hours are negative or more than a day has.
    #[cfg(feature = "services")]
    #[error("hours must be between 0 and 24, found {hours}")]
    Hours {
        /// The hours given.
        hours: String,
    },
    /// One provider's service records on one day add up to more than 24 hours.
    #[cfg(feature = "services")]
    #[error("{provider}'s records on {date} add up to {hours} hours, more than a day has")]
    DayHours {
        /// The provider, e.g. `member m1`.
        provider: String,
        /// The day.
        date: String,
        /// The hours of that day up to and including this record.
        hours: String,
    },
    /// A service record links a claim that another provider took.
    #[cfg(feature = "services")]
    #[error("claim \"{claim}\" belongs to {owner}, not to {provider}")]
    ClaimProvider {
        /// The claim's id.
        claim: String,
        /// Who the claim belongs to (`nobody` when it has no provider yet).
        owner: String,
        /// The record's provider.
        provider: String,
    },
}
