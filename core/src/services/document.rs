//! Reading a services document: a fast typed parse, and only when that fails a
//! record-by-record pass that finds every shape problem with its JSON path (the pattern of
//! the organization document); then the checks, and the replay of every claim's history.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;
use serde_json::Value;

use super::claim::{Claim, Step, TransitionError, TransitionErrorKind};
use super::state::ClaimState;
use super::records::{ClaimRecord, Demand, Offer, ProviderKind, ProviderRef, ServiceRecord, Targets};
use crate::error::{Error, Problem, ProblemKind, RefKind, Severity};
use crate::jsonpath::sort_key;
use crate::org::document::{Section, duplicate_key, items, shape};
use crate::org::{Date, Organization};
use crate::text::number as num;

/// The sections of a document, in the order problems are reported.
const SECTIONS: [&str; 5] = ["demands", "offers", "claims", "ledger", "targets"];

/// The document as JSON has it; every section may be left out.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Json {
    #[serde(default)]
    demands: Vec<Demand>,
    #[serde(default)]
    offers: Vec<Offer>,
    #[serde(default)]
    claims: Vec<ClaimRecord>,
    #[serde(default)]
    ledger: Vec<ServiceRecord>,
    #[serde(default)]
    targets: Targets,
}

/// A services document (需求清单 → 服务清单 → 认领, and the 双报到 ledger):
/// `{"demands": […], "offers": […], "claims": […], "ledger": […], "targets": {…}}`, every
/// section optional. Claims are given as their history and replayed on load.
///
/// ```
/// use grassroots::ServicesDocument;
///
/// let err = ServicesDocument::from_json(r#"{"claims": [{"id": "cl1", "demand": "d1", "history": [
///     {"step": "ordered", "at": "2026-07-01T08:00:00+08:00", "by": "王秀英"},
///     {"step": "done", "at": "2026-07-01T09:00:00+08:00", "by": "李华"}]}]}"#).unwrap_err();
/// let paths: Vec<String> = err.problems().into_iter().map(|p| p.path).collect();
/// assert_eq!(paths, ["$.claims[0].demand", "$.claims[0].history[1]"]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ServicesDocument {
    demands: Vec<Demand>,
    offers: Vec<Offer>,
    claims: Vec<Claim>,
    ledger: Vec<ServiceRecord>,
    targets: Targets,
    /// Each record's index in the input, for the paths of later checks.
    positions: [Vec<usize>; 4],
    warnings: Vec<Problem>,
}

/// The ids of records that did not read: references to them are not reported again.
#[derive(Default)]
struct Unread {
    demands: HashSet<String>,
    offers: HashSet<String>,
    claims: HashSet<String>,
}

impl ServicesDocument {
    /// Reads and checks a document; returns every problem found when there are errors.
    /// Warnings alone do not fail the load: see [`ServicesDocument::warnings`].
    pub fn from_json(json: &str) -> Result<Self, Error> {
        Self::from_json_with(json, None)
    }

    /// As [`ServicesDocument::from_json`], with an organization: the problems of
    /// [`ServicesDocument::check_against`] are among those reported, and its warnings among
    /// the document's.
    pub fn from_json_with(json: &str, org: Option<&Organization>) -> Result<Self, Error> {
        let (mut doc, problems) = Self::read_all(json, org)?;
        if problems.iter().any(|p| p.severity == Severity::Error) {
            return Err(Error::Invalid { problems });
        }
        doc.warnings = problems;
        Ok(doc)
    }

    /// Reads what can be read and reports every problem (errors and warnings), without
    /// failing on them: records that do not have the right shape are left out (each is
    /// reported), claims keep the steps that were legal. For tools that check one part of a
    /// document (`validate demands`) while another part has errors. With an organization,
    /// the problems of [`ServicesDocument::check_against`] are among them, in document
    /// order. Fails only on text that is not JSON or not an object.
    pub fn read(json: &str, org: Option<&Organization>) -> Result<(Self, Vec<Problem>), Error> {
        let (mut doc, problems) = Self::read_all(json, org)?;
        doc.warnings = problems.iter().filter(|p| p.severity == Severity::Warning).cloned().collect();
        Ok((doc, problems))
    }

    /// [`ServicesDocument::read`]'s work, the document's warnings not yet set: the callers
    /// that fail on an error take them from the problems without copying.
    fn read_all(json: &str, org: Option<&Organization>) -> Result<(Self, Vec<Problem>), Error> {
        crate::limits::check(json)?;
        let mut problems = Vec::new();
        let mut unread = Unread::default();
        let (demands, offers, claims, ledger, targets) = match fast(json) {
            Some(doc) => (all(doc.demands), all(doc.offers), all(doc.claims), all(doc.ledger), doc.targets),
            None => slow(json, &mut problems, &mut unread)?,
        };
        let mut doc = ServicesDocument {
            positions: [demands.positions, offers.positions, claims.positions.clone(), ledger.positions],
            demands: demands.records,
            offers: offers.records,
            claims: Vec::new(),
            ledger: ledger.records,
            targets,
            warnings: Vec::new(),
        };
        doc.check_demands(&mut problems);
        doc.check_offers(&mut problems);
        doc.check_claims(&claims.records, &unread, &mut problems);
        doc.claims = claims.records.into_iter().zip(&claims.positions).map(|(r, &at)| replay(r, at, &mut problems)).collect();
        doc.check_ledger(&unread, &mut problems);
        doc.check_targets(&mut problems);
        if let Some(org) = org {
            problems.extend(doc.check_against(org));
        }
        sort(&mut problems);
        Ok((doc, problems))
    }

    /// The demands, in input order.
    pub fn demands(&self) -> &[Demand] {
        &self.demands
    }

    /// The offers, in input order.
    pub fn offers(&self) -> &[Offer] {
        &self.offers
    }

    /// The claims, replayed, in input order.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// The ledger's service records, in input order.
    pub fn ledger(&self) -> &[ServiceRecord] {
        &self.ledger
    }

    /// The yearly targets.
    pub fn targets(&self) -> &Targets {
        &self.targets
    }

    /// Problems worth a look that do not stop the data being used.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// Takes the warnings out of the document, for a caller that hands them on rather than
    /// copying them; [`Self::warnings`] is empty after.
    pub fn take_warnings(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.warnings)
    }

    /// The demand with this id.
    pub fn demand(&self, id: &str) -> Option<&Demand> {
        self.demands.iter().find(|d| d.id == id)
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id() == id)
    }

    /// Checks the references into an organization: demands' grids, offers' providers, grids
    /// and communities, claims' and ledger records' providers, and per-provider targets.
    /// Every problem is an error with its JSON path, in document order.
    pub fn check_against(&self, org: &Organization) -> Vec<Problem> {
        let grids: HashSet<&str> = org.grids().iter().map(|g| g.record().id.as_str()).collect();
        let members: HashSet<&str> = org.members().iter().map(|m| m.record().id.as_str()).collect();
        let units: HashSet<&str> = org.units().iter().map(|u| u.record().id.as_str()).collect();
        let teams: HashSet<&str> = org.teams().iter().map(|t| t.record().id.as_str()).collect();
        let mut problems = Vec::new();
        let provider = |problems: &mut Vec<Problem>, record: &str, path: String, p: &ProviderRef| {
            let (known, what) = match p.kind {
                ProviderKind::Member => (members.contains(p.id.as_str()), RefKind::Member),
                ProviderKind::Unit => (units.contains(p.id.as_str()), RefKind::Unit),
                ProviderKind::Team => (teams.contains(p.id.as_str()), RefKind::Team),
            };
            if !known {
                problems_push(problems, record, format!("{path}.id"), what, &p.id);
            }
        };
        let [demand_at, offer_at, claim_at, ledger_at] = &self.positions;
        for (d, &i) in self.demands.iter().zip(demand_at) {
            if !grids.contains(d.grid.as_str()) {
                problems_push(&mut problems, &d.id, format!("$.demands[{i}].grid"), RefKind::Grid, &d.grid);
            }
        }
        for (o, &i) in self.offers.iter().zip(offer_at) {
            provider(&mut problems, &o.id, format!("$.offers[{i}].provider"), &o.provider);
            for (k, g) in o.area.grids.iter().enumerate().filter(|(_, g)| !grids.contains(g.as_str())) {
                problems_push(&mut problems, &o.id, format!("$.offers[{i}].area.grids[{k}]"), RefKind::Grid, g);
            }
            for (k, c) in o.area.communities.iter().enumerate().filter(|(_, c)| org.tree().find(c).is_none()) {
                problems_push(&mut problems, &o.id, format!("$.offers[{i}].area.communities[{k}]"), RefKind::Node, c);
            }
        }
        for (c, &i) in self.claims.iter().zip(claim_at) {
            if let Some(p) = c.provider() {
                provider(&mut problems, c.id(), format!("$.claims[{i}].provider"), p);
            }
        }
        for (r, &i) in self.ledger.iter().zip(ledger_at) {
            provider(&mut problems, &r.id, format!("$.ledger[{i}].provider"), &r.provider);
        }
        for (k, t) in self.targets.providers.iter().enumerate() {
            provider(&mut problems, &t.provider.id, format!("$.targets.providers[{k}].provider"), &t.provider);
        }
        sort(&mut problems);
        problems
    }

    fn check_demands(&self, problems: &mut Vec<Problem>) {
        let at = &self.positions[0];
        duplicates("demands", self.demands.iter().map(|d| d.id.as_str()), at, problems);
        for (d, &i) in self.demands.iter().zip(at) {
            let path = |field: &str| format!("$.demands[{i}].{field}");
            let mut empty = |field: &str, text: &str, severity: Severity| {
                if text.trim().is_empty() {
                    problems.push(Problem { severity, record: Some(d.id.clone()), path: path(field), kind: ProblemKind::Empty });
                }
            };
            empty("id", &d.id, Severity::Error);
            empty("category", &d.category, Severity::Error);
            empty("grid", &d.grid, Severity::Error);
            empty("description", &d.description, Severity::Warning);
            match (&d.raised_by.name, &d.raised_by.phone) {
                (None, None) => problems.push(Problem::error(Some(d.id.clone()), path("raised_by"), ProblemKind::Empty)),
                (Some(name), _) if name.trim().is_empty() => {
                    problems.push(Problem::error(Some(d.id.clone()), path("raised_by.name"), ProblemKind::Empty));
                }
                _ => {}
            }
        }
    }

    fn check_offers(&self, problems: &mut Vec<Problem>) {
        let at = &self.positions[1];
        duplicates("offers", self.offers.iter().map(|o| o.id.as_str()), at, problems);
        for (o, &i) in self.offers.iter().zip(at) {
            let path = |field: &str| format!("$.offers[{i}].{field}");
            let err = |field: &str, kind| Problem::error(Some(o.id.clone()), path(field), kind);
            if o.id.trim().is_empty() {
                problems.push(err("id", ProblemKind::Empty));
            }
            if o.provider.id.trim().is_empty() {
                problems.push(err("provider.id", ProblemKind::Empty));
            }
            if o.categories.is_empty() {
                problems.push(err("categories", ProblemKind::Empty));
            }
            for (k, _) in o.categories.iter().enumerate().filter(|(_, c)| c.trim().is_empty()) {
                problems.push(err(&format!("categories[{k}]"), ProblemKind::Empty));
            }
            if o.capacity_per_month == 0 {
                problems.push(Problem::warning(Some(o.id.clone()), path("capacity_per_month"), ProblemKind::NoCapacity));
            }
            if o.area.grids.is_empty() && o.area.communities.is_empty() {
                problems.push(err("area", ProblemKind::Empty));
            }
            if let Some(v) = o.valid.filter(|v| v.to < v.from) {
                problems.push(err("valid.to", ProblemKind::ValidPeriod { from: v.from.to_string(), to: v.to.to_string() }));
            }
        }
    }

    /// Checks the claims' ids and references (before the replay, so that a record's
    /// problems come in the order of its fields).
    fn check_claims(&self, claims: &[ClaimRecord], unread: &Unread, problems: &mut Vec<Problem>) {
        let at = &self.positions[2];
        duplicates("claims", claims.iter().map(|c| c.id.as_str()), at, problems);
        let demands: HashSet<&str> = self.demands.iter().map(|d| d.id.as_str()).collect();
        let offers: HashSet<&str> = self.offers.iter().map(|o| o.id.as_str()).collect();
        for (c, &i) in claims.iter().zip(at) {
            if c.id.trim().is_empty() {
                problems.push(Problem::error(None, format!("$.claims[{i}].id"), ProblemKind::Empty));
            }
            if !demands.contains(c.demand.as_str()) && !unread.demands.contains(&c.demand) {
                problems_push(problems, &c.id, format!("$.claims[{i}].demand"), RefKind::Demand, &c.demand);
            }
            if let Some(offer) = c.offer.as_deref().filter(|o| !offers.contains(o) && !unread.offers.contains(*o)) {
                problems_push(problems, &c.id, format!("$.claims[{i}].offer"), RefKind::Offer, offer);
            }
        }
    }

    fn check_ledger(&self, unread: &Unread, problems: &mut Vec<Problem>) {
        let at = &self.positions[3];
        duplicates("ledger", self.ledger.iter().map(|r| r.id.as_str()), at, problems);
        let claims: HashMap<&str, &Claim> = self.claims.iter().rev().map(|c| (c.id(), c)).collect();
        let mut days: BTreeMap<(&ProviderRef, Date), f64> = BTreeMap::new();
        for (r, &i) in self.ledger.iter().zip(at) {
            let path = |field: &str| format!("$.ledger[{i}].{field}");
            let err = |field: &str, kind| Problem::error(Some(r.id.clone()), path(field), kind);
            if r.id.trim().is_empty() {
                problems.push(err("id", ProblemKind::Empty));
            }
            if !(0.0..=24.0).contains(&r.hours) {
                problems.push(err("hours", ProblemKind::Hours { hours: num(r.hours) }));
            } else {
                let day = days.entry((&r.provider, r.date)).or_insert(0.0);
                *day += r.hours;
                if *day > 24.0 {
                    let kind = ProblemKind::DayHours { provider: r.provider.to_string(), date: r.date.to_string(), hours: num(*day) };
                    problems.push(err("hours", kind));
                }
            }
            let Some(id) = r.claim.as_deref() else { continue };
            match claims.get(id) {
                None if unread.claims.contains(id) => {}
                None => problems_push(problems, &r.id, path("claim"), RefKind::Claim, id),
                Some(c) if c.provider() != Some(&r.provider) => {
                    let owner = c.provider().map_or_else(|| "nobody".to_owned(), ToString::to_string);
                    problems.push(err("claim", ProblemKind::ClaimProvider { claim: id.to_owned(), owner, provider: r.provider.to_string() }));
                }
                Some(_) => {}
            }
        }
    }

    fn check_targets(&self, problems: &mut Vec<Problem>) {
        let negative = |hours: f64| hours < 0.0;
        let message = "a target is a number of hours, 0 or more".to_owned();
        let defaults = [("member_hours", self.targets.member_hours), ("unit_hours", self.targets.unit_hours), ("team_hours", self.targets.team_hours)];
        for (field, hours) in defaults {
            if hours.is_some_and(negative) {
                problems.push(shape(None, format!("$.targets.{field}"), message.clone()));
            }
        }
        for (k, t) in self.targets.providers.iter().enumerate() {
            if negative(t.hours) {
                problems.push(shape(Some(t.provider.id.clone()), format!("$.targets.providers[{k}].hours"), message.clone()));
            }
        }
    }
}

fn problems_push(problems: &mut Vec<Problem>, record: &str, path: String, what: RefKind, id: &str) {
    problems.push(Problem::error(Some(record.to_owned()), path, ProblemKind::UnknownRef { what, id: id.to_owned() }));
}

fn sort(problems: &mut [Problem]) {
    // Stable: the checks of one record keep the order they ran in.
    problems.sort_by_key(|p| sort_key(&p.path, &SECTIONS));
}

fn all<T>(records: Vec<T>) -> Section<T> {
    Section { positions: (0..records.len()).collect(), records }
}

#[cfg_attr(target_arch = "wasm32", allow(unused_variables))]
fn fast(json: &str) -> Option<Json> {
    // The wasm build leaves the fast path out, as the organization reader does: the slow
    // path alone gives the same result with one set of deserializers fewer.
    #[cfg(not(target_arch = "wasm32"))]
    if let Ok(doc) = serde_json::from_str::<Json>(json) {
        return Some(doc);
    }
    None
}

type Sections = (Section<Demand>, Section<Offer>, Section<ClaimRecord>, Section<ServiceRecord>, Targets);

/// The record-by-record pass: every shape problem with its path.
fn slow(json: &str, problems: &mut Vec<Problem>, unread: &mut Unread) -> Result<Sections, Error> {
    let value: Value = serde_json::from_str(json).map_err(|e| Error::syntax(&e))?;
    if let Some((path, key)) = duplicate_key(json) {
        problems.push(shape(None, path, format!("duplicate field `{key}`")));
    }
    let Some(doc) = value.as_object() else {
        let problems = vec![shape(None, "$".into(), "expected an object with \"demands\", \"offers\", \"claims\" or \"ledger\"".into())];
        return Err(Error::Invalid { problems });
    };
    for key in doc.keys().filter(|k| !SECTIONS.contains(&k.as_str())) {
        let message = format!("unknown field `{key}`, expected one of {}", SECTIONS.map(|s| format!("`{s}`")).join(", "));
        problems.push(shape(None, format!("$.{key}"), message));
    }
    let targets = match doc.get("targets") {
        None | Some(Value::Null) => Targets::default(),
        Some(v) => crate::jsonpath::read_record::<Targets>(v, "$.targets").unwrap_or_else(|(path, message)| {
            problems.push(shape(None, path, message));
            Targets::default()
        }),
    };
    let demands: Section<Demand> = items(doc, "demands", false, problems);
    let offers: Section<Offer> = items(doc, "offers", false, problems);
    let claims: Section<ClaimRecord> = items(doc, "claims", false, problems);
    let ledger: Section<ServiceRecord> = items(doc, "ledger", false, problems);
    unread.demands = unread_ids(doc.get("demands"), &demands.positions);
    unread.offers = unread_ids(doc.get("offers"), &offers.positions);
    unread.claims = unread_ids(doc.get("claims"), &claims.positions);
    Ok((demands, offers, claims, ledger, targets))
}

/// The ids of the records of a section that are not among those read.
fn unread_ids(section: Option<&Value>, read: &[usize]) -> HashSet<String> {
    let Some(Value::Array(list)) = section else { return HashSet::new() };
    list.iter()
        .enumerate()
        .filter(|(i, _)| read.binary_search(i).is_err())
        .filter_map(|(_, item)| item.get("id").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

/// Reports every id used a second time in a section.
fn duplicates<'a>(section: &str, ids: impl Iterator<Item = &'a str>, at: &[usize], problems: &mut Vec<Problem>) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (id, &i) in ids.zip(at) {
        match first.get(id) {
            Some(&f) => {
                let kind = ProblemKind::DuplicateId { id: id.to_owned(), first: format!("$.{section}[{f}]") };
                problems.push(Problem::error(Some(id.to_owned()), format!("$.{section}[{i}].id"), kind));
            }
            None => {
                first.insert(id, i);
            }
        }
    }
}

/// Replays a claim's history; every step that cannot be taken is a problem at its path, and
/// the replay goes on from the state before it, so that one bad step does not hide the next.
fn replay(record: ClaimRecord, at: usize, problems: &mut Vec<Problem>) -> Claim {
    let record_id = record.id.clone();
    let id = || Some(record_id.clone());
    let mut claim = Claim::new(record.id, record.demand, record.offer, record.provider);
    if record.history.is_empty() {
        problems.push(Problem::error(id(), format!("$.claims[{at}].history"), ProblemKind::Empty));
    }
    for (j, t) in record.history.iter().enumerate() {
        let path = format!("$.claims[{at}].history[{j}]");
        let rating = match (t.step, t.rating) {
            (ClaimState::Reviewed, Some(r)) => match u8::try_from(r) {
                Ok(r) if (1..=5).contains(&r) => r,
                _ => {
                    problems.push(Problem::error(id(), format!("{path}.rating"), ProblemKind::Rating { found: r.to_string() }));
                    continue;
                }
            },
            (ClaimState::Reviewed, None) => {
                problems.push(Problem::error(id(), path, ProblemKind::Rating { found: "none".into() }));
                continue;
            }
            (_, Some(_)) => {
                problems.push(shape(id(), format!("{path}.rating"), "only a \"reviewed\" step has a rating".into()));
                0
            }
            (_, None) => 0,
        };
        let Some(step) = Step::to(t.step, rating) else {
            problems.push(shape(id(), format!("{path}.step"), "\"new\" is where a claim starts, not a step".into()));
            continue;
        };
        if let Err(e) = claim.apply(step, t.at, &t.by) {
            problems.push(transition_problem(e, &path));
        }
    }
    claim
}

/// A step that could not be taken, as a problem at the step's path (or the field at fault).
fn transition_problem(e: TransitionError, path: &str) -> Problem {
    let (claim, step, state) = (e.claim, e.step.to_string(), e.state.to_string());
    let record = Some(claim.clone());
    match e.kind {
        TransitionErrorKind::Illegal => Problem::error(record, path.to_owned(), ProblemKind::IllegalTransition { claim, step, state }),
        TransitionErrorKind::Repeated => Problem::error(record, path.to_owned(), ProblemKind::ClaimRepeated { claim, step }),
        TransitionErrorKind::TimeBackwards { previous } => {
            let kind = ProblemKind::ClaimTimeBackwards { claim, step, state, at: e.at.to_string(), previous: previous.to_string() };
            Problem::error(record, format!("{path}.at"), kind)
        }
        TransitionErrorKind::Rating(r) => Problem::error(record, format!("{path}.rating"), ProblemKind::Rating { found: r.to_string() }),
        TransitionErrorKind::NoActor => Problem::error(record, format!("{path}.by"), ProblemKind::Empty),
    }
}
