//! Cross-crate tests over the shared fixtures in `tests/data/`. The same files feed the
//! browser tests and the demo site.

mod cases;
mod edit;
mod geo;
mod lists;
mod nets;
mod rules;
mod services;
mod sheets;
mod tree;

use std::path::{Path, PathBuf};

use grassroots::rules::cases::{normalize, project};
use grassroots::{Error, Severity};
use serde_json::{Value, json};

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

/// Checks that every fixture in `dir` fails to load with exactly the problems (and warnings)
/// its `.expected.json` lists, each projected to the keys the expectation names; or, for
/// text that is not JSON, the `syntax` position.
pub fn check_broken<T>(dir: &str, load: impl Fn(&str) -> Result<T, Error>) {
    for path in fixtures(&data_dir(dir)) {
        let expected_path = path.with_extension("expected.json");
        let expected: Value = serde_json::from_str(&read(&expected_path))
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let err = match load(&read(&path)) {
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
                    // The projection reads numbers as floats: read the expected ones alike.
                    let want: Vec<Value> = want.iter().map(normalize).collect();
                    assert_eq!(shown, want, "{} {key}: all were {got:#?}", path.display());
                }
                assert!(problems.iter().all(|p| !p.path.is_empty()));
            }
            (other, e) => panic!("{}: got {other:?}, expected {e}", path.display()),
        }
    }
}
