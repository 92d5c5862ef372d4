//! `<gr-dashboard>` (一屏统览): one node of the organization tree at a glance — its
//! rolled-up counts and coverage ratios, members by kind, 双报到 figures, the case rates of a
//! period ("not enough cases" where the sample is too small), the star tiers of a scorecard,
//! and drill-down to its children with a breadcrumb back up.
//!
//! Every figure is the core's ([`Organization::rollup`], [`grassroots::cases::metrics`],
//! [`Scorecard::evaluation`]), computed once when the data loads; this module only picks and
//! renders. Charts are SVG bars drawn here, each hidden from assistive technology next to a
//! visually hidden table with the same figures.

use std::rc::Rc;

use grassroots::org::NodeId;
use grassroots::rules::Tier;
use grassroots::{Error, Organization};
use serde::Serialize;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::error_panel::{dated, marked, notes};
use crate::events::dispatch;
use crate::i18n::{Catalogue, Lang};
#[cfg(feature = "geo")]
use crate::map::{Figure, MapModel, MapView, Target, dispatch_select};
use crate::overview::{self, Overview};
pub use crate::overview::{day, node_metrics, node_tier, percent, rate_text};

/// What `<gr-dashboard>` shows: the organization, the case metrics of a period (when cases
/// were given), a scorecard's evaluation (when given) and the map (when `geo` was given).
pub type DashData = Overview;

/// Reads `{"org", "geo"?, "cases"?, "period"?, "min_sample"?, "scorecard"?}`. Every problem of
/// every part is reported, with its path from the top (`$.org.nodes[3].parent`).
pub fn load(json: &str) -> Result<DashData, Error> {
    overview::load(json, false)
}

/// One bar of a chart: its label, its value as text, and its length 0–1.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: &'static str,
    pub value: String,
    pub share: f64,
}

/// The coverage bars of a node: grids with a branch, members in a grid, households linked.
pub fn coverage_bars(org: &Organization, id: NodeId, text: &Catalogue) -> Vec<Bar> {
    let rollup = org.rollup(id);
    let c = rollup.coverage();
    let d = &text.dash_domain;
    // The domain's ratios only where the node has what they count: a street with no compound
    // on record shows no property figures, a tree that records no 包保 unit no 1+4+N.
    let baobao = if rollup.baobao.with_units > 0 { c.baobao_complete } else { grassroots::org::Ratio::new(0, 0) };
    let domain = [(d[3], c.compounds_managed), (d[4], c.red_property), (d[5], c.joint_meeting), (d[6], baobao), (d[7], c.worker_model)];
    [(text.dash_cov_branch, c.grids_with_branch), (text.dash_cov_grid, c.members_in_grid), (text.dash_cov_linked, c.households_linked)]
        .into_iter()
        .chain(domain.into_iter().filter(|(_, r)| r.denominator > 0))
        .map(|(label, r)| Bar {
            label,
            value: match r.value {
                Some(v) => (text.dash_ratio)(&percent(v), r.numerator, r.denominator),
                None => (text.dash_ratio)("—", r.numerator, r.denominator),
            },
            share: r.value.unwrap_or(0.0),
        })
        .collect()
}

/// The member bars of a node, by kind, each relative to the largest.
pub fn member_bars(org: &Organization, id: NodeId, text: &Catalogue) -> Vec<Bar> {
    let m = &org.rollup(id).members;
    let kinds = [(text.dash_in_service, m.in_service), (text.dash_retired, m.retired), (text.dash_mobile_in, m.mobile_in), (text.dash_mobile_out, m.mobile_out), (text.dash_no_office, m.no_office)];
    let max = kinds.iter().map(|k| k.1).max().unwrap_or(0).max(1);
    kinds.into_iter().map(|(label, n)| Bar { label, value: n.to_string(), share: f64::from(n) / f64::from(max) }).collect()
}

/// How the scorecard entities below a node (the node itself not counted) were rated: one bar
/// per tier, each relative to the most common; none when no entity is below it.
pub fn tier_bars(data: &DashData, id: NodeId, text: &Catalogue) -> Vec<Bar> {
    let Some(card) = &data.card else { return Vec::new() };
    let tree = data.org.tree();
    let mut counts = [0u32; 4];
    for e in &card.evaluation().entities {
        if tree.find(&e.id).is_some_and(|n| n != id && tree.path_to_root(n).contains(&id)) {
            counts[tier_index(e.tier)] += 1;
        }
    }
    if counts.iter().all(|&n| n == 0) {
        return Vec::new();
    }
    let max = counts.iter().copied().max().unwrap_or(1).max(1);
    [Tier::Excellence, Tier::Pass, Tier::Fail, Tier::NotRated]
        .into_iter()
        .map(|t| {
            let n = counts[tier_index(t)];
            Bar { label: (text.tier)(t), value: n.to_string(), share: f64::from(n) / f64::from(max) }
        })
        .collect()
}

fn tier_index(tier: Tier) -> usize {
    match tier {
        Tier::Excellence => 0,
        Tier::Pass => 1,
        Tier::Fail => 2,
        Tier::NotRated => 3,
    }
}

/// The `detail` of `gr-select`.
#[derive(Serialize)]
struct SelectDetail<'a> {
    id: &'a str,
    name: &'a str,
    /// Always `node` here; `grid` when a grid is selected on the map.
    kind: &'static str,
    level: &'a str,
}

#[derive(Properties)]
pub struct DashboardProps {
    pub data: Rc<DashData>,
    pub lang: Lang,
    pub label: Option<AttrValue>,
    /// The record id of the node shown first; the root when absent or unknown.
    pub node: Option<AttrValue>,
    /// Elderly mode (the map's labels grow with the text).
    #[prop_or_default]
    pub elderly: bool,
    pub host: HtmlElement,
}

props_eq!(DashboardProps { shared: data; lang, label, node, elderly, host });

fn tier_class(tier: Tier) -> &'static str {
    match tier {
        Tier::Excellence => "gr-tier gr-tier-excellence",
        Tier::Pass => "gr-tier gr-tier-pass",
        Tier::Fail => "gr-tier gr-tier-fail",
        Tier::NotRated => "gr-tier gr-tier-none",
    }
}

#[cfg(feature = "geo")]
/// The map beside the figures: drawn inside the node shown, coloured by overdue clocks when
/// cases were given; a shape selected there is selected here (a grid by its branch node).
fn dash_map(data: &Rc<DashData>, model: Rc<MapModel>, id: NodeId, lang: Lang, elderly: bool, selected: &UseStateHandle<NodeId>, host: &HtmlElement) -> Html {
    let navigate = { let selected = selected.clone(); Callback::from(move |n: NodeId| selected.set(n)) };
    let pick = {
        let (data, model, host, selected) = (Rc::clone(data), Rc::clone(&model), host.clone(), selected.clone());
        // The focus stays on the map (the dashboard's own links move it to the heading).
        Callback::from(move |p: usize| {
            let Some(place) = model.places.get(p) else { return };
            dispatch_select(&host, &data.org, place);
            match place.target {
                Target::Node(n) => selected.set(n),
                Target::Grid(g) => {
                    if let Some(branch) = data.org.grids().get(g).and_then(|g| g.branch()) {
                        selected.set(branch);
                    }
                }
            }
        })
    };
    let figure = if data.metrics.is_some() { Figure::OverdueClocks } else { Figure::Households };
    // The map of a node with no shapes below it is that of its parent.
    let at = if model.shown(&data.org, id).is_empty() { data.org.tree().node(id).parent().unwrap_or(id) } else { id };
    html! { <MapView data={Rc::clone(data)} {model} {lang} {at} {figure} label={None::<AttrValue>} {navigate} {pick} crumbs={false} {elderly} /> }
}

/// The map, when the data has geometry and the module draws maps.
fn map_of(data: &Rc<DashData>, id: NodeId, lang: Lang, elderly: bool, selected: &UseStateHandle<NodeId>, host: &HtmlElement) -> Html {
    #[cfg(feature = "geo")]
    if let Some(model) = data.map.clone() {
        return dash_map(data, model, id, lang, elderly, selected, host);
    }
    let _ = (data, id, lang, elderly, selected, host);
    Html::default()
}

/// A value's text (`98.7% (225/228)`, `97.0%（2425/2500）`) with each figure — a number with
/// its decimals, percent sign or fraction, and the brackets around it — kept on one line
/// unless it is wider than the line (then broken after a fraction's slash), and a break
/// allowed between two figures that touch: in a narrow column browsers broke `98.7` / `%` and
/// `(2425/25` / `00)`, which read as other numbers. Text stays text (text nodes).
fn unbroken(text: &str) -> Html {
    const OPEN: &[u8] = "（".as_bytes();
    const CLOSE: &[u8] = "）".as_bytes();
    let figure = |c: u8| c.is_ascii_digit() || matches!(c, b'.' | b',' | b'%' | b'/');
    marked(
        text,
        |b, i| {
            let open = if b[i] == b'(' { 1 } else if b[i..].starts_with(OPEN) { OPEN.len() } else { 0 };
            // A figure starts at a digit (or its bracket), not inside another figure or a word.
            let inside = open == 0 && i > 0 && (figure(b[i - 1]) || b[i - 1].is_ascii_alphabetic() || b[i - 1] == b'_');
            if inside || !b.get(i + open).is_some_and(u8::is_ascii_digit) {
                return None;
            }
            let mut end = i + open;
            while b.get(end).copied().is_some_and(figure) {
                end += 1;
            }
            if open == 1 && b.get(end) == Some(&b')') {
                end += 1;
            } else if open > 1 && b[end..].starts_with(CLOSE) {
                end += CLOSE.len();
            }
            // It ends after an ASCII byte or a whole `）`: a character boundary, as `marked` needs.
            Some(end)
        },
        // An inline block: on a line of its own when it does not fit beside the text before
        // it, and broken inside only when wider than the whole line (`（19123/28087）` at
        // 24 px with WCAG's text spacing in a phone's column), after its slash.
        |shown, out| {
            let b = shown.as_bytes();
            let mut pieces: Vec<Html> = Vec::new();
            let mut from = 0;
            for cut in (0..b.len()).filter(|&k| b[k] == b'/').map(|k| k + 1).chain([b.len()]) {
                if from > 0 {
                    pieces.push(html! { <wbr/> });
                }
                pieces.push(Html::from(shown[from..cut].to_owned()));
                from = cut;
            }
            out.push(html! { <span class="gr-figure">{ for pieces }</span> });
        },
    )
}

/// A horizontal bar chart (hidden from assistive technology) and its table alternative.
fn chart(title: &'static str, col: &'static str, bars: &[Bar], text: &Catalogue) -> Html {
    // The drawing, hidden from screen readers (the table below reads the same): each bar's
    // label and value as text on a line above it — the value right-aligned, on a line of its
    // own when the two do not fit side by side (English labels are long; drawn inside the
    // SVG they ran into the value) — and the bar, an SVG stretched to the column's width.
    const WIDTH: f64 = 340.0;
    html! {
        <figure class="gr-chart">
            <figcaption class="gr-chart-title">{ title }</figcaption>
            <div class="gr-chart-bars" aria-hidden="true">
                { for bars.iter().map(|b| {
                    let width = grassroots::text::fixed((b.share.clamp(0.0, 1.0) * WIDTH).max(1.0), 1);
                    html! {
                        <div class="gr-chart-row">
                            <span class="gr-chart-label">{ b.label }</span>
                            <span class="gr-chart-value">{ b.value.clone() }</span>
                            <svg class="gr-chart-svg" viewBox="0 0 340 16" preserveAspectRatio="none" focusable="false">
                                <rect width="340" height="16" class="gr-chart-track" />
                                <rect {width} height="16" class="gr-chart-bar" />
                            </svg>
                        </div>
                    }
                }) }
            </div>
            <table class="gr-vh">
                <caption>{ title }</caption>
                <thead><tr><th scope="col">{ col }</th><th scope="col">{ text.dash_col_value }</th></tr></thead>
                <tbody>
                    { for bars.iter().map(|b| html! { <tr><th scope="row">{ b.label }</th><td>{ unbroken(&b.value) }</td></tr> }) }
                </tbody>
            </table>
        </figure>
    }
}

#[function_component(DashboardView)]
pub fn dashboard_view(props: &DashboardProps) -> Html {
    let data = Rc::clone(&props.data);
    let text = props.lang.text();
    let english = props.lang == Lang::En;
    let tree = data.org.tree();
    let start = props.node.as_ref().and_then(|n| tree.find(n)).unwrap_or_else(|| tree.root());
    let selected = use_state(|| start);
    let heading = use_node_ref();
    let id = if selected.index() < tree.len() { *selected } else { tree.root() };

    let select = {
        let (data, host, selected, heading) = (Rc::clone(&data), props.host.clone(), selected.clone(), heading.clone());
        Callback::from(move |to: NodeId| {
            let node = data.org.tree().node(to);
            dispatch(&host, "gr-select", &SelectDetail { id: node.id(), name: node.name(), kind: "node", level: node.level() });
            selected.set(to);
            if let Some(h) = heading.cast::<HtmlElement>() {
                let _ = h.focus();
            }
        })
    };
    let button = |to: NodeId, label: String| {
        let onclick = { let select = select.clone(); Callback::from(move |_| select.emit(to)) };
        html! { <button type="button" class="gr-link" {onclick}>{ label }</button> }
    };

    let node = tree.node(id);
    let r = data.org.rollup(id);
    let title = props.label.clone().unwrap_or_else(|| AttrValue::from(text.dash_title));
    let mut path = tree.path_to_root(id);
    path.reverse();
    let mut figures: Vec<(&'static str, String)> = vec![
        (text.dash_members, r.members.total.to_string()),
        (text.dash_grids, r.grids.to_string()),
        (text.dash_grid_workers, r.grid_workers.to_string()),
        (text.dash_households, r.households.to_string()),
        (text.dash_population, r.population.to_string()),
        (text.dash_units, r.reporting_units.to_string()),
        (text.dash_co_located, r.co_located_units.to_string()),
        (text.dash_members_reported, r.members_reported.to_string()),
    ];
    if r.compounds.total > 0 {
        figures.push((text.dash_domain[0], r.compounds.total.to_string()));
        figures.push((text.dash_domain[1], r.compounds.without_property.to_string()));
    }
    if r.teams.total > 0 {
        figures.push((text.dash_domain[2], r.teams.total.to_string()));
    }
    let cases = node_metrics(&data, id);
    let tier = node_tier(&data, id);
    let has_card = data.card.is_some();
    let tiers = tier_bars(&data, id, text);
    html! {
        <section class="gr-dashboard" aria-label={title.clone()}>
            <div class="gr-head">
                <span class="gr-title">{ title }</span>
                if let Some(m) = &data.metrics {
                    <span class="gr-count">{ dated(&(text.dash_period)(&day(m.from), &day(m.to))) }</span>
                }
            </div>
            <nav class="gr-crumbs" aria-label={text.dash_breadcrumb}>
                <ol>
                    { for path.iter().map(|&p| {
                        let name = tree.node(p).name().to_owned();
                        if p == id {
                            html! { <li><span aria-current="page">{ name }</span></li> }
                        } else {
                            html! { <li>{ button(p, name) }</li> }
                        }
                    }) }
                </ol>
            </nav>
            <h2 class="gr-dash-node" tabindex="-1" ref={heading}>
                { node.name() }
                <span class="gr-level">{ data.org.level_label(id, english) }</span>
                if let Some(t) = tier { <span class={tier_class(t)}>{ (text.tier)(t) }</span> }
            </h2>
            <dl class="gr-dash-figures">
                { for figures.into_iter().map(|(k, v)| html! { <div class="gr-dash-figure"><dt>{ k }</dt><dd>{ v }</dd></div> }) }
            </dl>
            { map_of(&data, id, props.lang, props.elderly, &selected, &props.host) }
            <div class="gr-dash-charts">
                { chart(text.dash_coverage_title, text.dash_col_ratio, &coverage_bars(&data.org, id, text), text) }
                { chart(text.dash_members_title, text.dash_col_kind, &member_bars(&data.org, id, text), text) }
                if !tiers.is_empty() { { chart(text.dash_tiers_title, text.col_tier, &tiers, text) } }
            </div>
            if let Some(m) = cases {
                { crate::export::button(props.lang, "gr-x-rates", &(text.dash_rates_caption)(m.cases)) }
                <table class="gr-table gr-dash-rates" id="gr-x-rates">
                    <caption class="gr-dash-caption">{ (text.dash_rates_caption)(m.cases) }</caption>
                    <thead><tr><th scope="col">{ text.dash_col_rate }</th><th scope="col">{ text.dash_col_value }</th></tr></thead>
                    <tbody>
                        { for [(text.dash_response, &m.response), (text.dash_resolution, &m.resolution), (text.dash_satisfaction, &m.satisfaction),
                                (text.dash_on_time, &m.on_time_closure), (text.dash_clocks_1310, &m.clocks_1310), (text.dash_clocks_12345, &m.clocks_12345)]
                            .into_iter().map(|(k, rate)| html! {
                                <tr class={classes!(rate.value.is_none().then_some("gr-dash-few"))}><th scope="row">{ k }</th><td>{ unbroken(&rate_text(rate, text)) }</td></tr>
                            }) }
                    </tbody>
                </table>
            }
            if !tree.children(id).is_empty() {
                { crate::export::button(props.lang, "gr-x-children", &(text.dash_children_caption)(tree.children(id).len())) }
                <div class="gr-table-wrap" tabindex="0" role="region" aria-label={text.table_region}>
                    <table class="gr-table gr-dash-children" id="gr-x-children">
                        <caption class="gr-dash-caption">{ (text.dash_children_caption)(tree.children(id).len()) }</caption>
                        <thead><tr>
                            <th scope="col">{ text.col_name }</th>
                            <th scope="col">{ text.dash_col_level }</th>
                            <th scope="col" class="gr-num">{ text.dash_members }</th>
                            <th scope="col" class="gr-num">{ text.dash_grids }</th>
                            <th scope="col" class="gr-num">{ text.dash_households }</th>
                            <th scope="col" class="gr-num">{ text.dash_cov_grid }</th>
                            if data.metrics.is_some() { <th scope="col" class="gr-num">{ text.dash_col_cases }</th> }
                            if has_card { <th scope="col">{ text.col_tier }</th> }
                        </tr></thead>
                        <tbody>
                            { for tree.children(id).iter().map(|&c| {
                                let cr = data.org.rollup(c);
                                let cov = cr.coverage().members_in_grid;
                                html! {
                                    <tr>
                                        <th scope="row">{ button(c, tree.node(c).name().to_owned()) }</th>
                                        <td>{ data.org.level_label(c, english) }</td>
                                        <td class="gr-num">{ cr.members.total }</td>
                                        <td class="gr-num">{ cr.grids }</td>
                                        <td class="gr-num">{ cr.households }</td>
                                        <td class="gr-num">{ cov.value.map_or_else(|| "—".to_owned(), percent) }</td>
                                        if data.metrics.is_some() { <td class="gr-num">{ node_metrics(&data, c).map_or(0, |m| m.cases) }</td> }
                                        if has_card { <td>{ node_tier(&data, c).map_or(Html::default(), |t| html! { <span class={tier_class(t)}>{ (text.tier)(t) }</span> }) }</td> }
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            { notes(&data.warnings, props.lang) }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ZH_CN};
    use crate::error_panel::tests::flat;
    use grassroots::cases::Rate;
    use serde_json::Value;

    #[test]
    fn figures_are_kept_whole_and_broken_only_after_a_slash() {
        assert_eq!(
            flat(&unbroken("98.7% (225/228)")),
            "<span class=\"gr-figure\">98.7%</span> <span class=\"gr-figure\">(225/<wbr>228)</span>"
        );
        // Full-width brackets, and two figures that touch: a break allowed between them.
        assert_eq!(
            flat(&unbroken("97.0%（2425/2500）")),
            "<span class=\"gr-figure\">97.0%</span><wbr><span class=\"gr-figure\">（2425/<wbr>2500）</span>"
        );
        // Digits inside a word or an identifier are not figures; a lone bracket is text.
        assert_eq!(flat(&unbroken("g12 x_3 (a) —")), "g12 x_3 (a) —");
        assert_eq!(flat(&unbroken("户数 1,204")), "户数 <span class=\"gr-figure\">1,204</span>");
    }

    #[test]
    fn a_charts_label_and_value_are_text_above_the_bar_and_the_table_reads_the_same() {
        let bars = [
            Bar { label: "Compounds with property management", value: "87.5% (63/72)".into(), share: 0.875 },
            Bar { label: "Red property", value: "0.0% (0/3)".into(), share: 0.0 },
        ];
        let out = flat(&chart("Coverage", "Ratio", &bars, &EN));
        let start = out.find("<div aria-hidden=\"true\" class=\"gr-chart-bars\">").expect("the drawing, hidden from screen readers");
        let end = out.find("<table").expect("the table");
        let drawing = &out[start..end];
        // Label and value as HTML text (they wrap; SVG text ran the label into the value).
        assert!(drawing.contains(
            "<span class=\"gr-chart-label\">Compounds with property management</span><span class=\"gr-chart-value\">87.5% (63/72)</span>"
        ));
        assert!(!drawing.contains("<text"));
        // One bar a row, its width the share of 340, at least 1 so that a zero shows.
        assert_eq!(drawing.matches("class=\"gr-chart-bar\"").count(), 2);
        assert!(drawing.contains("width=\"297.5\"") && drawing.contains("width=\"1.0\""), "{drawing}");
        // The table, for screen readers and elderly mode: the figures kept whole.
        assert!(out[end..].contains(
            "<th scope=\"row\">Compounds with property management</th><td><span class=\"gr-figure\">87.5%</span>"
        ));
    }

    const ORG: &str = include_str!("../../tests/data/tree/valid/laifeng-shengli.json");
    const CASES: &str = include_str!("../../tests/data/cases/valid/season-shengli.json");

    fn doc() -> String {
        format!(r#"{{"org": {ORG}, "cases": {CASES}, "period": {{"from": "2026-06-01", "to": "2026-09-01"}}}}"#)
    }

    #[test]
    fn the_root_figures_are_the_cores() {
        let data = load(&doc()).expect("loads");
        let root = data.org.tree().root();
        let r = data.org.rollup(root);
        assert_eq!((r.members.total, r.grids, r.households, r.population), (7, 5, 1879, 5327));
        let bars = coverage_bars(&data.org, root, &ZH_CN);
        assert_eq!(bars[0].value, "100.0%（5/5）");
        assert_eq!(bars[1].value, "85.7%（6/7）");
        assert_eq!(member_bars(&data.org, root, &EN)[0].value, "2");
        let m = node_metrics(&data, root).expect("metrics");
        assert_eq!(m.cases, 18);
        let report = data.metrics.as_ref().expect("report");
        assert_eq!((day(report.from), day(report.to)), ("2026-06-01".to_owned(), "2026-09-01".to_owned()));
        assert_eq!(rate_text(&m.response, &EN), "94.4% (17/18)");
        assert_eq!(rate_text(&m.clocks_12345, &ZH_CN), "样本不足（5/7）");
        assert_eq!(rate_text(&m.clocks_12345, &EN), "not enough cases (5/7)");
        assert_eq!(rate_text(&Rate::new(0, 0, 10), &ZH_CN), "无案件");
    }

    #[test]
    fn problems_have_paths_from_the_top() {
        let bad = format!(r#"{{"org": {{"nodes": [{{"id": 3}}]}}, "cases": {CASES}, "extra": 1}}"#);
        let Err(Error::Invalid { problems }) = load(&bad) else { panic!("must fail") };
        assert!(problems.iter().any(|p| p.path.starts_with("$.org.nodes[0]")), "{problems:?}");
        assert!(problems.iter().any(|p| p.path == "$" && p.kind.to_string().contains("extra")));
        assert!(problems.iter().any(|p| p.path == "$" && p.kind.to_string().contains("period")));
        let bad_period = format!(r#"{{"org": {ORG}, "cases": {CASES}, "period": {{"from": "2026-13-01", "to": "2026-09-01"}}}}"#);
        let Err(Error::Invalid { problems }) = load(&bad_period) else { panic!("must fail") };
        assert_eq!(problems[0].path, "$.period.from");
        // A value that is not a date is told as it was written.
        let odd_period = format!(r#"{{"org": {ORG}, "cases": {CASES}, "period": {{"from": 20260601, "to": [ "2026-09-01" ]}}}}"#);
        let Err(Error::Invalid { problems }) = load(&odd_period) else { panic!("must fail") };
        let told: Vec<String> = problems.iter().map(|p| format!("{} {}", p.path, p.kind)).collect();
        assert!(told.contains(&"$.period.from expected a date YYYY-MM-DD, found 20260601".to_owned()), "{told:?}");
        assert!(told.contains(&r#"$.period.to expected a date YYYY-MM-DD, found [ "2026-09-01" ]"#.to_owned()), "{told:?}");
        // A whole number of cases, as JSON writes it: anything else a problem, and text that is
        // not JSON the whole document's syntax error.
        let sample = |n: &str| load(&format!(r#"{{"org": {ORG}, "cases": {CASES}, "period": {{"from": "2026-06-01", "to": "2026-09-01"}}, "min_sample": {n}}}"#));
        let Err(Error::Invalid { problems }) = sample("2.5") else { panic!("must fail") };
        assert!(matches!(&problems[..], [p] if p.path == "$.min_sample"), "{problems:?}");
        for not_json in ["05", "+5", "5x"] {
            assert!(matches!(sample(not_json), Err(Error::Syntax { .. })), "{not_json}");
        }
        assert!(matches!(load("[1]"), Err(Error::Invalid { .. })));
        assert!(matches!(load("{"), Err(Error::Syntax { .. })));
    }

    #[test]
    fn the_minimum_sample_is_the_hosts() {
        let with = |n: &str| format!(r#"{{"org": {ORG}, "cases": {CASES}, "period": {{"from": "2026-06-01", "to": "2026-09-01"}}, "min_sample": {n}}}"#);
        let data = load(&with("5")).expect("loads");
        let m = node_metrics(&data, data.org.tree().root()).expect("metrics");
        assert_eq!(rate_text(&m.clocks_12345, &EN), "71.4% (5/7)");
        for bad in ["0", "2.5", "\"ten\"", "-1"] {
            let Err(Error::Invalid { problems }) = load(&with(bad)) else { panic!("{bad} must fail") };
            assert_eq!(problems[0].path, "$.min_sample", "{bad}");
        }
    }

    #[test]
    fn the_tiers_below_a_node_are_counted() {
        // The 五星 scorecard fixture's ten entities, renamed to the five districts of 胜利社区
        // (the other five are not in the tree and are not counted).
        let mut card: Value = serde_json::from_str(include_str!("../../tests/data/rules/scorecards/five-star.json")).expect("fixture");
        if let Some(Value::Array(entities)) = card.get_mut("entities") {
            for (i, e) in entities.iter_mut().enumerate().take(5) {
                e["id"] = Value::from(format!("sl-d{}", i + 1));
            }
        }
        let data = load(&format!(r#"{{"org": {ORG}, "scorecard": {card}}}"#)).expect("loads");
        let tree = data.org.tree();
        let bars = tier_bars(&data, tree.root(), &ZH_CN);
        assert_eq!(bars.iter().map(|b| b.label).collect::<Vec<_>>(), ["优秀", "达标", "未达标", "不参评"]);
        let total: u32 = bars.iter().map(|b| b.value.parse::<u32>().unwrap_or(99)).sum();
        assert_eq!(total, 5);
        let rated: Vec<Tier> = (1..=5).filter_map(|i| tree.find(&format!("sl-d{i}")).and_then(|n| node_tier(&data, n))).collect();
        for (bar, tier) in bars.iter().zip([Tier::Excellence, Tier::Pass, Tier::Fail, Tier::NotRated]) {
            assert_eq!(bar.value, rated.iter().filter(|&&t| t == tier).count().to_string());
        }
        // A rated district has no rated node below it.
        assert!(tier_bars(&data, tree.find("sl-d1").expect("district"), &ZH_CN).is_empty());
    }

    #[test]
    fn cases_off_the_tree_are_warned_about_not_dropped() {
        let stray = CASES.replacen(r#""node": "g1""#, r#""node": "g99""#, 1);
        let data = load(&format!(r#"{{"org": {ORG}, "cases": {stray}, "period": {{"from": "2026-06-01", "to": "2026-09-01"}}}}"#)).expect("loads");
        assert!(data.warnings.iter().any(|p| p.path == "$.cases.cases[0].node" && p.record.as_deref() == Some("sl-0627-flood")), "{:?}", data.warnings);
        assert_eq!(node_metrics(&data, data.org.tree().root()).map(|m| m.cases), Some(17));
        assert_eq!(data.metrics.as_ref().map(|m| m.unplaced.clone()), Some(vec!["sl-0627-flood".to_owned()]));
    }

    #[test]
    fn org_alone_loads_without_metrics() {
        let data = load(&format!(r#"{{"org": {ORG}}}"#)).expect("loads");
        assert!(data.metrics.is_none() && data.card.is_none());
        assert_eq!(percent(0.857_142), "85.7%");
    }
}
