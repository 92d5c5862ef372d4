//! The states of a claim and the steps allowed between them: the lifecycle that the claim
//! records (`records.rs`) name and the state machine (`claim.rs`) enforces.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a claim stands. A step names the state it leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimState {
    /// Not yet ordered: a claim with no history.
    New,
    /// 居民点单: a resident (or the grid on their behalf) asked for the service.
    Ordered,
    /// 社区派单: the community gave it to a member or unit.
    Dispatched,
    /// 党员接单: the member or unit took it on.
    Accepted,
    /// The service was given.
    Done,
    /// The resident rated it (评议). Final.
    Reviewed,
    /// The member or unit turned the dispatch down. Final.
    Rejected,
    /// Called off before it was done. Final.
    Withdrawn,
}

impl ClaimState {
    /// Every state, in lifecycle order.
    pub const ALL: [ClaimState; 8] = [
        ClaimState::New,
        ClaimState::Ordered,
        ClaimState::Dispatched,
        ClaimState::Accepted,
        ClaimState::Done,
        ClaimState::Reviewed,
        ClaimState::Rejected,
        ClaimState::Withdrawn,
    ];

    /// The states a claim may go to from this one.
    pub fn next(self) -> &'static [ClaimState] {
        use ClaimState::*;
        match self {
            New => &[Ordered],
            Ordered => &[Dispatched, Withdrawn],
            Dispatched => &[Accepted, Rejected, Withdrawn],
            Accepted => &[Done, Withdrawn],
            Done => &[Reviewed],
            Reviewed | Rejected | Withdrawn => &[],
        }
    }

    /// Whether no step leads on from here.
    pub fn is_final(self) -> bool {
        self.next().is_empty()
    }

    /// The JSON name (`dispatched`).
    pub fn name(self) -> &'static str {
        match self {
            ClaimState::New => "new",
            ClaimState::Ordered => "ordered",
            ClaimState::Dispatched => "dispatched",
            ClaimState::Accepted => "accepted",
            ClaimState::Done => "done",
            ClaimState::Reviewed => "reviewed",
            ClaimState::Rejected => "rejected",
            ClaimState::Withdrawn => "withdrawn",
        }
    }

    /// The name in zh-CN.
    pub fn zh(self) -> &'static str {
        match self {
            ClaimState::New => "未点单",
            ClaimState::Ordered => "已点单",
            ClaimState::Dispatched => "已派单",
            ClaimState::Accepted => "已接单",
            ClaimState::Done => "已办结",
            ClaimState::Reviewed => "已评议",
            ClaimState::Rejected => "已拒单",
            ClaimState::Withdrawn => "已撤回",
        }
    }
}

impl fmt::Display for ClaimState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

// Read by a table of its names in the wasm build (see `crate::jsonpath::table`).
crate::lean_enum!(ClaimState { New = "new", Ordered = "ordered", Dispatched = "dispatched", Accepted = "accepted", Done = "done", Reviewed = "reviewed", Rejected = "rejected", Withdrawn = "withdrawn" });
