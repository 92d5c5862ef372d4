//! Plausible facts for a tree's entities under a rule set, reproducible from a seed — for the
//! demo county and scale tests, never for a real assessment.
//!
//! The core's own facts come from the tree ([`super::tree_entities`]); the facts a rule set
//! declares for callers to supply are made up, guided by how the rule set uses them: a fact an
//! indicator bands directly lands around its bands; a count divided by a core figure (hours per
//! member) lands around the bands per unit of that figure; a yes/no fact that scores points is
//! usually yes, one that fires a veto is rarely yes, one that earns a bonus sometimes.

use serde_json::{Map, Value, json};

use super::eval::Entity;
use super::facts::{FactCatalogue, FactType};
use super::set::RuleSet;
use crate::Organization;
use crate::seeded::Rng;

/// How a declared fact is used, which decides what values are plausible.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Usage {
    /// Banded directly: values spread from below the lowest band to above the highest.
    Banded { low: f64, high: f64 },
    /// Divided by a core figure, then banded: values are the figure times a banded share.
    PerUnit { of: usize, low: f64, high: f64 },
    /// A yes/no that is good when true (scores points), bad when true (a veto), or a bonus.
    Good,
    Bad,
    Bonus,
    /// Compared with a number (`{"<=": [{"var": x}, 2]}`) to score points: on the good side
    /// of `at` most of the time.
    Threshold { at: f64, good_below: bool },
}

fn var_name(expr: &Value) -> Option<&str> {
    match expr.get("var")? {
        Value::String(name) => Some(name),
        Value::Array(args) => args.first()?.as_str(),
        _ => None,
    }
}

/// The first `{"/": [{"var": a}, {"var": b}]}` inside an expression.
fn division(expr: &Value) -> Option<(&str, &str)> {
    match expr {
        Value::Object(map) => {
            if let Some(Value::Array(args)) = map.get("/")
                && let [a, b] = args.as_slice()
                && let (Some(a), Some(b)) = (var_name(a), var_name(b))
            {
                return Some((a, b));
            }
            map.values().find_map(division)
        }
        Value::Array(items) => items.iter().find_map(division),
        _ => None,
    }
}

/// `{"<=": [{"var": x}, n]}` and the like, for a declared `x`.
fn comparison(expr: &Value, index: &dyn Fn(&str) -> Option<usize>) -> Option<(usize, Usage)> {
    let map = expr.as_object()?;
    let (op, args) = map.iter().next()?;
    let good_below = match op.as_str() {
        "<=" | "<" => true,
        ">=" | ">" => false,
        _ => return None,
    };
    let [x, n] = args.as_array()?.as_slice() else { return None };
    Some((index(var_name(x)?)?, Usage::Threshold { at: n.as_f64()?, good_below }))
}

fn usages(rules: &RuleSet, declared: &[String], core: &FactCatalogue) -> Vec<(usize, Usage)> {
    let mut out = Vec::new();
    let index = |name: &str| declared.iter().position(|d| d == name);
    for indicator in rules.sections().iter().flat_map(|s| &s.indicators) {
        match (&indicator.bands, indicator.points) {
            (Some(bands), _) => {
                let (Some(top), Some(bottom)) = (bands.first(), bands.last()) else { continue };
                let (low, high) = (bottom.min * 0.85, top.min * 1.25);
                if let Some(i) = var_name(&indicator.expr).and_then(index) {
                    out.push((i, Usage::Banded { low, high }));
                } else if let Some((a, b)) = division(&indicator.expr)
                    && let Some(i) = index(a)
                    && core.get(b).is_some()
                    && let Some(of) = core.facts().iter().position(|f| f.name == b)
                {
                    out.push((i, Usage::PerUnit { of, low, high }));
                }
            }
            (None, Some(_)) => {
                if let Some(i) = var_name(&indicator.expr).and_then(index) {
                    out.push((i, Usage::Good));
                } else if let Some(i) = indicator.expr.get("!").and_then(var_name).and_then(index) {
                    out.push((i, Usage::Bad));
                } else if let Some((i, usage)) = comparison(&indicator.expr, &index) {
                    out.push((i, usage));
                }
            }
            _ => {}
        }
    }
    for veto in rules.vetoes() {
        if let Some(i) = var_name(&veto.when).and_then(index) {
            out.push((i, Usage::Bad));
        }
    }
    for bonus in rules.bonuses() {
        if let Some(i) = var_name(&bonus.when).and_then(index) {
            out.push((i, Usage::Bonus));
        }
    }
    out
}

/// A scorecard document (`{"rules", "entities"}`, what `<gr-scorecard>` reads) for every node
/// of the rule set's entity level in `org`: names and core facts from the tree, the rule set's
/// declared facts made up from `seed`. `rules_json` is the rule set as written.
pub fn scorecard_document(org: &Organization, rules: &RuleSet, rules_json: &Value, seed: u64) -> Value {
    let core = FactCatalogue::core();
    let declared: Vec<String> = rules.catalogue().facts().iter().filter(|f| core.get(&f.name).is_none()).map(|f| f.name.clone()).collect();
    let kinds: Vec<FactType> = declared.iter().filter_map(|n| rules.catalogue().get(n).map(|f| f.kind)).collect();
    let uses = usages(rules, &declared, &core);
    let mut rng = Rng::new(seed);
    let entities: Vec<Entity> = super::tree_entities(org, rules.entity(), &[])
        .into_iter()
        .map(|mut entity| {
            // A community's own quality, so that its facts agree with each other.
            let quality = 0.7 + 0.3 * rng.unit();
            let mut facts = Map::new();
            for (i, name) in declared.iter().enumerate() {
                let kind = kinds.get(i).copied().unwrap_or(FactType::Number);
                let usage = uses.iter().find(|(d, _)| *d == i).map(|(_, u)| *u);
                let spread = (quality + 0.25 * (rng.unit() - 0.5)).clamp(0.0, 1.0);
                let value = match usage {
                    Some(Usage::Banded { low, high }) => Some(low + (high - low) * spread),
                    Some(Usage::Threshold { at, good_below }) => {
                        let good = rng.probability(0.4 + 0.6 * quality);
                        let step = (at.abs() * 0.5).max(1.0) * rng.unit();
                        Some(if good == good_below { at - step } else { at + step }.max(0.0))
                    }
                    Some(Usage::PerUnit { of, low, high }) => {
                        let base = core.facts().get(of).and_then(|f| entity.facts.get(&f.name)).and_then(Value::as_f64).unwrap_or(0.0);
                        Some(base * (low + (high - low) * spread))
                    }
                    _ => None,
                };
                let v = match (kind, usage, value) {
                    (FactType::Boolean, Some(Usage::Bad), _) => json!(rng.probability(0.04)),
                    (FactType::Boolean, Some(Usage::Bonus), _) => json!(rng.probability(0.1)),
                    (FactType::Boolean, _, _) => json!(rng.probability(0.5 + 0.5 * quality)),
                    (FactType::Ratio, _, v) => json!(((v.unwrap_or(0.7 + 0.3 * spread)).min(1.0) * 100.0).round() / 100.0),
                    (FactType::Integer, _, v) => json!(v.unwrap_or(20.0 * spread).round().max(0.0) as u64),
                    (FactType::Number, _, v) => json!((v.unwrap_or(100.0 * spread) * 10.0).round() / 10.0),
                    (FactType::Text, _, _) => json!(""),
                };
                facts.insert(name.clone(), v);
            }
            entity.facts.extend(facts);
            entity
        })
        .collect();
    json!({"rules": rules_json, "entities": entities})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::generate::{GenOptions, generate};

    #[test]
    fn a_generated_scorecard_loads_rates_everyone_and_is_reproducible() {
        let org = match Organization::from_json(&generate(GenOptions::new(12).seed(7)).to_json()) {
            Ok(org) => org,
            Err(e) => panic!("{e}"),
        };
        let text = include_str!("../../../tests/data/rules/five-star-community.json");
        let rules_json: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        let rules = RuleSet::from_value(&rules_json).unwrap_or_else(|e| panic!("{e}"));
        let doc = scorecard_document(&org, &rules, &rules_json, 2026);
        assert_eq!(doc, scorecard_document(&org, &rules, &rules_json, 2026));
        let card = super::super::Scorecard::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"));
        let results = &card.evaluation().entities;
        assert_eq!(results.len(), 12);
        assert!(card.evaluation().diagnostics.is_empty(), "{:#?}", card.evaluation().diagnostics);
        // A realistic spread: not everyone fails, not everyone passes.
        let passed = results.iter().filter(|r| r.tier != super::super::Tier::Fail).count();
        assert!(passed > 0 && passed < 12, "{passed} of 12 pass");
    }
}
