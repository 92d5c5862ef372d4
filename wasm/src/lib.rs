//! Grassroots widgets: thin yew components over `grassroots` (the core), mounted into host
//! pages by the ES module `grassroots.js` as custom elements (`<gr-org-tree>`) or through its
//! `mount()` function.
//!
//! The edge is here: JSON text comes in (from an inline `<script type="application/json">`,
//! a `src` URL or a `.data` property — `grassroots.js` turns all three into text), the core
//! parses and validates it, and the widget shows either the content or an error panel. Events
//! go out as DOM CustomEvents on the host element ([`events`]).

pub mod error_panel;
pub mod events;
pub mod i18n;
pub mod org_tree;
mod problem_zh;

use std::rc::Rc;

use grassroots::org::OrgSummary;
use grassroots::{OrgTree, Organization, Severity};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;
use yew::AppHandle;

use error_panel::{ErrorPanel, Failure};
use i18n::Lang;
use org_tree::OrgTreeView;

/// The stylesheet of every widget. `grassroots.js` adopts it into each shadow root as a
/// constructed stylesheet, which a strict `style-src 'self'` policy allows.
#[wasm_bindgen]
pub fn stylesheet() -> String {
    include_str!("style.css").to_owned()
}

/// Options a host passes as attributes or as the `options` object of `mount()`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    /// BCP 47 tag; `en…` gives English, anything else zh-CN.
    pub lang: Option<String>,
    /// 适老化 elderly mode: larger text and targets, no motion.
    pub elderly: bool,
    /// Accessible label replacing the widget's default title.
    pub label: Option<String>,
}

/// What a widget has to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Content<T> {
    /// Waiting for data (a `src` being fetched).
    Loading,
    /// Valid data and its summary; `generation` changes with every update, so views reset
    /// their state.
    Ready { value: Rc<T>, summary: Rc<OrgSummary>, generation: u32 },
    /// Nothing can be shown; the error panel says why.
    Failed(Rc<Failure>),
}

#[derive(Properties, PartialEq)]
pub struct OrgTreeWidgetProps {
    pub content: Content<OrgTree>,
    pub options: Options,
    pub host: HtmlElement,
}

/// The root component of `<gr-org-tree>`.
#[function_component(OrgTreeWidget)]
pub fn org_tree_widget(props: &OrgTreeWidgetProps) -> Html {
    let lang = Lang::from_tag(props.options.lang.as_deref());
    let class = classes!("gr-widget", props.options.elderly.then_some("gr-elderly"));
    let body = match &props.content {
        Content::Loading => html! { <p class="gr-loading" role="status">{ lang.text().loading }</p> },
        Content::Failed(failure) => html! { <ErrorPanel failure={Rc::clone(failure)} {lang} /> },
        Content::Ready { value, summary, generation } => html! {
            <OrgTreeView
                key={*generation}
                tree={Rc::clone(value)}
                summary={Rc::clone(summary)}
                {lang}
                label={props.options.label.clone().map(AttrValue::from)}
                host={props.host.clone()}
            />
        },
    };
    html! { <div {class} lang={lang.tag()}>{ body }</div> }
}

enum App {
    OrgTree(AppHandle<OrgTreeWidget>),
}

/// A mounted widget. `grassroots.js` wraps it; hosts use that wrapper's `update()`,
/// `setOptions()` and `destroy()`.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<App>,
    host: HtmlElement,
    kind: &'static str,
    options: Options,
    content: Content<OrgTree>,
    generation: u32,
}

fn read_options(options: JsValue) -> Result<Options, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    serde_wasm_bindgen::from_value(options).map_err(|e| JsValue::from_str(&format!("invalid options: {e}")))
}

/// Mounts widget `kind` (e.g. `"org-tree"`) into `root`, dispatching events on `host`.
/// `data` is JSON text, or `None` while it is still being fetched.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, root: Element, kind: &str, data: Option<String>, options: JsValue) -> Result<WidgetHandle, JsValue> {
    let kind = match kind {
        "org-tree" => "org-tree",
        other => return Err(JsValue::from_str(&format!("unknown widget kind \"{other}\"; known: org-tree"))),
    };
    let options = read_options(options)?;
    let mut handle = WidgetHandle { app: None, host: host.clone(), kind, options, content: Content::Loading, generation: 0 };
    if let Some(json) = data {
        handle.load(&json);
    }
    let props = handle.props();
    handle.app = Some(App::OrgTree(yew::Renderer::<OrgTreeWidget>::with_root_and_props(root, props).render()));
    Ok(handle)
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Replaces the data with new JSON text.
    pub fn update(&mut self, data: &str) {
        self.load(data);
        self.render();
    }

    /// Replaces the options (language, elderly mode, label).
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&mut self, options: JsValue) -> Result<(), JsValue> {
        self.options = read_options(options)?;
        self.render();
        Ok(())
    }

    /// Shows that the data could not be fetched, and dispatches `gr-error`.
    pub fn fail(&mut self, detail: &str) {
        self.set_failure(Failure::Fetch(detail.to_owned()));
        self.render();
    }

    /// Unmounts the widget; the handle is then spent.
    pub fn destroy(&mut self) {
        if let Some(App::OrgTree(app)) = self.app.take() {
            app.destroy();
        }
    }
}

impl WidgetHandle {
    fn lang(&self) -> Lang {
        Lang::from_tag(self.options.lang.as_deref())
    }

    fn load(&mut self, json: &str) {
        match Organization::from_json(json) {
            Ok(org) => {
                let (tree, summary) = org.split();
                self.generation = self.generation.wrapping_add(1);
                self.content = Content::Ready { value: Rc::new(tree), summary: Rc::new(summary), generation: self.generation };
            }
            Err(e) => {
                let (errors, warnings) = e.problems().into_iter().partition(|p| p.severity == Severity::Error);
                self.set_failure(Failure::Data { errors, warnings });
            }
        }
    }

    fn set_failure(&mut self, failure: Failure) {
        events::dispatch(&self.host, "gr-error", &failure.detail(self.kind, self.lang()));
        self.content = Content::Failed(Rc::new(failure));
    }

    fn props(&self) -> OrgTreeWidgetProps {
        OrgTreeWidgetProps { content: self.content.clone(), options: self.options.clone(), host: self.host.clone() }
    }

    fn render(&mut self) {
        let props = self.props();
        if let Some(App::OrgTree(app)) = self.app.as_mut() {
            app.update(props);
        }
    }
}
