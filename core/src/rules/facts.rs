//! The fact catalogue: every fact a rule may read, with its type and unit.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::org::Ratio;
use crate::Rollup;

/// The type of a fact's value, which the static checks compare against how it is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactType {
    /// A whole number ≥ 0 (a count).
    Integer,
    /// Any number.
    Number,
    /// A share between 0 and 1, shown as a percentage.
    Ratio,
    /// Yes or no.
    Boolean,
    /// Text.
    Text,
}

impl FactType {
    /// The name used in problems: `number`, `ratio`, `boolean` or `text` (integers are numbers).
    pub fn name(self) -> &'static str {
        match self {
            FactType::Integer | FactType::Number => "number",
            FactType::Ratio => "ratio",
            FactType::Boolean => "boolean",
            FactType::Text => "text",
        }
    }

    pub(crate) fn is_numeric(self) -> bool {
        matches!(self, FactType::Integer | FactType::Number | FactType::Ratio)
    }

    /// Whether a value from outside fits this type.
    pub fn accepts(self, value: &Value) -> bool {
        match self {
            FactType::Integer => value.as_f64().is_some_and(|v| v >= 0.0 && v.fract() == 0.0),
            FactType::Number => value.is_number(),
            FactType::Ratio => value.as_f64().is_some_and(|v| (0.0..=1.0).contains(&v)),
            FactType::Boolean => value.is_boolean(),
            FactType::Text => value.is_string(),
        }
    }
}

/// The unit a number is counted in, for the explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// 人.
    People,
    /// 户.
    Households,
    /// 个 (grids).
    Grids,
    /// 家 (units, organisations).
    Units,
    /// 小时.
    Hours,
    /// 元.
    Yuan,
    /// 项 (projects, items).
    Items,
    /// 次 / 起 (times, cases).
    Times,
    /// 天.
    Days,
    /// 平方米.
    SquareMetres,
    /// 个 (residential compounds, 小区).
    Compounds,
    /// 支 (teams).
    Teams,
}

impl Unit {
    /// The suffix after a number in zh-CN and in English.
    pub fn suffix(self) -> (&'static str, &'static str) {
        match self {
            Unit::People => (" 人", " people"),
            Unit::Households => (" 户", " households"),
            Unit::Grids => (" 个", " grids"),
            Unit::Units => (" 家", " units"),
            Unit::Hours => (" 小时", " h"),
            Unit::Yuan => (" 元", " yuan"),
            Unit::Items => (" 项", " items"),
            Unit::Times => (" 次", " times"),
            Unit::Days => (" 天", " days"),
            Unit::SquareMetres => (" 平方米", " m²"),
            Unit::Compounds => (" 个", " compounds"),
            Unit::Teams => (" 支", " teams"),
        }
    }
}

/// One fact: its name (what `{"var": …}` reads), type, unit and names in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// The key in an entity's facts.
    pub name: String,
    /// The type of its value.
    #[serde(rename = "type")]
    pub kind: FactType,
    /// The unit, for numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// Chinese name, e.g. 调解成功率.
    pub zh: String,
    /// English name, e.g. mediation success rate.
    pub en: String,
}

/// One catalogue entry as a constant: name, type, unit, zh, en.
type FactRow = (&'static str, FactType, Option<Unit>, &'static str, &'static str);

/// The facts the organization core computes for a node (see [`crate::Rollup`] and
/// [`crate::org::Coverage`]).
const ROLLUP_FACTS: &[FactRow] = {
    use FactType::{Integer, Number, Ratio};
    &[
        ("nodes", Integer, None, "组织数", "organisations"),
        ("members_total", Integer, Some(Unit::People), "党员总数", "members"),
        ("members_in_service", Integer, Some(Unit::People), "在职党员数", "in-service members"),
        ("members_retired", Integer, Some(Unit::People), "离退休党员数", "retired members"),
        ("members_mobile_in", Integer, Some(Unit::People), "流入党员数", "members moved in"),
        ("members_mobile_out", Integer, Some(Unit::People), "流出党员数", "members moved out"),
        ("members_no_office", Integer, Some(Unit::People), "无职党员数", "members without office"),
        ("members_in_grid", Integer, Some(Unit::People), "入格党员数", "members placed in a grid"),
        ("members_reported", Integer, Some(Unit::People), "双报到党员数", "members reported (双报到)"),
        ("grids", Integer, Some(Unit::Grids), "网格数", "grids"),
        ("grids_with_branch", Integer, Some(Unit::Grids), "建有党支部的网格数", "grids with a branch"),
        ("grid_workers", Integer, Some(Unit::People), "网格员数", "grid workers"),
        ("households", Integer, Some(Unit::Households), "户数", "households"),
        ("population", Integer, Some(Unit::People), "人口", "residents"),
        ("central_households", Integer, Some(Unit::Households), "党员中心户数", "central households"),
        ("linked_households", Integer, Some(Unit::Households), "联系户数", "linked households"),
        ("reporting_units", Integer, Some(Unit::Units), "报到单位数", "reporting units"),
        ("co_located_units", Integer, Some(Unit::Units), "驻区单位数", "co-located units"),
        ("coverage_grids_with_branch", Ratio, None, "网格党支部覆盖率", "grids with a branch"),
        ("coverage_members_in_grid", Ratio, None, "党员入格率", "members placed in a grid"),
        ("coverage_households_linked", Ratio, None, "中心户联系覆盖率", "households linked to a central household"),
        ("compounds", Integer, Some(Unit::Compounds), "小区数", "compounds"),
        ("compounds_without_property", Integer, Some(Unit::Compounds), "无物业小区数", "compounds without property management"),
        ("compounds_red_property", Integer, Some(Unit::Compounds), "红色物业小区数", "compounds under 红色物业"),
        ("compounds_joint_meeting", Integer, Some(Unit::Compounds), "建立联席会议机制的小区数", "compounds with a joint-meeting mechanism"),
        ("red_property_sites", Integer, Some(Unit::Compounds), "红色物业示范点数", "红色物业 demonstration sites"),
        ("coverage_compounds_managed", Ratio, None, "小区物业服务覆盖率", "compounds with property management"),
        ("coverage_red_property", Ratio, None, "红色物业覆盖率", "managed compounds under 红色物业"),
        ("coverage_joint_meeting", Ratio, None, "小区联席会议机制覆盖率", "compounds with a joint-meeting mechanism"),
        ("teams", Integer, Some(Unit::Teams), "队伍数", "teams"),
        ("team_people", Integer, Some(Unit::People), "队员人数", "people in teams"),
        ("team_members", Integer, Some(Unit::People), "队伍中的党员人数", "Party members in teams"),
        ("teams_vanguard", Integer, Some(Unit::Teams), "先锋队数", "vanguard teams"),
        ("teams_volunteer", Integer, Some(Unit::Teams), "志愿服务队数", "volunteer teams"),
        ("teams_party_service", Integer, Some(Unit::Teams), "党员服务队数", "Party-member service teams"),
        ("teams_warm_service", Integer, Some(Unit::Teams), "暖心服务小分队数", "warm-service squads"),
        ("teams_errand", Integer, Some(Unit::Teams), "党员代办队数", "errand teams"),
        ("teams_module_emergency_rescue", Integer, Some(Unit::Teams), "应急救援模块队伍数", "teams in emergency rescue"),
        ("teams_module_care", Integer, Some(Unit::Teams), "关爱帮困模块队伍数", "teams in care"),
        ("teams_module_culture", Integer, Some(Unit::Teams), "文艺服务模块队伍数", "teams in culture"),
        ("teams_module_public_affairs", Integer, Some(Unit::Teams), "公共事务模块队伍数", "teams in public affairs"),
        ("teams_module_mediation", Integer, Some(Unit::Teams), "法治调解模块队伍数", "teams in mediation"),
        ("team_people_module_emergency_rescue", Integer, Some(Unit::People), "应急救援模块队员人数", "people in emergency rescue teams"),
        ("team_people_module_care", Integer, Some(Unit::People), "关爱帮困模块队员人数", "people in care teams"),
        ("team_people_module_culture", Integer, Some(Unit::People), "文艺服务模块队员人数", "people in culture teams"),
        ("team_people_module_public_affairs", Integer, Some(Unit::People), "公共事务模块队员人数", "people in public-affairs teams"),
        ("team_people_module_mediation", Integer, Some(Unit::People), "法治调解模块队员人数", "people in mediation teams"),
        ("communities", Integer, None, "社区数", "communities"),
        ("communities_baobao_complete", Integer, None, "“1+4+N”包保齐全的社区数", "communities with a complete 1+4+N"),
        ("coverage_baobao_complete", Ratio, None, "“1+4+N”包保齐全率", "communities with a complete 1+4+N"),
        ("baobao_lead_units", Integer, Some(Unit::Units), "牵头单位数", "lead units (牵头单位)"),
        ("baobao_responsible_units", Integer, Some(Unit::Units), "责任单位数", "responsible units (责任单位)"),
        ("baobao_member_units", Integer, Some(Unit::Units), "联系包保的县直部门数", "other 包保 departments"),
        ("task_force", Integer, Some(Unit::People), "尖刀班在岗人数", "尖刀班 members stationed"),
        ("first_secretaries", Integer, Some(Unit::People), "第一书记人数", "first secretaries stationed"),
        ("communities_task_force_full", Integer, None, "尖刀班满 5 人的社区数", "communities with a 尖刀班 of five"),
        ("stationed_funds", Number, Some(Unit::Yuan), "派驻人员年度工作经费", "work funds of stationed people a year"),
        ("grid_workers_reporting_member", Integer, Some(Unit::People), "报到党员网格员数", "grid workers: reporting members"),
        ("grid_workers_no_office_member", Integer, Some(Unit::People), "无职党员网格员数", "grid workers: members without office"),
        ("grid_workers_full_time", Integer, Some(Unit::People), "专职网格员数", "full-time grid workers"),
        ("grid_workers_building_head", Integer, Some(Unit::People), "楼栋长数", "building heads"),
        ("grid_workers_unit_head", Integer, Some(Unit::People), "单元长数", "unit heads"),
        ("grids_meeting_worker_model", Integer, Some(Unit::Grids), "网格员配备达标的网格数", "grids meeting the grid-worker model"),
        ("coverage_worker_model", Ratio, None, "网格员配备达标率", "grids meeting the grid-worker model"),
    ]
};

/// The facts of the teams of a node's subtree in the services ledger over a year (see
/// [`team_ledger_facts`]).
const TEAM_LEDGER_FACTS: &[FactRow] = {
    use FactType::{Integer, Number};
    &[
        ("team_activities", Integer, Some(Unit::Times), "队伍活动次数", "team activities"),
        ("team_hours", Number, Some(Unit::Hours), "队伍服务时长", "team service hours"),
        ("team_services", Integer, Some(Unit::Times), "队伍服务人次", "team services"),
    ]
};

/// The facts of a member's or a unit's year in the 双报到 service ledger. The completion rate
/// is left out when nothing was claimed.
const LEDGER_FACTS: &[FactRow] = {
    use FactType::{Integer, Number, Ratio};
    &[
        ("service_hours", Number, Some(Unit::Hours), "年度服务时长", "service hours this year"),
        ("service_hours_target", Number, Some(Unit::Hours), "年度服务时长目标", "service hours target"),
        ("service_records", Integer, Some(Unit::Times), "服务次数", "services recorded"),
        ("claims_taken", Integer, Some(Unit::Items), "认领项目数", "items claimed"),
        ("claims_done", Integer, Some(Unit::Items), "完成项目数", "claimed items done"),
        ("claim_completion_rate", Ratio, None, "认领完成率", "claims completed"),
        ("projects_done", Integer, Some(Unit::Items), "惠民实事数", "projects for residents (惠民实事)"),
    ]
};

/// The facts of a node's cases over a period. A rate is left out when nothing was there to
/// count (no cases, no rated case); a rule set that needs a minimum sample says so in its
/// `eligible` condition over `cases_total`.
const CASE_FACTS: &[FactRow] = {
    use FactType::{Integer, Ratio};
    &[
        ("cases_total", Integer, Some(Unit::Times), "案件数", "cases"),
        ("response_rate", Ratio, None, "响应率", "response rate"),
        ("resolution_rate", Ratio, None, "解决率", "resolution rate"),
        ("satisfaction_rate", Ratio, None, "满意率", "satisfaction rate"),
        ("on_time_rate", Ratio, None, "按时办结率", "closed on time"),
        ("sla_1310_clocks", Integer, Some(Unit::Times), "1310 时限数", "1310 clocks"),
        ("sla_1310_met_rate", Ratio, None, "1310 时限达标率", "1310 clocks met"),
        ("sla_12345_clocks", Integer, Some(Unit::Times), "12345 时限数", "12345 clocks"),
        ("sla_12345_met_rate", Ratio, None, "12345 时限达标率", "12345 clocks met"),
    ]
};

/// The facts of a lists version (四张清单), see [`list_facts`].
const LIST_FACTS: &[FactRow] = {
    use FactType::Integer;
    &[
        ("items_self_governance_in_force", Integer, Some(Unit::Items), "自治事项（有效）", "self-governance items in force"),
        ("items_self_governance_delegated", Integer, Some(Unit::Items), "自治事项（下放）", "self-governance items delegated"),
        ("items_self_governance_abolished", Integer, Some(Unit::Items), "自治事项（取消）", "self-governance items abolished"),
        ("items_assist_in_force", Integer, Some(Unit::Items), "协助事项（有效）", "assisting items in force"),
        ("items_assist_delegated", Integer, Some(Unit::Items), "协助事项（下放）", "assisting items delegated"),
        ("items_assist_abolished", Integer, Some(Unit::Items), "协助事项（取消）", "assisting items abolished"),
        ("items_certificate_in_force", Integer, Some(Unit::Items), "证明事项（有效）", "certificates in force"),
        ("items_certificate_delegated", Integer, Some(Unit::Items), "证明事项（下放）", "certificates delegated"),
        ("items_certificate_abolished", Integer, Some(Unit::Items), "证明事项（取消）", "certificates abolished"),
        ("items_negative_in_force", Integer, Some(Unit::Items), "负面清单事项", "negative-list items"),
        ("items_negative_delegated", Integer, Some(Unit::Items), "负面清单事项（下放）", "negative-list items delegated"),
        ("items_negative_abolished", Integer, Some(Unit::Items), "负面清单事项（取消）", "negative-list items abolished"),
        ("certificates_in_force", Integer, Some(Unit::Items), "仍需开具的证明", "certificates still required"),
    ]
};

/// Every fact a rule set may read: the core's facts plus those a rule set declares.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactCatalogue {
    facts: Vec<Fact>,
}

impl FactCatalogue {
    /// The facts the core computes: for every node of a tree (its rollup and its cases over
    /// a period) and for every member and unit (its year in the 双报到 ledger).
    pub fn core() -> Self {
        let facts = [ROLLUP_FACTS, LEDGER_FACTS, TEAM_LEDGER_FACTS, CASE_FACTS, LIST_FACTS]
            .into_iter()
            .flatten()
            .map(|&(name, kind, unit, zh, en)| Fact { name: name.to_owned(), kind, unit, zh: zh.to_owned(), en: en.to_owned() })
            .collect();
        FactCatalogue { facts }
    }

    /// The fact of this name.
    pub fn get(&self, name: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.name == name)
    }

    /// Every fact, the core's first, then the declared ones in the order given.
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    pub(crate) fn push(&mut self, fact: Fact) {
        self.facts.push(fact);
    }
}

/// The core's facts of one node, from its [`Rollup`], under the catalogue's names.
///
/// A coverage ratio with nothing to divide by (no grids, no members, no households) is left
/// out, so that a rule reading it reports a missing fact instead of scoring a made-up 0 or 1.
pub fn rollup_facts(r: &Rollup) -> Map<String, Value> {
    let coverage = r.coverage();
    let counts: [(&str, u64); 18] = [
        ("nodes", r.nodes.into()),
        ("members_total", r.members.total.into()),
        ("members_in_service", r.members.in_service.into()),
        ("members_retired", r.members.retired.into()),
        ("members_mobile_in", r.members.mobile_in.into()),
        ("members_mobile_out", r.members.mobile_out.into()),
        ("members_no_office", r.members.no_office.into()),
        ("members_in_grid", r.members_in_grid.into()),
        ("members_reported", r.members_reported.into()),
        ("grids", r.grids.into()),
        ("grids_with_branch", r.grids_with_branch.into()),
        ("grid_workers", r.grid_workers.into()),
        ("households", r.households),
        ("population", r.population),
        ("central_households", r.central_households.into()),
        ("linked_households", r.linked_households),
        ("reporting_units", r.reporting_units.into()),
        ("co_located_units", r.co_located_units.into()),
    ];
    let ratios: [(&str, Ratio); 3] = [
        ("coverage_grids_with_branch", coverage.grids_with_branch),
        ("coverage_members_in_grid", coverage.members_in_grid),
        ("coverage_households_linked", coverage.households_linked),
    ];
    let mut out: Map<String, Value> = counts.into_iter().map(|(k, v)| (k.to_owned(), Value::from(v))).collect();
    let (c, t, b, w) = (&r.compounds, &r.teams, &r.baobao, &r.workers_by_role);
    let more: [(&str, u64); 19] = [
        ("compounds", c.total.into()),
        ("compounds_without_property", c.without_property.into()),
        ("compounds_red_property", c.red_property.into()),
        ("compounds_joint_meeting", c.joint_meeting.into()),
        ("red_property_sites", c.red_property_sites.into()),
        ("teams", t.total.into()),
        ("team_people", t.people.into()),
        ("team_members", t.members.into()),
        ("communities", b.communities.into()),
        ("communities_baobao_complete", b.complete.into()),
        ("baobao_lead_units", b.lead.into()),
        ("baobao_responsible_units", b.responsible.into()),
        ("baobao_member_units", b.member.into()),
        ("task_force", b.task_force.into()),
        ("first_secretaries", b.first_secretaries.into()),
        ("communities_task_force_full", b.task_force_full.into()),
        ("grid_workers_reporting_member", w.reporting_member.into()),
        ("grid_workers_no_office_member", w.no_office_member.into()),
        ("grid_workers_full_time", w.full_time.into()),
    ];
    out.extend(more.into_iter().map(|(k, v)| (k.to_owned(), Value::from(v))));
    out.insert("grid_workers_building_head".into(), Value::from(w.building_head));
    out.insert("grid_workers_unit_head".into(), Value::from(w.unit_head));
    out.insert("grids_meeting_worker_model".into(), Value::from(r.grids_meeting_model));
    out.insert("stationed_funds".into(), Value::from(b.stationed_funds_yuan));
    for kind in crate::org::TeamKind::ALL {
        out.insert(format!("teams_{}", kind.key()), Value::from(t.by_kind.get(kind)));
    }
    for module in crate::org::ServiceModule::ALL {
        out.insert(format!("teams_module_{}", module.key()), Value::from(t.by_module.get(module)));
        out.insert(format!("team_people_module_{}", module.key()), Value::from(t.people_by_module.get(module)));
    }
    let more_ratios: [(&str, Ratio); 5] = [
        ("coverage_compounds_managed", coverage.compounds_managed),
        ("coverage_red_property", coverage.red_property),
        ("coverage_joint_meeting", coverage.joint_meeting),
        ("coverage_baobao_complete", coverage.baobao_complete),
        ("coverage_worker_model", coverage.worker_model),
    ];
    for (name, ratio) in ratios.into_iter().chain(more_ratios) {
        if let Some(value) = ratio.value {
            out.insert(name.to_owned(), Value::from(value));
        }
    }
    out
}

/// The services ledger's figures of the teams serving each node's subtree over a year: for
/// every node of `level` (e.g. `community`), its teams' activities (ledger records), hours and
/// services (the records' counts), as entities whose facts a caller passes to
/// [`tree_entities`] as `extra`. A node none of whose teams logged anything gets zeros, so a
/// rule reading them scores the node rather than reporting a missing fact.
#[cfg(feature = "services")]
pub fn team_ledger_facts(org: &crate::Organization, services: &crate::services::ServicesDocument, year: i32) -> TeamLedger {
    let tree = org.tree();
    let mut by_node = vec![(0u64, 0.0f64, 0u64); tree.len()];
    let team_node: std::collections::HashMap<&str, usize> =
        org.teams().iter().map(|t| (t.record().id.as_str(), t.grid().and_then(|g| org.grids()[g].branch()).unwrap_or(t.community()).index())).collect();
    for r in services.ledger() {
        if r.provider.kind != crate::services::ProviderKind::Team || chrono::Datelike::year(&r.date.naive()) != year {
            continue;
        }
        let Some(&n) = team_node.get(r.provider.id.as_str()) else { continue };
        let slot = &mut by_node[n];
        slot.0 += 1;
        slot.1 += r.hours;
        slot.2 += u64::from(r.count);
    }
    // Add each subtree into its parent, children first.
    let order = tree.subtree(tree.root());
    for &id in order.iter().rev() {
        if let Some(parent) = tree.node(id).parent() {
            let child = by_node[id.index()];
            let p = &mut by_node[parent.index()];
            p.0 += child.0;
            p.1 += child.1;
            p.2 += child.2;
        }
    }
    TeamLedger { nodes: tree.ids().map(|id| (tree.node(id).id().to_owned(), by_node[id.index()])).collect() }
}

/// The teams' ledger figures of every node (see [`team_ledger_facts`]).
#[cfg(feature = "services")]
#[derive(Debug, Clone, PartialEq)]
pub struct TeamLedger {
    nodes: Vec<(String, (u64, f64, u64))>,
}

#[cfg(feature = "services")]
impl TeamLedger {
    /// A node's activities, hours and services, by node id.
    pub fn get(&self, node: &str) -> Option<(u64, f64, u64)> {
        self.nodes.iter().find(|(id, _)| id == node).map(|(_, v)| *v)
    }

    /// The facts of the nodes of `level` in `org`, as entities for [`tree_entities`]'s `extra`.
    pub fn entities(&self, org: &crate::Organization, level: &str) -> Vec<super::Entity> {
        let tree = org.tree();
        tree.ids()
            .filter(|&id| tree.node(id).level() == level)
            .map(|id| {
                let (activities, hours, services) = self.nodes[id.index()].1;
                let mut facts = Map::new();
                facts.insert("team_activities".into(), Value::from(activities));
                facts.insert("team_hours".into(), Value::from((hours * 100.0).round() / 100.0));
                facts.insert("team_services".into(), Value::from(services));
                super::Entity { id: tree.node(id).id().to_owned(), name: Some(tree.node(id).name().to_owned()), facts }
            })
            .collect()
    }
}

/// The 双报到 ledger facts of one member's or unit's year (see [`crate::services::ledger_figures`]).
/// Without a target there is no `service_hours_target`, and without a claim taken no
/// `claim_completion_rate`: a rule reading them reports a missing fact rather than guessing.
#[cfg(feature = "services")]
pub fn ledger_facts(f: &crate::services::LedgerFigures) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("service_hours".into(), Value::from(f.hours));
    if let Some(target) = f.target_hours {
        out.insert("service_hours_target".into(), Value::from(target));
    }
    for (name, count) in [("service_records", f.records), ("claims_taken", f.claims_taken), ("claims_done", f.claims_done), ("projects_done", f.projects)] {
        out.insert(name.into(), Value::from(count));
    }
    if let Some(completion) = f.completion {
        out.insert("claim_completion_rate".into(), Value::from(completion));
    }
    out
}

/// The case facts of one node over a period (see [`crate::cases::metrics`]). Rates are
/// numerator ÷ denominator whenever there is something to count, whatever the minimum sample
/// the metrics were computed with: a rule set states its own minimum in `eligible` (over
/// `cases_total`), so the same facts serve rule sets with different minimums. A rate with
/// nothing to count is left out.
#[cfg(feature = "cases")]
pub fn case_facts(m: &crate::cases::CaseMetrics) -> Map<String, Value> {
    let rate = |r: &crate::cases::Rate| (r.denominator > 0).then(|| r.numerator as f64 / r.denominator as f64);
    let mut out = Map::new();
    out.insert("cases_total".into(), Value::from(m.cases));
    out.insert("sla_1310_clocks".into(), Value::from(m.clocks_1310.denominator));
    out.insert("sla_12345_clocks".into(), Value::from(m.clocks_12345.denominator));
    let rates = [
        ("response_rate", &m.response),
        ("resolution_rate", &m.resolution),
        ("satisfaction_rate", &m.satisfaction),
        ("on_time_rate", &m.on_time_closure),
        ("sla_1310_met_rate", &m.clocks_1310),
        ("sla_12345_met_rate", &m.clocks_12345),
    ];
    for (name, r) in rates {
        if let Some(value) = rate(r) {
            out.insert(name.into(), Value::from(value));
        }
    }
    out
}

/// The list facts of a lists version (see [`crate::lists::Lists::figures`]): how many items
/// of each kind are in force (delegated items included: they are still in force, lower
/// down), delegated and abolished, and how many certificates a resident may still be asked for.
#[cfg(feature = "lists")]
pub fn list_facts(f: &crate::lists::ListFigures) -> Map<String, Value> {
    let mut out = Map::new();
    for k in &f.kinds {
        let key = k.kind.key();
        out.insert(format!("items_{key}_in_force"), Value::from(k.in_force));
        out.insert(format!("items_{key}_delegated"), Value::from(k.delegated));
        out.insert(format!("items_{key}_abolished"), Value::from(k.abolished));
    }
    out.insert("certificates_in_force".into(), Value::from(f.certificates_in_force));
    out
}

/// Every entity of a tree that a rule set rates: each node of `level` (the rule set's entity,
/// e.g. `community`) with its name and its rollup facts, then the facts the caller supplies
/// for it (`extra`, matched by id; the caller's value wins). An `extra` entity that is not a
/// node of that level is kept as it is, after the nodes, so that nothing given is dropped.
pub fn tree_entities(org: &crate::Organization, level: &str, extra: &[super::Entity]) -> Vec<super::Entity> {
    let tree = org.tree();
    let mut out: Vec<super::Entity> = tree
        .ids()
        .filter(|&id| tree.node(id).level() == level)
        .map(|id| {
            let node = tree.node(id);
            let mut facts = rollup_facts(&org.rollup(id));
            if let Some(given) = extra.iter().find(|e| e.id == node.id()) {
                facts.extend(given.facts.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            super::Entity { id: node.id().to_owned(), name: Some(node.name().to_owned()), facts }
        })
        .collect();
    let placed: Vec<String> = out.iter().map(|e| e.id.clone()).collect();
    out.extend(extra.iter().filter(|e| !placed.contains(&e.id)).cloned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rollup_fact_is_in_the_catalogue_with_a_value_of_its_type() {
        let mut r = Rollup { grids: 4, grids_with_branch: 3, households: 200, linked_households: 50, ..Rollup::default() };
        r.members.total = 10;
        r.members_in_grid = 10;
        r.compounds = crate::org::CompoundCounts { total: 8, without_property: 2, red_property: 3, joint_meeting: 5, ..Default::default() };
        r.baobao.communities = 2;
        r.baobao.complete = 1;
        (r.grids_under_model, r.grids_meeting_model) = (4, 3);
        let facts = rollup_facts(&r);
        let catalogue = FactCatalogue::core();
        assert_eq!(facts.len(), ROLLUP_FACTS.len());
        for (name, value) in &facts {
            let fact = catalogue.get(name).unwrap_or_else(|| panic!("{name} is not catalogued"));
            assert!(fact.kind.accepts(value), "{name} = {value}");
        }
        assert_eq!(facts["coverage_grids_with_branch"], Value::from(0.75));
        // 红色物业 is a share of the compounds that have property management.
        assert_eq!((facts["coverage_compounds_managed"].as_f64(), facts["coverage_red_property"].as_f64()), (Some(0.75), Some(0.5)));
        assert_eq!((facts["coverage_baobao_complete"].as_f64(), facts["coverage_worker_model"].as_f64()), (Some(0.5), Some(0.75)));
    }

    #[cfg(feature = "lists")]
    #[test]
    fn list_facts_are_catalogued() {
        use crate::lists::{ItemKind, KindFigures, ListFigures};
        let kinds = ItemKind::ALL.iter().map(|&kind| KindFigures { kind, in_force: 3, delegated: 1, abolished: 2 }).collect();
        let facts = list_facts(&ListFigures { kinds, certificates_in_force: 3 });
        let catalogue = FactCatalogue::core();
        assert_eq!(facts.len(), LIST_FACTS.len());
        for (name, value) in &facts {
            assert!(catalogue.get(name).is_some_and(|fact| fact.kind.accepts(value)), "{name} = {value}");
        }
    }

    #[cfg(feature = "services")]
    #[test]
    fn ledger_facts_are_catalogued_and_leave_out_what_is_unknown() {
        let f = crate::services::LedgerFigures { year: 2026, hours: 30.5, target_hours: None, target_met: None, records: 4, services: 9, claims_taken: 0, claims_done: 0, completion: None, projects: 1 };
        let facts = ledger_facts(&f);
        let catalogue = FactCatalogue::core();
        for (name, value) in &facts {
            assert!(catalogue.get(name).is_some_and(|fact| fact.kind.accepts(value)), "{name} = {value}");
        }
        assert!(!facts.contains_key("service_hours_target") && !facts.contains_key("claim_completion_rate"));
        assert_eq!(facts["service_hours"], Value::from(30.5));
    }

    #[test]
    fn a_ratio_with_nothing_to_divide_by_is_left_out() {
        let facts = rollup_facts(&Rollup::default());
        assert!(!facts.contains_key("coverage_members_in_grid"));
        assert_eq!(facts["grids"], Value::from(0));
    }
}

// The wasm build reads these records by a table of their fields (`crate::jsonpath::table`),
// not by serde's derived visitors; each table lists every field as the derive reads it (a
// unit test holds the two readings to the same records, paths and messages). A placeholder
// in parentheses is what a required field holds until it is read.
crate::lean_enum!(FactType { Integer = "integer", Number = "number", Ratio = "ratio", Boolean = "boolean", Text = "text" });
crate::lean_enum!(Unit { People = "people", Households = "households", Grids = "grids", Units = "units", Hours = "hours", Yuan = "yuan", Items = "items", Times = "times", Days = "days", SquareMetres = "square_metres", Compounds = "compounds", Teams = "teams" });

crate::lean_record!(Fact, deny = true, {
    name: Required,
    kind = "type": Required(FactType::Integer),
    unit: Default,
    zh: Required,
    en: Required,
});
