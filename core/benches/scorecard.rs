//! Scorecard benchmark: what does the scorecard cost over the bare JsonLogic crate?
//!
//! 10,000 entities × 25 indicators (5 sections × 5 indicators over the core facts, in the
//! style of the shipped 五星支部 rule set: ratios and counts in bands, computed shares,
//! yes/no conditions for fixed points), facts random but seeded. Times (a) the whole
//! evaluation through [`RuleSet::evaluate`] — values, bands, points, reasons in two
//! languages, sections, tiers and the ranking — and (b) the same 25 expressions evaluated by
//! `jsonlogic_rs::apply` in a loop over the same facts, and prints a/b (target ≤ 1.5).
//! Best of several runs. A plain timing binary like the load benchmark: criterion's own
//! dependencies would cost more build time on these machines than its statistics give here.
//! Run: `cargo bench -p grassroots-core --features rules --bench scorecard`.
//!
//! It also times the same document end to end as a portal's browser runs it through the
//! widget bundle's `evaluate()` — read the JSON, check the rule set, evaluate, write the
//! result as JSON — and leaves the document and that figure in `target/bench/`, where
//! `tests/browser/scorecard-bench.mjs` (`make bench`) times the wasm build on the same
//! document in Chromium and prints the wasm/native ratio (target ≤ 3).

use std::hint::black_box;
use std::time::{Duration, Instant};

use grassroots::rules::{Entity, RuleSet, Scorecard};
use serde_json::{Map, Value, json};

const ENTITIES: usize = 10_000;
const RUNS: u32 = 7;

/// splitmix64: seeded and good enough for test data, without a dependency.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A share between `low` and 1, to two decimals.
    fn share(&mut self, low: f64) -> f64 {
        let steps = ((1.0 - low) * 100.0).round() as u64;
        (low * 100.0 + self.below(steps + 1) as f64) / 100.0
    }
}

fn var(name: &str) -> Value {
    json!({"var": name})
}

/// `a / b`, or `fallback` when `b` is 0.
fn share_of(a: &str, b: &str, fallback: f64) -> Value {
    json!({"if": [{">": [var(b), 0]}, {"/": [var(a), var(b)]}, fallback]})
}

fn banded(id: &str, expr: Value, kind: Option<&str>, bands: [(f64, f64); 3]) -> Value {
    let mut i = json!({"id": id, "zh": id, "en": id, "expr": expr,
        "bands": bands.iter().map(|(min, points)| json!({"min": min, "points": points})).collect::<Vec<_>>()});
    if let Some(kind) = kind {
        i["type"] = Value::from(kind);
    }
    i
}

fn yes_no(id: &str, expr: Value, points: f64) -> Value {
    json!({"id": id, "zh": id, "en": id, "expr": expr, "points": points})
}

/// 5 sections × 5 indicators over the core facts; each section can reach 100.
fn rule_set() -> Value {
    let sections = vec![
        ("branch", vec![
            banded("grid-branches", var("coverage_grids_with_branch"), None, [(1.0, 25.0), (0.9, 20.0), (0.8, 10.0)]),
            banded("reported", share_of("members_reported", "members_in_service", 1.0), Some("ratio"), [(0.95, 25.0), (0.9, 20.0), (0.8, 12.0)]),
            banded("members-in-grid", var("coverage_members_in_grid"), None, [(0.95, 20.0), (0.85, 15.0), (0.7, 5.0)]),
            yes_no("has-members", json!({">=": [var("members_total"), 30]}), 15.0),
            banded("no-office", share_of("members_no_office", "members_total", 0.0), Some("ratio"), [(0.3, 15.0), (0.2, 10.0), (0.1, 5.0)]),
        ]),
        ("grids", vec![
            banded("grid-count", var("grids"), None, [(12.0, 20.0), (8.0, 15.0), (4.0, 5.0)]),
            banded("workers-per-grid", share_of("grid_workers", "grids", 0.0), Some("number"), [(1.5, 20.0), (1.0, 15.0), (0.5, 5.0)]),
            banded("households-per-grid", share_of("households", "grids", 0.0), Some("number"), [(300.0, 20.0), (200.0, 15.0), (100.0, 5.0)]),
            yes_no("every-grid-staffed", json!({">=": [var("grid_workers"), var("grids")]}), 20.0),
            banded("nodes", var("nodes"), None, [(40.0, 20.0), (20.0, 10.0), (10.0, 5.0)]),
        ]),
        ("households", vec![
            banded("linked", var("coverage_households_linked"), None, [(0.9, 30.0), (0.7, 20.0), (0.5, 10.0)]),
            banded("central", var("central_households"), None, [(30.0, 20.0), (15.0, 10.0), (5.0, 5.0)]),
            banded("per-central", share_of("linked_households", "central_households", 0.0), Some("number"), [(10.0, 20.0), (6.0, 10.0), (3.0, 5.0)]),
            banded("population", var("population"), None, [(5000.0, 15.0), (3000.0, 10.0), (1000.0, 5.0)]),
            yes_no("households-known", json!({">": [var("households"), 0]}), 15.0),
        ]),
        ("members", vec![
            banded("in-service", share_of("members_in_service", "members_total", 0.0), Some("ratio"), [(0.5, 20.0), (0.3, 10.0), (0.1, 5.0)]),
            banded("mobile-in", var("members_mobile_in"), None, [(10.0, 20.0), (5.0, 10.0), (1.0, 5.0)]),
            yes_no("few-mobile-out", json!({"<=": [var("members_mobile_out"), 5]}), 20.0),
            banded("retired", var("members_retired"), None, [(30.0, 20.0), (10.0, 10.0), (1.0, 5.0)]),
            yes_no("reported-enough", json!({"and": [{">=": [var("members_reported"), 10]}, {">": [var("members_total"), 0]}]}), 20.0),
        ]),
        ("units", vec![
            banded("reporting", var("reporting_units"), None, [(10.0, 30.0), (5.0, 20.0), (1.0, 10.0)]),
            banded("co-located", var("co_located_units"), None, [(20.0, 20.0), (10.0, 10.0), (5.0, 5.0)]),
            banded("reporting-share", share_of("reporting_units", "co_located_units", 0.0), Some("ratio"), [(0.8, 20.0), (0.5, 10.0), (0.2, 5.0)]),
            yes_no("any-unit", json!({"or": [{">": [var("reporting_units"), 0]}, {">": [var("co_located_units"), 0]}]}), 15.0),
            banded("units-per-grid", share_of("reporting_units", "grids", 0.0), Some("number"), [(1.0, 15.0), (0.5, 10.0), (0.2, 5.0)]),
        ]),
    ];
    json!({
        "id": "bench", "version": "1", "entity": "community",
        "effective": {"from": "2026-01-01", "to": "2026-12-31"},
        "sections": sections.into_iter().map(|(id, indicators)| json!({"id": id, "zh": id, "en": id, "max": 100, "indicators": indicators})).collect::<Vec<_>>(),
        "outcome": {"pass": {"each_section": 60, "total": 300}, "excellence": {"each_section": 80, "total": 420, "top_share": 0.1}}
    })
}

/// The core facts of one fictional community.
fn facts(rng: &mut Seeded) -> Map<String, Value> {
    let grids = 2 + rng.below(14);
    let members_total = 10 + rng.below(150);
    let in_service = rng.below(members_total + 1);
    let central = rng.below(40);
    let co_located = rng.below(30);
    let f = json!({
        "nodes": 5 + rng.below(60),
        "members_total": members_total,
        "members_in_service": in_service,
        "members_retired": members_total - in_service,
        "members_mobile_in": rng.below(15),
        "members_mobile_out": rng.below(10),
        "members_no_office": rng.below(members_total / 2 + 1),
        "members_in_grid": rng.below(members_total + 1),
        "members_reported": rng.below(in_service + 1),
        "grids": grids,
        "grids_with_branch": rng.below(grids + 1),
        "grid_workers": rng.below(grids * 2 + 1),
        "households": 300 + rng.below(4000),
        "population": 1000 + rng.below(9000),
        "central_households": central,
        "linked_households": central * rng.below(15),
        "reporting_units": rng.below(co_located + 1),
        "co_located_units": co_located,
        "coverage_grids_with_branch": rng.share(0.6),
        "coverage_members_in_grid": rng.share(0.5),
        "coverage_households_linked": rng.share(0.3),
    });
    f.as_object().cloned().unwrap_or_default()
}

/// The best of `RUNS` timings of each, run in turns so that both meet the same load from
/// whatever else the machine is doing.
fn best_of_each(mut a: impl FnMut(), mut b: impl FnMut()) -> (Duration, Duration) {
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        start.elapsed()
    };
    (0..RUNS).fold((Duration::MAX, Duration::MAX), |(best_a, best_b), _| (best_a.min(time(&mut a)), best_b.min(time(&mut b))))
}

fn main() {
    let rules = match RuleSet::from_value(&rule_set()) {
        Ok(rules) => rules,
        Err(e) => panic!("the bench rule set does not load: {:#?}", e.problems()),
    };
    let expressions: Vec<&Value> = rules.sections().iter().flat_map(|s| s.indicators.iter().map(|i| &i.expr)).collect();
    assert_eq!(expressions.len(), 25);
    let mut rng = Seeded(1);
    let entities: Vec<Entity> = (0..ENTITIES).map(|i| Entity::new(format!("c{i:05}"), facts(&mut rng))).collect();
    // The bare loop gets its data ready-made: it measures only the JsonLogic crate.
    let data: Vec<Value> = entities.iter().map(|e| Value::Object(e.facts.clone())).collect();

    let evaluation = rules.evaluate(&entities);
    assert!(evaluation.diagnostics.is_empty(), "{:#?}", &evaluation.diagnostics[..evaluation.diagnostics.len().min(5)]);
    let (rules_time, bare_time) = best_of_each(
        || {
            black_box(rules.evaluate(black_box(&entities)));
        },
        || {
            for d in &data {
                for e in &expressions {
                    let _ = black_box(jsonlogic_rs::apply(e, d));
                }
            }
        },
    );
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "scorecard: {ENTITIES} entities x {} indicators: rules {:.1} ms, bare jsonlogic {:.1} ms, ratio {:.2}",
        expressions.len(),
        ms(rules_time),
        ms(bare_time),
        ms(rules_time) / ms(bare_time)
    );

    // End to end, as `evaluate()` in the widget bundle: text in, text out.
    let doc = json!({"rules": rule_set(), "entities": entities}).to_string();
    let end_to_end = |doc: &str| match Scorecard::from_json(doc) {
        Ok(card) => serde_json::to_string_pretty(card.evaluation()).unwrap_or_default(),
        Err(e) => panic!("the bench document does not load: {e}"),
    };
    let (whole, _) = best_of_each(|| drop(black_box(end_to_end(black_box(&doc)))), || {});
    println!("scorecard end to end (read, check, evaluate, write JSON): native {:.1} ms", ms(whole));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join("scorecard-doc.json"), &doc))
        .and_then(|()| std::fs::write(dir.join("scorecard-native.json"), json!({"end_to_end_ms": ms(whole)}).to_string()));
    if let Err(e) = written {
        eprintln!("could not write {}: {e}", dir.display());
    }
}
