//! `<gr-case-tracker>`: the cases of a cases document (民情诉求) as a list with the overdue
//! first, and one case's detail — its five 民情 steps as a timeline, its events, its whistle
//! dispatch (吹哨报到: who must report, by when, the escalation level now) and every SLA
//! clock (1310, 12345) with where it stands.
//!
//! The clocks are the core's ([`grassroots::cases::clocks`]), re-read every second at an
//! advancing "now" (the `now` option, or the browser's clock, plus the time elapsed since the
//! widget mounted), so a running clock turns breached on screen when its deadline passes.
//! A clock turning breached is announced once through a polite live region; the countdown
//! text itself is not live (it would speak every second). This module orders, summarises
//! and renders; every figure comes from the core.

use std::rc::Rc;

use grassroots::cases::{Case, CaseClocks, CasesDoc, ClockStatus, Limit, Step, Timestamp, clocks};
use grassroots::org::Names;
use grassroots::{Error, Organization, Problem, Severity};
use gloo_timers::callback::Interval;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, FocusEvent, HtmlElement, KeyboardEvent, Node};
use yew::prelude::*;

use crate::error_panel::{dated, notes};
use crate::events::dispatch;
use crate::i18n::{Catalogue, Lang};
use crate::{has, members, nested_problems, unless_syntax, wrapper_parts};

/// What `<gr-case-tracker>` shows: the cases, the names of the places they sit (when the
/// organization was given) and what is worth a look in them.
pub struct Tracker {
    pub doc: Rc<CasesDoc>,
    /// The organization's names (none without one), for the places cases sit.
    pub names: Names,
    /// The document's warnings, and cases whose node is not in the organization.
    pub warnings: Vec<Problem>,
}

impl PartialEq for Tracker {
    /// The same load (a new load is a new document).
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
    }
}

impl Tracker {
    /// The name of the place a case sits, or its `node` as given.
    pub fn place<'a>(&'a self, case: &'a Case) -> &'a str {
        self.names.place(&case.node)
    }
}

/// Reads a cases document, or `{"cases": <document>, "org": <organization>}` to show the
/// places by name and check that each is in the organization. Problems keep their paths from
/// the top (`$.cases.cases[3].node`).
pub fn load(json: &str) -> Result<Tracker, Error> {
    let map = match members(json) {
        Ok(Some(map)) if has(&map, "cases", true) => map,
        _ => {
            let mut doc = CasesDoc::from_json(json)?;
            let warnings = doc.take_warnings();
            return Ok(Tracker { doc: Rc::new(doc), names: Names::default(), warnings });
        }
    };
    let mut problems = Vec::new();
    let parts = wrapper_parts(&map, &[("cases", true), ("org", false)], &mut problems);
    let org = parts[1].and_then(|j| Organization::from_json(j).map_err(|e| problems.extend(nested_problems(e, "org"))).ok());
    let doc = parts[0].and_then(|j| CasesDoc::from_json(j).map_err(|e| problems.extend(nested_problems(e, "cases"))).ok());
    match doc {
        Some(mut doc) if !problems.iter().any(|p| p.severity == Severity::Error) => {
            let mut found = doc.take_warnings();
            if let Some(org) = &org {
                found.extend(doc.check_nodes(org.tree()));
            }
            let warnings = nested_problems(Error::Invalid { problems: found }, "cases");
            Ok(Tracker { doc: Rc::new(doc), names: org.as_ref().map(Names::of).unwrap_or_default(), warnings })
        }
        _ => {
            problems.sort_by_key(|p| p.severity);
            Err(unless_syntax(json, Error::Invalid { problems }))
        }
    }
}

/// Where a case's clocks stand, in one line of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Summary {
    /// A clock is breached. `open` when one is still waiting for its event (overdue now):
    /// `by_seconds` is the largest overrun among those. Otherwise (no clock running either)
    /// an event came late: the largest overrun of all.
    Breached { by_seconds: i64, open: bool },
    /// Nothing overdue now and at least one clock running: the least time left (an event
    /// that came late earlier in the case does not hide a clock still running).
    Running { left_seconds: i64 },
    /// Every clock met.
    AllMet,
    /// "now" is before the case opened.
    NotStarted,
    /// No SLA profile applies to the case.
    NoClocks,
}

/// The one-line summary of a case's clocks.
pub fn summary(case: &CaseClocks) -> Summary {
    if case.clocks.is_empty() {
        return Summary::NoClocks;
    }
    let breaches: Vec<(i64, bool)> = case
        .clocks
        .iter()
        .filter_map(|c| match c.status {
            ClockStatus::Breached { at, by_seconds } => Some((by_seconds, at.is_none())),
            _ => None,
        })
        .collect();
    let worst = |open: bool| breaches.iter().filter(|(_, o)| *o == open).map(|(by, _)| *by).max();
    if let Some(by_seconds) = worst(true) {
        return Summary::Breached { by_seconds, open: true };
    }
    let left = case
        .clocks
        .iter()
        .filter_map(|c| match c.status {
            ClockStatus::Running { left_seconds } => Some(left_seconds),
            _ => None,
        })
        .min();
    if let Some(left_seconds) = left {
        return Summary::Running { left_seconds };
    }
    if let Some(by_seconds) = worst(false) {
        return Summary::Breached { by_seconds, open: false };
    }
    if case.clocks.iter().all(|c| matches!(c.status, ClockStatus::NotApplicable { .. })) {
        Summary::NotStarted
    } else {
        Summary::AllMet
    }
}

/// The list's order, as indices into `cases`, what needs acting on first: cases overdue now
/// (a clock breached and still waiting for its event, the largest overrun first); then cases
/// with a running clock, least time left first; then cases whose event came late (history:
/// the largest overrun first); then the rest, the most recently opened first. Ties go by case
/// id, so the order is always the same.
pub fn order(cases: &[CaseClocks]) -> Vec<usize> {
    let key = |c: &CaseClocks| -> (u8, i64) {
        match summary(c) {
            Summary::Breached { by_seconds, open: true } => (0, -by_seconds),
            Summary::Running { left_seconds } => (1, left_seconds),
            Summary::Breached { by_seconds, open: false } => (2, -by_seconds),
            // Newest first: the negated opening instant, in seconds.
            _ => (3, -c.opened.datetime().timestamp()),
        }
    };
    let mut rows: Vec<usize> = (0..cases.len()).collect();
    rows.sort_by(|&a, &b| key(&cases[a]).cmp(&key(&cases[b])).then_with(|| cases[a].case.cmp(&cases[b].case)));
    rows
}

/// `ids`' order kept, as indices into `cases` (ids no longer there are skipped; cases not in
/// `ids` follow in [`order`]'s order).
pub fn kept_order(cases: &[CaseClocks], ids: &[String]) -> Vec<usize> {
    let position: std::collections::HashMap<&str, usize> = cases.iter().enumerate().map(|(i, c)| (c.case.as_str(), i)).collect();
    let mut rows: Vec<usize> = ids.iter().filter_map(|id| position.get(id.as_str()).copied()).collect();
    let mut taken = vec![false; cases.len()];
    for &i in &rows {
        taken[i] = true;
    }
    rows.extend(order(cases).into_iter().filter(|&i| !taken[i]));
    rows
}

/// The clocks that were running at the `before` moment and are breached at `after`, as
/// (case, clock) indices into `after`. Both lists come from [`clocks`] over the same
/// document, which orders cases independently of "now", so the indices line up.
pub fn newly_breached(before: &[CaseClocks], after: &[CaseClocks]) -> Vec<(usize, usize)> {
    let mut turned = Vec::new();
    for (i, (was, is)) in before.iter().zip(after).enumerate() {
        for (j, (a, b)) in was.clocks.iter().zip(&is.clocks).enumerate() {
            if matches!(a.status, ClockStatus::Running { .. }) && matches!(b.status, ClockStatus::Breached { .. }) {
                turned.push((i, j));
            }
        }
    }
    turned
}

/// The ids of a case's breached clocks, `profile/clock` (a clock id alone is unique only
/// within its profile: both 12345 dispatch profiles have a `dispatched` clock).
pub fn breached_ids(case: &CaseClocks) -> Vec<String> {
    case.clocks
        .iter()
        .filter(|c| matches!(c.status, ClockStatus::Breached { .. }))
        .map(|c| format!("{}/{}", c.profile, c.clock))
        .collect()
}

/// The last step a case had taken by `now` (steps recorded later have not happened yet,
/// as for the clocks); `None` before the first.
pub fn stage_at(case: &Case, now: Timestamp) -> Option<Step> {
    case.steps.iter().filter(|s| s.at <= now).map(|s| s.step).max()
}

/// `base` moved `seconds` later (not earlier: the tracker's time only goes forward).
pub fn advanced(base: Timestamp, seconds: i64) -> Timestamp {
    if seconds <= 0 {
        return base;
    }
    Limit::parse(&format!("{seconds}s")).and_then(|limit| base.plus(limit)).unwrap_or(base)
}

/// A time as people read it, in Asia/Shanghai time: `2026-08-31 17:56`, with the seconds
/// only when they are not zero (`17:55:40`).
pub fn local_time(t: Timestamp) -> String {
    let text = t.to_string();
    match (text.get(..10), text.get(11..16), text.get(16..19)) {
        (Some(day), Some(hm), Some(":00")) => format!("{day} {hm}"),
        (Some(day), Some(hm), Some(sec)) => format!("{day} {hm}{sec}"),
        _ => text,
    }
}

/// One clock's status as text.
pub fn status_text(text: &Catalogue, status: &ClockStatus) -> String {
    match *status {
        ClockStatus::Met { margin_seconds, .. } => (text.clock_met)(margin_seconds),
        ClockStatus::Breached { at: Some(_), by_seconds } => (text.clock_late)(by_seconds),
        ClockStatus::Breached { at: None, by_seconds } => (text.clock_breached)(by_seconds),
        ClockStatus::Running { left_seconds } => (text.clock_running)(left_seconds),
        ClockStatus::NotApplicable { .. } => text.clock_not_started.to_owned(),
    }
}

/// The list line's summary as text.
pub fn summary_text(text: &Catalogue, s: Summary) -> String {
    match s {
        Summary::Breached { by_seconds, open: true } => (text.clock_breached)(by_seconds),
        Summary::Breached { by_seconds, open: false } => (text.clock_late)(by_seconds),
        Summary::Running { left_seconds } => (text.clock_running)(left_seconds),
        Summary::AllMet => text.all_met.to_owned(),
        Summary::NotStarted => text.clock_not_started.to_owned(),
        Summary::NoClocks => text.no_clocks.to_owned(),
    }
}

fn state_class(status: &ClockStatus) -> &'static str {
    match status {
        ClockStatus::Met { .. } => "gr-state gr-state-met",
        ClockStatus::Breached { at: None, .. } => "gr-state gr-state-breached gr-pulse",
        ClockStatus::Breached { .. } => "gr-state gr-state-breached",
        ClockStatus::Running { .. } => "gr-state gr-state-running",
        ClockStatus::NotApplicable { .. } => "gr-state gr-state-none",
    }
}

fn summary_class(s: Summary) -> &'static str {
    match s {
        Summary::Breached { open: true, .. } => "gr-state gr-state-breached gr-pulse",
        Summary::Breached { .. } => "gr-state gr-state-breached",
        Summary::Running { .. } => "gr-state gr-state-running",
        Summary::AllMet => "gr-state gr-state-met",
        Summary::NotStarted | Summary::NoClocks => "gr-state gr-state-none",
    }
}

/// The browser's clock, to the whole second.
fn browser_now() -> Option<Timestamp> {
    let ms = (js_sys::Date::now() / 1000.0).floor() * 1000.0;
    let iso: String = js_sys::Date::new(&JsValue::from_f64(ms)).to_iso_string().into();
    Timestamp::parse(&iso)
}

/// Where the tracker's time starts, and when (browser milliseconds) it started there.
#[derive(Clone, Copy)]
struct Origin {
    base: Option<Timestamp>,
    /// The `now` option was given but is not RFC 3339.
    bad_now: bool,
    started_ms: f64,
}

fn origin(now: Option<&str>) -> Origin {
    let given = now.map(Timestamp::parse);
    let base = given.flatten().or_else(browser_now);
    Origin { base, bad_now: matches!(given, Some(None)), started_ms: js_sys::Date::now() }
}

#[derive(Properties)]
pub struct CaseTrackerProps {
    pub data: Rc<Tracker>,
    pub lang: Lang,
    pub label: Option<AttrValue>,
    /// The moment to start the clocks at (RFC 3339); the browser's clock when absent.
    pub now: Option<AttrValue>,
    /// The case whose detail opens first; the top of the list when absent.
    pub case: Option<AttrValue>,
    /// The host element, where `gr-select` is dispatched.
    pub host: HtmlElement,
}

props_eq!(CaseTrackerProps { shared: data; lang, label, now, case, host });

/// The `detail` of `gr-select` from the case tracker.
#[derive(Serialize)]
struct SelectDetail<'a> {
    id: &'a str,
    title: &'a str,
    /// The last step taken (`collect` … `review`), or null before the first.
    step: Option<&'static str>,
    /// The breached clocks at the moment of selection, `profile/clock`.
    breached: Vec<String>,
}

#[function_component(CaseTrackerView)]
pub fn case_tracker_view(props: &CaseTrackerProps) -> Html {
    let lang = props.lang;
    let text = lang.text();
    let start = *use_state(|| origin(props.now.as_deref()));
    let elapsed = use_state(|| 0_i64);
    let announced = use_state(Vec::<(usize, usize)>::new);
    let selected = {
        let (doc, wanted) = (Rc::clone(&props.data.doc), props.case.clone());
        use_state(move || {
            let wanted = wanted.filter(|id| doc.case(id).is_some()).map(|id| id.to_string());
            wanted.or_else(|| {
                let all = clocks(&doc, start.base?);
                order(&all).first().map(|&i| all[i].case.clone())
            })
        })
    };
    let active = use_state(|| None::<String>);
    // The list's order while the keyboard focus is in it: rows do not move under the focus
    // (a moved node would also lose it); the list re-sorts when the focus leaves.
    let frozen = use_state(|| None::<Rc<Vec<String>>>);
    let list_ref = use_node_ref();

    // The live clock: every second, "now" moves on by the time elapsed since mounting.
    {
        let (doc, elapsed, announced) = (Rc::clone(&props.data.doc), elapsed.clone(), announced.clone());
        use_effect_with((), move |_| {
            let mut seen = 0_i64;
            let mut previous: Option<Vec<CaseClocks>> = None;
            let interval = start.base.map(|base| {
                Interval::new(1_000, move || {
                    let now = ((js_sys::Date::now() - start.started_ms) / 1000.0).floor() as i64;
                    if now <= seen {
                        return;
                    }
                    let after = clocks(&doc, advanced(base, now));
                    let before = previous.take().unwrap_or_else(|| clocks(&doc, advanced(base, seen)));
                    let turned = newly_breached(&before, &after);
                    previous = Some(after);
                    seen = now;
                    if !turned.is_empty() {
                        announced.set(turned);
                    }
                    elapsed.set(now);
                })
            });
            move || drop(interval)
        });
    }

    let title = props.label.clone().unwrap_or_else(|| AttrValue::from(text.tracker_label));
    let Some(base) = start.base else {
        return html! { <p class="gr-error" role="alert">{ text.clock_unavailable }</p> };
    };
    let now = advanced(base, *elapsed);
    let all = Rc::new(clocks(&props.data.doc, now));
    let rows = Rc::new(match &*frozen {
        Some(ids) => kept_order(&all, ids),
        None => order(&all),
    });
    let on_focus_in = {
        let (frozen, ids) = (frozen.clone(), Rc::new(rows.iter().map(|&i| all[i].case.clone()).collect::<Vec<_>>()));
        Callback::from(move |_: FocusEvent| {
            if frozen.is_none() {
                frozen.set(Some(Rc::clone(&ids)));
            }
        })
    };
    let on_focus_out = {
        let (frozen, list_ref) = (frozen.clone(), list_ref.clone());
        Callback::from(move |e: FocusEvent| {
            let list = list_ref.cast::<Node>();
            let inside = e.related_target().and_then(|t| t.dyn_into::<Node>().ok()).is_some_and(|t| list.is_some_and(|l| l.contains(Some(&t))));
            if !inside {
                frozen.set(None);
            }
        })
    };
    let current = (*selected).clone();
    let tabbable = (*active).clone().or_else(|| current.clone()).or_else(|| rows.first().map(|&i| all[i].case.clone()));

    let select = {
        let (all, doc, host, selected, active) = (Rc::clone(&all), Rc::clone(&props.data.doc), props.host.clone(), selected.clone(), active.clone());
        Callback::from(move |index: usize| {
            let Some(c) = all.get(index) else { return };
            let detail = SelectDetail {
                id: &c.case,
                title: &c.title,
                step: doc.case(&c.case).and_then(|k| stage_at(k, now)).map(Step::key),
                breached: breached_ids(c),
            };
            dispatch(&host, "gr-select", &detail);
            selected.set(Some(c.case.clone()));
            active.set(Some(c.case.clone()));
        })
    };

    // Listbox keys (WAI-ARIA APG): arrows, Home and End move the focus; Enter and Space select.
    let on_key = {
        let (rows, all, list_ref, active, select) = (Rc::clone(&rows), Rc::clone(&all), list_ref.clone(), active.clone(), select.clone());
        move |position: usize| {
            let (rows, all, list_ref, active, select) = (Rc::clone(&rows), Rc::clone(&all), list_ref.clone(), active.clone(), select.clone());
            Callback::from(move |e: KeyboardEvent| {
                let last = rows.len().saturating_sub(1);
                let to = match e.key().as_str() {
                    "ArrowDown" => position.saturating_add(1).min(last),
                    "ArrowUp" => position.saturating_sub(1),
                    "Home" => 0,
                    "End" => last,
                    "Enter" | " " => {
                        e.prevent_default();
                        select.emit(rows[position]);
                        return;
                    }
                    _ => return,
                };
                e.prevent_default();
                let option = list_ref
                    .cast::<Element>()
                    .and_then(|list| list.query_selector(&format!("[data-index=\"{to}\"]")).ok().flatten())
                    .and_then(|el| el.dyn_into::<HtmlElement>().ok());
                if let Some(option) = option {
                    let _ = option.focus();
                }
                active.set(Some(all[rows[to]].case.clone()));
            })
        }
    };

    let announcement = announced
        .iter()
        .filter_map(|&(i, j)| {
            let c = all.get(i)?;
            let clock = c.clocks.get(j)?;
            Some((text.announce_breached)(&c.title, if lang == Lang::En { &clock.en } else { &clock.zh }))
        })
        .collect::<Vec<_>>()
        .join(text.list_separator);
    let detail = current.as_deref().and_then(|id| Some((props.data.doc.case(id)?, all.iter().find(|c| c.case == id)?)));
    let warnings = &props.data.warnings;

    html! {
        <section class="gr-case-tracker" aria-label={title.clone()}>
            <div class="gr-head">
                <h2 class="gr-title">{ title }</h2>
                <span class="gr-count">{ (text.case_count)(all.len()) }{ " · " }<span class="gr-now">{ dated(&(text.now_is)(&local_time(now))) }</span></span>
            </div>
            if start.bad_now {
                <p class="gr-note">{ (text.bad_now)(props.now.as_deref().unwrap_or_default()) }</p>
            }
            <div class="gr-vh gr-announce" role="status" aria-live="polite">{ announcement }</div>
            <div class="gr-tracker-body">
                <div class="gr-case-pane">
                    if all.is_empty() {
                        <p>{ text.no_cases }</p>
                    } else {
                        <p class="gr-hint" id="gr-case-hint">{ text.case_list_hint }</p>
                        // tabindex -1: Firefox puts a scroll box that overflows into the Tab order
                        // even when it holds focusable rows; the rows are the stop.
                        <div class="gr-case-list" role="listbox" ref={list_ref} aria-label={text.case_list_label} aria-describedby="gr-case-hint" tabindex="-1"
                            onfocusin={on_focus_in} onfocusout={on_focus_out}>
                            { for rows.iter().enumerate().map(|(position, &i)| {
                                let c = &all[i];
                                let case = props.data.doc.case(&c.case);
                                let s = summary(c);
                                let is_selected = current.as_deref() == Some(c.case.as_str());
                                let onclick = { let select = select.clone(); Callback::from(move |_| select.emit(i)) };
                                let step = case.and_then(|k| stage_at(k, now)).map_or(text.no_step, |s| (text.step_name)(s));
                                html! {
                                    <div role="option" key={c.case.clone()} class="gr-case" data-id={c.case.clone()} data-index={position.to_string()}
                                        aria-selected={is_selected.to_string()}
                                        tabindex={if tabbable.as_deref() == Some(c.case.as_str()) { "0" } else { "-1" }}
                                        {onclick} onkeydown={on_key(position)}>
                                        <span class="gr-case-title">{ &c.title }</span>
                                        <span class="gr-case-meta">
                                            { (text.case_meta)(case.map_or("", |k| (text.category)(&k.category)), case.map_or("", |k| props.data.place(k)), step) }
                                        </span>
                                        <span class={summary_class(s)}>{ summary_text(text, s) }</span>
                                    </div>
                                }
                            }) }
                        </div>
                        // The list as a table, for the export button alone (hidden: the listbox
                        // above is what people and screen readers use).
                        { crate::export::button(lang, "gr-x-cases", text.case_list_label) }
                        <table id="gr-x-cases" hidden=true>
                            <caption>{ text.case_list_label }</caption>
                            <thead><tr>{ for text.case_columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr></thead>
                            <tbody>
                                { for rows.iter().map(|&i| {
                                    let c = &all[i];
                                    let case = props.data.doc.case(&c.case);
                                    html! {
                                        <tr>
                                            <td>{ &c.title }</td>
                                            <td>{ case.map_or("", |k| (text.category)(&k.category)) }</td>
                                            <td>{ case.map_or("", |k| props.data.place(k)) }</td>
                                            <td>{ case.and_then(|k| stage_at(k, now)).map_or(text.no_step, |s| (text.step_name)(s)) }</td>
                                            <td>{ summary_text(text, summary(c)) }</td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    }
                    { notes(warnings, lang) }
                </div>
                if let Some((case, cc)) = detail {
                    { case_detail(&props.data, case, cc, now, lang) }
                }
            </div>
        </section>
    }
}

/// Text of a data record in the widget's language.
fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    if lang == Lang::En { en } else { zh }
}

fn case_detail(data: &Tracker, case: &Case, cc: &CaseClocks, now: Timestamp, lang: Lang) -> Html {
    let text = lang.text();
    let doc = &data.doc;
    let stage = stage_at(case, now);
    let fact = |label: &'static str, value: Html| html! { <div class="gr-fact"><dt>{ label }</dt><dd>{ value }</dd></div> };
    html! {
        <article class="gr-case-detail" aria-labelledby="gr-case-heading">
            <h3 class="gr-entity" id="gr-case-heading">{ &case.title }</h3>
            <dl class="gr-facts">
                { fact(text.label_id, html! { <code class="gr-code">{ &case.id }</code> }) }
                { fact(text.label_category, html! { (text.category)(&case.category) }) }
                { fact(text.label_node, html! { data.place(case) }) }
                { fact(text.label_source, html! { (text.source_name)(case.source) }) }
                { fact(text.label_urgency, html! { (text.urgency_name)(case.urgency) }) }
                { fact(text.label_opened, dated(&local_time(case.opened))) }
            </dl>
            <h4 class="gr-subhead">{ text.timeline_title }</h4>
            <ol class="gr-timeline">
                { for Step::ALL.iter().map(|&step| {
                    let record = case.step(step).filter(|r| r.at <= now);
                    let current = (stage == Some(step)).then_some("step");
                    html! {
                        <li class={if record.is_some() { "gr-done" } else { "gr-todo" }} aria-current={current}>
                            <span class="gr-step-name">{ (text.step_name)(step) }</span>
                            { match record {
                                Some(r) => html! {
                                    <span class="gr-step-when">
                                        { dated(&(text.step_done)(&local_time(r.at), &r.by)) }
                                        if let Some(verdict) = r.satisfaction {
                                            { text.list_separator }{ (text.satisfaction_name)(verdict) }
                                        }
                                    </span>
                                },
                                None => html! { <span class="gr-step-when">{ text.not_reached }</span> },
                            } }
                        </li>
                    }
                }) }
            </ol>
            <h4 class="gr-subhead">{ text.events_title }</h4>
            if case.events.iter().any(|e| e.at <= now) {
                <ul class="gr-list gr-events">
                    { for case.events.iter().filter(|e| e.at <= now).map(|e| html! {
                        <li>
                            <span class="gr-event-name">{ (text.event_name)(e.event) }</span>{ text.label_separator }
                            { dated(&local_time(e.at)) }
                            if let Some(by) = &e.by { { text.list_separator }{ by } }
                        </li>
                    }) }
                </ul>
            } else {
                <p>{ text.no_events }</p>
            }
            <h4 class="gr-subhead">{ text.dispatch_title }</h4>
            { dispatch_facts(doc, case, cc, now, lang) }
            <h4 class="gr-subhead">{ text.clocks_title }</h4>
            if cc.clocks.is_empty() {
                <p>{ text.no_clocks }</p>
            } else {
                <div class="gr-table-wrap" tabindex="0" role="region" aria-label={text.table_region}>
                    <table class="gr-table gr-clocks">
                        <caption class="gr-vh">{ (text.clocks_caption)(&case.title) }</caption>
                        <thead><tr>
                            <th scope="col">{ text.col_clock }</th>
                            <th scope="col">{ text.col_standard }</th>
                            <th scope="col">{ text.col_deadline }</th>
                            <th scope="col">{ text.col_status }</th>
                        </tr></thead>
                        <tbody>
                            { for cc.clocks.iter().map(|clock| {
                                let profile = doc.profiles().iter().find(|p| p.id == clock.profile);
                                let used = clock.within.seconds().saturating_sub(match clock.status { ClockStatus::Running { left_seconds } => left_seconds, _ => 0 });
                                html! {
                                    <tr data-clock={format!("{}/{}", clock.profile, clock.clock)}>
                                        <th scope="row">{ pick(lang, &clock.zh, &clock.en) }</th>
                                        <td>{ profile.map_or(clock.profile.as_str(), |p| pick(lang, &p.zh, &p.en)) }</td>
                                        <td class="gr-num">{ local_time(clock.deadline) }</td>
                                        <td>
                                            <span class={state_class(&clock.status)}>{ status_text(text, &clock.status) }</span>
                                            if matches!(clock.status, ClockStatus::Running { .. }) {
                                                <progress class="gr-clock-bar" aria-hidden="true" max={clock.within.seconds().to_string()} value={used.to_string()} />
                                            }
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </article>
    }
}

fn dispatch_facts(doc: &CasesDoc, case: &Case, cc: &CaseClocks, now: Timestamp, lang: Lang) -> Html {
    let text = lang.text();
    let Some(route) = doc.routing().route(case) else {
        return html! { <p>{ text.no_route }</p> };
    };
    let Some(e) = &cc.escalation else {
        return html! { <p>{ text.clock_not_started }</p> };
    };
    let fact = |label: &'static str, value: String| html! { <div class="gr-fact"><dt>{ label }</dt><dd>{ dated(&value) }</dd></div> };
    let report_by = case.opened.plus(route.within).map_or_else(String::new, local_time);
    let state = match (e.arrived, e.exhausted) {
        (Some(at), _) => (text.arrived_at)(&local_time(at)),
        (None, true) => text.ladder_exhausted.to_owned(),
        (None, false) => (text.level_left)(e.due.since(now).num_seconds()),
    };
    html! {
        <dl class="gr-facts gr-dispatch">
            { fact(text.label_route, pick(lang, &route.zh, &route.en).to_owned()) }
            { fact(text.label_reports, pick(lang, &route.reports.zh, &route.reports.en).to_owned()) }
            { fact(text.label_report_by, report_by) }
            { fact(text.label_level, (text.level_now)(pick(lang, &e.zh, &e.en), e.level)) }
            { fact(text.label_level_due, local_time(e.due)) }
            <div class="gr-fact">
                <dt>{ text.label_dispatch_state }</dt>
                <dd>
                    <span class={if e.exhausted || e.overdue_seconds.is_some() { "gr-state gr-state-breached" } else { "gr-state" }}>{ state }</span>
                    if let Some(over) = e.overdue_seconds {
                        { text.list_separator }{ (text.report_overdue)(over) }
                    }
                </dd>
            </div>
        </dl>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Span;

    #[test]
    fn spans_and_times_read_as_people_write_them() {
        assert_eq!(Span::of(0), Span::Seconds(0));
        assert_eq!(Span::of(-59), Span::Seconds(59));
        assert_eq!(Span::of(720), Span::Minutes(12, 0));
        assert_eq!(Span::of(125), Span::Minutes(2, 5));
        assert_eq!(Span::of(3_900), Span::Hours(1, 5));
        assert_eq!(Span::of(4 * 86_400 + 6 * 3_600 + 59), Span::Days(4, 6));
        assert_eq!((ZH_CN.clock_breached)(720), "已超时 12 分钟");
        assert_eq!((ZH_CN.clock_running)(180), "剩余 3 分钟");
        assert_eq!((ZH_CN.clock_running)(125), "剩余 2 分 5 秒");
        assert_eq!((EN.clock_breached)(720), "overdue by 12 min");
        assert_eq!((EN.clock_running)(3_900), "1 h 5 min left");
        assert_eq!(summary_text(&ZH_CN, Summary::AllMet), "全部达标");
        assert_eq!((ZH_CN.clock_met)(0), "按时达标（恰在时限）");
        assert_eq!(local_time(at("2026-08-31T09:56:00+00:00")), "2026-08-31 17:56");
        assert_eq!(local_time(at("2026-08-31T17:55:40+08:00")), "2026-08-31 17:55:40");
        assert_eq!(advanced(at("2026-08-02T23:59:59+08:00"), 2), at("2026-08-03T00:00:01+08:00"));
        assert_eq!(advanced(at("2026-08-02T23:59:59+08:00"), 0), at("2026-08-02T23:59:59+08:00"));
    }
    use crate::i18n::{EN, ZH_CN};

    fn doc() -> CasesDoc {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/cases/valid/season-shengli.json"))
            .unwrap_or_else(|e| panic!("fixture: {e}"));
        CasesDoc::from_json(&text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn with_the_organization_places_have_names_and_strays_are_named() {
        let cases = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/cases/valid/season-shengli.json")).unwrap_or_default();
        let org = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/tree/valid/laifeng-shengli.json")).unwrap_or_default();
        let plain = load(&cases).unwrap_or_else(|e| panic!("{e}"));
        // The fixture's one warning (a grid worker's whistle with no route), path as given.
        assert_eq!(plain.names, Names::default());
        assert_eq!(plain.warnings.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["$.cases[14].source"]);
        let data = load(&format!(r#"{{"cases": {cases}, "org": {org}}}"#)).unwrap_or_else(|e| panic!("{e}"));
        let case = |id: &str| data.doc.case(id).unwrap_or_else(|| panic!("{id}"));
        // A grid by its name, a node by its name.
        assert_eq!(data.place(case("sl-0627-flood")), "胜利街网格");
        assert_eq!(data.place(case("pol-0712-dispute")), "新街片区党支部");
        assert_eq!(data.warnings.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["$.cases.cases[14].source"]);
        // A case on a node the organization does not have: shown as given, and warned about.
        let stray = cases.replacen(r#""node": "g1""#, r#""node": "g99""#, 1);
        let data = load(&format!(r#"{{"cases": {stray}, "org": {org}}}"#)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(data.place(case_of(&data, "sl-0627-flood")), "g99");
        assert_eq!(data.warnings.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(), ["$.cases.cases[14].source", "$.cases.cases[0].node"]);
        // Bad parts are errors with their paths from the top.
        let Err(Error::Invalid { problems }) = load(&format!(r#"{{"cases": {cases}, "org": {{"nodes": 1}}, "more": 2}}"#)) else { panic!("must fail") };
        assert!(problems.iter().any(|p| p.path.starts_with("$.org")), "{problems:?}");
        assert!(problems.iter().any(|p| p.path == "$" && p.kind.to_string().contains("more")), "{problems:?}");
    }

    fn case_of<'a>(data: &'a Tracker, id: &str) -> &'a Case {
        data.doc.case(id).unwrap_or_else(|| panic!("{id}"))
    }

    #[test]
    fn categories_are_named_in_both_languages() {
        assert_eq!(((ZH_CN.category)("water"), (EN.category)("water")), ("供水", "water supply"));
        assert_eq!((ZH_CN.category)("路面塌陷"), "路面塌陷");
    }

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap_or_else(|| panic!("{text}"))
    }

    fn ids(all: &[CaseClocks]) -> Vec<&str> {
        order(all).into_iter().map(|i| all[i].case.as_str()).collect()
    }

    #[test]
    fn overdue_first_then_least_time_left_then_late_then_the_rest() {
        let doc = doc();
        // 18:00 on 31 August: the burst pipe (opened 17:55) has missed its 3-minute contact
        // (open breach, 2 minutes over) and has 5 minutes left for someone on site; the
        // school case has days left on its 15-day answer.
        let all = clocks(&doc, at("2026-08-31T18:00:00+08:00"));
        let order = ids(&all);
        assert_eq!(order[0], "sl-0831-pipe");
        let pipe = all.iter().find(|c| c.case == "sl-0831-pipe").unwrap_or_else(|| panic!("pipe"));
        assert_eq!(summary(pipe), Summary::Breached { by_seconds: 120, open: true });
        // Then the running clocks: the school case, days left on its 15-day answer.
        assert_eq!(order[1], "h-0820-school");
        assert!(matches!(summary(&all[order_index(&all, "h-0820-school")]), Summary::Running { .. }));
        // Then the cases whose event came late, largest overrun first: the property dispute
        // answered 4 days late, the power cut dispatched 30 minutes late, the gas leak.
        let late: Vec<&str> = order.iter().copied().filter(|id| matches!(summary(all.iter().find(|c| c.case == *id).unwrap_or_else(|| panic!())), Summary::Breached { open: false, .. })).collect();
        assert_eq!(&order[2..2 + late.len()], late.as_slice());
        let overruns: Vec<i64> = late
            .iter()
            .map(|id| match summary(all.iter().find(|c| c.case == *id).unwrap_or_else(|| panic!())) {
                Summary::Breached { by_seconds, .. } => by_seconds,
                _ => 0,
            })
            .collect();
        assert!(overruns.windows(2).all(|w| w[0] >= w[1]), "{overruns:?}");
        assert_eq!(late[0], "h-0610-property");
        // The rest: newest first; the noise complaint has no clock at all.
        assert_eq!(order[2 + late.len()], "h-0825-noise");
        assert_eq!(summary(&all[order_index(&all, "h-0825-noise")]), Summary::NoClocks);
        assert_eq!(summary(&all[order_index(&all, "sl-0627-flood")]), Summary::AllMet);
        assert_eq!(order.len(), all.len());
    }

    #[test]
    fn a_late_event_does_not_hide_a_clock_still_running() {
        let doc = doc();
        let all = clocks(&doc, at("2026-08-31T18:00:00+08:00"));
        let mut late = all[order_index(&all, "h-0610-property")].clone();
        assert!(matches!(summary(&late), Summary::Breached { open: false, .. }));
        // The same case with one more of its clocks still running: it is acted on by that one.
        let Some(mut running) = late.clocks.first().cloned() else { panic!("clocks") };
        running.status = ClockStatus::Running { left_seconds: 600 };
        late.clocks.push(running);
        let met = late.clocks.len() - 1;
        assert_eq!(summary(&late), Summary::Running { left_seconds: 600 });
        // And a clock overdue now comes before anything running.
        late.clocks[met].status = ClockStatus::Breached { at: None, by_seconds: 30 };
        assert_eq!(summary(&late), Summary::Breached { by_seconds: 30, open: true });
    }

    fn order_index(all: &[CaseClocks], id: &str) -> usize {
        all.iter().position(|c| c.case == id).unwrap_or_else(|| panic!("{id}"))
    }

    #[test]
    fn running_cases_sort_by_time_left_and_ties_by_id() {
        let doc = doc();
        // 17:55:10: the pipe's contact_known came at 17:55:40, so at 17:55:10 it is running
        // with 50 s left; nothing else runs but the school case (days left).
        let all = clocks(&doc, at("2026-08-31T17:55:10+08:00"));
        let order = ids(&all);
        let rest = order.iter().position(|id| matches!(summary(&all[order_index(&all, id)]), Summary::AllMet | Summary::NoClocks));
        assert_eq!(rest.map(|i| order[i]), Some("h-0825-noise"), "the newest of the rest comes first");
        let running: Vec<&str> = order.iter().copied().filter(|id| matches!(summary(&all[order_index(&all, id)]), Summary::Running { .. })).collect();
        assert_eq!(running, ["sl-0831-pipe", "h-0820-school"]);
        assert_eq!(summary(&all[order_index(&all, "sl-0831-pipe")]), Summary::Running { left_seconds: 50 });
        // Before a case opens its clocks have not started.
        let early = clocks(&doc, at("2026-08-31T17:00:00+08:00"));
        assert_eq!(summary(&early[order_index(&early, "sl-0831-pipe")]), Summary::NotStarted);
    }

    #[test]
    fn a_kept_order_stays_and_new_cases_follow_in_order() {
        let doc = doc();
        let all = clocks(&doc, at("2026-08-31T18:00:00+08:00"));
        let kept = vec!["sl-0627-flood".to_owned(), "gone".to_owned(), "sl-0831-pipe".to_owned()];
        let rows = kept_order(&all, &kept);
        let got: Vec<&str> = rows.iter().map(|&i| all[i].case.as_str()).collect();
        assert_eq!(got[..3], ["sl-0627-flood", "sl-0831-pipe", "h-0820-school"]);
        assert_eq!(rows.len(), all.len());
    }

    #[test]
    fn a_clock_turns_breached_once_its_deadline_passes() {
        let doc = doc();
        let base = at("2026-08-31T18:04:58+08:00");
        let before = clocks(&doc, base);
        let pipe = order_index(&before, "sl-0831-pipe");
        let on_site = before[pipe].clocks.iter().position(|c| c.clock == "on_site").unwrap_or_else(|| panic!("on_site"));
        assert_eq!(before[pipe].clocks[on_site].status, ClockStatus::Running { left_seconds: 2 });
        // At the deadline it is still running (0 left); one second later it is breached.
        assert!(newly_breached(&before, &clocks(&doc, advanced(base, 2))).is_empty());
        let after = clocks(&doc, advanced(base, 3));
        assert_eq!(newly_breached(&before, &after), [(pipe, on_site)]);
        assert_eq!(after[pipe].clocks[on_site].status, ClockStatus::Breached { at: None, by_seconds: 1 });
        assert_eq!(breached_ids(&after[pipe]), ["1310/contact_reached", "1310/on_site"]);
        // Steps recorded after "now" have not happened yet.
        let school = doc.case("h-0820-school").unwrap_or_else(|| panic!("school"));
        assert_eq!(stage_at(school, at("2026-08-20T10:00:00+08:00")), Some(Step::Collect));
        assert_eq!(stage_at(school, at("2026-08-31T18:00:00+08:00")), Some(Step::Analyse));
        assert_eq!(stage_at(school, at("2026-08-20T08:00:00+08:00")), None);
        // Already breached is not news.
        assert!(newly_breached(&after, &clocks(&doc, advanced(base, 10))).is_empty());
    }

}
