//! What a re-cut reports: part ids (today's kept where a part grew from one), the figures
//! before and after, the reasons in en and zh-CN, an organization's edits, and the JSON entry
//! point.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Serialize, Serializer};

use super::input::{Blocks, Options};
use super::reason::{Reason, ReasonText};
use super::solve::{NONE, Run};
use super::{Outcome, recut_with_org};
use crate::error::Error;
use crate::org::{Edit, GridRecord};
use crate::Organization;

/// The spread of one measure over the parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    /// The smallest part's figure.
    pub min: u64,
    /// The largest part's figure.
    pub max: u64,
    /// The mean over the parts.
    pub mean: f64,
    /// max / min (None when the smallest is 0).
    pub ratio: Option<f64>,
    /// The largest deviation from the mean, as a fraction of the mean (0.05 = 5 %).
    pub max_deviation: f64,
}

/// One part's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartFigures {
    /// The part's id.
    pub id: String,
    /// Its community (blocks' `community`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub community: Option<String>,
    /// How many blocks.
    pub blocks: usize,
    /// Households.
    pub households: u64,
    /// Residents.
    pub population: u64,
    /// Within every range (or the tolerance).
    pub in_range: bool,
    /// Its blocks are connected.
    pub contiguous: bool,
    /// `kept` (today's id), `new`, or `today` (a part of the assignment before).
    pub status: &'static str,
}

/// The figures of one assignment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// How many parts.
    pub parts: usize,
    /// Households per part.
    pub households: Spread,
    /// Residents per part.
    pub population: Spread,
    /// The parts outside their range.
    pub out_of_range: Vec<String>,
    /// The parts whose blocks are not connected.
    pub discontiguous: Vec<String>,
    /// The length of boundary between different parts (compactness: shorter is more
    /// compact), in `boundary_unit`.
    pub boundary: f64,
    /// `m` (metres), or `pairs` (neighbour pairs, when the input gave no lengths).
    pub boundary_unit: &'static str,
    /// Blocks in no part (the assignment before may leave some out).
    pub unassigned: usize,
    /// Each part, in order of its first block.
    pub per_part: Vec<PartFigures>,
}

/// A range as reported.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bounds {
    /// The least per part, if any.
    pub min: Option<f64>,
    /// The most per part, if any.
    pub max: Option<f64>,
}

/// Before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Today's assignment, when given.
    pub before: Option<Summary>,
    /// The new one.
    pub after: Summary,
    /// Blocks whose part id changed (blocks with a part today).
    pub moved: usize,
    /// Those blocks.
    pub moved_blocks: Vec<String>,
    /// The ranges the parts were held to (households, population): the options' ranges, or
    /// the tolerance around the mean.
    pub households_range: Bounds,
    /// See `households_range`.
    pub population_range: Bounds,
}

/// The edits that turn an organization's grids into the new parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrgChange {
    /// Tree edits, to apply in order with [`Organization::edit`]: for each new grid, a `split`
    /// of the party branch of the grid it takes most blocks from (a new branch beside it) and
    /// a `recode` giving the new branch the new grid's code; for each grid that is gone, a
    /// `merge` of its branch into the branch of the grid that takes most of its blocks. Blocks
    /// are not tree nodes: their moves are the assignment. Linking a new branch to its grid
    /// (`grid` of the node) is left to the one who applies the edits.
    pub edits: Vec<Edit>,
    /// The organization's grids after the re-cut: surviving grids with their id, code and
    /// workers and their new figures, new grids (no workers yet) coded after their
    /// community's last, gone grids left out, grids with no block today unchanged.
    pub grids: Vec<GridRecord>,
    /// Ids of surviving grids.
    pub kept: Vec<String>,
    /// Ids of new grids.
    pub new: Vec<String>,
    /// Ids of grids that are gone.
    pub removed: Vec<String>,
}

pub(crate) fn as_map<S: Serializer>(pairs: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

/// The figures of an assignment (block → part id, None for unassigned).
fn summarize(blocks: &Blocks, parts: &[Option<String>], bounds: &[(Option<f64>, Option<f64>); 2], status: &dyn Fn(&str) -> &'static str) -> Summary {
    let records = blocks.records();
    let mut order: Vec<&str> = Vec::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut figures: Vec<(usize, u64, u64, Option<String>)> = Vec::new();
    for (v, p) in parts.iter().enumerate() {
        let Some(p) = p.as_deref() else { continue };
        let i = *index.entry(p).or_insert_with(|| {
            order.push(p);
            figures.push((0, 0, 0, records[v].community.clone()));
            order.len() - 1
        });
        figures[i].0 += 1;
        figures[i].1 += u64::from(records[v].households);
        figures[i].2 += u64::from(records[v].population);
    }
    // Contiguity: union-find over the edges inside each part.
    let mut parent: Vec<usize> = (0..records.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut boundary = 0.0;
    for &(a, b, l) in blocks.edges() {
        let (a, b) = (a as usize, b as usize);
        match (&parts[a], &parts[b]) {
            (Some(x), Some(y)) if x == y => {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                parent[ra] = rb;
            }
            (Some(_), Some(_)) => boundary += l,
            _ => {}
        }
    }
    let mut roots: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); order.len()];
    for (v, p) in parts.iter().enumerate() {
        if let Some(p) = p.as_deref() {
            let r = root(&mut parent, v);
            roots[index[p]].insert(r);
        }
    }
    let in_range = |h: u64, pop: u64| {
        [h, pop].iter().zip(bounds.iter()).all(|(&x, &(lo, hi))| lo.is_none_or(|lo| x as f64 >= lo - 1e-9) && hi.is_none_or(|hi| x as f64 <= hi + 1e-9))
    };
    let per_part: Vec<PartFigures> = order
        .iter()
        .enumerate()
        .map(|(i, id)| PartFigures {
            id: (*id).to_owned(),
            community: figures[i].3.clone(),
            blocks: figures[i].0,
            households: figures[i].1,
            population: figures[i].2,
            in_range: in_range(figures[i].1, figures[i].2),
            contiguous: roots[i].len() <= 1,
            status: status(id),
        })
        .collect();
    let spread = |values: Vec<u64>| {
        let (min, max) = (values.iter().copied().min().unwrap_or(0), values.iter().copied().max().unwrap_or(0));
        let mean = if values.is_empty() { 0.0 } else { values.iter().sum::<u64>() as f64 / values.len() as f64 };
        let max_deviation = if mean > 0.0 { values.iter().map(|&x| (x as f64 - mean).abs() / mean).fold(0.0, f64::max) } else { 0.0 };
        Spread { min, max, mean: round(mean, 100.0), ratio: (min > 0).then(|| round(max as f64 / min as f64, 10000.0)), max_deviation: round(max_deviation, 10000.0) }
    };
    Summary {
        parts: per_part.len(),
        households: spread(per_part.iter().map(|p| p.households).collect()),
        population: spread(per_part.iter().map(|p| p.population).collect()),
        out_of_range: per_part.iter().filter(|p| !p.in_range).map(|p| p.id.clone()).collect(),
        discontiguous: per_part.iter().filter(|p| !p.contiguous).map(|p| p.id.clone()).collect(),
        boundary: round(boundary, 10.0),
        boundary_unit: if blocks.boundary_in_metres() { "m" } else { "pairs" },
        unassigned: parts.iter().filter(|p| p.is_none()).count(),
        per_part,
    }
}

fn round(x: f64, scale: f64) -> f64 {
    (x * scale).round() / scale
}

/// The outcome of a run: ids, figures, reasons, edits.
pub(crate) fn outcome(blocks: &Blocks, options: &Options, run: Run, org: Option<&Organization>) -> Outcome {
    let records = blocks.records();
    let n = records.len();
    let k = run.parts.len();
    // Ids: first the ids the solver kept (pins, today's parts), then today's ids by the most
    // blocks shared, then new ids.
    let mut ids: Vec<Option<String>> = vec![None; k];
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut size = vec![0usize; k];
    for &p in &run.label {
        size[p as usize] += 1;
    }
    let mut by_size: Vec<usize> = (0..k).collect();
    by_size.sort_by_key(|&p| (std::cmp::Reverse(size[p]), p));
    for &p in &by_size {
        if let Some(l) = &run.parts[p].label
            && taken.insert(l.clone())
        {
            ids[p] = Some(l.clone());
        }
    }
    let mut overlap: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    for v in 0..n {
        if let Some(c) = run.current[v].as_deref() {
            *overlap.entry((run.label[v] as usize, c)).or_default() += 1;
        }
    }
    let mut pairs: Vec<((usize, &str), usize)> = overlap.into_iter().collect();
    pairs.sort_by_key(|&((p, c), count)| (std::cmp::Reverse(count), p, c));
    for ((p, c), _) in pairs {
        if ids[p].is_none() && !taken.contains(c) {
            taken.insert(c.to_owned());
            ids[p] = Some(c.to_owned());
        }
    }
    let today: BTreeSet<&str> = run.current.iter().flatten().map(String::as_str).collect();
    let mut new_ids: BTreeSet<String> = BTreeSet::new();
    let mut codes: BTreeMap<String, String> = BTreeMap::new();
    let mut namer = Namer::new(org, &taken);
    for p in 0..k {
        if ids[p].is_none() {
            let (id, code) = namer.next(run.parts[p].community.as_deref());
            taken.insert(id.clone());
            new_ids.insert(id.clone());
            if let Some(code) = code {
                codes.insert(id.clone(), code);
            }
            ids[p] = Some(id);
        }
    }
    let ids: Vec<String> = ids.into_iter().map(Option::unwrap_or_default).collect();
    let after_parts: Vec<Option<String>> = run.label.iter().map(|&p| (p != NONE).then(|| ids[p as usize].clone())).collect();
    let kept_or_new = |id: &str| if new_ids.contains(id) || !today.contains(id) { "new" } else { "kept" };
    let after = summarize(blocks, &after_parts, &run.bounds, &kept_or_new);
    let has_current = run.current.iter().any(Option::is_some);
    let before = has_current.then(|| summarize(blocks, &run.current, &run.bounds, &|_| "today"));
    let moved_blocks: Vec<String> =
        (0..n).filter(|&v| run.current[v].as_ref().is_some_and(|c| Some(c) != after_parts[v].as_ref())).map(|v| records[v].id.clone()).collect();
    let mut reasons: Vec<ReasonText> = run.reasons.into_iter().map(ReasonText::from).collect();
    if !after.out_of_range.is_empty() && reasons.is_empty() {
        reasons.push(Reason::OutOfRange { parts: after.out_of_range.clone() }.into());
    }
    let feasible = reasons.is_empty() && after.out_of_range.is_empty() && after.discontiguous.is_empty();
    let org_change = org.map(|org| org_change(org, blocks, &run.current, &after_parts, &after, &codes));
    let bounds = |b: (Option<f64>, Option<f64>)| Bounds { min: b.0.map(|x| round(x, 100.0)), max: b.1.map(|x| round(x, 100.0)) };
    Outcome {
        feasible,
        seed: options.seed,
        assignment: records.iter().zip(after_parts).map(|(r, p)| (r.id.clone(), p.unwrap_or_default())).collect(),
        report: Report {
            before,
            after,
            moved: moved_blocks.len(),
            moved_blocks,
            households_range: bounds(run.bounds[0]),
            population_range: bounds(run.bounds[1]),
        },
        reasons,
        org: org_change,
    }
}

/// New part ids: with an organization, grid ids `{community}-g{n}` and codes after the
/// community's last grid code; without, `{community}-n{n}` (or `n{n}`).
struct Namer<'a> {
    org: Option<&'a Organization>,
    used: BTreeSet<String>,
    /// Per community: the last code given.
    last_code: BTreeMap<String, String>,
}

impl<'a> Namer<'a> {
    fn new(org: Option<&'a Organization>, taken: &BTreeSet<String>) -> Self {
        let mut used = taken.clone();
        let mut last_code: BTreeMap<String, String> = BTreeMap::new();
        if let Some(org) = org {
            for g in org.grids() {
                let r = g.record();
                used.insert(String::from(&r.id));
                let community = org.tree().node(g.community()).id().to_owned();
                let last = last_code.entry(community).or_default();
                if (r.code.len(), r.code.as_str()) > (last.len(), last.as_str()) {
                    *last = String::from(&r.code);
                }
            }
        }
        Namer { org, used, last_code }
    }

    fn next(&mut self, community: Option<&str>) -> (String, Option<String>) {
        let prefix = match (community, self.org.is_some()) {
            (Some(c), true) => format!("{c}-g"),
            (Some(c), false) => format!("{c}-n"),
            (None, true) => "g".to_owned(),
            (None, false) => "n".to_owned(),
        };
        let mut i = 1usize;
        while self.used.contains(&format!("{prefix}{i}")) {
            i += 1;
        }
        let id = format!("{prefix}{i}");
        self.used.insert(id.clone());
        let code = self.org.map(|org| {
            let c = community.unwrap_or("");
            let last = self.last_code.get(c).cloned().unwrap_or_else(|| {
                // No grid in the community yet: its own code, sequence 00.
                org.tree().find(c).and_then(|n| org.tree().node(n).code().map(|code| format!("{code}00"))).unwrap_or_default()
            });
            let next = increment(&last);
            self.last_code.insert(c.to_owned(), next.clone());
            next
        });
        (id, code)
    }
}

/// A decimal code plus one, keeping its width ("41070200100109" → "41070200100110").
fn increment(code: &str) -> String {
    let mut digits: Vec<u8> = code.bytes().collect();
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return format!("{code}01");
    }
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return String::from_utf8(digits).unwrap_or_default();
        }
    }
    format!("1{}", String::from_utf8(digits).unwrap_or_default())
}

fn org_change(org: &Organization, blocks: &Blocks, current: &[Option<String>], after: &[Option<String>], summary: &Summary, codes: &BTreeMap<String, String>) -> OrgChange {
    let records = blocks.records();
    let tree = org.tree();
    let grid_ids: BTreeSet<&str> = org.grids().iter().map(|g| g.record().id.as_str()).collect();
    let branch_of = |grid: &str| tree.ids().find(|&id| tree.node(id).grid() == Some(grid)).map(|id| tree.node(id).id().to_owned());
    let parts_after: BTreeSet<&str> = after.iter().flatten().map(String::as_str).collect();
    let today: BTreeSet<&str> = current.iter().flatten().map(String::as_str).filter(|g| grid_ids.contains(g)).collect();
    // (from, to) → blocks.
    let mut flow: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (c, a) in current.iter().zip(after) {
        if let (Some(c), Some(a)) = (c, a) {
            *flow.entry((c.as_str(), a.as_str())).or_default() += 1;
        }
    }
    let most = |pairs: Vec<(&str, usize)>| pairs.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0))).map(|p| p.0.to_owned());
    let mut edits = Vec::new();
    let mut new = Vec::new();
    let mut taken_nodes: BTreeSet<String> = tree.ids().map(|id| tree.node(id).id().to_owned()).collect();
    let figures: BTreeMap<&str, &PartFigures> = summary.per_part.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut areas: BTreeMap<&str, Option<f64>> = BTreeMap::new();
    for (r, a) in records.iter().zip(after) {
        if let Some(a) = a {
            let e = areas.entry(a.as_str()).or_insert(Some(0.0));
            *e = match (*e, r.area_m2) {
                (Some(x), Some(y)) => Some(x + y),
                _ => None,
            };
        }
    }
    let area_km2 = |id: &str| areas.get(id).copied().flatten().map(|m2| round(m2 / 1e6, 1000.0));
    let mut grids: Vec<GridRecord> = Vec::new();
    for g in org.grids() {
        let r = g.record();
        if !today.contains(r.id.as_str()) {
            grids.push(r.clone());
        } else if let Some(f) = figures.get(r.id.as_str()) {
            let mut r = r.clone();
            r.households = u32::try_from(f.households).unwrap_or(u32::MAX);
            r.population = u32::try_from(f.population).unwrap_or(u32::MAX);
            r.area_km2 = area_km2(&r.id).or(r.area_km2);
            grids.push(r);
        }
    }
    for part in summary.per_part.iter().filter(|p| !grid_ids.contains(p.id.as_str())) {
        let community = part.community.clone().unwrap_or_default();
        let code = codes.get(&part.id).cloned().unwrap_or_default();
        let seq = code.len().checked_sub(2).and_then(|i| code.get(i..)).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
        let community_name = tree.find(&community).map(|c| tree.node(c).name().trim_end_matches("社区党委").trim_end_matches("党委").to_owned()).unwrap_or_default();
        grids.push(GridRecord {
            id: part.id.clone().into(),
            code: code.clone().into(),
            name: Some(format!("{community_name}第{seq}网格").into()),
            community: community.clone().into(),
            merged: false,
            workers: Vec::new(),
            households: u32::try_from(part.households).unwrap_or(u32::MAX),
            population: u32::try_from(part.population).unwrap_or(u32::MAX),
            buildings: 0,
            area_km2: area_km2(&part.id),
        });
        new.push(part.id.clone());
        let source = most(flow.iter().filter(|((c, a), _)| *a == part.id && today.contains(c)).map(|((c, _), n)| (*c, *n)).collect());
        if let Some(branch) = source.as_deref().and_then(branch_of) {
            let mut new_id = format!("{community}-b-{}", part.id);
            while taken_nodes.contains(&new_id) {
                new_id.push('x');
            }
            taken_nodes.insert(new_id.clone());
            edits.push(Edit::Split { id: branch, new_id: new_id.clone(), new_name: format!("第{seq}网格党支部"), children: Vec::new() });
            edits.push(Edit::Recode { id: new_id, code: Some(code) });
        }
    }
    let mut removed = Vec::new();
    for gone in today.iter().filter(|g| !parts_after.contains(**g)) {
        removed.push((*gone).to_owned());
        let into = most(flow.iter().filter(|((c, a), _)| c == gone && grid_ids.contains(a)).map(|((_, a), n)| (*a, *n)).collect());
        if let (Some(absorb), Some(keep)) = (branch_of(gone), into.as_deref().and_then(branch_of)) {
            edits.push(Edit::Merge { keep, absorb });
        }
    }
    let kept = today.iter().filter(|g| parts_after.contains(**g)).map(|g| (*g).to_owned()).collect();
    OrgChange { edits, grids, kept, new, removed }
}

/// Re-cuts from JSON text to JSON text: `input` a geometry document or a blocks document
/// ([`Blocks::from_json`]), `options` the options document ([`Options::from_json`]), `org`
/// optionally the organization document whose grids the blocks' parts are. The answer is
/// the [`Outcome`] as JSON (see ARCHITECTURE.md, "Re-cutting", for its shape); an input that
/// cannot be read gives every problem of the blocks, the options and the organization (paths
/// `$…`, `$options…`, `$org…`).
pub fn run_json(input: &str, options: &str, org: Option<&str>) -> Result<String, Error> {
    let blocks = Blocks::from_json(input);
    let options = Options::from_json(options);
    let org = org.map(Organization::from_json);
    let mut problems = Vec::new();
    let errors = [(blocks.as_ref().err(), "$"), (options.as_ref().err(), "$options"), (org.as_ref().and_then(|o| o.as_ref().err()), "$org")];
    for (e, prefix) in errors {
        let Some(e) = e else { continue };
        for mut p in e.problems() {
            // Each document's problems under its own root.
            if !p.path.starts_with(prefix) {
                p.path = format!("{prefix}{}", p.path.trim_start_matches('$'));
            }
            problems.push(p);
        }
    }
    if let (Ok(b), Ok(o)) = (&blocks, &options) {
        problems.extend(o.check(b));
    }
    let (Ok(blocks), Ok(options), true) = (blocks, options, problems.is_empty()) else { return Err(Error::Invalid { problems }) };
    let org = match org {
        Some(Ok(org)) => Some(org),
        _ => None,
    };
    let outcome = recut_with_org(&blocks, &options, org.as_ref());
    serde_json::to_string(&outcome).map_err(|e| Error::Invalid {
        problems: vec![crate::org::document::shape(None, "$".into(), format!("the outcome could not be written: {e}"))],
    })
}
