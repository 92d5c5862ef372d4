//! The matcher (社区派单): each demand to an offer of its category that serves its area, is
//! in force on the demand's day and has capacity left in the demand's month. Deterministic: the most urgent demand first,
//! then the earliest raised, then by id; among fitting offers the one with the most capacity
//! left, then by offer id. Every match and every demand left unmatched says why.

use std::collections::HashMap;

use serde::Serialize;

use super::Text;
use super::document::ServicesDocument;
use super::records::{Month, Offer, ProviderRef, Urgency};
use crate::org::{Date, Names, Organization};

/// How an offer's area covers a demand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "by", content = "id", rename_all = "snake_case")]
pub enum Coverage {
    /// The offer lists the demand's grid.
    Grid(String),
    /// The offer lists the community the demand's grid belongs to.
    Community(String),
}

/// A demand given to an offer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    /// The demand's id.
    pub demand: String,
    /// The offer's id.
    pub offer: String,
    /// Who provides the offer.
    pub provider: ProviderRef,
    /// The category both share.
    pub category: String,
    /// The demand's urgency.
    pub urgency: Urgency,
    /// How the offer's area covers the demand's grid.
    pub area: Coverage,
    /// The month whose capacity the match uses (the demand's, in Shanghai time).
    pub month: Month,
    /// The offer's monthly capacity.
    pub capacity: u32,
    /// What is left of it in that month after this match.
    pub capacity_left: u32,
    /// Why, in zh-CN and English.
    pub reason: Text,
}

/// Why a demand found no offer: the first filter that left no offer standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum Why {
    /// No offer serves the category.
    NoCategory,
    /// Offers of the category exist, but none serves the demand's grid.
    NoArea,
    /// Offers of the category serve the grid, but none is in force on the day.
    NotInForce {
        /// The demand's day.
        date: Date,
    },
    /// Fitting offers exist, but all have used their capacity for the month.
    AtCapacity {
        /// The month.
        month: Month,
        /// How many offers fitted.
        offers: usize,
    },
}

/// A demand no offer could take.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unmatched {
    /// The demand's id.
    pub demand: String,
    /// Its category.
    pub category: String,
    /// Its grid.
    pub grid: String,
    /// Its urgency.
    pub urgency: Urgency,
    /// Why, as data.
    pub why: Why,
    /// Why, in zh-CN and English.
    pub reason: Text,
}

/// What the matcher decided, each list in the order the demands were served.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Matching {
    /// Demands given to offers.
    pub matches: Vec<Match>,
    /// Demands left without an offer.
    pub unmatched: Vec<Unmatched>,
}

/// Matches the document's demands to its offers. With an organization, an offer that lists
/// a community covers every grid of it; without one, only the grids an offer lists count.
///
/// Capacity is counted per calendar month in Shanghai time, so a demand raised at
/// `2026-07-31T16:00:00Z` (midnight in Shanghai) uses August's capacity. The matcher sees
/// only the document's demands: claims do not use capacity.
pub fn match_demands(doc: &ServicesDocument, org: Option<&Organization>) -> Matching {
    let community_of: HashMap<&str, &str> =
        org.map(|o| o.grids().iter().map(|g| (g.record().id.as_str(), g.record().community.as_str())).collect()).unwrap_or_default();
    // The reasons name providers and places as the organization does; ids without one.
    let names = org.map(Names::of).unwrap_or_default();
    let mut order: Vec<_> = doc.demands().iter().collect();
    order.sort_by(|a, b| (a.urgency, a.raised_at, &a.id).cmp(&(b.urgency, b.raised_at, &b.id)));
    // Each offer's claims by month: a short list an offer (a map keyed by offer and month
    // cost a wasm module 4 KB of raw code).
    let mut used: Vec<Vec<(Month, u32)>> = vec![Vec::new(); doc.offers().len()];
    let mut result = Matching::default();
    for d in order {
        let day = d.raised_at.date();
        let month = d.raised_at.month();
        let community = community_of.get(d.grid.as_str()).copied();
        let of_category: Vec<(usize, &Offer)> = doc.offers().iter().enumerate().filter(|(_, o)| o.categories.contains(&d.category)).collect();
        let covering: Vec<_> = of_category.iter().filter_map(|&(i, o)| covers(o, &d.grid, community).map(|c| (i, o, c))).collect();
        let in_force: Vec<_> = covering.iter().filter(|(_, o, _)| o.valid.is_none_or(|v| v.contains(day))).collect();
        let best = in_force
            .iter()
            .map(|(i, o, c)| (o.capacity_per_month.saturating_sub(*claimed(&mut used[*i], month)), *i, *o, c))
            .filter(|(left, ..)| *left > 0)
            .min_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.id.cmp(&b.2.id)));
        let why = match best {
            Some((left, i, o, coverage)) => {
                *claimed(&mut used[i], month) += 1;
                let m = Match {
                    demand: d.id.clone(),
                    offer: o.id.clone(),
                    provider: o.provider.clone(),
                    category: d.category.clone(),
                    urgency: d.urgency,
                    area: coverage.clone(),
                    month,
                    capacity: o.capacity_per_month,
                    capacity_left: left - 1,
                    reason: Text::default(),
                };
                result.matches.push(Match { reason: match_reason(&m, &names), ..m });
                continue;
            }
            None if of_category.is_empty() => Why::NoCategory,
            None if covering.is_empty() => Why::NoArea,
            None if in_force.is_empty() => Why::NotInForce { date: day },
            None => Why::AtCapacity { month, offers: in_force.len() },
        };
        let u = Unmatched { demand: d.id.clone(), category: d.category.clone(), grid: d.grid.clone(), urgency: d.urgency, why, reason: Text::default() };
        result.unmatched.push(Unmatched { reason: unmatched_reason(&u, &names), ..u });
    }
    result
}

/// An offer's claims in `month`, from its short list by month (an entry at 0 added when the
/// month has none yet), for reading and for counting one more.
fn claimed(by_month: &mut Vec<(Month, u32)>, month: Month) -> &mut u32 {
    let at = match by_month.iter().position(|(m, _)| *m == month) {
        Some(at) => at,
        None => {
            by_month.push((month, 0));
            by_month.len() - 1
        }
    };
    &mut by_month[at].1
}

fn covers(offer: &Offer, grid: &str, community: Option<&str>) -> Option<Coverage> {
    if offer.area.grids.iter().any(|g| g == grid) {
        return Some(Coverage::Grid(grid.to_owned()));
    }
    let c = community?;
    offer.area.communities.iter().any(|x| x == c).then(|| Coverage::Community(c.to_owned()))
}

fn match_reason(m: &Match, names: &Names) -> Text {
    let (area_zh, area_en) = match &m.area {
        Coverage::Grid(g) => (format!("服务网格 {}", names.grid(g)), format!("serves grid {}", names.grid(g))),
        Coverage::Community(c) => (format!("服务社区 {}", names.node(c)), format!("serves community {}", names.node(c))),
    };
    let who = m.provider.name(names);
    Text {
        zh: format!(
            "{}需求「{}」派给 {}（{}）：类别相符，{area_zh}，{} 剩余名额 {}/{}",
            m.urgency.zh(),
            m.category,
            m.offer,
            format!("{} {who}", m.provider.kind.zh()),
            m.month,
            m.capacity_left,
            m.capacity
        ),
        en: format!(
            "{} {} demand to {} ({}): same category, {area_en}, {}/{} left in {}",
            m.urgency.en(),
            m.category,
            m.offer,
            format!("{} {who}", m.provider.kind.key()),
            m.capacity_left,
            m.capacity,
            m.month
        ),
    }
}

fn unmatched_reason(u: &Unmatched, names: &Names) -> Text {
    let grid = names.grid(&u.grid);
    let (zh, en) = match &u.why {
        Why::NoCategory => (format!("没有「{}」类的服务", u.category), format!("no offer of category {}", u.category)),
        Why::NoArea => (format!("「{}」类的服务均不覆盖网格 {grid}", u.category), format!("no offer of category {} covers grid {grid}", u.category)),
        Why::NotInForce { date } => (
            format!("覆盖网格 {grid} 的「{}」类服务在 {date} 均不在有效期内", u.category),
            format!("no offer of category {} covering grid {grid} is in force on {date}", u.category),
        ),
        Why::AtCapacity { month, offers } => (
            format!("{offers} 项相符的服务 {month} 名额已满"),
            format!("all {offers} fitting offer(s) are at capacity in {month}"),
        ),
    };
    Text { zh: format!("{}需求未派出：{zh}", u.urgency.zh()), en: format!("{} demand left unmatched: {en}", u.urgency.en()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(demands: &[(&str, &str, &str)], offers: &[(&str, u32)]) -> ServicesDocument {
        let demands: Vec<String> = demands
            .iter()
            .map(|(id, urgency, at)| {
                format!(r#"{{"id": "{id}", "category": "助老", "grid": "g1", "urgency": "{urgency}", "raised_by": {{"name": "王"}}, "raised_at": "{at}", "description": "x"}}"#)
            })
            .collect();
        let offers: Vec<String> = offers
            .iter()
            .map(|(id, cap)| format!(r#"{{"id": "{id}", "provider": {{"kind": "member", "id": "m-{id}"}}, "categories": ["助老"], "capacity_per_month": {cap}, "area": {{"grids": ["g1"]}}}}"#))
            .collect();
        let json = format!(r#"{{"demands": [{}], "offers": [{}]}}"#, demands.join(","), offers.join(","));
        ServicesDocument::from_json(&json).unwrap_or_else(|e| panic!("{:#?}", e.problems()))
    }

    fn outcome(m: &Matching) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = m.matches.iter().map(|m| (m.demand.clone(), m.offer.clone())).collect();
        out.extend(m.unmatched.iter().map(|u| (u.demand.clone(), "-".to_owned())));
        out
    }

    #[test]
    fn urgency_then_time_then_id_and_the_most_capacity_left_then_offer_id() {
        let at = "2026-07-01T08:00:00+08:00";
        let later = "2026-07-02T08:00:00+08:00";
        // Offers "b" (2) and "a" (1): the first demand served takes "b" (more left); then both
        // have 1 left and "a" wins on its id; then only "b" has room; then none.
        let d = doc(&[("x4", "low", at), ("x3", "normal", later), ("x2", "normal", at), ("x1", "urgent", later), ("x5", "low", at)], &[("b", 2), ("a", 1)]);
        let got = outcome(&match_demands(&d, None));
        let want = [("x1", "b"), ("x2", "a"), ("x3", "b"), ("x4", "-"), ("x5", "-")];
        assert_eq!(got, want.map(|(d, o)| (d.to_owned(), o.to_owned())));
        let m = match_demands(&d, None);
        assert_eq!(m.unmatched[0].why, Why::AtCapacity { month: Month { year: 2026, month: 7 }, offers: 2 });
        assert_eq!(m.unmatched[0].reason.en, "low demand left unmatched: all 2 fitting offer(s) are at capacity in 2026-07");
    }
}
