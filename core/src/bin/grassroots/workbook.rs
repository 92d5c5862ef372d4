//! A command's JSON report laid out as an .xlsx workbook (`--format xlsx -o FILE`), and the
//! writing of workbooks (`export` too). Depends on no other module of the CLI.

use std::path::Path;

use grassroots::sheets::xlsx::{Table, Value as Cell, Workbook};
use serde_json::Value;

/// Writes a command's JSON report as a workbook to `output`.
pub(crate) fn write_report(value: &Value, title: &str, output: Option<&Path>) -> Result<(), String> {
    write(&json_workbook(title, value), output)
}

/// The time of export as the first rows of every sheet show it: now, at +08:00.
pub(crate) fn now_text() -> String {
    let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
    match chrono::FixedOffset::east_opt(8 * 3600) {
        Some(offset) => now.with_timezone(&offset).format("%Y-%m-%d %H:%M +08:00").to_string(),
        None => now.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

/// Writes a workbook to `output` (`-o`); the message when it cannot.
pub(crate) fn write(book: &Workbook, output: Option<&Path>) -> Result<(), String> {
    let output = output.ok_or_else(|| "--format xlsx writes a file: give it with -o FILE.xlsx".to_owned())?;
    let bytes = book.to_xlsx().map_err(|e| format!("cannot make the workbook: {e}"))?;
    std::fs::write(output, bytes).map_err(|e| format!("cannot write {}: {e}", output.display()))?;
    eprintln!("{}: {} sheet(s)", output.display(), book.tables.len().max(1));
    Ok(())
}

/// A command's JSON report as a workbook: scalar fields on a sheet 概要 (field, value), every
/// array of records a sheet of its own named by its path, nested objects flattened into
/// dotted columns; numbers stay numbers, `YYYY-MM-DD` text becomes dates.
fn json_workbook(title: &str, value: &Value) -> Workbook {
    let mut summary = Table::new("概要", &["项目", "值"]);
    let mut tables = Vec::new();
    collect(value, "", &mut summary, &mut tables);
    if !summary.rows.is_empty() {
        tables.insert(0, summary);
    }
    Workbook { title: title.to_owned(), exported_at: now_text(), tables }
}

fn scalar(v: &Value) -> Cell {
    match v {
        Value::Null => Cell::Empty,
        Value::Bool(b) => Cell::Bool(*b),
        Value::Number(n) => n.as_f64().map_or(Cell::Empty, Cell::Number),
        Value::String(s) => grassroots::org::Date::parse(s).map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        other => Cell::Text(other.to_string()),
    }
}

fn collect(value: &Value, path: &str, summary: &mut Table, tables: &mut Vec<Table>) {
    let join = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                collect(v, &join(k), summary, tables);
            }
        }
        Value::Array(items) if items.iter().any(Value::is_object) => tables.extend(records_table(if path.is_empty() { "records" } else { path }, items)),
        Value::Array(items) => summary.rows.push(vec![path.into(), items.iter().map(|i| cell_text(&scalar(i))).collect::<Vec<_>>().join("、").into()]),
        other => summary.rows.push(vec![path.into(), scalar(other)]),
    }
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Number(n) => grassroots::text::number(*n),
        Cell::Date(d) => d.to_string(),
        Cell::Bool(b) => (if *b { "是" } else { "否" }).to_owned(),
        Cell::Percent(p) => format!("{:.1}%", p * 100.0),
    }
}

/// A record's cells: nested objects as dotted columns, lists of values joined with 、,
/// lists of records set aside (with their key) to become tables of their own.
fn flatten<'v>(value: &'v Value, prefix: &str, out: &mut Vec<(String, Cell)>, nested: &mut Vec<(String, &'v [Value])>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(v, &key, out, nested);
            }
        }
        Value::Array(items) if items.iter().any(Value::is_object) => nested.push((prefix.to_owned(), items)),
        Value::Array(items) => {
            out.push((prefix.to_owned(), Cell::Text(items.iter().map(|i| cell_text(&scalar(i))).collect::<Vec<_>>().join("、"))));
        }
        other => out.push((prefix.to_owned(), scalar(other))),
    }
}

/// A table of records, and after it a table for each list of records inside them (named
/// `name.key`), whose first column says which record each row belongs to.
fn records_table(name: &str, items: &[Value]) -> Vec<Table> {
    records_table_under(name, items, None)
}

/// [`records_table`] for records inside other records: `owners` says, per item, which record
/// (and which record above that) it belongs to, e.g. `hq-c1 / s1`.
fn records_table_under(name: &str, items: &[Value], owners: Option<&[String]>) -> Vec<Table> {
    let mut headers: Vec<String> = Vec::new();
    let mut rows: Vec<Vec<(String, Cell)>> = Vec::new();
    // Per nested key: the owner's label and the records, in order.
    let mut children: Vec<(String, Vec<(String, Value)>)> = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let (mut cells, mut nested) = (Vec::new(), Vec::new());
        flatten(item, "", &mut cells, &mut nested);
        let owner = ["id", "case", "entity", "code", "name"]
            .iter()
            .find_map(|k| cells.iter().find(|(h, _)| h == k))
            .or_else(|| cells.first())
            .map_or_else(String::new, |(_, c)| cell_text(c));
        let owner = match owners.and_then(|o| o.get(n)) {
            Some(above) => format!("{above} / {owner}"),
            None => owner,
        };
        for (key, list) in nested {
            let at = match children.iter().position(|(k, _)| *k == key) {
                Some(i) => i,
                None => {
                    children.push((key.clone(), Vec::new()));
                    children.len() - 1
                }
            };
            children[at].1.extend(list.iter().map(|v| (owner.clone(), v.clone())));
        }
        for (k, _) in &cells {
            if !headers.contains(k) {
                headers.push(k.clone());
            }
        }
        rows.push(cells);
    }
    let rows = rows
        .into_iter()
        .map(|cells| headers.iter().map(|h| cells.iter().find(|(k, _)| k == h).map_or(Cell::Empty, |(_, c)| c.clone())).collect())
        .collect();
    let headers = headers.into_iter().map(|h| if h.is_empty() { "value".to_owned() } else { h }).collect();
    let mut tables = vec![Table { name: name.to_owned(), headers, rows }];
    for (key, list) in children {
        let values: Vec<Value> = list.iter().map(|(_, v)| v.clone()).collect();
        let labels: Vec<String> = list.iter().map(|(o, _)| o.clone()).collect();
        let mut inner = records_table_under(&format!("{name}.{key}"), &values, Some(&labels));
        if let Some(first) = inner.first_mut() {
            first.headers.insert(0, name.to_owned());
            for (row, label) in first.rows.iter_mut().zip(&labels) {
                row.insert(0, Cell::Text(label.clone()));
            }
        }
        tables.extend(inner);
    }
    tables
}

