//! The records of an organization linked to its tree: a [`Grid`] to its community and
//! branch, a [`Member`] to their node, grid and reporting community, a [`Unit`] to its
//! community. `Organization` makes them; the rollups count them.

use serde::Deserialize;

use super::records::{CompoundRecord, GridRecord, MemberRecord, PropertyCompanyRecord, TeamRecord, UnitRecord};
use super::tree::NodeId;

// A document's records are read straight into these types (through their records, with
// their links unset), and the loader fills the links in place once the checks pass: the
// parsed records are the organization's own, not copied into new vectors.

/// The link of a record not yet linked.
const UNLINKED: NodeId = NodeId::UNLINKED;

/// A grid, linked to its community and to the branch node responsible for it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "GridRecord")]
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "MemberRecord")]
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "UnitRecord")]
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

/// A property company, linked to its Party organization.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "PropertyCompanyRecord")]
pub struct PropertyCompany {
    pub(super) record: PropertyCompanyRecord,
}

impl PropertyCompany {
    /// The company as given.
    pub fn record(&self) -> &PropertyCompanyRecord {
        &self.record
    }
    /// Whether it has a Party organization (what makes its compounds 红色物业).
    pub fn has_party(&self) -> bool {
        self.record.party.is_some()
    }
}

/// A residential compound (小区), linked to its community, grids and property company.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "CompoundRecord")]
pub struct Compound {
    pub(super) record: CompoundRecord,
    pub(super) community: NodeId,
    pub(super) grids: Vec<usize>,
    pub(super) company: Option<usize>,
    pub(super) red_property: bool,
}

impl Compound {
    /// The compound as given.
    pub fn record(&self) -> &CompoundRecord {
        &self.record
    }
    /// Its community.
    pub fn community(&self) -> NodeId {
        self.community
    }
    /// Indices of its grids in [`super::Organization::grids`].
    pub fn grids(&self) -> &[usize] {
        &self.grids
    }
    /// Index of its property company in [`super::Organization::property_companies`]; none for a
    /// compound without property management (无物业).
    pub fn company(&self) -> Option<usize> {
        self.company
    }
    /// Whether it is under 红色物业: its property company has a Party organization.
    pub fn red_property(&self) -> bool {
        self.red_property
    }
}

/// A team, linked to the community (and grid) it serves and to its people.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "TeamRecord")]
pub struct Team {
    pub(super) record: TeamRecord,
    pub(super) community: NodeId,
    pub(super) grid: Option<usize>,
    pub(super) members: Vec<usize>,
    pub(super) units: Vec<usize>,
    pub(super) leader: Option<usize>,
}

impl Team {
    /// The team as given.
    pub fn record(&self) -> &TeamRecord {
        &self.record
    }
    /// The community it serves.
    pub fn community(&self) -> NodeId {
        self.community
    }
    /// Index of the grid it serves in [`super::Organization::grids`], when one.
    pub fn grid(&self) -> Option<usize> {
        self.grid
    }
    /// Indices of its members in [`super::Organization::members`].
    pub fn members(&self) -> &[usize] {
        &self.members
    }
    /// Indices of its units in [`super::Organization::units`].
    pub fn units(&self) -> &[usize] {
        &self.units
    }
    /// Index of its leader in [`super::Organization::members`].
    pub fn leader(&self) -> Option<usize> {
        self.leader
    }
}

impl From<GridRecord> for Grid {
    fn from(record: GridRecord) -> Self {
        Grid { record, community: UNLINKED, branch: None }
    }
}

impl From<MemberRecord> for Member {
    fn from(record: MemberRecord) -> Self {
        Member { record, node: UNLINKED, grid: None, reports_to: None }
    }
}

impl From<UnitRecord> for Unit {
    fn from(record: UnitRecord) -> Self {
        Unit { record, community: UNLINKED }
    }
}

impl From<PropertyCompanyRecord> for PropertyCompany {
    fn from(record: PropertyCompanyRecord) -> Self {
        PropertyCompany { record }
    }
}

impl From<CompoundRecord> for Compound {
    fn from(record: CompoundRecord) -> Self {
        Compound { record, community: UNLINKED, grids: Vec::new(), company: None, red_property: false }
    }
}

impl From<TeamRecord> for Team {
    fn from(record: TeamRecord) -> Self {
        Team { record, community: UNLINKED, grid: None, members: Vec::new(), units: Vec::new(), leader: None }
    }
}
