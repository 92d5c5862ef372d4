//! A re-cut's inputs: `Blocks::from_json` (a blocks document or a geometry document),
//! `Options::from_json` (paths `$options…`) and `Options::check` against the blocks, then
//! the re-cut itself (`recut::recut`) and its outcome as JSON. Input: the blocks, then
//! optionally a NUL byte and the options (default `{"parts": 2}`). Blocks that load are
//! written back as a blocks document (`BlockRecord`'s serializer, the adjacency with its
//! lengths when they are metres) and must load to the same records and pairs. `Options` has
//! no serializer: no write-back.
#![no_main]

use grassroots::recut::{Blocks, Options, recut};
use grassroots_fuzz::{assert_error, assert_problems, assert_round_trip, split, text, to_value};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

fn write(blocks: &Blocks) -> String {
    let id = |i: u32| Value::String(blocks.records()[i as usize].id.clone());
    let metres = blocks.boundary_in_metres();
    let adjacency: Vec<Value> =
        blocks.edges().iter().map(|&(a, b, len)| if metres { json!([id(a), id(b), len]) } else { json!([id(a), id(b)]) }).collect();
    json!({"blocks": to_value(blocks.records()), "adjacency": adjacency}).to_string()
}

fuzz_target!(|data: &[u8]| {
    let (blocks, options) = split(data);
    let Some(blocks) = text(blocks) else { return };
    let options = match options.map(text) {
        None => r#"{"parts": 2}"#,
        Some(None) => return,
        Some(Some(o)) => o,
    };
    let blocks = Blocks::from_json(blocks);
    let options = Options::from_json(options);
    if let Err(e) = &blocks {
        assert_error(e, "re-cut blocks");
    }
    if let Err(e) = &options {
        assert_error(e, "re-cut options");
    }
    if let Ok(b) = &blocks {
        let again = assert_round_trip("re-cut blocks", &write(b), Blocks::from_json, write);
        assert_eq!((b.records(), b.edges()), (again.records(), again.edges()), "re-cut blocks: written back, they differ");
    }
    let (Ok(blocks), Ok(options)) = (blocks, options) else { return };
    let problems = options.check(&blocks);
    assert_problems(&problems, "re-cut options against the blocks");
    if !problems.is_empty() {
        return;
    }
    let outcome = recut(&blocks, &options);
    assert_eq!(outcome.assignment.len(), blocks.len(), "re-cut: not every block has a part");
    let _ = to_value(&outcome);
});
