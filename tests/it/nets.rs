//! 多网合一: each `tests/data/nets/*.json` merge gives the report in its `.expected.json`.

use grassroots::org::NetMerge;
use serde_json::Value;

use crate::{data_dir, fixtures, read};

#[test]
fn merges_report_what_mapped_where_and_what_did_not() {
    for path in fixtures(&data_dir("nets")) {
        let merge: NetMerge = serde_json::from_str(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let expected: Value = serde_json::from_str(&read(&path.with_extension("expected.json"))).unwrap_or_else(|e| panic!("{e}"));
        let report = merge.merge().unwrap_or_else(|(report, _)| report);
        let got = serde_json::to_value(&report).unwrap_or(Value::Null);
        for key in ["mapped", "unmapped", "empty_base_grids"] {
            assert_eq!(got[key], expected[key], "{}: {key}", path.display());
        }
        let problems: Vec<Value> = got["problems"].as_array().cloned().unwrap_or_default();
        let want = expected["problems"].as_array().cloned().unwrap_or_default();
        assert_eq!(problems.len(), want.len(), "{}: {problems:#?}", path.display());
        for (g, w) in problems.iter().zip(&want) {
            assert_eq!((&g["path"], &g["code"]), (&w["path"], &w["code"]), "{}", path.display());
        }
    }
}
