//! The case files of `grassroots test DIR` (`rules::cases::run_case`): a case names one of
//! the shipped rule sets by file name (any folder), gives defaults, entities and expectations.
//! A run names what differs (`Mismatch::what`). Case files have no type to write back.
#![no_main]

use grassroots::rules::cases::run_case;
use grassroots_fuzz::{RULE_SETS, text};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    // The CLI reports text that is not JSON before it runs a case.
    let Ok(case) = serde_json::from_str::<Value>(text) else { return };
    let load = |path: &str| {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        RULE_SETS.iter().find(|(n, _)| *n == name).map(|(_, t)| (*t).to_owned()).ok_or_else(|| format!("no rule set {path}"))
    };
    for m in run_case(&case, load) {
        assert!(!m.what.is_empty(), "rule case: a mismatch that names nothing: {m:?}");
    }
});
