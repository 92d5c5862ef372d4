//! The resident's question: "do I still need 健在证明, and if not, what do I do instead?"
//!
//! Names are matched the way people type them. Both the query and every certificate's name
//! and aliases are folded ([`name_key`]): full-width letters and digits become ASCII, case and
//! all spaces (including the ideographic space) go, punctuation goes, and a trailing 证明, 证
//! or 的 is dropped (so 健在证明, 健在证 and "健在的证明" are one key: 健在). Two keys are then
//! scored:
//! - equal keys score 1;
//! - otherwise the Sørensen–Dice coefficient over character bigrams, which suits
//!   Chinese where a word is two or three characters: 无犯罪记录 against the typo 无犯罪纪录
//!   shares 2 of 4 + 4 bigrams and scores 0.5;
//! - when one key contains the other (both at least two characters), the score is at least
//!   [`CONTAINS_SCORE`], so that a sentence such as 户籍证明还要开吗 still finds 户籍证明.
//!
//! A certificate is an answer when its best score (over name and aliases) reaches
//! [`MATCH_THRESHOLD`]. Synonyms that share no character (健在 / 生存) are not guessed: they
//! come from the item's `aliases`.

use std::fmt;

use serde::Serialize;

use super::item::{Channels, Instead, Item, ItemKind, Material, Status, name_key};
use super::load::Lists;
use crate::org::Date;

/// The lowest score that counts as a match (0–1).
pub const MATCH_THRESHOLD: f64 = 0.5;

/// The least score of a key contained in the other (e.g. 户籍 in 户籍证明还要开吗).
pub const CONTAINS_SCORE: f64 = 0.75;

/// Keys shorter than this (in characters) are too short to look up.
pub const MIN_QUERY_CHARS: usize = 2;

/// How similar two keys are, 0–1 (see the module docs).
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let dice = dice(a, b);
    let shorter = a.chars().count().min(b.chars().count());
    if shorter >= MIN_QUERY_CHARS && (a.contains(b) || b.contains(a)) { dice.max(CONTAINS_SCORE) } else { dice }
}

/// The Sørensen–Dice coefficient over character bigrams: twice the bigrams shared (each
/// counted as often as both have it) over the bigrams of both. Written here rather than taken
/// from strsim, whose `sorensen_dice` divides by byte lengths and so scores Chinese (three
/// bytes a character) far too low.
fn dice(a: &str, b: &str) -> f64 {
    let bigrams = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>()
    };
    let (left, mut right) = (bigrams(a), bigrams(b));
    let total = left.len() + right.len();
    if left.is_empty() || right.is_empty() {
        return 0.0;
    }
    let mut shared = 0usize;
    for bigram in &left {
        if let Some(at) = right.iter().position(|b| b == bigram) {
            right.swap_remove(at);
            shared += 1;
        }
    }
    (2 * shared) as f64 / total as f64
}

/// Why a query cannot be looked up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// Nothing was asked.
    #[error("empty query: give a certificate's name, e.g. 健在证明")]
    Empty,
    /// What is left after folding is shorter than [`MIN_QUERY_CHARS`].
    #[error("\"{query}\" is too short to look up: give at least {MIN_QUERY_CHARS} characters of the certificate's name")]
    TooShort {
        /// The query as given.
        query: String,
    },
}

/// The answer for one certificate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LookupAnswer {
    /// The certificate's item id.
    pub id: String,
    /// Its official name.
    pub name: String,
    /// The name or alias that matched best.
    pub matched: String,
    /// How well it matched, 0–1, rounded to two decimals.
    pub score: f64,
    /// In force or abolished, with the details a resident needs.
    #[serde(flatten)]
    pub verdict: Verdict,
}

/// In force (who issues it, how) or abolished (since when, by what, what instead).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Verdict {
    /// Still issued.
    InForce {
        /// The department or post that issues it.
        issuer: Option<String>,
        /// The level key that handles it now.
        level: String,
        /// That level's Chinese name.
        level_zh: String,
        /// When it was delegated down to that level, if it was.
        #[serde(skip_serializing_if = "Option::is_none")]
        delegated_since: Option<Date>,
        /// The materials to bring (certificate references by name).
        materials: Vec<String>,
        /// Time limit in working days.
        time_limit_days: Option<u32>,
        /// Channel flags.
        channels: Channels,
        /// Legal basis.
        basis: Vec<String>,
    },
    /// No longer needed.
    Abolished {
        /// The day it was abolished.
        since: Date,
        /// The document that abolished it.
        by: String,
        /// What to do instead.
        instead: Vec<Instead>,
        /// More for the resident.
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
}

/// Finds the certificates (证明事项) a query names, best first (score, then in force first,
/// then id). An empty answer means nothing reached [`MATCH_THRESHOLD`].
///
/// ```
/// use grassroots::lists::{Lists, Verdict, lookup_certificate};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let lists = Lists::from_json(r#"{"id": "l", "version": "1", "effective": "2021-07-01",
///   "schema": "laifeng", "items": [{"id": "c1", "name": "健在证明", "kind": "certificate",
///   "level": "community", "owner": "社区居委会", "aliases": ["生存证明"],
///   "status": {"state": "abolished", "since": "2021-06-01", "by": "来政办发〔2021〕8号",
///              "instead": ["self_declaration"]}}]}"#)?;
/// let answers = lookup_certificate(&lists, "生存证明")?;
/// assert_eq!(answers[0].id, "c1");
/// assert!(matches!(answers[0].verdict, Verdict::Abolished { .. }));
/// assert!(lookup_certificate(&lists, "  ").is_err());
/// # Ok(())
/// # }
/// ```
pub fn lookup_certificate(lists: &Lists, query: &str) -> Result<Vec<LookupAnswer>, LookupError> {
    if query.trim().is_empty() {
        return Err(LookupError::Empty);
    }
    let key = name_key(query);
    if key.chars().count() < MIN_QUERY_CHARS {
        return Err(LookupError::TooShort { query: query.trim().to_owned() });
    }
    let mut answers: Vec<LookupAnswer> = lists
        .items()
        .iter()
        .filter(|item| item.kind == ItemKind::Certificate)
        .filter_map(|item| {
            let (score, matched) = std::iter::once(&item.name)
                .chain(&item.aliases)
                .map(|name| (similarity(&key, &name_key(name)), name))
                // The first of equal scores wins, so the official name beats an alias.
                .fold(None::<(f64, &String)>, |best, next| match best {
                    Some(b) if b.0 >= next.0 => Some(b),
                    _ => Some(next),
                })?;
            (score >= MATCH_THRESHOLD).then(|| LookupAnswer {
                id: item.id.clone(),
                name: item.name.clone(),
                matched: matched.clone(),
                score: (score * 100.0).round() / 100.0,
                verdict: verdict(lists, item),
            })
        })
        .collect();
    answers.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| matches!(a.verdict, Verdict::Abolished { .. }).cmp(&matches!(b.verdict, Verdict::Abolished { .. })))
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(answers)
}

fn verdict(lists: &Lists, item: &Item) -> Verdict {
    match &item.status {
        Status::Abolished { since, by, instead, note } => {
            Verdict::Abolished { since: *since, by: by.clone(), instead: instead.clone(), note: note.clone() }
        }
        status => {
            let level = item.handling_level().to_owned();
            Verdict::InForce {
                issuer: item.owner.clone(),
                level_zh: lists.schema().label(&level, false).to_owned(),
                level,
                delegated_since: match status {
                    Status::DelegatedDown { since, .. } => Some(*since),
                    _ => None,
                },
                materials: item.materials.iter().map(|m| material_name(lists, m)).collect(),
                time_limit_days: item.time_limit_days,
                channels: item.channels,
                basis: item.basis.clone(),
            }
        }
    }
}

/// A material as a resident reads it: the text, or the referenced certificate's name.
pub(crate) fn material_name(lists: &Lists, material: &Material) -> String {
    match material {
        Material::Text(text) => text.clone(),
        Material::Item { item } => lists.item(item).map_or_else(|| item.clone(), |i| i.name.clone()),
    }
}

impl fmt::Display for LookupAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.id)?;
        if self.matched != self.name {
            write!(f, " [matched {}]", self.matched)?;
        }
        match &self.verdict {
            Verdict::Abolished { since, by, instead, note } => {
                writeln!(f, ": 已取消 abolished since {since} by {by}")?;
                if instead.is_empty() {
                    writeln!(f, "  instead: (not stated)")?;
                } else {
                    let list: Vec<String> = instead.iter().map(|i| format!("{} {}", i.zh(), i.key())).collect();
                    writeln!(f, "  instead: {}", list.join(", "))?;
                }
                if let Some(note) = note {
                    writeln!(f, "  note: {note}")?;
                }
            }
            Verdict::InForce { issuer, level, level_zh, delegated_since, materials, time_limit_days, channels, basis } => {
                writeln!(f, ": 有效 in force")?;
                let issuer = issuer.as_deref().unwrap_or("(no owner)");
                write!(f, "  issued by: {issuer}, at {level_zh} {level}")?;
                match delegated_since {
                    Some(day) => writeln!(f, " (delegated down since {day})")?,
                    None => writeln!(f)?,
                }
                if !materials.is_empty() {
                    writeln!(f, "  materials: {}", materials.join("; "))?;
                }
                if let Some(days) = time_limit_days {
                    writeln!(f, "  time limit: {days} working day(s)")?;
                }
                let channels = channels.zh();
                if !channels.is_empty() {
                    writeln!(f, "  channels: {}", channels.join(", "))?;
                }
                if !basis.is_empty() {
                    writeln!(f, "  basis: {}", basis.join(", "))?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists() -> Lists {
        let json = r#"{"id": "laifeng", "version": "2", "effective": "2021-07-01", "schema": "laifeng", "items": [
            {"id": "c-alive", "name": "健在证明", "kind": "certificate", "level": "community", "owner": "社区居委会",
             "aliases": ["生存证明", "活着证明"],
             "status": {"state": "abolished", "since": "2021-06-01", "by": "来政办发〔2021〕8号", "instead": ["self_declaration", "data_sharing"]}},
            {"id": "c-huji", "name": "户籍证明", "kind": "certificate", "level": "community", "owner": "社区居委会",
             "aliases": ["户口证明"],
             "status": {"state": "abolished", "since": "2021-06-01", "by": "来政办发〔2021〕8号", "instead": ["data_sharing"]}},
            {"id": "c-crime", "name": "无犯罪记录证明", "kind": "certificate", "level": "community", "owner": "社区居委会",
             "status": {"state": "abolished", "since": "2021-06-01", "by": "来政办发〔2021〕8号", "instead": ["department_issues"], "note": "向公安机关申请"}},
            {"id": "c-live", "name": "居住证明", "kind": "certificate", "level": "community", "owner": "社区居委会",
             "materials": ["居民身份证", "租房合同"], "time_limit_days": 1, "channels": {"one_window": true, "at_most_one_trip": true}},
            {"id": "c-relief", "name": "临时救助证明", "kind": "certificate", "level": "community", "owner": "片区党支部",
             "status": {"state": "delegated_down", "since": "2021-07-01", "to": "district"}},
            {"id": "s-alive", "name": "健在情况走访", "kind": "self_governance", "level": "community", "owner": "网格员"}
        ]}"#;
        match Lists::from_json(json) {
            Ok(l) => l,
            Err(e) => panic!("{:#?}", e.problems()),
        }
    }

    fn ids(query: &str) -> Vec<String> {
        lookup_certificate(&lists(), query).map(|a| a.into_iter().map(|a| a.id).collect()).unwrap_or_default()
    }

    #[test]
    fn keys_fold_width_spaces_punctuation_and_suffixes() {
        assert_eq!(name_key("健在证明"), "健在");
        assert_eq!(name_key("健在证"), "健在");
        assert_eq!(name_key("健在　的 证明。"), "健在");
        assert_eq!(name_key("户籍证明证明"), "户籍");
        assert_eq!(name_key("证明"), "");
        assert_eq!(name_key("ＣＴ"), "ct");
    }

    #[test]
    fn names_aliases_and_everyday_phrasing_find_the_certificate() {
        assert_eq!(ids("健在证明"), ["c-alive"]);
        assert_eq!(ids("健在证"), ["c-alive"]);
        assert_eq!(ids("生存证明"), ["c-alive"]);
        assert_eq!(ids("我还活着证明"), ["c-alive"]);
        assert_eq!(ids("户口证明"), ["c-huji"]);
        assert_eq!(ids("户籍证明还要开吗？"), ["c-huji"]);
        assert_eq!(ids("无犯罪证明"), ["c-crime"]);
        assert_eq!(ids("犯罪记录证明"), ["c-crime"]);
        assert_eq!(ids("居住证明"), ["c-live"]);
        // Not a certificate: the self-governance item with a similar name is not an answer.
        assert!(!ids("健在情况").contains(&"s-alive".to_owned()));
        assert!(ids("结婚证明").is_empty());
    }

    #[test]
    fn answers_say_what_to_do_instead_or_who_issues_it() {
        let Ok(answers) = lookup_certificate(&lists(), "健在证明") else { panic!("lookup failed") };
        let text = answers[0].to_string();
        assert!(text.contains("已取消 abolished since 2021-06-01 by 来政办发〔2021〕8号"), "{text}");
        assert!(text.contains("个人承诺 self_declaration, 部门数据共享 data_sharing"), "{text}");
        assert_eq!(answers[0].score, 1.0);

        let Ok(answers) = lookup_certificate(&lists(), "居住证明") else { panic!("lookup failed") };
        let text = answers[0].to_string();
        assert!(text.contains("issued by: 社区居委会, at 社区党委 community"), "{text}");
        assert!(text.contains("materials: 居民身份证; 租房合同") && text.contains("一窗受理, 最多跑一次"), "{text}");

        let Ok(answers) = lookup_certificate(&lists(), "临时救助证明") else { panic!("lookup failed") };
        assert!(answers[0].to_string().contains("at 片区党支部 district (delegated down since 2021-07-01)"));
    }

    #[test]
    fn empty_and_too_short_queries_are_answered_not_panicked_on() {
        let l = lists();
        assert_eq!(lookup_certificate(&l, ""), Err(LookupError::Empty));
        assert_eq!(lookup_certificate(&l, " \u{3000} "), Err(LookupError::Empty));
        assert_eq!(lookup_certificate(&l, "证明"), Err(LookupError::TooShort { query: "证明".into() }));
        assert_eq!(lookup_certificate(&l, "病"), Err(LookupError::TooShort { query: "病".into() }));
        assert!(lookup_certificate(&l, "？？").is_err());
    }

    #[test]
    fn odd_input_never_panics() {
        let l = lists();
        let long = "健在".repeat(5000);
        for query in ["🙂🙂", "e\u{301}e\u{301}", "证证证证", "的的", "\u{0}\u{0}", "ＡＢ", "健在证明证明的证", long.as_str()] {
            let _ = lookup_certificate(&l, query);
        }
        assert_eq!(ids("健在证明证明的证"), ["c-alive"]);
        assert_eq!(name_key("证证证证"), "");
    }

    #[test]
    fn scores_follow_the_documented_thresholds() {
        assert_eq!(similarity("健在", "健在"), 1.0);
        assert!((similarity("无犯罪", "无犯罪记录") - 0.75).abs() < 1e-9);
        assert!(similarity("户籍", "户口") < MATCH_THRESHOLD);
        assert!((similarity("无犯罪记录", "无犯罪纪录") - MATCH_THRESHOLD).abs() < 1e-9);
        assert!((dice("家庭经济困难", "家庭困难") - 4.0 / 8.0).abs() < 1e-9);
        assert!((dice("aaaa", "aa") - 2.0 / 4.0).abs() < 1e-9);
        assert_eq!(dice("健", "健在"), 0.0);
        assert!(similarity("户籍证明还要开吗", "户籍") >= CONTAINS_SCORE);
        // One shared character is not a match.
        assert!(similarity("结婚", "健在") < MATCH_THRESHOLD);
    }
}
