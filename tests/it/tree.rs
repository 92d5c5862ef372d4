//! The organization tree: every valid fixture loads, every broken one reports exactly the
//! problems its `.expected.json` lists (each with record, JSON path and code).

use grassroots::OrgTree;
use serde_json::Value;

use crate::{check_broken, data_dir, fixtures, read};

#[test]
fn valid_trees_load_with_every_record_placed() {
    for path in fixtures(&data_dir("tree/valid")) {
        let text = read(&path);
        let tree = OrgTree::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let records = serde_json::from_str::<Value>(&text).map(|v| v["nodes"].as_array().map_or(0, Vec::len));
        assert_eq!(Ok(tree.len()), records.map_err(|e| e.to_string()), "{}", path.display());
        // Every node is reachable from the root exactly once.
        let mut reached = tree.subtree(tree.root());
        reached.sort();
        reached.dedup();
        assert_eq!(reached.len(), tree.len(), "{}", path.display());
    }
}

#[test]
fn broken_trees_report_every_problem_with_its_path() {
    check_broken("tree/broken", OrgTree::from_json);
}

#[test]
fn markup_in_data_stays_text_in_error_messages() {
    let err = OrgTree::from_json(&read(&data_dir("tree/broken").join("markup-in-data.json")));
    let message = err.map(|_| String::new()).unwrap_or_else(|e| e.to_string());
    assert!(message.contains("\"<b>bold</b>\" does not exist"), "{message}");
}

#[test]
fn the_checked_in_json_schema_is_the_one_the_types_make() {
    // Regenerate with `grassroots schema tree > tests/data/tree/organization.schema.json`.
    let checked_in = read(&data_dir("tree").join("organization.schema.json"));
    assert_eq!(checked_in.trim_end(), grassroots::org::json_schema(), "the document format changed: regenerate the schema");
}

/// 来凤's shapes in one community (issue 16): compounds and 红色物业, teams by kind and module,
/// 1+4+N 包保 with a 尖刀班 of five, and 昌宁's "1+1" grid workers.
#[test]
fn compounds_teams_baobao_and_grid_workers_roll_up() -> Result<(), grassroots::Error> {
    use grassroots::org::{ServiceModule, TeamKind, WorkerRole};
    let org = grassroots::Organization::from_json(&read(&data_dir("tree/valid").join("laifeng-baobao-teams.json")))?;
    assert!(org.warnings().is_empty(), "{:?}", org.warnings());
    let root = org.tree().root();
    let r = org.rollup(root);
    // Three compounds: one without property management, one under 红色物业 (its company has a
    // Party organization) of the two managed, two with a joint meeting, one demonstration site.
    let c = r.compounds;
    assert_eq!((c.total, c.households, c.without_property, c.red_property, c.joint_meeting, c.red_property_sites), (3, 518, 1, 1, 2, 1));
    let coverage = r.coverage();
    assert_eq!((coverage.compounds_managed.numerator, coverage.compounds_managed.denominator), (2, 3));
    assert_eq!(coverage.red_property.value, Some(0.5));
    assert!(org.compounds()[0].red_property() && !org.compounds()[1].red_property());
    assert_eq!(org.compounds_under(root).len(), 3);
    // Teams: the 先锋队 is counted at the community, the 小分队 at its grid's branch.
    let t = r.teams;
    assert_eq!((t.total, t.people, t.members, t.units), (2, 12, 4, 1));
    assert_eq!((t.by_kind.get(TeamKind::Vanguard), t.by_kind.get(TeamKind::WarmService), t.by_kind.get(TeamKind::Errand)), (1, 1, 0));
    assert_eq!((t.by_module.get(ServiceModule::Care), t.people_by_module.get(ServiceModule::Care)), (2, 12));
    assert_eq!((t.by_module.get(ServiceModule::Mediation), t.people_by_module.get(ServiceModule::Mediation)), (1, 10));
    let Some(d2) = org.tree().find("d2") else { panic!("no d2") };
    assert_eq!(org.rollup(d2).teams.total, 1);
    assert_eq!(org.teams_under(d2).len(), 0, "teams are placed by the community they serve");
    // 1+4+N: one lead, four responsible, one more; five in the 尖刀班 still there (a sixth
    // left in May), a 第一书记; the funds of those still there.
    let b = r.baobao;
    assert_eq!((b.communities, b.complete, b.lead, b.responsible, b.member), (1, 1, 1, 4, 1));
    assert_eq!((b.task_force, b.first_secretaries, b.task_force_full, b.stationed_funds_yuan), (5, 1, 1, 52000.0));
    let baobao = org.baobao(root);
    assert!(baobao.complete());
    assert_eq!((baobao.lead.len(), baobao.responsible.len(), baobao.member.len(), baobao.stationed.len()), (1, 4, 1, 7));
    let Some(april) = grassroots::org::Date::from_ymd(2026, 4, 1) else { panic!("a real day") };
    let on_duty = baobao.stationed.iter().filter(|&&(u, k)| org.units()[u].record().stationed[k].on(april)).count();
    assert_eq!(on_duty, 7, "the one who left in May was still there in April");
    // What a view lists of the community, by name.
    let details = org.community_details(root);
    assert!(details.complete);
    assert_eq!((details.lead.as_slice(), details.member.as_slice()), (&["县委组织部".to_owned()][..], &["县城管局".to_owned()][..]));
    assert_eq!(details.responsible.len(), 4);
    assert_eq!(details.stationed.iter().filter(|s| s.to.is_none()).count(), 6);
    assert_eq!(details.stationed[1].unit, "县委组织部");
    let compounds: Vec<_> = details.compounds.iter().map(|c| (c.name.as_str(), c.property_company.as_deref(), c.red_property)).collect();
    assert_eq!(compounds, [("胜利家园", Some("来凤安居物业服务有限公司"), true), ("沙子堡小区", Some("来凤宜家物业服务有限公司"), false), ("老粮站宿舍", None, false)]);
    let teams: Vec<_> = details.teams.iter().map(|t| (t.name.as_str(), t.people, t.leader.as_deref())).collect();
    assert_eq!(teams, [("胜利社区张富清先锋队", 10, Some("向东")), ("沙子堡暖心服务小分队", 2, Some("张桂兰"))]);
    assert_eq!(org.community_details(d2), grassroots::org::CommunityDetails::default());
    // Its grids with their workers by role (the order of WorkerRole::ALL), none short of 1+1.
    let grids: Vec<_> = details.grids.iter().map(|g| (g.name.as_deref(), g.households, g.workers.clone(), g.shortfall.len())).collect();
    let (rep, off, full) = (Some(WorkerRole::ReportingMember), Some(WorkerRole::NoOfficeMember), Some(WorkerRole::FullTime));
    assert_eq!(
        grids,
        [
            (Some("胜利街网格"), 420, vec![(rep, 1), (off, 1), (full, 1), (Some(WorkerRole::BuildingHead), 1)], 0),
            (Some("沙子堡网格"), 380, vec![(rep, 1), (off, 1), (full, 1), (Some(WorkerRole::UnitHead), 1)], 0),
        ]
    );
    // Every community's at once, as the tree widget keeps them: the same, and only the
    // community's (the districts have none of their own).
    let all = org.all_community_details();
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].0, &all[0].1), (root, &details));
    // Grid workers by role; both grids meet 1+1.
    let w = r.workers_by_role;
    assert_eq!(WorkerRole::ALL.map(|role| w.get(Some(role))), [2, 2, 2, 1, 1]);
    assert_eq!((r.grids_under_model, r.grids_meeting_model), (2, 2));
    assert!(org.worker_model_shortfall(0).is_empty());
    Ok(())
}

#[test]
fn a_grid_short_of_its_model_is_named_with_what_it_lacks() -> Result<(), grassroots::Error> {
    let text = read(&data_dir("tree/valid").join("laifeng-baobao-teams.json"));
    // The second grid loses its member without office.
    let text = text.replace(r#"{"name": "张桂兰", "member": "m4", "role": "no_office_member"}, "#, "");
    let org = grassroots::Organization::from_json(&text)?;
    let shortfall: Vec<_> = org.warnings().iter().map(|w| (w.record.as_deref(), w.path.as_str(), w.kind.to_string())).collect();
    assert_eq!(shortfall, [(Some("g2"), "$.grids[1].workers", "the \"1+1\" grid-worker model needs 1 no_office_member worker(s) in every grid, this grid has 0".to_owned())]);
    assert_eq!(org.worker_model_shortfall(1), [(grassroots::org::WorkerRole::NoOfficeMember, 1, 0)]);
    let root = org.tree().root();
    let shortfalls: Vec<_> = org.community_details(root).grids.iter().map(|g| g.shortfall.clone()).collect();
    assert_eq!(shortfalls, [vec![], vec![(grassroots::org::WorkerRole::NoOfficeMember, 1, 0)]], "a view names the grid short of the model");
    // The widget's summary keeps them, found by node.
    let (tree, summary) = grassroots::Organization::from_json(&text)?.split_detailed();
    assert_eq!(summary.details(tree.root()).map(|d| d.grids.len()), Some(2));
    let Some(d1) = tree.find("d1") else { panic!("no d1") };
    assert!(summary.details(d1).is_none());
    let r = org.rollup(org.tree().root());
    assert_eq!((r.grids_meeting_model, r.coverage().worker_model.value), (1, Some(0.5)));
    // Without a model nothing is held to it.
    let org = grassroots::Organization::from_json(&text.replace(r#"{"preset": "laifeng", "grid_workers": "1+1"}"#, r#""laifeng""#))?;
    assert!(org.warnings().is_empty());
    assert_eq!(org.rollup(org.tree().root()).coverage().worker_model.value, None);
    Ok(())
}
