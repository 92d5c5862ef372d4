//! The limits (`--max-bytes`, `--max-depth`, `--max-string`, `--max-records`) at their edges,
//! through every JSON reader of the CLI: a document exactly at a limit reads as before; one
//! past it is refused with a problem naming the limit and the JSON path (exit 1), or, for a
//! file over `--max-bytes`, is not read at all (exit 2). The defaults refuse what issue 17
//! names: a 2-million-character name, nesting 100,000 deep, 10 million items.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("tests").join("data").join(path)
}

/// Runs the CLI; returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_grassroots"));
    let out = Command::new(&bin).args(args).output().unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

/// A file of this test's own under the system's temporary folder.
fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("grassroots-cli-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}

/// Nesting of arrays and objects, as the limit counts it (`{}` is 1 deep).
fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// The most items of one array, or keys of one object.
fn items(v: &Value) -> usize {
    match v {
        Value::Array(a) => a.iter().map(items).max().unwrap_or(0).max(a.len()),
        Value::Object(o) => o.values().map(items).max().unwrap_or(0).max(o.len()),
        _ => 0,
    }
}

/// The problems of a `--format json` report.
fn problems(stdout: &str) -> Vec<Value> {
    let report: Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    report.get("problems").and_then(Value::as_array).cloned().unwrap_or_default()
}

/// The validators and their fixtures: every JSON reader the CLI has.
const READERS: [(&str, &str); 6] = [
    ("tree", "tree/valid/laifeng-shengli.json"),
    ("lists", "lists/valid/laifeng-2021.json"),
    ("cases", "cases/valid/season-shengli.json"),
    ("rules", "rules/five-star-community.json"),
    ("demands", "services/valid/tianyuan-2026.json"),
    ("claims", "services/valid/month-boundary.json"),
];

#[test]
fn each_reader_reads_a_document_at_its_depth_and_items_and_refuses_one_less() {
    for (what, fixture) in READERS {
        let file = data(fixture);
        let file_arg = file.to_str().unwrap_or_default();
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap_or_default()).unwrap_or_else(|e| panic!("{fixture}: {e}"));
        let (base, out, err) = run(&["validate", what, file_arg, "--format", "json"]);
        assert!(base < 2, "{fixture}: {out}{err}");
        assert!(!problems(&out).iter().any(|p| p["code"] == "limit"), "{fixture} passes a default limit");
        for (flag, at, limit) in [("--max-depth", depth(&doc), "depth"), ("--max-records", items(&doc), "records")] {
            let (code, out, err) = run(&["validate", what, file_arg, "--format", "json", flag, &at.to_string()]);
            assert_eq!(code, base, "{fixture} at {flag} {at}: {out}{err}");
            let (code, out, _) = run(&["validate", what, file_arg, "--format", "json", flag, &(at - 1).to_string()]);
            assert_eq!(code, 1, "{fixture} past {flag} {}", at - 1);
            let found = problems(&out);
            assert!(!found.is_empty() && found.iter().all(|p| p["code"] == "limit" && p["limit"] == limit && p["max"] == at - 1), "{fixture} {flag}: {out}");
            assert!(found.iter().all(|p| p["path"].as_str().is_some_and(|path| path.starts_with('$')) && p["line"].as_u64().is_some()), "{out}");
        }
        // Bytes: the file's size exactly is read; a byte less is not read at all.
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or_default();
        let (code, _, _) = run(&["validate", what, file_arg, "--max-bytes", &size.to_string()]);
        assert_eq!(code, base, "{fixture} at --max-bytes {size}");
        let (code, _, err) = run(&["validate", what, file_arg, "--max-bytes", &(size - 1).to_string()]);
        assert_eq!(code, 2, "{fixture} past --max-bytes");
        assert!(err.contains(&format!("{size} bytes, over the limit of {} bytes (--max-bytes)", size - 1)), "{err}");
    }
}

#[test]
fn a_long_name_is_read_at_the_string_limit_and_refused_past_it() {
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(data("tree/valid/laifeng-shengli.json")).unwrap_or_default()).unwrap_or(Value::Null);
    let name = "长".repeat(2000); // 6,000 bytes of UTF-8, longer than any other string
    doc["nodes"][0]["name"] = Value::String(name);
    let file = scratch("long-name.json", &doc.to_string());
    let file = file.to_str().unwrap_or_default();
    let (code, out, err) = run(&["validate", "tree", file, "--max-string", "6000"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = run(&["validate", "tree", file, "--max-string", "5999", "--format", "json"]);
    assert_eq!(code, 1);
    let found = problems(&out);
    assert_eq!(found.len(), 1, "{out}");
    assert_eq!((found[0]["path"].as_str(), found[0]["limit"].as_str(), found[0]["found"].as_u64()), (Some("$.nodes[0].name"), Some("string"), Some(6000)));
}

#[test]
fn the_defaults_refuse_what_would_exhaust_a_machine() {
    // A 2-million-character name.
    let long = format!("{{\"schema\": \"laifeng\", \"nodes\": [{{\"id\": \"r\", \"level\": \"street\", \"name\": \"{}\"}}]}}", "x".repeat(2_000_000));
    // Nesting 100,000 deep.
    let deep = format!("{{\"nodes\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    // 10,000,001 members (20 MB of text: refused without building one).
    let many = format!("{{\"nodes\": [], \"members\": [{}0]}}", "0,".repeat(10_000_000));
    for (name, text, path, limit) in [("long.json", long, "$.nodes[0].name", "string"), ("deep.json", deep, "$.nodes", "depth"), ("many.json", many, "$.members", "records")] {
        let file = scratch(name, &text);
        // (The 20 MB document through one reader: the pass is the same for all, and slow in a debug build.)
        let readers: &[&str] = if name == "many.json" { &["tree"] } else { &["tree", "lists", "cases", "rules", "demands", "claims"] };
        for &what in readers {
            let (code, out, err) = run(&["validate", what, file.to_str().unwrap_or_default(), "--format", "json"]);
            assert_eq!(code, 1, "{name} {what}: {err}");
            let found = problems(&out);
            assert_eq!(found.len(), 1, "{name} {what}: {out}");
            assert_eq!(found[0]["limit"], limit, "{name} {what}");
            if limit != "depth" {
                assert_eq!(found[0]["path"], path, "{name} {what}");
            } else {
                assert!(found[0]["path"].as_str().is_some_and(|p| p.starts_with(path)), "{name} {what}: {out}");
            }
        }
    }
    // In text, the limit is named with its flag's word and the place.
    let file = scratch("deep2.json", &format!("{}{}", "[".repeat(70), "]".repeat(70)));
    let (code, out, _) = run(&["validate", "tree", file.to_str().unwrap_or_default()]);
    assert_eq!(code, 1);
    assert!(out.contains("error[limit]") && out.contains("nested deeper than the limit of 64 levels (limit `depth`)"), "{out}");
}

/// A spreadsheet's sheet may span as many cells as `--max-records`: an .xlsx counts the cells
/// with a value (it is read cell by cell), an .xls the rows × columns from its first cell to its
/// last (calamine builds that range whole). At the limit the import reads; one less, it is
/// refused, naming the sheet (issue 17; the same check keeps a damaged file from asking for
/// hundreds of gigabytes: tests/data/sheets/broken).
#[test]
fn a_sheet_is_read_at_the_records_limit_and_refused_past_it() {
    let org = data("tree/valid/laifeng-shengli.json");
    for file in ["members.xlsx", "members.xls"] {
        let path = data(&format!("sheets/{file}"));
        let bytes = std::fs::read(&path).unwrap_or_default();
        let sheets = grassroots::sheets::sheets(file, &bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        let at = sheets
            .iter()
            .map(|s| match file.ends_with(".xlsx") {
                true => s.rows.iter().map(|(_, cells)| cells.iter().filter(|c| **c != grassroots::sheets::Cell::Empty).count()).sum::<usize>(),
                false => s.rows.len() * s.rows.iter().map(|(_, cells)| cells.len()).max().unwrap_or(0),
            })
            .max()
            .unwrap_or(0);
        assert!(at > 10, "{file}: {at}");
        let args = |max: usize| {
            let (code, out, err) = run(&["import", "members", path.to_str().unwrap_or_default(), "--org", org.to_str().unwrap_or_default(), "--format", "json", "--max-records", &max.to_string()]);
            (code, problems(&out).into_iter().filter(|p| p["code"] == "sheet-too-large").collect::<Vec<_>>(), err)
        };
        let (code, refused, err) = args(at);
        assert!(code == 0 && refused.is_empty(), "{file} at --max-records {at}: {refused:?} {err}");
        let (code, refused, _) = args(at - 1);
        assert_eq!(code, 1, "{file} past --max-records");
        assert_eq!(refused.len(), 1, "{file}: {refused:?}");
        assert_eq!((refused[0]["sheet"].as_str(), refused[0]["max"].as_u64()), (Some("members"), Some(at as u64 - 1)), "{file}");
    }
}
