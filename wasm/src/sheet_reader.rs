//! `read_sheet()`: a spreadsheet read for `<gr-roster-import>` by the same core code as
//! `grassroots import` — the module `sheets` (calamine for .xlsx/.xls/.ods, GBK/GB18030 for
//! .csv, the import and the document check), which `grassroots.js` fetches when a person
//! first chooses a file, never before. The widget's own module has none of this code.

use grassroots::sheets::{self, ImportOptions, Kind, SheetProblem};
use grassroots::Severity;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::sheet_outcome::{self, Base, Outcome, Problem, Read, PREVIEW_ROWS};

/// Reads `bytes` (the file `file`) as records of `records` (`members`, `grids`, `units`,
/// `nodes`, `lists`), from sheet `sheet` or the first that holds them, into `base` (the
/// document the widget was given, JSON text; none for a new one). Returns the
/// [`Outcome`] as JSON text; throws only for a call the widget would never make (an unknown
/// kind, a base document that does not load).
#[wasm_bindgen]
pub fn read_sheet(records: &str, file: &str, bytes: &[u8], sheet: Option<String>, base: Option<String>) -> Result<String, JsError> {
    let kind = Kind::from_key(records).ok_or_else(|| JsError::new(&format!("read_sheet: no records \"{records}\"")))?;
    let base = sheet_outcome::load(base.as_deref().unwrap_or_default()).map_err(|e| {
        let lines: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
        JsError::new(&lines.join("\n"))
    })?;
    serde_json::to_string(&run(kind, file, bytes, sheet.as_deref(), &base)).map_err(|e| JsError::new(&e.to_string()))
}

/// Reads `bytes` as records of `kind` into `base`: the core's import, then its document
/// check. Every problem is kept, errors and warnings apart.
pub fn run(kind: Kind, file: &str, bytes: &[u8], sheet: Option<&str>, base: &Base) -> Outcome {
    let sheets = sheets::sheets(file, bytes).map(|s| s.into_iter().map(|s| s.name).collect()).unwrap_or_default();
    let options = ImportOptions { org: base.org.as_ref(), sheet, mapping: None, lists: base.lists.as_ref() };
    let base_name = if kind == Kind::Lists { "lists.json" } else { "org.json" };
    let (imported, document, problems) = match sheets::import(kind, file, bytes, &options) {
        Err(problems) => (None, None, problems),
        Ok(imported) => {
            let base_doc = base.text.as_deref().filter(|_| (kind == Kind::Lists) == base.lists.is_some()).map(|t| (base_name, t));
            match sheets::document(&imported, base_doc) {
                Ok(doc) => (Some(imported), Some(doc.json), doc.warnings),
                Err(problems) => (Some(imported), None, problems),
            }
        }
    };
    let (errors, warnings): (Vec<_>, Vec<_>) = problems.iter().partition(|p| p.severity == Severity::Error);
    let read = imported.map(|imported| {
        // The recognised columns in the order the kind's fields are listed (the header table).
        let columns = sheets::fields(kind).into_iter().filter_map(|f| imported.columns.get(f.key).map(|header| (f.key.to_owned(), header.clone()))).collect();
        Read {
            count: imported.records.len(),
            preview: masked(&imported.records, PREVIEW_ROWS),
            rows: imported.rows.iter().take(PREVIEW_ROWS).copied().collect(),
            sheet: imported.sheet,
            columns,
        }
    });
    Outcome {
        file: file.rsplit(['/', '\\']).next().unwrap_or(file).to_owned(),
        records: kind.key().to_owned(),
        sheets,
        read,
        document,
        errors: errors.into_iter().map(problem).collect(),
        warnings: warnings.into_iter().map(problem).collect(),
    }
}

fn problem(p: &SheetProblem) -> Problem {
    Problem {
        file: p.file.clone(),
        sheet: p.sheet.clone(),
        row: p.row,
        column: p.column.clone(),
        record: p.record.clone(),
        code: serde_json::to_value(&p.kind).ok().and_then(|v| v.get("code").and_then(Value::as_str).map(str::to_owned)).unwrap_or_default(),
        zh: p.zh(),
        en: p.to_string(),
    }
}

/// The first `n` records as their own serializers write them, which mask phone and ID-card
/// numbers.
fn masked(records: &sheets::Records, n: usize) -> Vec<Value> {
    fn each<T: Serialize>(rs: &[T], n: usize) -> Vec<Value> {
        rs.iter().take(n).map(|r| serde_json::to_value(r).unwrap_or(Value::Null)).collect()
    }
    match records {
        sheets::Records::Members(r) => each(r, n),
        sheets::Records::Grids(r) => each(r, n),
        sheets::Records::Units(r) => each(r, n),
        sheets::Records::Nodes(r) => each(r, n),
        sheets::Records::Items(r) => each(r, n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use grassroots::Organization;

    fn corpus(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/../tests/data/sheets/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default()
    }

    fn shengli() -> Base {
        let text = std::fs::read_to_string(format!("{}/../tests/data/tree/valid/laifeng-shengli.json", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default();
        sheet_outcome::load(&text).unwrap_or_else(|e| panic!("{:?}", e.problems()))
    }

    #[test]
    fn the_widgets_kinds_are_the_cores() {
        assert_eq!(sheet_outcome::KINDS.to_vec(), Kind::ALL.iter().map(|k| k.key()).collect::<Vec<_>>());
    }

    #[test]
    fn a_roster_reads_into_a_document_and_every_problem_is_kept() {
        let base = shengli();
        let good = run(Kind::Members, "members.xlsx", &corpus("members.xlsx"), None, &base);
        assert!(good.errors.is_empty(), "{:?}", good.errors);
        let doc = good.document.clone().unwrap_or_default();
        assert!(Organization::from_json(&doc).is_ok());
        assert!(good.read.as_ref().is_some_and(|r| r.count > 3 && r.count == r.preview.len() && r.rows.len() == r.count));
        // What crosses to the widget's module reads back the same.
        let text = serde_json::to_string(&good).unwrap_or_default();
        assert_eq!(serde_json::from_str::<Outcome>(&text).ok(), Some(good));
        // The broken roster: every problem, as `grassroots import` prints them (zh), in order.
        let broken = run(Kind::Members, "members-broken.xlsx", &corpus("members-broken.xlsx"), None, &base);
        assert!(broken.document.is_none());
        let expected = String::from_utf8(corpus("members-broken.xlsx.expected.txt")).unwrap_or_default();
        assert!(broken.errors.len() > 1);
        for p in broken.errors.iter().chain(&broken.warnings) {
            assert!(expected.contains(p.zh.as_str()), "{} not in the expected problems:\n{expected}", p.zh);
            assert!(!p.en.is_empty() && !p.code.is_empty() && p.file == "members-broken.xlsx");
        }
    }

    #[test]
    fn the_preview_masks_personal_data_and_holds_the_first_rows() {
        let good = run(Kind::Members, "members.xlsx", &corpus("members.xlsx"), None, &shengli());
        let Some(read) = good.read else { panic!("no records") };
        let phones: Vec<&str> = read.preview.iter().filter_map(|v| v.get("phone").and_then(Value::as_str)).collect();
        assert!(!phones.is_empty());
        assert!(phones.iter().all(|p| p.contains('*')), "{phones:?}");
        let full: Value = serde_json::from_str(good.document.as_deref().unwrap_or("null")).unwrap_or(Value::Null);
        assert!(full.to_string().contains(&phones[0][..3]), "the document keeps the number in full");
        assert!(!full.to_string().contains(phones[0]));
        assert!(masked(&sheets::Records::Members(Vec::new()), PREVIEW_ROWS).is_empty());
    }
}
