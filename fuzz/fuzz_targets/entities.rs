//! `Entity::list_from_json`: the entities a rule set rates (`grassroots eval RULES
//! ENTITIES`). Loaded entities are evaluated by every shipped rule set and written back.
#![no_main]

use std::sync::LazyLock;

use grassroots::RuleSet;
use grassroots::rules::Entity;
use grassroots_fuzz::{RULE_SETS, assert_error, assert_evaluation, assert_round_trip, fixture, text, to_value};
use libfuzzer_sys::fuzz_target;

static SETS: LazyLock<Vec<RuleSet>> = LazyLock::new(|| RULE_SETS.iter().map(|(name, text)| fixture(name, RuleSet::from_json(text))).collect());

fn write(entities: &Vec<Entity>) -> String {
    to_value(entities).to_string()
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    match Entity::list_from_json(text) {
        Ok(entities) => {
            for rules in SETS.iter() {
                assert_evaluation(&rules.evaluate(&entities), "entities evaluated");
            }
            let again = assert_round_trip("entities", &write(&entities), Entity::list_from_json, write);
            assert_eq!(entities, again, "entities: written back, they differ");
        }
        Err(e) => assert_error(&e, "entities"),
    }
});
