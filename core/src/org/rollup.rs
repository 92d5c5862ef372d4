//! Figures for every node, computed in one pass from the leaves up, so that a dashboard can
//! show any node's numbers at once.

use serde::Serialize;

use super::linked::{Compound, Grid, Member, Team, Unit};
use super::records::{BaobaoRole, Flow, MemberKind, ServiceModule, StationedRole, TeamKind, WorkerRole};
use super::schema::{LevelRole, LevelSchema};
use super::tree::{NodeId, OrgTree, UNRESOLVED};

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
    /// Grid workers by role.
    pub workers_by_role: WorkerRoles,
    /// Grids held to the schema's grid-worker model (all grids when it declares one, else 0).
    pub grids_under_model: u32,
    /// Of those, the grids that meet it.
    pub grids_meeting_model: u32,
    /// Residential compounds (小区), counted at their community.
    pub compounds: CompoundCounts,
    /// Teams, counted at their grid's branch when they serve one grid, else at their community.
    pub teams: TeamCounts,
    /// 包保 (来凤 "1+4+N"), counted at each community.
    pub baobao: BaobaoCounts,
}

/// Grid workers by role (a worker with no role is `unspecified`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct WorkerRoles {
    /// 报到党员.
    pub reporting_member: u32,
    /// 无职党员.
    pub no_office_member: u32,
    /// 专职网格员.
    pub full_time: u32,
    /// 楼栋长.
    pub building_head: u32,
    /// 单元长.
    pub unit_head: u32,
    /// No role given.
    pub unspecified: u32,
}

impl WorkerRoles {
    /// The count of one role (`None`: no role given).
    pub fn get(&self, role: Option<WorkerRole>) -> u32 {
        match role {
            Some(WorkerRole::ReportingMember) => self.reporting_member,
            Some(WorkerRole::NoOfficeMember) => self.no_office_member,
            Some(WorkerRole::FullTime) => self.full_time,
            Some(WorkerRole::BuildingHead) => self.building_head,
            Some(WorkerRole::UnitHead) => self.unit_head,
            None => self.unspecified,
        }
    }
    fn slot(&mut self, role: Option<WorkerRole>) -> &mut u32 {
        match role {
            Some(WorkerRole::ReportingMember) => &mut self.reporting_member,
            Some(WorkerRole::NoOfficeMember) => &mut self.no_office_member,
            Some(WorkerRole::FullTime) => &mut self.full_time,
            Some(WorkerRole::BuildingHead) => &mut self.building_head,
            Some(WorkerRole::UnitHead) => &mut self.unit_head,
            None => &mut self.unspecified,
        }
    }
    fn add(&mut self, o: &WorkerRoles) {
        for role in WorkerRole::ALL.map(Some).into_iter().chain([None]) {
            *self.slot(role) += o.get(role);
        }
    }
}

/// Compounds and their property management.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CompoundCounts {
    /// Compounds.
    pub total: u32,
    /// Households in them.
    pub households: u64,
    /// Without property management (无物业小区).
    pub without_property: u32,
    /// Under 红色物业: their property company has a Party organization.
    pub red_property: u32,
    /// With a joint-meeting mechanism (联席会议、恳谈会、议事会).
    pub joint_meeting: u32,
    /// 红色物业 demonstration sites.
    pub red_property_sites: u32,
}

/// A count for each of the five service modules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ByModule {
    /// 应急救援.
    pub emergency_rescue: u32,
    /// 关爱帮困.
    pub care: u32,
    /// 文艺服务.
    pub culture: u32,
    /// 公共事务.
    pub public_affairs: u32,
    /// 法治调解.
    pub mediation: u32,
}

impl ByModule {
    /// The count of one module.
    pub fn get(&self, module: ServiceModule) -> u32 {
        match module {
            ServiceModule::EmergencyRescue => self.emergency_rescue,
            ServiceModule::Care => self.care,
            ServiceModule::Culture => self.culture,
            ServiceModule::PublicAffairs => self.public_affairs,
            ServiceModule::Mediation => self.mediation,
        }
    }
    fn slot(&mut self, module: ServiceModule) -> &mut u32 {
        match module {
            ServiceModule::EmergencyRescue => &mut self.emergency_rescue,
            ServiceModule::Care => &mut self.care,
            ServiceModule::Culture => &mut self.culture,
            ServiceModule::PublicAffairs => &mut self.public_affairs,
            ServiceModule::Mediation => &mut self.mediation,
        }
    }
    fn add(&mut self, o: &ByModule) {
        for m in ServiceModule::ALL {
            *self.slot(m) += o.get(m);
        }
    }
}

/// A count for each kind of team.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ByTeamKind {
    /// 先锋队.
    pub vanguard: u32,
    /// 志愿服务队.
    pub volunteer: u32,
    /// 党员服务队.
    pub party_service: u32,
    /// 暖心服务小分队.
    pub warm_service: u32,
    /// 党员代办队.
    pub errand: u32,
}

impl ByTeamKind {
    /// The count of one kind.
    pub fn get(&self, kind: TeamKind) -> u32 {
        match kind {
            TeamKind::Vanguard => self.vanguard,
            TeamKind::Volunteer => self.volunteer,
            TeamKind::PartyService => self.party_service,
            TeamKind::WarmService => self.warm_service,
            TeamKind::Errand => self.errand,
        }
    }
    fn slot(&mut self, kind: TeamKind) -> &mut u32 {
        match kind {
            TeamKind::Vanguard => &mut self.vanguard,
            TeamKind::Volunteer => &mut self.volunteer,
            TeamKind::PartyService => &mut self.party_service,
            TeamKind::WarmService => &mut self.warm_service,
            TeamKind::Errand => &mut self.errand,
        }
    }
    fn add(&mut self, o: &ByTeamKind) {
        for k in TeamKind::ALL {
            *self.slot(k) += o.get(k);
        }
    }
}

/// Teams and the people in them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TeamCounts {
    /// Teams.
    pub total: u32,
    /// People in them: members and other volunteers (one person in two teams counts twice).
    pub people: u32,
    /// Party members in them.
    pub members: u32,
    /// Units in them.
    pub units: u32,
    /// Teams by kind.
    pub by_kind: ByTeamKind,
    /// Teams by module (a team with two modules counts in both).
    pub by_module: ByModule,
    /// People by their team's modules.
    pub people_by_module: ByModule,
}

/// 包保 of the communities in a subtree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct BaobaoCounts {
    /// Communities.
    pub communities: u32,
    /// Communities whose 1+4+N is complete (one lead, four responsible, at least one more).
    pub complete: u32,
    /// Communities with any 包保 unit.
    pub with_units: u32,
    /// 包保 links by role: lead units (牵头单位).
    pub lead: u32,
    /// Responsible units (责任单位).
    pub responsible: u32,
    /// Other departments (联系单位).
    pub member: u32,
    /// People stationed in a 尖刀班 with no end date (still there).
    pub task_force: u32,
    /// 第一书记 with no end date.
    pub first_secretaries: u32,
    /// Communities with a 尖刀班 of at least five (来凤's size).
    pub task_force_full: u32,
    /// Work funds of the stationed people still there, in yuan a year, where given.
    pub stationed_funds_yuan: f64,
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
    /// Compounds with property management / compounds.
    pub compounds_managed: Ratio,
    /// Compounds under 红色物业 / compounds with property management.
    pub red_property: Ratio,
    /// Compounds with a joint-meeting mechanism / compounds.
    pub joint_meeting: Ratio,
    /// Communities with a complete 1+4+N / communities.
    pub baobao_complete: Ratio,
    /// Grids meeting the grid-worker model / grids held to it.
    pub worker_model: Ratio,
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
        self.workers_by_role.add(&o.workers_by_role);
        self.grids_under_model += o.grids_under_model;
        self.grids_meeting_model += o.grids_meeting_model;
        let (c, d) = (&mut self.compounds, &o.compounds);
        c.total += d.total;
        c.households += d.households;
        c.without_property += d.without_property;
        c.red_property += d.red_property;
        c.joint_meeting += d.joint_meeting;
        c.red_property_sites += d.red_property_sites;
        let (t, u) = (&mut self.teams, &o.teams);
        t.total += u.total;
        t.people += u.people;
        t.members += u.members;
        t.units += u.units;
        t.by_kind.add(&u.by_kind);
        t.by_module.add(&u.by_module);
        t.people_by_module.add(&u.people_by_module);
        let (b, e) = (&mut self.baobao, &o.baobao);
        b.communities += e.communities;
        b.complete += e.complete;
        b.with_units += e.with_units;
        b.lead += e.lead;
        b.responsible += e.responsible;
        b.member += e.member;
        b.task_force += e.task_force;
        b.first_secretaries += e.first_secretaries;
        b.task_force_full += e.task_force_full;
        b.stationed_funds_yuan += e.stationed_funds_yuan;
    }

    /// Coverage: grids with a branch, members placed in a grid, households linked to a
    /// central household.
    pub fn coverage(&self) -> Coverage {
        Coverage {
            grids_with_branch: Ratio::new(self.grids_with_branch.into(), self.grids.into()),
            members_in_grid: Ratio::new(self.members_in_grid.into(), self.members.total.into()),
            households_linked: Ratio::new(self.linked_households, self.households),
            compounds_managed: Ratio::new((self.compounds.total - self.compounds.without_property).into(), self.compounds.total.into()),
            red_property: Ratio::new(self.compounds.red_property.into(), (self.compounds.total - self.compounds.without_property).into()),
            joint_meeting: Ratio::new(self.compounds.joint_meeting.into(), self.compounds.total.into()),
            baobao_complete: Ratio::new(self.baobao.complete.into(), self.baobao.communities.into()),
            worker_model: Ratio::new(self.grids_meeting_model.into(), self.grids_under_model.into()),
        }
    }
}

/// The checked records a rollup counts.
pub(crate) struct Parts<'a> {
    pub grids: &'a [Grid],
    pub members: &'a [Member],
    pub units: &'a [Unit],
    pub compounds: &'a [Compound],
    pub teams: &'a [Team],
}

/// Every node's figures. A node whose figures are only the four every node starts with
/// (nodes, central households, linked households, communities: a household, three nodes in
/// four of a large tree) keeps those four alone, 24 bytes; the others a whole [`Rollup`],
/// 272 bytes. (A 1M-node tree's rollups were 272 MB written to fresh pages.)
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Rollups {
    own: Vec<Four>,
    full: Vec<Rollup>,
}

/// A node's four own figures, and where its whole figures are once it holds more.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Four {
    linked_households: u64,
    nodes: u32,
    central_households: u32,
    communities: u32,
    /// Index into [`Rollups::full`], or [`ONLY_FOUR`].
    full: u32,
}

const ONLY_FOUR: u32 = u32::MAX;

impl Four {
    fn rollup(&self) -> Rollup {
        let Four { linked_households, nodes, central_households, communities, .. } = *self;
        Rollup { nodes, central_households, linked_households, baobao: BaobaoCounts { communities, ..BaobaoCounts::default() }, ..Rollup::default() }
    }
}

impl Rollups {
    /// Node `i`'s figures.
    pub(crate) fn get(&self, i: usize) -> Option<Rollup> {
        let four = self.own.get(i)?;
        Some(self.full.get(four.full as usize).copied().unwrap_or_else(|| four.rollup()))
    }
    /// How many nodes.
    #[cfg(all(test, feature = "generate"))]
    pub(crate) fn len(&self) -> usize {
        self.own.len()
    }
    /// How many nodes hold whole figures.
    #[cfg(all(test, feature = "generate"))]
    pub(crate) fn whole(&self) -> usize {
        self.full.len()
    }
    /// Node `i`'s whole figures, made from its four when it had only those.
    fn full(&mut self, i: usize) -> &mut Rollup {
        let four = &mut self.own[i];
        if four.full == ONLY_FOUR {
            four.full = self.full.len() as u32;
            self.full.push(four.rollup());
        }
        &mut self.full[four.full as usize]
    }
}

/// What the load found for each node, by index, that its figures start from: read from these
/// small vectors, not from the 200-byte nodes.
pub(crate) struct EachNode<'a> {
    /// The parent's index; `UNRESOLVED` for the root.
    pub parents: &'a [u32],
    /// The role of the node's level in the schema (none without a schema, or for a level it
    /// does not know; empty without a schema).
    pub roles: &'a [Option<LevelRole>],
    /// Linked households (0 when none given).
    pub linked_households: &'a [u32],
}

/// Every node's figures.
pub(crate) fn compute(tree: &OrgTree, parts: &Parts<'_>, schema: Option<&LevelSchema>, each: &EachNode<'_>) -> Rollups {
    compute_with(tree, parts, schema, each, true)
}

/// [`compute`] with every node's whole figures kept and added into its parent field by field
/// (the reference its four-figure nodes are tested against).
#[cfg(all(test, feature = "generate"))]
pub(crate) fn compute_in_full(tree: &OrgTree, parts: &Parts<'_>, schema: Option<&LevelSchema>, each: &EachNode<'_>) -> Rollups {
    compute_with(tree, parts, schema, each, false)
}

fn compute_with(tree: &OrgTree, parts: &Parts<'_>, schema: Option<&LevelSchema>, each: &EachNode<'_>, shortcut: bool) -> Rollups {
    let roles = each.roles;
    let Parts { grids, members, units, compounds, teams } = *parts;
    // Each node's own figures, made in one pass in arena order.
    let mut communities = Vec::new();
    let own: Vec<Four> = (0..tree.len())
        .map(|i| {
            let role = roles.get(i).copied().flatten();
            if role == Some(LevelRole::Community) {
                communities.push(i);
            }
            Four {
                linked_households: each.linked_households.get(i).copied().map_or(0, u64::from),
                nodes: 1,
                central_households: u32::from(role == Some(LevelRole::Household)),
                communities: u32::from(role == Some(LevelRole::Community)),
                full: ONLY_FOUR,
            }
        })
        .collect();
    let mut rollups = Rollups { own, full: Vec::new() };
    // A node whose records are counted, or with such a node below it, holds more than its
    // four figures: it takes a whole `Rollup` when the first is counted.
    if !shortcut {
        for i in 0..rollups.own.len() {
            rollups.full(i);
        }
    }
    // A community named by its record id.
    let community = |id: &str| tree.find(id).map(NodeId::index).filter(|&c| roles.get(c).copied().flatten() == Some(LevelRole::Community));
    let model = schema.and_then(|s| s.grid_workers);
    for g in grids {
        let r = rollups.full(g.branch().unwrap_or(g.community()).index());
        r.grids += 1;
        r.grids_with_branch += u32::from(g.branch().is_some());
        r.grid_workers += g.record().workers.len() as u32;
        for w in &g.record().workers {
            *r.workers_by_role.slot(w.role) += 1;
        }
        if let Some(model) = model {
            r.grids_under_model += 1;
            let meets = model.requires().iter().all(|&(role, needed)| g.record().workers.iter().filter(|w| w.role == Some(role)).count() as u32 >= needed);
            r.grids_meeting_model += u32::from(meets);
        }
        r.households += u64::from(g.record().households);
        r.population += u64::from(g.record().population);
    }
    for c in compounds {
        let r = &mut rollups.full(c.community().index()).compounds;
        r.total += 1;
        r.households += u64::from(c.record().households);
        r.without_property += u32::from(c.company().is_none());
        r.red_property += u32::from(c.red_property());
        r.joint_meeting += u32::from(c.record().joint_meeting);
        r.red_property_sites += u32::from(c.record().red_property_site);
    }
    for t in teams {
        let at = t.grid().and_then(|g| grids[g].branch()).unwrap_or(t.community());
        let r = &mut rollups.full(at.index()).teams;
        let people = t.record().people();
        r.total += 1;
        r.people += people;
        r.members += t.members().len() as u32;
        r.units += t.units().len() as u32;
        *r.by_kind.slot(t.record().kind) += 1;
        let mut modules = t.record().modules.clone();
        modules.sort();
        modules.dedup();
        for m in modules {
            *r.by_module.slot(m) += 1;
            *r.people_by_module.slot(m) += people;
        }
    }
    // 包保 per community: links by role, then whether the community's shape is complete.
    let mut task_force = vec![0u32; tree.len()];
    for u in units {
        for b in &u.record().baobao {
            let Some(c) = community(&b.community) else { continue };
            let r = &mut rollups.full(c).baobao;
            match b.role {
                BaobaoRole::Lead => r.lead += 1,
                BaobaoRole::Responsible => r.responsible += 1,
                BaobaoRole::Member => r.member += 1,
            }
        }
        for s in u.record().stationed.iter().filter(|s| s.to.is_none()) {
            let Some(c) = community(&s.community) else { continue };
            let r = &mut rollups.full(c).baobao;
            match s.role {
                StationedRole::TaskForce => {
                    r.task_force += 1;
                    task_force[c] += 1;
                }
                StationedRole::FirstSecretary => r.first_secretaries += 1,
            }
            r.stationed_funds_yuan += s.funds_yuan.unwrap_or(0.0);
        }
    }
    for &c in &communities {
        let r = &mut rollups.full(c).baobao;
        r.with_units = u32::from(r.lead + r.responsible + r.member > 0);
        r.complete = u32::from(r.lead == 1 && r.responsible >= 4 && r.member >= 1);
        r.task_force_full = u32::from(task_force[c] >= 5);
    }
    for m in members {
        let r = rollups.full(m.node().index());
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
        let r = rollups.full(u.community().index());
        match u.record().kind {
            super::records::UnitKind::Reporting => r.reporting_units += 1,
            super::records::UnitKind::CoLocated => r.co_located_units += 1,
        }
    }
    // Children before parents: one pass adds each finished subtree into its parent.
    for id in tree.bottom_up() {
        let c = id.index();
        let Some(p) = each.parents.get(c).copied().filter(|&p| p != UNRESOLVED) else { continue };
        let p = p as usize;
        let child = rollups.own[c];
        if child.full == ONLY_FOUR {
            let into = &mut rollups.own[p];
            let (nodes, central_households, linked_households, communities) = match rollups.full.get_mut(into.full as usize) {
                Some(r) => (&mut r.nodes, &mut r.central_households, &mut r.linked_households, &mut r.baobao.communities),
                None => (&mut into.nodes, &mut into.central_households, &mut into.linked_households, &mut into.communities),
            };
            *nodes += child.nodes;
            *central_households += child.central_households;
            *linked_households += child.linked_households;
            *communities += child.communities;
        } else {
            let child = rollups.full[child.full as usize];
            rollups.full(p).add(&child);
        }
    }
    rollups
}
