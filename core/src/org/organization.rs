//! An organization document: the tree, its level schema, grids, members, units and posts,
//! checked against each other, with figures rolled up for every node.

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxBuildHasher;
use serde::Serialize;

use super::document::{self, Section};
use super::records::{
    BaobaoRole, Flow, GridRecord, MemberKind, MemberRecord, PartyRefKind, PostCategoryRecord,
    UnitRecord, WorkerRole,
};
use super::linked::{Compound, Grid, Member, PropertyCompany, Team, Unit};
use super::rollup::{self, Rollup, Rollups};
use super::schema::{LevelRole, LevelSchema, SchemaSpec};
use super::tree::{Links as TreeLinks, Node, NodeId, NodeRecord, OrgTree, UNRESOLVED, assemble, link};
use crate::error::{Error, Problem, ProblemKind, RefKind};


/// A community's 包保 (来凤 "1+4+N"): the units by role and the people stationed there.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Baobao {
    /// Indices in [`Organization::units`] of the lead units (牵头单位): one in 1+4+N.
    pub lead: Vec<usize>,
    /// Of the responsible units (责任单位): four in 1+4+N.
    pub responsible: Vec<usize>,
    /// Of the other county departments (联系单位): the N, at least one.
    pub member: Vec<usize>,
    /// People stationed there: (unit index, index in that unit's `stationed`).
    pub stationed: Vec<(usize, usize)>,
}

impl Baobao {
    /// Whether the 1+4+N shape is complete: exactly one lead unit, at least four responsible
    /// units and at least one more department.
    pub fn complete(&self) -> bool {
        self.lead.len() == 1 && self.responsible.len() >= 4 && !self.member.is_empty()
    }
}

/// The records that name one community, by index.
#[derive(Default)]
struct Gathered {
    baobao: Baobao,
    compounds: Vec<usize>,
    teams: Vec<usize>,
    grids: Vec<usize>,
}

/// [`Organization::gather`]'s entry for node `i`: its slot in `found`, made on first use. With
/// no slots (one community gathered), the one entry.
fn gathered<'g>(slots: &mut [u32], found: &'g mut Vec<(usize, Gathered)>, i: usize) -> &'g mut Gathered {
    let s = match slots.get_mut(i) {
        Some(s) if *s != u32::MAX => *s as usize,
        Some(s) => {
            *s = found.len() as u32;
            found.push((i, Gathered::default()));
            found.len() - 1
        }
        None => {
            if found.is_empty() {
                found.push((i, Gathered::default()));
            }
            0
        }
    };
    &mut found[s].1
}

/// One community's 包保, stationed people, compounds, teams and grids by name
/// ([`Organization::community_details`]), for a view to list.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CommunityDetails {
    /// Whether its 1+4+N is complete.
    pub complete: bool,
    /// The lead units' names (牵头单位).
    pub lead: Vec<String>,
    /// The responsible units' names (责任单位).
    pub responsible: Vec<String>,
    /// The other departments' names (联系单位).
    pub member: Vec<String>,
    /// The people stationed there, in the units' order.
    pub stationed: Vec<StationedDetail>,
    /// Its compounds, in input order.
    pub compounds: Vec<CompoundDetail>,
    /// The teams serving it, in input order.
    pub teams: Vec<TeamDetail>,
    /// Its grids, in input order, with their workers by role.
    pub grids: Vec<GridDetail>,
}

impl CommunityDetails {
    /// Whether there is nothing to list.
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty()
            && self.responsible.is_empty()
            && self.member.is_empty()
            && self.stationed.is_empty()
            && self.compounds.is_empty()
            && self.teams.is_empty()
            && self.grids.is_empty()
    }
}

/// A grid with its workers counted by role and what it lacks under the schema's
/// grid-worker model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GridDetail {
    /// Its name, when it has one.
    pub name: Option<String>,
    /// Its code.
    pub code: String,
    /// Households.
    pub households: u32,
    /// Workers by role, in [`WorkerRole::ALL`] order, then those without a role (`None`);
    /// roles nobody holds left out.
    pub workers: Vec<(Option<WorkerRole>, u32)>,
    /// Each role short under the model: the role, how many are needed, how many it has.
    /// Empty when it meets the model or the schema declares none.
    pub shortfall: Vec<(WorkerRole, u32, u32)>,
}

/// A stationed person, with their unit's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StationedDetail {
    /// Name.
    pub name: String,
    /// 尖刀班 or 第一书记.
    pub role: super::records::StationedRole,
    /// The unit that stationed them.
    pub unit: String,
    /// First day.
    pub from: super::records::Date,
    /// Last day, when they have left.
    pub to: Option<super::records::Date>,
}

/// A compound, with its property company's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompoundDetail {
    /// Name.
    pub name: String,
    /// Households.
    pub households: u32,
    /// The property company's name; none without property management (无物业).
    pub property_company: Option<String>,
    /// Under 红色物业.
    pub red_property: bool,
    /// A joint-meeting mechanism in place.
    pub joint_meeting: bool,
    /// A 红色物业 demonstration site.
    pub red_property_site: bool,
}

/// A team, with its leader's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamDetail {
    /// Name.
    pub name: String,
    /// Its kind.
    pub kind: super::records::TeamKind,
    /// Its modules.
    pub modules: Vec<super::records::ServiceModule>,
    /// Members and other volunteers.
    pub people: u32,
    /// The leader's name.
    pub leader: Option<String>,
}

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
    property_companies: Vec<PropertyCompany>,
    compounds: Vec<Compound>,
    teams: Vec<Team>,
    rollups: Rollups,
    warnings: Vec<Problem>,
}

/// The key of an id index. Natively the id itself, kept in the table when it is 24 bytes or
/// less (nearly every id is): a lookup then compares it there, where a `&str` key sends it to
/// the record's own string, one more cache miss a lookup in a large document. In wasm the
/// record's string (no copies, less code).
#[cfg(not(target_arch = "wasm32"))]
type IdKey<'a> = compact_str::CompactString;
#[cfg(target_arch = "wasm32")]
type IdKey<'a> = &'a str;

/// Ids to record indices ([`index_ids`]).
type Ids<'a> = HashMap<IdKey<'a>, usize, FxBuildHasher>;

/// Index of the first record with each id; later duplicates are reported.
/// `id` is called once a record, in order.
fn index_ids<'a, T>(section: &'a Section<T>, name: &str, mut id: impl FnMut(&'a T) -> &'a str, problems: &mut Vec<Problem>) -> Ids<'a> {
    let records = &section.records;
    index_keys(records.len(), &section.positions, name, &mut |i| id(&records[i]), problems)
}

/// [`index_ids`]'s work, made once for every record type (it is called for six; in wasm each
/// copy of the map's code cost bytes).
fn index_keys<'a>(n: usize, positions: &[usize], name: &str, id: &mut dyn FnMut(usize) -> &'a str, problems: &mut Vec<Problem>) -> Ids<'a> {
    let mut map = Ids::with_capacity_and_hasher(n, FxBuildHasher);
    for i in 0..n {
        let key = id(i);
        // The record that had the id first. Natively one probe (the slot found empty is the
        // one filled); wasm looks, then inserts (the entry API's code cost 0.5 KB a module).
        #[cfg(not(target_arch = "wasm32"))]
        let first = match map.entry(IdKey::from(key)) {
            std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(i);
                None
            }
        };
        #[cfg(target_arch = "wasm32")]
        let first = match map.get(key) {
            Some(&first) => Some(first),
            None => {
                map.insert(key, i);
                None
            }
        };
        if let Some(first) = first {
            let first = format!("$.{name}[{}]", positions[first]);
            let kind = ProblemKind::DuplicateId { id: key.to_owned(), first };
            problems.push(Problem::error(Some(key.to_owned()), format!("$.{name}[{}].id", positions[i]), kind));
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
        let doc = document::Document {
            schema,
            nodes: Section::all(nodes).map(Node::from),
            grids: Section::all(grids).map(Grid::from),
            members: Section::all(members).map(Member::from),
            units: Section::all(units).map(Unit::from),
            post_categories: Section { records: Vec::new(), positions: Vec::new() },
            property_companies: Section { records: Vec::new(), positions: Vec::new() },
            compounds: Section { records: Vec::new(), positions: Vec::new() },
            teams: Section { records: Vec::new(), positions: Vec::new() },
        };
        Self::from_document(doc, Vec::new())
    }

    pub(crate) fn from_document(doc: document::Document, mut problems: Vec<Problem>) -> Result<Self, Error> {
        let schema = resolve_schema(doc.schema.as_ref(), &mut problems);
        let links = link(&doc.nodes.records, &doc.nodes.positions, &mut problems);
        let mut linked = check_references(&doc, &links, schema.as_ref(), &mut problems);
        let document::Document { nodes, grids, members, units, post_categories, property_companies, compounds, teams, .. } = doc;
        let tree = match (links.ok, links.root) {
            (true, Some(root)) => Some(assemble(nodes.records, links, root)),
            _ => None,
        };
        let (errors, mut warnings): (Vec<Problem>, Vec<Problem>) =
            problems.into_iter().partition(|p| p.severity == crate::Severity::Error);
        document::sort_problems(&mut warnings);
        let (Some((tree, parent_of)), true) = (tree, errors.is_empty()) else {
            let mut all = errors;
            all.extend(warnings);
            document::sort_problems(&mut all);
            return Err(Error::Invalid { problems: all });
        };
        // With no errors every reference resolved, and node records are the arena in order,
        // so the indices found by the checks are the ids.
        // The records were read into their linked types: their links are filled in place.
        let id = |i: u32| (i != UNRESOLVED).then_some(NodeId::from_index(i));
        let index = |i: u32| (i != UNRESOLVED).then_some(i as usize);
        let mut grids = grids.records;
        for (i, g) in grids.iter_mut().enumerate() {
            g.community = NodeId::from_index(linked.grid_community[i]);
            g.branch = id(linked.grid_branch[i]);
        }
        let mut members = members.records;
        for (i, m) in members.iter_mut().enumerate() {
            m.node = NodeId::from_index(linked.member_node[i]);
            m.grid = index(linked.member_grid[i]);
            m.reports_to = id(linked.member_reports[i]);
        }
        let mut units = units.records;
        for (i, u) in units.iter_mut().enumerate() {
            u.community = NodeId::from_index(linked.unit_community[i]);
        }
        let property_companies = property_companies.records;
        let mut compounds = compounds.records;
        for (i, c) in compounds.iter_mut().enumerate() {
            c.community = NodeId::from_index(linked.compound_community[i]);
            c.grids = std::mem::take(&mut linked.compound_grids[i]);
            c.company = index(linked.compound_company[i]);
            c.red_property = c.company.is_some_and(|p| property_companies[p].has_party());
        }
        let mut teams = teams.records;
        for (i, t) in teams.iter_mut().enumerate() {
            t.community = NodeId::from_index(linked.team_community[i]);
            t.grid = index(linked.team_grid[i]);
            t.members = std::mem::take(&mut linked.team_members[i]);
            t.units = std::mem::take(&mut linked.team_units[i]);
            t.leader = index(linked.team_leader[i]);
        }
        let parts = rollup::Parts { grids: &grids, members: &members, units: &units, compounds: &compounds, teams: &teams };
        let each = rollup::EachNode { parents: &parent_of, roles: &linked.roles, linked_households: &linked.linked_households };
        let rollups = rollup::compute(&tree, &parts, schema.as_ref(), &each);
        Ok(Organization {
            schema,
            tree,
            grids,
            members,
            units,
            post_categories: post_categories.records,
            property_companies,
            compounds,
            teams,
            rollups,
            warnings,
        })
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
        let warning_nodes = self.warnings.iter().map(|p| self.warning_node(p).map_or(u32::MAX, |n| n.index() as u32)).collect();
        let summary = OrgSummary { schema: self.schema, rollups: self.rollups, warnings: self.warnings, warning_nodes, details: Vec::new() };
        (self.tree, summary)
    }
    /// [`Self::split`], the summary keeping every community's details
    /// ([`Self::all_community_details`]) for a view that shows them.
    pub fn split_detailed(self) -> (OrgTree, OrgSummary) {
        let details = self.all_community_details();
        let (tree, mut summary) = self.split();
        summary.details = details;
        (tree, summary)
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
    /// The property companies, in input order.
    pub fn property_companies(&self) -> &[PropertyCompany] {
        &self.property_companies
    }
    /// The compounds, in input order.
    pub fn compounds(&self) -> &[Compound] {
        &self.compounds
    }
    /// The teams, in input order.
    pub fn teams(&self) -> &[Team] {
        &self.teams
    }
    /// The compounds in a node's subtree (a community's own, or every community's below a
    /// street), in input order.
    pub fn compounds_under(&self, id: NodeId) -> Vec<&Compound> {
        let inside = self.inside(id);
        self.compounds.iter().filter(|c| inside[c.community.index()]).collect()
    }
    /// The teams serving a node's subtree, in input order.
    pub fn teams_under(&self, id: NodeId) -> Vec<&Team> {
        let inside = self.inside(id);
        self.teams.iter().filter(|t| inside[t.community.index()]).collect()
    }
    /// A community's 包保: its units by role and the people stationed there (empty for a
    /// node nobody 包保).
    pub fn baobao(&self, community: NodeId) -> Baobao {
        self.gather(Some(community)).pop().map(|(_, g)| g.baobao).unwrap_or_default()
    }
    /// What a view shows of one community beyond its counts: its 包保 units by role, the
    /// people stationed there, its compounds, the teams serving it and its grids, by name.
    /// Empty lists for a node that has none (any node may be asked).
    pub fn community_details(&self, community: NodeId) -> CommunityDetails {
        match self.gather(Some(community)).pop() {
            Some((_, g)) => self.details_of(g),
            None => CommunityDetails::default(),
        }
    }
    /// [`Self::community_details`] of every community that has any, in one pass over the
    /// records, in tree (arena) order.
    pub fn all_community_details(&self) -> Vec<(NodeId, CommunityDetails)> {
        self.gather(None).into_iter().map(|(i, g)| (NodeId::from_index(i as u32), self.details_of(g))).filter(|(_, d)| !d.is_empty()).collect()
    }
    /// The records that name each community (or only `only`), grouped by its arena index, in
    /// arena order. Grouped through each node's slot in a list, not a map keyed by node (whose
    /// code cost the tree's wasm module 5 KB raw); with `only`, in the list's one entry.
    fn gather(&self, only: Option<NodeId>) -> Vec<(usize, Gathered)> {
        let mut slots = vec![u32::MAX; if only.is_some() { 0 } else { self.tree.len() }];
        let mut found: Vec<(usize, Gathered)> = Vec::new();
        let wanted = |c: NodeId| only.is_none_or(|o| o == c);
        let only_key = only.map(|o| self.tree.node(o).id());
        let resolve = |key: &str| match only_key {
            Some(k) => (k == key).then_some(only).flatten(),
            None => self.tree.find(key),
        };
        for (u, unit) in self.units.iter().enumerate() {
            for b in &unit.record.baobao {
                if let Some(c) = resolve(&b.community) {
                    let g = &mut gathered(&mut slots, &mut found, c.index()).baobao;
                    match b.role {
                        BaobaoRole::Lead => g.lead.push(u),
                        BaobaoRole::Responsible => g.responsible.push(u),
                        BaobaoRole::Member => g.member.push(u),
                    }
                }
            }
            for (k, s) in unit.record.stationed.iter().enumerate() {
                if let Some(c) = resolve(&s.community) {
                    gathered(&mut slots, &mut found, c.index()).baobao.stationed.push((u, k));
                }
            }
        }
        for (i, c) in self.compounds.iter().enumerate().filter(|(_, c)| wanted(c.community)) {
            gathered(&mut slots, &mut found, c.community.index()).compounds.push(i);
        }
        for (i, t) in self.teams.iter().enumerate().filter(|(_, t)| wanted(t.community)) {
            gathered(&mut slots, &mut found, t.community.index()).teams.push(i);
        }
        for (i, g) in self.grids.iter().enumerate().filter(|(_, g)| wanted(g.community)) {
            gathered(&mut slots, &mut found, g.community.index()).grids.push(i);
        }
        if only.is_some() {
            return found;
        }
        slots.iter().enumerate().filter(|&(_, &s)| s != u32::MAX).map(|(i, &s)| (i, std::mem::take(&mut found[s as usize].1))).collect()
    }
    fn details_of(&self, g: Gathered) -> CommunityDetails {
        let unit_name = |u: usize| self.units[u].record.name.clone();
        let stationed = g
            .baobao
            .stationed
            .iter()
            .map(|&(u, k)| {
                let s = &self.units[u].record.stationed[k];
                StationedDetail { name: String::from(&s.name), role: s.role, unit: String::from(unit_name(u)), from: s.from, to: s.to }
            })
            .collect();
        let compounds = g
            .compounds
            .iter()
            .map(|&i| {
                let c = &self.compounds[i];
                CompoundDetail {
                    name: String::from(&c.record.name),
                    households: c.record.households,
                    property_company: c.company.map(|i| String::from(&self.property_companies[i].record.name)),
                    red_property: c.red_property,
                    joint_meeting: c.record.joint_meeting,
                    red_property_site: c.record.red_property_site,
                }
            })
            .collect();
        let teams = g
            .teams
            .iter()
            .map(|&i| {
                let t = &self.teams[i];
                TeamDetail {
                    name: String::from(&t.record.name),
                    kind: t.record.kind,
                    modules: t.record.modules.clone(),
                    people: t.record.people(),
                    leader: t.leader.map(|m| String::from(&self.members[m].record.name)),
                }
            })
            .collect();
        let grids = g
            .grids
            .iter()
            .map(|&i| {
                let grid = &self.grids[i].record;
                let count = |role: Option<WorkerRole>| grid.workers.iter().filter(|w| w.role == role).count() as u32;
                let workers = WorkerRole::ALL.into_iter().map(Some).chain([None]).map(|r| (r, count(r))).filter(|&(_, n)| n > 0).collect();
                GridDetail {
                    name: grid.name.as_deref().map(String::from),
                    code: String::from(&grid.code),
                    households: grid.households,
                    workers,
                    shortfall: self.worker_model_shortfall(i),
                }
            })
            .collect();
        CommunityDetails {
            complete: g.baobao.complete(),
            lead: g.baobao.lead.iter().map(|&u| unit_name(u)).map(String::from).collect(),
            responsible: g.baobao.responsible.iter().map(|&u| unit_name(u)).map(String::from).collect(),
            member: g.baobao.member.iter().map(|&u| unit_name(u)).map(String::from).collect(),
            stationed,
            compounds,
            teams,
            grids,
        }
    }
    /// What a grid lacks under the schema's grid-worker model: each role short, with how many
    /// are needed and how many the grid has. Empty when the grid meets it or there is no model.
    pub fn worker_model_shortfall(&self, grid: usize) -> Vec<(WorkerRole, u32, u32)> {
        let (Some(model), Some(g)) = (self.schema.as_ref().and_then(|s| s.grid_workers), self.grids.get(grid)) else { return Vec::new() };
        shortfall(model, &g.record)
    }
    /// The node a problem of this organization is about, from its path: a node's own record,
    /// a grid's branch (else its community), a member's node, a unit's community (the
    /// community named by its 包保 or stationed entry, for a problem in one), a compound's or
    /// team's community, a property company's Party organization when that is a node. None
    /// for the schema, the post catalogue, a unit's Party organization and a path that names
    /// no record of this organization.
    pub fn warning_node(&self, problem: &Problem) -> Option<NodeId> {
        let rest = problem.path.strip_prefix("$.")?;
        let (section, rest) = rest.split_once('[')?;
        let (n, rest) = rest.split_once(']')?;
        let i: usize = n.parse().ok()?;
        let entry = |field: &str| rest.strip_prefix('.').and_then(|r| r.strip_prefix(field)).and_then(|r| r.strip_prefix('[')).and_then(|r| r.split_once(']')).and_then(|(j, _)| j.parse::<usize>().ok());
        match section {
            "nodes" => (i < self.tree.len()).then(|| NodeId::from_index(i as u32)),
            "grids" => self.grids.get(i).map(|g| g.branch.unwrap_or(g.community)),
            "members" => self.members.get(i).map(|m| m.node),
            "units" => self.units.get(i).map(|u| {
                let named = match (entry("baobao"), entry("stationed")) {
                    (Some(j), _) => u.record.baobao.get(j).map(|b| b.community.as_str()),
                    (_, Some(j)) => u.record.stationed.get(j).map(|s| s.community.as_str()),
                    _ => None,
                };
                named.and_then(|c| self.tree.find(c)).unwrap_or(u.community)
            }),
            "compounds" => self.compounds.get(i).map(|c| c.community),
            "teams" => self.teams.get(i).map(|t| t.community),
            "property_companies" => self.property_companies.get(i)?.record.party.as_ref().filter(|p| p.kind == PartyRefKind::Node).and_then(|p| self.tree.find(&p.id)),
            _ => None,
        }
    }
    /// Which nodes are in a node's subtree, by index.
    fn inside(&self, id: NodeId) -> Vec<bool> {
        let mut inside = vec![false; self.tree.len()];
        for n in self.tree.subtree(id) {
            inside[n.index()] = true;
        }
        inside
    }
    /// Problems worth a look that do not stop the data being used.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }
    /// The figures of a node's whole subtree (zeros for a node of another, larger tree).
    pub fn rollup(&self, id: NodeId) -> Rollup {
        self.rollups.get(id.index()).unwrap_or_default()
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
    /// Each node's level's role in the schema (empty without one).
    roles: Vec<Option<LevelRole>>,
    /// Each node's linked households (0 when it gives none).
    linked_households: Vec<u32>,
    /// For each grid, the node that names it.
    grid_branch: Vec<u32>,
    grid_community: Vec<u32>,
    member_node: Vec<u32>,
    member_grid: Vec<u32>,
    member_reports: Vec<u32>,
    unit_community: Vec<u32>,
    compound_community: Vec<u32>,
    compound_grids: Vec<Vec<usize>>,
    compound_company: Vec<u32>,
    team_community: Vec<u32>,
    team_grid: Vec<u32>,
    team_members: Vec<Vec<usize>>,
    team_units: Vec<Vec<usize>>,
    team_leader: Vec<u32>,
}

/// The roles a grid lacks under a model: (role, needed, found).
fn shortfall(model: super::schema::GridWorkerModel, grid: &GridRecord) -> Vec<(WorkerRole, u32, u32)> {
    model
        .requires()
        .iter()
        .filter_map(|&(role, needed)| {
            let found = grid.workers.iter().filter(|w| w.role == Some(role)).count() as u32;
            (found < needed).then_some((role, needed, found))
        })
        .collect()
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
        Some(SchemaSpec::Extended(e)) => match LevelSchema::preset(&e.preset) {
            Some(s) => LevelSchema { grid_workers: e.grid_workers, ..s },
            None => {
                problems.push(Problem::error(None, "$.schema.preset".into(), ProblemKind::UnknownPreset { name: e.preset.clone() }));
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
    let grid_ids = index_ids(&doc.grids, "grids", |g| g.record.id.as_str(), problems);
    // Each member's kind beside the index (1 byte a member), read while the ids are: a grid
    // worker's check reads it there, not from the member's record (a cache miss a worker).
    let mut member_kinds = Vec::with_capacity(doc.members.records.len());
    let member_ids = index_ids(
        &doc.members,
        "members",
        |m| {
            member_kinds.push(m.record.kind);
            m.record.id.as_str()
        },
        problems,
    );
    let unit_ids = index_ids(&doc.units, "units", |u| u.record.id.as_str(), problems);
    // Post ids to their category's position in the input.
    let mut post_ids: HashMap<&str, usize, FxBuildHasher> = HashMap::default();
    for (c, category) in doc.post_categories.records.iter().enumerate() {
        let position = doc.post_categories.positions[c];
        for (j, post) in category.posts.iter().enumerate() {
            let path = format!("$.post_categories[{position}].posts[{j}].id");
            if post_ids.contains_key(post.id.as_str()) {
                let first = format!("another post with id \"{}\"", post.id);
                problems.push(Problem::error(Some(String::from(&post.id)), path, ProblemKind::DuplicateId { id: String::from(&post.id), first }));
            } else {
                post_ids.insert(post.id.as_str(), position);
            }
        }
    }
    const NO_LEVEL: u8 = u8::MAX;
    let unknown = |what: RefKind, id: &str| ProblemKind::UnknownRef { what, id: id.to_owned() };
    let mut links = Links {
        roles: Vec::new(),
        linked_households: Vec::with_capacity(nodes.records.len()),
        grid_branch: vec![UNRESOLVED; doc.grids.records.len()],
        grid_community: vec![UNRESOLVED; doc.grids.records.len()],
        member_node: vec![UNRESOLVED; doc.members.records.len()],
        member_grid: vec![UNRESOLVED; doc.members.records.len()],
        member_reports: vec![UNRESOLVED; doc.members.records.len()],
        unit_community: vec![UNRESOLVED; doc.units.records.len()],
        compound_community: vec![UNRESOLVED; doc.compounds.records.len()],
        compound_grids: vec![Vec::new(); doc.compounds.records.len()],
        compound_company: vec![UNRESOLVED; doc.compounds.records.len()],
        team_community: vec![UNRESOLVED; doc.teams.records.len()],
        team_grid: vec![UNRESOLVED; doc.teams.records.len()],
        team_members: vec![Vec::new(); doc.teams.records.len()],
        team_units: vec![Vec::new(); doc.teams.records.len()],
        team_leader: vec![UNRESOLVED; doc.teams.records.len()],
    };

    // Nodes: levels against the schema, codes, grid links, committees. Each node's level is
    // found here once, as an index into the schema (a record of the same level as the one
    // before it, as siblings are, without a look), and its role kept for the rollups.
    let mut level_of: Vec<u8> = Vec::with_capacity(if schema.is_some() { nodes.records.len() } else { 0 });
    let mut roles: Vec<Option<LevelRole>> = Vec::with_capacity(level_of.capacity());
    let position = |key: &str| schema.and_then(|s| s.levels.iter().position(|l| l.key == key));
    let mut last: Option<(&str, Option<usize>)> = None;
    let mut codes: HashMap<&str, usize, FxBuildHasher> = HashMap::default();
    for (i, r) in nodes.records.iter().enumerate() {
        let rec = || Some(String::from(&r.id));
        links.linked_households.push(r.linked_households.unwrap_or(0));
        let mut this = None;
        if let Some(schema) = schema {
            let found = match last {
                Some((level, found)) if level == r.level => found,
                _ => {
                    let found = position(&r.level);
                    last = Some((&r.level, found));
                    found
                }
            };
            level_of.push(found.map_or(NO_LEVEL, |p| p.min(254) as u8));
            roles.push(found.map(|p| schema.levels[p].role));
            this = found.and_then(|p| schema.levels.get(p));
            match this {
                None => problems.push(Problem::error(rec(), at("nodes", &nodes.positions, i, "level"), unknown(RefKind::Level, &r.level))),
                Some(this) => match tree_links.parent_of.get(i).copied().filter(|&p| p != UNRESOLVED) {
                    Some(p) => {
                        // A parent before its node has its level found; one after it is
                        // looked up.
                        let parent = match level_of.get(p as usize) {
                            Some(&at) if (p as usize) < i => (at != NO_LEVEL).then_some(at as usize),
                            _ => position(&nodes.records[p as usize].level),
                        };
                        if let Some(parent_level) = parent.and_then(|p| schema.levels.get(p)) {
                            if !this.parents.contains(&parent_level.key) {
                                let kind = ProblemKind::LevelOrder { level: String::from(&r.level), parent_level: parent_level.key.clone() };
                                problems.push(Problem::error(rec(), at("nodes", &nodes.positions, i, "level"), kind));
                            }
                        }
                    }
                    None if r.parent_id.is_none() && !this.may_be_root() => {
                        let kind = ProblemKind::NotRootLevel { level: String::from(&r.level) };
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
            let path = |field: &str| at("nodes", &nodes.positions, i, field);
            if schema.is_some() && this.map(|l| l.role) != Some(LevelRole::Community) {
                problems.push(Problem::error(rec(), path("committee"), ProblemKind::NotCommunity { id: String::from(&r.id) }));
            }
            let count = committee.part_time.len();
            if !(3..=7).contains(&count) {
                problems.push(Problem::warning(rec(), path("committee.part_time"), ProblemKind::CommitteeSize { count }));
            }
            for (j, member) in committee.part_time.iter().enumerate() {
                if !unit_ids.contains_key(member.unit.as_str()) {
                    let kind = unknown(RefKind::Unit, &member.unit);
                    problems.push(Problem::error(rec(), path(&format!("committee.part_time[{j}].unit")), kind));
                }
            }
        }
    }

    let level = |node: u32| schema.and_then(|s| s.levels.get(*level_of.get(node as usize)? as usize));
    // Without a schema nothing says which nodes are communities, so that check is skipped.
    let is_community = |node: u32| schema.is_none() || level(node).map(|l| l.role) == Some(LevelRole::Community);
    links.roles = roles;

    // Grids. Grid codes are their own namespace: a grid branch often carries its grid's code.
    let members = &doc.members;
    let mut codes: HashMap<&str, usize, FxBuildHasher> = HashMap::default();
    let grids = &doc.grids;
    for (i, g) in grids.records.iter().map(Grid::record).enumerate() {
        let rec = || Some(String::from(&g.id));
        let path = |field: &str| at("grids", &grids.positions, i, field);
        if let Some(&first) = codes.get(g.code.as_str()) {
            let kind = ProblemKind::DuplicateCode { value: String::from(&g.code), first: format!("$.grids[{}]", grids.positions[first]) };
            problems.push(Problem::error(rec(), path("code"), kind));
        } else {
            codes.insert(g.code.as_str(), i);
        }
        let code_ok = (14..=15).contains(&g.code.len()) && g.code.bytes().all(|b| b.is_ascii_digit());
        if !code_ok {
            problems.push(Problem::error(rec(), path("code"), ProblemKind::GridCodeFormat { value: String::from(&g.code) }));
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
                problems.push(Problem::error(rec(), path("community"), ProblemKind::NotCommunity { id: String::from(&g.community) }));
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
            match w.member.as_deref().map(|m| (m, member_ids.get(m))) {
                Some((m, None)) => problems.push(Problem::error(rec(), path(&format!("workers[{j}].member")), unknown(RefKind::Member, m))),
                // A worker in a member's role whose member record says otherwise.
                Some((_, Some(&mi))) => {
                    let kind = member_kinds[mi];
                    let fits = match w.role {
                        Some(WorkerRole::ReportingMember) => kind == MemberKind::InService,
                        Some(WorkerRole::NoOfficeMember) => kind == MemberKind::NoOffice,
                        _ => true,
                    };
                    if let (false, Some(role)) = (fits, w.role) {
                        let kind = ProblemKind::WorkerRoleMember { role: role.key().to_owned(), member: String::from(&members.records[mi].record.id) };
                        problems.push(Problem::warning(rec(), path(&format!("workers[{j}].role")), kind));
                    }
                }
                None => {}
            }
        }
        if let Some(model) = schema.and_then(|s| s.grid_workers) {
            for (role, needed, found) in shortfall(model, g) {
                let kind = ProblemKind::WorkerModel { model: model.name().to_owned(), role: role.key().to_owned(), needed, found };
                problems.push(Problem::warning(rec(), path("workers"), kind));
            }
        }
        if g.households == 0 {
            problems.push(Problem::warning(rec(), path("households"), ProblemKind::NoHouseholds));
        }
    }

    // Members.
    for (i, m) in members.records.iter().map(Member::record).enumerate() {
        let rec = || Some(String::from(&m.id));
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

    // Units, with their 包保 and the people they station.
    let units = &doc.units;
    // A community has one lead unit in 1+4+N: every further one is a warning at its path,
    // naming the first. Each community's first lead: (unit, index in its baobao), found
    // through an index into `first_leads` (a map type the checks already use: a map of its
    // own cost a wasm module 5 KB of raw code).
    let lead_path = |(unit, j): (usize, usize)| at("units", &units.positions, unit, &format!("baobao[{j}].role"));
    let mut first_lead: HashMap<&str, usize, FxBuildHasher> = HashMap::default();
    let mut first_leads: Vec<(usize, usize)> = Vec::new();
    for (i, u) in units.records.iter().map(Unit::record).enumerate() {
        let rec = || Some(String::from(&u.id));
        let path = |field: &str| at("units", &units.positions, i, field);
        match node_id(&u.community) {
            None => problems.push(Problem::error(rec(), path("community"), unknown(RefKind::Node, &u.community))),
            Some(c) if !is_community(c) => problems.push(Problem::error(rec(), path("community"), ProblemKind::NotCommunity { id: String::from(&u.community) })),
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
        for (j, b) in u.baobao.iter().enumerate() {
            community_link(node_id(&b.community), &b.community, &is_community, problems, || (rec(), path(&format!("baobao[{j}].community"))));
            if u.baobao[..j].iter().any(|o| o.community == b.community) {
                problems.push(Problem::error(rec(), path(&format!("baobao[{j}].community")), ProblemKind::ListedTwice { id: String::from(&b.community) }));
            }
            if let (Some(from), Some(to)) = (b.from, b.to) {
                if to < from {
                    problems.push(Problem::error(rec(), path(&format!("baobao[{j}].to")), ProblemKind::PeriodOrder { start: from.to_string(), end: to.to_string() }));
                }
            }
            if b.role == BaobaoRole::Lead {
                match first_lead.get(b.community.as_str()) {
                    Some(&f) => problems.push(Problem::warning(rec(), lead_path((i, j)), ProblemKind::SecondLead { first: lead_path(first_leads[f]) })),
                    None => {
                        first_lead.insert(b.community.as_str(), first_leads.len());
                        first_leads.push((i, j));
                    }
                }
            }
        }
        for (j, st) in u.stationed.iter().enumerate() {
            let at = |field: &str| path(&format!("stationed[{j}].{field}"));
            if st.name.trim().is_empty() {
                problems.push(Problem::error(rec(), at("name"), ProblemKind::Empty));
            }
            community_link(node_id(&st.community), &st.community, &is_community, problems, || (rec(), at("community")));
            if node_id(&st.community).is_some_and(|c| is_community(c)) && !u.baobao.iter().any(|b| b.community == st.community) {
                problems.push(Problem::warning(rec(), at("community"), ProblemKind::StationedNotBaobao { community: String::from(&st.community) }));
            }
            if let Some(m) = st.member.as_deref().filter(|m| !member_ids.contains_key(*m)) {
                problems.push(Problem::error(rec(), at("member"), unknown(RefKind::Member, m)));
            }
            if let Some(to) = st.to.filter(|&to| to < st.from) {
                problems.push(Problem::error(rec(), at("to"), ProblemKind::PeriodOrder { start: st.from.to_string(), end: to.to_string() }));
            }
            if st.funds_yuan.is_some_and(|f| !(f >= 0.0)) {
                problems.push(shape_problem(rec(), at("funds_yuan"), "funds are a number of yuan, 0 or more"));
            }
        }
    }
    // Property companies: their Party organization, a node or a unit.
    let companies = &doc.property_companies;
    let company_ids = index_ids(companies, "property_companies", |c| c.record.id.as_str(), problems);
    for (i, c) in companies.records.iter().map(PropertyCompany::record).enumerate() {
        let Some(party) = &c.party else { continue };
        let known = match party.kind {
            PartyRefKind::Node => node_id(&party.id).is_some(),
            PartyRefKind::Unit => unit_ids.contains_key(party.id.as_str()),
        };
        if !known {
            let what = if party.kind == PartyRefKind::Node { RefKind::Node } else { RefKind::Unit };
            problems.push(Problem::error(Some(String::from(&c.id)), at("property_companies", &companies.positions, i, "party.id"), unknown(what, &party.id)));
        }
    }

    // Compounds.
    let compounds = &doc.compounds;
    index_ids(compounds, "compounds", |c| c.record.id.as_str(), problems);
    for (i, c) in compounds.records.iter().map(Compound::record).enumerate() {
        let rec = || Some(String::from(&c.id));
        let path = |field: &str| at("compounds", &compounds.positions, i, field);
        let community = community_link(node_id(&c.community), &c.community, &is_community, problems, || (rec(), path("community")));
        if let Some(cm) = community {
            links.compound_community[i] = cm;
        }
        for (j, g) in c.grids.iter().enumerate() {
            match grid_in(g, community, &grid_ids, &links.grid_community) {
                Ok(gi) => links.compound_grids[i].push(gi as usize),
                Err(kind) => problems.push(Problem::error(rec(), path(&format!("grids[{j}]")), kind)),
            }
        }
        match c.property_company.as_deref() {
            Some(pc) => match company_ids.get(pc) {
                Some(&ci) => {
                    links.compound_company[i] = ci as u32;
                    if c.red_property_site && !companies.records[ci].has_party() {
                        problems.push(Problem::warning(rec(), path("red_property_site"), ProblemKind::RedSiteWithoutParty));
                    }
                }
                None => problems.push(Problem::error(rec(), path("property_company"), unknown(RefKind::PropertyCompany, pc))),
            },
            None if c.red_property_site => problems.push(Problem::warning(rec(), path("red_property_site"), ProblemKind::RedSiteWithoutParty)),
            None => {}
        }
    }

    // Teams.
    let teams = &doc.teams;
    index_ids(teams, "teams", |t| t.record.id.as_str(), problems);
    for (i, t) in teams.records.iter().map(Team::record).enumerate() {
        let rec = || Some(String::from(&t.id));
        let path = |field: &str| at("teams", &teams.positions, i, field);
        if t.name.trim().is_empty() {
            problems.push(Problem::error(rec(), path("name"), ProblemKind::Empty));
        }
        let community = community_link(node_id(&t.community), &t.community, &is_community, problems, || (rec(), path("community")));
        if let Some(cm) = community {
            links.team_community[i] = cm;
        }
        if let Some(g) = t.grid.as_deref() {
            match grid_in(g, community, &grid_ids, &links.grid_community) {
                Ok(gi) => links.team_grid[i] = gi,
                Err(kind) => problems.push(Problem::error(rec(), path("grid"), kind)),
            }
        }
        for (j, m) in t.members.iter().enumerate() {
            let at = || path(&format!("members[{j}]"));
            // Listed twice: an earlier entry found the same record (compared by index, not by
            // reading every earlier id's text).
            match member_ids.get(m.as_str()) {
                None => problems.push(Problem::error(rec(), at(), unknown(RefKind::Member, m))),
                Some(mi) if links.team_members[i].contains(mi) => problems.push(Problem::error(rec(), at(), ProblemKind::ListedTwice { id: String::from(m) })),
                Some(&mi) => links.team_members[i].push(mi),
            }
        }
        for (j, u) in t.units.iter().enumerate() {
            let at = || path(&format!("units[{j}]"));
            match unit_ids.get(u.as_str()) {
                None => problems.push(Problem::error(rec(), at(), unknown(RefKind::Unit, u))),
                Some(ui) if links.team_units[i].contains(ui) => problems.push(Problem::error(rec(), at(), ProblemKind::ListedTwice { id: String::from(u) })),
                Some(&ui) => links.team_units[i].push(ui),
            }
        }
        if let Some(l) = t.leader.as_deref() {
            match member_ids.get(l) {
                None => problems.push(Problem::error(rec(), path("leader"), unknown(RefKind::Member, l))),
                Some(&mi) => {
                    links.team_leader[i] = mi as u32;
                    if !links.team_members[i].contains(&mi) {
                        problems.push(Problem::warning(rec(), path("leader"), ProblemKind::LeaderNotInTeam { id: l.to_owned() }));
                    }
                }
            }
        }
        if t.members.is_empty() && t.units.is_empty() && t.volunteers == 0 {
            problems.push(Problem::warning(rec(), path("members"), ProblemKind::EmptyTeam));
        }
    }
    links
}

fn shape_problem(record: Option<String>, path: String, message: &str) -> Problem {
    document::shape(record, path, message.to_owned())
}

/// A record's `community`: the node's index when it is a community, else a problem at the
/// record and path `at` gives (made only then).
fn community_link(
    node: Option<u32>,
    id: &str,
    is_community: &dyn Fn(u32) -> bool,
    problems: &mut Vec<Problem>,
    at: impl FnOnce() -> (Option<String>, String),
) -> Option<u32> {
    let kind = match node {
        None => ProblemKind::UnknownRef { what: RefKind::Node, id: id.to_owned() },
        Some(c) if !is_community(c) => ProblemKind::NotCommunity { id: id.to_owned() },
        Some(c) => return Some(c),
    };
    let (record, path) = at();
    problems.push(Problem::error(record, path, kind));
    None
}

/// A grid a record of `community` names: its index when it exists and lies in that community
/// (when the community is known), else the problem.
fn grid_in(
    grid: &str,
    community: Option<u32>,
    grid_ids: &Ids<'_>,
    grid_community: &[u32],
) -> Result<u32, ProblemKind> {
    let Some(&gi) = grid_ids.get(grid) else {
        return Err(ProblemKind::UnknownRef { what: RefKind::Grid, id: grid.to_owned() });
    };
    match (community, grid_community[gi]) {
        (Some(c), gc) if gc != UNRESOLVED && gc != c => Err(ProblemKind::GridOutsideCommunity { grid: grid.to_owned() }),
        _ => Ok(gi as u32),
    }
}

/// The grid of the nearest node at or above `node` that names one (a grid branch), for a
/// member whose record names no grid. `None` when the node is unresolved or no node on the
/// way up names a grid that exists. The walk is bounded, so parent links that form a cycle
/// (reported elsewhere) end it.
fn derived_grid(
    node: u32,
    nodes: &Section<Node>,
    parent_of: &[u32],
    grid_ids: &Ids<'_>,
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
    rollups: Rollups,
    warnings: Vec<Problem>,
    /// The node of each warning ([`Organization::warning_node`]) by index; `u32::MAX` for none.
    warning_nodes: Vec<u32>,
    /// Communities' details, in arena order; empty unless split with them.
    details: Vec<(NodeId, CommunityDetails)>,
}

impl OrgSummary {
    /// A community's details (its 包保, stationed people, compounds, teams and grids), when
    /// it has any and the summary was made by [`Organization::split_detailed`].
    pub fn details(&self, id: NodeId) -> Option<&CommunityDetails> {
        self.details.binary_search_by_key(&id.index(), |(n, _)| n.index()).ok().map(|i| &self.details[i].1)
    }
    /// The figures of a node's subtree.
    pub fn rollup(&self, id: NodeId) -> Option<Rollup> {
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
    /// The warnings about a node or any node below it, in the order of [`Self::warnings`]
    /// (`tree` is the tree this summary was split from). A warning is about the node of its
    /// record ([`Organization::warning_node`]); one about no node (the schema, the post
    /// catalogue) is only under the root, so the root has them all.
    pub fn warnings_under<'a>(&'a self, tree: &'a OrgTree, id: NodeId) -> impl Iterator<Item = &'a Problem> + 'a {
        let root = id == tree.root();
        self.warnings.iter().zip(&self.warning_nodes).filter(move |&(_, &n)| {
            if root {
                return true;
            }
            let mut at = (n != u32::MAX && (n as usize) < tree.len()).then(|| NodeId::from_index(n));
            while let Some(x) = at {
                if x == id {
                    return true;
                }
                at = tree.node(x).parent();
            }
            false
        }).map(|(p, _)| p)
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
    pub rollup: Rollup,
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

    #[cfg(feature = "generate")]
    #[test]
    fn the_rollups_shortcut_for_nodes_with_only_their_own_four_figures_gives_the_full_sums() {
        use crate::org::generate::{GenOptions, generate};
        let json = generate(GenOptions::with_nodes(20_000).members_per_group(1, 2)).to_json();
        let org = Organization::from_json(&json).unwrap_or_else(|e| panic!("{e}"));
        let role = |id: NodeId| org.schema.as_ref().and_then(|s| s.level(org.tree.node(id).level())).map(|l| l.role);
        let roles: Vec<_> = org.tree.ids().map(role).collect();
        let households = roles.iter().filter(|&&r| r == Some(LevelRole::Household)).count();
        assert!(households > 10_000, "the shortcut's nodes are there: {households} households");
        let parts = rollup::Parts { grids: &org.grids, members: &org.members, units: &org.units, compounds: &org.compounds, teams: &org.teams };
        let parents: Vec<u32> = org.tree.ids().map(|id| org.tree.node(id).parent().map_or(UNRESOLVED, |p| p.index() as u32)).collect();
        let linked: Vec<u32> = org.tree.ids().map(|id| org.tree.node(id).linked_households().unwrap_or(0)).collect();
        let each = rollup::EachNode { parents: &parents, roles: &roles, linked_households: &linked };
        let full = rollup::compute_in_full(&org.tree, &parts, org.schema.as_ref(), &each);
        assert_eq!(org.rollups.len(), full.len());
        assert!(org.rollups.whole() * 2 < org.rollups.len(), "most nodes keep four figures: {} of {} whole", org.rollups.whole(), org.rollups.len());
        for i in 0..full.len() {
            assert_eq!(org.rollups.get(i), full.get(i), "node {i} ({})", org.tree.node(NodeId::from_index(i as u32)).id());
        }
    }

    #[cfg(feature = "generate")]
    #[test]
    fn nodes_listed_before_their_parents_give_the_same_organization() {
        use crate::org::generate::{GenOptions, generate};
        let json = generate(GenOptions::with_nodes(3_000).members_per_group(1, 2)).to_json();
        let mut doc: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        let Some(serde_json::Value::Array(nodes)) = doc.get_mut("nodes") else { panic!("no nodes") };
        // Every child before its parent: each parent is found only once every id is in.
        nodes.reverse();
        let reversed = doc.to_string();
        let (a, b) = match (Organization::from_json(&json), Organization::from_json(&reversed)) {
            (Ok(a), Ok(b)) => (a, b),
            (a, b) => panic!("{:?} {:?}", a.err(), b.err()),
        };
        assert_eq!(a.tree().len(), b.tree().len());
        for id in a.tree().ids() {
            let node = a.tree().node(id);
            let other = b.tree().find(node.id()).unwrap_or_else(|| panic!("{} lost", node.id()));
            let ids = |t: &OrgTree, n: NodeId| t.children(n).iter().map(|&c| t.node(c).id().to_owned()).collect::<Vec<_>>();
            let parent = |t: &OrgTree, n: NodeId| t.node(n).parent().map(|p| t.node(p).id().to_owned());
            assert_eq!(parent(a.tree(), id), parent(b.tree(), other), "{}", node.id());
            assert_eq!(node.depth(), b.tree().node(other).depth(), "{}", node.id());
            let mut children = ids(a.tree(), id);
            children.reverse();
            assert_eq!(children, ids(b.tree(), other), "{}: children in input order", node.id());
            assert_eq!(a.rollup(id), b.rollup(other), "{}", node.id());
        }
        // A level that may not sit under its parent's, the parent listed after it; a parent
        // that is nowhere.
        let doc = r#"{"schema": "laifeng", "nodes": [
            {"id": "s", "parent": "g", "level": "community", "name": "胜利社区党委"},
            {"id": "g", "parent": "c", "level": "group", "name": "胜利街党小组"},
            {"id": "c", "level": "community", "name": "和平社区党委"},
            {"id": "x", "parent": "nowhere", "level": "group", "name": "无主党小组"}
        ]}"#;
        let Err(Error::Invalid { problems }) = Organization::from_json(doc) else { panic!("levels out of order") };
        let found: Vec<_> = problems.iter().filter(|p| p.severity == crate::Severity::Error).map(|p| (p.path.as_str(), &p.kind)).collect();
        let order = |level: &str, parent_level: &str| ProblemKind::LevelOrder { level: level.into(), parent_level: parent_level.into() };
        assert_eq!(
            found,
            [
                ("$.nodes[0].level", &order("community", "group")),
                ("$.nodes[1].level", &order("group", "community")),
                ("$.nodes[3].parent", &ProblemKind::UnknownParent { parent: "nowhere".into() }),
            ]
        );
    }

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

    /// A warning is under the node of its record: a member's at its branch, a 包保 entry's at
    /// the community it names (not the unit's own), a compound's at its community; one about
    /// no node (a document without a schema says so at `$`) only at the root, which has them
    /// all.
    #[test]
    fn warnings_are_under_the_node_of_their_record() {
        let json = r#"{"schema": "street", "nodes": [
            {"id": "s", "level": "street", "name": "城关街道党工委"},
            {"id": "c1", "parent": "s", "level": "community", "name": "解放路社区党委"},
            {"id": "b1", "parent": "c1", "level": "branch", "name": "第一网格党支部", "grid": "g1"},
            {"id": "c2", "parent": "s", "level": "community", "name": "和平路社区党委"}
        ], "grids": [{"id": "g1", "code": "42282700100101", "community": "c1", "workers": [{"name": "冉丽"}], "households": 300}],
        "members": [
            {"id": "m1", "name": "向敏", "kind": "in_service", "node": "b1"}
        ], "units": [
            {"id": "u1", "name": "县税务局", "kind": "reporting", "community": "c1", "baobao": [{"community": "c1", "role": "lead"}, {"community": "c2", "role": "lead"}]},
            {"id": "u2", "name": "县医院", "kind": "reporting", "community": "c1", "baobao": [{"community": "c2", "role": "lead"}]}
        ], "compounds": [{"id": "x1", "name": "和平家园", "community": "c2", "households": 100, "red_property_site": true}]}"#;
        let org = match Organization::from_json(json) {
            Ok(org) => org,
            Err(e) => panic!("{e}"),
        };
        let paths = |ps: Vec<&Problem>| ps.into_iter().map(|p| p.path.clone()).collect::<Vec<_>>();
        let all = paths(org.warnings().iter().collect());
        assert_eq!(all.len(), 3, "{all:?}");
        let tree = org.tree();
        let node = |path: &str| org.warnings().iter().find(|p| p.path == path).and_then(|p| org.warning_node(p)).map(|n| tree.node(n).id().to_owned());
        assert_eq!(node("$.members[0].reports_to").as_deref(), Some("b1"));
        assert_eq!(node("$.units[1].baobao[0].role").as_deref(), Some("c2"), "the community the entry names, not the unit's c1");
        assert_eq!(node("$.compounds[0].red_property_site").as_deref(), Some("c2"));
        let (tree, summary) = org.split();
        let under = |id: &str| paths(summary.warnings_under(&tree, find_in(&tree, id)).collect());
        assert_eq!(under("s"), all, "the root has them all, in their order");
        assert_eq!(under("c1"), ["$.members[0].reports_to"]);
        assert_eq!(under("b1"), ["$.members[0].reports_to"]);
        let mut c2 = under("c2");
        c2.sort();
        assert_eq!(c2, ["$.compounds[0].red_property_site", "$.units[1].baobao[0].role"]);
        // Without a schema: the warning that says so is about no node, so only the root has it.
        let Ok(org) = Organization::from_json(&json.replacen(r#""schema": "street", "#, "", 1)) else { panic!("without a schema") };
        assert!(org.warnings().iter().any(|p| p.path == "$" && org.warning_node(p).is_none()));
        let (tree, summary) = org.split();
        assert!(summary.warnings_under(&tree, tree.root()).any(|p| p.path == "$"));
        assert!(!summary.warnings_under(&tree, find_in(&tree, "c1")).any(|p| p.path == "$"));
        assert_eq!(paths(summary.warnings_under(&tree, find_in(&tree, "b1")).collect()), ["$.members[0].reports_to"]);
    }

    fn find_in(tree: &OrgTree, id: &str) -> NodeId {
        tree.find(id).unwrap_or_else(|| panic!("{id}"))
    }
}
