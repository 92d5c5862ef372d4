//! The scorecard benchmark against GoRules ZEN (zen-engine 2.1.6), side by side in one run.
//!
//! The same document as `core/benches/scorecard.rs` (10,000 entities × 25 indicators, its
//! `scorecard/doc.rs`), the rule set's JsonLogic expressions translated to ZEN expressions
//! (the subset the benchmark uses: var, if, comparisons, /, and, or) and built into two
//! decision graphs:
//! - **tables**: what ZEN users write — an expression node for the 25 values, a decision
//!   table per banded indicator (its bands as rows, first hit), an expression node for the
//!   yes/no points, one for the sections (capped) and the total, a tier table;
//! - **expression**: ZEN's best form — one expression node, bands as nested ternaries.
//! Each is timed as shipped and tuned (`ZEN_CONFIG.nodes_in_context = false`); inputs are
//! converted to ZEN `Variable`s before the clock starts. Ours is [`RuleSet::evaluate`], the
//! whole evaluation with zh/en explanations, tiers and ranks. Every entity's total and
//! pass/fail must agree between ours and each ZEN graph. Best of several runs each.
//! Run: `cargo run --release --manifest-path bench/zen/Cargo.toml` (`make bench`).

use std::hint::black_box;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use grassroots::rules::{Entity, RuleSet, Tier};
use serde_json::{Value, json};
use zen_engine::model::{DecisionContent, GraphContent};
use zen_engine::{Decision, EvaluationOptions, Variable, ZEN_CONFIG};

#[path = "../../../core/benches/scorecard/doc.rs"]
mod doc;

const RUNS: u32 = 5;

/// A JsonLogic expression of the benchmark's subset as a ZEN expression.
fn zen_expr(logic: &Value) -> String {
    let Some((op, args)) = logic.as_object().and_then(|m| m.iter().next()) else {
        return match logic {
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            other => panic!("no ZEN form for {other}"),
        };
    };
    let list: Vec<&Value> = match args {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    let arg = |i: usize| list.get(i).map(|a| zen_expr(a)).unwrap_or_else(|| panic!("{op} without argument {i}"));
    match op.as_str() {
        "var" => list.first().and_then(|v| v.as_str()).unwrap_or_else(|| panic!("var: {logic}")).to_owned(),
        "if" => format!("({} ? {} : {})", arg(0), arg(1), arg(2)),
        ">" | ">=" | "<" | "<=" | "/" | "*" | "+" | "-" => format!("({} {op} {})", arg(0), arg(1)),
        "and" | "or" => format!("({})", list.iter().map(|a| zen_expr(a)).collect::<Vec<_>>().join(&format!(" {op} "))),
        other => panic!("no ZEN form for the operator {other}"),
    }
}

fn node(id: &str, kind: &str, content: Value) -> Value {
    json!({"id": id, "name": id, "type": kind, "content": content})
}

fn expression_node(id: &str, pairs: &[(String, String)], pass_through: bool) -> Value {
    let expressions: Vec<Value> =
        pairs.iter().enumerate().map(|(i, (key, value))| json!({"id": format!("{id}-{i}"), "key": key, "value": value})).collect();
    node(id, "expressionNode", json!({"expressions": expressions, "passThrough": pass_through, "inputField": null, "outputPath": null, "executionMode": "single"}))
}

/// Nodes in a chain from input to output.
fn graph(mut middle: Vec<Value>) -> Decision {
    let mut nodes = vec![node("input", "inputNode", json!({}))];
    nodes.append(&mut middle);
    nodes.push(node("output", "outputNode", json!({})));
    let edges: Vec<Value> = nodes
        .windows(2)
        .enumerate()
        .map(|(i, pair)| json!({"id": format!("e{i}"), "sourceId": pair[0]["id"], "targetId": pair[1]["id"], "type": "edge"}))
        .collect();
    let content: DecisionContent = match serde_json::from_value(json!({"nodes": nodes, "edges": edges})) {
        Ok(c) => c,
        Err(e) => panic!("the ZEN graph does not read: {e}"),
    };
    let Some(graph) = content.as_graph() else { panic!("not a graph") };
    let mut graph: GraphContent = graph.clone();
    graph.compile();
    Decision::from(graph)
}

struct Indicator {
    id: String,
    value: String,
    bands: Option<Vec<(f64, f64)>>,
    points: f64,
}

struct Section {
    id: String,
    max: f64,
    indicators: Vec<Indicator>,
}

fn sections(rules: &RuleSet) -> Vec<Section> {
    rules
        .sections()
        .iter()
        .map(|s| Section {
            id: s.id.replace('-', "_"),
            max: s.max,
            indicators: s
                .indicators
                .iter()
                .map(|i| Indicator {
                    id: i.id.replace('-', "_"),
                    value: zen_expr(&i.expr),
                    bands: i.bands.as_ref().map(|b| b.iter().map(|b| (b.min, b.points)).collect()),
                    points: i.points.unwrap_or(0.0),
                })
                .collect(),
        })
        .collect()
}

/// The sections' capped scores, the total and the tier, from `p_<indicator>` points.
fn totals(sections: &[Section], pass: (f64, f64), dollar: bool) -> Vec<(String, String)> {
    let d = if dollar { "$." } else { "" };
    let mut out: Vec<(String, String)> = sections
        .iter()
        .map(|s| {
            let sum = s.indicators.iter().map(|i| format!("{d}p_{}", i.id)).collect::<Vec<_>>().join(" + ");
            (format!("s_{}", s.id), format!("min([{}, {sum}])", s.max))
        })
        .collect();
    let total = sections.iter().map(|s| format!("$.s_{}", s.id)).collect::<Vec<_>>().join(" + ");
    out.push(("total".into(), total));
    let each = sections.iter().map(|s| format!("$.s_{} >= {}", s.id, pass.0)).collect::<Vec<_>>().join(" and ");
    out.push(("tier".into(), format!("({each} and $.total >= {}) ? 'pass' : 'fail'", pass.1)));
    out
}

/// What ZEN users write: values, a decision table per band form, sections, a tier table.
fn tables_graph(sections: &[Section], pass: (f64, f64)) -> Decision {
    let all: Vec<&Indicator> = sections.iter().flat_map(|s| &s.indicators).collect();
    let values: Vec<(String, String)> = all.iter().map(|i| (format!("v_{}", i.id), i.value.clone())).collect();
    let mut middle = vec![expression_node("values", &values, true)];
    for i in all.iter().filter(|i| i.bands.is_some()) {
        let mut rules: Vec<Value> = i
            .bands
            .iter()
            .flatten()
            .enumerate()
            .map(|(r, (min, points))| json!({"_id": format!("{}-{r}", i.id), "in": format!(">= {min}"), "out": points.to_string()}))
            .collect();
        rules.push(json!({"_id": format!("{}-else", i.id), "in": "", "out": "0"}));
        middle.push(node(
            &format!("table-{}", i.id),
            "decisionTableNode",
            json!({
                "hitPolicy": "first", "passThrough": true, "inputField": null, "outputPath": null, "executionMode": "single",
                "inputs": [{"id": "in", "name": "value", "field": format!("v_{}", i.id)}],
                "outputs": [{"id": "out", "name": "points", "field": format!("p_{}", i.id)}],
                "rules": rules,
            }),
        ));
    }
    let yes_no: Vec<(String, String)> =
        all.iter().filter(|i| i.bands.is_none()).map(|i| (format!("p_{}", i.id), format!("v_{} ? {} : 0", i.id, i.points))).collect();
    middle.push(expression_node("yes-no", &yes_no, true));
    let mut sums = totals(sections, pass, false);
    // The tier is a table here.
    sums.pop();
    middle.push(expression_node("sections", &sums, true));
    // The tier as a table: every section and the total at the pass marks, else fail.
    let mut inputs: Vec<Value> = sections.iter().map(|s| json!({"id": format!("i_{}", s.id), "name": s.id, "field": format!("s_{}", s.id)})).collect();
    inputs.push(json!({"id": "i_total", "name": "total", "field": "total"}));
    let mut pass_rule = json!({"_id": "pass", "o_tier": "'pass'"});
    let mut fail_rule = json!({"_id": "fail", "o_tier": "'fail'"});
    for s in sections {
        pass_rule[format!("i_{}", s.id)] = json!(format!(">= {}", pass.0));
        fail_rule[format!("i_{}", s.id)] = json!("");
    }
    pass_rule["i_total"] = json!(format!(">= {}", pass.1));
    fail_rule["i_total"] = json!("");
    middle.push(node(
        "tier",
        "decisionTableNode",
        json!({
            "hitPolicy": "first", "passThrough": true, "inputField": null, "outputPath": null, "executionMode": "single",
            "inputs": inputs, "outputs": [{"id": "o_tier", "name": "tier", "field": "tier"}], "rules": [pass_rule, fail_rule],
        }),
    ));
    graph(middle)
}

/// ZEN's best form: one expression node, bands as nested ternaries.
fn expression_graph(sections: &[Section], pass: (f64, f64)) -> Decision {
    let mut pairs = Vec::new();
    for i in sections.iter().flat_map(|s| &s.indicators) {
        pairs.push((format!("v_{}", i.id), i.value.clone()));
        let v = format!("$.v_{}", i.id);
        let points = match &i.bands {
            Some(bands) => bands.iter().rev().fold("0".to_owned(), |inner, (min, points)| format!("({v} >= {min} ? {points} : {inner})")),
            None => format!("({v} ? {} : 0)", i.points),
        };
        pairs.push((format!("p_{}", i.id), points));
    }
    pairs.extend(totals(sections, pass, true));
    graph(vec![expression_node("scorecard", &pairs, false)])
}

fn number(v: &Value) -> f64 {
    v.as_f64().or_else(|| v.as_str().and_then(|s| s.parse().ok())).unwrap_or(f64::NAN)
}

/// Runs a graph over every entity; `(total, passed)` of each.
fn run_zen(rt: &tokio::runtime::Runtime, decision: &Decision, inputs: Vec<Variable>) -> Vec<(f64, bool)> {
    rt.block_on(async {
        let mut out = Vec::with_capacity(inputs.len());
        for input in inputs {
            match decision.evaluate_with_opts(input, EvaluationOptions { trace: false, max_depth: 10 }).await {
                Ok(response) => {
                    let result: Value = response.result.to_value();
                    out.push((number(&result["total"]), result["tier"] == "pass"));
                }
                Err(e) => panic!("ZEN failed: {e:?}"),
            }
        }
        out
    })
}

fn best(mut f: impl FnMut() -> Duration) -> Duration {
    (0..RUNS).map(|_| f()).min().unwrap_or(Duration::MAX)
}

fn main() {
    let rules = match RuleSet::from_value(&doc::rule_set()) {
        Ok(rules) => rules,
        Err(e) => panic!("the bench rule set does not load: {:#?}", e.problems()),
    };
    let entities: Vec<Entity> = doc::entities();
    let outcome = rules.outcome();
    let pass = (outcome.pass.each_section, outcome.pass.total);
    let sections = sections(&rules);
    let rt = match tokio::runtime::Builder::new_current_thread().build() {
        Ok(rt) => rt,
        Err(e) => panic!("no tokio runtime: {e}"),
    };
    let inputs = || -> Vec<Variable> { entities.iter().map(|e| Variable::from(Value::Object(e.facts.clone()))).collect() };

    let ours = rules.evaluate(&entities);
    let ours_time = best(|| {
        let start = Instant::now();
        black_box(rules.evaluate(black_box(&entities)));
        start.elapsed()
    });
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("scorecard vs ZEN: {} entities x 25 indicators", entities.len());
    println!("  ours, RuleSet::evaluate (values, points, reasons zh/en, sections, tiers, ranks): {:.1} ms", ms(ours_time));
    for (name, decision) in [("ZEN, bands as decision tables", tables_graph(&sections, pass)), ("ZEN, one expression node (bands as ternaries)", expression_graph(&sections, pass))] {
        for tuned in [false, true] {
            ZEN_CONFIG.nodes_in_context.store(!tuned, Ordering::Relaxed);
            let results = run_zen(&rt, &decision, inputs());
            let agree = ours.entities.iter().zip(&results).filter(|(o, (total, passed))| {
                (o.total - total).abs() < 1e-9 && matches!(o.tier, Tier::Pass | Tier::Excellence) == *passed
            });
            let agreed = agree.count();
            assert_eq!(agreed, entities.len(), "{name}: only {agreed} of {} totals and pass/fail agree with ours", entities.len());
            let time = best(|| {
                let prepared = inputs();
                let start = Instant::now();
                black_box(run_zen(&rt, &decision, prepared));
                start.elapsed()
            });
            let label = if tuned { format!("{name}, tuned (nodes_in_context = false)") } else { name.to_owned() };
            println!("  {label}: {:.1} ms, ours/ZEN {:.3} (ZEN/ours {:.1}x); totals and pass/fail agree for all {agreed}", ms(time), ms(ours_time) / ms(time), ms(time) / ms(ours_time));
        }
    }
}
