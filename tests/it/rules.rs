//! Evaluation rules: every shipped rule set loads clean; every case file (rule set +
//! entities + expected outcomes, per indicator where given) evaluates as expected; every
//! broken rule set reports exactly the problems its `.expected.json` lists.

use grassroots::Error;
use grassroots::rules::{Entity, RuleSet};
use serde_json::{Map, Value};

use crate::{data_dir, fixtures, read};

fn parse(path: &std::path::Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Numbers compared as numbers (452 == 452.0), everything else as it is.
fn normalize(value: &Value) -> Value {
    match value {
        Value::Number(n) => n.as_f64().map_or(Value::Null, |f| serde_json::json!(f)),
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), normalize(v))).collect()),
        other => other.clone(),
    }
}

/// Keeps only the keys the expectation names, so fixtures state what matters.
fn project(got: &Value, expected: &Value) -> Value {
    match (got, expected) {
        (Value::Object(g), Value::Object(e)) => {
            e.iter().map(|(k, ev)| (k.clone(), g.get(k).map_or(Value::Null, |gv| project(gv, ev)))).collect()
        }
        _ => normalize(got),
    }
}

#[test]
fn shipped_rule_sets_load_without_problems() {
    for path in fixtures(&data_dir("rules")) {
        let rules = RuleSet::from_json(&read(&path)).unwrap_or_else(|e| panic!("{}: {:#?}", path.display(), e.problems()));
        assert!(rules.warnings().is_empty(), "{}: {:#?}", path.display(), rules.warnings());
        // Every expression uses standard JsonLogic only (the load checks it; this guards the list).
        assert!(!rules.sections().is_empty(), "{}", path.display());
    }
}

#[test]
fn cases_evaluate_to_their_expected_outcomes() {
    for path in fixtures(&data_dir("rules/cases")) {
        let case = parse(&path);
        let name = path.display();
        let rules_file = case["rules"].as_str().unwrap_or_else(|| panic!("{name}: no \"rules\""));
        let rules = RuleSet::from_json(&read(&data_dir("rules").join(rules_file)))
            .unwrap_or_else(|e| panic!("{name}: {:#?}", e.problems()));
        let defaults = case["defaults"].as_object().cloned().unwrap_or_default();
        let entities: Vec<Entity> = case["entities"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: no \"entities\""))
            .iter()
            .map(|e| {
                let mut facts: Map<String, Value> = defaults.clone();
                facts.extend(e["facts"].as_object().cloned().unwrap_or_default());
                Entity { id: e["id"].as_str().unwrap_or_default().to_owned(), facts }
            })
            .collect();
        let result = rules.evaluate(&entities);
        let again = rules.evaluate(&entities);
        assert_eq!(result, again, "{name}: evaluation is not deterministic");

        let expected = case["expected"].as_object().unwrap_or_else(|| panic!("{name}: no \"expected\""));
        for (id, want) in expected {
            let got = result.entity(id).unwrap_or_else(|| panic!("{name}: no result for {id}"));
            let got = serde_json::to_value(got).unwrap_or(Value::Null);
            let mut shown = Map::new();
            for (key, w) in want.as_object().into_iter().flatten() {
                let g = match key.as_str() {
                    // {"branch": 90}: section id → score.
                    "sections" => got["sections"].as_array().into_iter().flatten().map(|s| (s["id"].as_str().unwrap_or("").to_owned(), normalize(&s["score"]))).filter(|(k, _)| w.get(k).is_some()).collect(),
                    // {"mediation": {…}}: indicator id → the fields named.
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
                    // ["safety-incident"]: the ids that fired.
                    "vetoes" | "bonuses" => Value::Array(got[key].as_array().into_iter().flatten().map(|v| v["id"].clone()).collect()),
                    _ => normalize(&got[key]),
                };
                shown.insert(key.clone(), g);
            }
            assert_eq!(Value::Object(shown), normalize(want), "{name}: entity {id}; all of it: {got:#}");
        }
        let want_diags = case["diagnostics"].as_array().cloned().unwrap_or_default();
        let got_diags: Vec<Value> = result.diagnostics.iter().map(|p| serde_json::to_value(p).unwrap_or(Value::Null)).collect();
        let shown: Vec<Value> = got_diags.iter().zip(want_diags.iter().chain(std::iter::repeat(&Value::Null))).map(|(g, w)| project(g, w)).collect();
        assert_eq!(Value::Array(shown), normalize(&Value::Array(want_diags)), "{name}: diagnostics; all were {got_diags:#?}");
    }
}

#[test]
fn broken_rule_sets_report_every_problem_with_its_path() {
    for path in fixtures(&data_dir("rules/broken")) {
        let expected = parse(&path.with_extension("expected.json"));
        let name = path.display();
        let err = match RuleSet::from_json(&read(&path)) {
            Ok(_) => panic!("{name} loaded but should not"),
            Err(e) => e,
        };
        match (&err, &expected) {
            (Error::Syntax { line, column, .. }, e) if e.get("syntax").is_some() => {
                assert_eq!(serde_json::json!({"line": line, "column": column}), e["syntax"], "{name}");
            }
            (Error::Invalid { problems }, e) => {
                let want = e["problems"].as_array().cloned().unwrap_or_default();
                let got: Vec<Value> = problems.iter().map(|p| serde_json::to_value(p).unwrap_or(Value::Null)).collect();
                let shown: Vec<Value> = got.iter().zip(want.iter().chain(std::iter::repeat(&Value::Null))).map(|(g, w)| project(g, w)).collect();
                assert_eq!(shown, want, "{name}: all were {got:#?}");
            }
            (other, e) => panic!("{name}: got {other:?}, expected {e}"),
        }
    }
}

#[test]
fn entity_lists_report_every_bad_record() {
    let err = Entity::list_from_json(r#"[{"id": "c1", "facts": {}}, {"facts": {}}, {"id": "c3", "fact": {}}]"#);
    let paths: Vec<String> = err.map(|_| Vec::new()).unwrap_or_else(|e| e.problems()).into_iter().map(|p| p.path).collect();
    assert_eq!(paths, ["$[1]", "$[2].fact"]);
}

#[test]
fn a_nodes_rollup_feeds_the_rules_as_facts() {
    let org = grassroots::Organization::from_json(&read(&data_dir("tree/valid").join("xinxiang-four-levels.json")))
        .unwrap_or_else(|e| panic!("{:#?}", e.problems()));
    let rules = RuleSet::from_json(&read(&data_dir("rules").join("five-star-community.json")))
        .unwrap_or_else(|e| panic!("{:#?}", e.problems()));
    let mut entities = Vec::new();
    for id in ["hq-c1", "hq-c2"] {
        let node = org.tree().find(id).unwrap_or_else(|| panic!("no {id}"));
        entities.push((Entity { id: id.to_owned(), facts: grassroots::rules::rollup_facts(org.rollup(node)) }, org.rollup(node).coverage()));
    }
    let result = rules.evaluate(&entities.iter().map(|(e, _)| e.clone()).collect::<Vec<_>>());
    for (entity, coverage) in &entities {
        let got = result.entity(&entity.id).unwrap_or_else(|| panic!("no result for {}", entity.id));
        let indicator = got.sections[0].indicators.iter().find(|i| i.id == "grid-branches").unwrap_or_else(|| panic!("no grid-branches"));
        assert_eq!(indicator.value.as_f64(), coverage.grids_with_branch.value, "{}", entity.id);
        // The facts only the caller knows (meetings, satisfaction, …) are reported missing, by name.
        assert!(result.diagnostics.iter().any(|p| p.record.as_deref() == Some(entity.id.as_str())
            && matches!(&p.kind, grassroots::ProblemKind::MissingFact { fact } if fact == "resident_satisfaction")));
    }
}
