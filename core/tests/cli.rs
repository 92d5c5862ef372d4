//! The `grassroots` command line, as portal teams run it in CI: exit codes, and output that
//! names every problem with its place. (This is core's own integration test, not part of
//! tests/it, because cargo builds a binary only for its own package's integration tests.)

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The shared fixtures.
fn data_dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("tests").join("data").join(sub)
}

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_grassroots"))
}

/// Runs the CLI in tests/data/tree; returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    run_in("tree", args)
}

/// Runs the CLI in tests/data/`dir`; returns (exit code, stdout, stderr).
fn run_in(dir: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(bin())
        .args(args)
        .current_dir(data_dir(dir))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin().display()));
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

#[test]
fn validate_exit_codes_follow_the_contract() {
    for (args, code) in [
        (&["validate", "tree", "valid/laifeng-shengli.json"][..], 0),
        (&["validate", "tree", "valid/xinxiang-four-levels.json"], 0),
        (&["validate", "tree", "csv/roster.csv", "--schema", "laifeng"], 0),
        (&["validate", "tree", "broken/grids.json"], 1),
        (&["validate", "tree", "csv/broken-roster.csv", "--schema", "laifeng"], 1),
        (&["validate", "tree", "valid/laifeng-shengli.json", "--schema", "xinxiang"], 1),
        (&["validate", "tree", "broken/not-json.json"], 2),
        (&["validate", "tree", "no/such/file.json"], 2),
        (&["validate", "tree", "valid/laifeng-shengli.json", "--schema", "no-such-schema"], 2),
    ] {
        let (got, stdout, stderr) = run(args);
        assert_eq!(got, code, "{args:?}\nstdout: {stdout}\nstderr: {stderr}");
    }
}

#[test]
fn validate_lists_every_error_with_its_place() {
    let (_, stdout, _) = run(&["validate", "tree", "broken/grids.json"]);
    assert!(stdout.contains("broken/grids.json: error: $.grids[3].code (record \"g4\"): grid code does not start with its community's code 422827001001"), "{stdout}");
    assert!(stdout.contains("broken/grids.json: warning: $.grids[4].households (record \"g5\"): grid has no households"), "{stdout}");
    assert!(stdout.ends_with("broken/grids.json: 10 error(s), 2 warning(s)\n"), "{stdout}");

    let (_, stdout, _) = run(&["validate", "tree", "csv/broken-roster.csv", "--schema", "laifeng"]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines, [
        "csv/broken-roster.csv: error: row 3, column parent (record \"sl-d1\"): parent \"sl-x\" does not exist",
        "csv/broken-roster.csv: error: row 4, column id (record \"sl-d1\"): duplicate id \"sl-d1\", first used at row 3",
        "csv/broken-roster.csv: error: row 5, column level (record \"sl-g\"): a \"group\" may not sit under a \"community\"",
        "csv/broken-roster.csv: 3 error(s), 0 warning(s)",
    ]);

    let (_, _, stderr) = run(&["validate", "tree", "broken/not-json.json"]);
    assert!(stderr.contains("not valid JSON at line 3, column 14"), "{stderr}");
}

#[test]
fn validate_json_output_is_machine_readable() {
    let (code, stdout, _) = run(&["validate", "tree", "broken/members.json", "--format", "json"]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(report["valid"], false);
    assert_eq!(report["errors"], 9);
    assert_eq!(report["warnings"], 1);
    assert_eq!(report["problems"][0]["path"], "$.members[0].grid");
    assert_eq!(report["problems"][0]["code"], "no-grid");
}

#[test]
fn stats_print_the_rollups_and_mask_nothing_they_do_not_show() {
    let (code, stdout, _) = run(&["stats", "tree", "valid/laifeng-shengli.json", "--format", "json"]);
    assert_eq!(code, 0);
    let stats: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(stats["node"]["id"], "sl");
    assert_eq!(stats["node"]["households"], 1879);
    assert_eq!(stats["node"]["members"]["total"], 7);
    assert_eq!(stats["node"]["coverage"]["members_in_grid"]["numerator"], 6);
    assert_eq!(stats["levels"]["group"], 11);

    let (code, stdout, _) = run(&["stats", "tree", "valid/laifeng-shengli.json", "--node", "sl-d1"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("sl-d1 胜利街片区党支部 (片区党支部)\n"), "{stdout}");
    assert!(stdout.contains("households                   412"), "{stdout}");
    assert!(!stdout.contains("13972801234"), "a worker's phone number leaked: {stdout}");

    let (code, _, stderr) = run(&["stats", "tree", "valid/laifeng-shengli.json", "--node", "nope"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no node with id \"nope\""), "{stderr}");
}

#[test]
fn diff_reads_like_a_change_list() {
    let (code, stdout, _) = run(&["diff", "tree", "diff/old.json", "diff/new.json"]);
    assert_eq!(code, 0);
    assert_eq!(Ok(stdout), std::fs::read_to_string(data_dir("tree/diff").join("expected.txt")).map_err(|e| e.to_string()));
    let (_, same, _) = run(&["diff", "tree", "diff/old.json", "diff/old.json"]);
    assert_eq!(same, "no changes\n");
    let (code, stdout, _) = run(&["diff", "tree", "diff/old.json", "diff/new.json", "--format", "json"]);
    assert_eq!(code, 0);
    let diff: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(diff["changes"][0], serde_json::json!({"change": "added", "id": "d3", "name": "新区片区党支部", "parent": "c"}));
}

#[test]
fn a_member_roster_is_checked_with_the_node_roster() {
    let (code, stdout, _) = run(&["validate", "tree", "csv/roster.csv", "--members", "csv/members.csv", "--schema", "laifeng"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("error: csv/members.csv row 4, column posts[0] (record \"m3\"): post \"p9\" does not exist"), "{stdout}");
    assert!(stdout.contains("warning: csv/members.csv row 3, column reports_to (record \"m2\")"), "{stdout}");
    assert!(!stdout.contains("13907181234") && !stdout.contains("11010519491231002X"), "personal data leaked: {stdout}");
    let (code, _, stderr) = run(&["validate", "tree", "valid/laifeng-shengli.json", "--members", "csv/members.csv"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--members goes with a CSV node roster"), "{stderr}");
}

/// Runs the CLI in tests/data/rules.
fn run_rules(args: &[&str]) -> (i32, String, String) {
    run_in("rules", args)
}

#[test]
fn rule_sets_are_validated_tested_and_evaluated_from_the_command_line() {
    let (code, stdout, _) = run_rules(&["validate", "rules", "five-star-community.json"]);
    assert_eq!(code, 0, "{stdout}");
    let (code, stdout, _) = run_rules(&["validate", "rules", "broken/facts-and-operators.json"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("broken/facts-and-operators.json: error: $."), "{stdout}");
    let (code, _, stderr) = run_rules(&["validate", "rules", "broken/not-json.json"]);
    assert_eq!(code, 2, "{stderr}");

    let (code, stdout, _) = run_rules(&["test", "cases"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.ends_with("2 passed, 0 failed\n"), "{stdout}");

    // A case that expects the wrong tier fails, showing expected and actual.
    let dir = std::env::temp_dir().join(format!("grassroots-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let case = std::fs::read_to_string(data_dir("rules/cases").join("tie-for-the-one-excellent-place.json")).unwrap_or_default();
    let rules_path = data_dir("rules").join("five-star-community.json");
    let wrong = case
        .replace("\"rules\": \"../five-star-community.json\"", &format!("\"rules\": {:?}", rules_path.display().to_string()))
        .replace("\"b-community\": {\"tier\": \"excellence\"", "\"b-community\": {\"tier\": \"pass\"");
    std::fs::write(dir.join("wrong.json"), wrong).unwrap_or_else(|e| panic!("{e}"));
    let dir_arg = dir.display().to_string();
    let (code, stdout, _) = run_rules(&["test", &dir_arg]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("entity b-community: tier\n    expected: \"pass\"\n    actual:   \"excellence\""), "{stdout}");
    assert!(stdout.ends_with("0 passed, 1 failed\n"), "{stdout}");

    let (code, stdout, _) = run_rules(&["eval", "five-star-community.json", "entities/five-star-example.json", "--explain"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.lines().nth(1).is_some_and(|l| l.trim_start().starts_with("1  ")), "{stdout}");
    assert!(stdout.contains("分"), "reasons in Chinese: {stdout}");
}

#[test]
fn diff_rules_reports_outcome_changes_and_exits_zero_either_way() {
    let diff = ["diff", "rules", "diff/five-star-v1.json", "diff/five-star-v2.json", "--facts", "diff/entities.json"];
    let (code, stdout, stderr) = run_rules(&diff);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(Ok(stdout), std::fs::read_to_string(data_dir("rules/diff").join("expected.txt")).map_err(|e| e.to_string()));
    let (code, stdout, _) = run_rules(&[&diff[..], &["--format", "json"]].concat());
    assert_eq!(code, 0);
    let got: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(got["entities"][0]["id"], "e02");
    assert_eq!(got["entities"][0]["new"]["tier"], "fail");
    assert_eq!(got["rules"][3], serde_json::json!({"change": "added", "part": "veto", "id": "illegal-construction"}));
    // No outcome changes is still exit 0: the command reports, it does not judge.
    let (code, stdout, _) = run_rules(&["diff", "rules", "diff/five-star-v2.json", "diff/five-star-v2.json", "--facts", "diff/entities.json"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("rules: no changes\noutcomes: 0 of 5 entities change\n"), "{stdout}");
}

#[test]
fn diff_rules_lists_the_problems_of_both_rule_sets() {
    let (code, stdout, _) = run_rules(&["diff", "rules", "broken/shapes.json", "broken/ids-and-references.json", "--facts", "diff/entities.json"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("broken/shapes.json: error: $."), "{stdout}");
    assert!(stdout.contains("broken/ids-and-references.json: error: $."), "{stdout}");
    // A facts file that is not a list of entities.
    let (code, stdout, _) = run_rules(&["diff", "rules", "diff/five-star-v1.json", "diff/five-star-v2.json", "--facts", "five-star-community.json"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("five-star-community.json: error: $: expected an array of entities"), "{stdout}");
    for args in [
        &["diff", "rules", "broken/not-json.json", "diff/five-star-v2.json", "--facts", "diff/entities.json"][..],
        &["diff", "rules", "diff/five-star-v1.json", "diff/five-star-v2.json", "--facts", "no/such/file.json"],
    ] {
        let (code, _, stderr) = run_rules(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
    }
}
