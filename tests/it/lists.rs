//! The four lists (四张清单): the shipped 来凤-shaped versions load clean, every broken
//! document reports exactly the problems its `.expected.json` lists, the diff between the
//! two versions reads as expected, and residents' certificate questions find their answers.

use grassroots::lists::{ItemKind, ListDiff, Lists, LookupError, Status, Verdict, lookup_certificate};

use crate::{check_broken, data_dir, fixtures, read};

fn load(name: &str) -> Lists {
    let path = data_dir("lists/valid").join(name);
    Lists::from_json(&read(&path)).unwrap_or_else(|e| panic!("{}: {:#?}", path.display(), e.problems()))
}

#[test]
fn valid_lists_load_without_problems_and_keep_every_item() {
    for path in fixtures(&data_dir("lists/valid")) {
        let text = read(&path);
        let lists = Lists::from_json(&text).unwrap_or_else(|e| panic!("{}: {:#?}", path.display(), e.problems()));
        assert!(lists.warnings().is_empty(), "{}: {:#?}", path.display(), lists.warnings());
        let records = serde_json::from_str::<serde_json::Value>(&text).map(|v| v["items"].as_array().map_or(0, Vec::len));
        assert_eq!(Ok(lists.items().len()), records.map_err(|e| e.to_string()), "{}", path.display());
        for role in lists.roles() {
            assert_eq!(lists.duties(role).len(), role.duties.len(), "{}: {}", path.display(), role.id);
        }
    }
}

#[test]
fn broken_lists_report_every_problem_with_its_path() {
    check_broken("lists/broken", Lists::from_json);
}

#[test]
fn the_2021_version_has_the_shape_of_laifengs_reform() {
    let lists = load("laifeng-2021.json");
    assert!(lists.items().len() >= 25);
    for kind in ItemKind::ALL {
        assert!(lists.items().iter().any(|i| i.kind == kind), "no {kind} item");
    }
    let delegated: Vec<&str> = lists
        .items()
        .iter()
        .filter(|i| matches!(&i.status, Status::DelegatedDown { to, .. } if to == "district"))
        .map(|i| i.name.as_str())
        .collect();
    assert_eq!(delegated.len(), 9, "{delegated:?}");
    assert!(delegated.contains(&"临时救助") && delegated.contains(&"大病救助"), "{delegated:?}");
    let grid_worker = lists.role("grid_worker").unwrap_or_else(|| panic!("no grid worker"));
    let duties: Vec<&str> = lists.duties(grid_worker).iter().map(|i| i.name.as_str()).collect();
    assert_eq!(duties.len(), 9);
    assert_eq!(&duties[..3], ["基础信息采集", "社情民意收集", "政策法规宣传"]);

    let figures = lists.figures();
    let certificates = figures.kind(ItemKind::Certificate);
    assert_eq!((certificates.in_force, certificates.abolished, figures.certificates_in_force), (3, 7, 3));
    assert_eq!((figures.kind(ItemKind::Assist).in_force, figures.kind(ItemKind::Assist).delegated), (15, 9));
}

#[test]
fn the_diff_between_versions_reads_as_expected() {
    let diff = ListDiff::between(&load("laifeng-2020.json"), &load("laifeng-2021.json"));
    let expected = read(&data_dir("lists/diff").join("laifeng-2020-2021.txt"));
    assert_eq!(diff.to_string(), expected);
    assert_eq!(diff.moved.iter().filter(|m| m.down && m.to == "district").count(), 9);
    let abolished = diff.removed.iter().filter(|r| r.abolished.as_ref().is_some_and(|a| a.by == "来政办发〔2021〕12号")).count();
    assert_eq!(abolished, 7);
    let json = serde_json::to_value(&diff).unwrap_or_default();
    assert_eq!(json["counts"][2], serde_json::json!({"kind": "certificate", "before": 10, "after": 3}));
    assert_eq!(json["removed"][0]["abolished"], serde_json::json!({"since": "2021-06-15", "by": "来政办发〔2021〕12号"}));

    let same = ListDiff::between(&load("laifeng-2021.json"), &load("laifeng-2021.json"));
    assert!(same.is_empty());
    assert!(same.to_string().contains("no changes"));
}

/// What a resident asks, and the certificate and status the answer must lead with.
#[test]
fn residents_questions_find_their_certificate() {
    let lists = load("laifeng-2021.json");
    for (query, id, abolished) in [
        ("健在证明", "cert-alive", true),
        ("生存证明", "cert-alive", true),
        ("我还活着证明", "cert-alive", true),
        ("健在的证明？", "cert-alive", true),
        ("户口证明", "cert-huji", true),
        ("户籍证明还要开吗", "cert-huji", true),
        ("患病证明", "cert-illness", true),
        ("疾病证明", "cert-illness", true),
        ("无犯罪证明", "cert-crime", true),
        ("良民证", "cert-crime", true),
        ("失业证明", "cert-jobless", true),
        ("居住证明", "cert-residence", false),
        ("居 住　证 明", "cert-residence", false),
        ("贫困证明", "cert-hardship", false),
    ] {
        let answers = lookup_certificate(&lists, query).unwrap_or_else(|e| panic!("{query}: {e}"));
        let first = answers.first().unwrap_or_else(|| panic!("{query}: no answer"));
        assert_eq!((first.id.as_str(), matches!(first.verdict, Verdict::Abolished { .. })), (id, abolished), "{query}: {answers:#?}");
    }
    // The answer to "do I still need it?" says what to do instead.
    let answers = lookup_certificate(&lists, "健在证明").unwrap_or_default();
    let text = answers.first().map(ToString::to_string).unwrap_or_default();
    assert!(text.contains("abolished since 2021-06-15 by 来政办发〔2021〕12号"), "{text}");
    assert!(text.contains("个人承诺 self_declaration"), "{text}");

    assert!(lookup_certificate(&lists, "结婚证明").is_ok_and(|a| a.is_empty()));
    assert_eq!(lookup_certificate(&lists, ""), Err(LookupError::Empty));
    assert!(matches!(lookup_certificate(&lists, "证明"), Err(LookupError::TooShort { .. })));
}
