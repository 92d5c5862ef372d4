//! Geometry documents over `tests/data/geo` and its organization `org.json`: the valid ones
//! load and pass every check with no problem; every broken one reports exactly the problems
//! its `.expected.txt` lists (one `severity: problem` line each, as `validate geo` prints
//! them); neighbours, planar areas and the generated blocks' households.

use std::collections::BTreeMap;

use grassroots::geo::{CheckOptions, Crs, GeoDoc, Subject, check};
use grassroots::{Error, Organization, Problem, Severity};

use crate::{data_dir, fixtures, read};

fn org() -> Organization {
    Organization::from_json(&read(&data_dir("geo").join("org.json"))).unwrap_or_else(|e| panic!("{e}"))
}

fn load(name: &str) -> GeoDoc {
    let path = data_dir("geo").join(name);
    GeoDoc::from_json(&read(&path)).unwrap_or_else(|e| panic!("{}: {:#?}", path.display(), e.problems()))
}

fn line(p: &Problem) -> String {
    let severity = if p.severity == Severity::Error { "error" } else { "warning" };
    format!("{severity}: {p}")
}

#[test]
fn valid_documents_pass_every_check() {
    let org = org();
    for path in fixtures(&data_dir("geo/valid")) {
        let doc = GeoDoc::from_json(&read(&path)).unwrap_or_else(|e| panic!("{}: {:#?}", path.display(), e.problems()));
        assert!(doc.warnings().is_empty(), "{}: {:#?}", path.display(), doc.warnings());
        let problems = check(&doc, &org, &CheckOptions::default());
        assert!(problems.is_empty(), "{}: {:#?}", path.display(), problems);
        assert_eq!(doc.shapes().iter().filter(|s| matches!(s.subject, Subject::Grid(_))).count(), 4, "{}", path.display());
    }
}

#[test]
fn broken_documents_report_exactly_their_expected_problems() {
    // Regenerate an expectation with `grassroots validate geo broken/X.json --org org.json`
    // in tests/data/geo (the lines without the file name and the count), after checking why.
    let org = org();
    for path in fixtures(&data_dir("geo/broken")) {
        let want = read(&path.with_extension("expected.txt"));
        let got: Vec<String> = match GeoDoc::from_json(&read(&path)) {
            Err(Error::Syntax { line, column, .. }) => vec![format!("syntax: line {line}, column {column}")],
            Err(e) => e.problems().iter().map(line).collect(),
            Ok(doc) => doc.warnings().iter().chain(&check(&doc, &org, &CheckOptions::default())).map(line).collect(),
        };
        assert_eq!(got, want.lines().collect::<Vec<_>>(), "{}", path.display());
    }
}

#[test]
fn tolerances_decide_what_is_reported() {
    let org = org();
    let doc = load("broken/checks.json");
    // jg1 reaches 5 m outside its community, jg3 and jg4 overlap by 2,000 m², c2 has an
    // 8,000 m² gap: generous tolerances let all three pass.
    let generous = CheckOptions { containment_tolerance_m: 5.0, overlap_tolerance_m2: 2000.0, gap_tolerance_m2: 8000.0 };
    let codes = |opts: &CheckOptions| -> Vec<String> {
        check(&doc, &org, opts).iter().map(|p| serde_json::to_value(p).unwrap_or_default()["code"].as_str().unwrap_or_default().to_owned()).collect()
    };
    let strict = codes(&CheckOptions::default());
    for code in ["geo-outside-community", "geo-overlap", "geo-gap"] {
        assert!(strict.iter().any(|c| c == code), "{code} missing from {strict:?}");
        assert!(!codes(&generous).iter().any(|c| c == code), "{code} still reported");
    }
}

#[test]
fn neighbours_share_an_edge_of_the_same_kind() {
    let doc = load("valid/local-squares.json");
    assert_eq!(doc.crs(), Crs::Local);
    // 0 street js, 1 js-c1, 2 js-c2, 3–6 grids jg1–jg4 side by side (jg2's shared edge with
    // jg1 has a vertex jg1 lacks), 7 a block inside jg1.
    assert_eq!(doc.neighbours(), vec![vec![1, 2], vec![0, 2], vec![0, 1], vec![4], vec![3, 5], vec![4, 6], vec![5], vec![]]);
    let planar = doc.planar();
    use grassroots::geo::Area;
    assert_eq!(planar[3].unsigned_area(), 40_000.0);
    // The block keeps its GIS attribute.
    assert_eq!(doc.shapes()[7].properties.get("OBJECTID"), Some(&serde_json::json!(17)));
    assert_eq!((doc.shapes()[7].households, doc.shapes()[7].population), (Some(86), Some(231)));
}

#[test]
fn generated_blocks_sum_to_their_grids_figures() {
    let org = org();
    let doc = load("valid/generated-wgs84.json");
    assert_eq!(doc.crs(), Crs::Wgs84);
    let mut sums: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for shape in doc.shapes().iter().filter(|s| matches!(s.subject, Subject::Block(_))) {
        let grid = shape.properties.get("within").and_then(|v| v.as_str()).unwrap_or_else(|| panic!("{:?} names no grid", shape.subject));
        let entry = sums.entry(grid.to_owned()).or_default();
        entry.0 += shape.households.unwrap_or_default();
        entry.1 += shape.population.unwrap_or_default();
    }
    let want: BTreeMap<String, (u32, u32)> = org.grids().iter().map(|g| (String::from(&g.record().id), (g.record().households, g.record().population))).collect();
    assert_eq!(sums, want);
}

#[test]
fn a_gauss_kruger_export_is_read_as_metres() {
    // local-squares.json as QGIS saves it in CGCS2000's 3° zone 38 (EPSG:4526): the zone number
    // before the easting, the old GeoJSON crs object.
    let doc = load("valid/gauss-kruger-qgis.json");
    let squares = load("valid/local-squares.json");
    assert_eq!(doc.crs(), Crs::Local);
    assert_eq!(doc.neighbours(), squares.neighbours());
    use grassroots::geo::Area;
    for (a, b) in doc.planar().iter().zip(squares.planar().iter()) {
        assert!((a.unsigned_area() - b.unsigned_area()).abs() < 0.01, "{} m² against {} m²", a.unsigned_area(), b.unsigned_area());
    }
}

#[test]
fn a_geoserver_export_loads_and_its_foreign_members_are_warnings() {
    // The same grids from GeoServer's WFS (outputFormat=application/json): its own members on
    // the collection and a `geometry_name` on every feature, which GeoJSON allows (RFC 7946,
    // 6.1). Each is told once, where it first appears, with how often; nothing is refused.
    let doc = load("foreign/geoserver-wfs.json");
    let lines: Vec<String> = doc.warnings().iter().map(line).collect();
    assert_eq!(
        lines,
        [
            "warning: $.numberMatched: member `numberMatched` is not read (GeoJSON allows it)",
            "warning: $.numberReturned: member `numberReturned` is not read (GeoJSON allows it)",
            "warning: $.timeStamp: member `timeStamp` is not read (GeoJSON allows it)",
            "warning: $.totalFeatures: member `totalFeatures` is not read (GeoJSON allows it)",
            "warning: $.features[0].geometry_name (record \"js\"): member `geometry_name` is not read (GeoJSON allows it; in 8 features, the first here)",
        ]
    );
    assert_eq!(doc.crs(), Crs::Local);
    assert_eq!(doc.shapes().len(), 8);
    assert_eq!(check(&doc, &org(), &CheckOptions::default()), Vec::<Problem>::new());
}
