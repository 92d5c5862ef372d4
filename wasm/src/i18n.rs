//! The message catalogues: every string a person sees, in zh-CN (the default) and en.
//! Components never build user-visible text by hand; they ask the catalogue.

use grassroots::ProblemKind;
use grassroots::lists::{Instead, ItemKind};
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
    // <gr-duty-list>
    /// The lists' version and the day it takes effect.
    pub lists_version: fn(&str, &str) -> String,
    pub duty_tabs: &'static str,
    pub tab_items: &'static str,
    pub tab_lookup: &'static str,
    pub tab_diff: &'static str,
    pub filter_kind: &'static str,
    pub all_kinds: &'static str,
    /// A kind with the number of its items, for the kind filter.
    pub kind_count: fn(&str, usize) -> String,
    pub item_kind: fn(ItemKind) -> &'static str,
    pub filter_level: &'static str,
    pub all_levels: &'static str,
    pub filter_channels: &'static str,
    pub one_window: &'static str,
    pub online: &'static str,
    pub at_most_one_trip: &'static str,
    pub filter_status: &'static str,
    pub all_statuses: &'static str,
    /// A status by its JSON key (in_force, abolished, delegated_down).
    pub item_status: fn(&str) -> &'static str,
    pub items_search: &'static str,
    /// How many items the filters leave, of how many.
    pub items_shown: fn(usize, usize) -> String,
    pub items_caption: &'static str,
    pub no_items: &'static str,
    pub col_item: &'static str,
    pub col_kind: &'static str,
    pub col_level: &'static str,
    pub col_owner: &'static str,
    pub col_time_limit: &'static str,
    pub col_channels: &'static str,
    pub col_status: &'static str,
    pub working_days: fn(u32) -> String,
    pub no_owner: &'static str,
    pub none: &'static str,
    /// The accessible name of the button that opens an item's details.
    pub item_details: fn(&str) -> String,
    pub detail_basis: &'static str,
    pub detail_materials: &'static str,
    pub detail_aliases: &'static str,
    pub detail_introduced: &'static str,
    pub detail_status: &'static str,
    /// Separator of the entries of a list in running text.
    pub list_sep: &'static str,
    pub instead: fn(Instead) -> &'static str,
    /// Abolished: day, document, what to do instead (already joined; empty when not stated).
    pub abolished_since: fn(&str, &str, &str) -> String,
    /// Delegated down: day, the level it is handled at now.
    pub delegated_since: fn(&str, &str) -> String,
    pub in_force_since: fn(Option<&str>) -> String,
    pub lookup_label: &'static str,
    pub lookup_hint: &'static str,
    pub lookup_button: &'static str,
    pub lookup_empty: &'static str,
    pub lookup_too_short: fn(&str) -> String,
    pub lookup_none: fn(&str) -> String,
    /// How many certificates the query found.
    pub lookup_found: fn(&str, usize) -> String,
    /// Matched through another name the certificate has.
    pub matched_alias: fn(&str) -> String,
    /// In force: who issues it, at which level.
    pub still_required: fn(&str, &str) -> String,
    pub answer_abolished: &'static str,
    pub answer_in_force: &'static str,
    pub diff_heading: fn(&str, &str, &str, &str) -> String,
    pub diff_counts_caption: &'static str,
    pub col_before: &'static str,
    pub col_after: &'static str,
    pub col_change: &'static str,
    pub total: &'static str,
    pub diff_added: fn(usize) -> String,
    pub diff_removed: fn(usize) -> String,
    pub diff_moved: fn(usize) -> String,
    pub diff_changed: fn(usize) -> String,
    pub diff_restored: &'static str,
    pub diff_unlisted: &'static str,
    pub diff_down: &'static str,
    pub diff_not_down: &'static str,
    pub diff_same: &'static str,
    /// An item field's display name, by its JSON key.
    pub field_name: fn(&str) -> &'static str,
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
    lists_version: |v, day| format!("版本 {v} · 自 {day} 起施行"),
    duty_tabs: "清单视图",
    tab_items: "四张清单",
    tab_lookup: "证明查询",
    tab_diff: "版本对比",
    filter_kind: "清单类别",
    all_kinds: "全部",
    kind_count: |kind, n| format!("{kind}（{n}）"),
    item_kind: |k| k.zh(),
    filter_level: "办理层级",
    all_levels: "全部层级",
    filter_channels: "服务方式",
    one_window: "一窗受理",
    online: "一网通办",
    at_most_one_trip: "最多跑一次",
    filter_status: "状态",
    all_statuses: "全部状态",
    item_status: |key| match key {
        "abolished" => "已取消",
        "delegated_down" => "已下放",
        _ => "有效",
    },
    items_search: "搜索事项",
    items_shown: |n, total| format!("显示 {n} 项，共 {total} 项"),
    items_caption: "事项清单：点击事项名称查看详情",
    no_items: "没有符合条件的事项",
    col_item: "事项",
    col_kind: "类别",
    col_level: "办理层级",
    col_owner: "责任主体",
    col_time_limit: "办理时限",
    col_channels: "服务方式",
    col_status: "状态",
    working_days: |n| format!("{n} 个工作日"),
    no_owner: "未明确",
    none: "无",
    item_details: |name| format!("{name}：查看详情"),
    detail_basis: "依据",
    detail_materials: "所需材料",
    detail_aliases: "又称",
    detail_introduced: "列入日期",
    detail_status: "状态说明",
    list_sep: "、",
    instead: |i| i.zh(),
    abolished_since: |since, by, instead| {
        if instead.is_empty() { format!("已于 {since} 由 {by} 取消") } else { format!("已于 {since} 由 {by} 取消，改为{instead}") }
    },
    delegated_since: |since, level| format!("自 {since} 起下放至{level}办理"),
    in_force_since: |since| match since {
        Some(day) => format!("自 {day} 起有效"),
        None => "有效".to_owned(),
    },
    lookup_label: "要开什么证明？",
    lookup_hint: "输入证明名称，例如：还需要开健在证明吗？",
    lookup_button: "查询",
    lookup_empty: "请输入要查询的证明名称。",
    lookup_too_short: |q| format!("“{q}”太短，请至少输入证明名称的两个字。"),
    lookup_none: |q| format!("没有找到与“{q}”相符的证明事项。"),
    lookup_found: |q, n| format!("“{q}”：找到 {n} 项证明"),
    matched_alias: |name| format!("按“{name}”匹配"),
    still_required: |issuer, level| format!("仍需办理：{issuer}（{level}）"),
    answer_abolished: "不用再开",
    answer_in_force: "仍需办理",
    diff_heading: |ov, od, nv, nd| format!("版本 {ov}（{od}）→ 版本 {nv}（{nd}）"),
    diff_counts_caption: "各类有效事项数量",
    col_before: "调整前",
    col_after: "调整后",
    col_change: "增减",
    total: "合计",
    diff_added: |n| format!("新增 {n} 项"),
    diff_removed: |n| format!("取消 {n} 项"),
    diff_moved: |n| format!("调整层级 {n} 项"),
    diff_changed: |n| format!("内容变更 {n} 项"),
    diff_restored: "（恢复）",
    diff_unlisted: "不再列入清单",
    diff_down: "下放",
    diff_not_down: "调整",
    diff_same: "两个版本没有差别。",
    field_name: |f| match f {
        "name" => "名称",
        "kind" => "类别",
        "owner" => "责任主体",
        "basis" => "依据",
        "time_limit_days" => "办理时限（工作日）",
        "materials" => "所需材料",
        "channels" => "服务方式",
        "aliases" => "又称",
        "status" => "状态",
        _ => "其他",
    },
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
    lists_version: |v, day| format!("version {v} · in effect from {day}"),
    duty_tabs: "List views",
    tab_items: "The four lists",
    tab_lookup: "Certificate lookup",
    tab_diff: "Compare versions",
    filter_kind: "List",
    all_kinds: "All",
    kind_count: |kind, n| format!("{kind} ({n})"),
    item_kind: |k| match k {
        ItemKind::SelfGovernance => "Self-governance",
        ItemKind::Assist => "Assistance",
        ItemKind::Certificate => "Certificates",
        ItemKind::Negative => "Negative list",
    },
    filter_level: "Handled at",
    all_levels: "All levels",
    filter_channels: "Channels",
    one_window: "One window",
    online: "Online",
    at_most_one_trip: "At most one trip",
    filter_status: "Status",
    all_statuses: "Any status",
    item_status: |key| match key {
        "abolished" => "Abolished",
        "delegated_down" => "Delegated down",
        _ => "In force",
    },
    items_search: "Search items",
    items_shown: |n, total| format!("{n} of {total} items shown"),
    items_caption: "Items: select an item's name for its details",
    no_items: "No item matches the filters",
    col_item: "Item",
    col_kind: "List",
    col_level: "Handled at",
    col_owner: "Owner",
    col_time_limit: "Time limit",
    col_channels: "Channels",
    col_status: "Status",
    working_days: |n| if n == 1 { "1 working day".to_owned() } else { format!("{n} working days") },
    no_owner: "not named",
    none: "none",
    item_details: |name| format!("{name}: details"),
    detail_basis: "Legal basis",
    detail_materials: "Materials",
    detail_aliases: "Also called",
    detail_introduced: "Listed since",
    detail_status: "Status",
    list_sep: ", ",
    instead: |i| match i {
        Instead::SelfDeclaration => "a signed self-declaration",
        Instead::DataSharing => "shared department data",
        Instead::OnlineVerification => "online verification",
        Instead::DepartmentIssues => "the competent department issues it",
        Instead::NotNeeded => "nothing at all",
    },
    abolished_since: |since, by, instead| {
        if instead.is_empty() { format!("Abolished on {since} by {by}") } else { format!("Abolished on {since} by {by}; instead: {instead}") }
    },
    delegated_since: |since, level| format!("Delegated down to {level} on {since}"),
    in_force_since: |since| match since {
        Some(day) => format!("In force since {day}"),
        None => "In force".to_owned(),
    },
    lookup_label: "Which certificate do you need?",
    lookup_hint: "Type its name, e.g. 健在证明 (proof of being alive)",
    lookup_button: "Look up",
    lookup_empty: "Please type the name of a certificate.",
    lookup_too_short: |q| format!("“{q}” is too short: type at least two characters of the certificate's name."),
    lookup_none: |q| format!("No certificate matches “{q}”."),
    lookup_found: |q, n| if n == 1 { format!("“{q}”: 1 certificate found") } else { format!("“{q}”: {n} certificates found") },
    matched_alias: |name| format!("matched as “{name}”"),
    still_required: |issuer, level| format!("Still required: issued by {issuer} ({level})"),
    answer_abolished: "No longer needed",
    answer_in_force: "Still required",
    diff_heading: |ov, od, nv, nd| format!("version {ov} ({od}) → version {nv} ({nd})"),
    diff_counts_caption: "Items in force per list",
    col_before: "Before",
    col_after: "After",
    col_change: "Change",
    total: "Total",
    diff_added: |n| format!("Added: {n}"),
    diff_removed: |n| format!("Removed: {n}"),
    diff_moved: |n| format!("Moved to another level: {n}"),
    diff_changed: |n| format!("Changed: {n}"),
    diff_restored: " (restored)",
    diff_unlisted: "no longer listed",
    diff_down: "delegated down",
    diff_not_down: "moved",
    diff_same: "The two versions do not differ.",
    field_name: |f| match f {
        "name" => "name",
        "kind" => "list",
        "owner" => "owner",
        "basis" => "legal basis",
        "time_limit_days" => "time limit (working days)",
        "materials" => "materials",
        "channels" => "channels",
        "aliases" => "also called",
        "status" => "status",
        _ => "other",
    },
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
