//! The organization tree: every valid fixture loads, every broken one reports exactly the
//! problems its `.expected.json` lists (each with record, JSON path and code).

use grassroots::OrgTree;
use serde_json::Value;

use crate::{check_broken, data_dir, fixtures, read};

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

#[test]
fn broken_trees_report_every_problem_with_its_path() {
    check_broken("tree/broken", OrgTree::from_json);
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
