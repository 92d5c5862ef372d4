//! Spreadsheets in and out (feature `sheets`): the rosters and ledgers offices keep in Excel,
//! WPS and LibreOffice read into organization records, and any table written as .xlsx.
//!
//! Import is a pure function over bytes, so the CLI and the browser share it:
//! [`import`] reads one kind of records ([`Kind`]: members, grids with their workers, units,
//! nodes, list items) from .xlsx, .xls, .ods or .csv (UTF-8 with or without a BOM, else GB18030/GBK);
//! [`document`] puts them into an organization document (the one given, or a new one) and
//! checks the whole of it, so that what comes out validates clean. Every problem is a
//! [`SheetProblem`] naming file, sheet, row and the column's header as written:
//! `花名册.xlsx › 党员 › 第12行 › 公民身份号码：校验位不对` ([`SheetProblem::zh`]), or in
//! English through `Display`. All problems are reported, not the first.
//!
//! Columns are recognised by their Chinese headers and the aliases offices use
//! (`headers.tsv`, checked in), and by a [`Mapping`] for any other header. A title row and
//! merged cells above the header, blank rows, and a 合计 row at the bottom are handled.
//! References to organizations are by id, name or name path (城关街道/解放路社区/第一网格党支部).
//!
//! Export: [`xlsx::Workbook`] writes tables as .xlsx (one sheet per table, numbers as numbers,
//! dates as dates, a frozen bold header, widths that fit Chinese text, title and export time
//! on top); [`xlsx::roster`] and friends turn records into such tables, personal data masked
//! unless revealed on purpose.

mod guard;
mod headers;
mod import;
mod names;
mod read;
mod values;
pub mod xlsx;
mod zh;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::Value;

pub use headers::{Field, Mapping, fields, header_of};
pub use import::{ImportOptions, import, import_sheets};
pub use read::{Cell, ReadError, Sheet, decode, sheets};
pub use zh::kind_zh;

use crate::lists::{Item, Lists};
use crate::org::{GridRecord, MemberRecord, NodeRecord, Organization, UnitRecord};
use crate::{Error, Problem, ProblemKind, Severity};

/// The kinds of records a sheet can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 党员花名册: members.
    Members,
    /// 网格台账: grids and their workers.
    Grids,
    /// 报到单位 / 驻区单位: units, one agreement a row.
    Units,
    /// 组织架构: the nodes of the tree.
    Nodes,
    /// 四张清单: the items of a lists document.
    Lists,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 5] = [Kind::Members, Kind::Grids, Kind::Units, Kind::Nodes, Kind::Lists];

    /// The key (`members` …).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Members => "members",
            Kind::Grids => "grids",
            Kind::Units => "units",
            Kind::Nodes => "nodes",
            Kind::Lists => "lists",
        }
    }

    /// The section of the document the records go to: the organization document's, or the
    /// lists document's `items`.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Lists => "items",
            other => other.key(),
        }
    }

    /// The kind with this key.
    pub fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The sheet's usual name in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            Kind::Members => "党员",
            Kind::Grids => "网格",
            Kind::Units => "单位",
            Kind::Nodes => "组织",
            Kind::Lists => "清单事项",
        }
    }
}

/// The records an import read.
#[derive(Debug, Clone, PartialEq)]
pub enum Records {
    /// Members.
    Members(Vec<MemberRecord>),
    /// Grids.
    Grids(Vec<GridRecord>),
    /// Units.
    Units(Vec<UnitRecord>),
    /// Nodes.
    Nodes(Vec<NodeRecord>),
    /// Items of the four lists.
    Items(Vec<Item>),
}

impl Records {
    /// How many.
    pub fn len(&self) -> usize {
        match self {
            Records::Members(r) => r.len(),
            Records::Grids(r) => r.len(),
            Records::Units(r) => r.len(),
            Records::Nodes(r) => r.len(),
            Records::Items(r) => r.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The records as the organization document's JSON, personal data in full: this is the
    /// data file itself, not a view of it (the records' own serializers mask).
    pub fn to_json_values(&self) -> Vec<Value> {
        fn plain<T: Serialize>(r: &T) -> Value {
            serde_json::to_value(r).unwrap_or(Value::Null)
        }
        match self {
            Records::Members(rs) => rs
                .iter()
                .map(|r| {
                    let mut v = plain(r);
                    if let Some(p) = &r.phone {
                        v["phone"] = p.reveal().into();
                    }
                    if let Some(c) = &r.id_card {
                        v["id_card"] = c.reveal().into();
                    }
                    v
                })
                .collect(),
            Records::Grids(rs) => rs
                .iter()
                .map(|r| {
                    let mut v = plain(r);
                    for (j, w) in r.workers.iter().enumerate() {
                        if let Some(p) = &w.phone {
                            v["workers"][j]["phone"] = p.reveal().into();
                        }
                    }
                    v
                })
                .collect(),
            Records::Units(rs) => rs.iter().map(plain).collect(),
            Records::Nodes(rs) => rs.iter().map(plain).collect(),
            Records::Items(rs) => rs.iter().map(plain).collect(),
        }
    }
}

/// What an import read: the records, the row each came from, and the columns found.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The kind read.
    pub kind: Kind,
    /// The file's name (without folders).
    pub file: String,
    /// The sheet read.
    pub sheet: String,
    /// The records, in row order.
    pub records: Records,
    /// The spreadsheet row number of each record.
    pub rows: Vec<u32>,
    /// Field key → the header of its column, as written.
    pub columns: BTreeMap<String, String>,
    /// The ids of rows that gave no record (an error in the row): references to them are
    /// not reported again by the document's checks.
    pub failed: Vec<String>,
    /// The problems of the cells (a row with an error gave no record) and warnings (columns
    /// not read, rows after the total row). [`document`] reports them with its own.
    pub problems: Vec<SheetProblem>,
}

/// One problem of an import, located as a person finds it in the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetProblem {
    /// Error or warning.
    pub severity: Severity,
    /// The file's name (or, for a problem of the organization it was read against, that
    /// file's name).
    pub file: String,
    /// The sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The row number as the spreadsheet shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// The column's header as written (or a JSON path, for a problem of the organization).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The id of the record concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// What is wrong.
    #[serde(flatten)]
    pub kind: ProblemKind,
}

impl SheetProblem {
    fn place(&self, row: impl Fn(u32) -> String) -> String {
        let mut parts = vec![self.file.clone()];
        parts.extend(self.sheet.clone());
        parts.extend(self.row.map(row));
        parts.extend(self.column.clone());
        parts.join(" › ")
    }

    /// The problem in Chinese: `花名册.xlsx › 党员 › 第12行 › 公民身份号码：校验位不对`.
    pub fn zh(&self) -> String {
        format!("{}：{}", self.place(|r| format!("第{r}行")), kind_zh(&self.kind))
    }
}

impl fmt::Display for SheetProblem {
    /// `花名册.xlsx › 党员 › row 12 › 公民身份号码: the ID-card number's check digit is wrong`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(|r| format!("row {r}")), self.kind)
    }
}

/// File-level problems first, then by sheet and row; the order found within a row.
pub(crate) fn sort(problems: &mut [SheetProblem]) {
    problems.sort_by(|a, b| (a.row.is_some(), &a.sheet, a.row).cmp(&(b.row.is_some(), &b.sheet, b.row)));
}

/// Reads a 党员花名册 (members): [`import`] with [`Kind::Members`].
pub fn import_roster(file_name: &str, bytes: &[u8], org: Option<&Organization>, mapping: Option<&Mapping>) -> Result<Imported, Vec<SheetProblem>> {
    import(Kind::Members, file_name, bytes, &ImportOptions { org, sheet: None, mapping, lists: None })
}

/// An organization document with imported records in it, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The document, pretty JSON.
    pub json: String,
    /// Its warnings and the import's, located (none is an error).
    pub warnings: Vec<SheetProblem>,
}

/// Puts imported records into an organization document — the one given (`org`: its file's
/// name and text; its section of that kind is replaced by the records), else a new one —
/// and checks the whole document. List items go into the lists document given as `org`
/// (its `items` replaced), which a lists import needs. A problem of an imported record names its row and the
/// column of the field concerned; a problem elsewhere names the organization's file and the
/// JSON path. `Err` when there is an error among them.
pub fn document(imported: &Imported, org: Option<(&str, &str)>) -> Result<Document, Vec<SheetProblem>> {
    let org_file = org.map_or("", |(name, _)| name);
    let on_org = |kind: ProblemKind, path: String| SheetProblem {
        severity: Severity::Error,
        file: org_file.to_owned(),
        sheet: None,
        row: None,
        column: Some(path),
        record: None,
        kind,
    };
    let mut base = match org.map(|(_, text)| serde_json::from_str::<Value>(text)) {
        None => Value::Object(serde_json::Map::new()),
        Some(Ok(v @ Value::Object(_))) => v,
        Some(Ok(_)) => return Err(vec![on_org(ProblemKind::Shape { message: "an organization document is a JSON object".into() }, "$".into())]),
        Some(Err(e)) => return Err(Error::syntax(&e).problems().into_iter().map(|p| on_org(p.kind, p.path)).collect()),
    };
    let section = imported.kind.section();
    let mut records = imported.records.to_json_values();
    if let Some(Value::Array(old)) = base.get(section) {
        carry_over(imported.kind, old, &mut records);
    }
    base[section] = Value::Array(records);
    let json = serde_json::to_string_pretty(&base).unwrap_or_default();
    let found = match imported.kind {
        Kind::Lists => match Lists::from_json(&json) {
            Ok(l) => l.warnings().to_vec(),
            Err(e) => e.problems(),
        },
        _ => match Organization::from_json(&json) {
            Ok(o) => o.warnings().to_vec(),
            Err(e) => e.problems(),
        },
    };
    let mut problems: Vec<SheetProblem> = imported.problems.clone();
    // A reference to a row that gave no record follows from that row's problem, reported.
    let follows = |p: &Problem| match &p.kind {
        ProblemKind::UnknownRef { id, .. } | ProblemKind::UnknownParent { parent: id } | ProblemKind::UnknownItem { id } => imported.failed.contains(id),
        _ => false,
    };
    problems.extend(found.into_iter().filter(|p| !follows(p)).map(|p| locate(imported, org_file, p)));
    sort(&mut problems);
    if problems.iter().any(|p| p.severity == Severity::Error) { Err(problems) } else { Ok(Document { json, warnings: problems }) }
}

/// What a sheet has no column for is kept from the document's record of the same id: a
/// node's big committee and linked households, a unit's 包保 and stationed people, a grid
/// worker's member link and role (by the worker's name). Without this, reading a sheet into
/// a document would drop them.
fn carry_over(kind: Kind, old: &[Value], records: &mut [Value]) {
    let keys: &[&str] = match kind {
        Kind::Nodes => &["committee", "linked_households"],
        Kind::Units => &["baobao", "stationed"],
        _ => &[],
    };
    if keys.is_empty() && kind != Kind::Grids {
        return;
    }
    // The first old record of each id, found by a hash look (a look along `old` for each
    // record took time in the square of the records).
    let ids: Vec<(usize, &str)> = old.iter().enumerate().filter_map(|(i, o)| Some((i, o.get("id")?.as_str()?))).collect();
    let mut first = names::Chains::new();
    for (_, id) in &ids {
        first.push(id, &|j| ids[j].1);
    }
    for record in records.iter_mut() {
        let before = match record.get("id") {
            Some(Value::String(id)) => first.get(id, &|j| ids[j].1).next().map(|j| &old[ids[j].0]),
            // Ids are text; any other value is matched as it is.
            Some(id) => old.iter().find(|o| o.get("id") == Some(id)),
            None => None,
        };
        let Some(before) = before else { continue };
        for key in keys {
            if let (Some(v), None) = (before.get(*key), record.get(*key)) {
                record[*key] = v.clone();
            }
        }
        if kind == Kind::Grids {
            let Some(Value::Array(workers)) = record.get_mut("workers") else { continue };
            for w in workers.iter_mut() {
                let same = before.get("workers").and_then(Value::as_array).and_then(|ws| ws.iter().find(|o| o.get("name") == w.get("name")));
                for key in ["member", "role"] {
                    if let (Some(v), None) = (same.and_then(|o| o.get(key)), w.get(key)) {
                        w[key] = v.clone();
                    }
                }
            }
        }
    }
}

/// A problem of the assembled document, located: a record of the import by its row and
/// column; anything else by the organization's file and JSON path.
fn locate(imported: &Imported, org_file: &str, p: Problem) -> SheetProblem {
    let prefix = format!("$.{}[", imported.kind.section());
    let row_of = |path: &str| -> Option<(u32, String)> {
        let (index, rest) = path.strip_prefix(prefix.as_str())?.split_once(']')?;
        let row = *imported.rows.get(index.parse::<usize>().ok()?)?;
        let rest = rest.trim_start_matches('.');
        let field = match rest.split(['.', '[']).next().unwrap_or("") {
            // An agreement's dates have columns of their own.
            "agreements" if rest.ends_with(".start") => "agreement_start",
            "agreements" if rest.ends_with(".end") => "agreement_end",
            "agreements" => "agreement",
            "channels" => rest.rsplit('.').next().unwrap_or("channels"),
            "status" => match rest.rsplit('.').next() {
                Some(f @ ("since" | "by" | "instead" | "to")) => f,
                _ => "status",
            },
            other => other,
        }
        .to_owned();
        Some((row, field))
    };
    let mut kind = p.kind;
    if let ProblemKind::DuplicateId { first, .. } | ProblemKind::DuplicateCode { first, .. } = &mut kind {
        if let Some((row, _)) = row_of(first) {
            *first = format!("row {row}");
        }
    }
    match row_of(&p.path) {
        Some((row, field)) => {
            let header = (!field.is_empty()).then(|| imported.columns.get(&field).cloned().unwrap_or_else(|| header_of(imported.kind, &field)));
            SheetProblem { severity: p.severity, file: imported.file.clone(), sheet: Some(imported.sheet.clone()), row: Some(row), column: header, record: p.record, kind }
        }
        // A new document (no organization given): its problems are the file's.
        None if org_file.is_empty() => {
            let column = (p.path != "$").then_some(p.path);
            SheetProblem { severity: p.severity, file: imported.file.clone(), sheet: Some(imported.sheet.clone()), row: None, column, record: p.record, kind }
        }
        None => SheetProblem { severity: p.severity, file: org_file.to_owned(), sheet: None, row: None, column: Some(p.path), record: p.record, kind },
    }
}

