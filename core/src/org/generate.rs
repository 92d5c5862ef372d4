//! Realistic organization documents of any size, shaped like the seeds (新乡: per community
//! about 5.5 grid branches, per branch 2.4 courtyard groups, per group 4.5 central
//! households; 10–20 members per group), reproducible from a seed. They feed the benchmarks,
//! the scale tests and the demo site.

use serde::Serialize;

use super::records::{
    AgreementRecord, BaobaoRecord, BaobaoRole, CommitteeRecord, CompoundRecord, Date, Flow, GridRecord, MemberKind, MemberRecord,
    PartTimeRecord, PartyRef, PartyRefKind, PostCategoryRecord, PostRecord, PropertyCompanyRecord, ServiceModule, StationedRecord,
    StationedRole, TeamKind, TeamRecord, UnitKind, UnitRecord, WorkerRecord, WorkerRole,
};
use super::Text;
use super::schema::{ExtendedPreset, GridWorkerModel, SchemaSpec};
use super::personal::IdCard;
use crate::seeded::{PLACES, Rng, UNIT_KINDS, name, phone};
use super::tree::NodeRecord;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenOptions {
    seed: u64,
    communities: u32,
    streets: u32,
    members_per_group: (u32, u32),
}

impl GenOptions {
    /// `communities` communities under one street working committee, seed 1, 10–20 members
    /// per group.
    pub fn new(communities: u32) -> Self {
        GenOptions { seed: 1, communities: communities.max(1), streets: 1, members_per_group: (10, 20) }
    }
    /// About `nodes` nodes in all (≈ 79 nodes per community).
    pub fn with_nodes(nodes: u32) -> Self {
        Self::new(nodes / 79)
    }
    /// The seed: the same seed gives the same document.
    pub fn seed(self, seed: u64) -> Self {
        GenOptions { seed, ..self }
    }
    /// The communities shared out over `streets` streets under a county committee (schema
    /// `county`); 1 (the default) gives one street as the root (schema `xinxiang`).
    pub fn streets(self, streets: u32) -> Self {
        GenOptions { streets: streets.clamp(1, self.communities), ..self }
    }
    /// Members per group, from `low` to `high` inclusive (0, 0 for none).
    pub fn members_per_group(self, low: u32, high: u32) -> Self {
        GenOptions { members_per_group: (low, high.max(low)), ..self }
    }
}

/// A generated document, serialized as the JSON an organization document takes.
#[derive(Debug, Clone, Serialize)]
pub struct Generated {
    /// `xinxiang` (one street) or `county` (several), with 昌宁's "1+1" grid-worker model.
    pub schema: SchemaSpec,
    /// The nodes, parents before children.
    pub nodes: Vec<NodeRecord>,
    /// One grid per branch (plus a merged grid for every tenth community).
    pub grids: Vec<GridRecord>,
    /// The members.
    pub members: Vec<MemberRecord>,
    /// Reporting and co-located units.
    pub units: Vec<UnitRecord>,
    /// The post catalogue (祁门: 4 categories).
    pub post_categories: Vec<PostCategoryRecord>,
    /// Property companies, most with a Party organization (a co-located unit).
    pub property_companies: Vec<PropertyCompanyRecord>,
    /// 3–8 compounds a community, about one in eight without property management.
    pub compounds: Vec<CompoundRecord>,
    /// Teams of every kind: a 先锋队 and a 暖心服务小分队 in each community, the other kinds in
    /// turn.
    pub teams: Vec<TeamRecord>,
}

impl Generated {
    /// The document as input JSON. Personal data in it is fictional and written out in full
    /// (every other output masks it), so that the document loads back.
    pub fn to_json(&self) -> String {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        for (i, m) in self.members.iter().enumerate() {
            let slot = &mut value["members"][i];
            if let Some(p) = &m.phone {
                slot["phone"] = p.reveal().into();
            }
            if let Some(id) = &m.id_card {
                slot["id_card"] = id.reveal().into();
            }
        }
        for (i, g) in self.grids.iter().enumerate() {
            for (j, w) in g.workers.iter().enumerate() {
                if let Some(p) = &w.phone {
                    value["grids"][i]["workers"][j]["phone"] = p.reveal().into();
                }
            }
        }
        value.to_string()
    }
}

/// An ID-card number with a right check digit, born 1940–1999 in Xinxiang (410702).
fn id_card(rng: &mut Rng) -> Option<IdCard> {
    let body = format!("410702{}{:02}{:02}{:03}", rng.between(1940, 1999), rng.between(1, 12), rng.between(1, 28), rng.below(1000));
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    IdCard::parse(&format!("{body}{check}")).ok()
}

/// Generates a document. Ids are stable and readable: `s3`, `s3-c2`, `s3-c2-b4`, ….
pub fn generate(options: GenOptions) -> Generated {
    let mut rng = Rng::new(options.seed);
    let mut out = Generated {
        schema: SchemaSpec::Extended(ExtendedPreset {
            preset: if options.streets > 1 { "county" } else { "xinxiang" }.to_owned(),
            grid_workers: Some(GridWorkerModel::OnePlusOne),
        }),
        nodes: Vec::new(),
        grids: Vec::new(),
        members: Vec::new(),
        units: Vec::new(),
        post_categories: post_catalogue(),
        property_companies: Vec::new(),
        compounds: Vec::new(),
        teams: Vec::new(),
    };
    // Compounds, teams, 包保 and grid-worker roles draw on a stream of their own, so that
    // what the generator made before them (and the demo county's figures) stays the same.
    let mut more = Rng::new(options.seed ^ 0x5EED_0016);
    let node = |id: String, parent: Option<&str>, level: &str, name: String, code: Option<String>| NodeRecord {
        id: id.into(),
        parent: parent.map(str::to_owned).map(Text::from),
        level: level.to_owned().into(),
        name: name.into(),
        code: code.map(Text::from),
        grid: None,
        committee: None,
        linked_households: None,
    };
    // One street working committee as the root, or a county committee over several streets.
    // Community codes are the county's 410702, the street's number, the community's number;
    // past 999 communities in one street they run on into further street numbers.
    let streets = options.streets;
    if streets > 1 {
        out.nodes.push(node("county".into(), None, "county", "中共凤溪县委".into(), Some("410702".into())));
    }
    let street_ids: Vec<String> = (0..streets)
        .map(|s| {
            let id = if streets > 1 { format!("s{s}") } else { "street".to_owned() };
            let name = format!("{}{}街道党工委", if streets > 1 { "" } else { "凤溪县" }, STREETS[s as usize % STREETS.len()]);
            let parent = (streets > 1).then_some("county");
            out.nodes.push(node(id.clone(), parent, "street", name, Some(format!("410702{:03}", s + 1))));
            id
        })
        .collect();
    let per_street = options.communities.div_ceil(streets);
    let mut member_no = 0u32;
    {
        for c in 0..options.communities {
            let cid = format!("c{c}");
            // This community's records are all appended below: its first of each kind is
            // looked for from here, not from the start (which made 1M nodes quadratic).
            let before = (out.grids.len(), out.units.len(), out.members.len());
            let street = c / per_street;
            let street_id = &street_ids[street as usize];
            let n = c % per_street;
            let community_code = format!("410702{:03}{:03}", street + n / 999 + 1, n % 999 + 1);
            let place = PLACES[c as usize % PLACES.len()];
            let mut community = node(cid.clone(), Some(street_id), "community", if (c as usize) < PLACES.len() { format!("{place}路社区党委") } else { format!("{place}路第{}社区党委", c + 1) }, Some(community_code.clone()));
            // Units: 6–10 per community; every third community runs a big committee.
            let unit_count = rng.between(6, 10);
            let big = c % 3 == 0;
            let mut part_time = Vec::new();
            // One unit of each kind a community (a county has one 税务局): a kind drawn twice
            // becomes the next kind not yet drawn, the random stream unchanged.
            let mut kinds: Vec<&str> = Vec::new();
            for u in 0..unit_count {
                let uid = format!("{cid}-u{u}");
                let reporting = rng.chance(70);
                let in_committee = big && u < 5;
                if in_committee {
                    part_time.push(PartTimeRecord { name: name(&mut rng).into(), unit: uid.clone().into() });
                }
                let drawn = rng.pick(&UNIT_KINDS);
                let unit_kind = if kinds.contains(&drawn) { UNIT_KINDS.iter().copied().find(|k| !kinds.contains(k)).unwrap_or(drawn) } else { drawn };
                kinds.push(unit_kind);
                out.units.push(UnitRecord {
                    id: uid.into(),
                    name: format!("县{unit_kind}{}", if u > 9 { "分部" } else { "" }).into(),
                    kind: if reporting { UnitKind::Reporting } else { UnitKind::CoLocated },
                    community: cid.clone().into(),
                    big_committee: in_committee,
                    agreements: match (reporting, super::records::Date::from_ymd(2026, 1, 1), super::records::Date::from_ymd(2026, 12, 31)) {
                        (true, Some(start), Some(end)) => vec![AgreementRecord { title: "共建联建协议".into(), start, end }],
                        _ => vec![],
                    },
                    baobao: Vec::new(),
                    stationed: Vec::new(),
                });
            }
            if big {
                community.committee = Some(CommitteeRecord { part_time });
            }
            out.nodes.push(community);
            let branches = rng.between(4, 7);
            for b in 0..branches {
                let bid = format!("{cid}-b{b}");
                let gid = format!("{cid}-g{b}");
                let mut branch = node(bid.clone(), Some(&cid), "branch", format!("第{}网格党支部", b + 1), Some(format!("{community_code}{:02}", b + 1)));
                branch.grid = Some(gid.clone().into());
                out.nodes.push(branch);
                let households = rng.between(250, 600);
                out.grids.push(GridRecord {
                    id: gid.clone().into(),
                    code: format!("{community_code}{:02}", b + 1).into(),
                    name: Some(format!("{place}第{}网格", b + 1).into()),
                    community: cid.clone().into(),
                    merged: false,
                    workers: vec![WorkerRecord { name: name(&mut rng).into(), phone: phone(&mut rng), member: None, role: None }],
                    households,
                    population: households * rng.between(25, 32) / 10,
                    buildings: rng.between(4, 16),
                    area_km2: Some(f64::from(rng.between(8, 40)) / 100.0),
                });
                let groups = rng.between(2, 3);
                for y in 0..groups {
                    let yid = format!("{bid}-y{y}");
                    out.nodes.push(node(yid.clone(), Some(&bid), "courtyard", format!("{}号院楼院党小组", rng.between(1, 40)), None));
                    let homes = rng.between(3, 6);
                    for h in 0..homes {
                        let mut home = node(format!("{yid}-h{h}"), Some(&yid), "household", format!("{}号楼{}单元党员中心户", rng.between(1, 30), rng.between(1, 6)), None);
                        home.linked_households = Some(rng.between(12, 40));
                        out.nodes.push(home);
                    }
                    let (low, high) = options.members_per_group;
                    for _ in 0..rng.between(low, high) {
                        member_no += 1;
                        let (kind, flow) = match rng.below(100) {
                            0..=34 => (MemberKind::InService, None),
                            35..=74 => (MemberKind::Retired, None),
                            75..=79 => (MemberKind::Mobile, Some(if rng.chance(50) { Flow::In } else { Flow::Out })),
                            _ => (MemberKind::NoOffice, None),
                        };
                        let away = flow == Some(Flow::Out);
                        out.members.push(MemberRecord {
                            id: format!("m{member_no}").into(),
                            name: name(&mut rng).into(),
                            kind,
                            flow,
                            node: yid.as_str().into(),
                            grid: (!away).then(|| gid.as_str().into()),
                            posts: if kind == MemberKind::NoOffice { vec![format!("p{}", rng.below(18)).into()] } else { vec![] },
                            reports_to: (kind == MemberKind::InService && rng.chance(90)).then(|| cid.as_str().into()),
                            phone: if rng.chance(60) { phone(&mut rng) } else { None },
                            id_card: if rng.chance(30) { id_card(&mut rng) } else { None },
                        });
                    }
                }
            }
            // Every tenth community shares a merged grid with its neighbour (numbered 601+).
            if c % 10 == 9 {
                out.grids.push(GridRecord {
                    id: format!("{cid}-g601").into(),
                    code: format!("{community_code}601").into(),
                    name: Some(format!("{place}联合网格").into()),
                    community: cid.clone().into(),
                    merged: true,
                    workers: vec![WorkerRecord { name: name(&mut rng).into(), phone: phone(&mut rng), member: None, role: None }],
                    households: rng.between(80, 200),
                    population: rng.between(200, 500),
                    buildings: rng.between(2, 6),
                    area_km2: None,
                });
            }
            let first = |from: usize, len: usize, found: Option<usize>| found.map_or(len, |i| from + i);
            let first_grid = first(before.0, out.grids.len(), out.grids[before.0..].iter().position(|g| g.community == cid));
            let first_unit = first(before.1, out.units.len(), out.units[before.1..].iter().position(|u| u.community == cid));
            let prefix = format!("{cid}-");
            let first_member = first(before.2, out.members.len(), out.members[before.2..].iter().position(|m| m.node.starts_with(&prefix)));
            extras(&mut out, &mut more, Community { id: &cid, number: c, place, first_grid, first_unit, first_member });
        }
    }
    out
}

/// Where one community's records start in the generated document.
struct Community<'a> {
    id: &'a str,
    number: u32,
    place: &'a str,
    first_grid: usize,
    first_unit: usize,
    first_member: usize,
}

/// Compound names' endings.
const COMPOUND_NAMES: [&str; 8] = ["家园", "小区", "花园", "新村", "公寓", "苑", "雅居", "佳苑"];

/// A community's grid workers in 昌宁's "1+1" with their roles, its 1+4+N 包保 and 尖刀班, its
/// property companies and compounds, and its teams.
fn extras(out: &mut Generated, rng: &mut Rng, c: Community<'_>) {
    let day = |m: u32, d: u32| Date::from_ymd(2026, m, d);
    let cid = c.id.to_owned();
    // Grid workers: the worker already there is full-time; each grid gains a reporting member
    // and a member without office from its own members where it has one (a grid without such
    // a member breaks the model, and the checks name it); some grids a building or unit head.
    for g in c.first_grid..out.grids.len() {
        let gid = out.grids[g].id.clone();
        let in_grid = |m: &&MemberRecord| m.grid.as_deref() == Some(gid.as_str());
        let reporting = out.members[c.first_member..].iter().filter(in_grid).find(|m| m.kind == MemberKind::InService && m.reports_to.is_some());
        let no_office = out.members[c.first_member..].iter().filter(in_grid).find(|m| m.kind == MemberKind::NoOffice);
        let mut added: Vec<WorkerRecord> = [(reporting, WorkerRole::ReportingMember), (no_office, WorkerRole::NoOfficeMember)]
            .into_iter()
            .filter_map(|(m, role)| m.map(|m| WorkerRecord { name: m.name.clone(), phone: m.phone.clone(), member: Some(m.id.clone()), role: Some(role) }))
            .collect();
        if rng.chance(40) {
            added.push(WorkerRecord { name: name(rng).into(), phone: phone(rng), member: None, role: Some(WorkerRole::BuildingHead) });
        }
        if rng.chance(25) {
            added.push(WorkerRecord { name: name(rng).into(), phone: phone(rng), member: None, role: Some(WorkerRole::UnitHead) });
        }
        let grid = &mut out.grids[g];
        for w in &mut grid.workers {
            w.role = Some(WorkerRole::FullTime);
        }
        grid.workers.extend(added);
    }
    // 1+4+N: the community's first unit leads, the next four are responsible, the rest are
    // the N; a 尖刀班 of five, one from each of the lead and responsible units, from March;
    // a 第一书记 from the lead unit in every other community.
    let units = c.first_unit..out.units.len();
    for (k, u) in units.enumerate() {
        let role = match k {
            0 => BaobaoRole::Lead,
            1..=4 => BaobaoRole::Responsible,
            _ => BaobaoRole::Member,
        };
        let unit = &mut out.units[u];
        unit.baobao.push(BaobaoRecord { community: cid.clone().into(), role, from: day(1, 1), to: None });
        if k <= 4 {
            if let Some(from) = day(3, 1) {
                let funds_yuan = Some(f64::from(rng.between(10, 16)) * 1000.0);
                unit.stationed.push(StationedRecord { name: name(rng).into(), role: StationedRole::TaskForce, community: cid.clone().into(), member: None, from, to: None, funds_yuan });
            }
        }
        if k == 0 && c.number % 2 == 0 {
            if let Some(from) = day(1, 15) {
                unit.stationed.push(StationedRecord { name: name(rng).into(), role: StationedRole::FirstSecretary, community: cid.clone().into(), member: None, from, to: None, funds_yuan: None });
            }
        }
    }
    // Property companies: two a community; the first has a Party organization (a co-located
    // unit of its own, so that the community's units stay what they were apart from it), the
    // second has one in one community of three.
    let grids: Vec<String> = out.grids[c.first_grid..].iter().map(|g| g.id.clone()).map(String::from).collect();
    let mut companies = Vec::new();
    for k in 0..2u32 {
        let id = format!("{cid}-pc{k}");
        let party = if k == 0 || c.number % 3 == 0 {
            let unit = format!("{cid}-pu{k}");
            out.units.push(UnitRecord {
                id: unit.clone().into(),
                name: format!("{}{}物业党支部", c.place, ["安居", "宜家"][k as usize]).into(),
                kind: UnitKind::CoLocated,
                community: cid.clone().into(),
                big_committee: false,
                agreements: Vec::new(),
                baobao: Vec::new(),
                stationed: Vec::new(),
            });
            Some(PartyRef { kind: PartyRefKind::Unit, id: unit.into() })
        } else {
            None
        };
        out.property_companies.push(PropertyCompanyRecord { id: id.clone().into(), name: format!("{}{}物业服务有限公司", c.place, ["安居", "宜家"][k as usize]).into(), party });
        companies.push(id);
    }
    // Compounds: 3–8, each in one or two of the community's grids; about one in eight without
    // property management; most with a joint meeting; a demonstration site in a community of four.
    let count = rng.between(3, 8);
    for k in 0..count {
        let g = rng.below(grids.len().max(1) as u32) as usize;
        let mut in_grids: Vec<String> = grids.get(g).cloned().into_iter().collect();
        if rng.chance(25) {
            if let Some(next) = grids.get(g + 1) {
                in_grids.push(next.clone());
            }
        }
        let property_company = (!rng.chance(12)).then(|| companies[rng.below(2) as usize].clone());
        let red = property_company.as_deref() == Some(companies[0].as_str());
        out.compounds.push(CompoundRecord {
            id: format!("{cid}-x{k}").into(),
            name: format!("{}{}", c.place, COMPOUND_NAMES[(k as usize + c.number as usize) % COMPOUND_NAMES.len()]).into(),
            community: cid.clone().into(),
            grids: in_grids.into_iter().map(Text::from).collect(),
            households: rng.between(120, 900),
            buildings: rng.between(3, 24),
            joint_meeting: property_company.is_some() && rng.chance(80),
            red_property_site: red && k == 0 && c.number % 4 == 0,
            property_company: property_company.map(Text::from),
        });
    }
    // Teams: a 先锋队 with every module and a 暖心服务小分队 serving one grid in every
    // community; a volunteer team, a Party-member service team or an errand team in turn.
    let members: Vec<&MemberRecord> = out.members[c.first_member..].iter().filter(|m| m.grid.is_some()).collect();
    let community_units: Vec<String> = out.units[c.first_unit..].iter().filter(|u| u.community == cid && u.baobao.iter().any(|b| b.role != BaobaoRole::Member)).map(|u| u.id.clone()).map(String::from).collect();
    let third = [TeamKind::Volunteer, TeamKind::PartyService, TeamKind::Errand][c.number as usize % 3];
    let plans: [(TeamKind, &str, Vec<ServiceModule>); 3] = [
        (TeamKind::Vanguard, "张富清先锋队", ServiceModule::ALL.to_vec()),
        (TeamKind::WarmService, "暖心服务小分队", vec![ServiceModule::Care]),
        (third, third.zh(), match third {
            TeamKind::Volunteer => vec![ServiceModule::Culture, ServiceModule::PublicAffairs],
            TeamKind::PartyService => vec![ServiceModule::Mediation, ServiceModule::Care],
            _ => vec![ServiceModule::PublicAffairs],
        }),
    ];
    let mut teams = Vec::new();
    for (k, (kind, label, modules)) in plans.into_iter().enumerate() {
        let size = rng.between(4, 9) as usize;
        let start = rng.below(members.len().max(1) as u32) as usize;
        let chosen: Vec<String> = (0..size.min(members.len())).map(|i| String::from(&members[(start + i) % members.len()].id)).collect();
        let grid = (kind == TeamKind::WarmService).then(|| grids.get(rng.below(grids.len().max(1) as u32) as usize).cloned()).flatten();
        teams.push(TeamRecord {
            id: format!("{cid}-t{k}").into(),
            name: format!("{}{}", c.place, label).into(),
            kind,
            community: cid.clone().into(),
            grid: grid.map(Text::from),
            modules,
            leader: chosen.first().cloned().map(Text::from),
            members: chosen.into_iter().map(Text::from).collect(),
            units: if kind == TeamKind::Vanguard { community_units.iter().take(2).cloned().map(Text::from).collect() } else { Vec::new() },
            volunteers: rng.between(0, 12),
        });
    }
    out.teams.extend(teams);
}

/// The streets of the fictional 凤溪县.
const STREETS: [&str; 6] = ["城关", "东城", "西湖", "南关", "北苑", "凤鸣"];

/// 祁门's shape: 4 categories, 18 posts.
fn post_catalogue() -> Vec<PostCategoryRecord> {
    let categories: [(&str, &[&str]); 4] = [
        ("文艺宣传岗", &["政策宣传员", "文明引领员", "文艺骨干", "宣传栏管理员"]),
        ("志愿者服务岗", &["志愿服务员", "助老服务员", "环境保洁员", "便民服务员", "帮扶联络员"]),
        ("社区事务监督岗", &["社区参议员", "事务监督员", "财务监督员", "物业监督员"]),
        ("平安建设岗", &["民事调解员", "治安巡防员", "消防安全员", "网格信息员", "矛盾排查员"]),
    ];
    let mut n = 0;
    categories
        .iter()
        .enumerate()
        .map(|(i, (category, posts))| PostCategoryRecord {
            id: format!("pc{i}").into(),
            name: (*category).to_owned().into(),
            posts: posts
                .iter()
                .map(|p| {
                    let post = PostRecord { id: format!("p{n}").into(), name: (*p).to_owned().into() };
                    n += 1;
                    post
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Organization;

    fn expected_warning(w: &crate::Problem) -> bool {
        match &w.kind {
            crate::ProblemKind::NotReported => true,
            crate::ProblemKind::WorkerModel { .. } => w.record.as_deref().is_some_and(|g| g.ends_with("-g601")),
            _ => false,
        }
    }

    /// A community's 包保 read straight from the units, for the test below.
    fn alone_baobao(org: &Organization, id: crate::org::NodeId) -> crate::org::Baobao {
        let key = org.tree().node(id).id();
        let mut b = crate::org::Baobao::default();
        for (u, unit) in org.units().iter().enumerate() {
            for link in unit.record().baobao.iter().filter(|l| l.community == key) {
                match link.role {
                    crate::org::BaobaoRole::Lead => b.lead.push(u),
                    crate::org::BaobaoRole::Responsible => b.responsible.push(u),
                    crate::org::BaobaoRole::Member => b.member.push(u),
                }
            }
            b.stationed.extend(unit.record().stationed.iter().enumerate().filter(|(_, s)| s.community == key).map(|(k, _)| (u, k)));
        }
        b
    }

    /// Every community's details gathered at once are, node by node in arena order, what
    /// asking for one community gives; a node with none is left out.
    #[test]
    fn every_communitys_details_at_once_are_each_one_asked_alone() {
        let org = Organization::from_json(&generate(GenOptions::new(40).seed(11)).to_json()).unwrap_or_else(|e| panic!("{e}"));
        let all = org.all_community_details();
        assert!(all.len() > 10, "{}", all.len());
        assert!(all.windows(2).all(|w| w[0].0.index() < w[1].0.index()));
        let mut listed = all.iter().peekable();
        for id in org.tree().ids() {
            let alone = org.community_details(id);
            match listed.next_if(|(at, _)| *at == id) {
                Some((_, details)) => assert_eq!(details, &alone, "{id:?}"),
                None => assert!(alone.is_empty(), "{id:?}"),
            }
            assert_eq!(org.baobao(id), alone_baobao(&org, id));
        }
        assert!(listed.next().is_none());
    }

    #[test]
    fn generated_documents_are_valid_and_reproducible() -> Result<(), crate::Error> {
        let doc = generate(GenOptions::new(12).seed(7));
        let json = doc.to_json();
        let org = Organization::from_json(&json)?;
        assert!(org.members().iter().any(|m| m.record().id_card.is_some()));
        // One in ten in-service members has not reported (双报到); the merged grid, which has
        // no members of its own, breaks the "1+1" grid-worker model: the only warnings.
        assert!(!org.warnings().is_empty());
        assert!(org.warnings().iter().all(expected_warning), "{:?}", org.warnings());
        let root = org.rollup(org.tree().root());
        assert_eq!((root.baobao.communities, root.baobao.complete), (12, 12), "1+4+N for every community");
        let mut names: Vec<(&str, &str)> = org.units().iter().map(|u| (u.record().community.as_str(), u.record().name.as_str())).collect();
        let all = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all, "no two units of one name in a community");
        assert_eq!(root.baobao.task_force, 60, "a 尖刀班 of five in each");
        assert!(root.compounds.without_property > 0 && root.compounds.without_property < root.compounds.total / 4, "{:?}", root.compounds);
        assert!(root.compounds.red_property > 0 && root.compounds.red_property_sites > 0 && root.compounds.joint_meeting > 0);
        for kind in super::super::records::TeamKind::ALL {
            assert!(root.teams.by_kind.get(kind) > 0, "no team of kind {kind:?}");
        }
        for role in super::super::records::WorkerRole::ALL {
            assert!(root.workers_by_role.get(Some(role)) > 0, "no worker in role {role:?}");
        }
        assert_eq!(root.grids_under_model, root.grids);
        assert_eq!(root.grids_meeting_model, root.grids - 1, "all but the merged grid meet 1+1");
        assert_eq!(org.level_counts(org.tree().root()).get("community"), Some(&12));
        let again = generate(GenOptions::new(12).seed(7)).to_json();
        assert_eq!(json, again);
        let other = generate(GenOptions::new(12).seed(8)).to_json();
        assert_ne!(json, other);
        // The shape of the seeds: about 79 nodes per community.
        let per_community = org.tree().len() as f64 / 12.0;
        assert!((50.0..110.0).contains(&per_community), "{per_community}");
        Ok(())
    }

    #[test]
    fn a_county_of_several_streets() -> Result<(), crate::Error> {
        let doc = generate(GenOptions::new(12).streets(3).seed(7)).to_json();
        let org = Organization::from_json(&doc)?;
        assert!(org.warnings().iter().all(expected_warning), "{:?}", org.warnings());
        let root = org.tree().root();
        assert_eq!(org.tree().node(root).level(), "county");
        let counts = org.level_counts(root);
        assert_eq!((counts.get("street"), counts.get("community")), (Some(&3), Some(&12)));
        // Four communities to each street, each street's community codes numbered from 001.
        for &street in org.tree().children(root) {
            let communities = org.tree().children(street);
            assert_eq!(communities.len(), 4);
            let street_code = org.tree().node(street).code().unwrap_or_default();
            for (i, &c) in communities.iter().enumerate() {
                assert_eq!(org.tree().node(c).code(), Some(format!("{street_code}{:03}", i + 1).as_str()));
            }
        }
        // One street stays the xinxiang shape it always was.
        let SchemaSpec::Extended(one) = generate(GenOptions::new(12).streets(1).seed(7)).schema else { panic!("a preset with a model") };
        assert_eq!(one.preset, "xinxiang");
        Ok(())
    }
}
