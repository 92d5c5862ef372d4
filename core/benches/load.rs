//! Load benchmark: how much does checking cost over just parsing?
//!
//! For trees of 10k, 100k and 1M nodes (generated, seed 1, with grids, units and 1–2 members
//! per group), times (a) serde_json parsing the document into plain structs and (b) the full
//! load — parse, build, validate, rollups — and prints b/a, and the limits pass alone (part
//! of (b)). Best of several runs, the parse and the load alternating.
//! Run: `make bench` (or `cargo bench -p grassroots-core --bench load --features generate`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use grassroots::Organization;
use grassroots::org::generate::{GenOptions, generate};
use serde::Deserialize;

// Plain structs with the same fields: no ids resolved, nothing checked.
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainDoc {
    // A preset's name, or a preset with a grid-worker model (`{"preset", "grid_workers"}`).
    schema: serde_json::Value,
    nodes: Vec<PlainNode>,
    grids: Vec<PlainGrid>,
    members: Vec<PlainMember>,
    units: Vec<PlainUnit>,
    post_categories: Vec<PlainCategory>,
    #[serde(default)]
    property_companies: Vec<PlainCompany>,
    #[serde(default)]
    compounds: Vec<PlainCompound>,
    #[serde(default)]
    teams: Vec<PlainTeam>,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainCompany {
    id: String,
    name: String,
    party: Option<PlainRef>,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainRef {
    kind: String,
    id: String,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainCompound {
    id: String,
    name: String,
    community: String,
    #[serde(default)]
    grids: Vec<String>,
    households: u32,
    buildings: u32,
    property_company: Option<String>,
    joint_meeting: bool,
    red_property_site: bool,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainTeam {
    id: String,
    name: String,
    kind: String,
    community: String,
    grid: Option<String>,
    #[serde(default)]
    modules: Vec<String>,
    #[serde(default)]
    members: Vec<String>,
    #[serde(default)]
    units: Vec<String>,
    volunteers: u32,
    leader: Option<String>,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainNode {
    id: String,
    parent: Option<String>,
    level: String,
    name: String,
    code: Option<String>,
    grid: Option<String>,
    committee: Option<PlainCommittee>,
    linked_households: Option<u32>,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainCommittee {
    part_time: Vec<PlainPartTime>,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainPartTime {
    name: String,
    unit: String,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainGrid {
    id: String,
    code: String,
    name: Option<String>,
    community: String,
    merged: bool,
    workers: Vec<PlainWorker>,
    households: u32,
    population: u32,
    buildings: u32,
    area_km2: Option<f64>,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainWorker {
    name: String,
    phone: Option<String>,
    member: Option<String>,
    role: Option<String>,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainMember {
    id: String,
    name: String,
    kind: String,
    flow: Option<String>,
    node: String,
    grid: Option<String>,
    #[serde(default)]
    posts: Vec<String>,
    reports_to: Option<String>,
    phone: Option<String>,
    id_card: Option<String>,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainUnit {
    id: String,
    name: String,
    kind: String,
    community: String,
    big_committee: bool,
    #[serde(default)]
    agreements: Vec<PlainAgreement>,
    #[serde(default)]
    baobao: Vec<PlainBaobao>,
    #[serde(default)]
    stationed: Vec<PlainStationed>,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainBaobao {
    community: String,
    role: String,
    from: Option<String>,
    to: Option<String>,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainStationed {
    name: String,
    role: String,
    community: String,
    member: Option<String>,
    from: String,
    to: Option<String>,
    funds_yuan: Option<f64>,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainAgreement {
    title: String,
    start: String,
    end: String,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainCategory {
    id: String,
    name: String,
    posts: Vec<PlainPost>,
}
#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainPost {
    id: String,
    name: String,
}

fn best_of(runs: u32, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    // `cargo bench` passes --bench; any other argument is a node count to run alone.
    let sizes: Vec<u32> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![10_000, 100_000, 1_000_000] } else { sizes };
    println!("{:>10} {:>10} {:>10} {:>9} {:>12} {:>12} {:>7} {:>12}", "nodes", "members", "grids", "MB", "parse (a)", "load (b)", "b/a", "limits pass");
    for size in sizes {
        let doc = generate(GenOptions::with_nodes(size).members_per_group(1, 2));
        let json = doc.to_json();
        // LOAD_BENCH_RUNS overrides the number of runs (1 for a profiler such as callgrind).
        let runs = std::env::var("LOAD_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(if size >= 1_000_000 { 3 } else { 7 });
        // LOAD_BENCH_ONLY=parse|load|limits runs that one alone, the others 0 (for `perf stat`).
        let only = std::env::var("LOAD_BENCH_ONLY").ok();
        let runs_of = |name: &str| if only.as_deref().is_none_or(|o| o == name) { runs } else { 0 };
        // The parse and the load alternate, run by run, so that a busy spell of the machine
        // falls on both alike (on a shared 2-core machine the best of all the parses and then
        // the best of all the loads gave ratios apart by 0.2 from one run to the next).
        let (mut parse, mut load) = (Duration::MAX, Duration::MAX);
        for _ in 0..runs.max(1) {
            parse = parse.min(best_of(runs_of("parse").min(1), || {
                let plain: PlainDoc = serde_json::from_str(&json).unwrap_or_else(|e| panic!("plain parse: {e}"));
                black_box(plain);
            }));
            load = load.min(best_of(runs_of("load").min(1), || {
                let org = Organization::from_json(&json).unwrap_or_else(|e| panic!("load: {e}"));
                black_box(org);
            }));
        }
        // The limits pass alone (issue 17), which the load includes.
        let limits = best_of(runs_of("limits"), || {
            black_box(grassroots::limits::check(black_box(&json)).is_ok());
        });
        println!(
            "{:>10} {:>10} {:>10} {:>9.1} {:>10.1}ms {:>10.1}ms {:>7.2} {:>10.1}ms",
            doc.nodes.len(),
            doc.members.len(),
            doc.grids.len(),
            json.len() as f64 / 1e6,
            parse.as_secs_f64() * 1e3,
            load.as_secs_f64() * 1e3,
            load.as_secs_f64() / parse.as_secs_f64(),
            limits.as_secs_f64() * 1e3
        );
    }
}
