//! Cases, whistle dispatch and clocks: the season of 胜利社区 cases loads and its clocks at a
//! fixed moment are the checked-in ones; each edge case (a clock exactly at its deadline, a
//! case across midnight, times in another offset, a moment before the case opened) gives the
//! clocks its `.expected.json` lists; every broken document reports exactly its problems; the
//! metrics roll up the 来凤 胜利社区 tree with "not enough cases" below the minimum sample.

use grassroots::OrgTree;
use grassroots::cases::{self, CasesDoc, ClockStatus, MetricsOptions, Timestamp};
use grassroots::rules::cases::{normalize, project};
use serde_json::Value;

use crate::{check_broken, data_dir, fixtures, read};

fn load(path: &std::path::Path) -> CasesDoc {
    CasesDoc::from_json(&read(path)).unwrap_or_else(|e| panic!("{}: {:#?}", path.display(), e.problems()))
}

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap_or_else(|| panic!("not RFC 3339: {text}"))
}

fn expected(path: &std::path::Path) -> Value {
    let path = path.with_extension("expected.json");
    serde_json::from_str(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn shengli_tree() -> OrgTree {
    let path = data_dir("tree/valid").join("laifeng-shengli.json");
    OrgTree::from_json(&read(&path)).unwrap_or_else(|e| panic!("{e}"))
}

fn season() -> CasesDoc {
    load(&data_dir("cases/valid").join("season-shengli.json"))
}

#[test]
fn valid_documents_load_and_name_nodes_of_the_laifeng_tree() {
    let tree = shengli_tree();
    for path in fixtures(&data_dir("cases/valid")).into_iter().chain(fixtures(&data_dir("cases/edge"))) {
        let doc = load(&path);
        assert!(doc.check_nodes(&tree).is_empty(), "{}: {:#?}", path.display(), doc.check_nodes(&tree));
    }
    let doc = season();
    assert!(doc.cases().len() >= 15);
    // The one warning: 五哨五到 has no whistle for grid workers, so nobody is bound to report.
    let warnings: Vec<(&str, &str)> = doc.warnings().iter().map(|p| (p.path.as_str(), p.record.as_deref().unwrap_or(""))).collect();
    assert_eq!(warnings, [("$.cases[14].source", "gw-0810-garbage")]);
}

#[test]
fn the_seasons_clocks_at_a_fixed_moment_are_the_checked_in_ones() {
    // Regenerate with `grassroots clocks valid/season-shengli.json --now 2026-08-31T18:00:00+08:00
    // --format json > valid/season-shengli.expected.json` in tests/data/cases, after checking why.
    for path in fixtures(&data_dir("cases/valid")) {
        let want = expected(&path);
        let now = at(want["now"].as_str().unwrap_or_default());
        let got = serde_json::to_value(cases::clocks(&load(&path), now)).unwrap_or(Value::Null);
        assert_eq!(got, want["cases"], "{}", path.display());
    }
}

#[test]
fn the_seed_flooding_on_shengli_street_meets_every_1310_clock() {
    // 来凤 seed: contact within 1 minute, the branch secretary on site 6 minutes later — 7 minutes.
    let doc = season();
    let all = cases::clocks(&doc, at("2026-08-31T18:00:00+08:00"));
    let flood = all.iter().find(|c| c.case == "sl-0627-flood").unwrap_or_else(|| panic!("no flood case"));
    let states: Vec<(&str, ClockStatus)> = flood.clocks.iter().map(|c| (c.clock.as_str(), c.status)).collect();
    assert_eq!(states, [
        ("contact_known", ClockStatus::Met { at: at("2026-06-27T08:12:30+08:00"), margin_seconds: 30 }),
        ("contact_reached", ClockStatus::Met { at: at("2026-06-27T08:13:00+08:00"), margin_seconds: 120 }),
        ("on_site", ClockStatus::Met { at: at("2026-06-27T08:19:00+08:00"), margin_seconds: 180 }),
    ]);
    let on_site = &flood.clocks[2];
    assert_eq!(on_site.deadline.since(on_site.start).num_minutes(), 10);
    let seven = doc.case("sl-0627-flood").and_then(|c| Some(c.event(grassroots::cases::EventKind::OnSite)?.since(c.opened).num_minutes()));
    assert_eq!(seven, Some(7));

    // The season overall: what the CLI's summary line counts.
    let mut tally = [0; 3];
    for status in all.iter().flat_map(|c| &c.clocks).map(|c| c.status) {
        match status {
            ClockStatus::Met { .. } => tally[0] += 1,
            ClockStatus::Breached { .. } => tally[1] += 1,
            ClockStatus::Running { .. } => tally[2] += 1,
            ClockStatus::NotApplicable { .. } => panic!("every season case opened before now"),
        }
    }
    assert_eq!(tally, [14, 7, 2]);
}

#[test]
fn whistles_escalate_up_the_ladder_when_nobody_reports() {
    let doc = season();
    let now = at("2026-08-31T18:00:00+08:00");
    let escalation = |id: &str| doc.case(id).and_then(|c| doc.routing().escalation_at(c, now));
    // The police came 45 minutes after a midnight call: the street had taken over at 00:10.
    let police = escalation("pol-0712-dispute").unwrap_or_else(|| panic!("no route"));
    assert_eq!((police.level, police.role.as_str(), police.overdue_seconds), (1, "street", Some(900)));
    assert_eq!(police.since, at("2026-07-13T00:10:00+08:00"));
    // Nobody from the units came to the township's whistle: past the top of the ladder.
    let noise = escalation("tw-0718-noise").unwrap_or_else(|| panic!("no route"));
    assert_eq!((noise.role.as_str(), noise.exhausted, noise.arrived), ("department", true, None));
    // Hotline cases are not whistles, and 五哨五到 has no whistle for grid workers.
    assert_eq!(escalation("h-0702-water"), None);
    assert_eq!(escalation("gw-0810-garbage"), None);
}

#[test]
fn edge_cases_give_the_clocks_they_expect() {
    for path in fixtures(&data_dir("cases/edge")) {
        let want = expected(&path);
        let now = at(want["now"].as_str().unwrap_or_default());
        let mut got = Vec::new();
        for case in cases::clocks(&load(&path), now) {
            for clock in case.clocks {
                let mut value = serde_json::to_value(&clock).unwrap_or(Value::Null);
                value["case"] = Value::from(case.case.clone());
                got.push(value);
            }
        }
        let want = want["clocks"].as_array().cloned().unwrap_or_default();
        let shown: Vec<Value> = got.iter().zip(want.iter().chain(std::iter::repeat(&Value::Null))).map(|(g, w)| project(g, w)).collect();
        assert_eq!(shown, normalize(&Value::Array(want)).as_array().cloned().unwrap_or_default(), "{}: all were {got:#?}", path.display());
    }
}

#[test]
fn a_moment_before_the_case_opened_has_no_escalation_either() {
    let doc = load(&data_dir("cases/edge").join("now-before-start.json"));
    let all = cases::clocks(&doc, at("2026-07-01T07:59:59+08:00"));
    assert_eq!(all[0].escalation, None);
    let started = cases::clocks(&doc, at("2026-07-01T08:00:00+08:00"));
    assert_eq!(started[0].escalation.as_ref().map(|e| e.level), Some(0));
    assert_eq!(started[0].clocks[0].status, ClockStatus::Running { left_seconds: 60 });
}

#[test]
fn broken_documents_report_every_problem_with_its_path() {
    check_broken("cases/broken", CasesDoc::from_json);
}

#[test]
fn metrics_roll_up_the_tree_with_not_enough_cases_below_the_minimum() {
    let tree = shengli_tree();
    let doc = season();
    let options = MetricsOptions::new(at("2026-06-01T00:00:00+08:00"), at("2026-09-01T00:00:00+08:00"));
    let report = cases::metrics(&doc, &tree, &options);
    assert!(report.unplaced.is_empty(), "{:?}", report.unplaced);
    assert_eq!(report.nodes.len(), tree.len());
    let node = |id: &str| report.nodes.iter().find(|m| m.node == id).unwrap_or_else(|| panic!("no {id}"));
    let root = node("sl");
    assert_eq!(root.cases, 18);
    let parts = |r: grassroots::cases::Rate| (r.numerator, r.denominator);
    assert_eq!(parts(root.response), (17, 18));
    assert_eq!(parts(root.resolution), (12, 18));
    assert_eq!(parts(root.satisfaction), (11, 12));
    assert_eq!(parts(root.on_time_closure), (12, 15));
    assert_eq!(parts(root.clocks_1310), (9, 15));
    assert_eq!(parts(root.clocks_12345), (5, 7));
    assert_eq!(root.response.value, Some(17.0 / 18.0));
    // Seven 12345 clocks are fewer than the default minimum of ten: no misleading rate.
    assert_eq!(root.clocks_12345.value, None);
    // A district with 3 cases: every rate has its parts and no value.
    let d1 = node("sl-d1");
    assert_eq!((d1.cases, parts(d1.resolution), d1.resolution.value), (3, (2, 3), None));
    // Grid g1 (胜利街) counts at its branch node sl-d1, and up to the community.
    assert_eq!(node("sl-d1-g1").cases, 0);
    let low = cases::metrics(&doc, &tree, &options.min_sample(1));
    let d1 = low.nodes.iter().find(|m| m.node == "sl-d1").map(|m| m.resolution.value);
    assert_eq!(d1, Some(Some(2.0 / 3.0)));

    // A period [from, to) with half the season, and the clocks read at its end.
    let july = MetricsOptions::new(at("2026-07-01T00:00:00+08:00"), at("2026-08-01T00:00:00+08:00"));
    assert_eq!(cases::metrics(&doc, &tree, &july).nodes[0].cases, 8);
}

#[test]
fn cases_on_nodes_the_tree_lacks_are_reported_not_dropped() {
    let text = read(&data_dir("cases/valid").join("season-shengli.json")).replace("\"node\": \"g5\"", "\"node\": \"g9\"");
    let doc = CasesDoc::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    let tree = shengli_tree();
    let report = cases::metrics(&doc, &tree, &MetricsOptions::new(at("2026-06-01T00:00:00+08:00"), at("2026-09-01T00:00:00+08:00")));
    assert_eq!(report.unplaced, ["h-0610-property"]);
    let warnings = doc.check_nodes(&tree);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].to_string(), "$.cases[4].node (record \"h-0610-property\"): node \"g9\" does not exist");
}

#[test]
fn the_checked_in_json_schema_is_the_one_the_types_make() {
    // Regenerate with `grassroots schema cases > tests/data/cases/cases.schema.json`.
    let checked_in = read(&data_dir("cases").join("cases.schema.json"));
    assert_eq!(checked_in.trim_end(), cases::json_schema(), "the cases format changed: regenerate the schema");
}
