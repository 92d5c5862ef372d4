//! JSON paths as problems name them (`$.grids[3].workers[0].phone`), shared by every loader.

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
