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
    assert!(stdout.contains("broken/grids.json:9:24: error[grid-code-prefix]: $.grids[3].code (record \"g4\"): grid code does not start with its community's code 422827001001"), "{stdout}");
    assert!(stdout.contains("broken/grids.json:10:90: warning[no-households]: $.grids[4].households (record \"g5\"): grid has no households"), "{stdout}");
    assert!(stdout.ends_with("broken/grids.json: 10 error(s), 2 warning(s)\n"), "{stdout}");

    let (_, stdout, _) = run(&["validate", "tree", "csv/broken-roster.csv", "--schema", "laifeng"]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines, [
        "csv/broken-roster.csv:3:7: error[unknown-parent]: row 3, column parent (record \"sl-d1\"): parent \"sl-x\" does not exist",
        "csv/broken-roster.csv:4:1: error[duplicate-id]: row 4, column id (record \"sl-d1\"): duplicate id \"sl-d1\", first used at row 3",
        "csv/broken-roster.csv:5:9: error[level-order]: row 5, column level (record \"sl-g\"): a \"group\" may not sit under a \"community\"",
        "csv/broken-roster.csv: 3 error(s), 0 warning(s)",
    ]);

    let (_, _, stderr) = run(&["validate", "tree", "broken/not-json.json"]);
    assert!(stderr.contains("not valid JSON at line 3, column 14"), "{stderr}");
}

#[test]
fn problems_are_printed_in_chinese_with_lang_zh() {
    // The compilers' form stays (place, severity and code, for editors and CI); the message is
    // the widgets' Chinese text, record and all.
    let (code, stdout, _) = run(&["validate", "tree", "broken/grids.json", "--lang", "zh"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("broken/grids.json:9:24: error[grid-code-prefix]: $.grids[3].code（记录“g4”）：网格编码应以所属社区编码 422827001001 开头"), "{stdout}");
    assert!(stdout.contains("broken/grids.json:10:90: warning[no-households]: $.grids[4].households（记录“g5”）：网格没有住户"), "{stdout}");
    assert!(stdout.ends_with("broken/grids.json: 10 个错误，2 个警告\n"), "{stdout}");
    // Every problem has its text: none is left in English.
    let english = stdout.lines().filter(|l| l.contains("]: $") && !l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))).collect::<Vec<_>>();
    assert!(english.is_empty(), "{english:?}");

    // A CSV roster's rows and columns in Chinese as well.
    let (_, stdout, _) = run(&["validate", "tree", "csv/broken-roster.csv", "--schema", "laifeng", "--lang", "zh"]);
    assert!(stdout.contains("csv/broken-roster.csv:3:7: error[unknown-parent]: 第 3 行“parent”列（记录“sl-d1”）：上级“sl-x”不存在"), "{stdout}");

    // The JSON report's message, its codes and fields unchanged.
    let (_, stdout, _) = run(&["validate", "tree", "broken/members.json", "--format", "json", "--lang", "zh"]);
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(report["problems"][0]["code"], "no-grid");
    assert_eq!(report["problems"][0]["message"], "$.members[0].grid（记录“m1”）：党员未编入任何网格，所在党支部及其上级也没有对应网格");

    // GitHub annotations too.
    let (_, stdout, _) = run(&["validate", "tree", "broken/grids.json", "--format", "github", "--lang", "zh"]);
    assert!(stdout.contains("::warning file=broken/grids.json,line=10,col=90,title=grassroots no-households::$.grids[4].households（记录“g5”）：网格没有住户"), "{stdout}");

    // English is the checks' default, and `--lang en` says so.
    for args in [&["validate", "tree", "broken/grids.json"][..], &["validate", "tree", "broken/grids.json", "--lang", "en"]] {
        let (_, stdout, _) = run(args);
        assert!(stdout.ends_with("broken/grids.json: 10 error(s), 2 warning(s)\n"), "{args:?}: {stdout}");
    }
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
fn stats_show_compounds_teams_baobao_and_grid_workers() {
    let (code, stdout, _) = run(&["stats", "tree", "valid/laifeng-baobao-teams.json"]);
    assert_eq!(code, 0);
    for line in [
        "  compounds (小区)             3 (518 households), without property management 1",
        "  红色物业 of managed compounds 50.0% (1/2), demonstration sites 1",
        "  teams                        2 (12 people, 4 members, 1 units): 先锋队 1, 暖心服务小分队 1",
        "  1+4+N complete               100.0% (1/1) (lead 1, responsible 4, other 1)",
        "  stationed                    尖刀班 5, 第一书记 1, funds 52000 yuan a year",
        "  grid workers by role         报到党员 2, 无职党员 2, 专职网格员 2, 楼栋长 1, 单元长 1, no role 0",
        "  grids meeting the model      100.0% (2/2)",
    ] {
        assert!(stdout.contains(&format!("{line}\n")), "no line {line:?} in\n{stdout}");
    }
    // A document without any of them prints none of these lines.
    let (_, stdout, _) = run(&["stats", "tree", "valid/laifeng-shengli.json"]);
    assert!(!stdout.contains("compounds") && !stdout.contains("1+4+N") && !stdout.contains("by role"), "{stdout}");
    let (_, stdout, _) = run(&["stats", "tree", "valid/laifeng-baobao-teams.json", "--format", "json"]);
    let stats: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(stats["node"]["baobao"]["complete"], 1);
    assert_eq!(stats["node"]["coverage"]["red_property"]["value"], 0.5);
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
    assert!(stdout.contains("csv/members.csv:4:24: error[unknown-ref]: csv/members.csv row 4, column posts[0] (record \"m3\"): post \"p9\" does not exist"), "{stdout}");
    assert!(stdout.contains("csv/members.csv:3:20: warning[not-reported]: csv/members.csv row 3, column reports_to (record \"m2\")"), "{stdout}");
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
    assert!(stdout.contains("broken/facts-and-operators.json:11:82: error[unknown-fact]: $."), "{stdout}");
    let (code, _, stderr) = run_rules(&["validate", "rules", "broken/not-json.json"]);
    assert_eq!(code, 2, "{stderr}");

    let (code, stdout, _) = run_rules(&["test", "cases"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.ends_with("9 passed, 0 failed\n"), "{stdout}");

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

/// Runs the CLI in tests/data/lists.
fn run_lists(args: &[&str]) -> (i32, String, String) {
    run_in("lists", args)
}

#[test]
fn lists_are_validated_with_the_exit_code_contract() {
    for (args, code) in [
        (&["validate", "lists", "valid/laifeng-2020.json"][..], 0),
        (&["validate", "lists", "valid/laifeng-2021.json"], 0),
        (&["validate", "lists", "broken/references.json"], 1),
        (&["validate", "lists", "broken/dates.json"], 1),
        (&["validate", "lists", "broken/not-json.json"], 2),
        (&["validate", "lists", "no/such/file.json"], 2),
    ] {
        let (got, stdout, stderr) = run_lists(args);
        assert_eq!(got, code, "{args:?}\nstdout: {stdout}\nstderr: {stderr}");
    }
    let (_, stdout, _) = run_lists(&["validate", "lists", "broken/abolished-materials.json"]);
    assert!(stdout.contains(
        "broken/abolished-materials.json:10:138: error[abolished-material]: $.items[3].materials[1].item (record \"svc-temp-relief\"): requires certificate \"户籍证明\" (cert-huji), abolished since 2021-06-15"
    ), "{stdout}");
    assert!(stdout.contains("broken/abolished-materials.json:8:115: warning[no-instead]: $.items[1].status.instead (record \"cert-alive\")"), "{stdout}");
    assert!(stdout.ends_with("broken/abolished-materials.json: 2 error(s), 3 warning(s)\n"), "{stdout}");

    let (_, stdout, _) = run_lists(&["validate", "lists", "broken/negative-and-duplicates.json", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!((report["valid"].as_bool(), report["errors"].as_u64()), (Some(false), Some(4)));
    assert_eq!(report["problems"][3]["path"], "$.roles[0].duties[1]");
    assert_eq!(report["problems"][3]["code"], "negative-duty");
}

#[test]
fn a_certificate_lookup_answers_the_residents_question() {
    let lists = ["--lists", "valid/laifeng-2021.json"];
    let (code, stdout, _) = run_lists(&[&["lookup", "certificate", "我还活着证明"][..], &lists].concat());
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(stdout.lines().next(), Some("健在证明 (cert-alive) [matched 活着证明]: 已取消 abolished since 2021-06-15 by 来政办发〔2021〕12号"));
    assert!(stdout.contains("instead: 个人承诺 self_declaration, 部门数据共享 data_sharing"), "{stdout}");

    let (code, stdout, _) = run_lists(&[&["lookup", "certificate", "居住证明", "--format", "json"][..], &lists].concat());
    assert_eq!(code, 0, "{stdout}");
    let answer: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(answer["answers"][0]["status"], "in_force");
    assert_eq!(answer["answers"][0]["issuer"], "社区居委会");
    assert_eq!(answer["answers"][0]["channels"]["online"], true);

    let (code, stdout, _) = run_lists(&[&["lookup", "certificate", "结婚证明"][..], &lists].concat());
    assert_eq!((code, stdout.as_str()), (1, "no certificate matches \"结婚证明\" in laifeng-xiangfeng 2021\n"));
    let (code, _, stderr) = run_lists(&[&["lookup", "certificate", "证明"][..], &lists].concat());
    assert_eq!(code, 2);
    assert!(stderr.contains("too short to look up"), "{stderr}");
    let (code, _, stderr) = run_lists(&["lookup", "certificate", "健在证明", "--lists", "broken/not-json.json"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, stdout, _) = run_lists(&["lookup", "certificate", "健在证明", "--lists", "broken/references.json"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("$.items[1].owner (record \"svc-temp-relief\")"), "{stdout}");
}

#[test]
fn a_lists_diff_reads_like_a_change_list() {
    let (code, stdout, _) = run_lists(&["diff", "lists", "valid/laifeng-2020.json", "valid/laifeng-2021.json"]);
    assert_eq!(code, 0);
    assert_eq!(Ok(stdout), std::fs::read_to_string(data_dir("lists/diff").join("laifeng-2020-2021.txt")).map_err(|e| e.to_string()));
    let (code, stdout, _) = run_lists(&["diff", "lists", "valid/laifeng-2020.json", "valid/laifeng-2021.json", "--format", "json"]);
    assert_eq!(code, 0);
    let diff: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(diff["moved"].as_array().map(Vec::len), Some(9));
    assert_eq!(diff["moved"][0], serde_json::json!({"id": "svc-dibao", "name": "低保五保申请受理", "kind": "assist", "from": "community", "to": "district", "down": true}));
    let (code, _, _) = run_lists(&["diff", "lists", "valid/laifeng-2020.json", "broken/dates.json"]);
    assert_eq!(code, 1);
}

/// Runs the CLI in tests/data/cases.
fn run_cases(args: &[&str]) -> (i32, String, String) {
    run_in("cases", args)
}

#[test]
fn validate_cases_follows_the_exit_code_contract() {
    for (args, code) in [
        (&["validate", "cases", "valid/season-shengli.json"][..], 0),
        (&["validate", "cases", "edge/other-offset.json"], 0),
        (&["validate", "cases", "broken/workflow.json"], 1),
        (&["validate", "cases", "broken/shapes.json", "--format", "json"], 1),
        (&["validate", "cases", "broken/not-json.json"], 2),
        (&["validate", "cases", "no/such/file.json"], 2),
    ] {
        let (got, stdout, stderr) = run_cases(args);
        assert_eq!(got, code, "{args:?}\nstdout: {stdout}\nstderr: {stderr}");
    }
    let (_, stdout, _) = run_cases(&["validate", "cases", "valid/season-shengli.json"]);
    assert!(stdout.contains("valid/season-shengli.json:669:14: warning[no-route]: $.cases[14].source (record \"gw-0810-garbage\"): no route takes a whistle"), "{stdout}");
    let (_, stdout, _) = run_cases(&["validate", "cases", "broken/workflow.json"]);
    assert!(stdout.contains(
        "broken/workflow.json:59:14: error[step-order]: $.cases[1].steps[1].step (record \"skipped\"): step \"handle\" cannot come here: the next step is \"analyse\""
    ), "{stdout}");
    assert!(stdout.contains("broken/workflow.json:133:12: error[time-backwards]: $.cases[4].steps[1].at (record \"backwards\"): time goes backwards: 2026-07-01T08:00:30+08:00 is before 2026-07-01T08:01:00+08:00 (step \"collect\")"), "{stdout}");
    assert!(stdout.ends_with("broken/workflow.json: 14 error(s), 1 warning(s)\n"), "{stdout}");
    let (_, stdout, _) = run_cases(&["validate", "cases", "broken/shapes.json", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(report["problems"][4]["path"], "$.cases[1].opened");
    assert_eq!(report["problems"][4]["code"], "shape");
}

#[test]
fn clocks_show_met_breached_and_running_at_a_moment() {
    let (code, stdout, stderr) = run_cases(&["clocks", "valid/season-shengli.json", "--now", "2026-08-31T18:00:00+08:00"]);
    assert_eq!(code, 0, "{stderr}");
    for line in [
        "  1310/on_site                 10m   met, 3m to spare (at 2026-06-27T08:19:00+08:00)",
        "  12345-emergency/dispatched   1h    BREACHED by 30m (at 2026-07-05T22:40:00+08:00, due 2026-07-05T22:10:00+08:00)",
        "  1310/contact_reached         3m    BREACHED by 2m (not yet, due 2026-08-31T17:58:00+08:00)",
        "  1310/on_site                 10m   running, 5m left (due 2026-08-31T18:05:00+08:00)",
        "  12345-hard/answered          15d   running, 3d 15h left (due 2026-09-04T09:00:00+08:00)",
    ] {
        assert!(stdout.lines().any(|l| l == line), "missing {line:?} in\n{stdout}");
    }
    assert!(stdout.ends_with("18 case(s): 14 clock(s) met, 7 breached, 2 running\n"), "{stdout}");

    // The JSON is the checked-in expectation (also checked by tests/it/cases.rs).
    let (code, stdout, _) = run_cases(&["clocks", "valid/season-shengli.json", "--now", "2026-08-31T18:00:00+08:00", "--format", "json"]);
    assert_eq!(code, 0);
    let got: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let want: Value = serde_json::from_str(&std::fs::read_to_string(data_dir("cases/valid").join("season-shengli.expected.json")).unwrap_or_default())
        .unwrap_or(Value::Null);
    assert_eq!(got, want);

    // A moment in another offset is the same moment.
    let (_, utc, _) = run_cases(&["clocks", "valid/season-shengli.json", "--now", "2026-08-31T10:00:00Z"]);
    let (_, cst, _) = run_cases(&["clocks", "valid/season-shengli.json", "--now", "2026-08-31T18:00:00+08:00"]);
    assert_eq!(utc, cst);
}

#[test]
fn clocks_reject_a_bad_moment_or_a_broken_file() {
    let (code, _, stderr) = run_cases(&["clocks", "valid/season-shengli.json", "--now", "2026-08-31 18:00"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("expected an RFC 3339 time such as 2026-07-01T08:30:00+08:00, got \"2026-08-31 18:00\""), "{stderr}");
    let (code, _, stderr) = run_cases(&["clocks", "valid/season-shengli.json"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, stdout, _) = run_cases(&["clocks", "broken/workflow.json", "--now", "2026-08-31T18:00:00+08:00"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("$.cases[1].steps[1].step"), "{stdout}");
    let (code, _, _) = run_cases(&["clocks", "broken/not-json.json", "--now", "2026-08-31T18:00:00+08:00"]);
    assert_eq!(code, 2);
}

#[test]
fn metrics_roll_cases_up_the_tree() {
    let args = ["metrics", "valid/season-shengli.json", "--org", "../tree/valid/laifeng-shengli.json", "--from", "2026-06-01", "--to", "2026-09-01"];
    let (code, stdout, stderr) = run_cases(&args);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("sl 胜利社区党委 (community): 18 case(s)\n  response          94.4% (17/18)\n"), "{stdout}");
    assert!(stdout.contains("  12345 clocks met  not enough cases (5/7, fewer than 10)"), "{stdout}");
    let (code, stdout, _) = run_cases(&[&args[..], &["--min-sample", "1", "--format", "json"]].concat());
    assert_eq!(code, 0);
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(report["metrics"]["nodes"][0]["clocks_12345"], serde_json::json!({"numerator": 5, "denominator": 7, "value": 5.0 / 7.0}));
    let (code, _, stderr) = run_cases(&["metrics", "valid/season-shengli.json", "--org", "../tree/valid/laifeng-shengli.json", "--from", "2026-09-01", "--to", "2026-06-01"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("must be after"), "{stderr}");
}

#[test]
fn generate_cases_makes_a_season_that_loads_on_its_organization() {
    let dir = std::env::temp_dir().join(format!("grassroots-cli-season-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let (code, org, _) = run(&["generate", "tree", "--communities", "12", "--seed", "2026", "--members", "10-20"]);
    assert_eq!(code, 0);
    let org_path = dir.join("county.json");
    std::fs::write(&org_path, org).unwrap_or_else(|e| panic!("{e}"));
    let org_arg = org_path.display().to_string();
    let season = ["generate", "cases", "--org", &org_arg, "--seed", "2026", "--from", "2026-06-01", "--to", "2026-08-31", "--now", "2026-08-31T18:00:00+08:00"];
    let (code, stdout, stderr) = run_cases(&season);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(run_cases(&season).1, stdout, "the same seed gives the same season");
    let cases_path = dir.join("season.json");
    std::fs::write(&cases_path, &stdout).unwrap_or_else(|e| panic!("{e}"));
    let cases_arg = cases_path.display().to_string();
    let (code, validated, _) = run_cases(&["validate", "cases", &cases_arg]);
    let (metrics_code, metrics, _) = run_cases(&["metrics", &cases_arg, "--org", &org_arg, "--from", "2026-06-01", "--to", "2026-09-01"]);
    let (code_missing, _, stderr_missing) = run_cases(&[&season[..2], &["--org", "no/such/org.json"], &season[4..]].concat());
    let (code_broken, broken, _) = run_cases(&[&season[..2], &["--org", "../tree/broken/grids.json"], &season[4..]].concat());
    let (code_day, _, stderr_day) = run_cases(&[&season[..6], &["--from", "2026-6-1"], &season[8..]].concat());
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 0, "{validated}");
    assert!(validated.ends_with(": 0 error(s), 0 warning(s)\n"), "{validated}");
    assert_eq!(metrics_code, 0, "{metrics}");
    assert!(metrics.contains("not enough cases"), "{metrics}");
    assert!(!metrics.contains("warning"), "{metrics}");
    assert_eq!(code_missing, 2, "{stderr_missing}");
    assert!(stderr_missing.contains("cannot read no/such/org.json"), "{stderr_missing}");
    assert_eq!(code_broken, 1, "{broken}");
    assert!(broken.contains("../tree/broken/grids.json:7:24: error[duplicate-code]: $.grids["), "{broken}");
    assert_eq!(code_day, 2, "{stderr_day}");
    assert!(stderr_day.contains("expected a day such as 2026-07-01"), "{stderr_day}");
}

/// Runs the CLI in tests/data/services.
fn run_services(args: &[&str]) -> (i32, String, String) {
    run_in("services", args)
}

#[test]
fn services_validate_exit_codes_follow_the_contract() {
    for (args, code) in [
        (&["validate", "demands", "valid/tianyuan-2026.json"][..], 0),
        (&["validate", "demands", "valid/tianyuan-2026.json", "--org", "tianyuan-org.json"], 0),
        (&["validate", "claims", "valid/tianyuan-2026.json", "--org", "tianyuan-org.json"], 0),
        (&["validate", "demands", "broken/demands-offers.json"], 1),
        (&["validate", "claims", "broken/claim-twice.json"], 1),
        (&["validate", "claims", "broken/ledger.json"], 1),
        (&["validate", "claims", "broken/not-an-object.json"], 1),
        // Each command checks its own part: the broken claims do not fail `validate demands`.
        (&["validate", "demands", "broken/claims.json"], 0),
        (&["validate", "claims", "valid/capacity-used-up.json"], 0),
        (&["validate", "demands", "valid/month-boundary.json", "--org", "broken/not-json.json"], 2),
        (&["validate", "demands", "broken/not-json.json"], 2),
        (&["validate", "claims", "no/such/file.json"], 2),
    ] {
        let (got, stdout, stderr) = run_services(args);
        assert_eq!(got, code, "{args:?}\nstdout: {stdout}\nstderr: {stderr}");
    }
}

#[test]
fn validate_demands_prints_every_match_and_every_reason() {
    let (code, stdout, _) = run_services(&["validate", "demands", "valid/tianyuan-2026.json", "--org", "tianyuan-org.json"]);
    assert_eq!(code, 0, "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    // With the organization, the reasons name the unit and the places, as people know them.
    assert_eq!(lines[0], "matched   d01 → o-hospital: 紧急需求「助老」派给 o-hospital（单位 镇卫生院）：类别相符，服务社区 田园社区大党委，2026-07 剩余名额 2/3");
    assert!(lines.contains(&"unmatched d10: 一般需求未派出：没有「心理」类的服务"), "{stdout}");
    assert!(lines.contains(&"unmatched d08: 一般需求未派出：覆盖网格 田园第二网格 的「法律」类服务在 2026-08-03 均不在有效期内"), "{stdout}");
    assert!(stdout.ends_with("valid/tianyuan-2026.json: 10 matched, 6 unmatched\nvalid/tianyuan-2026.json: 0 error(s), 0 warning(s)\n"), "{stdout}");
    assert!(!stdout.contains("13907181234"), "a resident's phone number leaked: {stdout}");

    let (code, stdout, _) = run_services(&["validate", "demands", "valid/month-boundary.json", "--format", "json"]);
    assert_eq!(code, 0, "{stdout}");
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(report["valid"], true);
    assert_eq!(report["matching"]["matches"][0]["demand"], "e3");
    assert_eq!(report["matching"]["matches"][0]["month"], "2026-08");
    assert_eq!(report["matching"]["unmatched"][0]["why"], serde_json::json!({"code": "at-capacity", "month": "2026-08", "offers": 1}));

    let (code, stdout, _) = run_services(&["validate", "demands", "broken/demands-offers.json", "--format", "json"]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!((report["errors"].as_u64(), report["warnings"].as_u64()), (Some(16), Some(2)));
    assert_eq!(report["problems"][1]["path"], "$.demands[0].urgency");
    assert!(report.get("matching").is_none(), "no matching over demands with errors");
}

#[test]
fn validate_claims_names_the_step_at_fault_and_prints_the_ledger() {
    let (code, stdout, _) = run_services(&["validate", "claims", "broken/review-before-done.json"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "broken/review-before-done.json:9:5: error[illegal-transition]: $.claims[0].history[3] (record \"cl1\"): claim \"cl1\": cannot go to \"reviewed\" from \"accepted\"\nbroken/review-before-done.json: 1 error(s), 0 warning(s)\n");
    let (_, stdout, _) = run_services(&["validate", "claims", "broken/time-backwards.json"]);
    assert!(stdout.contains("broken/time-backwards.json:8:32: error[claim-time-backwards]: $.claims[0].history[2].at (record \"cl1\"): claim \"cl1\": \"accepted\" at 2026-07-01T09:05:00+08:00 is earlier"), "{stdout}");

    let (code, stdout, _) = run_services(&["validate", "claims", "valid/tianyuan-2026.json", "--year", "2026"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.starts_with("claims: 9 (ordered 1, dispatched 1, accepted 1, done 2, reviewed 2, rejected 1, withdrawn 1)\n"), "{stdout}");
    assert!(stdout.contains("2026 member tm1       hours 20/24 not met, records 5, services 29, claims 2/2 done (100%), projects 0\n"), "{stdout}");
    assert!(stdout.contains("2026 unit tu-hospital hours 18/80 not met, records 2, services 121, claims 0/1 done (0%), projects 1\n"), "{stdout}");

    let (code, stdout, _) = run_services(&["validate", "claims", "valid/tianyuan-2026.json", "--year", "2026", "--format", "json"]);
    assert_eq!(code, 0);
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(report["claims"][0], serde_json::json!({"id": "cl01", "state": "reviewed", "rating": 5}));
    assert_eq!(report["ledger"][1]["figures"]["completion"], Value::Null, "no claims taken: no ratio");
    assert_eq!(report["ledger"][2]["figures"]["target_met"], true);
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
    assert!(stdout.contains("broken/shapes.json:2:47: error[shape]: $.author"), "{stdout}");
    assert!(stdout.contains("broken/ids-and-references.json:"), "{stdout}");
    // A facts file that is not a list of entities.
    let (code, stdout, _) = run_rules(&["diff", "rules", "diff/five-star-v1.json", "diff/five-star-v2.json", "--facts", "five-star-community.json"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("five-star-community.json:1:1: error[shape]: $: expected an array of entities"), "{stdout}");
    for args in [
        &["diff", "rules", "broken/not-json.json", "diff/five-star-v2.json", "--facts", "diff/entities.json"][..],
        &["diff", "rules", "diff/five-star-v1.json", "diff/five-star-v2.json", "--facts", "no/such/file.json"],
    ] {
        let (code, _, stderr) = run_rules(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
    }
}

#[test]
fn eval_rates_every_node_of_a_tree_and_the_fact_catalogue_is_printed() {
    let (code, stdout, stderr) = run_in(".", &["eval", "rules/five-star-community.json", "--org", "tree/valid/xinxiang-four-levels.json"]);
    assert_eq!(code, 0, "{stderr}");
    let rated: Vec<&str> = stdout.lines().skip(1).filter(|l| !l.contains("warning:")).filter_map(|l| l.split_whitespace().nth(1)).collect();
    assert_eq!(rated, ["hq-c1", "hq-c2"], "{stdout}");
    assert!(stdout.contains("warning: $.sections[0].indicators[1].expr (record \"hq-c1\"): fact \"meetings_held_rate\" is missing"), "{stdout}");
    let (code, table, _) = run_in(".", &["eval", "rules/five-star-community.json", "--org", "tree/valid/xinxiang-four-levels.json", "--format", "table"]);
    assert_eq!((code, table), (0, stdout.clone()), "--format table is the text table");
    let (code, _, stderr) = run_in(".", &["eval", "rules/five-star-community.json"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, stdout, _) = run_in(".", &["schema", "facts"]);
    assert_eq!(code, 0);
    let catalogue: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let names: Vec<&str> = catalogue["facts"].as_array().into_iter().flatten().filter_map(|f| f["name"].as_str()).collect();
    for name in ["coverage_grids_with_branch", "claim_completion_rate", "satisfaction_rate", "certificates_in_force"] {
        assert!(names.contains(&name), "{name} not in {names:?}");
    }
}

/// Writes `text` to a file of this test run's own and returns its path.
fn temp_file(name: &str, text: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

#[test]
fn a_generated_county_gets_services_and_lists_that_validate() {
    let (code, org, stderr) = run(&["generate", "tree", "--communities", "3", "--seed", "11"]);
    assert_eq!(code, 0, "{stderr}");
    let org_file = temp_file("season-org.json", &org);
    let org_arg = org_file.to_string_lossy().into_owned();

    let (code, services, stderr) = run(&["generate", "services", "--org", &org_arg, "--seed", "11", "--year", "2026", "--until", "2026-11-20"]);
    assert_eq!(code, 0, "{stderr}");
    let services_file = temp_file("season-services.json", &services);
    let services_arg = services_file.to_string_lossy().into_owned();
    for what in ["demands", "claims"] {
        let (code, stdout, stderr) = run(&["validate", what, &services_arg, "--org", &org_arg]);
        assert_eq!(code, 0, "{what}: {stdout}{stderr}");
        assert!(stdout.ends_with(": 0 error(s), 0 warning(s)\n"), "{stdout}");
    }
    let (_, again, _) = run(&["generate", "services", "--org", &org_arg, "--seed", "11", "--year", "2026", "--until", "2026-11-20"]);
    assert_eq!(services, again, "the same seed gives the same bytes");

    let (code, both, stderr) = run(&["generate", "lists", "--org", &org_arg, "--seed", "11", "--year", "2026"]);
    assert_eq!(code, 0, "{stderr}");
    let both: Value = serde_json::from_str(&both).unwrap_or_else(|e| panic!("{e}: {both}"));
    let mut files = Vec::new();
    for (version, year) in [("old", "2025"), ("new", "2026")] {
        let (code, one, stderr) = run(&["generate", "lists", "--org", &org_arg, "--seed", "11", "--version", version]);
        assert_eq!(code, 0, "{stderr}");
        let value: Value = serde_json::from_str(&one).unwrap_or_else(|e| panic!("{e}: {one}"));
        assert_eq!((&value, value["version"].as_str()), (&both[version], Some(year)));
        let file = temp_file(&format!("season-lists-{version}.json"), &one);
        let (code, stdout, _) = run(&["validate", "lists", &file.to_string_lossy()]);
        assert_eq!(code, 0, "{stdout}");
        files.push(file.to_string_lossy().into_owned());
    }
    let (code, diff, stderr) = run(&["diff", "lists", &files[0], &files[1], "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let diff: Value = serde_json::from_str(&diff).unwrap_or_else(|e| panic!("{e}: {diff}"));
    for part in ["added", "removed", "moved", "changed"] {
        assert!(diff[part].as_array().is_some_and(|a| !a.is_empty()), "no {part}: {diff}");
    }
}

#[test]
fn generators_without_their_organization_exit_2() {
    for what in ["services", "lists"] {
        let (code, stdout, stderr) = run(&["generate", what, "--org", "no/such/file.json"]);
        assert_eq!(code, 2, "{what}: {stdout}{stderr}");
        let (code, _, _) = run(&["generate", what, "--org", "broken/not-json.json"]);
        assert_eq!(code, 2, "{what}");
    }
    let (code, stdout, _) = run(&["generate", "services", "--org", "broken/grids.json"]);
    assert_eq!(code, 1, "{stdout}");
    let (code, _, stderr) = run(&["generate", "services", "--org", "valid/xinxiang-four-levels.json", "--until", "20 Nov"]);
    assert_eq!(code, 2, "{stderr}");
}

fn run_sheets(args: &[&str]) -> (i32, String, String) {
    run_in("sheets", args)
}

#[test]
fn import_prints_a_document_that_validates_or_every_problem_with_its_place() {
    let org = "../tree/valid/laifeng-shengli.json";
    let (code, stdout, stderr) = run_sheets(&["import", "members", "members.xls", "--org", org]);
    assert_eq!(code, 0, "{stderr}");
    let doc = temp_file("imported-members.json", &stdout);
    let (code, out, _) = run(&["validate", "tree", &doc.to_string_lossy()]);
    assert_eq!(code, 0, "{out}");
    assert!(stderr.contains("members.xls › members：读取 5 条党员记录"), "{stderr}");

    let (code, stdout, stderr) = run_sheets(&["import", "members", "members-broken.csv", "--org", org]);
    assert_eq!((code, stdout.as_str()), (1, ""), "nothing on standard output when the data is wrong");
    assert!(stderr.contains("错误: members-broken.csv › members-broken › 第3行 › 公民身份号码：校验位不对"), "{stderr}");
    assert!(stderr.ends_with("6 个错误，2 个警告\n"), "{stderr}");
    let (_, _, en) = run_sheets(&["import", "members", "members-broken.csv", "--org", org, "--lang", "en"]);
    assert!(en.contains("error: members-broken.csv › members-broken › row 3 › 公民身份号码: the ID-card number's check digit is wrong"), "{en}");

    // Exit 2: a file that cannot be read, a spreadsheet that is not one, no --org for members.
    for args in [
        &["import", "members", "nope.xlsx", "--org", org][..],
        &["import", "members", "src", "--org", org],
        &["import", "members", "members.csv"],
        &["import", "members", "members.csv", "--org", org, "--map", "members.csv"],
    ] {
        let (code, _, stderr) = run_sheets(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
    }
    let not_a_workbook = temp_file("not-a-workbook.xlsx", "姓名,电话\n");
    let (code, _, stderr) = run_sheets(&["import", "members", &not_a_workbook.to_string_lossy(), "--org", org]);
    assert_eq!(code, 2, "{stderr}");
    // Nodes need no organization.
    let (code, stdout, stderr) = run_sheets(&["import", "nodes", "nodes.ods"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\"parent\": \"jfl-1\""), "{stdout}");
    // List items go into a lists document, which validates after.
    let lists = "../lists/valid/laifeng-2021.json";
    let (code, stdout, stderr) = run_sheets(&["import", "lists", "lists.xls", "--lists", lists]);
    assert_eq!(code, 0, "{stderr}");
    let file = temp_file("imported-lists.json", &stdout);
    let (code, out, _) = run(&["validate", "lists", &file.to_string_lossy()]);
    assert_eq!(code, 0, "{out}");
    let (code, _, stderr) = run_sheets(&["import", "lists", "lists-broken.ods", "--lists", lists]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("lists-broken.ods › lists-broken › 第10行 › 办理时限（工作日）：“三天”不是非负整数"), "{stderr}");
    let (code, _, stderr) = run_sheets(&["import", "lists", "lists.xls"]);
    assert_eq!(code, 2, "no --lists: {stderr}");
}

#[test]
fn export_masks_unless_revealed_and_a_revealed_roster_imports_back() {
    let org = "../tree/valid/laifeng-shengli.json";
    let masked = Path::new(env!("CARGO_TARGET_TMPDIR")).join("roster-masked.xlsx");
    let revealed = Path::new(env!("CARGO_TARGET_TMPDIR")).join("roster-revealed.xlsx");
    let (code, _, stderr) = run_sheets(&["export", "members", org, "-o", &masked.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = run_sheets(&["import", "members", &masked.to_string_lossy(), "--org", org]);
    assert_eq!(code, 1, "masked numbers are not numbers: {stderr}");
    let (code, _, stderr) = run_sheets(&["export", "members", org, "-o", &revealed.to_string_lossy(), "--reveal"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = run_sheets(&["import", "members", &revealed.to_string_lossy(), "--org", org]);
    assert_eq!(code, 0, "{stderr}");
    let back: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}"));
    let original: Value = serde_json::from_str(&std::fs::read_to_string(data_dir("tree/valid/laifeng-shengli.json")).unwrap_or_default()).unwrap_or_default();
    assert_eq!(back["members"], original["members"]);
    let (code, _, stderr) = run_sheets(&["export", "members", org]);
    assert_eq!(code, 2, "no -o: {stderr}");
    // A lists document's items, in the columns an import of lists reads.
    let items = Path::new(env!("CARGO_TARGET_TMPDIR")).join("items.xlsx");
    let lists = "../lists/valid/laifeng-2021.json";
    let (code, _, stderr) = run_sheets(&["export", "lists", lists, "-o", &items.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = run_sheets(&["import", "lists", &items.to_string_lossy(), "--lists", lists]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("由公安户籍信息共享核验，无需社区开具"), "full-width punctuation kept");
}

#[test]
fn table_commands_write_xlsx_and_others_refuse_it() {
    let out = |name: &str| Path::new(env!("CARGO_TARGET_TMPDIR")).join(name).to_string_lossy().into_owned();
    let commands: [(&str, Vec<String>); 6] = [
        ("stats", vec!["stats".into(), "tree".into(), "tree/valid/laifeng-shengli.json".into()]),
        ("eval", vec!["eval".into(), "rules/five-star-community.json".into(), "--org".into(), "tree/valid/xinxiang-four-levels.json".into()]),
        ("clocks", vec!["clocks".into(), "cases/valid/season-shengli.json".into(), "--now".into(), "2026-08-31T18:00:00+08:00".into()]),
        ("metrics", "metrics cases/valid/season-shengli.json --org tree/valid/laifeng-shengli.json --from 2026-06-01 --to 2026-09-01".split(' ').map(str::to_owned).collect()),
        ("diff-lists", "diff lists lists/valid/laifeng-2020.json lists/valid/laifeng-2021.json".split(' ').map(str::to_owned).collect()),
        ("diff-rules", "diff rules rules/diff/five-star-v1.json rules/diff/five-star-v2.json --facts rules/diff/entities.json".split(' ').map(str::to_owned).collect()),
    ];
    for (name, args) in commands {
        let file = out(&format!("{name}.xlsx"));
        let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
        args.extend(["--format", "xlsx", "-o", &file]);
        let (code, stdout, stderr) = run_in(".", &args);
        assert_eq!((code, stdout.as_str()), (0, ""), "{name}: {stderr}");
        let bytes = std::fs::read(&file).unwrap_or_default();
        let book = grassroots::sheets::sheets(&file, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let names: Vec<&str> = book.iter().map(|s| s.name.as_str()).collect();
        let want: &[&str] = match name {
            // Sheets named by their paths in the report, in Chinese.
            "eval" => &["概要", "提示", "评定对象", "评定对象·星级", "评定对象·星级·指标"],
            "clocks" => &["概要", "案件", "案件·时限"],
            "metrics" => &["概要", "指标·党组织"],
            _ => &[],
        };
        assert!(want.iter().all(|w| names.contains(w)), "{name}: {names:?}");
        // Every sheet: the title, the time of export, the header row frozen under them.
        for sheet in &book {
            assert_eq!(sheet.rows[0].0, 1, "{name}");
            assert!(matches!(&sheet.rows[1].1[0], grassroots::sheets::Cell::Text(t) if t.starts_with("导出时间：")), "{name}");
        }
    }
    // Numbers stay numbers; an entity's indicators name the entity and the section.
    let eval = std::fs::read(out("eval.xlsx")).unwrap_or_default();
    let book = grassroots::sheets::sheets("eval.xlsx", &eval).unwrap_or_default();
    let indicators = book.iter().find(|s| s.name == "评定对象·星级·指标").unwrap_or_else(|| panic!("indicators"));
    // Column headers in Chinese too (the report's keys where it has no word for one).
    let header = &indicators.rows.iter().find(|(_, r)| r.iter().any(|c| matches!(c, grassroots::sheets::Cell::Text(t) if t == "得分" || t == "分值"))).map(|(_, r)| r.clone()).unwrap_or_default();
    assert!(!header.is_empty(), "a header row with 得分 or 分值: {:?}", indicators.rows.iter().take(4).collect::<Vec<_>>());
    let cells: Vec<&grassroots::sheets::Cell> = indicators.rows.iter().flat_map(|(_, r)| r.iter()).collect();
    assert!(cells.iter().any(|c| matches!(c, grassroots::sheets::Cell::Number(_))));
    assert!(cells.iter().any(|c| matches!(c, grassroots::sheets::Cell::Text(t) if t.starts_with("hq-c1 / "))));
    let (code, _, stderr) = run(&["validate", "tree", "valid/laifeng-shengli.json", "--format", "xlsx", "-o", &out("v.xlsx")]);
    assert_eq!(code, 2, "{stderr}");
}
