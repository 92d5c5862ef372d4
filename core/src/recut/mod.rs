//! Re-drawing districts and grids (片区/网格重划, feature `recut`): blocks (楼栋/小区/街巷) with
//! households and population, and which blocks share a boundary, cut into parts that are each
//! contiguous and within a size range or a balance tolerance, inside their community, with
//! pinned blocks kept where they are and — when today's assignment is given — as few blocks
//! moved as the constraints allow.
//!
//! Input is a geometry document whose block features carry `households` and `population`
//! (adjacency from shared boundaries, corners alone do not count; `community` and `within`
//! properties name a block's community and today's part), or a blocks document of our own with
//! an explicit adjacency list ([`Blocks::from_json`] reads either). [`Options`] say what to cut
//! into. [`recut`] gives an [`Outcome`]: the assignment, the report before and after, the
//! reasons when some constraint cannot hold (with the best assignment found all the same) and,
//! given an organization, the edits that turn its grids into the new ones. [`run_json`] is the
//! same from JSON text to JSON text, for the wasm export and the CLI.
//!
//! ```
//! use grassroots::recut::{Blocks, Options, recut};
//! // A row of six blocks, 100 households each, into two parts of 250–350.
//! let blocks = Blocks::from_json(r#"{"blocks": [
//!   {"id": "a", "households": 100, "population": 250}, {"id": "b", "households": 100, "population": 250},
//!   {"id": "c", "households": 100, "population": 250}, {"id": "d", "households": 100, "population": 250},
//!   {"id": "e", "households": 100, "population": 250}, {"id": "f", "households": 100, "population": 250}],
//!   "adjacency": [["a", "b"], ["b", "c"], ["c", "d"], ["d", "e"], ["e", "f"]]}"#).unwrap();
//! let options = Options::from_json(r#"{"households": {"min": 250, "max": 350}, "seed": 1}"#).unwrap();
//! let outcome = recut(&blocks, &options);
//! assert!(outcome.feasible);
//! assert_eq!(outcome.report.after.parts, 2);
//! let a = &outcome.assignment;
//! assert_eq!(a[0].1, a[1].1);
//! assert_eq!(a[1].1, a[2].1);
//! assert_ne!(a[2].1, a[3].1);
//! ```
//!
//! The algorithm (see ARCHITECTURE.md, "Re-cutting"): connected components of each community
//! get their share of parts; parts start from today's assignment (the largest connected piece
//! of each part kept, the rest grown back, parts merged or split to the count needed) or are
//! grown from seeds spread by farthest-point sampling, the lightest part growing first; then
//! a greedy refinement moves single boundary blocks whose part stays connected (checked by a
//! breadth-first search that stops once the block's neighbours in its part meet again) when
//! the move lowers the cost: range violations first, then the deviation from the target size,
//! then the shared boundary length (compactness), plus a price per block moved away from
//! today's part.

#[cfg(feature = "generate")]
pub mod generate;
mod input;
mod output;
mod reason;
mod solve;
#[cfg(all(test, feature = "generate"))]
mod tests;

use serde::Serialize;

pub use input::{BlockRecord, Blocks, Measure, Options, Range, Target};
pub use output::{Bounds, OrgChange, PartFigures, Report, Spread, Summary, run_json};
pub use reason::{Reason, ReasonText};

use crate::Organization;

/// What a re-cut gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// Every constraint holds: every part within its range (or tolerance), no reason given.
    pub feasible: bool,
    /// The seed the run used (the same input, options and seed give the same outcome).
    pub seed: u64,
    /// Each block's part, in block order: `(block id, part id)`. Serialized as a JSON object
    /// `{block id: part id}` in that order.
    #[serde(serialize_with = "output::as_map")]
    pub assignment: Vec<(String, String)>,
    /// The report before (when today's assignment is given) and after.
    pub report: Report,
    /// Why a constraint cannot hold, each with its en and zh-CN text; empty when feasible.
    pub reasons: Vec<ReasonText>,
    /// The organization's edits, when an organization was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<OrgChange>,
}

/// Re-cuts `blocks` as `options` say. Never fails: when a constraint cannot hold, the outcome
/// says which and why and still carries the best assignment found, every part contiguous
/// (each connected component of a community's blocks is cut on its own).
pub fn recut(blocks: &Blocks, options: &Options) -> Outcome {
    recut_with_org(blocks, options, None)
}

/// As [`recut`]; with an organization whose grids today's parts are, the outcome also carries
/// the edits ([`OrgChange`]) that turn its grids into the new ones: grids that survive keep
/// their id and code, new grids are coded after their community's last, and the grids' party
/// branches (nodes linked to a grid) are split and merged to match.
pub fn recut_with_org(blocks: &Blocks, options: &Options, org: Option<&Organization>) -> Outcome {
    let run = solve::run(blocks, options);
    output::outcome(blocks, options, run, org)
}

/// A block's index in a [`Blocks`], for the solver.
type Block = u32;
