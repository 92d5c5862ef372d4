//! Demand → service → claim (需求清单 → 服务清单 → 认领; 居民点单、社区派单、党员接单) and the
//! 双报到 service ledger.
//!
//! Residents' demands are collected every month (by grid workers, at the joint meeting);
//! members and units that report to the community (双报到) offer services with a monthly
//! capacity and an area; the community dispatches each demand to an offer ([`match_demands`]),
//! and the claim goes through its lifecycle ([`Claim`]). Members and units log their
//! services in a ledger, whose yearly figures ([`ledger_figures`]) evaluation rules read.
//!
//! ```
//! use grassroots::services::{ServicesDocument, match_demands, Why};
//!
//! # fn main() -> Result<(), grassroots::Error> {
//! let doc = ServicesDocument::from_json(r#"{
//!   "demands": [
//!     {"id": "d1", "category": "助老", "grid": "g1", "urgency": "urgent", "raised_by": {"name": "王秀英"},
//!      "raised_at": "2026-07-01T08:30:00+08:00", "description": "独居老人需要送餐"},
//!     {"id": "d2", "category": "维修", "grid": "g1", "urgency": "low", "raised_by": {"phone": "13812345678"},
//!      "raised_at": "2026-07-02T09:00:00+08:00", "description": "楼道灯坏了"}],
//!   "offers": [{"id": "o1", "provider": {"kind": "unit", "id": "u1"}, "categories": ["助老"],
//!               "capacity_per_month": 4, "area": {"grids": ["g1"]}}]
//! }"#)?;
//! let matching = match_demands(&doc, None);
//! assert_eq!(matching.matches[0].offer, "o1");
//! assert_eq!(matching.matches[0].capacity_left, 3);
//! assert_eq!(matching.unmatched[0].why, Why::NoCategory);
//! assert_eq!(matching.unmatched[0].reason.en, "low demand left unmatched: no offer of category 维修");
//! # Ok(())
//! # }
//! ```
//!
//! Design decisions:
//! - Claims are given as their history and replayed on load, so a stored claim can never be
//!   in a state its steps do not lead to; an illegal step is a problem at its exact path.
//! - The matcher and the ledger return data (reasons as enums plus zh-CN/English text),
//!   never errors: a demand without an offer is an outcome, not a failure.
//! - Yearly targets are set by the document (`targets`), not built in: they are local policy.

mod claim;
mod document;
#[cfg(feature = "generate")]
pub mod generate;
mod ledger;
mod matcher;
mod records;
mod state;

use serde::Serialize;

pub use claim::{Claim, Step, Transition, TransitionError, TransitionErrorKind};
pub use state::ClaimState;
pub use document::ServicesDocument;
pub use ledger::{LedgerFigures, ledger_figures};
pub use matcher::{Coverage, Match, Matching, Unmatched, Why, match_demands};
pub use records::{
    Area, ClaimRecord, Demand, Month, Offer, ProviderKind, ProviderRef, ProviderTarget, Raiser, RecordKind, ServiceRecord,
    Targets, Timestamp, TransitionRecord, Urgency, ValidPeriod,
};

/// A sentence in zh-CN and in English.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Text {
    /// zh-CN.
    pub zh: String,
    /// English.
    pub en: String,
}
