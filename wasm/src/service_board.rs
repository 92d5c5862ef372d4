//! `<gr-service-board>`: demand → service → claim (需求清单 → 服务清单 → 认领) as three
//! WAI-ARIA tabs of tables: the demands with their claim state (filterable) and the
//! matcher's suggestion with its reason, the claims with only the steps the core's state
//! machine allows next, and the offers.
//!
//! The widget never saves. "认领" dispatches `gr-claim` {demand, offer, provider} and a step
//! button dispatches `gr-transition` {claim, from, step, at[, rating]}; the row then says
//! "已提交，等待保存" and offers nothing more until the host calls `update()` with the data
//! as saved. Every step is tried on a copy of the claim first ([`Claim::apply`]), so an
//! event never proposes what the core would refuse.
//!
//! The data is a services document, or `{"services": <document>, "org": <organization>}`:
//! with the organization, offers that list a community cover its grids (as in `grassroots
//! validate demands --org`), and members, units and grids show by name.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use grassroots::services::{
    Claim, ClaimState, Match, Matching, ProviderRef, ServicesDocument, Step, Timestamp, TransitionError, TransitionErrorKind, Unmatched,
    match_demands,
};
use grassroots::org::Names;
use grassroots::{Error, Organization, Problem, ProblemKind, Severity};
use serde::Serialize;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlSelectElement};
use yew::prelude::*;

use crate::error_panel::{dated, notes};
use crate::events::dispatch;
use crate::i18n::{Catalogue, Lang};
use crate::tabs::Tabs;
use crate::{has, members, nested_problems, unless_syntax, wrapper_parts};

/// What `<gr-service-board>` shows: the document, the matcher's outcome, and names.
pub struct Board {
    pub doc: ServicesDocument,
    pub matching: Matching,
    /// The document's warnings (paths under `$.services` in a wrapper), shown under the tabs.
    pub warnings: Vec<Problem>,
    /// Member, unit and grid names from the organization (none without one).
    names: Names,
}

/// By identity, like [`crate::Content`]: every update brings a new value.
impl PartialEq for Board {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Board {
    fn new(mut doc: ServicesDocument, org: Option<&Organization>, wrapped: bool) -> Self {
        let matching = match_demands(&doc, org);
        let mut warnings = doc.take_warnings();
        if wrapped {
            warnings = nested_problems(Error::Invalid { problems: warnings }, "services");
        }
        Board { doc, matching, warnings, names: org.map(Names::of).unwrap_or_default() }
    }

    /// A provider's name, or its id when the organization does not say.
    pub fn provider_name<'a>(&'a self, provider: &'a ProviderRef) -> &'a str {
        provider.name(&self.names)
    }

    /// A grid's name, or its id.
    pub fn grid_name<'a>(&'a self, grid: &'a str) -> &'a str {
        self.names.grid(grid)
    }
}

/// Reads the widget's data: a services document, or `{"services": …, "org": …}` (problems
/// then carry their path from the top, `$.services.claims[2].history[1]`).
pub fn load(json: &str) -> Result<Board, Error> {
    let map = match members(json) {
        Ok(Some(map)) if has(&map, "services", false) => map,
        _ => return ServicesDocument::from_json(json).map(|doc| Board::new(doc, None, false)),
    };
    let mut problems = Vec::new();
    let parts = wrapper_parts(&map, &[("services", true), ("org", false)], &mut problems);
    let org = parts[1].and_then(|json| Organization::from_json(json).map_err(|e| problems.extend(nested_problems(e, "org"))).ok());
    let doc = parts[0].and_then(|json| ServicesDocument::from_json_with(json, org.as_ref()).map_err(|e| problems.extend(nested_problems(e, "services"))).ok());
    match doc {
        Some(doc) if !problems.iter().any(|p| p.severity == Severity::Error) => Ok(Board::new(doc, org.as_ref(), true)),
        doc => {
            // The services' warnings are listed with the organization's errors.
            if let Some(mut doc) = doc {
                problems.extend(nested_problems(Error::Invalid { problems: doc.take_warnings() }, "services"));
            }
            problems.sort_by_key(|p| p.severity);
            Err(unless_syntax(json, Error::Invalid { problems }))
        }
    }
}

/// Which demands or claims to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StateFilter {
    /// Everything.
    #[default]
    All,
    /// Demands that no claim stands for (none yet, or every claim rejected or withdrawn).
    Unclaimed,
    /// Demands or claims in this state.
    In(ClaimState),
}

impl StateFilter {
    fn value(self) -> &'static str {
        match self {
            StateFilter::All => "",
            StateFilter::Unclaimed => "unclaimed",
            StateFilter::In(s) => s.name(),
        }
    }

    fn from_value(value: &str) -> Self {
        match value {
            "unclaimed" => StateFilter::Unclaimed,
            other => ClaimState::ALL.into_iter().find(|s| s.name() == other).map_or(StateFilter::All, StateFilter::In),
        }
    }
}

/// The claim that stands for a demand: its last claim that was not rejected or withdrawn.
pub fn live_claim<'a>(doc: &'a ServicesDocument, demand: &str) -> Option<&'a Claim> {
    doc.claims().iter().rev().find(|c| c.demand() == demand && !matches!(c.state(), ClaimState::Rejected | ClaimState::Withdrawn))
}

/// The demands to show: indices, most urgent first, then earliest raised, then by id (the
/// matcher's order).
pub fn demand_rows(doc: &ServicesDocument, filter: StateFilter) -> Vec<usize> {
    let demands = doc.demands();
    let mut rows: Vec<usize> = (0..demands.len())
        .filter(|&i| {
            let state = live_claim(doc, &demands[i].id).map(Claim::state);
            match filter {
                StateFilter::All => true,
                StateFilter::Unclaimed => state.is_none(),
                StateFilter::In(s) => state == Some(s),
            }
        })
        .collect();
    rows.sort_by(|&a, &b| {
        let (x, y) = (&demands[a], &demands[b]);
        (x.urgency, x.raised_at, &x.id).cmp(&(y.urgency, y.raised_at, &y.id))
    });
    rows
}

/// The claims to show: indices in document order.
pub fn claim_rows(doc: &ServicesDocument, filter: StateFilter) -> Vec<usize> {
    (0..doc.claims().len())
        .filter(|&i| match filter {
            StateFilter::In(s) => doc.claims()[i].state() == s,
            _ => true,
        })
        .collect()
}

/// The matcher's word on a demand: the offer it would go to, or why none.
pub fn suggestion<'a>(matching: &'a Matching, demand: &str) -> Option<Result<&'a Match, &'a Unmatched>> {
    matching.matches.iter().find(|m| m.demand == demand).map(Ok).or_else(|| matching.unmatched.iter().find(|u| u.demand == demand).map(Err))
}

/// The `detail` of `gr-claim`: the demand, and the suggested offer and its provider.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimDetail {
    pub demand: String,
    pub offer: String,
    pub provider: ProviderRef,
}

/// The `detail` of `gr-transition`: the claim, the state it is in, the state the step leads
/// to, when (RFC 3339 at +08:00), and for a review its rating.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TransitionDetail {
    pub claim: String,
    pub from: ClaimState,
    pub step: ClaimState,
    pub at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// For a dispatch (派单): the offer and its provider the claim goes to — the claim's own
    /// when it names one, else the matcher's suggestion for its demand; absent when neither.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<ProviderRef>,
}

/// The event for a step, tried first on a copy of the claim so that the core's state
/// machine decides (a step out of turn, or dated before the last one, is refused).
pub fn transition(claim: &Claim, to: ClaimState, rating: u8, at: Timestamp, matching: &Matching) -> Result<TransitionDetail, TransitionError> {
    let step = Step::to(to, rating).unwrap_or(Step::Order);
    claim.clone().apply(step, at, "gr-service-board")?;
    let (offer, provider) = match (to, claim.provider()) {
        (ClaimState::Dispatched, Some(p)) => (claim.offer().map(str::to_owned), Some(p.clone())),
        (ClaimState::Dispatched, None) => match suggestion(matching, claim.demand()) {
            Some(Ok(m)) => (Some(m.offer.clone()), Some(m.provider.clone())),
            _ => (None, None),
        },
        _ => (None, None),
    };
    Ok(TransitionDetail {
        claim: claim.id().to_owned(),
        from: claim.state(),
        step: to,
        at: at.to_string(),
        rating: (to == ClaimState::Reviewed).then_some(rating),
        offer,
        provider,
    })
}

/// Why the core refused a step, as the problem the document loader would report.
fn refusal(e: TransitionError) -> ProblemKind {
    let (claim, step, state) = (e.claim, e.step.to_string(), e.state.to_string());
    match e.kind {
        TransitionErrorKind::Repeated => ProblemKind::ClaimRepeated { claim, step },
        TransitionErrorKind::TimeBackwards { previous } => {
            ProblemKind::ClaimTimeBackwards { claim, step, state, at: e.at.to_string(), previous: previous.to_string() }
        }
        TransitionErrorKind::Rating(r) => ProblemKind::Rating { found: r.to_string() },
        TransitionErrorKind::Illegal | TransitionErrorKind::NoActor => ProblemKind::IllegalTransition { claim, step, state },
    }
}

/// Now, to the second, in Shanghai time.
fn now() -> Option<Timestamp> {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    Timestamp::parse(&format!("{}Z", iso.get(..19)?))
}

/// A time as people read it: `2026-07-03 08:10`.
pub fn short_time(at: Timestamp) -> String {
    let text = at.to_string();
    text.get(..16).map_or(text.clone(), |t| t.replacen('T', " ", 1))
}

#[derive(Properties)]
pub struct ServiceBoardProps {
    pub board: Rc<Board>,
    /// Changes with every update: what was submitted is then no longer pending.
    pub generation: u32,
    pub lang: Lang,
    pub label: Option<AttrValue>,
    /// Phone numbers in full (the host's `reveal` option); masked otherwise.
    #[prop_or_default]
    pub reveal: bool,
    /// The host element, where `gr-claim` and `gr-transition` are dispatched.
    pub host: HtmlElement,
}

props_eq!(ServiceBoardProps { shared: board; generation, lang, label, reveal, host });

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Demands,
    Claims,
    Offers,
}

const TABS: [Tab; 3] = [Tab::Demands, Tab::Claims, Tab::Offers];

/// Everything the user has done that the host has not saved yet, and what to announce.
#[derive(Clone, Default, PartialEq)]
struct Pending {
    demands: BTreeSet<String>,
    claims: BTreeSet<String>,
    message: String,
}

/// Where focus goes after the next render: the `data-pending` key of a row whose button
/// has just been replaced by its "submitted" note (a button that vanishes would drop focus
/// to the page).
type FocusRequest = Rc<RefCell<Option<String>>>;

#[function_component(ServiceBoardView)]
pub fn service_board_view(props: &ServiceBoardProps) -> Html {
    let board = Rc::clone(&props.board);
    let lang = props.lang;
    let text = lang.text();
    let tab = use_state(|| Tab::Demands);
    let demand_filter = use_state(StateFilter::default);
    let claim_filter = use_state(StateFilter::default);
    let pending = use_state(Pending::default);
    // The ratings chosen and the histories open, by claim id: a few each, so lists (maps of
    // their own cost the module 12 KB of raw code for this).
    let ratings = use_state(Vec::<(String, u8)>::new);
    let open = use_state(Vec::<String>::new);
    let section = use_node_ref();
    let focus: FocusRequest = use_mut_ref(|| None);
    {
        let (section, focus) = (section.clone(), focus.clone());
        use_effect(move || {
            let Some(key) = focus.borrow_mut().take() else { return };
            let target = section
                .cast::<Element>()
                .and_then(|s| s.query_selector(&format!("[data-pending=\"{key}\"]")).ok().flatten())
                .and_then(|e| e.dyn_into::<HtmlElement>().ok());
            if let Some(el) = target {
                let _ = el.focus();
            }
        });
    }
    {
        // New data from the host: what was submitted is saved (or not) — the data says.
        let pending = pending.clone();
        use_effect_with(props.generation, move |_| pending.set(Pending::default()));
    }

    let doc = &board.doc;
    let title = props.label.clone().unwrap_or(AttrValue::Static(text.board_title));
    let at = TABS.iter().position(|t| *t == *tab).unwrap_or(0);
    let onselect = {
        let tab = tab.clone();
        Callback::from(move |i: usize| tab.set(TABS.get(i).copied().unwrap_or(Tab::Demands)))
    };
    let panel = match *tab {
        Tab::Demands => demands_panel(&board, lang, props.reveal, &demand_filter, &pending, &focus, &props.host),
        Tab::Claims => claims_panel(&board, lang, &claim_filter, &pending, &focus, &ratings, &open, &props.host),
        Tab::Offers => offers_panel(&board, lang),
    };
    html! {
        <section class="gr-service-board" aria-label={title.clone()} ref={section}>
            <div class="gr-head">
                <h2 class="gr-title">{ title }</h2>
                <span class="gr-count">{ (text.board_counts)(doc.demands().len(), doc.offers().len(), doc.claims().len()) }</span>
            </div>
            <p class="gr-live" role="status">{ pending.message.clone() }</p>
            <Tabs label={text.board_tabs} names={vec![text.tab_demands, text.tab_claims, text.tab_offers]} active={at} {onselect}>
                { panel }
            </Tabs>
            { notes(&board.warnings, lang) }
        </section>
    }
}

/// A state filter as a labelled select; `unclaimed` is offered for demands only.
fn state_select(text: &Catalogue, filter: &UseStateHandle<StateFilter>, with_unclaimed: bool) -> Html {
    let onchange = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let value = e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            filter.set(StateFilter::from_value(&value));
        })
    };
    let option = |f: StateFilter, label: &'static str| html! { <option value={f.value()} selected={**filter == f}>{ label }</option> };
    let states = ClaimState::ALL.into_iter().filter(|s| *s != ClaimState::New);
    html! {
        <div class="gr-filters">
            <label class="gr-field">{ text.filter_state }
                <select class="gr-input" {onchange}>
                    { option(StateFilter::All, text.all_states) }
                    if with_unclaimed { { option(StateFilter::Unclaimed, text.unclaimed) } }
                    { for states.map(|s| option(StateFilter::In(s), (text.claim_state)(s))) }
                </select>
            </label>
        </div>
    }
}

fn provider_text(board: &Board, text: &Catalogue, provider: &ProviderRef) -> String {
    (text.provider)(provider.kind, board.provider_name(provider))
}

fn demands_panel(board: &Rc<Board>, lang: Lang, reveal: bool, filter: &UseStateHandle<StateFilter>, pending: &UseStateHandle<Pending>, focus: &FocusRequest, host: &HtmlElement) -> Html {
    let text = lang.text();
    let en = lang == Lang::En;
    let doc = &board.doc;
    let rows = demand_rows(doc, **filter);
    let claim = |i: usize| {
        let (board, pending, focus, host) = (Rc::clone(board), pending.clone(), focus.clone(), host.clone());
        Callback::from(move |_| {
            let Some(d) = board.doc.demands().get(i) else { return };
            let Some(Ok(m)) = suggestion(&board.matching, &d.id) else { return };
            if pending.demands.contains(&d.id) || live_claim(&board.doc, &d.id).is_some() {
                return;
            }
            dispatch(&host, "gr-claim", &ClaimDetail { demand: d.id.clone(), offer: m.offer.clone(), provider: m.provider.clone() });
            let mut next = (*pending).clone();
            next.demands.insert(d.id.clone());
            next.message = (lang.text().submitted)(&format!("{} {}", lang.text().claim_action, d.id));
            *focus.borrow_mut() = Some(format!("demand-{}", d.id));
            pending.set(next);
        })
    };
    html! {
        <>
            { state_select(text, filter, true) }
            <p class="gr-status">{ (text.board_shown)(rows.len(), doc.demands().len()) }</p>
            { crate::export::button(lang, "gr-x-demands", text.demands_caption) }
            <div class="gr-table-wrap" tabindex="0" role="region" aria-label={text.table_region}>
                <table class="gr-table gr-demands" id="gr-x-demands">
                    <caption class="gr-vh">{ text.demands_caption }</caption>
                    <thead><tr>
                        <th scope="col">{ text.col_demand }</th>
                        <th scope="col">{ text.col_category }</th>
                        <th scope="col">{ text.col_grid }</th>
                        <th scope="col">{ text.col_urgency }</th>
                        <th scope="col">{ text.col_raised_by }</th>
                        <th scope="col">{ text.col_raised_at }</th>
                        <th scope="col">{ text.col_status }</th>
                        <th scope="col">{ text.col_suggestion }</th>
                        <th scope="col" class="gr-noexport">{ text.col_actions }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|&i| {
                            let d = &doc.demands()[i];
                            let live = live_claim(doc, &d.id);
                            let state = live.map(Claim::state);
                            let suggested = suggestion(&board.matching, &d.id);
                            let raiser = [d.raised_by.name.clone(), d.raised_by.phone.as_ref().map(|p| if reveal { p.reveal().to_owned() } else { p.to_string() })]
                                .into_iter().flatten().collect::<Vec<_>>();
                            let is_pending = pending.demands.contains(&d.id);
                            html! {
                                <tr key={d.id.clone()} data-id={d.id.clone()} class={classes!(format!("gr-urgency-{}", d.urgency.en()))}>
                                    <th scope="row"><span class="gr-code">{ &d.id }</span>{ " " }{ &d.description }</th>
                                    <td>{ &d.category }</td>
                                    <td>{ board.grid_name(&d.grid) }</td>
                                    <td><span class={classes!("gr-urgency", format!("gr-urgency-tag-{}", d.urgency.en()))}>{ (text.urgency)(d.urgency) }</span></td>
                                    <td>{ if raiser.is_empty() { text.anonymous.to_owned() } else { raiser.join(" ") } }</td>
                                    <td>{ dated(&short_time(d.raised_at)) }</td>
                                    <td class="gr-nowrap">{ state.map_or(text.unclaimed, text.claim_state) }</td>
                                    <td class="gr-reason">{ match suggested {
                                        Some(Ok(m)) => dated(if en { &m.reason.en } else { &m.reason.zh }),
                                        Some(Err(u)) => dated(if en { &u.reason.en } else { &u.reason.zh }),
                                        None => text.no_suggestion.into(),
                                    } }</td>
                                    <td><div class="gr-actions">{
                                        if is_pending {
                                            html! { <span class="gr-pending" tabindex="-1" data-pending={format!("demand-{}", d.id)}>{ text.pending }</span> }
                                        } else if live.is_none() && matches!(suggested, Some(Ok(_))) {
                                            html! { <button type="button" class="gr-button" aria-label={(text.claim_label)(&d.description)} onclick={claim(i)}>{ text.claim_action }</button> }
                                        } else {
                                            Html::default()
                                        }
                                    }</div></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if rows.is_empty() {
                <p>{ text.no_demands }</p>
            }
        </>
    }
}

/// The rating chosen for a claim, 5 until one is.
fn rating_of(ratings: &[(String, u8)], id: &str) -> u8 {
    ratings.iter().find(|(k, _)| k == id).map_or(5, |&(_, r)| r)
}

#[allow(clippy::too_many_arguments)]
fn claims_panel(
    board: &Rc<Board>,
    lang: Lang,
    filter: &UseStateHandle<StateFilter>,
    pending: &UseStateHandle<Pending>,
    focus: &FocusRequest,
    ratings: &UseStateHandle<Vec<(String, u8)>>,
    open: &UseStateHandle<Vec<String>>,
    host: &HtmlElement,
) -> Html {
    let text = lang.text();
    let doc = &board.doc;
    let rows = claim_rows(doc, **filter);
    let step = |i: usize, to: ClaimState| {
        let (board, pending, focus, ratings, host) = (Rc::clone(board), pending.clone(), focus.clone(), ratings.clone(), host.clone());
        Callback::from(move |_| {
            let Some(c) = board.doc.claims().get(i) else { return };
            if pending.claims.contains(c.id()) {
                return;
            }
            let rating = rating_of(&ratings, c.id());
            let text = lang.text();
            let mut next = (*pending).clone();
            match now().map(|at| transition(c, to, rating, at, &board.matching)) {
                Some(Ok(detail)) => {
                    dispatch(&host, "gr-transition", &detail);
                    next.claims.insert(c.id().to_owned());
                    next.message = (text.submitted)(&format!("{} {}", (text.step_verb)(to), c.id()));
                    *focus.borrow_mut() = Some(format!("claim-{}", c.id()));
                }
                Some(Err(e)) => next.message = (text.problem)(&refusal(e)),
                None => return,
            }
            pending.set(next);
        })
    };
    let on_rating = |id: &str| {
        let (ratings, id) = (ratings.clone(), id.to_owned());
        Callback::from(move |e: Event| {
            if let Some(r) = e.target_dyn_into::<HtmlSelectElement>().and_then(|s| s.value().parse::<u8>().ok()) {
                let mut next: Vec<(String, u8)> = ratings.iter().filter(|(k, _)| *k != id).cloned().collect();
                next.push((id.clone(), r));
                ratings.set(next);
            }
        })
    };
    let toggle = |id: &str| {
        let (open, id) = (open.clone(), id.to_owned());
        Callback::from(move |_| {
            let mut next: Vec<String> = open.iter().filter(|k| **k != id).cloned().collect();
            if next.len() == open.len() {
                next.push(id.clone());
            }
            open.set(next);
        })
    };
    html! {
        <>
            { state_select(text, filter, false) }
            <p class="gr-status">{ (text.board_shown)(rows.len(), doc.claims().len()) }</p>
            { crate::export::button(lang, "gr-x-claims", text.claims_caption) }
            <div class="gr-table-wrap" tabindex="0" role="region" aria-label={text.table_region}>
                <table class="gr-table gr-claims" id="gr-x-claims">
                    <caption class="gr-vh">{ text.claims_caption }</caption>
                    <thead><tr>
                        <th scope="col">{ text.col_claim }</th>
                        <th scope="col">{ text.col_demand }</th>
                        <th scope="col">{ text.col_provider }</th>
                        <th scope="col">{ text.col_status }</th>
                        <th scope="col">{ text.col_last_step }</th>
                        <th scope="col">{ text.col_rating }</th>
                        <th scope="col" class="gr-noexport">{ text.col_actions }</th>
                    </tr></thead>
                    { for rows.iter().map(|&i| {
                        let c = &doc.claims()[i];
                        let id = c.id().to_owned();
                        let demand = doc.demand(c.demand()).map_or(c.demand(), |d| d.description.as_str());
                        let last = c.history().last();
                        let is_open = open.iter().any(|k| *k == id);
                        let history_id = format!("gr-history-{i}");
                        let rating = rating_of(ratings, &id);
                        let next = c.state().next();
                        html! {
                            <tbody key={id.clone()} data-id={id.clone()}>
                                <tr>
                                    <th scope="row">
                                        <button type="button" class="gr-link" aria-expanded={is_open.to_string()} aria-controls={history_id.clone()}
                                            aria-label={(text.history_label)(&id)} onclick={toggle(&id)}>{ &id }</button>
                                    </th>
                                    <td>{ demand }</td>
                                    <td>{ c.provider().map_or_else(|| "—".to_owned(), |p| provider_text(board, text, p)) }</td>
                                    <td class="gr-nowrap"><span class={classes!("gr-claim-state", format!("gr-claim-{}", c.state().name()))}>{ (text.claim_state)(c.state()) }</span></td>
                                    <td>{ last.map_or_else(String::new, |t| (text.step_at)(&short_time(t.at), &t.by)) }</td>
                                    <td class="gr-nowrap">{ c.rating().map_or_else(String::new, |r| (text.rating_value)(r)) }</td>
                                    <td><div class="gr-actions">{
                                        if pending.claims.contains(&id) {
                                            html! { <span class="gr-pending" tabindex="-1" data-pending={format!("claim-{id}")}>{ text.pending }</span> }
                                        } else if next.is_empty() {
                                            html! { <span class="gr-muted">{ text.final_state }</span> }
                                        } else {
                                            html! { <>
                                                if next.contains(&ClaimState::Reviewed) {
                                                    <label class="gr-field">{ text.rating_label }
                                                        <select class="gr-input" onchange={on_rating(&id)}>
                                                            { for (1..=5u8).rev().map(|r| html! { <option value={r.to_string()} selected={r == rating}>{ (text.rating_value)(r) }</option> }) }
                                                        </select>
                                                    </label>
                                                }
                                                { for next.iter().map(|&to| {
                                                    let verb = (text.step_verb)(to);
                                                    let quiet = matches!(to, ClaimState::Rejected | ClaimState::Withdrawn);
                                                    html! {
                                                        <button type="button" class={classes!("gr-button", quiet.then_some("gr-button-quiet"))} data-step={to.name()}
                                                            aria-label={(text.step_label)(verb, &id)} onclick={step(i, to)}>{ verb }</button>
                                                    }
                                                }) }
                                            </> }
                                        }
                                    }</div></td>
                                </tr>
                                <tr id={history_id} class="gr-details gr-noexport" hidden={!is_open}>
                                    <td colspan="7">
                                        <ol class="gr-list gr-history">
                                            { for c.history().iter().map(|t| html! {
                                                <li><strong>{ (text.claim_state)(t.step) }</strong>{ " " }{ (text.step_at)(&short_time(t.at), &t.by) }</li>
                                            }) }
                                        </ol>
                                    </td>
                                </tr>
                            </tbody>
                        }
                    }) }
                </table>
            </div>
            if rows.is_empty() {
                <p>{ text.no_claims }</p>
            }
        </>
    }
}

fn offers_panel(board: &Board, lang: Lang) -> Html {
    let text = lang.text();
    html! {
        <>
        { crate::export::button(lang, "gr-x-offers", text.offers_caption) }
        <div class="gr-table-wrap" tabindex="0" role="region" aria-label={text.table_region}>
            <table class="gr-table gr-offers" id="gr-x-offers">
                <caption class="gr-vh">{ text.offers_caption }</caption>
                <thead><tr>
                    <th scope="col">{ text.col_offer }</th>
                    <th scope="col">{ text.col_provider }</th>
                    <th scope="col">{ text.col_categories }</th>
                    <th scope="col" class="gr-num">{ text.col_capacity }</th>
                    <th scope="col">{ text.col_area }</th>
                    <th scope="col">{ text.col_valid }</th>
                </tr></thead>
                <tbody>
                    { for board.doc.offers().iter().map(|o| {
                        let area: Vec<&str> = o.area.grids.iter().map(|g| board.grid_name(g)).chain(o.area.communities.iter().map(String::as_str)).collect();
                        html! {
                            <tr key={o.id.clone()} data-id={o.id.clone()}>
                                <th scope="row"><span class="gr-code">{ &o.id }</span></th>
                                <td>{ provider_text(board, text, &o.provider) }</td>
                                <td>{ o.categories.join(text.list_sep) }</td>
                                <td class="gr-num">{ (text.per_month)(o.capacity_per_month) }</td>
                                <td>{ area.join(text.list_sep) }</td>
                                <td class="gr-nowrap">{ o.valid.map_or_else(|| text.always.to_owned(), |v| (text.valid_period)(&v.from.to_string(), &v.to.to_string())) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        let path = format!("{}/../tests/data/services/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn board() -> Board {
        let json = format!(r#"{{"services": {}, "org": {}}}"#, fixture("valid/tianyuan-2026.json"), fixture("tianyuan-org.json"));
        load(&json).unwrap_or_else(|e| panic!("{e}"))
    }

    fn t(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap_or_else(|| panic!("{text}"))
    }

    /// A document's warnings are the board's, under `$.services` when it came in a wrapper;
    /// a clean document has none.
    #[test]
    fn the_documents_warnings_are_kept_for_the_board_to_show() {
        let doc = r#"{"demands": [{"id": "d1", "category": "助老", "grid": "g1", "urgency": "low", "raised_by": {"name": "王"},
                                   "raised_at": "2026-07-01T08:00:00+08:00", "description": ""}],
                      "offers": [{"id": "o1", "provider": {"kind": "member", "id": "m1"}, "categories": ["助老"], "capacity_per_month": 0,
                                  "area": {"grids": ["g1"]}}]}"#;
        let paths = |b: &Board| b.warnings.iter().map(|p| (p.path.clone(), p.severity)).collect::<Vec<_>>();
        let plain = load(doc).unwrap_or_else(|e| panic!("{e}"));
        let want = |prefix: &str| vec![(format!("${prefix}.demands[0].description"), Severity::Warning), (format!("${prefix}.offers[0].capacity_per_month"), Severity::Warning)];
        assert_eq!(paths(&plain), want(""));
        let wrapped = load(&format!(r#"{{"services": {doc}}}"#)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(paths(&wrapped), want(".services"));
        assert!(board().warnings.is_empty());
    }

    #[test]
    fn with_the_organization_offers_cover_communities_and_names_show() {
        let board = board();
        let with = suggestion(&board.matching, "d01");
        assert!(matches!(with, Some(Ok(m)) if m.offer == "o-hospital"), "{with:?}");
        let alone = load(&fixture("valid/tianyuan-2026.json")).unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(alone.matching, board.matching, "without the organization, communities cover nothing");
        let hospital = ProviderRef { kind: grassroots::services::ProviderKind::Unit, id: "tu-hospital".into() };
        assert_eq!(board.provider_name(&hospital), "镇卫生院");
        assert_eq!(alone.provider_name(&hospital), "tu-hospital");
    }

    #[test]
    fn demands_filter_by_the_state_of_the_claim_that_stands_for_them() {
        let board = board();
        let doc = &board.doc;
        let all = demand_rows(doc, StateFilter::All);
        assert_eq!(all.len(), doc.demands().len());
        // Most urgent first.
        assert!(all.windows(2).all(|w| doc.demands()[w[0]].urgency <= doc.demands()[w[1]].urgency));
        let unclaimed = demand_rows(doc, StateFilter::Unclaimed);
        assert!(unclaimed.iter().all(|&i| live_claim(doc, &doc.demands()[i].id).is_none()));
        let reviewed = demand_rows(doc, StateFilter::In(ClaimState::Reviewed));
        assert!(reviewed.iter().any(|&i| doc.demands()[i].id == "d01"));
        let counted: usize = ClaimState::ALL.into_iter().map(|s| demand_rows(doc, StateFilter::In(s)).len()).sum();
        assert_eq!(counted + unclaimed.len(), all.len());
        assert_eq!(claim_rows(doc, StateFilter::All).len(), doc.claims().len());
        assert_eq!(StateFilter::from_value("unclaimed"), StateFilter::Unclaimed);
        assert_eq!(StateFilter::from_value("done"), StateFilter::In(ClaimState::Done));
        assert_eq!(StateFilter::from_value("?"), StateFilter::All);
    }

    #[test]
    fn transitions_are_the_core_state_machine_s() {
        let board = board();
        let cl02 = board.doc.claim("cl02").unwrap_or_else(|| panic!("cl02"));
        assert_eq!(cl02.state(), ClaimState::Done);
        let detail = transition(cl02, ClaimState::Reviewed, 4, t("2026-07-05T10:00:00+08:00"), &board.matching).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            serde_json::to_value(&detail).ok(),
            Some(serde_json::json!({"claim": "cl02", "from": "done", "step": "reviewed", "at": "2026-07-05T10:00:00+08:00", "rating": 4}))
        );
        assert!(transition(cl02, ClaimState::Accepted, 5, t("2026-07-05T10:00:00+08:00"), &board.matching).is_err(), "backwards");
        assert!(transition(cl02, ClaimState::Reviewed, 5, t("2026-07-01T10:00:00+08:00"), &board.matching).is_err(), "dated before the last step");
        // Times in another offset are the same instant, shown in Shanghai.
        let detail = transition(cl02, ClaimState::Reviewed, 5, t("2026-07-05T02:00:00Z"), &board.matching).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(detail.at, "2026-07-05T10:00:00+08:00");
        assert_eq!(short_time(t("2026-07-05T02:00:00Z")), "2026-07-05 10:00");
        // 派单 of a claim only ordered names whom it goes to: the matcher's suggestion.
        let cl05 = board.doc.claim("cl05").unwrap_or_else(|| panic!("cl05"));
        assert_eq!(cl05.provider(), None);
        let Some(Ok(suggested)) = suggestion(&board.matching, cl05.demand()) else { panic!("d07 has a suggestion") };
        let detail = transition(cl05, ClaimState::Dispatched, 5, t("2026-07-11T09:00:00+08:00"), &board.matching).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((detail.offer.as_deref(), detail.provider.as_ref()), (Some(suggested.offer.as_str()), Some(&suggested.provider)));
    }

    #[test]
    fn problems_name_the_part_of_the_wrapper() {
        let Err(e) = load(&format!(r#"{{"services": {}, "org": {{"nodes": []}}, "x": 1}}"#, fixture("broken/claim-twice.json"))) else { panic!("loaded") };
        let paths: Vec<String> = e.problems().into_iter().map(|p| p.path).collect();
        assert!(paths.iter().any(|p| p.starts_with("$.services.claims[")), "{paths:?}");
        assert!(paths.iter().any(|p| p.starts_with("$.org")), "{paths:?}");
        assert!(paths.contains(&"$".to_owned()), "{paths:?}");
        let Err(e) = load(&fixture("broken/claim-twice.json")) else { panic!("loaded") };
        assert!(e.problems().iter().all(|p| p.path.starts_with("$.claims") || p.severity == Severity::Warning));
    }
}
