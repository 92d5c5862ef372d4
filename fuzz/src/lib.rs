//! What every fuzz target asserts (issue 17), and the fixtures the targets read against.
//!
//! The contract of a reader of outside data:
//! - no panic, no hang (libFuzzer's `-timeout`), no runaway memory (`-rss_limit_mb`);
//! - an error names where: every [`Problem`] of an [`Error::Invalid`] has a non-empty path
//!   from the document's root `$` (a CSV roster's `row N, column C`), at least one of them is
//!   an error, and a [`SheetProblem`] names its file;
//! - a document that loads, written back with the crate's own serializers, loads again, and
//!   writing that back gives the same text (the fixed point): [`assert_round_trip`].
//!
//! A violation panics: that is what libFuzzer reports as a finding.

use grassroots::sheets::{Records, SheetProblem};
use grassroots::{Error, Organization, Problem, Severity};
use serde_json::{Map, Value, json};

/// The organization the geometry checks, the services checks and the spreadsheet imports
/// read against (the one `tests/it/sheets.rs` imports against).
pub const ORG: &str = include_str!("../../tests/data/tree/valid/laifeng-shengli.json");
/// The geometry fixtures' organization.
pub const GEO_ORG: &str = include_str!("../../tests/data/geo/org.json");
/// The services fixtures' organization.
pub const SERVICES_ORG: &str = include_str!("../../tests/data/services/tianyuan-org.json");
/// The lists document a lists import reads against.
pub const LISTS: &str = include_str!("../../tests/data/lists/valid/laifeng-2021.json");
/// Entities the rule-set target evaluates.
pub const ENTITIES: &str = include_str!("../../tests/data/rules/entities/five-star-example.json");
/// The shipped rule sets, by the file name a case file gives as `rules`.
pub const RULE_SETS: [(&str, &str); 8] = [
    ("dual-reporting.json", include_str!("../../tests/data/rules/dual-reporting.json")),
    ("five-star-community.json", include_str!("../../tests/data/rules/five-star-community.json")),
    ("funding.json", include_str!("../../tests/data/rules/funding.json")),
    ("grid-worker.json", include_str!("../../tests/data/rules/grid-worker.json")),
    ("hotline-rates.json", include_str!("../../tests/data/rules/hotline-rates.json")),
    ("red-property.json", include_str!("../../tests/data/rules/red-property.json")),
    ("secretary.json", include_str!("../../tests/data/rules/secretary.json")),
    ("sla-compliance.json", include_str!("../../tests/data/rules/sla-compliance.json")),
];

/// A fixture that must load (a failure is a broken fixture, not a finding).
pub fn fixture<T>(name: &str, loaded: Result<T, Error>) -> T {
    loaded.unwrap_or_else(|e| panic!("fixture {name} does not load: {e}"))
}

/// The input as text: the JSON readers take `&str`, so bytes that are not UTF-8 never reach
/// them (the CLI and the widgets read text).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Two documents in one input, split at the first NUL byte (which JSON text cannot hold):
/// the blocks and the options of a re-cut, the node and member rosters.
pub fn split(data: &[u8]) -> (&[u8], Option<&[u8]>) {
    match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    }
}

/// The path of a problem names a place in its document: `$…` (or, with `rows`, a CSV
/// roster's `row N…`).
fn assert_path(p: &Problem, rows: bool, what: &str) {
    let ok = p.path.starts_with('$') || (rows && p.path.starts_with("row "));
    assert!(ok && !p.path.is_empty(), "{what}: a problem without a path: {p:?}");
    // Every problem can be shown (the CLI and the widgets do).
    let _ = p.to_string();
}

/// An error names where: see the crate docs.
pub fn assert_error(err: &Error, what: &str) {
    assert_error_paths(err, false, what);
}

/// [`assert_error`], also taking a CSV roster's `row N, column C` paths.
pub fn assert_error_paths(err: &Error, rows: bool, what: &str) {
    let _ = err.to_string();
    match err {
        Error::Syntax { line, .. } => assert!(*line >= 1, "{what}: a syntax error at line 0: {err:?}"),
        Error::Invalid { problems } => {
            assert!(!problems.is_empty(), "{what}: Error::Invalid without a problem");
            assert!(problems.iter().any(|p| p.severity == Severity::Error), "{what}: Error::Invalid with warnings only: {problems:?}");
            for p in problems {
                assert_path(p, rows, what);
            }
        }
        _ => {}
    }
    for p in err.problems() {
        assert_path(&p, rows, what);
    }
}

/// Problems that came with a loaded value (warnings, diagnostics, checks) name where too.
pub fn assert_problems(problems: &[Problem], what: &str) {
    for p in problems {
        assert_path(p, false, what);
    }
}

/// An import's problems name their file (and an `Err` holds at least one error).
pub fn assert_sheet_problems(problems: &[SheetProblem], failed: bool, what: &str) {
    if failed {
        assert!(!problems.is_empty(), "{what}: an import failed without a problem");
        assert!(problems.iter().any(|p| p.severity == Severity::Error), "{what}: an import failed with warnings only: {problems:?}");
    }
    for p in problems {
        assert!(!p.file.trim().is_empty(), "{what}: a problem without a file: {p:?}");
        let _ = (p.to_string(), p.zh());
    }
}

/// Loads `first` (a written-back document), writes it back again and asserts the same text:
/// a document written back must load, and load to the same thing.
pub fn assert_round_trip<T>(what: &str, written: &str, load: impl Fn(&str) -> Result<T, Error>, write: impl Fn(&T) -> String) -> T {
    let again = match load(written) {
        Ok(v) => v,
        Err(e) => panic!("{what}: a loaded document written back does not load: {e}\n{written}"),
    };
    let rewritten = write(&again);
    assert_eq!(written, rewritten, "{what}: written back twice differs");
    again
}

/// An organization written back as its JSON document: every section's records through their
/// own serializers, personal data in full through `sheets::Records::to_json_values` (the
/// records' serializers mask it), the resolved level schema as a custom schema.
pub fn organization_json(org: &Organization) -> String {
    let mut doc = Map::new();
    if let Some(schema) = org.schema() {
        doc.insert("schema".into(), to_value(schema));
    }
    doc.insert("nodes".into(), Value::Array(Records::Nodes(org.tree().to_records()).to_json_values()));
    let grids = org.grids().iter().map(|g| g.record().clone()).collect();
    doc.insert("grids".into(), Value::Array(Records::Grids(grids).to_json_values()));
    let members = org.members().iter().map(|m| m.record().clone()).collect();
    doc.insert("members".into(), Value::Array(Records::Members(members).to_json_values()));
    let units = org.units().iter().map(|u| u.record().clone()).collect();
    doc.insert("units".into(), Value::Array(Records::Units(units).to_json_values()));
    doc.insert("post_categories".into(), to_value(org.post_categories()));
    let companies: Vec<_> = org.property_companies().iter().map(|c| c.record()).collect();
    doc.insert("property_companies".into(), to_value(&companies));
    let compounds: Vec<_> = org.compounds().iter().map(|c| c.record()).collect();
    doc.insert("compounds".into(), to_value(&compounds));
    let teams: Vec<_> = org.teams().iter().map(|t| t.record()).collect();
    doc.insert("teams".into(), to_value(&teams));
    Value::Object(doc).to_string()
}

/// Everything a loaded organization computes from its records, run for panics.
pub fn exercise_organization(org: &Organization) {
    let tree = org.tree();
    for id in tree.ids() {
        let _ = (org.rollup(id), org.level_label(id, false), org.level_counts(id), tree.path_to_root(id), tree.position_in_siblings(id));
    }
    let _ = tree.subtree(tree.root());
    let _ = tree.search(tree.node(tree.root()).name());
    let _ = org.all_community_details();
    for g in 0..org.grids().len() {
        let _ = org.worker_model_shortfall(g);
    }
    for (i, node) in tree.ids().enumerate() {
        if i > 64 {
            break;
        }
        let _ = (org.baobao(node), org.compounds_under(node), org.teams_under(node));
        if let Some(code) = tree.node(node).code() {
            let _ = org.find_code(code);
        }
    }
    let rollup = org.rollup(tree.root());
    let _ = grassroots::rules::rollup_facts(&rollup);
    let _ = serde_json::to_string(&rollup);
    assert_problems(org.warnings(), "organization warnings");
}

/// An organization loads, or its error names where; a loaded one is exercised and written
/// back (the fixed point).
pub fn organization(what: &str, loaded: Result<Organization, Error>) {
    match loaded {
        Ok(org) => {
            exercise_organization(&org);
            let written = organization_json(&org);
            let again = assert_round_trip(what, &written, Organization::from_json, organization_json);
            assert_eq!(org.tree().len(), again.tree().len(), "{what}: a node lost on the way back");
            assert_eq!(org.rollup(org.tree().root()), again.rollup(again.tree().root()), "{what}: the root's rollup differs written back");
            // Each warning's node, read from its path; the root has them all, and no node has
            // more than its parent.
            let (tree, summary) = org.split();
            assert_eq!(summary.warnings_under(&tree, tree.root()).count(), summary.warnings().len(), "{what}: the root lacks a warning");
            for id in tree.ids().take(65) {
                let here = summary.warnings_under(&tree, id).count();
                if let Some(parent) = tree.node(id).parent() {
                    assert!(here <= summary.warnings_under(&tree, parent).count(), "{what}: a node has more warnings than its parent");
                }
            }
        }
        Err(e) => assert_error(&e, what),
    }
}

/// `serde_json::to_value` of a type that always serializes (plain data: string keys).
pub fn to_value<T: serde::Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or_else(|e| panic!("a loaded value does not serialize: {e}"))
}

/// An empty JSON object, for documents that have none of a section.
pub fn empty() -> Value {
    json!({})
}

/// A rule set written back: its own serializer, plus the facts it declared (its `Serialize`
/// skips the catalogue; the declared facts are the catalogue's past the core's).
pub fn rule_set_value(rules: &grassroots::RuleSet) -> Value {
    let core = grassroots::rules::FactCatalogue::core();
    let declared: Vec<_> = rules.catalogue().facts().iter().filter(|f| core.get(&f.name).is_none()).collect();
    let mut value = to_value(rules);
    if let Value::Object(map) = &mut value {
        if !declared.is_empty() {
            map.insert("facts".into(), to_value(&declared));
        }
    }
    value
}

/// Everything an evaluation carries names where (diagnostics) and serializes.
pub fn assert_evaluation(evaluation: &grassroots::Evaluation, what: &str) {
    assert_problems(&evaluation.diagnostics, what);
    let _ = to_value(evaluation);
}

/// The cells a sheet may span in the spreadsheet targets (see [`sheets`]).
pub const SHEET_CELLS: usize = 100_000;

/// A spreadsheet import (`sheets::import`) of `data` as a file named `fuzz.<ext>`, for every
/// kind, against the organization and lists fixtures. What an import gives is put into a
/// document (`sheets::document`), which must then load; that document's records, exported
/// as .xlsx (`sheets::xlsx`, personal data revealed) and imported again, must be the same
/// records (as `tests/it/sheets.rs` asserts for the fixtures).
///
/// A sheet may span at most [`SHEET_CELLS`] cells here (the `records` limit; 10 million by
/// default): calamine reads an .xls or .ods sheet whole, as a dense range from its first cell
/// to its last, so a small input naming two far cells cost the targets hundreds of
/// milliseconds of allocation and page faults each (a quarter of `sheets_xls`'s time). The
/// reading code is the same for a small range and a large one; past the limit the input takes
/// the limit's own path, which these targets check as any other problem.
pub fn sheets(ext: &str, data: &[u8]) {
    use grassroots::sheets::{self, ImportOptions, Kind};
    use std::sync::LazyLock;
    static LIMITED: std::sync::Once = std::sync::Once::new();
    LIMITED.call_once(|| grassroots::limits::set(grassroots::limits::Limits { records: SHEET_CELLS, ..grassroots::limits::Limits::DEFAULT }));
    static ORG_LOADED: LazyLock<Organization> = LazyLock::new(|| fixture("laifeng-shengli", Organization::from_json(ORG)));
    static LISTS_LOADED: LazyLock<grassroots::Lists> = LazyLock::new(|| fixture("laifeng-2021", grassroots::Lists::from_json(LISTS)));

    let file = format!("fuzz.{ext}");
    let options = ImportOptions { org: Some(&ORG_LOADED), sheet: None, mapping: None, lists: Some(&LISTS_LOADED) };
    // A file that is no spreadsheet fails every kind the same way, at the read: `import` once
    // says so. Else the sheets read once are imported as every kind (`import` is that read
    // and `import_sheets`: tests/it/sheets.rs holds the two equal over the corpus; comparing
    // them here took a quarter of the target's time).
    let read = match sheets::sheets(&file, data) {
        Ok(read) => read,
        Err(_) => {
            let problems = sheets::import(Kind::Members, &file, data, &options).err().unwrap_or_else(|| panic!("{file}: not read, yet imported"));
            assert_sheet_problems(&problems, true, &file);
            return;
        }
    };
    for kind in Kind::ALL {
        let what = format!("{file} as {}", kind.key());
        let imported = match sheets::import_sheets(kind, &file, &read, &options) {
            Ok(i) => i,
            Err(problems) => {
                assert_sheet_problems(&problems, true, &what);
                continue;
            }
        };
        assert_sheet_problems(&imported.problems, false, &what);
        assert_eq!(imported.records.len(), imported.rows.len(), "{what}: a record without its row");
        let base = if kind == Kind::Lists { ("lists.json", LISTS) } else { ("org.json", ORG) };
        let document = match sheets::document(&imported, Some(base)) {
            Ok(d) => d,
            Err(problems) => {
                assert_sheet_problems(&problems, true, &format!("{what}, its document"));
                continue;
            }
        };
        assert_sheet_problems(&document.warnings, false, &format!("{what}, its document"));
        export_and_import_back(kind, &what, &document.json);
    }
}

fn export_and_import_back(kind: grassroots::sheets::Kind, what: &str, json: &str) {
    use grassroots::sheets::xlsx::{self, Workbook};
    use grassroots::sheets::{self, ImportOptions, Kind};
    let (org, lists) = if kind == Kind::Lists {
        let lists = grassroots::Lists::from_json(json).unwrap_or_else(|e| panic!("{what}: the document it made does not load: {e}"));
        (None, Some(lists))
    } else {
        let org = Organization::from_json(json).unwrap_or_else(|e| panic!("{what}: the document it made does not load: {e}"));
        (Some(org), None)
    };
    let table = match (kind, &org, &lists) {
        (Kind::Members, Some(o), _) => xlsx::members_table(o, true),
        (Kind::Grids, Some(o), _) => xlsx::grids_table(o, true),
        (Kind::Units, Some(o), _) => xlsx::units_table(o),
        (Kind::Nodes, Some(o), _) => xlsx::nodes_table(o),
        (Kind::Lists, _, Some(l)) => xlsx::items_table(l),
        _ => return,
    };
    let book = Workbook { title: "fuzz".into(), exported_at: "2026-07-01 08:30 +08:00".into(), tables: vec![table] };
    // A workbook the writer refuses (e.g. a cell longer than Excel allows) is an export error
    // the CLI reports, not a broken import.
    let Ok(bytes) = book.to_xlsx() else { return };
    let options = ImportOptions { org: org.as_ref(), sheet: None, mapping: None, lists: lists.as_ref() };
    let back = sheets::import(kind, "导出.xlsx", &bytes, &options).unwrap_or_else(|p| panic!("{what}: exported, it does not import back: {p:?}"));
    let errors: Vec<_> = back.problems.iter().filter(|p| p.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{what}: exported and imported back, problems: {errors:?}");
    match (back.records, &org, &lists) {
        (Records::Members(m), Some(o), _) => assert_eq!(m, o.members().iter().map(|m| m.record().clone()).collect::<Vec<_>>(), "{what}: members differ imported back"),
        (Records::Grids(g), Some(o), _) => assert_eq!(g, o.grids().iter().map(|g| g.record().clone()).collect::<Vec<_>>(), "{what}: grids differ imported back"),
        (Records::Units(u), Some(o), _) => assert_eq!(u, o.units().iter().map(|u| u.record().clone()).collect::<Vec<_>>(), "{what}: units differ imported back"),
        (Records::Nodes(n), Some(o), _) => {
            let want: Vec<_> = o
                .tree()
                .to_records()
                .into_iter()
                .map(|mut r| {
                    r.committee = None;
                    r.linked_households = None;
                    r
                })
                .collect();
            assert_eq!(n, want, "{what}: nodes differ imported back");
        }
        (Records::Items(i), _, Some(l)) => assert_eq!(i.as_slice(), l.items(), "{what}: list items differ imported back"),
        (other, _, _) => panic!("{what}: imported back as another kind: {other:?}"),
    }
}
