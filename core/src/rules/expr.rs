//! Static checks of JsonLogic expressions: operators, facts, and the types that can be told
//! without evaluating. Evaluation is the compiled evaluator's (`vm.rs`).

use serde_json::Value;

use super::facts::{FactCatalogue, FactType};
use crate::error::ProblemKind;

/// The operators of standard JsonLogic (jsonlogic.com/operations.html). Shipped rule sets use
/// only these, so any JsonLogic library computes the same values.
pub const STANDARD_OPERATORS: &[&str] = &[
    "var", "missing", "missing_some", "if", "?:", "==", "===", "!=", "!==", "!", "!!", "or", "and", ">", ">=", "<", "<=", "max",
    "min", "+", "-", "*", "/", "%", "map", "filter", "reduce", "all", "some", "none", "merge", "in", "cat", "substr", "log",
];

/// Operators whose later arguments are evaluated with each array item as the data, so `var`
/// inside them names an item's field, not a fact.
const SCOPED: &[&str] = &["map", "filter", "reduce", "all", "some", "none"];

/// What is known of an expression's value before evaluating it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Ty {
    kind: Option<FactType>,
    literal: Option<f64>,
    /// The expression is a fact read directly (`{"var": "x"}`).
    fact: bool,
}

impl Ty {
    fn of(kind: FactType) -> Self {
        Ty { kind: Some(kind), literal: None, fact: false }
    }

    /// The type, when it can be told.
    pub(crate) fn known(self) -> Option<FactType> {
        self.kind
    }
}

/// Checks an expression; returns what is known of its type and pushes what is wrong.
pub(crate) fn check(value: &Value, catalogue: &FactCatalogue, problems: &mut Vec<ProblemKind>) -> Ty {
    match value {
        Value::Null => Ty::default(),
        Value::Bool(_) => Ty::of(FactType::Boolean),
        Value::Number(n) => Ty { kind: Some(FactType::Number), literal: n.as_f64(), fact: false },
        Value::String(_) => Ty::of(FactType::Text),
        Value::Array(items) => {
            for item in items {
                check(item, catalogue, problems);
            }
            Ty::default()
        }
        Value::Object(map) => {
            let mut entries = map.iter();
            let (Some((op, args)), None) = (entries.next(), entries.next()) else {
                problems.push(ProblemKind::Shape { message: "an operation is an object with exactly one key".into() });
                return Ty::default();
            };
            operation(op, args, catalogue, problems)
        }
    }
}

fn args_of(args: &Value) -> Vec<&Value> {
    match args {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

fn operation(op: &str, args: &Value, catalogue: &FactCatalogue, problems: &mut Vec<ProblemKind>) -> Ty {
    if !STANDARD_OPERATORS.contains(&op) {
        problems.push(ProblemKind::UnknownOperator { op: op.to_owned() });
        return Ty::default();
    }
    let list = args_of(args);
    match op {
        "var" => {
            let name = list.first().copied();
            match name {
                Some(Value::String(name)) => match catalogue.get(name) {
                    Some(fact) => Ty { kind: Some(fact.kind), literal: None, fact: true },
                    None => {
                        problems.push(ProblemKind::UnknownFact { name: name.clone() });
                        Ty::default()
                    }
                },
                Some(other @ Value::Object(_)) => {
                    check(other, catalogue, problems);
                    Ty::default()
                }
                _ => {
                    problems.push(ProblemKind::UnknownFact { name: name.map(ToString::to_string).unwrap_or_default() });
                    Ty::default()
                }
            }
        }
        "missing" | "missing_some" => {
            let names = if op == "missing_some" { list.get(1).map(|v| args_of(v)).unwrap_or_default() } else { list };
            for name in names {
                match name {
                    Value::String(n) if catalogue.get(n).is_none() => problems.push(ProblemKind::UnknownFact { name: n.clone() }),
                    Value::String(_) => {}
                    other => {
                        check(other, catalogue, problems);
                    }
                }
            }
            Ty::default()
        }
        _ if SCOPED.contains(&op) => {
            if let Some(first) = list.first() {
                check(first, catalogue, problems);
            }
            Ty::default()
        }
        "==" | "===" | "!=" | "!==" | "<" | "<=" | ">" | ">=" => {
            let tys: Vec<Ty> = list.iter().map(|a| check(a, catalogue, problems)).collect();
            compare(op, &tys, problems);
            Ty::of(FactType::Boolean)
        }
        "+" | "-" | "*" | "/" | "%" | "max" | "min" => {
            for a in &list {
                let ty = check(a, catalogue, problems);
                if let Some(found) = ty.kind.filter(|k| !k.is_numeric()) {
                    problems.push(ProblemKind::TypeMismatch { expected: "number".into(), found: found.name().into() });
                }
            }
            Ty::of(FactType::Number)
        }
        "!" | "!!" => {
            for a in &list {
                check(a, catalogue, problems);
            }
            Ty::of(FactType::Boolean)
        }
        "and" | "or" => {
            let tys: Vec<Ty> = list.iter().map(|a| check(a, catalogue, problems)).collect();
            same(&tys)
        }
        "if" | "?:" => {
            // Conditions sit at even positions, results at odd ones and the last (the else).
            let tys: Vec<Ty> = list.iter().map(|a| check(a, catalogue, problems)).collect();
            let results: Vec<Ty> =
                tys.iter().enumerate().filter(|(i, _)| i % 2 == 1 || *i + 1 == tys.len()).map(|(_, t)| *t).collect();
            same(&results)
        }
        "cat" | "substr" => {
            for a in &list {
                check(a, catalogue, problems);
            }
            Ty::of(FactType::Text)
        }
        _ => {
            for a in &list {
                check(a, catalogue, problems);
            }
            Ty::default()
        }
    }
}

/// The common type of several values, if they have one (a plain number goes with a ratio).
fn same(tys: &[Ty]) -> Ty {
    let mut kinds = tys.iter().map(|t| t.kind);
    let Some(Some(first)) = kinds.next() else { return Ty::default() };
    let mut out = first;
    for kind in kinds {
        match kind {
            Some(k) if k == out => {}
            Some(k) if k.is_numeric() && out.is_numeric() => out = if k == FactType::Ratio || out == FactType::Ratio { FactType::Ratio } else { FactType::Number },
            _ => return Ty::default(),
        }
    }
    Ty::of(out)
}

/// A comparison of a number with a yes/no is a type mismatch; a ratio fact compared with a
/// literal above 1 can never be reached (or is always true).
fn compare(op: &str, tys: &[Ty], problems: &mut Vec<ProblemKind>) {
    let (Some(a), Some(b)) = (tys.first(), tys.get(1)) else { return };
    if let (Some(ka), Some(kb)) = (a.kind, b.kind) {
        let numeric_vs_bool = |x: FactType, y: FactType| x.is_numeric() && y == FactType::Boolean;
        if numeric_vs_bool(ka, kb) || numeric_vs_bool(kb, ka) || (ka.is_numeric() && kb == FactType::Text && a.fact) {
            let (expected, found) = if a.fact { (ka, kb) } else { (kb, ka) };
            problems.push(ProblemKind::TypeMismatch { expected: expected.name().into(), found: found.name().into() });
            return;
        }
    }
    // `ratio ≥ x` or `ratio > x` with x > 1, or the same written the other way round.
    let over = |fact: &Ty, lit: &Ty| fact.fact && fact.kind == Some(FactType::Ratio) && lit.literal.is_some_and(|l| l > 1.0);
    let unreachable = match op {
        ">=" | ">" | "==" | "===" => over(a, b) || (op.starts_with('=') && over(b, a)),
        "<=" | "<" => over(b, a),
        _ => false,
    };
    if unreachable {
        let literal = if a.fact { b.literal } else { a.literal };
        problems.push(ProblemKind::UnreachableThreshold {
            threshold: literal.map(super::num).unwrap_or_default(),
            max: "1".into(),
        });
    }
}

/// The facts an expression reads without a default, in order of first use: an entity without
/// one of them gets a diagnostic rather than a silent `null`.
pub(crate) fn required_facts(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| required_facts(v, out)),
        Value::Object(map) if map.len() == 1 => {
            for (op, args) in map {
                let list = args_of(args);
                match op.as_str() {
                    "var" => match list.as_slice() {
                        [Value::String(name)] if !out.contains(name) => out.push(name.clone()),
                        _ => {}
                    },
                    // These exist to handle absent facts.
                    "missing" | "missing_some" => {}
                    o if SCOPED.contains(&o) => {
                        if let Some(first) = list.first() {
                            required_facts(first, out);
                        }
                    }
                    _ => list.iter().for_each(|v| required_facts(v, out)),
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problems(expr: Value) -> Vec<ProblemKind> {
        let mut out = Vec::new();
        check(&expr, &FactCatalogue::core(), &mut out);
        out
    }

    #[test]
    fn a_ratio_compared_with_more_than_one_is_unreachable() {
        let found = problems(json!({">=": [{"var": "coverage_members_in_grid"}, 1.2]}));
        assert_eq!(found, vec![ProblemKind::UnreachableThreshold { threshold: "1.2".into(), max: "1".into() }]);
        assert!(problems(json!({">=": [{"var": "coverage_members_in_grid"}, 1]})).is_empty());
        assert!(problems(json!({">=": [{"var": "members_total"}, 12]})).is_empty());
    }

    #[test]
    fn unknown_operators_and_facts_are_named() {
        let found = problems(json!({"and": [{"regex": ["a", "b"]}, {"var": "nope"}]}));
        assert_eq!(
            found,
            vec![ProblemKind::UnknownOperator { op: "regex".into() }, ProblemKind::UnknownFact { name: "nope".into() }]
        );
    }

    #[test]
    fn facts_with_a_default_are_not_required() {
        let mut out = Vec::new();
        required_facts(&json!({"+": [{"var": "grids"}, {"var": ["households", 0]}, {"var": "grids"}]}), &mut out);
        assert_eq!(out, vec!["grids".to_owned()]);
    }
}
