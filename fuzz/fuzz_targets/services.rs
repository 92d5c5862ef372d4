//! `ServicesDocument::from_json` (demands, offers, claims and the 双报到 ledger), and
//! `ServicesDocument::read` against the services fixtures' organization. A loaded document is
//! matched, its ledger figured for each year it names, its team ledger faceted, and it is
//! written back with `services::generate::Season::to_json` (claims as the records of their
//! replayed histories).
#![no_main]

use std::collections::BTreeSet;
use std::sync::LazyLock;

use grassroots::org::Organization;
use grassroots::services::generate::Season;
use grassroots::services::{ClaimRecord, ClaimState, ServicesDocument, TransitionRecord, ledger_figures, match_demands};
use grassroots_fuzz::{SERVICES_ORG, assert_error, assert_problems, assert_round_trip, fixture, text, to_value};
use libfuzzer_sys::fuzz_target;

static ORG: LazyLock<Organization> = LazyLock::new(|| fixture("tianyuan-org", Organization::from_json(SERVICES_ORG)));

fn write(doc: &ServicesDocument) -> String {
    let claims = doc
        .claims()
        .iter()
        .map(|c| ClaimRecord {
            id: c.id().to_owned(),
            demand: c.demand().to_owned(),
            offer: c.offer().map(str::to_owned),
            provider: c.provider().cloned(),
            history: c
                .history()
                .iter()
                .map(|t| TransitionRecord {
                    step: t.step,
                    at: t.at,
                    by: t.by.clone(),
                    rating: (t.step == ClaimState::Reviewed).then(|| c.rating().map(i64::from)).flatten(),
                })
                .collect(),
        })
        .collect();
    Season { demands: doc.demands().to_vec(), offers: doc.offers().to_vec(), claims, ledger: doc.ledger().to_vec(), targets: doc.targets().clone() }
        .to_json()
}

fn exercise(doc: &ServicesDocument, org: Option<&Organization>) {
    let _ = to_value(&match_demands(doc, org));
    let years: BTreeSet<i32> = doc.ledger().iter().filter_map(|r| r.date.to_string().get(..4)?.parse().ok()).collect();
    for year in years.into_iter().take(4) {
        let _ = to_value(&ledger_figures(doc, year));
        if let Some(org) = org {
            let _ = grassroots::rules::team_ledger_facts(org, doc, year);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    match ServicesDocument::from_json(text) {
        Ok(doc) => {
            assert_problems(doc.warnings(), "services warnings");
            exercise(&doc, None);
            let again = assert_round_trip("services", &write(&doc), ServicesDocument::from_json, write);
            assert_eq!(doc.claims(), again.claims(), "services: claims differ written back");
        }
        Err(e) => assert_error(&e, "services"),
    }
    match ServicesDocument::read(text, Some(&ORG)) {
        Ok((doc, problems)) => {
            assert_problems(&problems, "services against an organization");
            exercise(&doc, Some(&ORG));
        }
        Err(e) => assert_error(&e, "services against an organization"),
    }
});
