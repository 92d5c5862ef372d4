//! Geometry benchmark: a county of about 10,000 grids (generated organization, seed 1, no
//! members; its geometry from `geo::generate::generate`, local metres, no blocks), timed
//! through `GeoDoc::from_json` (the loader), `neighbours` (what the map widget computes), and
//! `check` (every grid drawn, valid rings, containment, overlaps from an R-tree, gaps per
//! community, areas). The target is the load and the checks in ≤ 2 s natively. Best of
//! several runs. Run: `make bench` (or `cargo bench -p grassroots-core --bench geo --features
//! geo,generate --profile native`: opt-level 3, what a server or the CLI would build; the
//! release profile is opt-level "z" for the wasm bundle).

use std::hint::black_box;
use std::time::{Duration, Instant};

use grassroots::Organization;
use grassroots::geo::generate::{GeoGenOptions, generate as generate_geo};
use grassroots::geo::{CheckOptions, Crs, GeoDoc, check};
use grassroots::org::generate::{GenOptions, generate};

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

fn main() {
    // About 5.5 grids a community: 1,820 communities give about 10,000 grids.
    let org_text = generate(GenOptions::new(1820).streets(20).seed(1).members_per_group(0, 0)).to_json();
    let org = match Organization::from_json(&org_text) {
        Ok(org) => org,
        Err(e) => panic!("the generated organization does not load: {e}"),
    };
    let options = GeoGenOptions { seed: 1, crs: Crs::Local, blocks: false, plant_faults: false };
    let started = Instant::now();
    let text = generate_geo(&org, &options);
    println!("geo: generated {} grids, {:.1} MB of GeoJSON in {:.0} ms (not timed below)", org.grids().len(), text.len() as f64 / 1e6, ms(started.elapsed()));
    let doc = match GeoDoc::from_json(&text) {
        Ok(doc) => doc,
        Err(e) => panic!("the generated geometry does not load: {e}"),
    };
    let problems = check(&doc, &org, &CheckOptions::default());
    assert!(problems.is_empty(), "the generated geometry has problems: {:#?}", &problems[..problems.len().min(5)]);

    let load = best(3, || GeoDoc::from_json(&text).is_ok());
    let neighbours = best(3, || doc.neighbours());
    let checks = best(3, || check(&doc, &org, &CheckOptions::default()));
    println!("geo: {} shapes: load {:.0} ms, neighbours {:.0} ms, check {:.0} ms; load + check {:.0} ms (target ≤ 2000 ms)", doc.shapes().len(), ms(load), ms(neighbours), ms(checks), ms(load + checks));
}
