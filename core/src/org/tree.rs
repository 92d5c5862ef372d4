//! An organization tree built from flat records, as portals export them.

use std::hash::BuildHasher;
use std::sync::OnceLock;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;
use rustc_hash::FxBuildHasher;

use serde::{Deserialize, Serialize};

use super::Text;
use super::records::CommitteeRecord;
use crate::error::{Error, Problem, ProblemKind};

/// One record of the input: a node and the id of its parent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NodeRecord {
    /// Unique id of the node within the tree.
    pub id: Text,
    /// Id of the parent node; absent (or null) for the root only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Text>,
    /// The level key, e.g. `community`, `district`, `group`.
    pub level: Text,
    /// Display name, e.g. 胜利社区党委.
    pub name: Text,
    /// Organisation or grid code, where one is assigned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Text>,
    /// Id of the grid this node (a grid branch) is responsible for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid: Option<Text>,
    /// For a community run as a big committee (大党委): its part-time members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee: Option<CommitteeRecord>,
    /// For a central household (党员中心户): the households it keeps in touch with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_households: Option<u32>,
}

/// Index of a node in its tree's arena. Only meaningful for the tree that issued it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(u32);

impl NodeId {
    /// The position of the node in the arena (and in the input records).
    pub fn index(self) -> usize {
        self.0 as usize
    }

    pub(crate) fn from_index(index: u32) -> Self {
        NodeId(index)
    }

    /// The link of a record read but not yet linked (never seen once a load succeeds).
    pub(crate) const UNLINKED: NodeId = NodeId(UNRESOLVED);
}


/// A node of the tree. Its links are kept consistent by [`OrgTree`], so they are read-only.
///
/// A document's node records are read straight into nodes, and the loader checks them and
/// links them in place: the parsed records are the tree's arena. Its fields and their
/// attributes are [`NodeRecord`]'s (the format; a test holds the two readers to the same
/// nodes), its links are skipped.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub(super) id: Text,
    /// The parent's id as the record gave it; [`Node::parent`] once linked.
    #[serde(default, rename = "parent")]
    pub(super) parent_id: Option<Text>,
    #[serde(skip)]
    parent: Option<NodeId>,
    #[serde(skip)]
    children: Vec<NodeId>,
    pub(super) level: Text,
    pub(super) name: Text,
    #[serde(default)]
    pub(super) code: Option<Text>,
    #[serde(skip)]
    depth: u32,
    #[serde(default)]
    pub(super) grid: Option<Text>,
    #[serde(default)]
    pub(super) committee: Option<CommitteeRecord>,
    #[serde(default)]
    pub(super) linked_households: Option<u32>,
}

impl From<NodeRecord> for Node {
    fn from(r: NodeRecord) -> Self {
        Node {
            id: r.id,
            parent_id: r.parent,
            parent: None,
            children: Vec::new(),
            level: r.level,
            name: r.name,
            code: r.code,
            depth: 0,
            grid: r.grid,
            committee: r.committee,
            linked_households: r.linked_households,
        }
    }
}

impl Node {
    /// The id from the input record.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The parent, `None` for the root.
    pub fn parent(&self) -> Option<NodeId> {
        self.parent
    }
    /// The children, in the order of the input records.
    pub fn children(&self) -> &[NodeId] {
        &self.children
    }
    /// The level key.
    pub fn level(&self) -> &str {
        &self.level
    }
    /// The display name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The code, if the record had one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
    /// Distance from the root: 0 for the root.
    pub fn depth(&self) -> u32 {
        self.depth
    }
    /// Id of the grid this node is responsible for.
    pub fn grid(&self) -> Option<&str> {
        self.grid.as_deref()
    }
    /// The big committee, for a community run as one.
    pub fn committee(&self) -> Option<&CommitteeRecord> {
        self.committee.as_ref()
    }
    /// Households a central household keeps in touch with.
    pub fn linked_households(&self) -> Option<u32> {
        self.linked_households
    }
}

/// A validated organization tree: exactly one root, no cycles, no orphans, unique ids.
#[derive(Debug, Clone)]
pub struct OrgTree {
    nodes: Vec<Node>,
    root: NodeId,
    /// Indices into `nodes`, hashed by the node's id: no id is stored twice.
    by_id: Index,
    /// Names and ids folded for [`OrgTree::search`], made at the first search: typing in a
    /// search box then costs a substring test per node, not a fold.
    folded: OnceLock<Vec<(String, String)>>,
    /// Whether every node comes after its parent in the arena (as exports usually list them),
    /// so that the arena's order read backwards visits children before their parents.
    parents_first: bool,
}

impl PartialEq for OrgTree {
    fn eq(&self, other: &Self) -> bool {
        // The index is derived from the nodes.
        self.root == other.root && self.nodes == other.nodes
    }
}

impl Eq for OrgTree {}

impl OrgTree {
    /// Reads an organization document (`{"nodes": [...], …}`, see
    /// [`Organization`](crate::org::Organization)) and returns its validated tree.
    ///
    /// Every problem is returned, not just the first:
    ///
    /// ```
    /// use grassroots::{Error, OrgTree, ProblemKind};
    ///
    /// let err = OrgTree::from_json(r#"{"schema": "laifeng", "nodes": [
    ///     {"id": "c1", "level": "community", "name": "胜利社区"},
    ///     {"id": "d1", "parent": "nowhere", "level": "district", "name": "一片区"},
    ///     {"id": "d2", "parent": "c1", "level": "district", "name": 7}
    /// ]}"#).unwrap_err();
    /// let Error::Invalid { problems } = err else { panic!("expected problems") };
    /// assert_eq!(problems.len(), 2);
    /// assert_eq!(problems[0].path, "$.nodes[1].parent");
    /// assert_eq!(problems[1].path, "$.nodes[2].name");
    /// ```
    pub fn from_json(json: &str) -> Result<Self, Error> {
        crate::org::Organization::from_json(json).map(crate::org::Organization::into_tree)
    }

    /// Builds and validates a tree from records that are already typed.
    pub fn from_records(records: Vec<NodeRecord>) -> Result<Self, Error> {
        let records: Vec<Node> = records.into_iter().map(Node::from).collect();
        let positions: Vec<usize> = (0..records.len()).collect();
        let mut problems = Vec::new();
        let links = link(&records, &positions, &mut problems);
        match (links.ok, links.root) {
            (true, Some(root)) => Ok(assemble(records, links, root).0),
            _ => {
                // Every problem is a node's: in record order, then by path.
                problems.sort_by(|a, b| (crate::jsonpath::sort_key(&a.path, &["nodes"]), &a.path).cmp(&(crate::jsonpath::sort_key(&b.path, &["nodes"]), &b.path)));
                Err(Error::Invalid { problems })
            }
        }
    }

    /// The records this tree was built from (in arena order), for restructuring.
    pub fn to_records(&self) -> Vec<NodeRecord> {
        self.nodes
            .iter()
            .map(|n| NodeRecord {
                id: n.id.clone(),
                parent: n.parent.map(|p| self.nodes[p.index()].id.clone()),
                level: n.level.clone(),
                name: n.name.clone(),
                code: n.code.clone(),
                grid: n.grid.clone(),
                committee: n.committee.clone(),
                linked_households: n.linked_households,
            })
            .collect()
    }

    /// The root node.
    pub fn root(&self) -> NodeId {
        self.root
    }

    /// The node behind an id this tree issued.
    ///
    /// # Panics
    /// When `id` came from another tree and is out of range; ids are not made from input.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// The children of a node, in input order.
    pub fn children(&self, id: NodeId) -> &[NodeId] {
        &self.node(id).children
    }

    /// Looks a node up by the id of its record.
    pub fn find(&self, record_id: &str) -> Option<NodeId> {
        self.by_id.get(&self.nodes, |n| &n.id, record_id).map(NodeId)
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// A valid tree always has its root, so it is never empty.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// All node ids in arena (input) order.
    pub fn ids(&self) -> impl ExactSizeIterator<Item = NodeId> + '_ {
        (0..self.nodes.len() as u32).map(NodeId)
    }

    /// The node, its parent, …, up to the root.
    pub fn path_to_root(&self, id: NodeId) -> Vec<NodeId> {
        let mut path = vec![id];
        let mut at = id;
        while let Some(parent) = self.node(at).parent {
            path.push(parent);
            at = parent;
        }
        path
    }

    /// 1-based position of a node among its siblings and the number of siblings (the root
    /// counts as the only one of its kind). This is what WAI-ARIA's posinset/setsize want.
    pub fn position_in_siblings(&self, id: NodeId) -> (usize, usize) {
        match self.node(id).parent {
            None => (1, 1),
            Some(parent) => {
                let siblings = self.children(parent);
                let pos = siblings.iter().position(|&s| s == id).map_or(1, |p| p + 1);
                (pos, siblings.len())
            }
        }
    }

    /// Nodes whose name contains `query` (folded: full-width forms, case and white space
    /// do not matter), or whose id or code equals or starts with it, in depth-first order.
    pub fn search(&self, query: &str) -> Vec<NodeId> {
        let needle = crate::text::fold(query);
        if needle.is_empty() {
            return Vec::new();
        }
        let folded = self
            .folded
            .get_or_init(|| self.nodes.iter().map(|n| (crate::text::fold(&n.name), crate::text::fold(&n.id))).collect());
        self.subtree(self.root)
            .into_iter()
            .filter(|&id| {
                let (name, record_id) = &folded[id.index()];
                name.contains(&needle)
                    || record_id.starts_with(&needle)
                    || self.node(id).code.as_deref().is_some_and(|c| c.starts_with(&needle))
            })
            .collect()
    }

    /// Every node once, each after all its descendants (children before parents): the
    /// arena's order backwards when parents come first in it, else a depth-first order
    /// backwards.
    pub(crate) fn bottom_up(&self) -> Vec<NodeId> {
        if self.parents_first {
            (0..self.nodes.len() as u32).rev().map(NodeId).collect()
        } else {
            let mut order = self.subtree(self.root);
            order.reverse();
            order
        }
    }

    /// The node and all its descendants, depth first, children in input order.
    pub fn subtree(&self, id: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        while let Some(at) = stack.pop() {
            out.push(at);
            stack.extend(self.children(at).iter().rev());
        }
        out
    }
}

/// What [`link`] found: the index of ids, each record's parent and the root. `ok` is false
/// when any structural problem was found. `parents_first`: every resolved parent comes
/// before its child (then no parent link can form a cycle).
pub(crate) struct Links {
    pub index: Index,
    pub parent_of: Vec<u32>,
    pub root: Option<usize>,
    pub ok: bool,
    pub parents_first: bool,
}

/// Record ids to their first record's index. It stores only indices, hashed by the id they
/// point at, so it serves the records during the checks and then, unchanged, the nodes made
/// from them (same order, same ids). The hash is fast and not DoS-resistant: ids come from
/// the data owner's own exports, and hashing dominates loading large trees.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index(HashTable<u32>);

impl Index {
    /// The index of the record (or node) with this id, given the slice the index was built
    /// over; `id_of` reads an element's id.
    pub(crate) fn get<T>(&self, items: &[T], id_of: impl Fn(&T) -> &str, key: &str) -> Option<u32> {
        self.0.find(hash_id(key), |&i| id_of(&items[i as usize]) == key).copied()
    }
}

pub(crate) const UNRESOLVED: u32 = u32::MAX;

/// Phase two, part one: checks the records' structure — empty fields, duplicate ids, unknown
/// parents, roots, cycles — adding every problem to `problems`. `positions[i]` is record
/// i's index in the input document, used in the JSON paths of problems.
pub(crate) fn link(records: &[Node], positions: &[usize], problems: &mut Vec<Problem>) -> Links {
    let before = problems.len();
    let at = |i: usize, field: &str| format!("$.nodes[{}].{field}", positions[i]);
    let n = records.len();
    let mut links = Links { index: Index::default(), parent_of: Vec::new(), root: None, ok: false, parents_first: false };
    if n == 0 {
        problems.push(Problem::error(None, "$.nodes".into(), ProblemKind::NoRecords));
        return links;
    }
    if n >= UNRESOLVED as usize {
        problems.push(Problem::error(None, "$.nodes".into(), ProblemKind::Shape { message: "more than 4294967294 records".into() }));
        return links;
    }

    // One pass: each record's id goes into the index, then its parent is looked up. When
    // parents come before their children (as exports list them) every parent is found
    // there; a parent not yet seen is looked up again once every id is in.
    let index = &mut links.index;
    index.0.reserve(n, |&j| hash_id(&records[j as usize].id));
    let parent_of = &mut links.parent_of;
    parent_of.resize(n, UNRESOLVED);
    let mut root: Option<usize> = None;
    let mut parents_first = true;
    let mut later = Vec::new();
    for (i, r) in records.iter().enumerate() {
        for (field, value) in [("id", &r.id), ("level", &r.level), ("name", &r.name)] {
            // As `trim().is_empty()`, stopping at the first character that is not white space.
            if value.chars().all(char::is_whitespace) {
                problems.push(Problem::error(Some(String::from(&r.id)).filter(|s| !s.is_empty()), at(i, field), ProblemKind::Empty));
            }
        }
        let hash = hash_id(&r.id);
        // One probe: the slot found empty is the one filled.
        match index.0.entry(hash, |&j| records[j as usize].id == r.id, |&j| hash_id(&records[j as usize].id)) {
            Entry::Vacant(slot) => {
                slot.insert(i as u32);
            }
            Entry::Occupied(first) if !r.id.is_empty() => {
                let first = format!("$.nodes[{}]", positions[*first.get() as usize]);
                problems.push(Problem::error(Some(String::from(&r.id)), at(i, "id"), ProblemKind::DuplicateId { id: String::from(&r.id), first }));
            }
            Entry::Occupied(_) => {}
        }
        // The parent. A record whose id is a duplicate still links to the first holder.
        // Siblings are usually listed together: a record naming the same parent as the one
        // before it has the same parent, found without a lookup.
        if let (Some(p), Some(prev)) = (&r.parent_id, i.checked_sub(1)) {
            if parent_of[prev] != UNRESOLVED && records[prev].parent_id.as_ref() == Some(p) {
                parent_of[i] = parent_of[prev];
                continue;
            }
        }
        match &r.parent_id {
            None => match root {
                None => root = Some(i),
                Some(first) => problems.push(Problem::error(
                    Some(String::from(&r.id)),
                    at(i, "parent"),
                    ProblemKind::ExtraRoot { root: String::from(&records[first].id) },
                )),
            },
            Some(p) => match index.get(records, |r| &r.id, p) {
                Some(pid) => {
                    // `pid == i`: its own parent, a cycle.
                    parents_first &= (pid as usize) < i;
                    parent_of[i] = pid;
                }
                None => later.push(i),
            },
        }
    }
    for i in later {
        let r = &records[i];
        let Some(p) = &r.parent_id else { continue };
        match index.get(records, |r| &r.id, p) {
            Some(pid) => {
                parents_first = false;
                parent_of[i] = pid;
            }
            None => problems.push(Problem::error(
                Some(String::from(&r.id)),
                at(i, "parent"),
                ProblemKind::UnknownParent { parent: String::from(p) },
            )),
        }
    }
    if root.is_none() {
        problems.push(Problem::error(None, "$.nodes".into(), ProblemKind::NoRoot));
    }
    links.root = root;
    links.parents_first = parents_first;

    // Cycles: walk up from each record; colour 1 = on the current walk, 2 = done. When every
    // parent comes before its child, no walk can come back to where it started.
    let mut colour = vec![0u8; if parents_first { 0 } else { n }];
    let mut walk = Vec::new();
    for start in (0..n).filter(|_| !parents_first) {
        let mut at_i = start;
        walk.clear();
        while colour[at_i] == 0 {
            colour[at_i] = 1;
            walk.push(at_i);
            match parent_of[at_i] {
                UNRESOLVED => break,
                p => at_i = p as usize,
            }
        }
        if colour[at_i] == 1 && parent_of[at_i] != UNRESOLVED {
            // at_i is on the current walk: the cycle is walk[pos..].
            if let Some(pos) = walk.iter().position(|&w| w == at_i) {
                let cycle = &walk[pos..];
                let first = cycle.iter().copied().min().unwrap_or(at_i);
                let k = cycle.iter().position(|&w| w == first).unwrap_or(0);
                let ids: Vec<String> = cycle[k..].iter().chain(&cycle[..k]).map(|&w| String::from(&records[w].id)).collect();
                problems.push(Problem::error(Some(String::from(&records[first].id)), at(first, "parent"), ProblemKind::Cycle { ids }));
            }
        }
        for &w in &walk {
            colour[w] = 2;
        }
    }
    links.ok = problems.len() == before;
    links
}

fn hash_id(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

/// Phase two, part two: the nodes whose [`link`] was `ok` become the arena, linked in place.
/// Gives back each node's parent's index (`UNRESOLVED` for the root), for the rollups.
pub(crate) fn assemble(mut nodes: Vec<Node>, links: Links, root: usize) -> (OrgTree, Vec<u32>) {
    let Links { index, parent_of, parents_first, .. } = links;
    // Count first, so that every children list is allocated once at its size.
    let mut counts = vec![0u32; nodes.len()];
    for &p in &parent_of {
        if p != UNRESOLVED {
            counts[p as usize] += 1;
        }
    }
    if parents_first {
        // One pass in the arena's order, which is top-down: each node's parent has been seen
        // (its children list made, its depth known) by the time the node comes.
        let mut depths = vec![0u32; nodes.len()];
        for (i, &p) in parent_of.iter().enumerate() {
            if counts[i] > 0 {
                nodes[i].children = Vec::with_capacity(counts[i] as usize);
            }
            if p != UNRESOLVED {
                depths[i] = depths[p as usize] + 1;
                let node = &mut nodes[i];
                node.parent = Some(NodeId(p));
                node.depth = depths[i];
                nodes[p as usize].children.push(NodeId(i as u32));
            }
        }
    } else {
        for (node, &count) in nodes.iter_mut().zip(&counts) {
            if count > 0 {
                node.children = Vec::with_capacity(count as usize);
            }
        }
        for (i, &p) in parent_of.iter().enumerate() {
            if p != UNRESOLVED {
                nodes[i].parent = Some(NodeId(p));
                nodes[p as usize].children.push(NodeId(i as u32));
            }
        }
        // Depths top-down; with no cycles and one root every node is reached exactly once.
        let mut stack = vec![root];
        while let Some(i) = stack.pop() {
            let depth = nodes[i].depth + 1;
            for k in 0..nodes[i].children.len() {
                let c = nodes[i].children[k].index();
                nodes[c].depth = depth;
                stack.push(c);
            }
        }
    }
    (OrgTree { nodes, root: NodeId(root as u32), by_id: index, folded: OnceLock::new(), parents_first }, parent_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(json: &str) -> Vec<(String, ProblemKind)> {
        match OrgTree::from_json(json) {
            Ok(_) => vec![],
            Err(e) => e.problems().into_iter().filter(|p| p.severity == crate::Severity::Error).map(|p| (p.path, p.kind)).collect(),
        }
    }

    #[test]
    fn depth_and_siblings_follow_input_order() -> Result<(), Error> {
        let tree = OrgTree::from_json(
            r#"{"nodes":[{"id":"r","level":"c","name":"R"},{"id":"b","parent":"r","level":"d","name":"B"},
            {"id":"a","parent":"r","level":"d","name":"A"},{"id":"x","parent":"a","level":"g","name":"X"}]}"#,
        )?;
        let x = tree.find("x").ok_or_else(|| Error::Invalid { problems: vec![] })?;
        assert_eq!(tree.node(x).depth(), 2);
        let a = tree.find("a").ok_or_else(|| Error::Invalid { problems: vec![] })?;
        assert_eq!(tree.position_in_siblings(a), (2, 2));
        let names: Vec<_> = tree.subtree(tree.root()).into_iter().map(|i| tree.node(i).id().to_owned()).collect();
        assert_eq!(names, ["r", "b", "a", "x"]);
        let up: Vec<_> = tree.path_to_root(x).into_iter().map(|i| tree.node(i).id().to_owned()).collect();
        assert_eq!(up, ["x", "a", "r"]);
        Ok(())
    }

    #[test]
    fn search_matches_names_ids_and_code_prefixes_in_tree_order() -> Result<(), Error> {
        let tree = OrgTree::from_json(
            r#"{"nodes":[{"id":"r","level":"c","name":"胜利社区","code":"422827001001"},
            {"id":"g2","parent":"r","level":"g","name":"第２网格"},{"id":"g1","parent":"r","level":"g","name":"第1网格","code":"42282700100101"}]}"#,
        )?;
        let ids = |q: &str| tree.search(q).into_iter().map(|i| tree.node(i).id().to_owned()).collect::<Vec<_>>();
        assert_eq!(ids("网格"), ["g2", "g1"]);
        assert_eq!(ids("第2"), ["g2"]);
        assert_eq!(ids("4228270010010"), ["g1"]);
        assert_eq!(ids("G1"), ["g1"]);
        assert_eq!(ids("  "), Vec::<String>::new());
        Ok(())
    }

    #[test]
    fn a_self_parent_is_a_cycle_of_one() {
        let got = paths(r#"{"nodes":[{"id":"r","level":"c","name":"R"},{"id":"s","parent":"s","level":"d","name":"S"}]}"#);
        assert_eq!(got, vec![("$.nodes[1].parent".to_owned(), ProblemKind::Cycle { ids: vec!["s".into()] })]);
    }

    #[test]
    fn shape_errors_and_link_errors_are_reported_together() {
        let got = paths(
            r#"{"nodes":[{"id":"r","level":"c","name":"R"},{"id":"q","level":5,"name":"Q"},{"id":"z","parent":"nope","level":"d","name":"Z"}]}"#,
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "$.nodes[1].level");
        assert_eq!(got[1], ("$.nodes[2].parent".to_owned(), ProblemKind::UnknownParent { parent: "nope".into() }));
    }
}

// Read by a table of its fields in the wasm build: see the end of `records.rs`.
crate::lean_record!(NodeRecord, deny = true, {
    id: Required,
    parent: Default,
    level: Required,
    name: Required,
    code: Default,
    grid: Default,
    committee: Default,
    linked_households: Default,
});
