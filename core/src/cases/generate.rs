//! A realistic season of cases for an organization, reproducible from a seed — for the demo
//! county and scale tests, never for a real assessment.
//!
//! Every case sits on a real grid of the organization (or on its community when no branch
//! names the grid), and its steps are signed by that grid's own worker, its branch, the
//! community and the street, Party members of the grid, or the county unit that handles the
//! category. The mix follows the seeds and the fixture `season-shengli.json`:
//! - **Whistles** go through 昌宁's 五哨五到 (the `changning` preset): residents, the community
//!   committee, the township, police incidents and camera alerts each bring their responder on
//!   site, usually within the route's 30 minutes. Problems a grid worker finds on patrol are
//!   raised by the community committee (the worker collects them): 五哨五到 has no whistle of
//!   the grid worker's own, and such a case would only draw a "no route" warning.
//! - **1310**: residents' emergencies are met within 1/3/10 minutes most of the time.
//! - **12345**: hotline emergencies are dispatched within the hour, water/power/gas within two,
//!   hard cases (tagged `hard`) answered within 15 days.
//! - About one case in ten with a clock misses it (late contact, late on site, late dispatch,
//!   late answer), a few close after their deadline, and a few are stuck unresolved past it.
//! - Reviews are mostly 满意, some 基本满意, a few 不满意 (mostly where the problem stayed).
//! - Communities differ in how much they report; the quietest (about one in eight) report at a
//!   quarter of the rate, so that their rates show "not enough cases" (样本不足).
//! - A few cases opened just before `now` are still running, some with a clock about to run
//!   out. Nothing happens after `now`; only closure deadlines (`due`) may lie beyond it.

use chrono::{TimeDelta, Timelike};
use serde::Serialize;

use super::model::{Case, EventKind, EventRecord, Satisfaction, Source, Step, StepRecord, Urgency};
use super::time::Timestamp;
use crate::org::{Date, Organization};
use crate::seeded::{PLACES, Rng, name};

/// Cases per grid per month unless told otherwise: with the 新乡 shape (4–7 grids a
/// community) a three-month season gives about 12–30 cases to most communities.
pub const DEFAULT_VOLUME: f64 = 1.2;

/// What to generate: the seed, the period (first and last day, both included), the moment the
/// demo is at, and the volume.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeasonOptions {
    seed: u64,
    from: Date,
    to: Date,
    now: Timestamp,
    volume: f64,
}

impl SeasonOptions {
    /// Cases opened from the first moment of `from` to the end of `to` (both days included)
    /// but not after `now`; seed 1, volume [`DEFAULT_VOLUME`].
    pub fn new(from: Date, to: Date, now: Timestamp) -> Self {
        SeasonOptions { seed: 1, from, to, now, volume: DEFAULT_VOLUME }
    }
    /// The seed: the same seed (and organization) gives the same document.
    pub fn seed(self, seed: u64) -> Self {
        SeasonOptions { seed, ..self }
    }
    /// Cases per grid per month on average (negative counts as 0).
    pub fn volume(self, per_grid_month: f64) -> Self {
        SeasonOptions { volume: per_grid_month.max(0.0), ..self }
    }
}

/// A generated cases document: the `changning` routing, the `1310` and `12345` profiles and
/// the cases in opening order. Its JSON is what [`super::CasesDoc::from_json`] reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Season {
    /// Always `changning`.
    pub routing: String,
    /// Always `1310` and `12345`.
    pub profiles: Vec<String>,
    /// The cases, by opening time.
    pub cases: Vec<Case>,
}

impl Season {
    /// The document as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// A kind of case: its category, title templates (`{b}` a building number, `{n}` a door
/// number; a title starting with `{r}` names a road, any other is prefixed with the
/// community), urgency, who raises it (weights), who handles it, how common it is, and the
/// share of its hotline cases that are hard (疑难).
struct Kind {
    category: &'static str,
    titles: &'static [&'static str],
    urgency: Urgency,
    sources: &'static [(Source, u32)],
    handler: &'static str,
    weight: u32,
    hard: u32,
}

use Source::{CameraAlert as Cam, CommunityCommittee as Cc, Hotline12345 as Hot, PoliceAlert as Pol, Resident as Res, Township as Tw};
use Urgency::{Emergency, Normal, Urgent};

/// A summer in a 新乡-like county town: storms, outages, noise, rubbish, property quarrels.
const KINDS: [Kind; 26] = [
    Kind { category: "flooding", titles: &["{b}号楼地下室进水", "{r}{n}号门前积水倒灌"], urgency: Emergency, sources: &[(Res, 6), (Hot, 3), (Cam, 1)], handler: "县城管局市政所", weight: 4, hard: 0 },
    Kind { category: "flooding", titles: &["{r}雨后积水未退", "小区雨水井堵塞"], urgency: Urgent, sources: &[(Res, 4), (Hot, 4), (Cc, 2)], handler: "县城管局市政所", weight: 4, hard: 0 },
    Kind { category: "water", titles: &["{b}号楼水管爆裂"], urgency: Emergency, sources: &[(Res, 7), (Hot, 3)], handler: "县自来水公司", weight: 3, hard: 0 },
    Kind { category: "water", titles: &["{b}号楼停水", "片区停水"], urgency: Urgent, sources: &[(Hot, 7), (Res, 3)], handler: "县自来水公司", weight: 4, hard: 0 },
    Kind { category: "water", titles: &["{b}号楼自来水浑浊", "{b}号楼水压偏低"], urgency: Normal, sources: &[(Hot, 6), (Res, 4)], handler: "县自来水公司", weight: 3, hard: 0 },
    Kind { category: "power", titles: &["{b}号楼夜间停电", "{b}号楼单元停电"], urgency: Urgent, sources: &[(Hot, 7), (Res, 3)], handler: "县供电公司", weight: 4, hard: 0 },
    Kind { category: "power", titles: &["{b}号楼电表箱冒烟"], urgency: Emergency, sources: &[(Res, 7), (Hot, 3)], handler: "县供电公司", weight: 1, hard: 0 },
    Kind { category: "gas", titles: &["{b}号楼燃气泄漏"], urgency: Emergency, sources: &[(Res, 5), (Hot, 5)], handler: "县燃气公司", weight: 2, hard: 0 },
    Kind { category: "gas", titles: &["{b}号楼燃气表故障"], urgency: Normal, sources: &[(Hot, 7), (Res, 3)], handler: "县燃气公司", weight: 2, hard: 0 },
    Kind { category: "noise", titles: &["广场舞噪音扰民", "{r}工地夜间施工噪音", "{b}号楼装修噪音"], urgency: Normal, sources: &[(Hot, 5), (Res, 3), (Tw, 2)], handler: "县生态环境局", weight: 8, hard: 0 },
    Kind { category: "sanitation", titles: &["{r}垃圾堆放", "{b}号楼垃圾清运不及时", "化粪池外溢"], urgency: Normal, sources: &[(Cc, 4), (Res, 3), (Hot, 3)], handler: "县环卫所", weight: 8, hard: 0 },
    Kind { category: "lighting", titles: &["{r}路灯不亮", "{b}号楼楼道灯损坏"], urgency: Normal, sources: &[(Res, 5), (Hot, 3), (Cc, 2)], handler: "县城管局", weight: 6, hard: 0 },
    Kind { category: "elevator", titles: &["{b}号楼电梯困人"], urgency: Emergency, sources: &[(Res, 6), (Hot, 4)], handler: "县市场监管局", weight: 1, hard: 0 },
    Kind { category: "elevator", titles: &["{b}号楼电梯停运多日"], urgency: Normal, sources: &[(Cc, 5), (Hot, 5)], handler: "县市场监管局", weight: 3, hard: 0 },
    Kind { category: "property", titles: &["物业服务纠纷", "物业费收取争议", "{b}号楼屋顶漏水维修"], urgency: Normal, sources: &[(Hot, 7), (Cc, 3)], handler: "县住建局", weight: 7, hard: 35 },
    Kind { category: "dispute", titles: &["{b}号楼邻里纠纷", "{b}号楼楼上漏水引发纠纷"], urgency: Urgent, sources: &[(Pol, 5), (Res, 5)], handler: "城区派出所", weight: 5, hard: 0 },
    Kind { category: "fire_lane", titles: &["{r}占用消防通道"], urgency: Urgent, sources: &[(Cam, 8), (Res, 2)], handler: "平安巡防队", weight: 4, hard: 0 },
    Kind { category: "parking", titles: &["{r}车辆乱停乱放", "小区门口违停堵路"], urgency: Normal, sources: &[(Cam, 5), (Res, 3), (Hot, 2)], handler: "县交警大队", weight: 5, hard: 0 },
    Kind { category: "fire_risk", titles: &["{b}号楼电动车楼道充电", "{b}号楼楼道堆放杂物"], urgency: Urgent, sources: &[(Cc, 5), (Cam, 3), (Res, 2)], handler: "县消防救援大队", weight: 4, hard: 0 },
    Kind { category: "fire_risk", titles: &["{b}号楼夜间焦糊味"], urgency: Emergency, sources: &[(Res, 8), (Hot, 2)], handler: "县消防救援大队", weight: 1, hard: 0 },
    Kind { category: "medical", titles: &["{b}号楼独居老人摔倒", "{b}号楼老人突发疾病"], urgency: Emergency, sources: &[(Res, 10)], handler: "社区卫生服务站", weight: 2, hard: 0 },
    Kind { category: "housing", titles: &["不动产证办理", "老旧小区改造诉求"], urgency: Normal, sources: &[(Hot, 10)], handler: "县自然资源局", weight: 3, hard: 60 },
    Kind { category: "education", titles: &["学位咨询", "暑期托管咨询"], urgency: Normal, sources: &[(Hot, 10)], handler: "县教育局", weight: 2, hard: 40 },
    Kind { category: "greening", titles: &["{r}树木倒伏"], urgency: Urgent, sources: &[(Res, 5), (Hot, 3), (Tw, 2)], handler: "县园林绿化所", weight: 2, hard: 0 },
    Kind { category: "road", titles: &["{r}井盖缺失"], urgency: Urgent, sources: &[(Res, 4), (Cam, 3), (Hot, 3)], handler: "县城管局市政所", weight: 2, hard: 0 },
    Kind { category: "road", titles: &["{r}路面坑洼", "{r}人行道破损"], urgency: Normal, sources: &[(Hot, 5), (Res, 3), (Tw, 2)], handler: "县城管局市政所", weight: 3, hard: 0 },
];

/// Categories whose hotline cases the `12345-utilities` profile times.
const UTILITIES: [&str; 4] = ["water", "power", "gas", "heating"];

/// Opening hours of non-emergencies, weighted (emergencies come at any hour).
const HOURS: [u32; 24] = [1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 9, 8, 7, 8, 9, 9, 9, 8, 8, 8, 7, 5, 3, 2];

const MINUTE: i64 = 60;
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

/// Where a case can sit: a grid (or a node), with the people who sign its steps.
struct Spot {
    node: String,
    community: usize,
    worker: String,
    branch: String,
    members: Vec<String>,
    buildings: u32,
    households: u32,
}

/// A community: its names and its spots.
struct Community {
    name: String,
    place: String,
    road: String,
    street: String,
    spots: Vec<usize>,
}

/// The spots and communities of an organization: one spot per grid, or, without grids, one
/// per child of the root (the root itself when it has none).
fn places(org: &Organization, rng: &mut Rng) -> (Vec<Spot>, Vec<Community>) {
    let tree = org.tree();
    let mut spots = Vec::new();
    let mut communities: Vec<(usize, Community)> = Vec::new();
    let mut community_of = |node: crate::NodeId, rng: &mut Rng| -> usize {
        if let Some(i) = communities.iter().position(|(n, _)| *n == node.index()) {
            return i;
        }
        let name = tree.node(node).name().to_owned();
        let place = ["党委", "党总支", "党支部", "党工委", "委员会"].iter().fold(name.clone(), |n, s| n.strip_suffix(s).map_or(n.clone(), str::to_owned));
        let road = match place.char_indices().find(|(_, c)| *c == '路') {
            Some((i, c)) => place[..i + c.len_utf8()].to_owned(),
            None => format!("{}街", rng.pick(&PLACES)),
        };
        let street = tree.node(node).parent().map_or_else(|| "街道党工委".to_owned(), |p| tree.node(p).name().to_owned());
        communities.push((node.index(), Community { name, place, road, street, spots: Vec::new() }));
        communities.len() - 1
    };
    for (i, grid) in org.grids().iter().enumerate() {
        let record = grid.record();
        let community = community_of(grid.community(), rng);
        let node = match grid.branch() {
            Some(_) => record.id.clone(),
            // Only a node that names the grid places it on the tree: else, its community.
            None => tree.node(grid.community()).id().to_owned().into(),
        };
        let branch = grid.branch().map(|b| tree.node(b).name().to_owned());
        let grid_name = record.name.clone().unwrap_or_else(|| format!("{}网格", record.id).into());
        spots.push(Spot {
            node: String::from(&node),
            community,
            worker: record.workers.first().map_or_else(|| "网格员".to_owned(), |w| format!("网格员 {}", w.name)),
            branch: branch.unwrap_or(String::from(&grid_name)),
            members: org.members().iter().filter(|m| m.grid() == Some(i)).map(|m| m.record().name.clone()).map(String::from).collect(),
            buildings: record.buildings,
            households: record.households,
        });
    }
    if spots.is_empty() {
        let root = tree.root();
        let nodes = if tree.children(root).is_empty() { vec![root] } else { tree.children(root).to_vec() };
        for id in nodes {
            let community = community_of(id, rng);
            spots.push(Spot {
                node: tree.node(id).id().to_owned(),
                community,
                worker: "网格员".to_owned(),
                branch: tree.node(id).name().to_owned(),
                members: Vec::new(),
                buildings: 0,
                households: 0,
            });
        }
    }
    for (i, spot) in spots.iter().enumerate() {
        communities[spot.community].1.spots.push(i);
    }
    (spots, communities.into_iter().map(|(_, c)| c).collect())
}

/// One of `items` by weight (which must not all be 0).
fn weighted<T: Copy>(rng: &mut Rng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut left = rng.below(total);
    for (item, w) in items {
        if left < *w {
            return *item;
        }
        left -= w;
    }
    items[0].0
}

fn after(t: Timestamp, seconds: i64) -> Timestamp {
    Timestamp(t.datetime() + TimeDelta::seconds(seconds))
}

/// `t`, or when it falls between 21:00 and 08:00, some time of the next working day (08:00 to
/// 17:00): offices, committees and residents giving their verdict keep office hours.
fn office(rng: &mut Rng, t: Timestamp) -> Timestamp {
    let local = t.local();
    let hour = i64::from(local.hour());
    if (8..21).contains(&hour) {
        return t;
    }
    let midnight = after(t, -(hour * HOUR + i64::from(local.minute()) * MINUTE + i64::from(local.second())));
    after(midnight, if hour >= 21 { DAY } else { 0 } + 8 * HOUR + secs(rng, 0, 9 * HOUR))
}

/// `t` without its seconds: only the 1310 clocks are kept to the second.
fn to_minute(t: Timestamp) -> Timestamp {
    after(t, -i64::from(t.local().second()))
}

/// Which deadline a case misses, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Late {
    None,
    /// 1310: the resident reaches someone (or knows whom to call) late.
    Contact,
    /// Nobody on site in time (1310's 10 minutes, or the whistle route's 30).
    OnSite,
    /// 12345: dispatched after the hour (emergencies) or two (utilities).
    Dispatch,
    /// 12345: a hard case answered after 15 days.
    Answer,
    /// Closed (反馈) after its closure deadline.
    Closure,
    /// Never closed: stuck at analysis or handling, past its deadline.
    Stuck,
}

/// A case to write: everything but the id, which comes from the opening order.
struct Plan<'a> {
    kind: &'a Kind,
    source: Source,
    spot: usize,
    opened: Timestamp,
    hard: bool,
    late: Late,
}

/// The steps and events of one case, written in order and cut at `now`.
struct Timeline {
    steps: Vec<StepRecord>,
    events: Vec<EventRecord>,
}

impl Timeline {
    fn step(&mut self, step: Step, at: Timestamp, by: &str) -> Timestamp {
        // Never before the step before.
        let at = self.steps.last().map_or(at, |s| s.at.max(at));
        self.steps.push(StepRecord { step, at, by: by.to_owned(), satisfaction: None, note: None });
        at
    }
    fn event(&mut self, event: EventKind, at: Timestamp, by: Option<&str>) {
        self.events.push(EventRecord { event, at, by: by.map(str::to_owned) });
    }
}

fn title(rng: &mut Rng, kind: &Kind, spot: &Spot, community: &Community, hard: bool) -> String {
    let template = kind.titles[rng.below(kind.titles.len() as u32) as usize];
    let road = if rng.chance(60) { community.road.clone() } else { format!("{}{}", rng.pick(&PLACES), rng.pick(&["路", "街"])) };
    let text = template
        .replace("{r}", &road)
        .replace("{b}", &rng.between(1, spot.buildings.max(6)).to_string())
        .replace("{n}", &rng.between(1, 180).to_string());
    let place = if template.starts_with("{r}") { String::new() } else { community.place.clone() };
    format!("{place}{text}{}", if hard { "（疑难）" } else { "" })
}

/// The closure deadline (办结时限): 12 hours for emergencies, 2 days when urgent, 7 days
/// otherwise, 15 days for hard cases.
fn due_after(urgency: Urgency, hard: bool) -> i64 {
    match (hard, urgency) {
        (true, _) => 15 * DAY,
        (_, Emergency) => 12 * HOUR,
        (_, Urgent) => 2 * DAY,
        (_, Normal) => 7 * DAY,
    }
}

/// How long analysis, handling and feedback take, by urgency: (analyse within, handle
/// range, feedback range), in seconds.
fn pace(urgency: Urgency) -> (i64, (i64, i64), (i64, i64)) {
    match urgency {
        Emergency => (3 * MINUTE, (0, 30 * MINUTE), (HOUR, 6 * HOUR)),
        Urgent => (2 * HOUR, (30 * MINUTE, 12 * HOUR), (HOUR, 12 * HOUR)),
        Normal => (18 * HOUR, (HOUR, 2 * DAY), (2 * HOUR, 3 * DAY)),
    }
}

fn secs(rng: &mut Rng, low: i64, high: i64) -> i64 {
    let (low, high) = (low.max(0) as u32, high.max(low).max(0) as u32);
    i64::from(rng.between(low, high))
}

fn verdict(rng: &mut Rng, resolved: bool, late: Late) -> Satisfaction {
    let weights = match (resolved, late) {
        (false, _) => [0, 35, 65],
        (true, Late::None) => [80, 16, 4],
        (true, _) => [55, 30, 15],
    };
    weighted(rng, &[(Satisfaction::Satisfied, weights[0]), (Satisfaction::Basically, weights[1]), (Satisfaction::Unsatisfied, weights[2])])
}

/// Writes one case (its id comes later).
fn write(rng: &mut Rng, plan: &Plan, spots: &[Spot], communities: &[Community], now: Timestamp) -> Case {
    let Plan { kind, source, spot, opened: t0, hard, late } = *plan;
    let spot = &spots[spot];
    let community = &communities[spot.community];
    let member = if spot.members.is_empty() {
        format!("党员志愿者 {}", name(rng))
    } else {
        format!("党员 {}", spot.members[rng.below(spot.members.len() as u32) as usize])
    };
    let urgency = kind.urgency;
    let due = after(t0, due_after(urgency, hard));
    let (analyse_within, handle_gap, feedback_gap) = pace(urgency);
    // Non-urgent work waits for office hours.
    let desk = |rng: &mut Rng, t: Timestamp| if urgency == Normal { office(rng, t) } else { t };
    let mut line = Timeline { steps: Vec::new(), events: Vec::new() };
    // The late on-site report of a whistle route (30 minutes), or an ordinary one.
    let route_on_site = |rng: &mut Rng, low: i64| if late == Late::OnSite { secs(rng, 35 * MINUTE, 2 * HOUR) } else { secs(rng, low, 28 * MINUTE) };
    let resident = format!("居民 {}", name(rng));
    let reviewer: &str;
    let closer: String;
    // Up to the handling step; returns when it was handled.
    let handled = match source {
        Res if urgency == Emergency => {
            // 1310: know whom to call in 1 minute, reach them in 3, someone on site in 10.
            let known = if late == Late::Contact && rng.chance(25) { secs(rng, 65, 110) } else { secs(rng, 10, 55) };
            let reached = if late == Late::Contact { secs(rng, 200, 420).max(known + 20) } else { secs(rng, known + 20, 170) };
            let on_site = if late == Late::OnSite { secs(rng, 11 * MINUTE, 25 * MINUTE) } else { secs(rng, (reached + MINUTE).max(4 * MINUTE), 9 * MINUTE + 30) };
            let on_site = on_site.max(reached + MINUTE);
            line.event(EventKind::ContactKnown, after(t0, known), None);
            line.event(EventKind::ContactReached, after(t0, reached), Some(&spot.worker));
            line.event(EventKind::OnSite, after(t0, on_site), Some(&member));
            let collected = line.step(Step::Collect, after(t0, reached), &spot.worker);
            line.step(Step::Analyse, after(collected, secs(rng, MINUTE, analyse_within)).min(after(t0, on_site)), &spot.branch);
            reviewer = &resident;
            closer = spot.branch.clone();
            line.step(Step::Handle, after(t0, on_site), &member)
        }
        Res => {
            let collected = line.step(Step::Collect, after(t0, secs(rng, 0, 5 * MINUTE)), &spot.worker);
            let on_site = after(t0, route_on_site(rng, 8 * MINUTE)).max(collected);
            line.event(EventKind::OnSite, on_site, Some(&member));
            let analysed = after(on_site, secs(rng, 10 * MINUTE, analyse_within));
            let analysed = line.step(Step::Analyse, desk(rng, analysed), &spot.branch);
            reviewer = &resident;
            closer = spot.branch.clone();
            let by = if rng.chance(40) { member.clone() } else { kind.handler.to_owned() };
            let handled = after(analysed, secs(rng, handle_gap.0, handle_gap.1));
            line.step(Step::Handle, desk(rng, handled), &by)
        }
        Hot => {
            line.step(Step::Collect, t0, "12345热线");
            let dispatched = match (urgency, UTILITIES.contains(&kind.category), late) {
                (Emergency, _, Late::Dispatch) => secs(rng, 65 * MINUTE, 150 * MINUTE),
                (Emergency, _, _) => secs(rng, 15 * MINUTE, 55 * MINUTE),
                (_, true, Late::Dispatch) => secs(rng, 125 * MINUTE, 5 * HOUR),
                (_, true, _) => secs(rng, 30 * MINUTE, 110 * MINUTE),
                _ => secs(rng, HOUR, 20 * HOUR),
            };
            let dispatched = after(t0, dispatched);
            line.event(EventKind::Dispatched, dispatched, Some("12345热线"));
            let analysed = after(dispatched, secs(rng, 0, HOUR));
            let analysed = line.step(Step::Analyse, desk(rng, analysed), &community.name);
            reviewer = "来电人";
            closer = community.name.clone();
            let (low, high) = if urgency == Emergency { (10 * MINUTE, HOUR) } else { (30 * MINUTE, DAY) };
            let handled = after(analysed, secs(rng, low, high));
            line.step(Step::Handle, desk(rng, handled), kind.handler)
        }
        Pol => {
            line.step(Step::Collect, t0, "110指挥中心");
            let dispatched = after(t0, secs(rng, 2 * MINUTE, 7 * MINUTE));
            line.event(EventKind::Dispatched, dispatched, Some("110指挥中心"));
            line.step(Step::Analyse, dispatched, "城区派出所");
            let on_site = after(t0, route_on_site(rng, 10 * MINUTE)).max(dispatched);
            line.event(EventKind::OnSite, on_site, Some("城区派出所"));
            reviewer = "当事人";
            closer = spot.branch.clone();
            line.step(Step::Handle, on_site, &format!("城区派出所，{}", spot.branch))
        }
        Cam => {
            line.step(Step::Collect, t0, "天眼平台");
            let dispatched = after(t0, secs(rng, MINUTE, 4 * MINUTE));
            line.event(EventKind::Dispatched, dispatched, None);
            line.step(Step::Analyse, dispatched, &spot.branch);
            let on_site = after(t0, route_on_site(rng, 6 * MINUTE)).max(dispatched);
            line.event(EventKind::OnSite, on_site, Some("平安巡防队"));
            reviewer = "";
            closer = spot.branch.clone();
            line.step(Step::Handle, on_site, "平安巡防队")
        }
        Cc | Source::GridWorker => {
            // Half of the committee's whistles start from a grid worker's patrol.
            let patrol = rng.chance(50);
            let collected = line.step(Step::Collect, t0, if patrol { &spot.worker } else { &community.name });
            if patrol && let Some(last) = line.steps.last_mut() {
                last.note = Some("网格员巡查发现，社区党组织吹哨".to_owned());
            }
            let analysed = line.step(Step::Analyse, after(collected, secs(rng, 10 * MINUTE, HOUR)), &community.name);
            let on_site = after(t0, route_on_site(rng, 15 * MINUTE));
            line.event(EventKind::OnSite, on_site, Some("网格部门"));
            reviewer = "居民代表";
            closer = community.name.clone();
            line.step(Step::Handle, on_site.max(analysed), &format!("网格部门，{}", kind.handler))
        }
        Tw => {
            let collected = line.step(Step::Collect, t0, &community.street);
            let analysed = line.step(Step::Analyse, after(collected, secs(rng, 20 * MINUTE, 90 * MINUTE)), &community.street);
            let on_site = after(t0, route_on_site(rng, 15 * MINUTE));
            line.event(EventKind::OnSite, on_site, Some(kind.handler));
            reviewer = "居民代表";
            closer = community.street.clone();
            line.step(Step::Handle, on_site.max(analysed), &format!("辖区单位 {}", kind.handler))
        }
    };
    let stuck = late == Late::Stuck;
    if stuck && rng.chance(50) {
        // Stuck before handling: the handling step goes again.
        line.steps.pop();
    }
    let mut resolved = false;
    if !stuck {
        let feedback = if hard {
            after(t0, if late == Late::Answer { secs(rng, 15 * DAY + HOUR, 20 * DAY) } else { secs(rng, 4 * DAY, 14 * DAY) })
        } else if late == Late::Closure {
            let feedback = after(due, secs(rng, 2 * HOUR, 3 * DAY));
            desk(rng, feedback)
        } else {
            // Within the deadline, unless handling itself ran past it.
            let feedback = after(handled, secs(rng, feedback_gap.0, feedback_gap.1));
            let feedback = desk(rng, feedback);
            feedback.min(after(due, -secs(rng, 10 * MINUTE, HOUR))).max(handled)
        };
        let closed = line.step(Step::Feedback, feedback, &closer);
        if source == Hot {
            line.event(EventKind::Answered, closed, None);
        }
        let hard_going = hard || matches!(kind.category, "property" | "dispute");
        resolved = !rng.chance(if hard_going { 15 } else { 4 });
        if !reviewer.is_empty() {
            let verdict = verdict(rng, resolved, late);
            let reviewed = after(closed, secs(rng, 4 * HOUR, 2 * DAY));
            let reviewed = office(rng, reviewed);
            line.step(Step::Review, reviewed, reviewer);
            if let Some(last) = line.steps.last_mut() {
                last.satisfaction = Some(verdict);
            }
        }
    }
    let timed_1310 = source == Res && urgency == Emergency;
    for s in &mut line.steps {
        s.at = to_minute(s.at);
    }
    for e in line.events.iter_mut().filter(|_| !timed_1310) {
        e.at = to_minute(e.at);
    }
    // Nothing after `now`: the case stands as it was then.
    line.steps.retain(|s| s.at <= now);
    line.events.retain(|e| e.at <= now);
    line.events.sort_by_key(|e| e.at);
    let closed = line.steps.iter().any(|s| s.step == Step::Feedback);
    Case {
        id: String::new(),
        title: title(rng, kind, spot, community, hard),
        category: kind.category.to_owned(),
        node: spot.node.clone(),
        source,
        urgency,
        opened: t0,
        tags: if hard { vec!["hard".to_owned()] } else { Vec::new() },
        profiles: None,
        steps: line.steps,
        events: line.events,
        resolved: resolved && closed,
        due: Some(due),
    }
}

/// Which deadline a case will miss: about one in seven of those with a clock (one in six
/// hard cases), one in eleven whistles' reports, one in sixteen closures; and one case in
/// thirty is stuck (only when opened long enough before `now` for its deadline to have passed).
fn choose_late(rng: &mut Rng, kind: &Kind, source: Source, hard: bool, opened: Timestamp, now: Timestamp) -> Late {
    let roll = rng.below(100);
    let old = now.since(opened).num_seconds() > due_after(kind.urgency, hard) + DAY;
    let timed_hotline = source == Hot && (kind.urgency == Emergency || UTILITIES.contains(&kind.category));
    match roll {
        0..=2 if old => Late::Stuck,
        3..=16 if source == Res && kind.urgency == Emergency => {
            if rng.chance(35) { Late::Contact } else { Late::OnSite }
        }
        3..=16 if timed_hotline => Late::Dispatch,
        3..=19 if hard => Late::Answer,
        3..=11 if source != Hot => Late::OnSite,
        20..=25 => Late::Closure,
        _ => Late::None,
    }
}

/// An opening moment on `day` (days from the first day of the period): emergencies at any
/// hour, committees and townships in the working day, the rest mostly by day.
fn opening(rng: &mut Rng, start: Timestamp, day: i64, urgency: Urgency, source: Source) -> Timestamp {
    let hour = if matches!(source, Cc | Tw) {
        rng.between(8, 17)
    } else if urgency == Emergency && rng.chance(40) {
        rng.below(24)
    } else {
        weighted(rng, &HOURS.iter().enumerate().map(|(h, w)| (h as u32, *w)).collect::<Vec<_>>())
    };
    after(start, day * DAY + i64::from(hour) * HOUR + i64::from(rng.below(60)) * MINUTE)
}

fn pick_kind<'a>(rng: &mut Rng) -> &'a Kind {
    let weights: Vec<(usize, u32)> = KINDS.iter().enumerate().map(|(i, k)| (i, k.weight)).collect();
    &KINDS[weighted(rng, &weights)]
}

/// A season of cases for `org`: see the module documentation for what it holds.
///
/// ```
/// use grassroots::Organization;
/// use grassroots::cases::CasesDoc;
/// use grassroots::cases::generate::{SeasonOptions, season};
/// use grassroots::org::generate::{GenOptions, generate};
/// use grassroots::org::Date;
/// use grassroots::time::Timestamp;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let org = Organization::from_json(&generate(GenOptions::new(3).seed(2026)).to_json())?;
/// let (from, to) = (Date::parse("2026-06-01").ok_or("day")?, Date::parse("2026-08-31").ok_or("day")?);
/// let now = Timestamp::parse("2026-08-31T18:00:00+08:00").ok_or("time")?;
/// let doc = CasesDoc::from_json(&season(&org, SeasonOptions::new(from, to, now).seed(7)).to_json())?;
/// assert!(doc.cases().len() > 20);
/// assert!(doc.warnings().is_empty());
/// # Ok(())
/// # }
/// ```
pub fn season(org: &Organization, options: SeasonOptions) -> Season {
    let mut rng = Rng::new(options.seed);
    let (spots, communities) = places(org, &mut rng);
    let now = options.now;
    let start = Timestamp::start_of(options.from).unwrap_or(now);
    let days = (options.to.naive() - options.from.naive()).num_days() + 1;
    let months = days.max(0) as f64 / 30.44;
    // Storm days, when most flooding happens.
    let storms: Vec<i64> = (0..4).map(|_| i64::from(rng.below(days.max(1) as u32))).collect();
    // How much each community reports; the quietest eighth report at a quarter of the rate.
    let mut activity: Vec<f64> = communities.iter().map(|_| 0.85 + 0.35 * rng.unit()).collect();
    if communities.len() >= 4 {
        let mut order: Vec<usize> = (0..communities.len()).collect();
        order.sort_by(|a, b| {
            let size = |c: usize| activity[c] * communities[c].spots.len() as f64;
            size(*a).total_cmp(&size(*b)).then(a.cmp(b))
        });
        for &c in order.iter().take(communities.len().div_ceil(8)) {
            activity[c] = 0.25;
        }
    }
    let mut plans = Vec::new();
    for (c, community) in communities.iter().enumerate() {
        let total: u32 = community.spots.iter().map(|&s| spots[s].households).sum();
        let mean = f64::from(total.max(1)) / community.spots.len().max(1) as f64;
        for &s in &community.spots {
            let weight = if total == 0 { 1.0 } else { f64::from(spots[s].households) / mean };
            let expected = options.volume * activity[c] * weight * months;
            let count = expected.floor() as u32 + u32::from(rng.probability(expected.fract()));
            for _ in 0..count {
                let kind = pick_kind(&mut rng);
                let source = weighted(&mut rng, kind.sources);
                let day = if kind.category == "flooding" && rng.chance(70) { storms[rng.below(4) as usize] } else { i64::from(rng.below(days.max(1) as u32)) };
                let opened = opening(&mut rng, start, day, kind.urgency, source);
                let hard = source == Hot && rng.chance(kind.hard);
                let late = choose_late(&mut rng, kind, source, hard, opened, now);
                if opened < now {
                    plans.push(Plan { kind, source, spot: s, opened, hard, late });
                }
            }
        }
    }
    // Cases still running at `now`, some with a clock about to run out: a burst pipe whose
    // helper is not there yet (1310), an outage the hotline has not dispatched (12345), a hard
    // case a day short of its answer, and a dark street light waiting for its whistle's report.
    let busy: Vec<usize> = (0..spots.len()).filter(|&s| activity[spots[s].community] > 0.5).collect();
    let live: [(&str, Urgency, Source, i64, Late, bool); 4] = [
        ("water", Emergency, Res, 3 * MINUTE + 30, Late::OnSite, false),
        ("power", Urgent, Hot, 108 * MINUTE, Late::Dispatch, false),
        ("property", Normal, Hot, 14 * DAY + 2 * HOUR, Late::Answer, true),
        ("lighting", Normal, Res, 22 * MINUTE, Late::OnSite, false),
    ];
    for (category, urgency, source, ago, late, hard) in live {
        let opened = after(now, -ago);
        let Some(kind) = KINDS.iter().find(|k| k.category == category && k.urgency == urgency) else { continue };
        if busy.is_empty() || opened < start || opened >= after(start, days * DAY) {
            continue;
        }
        let spot = busy[rng.below(busy.len() as u32) as usize];
        plans.push(Plan { kind, source, spot, opened, hard, late });
    }
    // Opening order; the same moment keeps the order of making.
    plans.sort_by_key(|p| p.opened);
    let mut cases = Vec::with_capacity(plans.len());
    for (n, plan) in plans.iter().enumerate() {
        let mut case = write(&mut rng, plan, &spots, &communities, now);
        let prefix = match plan.source {
            Res => "r",
            Hot => "h",
            Pol => "pol",
            Cam => "cam",
            Cc | Source::GridWorker => "cc",
            Tw => "tw",
        };
        case.id = format!("{prefix}-{}-{}-{n:03}", case.opened.local().format("%m%d"), case.category);
        cases.push(case);
    }
    Season { routing: "changning".to_owned(), profiles: vec!["1310".to_owned(), "12345".to_owned()], cases }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{CasesDoc, ClockStatus, MetricsOptions, clocks, metrics};
    use crate::org::generate::{GenOptions, generate};

    fn county() -> Organization {
        let json = generate(GenOptions::new(12).seed(2026).members_per_group(10, 20)).to_json();
        Organization::from_json(&json).unwrap_or_else(|e| panic!("{e}"))
    }

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|| panic!("{text}"))
    }

    fn now() -> Timestamp {
        Timestamp::parse("2026-08-31T18:00:00+08:00").unwrap_or_else(|| panic!("now"))
    }

    fn options(seed: u64) -> SeasonOptions {
        SeasonOptions::new(day("2026-06-01"), day("2026-08-31"), now()).seed(seed)
    }

    fn load(json: &str) -> CasesDoc {
        CasesDoc::from_json(json).unwrap_or_else(|e| panic!("{e}: {:?}", e.problems()))
    }

    #[test]
    fn the_same_seed_gives_the_same_season() {
        let org = county();
        let json = season(&org, options(2026)).to_json();
        assert_eq!(json, season(&org, options(2026)).to_json());
        assert_ne!(json, season(&org, options(2027)).to_json());
        assert!(json.len() < 1_000_000, "{} bytes", json.len());
    }

    #[test]
    fn a_season_loads_clean_on_the_organization() {
        let org = county();
        let doc = load(&season(&org, options(2026)).to_json());
        assert!(doc.warnings().is_empty(), "{:?}", doc.warnings());
        assert!(doc.check_nodes(org.tree()).is_empty());
        let grids: Vec<&str> = org.grids().iter().map(|g| g.record().id.as_str()).collect();
        for case in doc.cases() {
            assert!(grids.contains(&case.node.as_str()) || org.tree().find(&case.node).is_some(), "{}", case.node);
        }
        // A mix of sources, categories and urgencies, hard cases and whistles.
        let sources: std::collections::BTreeSet<Source> = doc.cases().iter().map(|c| c.source).collect();
        assert!(sources.len() >= 6, "{sources:?}");
        let categories: std::collections::BTreeSet<&str> = doc.cases().iter().map(|c| c.category.as_str()).collect();
        assert!(categories.len() >= 15, "{categories:?}");
        assert!(doc.cases().iter().any(|c| c.tags.iter().any(|t| t == "hard")));
        assert!(doc.cases().iter().filter(|c| doc.routing().route(c).is_some()).count() > doc.cases().len() / 3);
        // Steps are signed by the grids' own workers.
        let workers: Vec<String> = org.grids().iter().flat_map(|g| &g.record().workers).map(|w| format!("网格员 {}", w.name)).collect();
        assert!(doc.cases().iter().flat_map(|c| &c.steps).any(|s| workers.contains(&s.by)));
    }

    #[test]
    fn nothing_happens_after_now() {
        let doc = load(&season(&county(), options(5)).to_json());
        let now = now();
        for case in doc.cases() {
            assert!(case.opened <= now, "{}", case.id);
            assert!(case.steps.iter().all(|s| s.at <= now), "{}", case.id);
            assert!(case.events.iter().all(|e| e.at <= now), "{}", case.id);
            // Only a closure deadline may lie ahead.
            assert!(case.opened >= Timestamp::start_of(day("2026-06-01")).unwrap_or(now), "{}", case.id);
        }
    }

    #[test]
    fn at_now_most_clocks_are_met_some_breached_some_running() {
        let doc = load(&season(&county(), options(2026)).to_json());
        let all = clocks(&doc, now());
        let statuses: Vec<&ClockStatus> = all.iter().flat_map(|c| &c.clocks).map(|c| &c.status).collect();
        let met = statuses.iter().filter(|s| matches!(s, ClockStatus::Met { .. })).count();
        let breached = statuses.iter().filter(|s| matches!(s, ClockStatus::Breached { .. })).count();
        let running = statuses.iter().filter(|s| matches!(s, ClockStatus::Running { .. })).count();
        assert!(running >= 3, "{running} running");
        let share = breached as f64 / (met + breached) as f64;
        assert!((0.03..=0.2).contains(&share), "{breached} breached of {}", met + breached);
        // A running clock with less than half an hour left, and an unresolved overdue case.
        assert!(statuses.iter().any(|s| matches!(s, ClockStatus::Running { left_seconds } if *left_seconds < 1800)));
        assert!(doc.cases().iter().any(|c| c.closed().is_none() && c.due.is_some_and(|d| d < now())));
        // Whistles late on site climb the ladder.
        assert!(all.iter().filter_map(|c| c.escalation.as_ref()).any(|e| e.overdue_seconds.is_some()));
    }

    #[test]
    fn most_communities_have_enough_cases_for_rates_and_some_do_not() {
        let org = county();
        let doc = load(&season(&org, options(2026)).to_json());
        let to = Timestamp::start_of(day("2026-09-01")).unwrap_or(now());
        let from = Timestamp::start_of(day("2026-06-01")).unwrap_or(now());
        let report = metrics(&doc, org.tree(), &MetricsOptions::new(from, to).now(now()));
        assert!(report.unplaced.is_empty(), "{:?}", report.unplaced);
        let communities: Vec<_> = report.nodes.iter().filter(|m| m.level == "community").collect();
        assert_eq!(communities.len(), 12);
        let enough = communities.iter().filter(|m| m.cases >= 10).count();
        assert!(enough >= 8 && enough < 12, "{:?}", communities.iter().map(|m| m.cases).collect::<Vec<_>>());
        assert!(communities.iter().all(|m| m.cases <= 45), "{:?}", communities.iter().map(|m| m.cases).collect::<Vec<_>>());
        let root = &report.nodes[0];
        let value = |r: crate::cases::Rate| r.value.unwrap_or(-1.0);
        assert!(value(root.response) > 0.95, "{:?}", root.response);
        assert!((0.8..=0.98).contains(&value(root.satisfaction)), "{:?}", root.satisfaction);
        assert!((0.8..=0.99).contains(&value(root.resolution)), "{:?}", root.resolution);
        assert!((0.8..=0.98).contains(&value(root.on_time_closure)), "{:?}", root.on_time_closure);
        assert!((0.7..0.99).contains(&value(root.clocks_1310)), "{:?}", root.clocks_1310);
        assert!((0.7..0.99).contains(&value(root.clocks_12345)), "{:?}", root.clocks_12345);
    }

    #[test]
    fn an_organization_without_grids_gets_cases_on_its_nodes() {
        let org = Organization::from_json(
            r#"{"nodes": [{"id": "s", "level": "street", "name": "城关街道党工委"},
                {"id": "a", "parent": "s", "level": "community", "name": "胜利社区党委"},
                {"id": "b", "parent": "s", "level": "community", "name": "建设路社区党委"}]}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let doc = load(&season(&org, options(1).volume(10.0)).to_json());
        assert!(doc.warnings().is_empty(), "{:?}", doc.warnings());
        assert!(doc.cases().len() > 30);
        assert!(doc.cases().iter().all(|c| c.node == "a" || c.node == "b"));
        assert!(doc.cases().iter().any(|c| c.title.starts_with("建设路")));
    }
}
