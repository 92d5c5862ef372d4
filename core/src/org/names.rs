//! The names people read for the ids other documents use: a node's or a grid's, a member's or
//! a unit's, as the organization document gives them. Services, cases and the widgets show
//! these instead of ids wherever an organization is at hand.

use std::collections::HashMap;

use super::Organization;

/// Names by id, taken once from an organization; an id it does not know reads as itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    nodes: HashMap<String, String>,
    grids: HashMap<String, String>,
    members: HashMap<String, String>,
    units: HashMap<String, String>,
    teams: HashMap<String, String>,
}

fn or_id<'a>(names: &'a HashMap<String, String>, id: &'a str) -> &'a str {
    names.get(id).map_or(id, String::as_str)
}

impl Names {
    /// The names of every node, named grid, member and unit of `org`.
    pub fn of(org: &Organization) -> Self {
        let tree = org.tree();
        Names {
            nodes: tree.ids().map(|id| (tree.node(id).id().to_owned(), tree.node(id).name().to_owned())).collect(),
            grids: org.grids().iter().filter_map(|g| Some((String::from(&g.record().id), g.record().name.as_deref()?.to_owned()))).collect(),
            members: org.members().iter().map(|m| (String::from(&m.record().id), String::from(&m.record().name))).collect(),
            units: org.units().iter().map(|u| (String::from(&u.record().id), String::from(&u.record().name))).collect(),
            teams: org.teams().iter().map(|t| (String::from(&t.record().id), String::from(&t.record().name))).collect(),
        }
    }
    /// A node's name (a community's, say).
    pub fn node<'a>(&'a self, id: &'a str) -> &'a str {
        or_id(&self.nodes, id)
    }
    /// A grid's name.
    pub fn grid<'a>(&'a self, id: &'a str) -> &'a str {
        or_id(&self.grids, id)
    }
    /// Where a record sits that names a node or a grid (a case's `node`): the node's name,
    /// else the grid's — the order in which case metrics place it.
    pub fn place<'a>(&'a self, id: &'a str) -> &'a str {
        self.nodes.get(id).or_else(|| self.grids.get(id)).map_or(id, String::as_str)
    }
    /// A member's name.
    pub fn member<'a>(&'a self, id: &'a str) -> &'a str {
        or_id(&self.members, id)
    }
    /// A unit's name.
    pub fn unit<'a>(&'a self, id: &'a str) -> &'a str {
        or_id(&self.units, id)
    }
    /// A team's name.
    pub fn team<'a>(&'a self, id: &'a str) -> &'a str {
        or_id(&self.teams, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_by_id_and_ids_they_do_not_know() -> Result<(), crate::Error> {
        let org = Organization::from_json(
            r#"{"schema": "laifeng", "nodes": [{"id": "c", "level": "community", "name": "胜利社区党委"}],
                "grids": [{"id": "g1", "code": "422827001001001", "name": "胜利街网格", "community": "c", "workers": [{"name": "彭丽"}], "households": 1, "population": 1, "buildings": 1},
                          {"id": "c", "code": "422827001001002", "name": "与节点同号的网格", "community": "c", "workers": [{"name": "彭丽"}], "households": 1, "population": 1, "buildings": 1}],
                "members": [{"id": "m1", "name": "彭光明", "kind": "retired", "node": "c", "grid": "g1"}],
                "units": [{"id": "u1", "name": "县税务局", "kind": "reporting", "community": "c"}]}"#,
        )?;
        let names = Names::of(&org);
        assert_eq!((names.node("c"), names.grid("g1"), names.member("m1"), names.unit("u1")), ("胜利社区党委", "胜利街网格", "彭光明", "县税务局"));
        // A place is a node first, then a grid.
        assert_eq!((names.place("c"), names.place("g1"), names.grid("c")), ("胜利社区党委", "胜利街网格", "与节点同号的网格"));
        assert_eq!((names.place("g9"), names.member("m9"), Names::default().node("c")), ("g9", "m9", "c"));
        Ok(())
    }
}
