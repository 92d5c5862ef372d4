//! Responsibility and certificate lists (四张清单): what a community does itself (自治事项),
//! what it assists government with (协助事项), which certificates it may still issue
//! (证明事项), and what it must not be asked to do (负面清单).
//!
//! A lists document is one version of a place's lists, effective from a day, with its level
//! schema (the same presets and custom schemas as the organization document) and the roles
//! bound to their duties (a grid worker's 9 duties). Items carry their handling level, owner,
//! legal basis, time limit, materials, channels (一窗受理, 一网通办, 最多跑一次) and status:
//! in force, abolished (by which document, and what a resident does instead) or delegated
//! down to a lower level.
//!
//! - [`Lists::from_json`] reads and checks a version, reporting every problem with its path;
//! - [`ListDiff::between`] compares two versions (added, removed from force, moved down,
//!   changed fields, counts per kind: 呼和浩特 140 → 79);
//! - [`lookup_certificate`] answers "do I still need 健在证明?" with Chinese-aware fuzzy
//!   matching;
//! - [`Lists::figures`] gives the counts the rule engine evaluates.

mod diff;
#[cfg(feature = "generate")]
pub mod generate;
mod item;
mod load;
mod lookup;

pub use diff::{Abolition, Added, Changed, FieldChange, KindCount, ListDiff, Moved, Removed};
pub use item::{Channels, Instead, Item, ItemKind, Material, Role, Status, name_key};
pub use load::{KindFigures, ListFigures, Lists, ListsDocument};
pub use lookup::{CONTAINS_SCORE, LookupAnswer, LookupError, MATCH_THRESHOLD, MIN_QUERY_CHARS, Verdict, lookup_certificate, similarity};
