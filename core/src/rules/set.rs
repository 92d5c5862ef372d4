//! The rule-set format and its loading with static checks.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::expr::{self, Ty};
use super::facts::{Fact, FactCatalogue, FactType, Unit};
use super::num;
use super::vm::{Compiled, Rule, Slots};
use crate::error::{Error, Problem, ProblemKind};
use crate::jsonpath::sort_key;
use crate::org::Date;

/// The period a rule set is in force, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
}

/// One band of a banded indicator: a value ≥ `min` scores `points`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The threshold (for a ratio, a share between 0 and 1).
    pub min: f64,
    /// The points for reaching it.
    pub points: f64,
}

/// One indicator: a JsonLogic expression over the entity's facts and how it scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Unique in the rule set.
    pub id: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// A standard JsonLogic expression.
    pub expr: Value,
    /// Banded scoring of a numeric value: the first band (highest threshold first) reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bands: Option<Vec<Band>>,
    /// Fixed points when a yes/no expression is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
    /// The value's type when the expression does not make it plain (e.g. a computed ratio).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<FactType>,
    /// The value's unit, for the explanations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
}

impl Indicator {
    /// The most this indicator can score.
    pub fn max_points(&self) -> f64 {
        match (&self.bands, self.points) {
            (Some(bands), _) => bands.iter().map(|b| b.points).fold(0.0, f64::max),
            (None, Some(p)) => p.max(0.0),
            (None, None) => 0.0,
        }
    }
}

/// A section of the scorecard (a star): indicators, with the section's score capped at `max`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Unique in the rule set.
    pub id: String,
    /// Chinese name, e.g. 支部过硬星.
    pub zh: String,
    /// English name.
    pub en: String,
    /// The cap on the section's score (indicators plus the section's bonuses).
    pub max: f64,
    /// The indicators.
    pub indicators: Vec<Indicator>,
}

/// Fixed points when a condition holds (e.g. +5 for a national honour).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bonus {
    /// Unique in the rule set.
    pub id: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// A yes/no JsonLogic expression.
    pub when: Value,
    /// The points added.
    pub points: f64,
    /// The section they go to (still capped at its `max`); without one, they go to the total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

/// What a veto voids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Voids {
    /// The whole rating: the entity fails, whatever it scored.
    Rating,
    /// One section, which then scores 0.
    Section(String),
}

/// 一票否决: when the condition holds, a section or the whole rating is void.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Veto {
    /// Unique in the rule set.
    pub id: String,
    /// Chinese name, e.g. 发生重大安全事故.
    pub zh: String,
    /// English name.
    pub en: String,
    /// A yes/no JsonLogic expression.
    pub when: Value,
    /// `"rating"` or `{"section": id}`.
    pub voids: Voids,
}

/// The marks of one tier.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marks {
    /// Every section must score at least this.
    pub each_section: f64,
    /// The total must be at least this.
    pub total: f64,
    /// Only this share of the peers (by rank) may reach the tier, e.g. 0.1 for the top 10 %.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_share: Option<f64>,
}

/// The outcome rules: pass, and optionally excellence.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// The pass marks.
    pub pass: Marks,
    /// The excellence marks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excellence: Option<Marks>,
}

/// Who may be rated at all: entities for which `when` does not hold are "not rated" — scored
/// and explained, but given no tier and no rank (e.g. fewer cases than a minimum sample,
/// since a rate over a handful of cases says nothing).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    /// A yes/no JsonLogic expression over the entity's facts.
    pub when: Value,
    /// The condition in words, zh-CN, e.g. 案件数不少于 10 件.
    pub zh: String,
    /// The condition in words, English, e.g. at least 10 cases.
    pub en: String,
}

/// A rule set that loaded without errors. Read it with [`RuleSet::from_json`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSet {
    pub(crate) id: String,
    pub(crate) version: String,
    pub(crate) effective: Period,
    pub(crate) entity: String,
    pub(crate) sections: Vec<Section>,
    pub(crate) bonuses: Vec<Bonus>,
    pub(crate) vetoes: Vec<Veto>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) eligible: Option<Eligibility>,
    pub(crate) outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) about: Option<String>,
    #[serde(skip)]
    pub(crate) catalogue: FactCatalogue,
    /// Warnings found while loading.
    #[serde(skip)]
    pub(crate) warnings: Vec<Problem>,
    /// The expressions compiled for evaluation, once, here.
    #[serde(skip)]
    pub(crate) compiled: Compiled,
}

const KEYS: &[&str] = &["id", "version", "effective", "entity", "facts", "sections", "bonuses", "vetoes", "eligible", "outcome", "about"];

impl RuleSet {
    /// Reads a rule set and runs the static checks: unknown facts and operators, type
    /// mismatches, thresholds no value reaches, bands out of order, duplicate ids, unknown
    /// sections, and sections (or a total) that cannot reach the pass mark. Every problem is
    /// reported with its JSON path, in document order (by top-level field, then record).
    ///
    /// ```
    /// use grassroots::rules::RuleSet;
    /// let err = RuleSet::from_json(r#"{"id": "x"}"#).unwrap_err();
    /// assert!(err.problems().iter().any(|p| p.path == "$.sections"));
    /// ```
    pub fn from_json(text: &str) -> Result<Self, Error> {
        crate::limits::check(text)?;
        let value: Value = serde_json::from_str(text).map_err(|e| Error::syntax(&e))?;
        Self::from_value(&value)
    }

    /// As [`RuleSet::from_json`], from a JSON value already read.
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        let mut problems = Vec::new();
        let Some(doc) = value.as_object() else {
            return Err(Error::Invalid { problems: vec![shape("$".into(), "expected a rule set object".into())] });
        };
        for key in doc.keys().filter(|k| !KEYS.contains(&k.as_str())) {
            problems.push(shape(format!("$.{key}"), format!("unknown field `{key}`, expected one of {}", KEYS.join(", "))));
        }
        let id = field::<String>(doc, "id", &mut problems);
        let version = field::<String>(doc, "version", &mut problems);
        let effective = field::<Period>(doc, "effective", &mut problems);
        let entity = field::<String>(doc, "entity", &mut problems);
        let outcome = field::<Outcome>(doc, "outcome", &mut problems);
        let facts = items::<Fact>(doc, "facts", false, &mut problems);
        let sections = items::<Section>(doc, "sections", true, &mut problems);
        let bonuses = items::<Bonus>(doc, "bonuses", false, &mut problems);
        let vetoes = items::<Veto>(doc, "vetoes", false, &mut problems);
        // `about` is free text for people: where the numbers come from. It is kept, not read;
        // `null` is none, as for `eligible` (and as the serializer leaves a missing one out).
        if doc.get("about").is_some_and(|a| !a.is_string() && !a.is_null()) {
            problems.push(shape("$.about".into(), "expected text".into()));
        }
        let about = doc.get("about").and_then(Value::as_str).map(str::to_owned);
        let eligible = match doc.get("eligible") {
            None | Some(Value::Null) => None,
            Some(_) => field::<Eligibility>(doc, "eligible", &mut problems),
        };

        for (key, text) in [("id", &id), ("version", &version), ("entity", &entity)] {
            if text.as_ref().is_some_and(|t| t.trim().is_empty()) {
                problems.push(Problem::error(None, format!("$.{key}"), ProblemKind::Empty));
            }
        }
        if let Some(p) = effective.filter(|p| p.to < p.from) {
            problems.push(Problem::error(
                None,
                "$.effective.to".into(),
                ProblemKind::Period { from: p.from.to_string(), to: p.to.to_string() },
            ));
        }

        let mut catalogue = FactCatalogue::core();
        for (i, fact) in &facts {
            if let Some(pos) = facts.iter().position(|(_, f)| f.name == fact.name).filter(|&pos| facts[pos].0 != *i) {
                problems.push(dup(&fact.name, format!("$.facts[{i}].name"), format!("$.facts[{}]", facts[pos].0)));
            } else if catalogue.get(&fact.name).is_some() {
                problems.push(dup(&fact.name, format!("$.facts[{i}].name"), "the core's fact catalogue".into()));
            } else {
                catalogue.push(fact.clone());
            }
        }

        let mut checker = Checker { catalogue: &catalogue, problems: &mut problems, ids: Vec::new() };
        for (s, section) in &sections {
            let path = format!("$.sections[{s}]");
            checker.id(&section.id, &path);
            if section.max <= 0.0 {
                checker.problems.push(shape(format!("{path}.max"), "a section's max must be above 0".into()));
            }
            for (i, indicator) in section.indicators.iter().enumerate() {
                checker.indicator(indicator, &format!("{path}.indicators[{i}]"));
            }
        }
        let section_ids: Vec<&str> = sections.iter().map(|(_, s)| s.id.as_str()).collect();
        for (b, bonus) in &bonuses {
            let path = format!("$.bonuses[{b}]");
            checker.id(&bonus.id, &path);
            checker.condition(&bonus.when, &format!("{path}.when"), &bonus.id);
            if let Some(section) = bonus.section.as_deref().filter(|s| !section_ids.contains(s)) {
                checker.problems.push(Problem::error(
                    Some(bonus.id.clone()),
                    format!("{path}.section"),
                    ProblemKind::UnknownSection { id: section.to_owned() },
                ));
            }
        }
        for (v, veto) in &vetoes {
            let path = format!("$.vetoes[{v}]");
            checker.id(&veto.id, &path);
            checker.condition(&veto.when, &format!("{path}.when"), &veto.id);
            if let Voids::Section(section) = &veto.voids
                && !section_ids.contains(&section.as_str())
            {
                checker.problems.push(Problem::error(
                    Some(veto.id.clone()),
                    format!("{path}.voids.section"),
                    ProblemKind::UnknownSection { id: section.clone() },
                ));
            }
        }

        if let Some(e) = &eligible {
            checker.condition(&e.when, "$.eligible.when", "eligible");
        }
        if let Some(outcome) = &outcome {
            check_reachable(outcome, &sections, &bonuses, &mut problems);
        }

        // Document order: by top-level field, then record index; checks of one record keep
        // the order they ran in (the sort is stable).
        problems.sort_by_key(|p| sort_key(&p.path, KEYS));
        let (errors, warnings): (Vec<Problem>, Vec<Problem>) =
            problems.into_iter().partition(|p| p.severity == crate::Severity::Error);
        match (id, version, effective, entity, outcome) {
            (Some(id), Some(version), Some(effective), Some(entity), Some(outcome)) if errors.is_empty() => {
                let sections: Vec<Section> = sections.into_iter().map(|(_, s)| s).collect();
                let bonuses: Vec<Bonus> = bonuses.into_iter().map(|(_, b)| b).collect();
                let vetoes: Vec<Veto> = vetoes.into_iter().map(|(_, v)| v).collect();
                let compiled = compile(&sections, &bonuses, &vetoes, eligible.as_ref());
                Ok(RuleSet { id, version, effective, entity, sections, bonuses, vetoes, eligible, outcome, about, catalogue, warnings, compiled })
            }
            _ => Err(Error::Invalid { problems: errors.into_iter().chain(warnings).collect() }),
        }
    }

    /// The rule set's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Its version.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The period it is in force.
    pub fn effective(&self) -> Period {
        self.effective
    }

    /// Whether it is in force on a day.
    pub fn in_force(&self, day: Date) -> bool {
        self.effective.from <= day && day <= self.effective.to
    }

    /// The kind of entity it rates, e.g. `community`.
    pub fn entity(&self) -> &str {
        &self.entity
    }

    /// The sections, in order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// The bonuses.
    pub fn bonuses(&self) -> &[Bonus] {
        &self.bonuses
    }

    /// The vetoes.
    pub fn vetoes(&self) -> &[Veto] {
        &self.vetoes
    }

    /// Who may be rated at all, if the rule set limits it.
    pub fn eligible(&self) -> Option<&Eligibility> {
        self.eligible.as_ref()
    }

    /// The rule set's own note on where its numbers come from.
    pub fn about(&self) -> Option<&str> {
        self.about.as_deref()
    }

    /// The outcome rules.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// The facts this rule set may read: the core's and its own.
    pub fn catalogue(&self) -> &FactCatalogue {
        &self.catalogue
    }

    /// Warnings found while loading.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }
}

/// Compiles every expression of a rule set that loaded, in the order evaluation runs them.
fn compile(sections: &[Section], bonuses: &[Bonus], vetoes: &[Veto], eligible: Option<&Eligibility>) -> Compiled {
    let mut slots = Slots::default();
    let vetoes = vetoes.iter().map(|v| Rule::new(&v.when, &mut slots)).collect();
    let bonuses = bonuses.iter().map(|b| Rule::new(&b.when, &mut slots)).collect();
    let eligible = eligible.map(|e| Rule::new(&e.when, &mut slots));
    let indicators = sections.iter().map(|s| s.indicators.iter().map(|i| Rule::new(&i.expr, &mut slots)).collect()).collect();
    Compiled { slots, eligible, vetoes, bonuses, indicators }
}

struct Checker<'a> {
    catalogue: &'a FactCatalogue,
    problems: &'a mut Vec<Problem>,
    /// Every id seen so far with the path of its record: one namespace for sections,
    /// indicators, bonuses and vetoes, so that a result names each one unambiguously.
    ids: Vec<(String, String)>,
}

impl Checker<'_> {
    fn id(&mut self, id: &str, path: &str) {
        if id.trim().is_empty() {
            self.problems.push(Problem::error(None, format!("{path}.id"), ProblemKind::Empty));
        } else if let Some((_, first)) = self.ids.iter().find(|(seen, _)| seen == id) {
            self.problems.push(dup(id, format!("{path}.id"), first.clone()));
        } else {
            self.ids.push((id.to_owned(), path.to_owned()));
        }
    }

    fn expr(&mut self, value: &Value, path: &str, record: &str) -> Ty {
        let mut found = Vec::new();
        let ty = expr::check(value, self.catalogue, &mut found);
        for kind in found {
            self.problems.push(Problem::error(Some(record.to_owned()), path.to_owned(), kind));
        }
        ty
    }

    fn condition(&mut self, value: &Value, path: &str, record: &str) {
        let ty = self.expr(value, path, record);
        if let Some(found) = ty.known().filter(|t| *t != FactType::Boolean) {
            self.problems.push(Problem::error(
                Some(record.to_owned()),
                path.to_owned(),
                ProblemKind::TypeMismatch { expected: "boolean".into(), found: found.name().into() },
            ));
        }
    }

    fn indicator(&mut self, indicator: &Indicator, path: &str) {
        self.id(&indicator.id, path);
        let record = indicator.id.clone();
        let ty = self.expr(&indicator.expr, &format!("{path}.expr"), &record);
        let kind = indicator.kind.or(ty.known());
        let err = |path: String, kind: ProblemKind| Problem::error(Some(record.clone()), path, kind);
        match (&indicator.bands, indicator.points) {
            (Some(bands), None) => {
                if let Some(found) = kind.filter(|k| !k.is_numeric()) {
                    self.problems.push(err(
                        format!("{path}.expr"),
                        ProblemKind::TypeMismatch { expected: "number".into(), found: found.name().into() },
                    ));
                }
                if bands.is_empty() {
                    self.problems.push(shape(format!("{path}.bands"), "give at least one band".into()));
                }
                for (b, band) in bands.iter().enumerate() {
                    let band_path = format!("{path}.bands[{b}].min");
                    if kind == Some(FactType::Ratio) && band.min > 1.0 {
                        self.problems.push(err(
                            band_path.clone(),
                            ProblemKind::UnreachableThreshold { threshold: num(band.min), max: "1".into() },
                        ));
                    }
                    if b > 0 && band.min >= bands[b - 1].min {
                        self.problems.push(err(band_path, ProblemKind::BandOrder { threshold: num(band.min) }));
                    }
                }
            }
            (None, Some(_)) => {
                if let Some(found) = kind.filter(|k| *k != FactType::Boolean) {
                    self.problems.push(err(
                        format!("{path}.expr"),
                        ProblemKind::TypeMismatch { expected: "boolean".into(), found: found.name().into() },
                    ));
                }
            }
            _ => self.problems.push(err(path.to_owned(), ProblemKind::Scoring)),
        }
    }
}

/// A section whose indicators and bonuses together cannot reach the pass mark, or a scorecard
/// whose sections cannot reach the pass total, can never pass: an error in the rule set.
fn check_reachable(outcome: &Outcome, sections: &[(usize, Section)], bonuses: &[(usize, Bonus)], problems: &mut Vec<Problem>) {
    let mut total = 0.0;
    for (s, section) in sections {
        let bonus: f64 = bonuses.iter().filter(|(_, b)| b.section.as_deref() == Some(&section.id)).map(|(_, b)| b.points.max(0.0)).sum();
        let reach = (section.indicators.iter().map(Indicator::max_points).sum::<f64>() + bonus).min(section.max);
        total += reach;
        if reach < outcome.pass.each_section {
            problems.push(Problem::error(
                Some(section.id.clone()),
                format!("$.sections[{s}]"),
                ProblemKind::UnreachablePassMark { max: num(reach), needed: num(outcome.pass.each_section) },
            ));
        }
    }
    total += bonuses.iter().filter(|(_, b)| b.section.is_none()).map(|(_, b)| b.points.max(0.0)).sum::<f64>();
    if total < outcome.pass.total {
        problems.push(Problem::error(
            None,
            "$.outcome.pass.total".into(),
            ProblemKind::UnreachablePassMark { max: num(total), needed: num(outcome.pass.total) },
        ));
    }
    if let Some(share) = outcome.excellence.and_then(|e| e.top_share).filter(|s| !(*s > 0.0 && *s <= 1.0)) {
        problems.push(Problem::error(
            None,
            "$.outcome.excellence.top_share".into(),
            ProblemKind::UnreachableThreshold { threshold: num(share), max: "1".into() },
        ));
    }
}

fn shape(path: String, message: String) -> Problem {
    Problem::error(None, path, ProblemKind::Shape { message })
}

fn dup(id: &str, path: String, first: String) -> Problem {
    Problem::error(Some(id.to_owned()), path, ProblemKind::DuplicateId { id: id.to_owned(), first })
}

fn field<T: DeserializeOwned + crate::jsonpath::Lean>(doc: &Map<String, Value>, key: &str, problems: &mut Vec<Problem>) -> Option<T> {
    let Some(value) = doc.get(key) else {
        problems.push(shape(format!("$.{key}"), format!("missing field `{key}`")));
        return None;
    };
    match crate::jsonpath::read_record::<T>(value, &format!("$.{key}")) {
        Ok(v) => Some(v),
        Err((path, message)) => {
            problems.push(shape(path, message));
            None
        }
    }
}

/// The records of a list that read, each with its position; a shape problem for each other.
fn items<T: DeserializeOwned + crate::jsonpath::Lean>(doc: &Map<String, Value>, key: &str, required: bool, problems: &mut Vec<Problem>) -> Vec<(usize, T)> {
    let list = match doc.get(key) {
        Some(Value::Array(list)) => list,
        None if !required => return Vec::new(),
        None => {
            problems.push(shape(format!("$.{key}"), format!("missing field `{key}`")));
            return Vec::new();
        }
        Some(_) => {
            problems.push(shape(format!("$.{key}"), "expected an array".into()));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (i, item) in list.iter().enumerate() {
        match crate::jsonpath::read_record::<T>(item, &format!("$.{key}[{i}]")) {
            Ok(record) => out.push((i, record)),
            Err((path, message)) => {
                let record = item.get("id").and_then(Value::as_str).map(str::to_owned);
                problems.push(Problem::error(record, path, ProblemKind::Shape { message }));
            }
        }
    }
    out
}

// The wasm build reads these records by a table of their fields (`crate::jsonpath::table`),
// not by serde's derived visitors; each table lists every field as the derive reads it (a
// unit test holds the two readings to the same records, paths and messages). A placeholder
// in parentheses is what a required field holds until it is read.
crate::by_serde!(Voids);

crate::lean_record!(Period, deny = true, {
    from: Required(Date::PLACEHOLDER),
    to: Required(Date::PLACEHOLDER),
});

crate::lean_record!(Band, deny = true, {
    min: Required,
    points: Required,
});

crate::lean_record!(Indicator, deny = true, {
    id: Required,
    zh: Required,
    en: Required,
    expr: Required,
    bands: Default,
    points: Default,
    kind = "type": Default,
    unit: Default,
});

crate::lean_record!(Section, deny = true, {
    id: Required,
    zh: Required,
    en: Required,
    max: Required,
    indicators: Required,
});

crate::lean_record!(Bonus, deny = true, {
    id: Required,
    zh: Required,
    en: Required,
    when: Required,
    points: Required,
    section: Default,
});

crate::lean_record!(Veto, deny = true, {
    id: Required,
    zh: Required,
    en: Required,
    when: Required,
    voids: Required(Voids::Rating),
});

crate::lean_record!(Marks, deny = true, {
    each_section: Required,
    total: Required,
    top_share: Default,
});

crate::lean_record!(Outcome, deny = true, {
    pass: Required(Marks { each_section: 0.0, total: 0.0, top_share: None }),
    excellence: Default,
});

crate::lean_record!(Eligibility, deny = true, {
    when: Required,
    zh: Required,
    en: Required,
});
