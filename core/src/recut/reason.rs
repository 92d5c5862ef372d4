//! Why a re-cut's constraint cannot hold, with its texts in English and Chinese.

use serde::Serialize;

/// Why a constraint cannot hold. Serialized with a `code` tag (`too-small`, …).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum Reason {
    /// A community (or a connected piece of one) is smaller than one part's minimum: it stays
    /// one part, below the minimum.
    TooSmall {
        /// The community, when the cut stays inside communities.
        community: Option<String>,
        /// The first block of the piece concerned.
        first_block: String,
        /// `households` or `population`.
        measure: &'static str,
        /// Its total.
        total: u64,
        /// The minimum per part.
        min: u32,
    },
    /// No number of parts puts every part of this community (or piece) within the range.
    NoCountFits {
        /// The community, when the cut stays inside communities.
        community: Option<String>,
        /// The first block of the piece concerned.
        first_block: String,
        /// `households` or `population`.
        measure: &'static str,
        /// Its total.
        total: u64,
        /// The range's minimum.
        min: Option<u32>,
        /// The range's maximum.
        max: Option<u32>,
    },
    /// One block alone is above the maximum of a part.
    BlockAboveMax {
        /// The block.
        block: String,
        /// `households` or `population`.
        measure: &'static str,
        /// The block's figure.
        value: u32,
        /// The maximum per part.
        max: u32,
    },
    /// A community's blocks are not all connected: these share no boundary with the rest of
    /// their community and are cut on their own.
    Disconnected {
        /// The community, when the cut stays inside communities.
        community: Option<String>,
        /// The blocks apart from the community's largest connected piece.
        blocks: Vec<String>,
    },
    /// Fewer parts asked for than there are connected pieces and pinned parts.
    TooFewParts {
        /// Parts asked for.
        parts: u32,
        /// Parts needed at least.
        needed: u32,
    },
    /// More parts asked for than the blocks can make (a part needs a block).
    TooManyParts {
        /// Parts asked for.
        parts: u32,
        /// The blocks there are.
        blocks: u32,
    },
    /// A pinned block that cannot join its part's other blocks without leaving that part in
    /// pieces; it was treated as not pinned.
    PinApart {
        /// The block.
        block: String,
        /// The part it is pinned to.
        part: String,
    },
    /// No assignment was found with these parts within range, though none of the reasons
    /// above forbids it (the blocks' sizes and shapes may not allow it).
    OutOfRange {
        /// The parts out of range.
        parts: Vec<String>,
    },
}

fn measure_zh(measure: &str) -> &'static str {
    if measure == "households" { "户" } else { "人" }
}

fn scope(community: &Option<String>) -> (String, String) {
    match community {
        Some(c) => (format!("community \"{c}\""), format!("社区“{c}”")),
        None => ("the blocks".to_owned(), "全部楼栋".to_owned()),
    }
}

fn list(ids: &[String], sep: &str) -> String {
    const SHOWN: usize = 10;
    let mut text = ids.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(sep);
    if ids.len() > SHOWN {
        text.push_str(&format!("{sep}… ({})", ids.len()));
    }
    text
}

impl Reason {
    /// The English text.
    pub fn en(&self) -> String {
        match self {
            Reason::TooSmall { community, measure, total, min, first_block } => {
                format!("{} (from block \"{first_block}\") has {total} {measure} in all, fewer than the minimum of {min} for one part: it stays one part", scope(community).0)
            }
            Reason::NoCountFits { community, measure, total, min, max, first_block } => format!(
                "{} (from block \"{first_block}\") has {total} {measure}: no number of parts puts every part within {}..{}",
                scope(community).0,
                min.map(|v| v.to_string()).unwrap_or_default(),
                max.map(|v| v.to_string()).unwrap_or_default()
            ),
            Reason::BlockAboveMax { block, measure, value, max } => format!("block \"{block}\" alone has {value} {measure}, above the maximum of {max} for a part"),
            Reason::Disconnected { community, blocks } => format!(
                "{}'s blocks are not all connected: {} block(s) ({}) share no boundary with the rest and are cut on their own",
                scope(community).0,
                blocks.len(),
                list(blocks, ", ")
            ),
            Reason::TooFewParts { parts, needed } => format!("{parts} part(s) asked for, but {needed} are needed: one for each connected piece of each community and each pinned part"),
            Reason::TooManyParts { parts, blocks } => format!("{parts} parts asked for, but the {blocks} blocks cannot make that many: each part needs a block of its own connected piece"),
            Reason::PinApart { block, part } => format!("block \"{block}\" is pinned to \"{part}\" but cannot join that part's other blocks without leaving it in pieces; it was not kept pinned"),
            Reason::OutOfRange { parts } => format!("no assignment was found with every part within range; out of range: {}", list(parts, ", ")),
        }
    }

    /// The zh-CN text.
    pub fn zh(&self) -> String {
        match self {
            Reason::TooSmall { community, measure, total, min, first_block } => {
                format!("{}（自楼栋“{first_block}”起）共 {total} {}，不足每格下限 {min} {}：只能保留为一格", scope(community).1, measure_zh(measure), measure_zh(measure))
            }
            Reason::NoCountFits { community, measure, total, min, max, first_block } => format!(
                "{}（自楼栋“{first_block}”起）共 {total} {}：无论划为几格，都不能使每格在 {}～{} {} 之间",
                scope(community).1,
                measure_zh(measure),
                min.map(|v| v.to_string()).unwrap_or_default(),
                max.map(|v| v.to_string()).unwrap_or_default(),
                measure_zh(measure)
            ),
            Reason::BlockAboveMax { block, measure, value, max } => {
                format!("楼栋/小区“{block}”单独就有 {value} {}，超过每格上限 {max} {}", measure_zh(measure), measure_zh(measure))
            }
            Reason::Disconnected { community, blocks } => {
                format!("{}的楼栋不连通：{} 个楼栋（{}）与其余楼栋无共同边界，单独划分", scope(community).1, blocks.len(), list(blocks, "、"))
            }
            Reason::TooFewParts { parts, needed } => format!("要求划为 {parts} 格，但至少需要 {needed} 格：每个社区的每个连通片、每个指定归属的格各需一格"),
            Reason::TooManyParts { parts, blocks } => format!("要求划为 {parts} 格，但 {blocks} 个楼栋划不出这么多格：每格至少需要一个楼栋"),
            Reason::PinApart { block, part } => format!("楼栋“{block}”指定归入“{part}”，但与该格其余楼栋不相连，归入会使该格不连片；未按指定归属处理"),
            Reason::OutOfRange { parts } => format!("未找到使每格都在范围内的划分；超出范围的格：{}", list(parts, "、")),
        }
    }
}

/// A reason with its texts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReasonText {
    /// The reason, with its `code` and values.
    #[serde(flatten)]
    pub reason: Reason,
    /// English.
    pub en: String,
    /// Simplified Chinese.
    pub zh: String,
}

impl From<Reason> for ReasonText {
    fn from(reason: Reason) -> Self {
        ReasonText { en: reason.en(), zh: reason.zh(), reason }
    }
}
