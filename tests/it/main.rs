//! Cross-crate tests over the shared fixtures in `tests/data/`. The same files feed the
//! browser tests and the demo site.

mod edit;
mod lists;
mod nets;
mod rules;
mod tree;

use std::path::{Path, PathBuf};

/// `tests/data/<sub>`, independent of the directory cargo runs the test from.
pub fn data_dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(sub)
}

/// The `.json` fixtures in a directory, sorted, without the `.expected.json` files.
pub fn fixtures(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| !p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no fixtures in {}", dir.display());
    out
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Loads every fixture in `dir` (a `broken/` folder) with `load` and checks that it reports
/// exactly what its `.expected.json` lists: `{"syntax": {"line", "column"}}` for text that is
/// not JSON, else `problems` (errors) and `warnings`, each problem projected onto the keys
/// the expectation names (so fixtures state what matters).
pub fn check_broken(dir: &Path, load: impl Fn(&str) -> Result<(), grassroots::Error>) {
    use grassroots::rules::cases::project;
    use grassroots::{Error, Severity};
    use serde_json::Value;
    for path in fixtures(dir) {
        let name = path.display();
        let expected_path = path.with_extension("expected.json");
        let expected: Value = serde_json::from_str(&read(&expected_path)).unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let err = match load(&read(&path)) {
            Ok(()) => panic!("{name} loaded but should not"),
            Err(e) => e,
        };
        match (&err, &expected) {
            (Error::Syntax { line, column, .. }, e) if e.get("syntax").is_some() => {
                assert_eq!(serde_json::json!({"line": line, "column": column}), e["syntax"], "{name}");
            }
            (Error::Invalid { problems }, e) => {
                for (key, severity) in [("problems", Severity::Error), ("warnings", Severity::Warning)] {
                    let want = e.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
                    let got: Vec<Value> = problems
                        .iter()
                        .filter(|p| p.severity == severity)
                        .map(|p| serde_json::to_value(p).unwrap_or(Value::Null))
                        .collect();
                    let shown: Vec<Value> = got.iter().zip(want.iter().chain(std::iter::repeat(&Value::Null))).map(|(g, w)| project(g, w)).collect();
                    assert_eq!(shown, want, "{name} {key}: all were {got:#?}");
                }
            }
            (other, e) => panic!("{name}: got {other:?}, expected {e}"),
        }
    }
}
