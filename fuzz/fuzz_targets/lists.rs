//! `Lists::from_json`: the four lists (四张清单). A loaded document is looked up (every item's
//! name and aliases as a certificate query), diffed against itself and against the shipped
//! 2021 lists, and written back with `lists::generate::ListsVersion::to_json`.
#![no_main]

use grassroots::lists::generate::ListsVersion;
use grassroots::lists::{ListDiff, lookup_certificate};
use grassroots::org::SchemaSpec;
use grassroots::Lists;
use grassroots_fuzz::{LISTS, assert_error, assert_problems, assert_round_trip, fixture, text, to_value};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static SHIPPED: LazyLock<Lists> = LazyLock::new(|| fixture("laifeng-2021", Lists::from_json(LISTS)));

fn write(lists: &Lists) -> String {
    ListsVersion {
        id: lists.id().to_owned(),
        version: lists.version().to_owned(),
        effective: lists.effective(),
        schema: SchemaSpec::Custom(lists.schema().clone()),
        items: lists.items().to_vec(),
        roles: lists.roles().to_vec(),
    }
    .to_json()
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    match Lists::from_json(text) {
        Ok(lists) => {
            assert_problems(lists.warnings(), "lists warnings");
            let _ = to_value(&lists.figures());
            for item in lists.items().iter().take(32) {
                let _ = lookup_certificate(&lists, &item.name);
                for alias in item.aliases.iter().take(4) {
                    let _ = lookup_certificate(&lists, alias);
                }
                let _ = lists.item(&item.id);
            }
            for role in lists.roles() {
                let _ = lists.duties(role);
            }
            assert!(ListDiff::between(&lists, &lists).is_empty(), "lists: a document differs from itself");
            let _ = to_value(&ListDiff::between(&SHIPPED, &lists));
            let _ = to_value(&ListDiff::between(&lists, &SHIPPED));
            let again = assert_round_trip("lists", &write(&lists), Lists::from_json, write);
            assert!(ListDiff::between(&lists, &again).is_empty(), "lists: written back, the lists differ");
        }
        Err(e) => assert_error(&e, "lists"),
    }
});
