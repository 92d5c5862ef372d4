//! `RuleSet::from_json`: a rule set's shapes and every static check. A loaded rule set
//! evaluates the example entities and none, is diffed against itself and the shipped
//! 五星 set, and is written back (its serializer plus its declared facts).
#![no_main]

use std::sync::LazyLock;

use grassroots::RuleSet;
use grassroots::rules::{Entity, RuleSetDiff};
use grassroots_fuzz::{ENTITIES, RULE_SETS, assert_error, assert_evaluation, assert_problems, assert_round_trip, fixture, rule_set_value, text, to_value};
use libfuzzer_sys::fuzz_target;

static EXAMPLE: LazyLock<Vec<Entity>> = LazyLock::new(|| fixture("five-star-example", Entity::list_from_json(ENTITIES)));
static FIVE_STAR: LazyLock<RuleSet> = LazyLock::new(|| fixture("five-star-community", RuleSet::from_json(RULE_SETS[1].1)));

fn write(rules: &RuleSet) -> String {
    rule_set_value(rules).to_string()
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    match RuleSet::from_json(text) {
        Ok(rules) => {
            assert_problems(rules.warnings(), "rule set warnings");
            let _: f64 = rules.sections().iter().flat_map(|s| &s.indicators).map(|i| i.max_points()).sum();
            let evaluation = rules.evaluate(&EXAMPLE);
            assert_evaluation(&evaluation, "rule set evaluation");
            assert_evaluation(&rules.evaluate(&[]), "rule set evaluation of none");
            let _ = to_value(&RuleSetDiff::between(&rules, &rules, &EXAMPLE));
            let _ = to_value(&RuleSetDiff::between(&FIVE_STAR, &rules, &EXAMPLE));
            let again = assert_round_trip("rule set", &write(&rules), RuleSet::from_json, write);
            assert_eq!(evaluation, again.evaluate(&EXAMPLE), "rule set: written back, it evaluates differently");
        }
        Err(e) => assert_error(&e, "rule set"),
    }
});
