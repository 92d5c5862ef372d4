//! `<gr-org-tree>`: the organization tree as a WAI-ARIA tree view, virtualized so that
//! trees of 100,000 nodes stay fast, with a search box above it.
//!
//! Only the rows in the scroll viewport (plus a few, [`OVERSCAN`]) are in the DOM. The tree
//! element is as tall as all rows would be, and its `padding-top` puts the rendered rows where
//! they belong; both are set through the CSSOM after each render, never as `style` attributes
//! (a strict `style-src 'self'` forbids those). Every row has the same height, which is
//! measured from a rendered row. The focused row (the one with `tabindex="0"`) is always in
//! the DOM: when it has been scrolled out of the window it is rendered alone, absolutely
//! positioned at its place, so that the tree stays in the tab order and DOM focus is not lost
//! while a person scrolls with the mouse.

mod details;
mod model;
mod viewport;

use std::cell::RefCell;
use std::rc::Rc;

use grassroots::org::OrgSummary;
use grassroots::{NodeId, OrgTree};
use serde::Serialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, KeyboardEvent, ResizeObserver};
use yew::prelude::*;

pub use model::{Action, SearchStatus, Selected, TreeView};
pub use viewport::{Viewport, OVERSCAN};

use crate::events::dispatch;
use crate::i18n::{Catalogue, Lang};

#[derive(Properties)]
pub struct TreeProps {
    pub tree: Rc<OrgTree>,
    /// Level names and every node's figures.
    pub summary: Rc<OrgSummary>,
    pub lang: Lang,
    pub label: Option<AttrValue>,
    /// The host element, where `gr-select` is dispatched.
    pub host: HtmlElement,
}

props_eq!(TreeProps { shared: tree, summary; lang, label, host });

#[derive(Properties)]
struct NotesProps {
    summary: Rc<OrgSummary>,
    lang: Lang,
}

props_eq!(NotesProps { shared: summary; lang });

/// The organization's warnings under the tree (a worker model's shortfalls, members not yet
/// reported to a community, …). A component of its own, so that scrolling the tree, which
/// renders the view on every frame, does not render the list again.
#[function_component(TreeNotes)]
fn tree_notes(props: &NotesProps) -> Html {
    crate::error_panel::notes(props.summary.warnings(), props.lang)
}

/// The `detail` of a `gr-select` event.
#[derive(Serialize)]
struct SelectDetail<'a> {
    id: &'a str,
    name: &'a str,
    level: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a str>,
    /// Record ids from the selected node up to the root.
    path: Vec<&'a str>,
}

fn select_detail(tree: &OrgTree, id: NodeId) -> SelectDetail<'_> {
    let node = tree.node(id);
    SelectDetail {
        id: node.id(),
        name: node.name(),
        level: node.level(),
        code: node.code(),
        path: tree.path_to_root(id).into_iter().map(|p| tree.node(p).id()).collect(),
    }
}

/// The reducer state: the view, the scroll viewport, and counters that ask the effect to move
/// DOM focus to the focused row and to scroll the container to `port.top`.
#[derive(Clone)]
struct State {
    view: Rc<TreeView>,
    port: Viewport,
    focus_requests: u32,
    scroll_requests: u32,
    /// Printing: every visible row is drawn.
    printing: bool,
}

enum Msg {
    /// A tree action. `scrolled` is the container's scroll position and height when it was
    /// asked for; `focus` moves DOM focus to the focused row afterwards.
    Act { action: Action, scrolled: Option<(f64, f64)>, focus: bool },
    /// The container scrolled (or was measured): its scroll position and height.
    Scrolled { top: f64, height: f64 },
    /// A rendered row's height and the container's height.
    Measured { row: f64, height: f64 },
    /// Printing began or ended.
    Printing(bool),
}

impl State {
    fn with_scroll(&mut self, top: f64, height: f64) {
        self.port.top = top;
        if height > 0.0 {
            self.port.height = height;
        }
    }

    /// Keeps the view on the rows and `row` in view; asks the effect to scroll if it moved.
    fn reveal(&mut self, row: usize) {
        let rows = self.view.visible().len();
        if self.port.clamp(rows) | self.port.reveal(row) {
            self.scroll_requests = self.scroll_requests.wrapping_add(1);
        }
    }
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Act { action, scrolled, focus } => {
                if let Some((top, height)) = scrolled {
                    next.with_scroll(top, height);
                }
                // While typing, show the first match; otherwise follow the focus.
                let typing = matches!(action, Action::Search(_));
                let view = Rc::make_mut(&mut next.view);
                view.apply(action);
                let first_match = view.current_matches().first().and_then(|&m| view.row_of(m));
                let row = if typing { first_match.unwrap_or(view.focus_row()) } else { view.focus_row() };
                next.reveal(row);
                if focus {
                    next.focus_requests = next.focus_requests.wrapping_add(1);
                }
            }
            Msg::Scrolled { top, height } => {
                if (top - self.port.top).abs() < 0.5 && (height <= 0.0 || (height - self.port.height).abs() < 0.5) {
                    return self;
                }
                next.with_scroll(top, height);
            }
            Msg::Printing(on) => {
                if on == self.printing {
                    return self;
                }
                next.printing = on;
            }
            Msg::Measured { row, height } => {
                let row_changed = (row - self.port.row).abs() > 0.01;
                if !row_changed && (height - self.port.height).abs() < 0.5 {
                    return self;
                }
                next.port.row = row;
                next.port.height = height;
                if row_changed {
                    // Rows of a new height (elderly mode): keep the focused one in view.
                    let row = next.view.focus_row();
                    next.reveal(row);
                } else {
                    let rows = next.view.visible().len();
                    if next.port.clamp(rows) {
                        next.scroll_requests = next.scroll_requests.wrapping_add(1);
                    }
                }
            }
        }
        Rc::new(next)
    }
}

fn key_action(key: &str, shift: bool, state: &State) -> Option<Action> {
    let view = &state.view;
    let searching = view.search_status().is_some();
    Some(match key {
        "ArrowDown" => Action::Next,
        "ArrowUp" => Action::Prev,
        "ArrowRight" => Action::Right,
        "ArrowLeft" => Action::Left,
        "Home" => Action::First,
        "End" => Action::Last,
        "PageDown" => Action::PageDown(state.port.page()),
        "PageUp" => Action::PageUp(state.port.page()),
        "*" => Action::ExpandSiblings,
        "Enter" | " " => Action::Select(view.focus()),
        "F3" if searching && shift => Action::PrevMatch,
        "F3" if searching => Action::NextMatch,
        "Escape" if searching => Action::ClearSearch,
        _ => return None,
    })
}

fn cast<T: JsCast>(node: &NodeRef) -> Option<T> {
    node.get().and_then(|n| n.dyn_into::<T>().ok())
}

fn query<T: JsCast>(root: &Element, selector: &str) -> Option<T> {
    root.query_selector(selector).ok().flatten().and_then(|e| e.dyn_into::<T>().ok())
}

/// After a render: sizes the tree through the CSSOM, places a detached focused row, scrolls
/// and moves focus when the state asks for it, and measures the container (whose height
/// follows the rows until it reaches `--gr-tree-height`).
fn sync_dom(state: &UseReducerHandle<State>, refs: &Refs, handled: &RefCell<(u32, u32)>, start: usize, detached: Option<usize>) {
    let (Some(scroller), Some(list)) = (cast::<HtmlElement>(&refs.scroller), cast::<HtmlElement>(&refs.list)) else {
        return;
    };
    let port = state.port;
    // Written by `plain_into` (serde_json's shortest digits), not `{}`: the only float this
    // module formatted, and core's float formatter is ≈ 8 KB of code.
    let px = |rows: usize| {
        let mut out = String::new();
        grassroots::text::plain_into(&mut out, rows as f64 * port.row);
        out.push_str("px");
        out
    };
    let style = list.style();
    let _ = style.set_property("height", &px(state.view.visible().len()));
    let _ = style.set_property("padding-top", &px(start));
    if let (Some(row), Some(el)) = (detached, query::<HtmlElement>(&list, ".gr-detached")) {
        let _ = el.style().set_property("top", &px(row));
    }
    let (scroll_done, focus_done) = {
        let mut handled = handled.borrow_mut();
        let scroll = std::mem::replace(&mut handled.0, state.scroll_requests) == state.scroll_requests;
        let focus = std::mem::replace(&mut handled.1, state.focus_requests) == state.focus_requests;
        (scroll, focus)
    };
    if !scroll_done {
        scroller.set_scroll_top(port.top.round() as i32);
    }
    if !focus_done && let Some(row) = query::<HtmlElement>(&list, "[role=treeitem][tabindex='0']") {
        let _ = row.focus();
    }
    if let Some((row, height)) = refs.measure() {
        state.dispatch(Msg::Measured { row, height });
    }
}

#[derive(Clone, PartialEq)]
struct Refs {
    scroller: NodeRef,
    list: NodeRef,
    search: NodeRef,
    /// An invisible box `--gr-row-height` tall: the row height, whether or not rows exist.
    probe: NodeRef,
}

impl Refs {
    fn scrolled(&self) -> Option<(f64, f64)> {
        cast::<Element>(&self.scroller).map(|s| (f64::from(s.scroll_top()), f64::from(s.client_height())))
    }

    /// The row height and the container's height; `None` while hidden (display: none).
    fn measure(&self) -> Option<(f64, f64)> {
        let row = cast::<Element>(&self.probe)?.get_bounding_client_rect().height();
        let height = f64::from(cast::<Element>(&self.scroller)?.client_height());
        (row > 0.0 && height > 0.0).then_some((row, height))
    }

    fn clear_search_box(&self) {
        if let Some(input) = cast::<HtmlInputElement>(&self.search) {
            input.set_value("");
        }
    }
}

fn status_text(text: &Catalogue, view: &TreeView) -> String {
    match view.search_status() {
        None => String::new(),
        Some(SearchStatus { count: 0, .. }) => text.no_match.to_owned(),
        Some(SearchStatus { count, current: Some(i) }) => {
            let name = view.current_matches().get(i - 1).map_or("", |&id| view.tree().node(id).name());
            (text.match_position)(i, count, name)
        }
        Some(SearchStatus { count, current: None }) => (text.match_count)(count),
    }
}

#[function_component(OrgTreeView)]
pub fn org_tree_view(props: &TreeProps) -> Html {
    let tree = Rc::clone(&props.tree);
    let state = use_reducer(|| State {
        view: Rc::new(TreeView::new(Rc::clone(&tree))),
        port: Viewport::default(),
        focus_requests: 0,
        scroll_requests: 0,
        printing: false,
    });
    let refs = Refs { scroller: use_node_ref(), list: use_node_ref(), search: use_node_ref(), probe: use_node_ref() };
    let handled = use_mut_ref(|| (0u32, 0u32));
    let text = props.lang.text();

    let view = Rc::clone(&state.view);
    let visible = view.visible();
    let window = if state.printing { 0..visible.len() } else { state.port.window(visible.len(), OVERSCAN) };
    let focus_row = view.focus_row();
    let detached = (!window.contains(&focus_row)).then_some(focus_row);

    {
        let state = state.clone();
        let refs = refs.clone();
        let start = window.start;
        use_effect(move || sync_dom(&state, &refs, &handled, start, detached));
    }
    {
        // The row height changes without a render of this component: elderly mode, a host's
        // --gr-font-size, a widget shown after being hidden. Only the probe is observed, and
        // a render never resizes it, so the observer cannot loop.
        let dispatcher = state.dispatcher();
        let refs = refs.clone();
        use_effect_with((), move |_| {
            let probe = cast::<Element>(&refs.probe);
            let input = cast::<HtmlInputElement>(&refs.search);
            let measure = {
                let (refs, dispatcher) = (refs.clone(), dispatcher.clone());
                Closure::<dyn FnMut()>::own_aborting(move || {
                    if let Some((row, height)) = refs.measure() {
                        dispatcher.dispatch(Msg::Measured { row, height });
                    }
                })
            };
            let observer = ResizeObserver::new(measure.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(probe)) = (&observer, probe) {
                observer.observe(&probe);
            }
            // Paper (the print dialog, a PDF): from `beforeprint`, before print media applies,
            // to `afterprint`, every expanded row is drawn, not only those in view; the print
            // stylesheet lets the box grow to hold them. (A media change event comes too late:
            // Chromium lays out the pages before the widget has drawn the rows.)
            let window = web_sys::window();
            let reprint = {
                let dispatcher = dispatcher.clone();
                Closure::<dyn FnMut(Event)>::own_aborting(move |e: Event| dispatcher.dispatch(Msg::Printing(e.type_() == "beforeprint")))
            };
            if let Some(window) = &window {
                let _ = window.add_event_listener_with_callback("beforeprint", reprint.as_ref().unchecked_ref());
                let _ = window.add_event_listener_with_callback("afterprint", reprint.as_ref().unchecked_ref());
            }
            // Input method (拼音) compositions: `input` events while composing are skipped, and
            // the committed text is searched once the composition ends. yew has no
            // `oncompositionend`, so the listener is added here.
            let committed = {
                let refs = refs.clone();
                Closure::<dyn FnMut()>::own_aborting(move || {
                    if let Some(input) = cast::<HtmlInputElement>(&refs.search) {
                        let action = Action::Search(input.value());
                        dispatcher.dispatch(Msg::Act { action, scrolled: refs.scrolled(), focus: false });
                    }
                })
            };
            if let Some(input) = &input {
                let _ = input.add_event_listener_with_callback("compositionend", committed.as_ref().unchecked_ref());
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                if let Some(input) = input {
                    let _ = input.remove_event_listener_with_callback("compositionend", committed.as_ref().unchecked_ref());
                }
                if let Some(window) = window {
                    let _ = window.remove_event_listener_with_callback("beforeprint", reprint.as_ref().unchecked_ref());
                    let _ = window.remove_event_listener_with_callback("afterprint", reprint.as_ref().unchecked_ref());
                }
                drop((measure, committed, reprint));
            }
        });
    }

    let act = {
        let state = state.clone();
        let tree = Rc::clone(&tree);
        let host = props.host.clone();
        let refs = refs.clone();
        Rc::new(move |action: Action, focus: bool| {
            if let Action::Select(id) = action {
                dispatch(&host, "gr-select", &select_detail(&tree, id));
            }
            if action == Action::ClearSearch {
                refs.clear_search_box();
            }
            state.dispatch(Msg::Act { action, scrolled: refs.scrolled(), focus });
        })
    };

    let onkeydown = {
        let act = Rc::clone(&act);
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            if let Some(action) = key_action(&e.key(), e.shift_key(), &state) {
                e.prevent_default();
                act(action, true);
            }
        })
    };

    let onscroll = {
        let state = state.clone();
        let refs = refs.clone();
        Callback::from(move |_: Event| {
            if let Some((top, height)) = refs.scrolled() {
                state.dispatch(Msg::Scrolled { top, height });
            }
        })
    };

    let oninput = {
        let act = Rc::clone(&act);
        Callback::from(move |e: InputEvent| {
            if e.is_composing() {
                return;
            }
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                act(Action::Search(input.value()), false);
            }
        })
    };

    let searching = view.search_status().is_some();
    let has_matches = view.search_status().is_some_and(|s| s.count > 0);
    let onsearchkey = {
        let act = Rc::clone(&act);
        Callback::from(move |e: KeyboardEvent| {
            // Keys that confirm or cancel an IME composition belong to the IME.
            if e.is_composing() || e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            let step = if e.shift_key() { Action::PrevMatch } else { Action::NextMatch };
            let (action, focus) = match e.key().as_str() {
                // Enter goes into the tree, to the match; F3 stays in the box.
                "Enter" if has_matches => (step, true),
                "F3" if searching => (step, false),
                "Escape" if searching => (Action::ClearSearch, false),
                _ => return,
            };
            e.prevent_default();
            act(action, focus);
        })
    };
    let step_button = |action: Action, label: &'static str| {
        let act = Rc::clone(&act);
        let onclick = Callback::from(move |_: MouseEvent| act(action.clone(), false));
        html! {
            <button type="button" class="gr-step" aria-disabled={(!has_matches).then_some("true")} {onclick}>{ label }</button>
        }
    };

    let english = props.lang == Lang::En;
    let row = |id: NodeId, detached: bool| {
        let node = tree.node(id);
        let (pos, size) = view.position_in_siblings(id);
        let has_children = !node.children().is_empty();
        let expanded = view.is_expanded(id);
        let matched = view.is_match(id);
        let onclick = {
            let act = Rc::clone(&act);
            Callback::from(move |_: MouseEvent| act(Action::Select(id), true))
        };
        let ontoggle = {
            let act = Rc::clone(&act);
            Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                act(Action::Toggle(id), true);
            })
        };
        let twisty = match (has_children, expanded) {
            (false, _) => "",
            (true, false) => "▸",
            (true, true) => "▾",
        };
        let class = classes!(
            "gr-row",
            matched.then_some("gr-match"),
            view.is_current_match(id).then_some("gr-current"),
            detached.then_some("gr-detached"),
        );
        html! {
            <div
                key={id.index()}
                role="treeitem"
                {class}
                data-id={node.id().to_owned()}
                aria-level={(node.depth() + 1).to_string()}
                aria-setsize={size.to_string()}
                aria-posinset={pos.to_string()}
                aria-expanded={has_children.then_some(if expanded { "true" } else { "false" })}
                aria-selected={(view.selected() == Some(id)).then_some("true")}
                aria-describedby={matched.then_some("gr-match-note")}
                tabindex={if view.focus() == id { "0" } else { "-1" }}
                {onclick}
            >
                <span class="gr-twisty" aria-hidden="true" onclick={ontoggle}>{ twisty }</span>
                <span class="gr-name">{ node.name() }</span>
                <span class="gr-level">{ props.summary.level_label(node.level(), english) }</span>
                if let Some(code) = node.code() {
                    <span class="gr-code">{ code }</span>
                }
                if let Some(r) = props.summary.rollup(id).filter(|r| r.members.total + r.grids > 0 || r.households > 0) {
                    <span class="gr-figures">{ (text.row_figures)(r.members.total, r.grids, r.households) }</span>
                }
            </div>
        }
    };
    // One keyed list, so that the focused row keeps its element (and DOM focus) when it
    // moves between the window and its detached place.
    let mut rows: Vec<Html> = Vec::with_capacity(window.len() + 1);
    if detached.is_some_and(|r| r < window.start) {
        rows.push(row(view.focus(), true));
    }
    rows.extend(visible[window.clone()].iter().map(|&id| row(id, false)));
    if detached.is_some_and(|r| r >= window.end) {
        rows.push(row(view.focus(), true));
    }

    let label = props.label.clone().unwrap_or(AttrValue::Static(text.tree_label));
    html! {
        <div class="gr-org-tree">
            <div class="gr-head">
                <span class="gr-title" id="gr-title">{ label }</span>
                <span class="gr-count">{ (text.node_count)(tree.len()) }</span>
            </div>
            <div class="gr-search">
                <label for="gr-search" class="gr-search-label">{ text.search_label }</label>
                <input
                    id="gr-search"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="gr-search-hint"
                    ref={refs.search.clone()}
                    {oninput}
                    onkeydown={onsearchkey}
                />
                // The step buttons are there only while searching, so that without a query
                // Tab goes from the box straight to the tree.
                if searching {
                    { step_button(Action::PrevMatch, text.prev_match) }
                    { step_button(Action::NextMatch, text.next_match) }
                }
            </div>
            <p class="gr-status" role="status" aria-live="polite">{ status_text(text, &view) }</p>
            <span class="gr-vh" id="gr-search-hint">{ text.search_hint }</span>
            <span class="gr-vh" id="gr-match-note">{ text.match_note }</span>
            <p class="gr-hint" id="gr-hint">{ text.keyboard_hint }</p>
            <div class="gr-probe" aria-hidden="true" ref={refs.probe.clone()}></div>
            // tabindex -1: Firefox puts a scroll box that overflows into the Tab order even when
            // it holds the focusable tree; the tree is the stop.
            <div class="gr-tree-body">
            <div class="gr-scroll" ref={refs.scroller.clone()} {onscroll} tabindex="-1">
                <div
                    role="tree"
                    class="gr-tree"
                    aria-labelledby="gr-title"
                    aria-describedby="gr-hint"
                    ref={refs.list.clone()}
                    {onkeydown}
                >
                    { for rows }
                </div>
            </div>
            <details::NodeDetails tree={Rc::clone(&tree)} summary={Rc::clone(&props.summary)} selected={view.selected()} lang={props.lang} />
            </div>
            <TreeNotes summary={Rc::clone(&props.summary)} lang={props.lang} />
        </div>
    }
}
