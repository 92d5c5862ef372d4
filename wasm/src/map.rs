//! The map of `<gr-grid-map>` and of `<gr-dashboard>` (一屏统览): the grids and nodes of a
//! geometry document drawn as SVG by our own code (no tiles, no network), coloured by one
//! figure in classes with a legend, drilled down from a street to its communities and from a
//! community to its grids.
//!
//! Keyboard and screen readers: the map is one tab stop, a listbox whose options are the
//! shapes (`aria-activedescendant`); the arrow keys move to the neighbouring shape in that
//! direction (neighbours share a boundary; the nearest shape that way when none does), Enter
//! selects (and drills into a node with shapes below it), `+`/`-`/`0` zoom and reset. A table
//! lists every shape drawn with its figures. Every figure is the core's, picked here.

use std::rc::Rc;

#[cfg(feature = "rules")]
use grassroots::rules::Tier;
use grassroots::org::NodeId;
use grassroots::Organization;
use serde::Serialize;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::map_model::number;
pub use crate::map_model::{MapModel, Place, Target};
use crate::overview::{Overview, percent};

/// What colours the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Households,
    Population,
    Members,
    WorkersPer1000,
    MembersInGrid,
    OpenCases,
    OverdueClocks,
    ResponseRate,
    StarTier,
}

impl Figure {
    pub const ALL: [Figure; 9] = [
        Figure::Households,
        Figure::Population,
        Figure::Members,
        Figure::WorkersPer1000,
        Figure::MembersInGrid,
        Figure::OpenCases,
        Figure::OverdueClocks,
        Figure::ResponseRate,
        Figure::StarTier,
    ];

    /// The value of the `figure` attribute.
    pub fn key(self) -> &'static str {
        match self {
            Figure::Households => "households",
            Figure::Population => "population",
            Figure::Members => "members",
            Figure::WorkersPer1000 => "workers-per-1000",
            Figure::MembersInGrid => "members-in-grid",
            Figure::OpenCases => "open-cases",
            Figure::OverdueClocks => "overdue-clocks",
            Figure::ResponseRate => "response-rate",
            Figure::StarTier => "star-tier",
        }
    }

    pub fn from_key(key: &str) -> Option<Figure> {
        Figure::ALL.into_iter().find(|f| f.key() == key.trim())
    }

    /// Whether the data can give this figure (cases for the case figures, a scorecard for
    /// the tiers).
    pub fn available(self, data: &Overview) -> bool {
        let _ = data;
        match self {
            #[cfg(feature = "cases")]
            Figure::OpenCases | Figure::OverdueClocks | Figure::ResponseRate => data.metrics.is_some(),
            #[cfg(not(feature = "cases"))]
            Figure::OpenCases | Figure::OverdueClocks | Figure::ResponseRate => false,
            #[cfg(feature = "rules")]
            Figure::StarTier => data.card.is_some(),
            #[cfg(not(feature = "rules"))]
            Figure::StarTier => false,
            _ => true,
        }
    }

    /// High values are bad news (drawn in the warm palette).
    fn warm(self) -> bool {
        matches!(self, Figure::OpenCases | Figure::OverdueClocks)
    }
}

/// A figure of one place: its value for classing, and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub value: Option<f64>,
    pub text: String,
}

fn count(n: u64) -> Value {
    Value { value: Some(n as f64), text: n.to_string() }
}

fn none() -> Value {
    Value { value: None, text: "—".to_owned() }
}

/// The node whose figures a place has: the node itself, or the grid's branch node (for the
/// figures counted on the tree: cases, tiers).
#[cfg(any(feature = "cases", feature = "rules"))]
fn figure_node(org: &Organization, place: &Place) -> Option<NodeId> {
    match place.target {
        Target::Node(n) => Some(n),
        Target::Grid(g) => org.grids().get(g).and_then(|g| g.branch()),
    }
}

/// The value of `figure` for `place`.
pub fn value(data: &Overview, model: &MapModel, place: &Place, figure: Figure, text: &MapText) -> Value {
    let org = &data.org;
    let grid = match place.target {
        Target::Grid(g) => org.grids().get(g).map(|r| (g, r.record())),
        Target::Node(_) => None,
    };
    let rollup = match place.target {
        Target::Node(n) => Some(org.rollup(n)),
        Target::Grid(_) => None,
    };
    match figure {
        Figure::Households => grid.map(|(_, r)| u64::from(r.households)).or(rollup.map(|r| r.households)).map_or_else(none, count),
        Figure::Population => grid.map(|(_, r)| u64::from(r.population)).or(rollup.map(|r| r.population)).map_or_else(none, count),
        Figure::Members => grid.map(|(g, _)| u64::from(model.grid_members.get(g).copied().unwrap_or(0))).or(rollup.map(|r| u64::from(r.members.total))).map_or_else(none, count),
        Figure::WorkersPer1000 => {
            let (workers, households) = match (grid, rollup) {
                (Some((_, r)), _) => (r.workers.len() as f64, f64::from(r.households)),
                (None, Some(r)) => (f64::from(r.grid_workers), r.households as f64),
                _ => return none(),
            };
            if households <= 0.0 {
                return none();
            }
            let v = workers * 1000.0 / households;
            Value { value: Some(v), text: grassroots::text::fixed(v, 1) }
        }
        Figure::MembersInGrid => match (grid, rollup) {
            (Some((g, _)), _) => count(u64::from(model.grid_members.get(g).copied().unwrap_or(0))),
            (None, Some(r)) => {
                let c = r.coverage().members_in_grid;
                match c.value {
                    Some(v) => Value { value: Some(v), text: (text.ratio)(&percent(v), c.numerator, c.denominator) },
                    None => none(),
                }
            }
            _ => none(),
        },
        #[cfg(feature = "cases")]
        Figure::OpenCases => match figure_node(org, place) {
            Some(n) if data.metrics.is_some() => count(data.open.get(n.index()).copied().unwrap_or(0)),
            _ => none(),
        },
        #[cfg(feature = "cases")]
        Figure::OverdueClocks => match figure_node(org, place).and_then(|n| crate::overview::node_metrics(data, n)) {
            Some(m) => count(m.clocks_1310.denominator - m.clocks_1310.numerator + m.clocks_12345.denominator - m.clocks_12345.numerator),
            None => none(),
        },
        #[cfg(feature = "cases")]
        Figure::ResponseRate => match figure_node(org, place).and_then(|n| crate::overview::node_metrics(data, n)) {
            Some(m) => match m.response.value {
                Some(v) => Value { value: Some(v), text: (text.ratio)(&percent(v), m.response.numerator, m.response.denominator) },
                None if m.response.denominator == 0 => Value { value: None, text: text.no_cases.to_owned() },
                None => Value { value: None, text: (text.not_enough)(m.response.numerator, m.response.denominator) },
            },
            None => none(),
        },
        #[cfg(feature = "rules")]
        Figure::StarTier => match figure_node(org, place).and_then(|n| crate::overview::node_tier(data, n)) {
            Some(t) => Value { value: tier_rank(t), text: (text.tier)(t).to_owned() },
            None => none(),
        },
        #[allow(unreachable_patterns)]
        _ => none(),
    }
}

#[cfg(feature = "rules")]
fn tier_rank(t: Tier) -> Option<f64> {
    match t {
        Tier::Excellence => Some(2.0),
        Tier::Pass => Some(1.0),
        Tier::Fail => Some(0.0),
        Tier::NotRated => None,
    }
}

/// Classes of a figure over the places shown: the upper bound of each class (quantiles of the
/// values, at most five classes, fewer when there are fewer distinct values). The tiers are
/// their own three classes.
pub fn classes(values: &[f64], figure: Figure) -> Vec<f64> {
    if figure == Figure::StarTier {
        return vec![0.0, 1.0, 2.0];
    }
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    sorted.dedup();
    if sorted.is_empty() {
        return Vec::new();
    }
    let k = sorted.len().min(5);
    let mut all: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    all.sort_by(f64::total_cmp);
    let mut bounds: Vec<f64> = (1..=k).map(|i| all[(i * all.len()).div_ceil(k).saturating_sub(1).min(all.len() - 1)]).collect();
    bounds.dedup();
    bounds
}

/// The class (0-based) of a value.
pub fn class_of(bounds: &[f64], v: f64) -> usize {
    bounds.iter().position(|&b| v <= b).unwrap_or(bounds.len().saturating_sub(1))
}

/// One language's texts of the map.
pub struct MapText {
    pub title: &'static str,
    pub map_label: &'static str,
    pub hint: &'static str,
    pub figure_label: &'static str,
    pub figure: fn(Figure) -> &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub reset: &'static str,
    pub breadcrumb: &'static str,
    pub legend: &'static str,
    pub no_data: &'static str,
    pub nothing_here: &'static str,
    pub table_caption: fn(usize) -> String,
    pub col_place: &'static str,
    pub col_kind: &'static str,
    pub grid: &'static str,
    pub option: fn(&str, &str, &str) -> String,
    pub range: fn(&str, &str) -> String,
    pub ratio: fn(&str, u64, u64) -> String,
    pub no_cases: &'static str,
    pub not_enough: fn(u64, u64) -> String,
    pub zoom_level: fn(u32) -> String,
    #[cfg(feature = "rules")]
    pub tier: fn(Tier) -> &'static str,
}

pub const MAP_ZH: MapText = MapText {
    title: "网格地图",
    map_label: "网格地图：用方向键在相邻区域间移动，回车选中",
    hint: "方向键：移到该方向的相邻区域；回车：选中或进入下一级；+ / -：放大缩小；0：复位。",
    figure_label: "着色指标",
    figure: |f| match f {
        Figure::Households => "户数",
        Figure::Population => "人口",
        Figure::Members => "党员数",
        Figure::WorkersPer1000 => "每千户网格员",
        Figure::MembersInGrid => "入格党员",
        Figure::OpenCases => "未办结案件",
        Figure::OverdueClocks => "超时计时",
        Figure::ResponseRate => "响应率",
        Figure::StarTier => "星级",
    },
    zoom_in: "放大",
    zoom_out: "缩小",
    reset: "复位",
    breadcrumb: "地图层级",
    legend: "图例",
    no_data: "无数据",
    nothing_here: "这一级没有可显示的区域图形。",
    table_caption: |n| format!("地图上的 {n} 个区域"),
    col_place: "区域",
    col_kind: "层级",
    grid: "网格",
    option: |name, figure, value| format!("{name}，{figure}：{value}"),
    range: |a, b| if a == b { a.to_owned() } else { format!("{a}～{b}") },
    ratio: |pct, n, d| format!("{pct}（{n}/{d}）"),
    no_cases: "无案件",
    not_enough: |n, d| format!("样本不足（{n}/{d}）"),
    zoom_level: |z| format!("缩放 {z}%"),
    #[cfg(feature = "rules")]
    tier: |t| match t {
        Tier::Excellence => "优秀",
        Tier::Pass => "达标",
        Tier::Fail => "未达标",
        Tier::NotRated => "不参评",
    },
};

pub const MAP_EN: MapText = MapText {
    title: "Grid map",
    map_label: "Grid map: arrow keys move between neighbouring areas, Enter selects",
    hint: "Arrow keys: the neighbouring area that way; Enter: select, or open the level below; + / -: zoom; 0: reset.",
    figure_label: "Colour by",
    figure: |f| match f {
        Figure::Households => "Households",
        Figure::Population => "Population",
        Figure::Members => "Party members",
        Figure::WorkersPer1000 => "Grid workers per 1,000 households",
        Figure::MembersInGrid => "Members in a grid",
        Figure::OpenCases => "Open cases",
        Figure::OverdueClocks => "Overdue clocks",
        Figure::ResponseRate => "Response rate",
        Figure::StarTier => "Star tier",
    },
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    reset: "Reset",
    breadcrumb: "Map level",
    legend: "Legend",
    no_data: "No data",
    nothing_here: "There are no shapes to show at this level.",
    table_caption: |n| format!("{n} areas on the map"),
    col_place: "Area",
    col_kind: "Level",
    grid: "Grid",
    option: |name, figure, value| format!("{name}, {figure}: {value}"),
    range: |a, b| if a == b { a.to_owned() } else { format!("{a}–{b}") },
    ratio: |pct, n, d| format!("{pct} ({n}/{d})"),
    no_cases: "no cases",
    not_enough: |n, d| format!("not enough cases ({n}/{d})"),
    zoom_level: |z| format!("zoom {z}%"),
    #[cfg(feature = "rules")]
    tier: |t| match t {
        Tier::Excellence => "Excellent",
        Tier::Pass => "Pass",
        Tier::Fail => "Fail",
        Tier::NotRated => "Not rated",
    },
};

pub fn map_text(lang: Lang) -> &'static MapText {
    match lang {
        Lang::ZhCn => &MAP_ZH,
        Lang::En => &MAP_EN,
    }
}

/// The `detail` of `gr-select` from the map.
#[derive(Serialize)]
pub struct SelectDetail<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// `grid` or `node`.
    pub kind: &'static str,
    /// The node's level key, or `grid`.
    pub level: &'a str,
}

/// The `gr-select` detail of a place.
pub fn select_detail<'a>(org: &'a Organization, place: &'a Place) -> SelectDetail<'a> {
    match place.target {
        Target::Grid(_) => SelectDetail { id: &place.id, name: &place.name, kind: "grid", level: "grid" },
        Target::Node(n) => SelectDetail { id: &place.id, name: &place.name, kind: "node", level: org.tree().node(n).level() },
    }
}

/// Sorts places in reading order: rows from the top (a row as tall as half the shapes' mean
/// height, so that shapes side by side whose centres differ a little share a row), each row
/// from the left.
pub fn reading_order(places: &[Place], shown: &mut [usize]) {
    if shown.is_empty() {
        return;
    }
    let band = (shown.iter().map(|&p| places[p].bbox[3] - places[p].bbox[1]).sum::<f64>() / shown.len() as f64 / 2.0).max(f64::MIN_POSITIVE);
    let top = shown.iter().map(|&p| places[p].centre.1).fold(f64::INFINITY, f64::min);
    shown.sort_by(|&a, &b| {
        let row = |p: usize| ((places[p].centre.1 - top) / band).floor();
        row(a).total_cmp(&row(b)).then(places[a].centre.0.total_cmp(&places[b].centre.0))
    });
}

/// The place in `candidates` nearest to `from` in the direction `(dx, dy)` (SVG axes): within
/// 60° of it, by distance with a penalty for the angle off the direction.
pub fn toward(places: &[Place], from: usize, candidates: &[usize], dx: f64, dy: f64) -> Option<usize> {
    let (x0, y0) = places.get(from)?.centre;
    candidates
        .iter()
        .copied()
        .filter(|&c| c != from)
        .filter_map(|c| {
            let (x, y) = places.get(c)?.centre;
            let (vx, vy) = (x - x0, y - y0);
            let d = (vx * vx + vy * vy).sqrt();
            if d < f64::EPSILON {
                return None;
            }
            let cos = (vx * dx + vy * dy) / d;
            (cos >= 0.5).then_some((c, d * (2.0 - cos)))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c)
}

#[derive(Properties)]
pub struct MapProps {
    pub data: Rc<Overview>,
    pub model: Rc<MapModel>,
    pub lang: Lang,
    /// The node whose inside is drawn.
    pub at: NodeId,
    /// The figure shown first.
    pub figure: Figure,
    /// The map's title (the widget's label, or the default).
    pub label: Option<AttrValue>,
    /// Drill to a node (from a shape or the breadcrumb).
    pub navigate: Callback<NodeId>,
    /// A place was selected (Enter or a click).
    pub pick: Callback<usize>,
    /// Whether to draw the breadcrumb (the dashboard has its own).
    pub crumbs: bool,
    /// Elderly mode: labels half as large again (they are drawn in the map's own units).
    #[prop_or_default]
    pub elderly: bool,
    /// A node chosen in the breadcrumb (after `navigate`).
    #[prop_or_default]
    pub crumb: Option<Callback<NodeId>>,
}

props_eq!(MapProps { shared: data, model; lang, at, figure, label, navigate, pick, crumbs, elderly, crumb });

/// The zoom steps, in percent.
const ZOOMS: [u32; 6] = [100, 150, 225, 340, 500, 800];

#[function_component(MapView)]
pub fn map_view(props: &MapProps) -> Html {
    let data = Rc::clone(&props.data);
    let model = Rc::clone(&props.model);
    let text = map_text(props.lang);
    let org = &data.org;
    let tree = org.tree();
    let figure_state = use_state(|| props.figure);
    let figure = if figure_state.available(&data) { *figure_state } else { Figure::Households };
    let active = use_state(|| None::<usize>);
    let hover = use_state(|| None::<usize>);
    let zoom = use_state(|| 0usize);
    {
        // A new level starts unzoomed, with nothing active.
        let (active, zoom) = (active.clone(), zoom.clone());
        use_effect_with(props.at, move |_| {
            active.set(None);
            zoom.set(0);
        });
    }
    {
        let figure_state = figure_state.clone();
        use_effect_with(props.figure, move |f| figure_state.set(*f));
    }

    let mut shown = model.shown(org, props.at);
    if shown.is_empty() {
        if let Some(p) = model.places.iter().position(|p| p.target == Target::Node(props.at)) {
            shown.push(p);
        }
    }
    reading_order(&model.places, &mut shown);
    let values: Vec<Value> = shown.iter().map(|&p| value(&data, &model, &model.places[p], figure, text)).collect();
    let bounds = classes(&values.iter().filter_map(|v| v.value).collect::<Vec<_>>(), figure);

    // The frame: every shape shown, with a margin; zoomed about the active shape.
    let mut bb = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
    for &p in &shown {
        let b = model.places[p].bbox;
        bb = [bb[0].min(b[0]), bb[1].min(b[1]), bb[2].max(b[2]), bb[3].max(b[3])];
    }
    if !bb[0].is_finite() {
        bb = [0.0, 0.0, 1.0, 1.0];
    }
    let (w, h) = ((bb[2] - bb[0]).max(1.0), (bb[3] - bb[1]).max(1.0));
    let pad = w.max(h) * 0.03;
    let scale = f64::from(ZOOMS[(*zoom).min(ZOOMS.len() - 1)]) / 100.0;
    let active_now = active.filter(|a| shown.contains(a));
    let (cx, cy) = match active_now {
        Some(a) if *zoom > 0 => model.places[a].centre,
        _ => ((bb[0] + bb[2]) / 2.0, (bb[1] + bb[3]) / 2.0),
    };
    let (vw, vh) = ((w + 2.0 * pad) / scale, (h + 2.0 * pad) / scale);
    let view_box = format!("{} {} {} {}", number(cx - vw / 2.0), number(cy - vh / 2.0), number(vw), number(vh));
    // Labels at about 1/45 of the view's larger side (a tall map is drawn at its height's
    // limit, so its width alone would make them tiny); where they fit.
    let font = vw.max(vh) / 45.0 * if props.elderly { 1.5 } else { 1.0 };
    let stroke = vw / 600.0;

    let select = {
        let (model, navigate, pick, data) = (Rc::clone(&model), props.navigate.clone(), props.pick.clone(), Rc::clone(&data));
        Callback::from(move |p: usize| {
            pick.emit(p);
            if let Some(Target::Node(n)) = model.places.get(p).map(|pl| pl.target) {
                if !model.shown(&data.org, n).is_empty() {
                    navigate.emit(n);
                }
            }
        })
    };
    let onkeydown = {
        let (active, zoom, shown, model, select) = (active.clone(), zoom.clone(), shown.clone(), Rc::clone(&model), select.clone());
        Callback::from(move |e: KeyboardEvent| {
            let current = active.filter(|a| shown.contains(a));
            let dir = match e.key().as_str() {
                "ArrowRight" => Some((1.0, 0.0)),
                "ArrowLeft" => Some((-1.0, 0.0)),
                "ArrowUp" => Some((0.0, -1.0)),
                "ArrowDown" => Some((0.0, 1.0)),
                _ => None,
            };
            match (e.key().as_str(), dir) {
                (_, Some((dx, dy))) => {
                    e.prevent_default();
                    let next = match current {
                        None => shown.first().copied(),
                        Some(c) => {
                            let near: Vec<usize> = model.places[c].neighbours.iter().copied().filter(|n| shown.contains(n)).collect();
                            toward(&model.places, c, &near, dx, dy).or_else(|| toward(&model.places, c, &shown, dx, dy)).or(Some(c))
                        }
                    };
                    active.set(next);
                }
                ("Home", _) => {
                    e.prevent_default();
                    active.set(shown.first().copied());
                }
                ("End", _) => {
                    e.prevent_default();
                    active.set(shown.last().copied());
                }
                ("Enter", _) | (" ", _) => {
                    e.prevent_default();
                    // After a drill-down nothing is active yet: the first key makes the first
                    // shape active rather than selecting blindly.
                    match current {
                        Some(c) => select.emit(c),
                        None => active.set(shown.first().copied()),
                    }
                }
                ("+", _) | ("=", _) => {
                    e.prevent_default();
                    zoom.set((*zoom + 1).min(ZOOMS.len() - 1));
                }
                ("-", _) | ("_", _) => {
                    e.prevent_default();
                    zoom.set(zoom.saturating_sub(1));
                }
                ("0", _) => {
                    e.prevent_default();
                    zoom.set(0);
                }
                _ => {}
            }
        })
    };
    let onfocus = {
        let (active, shown) = (active.clone(), shown.clone());
        Callback::from(move |_: FocusEvent| {
            if active.filter(|a| shown.contains(a)).is_none() {
                active.set(shown.first().copied());
            }
        })
    };
    let zoom_button = |label: &'static str, step: i32, disabled: bool| {
        let zoom = zoom.clone();
        let onclick = Callback::from(move |_| {
            let z = match step {
                0 => 0,
                s if s > 0 => (*zoom + 1).min(ZOOMS.len() - 1),
                _ => zoom.saturating_sub(1),
            };
            zoom.set(z);
        });
        html! { <button type="button" class="gr-step gr-map-zoom" {onclick} aria-disabled={disabled.to_string()}>{ label }</button> }
    };
    let on_figure = {
        let figure_state = figure_state.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                if let Some(f) = Figure::from_key(&select.value()) {
                    figure_state.set(f);
                }
            }
        })
    };
    let palette = if figure == Figure::StarTier { "gr-map-tiers" } else if figure.warm() { "gr-map-warm" } else { "gr-map-cool" };
    let info = hover.or(active_now).filter(|p| shown.contains(p));
    let mut path = tree.path_to_root(props.at);
    path.reverse();
    let title = props.label.clone().unwrap_or_else(|| AttrValue::from(text.title));
    let class_label = |i: usize| -> String {
        if figure == Figure::StarTier {
            #[cfg(feature = "rules")]
            {
                return (text.tier)([Tier::Fail, Tier::Pass, Tier::Excellence][i.min(2)]).to_owned();
            }
        }
        // Counts: a class starts after the one below ends (3–5, 6–9); shares and ratios at it.
        let counts = !matches!(figure, Figure::WorkersPer1000 | Figure::ResponseRate) && !figure_is_share(figure, &values);
        let lower = if i == 0 { values.iter().filter_map(|v| v.value).fold(f64::INFINITY, f64::min) } else if counts { bounds[i - 1].floor() + 1.0 } else { bounds[i - 1] };
        let show = |v: f64| match figure {
            Figure::ResponseRate | Figure::MembersInGrid if v <= 1.0 && figure_is_share(figure, &values) => percent(v),
            Figure::WorkersPer1000 => grassroots::text::fixed(v, 1),
            _ => format!("{}", v.round() as i64),
        };
        (text.range)(&show(lower), &show(bounds[i]))
    };
    html! {
        <div class={classes!("gr-map", palette)}>
            <div class="gr-head">
                <span class="gr-title">{ title.clone() }</span>
                <label class="gr-map-figure">
                    <span>{ text.figure_label }</span>
                    <select class="gr-input" onchange={on_figure}>
                        { for Figure::ALL.into_iter().filter(|f| f.available(&data)).map(|f| html! {
                            <option value={f.key()} selected={f == figure}>{ (text.figure)(f) }</option>
                        }) }
                    </select>
                </label>
            </div>
            if props.crumbs {
                <nav class="gr-crumbs" aria-label={text.breadcrumb}>
                    <ol>
                        { for path.iter().map(|&p| {
                            let name = tree.node(p).name().to_owned();
                            if p == props.at {
                                html! { <li><span aria-current="page">{ name }</span></li> }
                            } else {
                                let (navigate, crumb) = (props.navigate.clone(), props.crumb.clone());
                                let onclick = Callback::from(move |_| {
                                    navigate.emit(p);
                                    if let Some(crumb) = &crumb {
                                        crumb.emit(p);
                                    }
                                });
                                html! { <li><button type="button" class="gr-link" {onclick}>{ name }</button></li> }
                            }
                        }) }
                    </ol>
                </nav>
            }
            <p class="gr-hint" id="gr-map-hint">{ text.hint }</p>
            <div class="gr-map-tools">
                { zoom_button(text.zoom_in, 1, *zoom + 1 >= ZOOMS.len()) }
                { zoom_button(text.zoom_out, -1, *zoom == 0) }
                { zoom_button(text.reset, 0, *zoom == 0) }
                <span class="gr-count" aria-live="polite">{ (text.zoom_level)(ZOOMS[(*zoom).min(ZOOMS.len() - 1)]) }</span>
            </div>
            if shown.is_empty() {
                <p class="gr-map-empty">{ text.nothing_here }</p>
            } else {
                <div class="gr-map-canvas" tabindex="0" role="listbox" aria-label={format!("{title}：{}", text.map_label)}
                    aria-describedby="gr-map-hint"
                    aria-activedescendant={active_now.map(|a| format!("gr-map-shape-{a}"))}
                    {onkeydown} {onfocus}>
                    <svg viewBox={view_box} role="none" preserveAspectRatio="xMidYMid meet" focusable="false">
                        <g role="none">
                            { for shown.iter().zip(&values).map(|(&p, v)| {
                                let place = &model.places[p];
                                let class = match v.value {
                                    Some(x) => format!("gr-map-shape gr-map-c{}", class_of(&bounds, x)),
                                    None => "gr-map-shape gr-map-none".to_owned(),
                                };
                                let onclick = { let select = select.clone(); let active = active.clone(); Callback::from(move |_| { active.set(Some(p)); select.emit(p); }) };
                                let onmouseenter = { let hover = hover.clone(); Callback::from(move |_| hover.set(Some(p))) };
                                let onmouseleave = { let hover = hover.clone(); Callback::from(move |_| hover.set(None)) };
                                html! {
                                    <path id={format!("gr-map-shape-{p}")} role="option"
                                        aria-selected={(active_now == Some(p)).to_string()}
                                        aria-label={(text.option)(&place.name, (text.figure)(figure), &v.text)}
                                        class={classes!(class, (active_now == Some(p)).then_some("gr-map-active"))}
                                        d={place.path.clone()} fill-rule="evenodd"
                                        stroke-width={number(if active_now == Some(p) { stroke * 4.0 } else { stroke })}
                                        {onclick} {onmouseenter} {onmouseleave} />
                                }
                            }) }
                        </g>
                        <g aria-hidden="true" class="gr-map-labels" font-size={number(font)}>
                            { for shown.iter().map(|&p| {
                                let place = &model.places[p];
                                // The name where it fits, else a grid's sequence number (the code's
                                // digits after division, street and community).
                                let width = |t: &str| t.chars().map(|c| if c.is_ascii() { 0.6 } else { 1.0 }).sum::<f64>() * font;
                                let room = (place.bbox[2] - place.bbox[0]) * 0.9;
                                let short = place.code.as_deref().and_then(|c| c.get(12..)).filter(|s| !s.is_empty());
                                let label = if width(&place.name) <= room { Some(place.name.as_str()) } else { short.filter(|s| width(s) <= room) };
                                let fits = font * 1.2 <= (place.bbox[3] - place.bbox[1]) * 0.6;
                                if let (true, Some(label)) = (fits, label) {
                                    html! { <text x={number(place.centre.0)} y={number(place.centre.1 + font * 0.35)} text-anchor="middle">{ label.to_owned() }</text> }
                                } else {
                                    Html::default()
                                }
                            }) }
                        </g>
                    </svg>
                </div>
            }
            <div class="gr-map-side">
                <div class="gr-map-legend" role="group" aria-label={text.legend}>
                    <p class="gr-map-legend-title">{ text.legend }{ "：" }{ (text.figure)(figure) }</p>
                    <ul>
                        { for (0..bounds.len()).map(|i| html! {
                            <li><span class={format!("gr-map-swatch gr-map-c{i}")} aria-hidden="true"></span>{ class_label(i) }</li>
                        }) }
                        if values.iter().any(|v| v.value.is_none()) {
                            <li><span class="gr-map-swatch gr-map-none" aria-hidden="true"></span>{ text.no_data }</li>
                        }
                    </ul>
                </div>
                if let Some(p) = info {
                    <div class="gr-map-info">
                        <p class="gr-map-info-name">{ model.places[p].name.clone() }</p>
                        <dl>
                            { for Figure::ALL.into_iter().filter(|f| f.available(&data)).map(|f| html! {
                                <div><dt>{ (text.figure)(f) }</dt><dd>{ value(&data, &model, &model.places[p], f, text).text }</dd></div>
                            }) }
                        </dl>
                    </div>
                }
            </div>
            if !shown.is_empty() {
                { crate::export::button(props.lang, "gr-x-map", &(text.table_caption)(shown.len())) }
                <div class="gr-table-wrap" tabindex="0" role="region" aria-label={(text.table_caption)(shown.len())}>
                    <table class="gr-table gr-map-table" id="gr-x-map">
                        <caption class="gr-dash-caption">{ (text.table_caption)(shown.len()) }</caption>
                        <thead><tr>
                            <th scope="col">{ text.col_place }</th>
                            <th scope="col">{ text.col_kind }</th>
                            <th scope="col" class="gr-num">{ (text.figure)(figure) }</th>
                        </tr></thead>
                        <tbody>
                            { for shown.iter().zip(&values).map(|(&p, v)| {
                                let place = &model.places[p];
                                let kind = match place.target {
                                    Target::Grid(_) => text.grid.to_owned(),
                                    Target::Node(n) => org.level_label(n, props.lang == Lang::En).to_owned(),
                                };
                                let onclick = { let select = select.clone(); let active = active.clone(); Callback::from(move |_| { active.set(Some(p)); select.emit(p); }) };
                                html! {
                                    <tr class={classes!((active_now == Some(p)).then_some("gr-map-row-active"))}>
                                        <th scope="row"><button type="button" class="gr-link" {onclick}>{ place.name.clone() }</button></th>
                                        <td>{ kind }</td>
                                        <td class="gr-num">{ v.text.clone() }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </div>
    }
}

/// Whether the figure's values are shares (0–1) rather than counts.
fn figure_is_share(figure: Figure, _values: &[Value]) -> bool {
    match figure {
        Figure::ResponseRate => true,
        // Members in a grid: a share for nodes, a count for grids.
        Figure::MembersInGrid => _values.iter().any(|v| v.text.contains('%')),
        _ => false,
    }
}

/// What the hosting widget needs to wire the map: the `gr-select` detail of a place.
pub fn dispatch_select(host: &HtmlElement, org: &Organization, place: &Place) {
    crate::events::dispatch(host, "gr-select", &select_detail(org, place));
}

#[cfg(feature = "grid-map")]
#[derive(Properties)]
pub struct GridMapProps {
    pub data: Rc<Overview>,
    pub lang: Lang,
    pub label: Option<AttrValue>,
    /// The record id of the node drawn first (else the root).
    pub node: Option<AttrValue>,
    /// The `figure` attribute.
    pub figure: Option<AttrValue>,
    pub elderly: bool,
    pub host: HtmlElement,
}

#[cfg(feature = "grid-map")]
props_eq!(GridMapProps { shared: data; lang, label, node, figure, elderly, host });

#[cfg(feature = "grid-map")]
/// `<gr-grid-map>`: the map alone, with its own breadcrumb; `gr-select` on every selection.
#[function_component(GridMapView)]
pub fn grid_map_view(props: &GridMapProps) -> Html {
    let tree = props.data.org.tree();
    let start = props.node.as_ref().and_then(|n| tree.find(n)).unwrap_or_else(|| tree.root());
    let at = use_state(|| start);
    let Some(model) = props.data.map.clone() else { return Html::default() };
    let navigate = { let at = at.clone(); Callback::from(move |n: NodeId| at.set(n)) };
    let pick = {
        let (data, model, host) = (Rc::clone(&props.data), Rc::clone(&model), props.host.clone());
        Callback::from(move |p: usize| {
            if let Some(place) = model.places.get(p) {
                dispatch_select(&host, &data.org, place);
            }
        })
    };
    // Back up through the breadcrumb: gr-select with the node, as a drill-down sends it.
    let crumb = {
        let (data, host) = (Rc::clone(&props.data), props.host.clone());
        Callback::from(move |n: NodeId| {
            let node = data.org.tree().node(n);
            crate::events::dispatch(&host, "gr-select", &SelectDetail { id: node.id(), name: node.name(), kind: "node", level: node.level() });
        })
    };
    let figure = props.figure.as_deref().and_then(Figure::from_key).unwrap_or(Figure::Households);
    html! {
        <section class="gr-grid-map" aria-label={props.label.clone().unwrap_or_else(|| AttrValue::from(map_text(props.lang).title))}>
            <MapView data={Rc::clone(&props.data)} {model} lang={props.lang} at={*at} {figure} label={props.label.clone()} {navigate} {pick} crumbs={true} elderly={props.elderly} crumb={Some(crumb)} />
            { recut_of(&props.data, *at, props.lang) }
            { crate::error_panel::notes(&props.data.warnings, props.lang) }
        </section>
    }
}

#[cfg(all(feature = "grid-map", feature = "recut"))]
fn recut_of(data: &Rc<Overview>, at: NodeId, lang: Lang) -> Html {
    html! { <crate::recut_view::RecutView overview={Rc::clone(data)} {at} {lang} /> }
}

#[cfg(all(feature = "grid-map", not(feature = "recut")))]
fn recut_of(_: &Rc<Overview>, _: NodeId, _: Lang) -> Html {
    Html::default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::overview::load;

    const ORG: &str = include_str!("../../tests/data/tree/valid/laifeng-shengli.json");
    const GEO: &str = include_str!("../../tests/data/geo/widget/shengli.json");

    fn data() -> Overview {
        load(&format!(r#"{{"org": {ORG}, "geo": {GEO}}}"#), true).expect("loads")
    }

    fn place<'a>(model: &'a MapModel, id: &str) -> usize {
        model.places.iter().position(|p| p.id == id).unwrap_or_else(|| panic!("no place {id}"))
    }

    #[test]
    fn the_grids_are_drawn_inside_their_community() {
        let data = data();
        let model = data.map.as_ref().expect("map");
        assert_eq!(model.places.len(), 6, "five grids and the community");
        let root = data.org.tree().root();
        let mut shown: Vec<&str> = model.shown(&data.org, root).iter().map(|&p| model.places[p].id.as_str()).collect();
        shown.sort_unstable();
        assert_eq!(shown, ["g1", "g2", "g3", "g4", "g5"]);
        assert!(data.warnings.is_empty(), "{:?}", data.warnings);
        let g1 = &model.places[place(model, "g1")];
        assert_eq!((g1.name.as_str(), g1.code.as_deref()), ("胜利街网格", Some("42282700100101")));
        assert!(g1.path.starts_with('M') && g1.path.ends_with('Z'));
        // North is up: g1 (north row) is drawn above g4 (south row).
        assert!(g1.centre.1 < model.places[place(model, "g4")].centre.1);
    }

    #[test]
    fn neighbours_share_a_boundary_and_arrows_follow_them() {
        let data = data();
        let model = data.map.as_ref().expect("map");
        let names = |p: usize| {
            let mut n: Vec<&str> = model.places[p].neighbours.iter().map(|&q| model.places[q].id.as_str()).filter(|id| id.starts_with('g')).collect();
            n.sort_unstable();
            n
        };
        let (g1, g2, g3, g4, g5) = (place(model, "g1"), place(model, "g2"), place(model, "g3"), place(model, "g4"), place(model, "g5"));
        assert_eq!(names(g1), ["g2", "g4"]);
        assert_eq!(names(g3), ["g2", "g5"]);
        assert_eq!(names(g4), ["g1", "g2", "g5"]);
        let shown = model.shown(&data.org, data.org.tree().root());
        let near = |p: usize| model.places[p].neighbours.clone();
        assert_eq!(toward(&model.places, g1, &near(g1), 1.0, 0.0), Some(g2));
        assert_eq!(toward(&model.places, g1, &near(g1), 0.0, 1.0), Some(g4));
        assert_eq!(toward(&model.places, g4, &near(g4), 1.0, 0.0), Some(g5));
        assert_eq!(toward(&model.places, g2, &near(g2), 1.0, 0.0), Some(g3));
        // Nothing lies west of g1: no move.
        assert_eq!(toward(&model.places, g1, &shown, -1.0, 0.0), None);
        let mut order = shown.clone();
        reading_order(&model.places, &mut order);
        assert_eq!(order, [g1, g2, g3, g4, g5]);
    }

    #[test]
    fn figures_are_the_organizations_and_classed_by_quantiles() {
        let data = data();
        let model = data.map.as_ref().expect("map");
        let g1 = &model.places[place(model, "g1")];
        assert_eq!(value(&data, model, g1, Figure::Households, &MAP_ZH).text, "412");
        let households: Vec<f64> = ["g1", "g2", "g3", "g4", "g5"].iter().map(|g| value(&data, model, &model.places[place(model, g)], Figure::Households, &MAP_EN).value.unwrap_or(-1.0)).collect();
        assert_eq!(households, [412.0, 388.0, 356.0, 290.0, 433.0]);
        let bounds = classes(&households, Figure::Households);
        assert_eq!(bounds, [290.0, 356.0, 388.0, 412.0, 433.0]);
        assert_eq!((class_of(&bounds, 290.0), class_of(&bounds, 433.0), class_of(&bounds, 400.0)), (0, 4, 3));
        assert_eq!(classes(&[3.0, 3.0, 3.0], Figure::Members), [3.0]);
        assert!(classes(&[], Figure::Members).is_empty());
        // The community's own figures are its rollup.
        let sl = &model.places[place(model, "sl")];
        assert_eq!(value(&data, model, sl, Figure::Households, &MAP_ZH).text, "1879");
        assert_eq!(value(&data, model, sl, Figure::MembersInGrid, &MAP_ZH).text, "85.7%（6/7）");
        // Without cases there are no case figures.
        assert!(!Figure::OverdueClocks.available(&data) && Figure::Population.available(&data));
        for f in Figure::ALL {
            assert_eq!(Figure::from_key(f.key()), Some(f));
        }
    }

    #[test]
    fn case_figures_come_from_the_grids_branch() {
        let cases = include_str!("../../tests/data/cases/valid/season-shengli.json");
        let data = load(&format!(r#"{{"org": {ORG}, "geo": {GEO}, "cases": {cases}, "period": {{"from": "2026-06-01", "to": "2026-09-01"}}}}"#), true).expect("loads");
        let model = data.map.as_ref().expect("map");
        assert!(Figure::OverdueClocks.available(&data));
        let total: u64 = ["g1", "g2", "g3", "g4", "g5"]
            .iter()
            .map(|g| value(&data, model, &model.places[place(model, g)], Figure::OpenCases, &MAP_ZH).value.unwrap_or(0.0) as u64)
            .sum();
        let root = data.org.tree().root();
        assert!(total <= data.open[root.index()], "grids' open cases {total} within the community's");
        let overdue = value(&data, model, &model.places[place(model, "sl")], Figure::OverdueClocks, &MAP_EN);
        let m = crate::overview::node_metrics(&data, root).expect("metrics");
        let expected = m.clocks_1310.denominator - m.clocks_1310.numerator + m.clocks_12345.denominator - m.clocks_12345.numerator;
        assert_eq!(overdue.text, expected.to_string());
    }

    #[test]
    fn shapes_of_unknown_records_are_warned_about_not_dropped_silently() {
        let geo = GEO.replacen(r#""grid": "g5""#, r#""grid": "g9""#, 1);
        let data = load(&format!(r#"{{"org": {ORG}, "geo": {geo}}}"#), true).expect("loads");
        let model = data.map.as_ref().expect("map");
        assert_eq!(model.places.len(), 5);
        assert!(data.warnings.iter().any(|p| p.path == "$.geo.features[5].properties.grid" && p.record.as_deref() == Some("g9")), "{:?}", data.warnings);
    }

    #[test]
    fn the_map_needs_geometry_and_reports_its_problems_with_paths() {
        let Err(grassroots::Error::Invalid { problems }) = load(&format!(r#"{{"org": {ORG}}}"#), true) else { panic!("must fail") };
        assert!(problems.iter().any(|p| p.path == "$" && p.kind.to_string().contains("geo")), "{problems:?}");
        let open_ring = GEO.replacen("[\n       109.405,\n       29.485\n      ]\n     ]", "[\n       109.406,\n       29.485\n      ]\n     ]", 1);
        assert_ne!(open_ring, GEO, "the fixture's first ring is edited");
        let Err(grassroots::Error::Invalid { problems }) = load(&format!(r#"{{"org": {ORG}, "geo": {open_ring}}}"#), true) else { panic!("must fail") };
        assert!(problems.iter().any(|p| p.path.starts_with("$.geo.features[0].geometry")), "{problems:?}");
        for p in &problems {
            let zh = grassroots::zh::problem(&p.kind);
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{zh}");
        }
    }
}
