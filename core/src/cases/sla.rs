//! SLA profiles as data, and the clocks they start on every case they apply to.

use serde::{Deserialize, Serialize};

use super::dispatch::Escalation;
use super::model::{Case, EventKind, Source, Urgency};
use super::time::{Limit, Timestamp};
use super::CasesDoc;

/// Which cases a profile applies to. Every condition given must hold; an empty list holds
/// for every case.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Applies {
    /// The case's source is one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// The case's urgency is one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub urgency: Vec<Urgency>,
    /// The case's category is one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// The case carries every one of these tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl Applies {
    /// Whether the conditions hold for `case`.
    pub fn matches(&self, case: &Case) -> bool {
        (self.sources.is_empty() || self.sources.contains(&case.source))
            && (self.urgency.is_empty() || self.urgency.contains(&case.urgency))
            && (self.categories.is_empty() || self.categories.contains(&case.category))
            && self.tags.iter().all(|t| case.tags.contains(t))
    }
}

/// One clock: the event must happen within `within` of the case's opening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClockSpec {
    /// Unique in the profile.
    pub id: String,
    /// Chinese name, e.g. 3分钟内联系到人.
    pub zh: String,
    /// English name.
    pub en: String,
    /// The event that stops the clock.
    pub event: EventKind,
    /// The limit, from the case's opening.
    pub within: Limit,
}

/// A service standard: the cases it applies to and its clocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SlaProfile {
    /// Unique in the document, e.g. `1310`, `12345-utilities`.
    pub id: String,
    /// The standard it belongs to (`1310`, `12345`), for the metrics; the id when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    /// The cases it applies to (unless a case names its profiles itself).
    #[serde(default)]
    pub applies: Applies,
    /// The clocks.
    pub clocks: Vec<ClockSpec>,
}

/// The names of the profile presets; `12345` stands for the three 12345 profiles.
pub const PROFILE_PRESETS: [&str; 5] = ["1310", "12345", "12345-emergency", "12345-utilities", "12345-hard"];

impl SlaProfile {
    /// The standard it belongs to.
    pub fn family(&self) -> &str {
        self.family.as_deref().unwrap_or(&self.id)
    }

    /// The profiles a preset name stands for (see [`PROFILE_PRESETS`]).
    ///
    /// - `1310` (来凤): in an emergency reported by a resident, the resident knows whom to
    ///   call within 1 minute, reaches them within 3 minutes, and someone is on site within
    ///   10 minutes — all counted from the case's opening, as the seed counts its 7 minutes
    ///   "from contact to on site" within the 10.
    /// - `12345-emergency`: hotline emergencies dispatched within 1 hour (Beijing's standard).
    /// - `12345-utilities`: hotline cases about water, power, gas or heating dispatched within
    ///   2 hours.
    /// - `12345-hard`: hotline cases tagged `hard` answered within 15 days, counted as 15
    ///   calendar days of 24 hours (we have no holiday calendar to count working days).
    ///
    /// ```
    /// use grassroots::cases::SlaProfile;
    /// let p = SlaProfile::preset("1310").unwrap_or_default();
    /// assert_eq!(p[0].clocks.iter().map(|c| c.within.to_string()).collect::<Vec<_>>(), ["1m", "3m", "10m"]);
    /// assert_eq!(SlaProfile::preset("12345").map(|p| p.len()), Some(3));
    /// assert!(SlaProfile::preset("9999").is_none());
    /// ```
    pub fn preset(name: &str) -> Option<Vec<SlaProfile>> {
        // The preset limits are constants that parse; `None` would show a bug in them.
        let clock = |id: &str, zh: &str, en: &str, event, within: &str| {
            Some(ClockSpec { id: id.into(), zh: zh.into(), en: en.into(), event, within: Limit::parse(within)? })
        };
        let hotline = |id: &str, zh: &str, en: &str, applies: Applies, clocks: Vec<ClockSpec>| SlaProfile {
            id: id.into(),
            family: Some("12345".into()),
            zh: zh.into(),
            en: en.into(),
            applies: Applies { sources: vec![Source::Hotline12345], ..applies },
            clocks,
        };
        let emergency = || {
            Some(hotline(
                "12345-emergency",
                "12345紧急诉求1小时内派单",
                "12345 emergencies dispatched within 1 hour",
                Applies { urgency: vec![Urgency::Emergency], ..Applies::default() },
                vec![clock("dispatched", "1小时内派单", "dispatched within 1 hour", EventKind::Dispatched, "1h")?],
            ))
        };
        let utilities = || {
            Some(hotline(
                "12345-utilities",
                "12345水电气热诉求2小时内派单",
                "12345 water, power, gas and heating cases dispatched within 2 hours",
                Applies { categories: ["water", "power", "gas", "heating"].map(String::from).to_vec(), ..Applies::default() },
                vec![clock("dispatched", "2小时内派单", "dispatched within 2 hours", EventKind::Dispatched, "2h")?],
            ))
        };
        let hard = || {
            Some(hotline(
                "12345-hard",
                "12345疑难诉求15天内答复",
                "12345 hard cases answered within 15 days",
                Applies { tags: vec!["hard".into()], ..Applies::default() },
                vec![clock("answered", "15天内答复", "answered within 15 days", EventKind::Answered, "15d")?],
            ))
        };
        match name {
            "1310" => Some(vec![SlaProfile {
                id: "1310".into(),
                family: None,
                zh: "1310便捷服务（来凤）".into(),
                en: "the 1310 rule (Laifeng)".into(),
                applies: Applies { sources: vec![Source::Resident], urgency: vec![Urgency::Emergency], ..Applies::default() },
                clocks: vec![
                    clock("contact_known", "1分钟内知晓联系对象", "knows whom to call within 1 minute", EventKind::ContactKnown, "1m")?,
                    clock("contact_reached", "3分钟内联系到人", "reaches them within 3 minutes", EventKind::ContactReached, "3m")?,
                    clock("on_site", "10分钟内有人到场", "someone on site within 10 minutes", EventKind::OnSite, "10m")?,
                ],
            }]),
            "12345" => Some(vec![emergency()?, utilities()?, hard()?]),
            "12345-emergency" => Some(vec![emergency()?]),
            "12345-utilities" => Some(vec![utilities()?]),
            "12345-hard" => Some(vec![hard()?]),
            _ => None,
        }
    }
}

/// Why a clock is not running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotApplicable {
    /// `now` is before the case opened: there is nothing to time yet.
    NotStarted,
}

/// Where a clock stands at a given `now`. Events after `now` are treated as not happened
/// yet, so a document can be replayed at any moment of its past.
///
/// An event **exactly at the deadline counts as met** (with a margin of 0): the standards say
/// "within 10 minutes", and the tenth minute is within. Likewise a clock without its event
/// is still running, with 0 left, when `now` is exactly the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ClockStatus {
    /// The event happened in time.
    Met {
        /// When it happened.
        at: Timestamp,
        /// How long before the deadline, in seconds (0 when exactly at it).
        margin_seconds: i64,
    },
    /// The event happened late, or has not happened and the deadline has passed.
    Breached {
        /// When it happened late; absent while it still has not happened.
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<Timestamp>,
        /// How far past the deadline, in seconds (to the event, or to `now`).
        by_seconds: i64,
    },
    /// The event has not happened and the deadline is still ahead.
    Running {
        /// Time left to the deadline, in seconds.
        left_seconds: i64,
    },
    /// The clock does not run (yet).
    NotApplicable {
        /// Why.
        reason: NotApplicable,
    },
}

/// One clock of one case at a given `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clock {
    /// The profile's id.
    pub profile: String,
    /// The profile's family (`1310`, `12345`).
    pub family: String,
    /// The clock's id in the profile.
    pub clock: String,
    /// Its Chinese name.
    pub zh: String,
    /// Its English name.
    pub en: String,
    /// The event it waits for.
    pub event: EventKind,
    /// The limit.
    pub within: Limit,
    /// When it started (the case's opening).
    pub start: Timestamp,
    /// When it runs out.
    pub deadline: Timestamp,
    /// Where it stands.
    #[serde(flatten)]
    pub status: ClockStatus,
}

/// Every clock of one case, and where its whistle dispatch stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseClocks {
    /// The case's id.
    pub case: String,
    /// Its title.
    pub title: String,
    /// When it opened.
    pub opened: Timestamp,
    /// The clocks of every profile that applies, in profile order then clock order.
    pub clocks: Vec<Clock>,
    /// The escalation ladder at `now`; absent when no route takes the case or before it opened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<Escalation>,
}

/// Where one clock stands at `now`.
pub fn clock_status(case: &Case, event: EventKind, deadline: Timestamp, now: Timestamp) -> ClockStatus {
    if now < case.opened {
        return ClockStatus::NotApplicable { reason: NotApplicable::NotStarted };
    }
    match case.event(event).filter(|at| *at <= now) {
        Some(at) if at <= deadline => ClockStatus::Met { at, margin_seconds: deadline.since(at).num_seconds() },
        Some(at) => ClockStatus::Breached { at: Some(at), by_seconds: at.since(deadline).num_seconds() },
        None if now <= deadline => ClockStatus::Running { left_seconds: deadline.since(now).num_seconds() },
        None => ClockStatus::Breached { at: None, by_seconds: now.since(deadline).num_seconds() },
    }
}

/// The clocks of one case at `now`.
pub fn case_clocks(doc: &CasesDoc, case: &Case, now: Timestamp) -> CaseClocks {
    let mut clocks = Vec::new();
    for profile in doc.profiles_of(case) {
        for spec in &profile.clocks {
            // Limits are at most ten years and RFC 3339 years end at 9999, far inside
            // chrono's range, so the sum exists; the fallback only keeps this total.
            let deadline = case.opened.plus(spec.within).unwrap_or(case.opened);
            clocks.push(Clock {
                profile: profile.id.clone(),
                family: profile.family().to_owned(),
                clock: spec.id.clone(),
                zh: spec.zh.clone(),
                en: spec.en.clone(),
                event: spec.event,
                within: spec.within,
                start: case.opened,
                deadline,
                status: clock_status(case, spec.event, deadline, now),
            });
        }
    }
    CaseClocks {
        case: case.id.clone(),
        title: case.title.clone(),
        opened: case.opened,
        clocks,
        escalation: doc.routing().escalation_at(case, now),
    }
}

/// Every clock of every case at `now`, cases by opening time then id.
pub fn clocks(doc: &CasesDoc, now: Timestamp) -> Vec<CaseClocks> {
    let mut cases: Vec<&Case> = doc.cases().iter().collect();
    cases.sort_by(|a, b| (a.opened, &a.id).cmp(&(b.opened, &b.id)));
    cases.into_iter().map(|case| case_clocks(doc, case, now)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::model::EventRecord;

    /// `m` minutes after 23:55, five minutes before midnight.
    fn minute(m: i64) -> Timestamp {
        let base = Timestamp::parse("2026-07-01T23:55:00+08:00").unwrap_or_else(|| panic!("base"));
        let text = (base.datetime() + chrono::TimeDelta::minutes(m)).to_rfc3339();
        Timestamp::parse(&text).unwrap_or_else(|| panic!("{text}"))
    }

    /// Every event time (or none) and every `now` on a minute grid around a 10-minute clock
    /// that crosses midnight: the status agrees with the definition, and its numbers add up.
    #[test]
    fn clock_status_follows_its_definition() {
        let deadline = minute(10);
        for event in std::iter::once(None).chain((0..=20).map(Some)) {
            let case = Case {
                id: "c".into(),
                title: "t".into(),
                category: "flooding".into(),
                node: "g1".into(),
                source: Source::Resident,
                urgency: Urgency::Emergency,
                opened: minute(0),
                tags: vec![],
                profiles: None,
                steps: vec![],
                events: event.map(|m| EventRecord { event: EventKind::OnSite, at: minute(m), by: None }).into_iter().collect(),
                resolved: false,
                due: None,
            };
            for now in -2..=25 {
                let status = clock_status(&case, EventKind::OnSite, deadline, minute(now));
                let seen = event.filter(|m| *m <= now);
                let expected = match (now < 0, seen) {
                    (true, _) => ClockStatus::NotApplicable { reason: NotApplicable::NotStarted },
                    (false, Some(m)) if m <= 10 => ClockStatus::Met { at: minute(m), margin_seconds: (10 - m) * 60 },
                    (false, Some(m)) => ClockStatus::Breached { at: Some(minute(m)), by_seconds: (m - 10) * 60 },
                    (false, None) if now <= 10 => ClockStatus::Running { left_seconds: (10 - now) * 60 },
                    (false, None) => ClockStatus::Breached { at: None, by_seconds: (now - 10) * 60 },
                };
                assert_eq!(status, expected, "event {event:?}, now {now}");
            }
        }
    }
}

// The wasm build reads these records by a table of their fields (`crate::jsonpath::table`),
// not by serde's derived visitors; each table lists every field as the derive reads it (a
// unit test holds the two readings to the same records, paths and messages). A placeholder
// in parentheses is what a required field holds until it is read.

crate::lean_record!(SlaProfile, deny = true, {
    id: Required,
    family: Default,
    zh: Required,
    en: Required,
    applies: Default,
    clocks: Required,
});

crate::lean_record!(ClockSpec, deny = true, {
    id: Required,
    zh: Required,
    en: Required,
    event: Required(EventKind::ContactKnown),
    within: Required(Limit::placeholder()),
});

crate::lean_record!(Applies, deny = true, {
    sources: Default,
    urgency: Default,
    categories: Default,
    tags: Default,
});
