//! A case (民情 / 诉求): where it came from, its five workflow steps and its timed events.

use serde::{Deserialize, Serialize};

use super::time::Timestamp;

/// Who raised the case — in 吹哨报到 terms, who blew the whistle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A resident (群众吹哨).
    Resident,
    /// A grid worker on patrol (网格员).
    GridWorker,
    /// The community Party committee (社区党组织吹哨).
    CommunityCommittee,
    /// The township or street Party committee (镇党委 / 街道党工委吹哨).
    Township,
    /// A police incident (警情吹哨).
    PoliceAlert,
    /// A camera of the public-security video network (天眼吹哨).
    CameraAlert,
    /// The 12345 citizen hotline (接诉即办).
    #[serde(rename = "hotline_12345")]
    Hotline12345,
}

impl Source {
    /// The name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Source::Resident => "resident",
            Source::GridWorker => "grid_worker",
            Source::CommunityCommittee => "community_committee",
            Source::Township => "township",
            Source::PoliceAlert => "police_alert",
            Source::CameraAlert => "camera_alert",
            Source::Hotline12345 => "hotline_12345",
        }
    }
}

/// How urgent a case is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// 紧急 / 突发: the 1310 rule and the 12345 emergency profile apply.
    Emergency,
    /// 加急.
    Urgent,
    /// 一般.
    Normal,
}

/// The five steps of the 民情 workflow, in their only order:
/// 收集 collect → 分析 analyse → 办理 handle → 反馈 feedback → 评议 review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// 收集: the concern is taken down.
    Collect,
    /// 分析: it is studied and assigned.
    Analyse,
    /// 办理: it is handled.
    Handle,
    /// 反馈: the result goes back to the resident (the case is closed, 办结).
    Feedback,
    /// 评议: the resident rates the result.
    Review,
}

impl Step {
    /// Every step, in workflow order.
    pub const ALL: [Step; 5] = [Step::Collect, Step::Analyse, Step::Handle, Step::Feedback, Step::Review];

    /// The step after this one; `None` after the review.
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self as usize + 1).copied()
    }

    /// The name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Step::Collect => "collect",
            Step::Analyse => "analyse",
            Step::Handle => "handle",
            Step::Feedback => "feedback",
            Step::Review => "review",
        }
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Step::Collect => "收集",
            Step::Analyse => "分析",
            Step::Handle => "办理",
            Step::Feedback => "反馈",
            Step::Review => "评议",
        }
    }

    /// The workflow's one transition: from the last step taken (`None` before the first) to
    /// `next`. Steps are neither skipped nor repeated; the error is the step expected instead
    /// (`None` when the workflow has ended).
    ///
    /// ```
    /// use grassroots::cases::Step;
    /// assert_eq!(Step::advance(None, Step::Collect), Ok(Step::Collect));
    /// assert_eq!(Step::advance(Some(Step::Collect), Step::Handle), Err(Some(Step::Analyse)));
    /// assert_eq!(Step::advance(Some(Step::Review), Step::Review), Err(None));
    /// ```
    pub fn advance(last: Option<Step>, next: Step) -> Result<Step, Option<Step>> {
        let expected = match last {
            None => Some(Step::Collect),
            Some(step) => step.next(),
        };
        if expected == Some(next) { Ok(next) } else { Err(expected) }
    }
}

/// The resident's verdict at the review (评议).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    /// 满意.
    Satisfied,
    /// 基本满意 (counted as satisfied by the satisfaction rate, as 12345 assessments do).
    Basically,
    /// 不满意.
    Unsatisfied,
}

/// A timed event of a case: what the SLA clocks and the escalation ladder measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The resident knows whom to call (1310: within 1 minute).
    ContactKnown,
    /// The resident has reached that person (1310: within 3 minutes).
    ContactReached,
    /// Someone responsible is on site (1310: within 10 minutes; the whistle's "report").
    OnSite,
    /// The case is dispatched to whoever handles it (12345: emergencies within 1 hour).
    Dispatched,
    /// The resident has an answer (12345: hard cases within 15 days).
    Answered,
}

impl EventKind {
    /// The name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            EventKind::ContactKnown => "contact_known",
            EventKind::ContactReached => "contact_reached",
            EventKind::OnSite => "on_site",
            EventKind::Dispatched => "dispatched",
            EventKind::Answered => "answered",
        }
    }
}

/// One workflow step taken: which, when and by whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StepRecord {
    /// The step.
    pub step: Step,
    /// When it was taken.
    pub at: Timestamp,
    /// Who acted (a name, post or unit).
    pub by: String,
    /// The resident's verdict; at the review only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<Satisfaction>,
    /// A free note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One timed event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    /// What happened.
    pub event: EventKind,
    /// When.
    pub at: Timestamp,
    /// Who, when it matters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// A case as the document has it. Read cases through [`super::CasesDoc`], which checks the
/// workflow order, the times and the references; a `Case` from there is consistent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Unique in the document.
    pub id: String,
    /// A short description, e.g. 胜利街雨水倒灌.
    pub title: String,
    /// What it is about (`flooding`, `water`, `noise` …); routes and profiles match on it.
    pub category: String,
    /// The record id of the grid or node of the organization tree where it happened.
    pub node: String,
    /// Who raised it.
    pub source: Source,
    /// How urgent it is.
    pub urgency: Urgency,
    /// When the case started (the call, the alert): every clock runs from here.
    pub opened: Timestamp,
    /// Free tags; profiles may match on them (`hard` for 12345's hard cases).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The SLA profiles that apply, by id; without it, every profile whose `applies` matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profiles: Option<Vec<String>>,
    /// The workflow steps taken, in order.
    #[serde(default)]
    pub steps: Vec<StepRecord>,
    /// The timed events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventRecord>,
    /// Whether the problem was solved (解决).
    #[serde(default)]
    pub resolved: bool,
    /// The closure deadline (办结时限), for the on-time closure rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Timestamp>,
}

impl Case {
    /// When `kind` happened, if it did.
    pub fn event(&self, kind: EventKind) -> Option<Timestamp> {
        self.events.iter().find(|e| e.event == kind).map(|e| e.at)
    }

    /// The record of `step`, if the case took it.
    pub fn step(&self, step: Step) -> Option<&StepRecord> {
        self.steps.iter().find(|s| s.step == step)
    }

    /// The last step taken; `None` before the first.
    pub fn stage(&self) -> Option<Step> {
        self.steps.iter().map(|s| s.step).max()
    }

    /// The resident's verdict, once reviewed.
    pub fn satisfaction(&self) -> Option<Satisfaction> {
        self.step(Step::Review).and_then(|s| s.satisfaction)
    }

    /// When the case was closed (the feedback step, 办结反馈).
    pub fn closed(&self) -> Option<Timestamp> {
        self.step(Step::Feedback).map(|s| s.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_goes_one_step_at_a_time() {
        let mut last = None;
        for step in Step::ALL {
            for other in Step::ALL.into_iter().filter(|s| *s != step) {
                assert!(Step::advance(last, other).is_err(), "{other:?} after {last:?}");
            }
            last = Step::advance(last, step).ok();
            assert_eq!(last, Some(step));
        }
        assert_eq!(Step::advance(last, Step::Collect), Err(None));
    }
}

// The wasm build reads these records by a table of their fields (`crate::jsonpath::table`),
// not by serde's derived visitors; each table lists every field as the derive reads it (a
// unit test holds the two readings to the same records, paths and messages). A placeholder
// in parentheses is what a required field holds until it is read.
crate::lean_enum!(Step { Collect = "collect", Analyse = "analyse", Handle = "handle", Feedback = "feedback", Review = "review" });
crate::lean_enum!(Satisfaction { Satisfied = "satisfied", Basically = "basically", Unsatisfied = "unsatisfied" });
crate::lean_enum!(EventKind { ContactKnown = "contact_known", ContactReached = "contact_reached", OnSite = "on_site", Dispatched = "dispatched", Answered = "answered" });
crate::lean_enum!(Source { Resident = "resident", GridWorker = "grid_worker", CommunityCommittee = "community_committee", Township = "township", PoliceAlert = "police_alert", CameraAlert = "camera_alert", Hotline12345 = "hotline_12345" });
crate::lean_enum!(Urgency { Emergency = "emergency", Urgent = "urgent", Normal = "normal" });

crate::lean_record!(StepRecord, deny = true, {
    step: Required(Step::Collect),
    at: Required(Timestamp::placeholder()),
    by: Required,
    satisfaction: Default,
    note: Default,
});

crate::lean_record!(EventRecord, deny = true, {
    event: Required(EventKind::ContactKnown),
    at: Required(Timestamp::placeholder()),
    by: Default,
});

crate::lean_record!(Case, deny = true, {
    id: Required,
    title: Required,
    category: Required,
    node: Required,
    source: Required(Source::Resident),
    urgency: Required(Urgency::Emergency),
    opened: Required(Timestamp::placeholder()),
    tags: Default,
    profiles: Default,
    steps: Default,
    events: Default,
    resolved: Default,
    due: Default,
});
