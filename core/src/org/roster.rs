//! CSV rosters: the node list as spreadsheets export it, one row a node, with a header row
//! naming the columns `id, parent, level, name, code, grid` (any order; `parent`, `code` and
//! `grid` may be empty). Problems name the row (the header is row 1) and the column.

use super::tree::NodeRecord;
use crate::error::{Error, Problem, ProblemKind};

const COLUMNS: [&str; 6] = ["id", "parent", "level", "name", "code", "grid"];

/// Reads a node roster. Every row is read; problems name row and column.
pub fn nodes_from_csv(text: &str) -> Result<Vec<NodeRecord>, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text); // Excel writes a BOM
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(e) => return Err(Error::Syntax { line: 1, column: 1, message: e.to_string() }),
    };
    let mut problems = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if !COLUMNS.contains(&name.as_str()) {
            let message = format!("unknown column `{name}`, expected {}", COLUMNS.join(", "));
            problems.push(Problem::error(None, format!("row 1, column {}", i + 1), ProblemKind::Shape { message }));
        }
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    for required in ["id", "level", "name"] {
        if col(required).is_none() {
            let message = format!("missing column `{required}`");
            problems.push(Problem::error(None, "row 1".to_owned(), ProblemKind::Shape { message }));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid { problems });
    }
    let mut records = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let line = i + 2;
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                problems.push(Problem::error(None, format!("row {line}"), ProblemKind::Shape { message: e.to_string() }));
                continue;
            }
        };
        if row.len() > header.len() {
            let message = format!("{} fields, the header has {}", row.len(), header.len());
            problems.push(Problem::error(None, format!("row {line}"), ProblemKind::Shape { message }));
        }
        let get = |name: &str| col(name).and_then(|c| row.get(c)).map(str::to_owned).filter(|v| !v.is_empty());
        records.push(NodeRecord {
            id: get("id").unwrap_or_default(),
            parent: get("parent"),
            level: get("level").unwrap_or_default(),
            name: get("name").unwrap_or_default(),
            code: get("code"),
            grid: get("grid"),
            committee: None,
            linked_households: None,
        });
    }
    if problems.is_empty() { Ok(records) } else { Err(Error::Invalid { problems }) }
}

/// Rewrites `$.nodes[i].field` paths as `row i+2, column field`, for problems found in
/// records that came from a roster.
pub fn csv_paths(problems: &mut [Problem]) {
    for p in problems {
        if let Some(row) = csv_path(&p.path) {
            p.path = row;
        }
        if let ProblemKind::DuplicateId { first, .. } | ProblemKind::DuplicateCode { first, .. } = &mut p.kind {
            if let Some(row) = csv_path(first) {
                *first = row;
            }
        }
    }
}

fn csv_path(path: &str) -> Option<String> {
    let (index, field) = path.strip_prefix("$.nodes[")?.split_once(']')?;
    let row = index.parse::<usize>().ok()? + 2;
    let field = field.trim_start_matches('.');
    Some(if field.is_empty() { format!("row {row}") } else { format!("row {row}, column {field}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_in_any_column_order() -> Result<(), Error> {
        let records = nodes_from_csv("\u{feff}name,id,level,parent\n胜利社区党委,c1,community,\n一片区, d1 ,district,c1\n")?;
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].id, "d1");
        assert_eq!(records[1].parent.as_deref(), Some("c1"));
        assert_eq!(records[0].parent, None);
        Ok(())
    }

    #[test]
    fn names_rows_and_columns() {
        let Err(Error::Invalid { problems }) = nodes_from_csv("id,level,colour\n") else { panic!("must fail") };
        let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["row 1, column 3", "row 1"]);
        let mut p = vec![Problem::error(None, "$.nodes[3].parent".into(), ProblemKind::NoRoot)];
        csv_paths(&mut p);
        assert_eq!(p[0].path, "row 5, column parent");
    }
}
