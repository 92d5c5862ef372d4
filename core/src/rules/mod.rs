//! Evaluation rules (考核评价): rule sets as data, checked when they load, evaluated over
//! entities' facts with scores, tiers, ranks and explanations in zh-CN and English.
//!
//! A rule set (JSON) has an id, a version, an effective period, the kind of entity it rates
//! and a scorecard: sections (e.g. the five stars of 五星支部) → indicators, each a
//! **JsonLogic** expression over the entity's facts, scored by bands (`value ≥ min` →
//! points, highest band first) or by fixed points for a yes/no expression. Sections are
//! capped at their `max`; bonuses add points to a section or to the total; vetoes
//! (一票否决) void a section or the whole rating. The outcome rules give the pass and
//! excellence marks (each section, total, and the top share of the peers).
//!
//! ```
//! use grassroots::rules::{Entity, RuleSet, Tier};
//! use serde_json::json;
//!
//! # fn main() -> Result<(), grassroots::Error> {
//! let rules = RuleSet::from_json(r#"{
//!   "id": "demo", "version": "1", "entity": "community",
//!   "effective": {"from": "2026-01-01", "to": "2026-12-31"},
//!   "sections": [{"id": "grids", "zh": "网格", "en": "grids", "max": 100, "indicators": [
//!     {"id": "coverage", "zh": "网格党支部覆盖率", "en": "grids with a branch",
//!      "expr": {"var": "coverage_grids_with_branch"},
//!      "bands": [{"min": 0.9, "points": 100}, {"min": 0.8, "points": 80}]}]}],
//!   "outcome": {"pass": {"each_section": 80, "total": 80}}
//! }"#)?;
//! let facts = json!({"coverage_grids_with_branch": 0.92});
//! let entity = Entity::new("c1", facts.as_object().cloned().unwrap_or_default());
//! let result = rules.evaluate(&[entity]);
//! let c1 = &result.entities[0];
//! assert_eq!(c1.tier, Tier::Pass);
//! assert_eq!(c1.sections[0].indicators[0].reason().zh(), "网格党支部覆盖率 92% ≥ 90%，得 100 分");
//! # Ok(())
//! # }
//! ```
//!
//! Design decisions:
//! - **JsonLogic evaluation: our own compiled evaluator (`vm.rs`).** Each rule set's
//!   expressions are compiled once, when it loads: facts resolved to slots of a per-entity
//!   fact row, constants folded, operators an enum over a small value type that borrows the
//!   facts. The semantics are json-logic-js's (the reference implementation), proved by the
//!   official JsonLogic suite, 2,000 json-logic-js values and a proptest against jsonlogic-rs
//!   0.5 (`differential.rs`; the divergences of jsonlogic-rs are listed in ARCHITECTURE.md).
//!   It replaced jsonlogic-rs 0.5, which walked `serde_json::Value`s allocating on every
//!   operator (and was ≈ 42 KB of every module that evaluates rules); one evaluator serves
//!   native and wasm, so both give the same results.
//! - Shipped rule sets use only [`STANDARD_OPERATORS`]; the static checks reject any other,
//!   so a portal back end with any JsonLogic library computes the same values.
//! - Facts are data: a [`FactCatalogue`] names each fact, its type and unit — the figures the
//!   organization core computes for a node, plus facts a rule set declares for its callers
//!   to supply. Expressions may read only catalogued facts; [`rollup_facts`] gives a node's
//!   core facts from its [`crate::Rollup`].
//! - The static checks infer what they can of an expression's type without evaluating it
//!   (a fact read directly, a comparison, arithmetic) and say nothing where they cannot.
//! - Evaluation returns data: a missing fact, an ill-typed fact or a failing expression gives
//!   a diagnostic and 0 points for that rule, never a panic or an early return.
//! - Output order is deterministic: entities in input order, sections and indicators in
//!   rule-set order, ranks by total then entity id.
//! - Versions: [`RuleSetDiff`] evaluates two versions of a rule set on the same entities and
//!   names whose tier, pass/fail, rank or total changes, and why (points per indicator with
//!   both explanations, vetoes and bonuses under one version only), plus what changed in the
//!   rules themselves.

mod diff;
mod eval;
mod expr;
mod facts;
mod reason;
#[cfg(feature = "generate")]
pub mod generate;
mod set;
mod scorecard;
mod vm;
#[cfg(test)]
mod differential;

/// Numbers as the explanations write them (to two decimals, whole numbers without a point):
/// here, where both the static checks (`expr`) and the rule-set loader (`set`) reach it.
pub(crate) use crate::text::number as num;

pub mod cases;
pub use diff::{EntityChange, IndicatorChange, OneSided, Part, RuleChange, RuleSetDiff, SectionChange, Side, SideDiagnostics, Standing, Version};
pub use eval::{BonusResult, Entity, EntityResult, Evaluation, IndicatorResult, Reason, SectionResult, Tier, VetoResult};
pub use expr::STANDARD_OPERATORS;
pub use scorecard::Scorecard;
pub use facts::{Fact, FactCatalogue, FactType, Unit, rollup_facts, tree_entities};
#[cfg(feature = "lists")]
pub use facts::list_facts;
#[cfg(feature = "cases")]
pub use facts::case_facts;
#[cfg(feature = "services")]
pub use facts::{TeamLedger, ledger_facts, team_ledger_facts};
pub use set::{Band, Bonus, Eligibility, Indicator, Marks, Outcome, Period, RuleSet, Section, Veto, Voids};
