//! The compiled evaluator: a rule set's JsonLogic expressions are compiled once, when the
//! rule set loads, into a tree of [`Node`]s — facts read at the top resolved to slots of a
//! per-entity fact row, constant sub-expressions folded, operators as an enum — and
//! evaluated over a small value type ([`V`]) that borrows the facts and the constants
//! instead of cloning `serde_json::Value`s on every operator.
//!
//! The semantics are json-logic-js's (the reference implementation from jsonlogic.com),
//! operator by operator: JavaScript's truthiness (with JsonLogic's empty array as false),
//! `==` with its coercions, `<`/`<=` on strings or numbers, `ToNumber` of numeric strings,
//! `parseFloat` in `+` and `*`, `var` with dotted paths and defaults, `missing` counting
//! `null` and `""` as missing, division by zero giving ±Infinity (an expression whose final
//! value is not a finite number is an evaluation error, as JSON has no such number).
//! Values keep the JSON form the facts and constants had (`3.0` read from the facts stays
//! `3.0`); computed numbers are written as integers when whole, as jsonlogic-rs 0.5 wrote
//! them, so evaluations are the same as before byte for byte. ARCHITECTURE.md lists where
//! jsonlogic-rs 0.5 differs from json-logic-js (here json-logic-js wins).

use std::cmp::Ordering;

use serde_json::{Map, Number, Value};

use super::expr::required_facts;

/// An operator of standard JsonLogic other than `var`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    If,
    And,
    Or,
    Map,
    Filter,
    Reduce,
    All,
    Some,
    None,
    Eq,
    StrictEq,
    Ne,
    StrictNe,
    Not,
    NotNot,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Max,
    Min,
    Merge,
    In,
    Cat,
    Substr,
    Log,
    Missing,
    MissingSome,
}

impl Op {
    fn named(name: &str) -> Option<Op> {
        Some(match name {
            "if" | "?:" => Op::If,
            "and" => Op::And,
            "or" => Op::Or,
            "map" => Op::Map,
            "filter" => Op::Filter,
            "reduce" => Op::Reduce,
            "all" => Op::All,
            "some" => Op::Some,
            "none" => Op::None,
            "==" => Op::Eq,
            "===" => Op::StrictEq,
            "!=" => Op::Ne,
            "!==" => Op::StrictNe,
            "!" => Op::Not,
            "!!" => Op::NotNot,
            "<" => Op::Lt,
            "<=" => Op::Le,
            ">" => Op::Gt,
            ">=" => Op::Ge,
            "+" => Op::Add,
            "-" => Op::Sub,
            "*" => Op::Mul,
            "/" => Op::Div,
            "%" => Op::Mod,
            "max" => Op::Max,
            "min" => Op::Min,
            "merge" => Op::Merge,
            "in" => Op::In,
            "cat" => Op::Cat,
            "substr" => Op::Substr,
            "log" => Op::Log,
            "missing" => Op::Missing,
            "missing_some" => Op::MissingSome,
            _ => return None,
        })
    }
}

/// A compiled expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// A constant of the expression, in its JSON form.
    Json(Value),
    /// A folded number.
    Num(f64),
    /// A folded yes/no.
    Bool(bool),
    /// A folded `null`.
    Null,
    /// JavaScript's `undefined`: an argument that is not there.
    Undef,
    /// An array whose items are evaluated (json-logic-js evaluates arrays item by item).
    Array(Box<[Node]>),
    /// `{"var": "name.rest"}` at the top level: the slot of `name` in the fact row, then the
    /// rest of the path; the default when it is not found.
    Slot { slot: usize, path: Box<[String]>, default: Option<Box<Node>> },
    /// `var` in general: a computed name, or inside `map`, `filter`, … (an item's field).
    Var(Box<[Node]>),
    /// An operation.
    Op(Op, Box<[Node]>),
    /// An operation json-logic-js does not know: an error when evaluated.
    Fail(String),
}

/// A value while evaluating: borrowed from the facts or the constants where it can be.
#[derive(Debug, Clone)]
pub(crate) enum V<'a> {
    Undef,
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    /// A fact or a constant, as it is in JSON.
    Json(&'a Value),
    /// A computed array.
    Arr(Vec<V<'a>>),
    /// A computed object (the `{current, accumulator}` of `reduce`).
    Obj(Vec<(&'static str, V<'a>)>),
    /// The whole data at the top: the entity's facts.
    Root,
}

/// The facts of one entity as the compiled expressions read them.
pub(crate) struct Env<'a> {
    /// By slot (see [`Compiled::slots`]); `None` when the entity does not have the fact.
    pub(crate) row: &'a [Option<&'a Value>],
    /// Every fact, for names computed while evaluating.
    pub(crate) all: &'a Map<String, Value>,
    /// Facts that are there but rejected as ill-typed: treated as absent.
    pub(crate) bad: &'a [String],
}

impl<'a> Env<'a> {
    fn fact(&self, name: &str) -> Option<&'a Value> {
        self.all.get(name).filter(|_| !self.bad.iter().any(|b| b == name))
    }
}

/// The names of a rule set's fact row, in slot order, built while compiling its expressions.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Slots(pub(crate) Vec<String>);

impl Slots {
    /// The slot of a fact, added if new.
    pub(crate) fn of(&mut self, name: &str) -> usize {
        match self.0.iter().position(|n| n == name) {
            Some(i) => i,
            None => {
                self.0.push(name.to_owned());
                self.0.len() - 1
            }
        }
    }

    /// One entity's row (evaluation fills it in the same pass that finds ill-typed facts).
    #[cfg(test)]
    pub(crate) fn row<'a>(&self, facts: &'a Map<String, Value>, bad: &[String]) -> Vec<Option<&'a Value>> {
        self.0.iter().map(|n| facts.get(n).filter(|_| !bad.contains(n))).collect()
    }
}

/// A rule set's compiled expressions: what [`crate::rules::RuleSet`] keeps from loading.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Compiled {
    /// The names of the fact row.
    pub(crate) slots: Slots,
    pub(crate) eligible: Option<Rule>,
    pub(crate) vetoes: Vec<Rule>,
    pub(crate) bonuses: Vec<Rule>,
    /// By section, then indicator.
    pub(crate) indicators: Vec<Vec<Rule>>,
}

/// One compiled expression and the facts it reads without a default (with their slots): an
/// entity without one of them gets a diagnostic rather than a silent `null`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rule {
    pub(crate) node: Node,
    pub(crate) needed: Vec<(String, usize)>,
}

impl Rule {
    pub(crate) fn new(expr: &Value, slots: &mut Slots) -> Self {
        let mut names = Vec::new();
        required_facts(expr, &mut names);
        let needed = names.into_iter().map(|n| {
            let slot = slots.of(&n);
            (n, slot)
        }).collect();
        Rule { node: compile(expr, slots), needed }
    }
}

/// Compiles an expression; facts read at the top level get slots in `slots`.
pub(crate) fn compile(value: &Value, slots: &mut Slots) -> Node {
    compile_in(value, false, slots)
}

/// Compiles an expression whose `var`s all read the data given as [`Scope::Item`] (tests run
/// the official suite over data that is not an object this way).
#[cfg(test)]
pub(crate) fn compile_over_item(value: &Value) -> Node {
    compile_in(value, true, &mut Slots::default())
}

fn compile_in(value: &Value, scoped: bool, slots: &mut Slots) -> Node {
    match value {
        Value::Array(items) => {
            let nodes: Vec<Node> = items.iter().map(|i| compile_in(i, scoped, slots)).collect();
            if nodes.iter().all(|n| matches!(n, Node::Json(_))) { Node::Json(value.clone()) } else { Node::Array(nodes.into()) }
        }
        Value::Object(map) if map.len() == 1 => {
            let Some((name, args)) = map.iter().next() else { return Node::Json(value.clone()) };
            let list: Vec<&Value> = match args {
                Value::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            if name == "var" {
                if let (false, Some(Value::String(path)), 1 | 2) = (scoped, list.first(), list.len())
                    && !path.is_empty()
                {
                    let mut parts = path.split('.');
                    let first = parts.next().unwrap_or_default();
                    let slot = slots.of(first);
                    let default = list.get(1).map(|d| Box::new(compile_in(d, scoped, slots)));
                    return Node::Slot { slot, path: parts.map(str::to_owned).collect(), default };
                }
                return Node::Var(list.iter().map(|a| compile_in(a, scoped, slots)).collect());
            }
            let Some(op) = Op::named(name) else { return Node::Fail(format!("Unrecognized operation {name}")) };
            let scoping = matches!(op, Op::Map | Op::Filter | Op::Reduce | Op::All | Op::Some | Op::None);
            // The logic of `map` & co. (the second argument) sees each item as its data.
            let args: Box<[Node]> =
                list.iter().enumerate().map(|(i, a)| compile_in(a, scoped || (scoping && i == 1), slots)).collect();
            fold(Node::Op(op, args))
        }
        other => Node::Json(other.clone()),
    }
}

/// Whether a node reads no data (so it can be evaluated once, while compiling).
fn pure(node: &Node) -> bool {
    match node {
        Node::Json(_) | Node::Num(_) | Node::Bool(_) | Node::Null | Node::Undef | Node::Fail(_) => true,
        Node::Slot { .. } | Node::Var(_) => false,
        Node::Array(items) => items.iter().all(pure),
        Node::Op(op, args) => !matches!(op, Op::Missing | Op::MissingSome) && args.iter().all(pure),
    }
}

/// Constant folding: an operation over constants becomes its value, when that value is a
/// scalar (arrays stay as they are: each evaluation gives a new one, as in JavaScript).
fn fold(node: Node) -> Node {
    if !pure(&node) {
        return node;
    }
    let empty = Map::new();
    let env = Env { row: &[], all: &empty, bad: &[] };
    let folded = match eval(&node, &env, &Scope::Root) {
        Ok(V::Undef) => Some(Node::Undef),
        Ok(V::Null) => Some(Node::Null),
        Ok(V::Bool(b)) => Some(Node::Bool(b)),
        Ok(V::Num(n)) => Some(Node::Num(n)),
        Ok(V::Str(s)) => Some(Node::Json(Value::String(s))),
        Ok(V::Json(v)) => Some(Node::Json(v.clone())),
        // Arrays, objects and errors stay to be evaluated (an error only if it is reached).
        _ => None,
    };
    folded.unwrap_or(node)
}

/// Where `var` reads: the entity's facts, or the item of `map`, `filter`, ….
pub(crate) enum Scope<'s, 'a> {
    Root,
    Item(&'s V<'a>),
}

/// What an evaluation that fails says.
pub(crate) type Failure = String;

/// Evaluates a compiled expression over one entity's facts.
pub(crate) fn eval<'a>(node: &'a Node, env: &Env<'a>, scope: &Scope<'_, 'a>) -> Result<V<'a>, Failure> {
    Ok(match node {
        Node::Json(v) => V::Json(v),
        Node::Num(n) => V::Num(*n),
        Node::Bool(b) => V::Bool(*b),
        Node::Null => V::Null,
        Node::Undef => V::Undef,
        Node::Fail(message) => return Err(message.clone()),
        Node::Array(items) => V::Arr(items.iter().map(|i| eval(i, env, scope)).collect::<Result<_, _>>()?),
        Node::Slot { slot, path, default } => {
            let default = match default {
                Some(d) => Some(eval(d, env, scope)?),
                None => None,
            };
            let not_found = || match default.clone() {
                None | Some(V::Undef) => V::Null,
                Some(d) => d,
            };
            let Some(mut current) = env.row.get(*slot).copied().flatten().map(V::Json) else { return Ok(not_found()) };
            for part in path.iter() {
                if matches!(current, V::Null | V::Undef) || matches!(current, V::Json(Value::Null)) {
                    return Ok(not_found());
                }
                current = member(&current, part, env);
                if matches!(current, V::Undef) {
                    return Ok(not_found());
                }
            }
            current
        }
        Node::Var(args) => {
            let a = arg(args, 0, env, scope)?;
            let b = arg(args, 1, env, scope)?;
            for extra in args.iter().skip(2) {
                eval(extra, env, scope)?;
            }
            var(&a, &b, env, scope)
        }
        Node::Op(op, args) => operation(*op, args, env, scope)?,
    })
}

fn arg<'a>(args: &'a [Node], i: usize, env: &Env<'a>, scope: &Scope<'_, 'a>) -> Result<V<'a>, Failure> {
    match args.get(i) {
        Some(node) => eval(node, env, scope),
        None => Ok(V::Undef),
    }
}

/// json-logic-js's `var(a, b)` over the scope's data.
fn var<'a>(a: &V<'a>, b: &V<'a>, env: &Env<'a>, scope: &Scope<'_, 'a>) -> V<'a> {
    let not_found = || if matches!(b, V::Undef) { V::Null } else { b.clone() };
    let data = match scope {
        Scope::Root => V::Root,
        Scope::Item(item) => (*item).clone(),
    };
    if matches!(a, V::Undef | V::Null) || matches!(a, V::Json(Value::Null)) || a.as_str() == Some("") {
        return data;
    }
    let path = to_string(a);
    let mut current = data;
    for part in path.split('.') {
        if current.is_nullish() {
            return not_found();
        }
        current = member(&current, part, env);
        if matches!(current, V::Undef) {
            return not_found();
        }
    }
    current
}

/// `data[key]` in JavaScript, for the kinds of data JSON has.
fn member<'a>(data: &V<'a>, key: &str, env: &Env<'a>) -> V<'a> {
    match data {
        V::Root => env.fact(key).map_or(V::Undef, V::Json),
        V::Json(Value::Object(map)) => map.get(key).map_or(V::Undef, V::Json),
        V::Obj(pairs) => pairs.iter().find(|(k, _)| *k == key).map_or(V::Undef, |(_, v)| v.clone()),
        V::Json(Value::Array(items)) => match key {
            "length" => V::Num(items.len() as f64),
            _ => index(key).and_then(|i| items.get(i)).map_or(V::Undef, V::Json),
        },
        V::Arr(items) => match key {
            "length" => V::Num(items.len() as f64),
            _ => index(key).and_then(|i| items.get(i)).map_or(V::Undef, Clone::clone),
        },
        _ => match data.as_str() {
            Some(s) => match key {
                "length" => V::Num(s.encode_utf16().count() as f64),
                _ => index(key)
                    .and_then(|i| s.encode_utf16().nth(i))
                    .map_or(V::Undef, |unit| V::Str(String::from_utf16_lossy(&[unit]))),
            },
            None => V::Undef,
        },
    }
}

/// An array index as JavaScript writes it: digits without a leading zero.
fn index(key: &str) -> Option<usize> {
    let canonical = !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) && (key == "0" || !key.starts_with('0'));
    if canonical { key.parse().ok() } else { None }
}

fn operation<'a>(op: Op, args: &'a [Node], env: &Env<'a>, scope: &Scope<'_, 'a>) -> Result<V<'a>, Failure> {
    let at = |i: usize| arg(args, i, env, scope);
    // Every argument, evaluated in order (what json-logic-js does before calling an operator).
    let all = || args.iter().map(|a| eval(a, env, scope)).collect::<Result<Vec<V<'a>>, Failure>>();
    Ok(match op {
        Op::If => {
            let mut i = 0;
            while i + 1 < args.len() {
                if holds(&args[i], env, scope)? {
                    return eval(&args[i + 1], env, scope);
                }
                i += 2;
            }
            if i + 1 == args.len() { eval(&args[i], env, scope)? } else { V::Null }
        }
        Op::And | Op::Or => {
            let mut current = V::Undef;
            for a in args {
                current = eval(a, env, scope)?;
                if truthy(&current) == (op == Op::Or) {
                    return Ok(current);
                }
            }
            current
        }
        Op::Map | Op::Filter | Op::Reduce | Op::All | Op::Some | Op::None => return scoped(op, args, env, scope),
        Op::Eq | Op::Ne | Op::StrictEq | Op::StrictNe => {
            let (a, b) = (at(0)?, at(1)?);
            rest(args, 2, env, scope)?;
            let same = if matches!(op, Op::Eq | Op::Ne) { loose_eq(&a, &b) } else { strict_eq(&a, &b) };
            V::Bool(same == matches!(op, Op::Eq | Op::StrictEq))
        }
        Op::Not | Op::NotNot => {
            // truthy(undefined) is false.
            let a = match args.first() {
                Some(node) => holds(node, env, scope)?,
                None => false,
            };
            rest(args, 1, env, scope)?;
            V::Bool(a == (op == Op::NotNot))
        }
        Op::Lt | Op::Le | Op::Gt | Op::Ge => V::Bool(comparison(op, args, env, scope)?),
        Op::Add => {
            let mut sum = 0.0;
            for a in args {
                sum += parse_float(&eval(a, env, scope)?);
            }
            V::Num(sum)
        }
        Op::Mul => match args {
            [] => return Err("Reduce of empty array with no initial value (`*` needs an argument)".into()),
            [only] => eval(only, env, scope)?,
            _ => {
                let mut product = 1.0;
                for a in args {
                    product *= parse_float(&eval(a, env, scope)?);
                }
                V::Num(product)
            }
        },
        Op::Sub => {
            let (a, b) = (at(0)?, at(1)?);
            rest(args, 2, env, scope)?;
            if matches!(b, V::Undef) { V::Num(-to_number(&a)) } else { V::Num(to_number(&a) - to_number(&b)) }
        }
        Op::Div | Op::Mod => {
            // ToNumber(undefined) is NaN.
            let x = args.first().map_or(Ok(f64::NAN), |a| number_of(a, env, scope))?;
            let y = args.get(1).map_or(Ok(f64::NAN), |b| number_of(b, env, scope))?;
            rest(args, 2, env, scope)?;
            V::Num(if op == Op::Div { x / y } else { x % y })
        }
        Op::Max | Op::Min => {
            let mut best = if op == Op::Max { f64::NEG_INFINITY } else { f64::INFINITY };
            for a in args {
                let x = to_number(&eval(a, env, scope)?);
                let better = match op {
                    Op::Max => x > best || (x == 0.0 && best == 0.0 && best.is_sign_negative()),
                    _ => x < best || (x == 0.0 && best == 0.0 && x.is_sign_negative()),
                };
                if x.is_nan() || (better && !best.is_nan()) {
                    best = x;
                }
            }
            V::Num(best)
        }
        Op::Merge => {
            let mut out = Vec::new();
            for a in all()? {
                match a {
                    V::Arr(items) => out.extend(items),
                    V::Json(Value::Array(items)) => out.extend(items.iter().map(V::Json)),
                    other => out.push(other),
                }
            }
            V::Arr(out)
        }
        Op::In => {
            let (a, b) = (at(0)?, at(1)?);
            rest(args, 2, env, scope)?;
            V::Bool(if !truthy_js(&b) {
                false
            } else if let Some(s) = b.as_str() {
                s.contains(to_string(&a).as_str())
            } else {
                match &b {
                    V::Arr(items) => items.iter().any(|i| strict_eq(i, &a)),
                    V::Json(Value::Array(items)) => items.iter().any(|i| strict_eq(&V::Json(i), &a)),
                    _ => false,
                }
            })
        }
        Op::Cat => {
            let mut out = String::new();
            for a in args {
                let v = eval(a, env, scope)?;
                if !v.is_nullish() {
                    out.push_str(&to_string(&v));
                }
            }
            V::Str(out)
        }
        Op::Substr => {
            let (source, start, end) = (at(0)?, at(1)?, at(2)?);
            rest(args, 3, env, scope)?;
            let text: Vec<u16> = to_string(&source).encode_utf16().collect();
            let part = if compare(&end, &V::Num(0.0)) == Some(Ordering::Less) {
                let tail = substr(&text, &start, &V::Undef);
                // `temp.length + end`: JavaScript's `+`, which joins text when `end` is text.
                let end = primitive(&end);
                let length = match end.as_str() {
                    Some(s) => V::Str(format!("{}{s}", tail.len())),
                    None => V::Num(tail.len() as f64 + to_number(&end)),
                };
                substr(tail, &V::Num(0.0), &length)
            } else {
                substr(&text, &start, &end)
            };
            V::Str(String::from_utf16_lossy(part))
        }
        Op::Log => {
            let a = at(0)?;
            rest(args, 1, env, scope)?;
            a
        }
        Op::Missing => missing(&all()?, env, scope),
        Op::MissingSome => {
            let (need, options) = (at(0)?, at(1)?);
            rest(args, 2, env, scope)?;
            let keys: Vec<V<'a>> = match &options {
                V::Arr(items) => items.clone(),
                V::Json(Value::Array(items)) => items.iter().map(V::Json).collect(),
                V::Undef | V::Null | V::Json(Value::Null) => {
                    return Err(format!("Cannot read properties of {} (reading 'length')", to_string(&options)));
                }
                other => vec![other.clone()],
            };
            let are_missing = missing(&keys, env, scope);
            let missed = match &are_missing {
                V::Arr(items) => items.len(),
                _ => 0,
            };
            let count = match &options {
                V::Arr(items) => items.len() as f64,
                V::Json(Value::Array(items)) => items.len() as f64,
                other => other.as_str().map_or(f64::NAN, |s| s.encode_utf16().count() as f64),
            };
            let found = V::Num(count - missed as f64);
            if matches!(compare(&found, &need), Some(Ordering::Greater | Ordering::Equal)) { V::Arr(Vec::new()) } else { are_missing }
        }
    })
}

/// `truthy(&eval(node))`, without making the value of a comparison, `and` or `or` (what an
/// `if` asks of its conditions).
fn holds<'a>(node: &'a Node, env: &Env<'a>, scope: &Scope<'_, 'a>) -> Result<bool, Failure> {
    match node {
        Node::Op(op @ (Op::Lt | Op::Le | Op::Gt | Op::Ge), args) => comparison(*op, args, env, scope),
        // `and` gives its first falsy argument or its last, `or` its first truthy one or its
        // last; with no argument, `undefined`.
        Node::Op(op @ (Op::And | Op::Or), args) => {
            let or = *op == Op::Or;
            for a in args.iter() {
                if holds(a, env, scope)? == or {
                    return Ok(or);
                }
            }
            Ok(!or && !args.is_empty())
        }
        _ => Ok(truthy(&eval(node, env, scope)?)),
    }
}

/// `<`, `<=` (both also between three values), `>`, `>=`.
fn comparison<'a>(op: Op, args: &'a [Node], env: &Env<'a>, scope: &Scope<'_, 'a>) -> Result<bool, Failure> {
    let wanted = |order: Option<Ordering>| match order {
        Some(Ordering::Less) => matches!(op, Op::Lt | Op::Le),
        Some(Ordering::Greater) => matches!(op, Op::Gt | Op::Ge),
        Some(Ordering::Equal) => matches!(op, Op::Le | Op::Ge),
        None => false,
    };
    if let [a, b] = args
        && (numeric(a) || numeric(b))
    {
        // One side is a number, so JavaScript compares both as numbers (text with text is
        // the only other case): ToNumber of each, in order, without their values.
        let x = number_of(a, env, scope)?;
        return Ok(wanted(x.partial_cmp(&number_of(b, env, scope)?)));
    }
    let at = |i: usize| arg(args, i, env, scope);
    Ok(if matches!(op, Op::Lt | Op::Le) {
        let (a, b, c) = (at(0)?, at(1)?, at(2)?);
        rest(args, 3, env, scope)?;
        if matches!(c, V::Undef) { wanted(compare(&a, &b)) } else { wanted(compare(&a, &b)) && wanted(compare(&b, &c)) }
    } else {
        let (a, b) = (at(0)?, at(1)?);
        rest(args, 2, env, scope)?;
        wanted(compare(&a, &b))
    })
}

/// Whether a node's value is always a number.
fn numeric(node: &Node) -> bool {
    match node {
        Node::Num(_) | Node::Json(Value::Number(_)) => true,
        Node::Op(Op::Add | Op::Sub | Op::Div | Op::Mod | Op::Max | Op::Min, _) => true,
        // `*` of one argument is that argument.
        Node::Op(Op::Mul, args) => args.len() > 1,
        _ => false,
    }
}

/// `to_number(&eval(node))`, without making the value of a number, a fact read or a division.
fn number_of<'a>(node: &'a Node, env: &Env<'a>, scope: &Scope<'_, 'a>) -> Result<f64, Failure> {
    match node {
        Node::Num(n) => Ok(*n),
        Node::Json(v) => Ok(json_number(v)),
        // A fact that is not there reads as null: 0.
        Node::Slot { slot, path, default: None } if path.is_empty() => Ok(env.row.get(*slot).copied().flatten().map_or(0.0, json_number)),
        Node::Op(op @ (Op::Div | Op::Mod), args) if args.len() == 2 => {
            let x = number_of(&args[0], env, scope)?;
            let y = number_of(&args[1], env, scope)?;
            Ok(if *op == Op::Div { x / y } else { x % y })
        }
        _ => Ok(to_number(&eval(node, env, scope)?)),
    }
}

/// ToNumber of a fact or a constant.
fn json_number(v: &Value) -> f64 {
    match v {
        Value::Number(n) => n.as_f64().unwrap_or(f64::NAN),
        other => to_number(&V::Json(other)),
    }
}

/// Evaluates the arguments past those an operator reads (json-logic-js evaluates them all).
fn rest<'a>(args: &'a [Node], from: usize, env: &Env<'a>, scope: &Scope<'_, 'a>) -> Result<(), Failure> {
    for a in args.iter().skip(from) {
        eval(a, env, scope)?;
    }
    Ok(())
}

fn scoped<'a>(op: Op, args: &'a [Node], env: &Env<'a>, scope: &Scope<'_, 'a>) -> Result<V<'a>, Failure> {
    let data = arg(args, 0, env, scope)?;
    let logic = args.get(1).unwrap_or(&Node::Undef);
    let items: Option<Vec<V<'a>>> = match data {
        V::Arr(items) => Some(items),
        V::Json(Value::Array(items)) => Some(items.iter().map(V::Json).collect()),
        _ => None,
    };
    if op == Op::Reduce {
        let initial = match args.get(2) {
            Some(node) => match eval(node, env, scope)? {
                V::Undef => V::Null,
                v => v,
            },
            None => V::Null,
        };
        let Some(items) = items else { return Ok(initial) };
        let mut accumulator = initial;
        for current in items {
            let item = V::Obj(vec![("current", current), ("accumulator", accumulator)]);
            accumulator = eval(logic, env, &Scope::Item(&item))?;
        }
        return Ok(accumulator);
    }
    let Some(items) = items else {
        return Ok(match op {
            Op::Map | Op::Filter => V::Arr(Vec::new()),
            Op::None => V::Bool(true),
            _ => V::Bool(false),
        });
    };
    Ok(match op {
        Op::Map => V::Arr(items.iter().map(|i| eval(logic, env, &Scope::Item(i))).collect::<Result<_, _>>()?),
        Op::Filter => {
            let mut out = Vec::new();
            for item in items {
                if truthy(&eval(logic, env, &Scope::Item(&item))?) {
                    out.push(item);
                }
            }
            V::Arr(out)
        }
        _ => {
            if items.is_empty() {
                return Ok(V::Bool(op == Op::None));
            }
            // all: the first false decides; some and none: the first true.
            let wanted = op != Op::All;
            for item in &items {
                if truthy(&eval(logic, env, &Scope::Item(item))?) == wanted {
                    return Ok(V::Bool(op == Op::Some));
                }
            }
            V::Bool(op != Op::Some)
        }
    })
}

/// json-logic-js's `missing`: the keys whose value is `null`, absent or `""`.
fn missing<'a>(args: &[V<'a>], env: &Env<'a>, scope: &Scope<'_, 'a>) -> V<'a> {
    let keys: Vec<V<'a>> = match args.first() {
        Some(V::Arr(items)) => items.clone(),
        Some(V::Json(Value::Array(items))) => items.iter().map(V::Json).collect(),
        _ => args.to_vec(),
    };
    let mut out = Vec::new();
    for key in keys {
        // `apply({"var": key})`: an array key is var's arguments.
        let value = match &key {
            V::Arr(parts) => var(parts.first().unwrap_or(&V::Undef), parts.get(1).unwrap_or(&V::Undef), env, scope),
            V::Json(Value::Array(parts)) => {
                var(&parts.first().map_or(V::Undef, V::Json), &parts.get(1).map_or(V::Undef, V::Json), env, scope)
            }
            other => var(other, &V::Undef, env, scope),
        };
        if value.is_nullish() || value.as_str() == Some("") {
            out.push(key);
        }
    }
    V::Arr(out)
}

fn substr<'t>(text: &'t [u16], start: &V, length: &V) -> &'t [u16] {
    let size = text.len() as f64;
    let start = integer(start);
    let from = if start < 0.0 { (size + start).max(0.0) } else { start.min(size) };
    let length = if matches!(length, V::Undef) { size } else { integer(length).clamp(0.0, size) };
    let to = (from + length).min(size);
    if to <= from { &[] } else { &text[from as usize..to as usize] }
}

/// ToIntegerOrInfinity.
fn integer(v: &V) -> f64 {
    let n = to_number(v);
    if n.is_nan() { 0.0 } else { n.trunc() }
}

impl<'a> V<'a> {
    fn as_str(&self) -> Option<&str> {
        match self {
            V::Str(s) => Some(s),
            V::Json(Value::String(s)) => Some(s),
            _ => None,
        }
    }

    fn is_nullish(&self) -> bool {
        matches!(self, V::Undef | V::Null | V::Json(Value::Null))
    }

    /// The value as JSON; `None` for a number JSON cannot hold (NaN, ±Infinity), which an
    /// evaluation reports, where json-logic-js's `JSON.stringify` would write `null`.
    pub(crate) fn to_json(&self, env: &Env<'a>) -> Option<Value> {
        Some(match self {
            V::Undef | V::Null => Value::Null,
            V::Bool(b) => Value::Bool(*b),
            V::Num(n) => number(*n)?,
            V::Str(s) => Value::String(s.clone()),
            V::Json(v) => (*v).clone(),
            V::Arr(items) => Value::Array(items.iter().map(|i| i.to_json(env).unwrap_or(Value::Null)).collect()),
            // Built by `insert` (a later key wins, as `collect` would have it): `collect` into
            // a map sorts and bulk-builds, code that a wasm module otherwise does not need.
            V::Obj(pairs) => {
                let mut map = Map::new();
                for (k, v) in pairs.iter() {
                    map.insert((*k).to_owned(), v.to_json(env).unwrap_or(Value::Null));
                }
                Value::Object(map)
            }
            V::Root => {
                let mut map = Map::new();
                for (k, v) in env.all.iter().filter(|(k, _)| !env.bad.contains(k)) {
                    map.insert(k.clone(), v.clone());
                }
                Value::Object(map)
            }
        })
    }
}

/// A computed number in JSON: whole numbers as integers (as jsonlogic-rs 0.5 wrote them).
fn number(n: f64) -> Option<Value> {
    if !n.is_finite() {
        None
    } else if n.fract() == 0.0 && n.abs() < 9.2e18 {
        Some(Value::Number(Number::from(n as i64)))
    } else {
        Number::from_f64(n).map(Value::Number)
    }
}

/// JsonLogic's truthiness: JavaScript's, except that an empty array is false.
pub(crate) fn truthy(v: &V) -> bool {
    match v {
        V::Arr(items) => !items.is_empty(),
        V::Json(Value::Array(items)) => !items.is_empty(),
        other => truthy_js(other),
    }
}

/// JavaScript's `!!value`.
fn truthy_js(v: &V) -> bool {
    match v {
        V::Undef | V::Null => false,
        V::Bool(b) => *b,
        V::Num(n) => *n != 0.0 && !n.is_nan(),
        V::Str(s) => !s.is_empty(),
        V::Json(j) => match j {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
            Value::String(s) => !s.is_empty(),
            Value::Array(_) | Value::Object(_) => true,
        },
        V::Arr(_) | V::Obj(_) | V::Root => true,
    }
}

/// What a value is, for the coercions.
enum Kind<'v> {
    Undef,
    Null,
    Bool(bool),
    Num(f64),
    Str(&'v str),
    /// An array or an object.
    Object,
}

fn kind<'v>(v: &'v V) -> Kind<'v> {
    match v {
        V::Undef => Kind::Undef,
        V::Null | V::Json(Value::Null) => Kind::Null,
        V::Bool(b) | V::Json(Value::Bool(b)) => Kind::Bool(*b),
        V::Num(n) => Kind::Num(*n),
        V::Json(Value::Number(n)) => Kind::Num(n.as_f64().unwrap_or(f64::NAN)),
        V::Str(s) => Kind::Str(s),
        V::Json(Value::String(s)) => Kind::Str(s),
        V::Json(Value::Array(_) | Value::Object(_)) | V::Arr(_) | V::Obj(_) | V::Root => Kind::Object,
    }
}

/// The same array or object (JavaScript compares them by identity).
fn identical(a: &V, b: &V) -> bool {
    match (a, b) {
        (V::Json(x), V::Json(y)) => std::ptr::eq(*x, *y),
        (V::Root, V::Root) => true,
        _ => false,
    }
}

/// ToPrimitive: arrays and objects become their text; the rest stays.
fn primitive<'a>(v: &V<'a>) -> V<'a> {
    match kind(v) {
        Kind::Object => V::Str(to_string(v)),
        _ => v.clone(),
    }
}

/// JavaScript's `a == b`.
fn loose_eq(a: &V, b: &V) -> bool {
    match (kind(a), kind(b)) {
        (Kind::Undef | Kind::Null, Kind::Undef | Kind::Null) => true,
        (Kind::Undef | Kind::Null, _) | (_, Kind::Undef | Kind::Null) => false,
        (Kind::Num(x), Kind::Num(y)) => x == y,
        (Kind::Str(x), Kind::Str(y)) => x == y,
        (Kind::Bool(x), Kind::Bool(y)) => x == y,
        (Kind::Num(x), Kind::Str(y)) | (Kind::Str(y), Kind::Num(x)) => x == str_to_number(y),
        (Kind::Bool(x), _) => loose_eq(&V::Num(f64::from(u8::from(x))), b),
        (_, Kind::Bool(y)) => loose_eq(a, &V::Num(f64::from(u8::from(y)))),
        (Kind::Object, Kind::Object) => identical(a, b),
        (Kind::Object, _) => loose_eq(&V::Str(to_string(a)), b),
        (_, Kind::Object) => loose_eq(a, &V::Str(to_string(b))),
    }
}

/// JavaScript's `a === b`.
fn strict_eq(a: &V, b: &V) -> bool {
    match (kind(a), kind(b)) {
        (Kind::Undef, Kind::Undef) | (Kind::Null, Kind::Null) => true,
        (Kind::Num(x), Kind::Num(y)) => x == y,
        (Kind::Str(x), Kind::Str(y)) => x == y,
        (Kind::Bool(x), Kind::Bool(y)) => x == y,
        (Kind::Object, Kind::Object) => identical(a, b),
        _ => false,
    }
}

/// JavaScript's relational comparison: text with text by UTF-16 code units, anything else
/// as numbers; `None` when a number is NaN (every comparison is then false).
fn compare(a: &V, b: &V) -> Option<Ordering> {
    let plain = |v: &V| match v {
        V::Num(n) => Some(*n),
        V::Json(Value::Number(n)) => Some(n.as_f64().unwrap_or(f64::NAN)),
        _ => None,
    };
    if let (Some(x), Some(y)) = (plain(a), plain(b)) {
        return x.partial_cmp(&y);
    }
    let (pa, pb) = (primitive(a), primitive(b));
    if let (Kind::Str(x), Kind::Str(y)) = (kind(&pa), kind(&pb)) {
        return Some(x.encode_utf16().cmp(y.encode_utf16()));
    }
    to_number(&pa).partial_cmp(&to_number(&pb))
}

/// JavaScript's ToNumber.
pub(crate) fn to_number(v: &V) -> f64 {
    match kind(v) {
        Kind::Undef => f64::NAN,
        Kind::Null => 0.0,
        Kind::Bool(b) => f64::from(u8::from(b)),
        Kind::Num(n) => n,
        Kind::Str(s) => str_to_number(s),
        Kind::Object => str_to_number(&to_string(v)),
    }
}

/// JavaScript's ToString (String(value), and what `cat` and `join` write).
fn to_string(v: &V) -> String {
    match v {
        V::Undef => "undefined".into(),
        V::Null => "null".into(),
        V::Bool(b) => b.to_string(),
        V::Num(n) => js_number(*n),
        V::Str(s) => s.clone(),
        V::Json(j) => match j {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => js_number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => s.clone(),
            Value::Array(items) => join(items.iter().map(V::Json)),
            Value::Object(_) => "[object Object]".into(),
        },
        V::Arr(items) => join(items.iter().cloned()),
        V::Obj(_) | V::Root => "[object Object]".into(),
    }
}

/// Array.prototype.join(","): `null` and `undefined` items are empty.
fn join<'a>(items: impl Iterator<Item = V<'a>>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if !item.is_nullish() {
            out.push_str(&to_string(&item));
        }
    }
    out
}

/// Number.prototype.toString(): the shortest digits that give the number back, laid out as
/// JavaScript does (plain from 1e-6 to below 1e21, with an exponent outside).
pub(crate) fn js_number(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n == 0.0 {
        return "0".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    // The shortest digits, ties to the even one, as ECMAScript's Number::toString chooses them.
    let Some((negative, digits, point)) = crate::text::shortest(n) else { return "NaN".into() };
    let digits = String::from_utf8(digits).unwrap_or_default();
    let sign = if negative { "-" } else { "" };
    let k = digits.len() as i64;
    if k <= point && point <= 21 {
        format!("{sign}{digits}{}", "0".repeat((point - k) as usize))
    } else if 0 < point && point <= 21 {
        format!("{sign}{}.{}", &digits[..point as usize], &digits[point as usize..])
    } else if -6 < point && point <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat((-point) as usize))
    } else {
        let e = point - 1;
        let e_sign = if e < 0 { '-' } else { '+' };
        let rest = if k > 1 { format!(".{}", &digits[1..]) } else { String::new() };
        format!("{sign}{}{rest}e{e_sign}{}", &digits[..1], e.abs())
    }
}

/// JavaScript's white space and line terminators (what `Number()` and `parseFloat` trim).
fn js_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}')
}

/// The longest decimal literal at the start of `s` (sign, digits, point, exponent): its length
/// and value.
fn decimal_prefix(s: &str) -> Option<(usize, f64)> {
    let b = s.as_bytes();
    let digits = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let negative = b.first() == Some(&b'-');
    let start = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let int_end = digits(start);
    let mut end = int_end;
    let mut frac = "";
    if b.get(end) == Some(&b'.') {
        let frac_end = digits(end + 1);
        frac = &s[end + 1..frac_end];
        if int_end == start && frac.is_empty() {
            return None;
        }
        end = frac_end;
    } else if int_end == start {
        return None;
    }
    let mut exponent = "0";
    if matches!(b.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(end + 1), Some(b'+' | b'-')));
        let exp_end = digits(end + 1 + sign);
        if exp_end > end + 1 + sign {
            exponent = &s[end + 1..exp_end];
            end = exp_end;
        }
    }
    let int = if int_end == start { "0" } else { &s[start..int_end] };
    let frac = if frac.is_empty() { "0" } else { frac };
    let value: f64 = format!("{int}.{frac}e{exponent}").parse().ok()?;
    Some((end, if negative { -value } else { value }))
}

/// JavaScript's StringToNumber: `Number("12")`, `"0x1A"`, `" 3 "`, `""` (0), else NaN.
pub(crate) fn str_to_number(s: &str) -> f64 {
    let t = s.trim_matches(js_space);
    if t.is_empty() {
        return 0.0;
    }
    match t {
        "Infinity" | "+Infinity" => return f64::INFINITY,
        "-Infinity" => return f64::NEG_INFINITY,
        _ => {}
    }
    let radix = match t.get(..2) {
        Some("0x" | "0X") => 16,
        Some("0o" | "0O") => 8,
        Some("0b" | "0B") => 2,
        _ => 10,
    };
    if radix != 10 {
        let body = &t[2..];
        if body.is_empty() {
            return f64::NAN;
        }
        return body.chars().try_fold(0.0, |acc, c| c.to_digit(radix).map(|d| acc * f64::from(radix) + f64::from(d))).unwrap_or(f64::NAN);
    }
    match decimal_prefix(t) {
        Some((len, value)) if len == t.len() => value,
        _ => f64::NAN,
    }
}

/// JavaScript's parseFloat of a value's text.
fn parse_float(v: &V) -> f64 {
    if let Kind::Num(n) = kind(v) {
        // String(n) and back gives n, except that -0 becomes 0.
        return if n == 0.0 { 0.0 } else { n };
    }
    let text = to_string(v);
    let t = text.trim_start_matches(js_space);
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    if unsigned.starts_with("Infinity") {
        return if t.starts_with('-') { f64::NEG_INFINITY } else { f64::INFINITY };
    }
    decimal_prefix(t).map_or(f64::NAN, |(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(expr: Value, data: Value) -> Result<Option<Value>, Failure> {
        let mut slots = Slots::default();
        let node = compile(&expr, &mut slots);
        let facts = data.as_object().cloned().unwrap_or_default();
        let row = slots.row(&facts, &[]);
        let env = Env { row: &row, all: &facts, bad: &[] };
        eval(&node, &env, &Scope::Root).map(|v| v.to_json(&env))
    }

    fn value(expr: Value, data: Value) -> Value {
        match run(expr.clone(), data) {
            Ok(Some(v)) => v,
            other => panic!("{expr}: {other:?}"),
        }
    }

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        for (n, text) in [
            (1.0, "1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1e+21"),
            (1.5e21, "1.5e+21"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e-6, "0.000001"),
            (1e-7, "1e-7"),
            (-2.5e-7, "-2.5e-7"),
            (-0.0, "0"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
            // Exactly between two shortest 17-digit strings: the even one, as V8 writes them
            // (String(165793407361858.125) in node); Rust's `{}` and `{:e}` round these up.
            (165_793_407_361_858.125, "165793407361858.12"),
            (-1_149_636_667_324_797.25, "-1149636667324797.2"),
            (-264_310_078_315_752.625, "-264310078315752.62"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
        ] {
            assert_eq!(js_number(n), text, "{n}");
        }
    }

    #[test]
    fn text_becomes_a_number_as_in_javascript() {
        for (s, n) in [("12", 12.0), (" 3 ", 3.0), ("", 0.0), ("0x1A", 26.0), ("1e3", 1000.0), (".5", 0.5), ("5.", 5.0), ("-Infinity", f64::NEG_INFINITY)] {
            assert_eq!(str_to_number(s), n, "{s:?}");
        }
        for s in ["inf", "nan", "1e", "1,5", "0x", "abc", "1 2"] {
            assert!(str_to_number(s).is_nan(), "{s:?}");
        }
        assert_eq!(parse_float(&V::Str("1e5x".into())), 100000.0);
        assert_eq!(parse_float(&V::Str("  -.5abc".into())), -0.5);
        assert!(parse_float(&V::Null).is_nan());
    }

    #[test]
    fn the_values_jsonlogic_rs_gets_wrong_are_json_logic_js_ones() {
        // Each of these is what json-logic-js gives; jsonlogic-rs 0.5 gives something else.
        assert_eq!(value(json!({"<=": [null, 0]}), json!({})), json!(true));
        assert_eq!(value(json!({">=": [false, null]}), json!({})), json!(true));
        assert_eq!(value(json!({"missing": ["a", "b"]}), json!({"a": null, "b": ""})), json!(["a", "b"]));
        assert_eq!(value(json!({"!": [0, 1]}), json!({})), json!(true));
        assert_eq!(value(json!({"*": ["3"]}), json!({})), json!("3"));
        assert_eq!(value(json!({"+": ["1e2x", 1]}), json!({})), json!(101));
        assert_eq!(value(json!({"==": [" 1 ", 1]}), json!({})), json!(true));
        assert_eq!(value(json!({">": [{"/": [1, 0]}, 5]}), json!({})), json!(true));
        assert_eq!(value(json!({"cat": [1.0, "|", 1e21, "|", null]}), json!({})), json!("1|1e+21|"));
        assert_eq!(value(json!({"in": [{"var": "x"}, [{"var": "y"}, 2]]}), json!({"x": 1, "y": 1})), json!(true));
        // -Infinity is no JSON number: an error, where jsonlogic-rs 0.5 gave 0.
        assert!(matches!(run(json!({"max": []}), json!({})), Ok(None)));
    }

    #[test]
    fn division_by_zero_is_infinity_and_an_error_only_as_the_final_value() {
        assert!(matches!(run(json!({"/": [1, 0]}), json!({})), Ok(None)));
        assert_eq!(value(json!({"if": [{">": [{"var": "b"}, 0]}, {"/": [{"var": "a"}, {"var": "b"}]}, 0]}), json!({"a": 1, "b": 0})), json!(0));
    }

    #[test]
    fn var_reads_paths_defaults_and_items() {
        let data = json!({"a": {"b": [10, 20]}, "s": "汉字", "n": null, "x": 3.0});
        assert_eq!(value(json!({"var": "a.b.1"}), data.clone()), json!(20));
        assert_eq!(value(json!({"var": ["a.c", 7]}), data.clone()), json!(7));
        assert_eq!(value(json!({"var": ["n", 7]}), data.clone()), json!(null));
        assert_eq!(value(json!({"var": "s.1"}), data.clone()), json!("字"));
        assert_eq!(value(json!({"var": "a.b.length"}), data.clone()), json!(2));
        // A fact keeps its JSON form; a computed whole number is an integer.
        assert_eq!(value(json!({"var": "x"}), data.clone()).to_string(), "3.0");
        assert_eq!(value(json!({"+": [{"var": "x"}]}), data.clone()).to_string(), "3");
        assert_eq!(value(json!({"map": [{"var": "a.b"}, {"*": [{"var": ""}, 2]}]}), data.clone()), json!([20, 40]));
        assert_eq!(value(json!({"reduce": [{"var": "a.b"}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, 0]}), data), json!(30));
    }

    #[test]
    fn constants_are_folded_and_facts_get_slots() {
        let mut slots = Slots::default();
        let node = compile(&json!({"+": [{"*": [2, 3]}, {"var": "a"}, {"var": "b.c"}, {"var": "a"}]}), &mut slots);
        assert_eq!(slots.0, vec!["a".to_owned(), "b".to_owned()]);
        let Node::Op(Op::Add, args) = node else { panic!("{node:?}") };
        assert_eq!(args[0], Node::Num(6.0));
        assert!(matches!(&args[2], Node::Slot { slot: 1, path, default: None } if path.as_ref() == ["c".to_owned()]));
    }

    #[test]
    fn failures_are_errors_not_panics() {
        assert!(run(json!({"*": []}), json!({})).is_err());
        assert!(run(json!({"nope": [1]}), json!({})).is_err());
        assert!(run(json!({"missing_some": [1, null]}), json!({})).is_err());
    }
}
