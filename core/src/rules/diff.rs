//! Two versions of a rule set side by side: what changed in the rules themselves, and whose
//! outcome (tier, pass/fail, rank, total) changes when both rate the same entities — with the
//! indicators and sections whose points moved, their explanations from both versions, and the
//! vetoes and bonuses that apply under one version only.
//!
//! An organisation department revising 五星支部 for next year runs this over this year's
//! communities before publishing: "c03 passes under 2026.1 and fails under 2026.2, because
//! 三会一课完成率 90% now scores 15 instead of 25".

use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

use super::eval::{Entity, EntityResult, Evaluation, IndicatorResult, Reason, Tier};
use super::num;
use super::set::RuleSet;
use crate::error::Problem;

/// Which kind of part of a rule set a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The rule set's own fields: id, version, effective period, entity kind.
    RuleSet,
    /// A fact the rule set declares (core facts are the same in every version).
    Fact,
    /// A section (star); its indicators are parts of their own.
    Section,
    /// An indicator; its `section` field says which section holds it.
    Indicator,
    /// A bonus.
    Bonus,
    /// A veto.
    Veto,
    /// An outcome tier's marks: `pass` or `excellence`.
    Outcome,
}

impl Part {
    fn name(self) -> &'static str {
        match self {
            Part::RuleSet => "rule set",
            Part::Fact => "fact",
            Part::Section => "section",
            Part::Indicator => "indicator",
            Part::Bonus => "bonus",
            Part::Veto => "veto",
            Part::Outcome => "outcome",
        }
    }
}

/// One change in the rule set itself, found by id.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum RuleChange {
    /// Only in the new version.
    Added {
        /// What kind of part.
        part: Part,
        /// Its id (a fact's name; `pass` or `excellence` for the outcome).
        id: String,
    },
    /// Only in the old version.
    Removed {
        /// What kind of part.
        part: Part,
        /// Its id.
        id: String,
    },
    /// In both, with one field changed (one change per field).
    Changed {
        /// What kind of part.
        part: Part,
        /// Its id.
        id: String,
        /// The field as written in the rule file, e.g. `bands`, `expr`, `total`.
        field: String,
        /// The old value (`null` when the field was not given).
        from: Value,
        /// The new value (`null` when the field is not given).
        to: Value,
    },
}

/// An entity's outcome under one version.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Standing {
    /// The tier.
    pub tier: Tier,
    /// Pass or excellence.
    pub passed: bool,
    /// The rank among the rated entities; none when not rated.
    pub rank: Option<usize>,
    /// The total score.
    pub total: f64,
    /// A veto voided the whole rating.
    pub voided: bool,
}

impl Standing {
    fn of(r: &EntityResult) -> Self {
        Standing { tier: r.tier, passed: matches!(r.tier, Tier::Pass | Tier::Excellence), rank: r.rank, total: r.total, voided: r.voided }
    }
}

/// A section whose score differs (`null` where the section is not in that version).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionChange {
    /// The section's id.
    pub id: String,
    /// The old score.
    pub from: Option<f64>,
    /// The new score.
    pub to: Option<f64>,
}

/// An indicator whose points differ for an entity, and why, in both versions' words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorChange {
    /// The indicator's id.
    pub id: String,
    /// The section holding it (in the new version, if it is in both).
    pub section: String,
    /// The old points (`null` where the indicator is not in the old version).
    pub from: Option<f64>,
    /// The new points (`null` where it is not in the new version).
    pub to: Option<f64>,
    /// The old explanation.
    pub old_reason: Option<Reason>,
    /// The new explanation.
    pub new_reason: Option<Reason>,
}

/// Which version something applies under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The old version only.
    Old,
    /// The new version only.
    New,
}

/// A veto that fired, or a bonus that was awarded, under one version only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OneSided {
    /// The veto's or bonus's id.
    pub id: String,
    /// The version it applies under.
    pub only_in: Side,
    /// Its explanation.
    pub reason: Reason,
}

/// An entity whose outcome changes, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityChange {
    /// The entity's id.
    pub id: String,
    /// Its outcome under the old version.
    pub old: Standing,
    /// Its outcome under the new version.
    pub new: Standing,
    /// Sections whose score differs, in the new version's order, then the old-only ones.
    pub sections: Vec<SectionChange>,
    /// Indicators whose points differ, in the same order.
    pub indicators: Vec<IndicatorChange>,
    /// Vetoes that fired under one version only.
    pub vetoes: Vec<OneSided>,
    /// Bonuses awarded under one version only.
    pub bonuses: Vec<OneSided>,
}

/// A rule set's id and version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Version {
    /// The rule set's id.
    pub id: String,
    /// Its version.
    pub version: String,
}

/// The diagnostics of each evaluation (missing facts and the like).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideDiagnostics {
    /// Under the old version.
    pub old: Vec<Problem>,
    /// Under the new version.
    pub new: Vec<Problem>,
}

/// Two versions of a rule set compared: the rules, and the outcomes on the same entities.
/// Serializes to JSON; `Display` gives a report a person reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSetDiff {
    /// The old version.
    pub old: Version,
    /// The new version.
    pub new: Version,
    /// What changed in the rule set: the rule set's fields, then facts, sections,
    /// indicators, bonuses, vetoes and outcome marks; within each, the new version's order
    /// with removed parts last.
    pub rules: Vec<RuleChange>,
    /// The entities evaluated.
    pub evaluated: usize,
    /// The entities whose tier, pass/fail, rank or total changes, in input order.
    pub entities: Vec<EntityChange>,
    /// What went wrong evaluating each version.
    pub diagnostics: SideDiagnostics,
}

impl RuleSetDiff {
    /// Evaluates both versions on the same entities (ranked among themselves, as
    /// [`RuleSet::evaluate`] does) and compares.
    ///
    /// ```
    /// use grassroots::rules::{Entity, RuleSet, RuleSetDiff, Tier};
    /// use serde_json::json;
    ///
    /// # fn main() -> Result<(), grassroots::Error> {
    /// let version = |v: &str, min: f64| RuleSet::from_value(&json!({
    ///   "id": "demo", "version": v, "entity": "community",
    ///   "effective": {"from": "2026-01-01", "to": "2026-12-31"},
    ///   "sections": [{"id": "grids", "zh": "网格", "en": "grids", "max": 100, "indicators": [
    ///     {"id": "coverage", "zh": "网格党支部覆盖率", "en": "grids with a branch",
    ///      "expr": {"var": "coverage_grids_with_branch"}, "bands": [{"min": min, "points": 100}]}]}],
    ///   "outcome": {"pass": {"each_section": 80, "total": 80}}
    /// }));
    /// let facts = json!({"coverage_grids_with_branch": 0.92});
    /// let entity = Entity::new("c1", facts.as_object().cloned().unwrap_or_default());
    /// let diff = RuleSetDiff::between(&version("1", 0.9)?, &version("2", 0.95)?, &[entity]);
    /// assert_eq!((diff.entities[0].old.tier, diff.entities[0].new.tier), (Tier::Pass, Tier::Fail));
    /// assert_eq!(diff.entities[0].indicators[0].to, Some(0.0));
    /// # Ok(())
    /// # }
    /// ```
    pub fn between(old: &RuleSet, new: &RuleSet, entities: &[Entity]) -> Self {
        let (before, after) = (old.evaluate(entities), new.evaluate(entities));
        Self::of_evaluations(old, new, before, after)
    }

    /// Compares two evaluations of the same entities, in the same order, by these rule sets.
    pub fn of_evaluations(old: &RuleSet, new: &RuleSet, before: Evaluation, after: Evaluation) -> Self {
        let entities = before.entities.iter().zip(&after.entities).filter_map(|(o, n)| entity_change(o, n)).collect();
        RuleSetDiff {
            old: Version { id: old.id.clone(), version: old.version.clone() },
            new: Version { id: new.id.clone(), version: new.version.clone() },
            rules: rule_changes(old, new),
            evaluated: after.entities.len(),
            entities,
            diagnostics: SideDiagnostics { old: before.diagnostics, new: after.diagnostics },
        }
    }

    /// No entity changes outcome.
    pub fn outcomes_unchanged(&self) -> bool {
        self.entities.is_empty()
    }
}

/// The parts of one kind in a version, each as its id and its fields.
type Records = Vec<(String, Map<String, Value>)>;

/// A part's fields as JSON, with whole numbers written whole (`30`, not `30.0`) as in the
/// rule files.
fn fields<T: Serialize>(value: &T) -> Map<String, Value> {
    match serde_json::to_value(value).map(whole) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

fn whole(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(whole).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, whole(v))).collect()),
        other => other,
    }
}

fn records(rules: &RuleSet) -> Vec<(Part, Records)> {
    let mut meta = fields(rules);
    meta.retain(|k, _| ["id", "version", "effective", "entity"].contains(&k.as_str()));
    let facts = rules.catalogue.facts().iter().map(|f| (f.name.clone(), fields(f))).collect();
    let sections = rules
        .sections
        .iter()
        .map(|s| {
            let mut f = fields(s);
            f.remove("indicators");
            (s.id.clone(), f)
        })
        .collect();
    let indicators = rules
        .sections
        .iter()
        .flat_map(|s| {
            s.indicators.iter().map(|i| {
                let mut f = fields(i);
                f.insert("section".into(), Value::from(s.id.as_str()));
                (i.id.clone(), f)
            })
        })
        .collect();
    let outcome = fields(&rules.outcome).into_iter().filter_map(|(tier, marks)| Some((tier, marks.as_object()?.clone()))).collect();
    vec![
        // The rule set's own fields are one record, whatever its id: a renamed rule set is
        // a change of its `id` field, not a removal and an addition.
        (Part::RuleSet, vec![(String::new(), meta)]),
        (Part::Fact, facts),
        (Part::Section, sections),
        (Part::Indicator, indicators),
        (Part::Bonus, rules.bonuses.iter().map(|b| (b.id.clone(), fields(b))).collect()),
        (Part::Veto, rules.vetoes.iter().map(|v| (v.id.clone(), fields(v))).collect()),
        (Part::Outcome, outcome),
    ]
}

/// What changed in the rules, part by part.
fn rule_changes(old: &RuleSet, new: &RuleSet) -> Vec<RuleChange> {
    let mut out = Vec::new();
    for ((part, before), (_, after)) in records(old).into_iter().zip(records(new)) {
        for (id, now) in &after {
            let Some((_, was)) = before.iter().find(|(i, _)| i == id) else {
                out.push(RuleChange::Added { part, id: id.clone() });
                continue;
            };
            // Map keys are sorted, so fields are reported in a stable order.
            let mut keys: Vec<&String> = was.keys().chain(now.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let (from, to) = (was.get(key).unwrap_or(&Value::Null), now.get(key).unwrap_or(&Value::Null));
                if from != to {
                    let id = if part == Part::RuleSet { new.id.clone() } else { id.clone() };
                    out.push(RuleChange::Changed { part, id, field: key.clone(), from: from.clone(), to: to.clone() });
                }
            }
        }
        for (id, _) in before.iter().filter(|(id, _)| !after.iter().any(|(i, _)| i == id)) {
            out.push(RuleChange::Removed { part, id: id.clone() });
        }
    }
    out
}

/// Ids in the new version's order, then those only in the old one.
fn union<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<&'a str> {
    new.iter().copied().chain(old.iter().copied().filter(|id| !new.contains(id))).collect()
}

fn indicators(r: &EntityResult) -> Vec<(&str, &IndicatorResult)> {
    r.sections.iter().flat_map(|s| s.indicators.iter().map(move |i| (&*s.id, i))).collect()
}

type Applied<'a> = Vec<(&'a str, &'a Reason)>;

/// What applies under one version only: the old-only first, then the new-only.
fn one_sided(old: &Applied<'_>, new: &Applied<'_>) -> Vec<OneSided> {
    fn only(these: &Applied<'_>, those: &Applied<'_>, side: Side) -> impl Iterator<Item = OneSided> {
        these
            .iter()
            .filter(|(id, _)| !those.iter().any(|(other, _)| other == id))
            .map(move |(id, reason)| OneSided { id: (*id).to_owned(), only_in: side, reason: (*reason).clone() })
            .collect::<Vec<_>>()
            .into_iter()
    }
    only(old, new, Side::Old).chain(only(new, old, Side::New)).collect()
}

/// The change of one entity's outcome and its reasons; `None` when its outcome is the same.
fn entity_change(o: &EntityResult, n: &EntityResult) -> Option<EntityChange> {
    let (old, new) = (Standing::of(o), Standing::of(n));
    if old == new {
        return None;
    }
    let score = |r: &EntityResult, id: &str| r.sections.iter().find(|s| &*s.id == id).map(|s| s.score);
    let section_ids = union(&o.sections.iter().map(|s| &*s.id).collect::<Vec<_>>(), &n.sections.iter().map(|s| &*s.id).collect::<Vec<_>>());
    let sections = section_ids
        .into_iter()
        .filter_map(|id| {
            let (from, to) = (score(o, id), score(n, id));
            (from != to).then(|| SectionChange { id: id.to_owned(), from, to })
        })
        .collect();
    let (before, after) = (indicators(o), indicators(n));
    fn find<'a>(list: &[(&'a str, &'a IndicatorResult)], id: &str) -> Option<(&'a str, &'a IndicatorResult)> {
        list.iter().find(|(_, i)| i.id() == id).copied()
    }
    let ids = union(&before.iter().map(|(_, i)| i.id()).collect::<Vec<_>>(), &after.iter().map(|(_, i)| i.id()).collect::<Vec<_>>());
    let indicators = ids
        .into_iter()
        .filter_map(|id| {
            let (was, now) = (find(&before, id), find(&after, id));
            let (from, to) = (was.map(|(_, i)| i.points()), now.map(|(_, i)| i.points()));
            let section = now.or(was).map_or("", |(s, _)| s);
            (from != to).then(|| IndicatorChange {
                id: id.to_owned(),
                section: section.to_owned(),
                from,
                to,
                old_reason: was.map(|(_, i)| i.reason()),
                new_reason: now.map(|(_, i)| i.reason()),
            })
        })
        .collect();
    Some(EntityChange {
        id: n.id.clone(),
        old,
        new,
        sections,
        indicators,
        vetoes: one_sided(&o.vetoes.iter().map(|v| (v.id.as_str(), &v.reason)).collect(), &n.vetoes.iter().map(|v| (v.id.as_str(), &v.reason)).collect()),
        bonuses: one_sided(&o.bonuses.iter().map(|b| (b.id.as_str(), &b.reason)).collect(), &n.bonuses.iter().map(|b| (b.id.as_str(), &b.reason)).collect()),
    })
}

fn tier_name(tier: Tier) -> &'static str {
    match tier {
        Tier::Fail => "fail",
        Tier::Pass => "pass",
        Tier::Excellence => "excellence",
        Tier::NotRated => "not rated",
    }
}

fn points(p: Option<f64>) -> String {
    p.map_or_else(|| "(none)".to_owned(), num)
}

impl fmt::Display for RuleChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleChange::Added { part, id } => write!(f, "+ {} {id}", part.name()),
            RuleChange::Removed { part, id } => write!(f, "- {} {id}", part.name()),
            RuleChange::Changed { part, id, field, from, to } => write!(f, "~ {} {id}: {field} {from} → {to}", part.name()),
        }
    }
}

impl fmt::Display for EntityChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (o, n) = (&self.old, &self.new);
        let mut what = Vec::new();
        if o.tier != n.tier {
            what.push(format!("tier {} → {}", tier_name(o.tier), tier_name(n.tier)));
        }
        if o.total != n.total {
            what.push(format!("total {} → {}", num(o.total), num(n.total)));
        }
        if o.rank != n.rank {
            let rank = |r: Option<usize>| r.map_or_else(|| "-".to_owned(), |r| r.to_string());
            what.push(format!("rank {} → {}", rank(o.rank), rank(n.rank)));
        }
        if o.voided != n.voided {
            what.push(if n.voided { "rating voided".to_owned() } else { "rating no longer voided".to_owned() });
        }
        writeln!(f, "  {}: {}", self.id, what.join(", "))?;
        for s in &self.sections {
            writeln!(f, "      section {}: {} → {}", s.id, points(s.from), points(s.to))?;
        }
        for i in &self.indicators {
            writeln!(f, "      indicator {}/{}: {} → {}", i.section, i.id, points(i.from), points(i.to))?;
            if let Some(r) = &i.old_reason {
                writeln!(f, "          old: {}", r.zh())?;
            }
            if let Some(r) = &i.new_reason {
                writeln!(f, "          new: {}", r.zh())?;
            }
        }
        for (kind, list) in [("veto", &self.vetoes), ("bonus", &self.bonuses)] {
            for x in list {
                let side = match x.only_in {
                    Side::Old => "old",
                    Side::New => "new",
                };
                writeln!(f, "      {kind} {} only in the {side} version: {}", x.id, x.reason.zh())?;
            }
        }
        if self.sections.is_empty() && self.indicators.is_empty() && self.vetoes.is_empty() && self.bonuses.is_empty() {
            writeln!(f, "      its own scores are the same; other entities' scores moved its rank")?;
        }
        Ok(())
    }
}

impl fmt::Display for RuleSetDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {} → {} {}", self.old.id, self.old.version, self.new.id, self.new.version)?;
        if self.rules.is_empty() {
            writeln!(f, "rules: no changes")?;
        } else {
            writeln!(f, "rules: {} change(s)", self.rules.len())?;
            for c in &self.rules {
                writeln!(f, "  {c}")?;
            }
        }
        writeln!(f, "outcomes: {} of {} entities change", self.entities.len(), self.evaluated)?;
        for e in &self.entities {
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules(version: &str, min: f64, veto: bool) -> RuleSet {
        let mut doc = json!({
            "id": "t", "version": version, "entity": "community",
            "effective": {"from": "2026-01-01", "to": "2026-12-31"},
            "sections": [{"id": "grids", "zh": "网格", "en": "grids", "max": 100, "indicators": [
                {"id": "coverage", "zh": "网格党支部覆盖率", "en": "grids with a branch",
                 "expr": {"var": "coverage_grids_with_branch"}, "bands": [{"min": min, "points": 100}]}]}],
            "outcome": {"pass": {"each_section": 80, "total": 80}}
        });
        if veto {
            doc["vetoes"] = json!([{"id": "no-grids", "zh": "无网格", "en": "no grids", "when": {"==": [{"var": "grids"}, 0]}, "voids": "rating"}]);
        }
        RuleSet::from_value(&doc).unwrap_or_else(|e| panic!("{:#?}", e.problems()))
    }

    fn entity(id: &str, coverage: f64, grids: u32) -> Entity {
        let facts = json!({"coverage_grids_with_branch": coverage, "grids": grids});
        Entity::new(id, facts.as_object().cloned().unwrap_or_default())
    }

    #[test]
    fn the_same_rules_change_nothing() {
        let r = rules("1", 0.9, false);
        let diff = RuleSetDiff::between(&r, &r, &[entity("a", 0.95, 3), entity("b", 0.5, 3)]);
        assert!(diff.rules.is_empty() && diff.outcomes_unchanged(), "{diff}");
        assert_eq!(diff.evaluated, 2);
    }

    #[test]
    fn a_new_veto_and_a_raised_threshold_are_named_with_the_entities_they_move() {
        let diff = RuleSetDiff::between(&rules("1", 0.9, false), &rules("2", 0.95, true), &[entity("a", 0.92, 3), entity("b", 0.97, 0), entity("c", 0.99, 2)]);
        let shown: Vec<String> = diff.rules.iter().map(ToString::to_string).collect();
        assert_eq!(shown, [
            "~ rule set t: version \"1\" → \"2\"",
            "~ indicator coverage: bands [{\"min\":0.9,\"points\":100}] → [{\"min\":0.95,\"points\":100}]",
            "+ veto no-grids",
        ]);
        // All three tie on 100 under the old version (ranked by id); a drops below the raised
        // band, b is vetoed and drops to the last rank, c moves up to the first.
        let ids: Vec<&str> = diff.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        let a = &diff.entities[0];
        assert_eq!((a.old.passed, a.new.passed), (true, false));
        assert_eq!(a.indicators[0].old_reason.as_ref().map(|r| r.zh().into_owned()).as_deref(), Some("网格党支部覆盖率 92% ≥ 90%，得 100 分"));
        assert_eq!(a.indicators[0].new_reason.as_ref().map(|r| r.zh().into_owned()).as_deref(), Some("网格党支部覆盖率 92% < 95%，得 0 分"));
        assert_eq!(a.sections, [SectionChange { id: "grids".into(), from: Some(100.0), to: Some(0.0) }]);
        let b = &diff.entities[1];
        assert_eq!((b.old.rank, b.new.rank, b.new.voided), (Some(2), Some(3), true));
        assert_eq!(b.vetoes.len(), 1);
        assert_eq!((b.vetoes[0].id.as_str(), b.vetoes[0].only_in), ("no-grids", Side::New));
        assert!(b.indicators.is_empty());
        let c = &diff.entities[2];
        assert_eq!((c.old.rank, c.new.rank), (Some(3), Some(1)));
        assert!(diff.to_string().contains("  c: rank 3 → 1\n      its own scores are the same;"), "{diff}");
    }

    #[test]
    fn removed_parts_come_last_and_unset_fields_read_as_null() {
        let diff = RuleSetDiff::between(&rules("1", 0.9, true), &rules("1", 0.9, false), &[]);
        assert_eq!(diff.rules, [RuleChange::Removed { part: Part::Veto, id: "no-grids".into() }]);
        let json = serde_json::to_value(&diff.rules).unwrap_or_default();
        assert_eq!(json, json!([{"change": "removed", "part": "veto", "id": "no-grids"}]));
    }
}
