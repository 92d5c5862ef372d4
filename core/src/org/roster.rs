//! CSV rosters, as spreadsheets export them: a header row naming the columns (any order),
//! then one row a record. Problems name the row (the header is row 1) and the column.
//!
//! - Node roster: `id, parent, level, name, code, grid` (`parent`, `code`, `grid` may be
//!   empty).
//! - Member roster (党员花名册): `id, name, kind, flow, node, grid, posts, reports_to, phone,
//!   id_card`; `kind` is `in_service` / `retired` / `mobile` / `no_office` or 在职 / 离退休 /
//!   流动 / 无职, `flow` is `in` / `out` or 流入 / 流出, `posts` lists post ids separated by
//!   `;` or `、`.

use serde_json::{Map, Value};

use super::Text;
use super::records::MemberRecord;
use super::tree::NodeRecord;
use crate::error::{Error, Problem, ProblemKind};

const MEMBER_COLUMNS: [&str; 10] = ["id", "name", "kind", "flow", "node", "grid", "posts", "reports_to", "phone", "id_card"];

/// The header and the readable rows (with their row numbers, the header being row 1) of a
/// roster; rows that cannot be read, or have more fields than the header, are problems.
type Rows = (Vec<String>, Vec<(usize, csv::StringRecord)>, Vec<Problem>);

fn read_rows(text: &str, known: &[&str], required: &[&str]) -> Result<Rows, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text); // Excel writes a BOM
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(e) => return Err(Error::Syntax { line: 1, column: 1, message: e.to_string() }),
    };
    let mut problems = header_problems(&header, known, required);
    if !problems.is_empty() {
        return Err(Error::Invalid { problems });
    }
    let mut rows = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let line = i + 2;
        match row {
            Ok(row) if row.len() > header.len() => {
                let message = format!("{} fields, the header has {}", row.len(), header.len());
                problems.push(Problem::error(None, format!("row {line}"), ProblemKind::Shape { message }));
            }
            Ok(row) => rows.push((line, row)),
            Err(e) => problems.push(Problem::error(None, format!("row {line}"), ProblemKind::Shape { message: e.to_string() })),
        }
    }
    Ok((header, rows, problems))
}

/// Reads a member roster. Every row is read; problems name row and column.
pub fn members_from_csv(text: &str) -> Result<Vec<MemberRecord>, Error> {
    let (header, rows, mut problems) = read_rows(text, &MEMBER_COLUMNS, &["id", "name", "kind", "node"])?;
    let mut records = Vec::new();
    for (line, row) in rows {
        let mut object = Map::new();
        for (name, cell) in header.iter().zip(row.iter()).filter(|(_, c)| !c.is_empty()) {
            let value = match (name.as_str(), cell) {
                ("posts", list) => Value::Array(list.split([';', '；', '、']).map(str::trim).filter(|p| !p.is_empty()).map(|p| Value::String(p.to_owned())).collect()),
                ("kind", "在职") => "in_service".into(),
                ("kind", "离退休" | "退休") => "retired".into(),
                ("kind", "流动") => "mobile".into(),
                ("kind", "无职") => "no_office".into(),
                ("flow", "流入") => "in".into(),
                ("flow", "流出") => "out".into(),
                (_, other) => other.into(),
            };
            object.insert(name.clone(), value);
        }
        let id = object.get("id").and_then(Value::as_str).map(str::to_owned);
        match crate::jsonpath::read_record_inner::<MemberRecord>(&Value::Object(object)) {
            Ok(record) => records.push(record),
            Err((column, message)) => {
                let column = column.split(['.', '[']).next().unwrap_or("").to_owned();
                let path = if column.is_empty() || column == "." { format!("row {line}") } else { format!("row {line}, column {column}") };
                problems.push(Problem::error(id, path, ProblemKind::Shape { message }));
            }
        }
    }
    if problems.is_empty() { Ok(records) } else { Err(Error::Invalid { problems }) }
}

fn header_problems(header: &[String], known: &[&str], required: &[&str]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if !known.contains(&name.as_str()) {
            let message = format!("unknown column `{name}`, expected {}", known.join(", "));
            problems.push(Problem::error(None, format!("row 1, column {}", i + 1), ProblemKind::Shape { message }));
        }
    }
    for column in required {
        if !header.iter().any(|h| h == column) {
            problems.push(Problem::error(None, "row 1".to_owned(), ProblemKind::Shape { message: format!("missing column `{column}`") }));
        }
    }
    problems
}

const COLUMNS: [&str; 6] = ["id", "parent", "level", "name", "code", "grid"];

/// Reads a node roster. Every row is read; problems name row and column.
pub fn nodes_from_csv(text: &str) -> Result<Vec<NodeRecord>, Error> {
    let (header, rows, problems) = read_rows(text, &COLUMNS, &["id", "level", "name"])?;
    let col = |name: &str| header.iter().position(|h| h == name);
    let mut records = Vec::new();
    for (_, row) in rows {
        let get = |name: &str| col(name).and_then(|c| row.get(c)).map(str::to_owned).filter(|v| !v.is_empty());
        records.push(NodeRecord {
            id: get("id").unwrap_or_default().into(),
            parent: get("parent").map(Text::from),
            level: get("level").unwrap_or_default().into(),
            name: get("name").unwrap_or_default().into(),
            code: get("code").map(Text::from),
            grid: get("grid").map(Text::from),
            committee: None,
            linked_households: None,
        });
    }
    if problems.is_empty() { Ok(records) } else { Err(Error::Invalid { problems }) }
}

/// Rewrites `$.<section>[i].field` paths as `<label>row i+2, column field`, for problems
/// found in records of `section` that came from a roster (e.g. `("nodes", "")`,
/// `("members", "members.csv ")`).
pub fn csv_paths(problems: &mut [Problem], section: &str, label: &str) {
    let prefix = format!("$.{section}[");
    let rewrite = |path: &str| -> Option<String> {
        let (index, field) = path.strip_prefix(prefix.as_str())?.split_once(']')?;
        let row = index.parse::<usize>().ok()? + 2;
        let field = field.trim_start_matches('.');
        Some(if field.is_empty() { format!("{label}row {row}") } else { format!("{label}row {row}, column {field}") })
    };
    for p in problems {
        if let Some(row) = rewrite(&p.path) {
            p.path = row;
        }
        if let ProblemKind::DuplicateId { first, .. } | ProblemKind::DuplicateCode { first, .. } = &mut p.kind {
            if let Some(row) = rewrite(first) {
                *first = row;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_rosters_take_chinese_kinds_and_name_bad_cells() {
        let csv = "id,name,kind,flow,node,grid,posts,phone\nm1,彭光明,离退休,,g1,grid1,p1；p2,13907181234\nm2,刘芳,流动,流出,g1,,,\nm3,黄志强,党员,,g1,grid1,,123\n";
        let Err(Error::Invalid { problems }) = members_from_csv(csv) else { panic!("row 4 is wrong") };
        let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["row 4, column kind"]);
        let ok = members_from_csv(&csv.replace("党员,,g1,grid1,,123", "无职,,g1,grid1,,")).unwrap_or_default();
        assert_eq!(ok.len(), 3);
        assert_eq!(ok[0].posts, ["p1", "p2"]);
        assert_eq!(ok[1].flow, Some(super::super::records::Flow::Out));
        assert_eq!(ok[0].phone.as_ref().map(ToString::to_string).as_deref(), Some("139****1234"));
    }

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
        csv_paths(&mut p, "nodes", "");
        assert_eq!(p[0].path, "row 5, column parent");
    }
}
