//! Cases (民情诉求), whistle dispatch (吹哨报到) and SLA clocks.
//!
//! A **case** is a concern raised by a resident, a grid worker, a committee, a township, a
//! police incident, a camera alert or the 12345 hotline. It goes through the five steps of the
//! 民情 workflow — 收集 collect → 分析 analyse → 办理 handle → 反馈 feedback → 评议 review —
//! each time-stamped with who acted, and records timed **events** (contact known, contact
//! reached, on site, dispatched, answered) that the clocks measure.
//!
//! **Whistle dispatch**: the level that cannot solve a problem blows the whistle and a named
//! responder must report (arrive) by a deadline; a [`RoutingTable`] says who may whistle for
//! what and who reports, and its escalation ladder (grid worker → district branch →
//! community → street → department) takes over when a level misses its deadline. 昌宁's
//! 五哨五到 ships as the `changning` preset.
//!
//! **SLA profiles** are data: the 1310 rule of 来凤 (know whom to call in 1 minute, reach
//! them in 3, someone on site in 10) and Beijing's 12345 standards (emergencies dispatched in
//! 1 hour, water/power/gas/heating in 2 hours, hard cases answered in 15 days) ship as
//! presets. [`clocks`] tells, at any `now`, which clocks are met, breached or still running.
//! [`metrics`] rolls the cases up the organization tree into rates with their parts.
//!
//! ```
//! use grassroots::cases::{CasesDoc, ClockStatus, Timestamp, clocks};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // The seed's flooding on 胜利街: contact in 1 minute, the secretary on site 6 minutes later.
//! let doc = CasesDoc::from_json(r#"{"routing": "changning", "profiles": ["1310"], "cases": [
//!   {"id": "sl-0627", "title": "胜利街雨水倒灌", "category": "flooding", "node": "g1",
//!    "source": "resident", "urgency": "emergency", "opened": "2026-06-27T08:12:00+08:00",
//!    "steps": [{"step": "collect", "at": "2026-06-27T08:13:00+08:00", "by": "网格员"}],
//!    "events": [{"event": "contact_known", "at": "2026-06-27T08:12:30+08:00"},
//!               {"event": "contact_reached", "at": "2026-06-27T08:13:00+08:00"},
//!               {"event": "on_site", "at": "2026-06-27T08:19:00+08:00"}]}]}"#)?;
//! let now = Timestamp::parse("2026-06-27T09:00:00+08:00").ok_or("bad time")?;
//! let case = &clocks(&doc, now)[0];
//! assert!(case.clocks.iter().all(|c| matches!(c.status, ClockStatus::Met { .. })));
//! assert_eq!(case.clocks[2].status, ClockStatus::Met { at: case.clocks[2].start.plus(
//!     grassroots::cases::Limit::minutes(7).ok_or("limit")?).ok_or("time")?, margin_seconds: 180 });
//! # Ok(())
//! # }
//! ```
//!
//! Design decisions:
//! - Every clock runs from the case's `opened` instant and is computed on absolute instants:
//!   a case crossing midnight, or written in another offset (`+00:00`), is timed the same.
//!   Output times are in Asia/Shanghai time (+08:00).
//! - An event exactly at its deadline counts as **met**; events after `now` count as not
//!   happened yet, so any past moment can be replayed.
//! - The workflow is a plain enum with one transition function ([`Step::advance`]): the
//!   state comes from data, so a wrong order is a reported problem, not a compile error.
//! - Without `routing` a document gets the `changning` table, without `profiles` the `1310`
//!   and `12345` presets. Preset deadlines that the seeds do not give are our defaults and
//!   are documented where they are defined ([`RoutingTable::preset`], [`SlaProfile::preset`]).

mod dispatch;
mod document;
#[cfg(feature = "generate")]
pub mod generate;
mod metrics;
mod model;
mod sla;
mod time;

pub use dispatch::{Escalation, ROUTING_PRESETS, Responder, Route, RoutingTable, Rung};
pub use document::{CasesDoc, CasesDocument, ProfileSpec, RoutingSpec};
#[cfg(feature = "schema")]
pub use document::json_schema;
pub use metrics::{CaseMetrics, DEFAULT_MIN_SAMPLE, MetricsOptions, MetricsReport, Rate, metrics};
pub use model::{Case, EventKind, EventRecord, Satisfaction, Source, Step, StepRecord, Urgency};
pub use sla::{Applies, CaseClocks, Clock, ClockSpec, ClockStatus, NotApplicable, PROFILE_PRESETS, SlaProfile, case_clocks, clock_status, clocks};
pub use time::{Limit, Timestamp, human};
