//! Grassroots core: the domain of party-building-led grassroots governance (党建引领基层治理).
//!
//! This crate is pure Rust: it does no IO and knows nothing of the web. It turns data that
//! came from outside (JSON records) into validated domain values, and reports *every* problem
//! it finds, each naming the record and the field (a JSON path), rather than stopping at the
//! first one. The same code runs natively (the CLI, a portal's back end) and in the browser
//! (the `grassroots-wasm` widgets), so both always agree.
//!
//! ```
//! use grassroots::OrgTree;
//!
//! # fn main() -> Result<(), grassroots::Error> {
//! let tree = OrgTree::from_json(r#"{"nodes": [
//!     {"id": "c1", "level": "community", "name": "胜利社区党委"},
//!     {"id": "d1", "parent": "c1", "level": "district", "name": "第一片区党支部"}
//! ]}"#)?;
//! let root = tree.root();
//! assert_eq!(tree.node(root).name(), "胜利社区党委");
//! assert_eq!(tree.children(root).len(), 1);
//! # Ok(())
//! # }
//! ```
//!
//! Design decisions:
//! - Trees are arenas indexed by [`NodeId`] newtypes; there are no parent pointers to keep in
//!   sync and no reference counting.
//! - Loading is two-phase: a fast typed parse, and only when that fails a record-by-record
//!   pass that collects every shape error with its JSON path. Valid input pays for one parse.
//! - Output order is deterministic everywhere: children keep the order of the input records,
//!   and problems are sorted by the position of the record they concern.

#[cfg(feature = "cases")]
pub mod cases;
mod error;
#[cfg(feature = "geo")]
pub mod geo;
mod jsonpath;
pub mod limits;
#[cfg(feature = "lists")]
pub mod lists;
pub mod org;
#[cfg(feature = "recut")]
pub mod recut;
#[cfg(feature = "rules")]
pub mod rules;
#[cfg(feature = "services")]
pub mod services;
#[cfg(feature = "generate")]
mod seeded;
#[cfg(feature = "sheets")]
pub mod sheets;
pub mod text;
#[cfg(any(feature = "cases", feature = "services"))]
pub mod time;
pub mod zh;

pub use error::{Error, Problem, ProblemKind, RefKind, Severity};
/// Line and column of a problem's path in the JSON text it came from (computed only when asked,
/// i.e. when there are problems).
pub use jsonpath::{Position, locate};

/// Reads a value of `T` from a JSON value with the reader every loader uses; on failure, the
/// path inside `value` of what is wrong and the message. For a host's small inputs (a widget's
/// options) that should not bring a second JSON reader into a build.
pub fn read_json<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> Result<T, String> {
    jsonpath::read(value, "$").map_err(|(path, message)| format!("{path}: {message}"))
}

/// As [`read_json`], for a record type with a table of its fields (`lean_record!`): what the
/// widgets' options are, so that no module carries serde's visitor for them. Not part of the
/// API: for the crates of this workspace.
#[doc(hidden)]
pub fn read_json_record<T: serde::de::DeserializeOwned + __table::Lean>(value: &serde_json::Value) -> Result<T, String> {
    jsonpath::read_record(value, "$").map_err(|(path, message)| format!("{path}: {message}"))
}

/// The table reader's pieces, which `lean_record!` names. Not part of the API.
#[doc(hidden)]
pub mod __table {
    pub use crate::jsonpath::table::{How, Lean, Shape, Table, Track, Variants, both, deserialize, tagged, variant, variant_fields, walk};
}
pub use org::{Node, NodeId, NodeRecord, OrgTree, Organization, Rollup};
#[cfg(feature = "lists")]
pub use lists::{ListDiff, Lists};
#[cfg(feature = "rules")]
pub use rules::{Evaluation, RuleSet};
#[cfg(feature = "services")]
pub use services::ServicesDocument;
