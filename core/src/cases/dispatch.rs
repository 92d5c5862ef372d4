//! Whistle dispatch (吹哨报到): who may whistle for what, who must report (arrive) and by
//! when, and the escalation ladder climbed when a level misses its deadline.

use serde::{Deserialize, Serialize};

use super::model::{Case, EventKind, Source};
use super::time::{Limit, Timestamp};

/// Who must report when a route's whistle blows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Responder {
    /// A key for the role or unit, e.g. `police`, `patrol`.
    pub role: String,
    /// Chinese name, e.g. 党员（民警）.
    pub zh: String,
    /// English name.
    pub en: String,
}

/// One line of the routing table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Unique in the table.
    pub id: String,
    /// Chinese name, e.g. 群众吹哨、党员（民警）报到.
    pub zh: String,
    /// English name.
    pub en: String,
    /// Who may blow this whistle.
    pub whistle: Vec<Source>,
    /// For which categories; empty for every category.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Who must report.
    pub reports: Responder,
    /// The arrival deadline, from the case's opening.
    pub within: Limit,
    /// The event that counts as reporting (`on_site` unless given).
    #[serde(default = "on_site")]
    pub event: EventKind,
    /// The rung of the ladder that takes over when the responder misses the deadline; the
    /// ladder's first rung when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalate_from: Option<String>,
}

fn on_site() -> EventKind {
    EventKind::OnSite
}

/// One rung of the escalation ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rung {
    /// Unique on the ladder, e.g. `grid_worker`.
    pub level: String,
    /// Chinese name, e.g. 网格员.
    pub zh: String,
    /// English name.
    pub en: String,
    /// How long this rung has, from the moment the case reaches it.
    pub within: Limit,
}

/// A routing table: the routes, first match wins, and the escalation ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RoutingTable {
    /// The table's id.
    pub id: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// The routes, tried in order.
    pub routes: Vec<Route>,
    /// The ladder, lowest rung first.
    #[serde(default)]
    pub ladder: Vec<Rung>,
}

/// The names of the routing presets.
pub const ROUTING_PRESETS: [&str; 1] = ["changning"];

/// Where a case stands on its escalation chain at a given `now`: the route's responder
/// first, then the ladder's rungs from the route's `escalate_from` up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Escalation {
    /// The route that took the whistle.
    pub route: String,
    /// 0 for the route's responder, 1 for the first rung climbed, and so on.
    pub level: usize,
    /// The role (level 0) or rung key of the current level.
    pub role: String,
    /// Its Chinese name.
    pub zh: String,
    /// Its English name.
    pub en: String,
    /// When the case reached this level.
    pub since: Timestamp,
    /// This level's deadline.
    pub due: Timestamp,
    /// When someone reported (the route's event), if they have by `now`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrived: Option<Timestamp>,
    /// How far past the route's own deadline (level 0's) the report came, or `now` is while
    /// nobody has reported; absent when not late.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue_seconds: Option<i64>,
    /// Whether the top of the ladder has missed its deadline too.
    pub exhausted: bool,
}

impl RoutingTable {
    /// The table a preset name stands for.
    ///
    /// `changning` is 昌宁's 五哨五到 (seed 002): residents whistle → Party members (police
    /// officers) report; the community committee whistles → grid departments report; the
    /// township whistles → units in its area report; police incidents → the police report;
    /// camera alerts (天眼) → patrols report (平安见到). The seed gives the five pairs and
    /// nothing about time, so **every deadline here is our default**: 30 minutes for every
    /// route, after 平谷's 30-minute arrival rule (DOMAIN.md), and a ladder of grid worker
    /// 30 min → district branch 30 min → community 1 h → street 2 h → department 1 day. Where
    /// a route escalates to is our default too: residents' and cameras' whistles go to the
    /// grid worker, the community's and the police's to the street, the township's to the
    /// departments.
    ///
    /// ```
    /// use grassroots::cases::RoutingTable;
    /// let table = RoutingTable::preset("changning").ok_or("no preset")?;
    /// assert_eq!(table.routes.len(), 5);
    /// assert_eq!(table.ladder.iter().map(|r| r.level.as_str()).collect::<Vec<_>>(),
    ///     ["grid_worker", "district_branch", "community", "street", "department"]);
    /// # Ok::<(), &str>(())
    /// ```
    pub fn preset(name: &str) -> Option<RoutingTable> {
        if name != "changning" {
            return None;
        }
        let who = |role: &str, zh: &str, en: &str| Responder { role: role.into(), zh: zh.into(), en: en.into() };
        let route = |id: &str, zh: &str, en: &str, whistle: Source, reports: Responder, from: &str| {
            Some(Route {
                id: id.into(),
                zh: zh.into(),
                en: en.into(),
                whistle: vec![whistle],
                categories: Vec::new(),
                reports,
                within: Limit::minutes(30)?,
                event: EventKind::OnSite,
                escalate_from: Some(from.into()),
            })
        };
        let rung = |level: &str, zh: &str, en: &str, within: &str| {
            Some(Rung { level: level.into(), zh: zh.into(), en: en.into(), within: Limit::parse(within)? })
        };
        Some(RoutingTable {
            id: "changning".into(),
            zh: "昌宁“五哨五到”".into(),
            en: "Changning's five whistles, five arrivals".into(),
            routes: vec![
                route("resident", "群众吹哨、党员（民警）报到", "residents whistle, Party members (police) report", Source::Resident,
                    who("member_or_police", "党员（民警）", "Party members (police officers)"), "grid_worker")?,
                route("community", "社区党组织吹哨、网格部门报到", "the community committee whistles, grid departments report",
                    Source::CommunityCommittee, who("grid_departments", "网格部门", "grid departments"), "street")?,
                route("township", "镇党委吹哨、辖区单位报到", "the township whistles, units in its area report", Source::Township,
                    who("units", "辖区单位", "units in the area"), "department")?,
                route("police", "警情吹哨、公安报到", "police incidents whistle, the police report", Source::PoliceAlert,
                    who("police", "公安", "the police"), "street")?,
                route("camera", "天眼吹哨、平安见到", "camera alerts whistle, patrols report", Source::CameraAlert,
                    who("patrol", "平安巡防", "the safety patrol"), "grid_worker")?,
            ],
            ladder: vec![
                rung("grid_worker", "网格员", "grid worker", "30m")?,
                rung("district_branch", "片区党支部", "district branch", "30m")?,
                rung("community", "社区", "community", "1h")?,
                rung("street", "街道", "street", "2h")?,
                rung("department", "职能部门", "department", "1d")?,
            ],
        })
    }

    /// The first route that takes a whistle from the case's source for its category.
    pub fn route(&self, case: &Case) -> Option<&Route> {
        self.routes
            .iter()
            .find(|r| r.whistle.contains(&case.source) && (r.categories.is_empty() || r.categories.contains(&case.category)))
    }

    /// Where the case stands on its escalation chain at `now`: its route's responder has the
    /// route's deadline from the opening; each level that misses its deadline hands the case
    /// to the next, which has its own limit from that moment. The level that reported (the
    /// route's event, at or before `now`) stays the current level. `None` when no route takes
    /// the case or `now` is before it opened.
    pub fn escalation_at(&self, case: &Case, now: Timestamp) -> Option<Escalation> {
        let route = self.route(case)?;
        if now < case.opened {
            return None;
        }
        let first = self.ladder.iter().position(|r| Some(&r.level) == route.escalate_from.as_ref()).unwrap_or(0);
        let responder = (&route.reports.role, &route.reports.zh, &route.reports.en, route.within);
        let chain: Vec<_> = std::iter::once(responder)
            .chain(self.ladder.iter().skip(first).map(|r| (&r.level, &r.zh, &r.en, r.within)))
            .collect();
        let arrived = case.event(route.event).filter(|at| *at <= now);
        let mut since = case.opened;
        let mut route_due = None;
        let last = chain.len() - 1;
        for (level, (role, zh, en, within)) in chain.into_iter().enumerate() {
            // Limits are at most ten years and RFC 3339 years end at 9999: the sum exists.
            let due = since.plus(within).unwrap_or(since);
            let route_due = *route_due.get_or_insert(due);
            let settled = arrived.is_some_and(|at| at <= due);
            if settled || now <= due || level == last {
                let end = arrived.unwrap_or(now);
                return Some(Escalation {
                    route: route.id.clone(),
                    level,
                    role: role.clone(),
                    zh: zh.clone(),
                    en: en.clone(),
                    since,
                    due,
                    arrived,
                    overdue_seconds: Some(end.since(route_due).num_seconds()).filter(|s| *s > 0),
                    exhausted: !settled && end > due,
                });
            }
            since = due;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::model::Urgency;

    fn case(source: Source, on_site: Option<&str>) -> Case {
        Case {
            id: "c".into(),
            title: "t".into(),
            category: "noise".into(),
            node: "g1".into(),
            source,
            urgency: Urgency::Normal,
            opened: at("2026-07-01T08:00:00+08:00"),
            tags: vec![],
            profiles: None,
            steps: vec![],
            events: on_site
                .map(|t| crate::cases::EventRecord { event: EventKind::OnSite, at: at(t), by: None })
                .into_iter()
                .collect(),
            resolved: false,
            due: None,
        }
    }

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap_or_else(|| panic!("{text}"))
    }

    #[test]
    fn a_missed_deadline_climbs_the_ladder() {
        let table = RoutingTable::preset("changning").unwrap_or_else(|| panic!("preset"));
        let c = case(Source::Resident, None);
        let level = |now: &str| table.escalation_at(&c, at(now)).map(|e| (e.level, e.role, e.overdue_seconds, e.exhausted));
        assert_eq!(level("2026-07-01T07:59:00+08:00"), None);
        assert_eq!(level("2026-07-01T08:30:00+08:00"), Some((0, "member_or_police".into(), None, false)));
        assert_eq!(level("2026-07-01T08:31:00+08:00"), Some((1, "grid_worker".into(), Some(60), false)));
        assert_eq!(level("2026-07-01T09:01:00+08:00"), Some((2, "district_branch".into(), Some(1860), false)));
        // 30 + 30 + 30 + 60 + 120 + 1440 minutes to the top's deadline; one minute more is past it.
        assert_eq!(level("2026-07-02T12:31:00+08:00").map(|l| (l.0, l.3)), Some((5, true)));
        // The police route starts its ladder at the street.
        let police = case(Source::PoliceAlert, None);
        let e = table.escalation_at(&police, at("2026-07-01T08:31:00+08:00"));
        assert_eq!(e.map(|e| e.role), Some("street".into()));
        // Nobody is bound for hotline cases in 五哨五到.
        assert_eq!(table.escalation_at(&case(Source::Hotline12345, None), at("2026-07-01T09:00:00+08:00")), None);
    }

    #[test]
    fn the_level_that_reports_stays_current() {
        let table = RoutingTable::preset("changning").unwrap_or_else(|| panic!("preset"));
        let on_time = case(Source::Resident, Some("2026-07-01T08:30:00+08:00"));
        let e = table.escalation_at(&on_time, at("2026-07-03T00:00:00+08:00"));
        assert_eq!(e.map(|e| (e.level, e.overdue_seconds, e.exhausted)), Some((0, None, false)));
        let late = case(Source::Resident, Some("2026-07-01T08:45:00+08:00"));
        let e = table.escalation_at(&late, at("2026-07-03T00:00:00+08:00"));
        assert_eq!(e.map(|e| (e.level, e.overdue_seconds)), Some((1, Some(900))));
        // Replayed before the arrival, the case is still waiting at the grid worker.
        let e = table.escalation_at(&late, at("2026-07-01T08:40:00+08:00"));
        assert_eq!(e.map(|e| (e.level, e.arrived)), Some((1, None)));
    }
}

// The wasm build reads these records by a table of their fields (`crate::jsonpath::table`),
// not by serde's derived visitors; each table lists every field as the derive reads it (a
// unit test holds the two readings to the same records, paths and messages). A placeholder
// in parentheses is what a required field holds until it is read.
crate::by_serde!(Limit);

crate::lean_record!(Responder, deny = true, {
    role: Required,
    zh: Required,
    en: Required,
});

crate::lean_record!(RoutingTable, deny = true, {
    id: Required,
    zh: Required,
    en: Required,
    routes: Required,
    ladder: Default,
});

crate::lean_record!(Route, deny = true, {
    id: Required,
    zh: Required,
    en: Required,
    whistle: Required,
    categories: Default,
    reports: Required(Responder { role: String::new(), zh: String::new(), en: String::new() }),
    within: Required(Limit::placeholder()),
    event: Default(on_site()),
    escalate_from: Default,
});

crate::lean_record!(Rung, deny = true, {
    level: Required,
    zh: Required,
    en: Required,
    within: Required(Limit::placeholder()),
});
