//! Restructuring (调整): move a subtree, split a node, merge nodes, rename, re-code. Every
//! edit returns a new organization that has passed every check the loader makes (the level
//! schema, cycles, references), or the problems that stop it; the original is unchanged.

use serde::{Deserialize, Serialize};

use super::document::{Document, Section};
use super::linked::{Compound, Grid, Member, PropertyCompany, Team, Unit};
use super::organization::Organization;
use super::Text;
use super::schema::SchemaSpec;
use super::tree::{Node, NodeRecord};
use crate::error::{Error, Problem, ProblemKind, RefKind};

/// One restructuring step. Ids are record ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    /// Move `id` and its subtree under `parent`.
    Move { id: String, parent: String },
    /// Give `id` a new name.
    Rename { id: String, name: String },
    /// Give `id` a new code, or none.
    Recode { id: String, code: Option<String> },
    /// Make a new sibling `new_id` of `id`, of the same level, and move `children` of `id`
    /// to it (来凤 re-cut 11 districts into 25 this way).
    Split { id: String, new_id: String, new_name: String, children: Vec<String> },
    /// Move everything under `absorb` (children, members, its grid link) to `keep`, and
    /// remove `absorb`. Both must be of the same level.
    Merge { keep: String, absorb: String },
}

fn rejected(path: &str, kind: ProblemKind) -> Error {
    Error::Invalid { problems: vec![Problem::error(None, path.to_owned(), kind)] }
}

impl Organization {
    /// Applies an edit; see [`Edit`].
    ///
    /// ```
    /// use grassroots::Organization;
    /// use grassroots::org::{Edit, TreeDiff};
    /// # fn main() -> Result<(), grassroots::Error> {
    /// let org = Organization::from_json(r#"{"schema": "laifeng", "nodes": [
    ///     {"id": "c", "level": "community", "name": "胜利社区党委"},
    ///     {"id": "d1", "parent": "c", "level": "district", "name": "一片区党支部"},
    ///     {"id": "d2", "parent": "c", "level": "district", "name": "二片区党支部"},
    ///     {"id": "g", "parent": "d1", "level": "group", "name": "一组"}]}"#)?;
    /// let moved = org.edit(&Edit::Move { id: "g".into(), parent: "d2".into() })?;
    /// assert_eq!(TreeDiff::between(org.tree(), moved.tree()).to_string(), "> moved g 一组: d1 → d2\n");
    /// // A group cannot sit under the community: the schema says so.
    /// assert!(org.edit(&Edit::Move { id: "g".into(), parent: "c".into() }).is_err());
    /// # Ok(())
    /// # }
    /// ```
    pub fn edit(&self, edit: &Edit) -> Result<Organization, Error> {
        let tree = self.tree();
        let find = |field: &str, id: &str| {
            tree.find(id).ok_or_else(|| rejected(&format!("$edit.{field}"), ProblemKind::UnknownRef { what: RefKind::Node, id: id.to_owned() }))
        };
        let mut nodes = tree.to_records();
        let mut members: Vec<_> = self.members().iter().map(|m| m.record().clone()).collect();
        match edit {
            Edit::Move { id, parent } => {
                let (i, _) = (find("id", id)?, find("parent", parent)?);
                nodes[i.index()].parent = Some(parent.clone().into());
            }
            Edit::Rename { id, name } => nodes[find("id", id)?.index()].name = name.clone().into(),
            Edit::Recode { id, code } => nodes[find("id", id)?.index()].code = code.as_deref().map(Text::from),
            Edit::Split { id, new_id, new_name, children } => {
                let i = find("id", id)?;
                for (j, child) in children.iter().enumerate() {
                    let c = find(&format!("children[{j}]"), child)?;
                    if tree.node(c).parent() != Some(i) {
                        return Err(rejected(&format!("$edit.children[{j}]"), ProblemKind::UnknownRef { what: RefKind::Node, id: format!("{id}/{child}") }));
                    }
                    nodes[c.index()].parent = Some(new_id.clone().into());
                }
                let source = &nodes[i.index()];
                nodes.push(NodeRecord {
                    id: new_id.clone().into(),
                    parent: source.parent.clone(),
                    level: source.level.clone(),
                    name: new_name.clone().into(),
                    code: None,
                    grid: None,
                    committee: None,
                    linked_households: None,
                });
            }
            Edit::Merge { keep, absorb } => {
                let (k, a) = (find("keep", keep)?, find("absorb", absorb)?);
                if tree.node(k).level() != tree.node(a).level() {
                    let kind = ProblemKind::LevelOrder { level: tree.node(a).level().to_owned(), parent_level: tree.node(k).level().to_owned() };
                    return Err(rejected("$edit.absorb", kind));
                }
                if tree.path_to_root(k).contains(&a) {
                    return Err(rejected("$edit.keep", ProblemKind::Cycle { ids: vec![keep.clone(), absorb.clone()] }));
                }
                for &c in tree.children(a) {
                    nodes[c.index()].parent = Some(keep.clone().into());
                }
                for m in members.iter_mut().filter(|m| m.node == *absorb) {
                    m.node = keep.as_str().into();
                }
                if nodes[k.index()].grid.is_none() {
                    nodes[k.index()].grid = nodes[a.index()].grid.take();
                }
                nodes.remove(a.index());
            }
        }
        // The records as given, their links unset (the load makes them afresh).
        let grids: Vec<_> = self.grids().iter().map(|g| Grid::from(g.record().clone())).collect();
        let units: Vec<_> = self.units().iter().map(|u| Unit::from(u.record().clone())).collect();
        let posts = self.post_categories().to_vec();
        let companies: Vec<_> = self.property_companies().iter().map(|c| PropertyCompany::from(c.record().clone())).collect();
        let compounds: Vec<_> = self.compounds().iter().map(|c| Compound::from(c.record().clone())).collect();
        let teams: Vec<_> = self.teams().iter().map(|t| Team::from(t.record().clone())).collect();
        let doc = Document {
            schema: self.schema().cloned().map(SchemaSpec::Custom),
            nodes: Section::all(nodes).map(Node::from),
            grids: Section::all(grids),
            members: Section::all(members).map(Member::from),
            units: Section::all(units),
            post_categories: Section::all(posts),
            property_companies: Section::all(companies),
            compounds: Section::all(compounds),
            teams: Section::all(teams),
        };
        Organization::from_document(doc, Vec::new())
    }
}
