//! An organization document: the tree, its level schema, grids, members, units and posts,
//! checked against each other, with figures rolled up for every node.

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxBuildHasher;
use serde::Serialize;

use super::document::{self, Section};
use super::records::{Flow, GridRecord, MemberKind, MemberRecord, PostCategoryRecord, UnitRecord};
use super::linked::{Grid, Member, Unit};
use super::rollup::{self, Rollup};
use super::schema::{LevelRole, LevelSchema, SchemaSpec};
use super::tree::{Links as TreeLinks, NodeId, NodeRecord, OrgTree, UNRESOLVED, assemble, link};
use crate::error::{Error, Problem, ProblemKind, RefKind};

/// A validated organization document.
///
/// The JSON format: `{"schema": "laifeng" | {…}, "nodes": […], "grids": […], "members": […],
/// "units": […], "post_categories": […]}`; only `nodes` is required. See the record types in
/// [`crate::org`] for each field.
///
/// ```
/// use grassroots::Organization;
///
/// # fn main() -> Result<(), grassroots::Error> {
/// let org = Organization::from_json(r#"{"schema": "laifeng", "nodes": [
///     {"id": "c1", "level": "community", "name": "胜利社区党委", "code": "422827001001"},
///     {"id": "d1", "parent": "c1", "level": "district", "name": "一片区党支部", "grid": "g1"}
/// ], "grids": [{"id": "g1", "code": "42282700100101", "community": "c1",
///              "workers": [{"name": "张敏", "phone": "13812345678"}], "households": 320}],
///    "members": [{"id": "m1", "name": "李华", "kind": "retired", "node": "d1", "grid": "g1"}]}"#)?;
/// let root = org.tree().root();
/// assert_eq!(org.rollup(root).households, 320);
/// assert_eq!(org.rollup(root).members.retired, 1);
/// assert_eq!(org.level_label(root, false), "社区党委");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Organization {
    schema: Option<LevelSchema>,
    tree: OrgTree,
    grids: Vec<Grid>,
    members: Vec<Member>,
    units: Vec<Unit>,
    post_categories: Vec<PostCategoryRecord>,
    rollups: Vec<Rollup>,
    warnings: Vec<Problem>,
}

/// Index of the first record with each id; later duplicates are reported.
fn index_ids<'a, T>(
    section: &'a Section<T>,
    name: &str,
    id: impl Fn(&'a T) -> &'a str,
    problems: &mut Vec<Problem>,
) -> HashMap<&'a str, usize, FxBuildHasher> {
    let mut map = HashMap::with_capacity_and_hasher(section.records.len(), FxBuildHasher);
    for (i, r) in section.records.iter().enumerate() {
        let key = id(r);
        if let Some(&first) = map.get(key) {
            let first = format!("$.{name}[{}]", section.positions[first]);
            let kind = ProblemKind::DuplicateId { id: key.to_owned(), first };
            problems.push(Problem::error(Some(key.to_owned()), format!("$.{name}[{}].id", section.positions[i]), kind));
        } else {
            map.insert(key, i);
        }
    }
    map
}

impl Organization {
    /// Reads and checks a document; returns every problem found when there are errors.
    /// Warnings alone do not fail the load: see [`Organization::warnings`].
    pub fn from_json(json: &str) -> Result<Self, Error> {
        Self::from_json_with_schema(json, None)
    }

    /// Like [`Organization::from_json`], with `schema` (when given) used instead of the
    /// document's own.
    pub fn from_json_with_schema(json: &str, schema: Option<SchemaSpec>) -> Result<Self, Error> {
        let mut problems = Vec::new();
        let mut doc = document::read(json, &mut problems)?;
        if schema.is_some() {
            doc.schema = schema;
        }
        Self::from_document(doc, problems)
    }

    /// Builds from typed records (e.g. read from CSV rosters).
    pub fn from_parts(
        schema: Option<SchemaSpec>,
        nodes: Vec<NodeRecord>,
        grids: Vec<GridRecord>,
        members: Vec<MemberRecord>,
        units: Vec<UnitRecord>,
    ) -> Result<Self, Error> {
        let all = |n: usize| (0..n).collect::<Vec<_>>();
        let doc = document::Document {
            schema,
            nodes: Section { positions: all(nodes.len()), records: nodes },
            grids: Section { positions: all(grids.len()), records: grids },
            members: Section { positions: all(members.len()), records: members },
            units: Section { positions: all(units.len()), records: units },
            post_categories: Section { records: Vec::new(), positions: Vec::new() },
        };
        Self::from_document(doc, Vec::new())
    }

    pub(crate) fn from_document(doc: document::Document, mut problems: Vec<Problem>) -> Result<Self, Error> {
        let schema = resolve_schema(doc.schema.as_ref(), &mut problems);
        let links = link(&doc.nodes.records, &doc.nodes.positions, &mut problems);
        let linked = check_references(&doc, &links, schema.as_ref(), &mut problems);
        let document::Document { nodes, grids, members, units, post_categories, .. } = doc;
        let tree = match (links.ok, links.root) {
            (true, Some(root)) => Some(assemble(nodes.records, links.index, &links.parent_of, root)),
            _ => None,
        };
        let (errors, mut warnings): (Vec<Problem>, Vec<Problem>) =
            problems.into_iter().partition(|p| p.severity == crate::Severity::Error);
        document::sort_problems(&mut warnings);
        let (Some(tree), true) = (tree, errors.is_empty()) else {
            let mut all = errors;
            all.extend(warnings);
            document::sort_problems(&mut all);
            return Err(Error::Invalid { problems: all });
        };
        // With no errors every reference resolved, and node records are the arena in order,
        // so the indices found by the checks are the ids.
        let id = |i: u32| (i != UNRESOLVED).then_some(NodeId::from_index(i));
        let grids: Vec<Grid> = grids
            .records
            .into_iter()
            .enumerate()
            .map(|(i, record)| Grid {
                community: NodeId::from_index(linked.grid_community[i]),
                branch: id(linked.grid_branch[i]),
                record,
            })
            .collect();
        let members: Vec<Member> = members
            .records
            .into_iter()
            .enumerate()
            .map(|(i, record)| Member {
                node: NodeId::from_index(linked.member_node[i]),
                grid: (linked.member_grid[i] != UNRESOLVED).then_some(linked.member_grid[i] as usize),
                reports_to: id(linked.member_reports[i]),
                record,
            })
            .collect();
        let units: Vec<Unit> = units
            .records
            .into_iter()
            .enumerate()
            .map(|(i, record)| Unit { community: NodeId::from_index(linked.unit_community[i]), record })
            .collect();
        let rollups = rollup::compute(&tree, &grids, &members, &units, schema.as_ref());
        Ok(Organization { schema, tree, grids, members, units, post_categories: post_categories.records, rollups, warnings })
    }

    /// The tree.
    pub fn tree(&self) -> &OrgTree {
        &self.tree
    }
    /// Gives up the rest and keeps the tree.
    pub fn into_tree(self) -> OrgTree {
        self.tree
    }
    /// Splits into the tree and what a view of it needs besides: the schema's level names,
    /// every node's figures and the warnings. (A view that holds the tree on its own, as the
    /// widgets do, takes it this way without a copy.)
    pub fn split(self) -> (OrgTree, OrgSummary) {
        let summary = OrgSummary { schema: self.schema, rollups: self.rollups, warnings: self.warnings };
        (self.tree, summary)
    }
    /// The level schema, when the document named one.
    pub fn schema(&self) -> Option<&LevelSchema> {
        self.schema.as_ref()
    }
    /// The grids, in input order.
    pub fn grids(&self) -> &[Grid] {
        &self.grids
    }
    /// The members, in input order.
    pub fn members(&self) -> &[Member] {
        &self.members
    }
    /// The units, in input order.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }
    /// The post catalogue.
    pub fn post_categories(&self) -> &[PostCategoryRecord] {
        &self.post_categories
    }
    /// Problems worth a look that do not stop the data being used.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }
    /// The figures of a node's whole subtree.
    pub fn rollup(&self, id: NodeId) -> &Rollup {
        &self.rollups[id.index()]
    }
    /// A node's level as a person reads it: the schema's zh-CN or en name, or the key.
    pub fn level_label(&self, id: NodeId, english: bool) -> &str {
        let key = self.tree.node(id).level();
        match &self.schema {
            Some(schema) => schema.label(key, english),
            None => key,
        }
    }
    /// How many nodes of each level are in a node's subtree (the node included).
    pub fn level_counts(&self, id: NodeId) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for n in self.tree.subtree(id) {
            *counts.entry(self.tree.node(n).level()).or_insert(0) += 1;
        }
        counts
    }
    /// The node with this code, or the grid's branch (else community) for a grid code.
    pub fn find_code(&self, code: &str) -> Option<NodeId> {
        let code = code.trim();
        self.tree
            .ids()
            .find(|&id| self.tree.node(id).code() == Some(code))
            .or_else(|| self.grids.iter().find(|g| g.record.code == code).map(|g| g.branch.unwrap_or(g.community)))
    }
}

/// What the reference checks resolved, by record index, for the build to use without
/// looking anything up again. Only trusted when no error was found.
struct Links {
    /// For each grid, the node that names it.
    grid_branch: Vec<u32>,
    grid_community: Vec<u32>,
    member_node: Vec<u32>,
    member_grid: Vec<u32>,
    member_reports: Vec<u32>,
    unit_community: Vec<u32>,
}

pub(crate) fn resolve_schema(spec: Option<&SchemaSpec>, problems: &mut Vec<Problem>) -> Option<LevelSchema> {
    let schema = match spec {
        None => {
            problems.push(Problem::warning(None, "$".into(), ProblemKind::NoSchema));
            return None;
        }
        Some(SchemaSpec::Preset(name)) => match LevelSchema::preset(name) {
            Some(s) => s,
            None => {
                problems.push(Problem::error(None, "$.schema".into(), ProblemKind::UnknownPreset { name: name.clone() }));
                return None;
            }
        },
        Some(SchemaSpec::Custom(s)) => s.clone(),
    };
    let mut seen: HashMap<&str, usize, FxBuildHasher> = HashMap::default();
    for (i, level) in schema.levels.iter().enumerate() {
        if seen.insert(level.key.as_str(), i).is_some() {
            problems.push(Problem::error(None, format!("$.schema.levels[{i}].key"), ProblemKind::DuplicateLevel { key: level.key.clone() }));
        }
    }
    for (i, level) in schema.levels.iter().enumerate() {
        for (j, parent) in level.parents.iter().enumerate() {
            if schema.level(parent).is_none() {
                let kind = ProblemKind::UnknownRef { what: RefKind::Level, id: parent.clone() };
                problems.push(Problem::error(None, format!("$.schema.levels[{i}].parents[{j}]"), kind));
            }
        }
    }
    Some(schema)
}

fn check_references(doc: &document::Document, tree_links: &TreeLinks, schema: Option<&LevelSchema>, problems: &mut Vec<Problem>) -> Links {
    let nodes = &doc.nodes;
    let node_id = |key: &str| tree_links.index.get(&nodes.records, |r| &r.id, key);
    let at = |section: &str, positions: &[usize], i: usize, field: &str| format!("$.{section}[{}].{field}", positions[i]);
    let grid_ids = index_ids(&doc.grids, "grids", |g| g.id.as_str(), problems);
    let member_ids = index_ids(&doc.members, "members", |m| m.id.as_str(), problems);
    let unit_ids = index_ids(&doc.units, "units", |u| u.id.as_str(), problems);
    // Post ids to their category's position in the input.
    let mut post_ids: HashMap<&str, usize, FxBuildHasher> = HashMap::default();
    for (c, category) in doc.post_categories.records.iter().enumerate() {
        let position = doc.post_categories.positions[c];
        for (j, post) in category.posts.iter().enumerate() {
            let path = format!("$.post_categories[{position}].posts[{j}].id");
            if post_ids.contains_key(post.id.as_str()) {
                let first = format!("another post with id \"{}\"", post.id);
                problems.push(Problem::error(Some(post.id.clone()), path, ProblemKind::DuplicateId { id: post.id.clone(), first }));
            } else {
                post_ids.insert(post.id.as_str(), position);
            }
        }
    }
    // Each node's level as an index into the schema, looked up once.
    const NO_LEVEL: u8 = u8::MAX;
    let level_of: Vec<u8> = match schema {
        Some(schema) => nodes
            .records
            .iter()
            .map(|r| schema.levels.iter().position(|l| l.key == r.level).map_or(NO_LEVEL, |p| p.min(254) as u8))
            .collect(),
        None => Vec::new(),
    };
    let level = |node: u32| schema.and_then(|s| s.levels.get(*level_of.get(node as usize)? as usize));
    // Without a schema nothing says which nodes are communities, so that check is skipped.
    let is_community = |node: u32| schema.is_none() || level(node).map(|l| l.role) == Some(LevelRole::Community);
    let unknown = |what: RefKind, id: &str| ProblemKind::UnknownRef { what, id: id.to_owned() };
    let mut links = Links {
        grid_branch: vec![UNRESOLVED; doc.grids.records.len()],
        grid_community: vec![UNRESOLVED; doc.grids.records.len()],
        member_node: vec![UNRESOLVED; doc.members.records.len()],
        member_grid: vec![UNRESOLVED; doc.members.records.len()],
        member_reports: vec![UNRESOLVED; doc.members.records.len()],
        unit_community: vec![UNRESOLVED; doc.units.records.len()],
    };

    // Nodes: levels against the schema, codes, grid links, committees.
    let mut codes: HashMap<&str, usize, FxBuildHasher> = HashMap::default();
    for (i, r) in nodes.records.iter().enumerate() {
        let rec = || Some(r.id.clone());
        if schema.is_some() {
            match level(i as u32) {
                None => problems.push(Problem::error(rec(), at("nodes", &nodes.positions, i, "level"), unknown(RefKind::Level, &r.level))),
                Some(this) => match tree_links.parent_of.get(i).copied().filter(|&p| p != UNRESOLVED) {
                    Some(p) => {
                        if let Some(parent_level) = level(p) {
                            if !this.parents.contains(&parent_level.key) {
                                let kind = ProblemKind::LevelOrder { level: r.level.clone(), parent_level: parent_level.key.clone() };
                                problems.push(Problem::error(rec(), at("nodes", &nodes.positions, i, "level"), kind));
                            }
                        }
                    }
                    None if r.parent.is_none() && !this.may_be_root() => {
                        let kind = ProblemKind::NotRootLevel { level: r.level.clone() };
                        problems.push(Problem::error(rec(), at("nodes", &nodes.positions, i, "level"), kind));
                    }
                    None => {}
                },
            }
        }
        if let Some(code) = r.code.as_deref() {
            if let Some(&first) = codes.get(code) {
                let kind = ProblemKind::DuplicateCode { value: code.to_owned(), first: format!("$.nodes[{}]", nodes.positions[first]) };
                problems.push(Problem::error(rec(), at("nodes", &nodes.positions, i, "code"), kind));
            } else {
                codes.insert(code, i);
            }
        }
        if let Some(grid) = r.grid.as_deref() {
            match grid_ids.get(grid) {
                Some(&g) => links.grid_branch[g] = i as u32,
                None => problems.push(Problem::error(rec(), at("nodes", &nodes.positions, i, "grid"), unknown(RefKind::Grid, grid))),
            }
        }
        if let Some(committee) = &r.committee {
            let path = at("nodes", &nodes.positions, i, "committee");
            if schema.is_some() && !is_community(i as u32) {
                problems.push(Problem::error(rec(), path.clone(), ProblemKind::NotCommunity { id: r.id.clone() }));
            }
            let count = committee.part_time.len();
            if !(3..=7).contains(&count) {
                problems.push(Problem::warning(rec(), format!("{path}.part_time"), ProblemKind::CommitteeSize { count }));
            }
            for (j, member) in committee.part_time.iter().enumerate() {
                if !unit_ids.contains_key(member.unit.as_str()) {
                    let kind = unknown(RefKind::Unit, &member.unit);
                    problems.push(Problem::error(rec(), format!("{path}.part_time[{j}].unit"), kind));
                }
            }
        }
    }

    // Grids. Grid codes are their own namespace: a grid branch often carries its grid's code.
    let mut codes: HashMap<&str, usize, FxBuildHasher> = HashMap::default();
    let grids = &doc.grids;
    for (i, g) in grids.records.iter().enumerate() {
        let rec = || Some(g.id.clone());
        let path = |field: &str| at("grids", &grids.positions, i, field);
        if let Some(&first) = codes.get(g.code.as_str()) {
            let kind = ProblemKind::DuplicateCode { value: g.code.clone(), first: format!("$.grids[{}]", grids.positions[first]) };
            problems.push(Problem::error(rec(), path("code"), kind));
        } else {
            codes.insert(g.code.as_str(), i);
        }
        let code_ok = (14..=15).contains(&g.code.len()) && g.code.bytes().all(|b| b.is_ascii_digit());
        if !code_ok {
            problems.push(Problem::error(rec(), path("code"), ProblemKind::GridCodeFormat { value: g.code.clone() }));
        } else if let Ok(sequence) = g.code[12..].parse::<u32>() {
            if sequence == 0 || g.merged != (sequence >= 601) {
                let kind = ProblemKind::GridSequence { sequence };
                let problem = if g.merged || sequence == 0 { Problem::error } else { Problem::warning };
                problems.push(problem(rec(), path("code"), kind));
            }
        }
        match node_id(&g.community) {
            None => problems.push(Problem::error(rec(), path("community"), unknown(RefKind::Node, &g.community))),
            Some(c) if !is_community(c) => {
                problems.push(Problem::error(rec(), path("community"), ProblemKind::NotCommunity { id: g.community.clone() }));
            }
            Some(c) => {
                links.grid_community[i] = c;
                let community_code = nodes.records[c as usize].code.as_deref().filter(|c| c.len() == 12);
                if let (true, Some(expected)) = (code_ok, community_code) {
                    if !g.code.starts_with(expected) {
                        let kind = ProblemKind::GridCodePrefix { expected: expected.to_owned() };
                        problems.push(Problem::error(rec(), path("code"), kind));
                    }
                }
            }
        }
        if g.workers.is_empty() {
            problems.push(Problem::error(rec(), path("workers"), ProblemKind::NoWorker));
        }
        for (j, w) in g.workers.iter().enumerate() {
            if let Some(m) = w.member.as_deref().filter(|m| !member_ids.contains_key(m)) {
                problems.push(Problem::error(rec(), path(&format!("workers[{j}].member")), unknown(RefKind::Member, m)));
            }
        }
        if g.households == 0 {
            problems.push(Problem::warning(rec(), path("households"), ProblemKind::NoHouseholds));
        }
    }

    // Members.
    let members = &doc.members;
    for (i, m) in members.records.iter().enumerate() {
        let rec = || Some(m.id.clone());
        let path = |field: &str| at("members", &members.positions, i, field);
        match node_id(&m.node) {
            Some(n) => links.member_node[i] = n,
            None => problems.push(Problem::error(rec(), path("node"), unknown(RefKind::Node, &m.node))),
        }
        let away = m.kind == MemberKind::Mobile && m.flow == Some(Flow::Out);
        match m.grid.as_deref() {
            Some(g) => match grid_ids.get(g) {
                Some(&gi) => links.member_grid[i] = gi as u32,
                None => problems.push(Problem::error(rec(), path("grid"), unknown(RefKind::Grid, g))),
            },
            // A member who has flowed out (流出) lives elsewhere: no grid here, none derived.
            None if away => {}
            // No grid given: the grid of the nearest branch at or above the member's node.
            None => match derived_grid(links.member_node[i], nodes, &tree_links.parent_of, &grid_ids) {
                Some(gi) => links.member_grid[i] = gi as u32,
                None => problems.push(Problem::error(rec(), path("grid"), ProblemKind::NoGrid)),
            },
        }
        if (m.kind == MemberKind::Mobile) != m.flow.is_some() {
            problems.push(Problem::error(rec(), path("flow"), ProblemKind::Flow));
        }
        for (j, post) in m.posts.iter().enumerate() {
            if !post_ids.contains_key(post.as_str()) {
                problems.push(Problem::error(rec(), path(&format!("posts[{j}]")), unknown(RefKind::Post, post)));
            }
        }
        match m.reports_to.as_deref() {
            Some(c) => match node_id(c) {
                None => problems.push(Problem::error(rec(), path("reports_to"), unknown(RefKind::Node, c))),
                Some(n) if !is_community(n) => problems.push(Problem::error(rec(), path("reports_to"), ProblemKind::NotCommunity { id: c.to_owned() })),
                Some(n) => links.member_reports[i] = n,
            },
            None if m.kind == MemberKind::InService => problems.push(Problem::warning(rec(), path("reports_to"), ProblemKind::NotReported)),
            None => {}
        }
    }

    // Units.
    let units = &doc.units;
    for (i, u) in units.records.iter().enumerate() {
        let rec = || Some(u.id.clone());
        let path = |field: &str| at("units", &units.positions, i, field);
        match node_id(&u.community) {
            None => problems.push(Problem::error(rec(), path("community"), unknown(RefKind::Node, &u.community))),
            Some(c) if !is_community(c) => problems.push(Problem::error(rec(), path("community"), ProblemKind::NotCommunity { id: u.community.clone() })),
            Some(c) => {
                links.unit_community[i] = c;
                if u.big_committee && nodes.records[c as usize].committee.is_none() {
                    problems.push(Problem::warning(rec(), path("big_committee"), ProblemKind::NoCommittee));
                }
            }
        }
        for (j, a) in u.agreements.iter().enumerate() {
            if a.end < a.start {
                let kind = ProblemKind::AgreementPeriod { start: a.start.to_string(), end: a.end.to_string() };
                problems.push(Problem::error(rec(), path(&format!("agreements[{j}].end")), kind));
            }
        }
    }
    links
}

/// The grid of the nearest node at or above `node` that names one (a grid branch), for a
/// member whose record names no grid. `None` when the node is unresolved or no node on the
/// way up names a grid that exists. The walk is bounded, so parent links that form a cycle
/// (reported elsewhere) end it.
fn derived_grid(
    node: u32,
    nodes: &Section<NodeRecord>,
    parent_of: &[u32],
    grid_ids: &HashMap<&str, usize, FxBuildHasher>,
) -> Option<usize> {
    let mut at = node;
    for _ in 0..nodes.records.len() {
        let record = nodes.records.get(at as usize)?;
        if let Some(&g) = record.grid.as_deref().and_then(|g| grid_ids.get(g)) {
            return Some(g);
        }
        at = *parent_of.get(at as usize).filter(|&&p| p != UNRESOLVED)?;
    }
    None
}

/// The figures and level names of a tree, apart from the tree; see [`Organization::split`].
#[derive(Debug, Clone, PartialEq)]
pub struct OrgSummary {
    schema: Option<LevelSchema>,
    rollups: Vec<Rollup>,
    warnings: Vec<Problem>,
}

impl OrgSummary {
    /// The figures of a node's subtree.
    pub fn rollup(&self, id: NodeId) -> Option<&Rollup> {
        self.rollups.get(id.index())
    }
    /// A level key as a person reads it, in Chinese or English; the key when unknown.
    pub fn level_label<'a>(&'a self, key: &'a str, english: bool) -> &'a str {
        match &self.schema {
            Some(schema) => schema.label(key, english),
            None => key,
        }
    }
    /// The warnings of the load.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }
}

/// A read-only view for serializing a node's figures with its identity.
#[derive(Debug, Serialize)]
pub struct NodeFigures<'a> {
    /// Record id.
    pub id: &'a str,
    /// Name.
    pub name: &'a str,
    /// Level key.
    pub level: &'a str,
    /// The figures.
    #[serde(flatten)]
    pub rollup: &'a Rollup,
    /// The coverage ratios derived from them.
    pub coverage: super::rollup::Coverage,
}

impl Organization {
    /// A node's identity and figures, ready to serialize.
    pub fn figures(&self, id: NodeId) -> NodeFigures<'_> {
        let node = self.tree.node(id);
        let rollup = self.rollup(id);
        NodeFigures { id: node.id(), name: node.name(), level: node.level(), rollup, coverage: rollup.coverage() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_without_a_grid_takes_the_grid_of_the_branch_above() {
        let doc = r#"{"schema": "laifeng", "nodes": [
            {"id": "c", "level": "community", "name": "胜利社区党委"},
            {"id": "d1", "parent": "c", "level": "district", "name": "一片区党支部", "grid": "g1"},
            {"id": "d2", "parent": "c", "level": "district", "name": "二片区党支部", "grid": "g2"},
            {"id": "s", "parent": "d2", "level": "group", "name": "胜利街党小组"}
        ], "grids": [
            {"id": "g1", "code": "42282700100101", "community": "c", "workers": [{"name": "张敏"}], "households": 300},
            {"id": "g2", "code": "42282700100102", "community": "c", "workers": [{"name": "李强"}], "households": 280}
        ], "members": [
            {"id": "m1", "name": "甲", "kind": "retired", "node": "s"},
            {"id": "m2", "name": "乙", "kind": "retired", "node": "d1"},
            {"id": "m3", "name": "丙", "kind": "retired", "node": "s", "grid": "g1"},
            {"id": "m4", "name": "丁", "kind": "retired", "node": "c"},
            {"id": "m5", "name": "戊", "kind": "mobile", "flow": "out", "node": "s"}
        ]}"#;
        let Err(Error::Invalid { problems }) = Organization::from_json(doc) else { panic!("m4 has no grid to take") };
        let found: Vec<_> = problems.iter().map(|p| (p.path.as_str(), &p.kind)).collect();
        assert_eq!(found, [("$.members[3].grid", &ProblemKind::NoGrid)]);
        let org = Organization::from_json(&doc.replace(r#""node": "c"}"#, r#""node": "c", "grid": "g2"}"#)).unwrap_or_else(|e| panic!("{e}"));
        let grids: Vec<_> = org.members().iter().map(Member::grid).collect();
        // Derived from the group's branch, from the member's own branch, as given, as given;
        // none for a member who has flowed out.
        assert_eq!(grids, [Some(1), Some(0), Some(0), Some(1), None]);
        assert_eq!(org.members()[0].record().grid, None, "the record stays as given");
        assert_eq!(org.rollup(org.tree().root()).members_in_grid, 4);
    }
}
