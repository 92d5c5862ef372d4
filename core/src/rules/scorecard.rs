//! A scorecard document: a rule set and the entities it rates, in one JSON object — what
//! `<gr-scorecard>` reads, and what a portal can keep as one file per assessment round.
//!
//! ```json
//! {"rules": { …a rule set… },
//!  "entities": [{"id": "c01", "name": "胜利社区", "facts": {"meetings_held_rate": 0.96}}]}
//! ```
//! Every problem's path is from the document's root: `$.rules.sections[0].id`,
//! `$.entities[3].facts.criminal_cases`.

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;
use serde_json::Value;

use super::eval::{Entity, Evaluation};
use super::set::RuleSet;
use crate::error::{Error, Problem, ProblemKind};

const KEYS: [&str; 2] = ["rules", "entities"];

/// A rule set, the entities it rates, and their evaluation (done once, when read).
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    rules: RuleSet,
    entities: Vec<Entity>,
    evaluation: Evaluation,
    warnings: Vec<Problem>,
}

/// `$` of an inner document becomes `prefix`: `$.sections[0]` → `$.rules.sections[0]`.
fn rebase(mut problem: Problem, prefix: &str) -> Problem {
    let rest = problem.path.strip_prefix('$').unwrap_or(&problem.path);
    problem.path = format!("{prefix}{rest}");
    problem
}

impl Scorecard {
    /// Reads the document, checks the rule set (every static check) and the entities
    /// (shapes, duplicate ids), and evaluates them. Missing or ill-typed facts are not errors
    /// here: they are the evaluation's diagnostics, and the rest is still scored.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        crate::limits::check(text)?;
        let value: Value = serde_json::from_str(text).map_err(|e| Error::syntax(&e))?;
        let shape = |path: String, message: String| Problem::error(None, path, ProblemKind::Shape { message });
        let Value::Object(doc) = value else {
            return Err(Error::Invalid { problems: vec![shape("$".into(), "expected an object with \"rules\" and \"entities\"".into())] });
        };
        let mut problems: Vec<Problem> = doc
            .keys()
            .filter(|k| !KEYS.contains(&k.as_str()))
            .map(|k| shape(format!("$.{k}"), format!("unknown field `{k}`, expected `rules` or `entities`")))
            .collect();
        let rules = match doc.get("rules") {
            None => {
                problems.push(shape("$.rules".into(), "missing field `rules`".into()));
                None
            }
            Some(v) => match RuleSet::from_value(v) {
                Ok(rules) => Some(rules),
                Err(e) => {
                    problems.extend(e.into_problems().into_iter().map(|p| rebase(p, "$.rules")));
                    None
                }
            },
        };
        // Taken by moving the map out, not `remove`: a map that is only built, read and dropped
        // keeps the B-tree's rebalancing code out of the wasm modules (about 5 KB of raw code).
        let entities = match doc.into_iter().find_map(|(k, v)| (k == "entities").then_some(v)) {
            None => {
                problems.push(shape("$.entities".into(), "missing field `entities`".into()));
                None
            }
            Some(v) => match Entity::list_from_value(v, "$.entities") {
                Ok(list) => Some(list),
                Err(e) => {
                    problems.extend(e.into_problems());
                    None
                }
            },
        };
        if let Some(list) = &entities {
            // Each id's first index, in one pass (a scan of the ids before each entity was
            // quadratic: 50 million comparisons for 10,000 entities, most of the load's time).
            let mut first: FxHashMap<&str, usize> = FxHashMap::default();
            for (i, entity) in list.iter().enumerate() {
                match first.entry(entity.id.as_str()) {
                    Entry::Occupied(at) => problems.push(Problem::error(
                        Some(entity.id.clone()),
                        format!("$.entities[{i}].id"),
                        ProblemKind::DuplicateId { id: entity.id.clone(), first: format!("$.entities[{}]", at.get()) },
                    )),
                    Entry::Vacant(slot) => {
                        slot.insert(i);
                    }
                }
            }
        }
        match (rules, entities) {
            (Some(mut rules), Some(entities)) if problems.is_empty() => {
                let mut evaluation = rules.evaluate(&entities);
                evaluation.diagnostics = std::mem::take(&mut evaluation.diagnostics)
                    .into_iter()
                    .map(|p| if p.path.starts_with("$[") { rebase(p, "$.entities") } else { rebase(p, "$.rules") })
                    .collect();
                // Moved to the scorecard with their paths from its root, not copied.
                let warnings = std::mem::take(&mut rules.warnings).into_iter().map(|p| rebase(p, "$.rules")).collect();
                Ok(Scorecard { rules, entities, evaluation, warnings })
            }
            _ => Err(Error::Invalid { problems }),
        }
    }

    /// The rule set. Its warnings are the scorecard's: see [`Scorecard::warnings`].
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The entities, in input order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Their evaluation; diagnostics' paths are from the document's root.
    pub fn evaluation(&self) -> &Evaluation {
        &self.evaluation
    }

    /// The rule set's warnings, paths from the document's root (taken from the rule set:
    /// `rules().warnings()` is empty).
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// The name to show for an entity: its `name`, else its id.
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.entities.iter().find(|e| e.id == id).and_then(|e| e.name.as_deref()).unwrap_or(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules() -> Value {
        json!({
            "id": "t", "version": "1", "entity": "community",
            "effective": {"from": "2026-01-01", "to": "2026-12-31"},
            "sections": [{"id": "s", "zh": "网格", "en": "grids", "max": 100, "indicators": [
                {"id": "cov", "zh": "网格党支部覆盖率", "en": "grids with a branch",
                 "expr": {"var": "coverage_grids_with_branch"}, "bands": [{"min": 0.9, "points": 100}]}]}],
            "outcome": {"pass": {"each_section": 80, "total": 80}}
        })
    }

    #[test]
    fn paths_are_from_the_documents_root() {
        let mut bad_rules = rules();
        bad_rules["sections"][0]["indicators"][0]["bands"][0]["min"] = json!(2);
        let doc = json!({"rules": bad_rules, "entities": [{"id": "a", "facts": {}}, {"id": "a"}, {"id": 3}], "extra": 1});
        let problems = Scorecard::from_json(&doc.to_string()).map(|_| ()).unwrap_err().problems();
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["$.extra", "$.rules.sections[0].indicators[0].bands[0].min", "$.entities[2].id"]);
    }

    #[test]
    fn duplicate_entities_and_diagnostics_name_the_entity() {
        let doc = json!({"rules": rules(), "entities": [{"id": "a", "name": "胜利社区"}, {"id": "a"}]});
        let problems = Scorecard::from_json(&doc.to_string()).map(|_| ()).unwrap_err().problems();
        assert_eq!(problems[0].path, "$.entities[1].id");
        // Every repeat is named, each with the first entity of its id.
        let doc = json!({"rules": rules(), "entities": [{"id": "a"}, {"id": "b"}, {"id": "a"}, {"id": "b"}, {"id": "a"}]});
        let problems = Scorecard::from_json(&doc.to_string()).map(|_| ()).unwrap_err().problems();
        let found: Vec<(&str, &ProblemKind)> = problems.iter().map(|p| (p.path.as_str(), &p.kind)).collect();
        let dup = |id: &str, first: &str| ProblemKind::DuplicateId { id: id.into(), first: first.into() };
        assert_eq!(
            found,
            [
                ("$.entities[2].id", &dup("a", "$.entities[0]")),
                ("$.entities[3].id", &dup("b", "$.entities[1]")),
                ("$.entities[4].id", &dup("a", "$.entities[0]")),
            ]
        );

        let doc = json!({"rules": rules(), "entities": [{"id": "a", "name": "胜利社区"}, {"id": "b", "facts": {"coverage_grids_with_branch": "x"}}]});
        let card = Scorecard::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"));
        let paths: Vec<&str> = card.evaluation().diagnostics.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["$.rules.sections[0].indicators[0].expr", "$.entities[1].facts.coverage_grids_with_branch"]);
        assert_eq!(card.name_of("a"), "胜利社区");
        assert_eq!(card.name_of("b"), "b");
    }
}
