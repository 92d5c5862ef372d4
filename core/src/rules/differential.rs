//! Differential tests of the compiled evaluator (`vm.rs`):
//! - the official JsonLogic test suite (tests/data/rules/jsonlogic/tests.json), every case,
//!   with the facts as a fact row and, for any data, with `var` reading the data directly;
//! - 2,000 random expressions over every standard operator with awkward data, each with
//!   json-logic-js's own value (tests/data/rules/jsonlogic/js-values.json, written by
//!   `node tests/browser/jsonlogic-fixture.mjs`);
//! - a proptest of random expressions over the standard operators and random facts against
//!   jsonlogic-rs 0.5 (the evaluator this one replaced, kept as a dev-dependency). Where the
//!   two may differ by a documented jsonlogic-rs divergence from json-logic-js (ARCHITECTURE.md,
//!   "Rules: the compiled evaluator"), json-logic-js is right and the difference is accepted
//!   only in that form: jsonlogic-rs refusing with an error what JavaScript computes (NaN,
//!   ±Infinity, a value converted to text). The generator keeps clear of the divergences
//!   that give two different values instead (they have unit tests in `vm.rs`).

use proptest::prelude::*;
use serde_json::{Map, Value, json};

use super::vm::{self, Env, Scope, Slots};

/// Evaluates with the facts (an object) as a fact row, as rule sets are evaluated.
fn with_row(expr: &Value, facts: &Map<String, Value>) -> Result<Option<Value>, String> {
    let mut slots = Slots::default();
    let node = vm::compile(expr, &mut slots);
    let row = slots.row(facts, &[]);
    let env = Env { row: &row, all: facts, bad: &[] };
    vm::eval(&node, &env, &Scope::Root).map(|v| v.to_json(&env))
}

/// Evaluates with any data, every `var` reading it as an item.
fn over_item(expr: &Value, data: &Value) -> Result<Option<Value>, String> {
    let node = vm::compile_over_item(expr);
    let empty = Map::new();
    let env = Env { row: &[], all: &empty, bad: &[] };
    let item = vm::V::Json(data);
    vm::eval(&node, &env, &Scope::Item(&item)).map(|v| v.to_json(&env))
}

/// Equal as JSON, numbers by value (`2` and `2.0` are one number in JavaScript).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        // jsonlogic-rs writes an integral result as an i64, saturating beyond its range
        // ("0.011e21" → 9223372036854775807); JavaScript, and so json-logic-js and ours, keep
        // the double (1.1e19). Found by the proptest below.
        (Value::Number(x), Value::Number(y)) if matches!(y.as_i64(), Some(i64::MAX | i64::MIN)) => {
            x.as_f64().is_some_and(|v| v.abs() >= 9.223_372_036_854_775e18 && v.signum() == y.as_f64().map_or(0.0, f64::signum))
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}

#[test]
fn the_official_jsonlogic_suite_passes() {
    let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/rules/jsonlogic/tests.json"));
    let suite: Vec<Value> = serde_json::from_str(text).unwrap_or_else(|e| panic!("tests.json: {e}"));
    let mut ran = 0;
    let mut failures = Vec::new();
    for case in suite.iter().filter_map(Value::as_array) {
        let [logic, data, expected] = case.as_slice() else { panic!("not a [logic, data, expected] case: {case:?}") };
        let mut check = |how: &str, got: Result<Option<Value>, String>| match got {
            Ok(Some(v)) if same(&v, expected) => {}
            other => failures.push(format!("{how}: {logic} over {data}: expected {expected}, got {other:?}")),
        };
        check("over the data", over_item(logic, data));
        if let Value::Object(facts) = data {
            check("as a fact row", with_row(logic, facts));
        }
        ran += 1;
    }
    assert!(ran > 250, "only {ran} cases in tests.json");
    assert!(failures.is_empty(), "{} of {ran} cases fail:\n{}", failures.len(), failures.join("\n"));
}

/// Evaluates to the raw value, with any data (`var` reading it as an item).
fn raw_over_item(expr: &Value, data: &Value, check: impl FnOnce(Result<&vm::V, &String>, &Env) -> bool) -> bool {
    let node = vm::compile_over_item(expr);
    let empty = Map::new();
    let env = Env { row: &[], all: &empty, bad: &[] };
    let item = vm::V::Json(data);
    let result = vm::eval(&node, &env, &Scope::Item(&item));
    check(result.as_ref(), &env)
}

#[test]
fn json_logic_js_values_are_matched() {
    // Random expressions over every standard operator with awkward data, each with the value
    // json-logic-js gives (tests/browser/jsonlogic-fixture.mjs wrote them).
    let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/rules/jsonlogic/js-values.json"));
    let cases: Vec<Value> = serde_json::from_str(text).unwrap_or_else(|e| panic!("js-values.json: {e}"));
    assert!(cases.len() >= 1000, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let (logic, data) = (&case["logic"], &case["data"]);
        let agrees = |got: Result<&vm::V, &String>, env: &Env| match (got, case) {
            (Err(_), c) => c.get("error").is_some(),
            (Ok(vm::V::Undef), c) => c.get("undefined").is_some(),
            (Ok(v), c) => match (c.get("number"), c.get("value"), v.to_json(env)) {
                (Some(Value::String(n)), _, None) => vm::js_number(vm::to_number(v)) == *n,
                (None, Some(want), Some(got)) => same(&got, want),
                _ => false,
            },
        };
        let over_data = raw_over_item(logic, data, agrees);
        // As a fact row too (the data is always an object here).
        let facts = data.as_object().cloned().unwrap_or_default();
        let mut slots = Slots::default();
        let node = vm::compile(logic, &mut slots);
        let row = slots.row(&facts, &[]);
        let env = Env { row: &row, all: &facts, bad: &[] };
        let as_row = agrees(vm::eval(&node, &env, &Scope::Root).as_ref(), &env);
        if !(over_data && as_row) {
            let mut slots = Slots::default();
            let node = vm::compile(logic, &mut slots);
            let got = vm::eval(&node, &env, &Scope::Root).map(|v| (v.to_json(&env), format!("{v:?}")));
            failures.push(format!("{logic} over {data}: json-logic-js {case}, ours {got:?} (over the data: {over_data}, as a row: {as_row})"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures[..failures.len().min(15)].join("\n"));
}

/// What jsonlogic-rs 0.5 refuses where json-logic-js computes a value: a conversion to a
/// number that gives NaN (`InvalidArgument`), or a result that is NaN or ±Infinity
/// (`UnexpectedError` "Could not make JSON number"), and arguments it wants to be a string
/// or an array that JavaScript converts.
fn refused_where_javascript_computes(error: &str) -> bool {
    error.starts_with("Invalid argument") || error.contains("Could not make JSON number")
}

// The generator. Facts: numbers n0..n3 (whole numbers as integers, others to two decimals),
// yes/no b0 b1, text s0 s1 (numeric or not, never empty), a list l0 of numbers; z0 and z1 are
// never there. Expressions are scalar or list-valued; lists go only where a list is read
// (in, merge, map, filter, reduce, all, some, none), never into comparisons or arithmetic.

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![(-5i64..50).prop_map(Value::from), (-500i64..5000).prop_map(|c| if c % 100 == 0 { json!(c / 100) } else { json!(c as f64 / 100.0) }),]
}

fn text() -> impl Strategy<Value = Value> {
    prop::sample::select(vec!["12", "0.5", "-3", "1e2", "abc", "汉字", "x"]).prop_map(Value::from)
}

fn facts() -> impl Strategy<Value = Map<String, Value>> {
    (
        prop::collection::vec(number(), 4),
        any::<(bool, bool)>(),
        (text(), text()),
        prop::collection::vec(number(), 0..4),
    )
        .prop_map(|(numbers, (b0, b1), (s0, s1), list)| {
            let mut facts = Map::new();
            for (i, n) in numbers.into_iter().enumerate() {
                facts.insert(format!("n{i}"), n);
            }
            facts.insert("b0".into(), b0.into());
            facts.insert("b1".into(), b1.into());
            facts.insert("s0".into(), s0);
            facts.insert("s1".into(), s1);
            facts.insert("l0".into(), Value::Array(list));
            facts
        })
}

fn op(name: &str, args: Vec<Value>) -> Value {
    json!({ name: args })
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        number(),
        any::<bool>().prop_map(Value::from),
        text(),
        prop::sample::select(vec!["n0", "n1", "n2", "n3", "b0", "b1", "s0", "s1"]).prop_map(|n| json!({"var": n})),
        (prop::sample::select(vec!["z0", "z1", "n0"]), number()).prop_map(|(n, d)| json!({"var": [n, d]})),
    ]
}

/// A list-valued expression. Array literals hold constants only: jsonlogic-rs 0.5 does not
/// evaluate the operations inside an array literal (json-logic-js does; see vm.rs's tests).
fn list() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(json!({"var": "l0"})),
        prop::collection::vec(prop_oneof![number(), text()], 0..3).prop_map(|items| op("merge", vec![json!({"var": "l0"}), Value::Array(items)])),
        (item_logic(), prop::sample::select(vec!["map", "filter"])).prop_map(|(logic, name)| op(name, vec![json!({"var": "l0"}), logic])),
        prop::collection::vec(prop::sample::select(vec!["n0", "s1", "z0", "z1", "b0"]), 1..4).prop_map(|mut names| {
            names.dedup();
            op("missing", names.into_iter().map(Value::from).collect())
        }),
        (0u64..4, prop::collection::btree_set(prop::sample::select(vec!["n1", "z0", "z1", "s0"]), 1..4))
            .prop_map(|(need, names)| op("missing_some", vec![need.into(), Value::Array(names.into_iter().map(Value::from).collect())])),
    ]
    .boxed()
}

/// The logic applied to each item of `l0` (a number): the item, and arithmetic or comparisons.
fn item_logic() -> impl Strategy<Value = Value> {
    let item = json!({"var": ""});
    (prop::sample::select(vec!["+", "*", "-", ">", "<", "==", "%"]), number()).prop_map(move |(name, n)| op(name, vec![item.clone(), n]))
}

fn scalar() -> BoxedStrategy<Value> {
    leaf()
        .prop_recursive(4, 40, 3, |inner| {
            let two = (inner.clone(), inner.clone());
            prop_oneof![
                (inner.clone(), inner.clone(), inner.clone()).prop_map(|(c, a, b)| op("if", vec![c, a, b])),
                (inner.clone(), inner.clone(), inner.clone(), inner.clone(), inner.clone())
                    .prop_map(|(c, a, d, b, e)| op("?:", vec![c, a, d, b, e])),
                (prop::sample::select(vec!["and", "or"]), prop::collection::vec(inner.clone(), 1..4)).prop_map(|(name, args)| op(name, args)),
                (prop::sample::select(vec!["==", "!=", "===", "!==", "<", ">", "<=", ">=", "/", "%", "-"]), two.clone())
                    .prop_map(|(name, (a, b))| op(name, vec![a, b])),
                (inner.clone(), inner.clone(), inner.clone()).prop_map(|(a, b, c)| op("<", vec![a, b, c])),
                (inner.clone(), inner.clone(), inner.clone()).prop_map(|(a, b, c)| op("<=", vec![a, b, c])),
                (prop::sample::select(vec!["!", "!!", "-"]), inner.clone()).prop_map(|(name, a)| op(name, vec![a])),
                (prop::sample::select(vec!["+", "*"]), prop::collection::vec(inner.clone(), 2..4)).prop_map(|(name, args)| op(name, args)),
                (prop::sample::select(vec!["+", "max", "min"]), prop::collection::vec(inner.clone(), 1..4)).prop_map(|(name, args)| op(name, args)),
                prop::collection::vec(leaf(), 1..4).prop_map(|args| op("cat", args)),
                (prop::sample::select(vec!["hello", "abc", "12"]), -6i64..6, prop::option::of(-6i64..6)).prop_map(|(s, start, len)| {
                    let mut args = vec![json!(s), json!(start)];
                    args.extend(len.map(Value::from));
                    op("substr", args)
                }),
                (inner.clone(), list()).prop_map(|(a, l)| op("in", vec![a, l])),
                (leaf(), prop::sample::select(vec!["hello 12", "abc", "汉字"])).prop_map(|(a, s)| op("in", vec![a, json!(s)])),
                (prop::sample::select(vec!["all", "some", "none"]), list(), item_logic())
                    .prop_map(|(name, l, logic)| op(name, vec![l, logic])),
                (list(), number()).prop_map(|(l, init)| op(
                    "reduce",
                    vec![l, json!({"+": [{"var": "current"}, {"var": "accumulator"}]}), init]
                )),
            ]
        })
        .boxed()
}

fn expression() -> impl Strategy<Value = Value> {
    prop_oneof![4 => scalar(), 1 => list()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn the_compiled_evaluator_agrees_with_jsonlogic_rs(expr in expression(), facts in facts()) {
        let data = Value::Object(facts.clone());
        let theirs = jsonlogic_rs::apply(&expr, &data);
        let ours = with_row(&expr, &facts);
        // The same over the data as an item (every `var` read at run time, no slots).
        prop_assert_eq!(&ours, &over_item(&expr, &data), "slots and run-time reads differ on {}", expr);
        match (&ours, theirs) {
            (Ok(Some(ours)), Ok(theirs)) => prop_assert!(same(ours, &theirs), "{} over {}: ours {}, jsonlogic-rs {}", expr, data, ours, theirs),
            (Ok(Some(_)), Err(e)) => prop_assert!(refused_where_javascript_computes(&e.to_string()), "{} over {}: jsonlogic-rs fails: {}", expr, data, e),
            // Ours: NaN or ±Infinity as the final value, which jsonlogic-rs refuses too.
            (Ok(None), Err(_)) => {}
            (Ok(None), Ok(theirs)) => prop_assert!(false, "{} over {}: ours is no JSON number, jsonlogic-rs {}", expr, data, theirs),
            (Err(ours), theirs) => prop_assert!(false, "{} over {}: ours fails ({}), jsonlogic-rs {:?}", expr, data, ours, theirs.map_err(|e| e.to_string())),
        }
    }
}
