//! The message catalogues: every string a person sees, in zh-CN (the default) and en.
//! Components never build user-visible text by hand; they ask the catalogue.

use grassroots::ProblemKind;
use grassroots::cases::{EventKind, Satisfaction, Source, Step, Urgency};
use grassroots::rules::Tier;

use crate::case_tracker::Span;

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
    // <gr-case-tracker>
    pub tracker_label: &'static str,
    /// How many cases the document has.
    pub case_count: fn(usize) -> String,
    /// The tracker's current time, already formatted.
    pub now_is: fn(&str) -> String,
    /// The `now` option is not RFC 3339: the value given.
    pub bad_now: fn(&str) -> String,
    pub clock_unavailable: &'static str,
    pub case_list_label: &'static str,
    pub case_list_hint: &'static str,
    /// A list line's details: category, node, current step.
    pub case_meta: fn(&str, &str, &str) -> String,
    pub no_step: &'static str,
    pub no_cases: &'static str,
    /// The live announcement of a clock turning breached: case title, clock name.
    pub announce_breached: fn(&str, &str) -> String,
    /// Between items of a run-in list (，/ , ).
    pub list_separator: &'static str,
    /// Between a label and its value (：/ : ).
    pub label_separator: &'static str,
    pub label_id: &'static str,
    pub label_category: &'static str,
    pub label_node: &'static str,
    pub label_source: &'static str,
    pub label_urgency: &'static str,
    pub label_opened: &'static str,
    pub step_name: fn(Step) -> &'static str,
    pub source_name: fn(Source) -> &'static str,
    pub urgency_name: fn(Urgency) -> &'static str,
    pub event_name: fn(EventKind) -> &'static str,
    pub satisfaction_name: fn(Satisfaction) -> &'static str,
    pub timeline_title: &'static str,
    /// A step taken: when (formatted) and by whom.
    pub step_done: fn(&str, &str) -> String,
    pub not_reached: &'static str,
    pub events_title: &'static str,
    pub no_events: &'static str,
    pub dispatch_title: &'static str,
    pub no_route: &'static str,
    pub label_route: &'static str,
    pub label_reports: &'static str,
    pub label_report_by: &'static str,
    pub label_level: &'static str,
    pub label_level_due: &'static str,
    pub label_dispatch_state: &'static str,
    /// Who holds the case now, and how many levels it has climbed (0: the responder).
    pub level_now: fn(&str, usize) -> String,
    /// Someone reported (arrived) at this time.
    pub arrived_at: fn(&str) -> String,
    pub ladder_exhausted: &'static str,
    /// Seconds left at the current level.
    pub level_left: fn(i64) -> String,
    /// Seconds past the responder's own deadline.
    pub report_overdue: fn(i64) -> String,
    pub clocks_title: &'static str,
    /// The clock table's caption: the case title.
    pub clocks_caption: fn(&str) -> String,
    pub col_clock: &'static str,
    pub col_standard: &'static str,
    pub col_deadline: &'static str,
    pub col_status: &'static str,
    /// Met, with this many seconds to spare.
    pub clock_met: fn(i64) -> String,
    /// The event came this many seconds late.
    pub clock_late: fn(i64) -> String,
    /// Still waiting, this many seconds past the deadline.
    pub clock_breached: fn(i64) -> String,
    /// Still waiting, this many seconds left.
    pub clock_running: fn(i64) -> String,
    pub clock_not_started: &'static str,
    pub all_met: &'static str,
    pub no_clocks: &'static str,
}

/// A duration in Chinese: `12 分钟`, `2 分 5 秒`, `1 小时 5 分钟`, `4 天 6 小时`.
fn span_zh(seconds: i64) -> String {
    match Span::of(seconds) {
        Span::Seconds(s) => format!("{s} 秒"),
        Span::Minutes(m, 0) => format!("{m} 分钟"),
        Span::Minutes(m, s) => format!("{m} 分 {s} 秒"),
        Span::Hours(h, 0) => format!("{h} 小时"),
        Span::Hours(h, m) => format!("{h} 小时 {m} 分钟"),
        Span::Days(d, 0) => format!("{d} 天"),
        Span::Days(d, h) => format!("{d} 天 {h} 小时"),
    }
}

/// A duration in English: `12 min`, `2 min 5 s`, `1 h 5 min`, `4 d 6 h`.
fn span_en(seconds: i64) -> String {
    match Span::of(seconds) {
        Span::Seconds(s) => format!("{s} s"),
        Span::Minutes(m, 0) => format!("{m} min"),
        Span::Minutes(m, s) => format!("{m} min {s} s"),
        Span::Hours(h, 0) => format!("{h} h"),
        Span::Hours(h, m) => format!("{h} h {m} min"),
        Span::Days(d, 0) => format!("{d} d"),
        Span::Days(d, h) => format!("{d} d {h} h"),
    }
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
    // <gr-case-tracker>
    tracker_label: "民情案件",
    case_count: |n| format!("共 {n} 件"),
    now_is: |t| format!("当前时间 {t}"),
    bad_now: |v| format!("“now”的值“{v}”不是 RFC 3339 时间，已改用本机当前时间"),
    clock_unavailable: "无法读取当前时间，时限无法计算",
    case_list_label: "案件列表（超时优先）",
    case_list_hint: "↑ ↓ 移动，Home/End 到首尾，回车或空格查看详情",
    case_meta: |category, node, step| format!("类别：{category} · 网格：{node} · 环节：{step}"),
    no_step: "未受理",
    no_cases: "没有案件",
    announce_breached: |case, clock| format!("已超时：{case}，{clock}"),
    list_separator: "，",
    label_separator: "：",
    label_id: "编号",
    label_category: "类别",
    label_node: "网格",
    label_source: "来源",
    label_urgency: "紧急程度",
    label_opened: "受理时间",
    step_name: |s| match s {
        Step::Collect => "收集",
        Step::Analyse => "分析",
        Step::Handle => "办理",
        Step::Feedback => "反馈",
        Step::Review => "评议",
    },
    source_name: |s| match s {
        Source::Resident => "群众",
        Source::GridWorker => "网格员",
        Source::CommunityCommittee => "社区党组织",
        Source::Township => "镇（街道）党（工）委",
        Source::PoliceAlert => "警情",
        Source::CameraAlert => "天眼",
        Source::Hotline12345 => "12345热线",
    },
    urgency_name: |u| match u {
        Urgency::Emergency => "紧急",
        Urgency::Urgent => "加急",
        Urgency::Normal => "一般",
    },
    event_name: |e| match e {
        EventKind::ContactKnown => "知晓联系对象",
        EventKind::ContactReached => "联系到人",
        EventKind::OnSite => "到场",
        EventKind::Dispatched => "派单",
        EventKind::Answered => "答复",
    },
    satisfaction_name: |s| match s {
        Satisfaction::Satisfied => "满意",
        Satisfaction::Basically => "基本满意",
        Satisfaction::Unsatisfied => "不满意",
    },
    timeline_title: "办理流程",
    step_done: |at, by| format!("{at}，经办：{by}"),
    not_reached: "尚未到达",
    events_title: "事件记录",
    no_events: "暂无事件记录",
    dispatch_title: "吹哨报到",
    no_route: "没有吹哨路由（12345 工单按热线时限办理）",
    label_route: "路由",
    label_reports: "须报到",
    label_report_by: "报到时限",
    label_level: "当前责任层级",
    label_level_due: "本级时限",
    label_dispatch_state: "报到情况",
    level_now: |who, level| if level == 0 { format!("{who}（未升级）") } else { format!("{who}（已升级 {level} 级）") },
    arrived_at: |t| format!("已于 {t} 到场"),
    ladder_exhausted: "已升至最高一级，仍无人到场",
    level_left: |s| format!("本级剩余 {}", span_zh(s)),
    report_overdue: |s| format!("超出报到时限 {}", span_zh(s)),
    clocks_title: "时限",
    clocks_caption: |title| format!("{title}的时限"),
    col_clock: "时限要求",
    col_standard: "标准",
    col_deadline: "截止时间",
    col_status: "状态",
    clock_met: |s| if s == 0 { "按时达标（恰在时限）".to_owned() } else { format!("已达标（提前 {}）", span_zh(s)) },
    clock_late: |s| format!("超时完成（晚 {}）", span_zh(s)),
    clock_breached: |s| format!("已超时 {}", span_zh(s)),
    clock_running: |s| format!("剩余 {}", span_zh(s)),
    clock_not_started: "未开始",
    all_met: "全部达标",
    no_clocks: "无时限要求",
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
    // <gr-case-tracker>
    tracker_label: "Cases",
    case_count: |n| if n == 1 { "1 case".to_owned() } else { format!("{n} cases") },
    now_is: |t| format!("now {t}"),
    bad_now: |v| format!("The now option “{v}” is not an RFC 3339 time; the clock of this computer is used instead"),
    clock_unavailable: "The current time cannot be read, so no clock can be computed",
    case_list_label: "Cases, overdue first",
    case_list_hint: "Up and Down move, Home and End go to the ends, Enter or Space opens a case",
    case_meta: |category, node, step| format!("category: {category} · grid: {node} · step: {step}"),
    no_step: "not taken in",
    no_cases: "No cases",
    announce_breached: |case, clock| format!("Overdue: {case}, {clock}"),
    list_separator: ", ",
    label_separator: ": ",
    label_id: "Case",
    label_category: "Category",
    label_node: "Grid",
    label_source: "Raised by",
    label_urgency: "Urgency",
    label_opened: "Opened",
    step_name: |s| match s {
        Step::Collect => "Collect",
        Step::Analyse => "Analyse",
        Step::Handle => "Handle",
        Step::Feedback => "Feedback",
        Step::Review => "Review",
    },
    source_name: |s| match s {
        Source::Resident => "a resident",
        Source::GridWorker => "a grid worker",
        Source::CommunityCommittee => "the community committee",
        Source::Township => "the township",
        Source::PoliceAlert => "a police incident",
        Source::CameraAlert => "a camera alert",
        Source::Hotline12345 => "the 12345 hotline",
    },
    urgency_name: |u| match u {
        Urgency::Emergency => "emergency",
        Urgency::Urgent => "urgent",
        Urgency::Normal => "normal",
    },
    event_name: |e| match e {
        EventKind::ContactKnown => "knew whom to call",
        EventKind::ContactReached => "reached them",
        EventKind::OnSite => "on site",
        EventKind::Dispatched => "dispatched",
        EventKind::Answered => "answered",
    },
    satisfaction_name: |s| match s {
        Satisfaction::Satisfied => "satisfied",
        Satisfaction::Basically => "basically satisfied",
        Satisfaction::Unsatisfied => "unsatisfied",
    },
    timeline_title: "Steps",
    step_done: |at, by| format!("{at}, by {by}"),
    not_reached: "not reached",
    events_title: "Events",
    no_events: "No events yet",
    dispatch_title: "Whistle and report",
    no_route: "No whistle route (12345 cases follow the hotline's clocks)",
    label_route: "Route",
    label_reports: "Must report",
    label_report_by: "Report by",
    label_level: "Now with",
    label_level_due: "Due at this level",
    label_dispatch_state: "Report",
    level_now: |who, level| match level {
        0 => format!("{who} (not escalated)"),
        1 => format!("{who} (escalated 1 level)"),
        n => format!("{who} (escalated {n} levels)"),
    },
    arrived_at: |t| format!("arrived {t}"),
    ladder_exhausted: "top of the ladder reached and still nobody on site",
    level_left: |s| format!("{} left at this level", span_en(s)),
    report_overdue: |s| format!("{} past the report deadline", span_en(s)),
    clocks_title: "Clocks",
    clocks_caption: |title| format!("Clocks of {title}"),
    col_clock: "Clock",
    col_standard: "Standard",
    col_deadline: "Deadline",
    col_status: "Status",
    clock_met: |s| if s == 0 { "met exactly at the deadline".to_owned() } else { format!("met, {} early", span_en(s)) },
    clock_late: |s| format!("done {} late", span_en(s)),
    clock_breached: |s| format!("overdue by {}", span_en(s)),
    clock_running: |s| format!("{} left", span_en(s)),
    clock_not_started: "not started",
    all_met: "all met",
    no_clocks: "no clocks",
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


    #[test]
    fn case_tracker_messages_use_chinese_punctuation() {
        for text in [ZH_CN.case_list_hint, ZH_CN.no_route, ZH_CN.list_separator, ZH_CN.label_separator, ZH_CN.ladder_exhausted] {
            assert!(!text.contains([',', ':', '(', ')', ';']), "half-width punctuation in {text}");
        }
        for text in [(ZH_CN.clock_met)(90), (ZH_CN.level_now)("网格员", 2), (ZH_CN.announce_breached)("胜利街水管爆裂", "10分钟内有人到场"), (ZH_CN.step_done)("2026-08-31 17:56", "网格员 彭丽")] {
            assert!(!text.contains([',', ':', '(', ')', ';']) || text.contains("17:56"), "half-width punctuation in {text}");
        }
        assert_eq!((ZH_CN.level_now)("网格员", 1), "网格员（已升级 1 级）");
        assert_eq!((EN.level_now)("grid worker", 2), "grid worker (escalated 2 levels)");
        assert_eq!((ZH_CN.clock_late)(4 * 86_400 + 6 * 3_600), "超时完成（晚 4 天 6 小时）");
    }
}
