//! The message catalogues: every string a person sees, in zh-CN (the default) and en.
//! Components never build user-visible text by hand; they ask the catalogue.

use grassroots::ProblemKind;
use grassroots::rules::Tier;

/// The display language of a widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese, the default.
    #[default]
    ZhCn,
    /// English.
    En,
}

impl Lang {
    /// Any `en…` tag is English; everything else falls back to zh-CN.
    pub fn from_tag(tag: Option<&str>) -> Self {
        match tag {
            Some(t) if t.trim().to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::ZhCn,
        }
    }

    /// The BCP 47 tag, for the `lang` attribute of rendered markup.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The catalogue for this language.
    pub fn text(self) -> &'static Catalogue {
        match self {
            Lang::ZhCn => &ZH_CN,
            Lang::En => &EN,
        }
    }
}

/// One language's messages. Parametrised messages are functions, so that word order can
/// differ between languages.
pub struct Catalogue {
    pub tree_label: &'static str,
    pub loading: &'static str,
    pub error_title: &'static str,
    pub error_intro: &'static str,
    pub fetch_failed: fn(&str) -> String,
    pub record: fn(&str) -> String,
    pub node_count: fn(usize) -> String,
    pub keyboard_hint: &'static str,
    /// The label of the search box.
    pub search_label: &'static str,
    /// The search box's description: the keys it understands.
    pub search_hint: &'static str,
    pub next_match: &'static str,
    pub prev_match: &'static str,
    /// The search status: how many nodes match.
    pub match_count: fn(usize) -> String,
    /// The search status after moving to a match: its number, the count, its name.
    pub match_position: fn(usize, usize, &str) -> String,
    pub no_match: &'static str,
    /// The accessible description of a matching row.
    pub match_note: &'static str,
    pub problem: fn(&ProblemKind) -> String,
    /// A node's figures on its row: members, grids, households.
    pub row_figures: fn(u32, u32, u64) -> String,
    /// The title of the warning list after a load that has errors.
    pub warnings_title: &'static str,
    // <gr-scorecard>
    /// The rule set's version and period: version, first day, last day.
    pub rule_set_version: fn(&str, &str, &str) -> String,
    pub scorecard_tabs: &'static str,
    pub tab_ranking: &'static str,
    pub tab_card: &'static str,
    pub filter_tier: &'static str,
    pub all_tiers: &'static str,
    pub filter_search: &'static str,
    /// How many rows the filters leave, of how many.
    pub rows_shown: fn(usize, usize) -> String,
    pub ranking_caption: &'static str,
    pub col_rank: &'static str,
    pub col_name: &'static str,
    pub col_total: &'static str,
    pub col_tier: &'static str,
    pub tier: fn(Tier) -> &'static str,
    /// The accessible name of the button that opens an entity's scorecard.
    pub open_card: fn(&str) -> String,
    pub section_passed: &'static str,
    pub section_failed: &'static str,
    pub section_voided: &'static str,
    pub no_rows: &'static str,
    pub entity_picker: &'static str,
    /// The total: points already formatted.
    pub total_points: fn(&str) -> String,
    /// The rank among the rated entities; none for one that is not rated.
    pub rank_of: fn(Option<usize>, usize) -> String,
    /// Stars (sections) passed of all.
    pub stars: fn(usize, usize) -> String,
    pub vetoes_title: &'static str,
    pub bonuses_title: &'static str,
    pub diagnostics_title: &'static str,
    /// Points scored of the most possible, both formatted.
    pub score_of: fn(&str, &str) -> String,
    pub col_indicator: &'static str,
    pub col_points: &'static str,
    pub col_reason: &'static str,
}

pub static ZH_CN: Catalogue = Catalogue {
    tree_label: "组织架构",
    loading: "正在加载…",
    error_title: "数据有误，无法显示",
    error_intro: "请按以下位置逐条修正数据：",
    fetch_failed: |detail| format!("数据加载失败：{detail}"),
    record: |id| format!("记录“{id}”"),
    node_count: |n| format!("共 {n} 个组织"),
    keyboard_hint: "↑ ↓ 移动，→ 展开，← 收起，回车选中，PgUp/PgDn 翻页",
    search_label: "搜索组织",
    search_hint: "输入名称或编号；回车跳到匹配项，F3 跳到下一个，Esc 清除",
    next_match: "下一个",
    prev_match: "上一个",
    match_count: |n| format!("找到 {n} 个"),
    match_position: |i, n, name| format!("找到 {n} 个，第 {i} 个：{name}"),
    no_match: "没有找到匹配的组织",
    match_note: "匹配",
    problem: crate::problem_zh::text,
    row_figures: |members, grids, households| format!("党员 {members} · 网格 {grids} · 住户 {households}"),
    warnings_title: "另有提醒（不影响使用）：",
    rule_set_version: |v, from, to| format!("版本 {v} · 有效期 {from} 至 {to}"),
    scorecard_tabs: "评分视图",
    tab_ranking: "排名",
    tab_card: "评分详情",
    filter_tier: "等次",
    all_tiers: "全部",
    filter_search: "搜索对象",
    rows_shown: |n, total| format!("显示 {n} 个，共 {total} 个"),
    ranking_caption: "评分排名：点击列标题排序",
    col_rank: "名次",
    col_name: "对象",
    col_total: "总分",
    col_tier: "等次",
    tier: |t| match t {
        Tier::Excellence => "优秀",
        Tier::Pass => "达标",
        Tier::Fail => "未达标",
        Tier::NotRated => "不参评",
    },
    open_card: |name| format!("查看{name}的评分详情"),
    section_passed: "达标",
    section_failed: "未达标",
    section_voided: "一票否决",
    no_rows: "没有符合条件的对象",
    entity_picker: "查看对象",
    total_points: |p| format!("总分 {p} 分"),
    rank_of: |rank, n| match rank {
        Some(r) => format!("第 {r} 名（共 {n} 个参评）"),
        None => "不排名".to_owned(),
    },
    stars: |p, n| format!("{p} / {n} 星达标"),
    vetoes_title: "一票否决：",
    bonuses_title: "加分项：",
    diagnostics_title: "数据提醒：以下事实缺失或有误，相关指标按 0 分计",
    score_of: |p, max| format!("{p} / {max} 分"),
    col_indicator: "指标",
    col_points: "得分",
    col_reason: "说明",
};

pub static EN: Catalogue = Catalogue {
    tree_label: "Organization",
    loading: "Loading…",
    error_title: "The data has errors and cannot be shown",
    error_intro: "Please correct the data at these places:",
    fetch_failed: |detail| format!("Could not load the data: {detail}"),
    record: |id| format!("record “{id}”"),
    node_count: |n| if n == 1 { "1 organization".to_owned() } else { format!("{n} organizations") },
    keyboard_hint: "Arrow keys move, Right expands, Left collapses, Enter selects, Page Up/Down page",
    search_label: "Search organizations",
    search_hint: "Type a name or code; Enter goes to the matches, F3 to the next one, Escape clears",
    next_match: "Next",
    prev_match: "Previous",
    match_count: |n| if n == 1 { "1 match".to_owned() } else { format!("{n} matches") },
    match_position: |i, n, name| format!("Match {i} of {n}: {name}"),
    no_match: "No matches",
    match_note: "match",
    problem: |kind| kind.to_string(),
    row_figures: |members, grids, households| format!("members {members} · grids {grids} · households {households}"),

    warnings_title: "Also worth a look (these do not stop the data being used):",
    rule_set_version: |v, from, to| format!("version {v} · in force {from} to {to}"),
    scorecard_tabs: "Scorecard views",
    tab_ranking: "Ranking",
    tab_card: "Scorecard",
    filter_tier: "Tier",
    all_tiers: "All",
    filter_search: "Search",
    rows_shown: |n, total| format!("{n} of {total} shown"),
    ranking_caption: "Ranking: select a column heading to sort",
    col_rank: "Rank",
    col_name: "Name",
    col_total: "Total",
    col_tier: "Tier",
    tier: |t| match t {
        Tier::Excellence => "Excellent",
        Tier::Pass => "Pass",
        Tier::Fail => "Fail",
        Tier::NotRated => "Not rated",
    },
    open_card: |name| format!("Open the scorecard of {name}"),
    section_passed: "passed",
    section_failed: "below the mark",
    section_voided: "vetoed",
    no_rows: "Nothing matches the filters",
    entity_picker: "Show",
    total_points: |p| format!("total {p} points"),
    rank_of: |rank, n| match rank {
        Some(r) => format!("rank {r} of {n} rated"),
        None => "not ranked".to_owned(),
    },
    stars: |p, n| format!("{p} of {n} stars"),
    vetoes_title: "Vetoes:",
    bonuses_title: "Bonuses:",
    diagnostics_title: "Data notes: these facts are missing or wrong, and their indicators score 0",
    score_of: |p, max| format!("{p} / {max}"),
    col_indicator: "Indicator",
    col_points: "Points",
    col_reason: "Explanation",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_fall_back_to_chinese() {
        assert_eq!(Lang::from_tag(Some("en-GB")), Lang::En);
        assert_eq!(Lang::from_tag(Some("EN")), Lang::En);
        assert_eq!(Lang::from_tag(Some("zh-Hans")), Lang::ZhCn);
        assert_eq!(Lang::from_tag(Some("fr")), Lang::ZhCn);
        assert_eq!(Lang::from_tag(None), Lang::ZhCn);
    }

    #[test]
    fn search_messages_count_and_use_chinese_punctuation() {
        assert_eq!((ZH_CN.match_count)(3), "找到 3 个");
        assert_eq!((EN.match_count)(1), "1 match");
        assert_eq!((EN.match_count)(3), "3 matches");
        assert_eq!((ZH_CN.match_position)(2, 5, "凤翔一街党小组"), "找到 5 个，第 2 个：凤翔一街党小组");
        assert_eq!((EN.match_position)(2, 5, "x"), "Match 2 of 5: x");
        for text in [ZH_CN.search_hint, ZH_CN.keyboard_hint, ZH_CN.search_label, ZH_CN.no_match] {
            assert!(!text.contains([',', ':', '(', ')', ';']), "half-width punctuation in {text}");
        }
    }

}
