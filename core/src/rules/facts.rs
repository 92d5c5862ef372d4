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
    use FactType::{Integer, Ratio};
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
        let facts = [ROLLUP_FACTS, LEDGER_FACTS, CASE_FACTS, LIST_FACTS]
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
    for (name, ratio) in ratios {
        if let Some(value) = ratio.value {
            out.insert(name.to_owned(), Value::from(value));
        }
    }
    out
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
            let mut facts = rollup_facts(org.rollup(id));
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
        let facts = rollup_facts(&r);
        let catalogue = FactCatalogue::core();
        assert_eq!(facts.len(), ROLLUP_FACTS.len());
        for (name, value) in &facts {
            let fact = catalogue.get(name).unwrap_or_else(|| panic!("{name} is not catalogued"));
            assert!(fact.kind.accepts(value), "{name} = {value}");
        }
        assert_eq!(facts["coverage_grids_with_branch"], Value::from(0.75));
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
