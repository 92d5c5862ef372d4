//! `Scorecard::from_json`: a rule set and the entities it rates in one document, evaluated
//! on load. A loaded scorecard is written back as `{"rules", "entities"}` and must evaluate
//! the same.
#![no_main]

use grassroots::rules::Scorecard;
use grassroots_fuzz::{assert_error, assert_evaluation, assert_problems, assert_round_trip, rule_set_value, text, to_value};
use libfuzzer_sys::fuzz_target;
use serde_json::json;

fn write(card: &Scorecard) -> String {
    json!({"rules": rule_set_value(card.rules()), "entities": to_value(card.entities())}).to_string()
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    match Scorecard::from_json(text) {
        Ok(card) => {
            assert_problems(card.warnings(), "scorecard warnings");
            assert_evaluation(card.evaluation(), "scorecard evaluation");
            let again = assert_round_trip("scorecard", &write(&card), Scorecard::from_json, write);
            assert_eq!(card.evaluation(), again.evaluation(), "scorecard: written back, it evaluates differently");
        }
        Err(e) => assert_error(&e, "scorecard"),
    }
});
