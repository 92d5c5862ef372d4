//! Demands, offers, claims and the 双报到 ledger: every valid fixture loads clean and the
//! matcher (and, where given, the ledger) gives exactly its `.expected.json`; every broken
//! fixture reports exactly the problems its `.expected.json` lists, with record, path and code.

use grassroots::rules::cases::project;
use grassroots::services::{ClaimState, ServicesDocument, Why, ledger_figures, match_demands};
use grassroots::{Error, Organization, Severity};
use serde_json::{Value, json};

use crate::{data_dir, fixtures, read};

fn parse(path: &std::path::Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load(path: &std::path::Path) -> ServicesDocument {
    ServicesDocument::from_json(&read(path)).unwrap_or_else(|e| panic!("{}: {:#?}", path.display(), e.problems()))
}

fn org(name: &str) -> Organization {
    let path = data_dir("services/valid").join(name);
    Organization::from_json(&read(&path)).unwrap_or_else(|e| panic!("{}: {:#?}", path.display(), e.problems()))
}

#[test]
fn valid_documents_load_clean_and_match_as_expected() {
    for path in fixtures(&data_dir("services/valid")) {
        let name = path.display();
        let doc = load(&path);
        assert!(doc.warnings().is_empty(), "{name}: {:#?}", doc.warnings());
        let expected = parse(&path.with_extension("expected.json"));
        let org = expected.get("org").and_then(Value::as_str).map(org);
        if let Some(org) = &org {
            assert_eq!(doc.check_against(org), vec![], "{name}");
        }
        let matching = serde_json::to_value(match_demands(&doc, org.as_ref())).unwrap_or(Value::Null);
        if std::env::var_os("UPDATE_EXPECTED").is_some() && matching != expected["matching"] {
            // After a deliberate change: the matching rewritten, the rest of the file kept.
            let mut updated = expected.clone();
            updated["matching"] = matching.clone();
            let out = path.with_extension("expected.json");
            std::fs::write(&out, serde_json::to_string_pretty(&updated).unwrap_or_default() + "\n").unwrap_or_else(|e| panic!("{}: {e}", out.display()));
        }
        assert_eq!(matching, expected["matching"], "{name}: the matcher's outcome changed (UPDATE_EXPECTED=1 rewrites it after a deliberate change)");
        if let Some(ledger) = expected.get("ledger") {
            let year = ledger["year"].as_i64().and_then(|y| i32::try_from(y).ok()).unwrap_or_else(|| panic!("{name}: ledger.year"));
            let got: Vec<Value> = ledger_figures(&doc, year).into_iter().map(|(p, f)| json!({"provider": p, "figures": f})).collect();
            assert_eq!(Value::from(got), ledger["figures"], "{name}: the ledger's figures changed");
        }
    }
}

#[test]
fn broken_documents_report_every_problem_with_its_path() {
    for path in fixtures(&data_dir("services/broken")) {
        let name = path.display();
        let expected = parse(&path.with_extension("expected.json"));
        let err = match ServicesDocument::from_json(&read(&path)) {
            Ok(_) => panic!("{name} loaded but should not"),
            Err(e) => e,
        };
        match (&err, &expected) {
            (Error::Syntax { line, column, .. }, e) if e.get("syntax").is_some() => {
                assert_eq!(json!({"line": line, "column": column}), e["syntax"], "{name}");
            }
            (Error::Invalid { problems }, e) => {
                for (key, severity) in [("problems", Severity::Error), ("warnings", Severity::Warning)] {
                    let want = e.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
                    let got: Vec<Value> =
                        problems.iter().filter(|p| p.severity == severity).map(|p| serde_json::to_value(p).unwrap_or(Value::Null)).collect();
                    let shown: Vec<Value> = got.iter().zip(want.iter().chain(std::iter::repeat(&Value::Null))).map(|(g, w)| project(g, w)).collect();
                    assert_eq!(shown, want, "{name} {key}: all were {got:#?}");
                }
            }
            (other, e) => panic!("{name}: got {other:?}, expected {e}"),
        }
    }
}

#[test]
fn claims_replay_to_their_states_in_the_tianyuan_document() {
    let doc = load(&data_dir("services/valid").join("tianyuan-2026.json"));
    let states: Vec<(&str, ClaimState, Option<u8>)> = doc.claims().iter().map(|c| (c.id(), c.state(), c.rating())).collect();
    assert_eq!(states, [
        ("cl01", ClaimState::Reviewed, Some(5)),
        ("cl02", ClaimState::Done, None),
        ("cl03", ClaimState::Accepted, None),
        ("cl04", ClaimState::Dispatched, None),
        ("cl05", ClaimState::Ordered, None),
        ("cl06", ClaimState::Rejected, None),
        ("cl07", ClaimState::Withdrawn, None),
        ("cl08", ClaimState::Reviewed, Some(4)),
        ("cl09", ClaimState::Done, None),
    ]);
    // Every state a stored claim can be in (all but `new`) is in the fixture.
    for state in ClaimState::ALL.into_iter().filter(|s| *s != ClaimState::New) {
        assert!(doc.claims().iter().any(|c| c.state() == state), "no claim is {state}");
    }
}

#[test]
fn without_the_organization_only_listed_grids_count() {
    // o-hospital and o-school serve communities: without the tree the matcher cannot know
    // which grids those hold, and says so for each demand they would have taken.
    let doc = load(&data_dir("services/valid").join("tianyuan-2026.json"));
    let matching = match_demands(&doc, None);
    let why = |id: &str| matching.unmatched.iter().find(|u| u.demand == id).map(|u| u.why.clone());
    assert_eq!(why("d09"), Some(Why::NoArea));
    assert_eq!(why("d06"), Some(Why::NoArea));
    assert_eq!((matching.matches.len(), matching.unmatched.len()), (5, 11));
    assert!(matching.matches.iter().all(|m| matches!(m.area, grassroots::services::Coverage::Grid(_))));
}

#[test]
fn references_are_checked_against_the_organization() {
    let doc = ServicesDocument::from_json(
        r#"{"demands": [{"id": "d1", "category": "维修", "grid": "g9", "urgency": "low", "raised_by": {"name": "王"},
                         "raised_at": "2026-07-01T08:00:00+08:00", "description": "x"}],
            "offers": [{"id": "o1", "provider": {"kind": "unit", "id": "tu-nope"}, "categories": ["维修"], "capacity_per_month": 1,
                        "area": {"grids": ["tg1", "tg9"], "communities": ["ty-c9"]}}],
            "ledger": [{"id": "s1", "provider": {"kind": "member", "id": "tm9"}, "date": "2026-07-01", "hours": 1, "kind": "service"}],
            "targets": {"providers": [{"provider": {"kind": "unit", "id": "tu-power"}, "hours": 50}]}}"#,
    )
    .unwrap_or_else(|e| panic!("{:#?}", e.problems()));
    let problems: Vec<(String, String)> =
        doc.check_against(&org("../tianyuan-org.json")).into_iter().map(|p| (p.path, p.kind.to_string())).collect();
    assert_eq!(problems, [
        ("$.demands[0].grid".to_owned(), "grid \"g9\" does not exist".to_owned()),
        ("$.offers[0].provider.id".to_owned(), "unit \"tu-nope\" does not exist".to_owned()),
        ("$.offers[0].area.grids[1]".to_owned(), "grid \"tg9\" does not exist".to_owned()),
        ("$.offers[0].area.communities[0]".to_owned(), "node \"ty-c9\" does not exist".to_owned()),
        ("$.ledger[0].provider.id".to_owned(), "member \"tm9\" does not exist".to_owned()),
    ]);
}

#[test]
fn a_lenient_read_keeps_what_is_readable() {
    // `validate demands` checks demands while the claims are broken, and the other way round.
    let text = read(&data_dir("services/broken").join("claims.json"));
    let (doc, problems) = ServicesDocument::read(&text, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.demands().len(), 1);
    assert_eq!(doc.claims().len(), 3, "claims whose shape is wrong are left out, and reported");
    assert_eq!(doc.claims()[0].state(), ClaimState::Reviewed, "the legal steps are kept");
    assert!(problems.iter().all(|p| p.path.starts_with("$.claims[")));
}

#[test]
fn personal_data_is_masked_when_a_document_is_written_out() {
    let doc = load(&data_dir("services/valid").join("tianyuan-2026.json"));
    let text = serde_json::to_string(doc.demands()).unwrap_or_default();
    assert!(text.contains("139****1234") && !text.contains("13907181234"), "{text}");
}

/// A team offers, takes a claim and logs an activity as a team (issue 16); the matcher names
/// it, the ledger counts it, and a team the organization lacks is an error at its path.
#[test]
fn a_team_is_a_provider_like_a_member_or_a_unit() {
    use grassroots::services::ProviderKind;
    let org_path = data_dir("tree/valid").join("laifeng-baobao-teams.json");
    let org = Organization::from_json(&read(&org_path)).unwrap_or_else(|e| panic!("{:#?}", e.problems()));
    let json = r#"{
      "demands": [{"id": "d1", "category": "助老", "grid": "g2", "urgency": "high", "raised_by": {"name": "王秀英"},
                   "raised_at": "2026-07-01T08:30:00+08:00", "description": "独居老人需要陪同就医"}],
      "offers": [{"id": "o-t2", "provider": {"kind": "team", "id": "t2"}, "categories": ["助老"], "capacity_per_month": 3, "area": {"grids": ["g2"]}},
                 {"id": "o-t9", "provider": {"kind": "team", "id": "t9"}, "categories": ["助老"], "capacity_per_month": 3, "area": {"grids": ["g2"]}}],
      "claims": [{"id": "cl1", "demand": "d1", "offer": "o-t2", "provider": {"kind": "team", "id": "t2"}, "history": [
                   {"step": "ordered", "at": "2026-07-01T09:00:00+08:00", "by": "网格员"},
                   {"step": "dispatched", "at": "2026-07-01T09:30:00+08:00", "by": "社区"},
                   {"step": "accepted", "at": "2026-07-01T10:00:00+08:00", "by": "张桂兰"},
                   {"step": "done", "at": "2026-07-02T11:00:00+08:00", "by": "张桂兰"}]}],
      "ledger": [{"id": "s1", "provider": {"kind": "team", "id": "t2"}, "date": "2026-07-02", "hours": 3, "count": 1, "claim": "cl1", "kind": "service"},
                 {"id": "s2", "provider": {"kind": "team", "id": "t1"}, "date": "2026-07-20", "hours": 6, "count": 40, "kind": "activity", "note": "防汛演练"}],
      "targets": {"team_hours": 50}
    }"#;
    let (doc, problems) = ServicesDocument::read(json, Some(&org)).unwrap_or_else(|e| panic!("{e}"));
    let found: Vec<_> = problems.iter().map(|p| (p.path.as_str(), p.kind.to_string())).collect();
    assert_eq!(found, [("$.offers[1].provider.id", "team \"t9\" does not exist".to_owned())]);
    let matching = match_demands(&doc, Some(&org));
    assert_eq!(matching.matches[0].provider.kind, ProviderKind::Team);
    assert!(matching.matches[0].reason.zh.contains("（队伍 沙子堡暖心服务小分队）"), "{}", matching.matches[0].reason.zh);
    assert!(matching.matches[0].reason.en.contains("(team 沙子堡暖心服务小分队)"), "{}", matching.matches[0].reason.en);
    let figures = ledger_figures(&doc, 2026);
    let t2 = figures.iter().find(|(p, _)| p.kind == ProviderKind::Team && p.id == "t2").map(|(_, f)| f.clone());
    let t2 = t2.unwrap_or_else(|| panic!("no figures for t2: {figures:?}"));
    assert_eq!((t2.hours, t2.claims_taken, t2.claims_done, t2.target_hours, t2.target_met), (3.0, 1, 1, Some(50.0), Some(false)));
    // The teams' ledger per node: the 小分队 at its grid's branch, both at the community.
    let teams = grassroots::rules::team_ledger_facts(&org, &doc, 2026);
    assert_eq!(teams.get("d2"), Some((1, 3.0, 1)));
    assert_eq!(teams.get("c"), Some((2, 9.0, 41)));
    let entities = teams.entities(&org, "community");
    assert_eq!(entities[0].facts["team_hours"], json!(9.0));
    assert_eq!(grassroots::rules::team_ledger_facts(&org, &doc, 2025).get("c"), Some((0, 0.0, 0)));
}

/// `from_json_with` is `read` that fails on an error: the same problems, in the same order,
/// as the error's or, when there is no error, as the document's warnings — with and without
/// the organization, on every fixture (one of them has warnings beside its errors).
#[test]
fn a_checked_load_reports_what_the_lenient_read_finds() {
    let tianyuan = org("../tianyuan-org.json");
    let mut warned = 0;
    for path in fixtures(&data_dir("services/valid")).into_iter().chain(fixtures(&data_dir("services/broken"))) {
        let text = read(&path);
        for with in [None, Some(&tianyuan)] {
            let name = format!("{} (organization: {})", path.display(), with.is_some());
            match (ServicesDocument::read(&text, with), ServicesDocument::from_json_with(&text, with)) {
                (Ok((doc, problems)), Ok(checked)) => {
                    assert!(problems.iter().all(|p| p.severity == Severity::Warning), "{name}");
                    assert_eq!(checked.warnings(), problems.as_slice(), "{name}");
                    assert_eq!(doc.warnings(), checked.warnings(), "{name}");
                }
                (Ok((_, problems)), Err(Error::Invalid { problems: found })) => {
                    assert!(problems.iter().any(|p| p.severity == Severity::Error), "{name}");
                    warned += usize::from(found.iter().any(|p| p.severity == Severity::Warning));
                    assert_eq!(found, problems, "{name}");
                }
                (Err(a), Err(b)) => assert_eq!(a, b, "{name}"),
                (a, b) => panic!("{name}: read {:?}, checked {:?}", a.map(|(_, p)| p), b.map(|d| d.warnings().to_vec())),
            }
        }
    }
    assert!(warned > 0, "no fixture had warnings beside errors");
}
