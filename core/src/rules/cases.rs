//! Case files: a rule set, entities and their expected outcomes, for departments to test a
//! rule set before publishing it (`grassroots test DIR`) and for this project's own tests.
//!
//! ```json
//! {"about": "…", "rules": "five-star-community.json",
//!  "defaults": {"fact": 1},
//!  "entities": [{"id": "c1", "facts": {"fact": 2}}],
//!  "expected": {"c1": {"tier": "pass", "rank": 1, "total": 452,
//!                      "sections": {"branch": 90},
//!                      "indicators": {"mediation": {"points": 10, "passed": true}},
//!                      "vetoes": ["safety-incident"], "bonuses": []}},
//!  "diagnostics": [{"record": "c1", "code": "missing-fact"}]}
//! ```
//! `rules` is a path relative to the case file's folder (the caller resolves it). Only what
//! `expected` names is compared, numbers as numbers.

use serde_json::{Map, Value};

use super::eval::Entity;
use super::set::RuleSet;

/// One difference between what a case expects and what the evaluation gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// Where: `entity c1: tier`, `diagnostics`, `rules`.
    pub what: String,
    /// What the case expects (JSON).
    pub expected: String,
    /// What the evaluation gave (JSON).
    pub actual: String,
}

/// Numbers compared as numbers (452 == 452.0), everything else as it is.
pub fn normalize(value: &Value) -> Value {
    match value {
        Value::Number(n) => n.as_f64().map_or(Value::Null, |f| serde_json::json!(f)),
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), normalize(v))).collect()),
        other => other.clone(),
    }
}

/// Keeps only the keys the expectation names, recursively, so that expectations state
/// only what matters.
pub fn project(got: &Value, expected: &Value) -> Value {
    match (got, expected) {
        (Value::Object(g), Value::Object(e)) => {
            e.iter().map(|(k, ev)| (k.clone(), g.get(k).map_or(Value::Null, |gv| project(gv, ev)))).collect()
        }
        _ => normalize(got),
    }
}

fn mismatch(what: String, expected: &Value, actual: &Value) -> Mismatch {
    Mismatch { what, expected: expected.to_string(), actual: actual.to_string() }
}

/// Runs one case. `load_rules` turns the case's `rules` path into the rule set's text.
/// An empty list means the case passed.
pub fn run_case(case: &Value, load_rules: impl Fn(&str) -> Result<String, String>) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let fail = |what: &str, message: String| vec![Mismatch { what: what.to_owned(), expected: String::new(), actual: message }];
    let Some(rules_path) = case["rules"].as_str() else { return fail("rules", "the case names no \"rules\" file".into()) };
    let text = match load_rules(rules_path) {
        Ok(text) => text,
        Err(e) => return fail("rules", e),
    };
    let rules = match RuleSet::from_json(&text) {
        Ok(rules) => rules,
        Err(e) => return fail("rules", e.to_string()),
    };
    let defaults = case["defaults"].as_object().cloned().unwrap_or_default();
    let Some(list) = case["entities"].as_array() else { return fail("entities", "the case has no \"entities\" list".into()) };
    let entities: Vec<Entity> = list
        .iter()
        .map(|e| {
            let mut facts: Map<String, Value> = defaults.clone();
            facts.extend(e["facts"].as_object().cloned().unwrap_or_default());
            Entity::new(e["id"].as_str().unwrap_or_default(), facts)
        })
        .collect();
    let result = rules.evaluate(&entities);
    for (id, want) in case["expected"].as_object().into_iter().flatten() {
        let Some(got) = result.entity(id) else {
            out.push(mismatch(format!("entity {id}"), want, &Value::Null));
            continue;
        };
        let got = serde_json::to_value(got).unwrap_or(Value::Null);
        for (key, w) in want.as_object().into_iter().flatten() {
            let g = match key.as_str() {
                "sections" => got["sections"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|s| (s["id"].as_str().unwrap_or("").to_owned(), normalize(&s["score"])))
                    .filter(|(k, _)| w.get(k).is_some())
                    .collect(),
                "indicators" => got["sections"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .flat_map(|s| s["indicators"].as_array().cloned().unwrap_or_default())
                    .filter_map(|i| {
                        let id = i["id"].as_str()?.to_owned();
                        let wi = w.get(&id)?;
                        Some((id, project(&i, wi)))
                    })
                    .collect(),
                "vetoes" | "bonuses" => Value::Array(got[key].as_array().into_iter().flatten().map(|v| v["id"].clone()).collect()),
                _ => normalize(&got[key]),
            };
            if g != normalize(w) {
                out.push(mismatch(format!("entity {id}: {key}"), &normalize(w), &g));
            }
        }
    }
    if let Some(want) = case["diagnostics"].as_array() {
        let got: Vec<Value> = result.diagnostics.iter().map(|p| serde_json::to_value(p).unwrap_or(Value::Null)).collect();
        let shown: Vec<Value> = got.iter().zip(want.iter().chain(std::iter::repeat(&Value::Null))).map(|(g, w)| project(g, w)).collect();
        let want = normalize(&Value::Array(want.clone()));
        if Value::Array(shown.clone()) != want {
            out.push(mismatch("diagnostics".into(), &want, &Value::Array(got)));
        }
    }
    // The same input must give the same output.
    if rules.evaluate(&entities) != result {
        out.push(Mismatch { what: "determinism".into(), expected: "the same result twice".into(), actual: "two results differ".into() });
    }
    out
}
