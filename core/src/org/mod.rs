//! The organization tree (组织体系): street committee → community / big committee → grid or
//! district branch → building group → member household; with grids, members and units.

mod diff;
mod linked;
mod edit;
mod names;
mod nets;
#[cfg(feature = "generate")]
pub mod generate;
pub(crate) mod document;
mod organization;
mod personal;
mod records;
pub mod roster;
mod rollup;
mod schema;
mod text;
mod tree;

pub use diff::{Change, TreeDiff};
#[cfg(feature = "schema")]
pub use document::json_schema;
pub use document::OrganizationDocument;
pub use edit::Edit;
pub use names::Names;
pub use nets::{LegacyNet, MappingRow, MergeReport, NetMerge};
#[cfg(feature = "lists")]
pub(crate) use organization::resolve_schema;
pub use linked::{Compound, Grid, Member, PropertyCompany, Team, Unit};
pub use organization::{
    Baobao, CommunityDetails, CompoundDetail, GridDetail, NodeFigures, OrgSummary, Organization, StationedDetail, TeamDetail,
};
pub use personal::{IdCard, PersonalError, Phone};
pub use records::{
    AgreementRecord, BaobaoRecord, BaobaoRole, CommitteeRecord, CompoundRecord, Date, Flow, GridRecord, MemberKind, MemberRecord,
    PartTimeRecord, PartyRef, PartyRefKind, PostCategoryRecord, PostRecord, PropertyCompanyRecord, ServiceModule, StationedRecord,
    StationedRole, TeamKind, TeamRecord, UnitKind, UnitRecord, WorkerRecord, WorkerRole,
};
pub use rollup::{BaobaoCounts, ByModule, ByTeamKind, CompoundCounts, Coverage, MemberCounts, Ratio, Rollup, TeamCounts, WorkerRoles};
pub use schema::{ExtendedPreset, GridWorkerModel, Level, LevelRole, LevelSchema, PRESETS, SchemaSpec};
pub use text::Text;
pub use tree::{Node, NodeId, NodeRecord, OrgTree};
