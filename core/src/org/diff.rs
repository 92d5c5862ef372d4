//! What changed between two versions of a tree, matched by record id, in a form a person
//! can read (and a program can take as JSON).

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use super::tree::OrgTree;

/// One change. Ids are the records' ids.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// A node only in the new version.
    Added { id: String, name: String, parent: Option<String> },
    /// A node only in the old version.
    Removed { id: String, name: String, parent: Option<String> },
    /// The node has another parent.
    Moved { id: String, name: String, from: Option<String>, to: Option<String> },
    /// The node has another name.
    Renamed { id: String, from: String, to: String },
    /// The node has another code.
    Recoded { id: String, name: String, from: Option<String>, to: Option<String> },
    /// The node is of another level.
    Relevelled { id: String, name: String, from: String, to: String },
}

/// All changes, ordered by kind and then id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TreeDiff {
    /// The changes.
    pub changes: Vec<Change>,
}

impl TreeDiff {
    /// Compares two trees.
    ///
    /// ```
    /// use grassroots::{OrgTree, org::TreeDiff};
    /// # fn main() -> Result<(), grassroots::Error> {
    /// let old = OrgTree::from_json(r#"{"nodes":[{"id":"c","level":"community","name":"胜利社区"},
    ///     {"id":"d","parent":"c","level":"district","name":"一片区"}]}"#)?;
    /// let new = OrgTree::from_json(r#"{"nodes":[{"id":"c","level":"community","name":"胜利社区"},
    ///     {"id":"d","parent":"c","level":"district","name":"第一片区"}]}"#)?;
    /// assert_eq!(TreeDiff::between(&old, &new).to_string(), "~ renamed d: 一片区 → 第一片区\n");
    /// # Ok(())
    /// # }
    /// ```
    pub fn between(old: &OrgTree, new: &OrgTree) -> Self {
        let parent_id = |t: &OrgTree, id| t.node(id).parent().map(|p| t.node(p).id().to_owned());
        let old_ids: HashMap<&str, _> = old.ids().map(|i| (old.node(i).id(), i)).collect();
        let mut changes = Vec::new();
        for n in new.ids() {
            let node = new.node(n);
            let Some(&o) = old_ids.get(node.id()) else {
                changes.push(Change::Added { id: node.id().into(), name: node.name().into(), parent: parent_id(new, n) });
                continue;
            };
            let before = old.node(o);
            let (from, to) = (parent_id(old, o), parent_id(new, n));
            if from != to {
                changes.push(Change::Moved { id: node.id().into(), name: node.name().into(), from, to });
            }
            if before.name() != node.name() {
                changes.push(Change::Renamed { id: node.id().into(), from: before.name().into(), to: node.name().into() });
            }
            if before.code() != node.code() {
                let (from, to) = (before.code().map(Into::into), node.code().map(Into::into));
                changes.push(Change::Recoded { id: node.id().into(), name: node.name().into(), from, to });
            }
            if before.level() != node.level() {
                let (from, to) = (before.level().into(), node.level().into());
                changes.push(Change::Relevelled { id: node.id().into(), name: node.name().into(), from, to });
            }
        }
        for o in old.ids() {
            let node = old.node(o);
            if new.find(node.id()).is_none() {
                changes.push(Change::Removed { id: node.id().into(), name: node.name().into(), parent: parent_id(old, o) });
            }
        }
        changes.sort();
        TreeDiff { changes }
    }

    /// No changes.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

fn or_root(id: &Option<String>) -> &str {
    id.as_deref().unwrap_or("(root)")
}

fn or_none(code: &Option<String>) -> &str {
    code.as_deref().unwrap_or("(none)")
}

impl fmt::Display for TreeDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in &self.changes {
            match c {
                Change::Added { id, name, parent } => writeln!(f, "+ added {id} {name} under {}", or_root(parent))?,
                Change::Removed { id, name, parent } => writeln!(f, "- removed {id} {name} from {}", or_root(parent))?,
                Change::Moved { id, name, from, to } => writeln!(f, "> moved {id} {name}: {} → {}", or_root(from), or_root(to))?,
                Change::Renamed { id, from, to } => writeln!(f, "~ renamed {id}: {from} → {to}")?,
                Change::Recoded { id, name, from, to } => writeln!(f, "# recoded {id} {name}: {} → {}", or_none(from), or_none(to))?,
                Change::Relevelled { id, name, from, to } => writeln!(f, "^ level of {id} {name}: {from} → {to}")?,
            }
        }
        Ok(())
    }
}
