//! The records of an organization linked to its tree: a [`Grid`] to its community and
//! branch, a [`Member`] to their node, grid and reporting community, a [`Unit`] to its
//! community. `Organization` makes them; the rollups count them.

use super::records::{GridRecord, MemberRecord, UnitRecord};
use super::tree::NodeId;

/// A grid, linked to its community and to the branch node responsible for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub(super) record: GridRecord,
    pub(super) community: NodeId,
    pub(super) branch: Option<NodeId>,
}

impl Grid {
    /// The grid as given.
    pub fn record(&self) -> &GridRecord {
        &self.record
    }
    /// The community it belongs to.
    pub fn community(&self) -> NodeId {
        self.community
    }
    /// The node (a grid branch) that names this grid, if one does.
    pub fn branch(&self) -> Option<NodeId> {
        self.branch
    }
}

/// A member, linked to their node, grid and reporting community.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub(super) record: MemberRecord,
    pub(super) node: NodeId,
    pub(super) grid: Option<usize>,
    pub(super) reports_to: Option<NodeId>,
}

impl Member {
    /// The member as given (personal data in it is masked in every output).
    pub fn record(&self) -> &MemberRecord {
        &self.record
    }
    /// The node the member belongs to.
    pub fn node(&self) -> NodeId {
        self.node
    }
    /// Index of the member's grid in [`Organization::grids`]: the grid the record names, or,
    /// when it names none, the grid of the nearest branch at or above the member's node
    /// (none for a mobile member who has flowed out: they live elsewhere).
    pub fn grid(&self) -> Option<usize> {
        self.grid
    }
    /// The community the member reports to (双报到).
    pub fn reports_to(&self) -> Option<NodeId> {
        self.reports_to
    }
}

/// A unit, linked to its community.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub(super) record: UnitRecord,
    pub(super) community: NodeId,
}

impl Unit {
    /// The unit as given.
    pub fn record(&self) -> &UnitRecord {
        &self.record
    }
    /// Its community.
    pub fn community(&self) -> NodeId {
        self.community
    }
}
