//! JSON paths as problems name them (`$.grids[3].workers[0].phone`), shared by every loader,
//! and [`read`], the one way a loader reads a record from a JSON value with the path of what
//! is wrong in it.

use serde::de::DeserializeOwned;
use serde_json::Value;

#[cfg(any(feature = "lean-paths", test))]
mod lean;

/// Reads a record from `value`, which sits at `prefix` (`$.nodes[3]`). On failure: the JSON
/// path of what is wrong (`$.nodes[3].parent`) and `serde_json`'s message.
///
/// With the `lean-paths` feature (the wasm build) through our own path-keeping `&Value`
/// deserializer ([`lean`]), otherwise through `serde_path_to_error`; both give the same path
/// and message, which the unit tests check record type by record type.
pub(crate) fn read<T: DeserializeOwned>(value: &Value, prefix: &str) -> Result<T, (String, String)> {
    read_inner(value).map_err(|(inner, message)| (join(prefix, &inner), message))
}

/// As [`read`], with the path inside `value` in `serde_path_to_error`'s notation (`.` for
/// `value` itself, `level`, `[2].name`).
#[cfg(feature = "lean-paths")]
pub(crate) fn read_inner<T: DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
    lean::read(value).map_err(|(path, e)| (path, e.to_string()))
}

/// As [`read`], with the path inside `value` in `serde_path_to_error`'s notation (`.` for
/// `value` itself, `level`, `[2].name`).
#[cfg(not(feature = "lean-paths"))]
pub(crate) fn read_inner<T: DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
    serde_path_to_error::deserialize(value).map_err(|e| (e.path().to_string(), e.into_inner().to_string()))
}

/// Appends a path from `serde_path_to_error` (`level`, `[2].name`, or `.` for the value
/// itself) to `prefix`.
pub(crate) fn join(prefix: &str, inner: &str) -> String {
    if inner == "." || inner.is_empty() {
        prefix.to_owned()
    } else if inner.starts_with('[') {
        format!("{prefix}{inner}")
    } else {
        format!("{prefix}.{inner}")
    }
}

/// Where a path sorts: by the top-level field's place in `fields` (unknown fields and `$`
/// itself first), then by the record's index. `$.grids[12].code` with `grids` third → (3, 13).
pub(crate) fn sort_key(path: &str, fields: &[&str]) -> (usize, usize) {
    let Some(rest) = path.strip_prefix("$.") else { return (0, 0) };
    let name_end = rest.find(['[', '.']).unwrap_or(rest.len());
    let field = fields.iter().position(|f| *f == &rest[..name_end]).map_or(0, |p| p + 1);
    let index = rest[name_end..]
        .strip_prefix('[')
        .and_then(|r| r.find(']').and_then(|end| r[..end].parse::<usize>().ok()))
        .map_or(0, |i| i + 1);
    (field, index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_and_sort() {
        let fields = ["schema", "nodes", "grids"];
        assert_eq!(sort_key("$.version", &fields), (0, 0));
        assert_eq!(sort_key("$", &fields), (0, 0));
        assert_eq!(sort_key("$.nodes", &fields), (2, 0));
        assert_eq!(sort_key("$.nodes[3].parent", &fields), (2, 4));
        assert_eq!(sort_key("$.grids[12].workers[0].phone", &fields), (3, 13));
        assert_eq!(join("$.nodes[1]", "."), "$.nodes[1]");
        assert_eq!(join("$.nodes[1]", "level"), "$.nodes[1].level");
        assert_eq!(join("$.schema", "levels[0].zh"), "$.schema.levels[0].zh");
        assert_eq!(join("$.nodes", "[2].name"), "$.nodes[2].name");
    }
}
