//! Tables written as .xlsx with rust_xlsxwriter: one sheet per table, numbers as numbers,
//! dates as dates, a frozen bold header, column widths that fit Chinese text (a CJK
//! character counts two), the title and the time of export on top. Bytes out, no IO.

use std::collections::HashMap;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook as XlsxBook};

use super::Kind;
use super::headers::header_of;
use crate::org::{Date, MemberKind, Organization, UnitKind};

/// One cell to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number (written as a number cell).
    Number(f64),
    /// A day (written as a date cell, yyyy-mm-dd).
    Date(Date),
    /// Yes or no, written 是 / 否.
    Bool(bool),
    /// A share (0.853), written as a number cell shown as a percentage (85.3%).
    Percent(f64),
}

impl From<&str> for Value {
    fn from(t: &str) -> Self {
        Value::Text(t.to_owned())
    }
}
impl From<String> for Value {
    fn from(t: String) -> Self {
        Value::Text(t)
    }
}
impl From<Option<String>> for Value {
    fn from(t: Option<String>) -> Self {
        t.map_or(Value::Empty, Value::Text)
    }
}
impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}
impl From<u32> for Value {
    fn from(n: u32) -> Self {
        Value::Number(f64::from(n))
    }
}

/// One table: a sheet of the workbook.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The sheet's name (shortened to 31 characters, the characters a sheet name may not
    /// have replaced).
    pub name: String,
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows of values, as many as there are headers (shorter rows are padded).
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// An empty table with these headers.
    pub fn new(name: impl Into<String>, headers: &[&str]) -> Self {
        Table { name: name.into(), headers: headers.iter().map(|h| (*h).to_owned()).collect(), rows: Vec::new() }
    }
}

/// A workbook: its title, the time of export as text, and its tables.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    /// The document's title, the first row of every sheet.
    pub title: String,
    /// When it was exported, as shown (e.g. `2026-07-01 08:30 +08:00`); the caller's clock,
    /// as core reads none.
    pub exported_at: String,
    /// The sheets.
    pub tables: Vec<Table>,
}

/// Rows above the header: title, time of export, a blank row.
pub const HEADER_ROW: u32 = 3;

/// How wide text looks: CJK and full-width characters count two.
pub fn display_width(text: &str) -> usize {
    text.lines()
        .map(|line| {
            line.chars()
                .map(|c| match c as u32 {
                    0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD => 2,
                    _ => 1,
                })
                .sum()
        })
        .max()
        .unwrap_or(0)
}

/// A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters, not empty, unique.
fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String = name.chars().map(|c| if "[]:*?/\\".contains(c) { '_' } else { c }).take(31).collect();
    let clean = if clean.trim().is_empty() { "Sheet".to_owned() } else { clean };
    let mut candidate = clean.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.to_lowercase() == candidate.to_lowercase()) {
        let suffix = format!(" ({n})");
        candidate = clean.chars().take(31 - suffix.chars().count()).collect::<String>() + &suffix;
        n += 1;
    }
    candidate
}

impl Workbook {
    /// The .xlsx file's bytes; `Err` with the writer's message (e.g. more rows than a sheet
    /// holds).
    pub fn to_xlsx(&self) -> Result<Vec<u8>, String> {
        let err = |e: rust_xlsxwriter::XlsxError| e.to_string();
        let mut book = XlsxBook::new();
        let title_format = Format::new().set_bold().set_font_size(14);
        let header_format = Format::new().set_bold().set_background_color(0xD9E1F2);
        let date_format = Format::new().set_num_format("yyyy-mm-dd");
        let percent_format = Format::new().set_num_format("0.0%");
        let mut taken = Vec::new();
        let tables = if self.tables.is_empty() { vec![Table::new("Sheet", &[])] } else { self.tables.clone() };
        for table in &tables {
            let name = sheet_name(&table.name, &taken);
            taken.push(name.clone());
            let sheet = book.add_worksheet();
            sheet.set_name(&name).map_err(err)?;
            sheet.write_string_with_format(0, 0, &self.title, &title_format).map_err(err)?;
            sheet.write_string(1, 0, format!("导出时间：{}", self.exported_at)).map_err(err)?;
            let mut widths: Vec<usize> = table.headers.iter().map(|h| display_width(h)).collect();
            for (c, h) in table.headers.iter().enumerate() {
                sheet.write_string_with_format(HEADER_ROW - 1, col(c)?, h, &header_format).map_err(err)?;
            }
            for (r, row) in table.rows.iter().enumerate() {
                let at = HEADER_ROW + u32::try_from(r).map_err(|_| "too many rows".to_owned())?;
                for (c, value) in row.iter().enumerate() {
                    let column = col(c)?;
                    let shown = match value {
                        Value::Empty => String::new(),
                        Value::Text(t) => {
                            sheet.write_string(at, column, t).map_err(err)?;
                            t.clone()
                        }
                        Value::Number(n) => {
                            sheet.write_number(at, column, *n).map_err(err)?;
                            crate::text::number(*n)
                        }
                        Value::Percent(p) => {
                            sheet.write_number_with_format(at, column, *p, &percent_format).map_err(err)?;
                            format!("{:.1}%", p * 100.0)
                        }
                        Value::Bool(b) => {
                            let t = if *b { "是" } else { "否" };
                            sheet.write_string(at, column, t).map_err(err)?;
                            t.to_owned()
                        }
                        Value::Date(d) => {
                            let n = d.naive();
                            let (y, m, dd) = (chrono::Datelike::year(&n), chrono::Datelike::month(&n), chrono::Datelike::day(&n));
                            let day = ExcelDateTime::from_ymd(u16::try_from(y).map_err(|_| format!("year {y}"))?, m as u8, dd as u8).map_err(err)?;
                            sheet.write_datetime_with_format(at, column, &day, &date_format).map_err(err)?;
                            d.to_string()
                        }
                    };
                    if widths.len() <= c {
                        widths.resize(c + 1, 0);
                    }
                    widths[c] = widths[c].max(display_width(&shown));
                }
            }
            for (c, w) in widths.iter().enumerate() {
                // Excel's width unit is about one digit; a little padding, never absurdly wide.
                sheet.set_column_width(col(c)?, (*w as f64 + 2.0).clamp(6.0, 60.0)).map_err(err)?;
            }
            sheet.set_freeze_panes(HEADER_ROW, 0).map_err(err)?;
        }
        book.save_to_buffer().map_err(err)
    }
}

fn col(c: usize) -> Result<u16, String> {
    u16::try_from(c).map_err(|_| "too many columns".to_owned())
}

fn kind_zh(kind: MemberKind) -> &'static str {
    match kind {
        MemberKind::InService => "在职党员",
        MemberKind::Retired => "离退休党员",
        MemberKind::Mobile => "流动党员",
        MemberKind::NoOffice => "无职党员",
    }
}

/// The headers exports write for these fields of a kind (the first of each in `headers.tsv`).
fn headers(kind: Kind, fields: &[&str]) -> Vec<String> {
    fields.iter().map(|f| header_of(kind, f)).collect()
}

/// How exports name a node: its name path from the root (城关街道/解放路社区/第一网格党支部),
/// which an import resolves back to the node — unless another node has the same path (two
/// 25号院楼院党小组 under one branch), when only its id says which: then the id.
struct NodeNames(HashMap<String, String>);

impl NodeNames {
    fn of(org: &Organization) -> Self {
        let tree = org.tree();
        let paths: Vec<(&str, String)> = tree
            .ids()
            .map(|n| {
                let mut names: Vec<&str> = tree.path_to_root(n).into_iter().map(|i| tree.node(i).name()).collect();
                names.reverse();
                (tree.node(n).id(), names.join("/"))
            })
            .collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (_, path) in &paths {
            *seen.entry(path.as_str()).or_default() += 1;
        }
        NodeNames(paths.iter().map(|(id, path)| ((*id).to_owned(), if seen.get(path.as_str()) == Some(&1) { path.clone() } else { (*id).to_owned() })).collect())
    }

    fn get(&self, id: &str) -> String {
        self.0.get(id).cloned().unwrap_or_else(|| id.to_owned())
    }
}

/// The 党员花名册 of an organization: one row a member, in the columns an import reads.
/// Phone and ID-card numbers are masked unless `reveal` (and a masked roster does not import
/// back: that is the point of masking).
pub fn members_table(org: &Organization, reveal: bool) -> Table {
    let names = NodeNames::of(org);
    const FIELDS: [&str; 10] = ["id", "name", "kind", "flow", "node", "grid", "posts", "reports_to", "phone", "id_card"];
    let rows = org
        .members()
        .iter()
        .map(|m| {
            let r = m.record();
            vec![
                r.id.as_str().into(),
                r.name.as_str().into(),
                kind_zh(r.kind).into(),
                r.flow.map(|f| if f == crate::org::Flow::In { "流入" } else { "流出" }).map_or(Value::Empty, Value::from),
                names.get(&r.node).into(),
                r.grid.as_deref().map(str::to_owned).into(),
                if r.posts.is_empty() { Value::Empty } else { r.posts.join("、").into() },
                r.reports_to.as_deref().map(|c| names.get(c)).into(),
                r.phone.as_ref().map(|p| if reveal { p.reveal().to_owned() } else { p.masked() }).into(),
                r.id_card.as_ref().map(|c| if reveal { c.reveal().to_owned() } else { c.masked() }).into(),
            ]
        })
        .collect();
    Table { name: Kind::Members.zh().to_owned(), headers: headers(Kind::Members, &FIELDS), rows }
}

/// The 网格台账: one row a grid, workers and their phones listed with 、.
pub fn grids_table(org: &Organization, reveal: bool) -> Table {
    let names = NodeNames::of(org);
    const FIELDS: [&str; 11] = ["id", "code", "name", "community", "merged", "workers", "worker_phones", "households", "population", "buildings", "area_km2"];
    let rows = org
        .grids()
        .iter()
        .map(|g| {
            let r = g.record();
            let phones: Vec<String> = r.workers.iter().map(|w| w.phone.as_ref().map(|p| if reveal { p.reveal().to_owned() } else { p.masked() }).unwrap_or_default()).collect();
            vec![
                r.id.as_str().into(),
                r.code.as_str().into(),
                r.name.as_deref().map(str::to_owned).into(),
                names.get(&r.community).into(),
                Value::Bool(r.merged),
                r.workers.iter().map(|w| w.name.as_str()).collect::<Vec<_>>().join("、").into(),
                if phones.iter().all(String::is_empty) { Value::Empty } else { phones.join("、").into() },
                r.households.into(),
                r.population.into(),
                r.buildings.into(),
                r.area_km2.map_or(Value::Empty, Value::Number),
            ]
        })
        .collect();
    Table { name: Kind::Grids.zh().to_owned(), headers: headers(Kind::Grids, &FIELDS), rows }
}

/// The units: one row a unit and agreement (a unit without one has one row).
pub fn units_table(org: &Organization) -> Table {
    let names = NodeNames::of(org);
    const FIELDS: [&str; 8] = ["id", "name", "kind", "community", "big_committee", "agreement", "agreement_start", "agreement_end"];
    let mut rows = Vec::new();
    for u in org.units() {
        let r = u.record();
        let base = |a: Option<&crate::org::AgreementRecord>| -> Vec<Value> {
            vec![
                r.id.as_str().into(),
                r.name.as_str().into(),
                (if r.kind == UnitKind::Reporting { "报到单位" } else { "驻区单位" }).into(),
                names.get(&r.community).into(),
                Value::Bool(r.big_committee),
                a.map_or(Value::Empty, |a| a.title.as_str().into()),
                a.map_or(Value::Empty, |a| Value::Date(a.start)),
                a.map_or(Value::Empty, |a| Value::Date(a.end)),
            ]
        };
        if r.agreements.is_empty() {
            rows.push(base(None));
        }
        for a in &r.agreements {
            rows.push(base(Some(a)));
        }
    }
    Table { name: Kind::Units.zh().to_owned(), headers: headers(Kind::Units, &FIELDS), rows }
}

/// The items of a lists document (四张清单), one row an item; levels by their Chinese names,
/// a material that is another item by that item's id.
pub fn items_table(lists: &crate::lists::Lists) -> Table {
    use crate::lists::{Material, Status};
    const FIELDS: [&str; 19] = [
        "id", "name", "kind", "level", "owner", "basis", "time_limit_days", "materials", "one_window", "online", "at_most_one_trip",
        "status", "since", "by", "instead", "to", "note", "introduced", "aliases",
    ];
    let schema = lists.schema();
    let join = |v: Vec<&str>| if v.is_empty() { Value::Empty } else { v.join("、").into() };
    let rows = lists
        .items()
        .iter()
        .map(|i| {
            let (state, by, instead, to, note) = match &i.status {
                Status::InForce { .. } => ("在用", None, Vec::new(), None, None),
                Status::Abolished { by, instead, note, .. } => ("取消", Some(by.clone()), instead.iter().map(|x| x.zh()).collect(), None, note.clone()),
                Status::DelegatedDown { to, by, .. } => ("下放", by.clone(), Vec::new(), Some(schema.label(to, false).to_owned()), None),
            };
            vec![
                i.id.as_str().into(),
                i.name.as_str().into(),
                i.kind.zh().into(),
                schema.label(&i.level, false).into(),
                i.owner.clone().into(),
                join(i.basis.iter().map(String::as_str).collect()),
                i.time_limit_days.map_or(Value::Empty, Value::from),
                join(i.materials.iter().map(|m| match m {
                    Material::Item { item } => item.as_str(),
                    Material::Text(t) => t.as_str(),
                }).collect()),
                Value::Bool(i.channels.one_window),
                Value::Bool(i.channels.online),
                Value::Bool(i.channels.at_most_one_trip),
                state.into(),
                i.status.since().map_or(Value::Empty, Value::Date),
                by.into(),
                join(instead),
                to.into(),
                note.into(),
                i.introduced.map_or(Value::Empty, Value::Date),
                join(i.aliases.iter().map(String::as_str).collect()),
            ]
        })
        .collect();
    Table { name: Kind::Lists.zh().to_owned(), headers: headers(Kind::Lists, &FIELDS), rows }
}

/// The tree: one row a node, its parent by id.
pub fn nodes_table(org: &Organization) -> Table {
    const FIELDS: [&str; 6] = ["id", "parent", "level", "name", "code", "grid"];
    let tree = org.tree();
    let rows = tree
        .ids()
        .map(|id| {
            let n = tree.node(id);
            vec![
                n.id().into(),
                n.parent().map(|p| tree.node(p).id().to_owned()).into(),
                n.level().into(),
                n.name().into(),
                n.code().map(str::to_owned).into(),
                n.grid().map(str::to_owned).into(),
            ]
        })
        .collect();
    Table { name: Kind::Nodes.zh().to_owned(), headers: headers(Kind::Nodes, &FIELDS), rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_chinese_double_and_sheet_names_are_legal() {
        assert_eq!(display_width("党员abc"), 7);
        assert_eq!(display_width("第一行\n长一些的第二行"), 14);
        let taken = vec!["党员".to_owned()];
        assert_eq!(sheet_name("党员", &taken), "党员 (2)");
        assert_eq!(sheet_name("a/b:c", &[]), "a_b_c");
        assert_eq!(sheet_name(&"长".repeat(40), &[]).chars().count(), 31);
    }
}
