//! The CLI's output formats, as CI systems and editors read them: `file:line:column:` text,
//! GitHub workflow commands, JSON (against docs/schemas/report.schema.json), SARIF 2.1.0
//! (against the SARIF schema, docs/schemas/sarif-2.1.0-rtm.5.json) and JUnit XML (against
//! docs/schemas/junit.xsd, with the JDK's XSD validator); positions on fixtures with a BOM,
//! CRLF line ends, tabs and CJK text; `init`, completions and the man page; the lists
//! commands on an `{"old", "new"}` document.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn data_dir(sub: &str) -> PathBuf {
    root().join("tests").join("data").join(sub)
}

/// Runs the CLI in `dir`; returns (exit code, stdout, stderr).
fn run_at(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let bin = env!("CARGO_BIN_EXE_grassroots");
    let out = Command::new(bin).args(args).current_dir(dir).output().unwrap_or_else(|e| panic!("cannot run {bin}: {e}"));
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

fn run_in(dir: &str, args: &[&str]) -> (i32, String, String) {
    run_at(&data_dir(dir), args)
}

fn schema(name: &str) -> jsonschema::Validator {
    let path = root().join("docs").join("schemas").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn assert_valid(validator: &jsonschema::Validator, text: &str, what: &str) -> Value {
    let value: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: not JSON: {e}\n{text}"));
    let errors: Vec<String> = validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{text}");
    value
}

/// Validates JUnit XML texts against docs/schemas/junit.xsd with the JDK's own XSD validator
/// (javax.xml.validation, run as `java docs/schemas/XsdCheck.java`).
fn assert_junit(texts: &[(&str, &str)]) {
    let dir = std::env::temp_dir().join(format!("grassroots-junit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut args = vec![root().join("docs/schemas/XsdCheck.java").display().to_string(), root().join("docs/schemas/junit.xsd").display().to_string()];
    for (name, text) in texts {
        let file = dir.join(format!("{name}.xml"));
        std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
        args.push(file.display().to_string());
    }
    let out = Command::new("java").args(&args).output().unwrap_or_else(|e| panic!("the JUnit reports are checked with the JDK's `java` (install a JDK, e.g. Debian's default-jdk-headless): {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stdout.lines().filter(|l| l.starts_with("valid ")).count(), texts.len(), "{stdout}");
}

#[test]
fn positions_count_characters_on_bom_crlf_tab_and_cjk_fixtures() {
    // positions/bom-crlf-tabs.json is broken/grids.json with a BOM, CRLF line ends and tabs
    // for the indent: the same lines, each column one less per tab that replaced two spaces.
    let (code, stdout, _) = run_in("tree", &["validate", "tree", "positions/bom-crlf-tabs.json"]);
    assert_eq!(code, 1, "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    // `\t{"id": "d2", "parent": "c", "level": "district", "name": "二片区党支部", "grid": `:
    // one tab and six CJK characters, each one column (in bytes it would be 89).
    assert_eq!(lines[0], "positions/bom-crlf-tabs.json:4:77: error[unknown-ref]: $.nodes[2].grid (record \"d2\"): grid \"g-missing\" does not exist");
    assert!(stdout.contains("positions/bom-crlf-tabs.json:9:23: error[grid-code-prefix]: $.grids[3].code (record \"g4\")"), "{stdout}");
    // The same problems, one column further right, in the original with two-space indents.
    let (_, original, _) = run_in("tree", &["validate", "tree", "broken/grids.json"]);
    assert!(original.contains("broken/grids.json:4:78: error[unknown-ref]"), "{original}");
    assert!(original.contains("broken/grids.json:9:24: error[grid-code-prefix]"), "{original}");

    // A CSV roster with a BOM and CRLF: row and the column's first character (after 胜利…).
    let (_, stdout, _) = run_in("tree", &["validate", "tree", "positions/bom-crlf-roster.csv", "--schema", "laifeng"]);
    assert_eq!(stdout.lines().collect::<Vec<_>>(), [
        "positions/bom-crlf-roster.csv:3:7: error[unknown-parent]: row 3, column parent (record \"sl-d1\"): parent \"sl-x\" does not exist",
        "positions/bom-crlf-roster.csv:4:1: error[duplicate-id]: row 4, column id (record \"sl-d1\"): duplicate id \"sl-d1\", first used at row 3",
        "positions/bom-crlf-roster.csv:5:9: error[level-order]: row 5, column level (record \"sl-g\"): a \"group\" may not sit under a \"community\"",
        "positions/bom-crlf-roster.csv: 3 error(s), 0 warning(s)",
    ]);
}

#[test]
fn github_annotations_name_file_line_and_column() {
    let (code, stdout, _) = run_in("tree", &["validate", "tree", "positions/bom-crlf-tabs.json", "--format", "github"]);
    assert_eq!(code, 1);
    let first = stdout.lines().next().unwrap_or_default();
    assert_eq!(first, "::error file=positions/bom-crlf-tabs.json,line=4,col=77,title=grassroots unknown-ref::$.nodes[2].grid (record \"d2\"): grid \"g-missing\" does not exist");
    assert!(stdout.contains("::warning file=positions/bom-crlf-tabs.json,line=10,col="), "{stdout}");
    assert!(stdout.ends_with("positions/bom-crlf-tabs.json: 10 error(s), 2 warning(s)\n"), "{stdout}");
    // A failed case of `test` is an annotation on its file, the text escaped onto one line.
    let (code, stdout, _) = run_in("rules", &["test", "broken-cases", "--format", "github"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("::error file=broken-cases/") && l.contains("%0A  expected: ")), "{stdout}");
    assert!(stdout.ends_with(" passed, 2 failed\n"), "{stdout}");
}

#[test]
fn json_reports_follow_their_schema() {
    let report = schema("report.schema.json");
    let (_, stdout, _) = run_in("tree", &["validate", "tree", "positions/bom-crlf-tabs.json", "--format", "json"]);
    let doc = assert_valid(&report, &stdout, "validate tree");
    assert_eq!(doc["problems"][0]["line"], 4);
    assert_eq!(doc["problems"][0]["column"], 77);
    assert_eq!(doc["problems"][0]["code"], "unknown-ref");
    // Two broken rule sets: one report with both documents.
    let (code, stdout, _) = run_in("rules", &["diff", "rules", "broken/shapes.json", "broken/ids-and-references.json", "--facts", "diff/entities.json", "--format", "json"]);
    assert_eq!(code, 1);
    let both = assert_valid(&report, &stdout, "diff rules");
    assert_eq!(both["documents"].as_array().map(Vec::len), Some(2), "{stdout}");
    for (dir, args) in [
        ("cases", &["validate", "cases", "broken/workflow.json", "--format", "json"][..]),
        ("lists", &["validate", "lists", "broken/abolished-materials.json", "--format", "json"]),
        ("services", &["validate", "demands", "valid/tianyuan-2026.json", "--format", "json"]),
        ("rules", &["test", "cases", "--format", "json"]),
        ("rules", &["test", "broken-cases", "--format", "json"]),
    ] {
        let (_, stdout, _) = run_in(dir, args);
        assert_valid(&report, &stdout, &format!("{args:?}"));
    }
    // The schema is not a formality: a report without its counts is refused.
    let bad = serde_json::json!({"file": "x", "valid": true, "problems": []});
    assert!(!report.is_valid(&bad));
}

#[test]
fn sarif_follows_the_sarif_2_1_0_schema() {
    let sarif = schema("sarif-2.1.0-rtm.5.json");
    let (code, stdout, _) = run_in("tree", &["validate", "tree", "positions/bom-crlf-tabs.json", "--format", "sarif"]);
    assert_eq!(code, 1);
    let log = assert_valid(&sarif, &stdout, "validate tree");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let first = &run["results"][0];
    assert_eq!(first["ruleId"], "unknown-ref");
    assert_eq!(first["level"], "error");
    assert_eq!(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "positions/bom-crlf-tabs.json");
    assert_eq!(first["locations"][0]["physicalLocation"]["region"], serde_json::json!({"startLine": 4, "startColumn": 77}));
    assert_eq!(first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], "$.nodes[2].grid");
    assert_eq!(run["results"].as_array().map(Vec::len), Some(12));
    for (dir, args) in [
        ("rules", &["test", "broken-cases", "--format", "sarif"][..]),
        ("cases", &["validate", "cases", "valid/season-shengli.json", "--format", "sarif"]),
        ("tree", &["validate", "tree", "csv/broken-roster.csv", "--schema", "laifeng", "--format", "sarif"]),
    ] {
        let (_, stdout, _) = run_in(dir, args);
        assert_valid(&sarif, &stdout, &format!("{args:?}"));
    }
    // A log the schema refuses, so that the check above can fail.
    let mut broken = log.clone();
    broken["version"] = Value::from("2.0.0");
    assert!(!sarif.is_valid(&broken));
}

#[test]
fn junit_reports_a_testcase_per_document_or_case_file() {
    let (code, tests, _) = run_in("rules", &["test", "broken-cases", "--format", "junit"]);
    assert_eq!(code, 1);
    assert!(tests.contains("<failure message=\"1 mismatch(es)\" type=\"failure\">"), "{tests}");
    assert!(tests.contains("  expected: "), "{tests}");
    assert!(tests.contains("  actual:   "), "{tests}");
    let (code, passing, _) = run_in("rules", &["test", "cases", "--format", "junit"]);
    assert_eq!(code, 0);
    assert!(passing.contains("tests=\"9\" failures=\"0\""), "{passing}");
    let (_, validate, _) = run_in("tree", &["validate", "tree", "positions/bom-crlf-tabs.json", "--format", "junit"]);
    assert!(validate.contains("<testcase name=\"positions/bom-crlf-tabs.json\" classname=\"grassroots.validate.tree\">"), "{validate}");
    assert!(validate.contains("<failure message=\"10 error(s)\""), "{validate}");
    assert!(validate.contains("<system-out>positions/bom-crlf-tabs.json:10:"), "{validate}");
    // Under --lang zh the failure's message is Chinese too, as its lines are.
    let (_, zh, _) = run_in("tree", &["validate", "tree", "positions/bom-crlf-tabs.json", "--format", "junit", "--lang", "zh"]);
    assert!(zh.contains("<failure message=\"10 个错误\""), "{zh}");
    let (_, lists, _) = run_in("lists", &["validate", "lists", "valid/laifeng-2021.json", "--format", "junit"]);
    assert_junit(&[("tests", &tests), ("passing", &passing), ("validate", &validate), ("zh", &zh), ("lists", &lists)]);
    // The XSD is not a formality: a testsuite without its counts is refused.
    let dir = std::env::temp_dir().join(format!("grassroots-junit-bad-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let bad = dir.join("bad.xml");
    let _ = std::fs::write(&bad, "<testsuites><testsuite name=\"x\"><testcase name=\"a\" classname=\"b\"/></testsuite></testsuites>");
    let out = Command::new("java")
        .args([root().join("docs/schemas/XsdCheck.java"), root().join("docs/schemas/junit.xsd"), bad])
        .output()
        .unwrap_or_else(|e| panic!("java: {e}"));
    assert!(!out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn a_format_a_command_does_not_take_exits_2() {
    let (code, _, stderr) = run_in("tree", &["validate", "tree", "broken/grids.json", "--format", "xlsx"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("`validate tree` takes --format text, json, github, junit, sarif, not xlsx"), "{stderr}");
    let (code, _, stderr) = run_in("tree", &["stats", "tree", "valid/laifeng-shengli.json", "--format", "junit"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn lists_commands_take_the_old_new_document() {
    let dir = std::env::temp_dir().join(format!("grassroots-pair-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let read = |name: &str| std::fs::read_to_string(data_dir("lists").join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let pair = format!("{{\"old\": {}, \"new\": {}}}", read("valid/laifeng-2020.json"), read("valid/laifeng-2021.json"));
    let file = dir.join("pair.json");
    std::fs::write(&file, &pair).unwrap_or_else(|e| panic!("{e}"));
    let path = file.display().to_string();
    // The new version unless told otherwise; the answers are those of each version alone.
    for (version, alone) in [(None, "valid/laifeng-2021.json"), (Some("old"), "valid/laifeng-2020.json")] {
        let mut args = vec!["lookup", "certificate", "户籍证明", "--lists", &path];
        args.extend(version.map(|v| ["--version", v]).into_iter().flatten());
        let (code, from_pair, stderr) = run_in("lists", &args);
        let (code_alone, from_alone, _) = run_in("lists", &["lookup", "certificate", "户籍证明", "--lists", alone]);
        assert_eq!((code, &from_pair), (code_alone, &from_alone), "{version:?}: {stderr}");
        assert!(!from_pair.is_empty());
    }
    let (code, stdout, stderr) = run_in("lists", &["validate", "lists", &path]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (code, from_pair, _) = run_in("lists", &["diff", "lists", &path]);
    let (_, from_two, _) = run_in("lists", &["diff", "lists", "valid/laifeng-2020.json", "valid/laifeng-2021.json"]);
    assert_eq!((code, from_pair), (0, from_two));
    // A problem of the new version is placed in the pair document, under $.new.
    let broken = format!("{{\"old\": {}, \"new\": {}}}", read("valid/laifeng-2020.json"), read("broken/abolished-materials.json"));
    std::fs::write(&file, &broken).unwrap_or_else(|e| panic!("{e}"));
    let (code, stdout, _) = run_in("lists", &["validate", "lists", &path]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains(": error[abolished-material]: $.new.items[3].materials[1].item (record \"svc-temp-relief\")"), "{stdout}");
    let line = stdout.lines().find(|l| l.contains("$.new.items[3].materials[1].item")).unwrap_or_default();
    let place: Vec<&str> = line.splitn(4, ':').collect();
    let old_lines = read("valid/laifeng-2020.json").lines().count();
    // `{"old": ` + the old version's lines, then the new one's line 10 (where it is alone).
    assert_eq!(place[1].parse::<usize>().ok(), Some(old_lines + 10), "{line}");
}

#[test]
fn completions_and_the_man_page_come_from_the_definitions() {
    for (shell, mark) in [("bash", "complete -F"), ("zsh", "#compdef grassroots"), ("fish", "complete -c grassroots"), ("powershell", "Register-ArgumentCompleter")] {
        let (code, stdout, stderr) = run_in("tree", &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        assert!(stdout.contains(mark), "{shell}: {stdout}");
        // Every command and the formats are there.
        for word in ["validate", "certificate", "init", "sarif"] {
            assert!(stdout.contains(word), "{shell} lacks {word}");
        }
    }
    let (code, page, _) = run_in("tree", &["man"]);
    assert_eq!(code, 0);
    assert!(page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH grassroots"), "{page}");
    assert!(page.contains("validate") && page.contains("completions"), "{page}");
    let dir = std::env::temp_dir().join(format!("grassroots-man-{}", std::process::id()));
    let (code, _, stderr) = run_in("tree", &["man", "--dir", &dir.display().to_string()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.join("grassroots-validate-tree.1").is_file());
}

#[test]
fn init_makes_a_repository_on_which_every_check_passes() {
    let dir = std::env::temp_dir().join(format!("grassroots-init-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (code, stdout, stderr) = run_in("tree", &["init", &dir.display().to_string()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap_or_default();
    assert!(readme.contains("怎么检查") && readme.contains("grassroots validate tree org.json"), "{readme}");
    let job = std::fs::read_to_string(dir.join(".github/workflows/grassroots.yml")).unwrap_or_default();
    assert!(job.contains("--format github") && job.contains("actions/upload-artifact") && job.contains("--format junit"), "{job}");
    // Every grassroots command of the CI job, as the job runs it, passes (exit 0); the
    // JUnit reports it uploads are valid and have no failure.
    let mut ran = 0;
    let mut reports = Vec::new();
    for line in job.lines() {
        let command = line.trim().trim_start_matches("run: ").trim_end_matches(" || true");
        let Some(rest) = command.strip_prefix("grassroots ") else { continue };
        let (args, to_file) = match rest.split_once(" > ") {
            Some((args, file)) => (args, Some(file)),
            None => (rest, None),
        };
        let args: Vec<&str> = args.split_whitespace().collect();
        let (code, stdout, stderr) = run_at(&dir, &args);
        assert_eq!(code, 0, "grassroots {args:?}\n{stdout}{stderr}");
        assert!(!stdout.contains("::error"), "{stdout}");
        if let Some(file) = to_file {
            assert!(stdout.contains("failures=\"0\""), "{file}: {stdout}");
            reports.push((file.replace(['/', '.'], "-"), stdout));
        }
        ran += 1;
    }
    assert!(ran >= 16, "the job runs {ran} commands");
    let reports: Vec<(&str, &str)> = reports.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    assert_junit(&reports);
    // A second init into the same folder refuses to overwrite it.
    let (code, _, stderr) = run_in("tree", &["init", &dir.display().to_string()]);
    assert_eq!(code, 2, "{stderr}");
}

/// `import` in the problem formats: a cell's problem at its row (the line; a spreadsheet has
/// no character column) with its sheet, row and header in the JSON; the document only to -o.
#[test]
fn import_reports_in_every_problem_format() {
    let org = "../tree/valid/laifeng-shengli.json";
    let report = schema("report.schema.json");
    let (code, stdout, _) = run_in("sheets", &["import", "members", "members-broken.csv", "--org", org, "--format", "json"]);
    assert_eq!(code, 1);
    let doc = assert_valid(&report, &stdout, "import json");
    assert_eq!((doc["file"].as_str(), doc["errors"].as_u64(), doc["warnings"].as_u64()), (Some("members-broken.csv"), Some(6), Some(2)), "{stdout}");
    let checksum = doc["problems"].as_array().and_then(|ps| ps.iter().find(|p| p["header"] == "公民身份号码")).cloned().unwrap_or_default();
    assert_eq!((checksum["row"].as_u64(), checksum["line"].as_u64(), &checksum["column"]), (Some(3), Some(3), &Value::Null), "{checksum}");
    assert_eq!(checksum["sheet"], "members-broken");
    assert_eq!(checksum["path"], "sheet members-broken, row 3, column 公民身份号码");
    // With --lang zh the message says the place in Chinese; the path and fields stay.
    let (_, stdout, _) = run_in("sheets", &["import", "members", "members-broken.csv", "--org", org, "--format", "json", "--lang", "zh"]);
    let doc = assert_valid(&report, &stdout, "import json in Chinese");
    let checksum = doc["problems"].as_array().and_then(|ps| ps.iter().find(|p| p["header"] == "公民身份号码")).cloned().unwrap_or_default();
    assert_eq!(checksum["path"], "sheet members-broken, row 3, column 公民身份号码");
    assert!(checksum["message"].as_str().is_some_and(|m| m.starts_with("工作表“members-broken” 第 3 行 “公民身份号码”列")), "{checksum}");
    let (_, github, _) = run_in("sheets", &["import", "members", "members-broken.csv", "--org", org, "--format", "github"]);
    assert!(github.lines().any(|l| l.starts_with("::error file=members-broken.csv,line=3,title=grassroots ")), "{github}");
    let (_, sarif_out, _) = run_in("sheets", &["import", "members", "members-broken.csv", "--org", org, "--format", "sarif"]);
    let log = assert_valid(&schema("sarif-2.1.0-rtm.5.json"), &sarif_out, "import sarif");
    assert_eq!(log["runs"][0]["results"].as_array().map(Vec::len), Some(8));
    assert!(log["runs"][0]["results"].as_array().is_some_and(|r| r.iter().any(|x| x["locations"][0]["physicalLocation"]["region"] == serde_json::json!({"startLine": 3}))), "{sarif_out}");
    // A clean import: a passing testcase, and the document only in -o.
    let out = std::env::temp_dir().join(format!("grassroots-import-{}.json", std::process::id()));
    let (code, junit, stderr) = run_in("sheets", &["import", "members", "members.xls", "--org", org, "--format", "junit", "-o", &out.to_string_lossy()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(junit.contains("<testcase name=\"members.xls\" classname=\"grassroots.import\">") && junit.contains("failures=\"0\""), "{junit}");
    assert!(junit.contains("<system-out>members.xls:9: warning[not-reported]: sheet members, row 9, column 报到社区"), "a warning at its row: {junit}");
    let (_, broken_junit, _) = run_in("sheets", &["import", "members", "members-broken.csv", "--org", org, "--format", "junit"]);
    assert!(broken_junit.contains("<failure message=\"6 error(s)\""), "{broken_junit}");
    assert_junit(&[("import", &junit), ("import broken", &broken_junit)]);
    let written = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(written.contains("\"members\""), "the document went to -o");
    let (code, stdout, _) = run_in("tree", &["validate", "tree", &out.to_string_lossy(), "--format", "json"]);
    assert_eq!(code, 0, "{stdout}");
}
