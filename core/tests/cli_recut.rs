//! `grassroots recut`: the exit codes (0 every constraint holds, 1 some cannot, 2 the input
//! cannot be read), the JSON output's shape, and the demo county's grids re-cut into grids of
//! 300–500 households. Runs in tests/data/recut.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("tests").join("data").join("recut")
}

/// Runs the CLI in tests/data/recut; returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_grassroots"));
    let out = Command::new(&bin).args(args).current_dir(data_dir()).output().unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[test]
fn recut_follows_the_exit_code_contract() {
    for (args, code) in [
        (&["recut", "laifeng.json", "--parts", "25", "--tolerance", "0.05"][..], 0),
        (&["recut", "laifeng.json", "--households", "800..1200", "--format", "json"], 0),
        (&["recut", "infeasible.json", "--households", "300..500"], 1),
        (&["recut", "corner-geo.json", "--households", "200..400"], 1),
        (&["recut", "no/such/file.json", "--parts", "3"], 2),
        (&["recut", "make.py", "--parts", "3"], 2),
        (&["recut", "laifeng.json"], 2),
        (&["recut", "laifeng.json", "--households", "500..300"], 2),
        (&["recut", "laifeng.json", "--households", "lots"], 2),
        (&["recut", "laifeng.json", "--parts", "0"], 2),
        (&["recut", "laifeng.json", "--parts", "3", "--households", "1..9"], 2),
        (&["recut", "laifeng.json", "--parts", "3", "--current", "no/such.json"], 2),
        (&["recut", "laifeng.json", "--parts", "3", "--pinned", "infeasible.json"], 2),
    ] {
        let (got, stdout, stderr) = run(args);
        assert_eq!(got, code, "{args:?}\nstdout: {stdout}\nstderr: {stderr}");
    }
    let (_, _, stderr) = run(&["recut", "laifeng.json", "--households", "500..300"]);
    assert_eq!(stderr, "error: --households: the range 500..300 is empty: its minimum is above its maximum\n");
    let (_, _, stderr) = run(&["recut", "laifeng.json"]);
    assert!(stderr.contains("give either `parts`"), "{stderr}");
}

#[test]
fn recut_writes_the_assignment_and_the_report_as_json() {
    let (code, stdout, _) = run(&["recut", "laifeng.json", "--parts", "25", "--tolerance", "0.05", "--format", "json", "--seed", "4"]);
    assert_eq!(code, 0);
    let out = json(&stdout);
    assert_eq!(out["feasible"], true);
    assert_eq!(out["seed"], 4);
    let assignment = out["assignment"].as_object().expect("an object {block: part}");
    assert_eq!(assignment.len(), 600);
    assert_eq!(assignment.keys().next().map(String::as_str), Some("b00-00"), "in block order");
    let report = &out["report"];
    assert_eq!(report["before"]["parts"], 11);
    assert_eq!(report["after"]["parts"], 25);
    assert!(report["after"]["population"]["max_deviation"].as_f64().unwrap_or(1.0) <= 0.05);
    assert_eq!(report["after"]["boundary_unit"], "m");
    assert_eq!(report["moved"].as_u64(), report["moved_blocks"].as_array().map(|a| a.len() as u64));
    assert_eq!(report["after"]["per_part"].as_array().map(Vec::len), Some(25));
    assert_eq!(out["reasons"], Value::Array(vec![]));
    // The same seed, the same answer.
    assert_eq!(run(&["recut", "laifeng.json", "--parts", "25", "--tolerance", "0.05", "--format", "json", "--seed", "4"]).1, stdout);
}

#[test]
fn reasons_come_with_codes_and_both_languages() {
    let (code, stdout, _) = run(&["recut", "infeasible.json", "--households", "300..500", "--format", "json"]);
    assert_eq!(code, 1);
    let out = json(&stdout);
    assert_eq!(out["feasible"], false);
    let reasons = out["reasons"].as_array().expect("reasons");
    let codes: Vec<&str> = reasons.iter().filter_map(|r| r["code"].as_str()).collect();
    assert!(codes.contains(&"too-small") && codes.contains(&"block-above-max") && codes.contains(&"disconnected"), "{codes:?}");
    let big = reasons.iter().find(|r| r["code"] == "block-above-max").expect("block-above-max");
    assert_eq!(big["block"], "c2-11");
    assert_eq!(big["zh"], "楼栋/小区“c2-11”单独就有 520 户，超过每格上限 500 户");
    // Still an assignment of every block.
    assert_eq!(out["assignment"].as_object().map(|a| a.len()), Some(28));
    // A corner is not a shared boundary.
    let (_, stdout, _) = run(&["recut", "corner-geo.json", "--households", "200..400", "--format", "json"]);
    let out = json(&stdout);
    let apart = out["reasons"].as_array().and_then(|r| r.iter().find(|r| r["code"] == "disconnected")).expect("disconnected");
    assert_eq!(apart["blocks"], serde_json::json!(["corner"]));
}

#[test]
fn current_and_pinned_files_are_read() {
    let dir = std::env::temp_dir().join(format!("grassroots-recut-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let current = dir.join("current.json");
    // Today: two parts, top row and bottom row.
    std::fs::write(&current, r#"{"s0": "top", "s1": "top", "s2": "top", "s3": "bottom", "s4": "bottom", "s5": "bottom", "corner": "bottom"}"#).unwrap_or_else(|e| panic!("{e}"));
    let pinned = dir.join("pinned.json");
    std::fs::write(&pinned, r#"{"s5": "top"}"#).unwrap_or_else(|e| panic!("{e}"));
    let (_, stdout, _) = run(&["recut", "corner-geo.json", "--households", "100..500", "--current", current.to_str().unwrap_or_default(), "--pinned", pinned.to_str().unwrap_or_default(), "--format", "json"]);
    let out = json(&stdout);
    assert_eq!(out["assignment"]["s5"], "top");
    assert_eq!(out["report"]["before"]["parts"], 2);
    let unknown = dir.join("unknown.json");
    std::fs::write(&unknown, r#"{"nope": "top"}"#).unwrap_or_else(|e| panic!("{e}"));
    let (code, _, stderr) = run(&["recut", "corner-geo.json", "--households", "100..500", "--current", unknown.to_str().unwrap_or_default()]);
    assert_eq!(code, 2);
    assert_eq!(stderr, "error: --current: block \"nope\" does not exist\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_demo_county_is_recut_into_grids_of_300_to_500_households() {
    let dir = std::env::temp_dir().join(format!("grassroots-recut-county-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let org = dir.join("county.json");
    let geo = dir.join("county-geo.json");
    let (code, tree, _) = run(&["generate", "tree", "--communities", "12", "--streets", "3", "--seed", "2026", "--members", "10-20"]);
    assert_eq!(code, 0);
    std::fs::write(&org, tree).unwrap_or_else(|e| panic!("{e}"));
    let (code, text, _) = run(&["generate", "geo", "--org", org.to_str().unwrap_or_default(), "--seed", "2026"]);
    assert_eq!(code, 0);
    std::fs::write(&geo, text).unwrap_or_else(|e| panic!("{e}"));
    let (code, stdout, stderr) =
        run(&["recut", geo.to_str().unwrap_or_default(), "--households", "300..500", "--org", org.to_str().unwrap_or_default(), "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let out = json(&stdout);
    assert!(out["report"]["before"]["out_of_range"].as_array().is_some_and(|a| !a.is_empty()));
    assert_eq!(out["report"]["after"]["out_of_range"], serde_json::json!([]));
    let change = &out["org"];
    assert!(change["new"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(change["edits"].as_array().is_some_and(|e| e.iter().any(|e| e["edit"] == "split")));
    // Grid workers' phones stay masked in the new grid records.
    let phone = change["grids"][0]["workers"][0]["phone"].as_str().unwrap_or_default();
    assert!(phone.contains('*'), "{phone}");
    let (code, table, _) = run(&["recut", geo.to_str().unwrap_or_default(), "--households", "300..500"]);
    assert_eq!(code, 0);
    assert!(table.starts_with("recut: ") && table.contains("blocks moved: "), "{table}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// In CI: github annotations and SARIF results for the reasons a constraint cannot hold, and
/// an input document's problems in the format asked for, at their lines (exit 2 still).
#[test]
fn recut_speaks_the_ci_formats() {
    let (code, stdout, _) = run(&["recut", "infeasible.json", "--households", "300..500", "--format", "github"]);
    assert_eq!(code, 1);
    assert!(stdout.starts_with("recut: "), "the table first: {stdout}");
    assert!(
        stdout.lines().any(|l| l.starts_with("::error file=infeasible.json,title=grassroots recut block-above-max::block \"c2-11\" alone has 520 households")),
        "{stdout}"
    );
    let (code, stdout, _) = run(&["recut", "infeasible.json", "--households", "300..500", "--format", "sarif"]);
    assert_eq!(code, 1);
    let log = json(&stdout);
    assert_eq!(log["version"], "2.1.0");
    let rules: Vec<&str> = log["runs"][0]["results"].as_array().map(|r| r.iter().filter_map(|x| x["ruleId"].as_str()).collect()).unwrap_or_default();
    assert!(rules.contains(&"too-small") && rules.contains(&"block-above-max") && rules.contains(&"disconnected"), "{rules:?}");
    // A blocks document with a block named twice: nothing re-cut, its problem at its line.
    let dir = std::env::temp_dir().join(format!("grassroots-recut-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(data_dir().join("corner-geo.json")).unwrap_or_else(|e| panic!("{e}"));
    let broken = dir.join("twice.json");
    std::fs::write(&broken, text.replacen("\"block\":\"s1\"", "\"block\":\"s0\"", 1).replace("},{\"type\":\"Feature\"", "},\n{\"type\":\"Feature\"")).unwrap_or_else(|e| panic!("{e}"));
    let (code, stdout, stderr) = run(&["recut", &broken.to_string_lossy(), "--parts", "2", "--format", "json"]);
    assert_eq!(code, 2, "{stderr}");
    let report = json(&stdout);
    assert_eq!(report["valid"], false, "{stdout}");
    assert_eq!(report["problems"][0]["line"], 2, "the second feature, on line 2: {stdout}");
    let (code, stdout, _) = run(&["recut", &broken.to_string_lossy(), "--parts", "2", "--format", "github"]);
    assert_eq!(code, 2);
    assert!(stdout.starts_with("::error file="), "{stdout}");
    let (code, _, stderr) = run(&["recut", "laifeng.json", "--parts", "3", "--format", "junit"]);
    assert_eq!(code, 2, "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
