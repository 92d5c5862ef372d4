//! `CasesDoc::from_json`: cases through the five 民情 steps, routing and SLA profiles. A
//! loaded document's clocks are read at three moments, its cases routed and escalated, its
//! metrics figured over the organization fixture's tree (and the cases off that tree
//! reported with paths), and it is written back as `{"routing", "profiles", "cases"}` with
//! the types' own serializers (a cases document's format; presets written out in full).
#![no_main]

use std::sync::LazyLock;

use grassroots::cases::{CasesDoc, MetricsOptions, Timestamp, clocks, metrics};
use grassroots::{OrgTree, Organization};
use grassroots_fuzz::{ORG, assert_error, assert_problems, assert_round_trip, fixture, text, to_value};
use libfuzzer_sys::fuzz_target;
use serde_json::json;

static TREE: LazyLock<OrgTree> = LazyLock::new(|| fixture("laifeng-shengli", Organization::from_json(ORG)).into_tree());

fn write(doc: &CasesDoc) -> String {
    json!({"routing": to_value(doc.routing()), "profiles": to_value(doc.profiles()), "cases": to_value(doc.cases())}).to_string()
}

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap_or_else(|| panic!("{text} is a timestamp"))
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    match CasesDoc::from_json(text) {
        Ok(doc) => {
            assert_problems(doc.warnings(), "cases warnings");
            let first = doc.cases().iter().map(|c| c.opened).min();
            let last = doc.cases().iter().map(|c| c.opened).max();
            let fixed = at("2026-07-15T12:00:00+08:00");
            for now in [Some(fixed), first, last].into_iter().flatten() {
                let _ = to_value(&clocks(&doc, now));
                for case in doc.cases().iter().take(32) {
                    let _ = (doc.routing().route(case), doc.routing().escalation_at(case, now), doc.profiles_of(case));
                }
            }
            if let (Some(from), Some(to)) = (first, last) {
                let report = metrics(&doc, &TREE, &MetricsOptions::new(from, to).now(fixed));
                assert_problems(&doc.check_nodes(&TREE), "cases off the tree");
                let _ = to_value(&report);
            }
            let again = assert_round_trip("cases", &write(&doc), CasesDoc::from_json, write);
            assert_eq!(doc.cases(), again.cases(), "cases: the cases differ written back");
        }
        Err(e) => assert_error(&e, "cases"),
    }
});
