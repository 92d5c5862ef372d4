//! Spreadsheets over the corpus in `tests/data/sheets`, made by LibreOffice Calc from the CSV
//! templates in `src/` (`.ci/make-sheets.sh`): every format of a template reads to the same
//! records, which validate clean; every broken file gives exactly the problems its
//! `.expected.txt` lists (zh-CN lines, as the CLI prints them); exports read back.

use std::path::{Path, PathBuf};

use grassroots::Organization;
use grassroots::org::{MemberKind, MemberRecord};
use grassroots::sheets::xlsx::{self, Workbook};
use grassroots::sheets::{self, Cell, ImportOptions, Kind, Mapping, Records, SheetProblem};

use crate::{data_dir, read};

const ORG: &str = "tree/valid/laifeng-shengli.json";
const LISTS: &str = "lists/valid/laifeng-2021.json";

fn lists() -> grassroots::Lists {
    grassroots::Lists::from_json(&read(&data_dir(LISTS))).unwrap_or_else(|e| panic!("{e}"))
}

fn org_text() -> String {
    read(&data_dir(ORG))
}

fn org() -> Organization {
    Organization::from_json(&org_text()).unwrap_or_else(|e| panic!("{e}"))
}

/// The corpus files (not the templates), sorted.
fn corpus() -> Vec<PathBuf> {
    let dir = data_dir("sheets");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| ["csv", "xlsx", "xls", "ods"].iter().any(|e| x == *e)))
        .collect();
    files.sort();
    files
}

fn kind_of(path: &Path) -> Kind {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    Kind::ALL.into_iter().find(|k| name.starts_with(k.key())).unwrap_or_else(|| panic!("{name}: which kind?"))
}

/// Imports a corpus file against the fixture organization (nodes: on their own) and checks
/// the document: the records, or every problem.
fn load(path: &Path) -> Result<(sheets::Imported, sheets::Document), Vec<SheetProblem>> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let kind = kind_of(path);
    let organization = org();
    let lists = lists();
    let options = ImportOptions {
        org: (kind != Kind::Nodes && kind != Kind::Lists).then_some(&organization),
        sheet: None,
        mapping: None,
        lists: (kind == Kind::Lists).then_some(&lists),
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let imported = sheets::import(kind, name, &bytes, &options)?;
    let base = match kind {
        Kind::Nodes => None,
        Kind::Lists => Some(("laifeng-2021.json", read(&data_dir(LISTS)))),
        _ => Some(("laifeng-shengli.json", org_text())),
    };
    let doc = sheets::document(&imported, base.as_ref().map(|(n, t)| (*n, t.as_str())))?;
    Ok((imported, doc))
}

#[test]
fn every_format_of_a_template_reads_to_the_same_records_and_validates_clean() {
    let valid: Vec<PathBuf> = corpus().into_iter().filter(|p| !p.to_string_lossy().contains("-broken")).collect();
    assert!(valid.len() >= 21, "{valid:?}");
    for path in &valid {
        let (imported, doc) = load(path).unwrap_or_else(|problems| panic!("{}: {:#?}", path.display(), problems.iter().map(SheetProblem::zh).collect::<Vec<_>>()));
        // The document validates as it is written out.
        if let Records::Items(items) = &imported.records {
            let reloaded = grassroots::Lists::from_json(&doc.json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(reloaded.items(), items.as_slice());
            // The office suite's file of the 2021 lists reads back to the 2021 lists' items.
            assert_eq!(items.as_slice(), lists().items(), "{}", path.display());
            continue;
        }
        let reloaded = Organization::from_json(&doc.json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let template = data_dir("sheets").join(format!("{}.csv", path.file_stem().and_then(|s| s.to_str()).unwrap_or("").trim_end_matches("-gbk")));
        let (from_csv, _) = load(&template).unwrap_or_else(|p| panic!("{}: {p:?}", template.display()));
        assert_eq!(imported.records, from_csv.records, "{} reads otherwise than {}", path.display(), template.display());
        assert_eq!(imported.rows, from_csv.rows, "{}: row numbers", path.display());
        assert!(!imported.records.is_empty());
        match &imported.records {
            Records::Members(m) => assert_eq!(reloaded.members().len(), m.len()),
            Records::Grids(g) => assert_eq!(reloaded.grids().len(), g.len()),
            Records::Units(u) => assert_eq!(reloaded.units().len(), u.len()),
            Records::Nodes(n) => assert_eq!(reloaded.tree().len(), n.len()),
            Records::Items(_) => unreachable!("checked above"),
        }
    }
}

#[test]
fn a_roster_reads_as_offices_type_it() {
    let (imported, doc) = load(&data_dir("sheets/members.xlsx")).unwrap_or_else(|p| panic!("{p:?}"));
    let Records::Members(members) = &imported.records else { panic!("members") };
    let by_name = |n: &str| members.iter().find(|m| m.name == n).unwrap_or_else(|| panic!("{n}"));
    // Title and note rows above the header, the blank row and the 合计 row are not members.
    assert_eq!(members.len(), 5);
    assert_eq!(imported.rows, [4, 5, 7, 8, 9]);
    let peng = by_name("彭光明");
    assert_eq!(peng.id_card.as_ref().map(|c| c.reveal()), Some("42282719560312101X"), "a lower-case x");
    assert_eq!(peng.phone.as_ref().map(|p| p.reveal()), Some("13907181234"), "dashes");
    assert_eq!((peng.node.as_str(), peng.kind, peng.grid.as_deref()), ("sl-d1", MemberKind::Retired, None));
    assert_eq!(by_name("刘芳").node, "sl-d2-g1", "a name path");
    assert_eq!(by_name("黄志强").grid.as_deref(), Some("g3"), "a grid by name");
    assert_eq!(by_name("黄志强").posts, ["p-mediator", "p-policy"]);
    assert_eq!(by_name("黄志强").phone.as_ref().map(|p| p.reveal()), Some("07186281234"));
    // No grid in the sheet: the member takes the grid of the branch above their group.
    let org = Organization::from_json(&doc.json).unwrap_or_else(|e| panic!("{e}"));
    let tian = org.members().iter().find(|m| m.record().name == "田秀英").unwrap_or_else(|| panic!("田秀英"));
    assert_eq!(tian.record().grid, None);
    assert_eq!(tian.grid().map(|g| org.grids()[g].record().id.as_str()), Some("g4"));
    // The document carries the numbers in full (it is the data file); its warnings are located.
    assert!(doc.json.contains("42282719560312101X"));
    assert_eq!(doc.warnings.iter().map(SheetProblem::zh).collect::<Vec<_>>(), ["members.xlsx › members › 第9行 › 报到社区：在职党员尚未到居住地社区报到（双报到）"]);
}

#[test]
fn the_gbk_csv_is_decoded_as_gb18030() {
    let bytes = std::fs::read(data_dir("sheets/members-gbk.csv")).unwrap_or_default();
    assert!(std::str::from_utf8(&bytes).is_err(), "the file must really be GBK");
    let (text, encoding) = sheets::decode(&bytes);
    assert_eq!(encoding, "GB18030");
    assert!(text.contains("党员姓名"));
}

#[test]
fn office_files_hold_real_cell_types() {
    // What makes the corpus worth having: Calc wrote numbers as numbers and dates as dates.
    for (file, want) in [("units.xlsx", "date"), ("units.ods", "date"), ("units.xls", "date"), ("grids.xlsx", "number"), ("members-broken.xls", "id number")] {
        let bytes = std::fs::read(data_dir("sheets").join(file)).unwrap_or_default();
        let book = sheets::sheets(file, &bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        let cells: Vec<&Cell> = book.iter().flat_map(|s| s.rows.iter().flat_map(|(_, c)| c.iter())).collect();
        let found = match want {
            "date" => cells.iter().any(|c| matches!(c, Cell::Date(_))),
            "id number" => cells.iter().any(|c| matches!(c, Cell::Number(n) if *n > 1e17)),
            _ => cells.iter().any(|c| matches!(c, Cell::Number(_))),
        };
        assert!(found, "{file} has no {want} cell");
    }
}

fn expected_path(path: &Path) -> PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    path.with_file_name(format!("{name}.expected.txt"))
}

/// Problems as the CLI prints them in Chinese, a line each.
fn zh_lines(problems: &[SheetProblem]) -> Vec<String> {
    problems.iter().map(|p| format!("{}: {}", if p.severity == grassroots::Severity::Error { "错误" } else { "警告" }, p.zh())).collect()
}

/// Files that fuzzing found to crash calamine 0.38 or to make it allocate hundreds of
/// gigabytes (issue 17, findings 3–6 of ARCHITECTURE.md's "Fuzzing (issue 17)"; written by
/// `tests/data/sheets/broken/make.py`): each gives exactly the problems of its `.expected.txt`
/// (`UPDATE_EXPECTED=1` rewrites them), in both languages.
#[test]
fn files_that_crashed_the_reader_give_their_expected_problems() {
    let dir = data_dir("sheets/broken");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xls" || x == "xlsx"))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    for path in files {
        // A file may read, with warnings (the far cell is in a row after the 合计 row).
        let (records, problems) = match load(&path) {
            Ok((imported, doc)) => (imported.records.len(), doc.warnings),
            Err(p) => (0, p),
        };
        assert!(!problems.is_empty(), "{} read clean", path.display());
        let got = format!("{records} records\n{}\n", zh_lines(&problems).join("\n"));
        let expected_path = expected_path(&path);
        if std::env::var_os("UPDATE_EXPECTED").is_some() {
            std::fs::write(&expected_path, &got).unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        }
        assert_eq!(got, read(&expected_path), "{}", path.display());
        for p in &problems {
            assert!(p.to_string().starts_with(&p.file), "{p}");
        }
    }
}

#[test]
fn broken_files_give_exactly_their_expected_problems() {
    let broken: Vec<PathBuf> = corpus().into_iter().filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.contains("-broken"))).collect();
    assert!(broken.len() >= 20, "{broken:?}");
    for path in broken {
        let want = read(&expected_path(&path));
        let problems = match load(&path) {
            Ok(_) => panic!("{} read clean", path.display()),
            Err(p) => p,
        };
        let got = zh_lines(&problems);
        let want: Vec<&str> = want.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(got, want, "{}", path.display());
        // And in English, each line locates the same cell.
        for p in &problems {
            let en = p.to_string();
            assert!(en.starts_with(&p.file), "{en}");
            if let Some(row) = p.row {
                assert!(en.contains(&format!(" › row {row}")), "{en}");
            }
        }
    }
}

#[test]
fn unreadable_files_and_missing_sheets_are_problems_not_panics() {
    let organization = org();
    let options = ImportOptions { org: Some(&organization), sheet: None, mapping: None, lists: None };
    for (name, bytes) in [("x.xlsx", &b"PK\x03\x04 not a zip"[..]), ("x.xls", b""), ("x.ods", b"\x00\x01\x02"), ("x.csv", b"\x00\x00binary")] {
        let problems = sheets::import(Kind::Members, name, bytes, &options).err().unwrap_or_default();
        assert!(matches!(problems.as_slice(), [p] if matches!(p.kind, grassroots::ProblemKind::Unreadable { .. })), "{name}: {problems:?}");
    }
    let bytes = std::fs::read(data_dir("sheets/members.xlsx")).unwrap_or_default();
    let options = ImportOptions { org: Some(&organization), sheet: Some("党员"), mapping: None, lists: None };
    let problems = sheets::import(Kind::Members, "members.xlsx", &bytes, &options).err().unwrap_or_default();
    assert_eq!(problems.iter().map(SheetProblem::zh).collect::<Vec<_>>(), ["members.xlsx：没有名为“党员”的工作表，现有：members"]);
    // A grid sheet read as a roster has no header row of a roster.
    let bytes = std::fs::read(data_dir("sheets/grids.ods")).unwrap_or_default();
    let problems = sheets::import(Kind::Members, "grids.ods", &bytes, &ImportOptions { org: Some(&organization), sheet: None, mapping: None, lists: None }).err().unwrap_or_default();
    assert!(matches!(problems.as_slice(), [p] if matches!(p.kind, grassroots::ProblemKind::NoHeaderRow { .. })), "{problems:?}");
}

#[test]
fn a_mapping_names_the_headers_the_table_does_not_know() {
    let csv = "人员编码,名字,类型,支部,网格,党内职务\nx1,甲,离退休,胜利街片区党支部,,支部委员\n";
    let organization = org();
    let without = sheets::import(Kind::Members, "m.csv", csv.as_bytes(), &ImportOptions { org: Some(&organization), sheet: None, mapping: None, lists: None });
    // 名字 and 网格 are known; the rest is not, so 人员类别 and 所在党支部 are missing.
    let missing: Vec<String> = without.err().unwrap_or_default().iter().filter(|p| matches!(p.kind, grassroots::ProblemKind::MissingColumn { .. })).map(|p| p.to_string()).collect();
    assert_eq!(missing.len(), 2, "{missing:?}");
    let mapping = Mapping::from_json(r#"{"columns": {"人员编码": "id", "类型": "kind", "支部": "node", "党内职务": null}}"#).unwrap_or_default();
    let imported = sheets::import(Kind::Members, "m.csv", csv.as_bytes(), &ImportOptions { org: Some(&organization), sheet: None, mapping: Some(&mapping), lists: None })
        .unwrap_or_else(|p| panic!("{p:?}"));
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let Records::Members(m) = &imported.records else { panic!("members") };
    assert_eq!((m[0].id.as_str(), m[0].node.as_str()), ("x1", "sl-d1"));
    let bad = Mapping::from_json(r#"{"columns": {"人员编码": "identity"}}"#).unwrap_or_default();
    let problems = sheets::import(Kind::Members, "m.csv", csv.as_bytes(), &ImportOptions { org: Some(&organization), sheet: None, mapping: Some(&bad), lists: None }).err().unwrap_or_default();
    assert_eq!(problems.len(), 1, "a mapping to no field is refused: {problems:?}");
}

/// Exports the fixture organization's records of each kind (revealed) and reads them back.
#[test]
fn exported_rosters_import_back_to_the_same_records() {
    let organization = org();
    let lists = lists();
    for kind in Kind::ALL {
        let table = match kind {
            Kind::Members => xlsx::members_table(&organization, true),
            Kind::Grids => xlsx::grids_table(&organization, true),
            Kind::Units => xlsx::units_table(&organization),
            Kind::Nodes => xlsx::nodes_table(&organization),
            Kind::Lists => xlsx::items_table(&lists),
        };
        let book = Workbook { title: "胜利社区党委".into(), exported_at: "2026-07-01 08:30 +08:00".into(), tables: vec![table] };
        let bytes = book.to_xlsx().unwrap_or_else(|e| panic!("{e}"));
        let options = ImportOptions { org: Some(&organization), sheet: None, mapping: None, lists: Some(&lists) };
        let imported = sheets::import(kind, "导出.xlsx", &bytes, &options).unwrap_or_else(|p| panic!("{kind:?}: {p:?}"));
        assert!(imported.problems.is_empty(), "{kind:?}: {:?}", imported.problems);
        let back = imported.records;
        match back {
            Records::Members(m) => assert_eq!(m, organization.members().iter().map(|m| m.record().clone()).collect::<Vec<MemberRecord>>()),
            Records::Grids(g) => assert_eq!(g, organization.grids().iter().map(|g| g.record().clone()).collect::<Vec<_>>()),
            Records::Units(u) => assert_eq!(u, organization.units().iter().map(|u| u.record().clone()).collect::<Vec<_>>()),
            Records::Nodes(n) => {
                let want: Vec<_> = organization.tree().to_records().into_iter().map(|mut r| {
                    r.committee = None;
                    r.linked_households = None;
                    r
                }).collect();
                assert_eq!(n, want);
            }
            Records::Items(i) => assert_eq!(i.as_slice(), lists.items()),
        }
    }
}

/// Two nodes with the same name under one parent (two 25号院楼院党小组 in one grid branch, as
/// the demo county has): their name paths are the same, so the export writes their ids, and
/// the roster still imports back.
#[test]
fn a_roster_whose_nodes_share_a_name_path_imports_back() {
    let mut doc: serde_json::Value = serde_json::from_str(&org_text()).unwrap_or_default();
    let nodes = doc["nodes"].as_array().cloned().unwrap_or_default();
    let members = doc["members"].as_array().cloned().unwrap_or_default();
    // The first node a member sits in that has a parent: give it a sibling of the same name.
    let node_of = |id: &str| nodes.iter().find(|n| n["id"] == id).cloned().unwrap_or_default();
    let target = members.iter().map(|m| node_of(m["node"].as_str().unwrap_or_default())).find(|n| n.get("parent").is_some_and(|p| !p.is_null())).unwrap_or_default();
    let mut twin = target.clone();
    twin["id"] = "twin-of-a-node".into();
    if let Some(code) = twin.get("code").and_then(|c| c.as_str()) {
        twin["code"] = format!("{code}9").into();
    }
    doc["nodes"].as_array_mut().map(|n| n.push(twin));
    let organization = Organization::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{:?}", e.problems()));
    let table = xlsx::members_table(&organization, true);
    let book = Workbook { title: "t".into(), exported_at: "now".into(), tables: vec![table] };
    let bytes = book.to_xlsx().unwrap_or_else(|e| panic!("{e}"));
    let options = ImportOptions { org: Some(&organization), sheet: None, mapping: None, lists: None };
    let imported = sheets::import(Kind::Members, "导出.xlsx", &bytes, &options).unwrap_or_else(|p| panic!("{p:?}"));
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let Records::Members(back) = imported.records else { panic!("not members") };
    assert_eq!(back, organization.members().iter().map(|m| m.record().clone()).collect::<Vec<MemberRecord>>());
}

#[test]
fn a_masked_roster_does_not_pass_for_the_real_one() {
    let organization = org();
    let members = xlsx::members_table(&organization, false);
    let shown: Vec<String> = members.rows.iter().flat_map(|r| r.iter()).filter_map(|v| if let xlsx::Value::Text(t) = v { Some(t.clone()) } else { None }).collect();
    assert!(shown.iter().any(|t| t.contains('*')), "numbers are masked");
    for m in organization.members() {
        for secret in [m.record().phone.as_ref().map(|p| p.reveal().to_owned()), m.record().id_card.as_ref().map(|c| c.reveal().to_owned())].into_iter().flatten() {
            assert!(!shown.contains(&secret), "{secret} shown unmasked");
        }
    }
    let bytes = Workbook { title: "t".into(), exported_at: "now".into(), tables: vec![members] }.to_xlsx().unwrap_or_default();
    let imported = sheets::import(Kind::Members, "masked.xlsx", &bytes, &ImportOptions { org: Some(&organization), sheet: None, mapping: None, lists: None });
    let any_masked_problem = imported.is_ok_and(|i| i.problems.iter().any(|p| matches!(p.kind, grassroots::ProblemKind::IdCardFormat | grassroots::ProblemKind::PhoneFormat { .. })));
    assert!(any_masked_problem || !organization.members().iter().any(|m| m.record().phone.is_some() || m.record().id_card.is_some()));
}

#[test]
fn written_workbooks_hold_numbers_dates_and_a_header_under_the_title() {
    use grassroots::sheets::xlsx::{Table, Value};
    let mut table = Table::new("排名", &["社区", "得分", "日期"]);
    table.rows.push(vec!["胜利社区党委".into(), Value::Number(92.5), Value::Date(grassroots::org::Date::from_ymd(2026, 3, 1).unwrap_or_else(|| panic!("day")))]);
    let bytes = Workbook { title: "五星支部评定".into(), exported_at: "2026-07-01 08:30 +08:00".into(), tables: vec![table] }.to_xlsx().unwrap_or_default();
    let book = sheets::sheets("t.xlsx", &bytes).unwrap_or_else(|e| panic!("{e}"));
    let rows = &book[0].rows;
    assert_eq!(book[0].name, "排名");
    assert_eq!(rows[0].1[0], Cell::Text("五星支部评定".into()));
    assert_eq!(rows[1].1[0], Cell::Text("导出时间：2026-07-01 08:30 +08:00".into()));
    let header = rows.iter().find(|(n, _)| *n == xlsx::HEADER_ROW).unwrap_or_else(|| panic!("header row"));
    assert_eq!(header.1[1], Cell::Text("得分".into()));
    let data = rows.iter().find(|(n, _)| *n == xlsx::HEADER_ROW + 1).unwrap_or_else(|| panic!("data row"));
    assert_eq!(data.1[1], Cell::Number(92.5));
    assert!(matches!(data.1[2], Cell::Date(d) if d.to_string() == "2026-03-01"));
}

#[test]
fn a_header_repeated_on_every_printed_page_is_not_a_member() {
    let csv = "姓名,人员类别,所在党支部\n甲,离退休,胜利街片区党支部\n\n姓名,人员类别,所在党支部\n乙,在职,凤翔片区党支部\n";
    let organization = org();
    let imported = sheets::import(Kind::Members, "m.csv", csv.as_bytes(), &ImportOptions { org: Some(&organization), sheet: None, mapping: None, lists: None })
        .unwrap_or_else(|p| panic!("{p:?}"));
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    assert_eq!(imported.rows, [2, 5]);
}

/// One read of a file imported as every kind gives what importing the bytes gives: records,
/// rows and every problem, and a file that does not read fails both ways with the same problem.
#[test]
fn importing_read_sheets_is_importing_the_file() {
    let organization = org();
    let lists = lists();
    let options = ImportOptions { org: Some(&organization), sheet: None, mapping: None, lists: Some(&lists) };
    let mut files = corpus();
    files.extend(std::fs::read_dir(data_dir("sheets/broken")).into_iter().flatten().filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| ["csv", "xlsx", "xls", "ods"].iter().any(|e| x == *e))));
    let mut compared = 0;
    for path in files {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let read = sheets::sheets(name, &bytes);
        for kind in Kind::ALL {
            let direct = sheets::import(kind, name, &bytes, &options);
            match &read {
                Ok(read) => assert_eq!(format!("{direct:?}"), format!("{:?}", sheets::import_sheets(kind, name, read, &options)), "{name} as {}", kind.key()),
                Err(_) => assert!(direct.is_err_and(|p| p.len() == 1), "{name}: does not read, yet imports as {}", kind.key()),
            }
            compared += 1;
        }
    }
    assert!(compared > 50, "only {compared} imports compared");
}
