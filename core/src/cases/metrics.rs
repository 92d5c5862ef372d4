//! Case metrics per node of the organization tree and per period: the 12345 assessment
//! rates (响应率, 解决率, 满意率), on-time closure, and the share of clocks met.

use std::collections::HashMap;

use serde::Serialize;

use super::CasesDoc;
use super::model::{Case, EventKind, Satisfaction, Step};
use super::sla::{ClockStatus, case_clocks};
use super::time::Timestamp;
use crate::error::{Problem, ProblemKind, RefKind};
use crate::org::{NodeId, OrgTree};

/// The smallest number of cases a rate is given for unless told otherwise: below ten, one
/// case moves a rate by more than ten points, too much to rank communities on.
pub const DEFAULT_MIN_SAMPLE: u64 = 10;

/// A rate with its parts, so a reader can check it. `value` is `numerator / denominator`,
/// absent when the denominator is below the minimum sample ("not enough cases") — a rate
/// over a handful of cases says nothing, and 1 of 1 is not a 100 % worth ranking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Rate {
    /// How many count.
    pub numerator: u64,
    /// Out of how many.
    pub denominator: u64,
    /// The share, 0–1; `None` when there are fewer than the minimum sample (or none).
    pub value: Option<f64>,
}

impl Rate {
    /// `numerator / denominator` when `denominator ≥ min_sample` (and above 0).
    ///
    /// ```
    /// use grassroots::cases::Rate;
    /// assert_eq!(Rate::new(9, 10, 10).value, Some(0.9));
    /// assert_eq!(Rate::new(1, 1, 10).value, None);
    /// assert_eq!(Rate::new(0, 0, 0).value, None);
    /// ```
    pub fn new(numerator: u64, denominator: u64, min_sample: u64) -> Self {
        let value = (denominator > 0 && denominator >= min_sample).then(|| numerator as f64 / denominator as f64);
        Rate { numerator, denominator, value }
    }
}

/// What to measure: the period `[from, to)` of the cases' opening, the minimum sample, and
/// the moment the clocks are read at (`to` unless given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricsOptions {
    from: Timestamp,
    to: Timestamp,
    min_sample: u64,
    now: Option<Timestamp>,
}

impl MetricsOptions {
    /// Cases opened at or after `from` and before `to`; minimum sample [`DEFAULT_MIN_SAMPLE`].
    pub fn new(from: Timestamp, to: Timestamp) -> Self {
        MetricsOptions { from, to, min_sample: DEFAULT_MIN_SAMPLE, now: None }
    }

    /// Rates over fewer cases than this have no value.
    pub fn min_sample(self, min_sample: u64) -> Self {
        MetricsOptions { min_sample, ..self }
    }

    /// Reads the clocks at `now` rather than at the period's end.
    pub fn now(self, now: Timestamp) -> Self {
        MetricsOptions { now: Some(now), ..self }
    }
}

/// The figures of one node's subtree for the period. Denominators:
/// - `response`: the cases; a case counts as responded once it reached 分析 (analyse) or has
///   a responder's event (contact reached, on site, dispatched, answered).
/// - `resolution`: the cases; numerator those marked `resolved`.
/// - `satisfaction`: the reviewed cases with a verdict; numerator 满意 plus 基本满意.
/// - `on_time_closure`: the cases with a closure deadline (`due`) that were closed (反馈)
///   or whose deadline has passed at `now`; numerator those closed by the deadline.
/// - `clocks_1310`, `clocks_12345`: the clocks of those families that are decided at `now`
///   (met or breached; running ones are not counted yet); numerator the met ones.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseMetrics {
    /// The node's record id.
    pub node: String,
    /// Its name.
    pub name: String,
    /// Its level.
    pub level: String,
    /// Cases opened in the period in the subtree.
    pub cases: u64,
    /// 响应率.
    pub response: Rate,
    /// 解决率.
    pub resolution: Rate,
    /// 满意率.
    pub satisfaction: Rate,
    /// 按时办结率.
    pub on_time_closure: Rate,
    /// Share of 1310 clocks met.
    pub clocks_1310: Rate,
    /// Share of 12345 clocks met.
    pub clocks_12345: Rate,
}

/// The metrics of every node, and the cases that could not be placed on the tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricsReport {
    /// First instant of the period.
    pub from: Timestamp,
    /// The instant after the period.
    pub to: Timestamp,
    /// The minimum sample used.
    pub min_sample: u64,
    /// Every node of the tree, depth first from the root, children in input order.
    pub nodes: Vec<CaseMetrics>,
    /// Ids of the period's cases whose node is neither a node nor a grid of the tree, sorted.
    pub unplaced: Vec<String>,
}

/// Counts that add up the tree.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    cases: u64,
    responded: u64,
    resolved: u64,
    reviewed: u64,
    satisfied: u64,
    due: u64,
    on_time: u64,
    clocks: [(u64, u64); 2],
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.cases += other.cases;
        self.responded += other.responded;
        self.resolved += other.resolved;
        self.reviewed += other.reviewed;
        self.satisfied += other.satisfied;
        self.due += other.due;
        self.on_time += other.on_time;
        for (mine, theirs) in self.clocks.iter_mut().zip(other.clocks) {
            mine.0 += theirs.0;
            mine.1 += theirs.1;
        }
    }
}

const FAMILIES: [&str; 2] = ["1310", "12345"];

fn count(doc: &CasesDoc, case: &Case, now: Timestamp) -> Counts {
    const RESPONSES: [EventKind; 4] = [EventKind::ContactReached, EventKind::OnSite, EventKind::Dispatched, EventKind::Answered];
    let mut c = Counts { cases: 1, ..Counts::default() };
    c.responded = u64::from(case.stage() >= Some(Step::Analyse) || RESPONSES.iter().any(|e| case.event(*e).is_some()));
    c.resolved = u64::from(case.resolved);
    if let Some(verdict) = case.satisfaction() {
        c.reviewed = 1;
        c.satisfied = u64::from(verdict != Satisfaction::Unsatisfied);
    }
    if let Some(due) = case.due {
        match case.closed() {
            Some(closed) => {
                c.due = 1;
                c.on_time = u64::from(closed <= due);
            }
            None => c.due = u64::from(now > due),
        }
    }
    for clock in case_clocks(doc, case, now).clocks {
        let Some(f) = FAMILIES.iter().position(|f| *f == clock.family) else { continue };
        match clock.status {
            ClockStatus::Met { .. } => c.clocks[f] = (c.clocks[f].0 + 1, c.clocks[f].1 + 1),
            ClockStatus::Breached { .. } => c.clocks[f].1 += 1,
            ClockStatus::Running { .. } | ClockStatus::NotApplicable { .. } => {}
        }
    }
    c
}

/// Where cases' `node`s are on a tree: a node with that record id, or else the first node
/// that names that grid (its branch). The grid index is built once per call, so placing a
/// case is two lookups, not a walk over the tree.
struct Places<'t> {
    tree: &'t OrgTree,
    grids: HashMap<&'t str, NodeId>,
}

impl<'t> Places<'t> {
    fn new(tree: &'t OrgTree) -> Self {
        let mut grids = HashMap::new();
        for id in tree.ids() {
            if let Some(grid) = tree.node(id).grid() {
                grids.entry(grid).or_insert(id);
            }
        }
        Places { tree, grids }
    }
    fn of(&self, node: &str) -> Option<NodeId> {
        self.tree.find(node).or_else(|| self.grids.get(node).copied())
    }
}

/// The metrics of every node of `tree` over the cases opened in the period.
pub fn metrics(doc: &CasesDoc, tree: &OrgTree, options: &MetricsOptions) -> MetricsReport {
    let now = options.now.unwrap_or(options.to);
    let mut counts = vec![Counts::default(); tree.len()];
    let mut unplaced = Vec::new();
    let places = Places::new(tree);
    for case in doc.cases().iter().filter(|c| options.from <= c.opened && c.opened < options.to) {
        let Some(at) = places.of(&case.node) else {
            unplaced.push(case.id.clone());
            continue;
        };
        let one = count(doc, case, now);
        for id in tree.path_to_root(at) {
            counts[id.index()].add(&one);
        }
    }
    unplaced.sort();
    let min = options.min_sample;
    let nodes = tree
        .subtree(tree.root())
        .into_iter()
        .map(|id| {
            let c = counts[id.index()];
            let node = tree.node(id);
            CaseMetrics {
                node: node.id().to_owned(),
                name: node.name().to_owned(),
                level: node.level().to_owned(),
                cases: c.cases,
                response: Rate::new(c.responded, c.cases, min),
                resolution: Rate::new(c.resolved, c.cases, min),
                satisfaction: Rate::new(c.satisfied, c.reviewed, min),
                on_time_closure: Rate::new(c.on_time, c.due, min),
                clocks_1310: Rate::new(c.clocks[0].0, c.clocks[0].1, min),
                clocks_12345: Rate::new(c.clocks[1].0, c.clocks[1].1, min),
            }
        })
        .collect();
    MetricsReport { from: options.from, to: options.to, min_sample: min, nodes, unplaced }
}

impl CasesDoc {
    /// Warnings for cases whose `node` is neither a node nor a grid of `tree`.
    pub fn check_nodes(&self, tree: &OrgTree) -> Vec<Problem> {
        let places = Places::new(tree);
        self.cases()
            .iter()
            .enumerate()
            .filter(|(_, c)| places.of(&c.node).is_none())
            .map(|(i, c)| {
                Problem::warning(Some(c.id.clone()), format!("$.cases[{i}].node"), ProblemKind::UnknownRef {
                    what: RefKind::Node,
                    id: c.node.clone(),
                })
            })
            .collect()
    }
}
