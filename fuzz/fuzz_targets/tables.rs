//! The records' tables (the wasm build's reader, `grassroots::__table`) against serde's derived
//! `Deserialize` through `serde_path_to_error`, the native reader: every record type of every
//! document, and every enum the tables read by name, reads the same record from any JSON value,
//! or fails with the same path and message. The input's values (the document, the records in
//! its arrays, the values inside them, three levels down) are each read as every type.
#![no_main]

use grassroots::__table::{Lean, both};
use grassroots_fuzz::text;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt::Debug;

/// Panics (a finding) when the two readers disagree on `value` as a `T`.
fn same<T: Lean + DeserializeOwned + PartialEq + Debug>(value: &Value) {
    let (by_table, by_serde) = both::<T>(value);
    assert_eq!(by_table, by_serde, "the table and serde read a {} differently from {value}", std::any::type_name::<T>());
}

type Check = fn(&Value);

/// Every type a table reads, record or enum.
const TYPES: &[Check] = {
    use grassroots::cases::*;
    use grassroots::lists::{Channels, Instead, Item, ItemKind, Material, Role, Status};
    use grassroots::org::*;
    use grassroots::rules::{Band, Bonus, Eligibility, Entity, Fact, FactType, Indicator, Marks, Outcome, Period, Section, Unit, Veto};
    use grassroots::services::{
        Area, ClaimRecord, ClaimState, Demand, Offer, ProviderKind, ProviderRef, ProviderTarget, Raiser, RecordKind, ServiceRecord,
        Targets, TransitionRecord, ValidPeriod,
    };
    &[
        same::<NodeRecord>, same::<GridRecord>, same::<WorkerRecord>, same::<MemberRecord>, same::<UnitRecord>,
        same::<AgreementRecord>, same::<BaobaoRecord>, same::<StationedRecord>, same::<PropertyCompanyRecord>, same::<PartyRef>,
        same::<CompoundRecord>, same::<TeamRecord>, same::<CommitteeRecord>, same::<PartTimeRecord>, same::<PostCategoryRecord>,
        same::<PostRecord>, same::<LevelSchema>, same::<Level>, same::<ExtendedPreset>, same::<WorkerRole>, same::<MemberKind>,
        same::<Flow>, same::<UnitKind>, same::<BaobaoRole>, same::<StationedRole>, same::<PartyRefKind>, same::<TeamKind>,
        same::<ServiceModule>, same::<LevelRole>, same::<GridWorkerModel>,
        same::<Item>, same::<Role>, same::<Channels>, same::<Status>, same::<Material>, same::<Instead>, same::<ItemKind>,
        same::<Case>, same::<StepRecord>, same::<EventRecord>, same::<RoutingTable>, same::<Route>, same::<Rung>,
        same::<Responder>, same::<SlaProfile>, same::<ClockSpec>, same::<Applies>, same::<Step>, same::<Satisfaction>,
        same::<EventKind>, same::<Source>, same::<grassroots::cases::Urgency>,
        same::<Demand>, same::<Offer>, same::<ClaimRecord>, same::<ServiceRecord>, same::<ProviderRef>, same::<Raiser>,
        same::<Area>, same::<ValidPeriod>, same::<TransitionRecord>, same::<Targets>, same::<ProviderTarget>,
        same::<ProviderKind>, same::<grassroots::services::Urgency>, same::<RecordKind>, same::<ClaimState>,
        same::<Fact>, same::<Section>, same::<Indicator>, same::<Band>, same::<Bonus>, same::<Veto>, same::<Period>,
        same::<Outcome>, same::<Marks>, same::<Eligibility>, same::<Entity>, same::<FactType>, same::<Unit>,
    ]
};

/// `value` and the values inside it, `depth` levels down, at most 16 of each array or object.
fn values<'a>(value: &'a Value, depth: usize, out: &mut Vec<&'a Value>) {
    out.push(value);
    if depth == 0 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().take(16).for_each(|v| values(v, depth - 1, out)),
        Value::Object(map) => map.values().take(16).for_each(|v| values(v, depth - 1, out)),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let Ok(doc) = serde_json::from_str::<Value>(text) else { return };
    let mut all = Vec::new();
    values(&doc, 3, &mut all);
    for value in all.into_iter().take(256) {
        for check in TYPES {
            check(value);
        }
    }
});
