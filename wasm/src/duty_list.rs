//! `<gr-duty-list>`: a place's four lists (四张清单) — the items filtered by kind, handling
//! level, channel and status, with a search box; the certificate lookup a resident uses
//! ("还需要开健在证明吗？"); and, when the data holds two versions, the diff between them.
//! The views are WAI-ARIA tabs ([`crate::tabs`]).
//!
//! The data is one lists document, or two versions as `{"old": <lists>, "new": <lists>}`:
//! then the items and the lookup show the new version and a third tab shows the diff. The
//! answers and the diff are the core's ([`lookup_certificate`], [`ListDiff::between`]); this
//! module only filters and renders.

use std::collections::BTreeSet;
use std::rc::Rc;

use grassroots::lists::{Channels, Item, ItemKind, ListDiff, Lists, LookupError, Status, Verdict, lookup_certificate, name_key};
use grassroots::text::fold;
use grassroots::{Error, Problem, Severity};
use serde::Serialize;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::error_panel::{dated, notes};
use crate::events::dispatch;
use crate::i18n::{Catalogue, Lang};
use crate::tabs::Tabs;
use crate::{has, members, nested_problems, unless_syntax, wrapper_parts};

/// What `<gr-duty-list>` shows: one version, and the diff from an older one when given.
pub struct DutyData {
    pub lists: Lists,
    pub diff: Option<ListDiff>,
    /// The warnings of the version shown, or of both (under `$.old` and `$.new`), shown under
    /// the tabs.
    pub warnings: Vec<Problem>,
}

/// By identity, like [`crate::Content`]: every update brings a new value.
impl PartialEq for DutyData {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Reads the widget's data: a lists document, or `{"old": …, "new": …}`. The problems of
/// either version carry their path from the top (`$.old.items[3].owner`); when one version
/// fails, the other's warnings are listed with its errors.
pub fn load(json: &str) -> Result<DutyData, Error> {
    let pair = match members(json) {
        Ok(Some(pair)) if !has(&pair, "items", false) && (has(&pair, "old", false) || has(&pair, "new", false)) => pair,
        _ => {
            return Lists::from_json(json).map(|mut lists| DutyData { warnings: lists.take_warnings(), lists, diff: None });
        }
    };
    let mut problems = Vec::new();
    let parts = wrapper_parts(&pair, &[("old", true), ("new", true)], &mut problems);
    let mut version = |part: Option<&str>, key: &str| {
        part.and_then(|json| match Lists::from_json(json) {
            Ok(mut lists) => {
                problems.extend(nested_problems(Error::Invalid { problems: lists.take_warnings() }, key));
                Some(lists)
            }
            Err(e) => {
                problems.extend(nested_problems(e, key));
                None
            }
        })
    };
    let (old, new) = (version(parts[0], "old"), version(parts[1], "new"));
    match (old, new) {
        (Some(old), Some(new)) if problems.iter().all(|p| p.severity != Severity::Error) => {
            Ok(DutyData { diff: Some(ListDiff::between(&old, &new)), lists: new, warnings: problems })
        }
        _ => {
            problems.sort_by_key(|p| p.severity);
            Err(unless_syntax(json, Error::Invalid { problems }))
        }
    }
}

/// The item filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Only this kind.
    pub kind: Option<ItemKind>,
    /// Only items handled (now) at this level.
    pub level: Option<String>,
    /// Only items offering every channel set here.
    pub channels: Channels,
    /// Only this status (its JSON key).
    pub status: Option<&'static str>,
    /// Text in the name, an alias, the owner, the id or the legal basis.
    pub query: String,
}

/// Whether an item offers every channel `wanted` asks for.
fn offers(item: &Channels, wanted: &Channels) -> bool {
    (!wanted.one_window || item.one_window) && (!wanted.online || item.online) && (!wanted.at_most_one_trip || item.at_most_one_trip)
}

/// Whether an item matches a search text: folded (width, case, spaces) substring of its
/// name, aliases, owner, id or basis, or — for names typed as residents do (健在的证明) —
/// its name key contains the query's.
fn matches_query(item: &Item, query: &str) -> bool {
    let q = fold(query);
    if q.is_empty() {
        return true;
    }
    let key = name_key(query);
    let names = std::iter::once(&item.name).chain(&item.aliases);
    let texts = names.clone().chain(item.owner.iter()).chain(std::iter::once(&item.id)).chain(&item.basis);
    texts.into_iter().any(|t| fold(t).contains(&q)) || (!key.is_empty() && names.into_iter().any(|n| name_key(n).contains(&key)))
}

/// The rows the filters leave: indices into the items, in document order.
pub fn item_rows(lists: &Lists, filter: &Filter) -> Vec<usize> {
    lists
        .items()
        .iter()
        .enumerate()
        .filter(|(_, item)| filter.kind.is_none_or(|k| item.kind == k))
        .filter(|(_, item)| filter.level.as_deref().is_none_or(|l| item.handling_level() == l))
        .filter(|(_, item)| offers(&item.channels, &filter.channels))
        .filter(|(_, item)| filter.status.is_none_or(|s| item.status.key() == s))
        .filter(|(_, item)| matches_query(item, &filter.query))
        .map(|(i, _)| i)
        .collect()
}

/// The channels an item offers, in the widget's language.
fn channel_names(text: &Catalogue, channels: &Channels) -> Vec<&'static str> {
    [(channels.one_window, text.one_window), (channels.online, text.online), (channels.at_most_one_trip, text.at_most_one_trip)]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect()
}

/// An item's status as a sentence: in force since, delegated down to, abolished by.
pub fn status_sentence(lists: &Lists, item: &Item, lang: Lang) -> String {
    let text = lang.text();
    match &item.status {
        Status::InForce { since } => (text.in_force_since)(since.map(|d| d.to_string()).as_deref()),
        Status::DelegatedDown { since, to, .. } => (text.delegated_since)(&since.to_string(), lists.schema().label(to, lang == Lang::En)),
        Status::Abolished { since, by, instead, .. } => {
            let instead: Vec<&str> = instead.iter().map(|i| (text.instead)(*i)).collect();
            (text.abolished_since)(&since.to_string(), by, &instead.join(text.list_sep))
        }
    }
}

#[derive(Properties)]
pub struct DutyListProps {
    pub data: Rc<DutyData>,
    pub lang: Lang,
    pub label: Option<AttrValue>,
    /// The host element, where `gr-select` is dispatched.
    pub host: HtmlElement,
}

props_eq!(DutyListProps { shared: data; lang, label, host });

/// The `detail` of `gr-select` from the duty list: the item whose details opened.
#[derive(Serialize)]
struct SelectDetail<'a> {
    id: &'a str,
    name: &'a str,
    kind: ItemKind,
    level: &'a str,
    status: &'static str,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Items,
    Lookup,
    Diff,
}

#[function_component(DutyListView)]
pub fn duty_list_view(props: &DutyListProps) -> Html {
    let data = Rc::clone(&props.data);
    let lang = props.lang;
    let text = lang.text();
    let tabs: Vec<Tab> = if data.diff.is_some() { vec![Tab::Items, Tab::Lookup, Tab::Diff] } else { vec![Tab::Items, Tab::Lookup] };
    let tab = use_state(|| Tab::Items);
    let filter = use_state(Filter::default);
    let open = use_state(BTreeSet::<usize>::new);
    let query = use_state(String::new);
    let asked = use_state(|| None::<String>);

    let tab_label = |t: Tab| match t {
        Tab::Items => text.tab_items,
        Tab::Lookup => text.tab_lookup,
        Tab::Diff => text.tab_diff,
    };
    let at = tabs.iter().position(|t| *t == *tab).unwrap_or(0);
    let onselect = {
        let (tab, tabs) = (tab.clone(), tabs.clone());
        Callback::from(move |i: usize| tab.set(tabs.get(i).copied().unwrap_or(Tab::Items)))
    };
    let lists = &data.lists;
    let title = props.label.clone().unwrap_or_else(|| AttrValue::from(lists.id().to_owned()));
    let panel = match *tab {
        Tab::Items => items_panel(&data, lang, &filter, &open, &props.host),
        Tab::Lookup => lookup_panel(&data, lang, &query, &asked),
        Tab::Diff => data.diff.as_ref().map_or_else(Html::default, |diff| diff_panel(lists, diff, lang)),
    };
    html! {
        <section class="gr-duty-list" aria-label={title.clone()}>
            <div class="gr-head">
                <h2 class="gr-title">{ title }</h2>
                <span class="gr-count">{ dated(&(text.lists_version)(lists.version(), &lists.effective().to_string())) }</span>
            </div>
            <Tabs label={text.duty_tabs} names={tabs.iter().map(|&t| tab_label(t)).collect::<Vec<_>>()} active={at} {onselect}>
                { panel }
            </Tabs>
            { notes(&data.warnings, lang) }
        </section>
    }
}

fn items_panel(data: &Rc<DutyData>, lang: Lang, filter: &UseStateHandle<Filter>, open: &UseStateHandle<BTreeSet<usize>>, host: &HtmlElement) -> Html {
    let text = lang.text();
    let en = lang == Lang::En;
    let lists = &data.lists;
    let rows = item_rows(lists, filter);
    let update = |change: fn(&mut Filter, String)| {
        let filter = filter.clone();
        move |value: String| {
            let mut next = (*filter).clone();
            change(&mut next, value);
            filter.set(next);
        }
    };
    let set_kind = update(|f, v| f.kind = ItemKind::ALL.into_iter().find(|k| k.key() == v));
    let set_level = update(|f, v| f.level = (!v.is_empty()).then_some(v));
    let set_status = update(|f, v| f.status = ["in_force", "abolished", "delegated_down"].into_iter().find(|s| *s == v));
    let set_query = update(|f, v| f.query = v);
    let set_channel = update(|f, v| {
        let (name, on) = v.split_once('=').unwrap_or((&v, ""));
        let on = on == "1";
        match name {
            "one_window" => f.channels.one_window = on,
            "online" => f.channels.online = on,
            _ => f.channels.at_most_one_trip = on,
        }
    });
    let select_value = |e: Event| e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
    let kind_radio = |key: &'static str, label: String| {
        let checked = filter.kind.map_or("", |k| k.key()) == key;
        let onchange = { let set = set_kind.clone(); Callback::from(move |_: Event| set(key.to_owned())) };
        html! {
            <label class="gr-choice"><input type="radio" name="gr-kind" value={key} {checked} {onchange} />{ label }</label>
        }
    };
    let count = |kind: Option<ItemKind>| lists.items().iter().filter(|i| kind.is_none_or(|k| i.kind == k)).count();
    let channel_box = |key: &'static str, label: &'static str, checked: bool| {
        let onchange = {
            let set = set_channel.clone();
            Callback::from(move |e: Event| {
                let on = e.target_dyn_into::<HtmlInputElement>().is_some_and(|i| i.checked());
                set(format!("{key}={}", if on { "1" } else { "0" }));
            })
        };
        html! { <label class="gr-choice"><input type="checkbox" value={key} {checked} {onchange} />{ label }</label> }
    };
    let status_option = |value: &'static str, label: &'static str| {
        html! { <option {value} selected={filter.status.unwrap_or("") == value}>{ label }</option> }
    };
    let on_level = { let set = set_level.clone(); Callback::from(move |e: Event| set(select_value(e))) };
    let on_status = { let set = set_status.clone(); Callback::from(move |e: Event| set(select_value(e))) };
    let on_query = {
        let set = set_query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                set(input.value());
            }
        })
    };
    let toggle = |i: usize| {
        let (open, data, host) = (open.clone(), Rc::clone(data), host.clone());
        Callback::from(move |_| {
            let mut next = (*open).clone();
            if !next.remove(&i) {
                next.insert(i);
                if let Some(item) = data.lists.items().get(i) {
                    let detail = SelectDetail { id: &item.id, name: &item.name, kind: item.kind, level: item.handling_level(), status: item.status.key() };
                    dispatch(&host, "gr-select", &detail);
                }
            }
            open.set(next);
        })
    };
    let levels = &lists.schema().levels;
    html! {
        <>
            <fieldset class="gr-group">
                <legend>{ text.filter_kind }</legend>
                { kind_radio("", (text.kind_count)(text.all_kinds, count(None))) }
                { for ItemKind::ALL.into_iter().map(|k| kind_radio(k.key(), (text.kind_count)((text.item_kind)(k), count(Some(k))))) }
            </fieldset>
            <div class="gr-filters">
                <label class="gr-field">{ text.filter_level }
                    <select class="gr-input" onchange={on_level}>
                        <option value="" selected={filter.level.is_none()}>{ text.all_levels }</option>
                        { for levels.iter().map(|l| html! {
                            <option value={l.key.clone()} selected={filter.level.as_deref() == Some(l.key.as_str())}>{ if en { &l.en } else { &l.zh } }</option>
                        }) }
                    </select>
                </label>
                <label class="gr-field">{ text.filter_status }
                    <select class="gr-input" onchange={on_status}>
                        { status_option("", text.all_statuses) }
                        { for ["in_force", "delegated_down", "abolished"].into_iter().map(|s| status_option(s, (text.item_status)(s))) }
                    </select>
                </label>
                <label class="gr-field">{ text.items_search }
                    <input class="gr-input" type="search" value={filter.query.clone()} oninput={on_query} />
                </label>
            </div>
            <fieldset class="gr-group">
                <legend>{ text.filter_channels }</legend>
                { channel_box("one_window", text.one_window, filter.channels.one_window) }
                { channel_box("online", text.online, filter.channels.online) }
                { channel_box("at_most_one_trip", text.at_most_one_trip, filter.channels.at_most_one_trip) }
            </fieldset>
            <p class="gr-status" role="status">{ (text.items_shown)(rows.len(), lists.items().len()) }</p>
            { crate::export::button(lang, "gr-x-items", text.items_caption) }
            <div class="gr-table-wrap" tabindex="0" role="region" aria-label={text.table_region}>
                <table class="gr-table gr-items" id="gr-x-items">
                    <caption class="gr-vh">{ text.items_caption }</caption>
                    <thead><tr>
                        <th scope="col">{ text.col_item }</th>
                        <th scope="col">{ text.col_kind }</th>
                        <th scope="col">{ text.col_level }</th>
                        <th scope="col">{ text.col_owner }</th>
                        <th scope="col">{ text.col_time_limit }</th>
                        <th scope="col">{ text.col_channels }</th>
                        <th scope="col">{ text.col_status }</th>
                    </tr></thead>
                    { for rows.iter().map(|&i| {
                        let item = &lists.items()[i];
                        let is_open = open.contains(&i);
                        let details = format!("gr-item-{i}");
                        let channels = channel_names(text, &item.channels);
                        html! {
                            <tbody key={item.id.clone()} data-id={item.id.clone()}>
                                <tr class={classes!((!item.status.in_force()).then_some("gr-abolished"))}>
                                    <th scope="row">
                                        <button type="button" class="gr-link gr-item-name" aria-expanded={is_open.to_string()} aria-controls={details.clone()}
                                            aria-label={(text.item_details)(&item.name)} onclick={toggle(i)}>{ &item.name }</button>
                                    </th>
                                    <td class="gr-nowrap">{ (text.item_kind)(item.kind) }</td>
                                    <td>{ lists.schema().label(item.handling_level(), en) }</td>
                                    <td>{ item.owner.as_deref().unwrap_or(text.no_owner) }</td>
                                    <td class="gr-num">{ item.time_limit_days.map_or_else(|| "—".to_owned(), text.working_days) }</td>
                                    <td>{ if channels.is_empty() { "—".to_owned() } else { channels.join(text.list_sep) } }</td>
                                    <td><span class={classes!("gr-state", format!("gr-state-{}", item.status.key()))}>{ (text.item_status)(item.status.key()) }</span></td>
                                </tr>
                                <tr id={details} class="gr-details" hidden={!is_open}>
                                    <td colspan="7">{ item_details(lists, item, lang) }</td>
                                </tr>
                            </tbody>
                        }
                    }) }
                </table>
            </div>
            if rows.is_empty() {
                <p>{ text.no_items }</p>
            }
        </>
    }
}

fn item_details(lists: &Lists, item: &Item, lang: Lang) -> Html {
    let text = lang.text();
    let joined = |parts: Vec<String>| if parts.is_empty() { text.none.to_owned() } else { parts.join(text.list_sep) };
    let materials: Vec<String> = item
        .materials
        .iter()
        .map(|m| match m {
            grassroots::lists::Material::Text(t) => t.clone(),
            grassroots::lists::Material::Item { item } => lists.item(item).map_or_else(|| item.clone(), |c| c.name.clone()),
        })
        .collect();
    let note = match &item.status {
        Status::Abolished { note: Some(note), .. } => Some(note.clone()),
        _ => None,
    };
    html! {
        <dl class="gr-facts">
            <dt>{ text.detail_status }</dt><dd>{ status_sentence(lists, item, lang) }{ note.map(|n| format!("{}{n}", text.list_sep)).unwrap_or_default() }</dd>
            <dt>{ text.detail_materials }</dt><dd>{ joined(materials) }</dd>
            <dt>{ text.detail_basis }</dt><dd>{ joined(item.basis.clone()) }</dd>
            if !item.aliases.is_empty() {
                <dt>{ text.detail_aliases }</dt><dd>{ item.aliases.join(text.list_sep) }</dd>
            }
            if let Some(day) = item.introduced {
                <dt>{ text.detail_introduced }</dt><dd>{ day.to_string() }</dd>
            }
        </dl>
    }
}

fn lookup_panel(data: &Rc<DutyData>, lang: Lang, query: &UseStateHandle<String>, asked: &UseStateHandle<Option<String>>) -> Html {
    let text = lang.text();
    let en = lang == Lang::En;
    let on_input = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                query.set(input.value());
            }
        })
    };
    let on_submit = {
        let (query, asked) = (query.clone(), asked.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            asked.set(Some((*query).clone()));
        })
    };
    let answer = asked.as_ref().map(|q| match lookup_certificate(&data.lists, q) {
        Err(LookupError::Empty) => html! { <p class="gr-note">{ text.lookup_empty }</p> },
        Err(LookupError::TooShort { query }) => html! { <p class="gr-note">{ (text.lookup_too_short)(&query) }</p> },
        Ok(answers) if answers.is_empty() => html! { <p class="gr-note">{ (text.lookup_none)(q.trim()) }</p> },
        Ok(answers) => html! {
            <>
                <p class="gr-found">{ (text.lookup_found)(q.trim(), answers.len()) }</p>
                { for answers.iter().map(|a| {
                    let (class, heading, body) = match &a.verdict {
                        Verdict::Abolished { since, by, instead, note } => {
                            let instead: Vec<&str> = instead.iter().map(|i| (text.instead)(*i)).collect();
                            let mut lines = vec![(text.abolished_since)(&since.to_string(), by, &instead.join(text.list_sep))];
                            lines.extend(note.clone());
                            ("gr-answer gr-answer-abolished", text.answer_abolished, lines)
                        }
                        Verdict::InForce { issuer, level, delegated_since, materials, time_limit_days, channels, basis, .. } => {
                            let level_name = data.lists.schema().label(level, en);
                            let mut lines = vec![(text.still_required)(issuer.as_deref().unwrap_or(text.no_owner), level_name)];
                            if let Some(day) = delegated_since {
                                lines.push((text.delegated_since)(&day.to_string(), level_name));
                            }
                            let materials = if materials.is_empty() { text.none.to_owned() } else { materials.join(text.list_sep) };
                            lines.push(format!("{}{}{materials}", text.detail_materials, if en { ": " } else { "：" }));
                            if let Some(days) = time_limit_days {
                                lines.push(format!("{}{}{}", text.col_time_limit, if en { ": " } else { "：" }, (text.working_days)(*days)));
                            }
                            let channels = channel_names(text, channels);
                            if !channels.is_empty() {
                                lines.push(format!("{}{}{}", text.col_channels, if en { ": " } else { "：" }, channels.join(text.list_sep)));
                            }
                            if !basis.is_empty() {
                                lines.push(format!("{}{}{}", text.detail_basis, if en { ": " } else { "：" }, basis.join(text.list_sep)));
                            }
                            ("gr-answer gr-answer-in-force", text.answer_in_force, lines)
                        }
                    };
                    html! {
                        <article class={class} data-id={a.id.clone()} aria-label={a.name.clone()}>
                            <h3 class="gr-answer-title">
                                <span class="gr-answer-name">{ &a.name }</span>
                                <span class="gr-answer-verdict">{ heading }</span>
                            </h3>
                            if a.matched != a.name {
                                <p class="gr-hint">{ (text.matched_alias)(&a.matched) }</p>
                            }
                            { for body.into_iter().map(|line| html! { <p class="gr-answer-line">{ line }</p> }) }
                        </article>
                    }
                }) }
            </>
        },
    });
    html! {
        <>
            <form class="gr-lookup" onsubmit={on_submit} role="search">
                <label class="gr-field" for="gr-lookup-q">{ text.lookup_label }</label>
                <input id="gr-lookup-q" class="gr-input" type="search" value={(**query).clone()} oninput={on_input} aria-describedby="gr-lookup-hint" />
                <button type="submit" class="gr-button">{ text.lookup_button }</button>
                <p id="gr-lookup-hint" class="gr-hint">{ text.lookup_hint }</p>
            </form>
            <div class="gr-answers" role="status" aria-live="polite">{ answer.unwrap_or_default() }</div>
        </>
    }
}

fn diff_panel(lists: &Lists, diff: &ListDiff, lang: Lang) -> Html {
    let text = lang.text();
    let en = lang == Lang::En;
    let level = |key: &str| lists.schema().label(key, en).to_owned();
    let (before, after) = diff.counts.iter().fold((0, 0), |(b, a), c| (b + c.before, a + c.after));
    let change = |b: usize, a: usize| {
        let d = a as i64 - b as i64;
        if d > 0 { format!("+{d}") } else { d.to_string() }
    };
    let kind = |k: ItemKind| (text.item_kind)(k);
    let entry = |id: &str, name: &str, rest: Html| html! {
        <li data-id={id.to_owned()}><span class="gr-diff-name">{ name }</span>{ " " }{ rest }</li>
    };
    html! {
        <>
            <p class="gr-diff-heading">{ (text.diff_heading)(&diff.old_version, &diff.old_effective.to_string(), &diff.new_version, &diff.new_effective.to_string()) }</p>
            <table class="gr-table gr-counts">
                <caption>{ text.diff_counts_caption }</caption>
                <thead><tr>
                    <th scope="col">{ text.col_kind }</th>
                    <th scope="col" class="gr-num">{ text.col_before }</th>
                    <th scope="col" class="gr-num">{ text.col_after }</th>
                    <th scope="col" class="gr-num">{ text.col_change }</th>
                </tr></thead>
                <tbody>
                    { for diff.counts.iter().map(|c| html! {
                        <tr>
                            <th scope="row">{ kind(c.kind) }</th>
                            <td class="gr-num">{ c.before }</td>
                            <td class="gr-num">{ c.after }</td>
                            <td class="gr-num">{ change(c.before, c.after) }</td>
                        </tr>
                    }) }
                    <tr class="gr-total-row">
                        <th scope="row">{ text.total }</th>
                        <td class="gr-num">{ before }</td>
                        <td class="gr-num">{ after }</td>
                        <td class="gr-num">{ change(before, after) }</td>
                    </tr>
                </tbody>
            </table>
            if diff.is_empty() {
                <p>{ text.diff_same }</p>
            }
            if !diff.added.is_empty() {
                <h3 class="gr-diff-part">{ (text.diff_added)(diff.added.len()) }</h3>
                <ul class="gr-list gr-diff-added">{ for diff.added.iter().map(|a| entry(&a.id, &a.name, html! {
                    <span class="gr-muted">{ format!("{}{}", kind(a.kind), if a.restored { text.diff_restored } else { "" }) }</span>
                })) }</ul>
            }
            if !diff.removed.is_empty() {
                <h3 class="gr-diff-part">{ (text.diff_removed)(diff.removed.len()) }</h3>
                <ul class="gr-list gr-diff-removed">{ for diff.removed.iter().map(|r| entry(&r.id, &r.name, html! {
                    <span class="gr-muted">{ kind(r.kind) }{ " · " }{ match &r.abolished {
                        Some(a) => (text.abolished_since)(&a.since.to_string(), &a.by, ""),
                        None => text.diff_unlisted.to_owned(),
                    } }</span>
                })) }</ul>
            }
            if !diff.moved.is_empty() {
                <h3 class="gr-diff-part">{ (text.diff_moved)(diff.moved.len()) }</h3>
                <ul class="gr-list gr-diff-moved">{ for diff.moved.iter().map(|m| entry(&m.id, &m.name, html! {
                    <span class="gr-muted">{ format!("{}{}{} → {}", if m.down { text.diff_down } else { text.diff_not_down }, if en { ": " } else { "：" }, level(&m.from), level(&m.to)) }</span>
                })) }</ul>
            }
            if !diff.changed.is_empty() {
                <h3 class="gr-diff-part">{ (text.diff_changed)(diff.changed.len()) }</h3>
                <ul class="gr-list gr-diff-changed">{ for diff.changed.iter().map(|c| entry(&c.id, &c.name, html! {
                    <ul class="gr-list">{ for c.fields.iter().map(|f| html! {
                        <li><span class="gr-field-name">{ (text.field_name)(&f.field) }</span>{ if en { ": " } else { "：" } }
                            <del>{ &f.from }</del>{ " → " }<ins>{ &f.to }</ins></li>
                    }) }</ul>
                })) }</ul>
            }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        let path = format!("{}/../tests/data/lists/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn data() -> DutyData {
        load(&fixture("valid/laifeng-2021.json")).unwrap_or_else(|e| panic!("{e}"))
    }

    fn ids(lists: &Lists, filter: &Filter) -> Vec<String> {
        item_rows(lists, filter).into_iter().map(|i| lists.items()[i].id.clone()).collect()
    }

    #[test]
    fn filters_combine_kind_level_channels_status_and_search() {
        let data = data();
        let lists = &data.lists;
        assert_eq!(item_rows(lists, &Filter::default()).len(), lists.items().len());
        let certificates = Filter { kind: Some(ItemKind::Certificate), ..Filter::default() };
        assert_eq!(item_rows(lists, &certificates).len(), 10);
        let abolished = Filter { status: Some("abolished"), ..certificates.clone() };
        assert_eq!(item_rows(lists, &abolished).len(), 7);
        // Handled at the district now: the 9 services delegated down.
        let district = Filter { level: Some("district".into()), status: Some("delegated_down"), ..Filter::default() };
        assert_eq!(item_rows(lists, &district).len(), 9);
        let online = Filter { channels: Channels { online: true, ..Channels::default() }, ..Filter::default() };
        assert!(item_rows(lists, &online).iter().all(|&i| lists.items()[i].channels.online));
        // An alias finds the item, and residents' phrasing too.
        assert_eq!(ids(lists, &Filter { query: "生存证明".into(), ..Filter::default() }), ["cert-alive"]);
        assert_eq!(ids(lists, &Filter { query: " 健在的证明 ".into(), ..Filter::default() }), ["cert-alive"]);
        assert_eq!(ids(lists, &Filter { query: "ＣＥＲＴ-ALIVE".into(), ..Filter::default() }), ["cert-alive"]);
        assert!(ids(lists, &Filter { query: "无此事项".into(), ..Filter::default() }).is_empty());
    }

    #[test]
    fn two_versions_give_the_diff_and_show_the_new_one() {
        let old = fixture("valid/laifeng-2020.json");
        let new = fixture("valid/laifeng-2021.json");
        let data = load(&format!(r#"{{"old": {old}, "new": {new}}}"#)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(data.lists.version(), "2021");
        let diff = data.diff.unwrap_or_else(|| panic!("no diff"));
        assert_eq!(diff.moved.len(), 9);
        assert_eq!(diff.counts.iter().find(|c| c.kind == ItemKind::Certificate).map(|c| (c.before, c.after)), Some((10, 3)));
    }

    #[test]
    fn problems_of_either_version_name_their_side() {
        let good = fixture("valid/laifeng-2021.json");
        let bad = fixture("broken/references.json");
        let Err(e) = load(&format!(r#"{{"old": {bad}, "new": {good}, "extra": 1}}"#)) else { panic!("loaded") };
        let paths: Vec<String> = e.problems().into_iter().map(|p| p.path).collect();
        assert!(paths.contains(&"$.old.items[1].owner".to_owned()), "{paths:?}");
        assert!(paths.contains(&"$".to_owned()), "{paths:?}");
        let Err(e) = load(r#"{"new": []}"#) else { panic!("loaded") };
        let paths: Vec<String> = e.problems().into_iter().map(|p| p.path).collect();
        assert!(paths.contains(&"$".to_owned()) && paths.iter().any(|p| p.starts_with("$.new")), "{paths:?}");
        // A single broken document keeps its own paths.
        let Err(e) = load(&bad) else { panic!("loaded") };
        assert!(e.problems().iter().any(|p| p.path == "$.items[1].owner"));
        assert!(load("not json").is_err());
    }

    /// A wrapper's members as slices of its text: strings holding brackets, commas and
    /// escaped quotes, space anywhere JSON allows it, a key written with an escape.
    #[test]
    fn members_are_the_slices_of_the_text() {
        let text = "\n { \"old\" :\t{\"a\": \"}],\\\"{\", \"b\": [1, {\"c\": []}]} ,\"n\\u0065w\":[ ]\r\n, \"x\": -1.5e3 , \"y\": null}  ";
        let all = crate::members(text).unwrap_or_else(|e| panic!("{e}")).unwrap_or_default();
        let all: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(all, [("old", "{\"a\": \"}],\\\"{\", \"b\": [1, {\"c\": []}]}"), ("new", "[ ]"), ("x", "-1.5e3"), ("y", "null")]);
        assert_eq!(crate::members(" {} ").ok().flatten().map(|m| m.len()), Some(0));
        assert!(matches!(crate::members("[{\"old\": 1}]"), Ok(None)));
        assert!(matches!(crate::members("\"{\""), Ok(None)));
        // The wrapper's own syntax is checked; its values are their readers' to read.
        for broken in ["{\"old\": 1} x", "{\"old\" 1}", "{\"old\": 1,}", "{\"old\": }", "{\"old\": 1", "{,}", "{\"old\": 1]"] {
            assert!(matches!(crate::members(broken), Err(Error::Syntax { .. })), "{broken}");
        }
        assert_eq!(crate::members("{\"old\": [1,\n 2,, 3]}").ok().flatten().map(|m| m[0].1), Some("[1,\n 2,, 3]"));
    }

    /// A pair that is not JSON inside one of its versions: the syntax error of the whole text,
    /// where it is in the whole text, not a problem of that version.
    #[test]
    fn a_pair_not_json_is_told_where_it_breaks() {
        let good = fixture("valid/laifeng-2021.json");
        let text = format!("{{\"old\": {good},\n\"new\": [1,\n 2,, 3]}}");
        // serde_json tells the second comma: line of the ` 2,,` and its fourth column.
        let line_of_it = text[..text.find(",,").unwrap_or_default()].matches('\n').count() + 1;
        let Err(Error::Syntax { line, column, .. }) = load(&text) else { panic!("not a syntax error") };
        assert_eq!((line, column), (line_of_it, 4));
        // And in a member that no reader reads.
        let Err(Error::Syntax { .. }) = load(&format!("{{\"old\": {good}, \"new\": {good}, \"extra\": [}}]}}")) else { panic!("not a syntax error") };
    }

    /// The checks of `members()` on one text (see the two generators below).
    fn agrees_with_serde_json(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        use proptest::{prop_assert, prop_assert_eq};
        let whole = serde_json::from_str::<serde_json::Value>(text);
        match crate::members(text) {
            Ok(Some(members)) => {
                let parts: Option<Vec<serde_json::Value>> = members.iter().map(|(_, v)| serde_json::from_str(v).ok()).collect();
                if let Some(parts) = parts {
                    let Ok(serde_json::Value::Object(object)) = &whole else { return Err(proptest::test_runner::TestCaseError::fail(format!("taken, but not a JSON object: {text}"))) };
                    // serde_json keeps a key's last value.
                    for (key, _) in &members {
                        let last = members.iter().zip(&parts).filter(|((k, _), _)| k == key).map(|(_, p)| p).last();
                        prop_assert_eq!(object.get(key), last, "{}", text);
                    }
                    prop_assert_eq!(object.len(), members.iter().map(|(k, _)| k).collect::<BTreeSet<_>>().len(), "{}", text);
                }
            }
            Ok(None) => prop_assert!(matches!(whole, Ok(ref v) if !v.is_object()), "{}", text),
            Err(_) => prop_assert!(whole.is_err(), "{}", text),
        }
        if let Ok(serde_json::Value::Object(_)) = whole {
            prop_assert!(matches!(crate::members(text), Ok(Some(_))), "{}", text);
        }
        Ok(())
    }

    // `members()` against serde_json, on texts made of the pieces that matter to a scanner of
    // JSON (brackets and commas inside strings, escaped quotes and backslashes, space, bare
    // quotes): it never panics; when it takes the text as an object and every part it gives is
    // JSON, the whole text is JSON and has those members (what the widgets' success path relies
    // on); and every JSON object is taken, with its members. First any run of pieces, then
    // objects written member by member with one piece put in or one byte taken out.
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn members_of_pieces(head in 0usize..3, pieces in proptest::collection::vec(0usize..PIECES.len(), 0..24)) {
            let text = [["", "{", "{\"old\":"][head]].into_iter().chain(pieces.iter().map(|&i| PIECES[i])).collect::<String>();
            agrees_with_serde_json(&text)?;
        }

        #[test]
        fn members_of_objects(
            pairs in proptest::collection::vec((0usize..KEYS.len(), 0usize..VALUES.len(), 0usize..SPACES.len()), 0..5),
            change in 0usize..3, at in 0usize..200, piece in 0usize..PIECES.len(),
        ) {
            let mut text = "{".to_owned();
            for (n, &(k, v, sp)) in pairs.iter().enumerate() {
                let sp = SPACES[sp];
                text += &format!("{}{sp}{}{sp}:{sp}{}{sp}", if n > 0 { "," } else { "" }, KEYS[k], VALUES[v]);
            }
            text += "}";
            match change {
                1 => text.insert_str(text.char_indices().map(|(i, _)| i).nth(at % text.chars().count()).unwrap_or(0), PIECES[piece]),
                2 => { text.remove(text.char_indices().map(|(i, _)| i).nth(at % text.chars().count()).unwrap_or(0)); }
                _ => {}
            }
            agrees_with_serde_json(&text)?;
        }
    }

    const KEYS: [&str; 5] = ["\"old\"", "\"new\"", "\"n\\u0065w\"", "\"{,}\"", "\"\\\"\""];
    const VALUES: [&str; 8] = ["1", "-2.5e3", "null", "\"}]\\\",\"", "[1, {\"a\": [\"]\"]}]", "{}", "{\"x\": {\"y\": \"\\\\\"}}", "[ ]"];
    const SPACES: [&str; 3] = ["", " ", "\n\t "];

    const PIECES: [&str; 22] = ["{", "}", "[", "]", ":", ",", " ", "\n", "\"a\"", "\"b\"", "\"{,}\"", "\"[:]\"", "\"q\\\"\"", "\"\\\\\"", "\"", "\\", "1", "-2.5e3", "true", "null", "\"old\":", "x"];

    /// The pair's parts go to their reader as written: a key given twice is a problem (a
    /// `Value` kept the last and dropped the first without a word), and a duplicate inside a
    /// version is found by its own reader (the `Value` had dropped it before that reader saw
    /// the text).
    #[test]
    fn a_pair_is_read_as_written() {
        let good = fixture("valid/laifeng-2021.json");
        let Err(e) = load(&format!(r#"{{"old": {good}, "new": {good}, "old": {good}}}"#)) else { panic!("loaded") };
        let messages: Vec<String> = e.problems().into_iter().filter(|p| p.path == "$").map(|p| format!("{:?}", p.kind)).collect();
        assert!(messages.iter().any(|m| m.contains("duplicate field `old`")), "{messages:?}");
        let twice = good.replacen("\"version\": \"2021\"", "\"version\": \"2021\", \"version\": \"2022\"", 1);
        assert_ne!(twice, good, "the fixture's version moved");
        let inside = |doc: &str| load(doc).err().map(|e| e.problems().into_iter().map(|p| p.path).collect::<Vec<_>>()).unwrap_or_default();
        let alone = inside(&twice);
        assert!(!alone.is_empty(), "a key twice in one version is a problem");
        let paired = inside(&format!(r#"{{"old": {good}, "new": {twice}}}"#));
        assert_eq!(paired, alone.iter().map(|p| format!("$.new{}", &p[1..])).collect::<Vec<_>>());
        // Not an object, or not JSON: read as one document, which says what is wrong.
        assert!(load("[1, 2]").is_err());
        assert!(load(r#"{"old": [1, }"#).is_err());
    }

    /// A version's warnings are the widget's, under `$.old` / `$.new` in a pair; with an error
    /// on one side, the other side's warnings go with it.
    #[test]
    fn the_warnings_of_either_version_are_kept_for_the_widget_to_show() {
        let good = fixture("valid/laifeng-2021.json");
        assert!(data().warnings.is_empty());
        // An item introduced after the day the version takes effect: a warning.
        let late = good.replacen("\"effective\": \"2021-07-01\"", "\"effective\": \"2019-01-01\"", 1);
        assert_ne!(late, good, "the fixture's effective date moved");
        let single = load(&late).unwrap_or_else(|e| panic!("{e}"));
        assert!(!single.warnings.is_empty());
        assert!(single.warnings.iter().all(|p| p.severity == Severity::Warning && p.path.starts_with("$.items[")), "{:?}", single.warnings);
        let pair = load(&format!(r#"{{"old": {good}, "new": {late}}}"#)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(pair.warnings.len(), single.warnings.len());
        assert!(pair.warnings.iter().all(|p| p.path.starts_with("$.new.items[")), "{:?}", pair.warnings);
        let bad = fixture("broken/references.json");
        let Err(e) = load(&format!(r#"{{"old": {bad}, "new": {late}}}"#)) else { panic!("loaded") };
        let problems = e.problems();
        assert!(problems.iter().any(|p| p.severity == Severity::Error && p.path.starts_with("$.old.")));
        assert_eq!(problems.iter().filter(|p| p.severity == Severity::Warning && p.path.starts_with("$.new.items[")).count(), single.warnings.len());
    }

    #[test]
    fn status_sentences_say_since_when_by_what_and_what_instead() {
        let data = data();
        let lists = &data.lists;
        let item = |id: &str| lists.item(id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(
            status_sentence(lists, item("cert-alive"), Lang::ZhCn),
            "已于 2021-06-15 由 来政办发〔2021〕12号 取消，改为个人承诺、部门数据共享"
        );
        assert_eq!(
            status_sentence(lists, item("cert-alive"), Lang::En),
            "Abolished on 2021-06-15 by 来政办发〔2021〕12号; instead: a signed self-declaration, shared department data"
        );
        assert!(status_sentence(lists, item("svc-dibao"), Lang::ZhCn).ends_with("下放至片区党支部办理"));
    }
}
