//! Evaluating a rule set over entities: scores, tiers, ranks and explanations.

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::facts::{FactType, Unit};
use super::num;
use crate::text::number_into;
use super::set::{Indicator, RuleSet, Voids};
use super::vm;
pub use super::reason::Reason;
use super::reason::Words;
use crate::error::{Error, Problem, ProblemKind};

/// One entity to rate: its id and its facts (fact name → value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// The entity's id, e.g. a node id; it breaks ties in the ranking.
    pub id: String,
    /// A name to show, e.g. 胜利社区; the id is shown without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Fact name → value. Facts the catalogue does not know are ignored.
    #[serde(default)]
    pub facts: Map<String, Value>,
}

impl Entity {
    /// An entity without a display name.
    pub fn new(id: impl Into<String>, facts: Map<String, Value>) -> Self {
        Entity { id: id.into(), name: None, facts }
    }

    /// Reads a JSON array of entities, reporting every record that does not read.
    pub fn list_from_json(text: &str) -> Result<Vec<Entity>, Error> {
        crate::limits::check(text)?;
        let value: Value = serde_json::from_str(text).map_err(|e| Error::syntax(&e))?;
        Self::list_from_value(value, "$")
    }

    /// As [`Entity::list_from_json`], from a JSON value read already; problems' paths start
    /// with `prefix` (`$`, or `$.entities` inside a larger document).
    pub fn list_from_value(value: Value, prefix: &str) -> Result<Vec<Entity>, Error> {
        let Value::Array(items) = value else {
            return Err(Error::Invalid {
                problems: vec![Problem::error(None, prefix.into(), ProblemKind::Shape { message: "expected an array of entities".into() })],
            });
        };
        let mut problems = Vec::new();
        let mut out = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let record = item.get("id").and_then(Value::as_str).map(str::to_owned);
            match crate::jsonpath::read_record::<Entity>(&item, &format!("{prefix}[{i}]")) {
                Ok(e) => out.push(e),
                Err((path, message)) => problems.push(Problem::error(record, path, ProblemKind::Shape { message })),
            }
        }
        if problems.is_empty() { Ok(out) } else { Err(Error::Invalid { problems }) }
    }
}

/// The outcome of one entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Outside the rule set's `eligible` condition (e.g. too few cases): scored and
    /// explained, but neither passed nor failed, and not ranked.
    #[serde(rename = "not_rated")]
    NotRated,
    /// Below the pass marks, or vetoed.
    Fail,
    /// Every section and the total at or above the pass marks.
    Pass,
    /// The excellence marks, and within the top share of the peers.
    Excellence,
}

/// One indicator's result for one entity. Its JSON: `{"id", "value", "threshold", "points",
/// "max", "passed", "reason"}`, each as its method gives it.
///
/// An evaluation of 10,000 entities × 25 indicators holds 250,000 of these, so each is small
/// (56 bytes; 120 as a struct of those seven fields, whose memory, page faults included, was
/// much of the evaluation's time): what every entity's result of the indicator shares (id,
/// bands, most points, the words of the explanations) is kept once, and the threshold, points,
/// pass and explanation follow from the value and the outcome.
#[derive(Clone)]
pub struct IndicatorResult {
    shared: Arc<Shared>,
    value: Value,
    outcome: Outcome,
}

/// How an indicator's value scored.
#[derive(Clone)]
enum Outcome {
    /// The band of this index was reached.
    Band(usize),
    /// No band was reached.
    Below,
    /// The yes/no expression held.
    Yes,
    /// It did not.
    No,
    /// No score (a missing or ill-typed fact, an expression that failed or gave the wrong kind
    /// of value): 0 points, for this reason.
    Failed(Box<Reason>),
}

impl IndicatorResult {
    /// The indicator's id.
    pub fn id(&self) -> &str {
        &self.shared.id
    }

    /// The expression's value (`null` when it could not be computed).
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The band threshold reached, or the lowest one when none was.
    pub fn threshold(&self) -> Option<f64> {
        let bands = &self.shared.bands;
        match self.outcome {
            Outcome::Band(b) => bands.get(b).map(|&(min, _)| min),
            Outcome::Below => Some(bands.last().map_or(0.0, |&(min, _)| min)),
            _ => None,
        }
    }

    /// The points scored.
    pub fn points(&self) -> f64 {
        match self.outcome {
            Outcome::Band(b) => self.shared.bands.get(b).map_or(0.0, |&(_, points)| points),
            Outcome::Yes => self.shared.yes_points,
            _ => 0.0,
        }
    }

    /// The most it could score.
    pub fn max(&self) -> f64 {
        self.shared.max
    }

    /// Whether a band was reached, or the yes/no expression held.
    pub fn passed(&self) -> bool {
        matches!(self.outcome, Outcome::Band(_) | Outcome::Yes)
    }

    /// Why, in both languages.
    pub fn reason(&self) -> Reason {
        let shared = &self.shared;
        let value = || self.value.as_f64().unwrap_or(f64::NAN);
        match &self.outcome {
            Outcome::Band(b) => Reason::value(&shared.words, value(), *b),
            Outcome::Below => Reason::value(&shared.words, value(), shared.bands.len()),
            Outcome::Yes => shared.yes.clone(),
            Outcome::No => shared.no.clone(),
            Outcome::Failed(reason) => (**reason).clone(),
        }
    }
}

impl PartialEq for IndicatorResult {
    fn eq(&self, other: &Self) -> bool {
        self.id() == other.id()
            && self.value == other.value
            && self.threshold() == other.threshold()
            && self.points() == other.points()
            && self.max() == other.max()
            && self.passed() == other.passed()
            && self.reason() == other.reason()
    }
}

impl std::fmt::Debug for IndicatorResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndicatorResult")
            .field("id", &self.id())
            .field("value", &self.value)
            .field("threshold", &self.threshold())
            .field("points", &self.points())
            .field("max", &self.max())
            .field("passed", &self.passed())
            .field("reason", &self.reason())
            .finish()
    }
}

impl Serialize for IndicatorResult {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("IndicatorResult", 7)?;
        s.serialize_field("id", self.id())?;
        s.serialize_field("value", &self.value)?;
        s.serialize_field("threshold", &self.threshold())?;
        s.serialize_field("points", &self.points())?;
        s.serialize_field("max", &self.max())?;
        s.serialize_field("passed", &self.passed())?;
        s.serialize_field("reason", &self.reason())?;
        s.end()
    }
}

/// A bonus awarded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BonusResult {
    /// The bonus's id.
    pub id: String,
    /// The section it went to; none for the total.
    pub section: Option<String>,
    /// The points added (before any section cap).
    pub points: f64,
    /// Why.
    pub reason: Reason,
}

/// A veto that fired.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VetoResult {
    /// The veto's id.
    pub id: String,
    /// What it voided.
    pub voids: Voids,
    /// Why.
    pub reason: Reason,
}

/// One section's result for one entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionResult {
    /// The section's id (shared by every entity's result).
    pub id: Arc<str>,
    /// Every indicator, in rule-set order.
    pub indicators: Vec<IndicatorResult>,
    /// The section's score: indicators plus its bonuses, capped at `max`; 0 when vetoed.
    pub score: f64,
    /// The cap.
    pub max: f64,
    /// A veto voided this section.
    pub voided: bool,
    /// The score reaches the pass mark for each section.
    pub passed: bool,
}

/// One entity's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityResult {
    /// The entity's id.
    pub id: String,
    /// Every section, in rule-set order.
    pub sections: Vec<SectionResult>,
    /// The bonuses awarded.
    pub bonuses: Vec<BonusResult>,
    /// The vetoes that fired.
    pub vetoes: Vec<VetoResult>,
    /// Sections plus bonuses to the total.
    pub total: f64,
    /// A veto voided the whole rating.
    pub voided: bool,
    /// Why the entity is not rated, when the rule set's `eligible` condition does not hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_rated: Option<Reason>,
    /// The outcome.
    pub tier: Tier,
    /// 1-based rank among the rated entities evaluated together (see [`RuleSet::evaluate`]);
    /// none for an entity that is not rated.
    pub rank: Option<usize>,
}

/// The result of evaluating a rule set over entities, plus what went wrong on the way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// The rule set's id.
    pub rule_set: String,
    /// Its version.
    pub version: String,
    /// One result per entity, in input order.
    pub entities: Vec<EntityResult>,
    /// Missing or ill-typed facts, expressions that failed: each names the entity (`record`)
    /// and the rule (`path` in the rule set), or the entity's fact (`$[i].facts.name`).
    pub diagnostics: Vec<Problem>,
}

impl Evaluation {
    /// The result of the entity with this id.
    pub fn entity(&self, id: &str) -> Option<&EntityResult> {
        self.entities.iter().find(|e| e.id == id)
    }
}

/// Scores are sums of points given to two decimals; rounding keeps 0.1 + 0.2 from missing a mark.
fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

fn points(p: f64) -> String {
    if p == 1.0 { "1 point".into() } else { format!("{} points", num(p)) }
}

/// What evaluating one expression needs besides its compiled form: its place in the rule
/// set, for diagnostics. Worked out once per evaluation, not once per entity.
struct Rule<'r> {
    path: String,
    compiled: &'r vm::Rule,
}

/// The rules of a rule set, in its order, each with its [`Rule`]; an indicator's also with the
/// share of its results.
struct Plan<'r> {
    eligible: Option<Rule<'r>>,
    vetoes: Vec<Rule<'r>>,
    bonuses: Vec<Rule<'r>>,
    indicators: Vec<Vec<(Rule<'r>, Arc<Shared>)>>,
    /// The sections' ids, shared by every entity's results.
    sections: Vec<Arc<str>>,
    /// By fact name: its type if catalogued, its slot in the fact row if an expression reads
    /// it. One look-up per fact of an entity finds ill-typed facts and fills the row.
    facts: HashMap<&'r str, (Option<FactType>, Option<usize>), FxBuildHasher>,
}

/// What every entity's result of an indicator shares, made once per evaluation: only the value
/// and the outcome are per entity (see [`IndicatorResult`]).
struct Shared {
    id: String,
    max: f64,
    /// (min, points), highest first; none for a yes/no indicator.
    bands: Vec<(f64, f64)>,
    /// A yes/no indicator's points.
    yes_points: f64,
    /// The words around the value: a band's tail by the band's index, then the one for no
    /// band reached.
    words: Arc<Words>,
    /// A yes/no indicator's two explanations.
    yes: Reason,
    no: Reason,
}

impl Shared {
    fn new(indicator: &Indicator, kind: Option<FactType>, unit: Option<Unit>) -> Self {
        let show = |v: f64, zh: bool| {
            let mut out = String::new();
            show_value(&mut out, v, kind, unit, zh);
            out
        };
        let mut tails: Vec<(String, String)> = indicator
            .bands
            .iter()
            .flatten()
            .map(|band| {
                (format!(" ≥ {}，得 {} 分", show(band.min, true), num(band.points)), format!(" ≥ {}: {}", show(band.min, false), points(band.points)))
            })
            .collect();
        let lowest = indicator.bands.as_ref().and_then(|b| b.last()).map_or(0.0, |b| b.min);
        tails.push((format!(" < {}，得 0 分", show(lowest, true)), format!(" < {}: 0 points", show(lowest, false))));
        let ratio = kind == Some(FactType::Ratio);
        let p = indicator.points.unwrap_or(0.0);
        Shared {
            id: indicator.id.clone(),
            max: indicator.max_points(),
            bands: indicator.bands.iter().flatten().map(|b| (b.min, b.points)).collect(),
            yes_points: p,
            words: Arc::new(Words {
                ratio,
                unit: if ratio { ("", "") } else { unit.map_or(("", ""), Unit::suffix) },
                head: (format!("{} ", indicator.zh), format!("{} ", indicator.en)),
                tails,
            }),
            yes: Reason::new(format!("{}：是，得 {} 分", indicator.zh, num(p)), format!("{}: yes, {}", indicator.en, points(p))),
            no: Reason::new(format!("{}：否，得 0 分", indicator.zh), format!("{}: no, 0 points", indicator.en)),
        }
    }
}

/// A value as the explanations show it: a ratio as a percentage, else with its unit.
fn show_value(out: &mut String, v: f64, kind: Option<FactType>, unit: Option<Unit>, zh: bool) {
    if kind == Some(FactType::Ratio) {
        number_into(out, v * 100.0);
        out.push('%');
    } else {
        number_into(out, v);
        let (sz, se) = unit.map_or(("", ""), Unit::suffix);
        out.push_str(if zh { sz } else { se });
    }
}

impl<'r> Plan<'r> {
    fn new(rules: &'r RuleSet) -> Self {
        let c = &rules.compiled;
        let rule = |compiled, path| Rule { path, compiled };
        let eligible = c.eligible.as_ref().map(|e| rule(e, "$.eligible.when".to_owned()));
        let vetoes = c.vetoes.iter().enumerate().map(|(v, r)| rule(r, format!("$.vetoes[{v}].when"))).collect();
        let bonuses = c.bonuses.iter().enumerate().map(|(b, r)| rule(r, format!("$.bonuses[{b}].when"))).collect();
        let indicators = rules
            .sections
            .iter()
            .zip(&c.indicators)
            .enumerate()
            .map(|(s, (section, compiled))| {
                section
                    .indicators
                    .iter()
                    .zip(compiled)
                    .enumerate()
                    .map(|(i, (ind, r))| {
                        let (kind, unit) = display(rules, ind);
                        (rule(r, format!("$.sections[{s}].indicators[{i}].expr")), Arc::new(Shared::new(ind, kind, unit)))
                    })
                    .collect()
            })
            .collect();
        let mut facts: HashMap<&str, (Option<FactType>, Option<usize>), FxBuildHasher> = HashMap::default();
        for fact in rules.catalogue.facts() {
            facts.entry(fact.name.as_str()).or_default().0.get_or_insert(fact.kind);
        }
        for (slot, name) in c.slots.0.iter().enumerate() {
            facts.entry(name.as_str()).or_default().1 = Some(slot);
        }
        let sections = rules.sections.iter().map(|s| s.id.as_str().into()).collect();
        Plan { eligible, vetoes, bonuses, indicators, sections, facts }
    }
}

/// The type and unit to show a value in: the indicator's own, else those of the fact it reads.
fn display(rules: &RuleSet, indicator: &Indicator) -> (Option<FactType>, Option<Unit>) {
    let fact = indicator.expr.get("var").and_then(Value::as_str).and_then(|n| rules.catalogue.get(n));
    (indicator.kind.or(fact.map(|f| f.kind)), indicator.unit.or(fact.and_then(|f| f.unit)))
}

struct Run<'a> {
    rules: &'a RuleSet,
    /// The entity's facts by slot of the compiled expressions (ill-typed ones left out).
    row: Vec<Option<&'a Value>>,
    facts: &'a Map<String, Value>,
    bad: Vec<String>,
    record: &'a str,
    diagnostics: Vec<Problem>,
}

impl<'a> Run<'a> {
    /// Evaluates an expression; `None` (with a diagnostic) when a fact is missing or it fails.
    fn eval(&mut self, rule: &Rule<'a>) -> Result<Value, Reason> {
        let (needed, path) = (&rule.compiled.needed, rule.path.as_str());
        let absent = |(f, slot): &&(String, usize)| self.row[*slot].is_none_or(Value::is_null) && !self.bad.contains(f);
        if let Some((first, _)) = needed.iter().find(absent) {
            for (fact, _) in needed.iter().filter(absent) {
                self.diagnostics.push(Problem::error(Some(self.record.to_owned()), path.to_owned(), ProblemKind::MissingFact { fact: fact.clone() }));
            }
            let (zh, en) = self.rules.catalogue.get(first).map_or((first.as_str(), first.as_str()), |f| (f.zh.as_str(), f.en.as_str()));
            return Err(Reason::new(format!("缺少事实「{zh}」（{first}），得 0 分"), format!("fact {en} ({first}) missing: 0 points")));
        }
        if let Some((fact, _)) = needed.iter().find(|(f, _)| self.bad.contains(f)) {
            return Err(Reason::new(format!("事实 {fact} 的值有误，得 0 分"), format!("fact {fact} has a wrong value: 0 points")));
        }
        let env = vm::Env { row: &self.row, all: self.facts, bad: &self.bad };
        match vm::eval(&rule.compiled.node, &env, &vm::Scope::Root) {
            Ok(v) => match v.to_json(&env) {
                Some(value) => Ok(value),
                None => {
                    let message = format!("the value is {}, not a number JSON can hold (a division by zero?)", vm::js_number(vm::to_number(&v)));
                    Err(self.failed(path, message))
                }
            },
            Err(message) => Err(self.failed(path, message)),
        }
    }

    fn failed(&mut self, path: &str, message: String) -> Reason {
        self.diagnostics.push(Problem::error(Some(self.record.to_owned()), path.to_owned(), ProblemKind::Evaluation { message }));
        Reason::new("无法计算，得 0 分", "could not be evaluated: 0 points")
    }

    /// A yes/no result; anything but a boolean is a diagnostic.
    fn condition(&mut self, rule: &Rule<'a>) -> Result<bool, Reason> {
        match self.eval(rule)? {
            Value::Bool(b) => Ok(b),
            other => Err(self.failed(&rule.path, format!("expected true or false, got {other}"))),
        }
    }

    fn indicator(&mut self, indicator: &Indicator, (rule, shared): &(Rule<'a>, Arc<Shared>)) -> IndicatorResult {
        let result = |value: Value, outcome| IndicatorResult { shared: Arc::clone(shared), value, outcome };
        let failed = |reason| Outcome::Failed(Box::new(reason));
        let expr_path = rule.path.as_str();
        let value = match self.eval(rule) {
            Ok(v) => v,
            Err(reason) => return result(Value::Null, failed(reason)),
        };
        if indicator.bands.is_some() {
            let Some(v) = value.as_f64().filter(|v| v.is_finite()) else {
                let reason = self.failed(expr_path, format!("expected a number, got {value}"));
                return result(value, failed(reason));
            };
            match shared.bands.iter().position(|&(min, _)| v >= min) {
                Some(b) => result(value, Outcome::Band(b)),
                None => result(value, Outcome::Below),
            }
        } else {
            match value {
                Value::Bool(true) => result(value, Outcome::Yes),
                Value::Bool(false) => result(value, Outcome::No),
                other => {
                    let reason = self.failed(expr_path, format!("expected true or false, got {other}"));
                    result(other, failed(reason))
                }
            }
        }
    }
}

impl RuleSet {
    /// Rates entities together: every indicator, section, bonus and veto for each, then the
    /// tiers and ranks across them. It never stops at a broken indicator: a missing fact or a
    /// failed expression scores 0 and adds a diagnostic.
    ///
    /// Ranking: entities whose whole rating was vetoed come last; otherwise by total,
    /// highest first; ties by entity id in ascending byte order, so equal totals always rank
    /// the same way. Ranks are 1, 2, 3, … with no shared places. The excellence tier needs
    /// its marks and a rank within `ceil(top_share × entities)`.
    pub fn evaluate(&self, entities: &[Entity]) -> Evaluation {
        let mut diagnostics = Vec::new();
        // A hash map, not a list: a linear search per entity made 10,000 entities cost
        // 50 million id comparisons.
        let mut seen: HashMap<&str, usize, FxBuildHasher> = HashMap::with_capacity_and_hasher(entities.len(), FxBuildHasher);
        for (i, entity) in entities.iter().enumerate() {
            if let Some(first) = seen.get(entity.id.as_str()) {
                diagnostics.push(Problem::error(
                    Some(entity.id.clone()),
                    format!("$[{i}].id"),
                    ProblemKind::DuplicateId { id: entity.id.clone(), first: format!("$[{first}]") },
                ));
            } else {
                seen.insert(&entity.id, i);
            }
        }
        let plan = Plan::new(self);
        let mut results = Vec::with_capacity(entities.len());
        let mut row = Vec::new();
        for (i, entity) in entities.iter().enumerate() {
            let (result, found) = self.evaluate_entity(&plan, entity, i, &mut row);
            results.push(result);
            diagnostics.extend(found);
        }
        self.rank(&mut results);
        Evaluation { rule_set: self.id.clone(), version: self.version.clone(), entities: results, diagnostics }
    }

    /// Rates one entity on its own (rank 1 of 1, so a `top_share` never holds it back).
    pub fn evaluate_one(&self, entity: &Entity) -> (EntityResult, Vec<Problem>) {
        let (mut result, diagnostics) = self.evaluate_entity(&Plan::new(self), entity, 0, &mut Vec::new());
        self.rank(std::slice::from_mut(&mut result));
        (result, diagnostics)
    }

    /// One entity's result; `buffer` lends its fact row the storage of the previous entity's.
    fn evaluate_entity<'a>(&'a self, plan: &Plan<'a>, entity: &'a Entity, index: usize, buffer: &mut Vec<Option<&'a Value>>) -> (EntityResult, Vec<Problem>) {
        let mut row = std::mem::take(buffer);
        row.clear();
        row.resize(self.compiled.slots.0.len(), None);
        let mut run = Run { rules: self, row, facts: &entity.facts, bad: Vec::new(), record: &entity.id, diagnostics: Vec::new() };
        for (name, value) in &entity.facts {
            let Some((kind, slot)) = plan.facts.get(name.as_str()) else { continue };
            if let Some(kind) = kind.filter(|k| !value.is_null() && !k.accepts(value)) {
                run.bad.push(name.clone());
                run.diagnostics.push(Problem::error(
                    Some(entity.id.clone()),
                    format!("$[{index}].facts.{name}"),
                    ProblemKind::FactValue { fact: name.clone(), expected: kind.name().into() },
                ));
            } else if let Some(slot) = slot {
                run.row[*slot] = Some(value);
            }
        }

        let mut vetoes = Vec::new();
        for (v, veto) in self.vetoes.iter().enumerate() {
            if run.condition(&plan.vetoes[v]) == Ok(true) {
                let (zh, en) = match &veto.voids {
                    Voids::Rating => ("整体评定".to_owned(), "the whole rating".to_owned()),
                    Voids::Section(id) => self.sections.iter().find(|s| s.id == *id).map_or((id.clone(), id.clone()), |s| (s.zh.clone(), s.en.clone())),
                };
                let reason = Reason::new(format!("一票否决：{}，{zh}不得分", veto.zh), format!("veto: {}; voids {en}", veto.en));
                vetoes.push(VetoResult { id: veto.id.clone(), voids: veto.voids.clone(), reason });
            }
        }
        let mut bonuses = Vec::new();
        for (b, bonus) in self.bonuses.iter().enumerate() {
            if run.condition(&plan.bonuses[b]) == Ok(true) {
                let reason = Reason::new(format!("加分：{}，加 {} 分", bonus.zh, num(bonus.points)), format!("bonus: {}: +{}", bonus.en, points(bonus.points)));
                bonuses.push(BonusResult { id: bonus.id.clone(), section: bonus.section.clone(), points: bonus.points, reason });
            }
        }
        let not_rated = self.eligible.as_ref().zip(plan.eligible.as_ref()).and_then(|(e, rule)| {
            let held = run.condition(rule);
            (held != Ok(true)).then(|| Reason::new(format!("不参评：未满足「{}」", e.zh), format!("not rated: needs {}", e.en)))
        });
        let voided = vetoes.iter().any(|v| v.voids == Voids::Rating);
        let pass = self.outcome.pass;
        let mut sections = Vec::with_capacity(self.sections.len());
        for (s, section) in self.sections.iter().enumerate() {
            let indicators: Vec<IndicatorResult> =
                section.indicators.iter().zip(&plan.indicators[s]).map(|(ind, rule)| run.indicator(ind, rule)).collect();
            let bonus: f64 = bonuses.iter().filter(|b| b.section.as_deref() == Some(&section.id)).map(|b| b.points).sum();
            let section_voided = vetoes.iter().any(|v| matches!(&v.voids, Voids::Section(id) if *id == section.id));
            let raw = indicators.iter().map(IndicatorResult::points).sum::<f64>() + bonus;
            let score = if section_voided { 0.0 } else { round(raw.min(section.max)) };
            sections.push(SectionResult { id: Arc::clone(&plan.sections[s]), indicators, score, max: section.max, voided: section_voided, passed: score >= pass.each_section });
        }
        let total = round(sections.iter().map(|s| s.score).sum::<f64>() + bonuses.iter().filter(|b| b.section.is_none()).map(|b| b.points).sum::<f64>());
        let passes = !voided && sections.iter().all(|s| s.passed) && total >= pass.total;
        let tier = if not_rated.is_some() {
            Tier::NotRated
        } else if passes {
            Tier::Pass
        } else {
            Tier::Fail
        };
        *buffer = run.row;
        (EntityResult { id: entity.id.clone(), sections, bonuses, vetoes, total, voided, not_rated, tier, rank: None }, run.diagnostics)
    }

    fn rank(&self, results: &mut [EntityResult]) {
        let mut order: Vec<usize> = (0..results.len()).filter(|&i| results[i].tier != Tier::NotRated).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&results[a], &results[b]);
            x.voided.cmp(&y.voided).then(y.total.total_cmp(&x.total)).then_with(|| x.id.cmp(&y.id))
        });
        // Float error must not cost a place: 0.1 × 10 entities is one place, not two.
        let rated = order.len();
        let slots = self.outcome.excellence.map(|e| e.top_share.map_or(rated, |share| (share * rated as f64 - 1e-9).ceil() as usize));
        for (place, &i) in order.iter().enumerate() {
            let r = &mut results[i];
            r.rank = Some(place + 1);
            if let (Some(marks), Some(slots)) = (self.outcome.excellence, slots)
                && r.tier == Tier::Pass
                && place < slots
                && r.total >= marks.total
                && r.sections.iter().all(|s| s.score >= marks.each_section)
            {
                r.tier = Tier::Excellence;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules() -> RuleSet {
        let text = json!({
            "id": "t", "version": "1", "entity": "grid_worker",
            "effective": {"from": "2026-01-01", "to": "2026-12-31"},
            "facts": [
                {"name": "visits", "type": "integer", "unit": "times", "zh": "走访次数", "en": "visits"},
                {"name": "label", "type": "text", "zh": "标签", "en": "label"},
                {"name": "honour", "type": "boolean", "zh": "荣誉", "en": "honour"}
            ],
            "sections": [{"id": "work", "zh": "工作", "en": "work", "max": 100, "indicators": [
                {"id": "visits", "zh": "走访次数", "en": "visits", "expr": {"var": "visits"},
                 "bands": [{"min": 100, "points": 90}, {"min": 10, "points": 50}]},
                {"id": "label", "zh": "标签", "en": "label", "expr": {"if": [{"var": "honour"}, {"var": "label"}, 1]},
                 "bands": [{"min": 1, "points": 10}]}
            ]}],
            "bonuses": [{"id": "honour", "zh": "荣誉", "en": "honour", "when": {"var": "honour"}, "points": 20, "section": "work"}],
            "outcome": {"pass": {"each_section": 60, "total": 60}}
        });
        RuleSet::from_value(&text).unwrap_or_else(|e| panic!("{:#?}", e.problems()))
    }

    fn entity(facts: Value) -> Entity {
        Entity::new("w1", facts.as_object().cloned().unwrap_or_default())
    }

    #[test]
    fn a_section_bonus_is_capped_at_the_section_max() {
        let (result, diagnostics) = rules().evaluate_one(&entity(json!({"visits": 120, "label": "x", "honour": true})));
        assert_eq!(result.sections[0].score, 100.0);
        assert_eq!(result.total, 100.0);
        assert_eq!(result.rank, Some(1));
        // The expression gave text, which the static checks could not foresee through the
        // `if`; that indicator is a diagnostic, the rest is still scored.
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].path, "$.sections[0].indicators[1].expr");
        assert!(matches!(diagnostics[0].kind, ProblemKind::Evaluation { .. }));
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn an_indicators_result_stays_small() {
        // 250,000 of them for 10,000 entities: see `IndicatorResult`.
        assert_eq!(std::mem::size_of::<IndicatorResult>(), 56);
    }

    #[test]
    fn one_point_is_singular_and_units_follow_the_fact() {
        let (result, _) = rules().evaluate_one(&entity(json!({"visits": 10, "label": "x", "honour": false})));
        let visits = &result.sections[0].indicators[0];
        assert_eq!(visits.reason().zh(), "走访次数 10 次 ≥ 10 次，得 50 分");
        assert_eq!(visits.reason().en(), "visits 10 times ≥ 10 times: 50 points");
        assert_eq!(points(1.0), "1 point");
        // 50 + 10 (the `if` gives 1 without the honour) is exactly the pass mark.
        assert_eq!((result.total, result.tier), (60.0, Tier::Pass));
    }

    #[test]
    fn a_rule_set_is_in_force_on_both_ends_of_its_period() {
        let r = rules();
        let day = |d: &str| crate::org::Date::parse(d).unwrap_or_else(|| panic!("{d}"));
        assert!(r.in_force(day("2026-01-01")) && r.in_force(day("2026-12-31")));
        assert!(!r.in_force(day("2027-01-01")));
    }
}

// The wasm build reads these records by a table of their fields (`crate::jsonpath::table`),
// not by serde's derived visitors; each table lists every field as the derive reads it (a
// unit test holds the two readings to the same records, paths and messages). A placeholder
// in parentheses is what a required field holds until it is read.

crate::lean_record!(Entity, deny = true, {
    id: Required,
    name: Default,
    facts: Default,
});
