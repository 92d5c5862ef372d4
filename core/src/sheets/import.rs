//! Rows to records: members, grids (with their workers), units (with one agreement a row)
//! and nodes, every cell checked, every reference resolved by id, name or name path.

use std::collections::BTreeMap;

use super::headers::{self, Mapping, Meaning};
use super::names::{Entry, Names};
use super::read::{self, Cell, Sheet};
use super::values;
use super::{Imported, Kind, Records, SheetProblem};
use crate::org::{
    Text,
    AgreementRecord, Flow, GridRecord, MemberKind, MemberRecord, NodeRecord, Organization, UnitKind, UnitRecord, WorkerRecord,
};
use crate::lists::{Channels, Instead, Item, ItemKind, Lists, Material, Status};
use crate::{ProblemKind, RefKind, Severity};

/// What an import reads against.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions<'a> {
    /// The organization whose nodes, grids and posts the rows name. Without it, references
    /// are taken as ids, unchecked.
    pub org: Option<&'a Organization>,
    /// The sheet to read; default the mapping's, else the first with a header row.
    pub sheet: Option<&'a str>,
    /// Headers the table does not know.
    pub mapping: Option<&'a Mapping>,
    /// For list items: the lists document whose schema names the levels.
    pub lists: Option<&'a Lists>,
}

/// Marks of a total row: its first non-empty cell starts with one of these.
const TOTAL_MARKS: [&str; 3] = ["合计", "总计", "小计"];

/// Reads one kind of records from a spreadsheet file. `Err` when the sheet cannot be read
/// at all (not a spreadsheet, no such sheet, no header row, a required column missing), with
/// every problem found. Otherwise the records of the rows that read, and in
/// [`Imported::problems`] every problem of the cells (a row with an error gives no record);
/// [`super::document`] adds the organization's checks of the records to those.
pub fn import(kind: Kind, file_name: &str, bytes: &[u8], options: &ImportOptions<'_>) -> Result<Imported, Vec<SheetProblem>> {
    match read::sheets(file_name, bytes) {
        Ok(sheets) => import_sheets(kind, file_name, &sheets, options),
        Err(e) => Err(vec![SheetProblem {
            severity: Severity::Error,
            file: base_name(file_name),
            sheet: e.sheet,
            row: None,
            column: None,
            record: None,
            kind: e.kind,
        }]),
    }
}

/// A file's name without its folders, as problems name it.
fn base_name(file_name: &str) -> String {
    file_name.rsplit(['/', '\\']).next().unwrap_or(file_name).to_owned()
}

/// [`import`] from sheets already read with [`read::sheets`] (`file_name` names them in the
/// problems): one read of a workbook for several kinds of records.
pub fn import_sheets(kind: Kind, file_name: &str, sheets: &[Sheet], options: &ImportOptions<'_>) -> Result<Imported, Vec<SheetProblem>> {
    let file = base_name(file_name);
    let at = |sheet: Option<&str>, row: Option<u32>, column: Option<&str>, kind: ProblemKind| SheetProblem {
        severity: Severity::Error,
        file: file.clone(),
        sheet: sheet.map(str::to_owned),
        row,
        column: column.map(str::to_owned),
        record: None,
        kind,
    };
    let mapping = options.mapping;
    if let Some(m) = mapping {
        let unknown = m.unknown_fields(kind);
        if !unknown.is_empty() {
            let expected = headers::table(kind).iter().filter(|f| f.key != "-").map(|f| f.key.to_owned()).collect();
            return Err(unknown.into_iter().map(|value| at(None, None, None, ProblemKind::NotOneOf { value, expected: Vec::clone(&expected) })).collect());
        }
    }
    let wanted = options.sheet.or(mapping.and_then(|m| m.sheet.as_deref()));
    let candidates: Vec<&Sheet> = match wanted {
        Some(name) => match sheets.iter().find(|s| s.name == name || crate::text::fold(&s.name) == crate::text::fold(name)) {
            Some(s) => vec![s],
            None => {
                let kind = ProblemKind::NoSuchSheet { name: name.to_owned(), sheets: sheets.iter().map(|s| s.name.clone()).collect() };
                return Err(vec![at(None, None, None, kind)]);
            }
        },
        None => sheets.iter().collect(),
    };
    let Some((sheet, header)) = candidates.iter().find_map(|s| headers::find_header(s, kind, mapping).map(|h| (*s, h))) else {
        let expected = headers::table(kind).iter().filter(|f| f.key != "-").filter_map(|f| f.headers.first().map(|h| (*h).to_owned())).collect();
        let sheet = (candidates.len() == 1).then(|| candidates[0].name.as_str());
        return Err(vec![at(sheet, None, None, ProblemKind::NoHeaderRow { expected })]);
    };
    let header_row = sheet.rows[header.index].0;
    let mut problems = Vec::new();
    let sheet_name = Some(sheet.name.as_str());

    // Columns: field → (column index, header as written).
    let mut columns: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (i, (text, meaning)) in header.columns.iter().enumerate() {
        match meaning {
            Meaning::Field(key) => match columns.get(key) {
                Some((_, first)) => {
                    let mut p = at(sheet_name, Some(header_row), Some(text), ProblemKind::DuplicateColumn { field: key.clone(), first: first.clone() });
                    p.severity = Severity::Warning;
                    problems.push(p);
                }
                None => {
                    columns.insert(key.clone(), (i, text.clone()));
                }
            },
            Meaning::Skip => {}
            // An unnamed column that holds nothing is no column at all.
            Meaning::Unknown if text.is_empty() && column_is_empty(sheet, header.index, i) => {}
            Meaning::Unknown => {
                let mut p = at(sheet_name, Some(header_row), Some(text), ProblemKind::UnknownColumn);
                if text.is_empty() {
                    p.column = Some(format!("{}列", column_letters(sheet.first_column as usize + i)));
                }
                p.severity = Severity::Warning;
                problems.push(p);
            }
        }
    }
    for f in headers::table(kind).iter().filter(|f| f.required) {
        // A grid's code stands in for its id and the reverse is not true; nothing else is optional.
        if !columns.contains_key(f.key) {
            let kind = ProblemKind::MissingColumn { field: f.key.to_owned(), headers: f.headers.iter().map(|h| (*h).to_owned()).collect() };
            problems.push(at(sheet_name, Some(header_row), None, kind));
        }
    }
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return Err(problems);
    }

    // Data rows: blank rows skipped, reading stops at a total row; rows after it are reported.
    let mut rows: Vec<(u32, &[Cell])> = Vec::new();
    let mut total_row = None;
    let header_cells = &sheet.rows[header.index].1;
    for (number, cells) in &sheet.rows[header.index + 1..] {
        // Blank rows, and the header repeated (a roster printed page by page and pasted back).
        if cells.iter().all(Cell::is_blank) || cells == header_cells {
            continue;
        }
        if total_row.is_some() {
            let mut p = at(sheet_name, Some(*number), None, ProblemKind::AfterTotal);
            p.severity = Severity::Warning;
            problems.push(p);
            continue;
        }
        let first = cells.iter().find(|c| !c.is_blank()).map(Cell::text).unwrap_or_default();
        let first = crate::text::fold(&first);
        if TOTAL_MARKS.iter().any(|m| first.starts_with(m)) {
            total_row = Some(*number);
            continue;
        }
        rows.push((*number, cells.as_slice()));
    }
    if rows.is_empty() {
        problems.push(at(sheet_name, None, None, ProblemKind::NoRecords));
        return Err(problems);
    }

    let mut reader = Rows { file: &file, sheet: &sheet.name, columns: &columns, problems: &mut problems, org: options.org, lists: options.lists, failed: Vec::new() };
    let (records, numbers) = match kind {
        Kind::Members => {
            let (r, n) = reader.members(&rows);
            (Records::Members(r), n)
        }
        Kind::Grids => {
            let (r, n) = reader.grids(&rows);
            (Records::Grids(r), n)
        }
        Kind::Units => {
            let (r, n) = reader.units(&rows);
            (Records::Units(r), n)
        }
        Kind::Nodes => {
            let (r, n) = reader.nodes(&rows);
            (Records::Nodes(r), n)
        }
        Kind::Lists => {
            let (r, n) = reader.items(&rows);
            (Records::Items(r), n)
        }
    };
    let failed = std::mem::take(&mut reader.failed);
    let columns = columns.into_iter().map(|(k, (_, h))| (k, h)).collect();
    super::sort(&mut problems);
    Ok(Imported { kind, file, sheet: sheet.name.clone(), records, rows: numbers, columns, problems, failed })
}

fn column_is_empty(sheet: &Sheet, header: usize, column: usize) -> bool {
    sheet.rows[header + 1..].iter().all(|(_, cells)| cells.get(column).is_none_or(Cell::is_blank))
}

/// A, B, … Z, AA, … for a 1-based column number.
pub(crate) fn column_letters(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// The row reader of one sheet: cells by field, problems located.
struct Rows<'a> {
    file: &'a str,
    sheet: &'a str,
    columns: &'a BTreeMap<String, (usize, String)>,
    problems: &'a mut Vec<SheetProblem>,
    org: Option<&'a Organization>,
    lists: Option<&'a Lists>,
    /// Ids of the rows that gave no record.
    failed: Vec<String>,
}

/// One row being read.
struct Row<'r> {
    number: u32,
    cells: &'r [Cell],
    failed: bool,
}

impl Rows<'_> {
    fn cell<'r>(&self, row: &Row<'r>, field: &str) -> Option<&'r Cell> {
        let (i, _) = self.columns.get(field)?;
        row.cells.get(*i).filter(|c| !c.is_blank())
    }

    fn problem(&mut self, row: &mut Row<'_>, field: &str, kind: ProblemKind) {
        row.failed = true;
        let column = self.columns.get(field).map(|(_, h)| h.clone());
        self.problems.push(SheetProblem {
            severity: Severity::Error,
            file: self.file.to_owned(),
            sheet: Some(self.sheet.to_owned()),
            row: Some(row.number),
            column,
            record: None,
            kind,
        });
    }

    /// A cell read with `parse`; a spreadsheet error or a failed parse is a problem.
    fn value<T>(&mut self, row: &mut Row<'_>, field: &str, parse: impl Fn(&Cell) -> Result<T, ProblemKind>) -> Option<T> {
        let cell = self.cell(row, field)?;
        if let Cell::Error(e) = cell {
            self.problem(row, field, ProblemKind::CellError { value: e.clone() });
            return None;
        }
        match parse(cell) {
            Ok(v) => Some(v),
            Err(kind) => {
                self.problem(row, field, kind);
                None
            }
        }
    }

    /// A text cell as written (trimmed): names and notes keep their full-width punctuation.
    fn text(&mut self, row: &mut Row<'_>, field: &str) -> Option<String> {
        self.value(row, field, |c| Ok(c.text().trim().to_owned()))
    }

    /// An id: full-width letters and digits as ASCII, no spaces.
    fn id(&mut self, row: &mut Row<'_>, field: &str) -> Option<String> {
        self.value(row, field, |c| Ok(values::half_width(&c.text()).chars().filter(|c| !c.is_whitespace()).collect()))
    }

    /// A required text cell; empty is a problem.
    fn required(&mut self, row: &mut Row<'_>, field: &str) -> String {
        match self.text(row, field) {
            Some(t) => t,
            None => {
                if self.cell(row, field).is_none() {
                    self.problem(row, field, ProblemKind::Empty);
                }
                String::new()
            }
        }
    }

    fn choice<T: Copy>(&mut self, row: &mut Row<'_>, field: &str, choices: &[(&[&str], T)]) -> Option<T> {
        self.value(row, field, |c| {
            let folded = crate::text::fold(&c.text());
            choices.iter().find(|(names, _)| names.iter().any(|n| crate::text::fold(n) == folded)).map(|(_, v)| *v).ok_or_else(|| {
                ProblemKind::NotOneOf { value: c.text(), expected: choices.iter().filter_map(|(names, _)| names.first().map(|n| (*n).to_owned())).collect() }
            })
        })
    }

    /// The org's nodes as name entries (built once per call that needs them).
    fn node_names(&self) -> Option<Names> {
        let org = self.org?;
        let tree = org.tree();
        let entries = tree
            .ids()
            .map(|id| {
                let n = tree.node(id);
                Entry { id: n.id().to_owned(), name: n.name().to_owned(), parent: n.parent().map(|p| p.index()) }
            })
            .collect();
        Some(Names::new(RefKind::Node, entries))
    }

    /// A node reference: resolved against the organization, or taken as an id without one.
    fn node_ref(&mut self, row: &mut Row<'_>, field: &str, names: Option<&Names>, communities_only: bool) -> Option<String> {
        let text = self.text(row, field)?;
        let Some(names) = names else { return Some(text) };
        let org = self.org?;
        let is_community = |i: usize| {
            let tree = org.tree();
            let level = tree.node(crate::NodeId::from_index(i as u32)).level();
            org.schema().is_none_or(|s| s.level(level).is_some_and(|l| l.role == crate::org::LevelRole::Community))
        };
        let result = if communities_only { names.resolve(&text, is_community, |_| false) } else { names.resolve(&text, |_| true, |_| false) };
        // A node of that name that is not a community: say so, rather than that none exists.
        let result = match result {
            Err(ProblemKind::UnknownName { .. }) if communities_only => match names.resolve(&text, |_| true, |_| false) {
                Ok(_) => Err(ProblemKind::NotCommunity { id: text.clone() }),
                Err(_) => result,
            },
            other => other,
        };
        match result {
            Ok(i) => Some(names.entries()[i].id.clone()),
            Err(kind) => {
                self.problem(row, field, kind);
                None
            }
        }
    }

    fn finish<T>(&mut self, row: &Row<'_>, id: &str, record: T, out: &mut (Vec<T>, Vec<u32>)) {
        if row.failed {
            self.failed.push(id.to_owned());
        } else {
            out.0.push(record);
            out.1.push(row.number);
        }
    }

    fn members(&mut self, rows: &[(u32, &[Cell])]) -> (Vec<MemberRecord>, Vec<u32>) {
        let names = self.node_names();
        let org = self.org;
        // Grids by id, code or name; a name narrows to the grids of the member's community.
        let grids = org.map(|o| {
            let entries = o.grids().iter().map(|g| Entry { id: String::from(&g.record().id), name: String::from(g.record().name.clone().unwrap_or_else(|| g.record().code.clone())), parent: None }).collect();
            Names::new(RefKind::Grid, entries)
        });
        // Grids by code, the first of each.
        let codes = org.map(|o| {
            let mut codes = super::names::Chains::new();
            for g in o.grids() {
                codes.push(&g.record().code, &|j| &o.grids()[j].record().code);
            }
            codes
        });
        const KINDS: [(&[&str], MemberKind); 4] = [
            (&["在职党员", "在职", "in_service"], MemberKind::InService),
            (&["离退休党员", "离退休", "退休", "离休", "退休党员", "retired"], MemberKind::Retired),
            (&["流动党员", "流动", "mobile"], MemberKind::Mobile),
            (&["无职党员", "无职", "no_office"], MemberKind::NoOffice),
        ];
        const FLOWS: [(&[&str], Flow); 2] = [(&["流入", "in"], Flow::In), (&["流出", "out"], Flow::Out)];
        let mut out = (Vec::new(), Vec::new());
        for &(number, cells) in rows {
            let mut row = Row { number, cells, failed: false };
            let id = self.id(&mut row, "id").unwrap_or_else(|| format!("m{number}"));
            let name = self.required(&mut row, "name");
            let kind = self.choice(&mut row, "kind", &KINDS);
            if kind.is_none() && self.cell(&row, "kind").is_none() {
                self.problem(&mut row, "kind", ProblemKind::Empty);
            }
            let flow = self.choice(&mut row, "flow", &FLOWS);
            let node = self.node_ref(&mut row, "node", names.as_ref(), false);
            if node.is_none() && self.cell(&row, "node").is_none() {
                self.problem(&mut row, "node", ProblemKind::Empty);
            }
            let grid = match (self.text(&mut row, "grid"), &grids, org) {
                (Some(text), Some(grids), Some(org)) => {
                    let community = node.as_deref().and_then(|n| org.tree().find(n)).map(|n| org.tree().path_to_root(n));
                    let in_community = |i: usize| community.as_ref().is_some_and(|path| path.contains(&org.grids()[i].community()));
                    let by_code = codes.as_ref().and_then(|c| c.get(&text, &|j| &org.grids()[j].record().code).next());
                    match by_code.map_or_else(|| grids.resolve(&text, |_| true, in_community), Ok) {
                        Ok(i) => Some(grids.entries()[i].id.clone()),
                        Err(kind) => {
                            self.problem(&mut row, "grid", kind);
                            None
                        }
                    }
                }
                (text, _, _) => text,
            };
            let posts: Vec<Text> = self.cell(&row, "posts").map(values::list).unwrap_or_default();
            let reports_to = self.node_ref(&mut row, "reports_to", names.as_ref(), true);
            let phone = self.value(&mut row, "phone", values::phone);
            let id_card = self.value(&mut row, "id_card", values::id_card);
            let Some(kind) = kind else {
                self.failed.push(id);
                continue;
            };
            let record = MemberRecord { id: id.into(), name: name.into(), kind, flow, node: node.unwrap_or_default().into(), grid: grid.map(Text::from), posts, reports_to: reports_to.map(Text::from), phone, id_card };
            self.finish(&row, &record.id.clone(), record, &mut out);
        }
        out
    }

    fn grids(&mut self, rows: &[(u32, &[Cell])]) -> (Vec<GridRecord>, Vec<u32>) {
        let names = self.node_names();
        let mut out = (Vec::new(), Vec::new());
        for &(number, cells) in rows {
            let mut row = Row { number, cells, failed: false };
            let code = self.value(&mut row, "code", |c| Ok(values::half_width(&c.text()).replace(' ', ""))).unwrap_or_default();
            if code.is_empty() && !row.failed {
                self.problem(&mut row, "code", ProblemKind::Empty);
            }
            let id = self.id(&mut row, "id").unwrap_or_else(|| code.clone());
            let name = self.text(&mut row, "name");
            let community = self.node_ref(&mut row, "community", names.as_ref(), true);
            if community.is_none() && self.cell(&row, "community").is_none() {
                self.problem(&mut row, "community", ProblemKind::Empty);
            }
            let merged = self.value(&mut row, "merged", values::yes_no).unwrap_or(false);
            let worker_names = self.cell(&row, "workers").map(values::list::<String>).unwrap_or_default();
            let phone_cells: Vec<Cell> = match self.cell(&row, "worker_phones") {
                Some(Cell::Text(t)) => values::list::<String>(&Cell::Text(t.clone())).into_iter().map(Cell::Text).collect(),
                Some(other) => vec![other.clone()],
                None => Vec::new(),
            };
            if phone_cells.len() > worker_names.len() {
                let value = phone_cells.iter().map(Cell::text).collect::<Vec<_>>().join("、");
                self.problem(&mut row, "worker_phones", ProblemKind::NotOneOf { value, expected: vec![format!("{} phone number(s), one per worker", worker_names.len())] });
            }
            let mut workers = Vec::new();
            for (j, name) in worker_names.into_iter().enumerate() {
                let phone = match phone_cells.get(j) {
                    Some(cell) => match values::phone(cell) {
                        Ok(p) => Some(p),
                        Err(kind) => {
                            self.problem(&mut row, "worker_phones", kind);
                            None
                        }
                    },
                    None => None,
                };
                workers.push(WorkerRecord { name: name.into(), phone, member: None, role: None });
            }
            let households = self.value(&mut row, "households", values::count).unwrap_or(0);
            let population = self.value(&mut row, "population", values::count).unwrap_or(0);
            let buildings = self.value(&mut row, "buildings", values::count).unwrap_or(0);
            let area_km2 = self.value(&mut row, "area_km2", values::number);
            let record = GridRecord { id: id.into(), code: code.into(), name: name.map(Text::from), community: community.unwrap_or_default().into(), merged, workers, households, population, buildings, area_km2 };
            self.finish(&row, &record.id.clone(), record, &mut out);
        }
        out
    }

    fn units(&mut self, rows: &[(u32, &[Cell])]) -> (Vec<UnitRecord>, Vec<u32>) {
        let names = self.node_names();
        const KINDS: [(&[&str], UnitKind); 2] =
            [(&["报到单位", "报到", "reporting"], UnitKind::Reporting), (&["驻区单位", "驻区", "co_located"], UnitKind::CoLocated)];
        let mut out: (Vec<UnitRecord>, Vec<u32>) = (Vec::new(), Vec::new());
        // The records so far by id, for a unit's further agreement rows.
        let mut units = super::names::Chains::new();
        for &(number, cells) in rows {
            let mut row = Row { number, cells, failed: false };
            let id = self.id(&mut row, "id").unwrap_or_else(|| format!("u{number}"));
            let name = self.required(&mut row, "name");
            let kind = self.choice(&mut row, "kind", &KINDS);
            if kind.is_none() && self.cell(&row, "kind").is_none() {
                self.problem(&mut row, "kind", ProblemKind::Empty);
            }
            let community = self.node_ref(&mut row, "community", names.as_ref(), true);
            if community.is_none() && self.cell(&row, "community").is_none() {
                self.problem(&mut row, "community", ProblemKind::Empty);
            }
            let big_committee = self.value(&mut row, "big_committee", values::yes_no).unwrap_or(false);
            let title = self.text(&mut row, "agreement");
            let start = self.value(&mut row, "agreement_start", values::date);
            let end = self.value(&mut row, "agreement_end", values::date);
            let mut agreements = Vec::new();
            match (title, start, end) {
                (None, None, None) => {}
                (title, Some(start), Some(end)) => agreements.push(AgreementRecord { title: title.unwrap_or_else(|| "共建协议".to_owned()).into(), start, end }),
                (_, start, end) => {
                    for (field, missing) in [("agreement_start", start.is_none()), ("agreement_end", end.is_none())] {
                        if missing && self.cell(&row, field).is_none() {
                            self.problem(&mut row, field, ProblemKind::Empty);
                        }
                    }
                }
            }
            let Some(kind) = kind else {
                self.failed.push(id);
                continue;
            };
            let record = UnitRecord { id: id.into(), name: name.into(), kind, community: community.unwrap_or_default().into(), big_committee, agreements, baobao: Vec::new(), stationed: Vec::new() };
            // A unit with several agreements takes a row for each (as exports write it): the
            // rows of one unit, the same but for the agreement, make one record.
            let same = |u: &UnitRecord| UnitRecord { agreements: Vec::new(), ..u.clone() } == UnitRecord { agreements: Vec::new(), ..record.clone() };
            let first = if row.failed { None } else { units.get(&record.id, &|j| &out.0[j].id).find(|&j| same(&out.0[j])) };
            if let Some(first) = first {
                out.0[first].agreements.extend(record.agreements);
                continue;
            }
            let before = out.0.len();
            self.finish(&row, &record.id.clone(), record, &mut out);
            if out.0.len() > before {
                units.push(&out.0[before].id, &|j| &out.0[j].id);
            }
        }
        out
    }

    /// A level by key or by its Chinese or English label in the lists' schema (without
    /// lists, the text as written).
    fn level(&mut self, row: &mut Row<'_>, field: &str) -> Option<String> {
        let text = self.text(row, field)?;
        let Some(schema) = self.lists.map(Lists::schema) else { return Some(text) };
        let folded = crate::text::fold(&text);
        match schema.levels.iter().find(|l| l.key == text || crate::text::fold(&l.zh) == folded || crate::text::fold(&l.en) == folded) {
            Some(l) => Some(l.key.clone()),
            None => {
                let expected = schema.levels.iter().map(|l| l.zh.clone()).collect();
                self.problem(row, field, ProblemKind::NotOneOf { value: text, expected });
                None
            }
        }
    }

    fn items(&mut self, rows: &[(u32, &[Cell])]) -> (Vec<Item>, Vec<u32>) {
        const KINDS: [(&[&str], ItemKind); 4] = [
            (&["自治事项", "自治", "self_governance"], ItemKind::SelfGovernance),
            (&["协助事项", "协助", "协助政府事项", "assist"], ItemKind::Assist),
            (&["证明事项", "证明", "certificate"], ItemKind::Certificate),
            (&["负面清单", "负面", "negative"], ItemKind::Negative),
        ];
        #[derive(Clone, Copy)]
        enum State {
            InForce,
            Abolished,
            Delegated,
        }
        const STATES: [(&[&str], State); 3] = [
            (&["在用", "有效", "保留", "实施中", "in_force"], State::InForce),
            (&["取消", "已取消", "废止", "abolished"], State::Abolished),
            (&["下放", "已下放", "delegated_down"], State::Delegated),
        ];
        const INSTEAD: [(&[&str], Instead); 5] = [
            (&["个人承诺", "告知承诺", "self_declaration"], Instead::SelfDeclaration),
            (&["部门数据共享", "数据共享", "data_sharing"], Instead::DataSharing),
            (&["网上核验", "在线核验", "online_verification"], Instead::OnlineVerification),
            (&["由主管部门出具", "主管部门出具", "department_issues"], Instead::DepartmentIssues),
            (&["无需提供", "不再提供", "not_needed"], Instead::NotNeeded),
        ];
        let mut out = (Vec::new(), Vec::new());
        for &(number, cells) in rows {
            let mut row = Row { number, cells, failed: false };
            let id = self.id(&mut row, "id").unwrap_or_else(|| format!("item{number}"));
            let name = self.required(&mut row, "name");
            let kind = self.choice(&mut row, "kind", &KINDS);
            for field in ["kind", "level"] {
                if self.cell(&row, field).is_none() {
                    self.problem(&mut row, field, ProblemKind::Empty);
                }
            }
            let level = self.level(&mut row, "level");
            let owner = self.text(&mut row, "owner");
            let basis = self.cell(&row, "basis").map(values::list::<String>).unwrap_or_default();
            let time_limit_days = self.value(&mut row, "time_limit_days", values::count);
            let materials = self.cell(&row, "materials").map(values::list::<String>).unwrap_or_default().into_iter().map(Material::Text).collect();
            let channels = Channels {
                one_window: self.value(&mut row, "one_window", values::yes_no).unwrap_or(false),
                online: self.value(&mut row, "online", values::yes_no).unwrap_or(false),
                at_most_one_trip: self.value(&mut row, "at_most_one_trip", values::yes_no).unwrap_or(false),
            };
            let state = self.choice(&mut row, "status", &STATES).unwrap_or(State::InForce);
            let since = self.value(&mut row, "since", values::date);
            let by = self.text(&mut row, "by");
            let instead_cell = self.cell(&row, "instead").map(values::list::<String>).unwrap_or_default();
            let mut instead = Vec::new();
            for text in instead_cell {
                let folded = crate::text::fold(&text);
                match INSTEAD.iter().find(|(names, _)| names.iter().any(|n| crate::text::fold(n) == folded)) {
                    Some((_, v)) => instead.push(*v),
                    None => {
                        let expected = INSTEAD.iter().filter_map(|(names, _)| names.first().map(|n| (*n).to_owned())).collect();
                        self.problem(&mut row, "instead", ProblemKind::NotOneOf { value: text, expected });
                    }
                }
            }
            let to = self.level(&mut row, "to");
            let note = self.text(&mut row, "note");
            let introduced = self.value(&mut row, "introduced", values::date);
            let aliases = self.cell(&row, "aliases").map(values::list::<String>).unwrap_or_default();
            let need = |this: &mut Self, row: &mut Row<'_>, field: &str, present: bool| {
                if !present && this.cell(row, field).is_none() {
                    this.problem(row, field, ProblemKind::Empty);
                }
            };
            // What only another status keeps would be lost: a problem, not silence.
            let misplaced = [
                ("note", note.is_some() && !matches!(state, State::Abolished), "取消"),
                ("instead", !instead.is_empty() && !matches!(state, State::Abolished), "取消"),
                ("to", to.is_some() && !matches!(state, State::Delegated), "下放"),
                ("by", by.is_some() && matches!(state, State::InForce), "取消、下放"),
            ];
            for (field, wrong, status) in misplaced {
                if wrong {
                    self.problem(&mut row, field, ProblemKind::NotForStatus { status: status.to_owned() });
                }
            }
            let status = match state {
                State::InForce => Some(Status::InForce { since }),
                State::Abolished => {
                    need(self, &mut row, "since", since.is_some());
                    need(self, &mut row, "by", by.is_some());
                    since.zip(by).map(|(since, by)| Status::Abolished { since, by, instead, note })
                }
                State::Delegated => {
                    need(self, &mut row, "since", since.is_some());
                    need(self, &mut row, "to", to.is_some());
                    since.zip(to).map(|(since, to)| Status::DelegatedDown { since, to, by })
                }
            };
            let (Some(kind), Some(level), Some(status)) = (kind, level, status) else {
                self.failed.push(id);
                continue;
            };
            let record = Item { id, name, kind, level, owner, basis, time_limit_days, materials, channels, status, introduced, aliases };
            self.finish(&row, &record.id.clone(), record, &mut out);
        }
        // A material that is the id of an item (of the sheet, or of the lists read against)
        // refers to that item, as the document's `{"item": …}` does.
        let ids: Vec<String> = out.0.iter().map(|i| i.id.clone()).chain(self.lists.into_iter().flat_map(|l| l.items().iter().map(|i| i.id.clone()))).collect();
        for item in &mut out.0 {
            for m in &mut item.materials {
                if let Material::Text(t) = m {
                    if ids.contains(t) {
                        *m = Material::Item { item: t.clone() };
                    }
                }
            }
        }
        out
    }

    fn nodes(&mut self, rows: &[(u32, &[Cell])]) -> (Vec<NodeRecord>, Vec<u32>) {
        let schema = self.org.and_then(Organization::schema).cloned();
        let presets: Vec<crate::org::LevelSchema> = crate::org::PRESETS.iter().filter_map(|p| crate::org::LevelSchema::preset(p)).collect();
        // First pass: every row's own fields; parents resolved after, among the rows.
        struct Draft {
            record: NodeRecord,
            parent_text: Option<String>,
        }
        let mut drafts: Vec<(Row<'_>, Draft)> = Vec::new();
        for &(number, cells) in rows {
            let mut row = Row { number, cells, failed: false };
            let name = self.required(&mut row, "name");
            let id = self.id(&mut row, "id").unwrap_or_else(|| format!("n{number}"));
            let level_text = self.required(&mut row, "level");
            // A level by key, or by its Chinese or English label in the schema (else a preset).
            let schemas: Vec<&crate::org::LevelSchema> = schema.iter().chain(if schema.is_some() { [].iter() } else { presets.iter() }).collect();
            let folded = crate::text::fold(&level_text);
            let level = schemas
                .iter()
                .flat_map(|s| s.levels.iter())
                .find(|l| l.key == level_text || crate::text::fold(&l.zh) == folded || crate::text::fold(&l.en) == folded)
                .map_or(level_text, |l| l.key.clone());
            let code = self.value(&mut row, "code", |c| Ok(values::half_width(&c.text()).replace(' ', "")));
            let grid = self.text(&mut row, "grid");
            let parent_text = self.text(&mut row, "parent");
            let record = NodeRecord { id: id.into(), parent: None, level: level.into(), name: name.into(), code: code.map(Text::from), grid: grid.map(Text::from), committee: None, linked_households: None };
            drafts.push((row, Draft { record, parent_text }));
        }
        let entries: Vec<Entry> = drafts.iter().map(|(_, d)| Entry { id: String::from(&d.record.id), name: String::from(&d.record.name), parent: None }).collect();
        // Parents named plainly first; then paths, which follow the parents found.
        let mut names = Names::new(RefKind::Node, entries);
        let mut parents: Vec<Option<Result<usize, ProblemKind>>> = vec![None; drafts.len()];
        for pass in [false, true] {
            for (i, (_, d)) in drafts.iter().enumerate() {
                let Some(text) = &d.parent_text else { continue };
                let is_path = text.contains(['/', '／', '>', '＞', '›']);
                if is_path == pass {
                    parents[i] = Some(names.resolve(text, |j| j != i, |_| false));
                }
            }
            let entries = names.entries().iter().enumerate().map(|(i, e)| Entry { parent: parents[i].clone().and_then(Result::ok), ..e.clone() }).collect();
            names = Names::new(RefKind::Node, entries);
        }
        // A name that did not resolve is looked up once more among the parents found, so that
        // its candidates show as full paths.
        for (i, (_, d)) in drafts.iter().enumerate() {
            if let (Some(Err(_)), Some(text)) = (&parents[i], &d.parent_text) {
                parents[i] = Some(names.resolve(text, |j| j != i, |_| false));
            }
        }
        let mut out = (Vec::new(), Vec::new());
        for (i, (mut row, mut draft)) in drafts.into_iter().enumerate() {
            match parents[i].take() {
                Some(Ok(p)) => draft.record.parent = Some(names.entries()[p].id.clone().into()),
                Some(Err(kind)) => self.problem(&mut row, "parent", kind),
                None => {}
            }
            self.finish(&row, &draft.record.id.clone(), draft.record, &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_count_like_a_spreadsheet() {
        assert_eq!([1, 26, 27, 52, 703].map(column_letters), ["A", "Z", "AA", "AZ", "AAA"]);
    }
}
