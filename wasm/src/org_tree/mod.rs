//! `<gr-org-tree>`: the organization tree as a WAI-ARIA tree view.

mod model;

use std::rc::Rc;

use grassroots::{NodeId, OrgTree};
use serde::Serialize;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

pub use model::{Action, Selected, TreeView};

use crate::events::dispatch;
use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct TreeProps {
    pub tree: Rc<OrgTree>,
    pub lang: Lang,
    pub label: Option<AttrValue>,
    /// The host element, where `gr-select` is dispatched.
    pub host: HtmlElement,
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

/// The reducer state: the view plus a counter that asks for DOM focus after each action.
#[derive(Clone, PartialEq)]
struct State {
    view: TreeView,
    focus_requests: u32,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.view.apply(action);
        next.focus_requests = next.focus_requests.wrapping_add(1);
        Rc::new(next)
    }
}

fn key_action(key: &str, focus: NodeId) -> Option<Action> {
    Some(match key {
        "ArrowDown" => Action::Next,
        "ArrowUp" => Action::Prev,
        "ArrowRight" => Action::Right,
        "ArrowLeft" => Action::Left,
        "Home" => Action::First,
        "End" => Action::Last,
        "*" => Action::ExpandSiblings,
        "Enter" | " " => Action::Select(focus),
        _ => return None,
    })
}

#[function_component(OrgTreeView)]
pub fn org_tree_view(props: &TreeProps) -> Html {
    let tree = Rc::clone(&props.tree);
    let state = use_reducer(|| State { view: TreeView::new(Rc::clone(&tree)), focus_requests: 0 });
    let list_ref = use_node_ref();
    let text = props.lang.text();

    {
        // Roving tabindex: after an action, move DOM focus to the row that holds tabindex 0.
        let list_ref = list_ref.clone();
        use_effect_with(state.focus_requests, move |&requests| {
            if requests > 0 {
                let row = list_ref
                    .cast::<HtmlElement>()
                    .and_then(|list| list.query_selector("[role=treeitem][tabindex='0']").ok().flatten())
                    .and_then(|row| row.dyn_into::<HtmlElement>().ok());
                if let Some(row) = row {
                    let _ = row.focus();
                }
            }
        });
    }

    let act = {
        let state = state.clone();
        let tree = Rc::clone(&tree);
        let host = props.host.clone();
        Rc::new(move |action: Action| {
            if let Action::Select(id) = action {
                dispatch(&host, "gr-select", &select_detail(&tree, id));
            }
            state.dispatch(action);
        })
    };

    let onkeydown = {
        let act = Rc::clone(&act);
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            if let Some(action) = key_action(&e.key(), state.view.focus()) {
                e.prevent_default();
                act(action);
            }
        })
    };

    let view = &state.view;
    let rows = view.visible().into_iter().map(|id| {
        let node = tree.node(id);
        let (pos, size) = tree.position_in_siblings(id);
        let has_children = !node.children().is_empty();
        let expanded = view.is_expanded(id);
        let onclick = {
            let act = Rc::clone(&act);
            Callback::from(move |_: MouseEvent| act(Action::Select(id)))
        };
        let ontoggle = {
            let act = Rc::clone(&act);
            Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                act(Action::Toggle(id));
            })
        };
        let twisty = match (has_children, expanded) {
            (false, _) => "",
            (true, false) => "▸",
            (true, true) => "▾",
        };
        html! {
            <div
                role="treeitem"
                class="gr-row"
                data-id={node.id().to_owned()}
                aria-level={(node.depth() + 1).to_string()}
                aria-setsize={size.to_string()}
                aria-posinset={pos.to_string()}
                aria-expanded={has_children.then(|| if expanded { "true" } else { "false" })}
                aria-selected={(view.selected() == Some(id)).then_some("true")}
                tabindex={if view.focus() == id { "0" } else { "-1" }}
                {onclick}
            >
                <span class="gr-twisty" aria-hidden="true" onclick={ontoggle}>{ twisty }</span>
                <span class="gr-name">{ node.name() }</span>
                <span class="gr-level">{ node.level() }</span>
                if let Some(code) = node.code() {
                    <span class="gr-code">{ code }</span>
                }
            </div>
        }
    });

    let label = props.label.clone().unwrap_or_else(|| AttrValue::Static(text.tree_label));
    html! {
        <div class="gr-org-tree">
            <div class="gr-head">
                <span class="gr-title" id="gr-title">{ label }</span>
                <span class="gr-count">{ (text.node_count)(tree.len()) }</span>
            </div>
            <p class="gr-hint" id="gr-hint">{ text.keyboard_hint }</p>
            <div
                role="tree"
                class="gr-tree"
                aria-labelledby="gr-title"
                aria-describedby="gr-hint"
                ref={list_ref}
                {onkeydown}
            >
                { for rows }
            </div>
        </div>
    }
}
