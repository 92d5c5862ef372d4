//! The organization tree: every valid fixture loads, every broken one reports exactly the
//! problems its `.expected.json` lists (each with record, JSON path and code).

use grassroots::{Error, OrgTree, Severity};
use serde_json::{Value, json};

use crate::{data_dir, fixtures, read};

#[test]
fn valid_trees_load_with_every_record_placed() {
    for path in fixtures(&data_dir("tree/valid")) {
        let text = read(&path);
        let tree = OrgTree::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let records = serde_json::from_str::<Value>(&text).map(|v| v["nodes"].as_array().map_or(0, Vec::len));
        assert_eq!(Ok(tree.len()), records.map_err(|e| e.to_string()), "{}", path.display());
        // Every node is reachable from the root exactly once.
        let mut reached = tree.subtree(tree.root());
        reached.sort();
        reached.dedup();
        assert_eq!(reached.len(), tree.len(), "{}", path.display());
    }
}

/// Keeps only the keys the expectation names, so fixtures state what matters.
fn project(problem: &Value, expected: &Value) -> Value {
    let Some(keys) = expected.as_object() else { return problem.clone() };
    keys.keys().map(|k| (k.clone(), problem.get(k).cloned().unwrap_or(Value::Null))).collect()
}

#[test]
fn broken_trees_report_every_problem_with_its_path() {
    for path in fixtures(&data_dir("tree/broken")) {
        let expected_path = path.with_extension("expected.json");
        let expected: Value = serde_json::from_str(&read(&expected_path))
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let err = match OrgTree::from_json(&read(&path)) {
            Ok(_) => panic!("{} loaded but should not", path.display()),
            Err(e) => e,
        };
        match (&err, &expected) {
            (Error::Syntax { line, column, .. }, e) if e.get("syntax").is_some() => {
                assert_eq!(json!({"line": line, "column": column}), e["syntax"], "{}", path.display());
            }
            (Error::Invalid { problems }, e) => {
                for (key, severity) in [("problems", Severity::Error), ("warnings", Severity::Warning)] {
                    let Some(want) = e.get(key).and_then(Value::as_array) else { continue };
                    let got: Vec<Value> = problems
                        .iter()
                        .filter(|p| p.severity == severity)
                        .map(|p| serde_json::to_value(p).unwrap_or(Value::Null))
                        .collect();
                    let shown: Vec<Value> = got.iter().zip(want.iter().chain(std::iter::repeat(&Value::Null))).map(|(g, w)| project(g, w)).collect();
                    assert_eq!(&shown, want, "{} {key}: all were {got:#?}", path.display());
                }
                assert!(problems.iter().all(|p| !p.path.is_empty()));
            }
            (other, e) => panic!("{}: got {other:?}, expected {e}", path.display()),
        }
    }
}

#[test]
fn markup_in_data_stays_text_in_error_messages() {
    let err = OrgTree::from_json(&read(&data_dir("tree/broken").join("markup-in-data.json")));
    let message = err.map(|_| String::new()).unwrap_or_else(|e| e.to_string());
    assert!(message.contains("\"<b>bold</b>\" does not exist"), "{message}");
}

#[test]
fn the_checked_in_json_schema_is_the_one_the_types_make() {
    // Regenerate with `grassroots schema tree > tests/data/tree/organization.schema.json`.
    let checked_in = read(&data_dir("tree").join("organization.schema.json"));
    assert_eq!(checked_in.trim_end(), grassroots::org::json_schema(), "the document format changed: regenerate the schema");
}
