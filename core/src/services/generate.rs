//! A season of services for a generated county, reproducible from a seed — for the demo site
//! and scale tests, never for a real ledger.
//!
//! From an organization: residents of every community raise demands each month (需求清单,
//! realistic titles per category, in a real grid of the community); the community's reporting
//! units (报到单位) and the in-service members who report to it (在职党员双报到) offer services
//! (服务清单) with a monthly capacity; the community dispatches demands with [`match_demands`]
//! (社区派单), and each claim goes through the claim state machine, stopping where the season
//! ends (`until`): most are done and rated, a few rejected or withdrawn, the newest still in
//! progress. The ledger logs each claim's service, plus activities and 惠民实事 projects, so
//! that most providers reach their yearly target (pro rata when the season ends before the
//! year does) and a few fall short.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, TimeDelta};
use serde::Serialize;

use super::claim::Step;
use super::state::ClaimState;
use super::document::ServicesDocument;
use super::matcher::match_demands;
use super::records::{
    Area, ClaimRecord, Demand, Offer, ProviderKind, ProviderRef, ProviderTarget, Raiser, RecordKind, ServiceRecord, Targets,
    Timestamp, TransitionRecord, Urgency, ValidPeriod,
};
use crate::org::{Date, MemberKind, NodeId, Organization, UnitKind};
use crate::seeded::{Rng, name, phone};

/// Yearly target of a member, in hours (the 田园镇 fixture's figure).
pub const MEMBER_TARGET_HOURS: f64 = 24.0;
/// Yearly target of a unit, in hours ("≥ 50 service hours a year", seen elsewhere).
pub const UNIT_TARGET_HOURS: f64 = 50.0;
/// Yearly target of a unit on a community's big committee (大党委成员单位).
pub const BIG_COMMITTEE_TARGET_HOURS: f64 = 80.0;
/// What a generated team aims to log in a year, in hours. Not a target the document states
/// (the seeds give none for teams: 来凤's 先锋队 "took part in over a hundred activities"), so
/// the generated documents set no `team_hours`.
const TEAM_AIM_HOURS: f64 = 60.0;

/// The demand categories a team's modules serve (文艺服务 and 应急救援 answer no demand the
/// generator raises).
fn team_categories(modules: &[crate::org::ServiceModule]) -> Vec<String> {
    use crate::org::ServiceModule::{Care, Mediation, PublicAffairs};
    let mut out: Vec<String> = Vec::new();
    for (module, category) in [(Care, "助老"), (Mediation, "法律"), (PublicAffairs, "环境")] {
        if modules.contains(&module) {
            out.push(category.to_owned());
        }
    }
    out
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeasonOptions {
    seed: u64,
    year: i32,
    until: Option<Date>,
}

impl SeasonOptions {
    /// The whole of `year`, seed 1.
    pub fn new(year: i32) -> Self {
        SeasonOptions { seed: 1, year, until: None }
    }
    /// The seed: the same seed and organization give the same document.
    pub fn seed(self, seed: u64) -> Self {
        SeasonOptions { seed, ..self }
    }
    /// The season's last day ("today" for the demo): nothing happens after it, and claims
    /// open on it are in progress. Without one, 31 December of the year. A day outside the
    /// year is brought into it.
    pub fn until(self, day: Date) -> Self {
        SeasonOptions { until: Some(day), ..self }
    }
    fn last_day(self) -> Date {
        let end = Date::from_ymd(self.year, 12, 31).unwrap_or_else(|| unreachable!("31 December exists"));
        let start = Date::from_ymd(self.year, 1, 1).unwrap_or(end);
        self.until.map_or(end, |d| d.clamp(start, end))
    }
}

/// A generated services document, serialized as the JSON a services document takes.
#[derive(Debug, Clone, Serialize)]
pub struct Season {
    /// Residents' demands, oldest first.
    pub demands: Vec<Demand>,
    /// Units' and members' offers.
    pub offers: Vec<Offer>,
    /// Claims with their histories.
    pub claims: Vec<ClaimRecord>,
    /// The 双报到 ledger.
    pub ledger: Vec<ServiceRecord>,
    /// Yearly targets: 24 h a member, 50 h a unit, 80 h a big-committee unit.
    pub targets: Targets,
}

impl Season {
    /// The document as input JSON. Phone numbers in it are fictional and written out in full
    /// (every other output masks them), so that the document loads back.
    pub fn to_json(&self) -> String {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        for (i, d) in self.demands.iter().enumerate() {
            if let Some(p) = &d.raised_by.phone {
                value["demands"][i]["raised_by"]["phone"] = p.reveal().into();
            }
        }
        value.to_string()
    }
}

/// One kind of demand: category, what residents ask, how urgent, hours a service takes.
struct Need {
    category: &'static str,
    asks: &'static [(&'static str, Urgency)],
    hours: (u32, u32),
}

use Urgency::{High, Low, Normal, Urgent};

/// Demand catalogue (田园镇 / 新乡 style).
const NEEDS: [Need; 9] = [
    Need {
        category: "助老",
        asks: &[
            ("独居老人突发不适，需要陪同就医", Urgent),
            ("高龄老人每周上门理发", Normal),
            ("代购药品和生活用品", Normal),
            ("失能老人需要助餐送餐", High),
            ("陪同聊天读报", Low),
            ("协助办理高龄津贴认证", Normal),
        ],
        hours: (1, 3),
    },
    Need {
        category: "维修",
        asks: &[
            ("自来水管爆裂，楼下进水", Urgent),
            ("楼道灯和单元门禁损坏", High),
            ("老旧线路跳闸，需要检查", Normal),
            ("下水道堵塞返水", High),
            ("小区健身器材松动", Low),
            ("独居老人家中水龙头漏水", Normal),
        ],
        hours: (1, 4),
    },
    Need {
        category: "医疗",
        asks: &[
            ("卧床老人夜间发热", Urgent),
            ("慢性病老人需要上门测血压血糖", High),
            ("家庭医生签约咨询", Normal),
            ("术后老人换药指导", Normal),
        ],
        hours: (1, 2),
    },
    Need {
        category: "法律",
        asks: &[
            ("邻里宅基地纠纷需要法律咨询", Normal),
            ("劳务工资拖欠咨询", High),
            ("遗产继承法律咨询", Low),
            ("物业合同纠纷咨询", Normal),
        ],
        hours: (1, 2),
    },
    Need {
        category: "助学",
        asks: &[
            ("留守儿童作业辅导", Normal),
            ("暑期托管班需要志愿者", Low),
            ("困难家庭学生助学申请指导", Normal),
        ],
        hours: (2, 3),
    },
    Need {
        category: "心理",
        asks: &[("失独家庭心理疏导", Normal), ("青少年厌学心理辅导", Normal), ("独居老人情绪疏导", Low)],
        hours: (1, 2),
    },
    Need {
        category: "反诈",
        asks: &[("老年人防诈骗讲座", Normal), ("接到可疑电话需要核实", High), ("手机支付安全设置指导", Low)],
        hours: (1, 2),
    },
    Need {
        category: "环境",
        asks: &[("楼道堆放杂物需要清理", Normal), ("小区垃圾清运不及时", High), ("绿化带杂草丛生需要修剪", Low)],
        hours: (2, 4),
    },
    Need {
        category: "就业",
        asks: &[("失业人员求职指导", Normal), ("灵活就业人员社保咨询", Low), ("技能培训报名咨询", Low)],
        hours: (1, 2),
    },
];

/// The categories a unit serves, by the kind in its name (see `seeded::UNIT_KINDS`).
const UNIT_CATEGORIES: [(&str, &[&str]); 10] = [
    ("税务局", &["法律", "就业"]),
    ("供电公司", &["维修"]),
    ("人民医院", &["医疗", "助老"]),
    ("实验中学", &["助学", "心理"]),
    ("农商银行", &["反诈", "就业"]),
    ("市场监管局", &["法律", "反诈"]),
    ("自来水公司", &["维修"]),
    ("邮政分公司", &["助老"]),
    ("交警大队", &["反诈", "法律"]),
    ("住建局", &["维修", "环境"]),
];

/// What a member volunteers for.
const MEMBER_CATEGORIES: [&str; 8] = ["助老", "助老", "助学", "环境", "维修", "法律", "心理", "反诈"];

/// Ledger activities (共建活动) with their usual months.
const ACTIVITIES: [(&str, u32); 10] = [
    ("新春送福", 1),
    ("学雷锋志愿服务", 3),
    ("清明文明祭扫宣传", 4),
    ("楼道清洁", 5),
    ("防汛巡查", 7),
    ("普法宣传", 9),
    ("国庆敬老", 10),
    ("垃圾分类宣传", 6),
    ("冬季防火巡查", 11),
    ("社区议事", 8),
];

/// 惠民实事 projects of units.
const PROJECTS: [&str; 8] = [
    "惠民实事：老旧小区线路改造",
    "惠民实事：65岁以上老人免费体检",
    "惠民实事：暑期托管班",
    "惠民实事：小区路灯更换",
    "惠民实事：爱心助餐点",
    "惠民实事：反诈宣传进万家",
    "惠民实事：背街小巷路面修补",
    "惠民实事：便民服务日",
];

fn need(category: &str) -> Option<&'static Need> {
    NEEDS.iter().find(|n| n.category == category)
}

fn day(year: i32, month: u32, d: u32) -> Option<Date> {
    Date::from_ymd(year, month, d)
}

fn at(date: Date, hour: u32, minute: u32) -> Option<Timestamp> {
    Timestamp::start_of(date).map(|t| Timestamp(t.0 + TimeDelta::minutes(i64::from(hour * 60 + minute))))
}

fn later(t: Timestamp, minutes: u32) -> Timestamp {
    Timestamp(t.0 + TimeDelta::minutes(i64::from(minutes)))
}

/// Days in a month.
fn month_days(year: i32, month: u32) -> u32 {
    (28..=31).rev().find(|&d| Date::from_ymd(year, month, d).is_some()).unwrap_or(28)
}

/// A provider of the season: who, its name, its community, and how keen (the share of the
/// target its activities aim at).
struct Provider {
    who: ProviderRef,
    name: String,
    target: f64,
    keen: f64,
}

/// Generates a season of services for `org` (see the module docs).
///
/// ```
/// use grassroots::org::generate::{GenOptions, generate};
/// use grassroots::services::generate::{SeasonOptions, season};
/// use grassroots::{Organization, ServicesDocument};
///
/// let org = Organization::from_json(&generate(GenOptions::new(2).seed(3)).to_json())?;
/// let json = season(&org, SeasonOptions::new(2026).seed(3)).to_json();
/// let (doc, problems) = ServicesDocument::read(&json, Some(&org))?;
/// assert!(problems.is_empty(), "{problems:?}");
/// assert!(!doc.claims().is_empty());
/// # Ok::<(), grassroots::Error>(())
/// ```
pub fn season(org: &Organization, options: SeasonOptions) -> Season {
    let mut rng = Rng::new(options.seed);
    let year = options.year;
    let last = options.last_day();
    let until = at(last, 23, 59).unwrap_or_else(|| unreachable!("a real day"));
    let node_name = |id: NodeId| org.tree().node(id).name().to_owned();

    // Communities in the order of their first grid, with their grids.
    let mut communities: Vec<(NodeId, Vec<usize>)> = Vec::new();
    for (i, g) in org.grids().iter().enumerate() {
        match communities.iter_mut().find(|(c, _)| *c == g.community()) {
            Some((_, grids)) => grids.push(i),
            None => communities.push((g.community(), vec![i])),
        }
    }

    // Demands: 1–3 per community and month, in a grid of the community.
    let mut raised: Vec<(Demand, Option<String>)> = Vec::new();
    for (_, grids) in &communities {
        for month in 1..=last.naive().month() {
            for _ in 0..rng.between(1, 3) {
                let grid = &org.grids()[grids[rng.below(grids.len() as u32) as usize]];
                let need = &NEEDS[rng.below(NEEDS.len() as u32) as usize];
                let (ask, urgency) = need.asks[rng.below(need.asks.len() as u32) as usize];
                let Some(date) = day(year, month, rng.between(1, month_days(year, month))).filter(|d| *d <= last) else { continue };
                let Some(when) = at(date, rng.between(7, 21), rng.below(12) * 5) else { continue };
                let by_phone = rng.chance(15);
                let raised_by = if by_phone { Raiser { name: None, phone: phone(&mut rng) } } else { Raiser { name: Some(name(&mut rng)), phone: None } };
                // A resident who only left a number was put down by the grid worker.
                let worker = grid.record().workers.first().map(|w| format!("网格员{}", w.name));
                let orderer = if raised_by.name.is_some() { raised_by.name.clone() } else { worker };
                let demand = Demand {
                    id: String::new(),
                    category: need.category.to_owned(),
                    grid: String::from(&grid.record().id),
                    urgency,
                    raised_by,
                    raised_at: when,
                    description: ask.to_owned(),
                };
                raised.push((demand, orderer));
            }
        }
    }
    raised.sort_by(|a, b| a.0.raised_at.cmp(&b.0.raised_at).then_with(|| a.0.grid.cmp(&b.0.grid)));
    for (i, (d, _)) in raised.iter_mut().enumerate() {
        d.id = format!("d{}", i + 1);
    }

    // Offers and providers: reporting units, and in-service members who report to a community.
    let whole_year = ValidPeriod {
        from: day(year, 1, 1).unwrap_or(last),
        to: day(year, 12, 31).unwrap_or(last),
    };
    let mut offers = Vec::new();
    let mut providers: Vec<Provider> = Vec::new();
    let mut big_committee = Vec::new();
    let keen = |rng: &mut Rng| if rng.chance(15) { 0.35 + 0.5 * rng.unit() } else { 1.05 + 0.4 * rng.unit() };
    for u in org.units().iter().filter(|u| u.record().kind == UnitKind::Reporting) {
        let r = u.record();
        let who = ProviderRef { kind: ProviderKind::Unit, id: String::from(&r.id) };
        let categories = UNIT_CATEGORIES.iter().find(|(k, _)| r.name.contains(k)).map_or(&["环境"][..], |(_, c)| *c);
        let valid = r
            .agreements
            .iter()
            .find(|a| a.start <= last && a.end >= whole_year.from)
            .map_or(whole_year, |a| ValidPeriod { from: a.start, to: a.end });
        offers.push(Offer {
            id: format!("o-{}", r.id),
            provider: who.clone(),
            categories: categories.iter().map(|c| (*c).to_owned()).collect(),
            capacity_per_month: rng.between(2, 5),
            area: Area { grids: vec![], communities: vec![String::from(&r.community)] },
            valid: Some(valid),
        });
        let target = if r.big_committee { BIG_COMMITTEE_TARGET_HOURS } else { UNIT_TARGET_HOURS };
        if r.big_committee {
            big_committee.push(ProviderTarget { provider: who.clone(), hours: target });
        }
        providers.push(Provider { who, name: String::from(&r.name), target, keen: keen(&mut rng) });
    }
    for m in org.members().iter().filter(|m| m.record().kind == MemberKind::InService) {
        let Some(community) = m.reports_to() else { continue };
        let r = m.record();
        let who = ProviderRef { kind: ProviderKind::Member, id: String::from(&r.id) };
        if rng.chance(60) {
            let first = MEMBER_CATEGORIES[rng.below(MEMBER_CATEGORIES.len() as u32) as usize];
            let second = MEMBER_CATEGORIES[rng.below(MEMBER_CATEGORIES.len() as u32) as usize];
            let categories = if first == second || rng.chance(50) { vec![first.to_owned()] } else { vec![first.to_owned(), second.to_owned()] };
            // Where they live, when that is in the community they report to; else all of it.
            let own_grid = m.grid().map(|g| &org.grids()[g]).filter(|g| g.community() == community);
            let area = match own_grid {
                Some(g) => Area { grids: vec![String::from(&g.record().id)], communities: vec![] },
                None => Area { grids: vec![], communities: vec![org.tree().node(community).id().to_owned()] },
            };
            // A few joined during the year.
            let valid = if rng.chance(20) {
                let from = day(year, rng.between(2, last.naive().month().max(2)), 1).unwrap_or(whole_year.from);
                ValidPeriod { from: from.min(last), to: whole_year.to }
            } else {
                whole_year
            };
            offers.push(Offer { id: format!("o-{}", r.id), provider: who.clone(), categories, capacity_per_month: rng.between(1, 2), area, valid: Some(valid) });
        }
        providers.push(Provider { who, name: String::from(&r.name), target: MEMBER_TARGET_HOURS, keen: keen(&mut rng) });
    }

    // Teams offer what their modules serve, where they serve, and log activities as a team.
    for t in org.teams() {
        let r = t.record();
        let who = ProviderRef { kind: ProviderKind::Team, id: String::from(&r.id) };
        let categories = team_categories(&r.modules);
        if !categories.is_empty() {
            let area = match &r.grid {
                Some(g) => Area { grids: vec![String::from(g)], communities: vec![] },
                None => Area { grids: vec![], communities: vec![String::from(&r.community)] },
            };
            offers.push(Offer { id: format!("o-{}", r.id), provider: who.clone(), categories, capacity_per_month: rng.between(2, 4), area, valid: Some(whole_year) });
        }
        providers.push(Provider { who, name: String::from(&r.name), target: TEAM_AIM_HOURS, keen: keen(&mut rng) });
    }

    // Dispatch: the matcher over demands and offers, as the service board shows it.
    let demands: Vec<Demand> = raised.iter().map(|(d, _)| d.clone()).collect();
    let draft = Season { demands, offers, claims: vec![], ledger: vec![], targets: Targets::default() };
    let (json, Season { demands, offers, .. }) = (draft.to_json(), draft);
    // The draft is made of records that read, so it always loads; were it not to, nothing matches.
    let matches = ServicesDocument::from_json(&json).map(|doc| match_demands(&doc, Some(org)).matches).unwrap_or_default();
    let matched: HashMap<&str, (&str, &ProviderRef)> = matches.iter().map(|m| (m.demand.as_str(), (m.offer.as_str(), &m.provider))).collect();
    let names: HashMap<&ProviderRef, &str> = providers.iter().map(|p| (&p.who, p.name.as_str())).collect();
    let community_name: HashMap<&str, String> = org.grids().iter().map(|g| (g.record().id.as_str(), node_name(g.community()))).collect();

    let mut claims = Vec::new();
    let mut ledger = Vec::new();
    let mut hours_on: BTreeMap<(ProviderRef, Date), f64> = BTreeMap::new();
    let mut log = |ledger: &mut Vec<ServiceRecord>, provider: &ProviderRef, date: Date, hours: f64, count: u32, claim: Option<String>, kind: RecordKind, note: Option<String>| {
        let used = hours_on.entry((provider.clone(), date)).or_insert(0.0);
        if *used + hours > 24.0 || date > last || date.naive().year() != year {
            return 0.0;
        }
        *used += hours;
        let id = format!("s{}", ledger.len() + 1);
        ledger.push(ServiceRecord { id, provider: provider.clone(), date, hours, count, claim, kind, note });
        hours
    };
    let mut logged: HashMap<ProviderRef, f64> = HashMap::new();
    for (d, orderer) in &raised {
        let orderer = orderer.clone().unwrap_or_else(|| "网格员".to_owned());
        let id = format!("cl{}", claims.len() + 1);
        let Some(&(offer, provider)) = matched.get(d.id.as_str()) else {
            // No offer fits: a recent one waits for the joint meeting (月度联席会) or was never
            // ordered; an old one was called off (the community dealt with it another way),
            // so no demand months old still waits for a claim.
            let recent = until.since(d.raised_at) < TimeDelta::days(30);
            let ordered = TransitionRecord { step: ClaimState::Ordered, at: d.raised_at, by: orderer.clone(), rating: None };
            let history = match (recent, rng.chance(if recent { 60 } else { 100 })) {
                (_, false) => None,
                (true, true) => Some(vec![ordered]),
                (false, true) => {
                    let off = later(d.raised_at, rng.between(3, 10) * 24 * 60);
                    Some(vec![ordered, TransitionRecord { step: ClaimState::Withdrawn, at: off.min(until), by: orderer, rating: None }])
                }
            };
            if let Some(history) = history {
                claims.push(ClaimRecord { id, demand: d.id.clone(), offer: None, provider: None, history });
            }
            continue;
        };
        let dispatcher = community_name.get(d.grid.as_str()).cloned().unwrap_or_else(|| "社区党委".to_owned());
        let acting = names.get(provider).map_or_else(|| provider.id.clone(), |n| (*n).to_owned());
        // The steps a claim would take, each after the one before; the season's end cuts them.
        let quick = matches!(d.urgency, Urgent | High);
        let fate = rng.below(100);
        let mut plan: Vec<(Step, u32, String)> = vec![(Step::Order, 0, orderer.clone())];
        plan.push((Step::Dispatch, if quick { rng.between(5, 30) } else { rng.between(30, 24 * 60) }, dispatcher));
        match fate {
            0..=4 => plan.push((Step::Reject, rng.between(10, 120), acting.clone())),
            5..=9 => plan.push((Step::Withdraw, rng.between(60, 3 * 24 * 60), orderer.clone())),
            _ => {
                plan.push((Step::Accept, if quick { rng.between(5, 30) } else { rng.between(30, 8 * 60) }, acting.clone()));
                plan.push((Step::Complete, if quick { rng.between(60, 6 * 60) } else { rng.between(2 * 60, 3 * 24 * 60) }, acting.clone()));
                if fate >= 18 {
                    let rating = match rng.below(20) {
                        0 => 2,
                        1..=3 => 3,
                        4..=9 => 4,
                        _ => 5,
                    };
                    plan.push((Step::Review { rating }, rng.between(12 * 60, 3 * 24 * 60), orderer.clone()));
                }
            }
        }
        // The last days' claims are still under way (已派单 / 已接单).
        if until.since(d.raised_at) < TimeDelta::days(10) && rng.chance(70) {
            plan.truncate(rng.between(2, 3) as usize);
        }
        let mut history = Vec::new();
        let mut when = d.raised_at;
        let mut done = None;
        for (step, after, by) in plan {
            when = later(when, after);
            if when > until {
                break;
            }
            let rating = match step {
                Step::Review { rating } => Some(i64::from(rating)),
                _ => None,
            };
            if step == Step::Complete {
                done = Some(when);
            }
            history.push(TransitionRecord { step: step.target(), at: when, by, rating });
        }
        if let Some(done) = done {
            let (low, high) = need(&d.category).map_or((1, 2), |n| n.hours);
            let hours = f64::from(rng.between(low * 2, high * 2)) / 2.0;
            let hours = log(&mut ledger, provider, done.date(), hours, 1, Some(id.clone()), RecordKind::Service, None);
            *logged.entry(provider.clone()).or_insert(0.0) += hours;
        }
        claims.push(ClaimRecord { id, demand: d.id.clone(), offer: Some(offer.to_owned()), provider: Some(provider.clone()), history });
    }

    // Activities and projects, until each provider has what it aims at: most reach the
    // yearly target early (a season cut at 20 November finds them there), a season cut at
    // mid-year finds many on the way.
    let share = f64::from(last.naive().ordinal()) / f64::from(whole_year.to.naive().ordinal());
    for p in &providers {
        let aim = p.target * p.keen * share.powf(0.25);
        let mut have = logged.get(&p.who).copied().unwrap_or(0.0);
        if p.who.kind == ProviderKind::Unit && rng.chance(85) {
            let month = rng.between(4, 10);
            let project = PROJECTS[rng.below(PROJECTS.len() as u32) as usize];
            if let Some(date) = day(year, month, rng.between(1, 28)) {
                let hours = f64::from(rng.between(8, 24));
                have += log(&mut ledger, &p.who, date, hours, rng.between(20, 150), None, RecordKind::Project, Some(project.to_owned()));
            }
        }
        let mut tries = 0;
        while have < aim && tries < 20 {
            tries += 1;
            let (note, usual) = ACTIVITIES[rng.below(ACTIVITIES.len() as u32) as usize];
            let month = if rng.chance(60) { usual } else { rng.between(1, 12) };
            let Some(date) = day(year, month, rng.between(1, 28)) else { continue };
            let (kind, hours) = match p.who.kind {
                ProviderKind::Member => (if rng.chance(50) { RecordKind::Service } else { RecordKind::Activity }, f64::from(rng.between(8, 20)) / 2.0),
                ProviderKind::Unit => (RecordKind::Activity, f64::from(rng.between(4, 16))),
                ProviderKind::Team => (RecordKind::Activity, f64::from(rng.between(2, 8))),
            };
            let hours = hours.min((aim - have).max(1.0).ceil());
            have += log(&mut ledger, &p.who, date, hours, rng.between(1, 30), None, kind, Some(note.to_owned()));
        }
    }
    ledger.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.provider.cmp(&b.provider)));
    for (i, r) in ledger.iter_mut().enumerate() {
        r.id = format!("s{}", i + 1);
    }

    Season {
        demands,
        offers,
        claims,
        ledger,
        targets: Targets { member_hours: Some(MEMBER_TARGET_HOURS), unit_hours: Some(UNIT_TARGET_HOURS), team_hours: None, providers: big_committee },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::generate::{GenOptions, generate};
    use crate::services::ledger_figures;

    fn org(seed: u64) -> Organization {
        Organization::from_json(&generate(GenOptions::new(12).seed(seed)).to_json()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_season_loads_clean_against_its_organization_and_is_reproducible() {
        let org = org(2026);
        let json = season(&org, SeasonOptions::new(2026).seed(2026)).to_json();
        let (doc, problems) = ServicesDocument::read(&json, Some(&org)).unwrap_or_else(|e| panic!("{e}"));
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(json, season(&org, SeasonOptions::new(2026).seed(2026)).to_json());
        assert_ne!(json, season(&org, SeasonOptions::new(2026).seed(2027)).to_json());

        // Every reference is a real id of the organization.
        let grids: Vec<&str> = org.grids().iter().map(|g| g.record().id.as_str()).collect();
        assert!(doc.demands().iter().all(|d| grids.contains(&d.grid.as_str())));
        assert!(doc.demands().len() > 12 * 12, "{}", doc.demands().len());

        // Claims in every state the board shows, most of them done and rated.
        let count = |state| doc.claims().iter().filter(|c| c.state() == state).count();
        for state in [ClaimState::Ordered, ClaimState::Rejected, ClaimState::Withdrawn, ClaimState::Done, ClaimState::Reviewed] {
            assert!(count(state) > 0, "no claim {state}");
        }
        assert!(count(ClaimState::Reviewed) * 2 > doc.claims().len());
        let ratings: Vec<u8> = doc.claims().iter().filter_map(|c| c.rating()).collect();
        let mean = ratings.iter().map(|&r| f64::from(r)).sum::<f64>() / ratings.len() as f64;
        assert!((3.8..4.8).contains(&mean), "{mean}");

        // The ledger: most providers meet their target, a few fall short.
        let figures = ledger_figures(&doc, 2026);
        let short = figures.iter().filter(|(_, f)| f.target_met == Some(false)).count();
        assert!(short > 0 && short * 4 < figures.len(), "{short} of {} short", figures.len());
        let units: Vec<_> = figures.iter().filter(|(p, _)| p.kind == ProviderKind::Unit).collect();
        assert!(units.iter().all(|(_, f)| f.hours <= 200.0), "implausible unit hours");
        assert!(units.iter().any(|(_, f)| f.projects > 0));
        // Teams offer, take claims and log activities as teams.
        assert!(doc.offers().iter().any(|o| o.provider.kind == ProviderKind::Team));
        assert!(doc.claims().iter().any(|c| c.provider().is_some_and(|p| p.kind == ProviderKind::Team)));
        let teams: Vec<_> = figures.iter().filter(|(p, _)| p.kind == ProviderKind::Team).collect();
        assert_eq!(teams.len(), org.teams().len());
        assert!(teams.iter().all(|(_, f)| f.records > 0 && f.hours > 0.0 && f.target_hours.is_none()), "{teams:?}");
    }

    #[test]
    fn a_season_cut_short_has_claims_in_progress_and_nothing_after_its_end() {
        let org = org(7);
        let Some(end) = Date::from_ymd(2026, 11, 20) else { panic!() };
        let json = season(&org, SeasonOptions::new(2026).seed(1).until(end)).to_json();
        let (doc, problems) = ServicesDocument::read(&json, Some(&org)).unwrap_or_else(|e| panic!("{e}"));
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(doc.demands().iter().all(|d| d.raised_at.date() <= end));
        assert!(doc.ledger().iter().all(|r| r.date <= end));
        assert!(doc.claims().iter().flat_map(|c| c.history()).all(|t| t.at.date() <= end));
        assert!(doc.claims().iter().any(|c| matches!(c.state(), ClaimState::Dispatched | ClaimState::Accepted)));
        // No demand raised more than 30 days before the end still waits for a claim: an old
        // one nobody could serve was called off.
        let Some(cutoff) = Date::from_ymd(2026, 10, 21) else { panic!() };
        let waiting: Vec<&str> = doc
            .demands()
            .iter()
            .filter(|d| d.raised_at.date() < cutoff)
            .filter(|d| doc.claims().iter().filter(|c| c.demand() == d.id).all(|c| c.state() == ClaimState::Ordered))
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(waiting, Vec::<&str>::new());
    }
}
