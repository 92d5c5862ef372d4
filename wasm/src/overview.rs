//! What the overview widgets read — `<gr-dashboard>` and `<gr-grid-map>`: an organization
//! with, when given, the case metrics of a period, a scorecard's evaluation and the map's
//! geometry, as `{"org", "geo"?, "cases"?, "period"?, "min_sample"?, "scorecard"?}`.
//!
//! A module is built with the parts its widgets need (cargo features `cases`, `rules`,
//! `geo`); the map's small module reads only `org` and `geo`, and `grassroots.js` loads the
//! larger one when the data has `cases` or `scorecard`.

#[cfg(feature = "cases")]
use grassroots::cases::{CaseMetrics, CasesDoc, MetricsOptions, MetricsReport, Timestamp, metrics};
#[cfg(feature = "dashboard")]
use grassroots::cases::Rate;
#[cfg(feature = "geo")]
use std::rc::Rc;

#[cfg(feature = "geo")]
use grassroots::geo::GeoDoc;
#[cfg(any(feature = "cases", feature = "rules"))]
use grassroots::org::NodeId;
#[cfg(feature = "cases")]
use grassroots::org::Date;
#[cfg(feature = "rules")]
use grassroots::rules::{Scorecard, Tier};
use grassroots::{Error, Organization, Problem, ProblemKind, Severity};
#[cfg(feature = "cases")]
use serde_json::Value;

#[cfg(feature = "dashboard")]
use crate::i18n::Catalogue;
#[cfg(feature = "geo")]
use crate::map_model::MapModel;
use crate::{members, nested_problems, unless_syntax, wrapper_parts};

/// An organization and what was given with it, read and checked.
pub struct Overview {
    /// The organization document.
    pub org: Organization,
    /// The case metrics of every node over the period.
    #[cfg(feature = "cases")]
    pub metrics: Option<MetricsReport>,
    /// Cases opened in the period and not closed by its end, by node (its subtree), indexed
    /// by `NodeId`; empty without cases.
    #[cfg(feature = "cases")]
    pub open: Vec<u64>,
    /// The scorecard whose entities are nodes of the tree (by record id).
    #[cfg(feature = "rules")]
    pub card: Option<Scorecard>,
    /// The grids and nodes of the geometry document, ready to draw.
    #[cfg(feature = "geo")]
    pub map: Option<Rc<MapModel>>,
    /// The re-cut of the geometry's blocks that `"recut": {options}` asks for.
    #[cfg(feature = "recut")]
    pub recut: Option<crate::recut_data::RecutData>,
    /// The cases' and the geometry's warnings, and cases whose node is not in the tree (left
    /// out of every rate).
    pub warnings: Vec<Problem>,
}

pub(crate) fn shape(path: &str, message: String) -> Problem {
    Problem { severity: Severity::Error, record: None, path: path.to_owned(), kind: ProblemKind::Shape { message } }
}

#[cfg(feature = "cases")]
/// The period `{"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}` as the instants `[from, to)`.
fn period(value: &str, problems: &mut Vec<Problem>) -> Option<(Timestamp, Timestamp)> {
    // Its members as written, each told as written when it is not a date.
    let Ok(Some(map)) = members(value) else {
        problems.push(shape("$.period", "expected an object {\"from\", \"to\"}".to_owned()));
        return None;
    };
    let mut day = |key: &str| {
        let text = crate::member(&map, key);
        let at = match text.and_then(|t| serde_json::from_str(t).ok()) {
            Some(Value::String(day)) => Date::parse(&day).and_then(Timestamp::start_of),
            _ => None,
        };
        if at.is_none() {
            problems.push(shape(&format!("$.period.{key}"), format!("expected a date YYYY-MM-DD, found {}", text.unwrap_or("nothing"))));
        }
        at
    };
    let (from, to) = (day("from"), day("to"));
    let (from, to) = (from?, to?);
    if to <= from {
        problems.push(shape("$.period.to", format!("the period ends ({to}) before it starts ({from})")));
        return None;
    }
    Some((from, to))
}

#[cfg(feature = "cases")]
/// The smallest sample a rate is given for: a whole number from 1.
fn min_sample(value: &str, problems: &mut Vec<Problem>) -> Option<u64> {
    // Read as JSON: the text is the wrapper's, which no one else checks (`05`, `+5`).
    match serde_json::from_str::<Value>(value).ok().and_then(|n| n.as_u64()) {
        Some(n) if n >= 1 => Some(n),
        _ => {
            problems.push(shape("$.min_sample", format!("expected a whole number of cases from 1, found {value}")));
            None
        }
    }
}

/// The keys of the overview document this module reads, and whether each is required.
fn keys(need_geo: bool) -> Vec<(&'static str, bool)> {
    let mut keys = vec![("org", true)];
    #[cfg(feature = "geo")]
    keys.push(("geo", need_geo));
    let _ = need_geo;
    #[cfg(feature = "cases")]
    keys.extend([("cases", false), ("period", false), ("min_sample", false)]);
    #[cfg(feature = "rules")]
    keys.push(("scorecard", false));
    #[cfg(feature = "recut")]
    keys.push(("recut", false));
    keys
}

/// Reads the overview document. Every problem of every part is reported, with its path from
/// the top (`$.org.nodes[3].parent`). `need_geo`: `geo` is required (the map).
pub fn load(json: &str, need_geo: bool) -> Result<Overview, Error> {
    let map = match members(json) {
        Ok(Some(map)) => map,
        Ok(None) => return Err(Error::Invalid { problems: vec![shape("$", format!("expected an object {{{}}}", keys(need_geo).iter().map(|(k, _)| format!("\"{k}\"")).collect::<Vec<_>>().join(", ")))] }),
        Err(e) => return Err(e),
    };
    let mut problems = Vec::new();
    let keys = keys(need_geo);
    let parts = wrapper_parts(&map, &keys, &mut problems);
    let part = |key: &str| keys.iter().position(|(k, _)| *k == key).and_then(|i| parts[i]);
    let org = part("org").and_then(|j| Organization::from_json(j).map_err(|e| problems.extend(nested_problems(e, "org"))).ok());
    #[cfg(feature = "geo")]
    let geo = part("geo").and_then(|j| GeoDoc::from_json(j).map_err(|e| problems.extend(nested_problems(e, "geo"))).ok());
    #[cfg(feature = "cases")]
    let (cases, span, sample) = {
        let cases = part("cases").and_then(|j| CasesDoc::from_json(j).map_err(|e| problems.extend(nested_problems(e, "cases"))).ok());
        let span = part("period").and_then(|j| period(j, &mut problems));
        if part("cases").is_some() && part("period").is_none() {
            problems.push(shape("$", "missing field `period`, needed with `cases`".to_owned()));
        }
        (cases, span, part("min_sample").and_then(|j| min_sample(j, &mut problems)))
    };
    #[cfg(feature = "rules")]
    let card = part("scorecard").and_then(|j| Scorecard::from_json(j).map_err(|e| problems.extend(nested_problems(e, "scorecard"))).ok());
    match org {
        Some(org) if problems.iter().all(|p| p.severity != Severity::Error) => {
            #[allow(unused_mut)]
            let mut warnings: Vec<Problem> = Vec::new();
            #[cfg(feature = "cases")]
            let (metrics, open) = match (cases, span) {
                (Some(mut doc), Some((from, to))) => {
                    let mut found = doc.take_warnings();
                    found.extend(doc.check_nodes(org.tree()));
                    warnings.extend(nested_problems(Error::Invalid { problems: found }, "cases"));
                    let options = MetricsOptions::new(from, to);
                    let report = metrics(&doc, org.tree(), &sample.map_or(options, |n| options.min_sample(n)));
                    let open = open_cases(&doc, &org, from, to);
                    (Some(report), open)
                }
                _ => (None, Vec::new()),
            };
            #[cfg(feature = "recut")]
            let recut = match (part("recut"), part("geo"), geo.as_ref()) {
                (Some(options), Some(text), Some(g)) => match crate::recut_data::compute(options, text, g, &org) {
                    Ok(r) => Some(r),
                    Err(found) => return Err(unless_syntax(json, Error::Invalid { problems: found })),
                },
                (Some(_), _, _) => return Err(unless_syntax(json, Error::Invalid { problems: vec![shape("$", "`recut` needs `geo` with the blocks to re-cut".to_owned())] })),
                _ => None,
            };
            #[cfg(feature = "geo")]
            let map = geo.map(|mut geo| {
                warnings.extend(nested_problems(Error::Invalid { problems: geo.take_warnings() }, "geo"));
                Rc::new(MapModel::new(&org, &geo, &mut warnings))
            });
            Ok(Overview {
                org,
                #[cfg(feature = "cases")]
                metrics,
                #[cfg(feature = "cases")]
                open,
                #[cfg(feature = "rules")]
                card,
                #[cfg(feature = "geo")]
                map,
                #[cfg(feature = "recut")]
                recut,
                warnings,
            })
        }
        _ => {
            problems.sort_by_key(|p| p.severity);
            Err(unless_syntax(json, Error::Invalid { problems }))
        }
    }
}

#[cfg(feature = "cases")]
/// Cases opened in `[from, to)` and not closed by `to`, counted at their node and every node
/// above it. A case's `node` is a node's record id or a grid's id (counted at the grid's
/// branch node, else its community).
fn open_cases(doc: &CasesDoc, org: &Organization, from: Timestamp, to: Timestamp) -> Vec<u64> {
    let tree = org.tree();
    let mut open = vec![0u64; tree.len()];
    for case in doc.cases() {
        if case.opened < from || case.opened >= to || case.closed().is_some_and(|c| c < to) {
            continue;
        }
        let at = tree.find(&case.node).or_else(|| org.grids().iter().find(|g| g.record().id == case.node).map(|g| g.branch().unwrap_or(g.community())));
        if let Some(at) = at {
            for n in tree.path_to_root(at) {
                open[n.index()] += 1;
            }
        }
    }
    open
}

#[cfg(feature = "cases")]
/// The day of an instant, in Asia/Shanghai: `2026-06-01`.
pub fn day(at: Timestamp) -> String {
    at.to_string().chars().take(10).collect()
}

/// A share as people write it: `85.7%` (to a tenth, half away from zero: see
/// [`grassroots::text::fixed_into`]).
pub fn percent(value: f64) -> String {
    let mut out = grassroots::text::fixed(value * 100.0, 1);
    out.push('%');
    out
}

#[cfg(feature = "cases")]
/// The case metrics of a node, if cases were given.
pub fn node_metrics(data: &Overview, id: NodeId) -> Option<&CaseMetrics> {
    let record = data.org.tree().node(id).id();
    data.metrics.as_ref()?.nodes.iter().find(|m| m.node == record)
}

#[cfg(feature = "rules")]
/// The tier of a node in the scorecard, if it is one of its entities.
pub fn node_tier(data: &Overview, id: NodeId) -> Option<Tier> {
    let record = data.org.tree().node(id).id();
    data.card.as_ref()?.evaluation().entities.iter().find(|e| e.id == record).map(|e| e.tier)
}

#[cfg(feature = "dashboard")]
/// A rate as text: the share with its parts, "not enough cases" with them, or "no cases".
pub fn rate_text(rate: &Rate, text: &Catalogue) -> String {
    match rate.value {
        Some(v) => (text.dash_ratio)(&percent(v), rate.numerator, rate.denominator),
        None if rate.denominator == 0 => text.dash_no_cases.to_owned(),
        None => (text.dash_not_enough)(rate.numerator, rate.denominator),
    }
}
