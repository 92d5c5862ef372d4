//! `Organization::from_json`: the organization document (and, through it, `OrgTree`).
#![no_main]

use grassroots::Organization;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = grassroots_fuzz::text(data) else { return };
    grassroots_fuzz::organization("organization", Organization::from_json(text));
});
