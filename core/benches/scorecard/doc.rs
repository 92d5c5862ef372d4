//! The scorecard benchmark's document: a rule set of 5 sections × 5 indicators over the core
//! facts, and 10,000 fictional communities with seeded random facts. Shared by
//! `core/benches/scorecard.rs` and the ZEN comparison (`bench/zen`), so both time the same.

use grassroots::rules::Entity;
use serde_json::{Map, Value, json};

pub const ENTITIES: usize = 10_000;

/// splitmix64: seeded and good enough for test data, without a dependency.
pub struct Seeded(pub u64);

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
pub fn rule_set() -> Value {
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
pub fn facts(rng: &mut Seeded) -> Map<String, Value> {
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

/// The benchmark's entities: `ENTITIES` communities from seed 1.
pub fn entities() -> Vec<Entity> {
    let mut rng = Seeded(1);
    (0..ENTITIES).map(|i| Entity::new(format!("c{i:05}"), facts(&mut rng))).collect()
}
