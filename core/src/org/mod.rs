//! The organization tree (组织体系): street committee → community / big committee → grid or
//! district branch → building group → member household.

mod tree;

pub use tree::{Node, NodeId, NodeRecord, OrgTree};
