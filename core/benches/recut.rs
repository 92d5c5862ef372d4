//! Re-cut benchmark (issue 15), ours beside METIS (PyPI `pymetis`, installed by
//! bench/recut/setup.sh into target/recut-bench/venv):
//! - a 100 × 100 lattice of blocks (households 20–80 at random, seed 7) into 25 parts,
//!   population within ±5 % (METIS: k-way, vertex weights the population, its default
//!   imbalance 1.03);
//! - the demo county's blocks (凤溪县: 12 communities, seed 2026, 3,144 blocks) into grids of
//!   300–500 households inside each community — ours from today's grids (fewest moves) and
//!   afresh; METIS on each community's blocks with the part count ours chose there.
//!
//! Reported: the largest deviation from the mean part, max/min, parts out of range, parts
//! that are not contiguous, the boundary (edges cut), and the time (best of several runs; ours
//! without reading the input, METIS's `part_graph` call alone). Goal: 10,000 blocks into 25
//! parts in ≤ 1 s natively. Run: `make bench` (or `bash bench/recut/setup.sh && cargo bench
//! -p grassroots-core --bench recut --features recut,generate --profile native`).

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use grassroots::Organization;
use grassroots::geo::generate::{GeoGenOptions, generate as generate_geo};
use grassroots::org::generate::{GenOptions, generate};
use grassroots::recut::generate::lattice;
use grassroots::recut::{Blocks, Options, Outcome, Range, Target, recut};
use serde_json::{Value, json};

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Edges between different parts of one community (METIS is given each community's graph on
/// its own, so edges between communities are no part of its cut).
fn cut_edges(blocks: &Blocks, out: &Outcome) -> usize {
    let r = blocks.records();
    blocks
        .edges()
        .iter()
        .filter(|(a, b, _)| r[*a as usize].community == r[*b as usize].community && out.assignment[*a as usize].1 != out.assignment[*b as usize].1)
        .count()
}

fn report(name: &str, blocks: &Blocks, out: &Outcome, time: Duration, measure: &str) {
    let after = &out.report.after;
    let spread = if measure == "households" { &after.households } else { &after.population };
    println!(
        "recut: {name:<34} ours   {:>8.1} ms  parts {:>3}  {measure} max deviation {:>5.2} %  max/min {:.3}  out of range {:>2}  not contiguous {}  edges cut {:>5}  moved {}",
        ms(time),
        after.parts,
        spread.max_deviation * 100.0,
        spread.ratio.unwrap_or(f64::NAN),
        after.out_of_range.len(),
        after.discontiguous.len(),
        cut_edges(blocks, out),
        out.report.moved
    );
}

/// A graph in METIS's form (0-based CSR), of the blocks `members` (indices into `blocks`),
/// with edges only between members; vertex weights by `measure`.
fn metis_graph(blocks: &Blocks, members: &[usize], parts: usize, measure: &str, range: Option<(u32, u32)>) -> Value {
    let local: BTreeMap<usize, usize> = members.iter().enumerate().map(|(i, &v)| (v, i)).collect();
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); members.len()];
    for &(a, b, _) in blocks.edges() {
        if let (Some(&x), Some(&y)) = (local.get(&(a as usize)), local.get(&(b as usize))) {
            adj[x].push(y);
            adj[y].push(x);
        }
    }
    let mut xadj = vec![0usize];
    let mut adjncy: Vec<usize> = Vec::new();
    for list in &adj {
        adjncy.extend(list);
        xadj.push(adjncy.len());
    }
    let records = blocks.records();
    let weights: Vec<u32> = members.iter().map(|&v| if measure == "households" { records[v].households } else { records[v].population }).collect();
    let mut g = json!({"xadj": xadj, "adjncy": adjncy, "weights": weights, "parts": parts});
    if let Some((lo, hi)) = range {
        g["range"] = json!([lo, hi]);
    }
    g
}

fn python() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/recut-bench/venv/bin/python")
}

fn metis(name: &str, graphs: Vec<Value>, measure: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/recut-bench");
    let python = python();
    if !python.exists() {
        println!("recut: {name:<34} METIS  not run: run bash bench/recut/setup.sh (make bench does) to install pymetis");
        return;
    }
    let file = dir.join(format!("{}.json", name.split_whitespace().next().unwrap_or("graph")));
    if let Err(e) = std::fs::write(&file, json!({"graphs": graphs}).to_string()) {
        println!("recut: {name:<34} METIS  not run: cannot write {}: {e}", file.display());
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/recut/metis.py");
    let out = match Command::new(&python).arg(&script).arg(&file).output() {
        Ok(out) if out.status.success() => out,
        Ok(out) => {
            println!("recut: {name:<34} METIS  failed: {}", String::from_utf8_lossy(&out.stderr).trim());
            return;
        }
        Err(e) => {
            println!("recut: {name:<34} METIS  not run: {e}");
            return;
        }
    };
    let m: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    println!(
        "recut: {name:<34} METIS  {:>8.1} ms  parts {:>3}  {measure} max deviation {:>5.2} %  max/min {:.3}  out of range {:>2}  not contiguous {}  edges cut {:>5}",
        m["ms"].as_f64().unwrap_or(f64::NAN),
        m["parts"],
        m["max_deviation"].as_f64().unwrap_or(f64::NAN) * 100.0,
        m["ratio"].as_f64().unwrap_or(f64::NAN),
        m["out_of_range"].as_u64().map_or("–".to_owned(), |n| n.to_string()),
        m["disconnected"],
        m["cut_edges"]
    );
}

fn main() {
    // 1. The lattice: 10,000 blocks into 25 parts.
    let blocks = lattice(100, 100, (20, 80), 7);
    let options = Options::new(Target::Parts { parts: 25, tolerance: 0.05 });
    let time = best(5, || recut(&blocks, &options));
    let out = recut(&blocks, &options);
    assert!(out.report.after.discontiguous.is_empty());
    report("lattice 100x100 into 25", &blocks, &out, time, "population");
    let all: Vec<usize> = (0..blocks.len()).collect();
    metis("lattice 100x100 into 25", vec![metis_graph(&blocks, &all, 25, "population", None)], "population");
    // The same, end to end as a page does it (read the blocks document, re-cut, write the
    // outcome as JSON): natively here, and in Chromium by tests/browser/recut-bench.mjs from
    // the document and figure written to target/bench/recut-lattice.json.
    let r = blocks.records();
    let doc = json!({
        "blocks": r,
        "adjacency": blocks.edges().iter().map(|(a, b, len)| json!([r[*a as usize].id, r[*b as usize].id, len])).collect::<Vec<_>>(),
    })
    .to_string();
    let opts = r#"{"parts": 25, "tolerance": 0.05}"#;
    let e2e = best(5, || grassroots::recut::run_json(&doc, opts, None));
    println!("recut: lattice 100x100 end to end (read, re-cut, write JSON) natively {:.1} ms", ms(e2e));
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    let written = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(dir.join("recut-lattice.json"), json!({ "doc": doc, "options": opts, "native_ms": ms(e2e) }).to_string()));
    if let Err(e) = written {
        println!("recut: cannot write {}: {e}", dir.join("recut-lattice.json").display());
    }

    // 2. The demo county's blocks into grids of 300–500 households.
    let org_text = generate(GenOptions::new(12).streets(3).seed(2026).members_per_group(10, 20)).to_json();
    let org = match Organization::from_json(&org_text) {
        Ok(org) => org,
        Err(e) => panic!("the generated organization does not load: {e}"),
    };
    let geo = generate_geo(&org, &GeoGenOptions::new(2026));
    let load = best(3, || Blocks::from_json(&geo));
    let blocks = match Blocks::from_json(&geo) {
        Ok(b) => b,
        Err(e) => panic!("the demo county's blocks do not load: {e}"),
    };
    println!("recut: county: {} blocks, {} neighbour pairs, read from its geometry in {:.1} ms (not in the times below)", blocks.len(), blocks.edges().len(), ms(load));
    let households = Range { min: Some(300), max: Some(500) };
    let mut options = Options::new(Target::Ranges { households, population: Range::default() });
    for fresh in [false, true] {
        options.fresh = fresh;
        let name = if fresh { "county 300-500 households, afresh" } else { "county 300-500 households, today's" };
        let time = best(5, || recut(&blocks, &options));
        let out = recut(&blocks, &options);
        assert!(out.report.after.discontiguous.is_empty());
        if !fresh && let Some(before) = &out.report.before {
            println!(
                "recut: county today: {} grids, households max deviation {:.2} %, out of range {}",
                before.parts,
                before.households.max_deviation * 100.0,
                before.out_of_range.len()
            );
        }
        report(name, &blocks, &out, time, "households");
        // METIS on each community with ours' count there.
        let mut members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (v, r) in blocks.records().iter().enumerate() {
            members.entry(r.community.clone().unwrap_or_default()).or_default().push(v);
        }
        let mut count: BTreeMap<String, usize> = BTreeMap::new();
        for p in &out.report.after.per_part {
            *count.entry(p.community.clone().unwrap_or_default()).or_default() += 1;
        }
        let graphs = members.iter().map(|(c, list)| metis_graph(&blocks, list, count.get(c).copied().unwrap_or(1), "households", Some((300, 500)))).collect();
        metis(name, graphs, "households");
    }
}
