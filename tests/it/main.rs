//! Cross-crate tests over the shared fixtures in `tests/data/`. The same files feed the
//! browser tests and the demo site.

mod edit;
mod nets;
mod rules;
mod services;
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
