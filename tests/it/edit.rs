//! Restructuring: each case in `tests/data/tree/edits.json` applies one edit to the 来凤
//! fixture and states the readable diff it makes, or the errors that refuse it.

use grassroots::org::{Edit, TreeDiff};
use grassroots::{Organization, Severity};
use serde_json::Value;

use crate::{data_dir, read};

#[test]
fn edits_change_what_they_say_and_nothing_else() {
    let base = Organization::from_json(&read(&data_dir("tree/valid").join("laifeng-shengli.json")))
        .unwrap_or_else(|e| panic!("fixture: {e}"));
    let cases: Vec<Value> = serde_json::from_str(&read(&data_dir("tree").join("edits.json"))).unwrap_or_else(|e| panic!("edits.json: {e}"));
    for case in cases {
        let name = case["name"].as_str().unwrap_or("?");
        let edit: Edit = serde_json::from_value(case["edit"].clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        match (base.edit(&edit), case.get("diff"), case.get("errors")) {
            (Ok(after), Some(diff), None) => {
                let want: Vec<&str> = diff.as_array().map(|d| d.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
                let text = TreeDiff::between(base.tree(), after.tree()).to_string();
                assert_eq!(text.lines().collect::<Vec<_>>(), want, "{name}");
                if let Some(counts) = case.get("members_under").and_then(Value::as_object) {
                    for (node, count) in counts {
                        let id = after.tree().find(node).unwrap_or_else(|| panic!("{name}: {node} missing"));
                        assert_eq!(Some(u64::from(after.rollup(id).members.total)), count.as_u64(), "{name}: members under {node}");
                    }
                }
            }
            (Err(e), None, Some(errors)) => {
                let got: Vec<_> = e.problems().into_iter().filter(|p| p.severity == Severity::Error).collect();
                let want = errors.as_array().cloned().unwrap_or_default();
                assert_eq!(got.len(), want.len(), "{name}: {got:#?}");
                for (g, w) in got.iter().zip(&want) {
                    let g = serde_json::to_value(g).unwrap_or(Value::Null);
                    for (k, v) in w.as_object().into_iter().flatten() {
                        assert_eq!(&g[k], v, "{name}: {k} of {g}");
                    }
                }
            }
            (result, _, _) => panic!("{name}: unexpected {:?}", result.map(|o| o.tree().len())),
        }
    }
}
