//! `<gr-scorecard>`: a rule set's results over its entities — a sortable, filterable ranking
//! table, and one entity's scorecard with its sections (stars) as disclosures that open onto
//! every indicator's explanation. The two views are WAI-ARIA tabs (`crate::tabs`).
//!
//! The evaluation is the core's ([`grassroots::rules::RuleSet::evaluate`], run once when the
//! data loads), so the browser shows exactly what `grassroots eval` prints. This module only
//! orders, filters and renders.

use std::rc::Rc;

use grassroots::rules::{EntityResult, Scorecard, Tier};
use serde::Serialize;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::events::dispatch;
use crate::i18n::{Catalogue, Lang};
use crate::tabs::Tabs;

/// What the ranking table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Rank, entities that are not rated last.
    Rank,
    /// Name (then id), in code-point order.
    Name,
    /// Total score.
    Total,
    /// One section's score, by its index.
    Section(usize),
}

/// The ranking's rows: indices into the evaluation's entities, filtered by tier and by a
/// text that the name or id contains, then sorted; equal keys keep rank order, so the
/// order is always the same.
pub fn ranking_rows(card: &Scorecard, sort: SortKey, descending: bool, tier: Option<Tier>, query: &str) -> Vec<usize> {
    let results = &card.evaluation().entities;
    let query = query.trim().to_lowercase();
    let mut rows: Vec<usize> = (0..results.len())
        .filter(|&i| tier.is_none_or(|t| results[i].tier == t))
        .filter(|&i| {
            query.is_empty() || {
                let r = &results[i];
                r.id.to_lowercase().contains(&query) || card.name_of(&r.id).to_lowercase().contains(&query)
            }
        })
        .collect();
    let rank = |r: &EntityResult| r.rank.unwrap_or(usize::MAX);
    rows.sort_by(|&a, &b| {
        let (x, y) = (&results[a], &results[b]);
        let by = match sort {
            SortKey::Rank => rank(x).cmp(&rank(y)),
            SortKey::Name => card.name_of(&x.id).cmp(card.name_of(&y.id)).then_with(|| x.id.cmp(&y.id)),
            SortKey::Total => x.total.total_cmp(&y.total),
            SortKey::Section(s) => {
                let score = |r: &EntityResult| r.sections.get(s).map_or(f64::NEG_INFINITY, |sec| sec.score);
                score(x).total_cmp(&score(y))
            }
        };
        let by = if descending { by.reverse() } else { by };
        by.then_with(|| rank(x).cmp(&rank(y))).then_with(|| a.cmp(&b))
    });
    rows
}

/// Points as people write them: `87`, `87.5` (the core's number format, as in the reasons).
pub use grassroots::text::number as points;

#[derive(Properties)]
pub struct ScorecardProps {
    pub card: Rc<Scorecard>,
    pub lang: Lang,
    pub label: Option<AttrValue>,
    /// The entity whose scorecard opens first; without one the ranking shows first.
    pub entity: Option<AttrValue>,
    /// The host element, where `gr-select` is dispatched.
    pub host: HtmlElement,
}

props_eq!(ScorecardProps { shared: card; lang, label, entity, host });

/// The `detail` of `gr-select` from a scorecard.
#[derive(Serialize)]
struct SelectDetail<'a> {
    id: &'a str,
    name: &'a str,
    tier: Tier,
    rank: Option<usize>,
    total: f64,
}

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Ranking,
    Card,
}

fn tier_class(tier: Tier) -> &'static str {
    match tier {
        Tier::Excellence => "gr-tier gr-tier-excellence",
        Tier::Pass => "gr-tier gr-tier-pass",
        Tier::Fail => "gr-tier gr-tier-fail",
        Tier::NotRated => "gr-tier gr-tier-none",
    }
}

fn section_name<'a>(card: &'a Scorecard, index: usize, lang: Lang) -> &'a str {
    card.rules().sections().get(index).map_or("", |s| if lang == Lang::En { &s.en } else { &s.zh })
}

#[function_component(ScorecardView)]
pub fn scorecard_view(props: &ScorecardProps) -> Html {
    let card = Rc::clone(&props.card);
    let lang = props.lang;
    let text = lang.text();
    let results = &card.evaluation().entities;
    let start = props.entity.as_ref().and_then(|id| results.iter().position(|r| r.id.as_str() == id.as_str()));
    let tab = use_state(|| if start.is_some() { Tab::Card } else { Tab::Ranking });
    let selected = use_state(|| start.unwrap_or(0));
    let sort = use_state(|| (SortKey::Rank, false));
    let tier_filter = use_state(|| None::<Tier>);
    let query = use_state(String::new);

    let select = {
        let (card, host, selected, tab) = (Rc::clone(&card), props.host.clone(), selected.clone(), tab.clone());
        Callback::from(move |(index, open): (usize, bool)| {
            if let Some(r) = card.evaluation().entities.get(index) {
                let detail = SelectDetail { id: &r.id, name: card.name_of(&r.id), tier: r.tier, rank: r.rank, total: r.total };
                dispatch(&host, "gr-select", &detail);
                selected.set(index);
                if open {
                    tab.set(Tab::Card);
                }
            }
        })
    };

    let rules = card.rules();
    let title = props.label.clone().unwrap_or_else(|| AttrValue::from(rules.id().to_owned()));
    let period = rules.effective();
    let panel = match *tab {
        Tab::Ranking => ranking(&card, lang, &sort, &tier_filter, &query, &select),
        Tab::Card => entity_card(&card, lang, *selected, &select),
    };
    let onselect = {
        let tab = tab.clone();
        Callback::from(move |i: usize| tab.set(if i == 1 { Tab::Card } else { Tab::Ranking }))
    };
    html! {
        <section class="gr-scorecard" aria-label={title.clone()}>
            <div class="gr-head">
                <h2 class="gr-title">{ title }</h2>
                <span class="gr-count">{ crate::error_panel::dated(&(text.rule_set_version)(rules.version(), &period.from.to_string(), &period.to.to_string())) }</span>
            </div>
            <Tabs label={text.scorecard_tabs} names={vec![text.tab_ranking, text.tab_card]} active={usize::from(*tab == Tab::Card)} {onselect}>
                { panel }
            </Tabs>
        </section>
    }
}

fn ranking(
    card: &Rc<Scorecard>,
    lang: Lang,
    sort: &UseStateHandle<(SortKey, bool)>,
    tier_filter: &UseStateHandle<Option<Tier>>,
    query: &UseStateHandle<String>,
    select: &Callback<(usize, bool)>,
) -> Html {
    let text = lang.text();
    let results = &card.evaluation().entities;
    let (key, descending) = **sort;
    let rows = ranking_rows(card, key, descending, **tier_filter, query);
    let header = |label: String, which: SortKey, first_descending: bool| {
        let state = if key == which { if descending { "descending" } else { "ascending" } } else { "none" };
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_| {
                let (k, d) = *sort;
                sort.set(if k == which { (which, !d) } else { (which, first_descending) });
            })
        };
        html! {
            <th scope="col" aria-sort={state}>
                <button type="button" class="gr-sort" {onclick}>{ label }<span class="gr-sort-mark" aria-hidden="true">{
                    match state { "ascending" => " ▲", "descending" => " ▼", _ => "" }
                }</span></button>
            </th>
        }
    };
    let on_tier = {
        let tier_filter = tier_filter.clone();
        Callback::from(move |e: Event| {
            let value = e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            tier_filter.set(match value.as_str() {
                "excellence" => Some(Tier::Excellence),
                "pass" => Some(Tier::Pass),
                "fail" => Some(Tier::Fail),
                "not_rated" => Some(Tier::NotRated),
                _ => None,
            });
        })
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                query.set(input.value());
            }
        })
    };
    let tier_option = |value: &'static str, tier: Option<Tier>| {
        let label = tier.map_or(text.all_tiers, |t| (text.tier)(t));
        html! { <option {value} selected={**tier_filter == tier}>{ label }</option> }
    };
    let sections = card.rules().sections();
    html! {
        <>
            <div class="gr-filters">
                <label class="gr-field">{ text.filter_tier }
                    <select class="gr-input" onchange={on_tier}>
                        { tier_option("", None) }
                        { tier_option("excellence", Some(Tier::Excellence)) }
                        { tier_option("pass", Some(Tier::Pass)) }
                        { tier_option("fail", Some(Tier::Fail)) }
                        { tier_option("not_rated", Some(Tier::NotRated)) }
                    </select>
                </label>
                <label class="gr-field">{ text.filter_search }
                    <input class="gr-input" type="search" value={(**query).clone()} oninput={on_query} />
                </label>
            </div>
            <p class="gr-status" role="status">{ (text.rows_shown)(rows.len(), results.len()) }</p>
            { crate::export::button(lang, "gr-x-ranking", text.ranking_caption) }
            <div class="gr-table-wrap" tabindex="0" role="region" aria-label={text.table_region}>
                <table class="gr-table" id="gr-x-ranking">
                    <caption class="gr-vh">{ text.ranking_caption }</caption>
                    <thead><tr>
                        { header(text.col_rank.to_owned(), SortKey::Rank, false) }
                        { header(text.col_name.to_owned(), SortKey::Name, false) }
                        { header(text.col_total.to_owned(), SortKey::Total, true) }
                        <th scope="col">{ text.col_tier }</th>
                        { for (0..sections.len()).map(|s| header(section_name(card, s, lang).to_owned(), SortKey::Section(s), true)) }
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|&i| {
                            let r = &results[i];
                            let name = card.name_of(&r.id);
                            let onclick = { let select = select.clone(); Callback::from(move |_| select.emit((i, true))) };
                            html! {
                                <tr>
                                    <td class="gr-num">{ r.rank.map_or_else(|| "—".to_owned(), |n| n.to_string()) }</td>
                                    <th scope="row">
                                        <button type="button" class="gr-link" {onclick} aria-label={(text.open_card)(name)}>{ name }</button>
                                    </th>
                                    <td class="gr-num">{ points(r.total) }</td>
                                    <td>
                                        <span class={tier_class(r.tier)}>{ (text.tier)(r.tier) }</span>
                                        if r.voided {
                                            <span class="gr-voided">{ text.section_voided }</span>
                                        }
                                    </td>
                                    { for r.sections.iter().map(|s| html! {
                                        <td class="gr-num">
                                            <span aria-hidden="true" class="gr-star">{ if s.passed { "★ " } else { "☆ " } }</span>
                                            { points(s.score) }
                                            <span class="gr-vh">{ if s.voided { text.section_voided } else if s.passed { text.section_passed } else { text.section_failed } }</span>
                                        </td>
                                    }) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if rows.is_empty() {
                <p>{ text.no_rows }</p>
            }
        </>
    }
}

fn entity_card(card: &Rc<Scorecard>, lang: Lang, selected: usize, select: &Callback<(usize, bool)>) -> Html {
    let text: &Catalogue = lang.text();
    let evaluation = card.evaluation();
    let Some(r) = evaluation.entities.get(selected) else {
        return html! { <p>{ text.no_rows }</p> };
    };
    let en = lang == Lang::En;
    let reason = |zh: &str, english: &str| if en { english.to_owned() } else { zh.to_owned() };
    let on_pick = {
        let select = select.clone();
        Callback::from(move |e: Event| {
            if let Some(index) = e.target_dyn_into::<HtmlSelectElement>().and_then(|s| s.value().parse::<usize>().ok()) {
                select.emit((index, false));
            }
        })
    };
    let rated = evaluation.entities.iter().filter(|e| e.rank.is_some()).count();
    let stars = r.sections.iter().filter(|s| s.passed).count();
    let notes: Vec<_> = evaluation.diagnostics.iter().filter(|p| p.record.as_deref() == Some(r.id.as_str())).collect();
    html! {
        <>
            <label class="gr-field">{ text.entity_picker }
                <select class="gr-input" onchange={on_pick}>
                    { for evaluation.entities.iter().enumerate().map(|(i, e)| html! {
                        <option value={i.to_string()} selected={i == selected}>{ card.name_of(&e.id) }</option>
                    }) }
                </select>
            </label>
            <div class="gr-summary">
                <h3 class="gr-entity">{ card.name_of(&r.id) }</h3>
                <p>
                    <span class={tier_class(r.tier)}>{ (text.tier)(r.tier) }</span>
                    <span class="gr-total">{ (text.total_points)(&points(r.total)) }</span>
                    <span>{ (text.rank_of)(r.rank, rated) }</span>
                    <span>
                        <span aria-hidden="true" class="gr-star">{ format!("{}{}", "★".repeat(stars), "☆".repeat(r.sections.len() - stars)) }</span>
                        { " " }{ (text.stars)(stars, r.sections.len()) }
                    </span>
                </p>
                if let Some(why) = &r.not_rated {
                    <p class="gr-note">{ reason(&why.zh(), &why.en()) }</p>
                }
                if !r.vetoes.is_empty() {
                    <p class="gr-veto"><strong>{ text.vetoes_title }</strong></p>
                    <ul class="gr-list">{ for r.vetoes.iter().map(|v| html! { <li>{ reason(&v.reason.zh(), &v.reason.en()) }</li> }) }</ul>
                }
                if !r.bonuses.is_empty() {
                    <p><strong>{ text.bonuses_title }</strong></p>
                    <ul class="gr-list">{ for r.bonuses.iter().map(|b| html! { <li>{ reason(&b.reason.zh(), &b.reason.en()) }</li> }) }</ul>
                }
            </div>
            <ul class="gr-sections">
                { for (0..r.sections.len()).map(|s| html! {
                    <SectionDisclosure
                        key={format!("{}-{s}", r.id)}
                        index={s}
                        name={AttrValue::from(section_name(card, s, lang).to_owned())}
                        card={Rc::clone(card)}
                        entity={selected}
                        {lang}
                    />
                }) }
            </ul>
            if !notes.is_empty() {
                <div class="gr-notes" role="note">
                    <p><strong>{ text.diagnostics_title }</strong></p>
                    <ul class="gr-problems">
                        { for notes.iter().map(|p| html! {
                            <li><code class="gr-path">{ crate::error_panel::path(&p.path) }</code>{ " " }<span class="gr-message">{ crate::error_panel::dated(&(text.problem)(&p.kind)) }</span></li>
                        }) }
                    </ul>
                </div>
            }
        </>
    }
}

#[derive(Properties)]
struct SectionProps {
    index: usize,
    name: AttrValue,
    card: Rc<Scorecard>,
    entity: usize,
    lang: Lang,
}

props_eq!(SectionProps { shared: card; index, name, entity, lang });

/// One section (star) as a WAI-ARIA disclosure: a heading with a button that shows its
/// indicators' explanations.
#[function_component(SectionDisclosure)]
fn section_disclosure(props: &SectionProps) -> Html {
    let open = use_state(|| false);
    let text = props.lang.text();
    let Some(section) = props.card.evaluation().entities.get(props.entity).and_then(|r| r.sections.get(props.index)) else {
        return Html::default();
    };
    let rules = props.card.rules().sections().get(props.index);
    let indicator_name = |i: usize| rules.and_then(|s| s.indicators.get(i)).map_or("", |ind| if props.lang == Lang::En { &ind.en } else { &ind.zh });
    let onclick = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let id = format!("gr-section-{}", props.index);
    let state = if section.voided { text.section_voided } else if section.passed { text.section_passed } else { text.section_failed };
    html! {
        <li class={classes!("gr-section", (!section.passed).then_some("gr-below"))}>
            <h4 class="gr-section-head">
                <button type="button" class="gr-disclosure" aria-expanded={open.to_string()} aria-controls={id.clone()} {onclick}>
                    <span aria-hidden="true" class="gr-star">{ if section.passed { "★" } else { "☆" } }</span>
                    <span class="gr-section-name">{ props.name.clone() }</span>
                    <span class="gr-section-score">{ (text.score_of)(&points(section.score), &points(section.max)) }</span>
                    <span class="gr-section-state">{ state }</span>
                </button>
            </h4>
            <div {id} class="gr-indicators" hidden={!*open}>
                <table class="gr-table">
                    <caption class="gr-vh">{ props.name.clone() }</caption>
                    <thead><tr>
                        <th scope="col">{ text.col_indicator }</th>
                        <th scope="col">{ text.col_points }</th>
                        <th scope="col">{ text.col_reason }</th>
                    </tr></thead>
                    <tbody>
                        { for section.indicators.iter().enumerate().map(|(i, ind)| html! {
                            <tr class={classes!((!ind.passed()).then_some("gr-below"))}>
                                <th scope="row">{ indicator_name(i) }</th>
                                <td class="gr-num">{ (text.score_of)(&points(ind.points()), &points(ind.max())) }</td>
                                <td>{ if props.lang == Lang::En { ind.reason().en().into_owned() } else { ind.reason().zh().into_owned() } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn card() -> Scorecard {
        let rules = json!({
            "id": "t", "version": "1", "entity": "community",
            "effective": {"from": "2026-01-01", "to": "2026-12-31"},
            "facts": [{"name": "x", "type": "number", "zh": "指标", "en": "x"}, {"name": "n", "type": "integer", "zh": "样本", "en": "n"}],
            "eligible": {"when": {">=": [{"var": "n"}, 1]}, "zh": "有样本", "en": "a sample"},
            "sections": [{"id": "s", "zh": "一", "en": "one", "max": 100, "indicators": [
                {"id": "i", "zh": "指标", "en": "x", "expr": {"var": "x"}, "bands": [{"min": 90, "points": 100}, {"min": 50, "points": 60}]}]}],
            "outcome": {"pass": {"each_section": 60, "total": 60}}
        });
        let doc = json!({"rules": rules, "entities": [
            {"id": "b", "name": "乙社区", "facts": {"x": 95, "n": 3}},
            {"id": "a", "name": "甲社区", "facts": {"x": 60, "n": 3}},
            {"id": "c", "name": "丙社区", "facts": {"x": 99, "n": 0}},
            {"id": "d", "facts": {"x": 10, "n": 2}}
        ]});
        Scorecard::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_ranking_sorts_and_filters_with_unrated_last() {
        let card = card();
        let ids = |rows: Vec<usize>| rows.into_iter().map(|i| card.evaluation().entities[i].id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(ranking_rows(&card, SortKey::Rank, false, None, "")), ["b", "a", "d", "c"]);
        assert_eq!(ids(ranking_rows(&card, SortKey::Rank, true, None, "")), ["c", "d", "a", "b"]);
        assert_eq!(ids(ranking_rows(&card, SortKey::Total, true, None, "")), ["b", "c", "a", "d"]);
        assert_eq!(ids(ranking_rows(&card, SortKey::Section(0), false, None, "")), ["d", "a", "b", "c"]);
        assert_eq!(ids(ranking_rows(&card, SortKey::Rank, false, Some(Tier::Pass), "")), ["b", "a"]);
        assert_eq!(ids(ranking_rows(&card, SortKey::Rank, false, Some(Tier::NotRated), "")), ["c"]);
        assert_eq!(ids(ranking_rows(&card, SortKey::Rank, false, None, " 甲")), ["a"]);
        assert_eq!(ids(ranking_rows(&card, SortKey::Rank, false, None, "D")), ["d"]);
        assert!(ranking_rows(&card, SortKey::Rank, false, None, "无此").is_empty());
    }

    #[test]
    fn points_read_as_people_write_them() {
        assert_eq!(points(87.0), "87");
        assert_eq!(points(87.5), "87.5");
        assert_eq!(points(0.1 + 0.2), "0.3");
    }
}
