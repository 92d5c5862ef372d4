//! The records of a services document as JSON has them: demands, offers, claims (as their
//! history), ledger records and targets. Times are RFC 3339 and held in Asia/Shanghai time.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::org::{Date, Phone};

pub use crate::time::{Month, Timestamp};

/// How urgent a demand is; the matcher serves the most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// 紧急: someone is at risk now.
    Urgent,
    /// 较急.
    High,
    /// 一般.
    Normal,
    /// 不急.
    Low,
}

impl Urgency {
    /// The name in zh-CN.
    pub fn zh(self) -> &'static str {
        match self {
            Urgency::Urgent => "紧急",
            Urgency::High => "较急",
            Urgency::Normal => "一般",
            Urgency::Low => "不急",
        }
    }

    /// The name in English.
    pub fn en(self) -> &'static str {
        match self {
            Urgency::Urgent => "urgent",
            Urgency::High => "high",
            Urgency::Normal => "normal",
            Urgency::Low => "low",
        }
    }
}

/// Who provides a service: a Party member or a unit (双报到 both report to the community), or
/// a team (先锋队, 暖心服务小分队 …) of the organization document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// A Party member (在职党员 reporting where they live).
    Member,
    /// A unit (报到单位 / 驻区单位).
    Unit,
    /// A team (队): its activities and hours are the team's, not its members' one by one.
    Team,
}

impl ProviderKind {
    /// The JSON name: `member`, `unit`, `team`.
    pub fn key(self) -> &'static str {
        match self {
            ProviderKind::Member => "member",
            ProviderKind::Unit => "unit",
            ProviderKind::Team => "team",
        }
    }

    /// The name in Chinese: 党员, 单位, 队伍.
    pub fn zh(self) -> &'static str {
        match self {
            ProviderKind::Member => "党员",
            ProviderKind::Unit => "单位",
            ProviderKind::Team => "队伍",
        }
    }
}

/// A member, unit or team by id: `{"kind": "member", "id": "m1"}`. Sorts members first, then
/// units, then teams; by id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderRef {
    /// Member or unit.
    pub kind: ProviderKind,
    /// The member's or unit's id in the organization document.
    pub id: String,
}

impl ProviderRef {
    /// The member's, unit's or team's name in `names`, or its id.
    pub fn name<'a>(&'a self, names: &'a crate::org::Names) -> &'a str {
        match self.kind {
            ProviderKind::Member => names.member(&self.id),
            ProviderKind::Unit => names.unit(&self.id),
            ProviderKind::Team => names.team(&self.id),
        }
    }
}

impl fmt::Display for ProviderRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind.key(), self.id)
    }
}

/// Who raised a demand: a resident's name, or a phone number (masked in every output), or both.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Raiser {
    /// The resident's name, e.g. 王秀英.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A contact number; masked in every output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
}

/// A resident's demand (需求, 居民点单), collected by the grid or at the monthly meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demand {
    /// Unique among demands.
    pub id: String,
    /// The service category, e.g. 助老, 维修, 医疗; matched exactly against offers'.
    pub category: String,
    /// The grid where it was raised.
    pub grid: String,
    /// How urgent.
    pub urgency: Urgency,
    /// Who raised it.
    pub raised_by: Raiser,
    /// When it was raised.
    pub raised_at: Timestamp,
    /// What is needed.
    pub description: String,
}

/// The grids and communities an offer serves; a demand is covered when its grid is listed,
/// or (given the organization) when its grid's community is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Grid ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grids: Vec<String>,
    /// Community node ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub communities: Vec<String>,
}

/// The days an offer is in force, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidPeriod {
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
}

impl ValidPeriod {
    /// Whether a day is inside.
    pub fn contains(self, day: Date) -> bool {
        self.from <= day && day <= self.to
    }
}

/// A service offer (服务清单 item) of a member or unit: what they do, how often, where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// Unique among offers.
    pub id: String,
    /// Who provides it.
    pub provider: ProviderRef,
    /// The categories it serves.
    pub categories: Vec<String>,
    /// How many demands it takes in one calendar month (Shanghai time).
    pub capacity_per_month: u32,
    /// Where it serves.
    pub area: Area,
    /// When it is in force; without one, always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid: Option<ValidPeriod>,
}

/// One step of a claim's history as JSON has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionRecord {
    /// The state the claim goes to: ordered, dispatched, accepted, done, reviewed, rejected,
    /// withdrawn.
    pub step: super::state::ClaimState,
    /// When.
    pub at: Timestamp,
    /// Who acted (a name or an id).
    pub by: String,
    /// For `reviewed` only: the resident's rating, 1–5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<i64>,
}

/// A claim (认领) as JSON has it: its history is replayed on load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRecord {
    /// Unique among claims.
    pub id: String,
    /// The demand it serves.
    pub demand: String,
    /// The offer it was matched to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<String>,
    /// Who took it (派单 to a member or unit); none while only ordered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<ProviderRef>,
    /// The steps, oldest first; the first is `ordered`.
    pub history: Vec<TransitionRecord>,
}

/// What a ledger record logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// 志愿服务: a service to residents (often a claim's).
    Service,
    /// 共建活动: a joint activity with the community.
    Activity,
    /// 惠民实事: a project for residents' benefit (units pick at least one a year).
    Project,
}

/// A 双报到 service record: who served, when, how long.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceRecord {
    /// Unique among ledger records.
    pub id: String,
    /// The member or unit that served.
    pub provider: ProviderRef,
    /// The day.
    pub date: Date,
    /// Hours served that day, 0–24.
    pub hours: f64,
    /// How many services (or people served) the record stands for; 1 when not given.
    #[serde(default = "one")]
    pub count: u32,
    /// The claim it fulfils, when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
    /// Service, activity or 惠民实事 project.
    pub kind: RecordKind,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn one() -> u32 {
    1
}

/// One provider's own yearly target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderTarget {
    /// The member or unit.
    pub provider: ProviderRef,
    /// Hours a year.
    pub hours: f64,
}

/// Yearly service-hour targets (`"targets"` in the document). The core has no number of its
/// own: a target is local policy, set by the organisation department that runs 双报到 (the
/// source reports give none for 田园镇; "≥ 50 service hours a year" is a target seen
/// elsewhere). So the caller states them here: a default per kind (the 田园镇 fixture uses
/// 24 h for a member and 50 h for a unit) and any provider's own, which wins.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// Default hours a year for each member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_hours: Option<f64>,
    /// Default hours a year for each unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_hours: Option<f64>,
    /// Default hours a year for each team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_hours: Option<f64>,
    /// Per-provider targets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<ProviderTarget>,
}

impl Targets {
    /// The target hours for a provider: its own, else its kind's default.
    pub fn hours_for(&self, provider: &ProviderRef) -> Option<f64> {
        self.providers.iter().find(|t| t.provider == *provider).map(|t| t.hours).or(match provider.kind {
            ProviderKind::Member => self.member_hours,
            ProviderKind::Unit => self.unit_hours,
            ProviderKind::Team => self.team_hours,
        })
    }
}

// The wasm build reads these records by a table of their fields (`crate::jsonpath::table`),
// not by serde's derived visitors; each table lists every field as the derive reads it (a
// unit test holds the two readings to the same records, paths and messages). A placeholder
// in parentheses is what a required field holds until it is read.
crate::lean_enum!(ProviderKind { Member = "member", Unit = "unit", Team = "team" });
crate::lean_enum!(Urgency { Urgent = "urgent", High = "high", Normal = "normal", Low = "low" });
crate::lean_enum!(RecordKind { Service = "service", Activity = "activity", Project = "project" });

crate::lean_record!(ProviderRef, deny = true, {
    kind: Required(ProviderKind::Member),
    id: Required,
});

crate::lean_record!(Raiser, deny = true, {
    name: Default,
    phone: Default,
});

crate::lean_record!(Demand, deny = true, {
    id: Required,
    category: Required,
    grid: Required,
    urgency: Required(Urgency::Urgent),
    raised_by: Required,
    raised_at: Required(Timestamp::placeholder()),
    description: Required,
});

crate::lean_record!(Area, deny = true, {
    grids: Default,
    communities: Default,
});

crate::lean_record!(ValidPeriod, deny = true, {
    from: Required(Date::PLACEHOLDER),
    to: Required(Date::PLACEHOLDER),
});

crate::lean_record!(Offer, deny = true, {
    id: Required,
    provider: Required(ProviderRef { kind: ProviderKind::Member, id: String::new() }),
    categories: Required,
    capacity_per_month: Required,
    area: Required,
    valid: Default,
});

crate::lean_record!(TransitionRecord, deny = true, {
    step: Required(super::state::ClaimState::New),
    at: Required(Timestamp::placeholder()),
    by: Required,
    rating: Default,
});

crate::lean_record!(ClaimRecord, deny = true, {
    id: Required,
    demand: Required,
    offer: Default,
    provider: Default,
    history: Required,
});

crate::lean_record!(ServiceRecord, deny = true, {
    id: Required,
    provider: Required(ProviderRef { kind: ProviderKind::Member, id: String::new() }),
    date: Required(Date::PLACEHOLDER),
    hours: Required,
    count: Default(one()),
    claim: Default,
    kind: Required(RecordKind::Service),
    note: Default,
});

crate::lean_record!(ProviderTarget, deny = true, {
    provider: Required(ProviderRef { kind: ProviderKind::Member, id: String::new() }),
    hours: Required,
});

crate::lean_record!(Targets, deny = true, {
    member_hours: Default,
    unit_hours: Default,
    team_hours: Default,
    providers: Default,
});
