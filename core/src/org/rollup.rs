//! Figures for every node, computed in one pass from the leaves up, so that a dashboard can
//! show any node's numbers at once.

use serde::Serialize;

use super::linked::{Grid, Member, Unit};
use super::records::{Flow, MemberKind};
use super::schema::{LevelRole, LevelSchema};
use super::tree::OrgTree;

/// A share with its parts, so a reader can check it: `value` is `numerator / denominator`,
/// absent when the denominator is 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Ratio {
    /// How many have it.
    pub numerator: u64,
    /// Out of how many.
    pub denominator: u64,
    /// The share, 0–1; `None` when there is nothing to divide by.
    pub value: Option<f64>,
}

impl Ratio {
    /// `numerator / denominator`, capped at 1.
    pub fn new(numerator: u64, denominator: u64) -> Self {
        let value = (denominator > 0).then(|| (numerator as f64 / denominator as f64).min(1.0));
        Ratio { numerator, denominator, value }
    }
}

/// Members by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MemberCounts {
    /// 在职.
    pub in_service: u32,
    /// 离退休.
    pub retired: u32,
    /// 流入.
    pub mobile_in: u32,
    /// 流出.
    pub mobile_out: u32,
    /// 无职.
    pub no_office: u32,
    /// All members.
    pub total: u32,
}

/// The figures of one node's subtree (the node included). Coverage ratios are derived on
/// demand ([`Rollup::coverage`]), which keeps a tree's rollups small and quick to build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Rollup {
    /// Nodes in the subtree.
    pub nodes: u32,
    /// Members by kind.
    pub members: MemberCounts,
    /// Members placed in a grid.
    pub members_in_grid: u32,
    /// Grids (each counted at its branch node, else at its community).
    pub grids: u32,
    /// Grids that a branch node names.
    pub grids_with_branch: u32,
    /// Grid workers.
    pub grid_workers: u32,
    /// Households in those grids.
    pub households: u64,
    /// Residents in those grids.
    pub population: u64,
    /// Central-household nodes (党员中心户).
    pub central_households: u32,
    /// Households that central households keep in touch with.
    pub linked_households: u64,
    /// Reporting units (报到单位).
    pub reporting_units: u32,
    /// Co-located units (驻区单位).
    pub co_located_units: u32,
    /// In-service members who reported to a community (双报到).
    pub members_reported: u32,
}

/// Coverage ratios.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Coverage {
    /// Grids with a branch / grids.
    pub grids_with_branch: Ratio,
    /// Members in a grid / members.
    pub members_in_grid: Ratio,
    /// Households linked to a central household / households.
    pub households_linked: Ratio,
}

impl Rollup {
    fn add(&mut self, o: &Rollup) {
        self.nodes += o.nodes;
        let (m, n) = (&mut self.members, &o.members);
        m.in_service += n.in_service;
        m.retired += n.retired;
        m.mobile_in += n.mobile_in;
        m.mobile_out += n.mobile_out;
        m.no_office += n.no_office;
        m.total += n.total;
        self.members_in_grid += o.members_in_grid;
        self.grids += o.grids;
        self.grids_with_branch += o.grids_with_branch;
        self.grid_workers += o.grid_workers;
        self.households += o.households;
        self.population += o.population;
        self.central_households += o.central_households;
        self.linked_households += o.linked_households;
        self.reporting_units += o.reporting_units;
        self.co_located_units += o.co_located_units;
        self.members_reported += o.members_reported;
    }

    /// Coverage: grids with a branch, members placed in a grid, households linked to a
    /// central household.
    pub fn coverage(&self) -> Coverage {
        Coverage {
            grids_with_branch: Ratio::new(self.grids_with_branch.into(), self.grids.into()),
            members_in_grid: Ratio::new(self.members_in_grid.into(), self.members.total.into()),
            households_linked: Ratio::new(self.linked_households, self.households),
        }
    }
}

pub(crate) fn compute(tree: &OrgTree, grids: &[Grid], members: &[Member], units: &[Unit], schema: Option<&LevelSchema>) -> Vec<Rollup> {
    let mut own = vec![Rollup::default(); tree.len()];
    for id in tree.ids() {
        let node = tree.node(id);
        let r = &mut own[id.index()];
        r.nodes = 1;
        let household = schema.and_then(|s| s.level(node.level())).map(|l| l.role) == Some(LevelRole::Household);
        if household {
            r.central_households = 1;
        }
        r.linked_households = node.linked_households().map_or(0, u64::from);
    }
    for g in grids {
        let r = &mut own[g.branch().unwrap_or(g.community()).index()];
        r.grids += 1;
        r.grids_with_branch += u32::from(g.branch().is_some());
        r.grid_workers += g.record().workers.len() as u32;
        r.households += u64::from(g.record().households);
        r.population += u64::from(g.record().population);
    }
    for m in members {
        let r = &mut own[m.node().index()];
        let c = &mut r.members;
        match (m.record().kind, m.record().flow) {
            (MemberKind::InService, _) => c.in_service += 1,
            (MemberKind::Retired, _) => c.retired += 1,
            (MemberKind::Mobile, Some(Flow::Out)) => c.mobile_out += 1,
            (MemberKind::Mobile, _) => c.mobile_in += 1,
            (MemberKind::NoOffice, _) => c.no_office += 1,
        }
        c.total += 1;
        r.members_in_grid += u32::from(m.grid().is_some());
        r.members_reported += u32::from(m.reports_to().is_some());
    }
    for u in units {
        let r = &mut own[u.community().index()];
        match u.record().kind {
            super::records::UnitKind::Reporting => r.reporting_units += 1,
            super::records::UnitKind::CoLocated => r.co_located_units += 1,
        }
    }
    // A pre-order reversed visits every child before its parent: one pass adds each
    // finished subtree into its parent.
    let order = tree.subtree(tree.root());
    for &id in order.iter().rev() {
        if let Some(parent) = tree.node(id).parent() {
            let child = own[id.index()];
            own[parent.index()].add(&child);
        }
    }
    own
}
