//! The error panel every widget shows instead of its content when the data is bad.

use std::rc::Rc;

use grassroots::Problem;
use serde::Serialize;
use yew::prelude::*;

use crate::i18n::Lang;

/// Why a widget has nothing to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The data could not be fetched (network, HTTP status); the text says what happened.
    Fetch(String),
    /// The data was read but has problems.
    Data(Vec<Problem>),
}

/// The `detail` of a `gr-error` event: the widget kind and every problem, each with a
/// message in the widget's language.
#[derive(Serialize)]
pub struct ErrorDetail<'a> {
    pub widget: &'a str,
    pub errors: Vec<ErrorEntry<'a>>,
}

#[derive(Serialize)]
pub struct ErrorEntry<'a> {
    #[serde(flatten)]
    pub problem: Option<&'a Problem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<&'static str>,
    pub message: String,
}

impl Failure {
    /// The `gr-error` detail for this failure.
    pub fn detail<'a>(&'a self, widget: &'a str, lang: Lang) -> ErrorDetail<'a> {
        let text = lang.text();
        let errors = match self {
            Failure::Fetch(detail) => vec![ErrorEntry {
                problem: None,
                severity: Some("error"),
                code: Some("fetch"),
                path: Some("$"),
                message: (text.fetch_failed)(detail),
            }],
            Failure::Data(problems) => problems
                .iter()
                .map(|p| ErrorEntry { problem: Some(p), severity: None, code: None, path: None, message: (text.problem)(&p.kind) })
                .collect(),
        };
        ErrorDetail { widget, errors }
    }
}

#[derive(Properties, PartialEq)]
pub struct ErrorPanelProps {
    pub failure: Rc<Failure>,
    pub lang: Lang,
}

/// A live region, so that a screen reader announces the failure when it appears.
#[function_component(ErrorPanel)]
pub fn error_panel(props: &ErrorPanelProps) -> Html {
    let text = props.lang.text();
    let body = match &*props.failure {
        Failure::Fetch(detail) => html! { <p>{ (text.fetch_failed)(detail) }</p> },
        Failure::Data(problems) => html! {
            <>
                <p>{ text.error_intro }</p>
                <ul class="gr-problems">
                    { for problems.iter().map(|p| html! {
                        <li>
                            <code class="gr-path">{ &p.path }</code>
                            if let Some(id) = &p.record {
                                <span class="gr-record">{ (text.record)(id) }</span>
                            }
                            <span class="gr-message">{ (text.problem)(&p.kind) }</span>
                        </li>
                    }) }
                </ul>
            </>
        },
    };
    html! {
        <div class="gr-error" role="alert">
            <p class="gr-error-title"><strong>{ text.error_title }</strong></p>
            { body }
        </div>
    }
}
