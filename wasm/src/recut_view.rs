//! The re-cut (片区重划) under `<gr-grid-map>`: with `"recut": {options}` in the data and block
//! features in `geo`, the core re-draws the grids (`grassroots::recut`, the same code as
//! `grassroots recut`) and the map shows the blocks before and after, each coloured by its
//! part, the moved blocks outlined, and the report as a table: every part's blocks,
//! households and population, whether it is in range, kept or new; the spread before and
//! after; the reasons a constraint cannot hold. It follows the node the map is drilled into.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use grassroots::org::NodeId;
use grassroots::recut::{Outcome, Summary};
use grassroots::Organization;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::overview::Overview;
use crate::recut_data::DrawnBlock;

/// The texts of the re-cut, zh-CN and en.
pub struct RecutText {
    pub title: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub before_img: fn(usize, usize) -> String,
    pub after_img: fn(usize, usize, usize) -> String,
    pub moved_note: &'static str,
    pub verdict: fn(bool) -> &'static str,
    pub range: fn(Option<f64>, Option<f64>, &str) -> String,
    pub spread: fn(&str, &Summary, bool) -> String,
    pub moved: fn(usize, usize) -> String,
    pub grids: fn(usize, usize, usize) -> String,
    pub table_caption: &'static str,
    pub columns: [&'static str; 7],
    pub status: fn(&str) -> &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub reasons: &'static str,
    pub none_here: &'static str,
    pub households: &'static str,
    pub population: &'static str,
}

fn span(s: &Summary, households: bool) -> (u64, u64, f64) {
    let x = if households { &s.households } else { &s.population };
    (x.min, x.max, x.max_deviation * 100.0)
}

pub const RECUT_ZH: RecutText = RecutText {
    title: "片区重划",
    before: "重划前",
    after: "重划后",
    before_img: |blocks, parts| format!("重划前：{blocks} 个楼栋，分属 {parts} 个网格，颜色区分网格"),
    after_img: |blocks, parts, moved| format!("重划后：{blocks} 个楼栋，分属 {parts} 个网格，其中 {moved} 个楼栋调整了所属网格（粗黑框）"),
    moved_note: "颜色区分网格（相邻网格颜色不同）；粗黑框：调整了所属网格的楼栋。各网格的数字见下表。",
    verdict: |ok| if ok { "所有约束均满足。" } else { "部分约束无法满足，以下为找到的最佳方案及原因。" },
    range: |min, max, what| match (min, max) {
        (Some(a), Some(b)) => format!("每格{what} {a:.0}–{b:.0}"),
        (Some(a), None) => format!("每格{what}不少于 {a:.0}"),
        (None, Some(b)) => format!("每格{what}不多于 {b:.0}"),
        (None, None) => String::new(),
    },
    spread: |when, s, households| {
        let (min, max, dev) = span(s, households);
        format!("{when}：{} 个网格，每格{} {min}–{max}，与平均值最大偏差 {dev:.1}%，{} 个超出范围", s.parts, if households { "户数" } else { "人口" }, s.out_of_range.len())
    },
    moved: |moved, all| format!("调整楼栋 {moved} 个（共 {all} 个）"),
    grids: |kept, new, removed| format!("保留网格 {kept} 个，新增 {new} 个，撤并 {removed} 个"),
    table_caption: "重划后各网格",
    columns: ["网格", "所属社区", "状态", "楼栋数", "户数", "人口", "在范围内"],
    status: |s| match s {
        "kept" => "保留",
        "new" => "新增",
        _ => "现有",
    },
    yes: "是",
    no: "否",
    reasons: "无法满足的约束",
    none_here: "此处没有参与重划的楼栋。",
    households: "户数",
    population: "人口",
};

pub const RECUT_EN: RecutText = RecutText {
    title: "Re-drawing the grids",
    before: "Before",
    after: "After",
    before_img: |blocks, parts| format!("Before: {blocks} blocks in {parts} grids, each grid its own colour"),
    after_img: |blocks, parts, moved| format!("After: {blocks} blocks in {parts} grids; {moved} blocks moved to another grid (thick black outline)"),
    moved_note: "Colours tell grids apart (neighbouring grids differ); a thick black outline marks a block that moved. The table below has every grid's figures.",
    verdict: |ok| if ok { "Every constraint holds." } else { "Some constraints cannot hold; this is the best assignment found, with the reasons." },
    range: |min, max, what| match (min, max) {
        (Some(a), Some(b)) => format!("{what} per grid {a:.0}–{b:.0}"),
        (Some(a), None) => format!("{what} per grid at least {a:.0}"),
        (None, Some(b)) => format!("{what} per grid at most {b:.0}"),
        (None, None) => String::new(),
    },
    spread: |when, s, households| {
        let (min, max, dev) = span(s, households);
        format!("{when}: {} grids, {} {min}–{max} a grid, largest deviation from the mean {dev:.1}%, {} out of range", s.parts, if households { "households" } else { "population" }, s.out_of_range.len())
    },
    moved: |moved, all| format!("{moved} of {all} blocks moved"),
    grids: |kept, new, removed| format!("{kept} grids kept, {new} new, {removed} merged away"),
    table_caption: "The grids after the re-cut",
    columns: ["Grid", "Community", "Status", "Blocks", "Households", "Population", "In range"],
    status: |s| match s {
        "kept" => "kept",
        "new" => "new",
        _ => "today",
    },
    yes: "yes",
    no: "no",
    reasons: "Constraints that cannot hold",
    none_here: "No block here is part of the re-cut.",
    households: "households",
    population: "population",
};

pub fn recut_text(lang: Lang) -> &'static RecutText {
    match lang {
        Lang::ZhCn => &RECUT_ZH,
        Lang::En => &RECUT_EN,
    }
}

#[derive(Properties)]
pub struct RecutProps {
    pub overview: Rc<Overview>,
    pub at: NodeId,
    pub lang: Lang,
}

props_eq!(RecutProps { shared: overview; at, lang });

fn drawing(blocks: &[&DrawnBlock], colour: &HashMap<String, usize>, after: bool, label: String) -> Html {
    let mut bbox = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
    for b in blocks {
        bbox = [bbox[0].min(b.bbox[0]), bbox[1].min(b.bbox[1]), bbox[2].max(b.bbox[2]), bbox[3].max(b.bbox[3])];
    }
    let pad = ((bbox[2] - bbox[0]).max(bbox[3] - bbox[1]) * 0.02).max(1.0);
    let view_box = format!("{:.1} {:.1} {:.1} {:.1}", bbox[0] - pad, bbox[1] - pad, bbox[2] - bbox[0] + 2.0 * pad, bbox[3] - bbox[1] + 2.0 * pad);
    html! {
        <svg viewBox={view_box} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet" focusable="false">
            { for blocks.iter().map(|b| {
                let part = if after { Some(b.after.as_str()) } else { b.before.as_deref() };
                let class = match part.and_then(|p| colour.get(p)) {
                    Some(c) => format!("gr-recut-block gr-recut-p{c}"),
                    None => "gr-recut-block gr-recut-none".to_owned(),
                };
                let class = if after && b.moved { format!("{class} gr-recut-moved") } else { class };
                html! { <path d={b.path.clone()} {class} data-block={b.id.clone()} /> }
            }) }
        </svg>
    }
}

/// Whether node `n` is `at` or below it.
fn under(org: &Organization, n: NodeId, at: NodeId) -> bool {
    org.tree().path_to_root(n).contains(&at)
}

#[function_component(RecutView)]
pub fn recut_view(props: &RecutProps) -> Html {
    let text = recut_text(props.lang);
    let Some(data) = props.overview.recut.as_ref() else { return Html::default() };
    let org = &props.overview.org;
    let at = props.at;
    let root = org.tree().root();
    let here: Vec<&DrawnBlock> = data.blocks.iter().filter(|b| at == root || b.community.is_some_and(|c| under(org, c, at))).collect();
    let outcome = &data.outcome;
    let report = &outcome.report;
    let households = report.households_range.min.is_some() || report.households_range.max.is_some();
    let parts_here = |after: bool| here.iter().filter_map(|b| if after { Some(b.after.as_str()) } else { b.before.as_deref() }).collect::<BTreeSet<_>>().len();
    let moved_here = here.iter().filter(|b| b.moved).count();
    let community_name = |id: Option<&str>| id.and_then(|c| org.tree().find(c)).map_or_else(String::new, |n| org.tree().node(n).name().to_owned());
    let rows: Vec<_> = report
        .after
        .per_part
        .iter()
        .filter(|p| at == root || p.community.as_deref().and_then(|c| org.tree().find(c)).is_some_and(|c| under(org, c, at)))
        .collect();
    let ranges: Vec<String> = [(report.households_range, text.households), (report.population_range, text.population)]
        .into_iter()
        .map(|(r, what)| (text.range)(r.min, r.max, what))
        .filter(|t| !t.is_empty())
        .collect();
    let change = outcome.org.as_ref().map(|o| (text.grids)(o.kept.len(), o.new.len(), o.removed.len()));
    html! {
        <section class="gr-recut" aria-labelledby="gr-recut-title">
            <h3 id="gr-recut-title" class="gr-title">{ text.title }</h3>
            <p class="gr-status" role="status">{ (text.verdict)(outcome.feasible) }{ " " }{ ranges.join(text_sep(props.lang)) }</p>
            <ul class="gr-list gr-recut-summary">
                if let Some(before) = &report.before {
                    <li>{ (text.spread)(text.before, before, households) }</li>
                }
                <li>{ (text.spread)(text.after, &report.after, households) }</li>
                <li>{ (text.moved)(report.moved, data.blocks.len()) }</li>
                if let Some(change) = change {
                    <li>{ change }</li>
                }
            </ul>
            if !outcome.reasons.is_empty() {
                <div class="gr-notes" role="note">
                    <p><strong>{ text.reasons }</strong></p>
                    <ul class="gr-problems">
                        { for outcome.reasons.iter().map(|r| html! { <li>{ if props.lang == Lang::En { r.en.clone() } else { r.zh.clone() } }</li> }) }
                    </ul>
                </div>
            }
            if here.is_empty() {
                <p>{ text.none_here }</p>
            } else {
                <p class="gr-hint">{ text.moved_note }</p>
                <div class="gr-recut-pair">
                    <figure class="gr-recut-figure">
                        <figcaption>{ text.before }</figcaption>
                        { drawing(&here, &data.colour, false, (text.before_img)(here.len(), parts_here(false))) }
                    </figure>
                    <figure class="gr-recut-figure">
                        <figcaption>{ text.after }</figcaption>
                        { drawing(&here, &data.colour, true, (text.after_img)(here.len(), parts_here(true), moved_here)) }
                    </figure>
                </div>
            }
            if !rows.is_empty() {
                { crate::export::button(props.lang, "gr-x-recut", text.table_caption) }
                <div class="gr-table-wrap" tabindex="0" role="region" aria-label={text.table_caption}>
                    <table class="gr-table gr-recut-table" id="gr-x-recut">
                        <caption class="gr-vh">{ text.table_caption }</caption>
                        <thead><tr>{ for text.columns.iter().enumerate().map(|(i, c)| html! { <th scope="col" class={(i >= 3 && i <= 5).then_some("gr-num")}>{ *c }</th> }) }</tr></thead>
                        <tbody>
                            { for rows.iter().map(|p| html! {
                                <tr class={classes!((!p.in_range).then_some("gr-recut-out"))}>
                                    <th scope="row">{ grid_name(org, outcome, &p.id) }</th>
                                    <td>{ community_name(p.community.as_deref()) }</td>
                                    <td>{ (text.status)(p.status) }</td>
                                    <td class="gr-num">{ p.blocks }</td>
                                    <td class="gr-num">{ p.households }</td>
                                    <td class="gr-num">{ p.population }</td>
                                    <td>{ if p.in_range { text.yes } else { text.no } }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}

fn text_sep(lang: Lang) -> &'static str {
    if lang == Lang::En { "; " } else { "；" }
}

/// A grid's name (its code, else its id) for a part id that is a grid of the organization; a
/// new part's id otherwise.
fn grid_name(org: &Organization, outcome: &Outcome, id: &str) -> String {
    let new = outcome.org.as_ref().and_then(|o| o.grids.iter().find(|g| g.id == id));
    let record = org.grids().iter().map(|g| g.record()).find(|r| r.id == id).or(new);
    record.map_or_else(|| id.to_owned(), |r| String::from(r.name.clone().unwrap_or_else(|| r.code.clone())))
}
