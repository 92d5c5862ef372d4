//! The solver: components and part counts, the starting parts (today's, or grown from seeds
//! spread by farthest-point sampling), merges and splits to the count, and the refinement that
//! moves single boundary blocks whose part stays connected.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;

use super::input::{Blocks, Options, Target};
use super::reason::Reason;
use super::Block;

/// No part.
pub(crate) const NONE: u32 = u32::MAX;
/// The cost of one unit (a mean block's weight) of range violation, against 1 for a squared
/// unit of deviation from the target size and 1 for a mean edge of boundary.
const VIOLATION: f64 = 1000.0;
/// The weight of a squared unit of deviation from the target size, against 1 for a mean edge
/// of boundary, when cutting afresh: balance first, as METIS does.
const BALANCE: f64 = 0.3;
/// The same when keeping today's parts: low, so that weight passes along a chain of parts to
/// bring them into range without moving blocks for balance alone (the ranges themselves are
/// held by `VIOLATION`).
const BALANCE_KEEPING: f64 = 0.1;
/// The price of moving a block away from today's part, in the same units.
const MOVE_PRICE: f64 = 4.0;
/// Refinement passes at most (each pass lowers the cost, so it ends anyway).
const MAX_PASSES: usize = 400;

/// What the solver found.
pub(crate) struct Run {
    /// Each block's part (an index into `parts`).
    pub label: Vec<u32>,
    /// The parts, live ones only.
    pub parts: Vec<PartInfo>,
    pub reasons: Vec<Reason>,
    /// The range per measure (households, population) the parts were held to, as (min, max);
    /// in parts mode the tolerance around the mean.
    pub bounds: [(Option<f64>, Option<f64>); 2],
    /// Today's part of each block, as used (None when not given).
    pub current: Vec<Option<String>>,
}

/// One part of the result.
pub(crate) struct PartInfo {
    /// The community its blocks are in (None without communities).
    pub community: Option<String>,
    /// The id it keeps: today's part it grew from, or the part its pinned blocks name.
    pub label: Option<String>,
}

/// The neighbours of each block, compressed (CSR): `adj[xadj[v]..xadj[v + 1]]`, with their
/// shared lengths in `len`.
struct Csr {
    xadj: Vec<usize>,
    adj: Vec<Block>,
    len: Vec<f64>,
}

impl Csr {
    fn new(n: usize, edges: impl Iterator<Item = (Block, Block, f64)> + Clone) -> Csr {
        let mut degree = vec![0usize; n + 1];
        for (a, b, _) in edges.clone() {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let mut xadj = vec![0usize; n + 1];
        for v in 0..n {
            xadj[v + 1] = xadj[v] + degree[v];
        }
        let mut fill = xadj.clone();
        let mut adj = vec![0; xadj[n]];
        let mut len = vec![0.0; xadj[n]];
        for (a, b, l) in edges {
            for (x, y) in [(a, b), (b, a)] {
                adj[fill[x as usize]] = y;
                len[fill[x as usize]] = l;
                fill[x as usize] += 1;
            }
        }
        Csr { xadj, adj, len }
    }

    fn nbrs(&self, v: Block) -> impl Iterator<Item = (Block, f64)> + '_ {
        let r = self.xadj[v as usize]..self.xadj[v as usize + 1];
        self.adj[r.clone()].iter().copied().zip(self.len[r].iter().copied())
    }
}

struct State<'a> {
    g: &'a Csr,
    w: [Vec<f64>; 2],
    prim: usize,
    bounds: [(f64, f64); 2],
    unit: [f64; 2],
    label: Vec<u32>,
    pw: Vec<[f64; 2]>,
    psize: Vec<u32>,
    target: Vec<f64>,
    part_comp: Vec<u32>,
    part_label: Vec<Option<String>>,
    pinned: Vec<bool>,
    orig: Vec<u32>,
    stamp: Vec<u32>,
    dist: Vec<u32>,
    generation: u32,
    queue: Vec<Block>,
    beta: f64,
    lambda: f64,
    mu: f64,
}

pub(crate) fn run(blocks: &Blocks, options: &Options) -> Run {
    let n = blocks.len();
    let records = blocks.records();
    let within = options.within_community;
    let region = |v: usize| if within { records[v].community.as_deref().unwrap_or("") } else { "" };
    let same = |a: Block, b: Block| region(a as usize) == region(b as usize);
    let g = Csr::new(n, blocks.edges.iter().copied().filter(|&(a, b, _)| same(a, b)));
    let w = [records.iter().map(|r| f64::from(r.households)).collect::<Vec<_>>(), records.iter().map(|r| f64::from(r.population)).collect()];
    let prim = options.balance.index();
    let mut reasons = Vec::new();

    // Today's parts and the pins, by block.
    let mut current: Vec<Option<String>> = records.iter().map(|r| r.part.clone()).collect();
    if let Some(given) = &options.current {
        current = vec![None; n];
        for (b, p) in given {
            if let Some(i) = blocks.find(b) {
                current[i] = Some(p.clone());
            }
        }
    }
    let use_current = !options.fresh && current.iter().any(Option::is_some);
    let mut pin: Vec<Option<String>> = vec![None; n];
    for (b, p) in &options.pinned {
        if let Some(i) = blocks.find(b) {
            pin[i] = Some(p.clone());
        }
    }

    // Connected components of each region, in block order.
    let mut comp = vec![NONE; n];
    let mut comps: Vec<Vec<Block>> = Vec::new();
    for s in 0..n {
        if comp[s] != NONE {
            continue;
        }
        let c = comps.len() as u32;
        let mut list = vec![s as Block];
        comp[s] = c;
        let mut i = 0;
        while i < list.len() {
            let v = list[i];
            i += 1;
            for (u, _) in g.nbrs(v) {
                if comp[u as usize] == NONE {
                    comp[u as usize] = c;
                    list.push(u);
                }
            }
        }
        comps.push(list);
    }
    let comp_weight = |c: usize, m: usize| comps[c].iter().map(|&v| w[m][v as usize]).sum::<f64>();
    let community_of = |c: usize| records[comps[c][0] as usize].community.clone().filter(|_| within);
    // A region in several pieces: every piece but the largest is named.
    let mut by_region: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for c in 0..comps.len() {
        by_region.entry(region(comps[c][0] as usize)).or_default().push(c);
    }
    for list in by_region.values().filter(|l| l.len() > 1) {
        let largest = list.iter().copied().max_by(|&a, &b| comp_weight(a, prim).total_cmp(&comp_weight(b, prim)).then(b.cmp(&a))).unwrap_or(list[0]);
        let mut apart: Vec<String> = list.iter().filter(|&&c| c != largest).flat_map(|&c| comps[c].iter().map(|&v| records[v as usize].id.clone())).collect();
        apart.sort_by_key(|id| blocks.find(id));
        reasons.push(Reason::Disconnected { community: community_of(largest), blocks: apart });
    }

    // Distinct pinned parts per component: each needs a part of its own.
    let pins_in = |c: usize| {
        let mut labels: Vec<&str> = comps[c].iter().filter_map(|&v| pin[v as usize].as_deref()).collect();
        labels.sort_unstable();
        labels.dedup();
        labels.len()
    };
    let total = [w[0].iter().sum::<f64>(), w[1].iter().sum::<f64>()];
    let mut bounds = [(0.0, f64::INFINITY); 2];
    let mut shown: [(Option<f64>, Option<f64>); 2] = [(None, None); 2];
    let mut k: Vec<usize> = vec![1; comps.len()];
    match &options.target {
        Target::Parts { parts, tolerance } => {
            let parts = *parts as usize;
            let least: Vec<usize> = (0..comps.len()).map(|c| pins_in(c).max(1)).collect();
            let needed: usize = least.iter().sum();
            k = least;
            if needed > parts {
                reasons.push(Reason::TooFewParts { parts: parts as u32, needed: needed as u32 });
            } else {
                // The largest average first (D'Hondt): each further part goes to the component
                // whose parts would otherwise be the largest.
                let mut heap: BinaryHeap<(u64, Reverse<usize>)> = (0..comps.len()).map(|c| ((comp_weight(c, prim) / k[c] as f64).to_bits(), Reverse(c))).collect();
                let mut left = parts - needed;
                while left > 0 {
                    let Some((_, Reverse(c))) = heap.pop() else { break };
                    if k[c] < comps[c].len() {
                        k[c] += 1;
                        left -= 1;
                        heap.push(((comp_weight(c, prim) / k[c] as f64).to_bits(), Reverse(c)));
                    }
                }
                if left > 0 {
                    reasons.push(Reason::TooManyParts { parts: parts as u32, blocks: n as u32 });
                }
            }
            let count: usize = k.iter().sum();
            let mean = total[prim] / count.max(1) as f64;
            bounds[prim] = (mean * (1.0 - tolerance), mean * (1.0 + tolerance));
            shown[prim] = (Some(bounds[prim].0), Some(bounds[prim].1));
        }
        Target::Ranges { .. } => {
            let ranges = options.ranges();
            for m in 0..2 {
                bounds[m] = (ranges[m].min.map_or(0.0, f64::from), ranges[m].max.map_or(f64::INFINITY, f64::from));
                shown[m] = (ranges[m].min.map(f64::from), ranges[m].max.map(f64::from));
                if let Some(max) = ranges[m].max {
                    for r in records {
                        let value = [r.households, r.population][m];
                        if value > max {
                            reasons.push(Reason::BlockAboveMax { block: r.id.clone(), measure: MEASURES[m], value, max });
                        }
                    }
                }
            }
            for c in 0..comps.len() {
                let (mut lo, mut hi) = (1usize, comps[c].len());
                for m in 0..2 {
                    let wc = comp_weight(c, m);
                    if let Some(max) = ranges[m].max {
                        lo = lo.max((wc / f64::from(max)).ceil() as usize);
                    }
                    if let Some(min) = ranges[m].min.filter(|&x| x > 0) {
                        hi = hi.min((wc / f64::from(min)).floor() as usize);
                    }
                }
                let wc = comp_weight(c, prim);
                let r = ranges[prim];
                let today = {
                    let mut labels: Vec<&str> = comps[c].iter().filter_map(|&v| current[v as usize].as_deref()).collect();
                    labels.sort_unstable();
                    labels.dedup();
                    labels.len()
                };
                let ideal = match (r.min, r.max) {
                    (Some(a), Some(b)) => (wc / ((f64::from(a) + f64::from(b)) / 2.0)).round().max(1.0) as usize,
                    (None, Some(_)) => lo,
                    (Some(_), None) => hi.max(1),
                    (None, None) => 1,
                };
                let wanted = if use_current && today > 0 { today } else { ideal };
                k[c] = if lo <= hi {
                    // The count nearest the one wanted whose mean part leaves room (two mean
                    // blocks) inside every range, else the nearest that fits at all.
                    let roomy = |k: usize| {
                        (0..2).all(|m| {
                            let wc = comp_weight(c, m);
                            let room = 2.0 * wc / comps[c].len() as f64;
                            let mean = wc / k as f64;
                            ranges[m].max.is_none_or(|x| mean <= f64::from(x) - room) && ranges[m].min.is_none_or(|x| mean >= f64::from(x) + room)
                        })
                    };
                    let mut counts: Vec<usize> = (lo..=hi).collect();
                    counts.sort_by_key(|&k| (k.abs_diff(wanted), k));
                    counts.iter().copied().find(|&k| roomy(k)).unwrap_or_else(|| wanted.clamp(lo, hi))
                } else {
                    // No count fits: say why, and cut into the count nearest the middle.
                    let m = prim;
                    let wm = comp_weight(c, m);
                    match ranges[m].min {
                        Some(min) if wm < f64::from(min) => reasons.push(Reason::TooSmall {
                            community: community_of(c),
                            first_block: records[comps[c][0] as usize].id.clone(),
                            measure: MEASURES[m],
                            total: wm as u64,
                            min,
                        }),
                        _ => reasons.push(Reason::NoCountFits {
                            community: community_of(c),
                            first_block: records[comps[c][0] as usize].id.clone(),
                            measure: MEASURES[m],
                            total: wm as u64,
                            min: ranges[m].min,
                            max: ranges[m].max,
                        }),
                    }
                    ideal.clamp(1, comps[c].len())
                }
                .max(pins_in(c));
            }
        }
    }

    let mean_len = {
        let (s, c) = g.len.iter().fold((0.0, 0usize), |(s, c), &l| (s + l, c + 1));
        if c > 0 && s > 0.0 { s / c as f64 } else { 1.0 }
    };
    let unit = [0, 1].map(|m| if total[m] > 0.0 { total[m] / n.max(1) as f64 } else { 1.0 });
    let mut st = State {
        g: &g,
        w: w.clone(),
        prim,
        bounds,
        unit,
        label: vec![NONE; n],
        pw: Vec::new(),
        psize: Vec::new(),
        target: Vec::new(),
        part_comp: Vec::new(),
        part_label: Vec::new(),
        pinned: pin.iter().map(Option::is_some).collect(),
        orig: vec![NONE; n],
        stamp: vec![0; n],
        dist: vec![0; n],
        generation: 0,
        queue: Vec::new(),
        beta: BALANCE,
        lambda: options.compactness / mean_len,
        mu: 0.0,
    };
    let mut rng = Pcg64Mcg::seed_from_u64(options.seed);

    for (c, list) in comps.iter().enumerate() {
        let target = comp_weight(c, prim) / k[c].max(1) as f64;
        // Start: pins, then today's parts.
        let mut by_label: BTreeMap<String, u32> = BTreeMap::new();
        for &v in list {
            let start = pin[v as usize].clone().or_else(|| if use_current { current[v as usize].clone() } else { None });
            if let Some(l) = start {
                let p = *by_label.entry(l.clone()).or_insert_with(|| st.new_part(c as u32, Some(l), target));
                st.assign(v, p);
            }
        }
        let lost = st.keep_largest_pieces(list);
        if st.parts_in(list).is_empty() {
            let s = list[(rng.next_u64() % list.len() as u64) as usize];
            let p = st.new_part(c as u32, None, target);
            st.assign(s, p);
        }
        if !use_current {
            let have = st.parts_in(list).len();
            st.seed_farthest(list, c as u32, k[c].saturating_sub(have), target);
        }
        st.grow(list);
        let lost_again = st.keep_largest_pieces(list);
        st.grow(list);
        for v in lost.into_iter().chain(lost_again) {
            if let Some(p) = &pin[v as usize] {
                reasons.push(Reason::PinApart { block: records[v as usize].id.clone(), part: p.clone() });
                st.pinned[v as usize] = false;
            }
        }
        while st.parts_in(list).len() > k[c] {
            if !st.merge_lightest(list) {
                break;
            }
        }
        while st.parts_in(list).len() < k[c] {
            if !st.split_heaviest(list, target) {
                break;
            }
        }
        for p in st.parts_in(list) {
            st.target[p as usize] = target;
        }
        // Today's part of each block, as a part index, for the price of moving it.
        if use_current {
            let mut carrying: BTreeMap<&str, u32> = BTreeMap::new();
            for p in st.parts_in(list) {
                if let Some(l) = &st.part_label[p as usize] {
                    carrying.insert(l.as_str(), p);
                }
            }
            for &v in list {
                st.orig[v as usize] = current[v as usize].as_deref().and_then(|l| carrying.get(l).copied()).unwrap_or(NONE);
            }
        }
    }

    // Refinement: a seeded order, then passes until no move lowers the cost.
    let mut order: Vec<Block> = (0..n as Block).collect();
    for i in (1..order.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    if use_current {
        // Fewest moves: only violations count at first; then, if some remain, the distance
        // from the target too, so that weight can pass along a chain of parts.
        st.beta = 0.0;
        st.mu = MOVE_PRICE;
        st.refine(&order);
        if st.violated() {
            st.beta = BALANCE_KEEPING;
            st.refine(&order);
        }
        if st.violated() {
            // Still out of range: balance first, whatever it moves.
            st.mu = 0.0;
            st.beta = 1.0;
            st.refine(&order);
        }
    } else {
        st.refine(&order);
    }

    // Live parts, renumbered in order of their first block.
    let mut renumber = vec![NONE; st.pw.len()];
    let mut parts = Vec::new();
    for v in 0..n {
        let p = st.label[v] as usize;
        if renumber[p] == NONE {
            renumber[p] = parts.len() as u32;
            let c = st.part_comp[p] as usize;
            parts.push(PartInfo { community: community_of(c), label: st.part_label[p].clone() });
        }
    }
    let label = st.label.iter().map(|&p| renumber[p as usize]).collect();
    Run { label, parts, reasons, bounds: shown, current }
}

pub(crate) const MEASURES: [&str; 2] = ["households", "population"];

impl State<'_> {
    fn new_part(&mut self, comp: u32, label: Option<String>, target: f64) -> u32 {
        self.pw.push([0.0; 2]);
        self.psize.push(0);
        self.target.push(target);
        self.part_comp.push(comp);
        self.part_label.push(label);
        (self.pw.len() - 1) as u32
    }

    fn assign(&mut self, v: Block, p: u32) {
        let old = self.label[v as usize];
        let wv = [self.w[0][v as usize], self.w[1][v as usize]];
        if old != NONE {
            self.pw[old as usize][0] -= wv[0];
            self.pw[old as usize][1] -= wv[1];
            self.psize[old as usize] -= 1;
        }
        if p != NONE {
            self.pw[p as usize][0] += wv[0];
            self.pw[p as usize][1] += wv[1];
            self.psize[p as usize] += 1;
        }
        self.label[v as usize] = p;
    }

    /// The live parts with blocks in `list`, ascending.
    fn parts_in(&self, list: &[Block]) -> Vec<u32> {
        let mut out: Vec<u32> = list.iter().map(|&v| self.label[v as usize]).filter(|&p| p != NONE).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn fill(&self, p: u32) -> f64 {
        let t = self.target[p as usize];
        if t > 0.0 { self.pw[p as usize][self.prim] / t } else { f64::from(self.psize[p as usize]) }
    }

    /// Each part's connected pieces in `list`: the piece with the most pinned blocks, then the
    /// heaviest, stays; the others' blocks are unassigned. Returns the pinned blocks unassigned.
    fn keep_largest_pieces(&mut self, list: &[Block]) -> Vec<Block> {
        self.generation += 1;
        let gen_ = self.generation;
        // (part, pinned count, weight, blocks)
        let mut best: BTreeMap<u32, (usize, f64, Vec<Block>)> = BTreeMap::new();
        let mut dropped: Vec<Block> = Vec::new();
        for &s in list {
            let p = self.label[s as usize];
            if p == NONE || self.stamp[s as usize] == gen_ {
                continue;
            }
            let mut piece = vec![s];
            self.stamp[s as usize] = gen_;
            let mut i = 0;
            while i < piece.len() {
                let v = piece[i];
                i += 1;
                for (u, _) in self.g.nbrs(v) {
                    if self.label[u as usize] == p && self.stamp[u as usize] != gen_ {
                        self.stamp[u as usize] = gen_;
                        piece.push(u);
                    }
                }
            }
            let pins = piece.iter().filter(|&&v| self.pinned[v as usize]).count();
            let weight: f64 = piece.iter().map(|&v| self.w[self.prim][v as usize]).sum::<f64>() + piece.len() as f64 * 1e-9;
            match best.get_mut(&p) {
                Some(kept) if (kept.0, kept.1) >= (pins, weight) => dropped.extend(piece),
                Some(kept) => dropped.extend(std::mem::replace(kept, (pins, weight, piece)).2),
                None => {
                    best.insert(p, (pins, weight, piece));
                }
            }
        }
        for &v in &dropped {
            self.assign(v, NONE);
        }
        dropped.into_iter().filter(|&v| self.pinned[v as usize]).collect()
    }

    /// Grows the parts of `list` over its unassigned blocks, the part least full first; each
    /// part takes the unassigned block beside it with the most neighbours already in it (then
    /// the nearest its start), so that parts grow round rather than in arms.
    fn grow(&mut self, list: &[Block]) {
        type Frontier = BinaryHeap<(u32, Reverse<u32>, Reverse<Block>)>;
        let parts = self.parts_in(list);
        let mut fronts: BTreeMap<u32, Frontier> = parts.iter().map(|&p| (p, Frontier::new())).collect();
        for &v in list {
            let p = self.label[v as usize];
            if p != NONE {
                self.dist[v as usize] = 0;
            }
        }
        for &v in list {
            let p = self.label[v as usize];
            if p == NONE {
                continue;
            }
            for (u, _) in self.g.nbrs(v) {
                if self.label[u as usize] == NONE {
                    let inside = self.inside(u, p);
                    if let Some(f) = fronts.get_mut(&p) {
                        f.push((inside, Reverse(1), Reverse(u)));
                    }
                }
            }
        }
        let mut heap: BinaryHeap<Reverse<(u64, u32, u32)>> = parts.iter().map(|&p| Reverse((self.fill(p).to_bits(), self.psize[p as usize], p))).collect();
        while let Some(Reverse((_, _, p))) = heap.pop() {
            let Some(mut f) = fronts.remove(&p) else { continue };
            while let Some((inside, Reverse(d), Reverse(u))) = f.pop() {
                if self.label[u as usize] != NONE {
                    continue;
                }
                // A stale entry (more of u's neighbours joined p since): push it back as it is now.
                let now = self.inside(u, p);
                if now != inside {
                    f.push((now, Reverse(d), Reverse(u)));
                    continue;
                }
                self.assign(u, p);
                self.dist[u as usize] = d;
                for (x, _) in self.g.nbrs(u) {
                    if self.label[x as usize] == NONE {
                        let inside = self.inside(x, p);
                        f.push((inside, Reverse(d + 1), Reverse(x)));
                    }
                }
                heap.push(Reverse((self.fill(p).to_bits(), self.psize[p as usize], p)));
                break;
            }
            if !f.is_empty() {
                fronts.insert(p, f);
            }
        }
    }

    /// How many of v's neighbours are in part p.
    fn inside(&self, v: Block, p: u32) -> u32 {
        self.g.nbrs(v).filter(|&(u, _)| self.label[u as usize] == p).count() as u32
    }

    /// Adds `count` parts to component `comp` (blocks `list`), each seeded at the unassigned
    /// block farthest (in steps) from every block already in a part.
    fn seed_farthest(&mut self, list: &[Block], comp: u32, count: usize, target: f64) {
        for _ in 0..count {
            self.generation += 1;
            let g = self.generation;
            self.queue.clear();
            for &v in list {
                if self.label[v as usize] != NONE {
                    self.stamp[v as usize] = g;
                    self.dist[v as usize] = 0;
                    self.queue.push(v);
                }
            }
            let mut i = 0;
            while i < self.queue.len() {
                let v = self.queue[i];
                i += 1;
                let d = self.dist[v as usize];
                let r = self.g.xadj[v as usize]..self.g.xadj[v as usize + 1];
                for &u in &self.g.adj[r] {
                    if self.stamp[u as usize] != g {
                        self.stamp[u as usize] = g;
                        self.dist[u as usize] = d + 1;
                        self.queue.push(u);
                    }
                }
            }
            // The last block reached is a farthest one; unreached blocks cannot be (the
            // component is connected).
            let Some(&s) = self.queue.iter().rev().find(|&&v| self.label[v as usize] == NONE) else { return };
            let p = self.new_part(comp, None, target);
            self.assign(s, p);
        }
    }

    /// Merges the least full part of `list` that has no pinned block into its least full
    /// neighbouring part. False when no part can be merged.
    fn merge_lightest(&mut self, list: &[Block]) -> bool {
        let parts = self.parts_in(list);
        let pinned: Vec<u32> = list.iter().filter(|&&v| self.pinned[v as usize]).map(|&v| self.label[v as usize]).collect();
        let mut candidates: Vec<u32> = parts.iter().copied().filter(|p| !pinned.contains(p)).collect();
        candidates.sort_by(|&a, &b| self.fill(a).total_cmp(&self.fill(b)).then(a.cmp(&b)));
        for a in candidates {
            let members: Vec<Block> = list.iter().copied().filter(|&v| self.label[v as usize] == a).collect();
            let mut next: Vec<u32> = members.iter().flat_map(|&v| self.g.nbrs(v).map(|(u, _)| self.label[u as usize])).filter(|&p| p != a && p != NONE).collect();
            next.sort_unstable();
            next.dedup();
            let Some(b) = next.into_iter().min_by(|&x, &y| self.fill(x).total_cmp(&self.fill(y)).then(x.cmp(&y))) else { continue };
            for v in members {
                self.assign(v, b);
            }
            return true;
        }
        false
    }

    /// Splits the fullest part of `list` with two blocks or more in two: a breadth-first run
    /// from a peripheral block takes half its weight; pieces of the rest cut off from its
    /// largest join the new part. False when no part can be split.
    fn split_heaviest(&mut self, list: &[Block], target: f64) -> bool {
        let mut parts = self.parts_in(list);
        let free: Vec<u32> = list.iter().filter(|&&v| !self.pinned[v as usize]).map(|&v| self.label[v as usize]).collect();
        parts.retain(|&p| self.psize[p as usize] >= 2 && free.contains(&p));
        let Some(p) = parts.into_iter().max_by(|&a, &b| self.fill(a).total_cmp(&self.fill(b)).then(b.cmp(&a))) else { return false };
        let members: Vec<Block> = list.iter().copied().filter(|&v| self.label[v as usize] == p).collect();
        // Breadth-first order from `from` over p's blocks; pinned blocks are not passed through
        // when `around_pins` (they stay in p, so the new part is never cut by them).
        let order_from = |st: &mut State, from: Block, around_pins: bool| -> Vec<Block> {
            st.generation += 1;
            let g = st.generation;
            let mut seen = vec![from];
            st.stamp[from as usize] = g;
            let mut i = 0;
            while i < seen.len() {
                let v = seen[i];
                i += 1;
                for (u, _) in st.g.nbrs(v) {
                    if st.label[u as usize] == p && st.stamp[u as usize] != g && !(around_pins && st.pinned[u as usize]) {
                        st.stamp[u as usize] = g;
                        seen.push(u);
                    }
                }
            }
            seen
        };
        let a = *order_from(self, members[0], false).last().unwrap_or(&members[0]);
        let run = order_from(self, a, false);
        let Some(&s) = run.iter().rev().find(|&&v| !self.pinned[v as usize]) else { return false };
        let order = order_from(self, s, true);
        let half = self.pw[p as usize][self.prim] / 2.0;
        let q = self.new_part(self.part_comp[p as usize], None, target);
        for (i, &v) in order.iter().enumerate() {
            if (i + 1 == members.len()) || (self.psize[q as usize] > 0 && self.pw[q as usize][self.prim] >= half) {
                break;
            }
            self.assign(v, q);
        }
        // The rest of p may be in pieces: keep the one with the pins, else the heaviest; the
        // others border the new part and join it.
        let rest: Vec<Block> = members.iter().copied().filter(|&v| self.label[v as usize] == p).collect();
        self.keep_largest_pieces(&rest);
        for v in rest {
            if self.label[v as usize] == NONE {
                self.assign(v, q);
            }
        }
        // Today's id stays with the heavier half, unless the lighter has the pins.
        let pins_in_p = members.iter().any(|&v| self.pinned[v as usize]);
        if self.pw[q as usize][self.prim] > self.pw[p as usize][self.prim] && !pins_in_p {
            let (lp, lq) = (self.part_label[p as usize].take(), self.part_label[q as usize].take());
            self.part_label[p as usize] = lq;
            self.part_label[q as usize] = lp;
        }
        true
    }

    fn cost(&self, p: u32, w: [f64; 2]) -> f64 {
        let mut e = 0.0;
        for m in 0..2 {
            let (lo, hi) = self.bounds[m];
            e += ((w[m] - hi).max(0.0) + (lo - w[m]).max(0.0)) / self.unit[m];
        }
        let d = (w[self.prim] - self.target[p as usize]) / self.unit[self.prim];
        VIOLATION * e + e * e + self.beta * d * d
    }

    fn violated(&self) -> bool {
        (0..self.pw.len()).any(|p| {
            self.psize[p] > 0
                && (0..2).any(|m| {
                    let (lo, hi) = self.bounds[m];
                    self.pw[p][m] > hi + 1e-9 || self.pw[p][m] < lo - 1e-9
                })
        })
    }

    /// The change of cost if block v moved from part a to part b.
    fn delta(&self, v: Block, a: u32, b: u32) -> f64 {
        let wv = [self.w[0][v as usize], self.w[1][v as usize]];
        let (wa, wb) = (self.pw[a as usize], self.pw[b as usize]);
        let before = self.cost(a, wa) + self.cost(b, wb);
        let after = self.cost(a, [wa[0] - wv[0], wa[1] - wv[1]]) + self.cost(b, [wb[0] + wv[0], wb[1] + wv[1]]);
        let mut cut = 0.0;
        for (u, l) in self.g.nbrs(v) {
            let q = self.label[u as usize];
            if q == a {
                cut += l;
            } else if q == b {
                cut -= l;
            }
        }
        let o = self.orig[v as usize];
        let moved = f64::from(u8::from(o != b)) - f64::from(u8::from(o != a));
        after - before + self.lambda * cut + if o == NONE { 0.0 } else { self.mu * moved }
    }

    /// Whether part a stays connected without block v: a breadth-first search from one of v's
    /// neighbours in a, stopping as soon as it has met all of them.
    fn stays_connected(&mut self, v: Block, a: u32) -> bool {
        let mut targets: Vec<Block> = self.g.nbrs(v).map(|(u, _)| u).filter(|&u| self.label[u as usize] == a).collect();
        targets.sort_unstable();
        targets.dedup();
        if targets.len() <= 1 {
            return true;
        }
        self.generation += 1;
        let g = self.generation;
        self.stamp[v as usize] = g;
        self.queue.clear();
        self.queue.push(targets[0]);
        self.stamp[targets[0] as usize] = g;
        let mut found = 1;
        let mut i = 0;
        while i < self.queue.len() {
            let x = self.queue[i];
            i += 1;
            let r = self.g.xadj[x as usize]..self.g.xadj[x as usize + 1];
            for &u in &self.g.adj[r] {
                if self.label[u as usize] == a && self.stamp[u as usize] != g {
                    self.stamp[u as usize] = g;
                    if targets.binary_search(&u).is_ok() {
                        found += 1;
                        if found == targets.len() {
                            return true;
                        }
                    }
                    self.queue.push(u);
                }
            }
        }
        false
    }

    /// Moves single boundary blocks while a move lowers the cost; each move keeps its part
    /// connected and leaves it at least one block.
    fn refine(&mut self, order: &[Block]) {
        let mut options: Vec<u32> = Vec::new();
        for _ in 0..MAX_PASSES {
            let mut moves = 0usize;
            for &v in order {
                if self.pinned[v as usize] {
                    continue;
                }
                let a = self.label[v as usize];
                if self.psize[a as usize] <= 1 {
                    continue;
                }
                options.clear();
                for (u, _) in self.g.nbrs(v) {
                    let b = self.label[u as usize];
                    if b != a && !options.contains(&b) {
                        options.push(b);
                    }
                }
                let mut best = (-1e-9, NONE);
                for &b in &options {
                    let d = self.delta(v, a, b);
                    if d < best.0 {
                        best = (d, b);
                    }
                }
                if best.1 != NONE && self.stays_connected(v, a) {
                    self.assign(v, best.1);
                    moves += 1;
                }
            }
            if moves == 0 {
                break;
            }
        }
    }
}
