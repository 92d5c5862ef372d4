//! The claim lifecycle (居民点单、社区派单、党员接单) as a state machine:
//!
//! ```text
//! new → ordered → dispatched → accepted → done → reviewed (rating 1–5)
//!                     │  └──→ rejected
//!          └──────────┴──────────┴──→ withdrawn
//! ```
//!
//! Each step is time-stamped and names who acted; time never goes backwards.

use std::fmt;

use serde::Serialize;

use super::state::ClaimState;
use super::records::{ProviderRef, Timestamp};


/// A step: the state to go to, and for a review its rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// → ordered.
    Order,
    /// → dispatched.
    Dispatch,
    /// → accepted.
    Accept,
    /// → done.
    Complete,
    /// → reviewed, with the resident's rating (1–5).
    Review {
        /// 1 (poor) to 5 (very satisfied).
        rating: u8,
    },
    /// → rejected.
    Reject,
    /// → withdrawn.
    Withdraw,
}

impl Step {
    /// The state this step leads to.
    pub fn target(self) -> ClaimState {
        match self {
            Step::Order => ClaimState::Ordered,
            Step::Dispatch => ClaimState::Dispatched,
            Step::Accept => ClaimState::Accepted,
            Step::Complete => ClaimState::Done,
            Step::Review { .. } => ClaimState::Reviewed,
            Step::Reject => ClaimState::Rejected,
            Step::Withdraw => ClaimState::Withdrawn,
        }
    }

    /// The step to a state (`None` for `new`, where no step leads); `rating` is used for
    /// `reviewed` only.
    pub fn to(state: ClaimState, rating: u8) -> Option<Step> {
        Some(match state {
            ClaimState::New => return None,
            ClaimState::Ordered => Step::Order,
            ClaimState::Dispatched => Step::Dispatch,
            ClaimState::Accepted => Step::Accept,
            ClaimState::Done => Step::Complete,
            ClaimState::Reviewed => Step::Review { rating },
            ClaimState::Rejected => Step::Reject,
            ClaimState::Withdrawn => Step::Withdraw,
        })
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.target().name())
    }
}

/// One step taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transition {
    /// The state it led to.
    pub step: ClaimState,
    /// When.
    pub at: Timestamp,
    /// Who acted.
    pub by: String,
}

/// Why a step could not be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransitionErrorKind {
    /// The step does not lead on from the current state (e.g. reviewed before done).
    Illegal,
    /// The claim is already in the state the step leads to.
    Repeated,
    /// The step is dated before the last one.
    TimeBackwards {
        /// When the last step was taken.
        previous: Timestamp,
    },
    /// A rating outside 1–5.
    Rating(u8),
    /// Nobody is named as having acted.
    NoActor,
}

/// A step that could not be taken, naming the claim, the step and the state it was in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("claim \"{claim}\": cannot go to \"{step}\" from \"{state}\": {}", describe(.kind, .at))]
pub struct TransitionError {
    /// The claim's id.
    pub claim: String,
    /// The step attempted.
    pub step: Step,
    /// The state the claim was (and still is) in.
    pub state: ClaimState,
    /// When the step was said to happen.
    pub at: Timestamp,
    /// Why not.
    pub kind: TransitionErrorKind,
}

fn describe(kind: &TransitionErrorKind, at: &Timestamp) -> String {
    match kind {
        TransitionErrorKind::Illegal => "no such transition".into(),
        TransitionErrorKind::Repeated => "the same step twice".into(),
        TransitionErrorKind::TimeBackwards { previous } => format!("{at} is earlier than the step before it ({previous})"),
        TransitionErrorKind::Rating(r) => format!("a review is rated 1 to 5, not {r}"),
        TransitionErrorKind::NoActor => "nobody is named as having acted".into(),
    }
}

/// A claim: a demand given to a member or unit, and the steps it went through.
///
/// ```
/// use grassroots::services::{Claim, ClaimState, Step, Timestamp};
/// let t = |s: &str| Timestamp::parse(s).unwrap();
/// let mut claim = Claim::new("cl1", "d1", None, None);
/// claim.apply(Step::Order, t("2026-07-01T08:00:00+08:00"), "网格员张敏").unwrap();
/// claim.apply(Step::Dispatch, t("2026-07-01T09:00:00+08:00"), "社区党委").unwrap();
/// let err = claim.apply(Step::Review { rating: 5 }, t("2026-07-01T10:00:00+08:00"), "王秀英").unwrap_err();
/// assert_eq!(err.to_string(), "claim \"cl1\": cannot go to \"reviewed\" from \"dispatched\": no such transition");
/// assert_eq!(claim.state(), ClaimState::Dispatched);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claim {
    id: String,
    demand: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    offer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    provider: Option<ProviderRef>,
    state: ClaimState,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating: Option<u8>,
    history: Vec<Transition>,
}

impl Claim {
    /// A claim with no history yet (state `new`).
    pub fn new(id: impl Into<String>, demand: impl Into<String>, offer: Option<String>, provider: Option<ProviderRef>) -> Self {
        Claim { id: id.into(), demand: demand.into(), offer, provider, state: ClaimState::New, rating: None, history: Vec::new() }
    }

    /// Takes a step, or says why not; on error the claim is unchanged.
    pub fn apply(&mut self, step: Step, at: Timestamp, by: &str) -> Result<(), TransitionError> {
        let target = step.target();
        let kind = if target == self.state {
            Some(TransitionErrorKind::Repeated)
        } else if !self.state.next().contains(&target) {
            Some(TransitionErrorKind::Illegal)
        } else if let Some(last) = self.history.last().filter(|last| at < last.at) {
            Some(TransitionErrorKind::TimeBackwards { previous: last.at })
        } else if let Step::Review { rating } = step
            && !(1..=5).contains(&rating)
        {
            Some(TransitionErrorKind::Rating(rating))
        } else if by.trim().is_empty() {
            Some(TransitionErrorKind::NoActor)
        } else {
            None
        };
        if let Some(kind) = kind {
            return Err(TransitionError { claim: self.id.clone(), step, state: self.state, at, kind });
        }
        if let Step::Review { rating } = step {
            self.rating = Some(rating);
        }
        self.state = target;
        self.history.push(Transition { step: target, at, by: by.to_owned() });
        Ok(())
    }

    /// The id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The demand it serves.
    pub fn demand(&self) -> &str {
        &self.demand
    }

    /// The offer it was matched to.
    pub fn offer(&self) -> Option<&str> {
        self.offer.as_deref()
    }

    /// Who took it.
    pub fn provider(&self) -> Option<&ProviderRef> {
        self.provider.as_ref()
    }

    /// Where it stands.
    pub fn state(&self) -> ClaimState {
        self.state
    }

    /// The review's rating, once reviewed.
    pub fn rating(&self) -> Option<u8> {
        self.rating
    }

    /// The steps taken, oldest first.
    pub fn history(&self) -> &[Transition] {
        &self.history
    }

    /// When the claim reached a state, if it did.
    pub fn reached(&self, state: ClaimState) -> Option<Timestamp> {
        self.history.iter().find(|t| t.step == state).map(|t| t.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(minute: u32) -> Timestamp {
        Timestamp::parse(&format!("2026-07-01T{:02}:{:02}:00+08:00", minute / 60, minute % 60)).unwrap_or_else(|| unreachable!())
    }

    #[test]
    fn the_whole_lifecycle_and_its_errors() {
        let mut c = Claim::new("c1", "d1", None, None);
        for (i, step) in [Step::Order, Step::Dispatch, Step::Accept, Step::Complete, Step::Review { rating: 4 }].into_iter().enumerate() {
            assert_eq!(c.apply(step, at(i as u32), "x"), Ok(()));
        }
        assert_eq!((c.state(), c.rating(), c.history().len()), (ClaimState::Reviewed, Some(4), 5));
        assert_eq!(c.reached(ClaimState::Accepted), Some(at(2)));

        let mut c = Claim::new("c2", "d1", None, None);
        let err = |c: &mut Claim, step, t, by| c.apply(step, t, by).map_err(|e| e.kind);
        assert_eq!(err(&mut c, Step::Dispatch, at(0), "x"), Err(TransitionErrorKind::Illegal));
        assert_eq!(err(&mut c, Step::Order, at(5), "x"), Ok(()));
        assert_eq!(err(&mut c, Step::Order, at(6), "x"), Err(TransitionErrorKind::Repeated));
        assert_eq!(err(&mut c, Step::Dispatch, at(4), "x"), Err(TransitionErrorKind::TimeBackwards { previous: at(5) }));
        assert_eq!(err(&mut c, Step::Dispatch, at(5), " "), Err(TransitionErrorKind::NoActor));
        // The same minute as the step before is not going backwards.
        assert_eq!(err(&mut c, Step::Dispatch, at(5), "x"), Ok(()));
        assert_eq!(err(&mut c, Step::Reject, at(7), "x"), Ok(()));
        assert_eq!(err(&mut c, Step::Withdraw, at(8), "x"), Err(TransitionErrorKind::Illegal));
        assert_eq!(c.state(), ClaimState::Rejected);

        let mut c = Claim::new("c3", "d1", None, None);
        for (i, step) in [Step::Order, Step::Dispatch, Step::Accept, Step::Complete].into_iter().enumerate() {
            assert_eq!(c.apply(step, at(i as u32), "x"), Ok(()));
        }
        assert_eq!(err(&mut c, Step::Review { rating: 6 }, at(9), "x"), Err(TransitionErrorKind::Rating(6)));
        assert_eq!(err(&mut c, Step::Withdraw, at(9), "x"), Err(TransitionErrorKind::Illegal));
    }

    fn any_step() -> impl Strategy<Value = Step> {
        prop_oneof![
            Just(Step::Order),
            Just(Step::Dispatch),
            Just(Step::Accept),
            Just(Step::Complete),
            (0u8..8).prop_map(|rating| Step::Review { rating }),
            Just(Step::Reject),
            Just(Step::Withdraw),
        ]
    }

    /// The states reachable from `new` by legal steps.
    fn reachable() -> Vec<ClaimState> {
        let mut seen = vec![ClaimState::New];
        let mut i = 0;
        while i < seen.len() {
            for next in seen[i].next() {
                if !seen.contains(next) {
                    seen.push(*next);
                }
            }
            i += 1;
        }
        seen
    }

    #[test]
    fn every_state_is_reachable() {
        let mut all = reachable();
        all.sort();
        assert_eq!(all, ClaimState::ALL);
    }

    proptest! {
        #[test]
        fn random_steps_never_panic_and_keep_a_legal_history(
            steps in proptest::collection::vec((any_step(), 0u32..600, any::<bool>()), 0..20)
        ) {
            let reachable = reachable();
            let mut claim = Claim::new("c", "d", None, None);
            for (step, minute, named) in steps {
                let before = claim.clone();
                match claim.apply(step, at(minute), if named { "x" } else { "" }) {
                    Ok(()) => prop_assert_eq!(claim.state(), step.target()),
                    Err(e) => {
                        prop_assert_eq!(&claim, &before);
                        prop_assert_eq!(e.state, claim.state());
                        prop_assert!(!e.to_string().is_empty());
                    }
                }
                prop_assert!(reachable.contains(&claim.state()));
            }
            // The history is a legal path from `new` with time never going backwards.
            let mut state = ClaimState::New;
            let mut last: Option<Timestamp> = None;
            for t in claim.history() {
                prop_assert!(state.next().contains(&t.step));
                prop_assert!(last.is_none_or(|l| l <= t.at));
                state = t.step;
                last = Some(t.at);
            }
            prop_assert_eq!(state, claim.state());
            prop_assert_eq!(claim.rating().is_some(), state == ClaimState::Reviewed);
        }
    }
}
