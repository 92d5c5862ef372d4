//! The 双报到 ledger's figures per member or unit and year: the numbers an evaluation rule
//! set reads (hours against the target, claims taken and done, 惠民实事 projects).

use std::collections::BTreeMap;

use chrono::Datelike;
use serde::Serialize;

use super::state::ClaimState;
use super::document::ServicesDocument;
use super::records::{ProviderRef, RecordKind};

/// One provider's figures for one year.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct LedgerFigures {
    /// The year.
    pub year: i32,
    /// Hours of service logged in the year.
    pub hours: f64,
    /// The yearly target (the provider's own, else its kind's default); `None` when the
    /// document sets none. See [`super::Targets`] for where the numbers come from.
    pub target_hours: Option<f64>,
    /// Whether `hours` reached the target; `None` without a target.
    pub target_met: Option<bool>,
    /// Ledger records in the year.
    pub records: u32,
    /// Services (the records' counts added up).
    pub services: u32,
    /// Claims the provider accepted (接单) in the year.
    pub claims_taken: u32,
    /// Of those, the claims done (done or reviewed), whenever they were finished.
    pub claims_done: u32,
    /// `claims_done / claims_taken`; `None` when none were taken (not a misleading 0 or 100 %).
    pub completion: Option<f64>,
    /// 惠民实事 projects logged in the year.
    pub projects: u32,
}

/// The figures of every provider that appears in the year: with a ledger record, a claim
/// accepted, an offer in force at some day of it, or a target of its own. Sorted by provider
/// (members first, then units; by id).
pub fn ledger_figures(doc: &ServicesDocument, year: i32) -> Vec<(ProviderRef, LedgerFigures)> {
    let mut figures: BTreeMap<ProviderRef, LedgerFigures> = BTreeMap::new();
    let new = || LedgerFigures { year, ..LedgerFigures::default() };
    for r in doc.ledger().iter().filter(|r| r.date.naive().year() == year) {
        let f = figures.entry(r.provider.clone()).or_insert_with(new);
        f.hours += r.hours;
        f.records += 1;
        f.services += r.count;
        if r.kind == RecordKind::Project {
            f.projects += 1;
        }
    }
    for c in doc.claims() {
        let (Some(p), Some(at)) = (c.provider(), c.reached(ClaimState::Accepted)) else { continue };
        if at.date().naive().year() != year {
            continue;
        }
        let f = figures.entry(p.clone()).or_insert_with(new);
        f.claims_taken += 1;
        if matches!(c.state(), ClaimState::Done | ClaimState::Reviewed) {
            f.claims_done += 1;
        }
    }
    for o in doc.offers() {
        if o.valid.is_none_or(|v| v.from.naive().year() <= year && year <= v.to.naive().year()) {
            figures.entry(o.provider.clone()).or_insert_with(new);
        }
    }
    for t in &doc.targets().providers {
        figures.entry(t.provider.clone()).or_insert_with(new);
    }
    figures
        .into_iter()
        .map(|(p, mut f)| {
            f.hours = (f.hours * 100.0).round() / 100.0;
            f.target_hours = doc.targets().hours_for(&p);
            f.target_met = f.target_hours.map(|t| f.hours >= t);
            f.completion = (f.claims_taken > 0).then(|| f64::from(f.claims_done) / f64::from(f.claims_taken));
            (p, f)
        })
        .collect()
}
