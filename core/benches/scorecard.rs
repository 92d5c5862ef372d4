//! Scorecard benchmark: the whole evaluation against the old bare JsonLogic loop.
//!
//! 10,000 entities × 25 indicators (5 sections × 5 indicators over the core facts, in the
//! style of the shipped 五星支部 rule set: ratios and counts in bands, computed shares,
//! yes/no conditions for fixed points; `scorecard/doc.rs`), facts random but seeded. Times
//! (a) the whole evaluation through [`RuleSet::evaluate`] (the compiled evaluator) — values,
//! bands, points, reasons in two languages, sections, tiers and the ranking — and (b) the
//! same 25 expressions evaluated by `jsonlogic_rs::apply` (the evaluator the compiled one
//! replaced, a dev-dependency now) in a loop over the same facts, and prints a/b. The goal of
//! issue #19: (a) ≤ 50 ms. The comparison with GoRules ZEN is `bench/zen` (`make bench`).
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
use serde_json::{Value, json};

#[path = "scorecard/doc.rs"]
mod doc;

use doc::{ENTITIES, entities, rule_set};

const RUNS: u32 = 7;

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

#[inline(never)]
fn profiled(rules: &RuleSet, entities: &[Entity]) {
    drop(black_box(rules.evaluate(black_box(entities))));
}

fn main() {
    let rules = match RuleSet::from_value(&rule_set()) {
        Ok(rules) => rules,
        Err(e) => panic!("the bench rule set does not load: {:#?}", e.problems()),
    };
    let expressions: Vec<&Value> = rules.sections().iter().flat_map(|s| s.indicators.iter().map(|i| &i.expr)).collect();
    assert_eq!(expressions.len(), 25);
    let entities: Vec<Entity> = entities();
    // The bare loop gets its data ready-made: it measures only the JsonLogic crate.
    let data: Vec<Value> = entities.iter().map(|e| Value::Object(e.facts.clone())).collect();

    let evaluation = rules.evaluate(&entities);
    assert!(evaluation.diagnostics.is_empty(), "{:#?}", &evaluation.diagnostics[..evaluation.diagnostics.len().min(5)]);
    drop(evaluation);
    // `SCORECARD_PROFILE=1`: one more evaluation (and the dropping of its result) in a function
    // of its own, then stop: `valgrind --tool=callgrind --collect-atstart=no
    // --toggle-collect='*profiled*'` counts the instructions of the whole evaluation alone.
    if std::env::var_os("SCORECARD_PROFILE").is_some() {
        profiled(&rules, &entities);
        return;
    }
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
        "scorecard: {ENTITIES} entities x {} indicators: rules (compiled, with explanations) {:.1} ms, bare jsonlogic-rs {:.1} ms, ratio {:.2}",
        expressions.len(),
        ms(rules_time),
        ms(bare_time),
        ms(rules_time) / ms(bare_time)
    );

    // An indicator's explanation is written when it is read (see `Reason`): what writing every
    // one of them costs, for a caller that reads them all (serializing the evaluation does).
    let evaluation = rules.evaluate(&entities);
    let mut count = 0;
    let (texts_time, _) = best_of_each(
        || {
            count = 0;
            for indicator in evaluation.entities.iter().flat_map(|e| &e.sections).flat_map(|s| &s.indicators) {
                let reason = indicator.reason();
                black_box((reason.zh(), reason.en()));
                count += 1;
            }
        },
        || {},
    );
    drop(evaluation);
    println!("scorecard: writing the {count} indicator explanations of one evaluation (zh and en): {:.1} ms", ms(texts_time));

    // End to end, as `evaluate()` in the widget bundle: text in, compact JSON text out.
    let doc = json!({"rules": rule_set(), "entities": entities}).to_string();
    let end_to_end = |doc: &str| match Scorecard::from_json(doc) {
        Ok(card) => serde_json::to_string(card.evaluation()).unwrap_or_default(),
        Err(e) => panic!("the bench document does not load: {e}"),
    };
    // `SCORECARD_DUMP=file`: that output written to `file`, to compare two builds' byte for byte.
    if let Some(file) = std::env::var_os("SCORECARD_DUMP") {
        if let Err(e) = std::fs::write(&file, end_to_end(&doc)) {
            eprintln!("could not write {}: {e}", file.to_string_lossy());
        }
        return;
    }
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
