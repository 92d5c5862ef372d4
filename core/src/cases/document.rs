//! Reading a cases document: a fast typed parse, and only when that fails a record-by-record
//! pass that finds every shape problem with its JSON path; then the checks of the workflow,
//! the times and the references, on whatever records did read.

use serde::Deserialize;
use serde_json::Value;

use super::dispatch::{ROUTING_PRESETS, RoutingTable};
use super::model::{Case, Source, Step};
use super::sla::{PROFILE_PRESETS, SlaProfile};
use super::time::Timestamp;
use crate::error::{Error, Problem, ProblemKind, Severity};
use crate::jsonpath::sort_key;
use crate::org::document::{items, shape, top_level};

/// The top-level fields, in the order problems are reported.
const FIELDS: [&str; 3] = ["routing", "profiles", "cases"];

/// A routing table, or the name of a preset.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum RoutingSpec {
    /// A preset: `changning`.
    Preset(String),
    /// A table of the document's own.
    Table(RoutingTable),
}

/// An SLA profile, or the name of a preset (which may stand for several profiles).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum ProfileSpec {
    /// A preset: `1310`, `12345`, `12345-emergency`, `12345-utilities`, `12345-hard`.
    Preset(String),
    /// A profile of the document's own.
    Profile(SlaProfile),
}

/// A cases document as JSON has it. Without `routing`, the `changning` preset applies;
/// without `profiles`, the `1310` and `12345` presets.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CasesDocument {
    /// The whistle routing table.
    #[serde(default)]
    pub routing: Option<RoutingSpec>,
    /// The SLA profiles.
    #[serde(default)]
    pub profiles: Option<Vec<ProfileSpec>>,
    /// The cases.
    pub cases: Vec<Case>,
}

/// The JSON Schema of [`CasesDocument`], pretty-printed; checked in as
/// `tests/data/cases/cases.schema.json`.
#[cfg(feature = "schema")]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(CasesDocument);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// A cases document that loaded without errors.
#[derive(Debug, Clone, PartialEq)]
pub struct CasesDoc {
    routing: RoutingTable,
    profiles: Vec<SlaProfile>,
    cases: Vec<Case>,
    warnings: Vec<Problem>,
}

impl CasesDoc {
    /// Reads a cases document and checks it: the workflow order of every case's steps (no
    /// step skipped or repeated), times that never go backwards (steps in order, nothing
    /// before the opening), events recorded once, satisfaction only at the review, profile
    /// and preset names, duplicate ids. Every problem is reported with its JSON path and the
    /// case's id, in document order.
    ///
    /// ```
    /// use grassroots::cases::CasesDoc;
    /// let err = CasesDoc::from_json(r#"{"cases": [{"id": "c1", "title": "路灯不亮",
    ///   "category": "lighting", "node": "g1", "source": "resident", "urgency": "normal",
    ///   "opened": "2026-07-01T08:00:00+08:00", "steps": [
    ///     {"step": "collect", "at": "2026-07-01T08:00:00+08:00", "by": "网格员"},
    ///     {"step": "handle", "at": "2026-07-01T09:00:00+08:00", "by": "社区"}]}]}"#).unwrap_err();
    /// let problems = err.problems();
    /// assert_eq!(problems[0].path, "$.cases[0].steps[1].step");
    /// assert_eq!(problems[0].to_string(),
    ///     "$.cases[0].steps[1].step (record \"c1\"): step \"handle\" cannot come here: the next step is \"analyse\"");
    /// ```
    pub fn from_json(json: &str) -> Result<Self, Error> {
        let mut problems = Vec::new();
        let (routing, profiles, cases) = read(json, &mut problems)?;
        let routing = resolve_routing(routing, &mut problems);
        let profiles = resolve_profiles(profiles, &mut problems);
        if let Some(routing) = &routing {
            check_routing(routing, &mut problems);
        }
        check_profiles(&profiles, &mut problems);
        let known: Vec<&str> = profiles.iter().map(|p| p.profile.id.as_str()).collect();
        check_cases(&cases, &known, routing.as_ref(), &mut problems);
        problems.sort_by_key(|p| sort_key(&p.path, &FIELDS));
        if problems.iter().any(|p| p.severity == Severity::Error) {
            let (errors, warnings): (Vec<Problem>, Vec<Problem>) = problems.into_iter().partition(|p| p.severity == Severity::Error);
            return Err(Error::Invalid { problems: errors.into_iter().chain(warnings).collect() });
        }
        Ok(CasesDoc {
            // An unknown preset is an error, so a loaded document always has a table.
            routing: routing.unwrap_or_else(empty_table),
            profiles: profiles.into_iter().map(|p| p.profile).collect(),
            cases: cases.into_iter().map(|(_, c)| c).collect(),
            warnings: problems,
        })
    }

    /// The routing table.
    pub fn routing(&self) -> &RoutingTable {
        &self.routing
    }

    /// The SLA profiles, presets expanded, in document order.
    pub fn profiles(&self) -> &[SlaProfile] {
        &self.profiles
    }

    /// The cases, in document order.
    pub fn cases(&self) -> &[Case] {
        &self.cases
    }

    /// Warnings found while loading (a review without satisfaction, a case no route takes).
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// Takes the warnings out of the document, for a caller that hands them on rather than
    /// copying them; [`Self::warnings`] is empty after.
    pub fn take_warnings(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.warnings)
    }

    /// The case with this id.
    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id)
    }

    /// The profiles that apply to a case: those it names, or else those whose `applies`
    /// matches it; in document order.
    pub fn profiles_of(&self, case: &Case) -> Vec<&SlaProfile> {
        match &case.profiles {
            Some(ids) => self.profiles.iter().filter(|p| ids.contains(&p.id)).collect(),
            None => self.profiles.iter().filter(|p| p.applies.matches(case)).collect(),
        }
    }
}

fn empty_table() -> RoutingTable {
    RoutingTable { id: String::new(), zh: String::new(), en: String::new(), routes: Vec::new(), ladder: Vec::new() }
}

type Read = (Option<RoutingSpec>, Vec<(usize, ProfileSpec)>, Vec<(usize, Case)>);

fn read(json: &str, problems: &mut Vec<Problem>) -> Result<Read, Error> {
    crate::limits::check(json)?;
    // Fast path: a well-formed document is parsed once, straight into the records.
    #[cfg(not(target_arch = "wasm32"))]
    if let Ok(doc) = serde_json::from_str::<CasesDocument>(json) {
        let profiles = doc.profiles.map(|p| p.into_iter().enumerate().collect());
        return Ok((doc.routing, profiles.unwrap_or_else(default_profiles), doc.cases.into_iter().enumerate().collect()));
    }
    let doc = &top_level(json, &FIELDS, "expected an object with a \"cases\" array", problems)?;
    let routing = match doc.get("routing") {
        None | Some(Value::Null) => None,
        Some(Value::String(name)) => Some(RoutingSpec::Preset(name.clone())),
        Some(v) => match crate::jsonpath::read_record::<RoutingTable>(v, "$.routing") {
            Ok(table) => Some(RoutingSpec::Table(table)),
            Err((path, message)) => {
                problems.push(shape(None, path, message));
                // A broken table must not turn into the default one: the routing is left empty.
                Some(RoutingSpec::Table(empty_table()))
            }
        },
    };
    let profiles = match doc.get("profiles") {
        None | Some(Value::Null) => default_profiles(),
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match item {
                Value::String(name) => Some((i, ProfileSpec::Preset(name.clone()))),
                _ => match crate::jsonpath::read_record::<SlaProfile>(item, &format!("$.profiles[{i}]")) {
                    Ok(p) => Some((i, ProfileSpec::Profile(p))),
                    Err((path, message)) => {
                        let record = item.get("id").and_then(Value::as_str).map(str::to_owned);
                        problems.push(shape(record, path, message));
                        None
                    }
                },
            })
            .collect(),
        Some(_) => {
            problems.push(shape(None, "$.profiles".into(), "expected an array of profiles or preset names".into()));
            Vec::new()
        }
    };
    let cases = items::<Case>(doc, "cases", true, problems);
    Ok((routing, profiles, cases.positions.into_iter().zip(cases.records).collect()))
}

fn default_profiles() -> Vec<(usize, ProfileSpec)> {
    vec![(0, ProfileSpec::Preset("1310".into())), (0, ProfileSpec::Preset("12345".into()))]
}

fn unknown_preset(name: &str, presets: &[&str]) -> ProblemKind {
    ProblemKind::UnknownCasesPreset { name: name.to_owned(), expected: presets.join(", ") }
}

fn resolve_routing(spec: Option<RoutingSpec>, problems: &mut Vec<Problem>) -> Option<RoutingTable> {
    match spec {
        None => RoutingTable::preset("changning"),
        Some(RoutingSpec::Table(table)) => Some(table),
        Some(RoutingSpec::Preset(name)) => {
            let table = RoutingTable::preset(&name);
            if table.is_none() {
                problems.push(Problem::error(None, "$.routing".into(), unknown_preset(&name, &ROUTING_PRESETS)));
            }
            table
        }
    }
}

/// A profile with the JSON path of its record, and whether it came from a preset name.
struct Placed {
    path: String,
    preset: bool,
    profile: SlaProfile,
}

fn resolve_profiles(specs: Vec<(usize, ProfileSpec)>, problems: &mut Vec<Problem>) -> Vec<Placed> {
    let mut out = Vec::new();
    for (i, spec) in specs {
        let path = format!("$.profiles[{i}]");
        match spec {
            ProfileSpec::Profile(profile) => out.push(Placed { path, preset: false, profile }),
            ProfileSpec::Preset(name) => match SlaProfile::preset(&name) {
                Some(list) => out.extend(list.into_iter().map(|profile| Placed { path: path.clone(), preset: true, profile })),
                None => problems.push(Problem::error(None, path, unknown_preset(&name, &PROFILE_PRESETS))),
            },
        }
    }
    out
}

/// Notes ids as they come; the second use of one is a problem naming the first's record.
#[derive(Default)]
struct Ids(Vec<(String, String)>);

impl Ids {
    /// `base` is the record's path; the id is at `base.field`, or at `base` for a preset.
    fn check(&mut self, id: &str, base: &str, field: Option<&str>, record: Option<&str>, problems: &mut Vec<Problem>) {
        let path = field.map_or_else(|| base.to_owned(), |f| format!("{base}.{f}"));
        let record = record.map(str::to_owned);
        if id.trim().is_empty() {
            problems.push(Problem::error(record, path, ProblemKind::Empty));
        } else if let Some((_, first)) = self.0.iter().find(|(seen, _)| seen == id) {
            problems.push(Problem::error(record, path, ProblemKind::DuplicateId { id: id.to_owned(), first: first.clone() }));
        } else {
            self.0.push((id.to_owned(), base.to_owned()));
        }
    }
}

fn check_routing(table: &RoutingTable, problems: &mut Vec<Problem>) {
    let mut routes = Ids::default();
    for (i, route) in table.routes.iter().enumerate() {
        let path = format!("$.routing.routes[{i}]");
        routes.check(&route.id, &path, Some("id"), Some(&route.id), problems);
        if let Some(level) = route.escalate_from.as_ref().filter(|l| !table.ladder.iter().any(|r| &r.level == *l)) {
            problems.push(Problem::error(Some(route.id.clone()), format!("{path}.escalate_from"), ProblemKind::UnknownRung { level: level.clone() }));
        }
    }
    let mut rungs = Ids::default();
    for (i, rung) in table.ladder.iter().enumerate() {
        rungs.check(&rung.level, &format!("$.routing.ladder[{i}]"), Some("level"), Some(&rung.level), problems);
    }
}

fn check_profiles(profiles: &[Placed], problems: &mut Vec<Problem>) {
    let mut ids = Ids::default();
    for Placed { path, preset, profile } in profiles {
        // A preset's profiles have no fields of their own in the document: name the preset.
        ids.check(&profile.id, path, (!preset).then_some("id"), Some(&profile.id), problems);
        let mut clocks = Ids::default();
        for (j, clock) in profile.clocks.iter().enumerate() {
            clocks.check(&clock.id, &format!("{path}.clocks[{j}]"), Some("id"), Some(&profile.id), problems);
        }
    }
}

fn check_cases(cases: &[(usize, Case)], profiles: &[&str], routing: Option<&RoutingTable>, problems: &mut Vec<Problem>) {
    let mut ids = Ids::default();
    for (i, case) in cases {
        let base = format!("$.cases[{i}]");
        let record = Some(case.id.as_str()).filter(|id| !id.trim().is_empty());
        let err = |path: String, kind: ProblemKind| Problem::error(record.map(str::to_owned), path, kind);
        ids.check(&case.id, &base, Some("id"), record, problems);
        for (field, text) in [("title", &case.title), ("category", &case.category), ("node", &case.node)] {
            if text.trim().is_empty() {
                problems.push(err(format!("{base}.{field}"), ProblemKind::Empty));
            }
        }
        let before = |at: Timestamp, earlier: Timestamp, what: String| ProblemKind::TimeBackwards {
            at: at.to_string(),
            earlier: earlier.to_string(),
            what,
        };

        let mut last: Option<Step> = None;
        let mut previous: Option<(Timestamp, Step)> = None;
        for (j, s) in case.steps.iter().enumerate() {
            let path = format!("{base}.steps[{j}]");
            if let Some(first) = case.steps[..j].iter().position(|t| t.step == s.step) {
                problems.push(err(
                    format!("{path}.step"),
                    ProblemKind::RepeatedStep { step: s.step.key().into(), first: format!("{base}.steps[{first}]") },
                ));
            } else {
                if let Err(expected) = Step::advance(last, s.step) {
                    problems.push(err(
                        format!("{path}.step"),
                        ProblemKind::StepOrder { step: s.step.key().into(), expected: expected.map_or("none", Step::key).into() },
                    ));
                }
                // Carry on from the step given, so that one skipped step is one problem.
                last = last.max(Some(s.step));
            }
            if s.at < case.opened {
                problems.push(err(format!("{path}.at"), before(s.at, case.opened, "the case opened".into())));
            } else if let Some((prev_at, prev_step)) = previous.filter(|(t, _)| s.at < *t) {
                problems.push(err(format!("{path}.at"), before(s.at, prev_at, format!("step \"{}\"", prev_step.key()))));
            }
            previous = Some((s.at, s.step));
            if s.by.trim().is_empty() {
                problems.push(err(format!("{path}.by"), ProblemKind::Empty));
            }
            match (s.step, s.satisfaction) {
                (Step::Review, None) => {
                    problems.push(Problem::warning(record.map(str::to_owned), path, ProblemKind::NoSatisfaction));
                }
                (Step::Review, Some(_)) | (_, None) => {}
                (step, Some(_)) => {
                    problems.push(err(format!("{path}.satisfaction"), ProblemKind::SatisfactionNotAtReview { step: step.key().into() }));
                }
            }
        }

        for (j, e) in case.events.iter().enumerate() {
            let path = format!("{base}.events[{j}]");
            if let Some(first) = case.events[..j].iter().position(|f| f.event == e.event) {
                problems.push(err(
                    format!("{path}.event"),
                    ProblemKind::RepeatedEvent { event: e.event.key().into(), first: format!("{base}.events[{first}]") },
                ));
            }
            if e.at < case.opened {
                problems.push(err(format!("{path}.at"), before(e.at, case.opened, "the case opened".into())));
            }
        }
        if let Some(due) = case.due.filter(|d| *d < case.opened) {
            problems.push(err(format!("{base}.due"), before(due, case.opened, "the case opened".into())));
        }
        for (k, id) in case.profiles.iter().flatten().enumerate() {
            if !profiles.contains(&id.as_str()) {
                problems.push(err(format!("{base}.profiles[{k}]"), ProblemKind::UnknownProfile { id: id.clone() }));
            }
        }
        // 12345 cases are dispatched by the hotline under its own profiles, not by whistles.
        if case.source != Source::Hotline12345 && routing.is_some_and(|t| t.route(case).is_none()) {
            problems.push(Problem::warning(
                record.map(str::to_owned),
                format!("{base}.source"),
                ProblemKind::NoRoute { whistle: case.source.key().into(), category: case.category.clone() },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(steps: &[Step]) -> String {
        let steps: Vec<String> = steps
            .iter()
            .enumerate()
            .map(|(i, s)| format!(r#"{{"step": "{}", "at": "2026-07-01T08:{i:02}:00+08:00", "by": "网格员", "satisfaction": "satisfied"}}"#, s.key()))
            .map(|s| if s.contains("\"review\"") { s } else { s.replace(r#", "satisfaction": "satisfied""#, "") })
            .collect();
        format!(
            r#"{{"cases": [{{"id": "c", "title": "t", "category": "noise", "node": "g1", "source": "resident",
            "urgency": "normal", "opened": "2026-07-01T08:00:00+08:00", "steps": [{}]}}]}}"#,
            steps.join(",")
        )
    }

    /// Every sequence of up to four steps: the document loads exactly when the sequence is
    /// the workflow's own beginning, and otherwise every problem is a step-order or
    /// repeated-step problem at a step's path.
    #[test]
    fn only_the_workflow_order_loads() {
        let mut sequences: Vec<Vec<Step>> = vec![vec![]];
        let mut frontier = sequences.clone();
        for _ in 0..4 {
            frontier = frontier.iter().flat_map(|s| Step::ALL.iter().map(move |step| [&s[..], &[*step]].concat())).collect();
            sequences.extend(frontier.iter().cloned());
        }
        assert_eq!(sequences.len(), 1 + 5 + 25 + 125 + 625);
        for steps in sequences {
            let in_order = steps.iter().enumerate().all(|(i, s)| Step::ALL[i] == *s);
            match CasesDoc::from_json(&document(&steps)) {
                Ok(doc) => {
                    assert!(in_order, "{steps:?} loaded");
                    assert_eq!(doc.cases()[0].stage(), steps.last().copied());
                }
                Err(e) => {
                    assert!(!in_order, "{steps:?}: {e}");
                    for p in e.problems() {
                        assert!(p.path.starts_with("$.cases[0].steps[") && p.path.ends_with("].step"), "{steps:?}: {p}");
                        assert!(matches!(p.kind, ProblemKind::StepOrder { .. } | ProblemKind::RepeatedStep { .. }), "{steps:?}: {p}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_missing_document_part_is_named() {
        let problems = CasesDoc::from_json(r#"{"profiles": "1310"}"#).err().map(|e| e.problems()).unwrap_or_default();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["$.profiles", "$.cases"]);
        let problems = CasesDoc::from_json("[]").err().map(|e| e.problems()).unwrap_or_default();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "$");
    }
}
