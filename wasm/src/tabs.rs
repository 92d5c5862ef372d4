//! WAI-ARIA tabs with automatic activation (APG): the arrow keys move to the previous or
//! next tab and wrap round, Home and End go to the first and the last; the tab that gets
//! focus is shown at once. Only the selected tab is in the tab order. Used by
//! `<gr-duty-list>`, `<gr-service-board>` and `<gr-scorecard>`.

use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// The tab a key leads to from tab `at` of `count`; `None` for other keys.
pub fn next_tab(key: &str, at: usize, count: usize) -> Option<usize> {
    if count == 0 {
        return None;
    }
    match key {
        "ArrowRight" => Some((at + 1) % count),
        "ArrowLeft" => Some((at + count - 1) % count),
        "Home" => Some(0),
        "End" => Some(count - 1),
        _ => None,
    }
}

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    /// The accessible name of the tab list.
    pub label: AttrValue,
    /// The tabs' names.
    pub names: Vec<&'static str>,
    /// The selected tab.
    pub active: usize,
    /// Called with the tab to show.
    pub onselect: Callback<usize>,
    /// The selected tab's panel.
    pub children: Html,
}

/// A tab list and the selected tab's panel (ids `gr-tab-N`, `gr-panel-N`: one tab list per
/// shadow root).
#[function_component(Tabs)]
pub fn tabs(props: &TabsProps) -> Html {
    let count = props.names.len();
    let refs = use_memo(count, |&n| (0..n).map(|_| NodeRef::default()).collect::<Vec<_>>());
    let onkeydown = {
        let (refs, onselect, at) = (refs.clone(), props.onselect.clone(), props.active);
        Callback::from(move |e: KeyboardEvent| {
            let Some(next) = next_tab(&e.key(), at, refs.len()) else { return };
            e.prevent_default();
            onselect.emit(next);
            if let Some(el) = refs[next].cast::<HtmlElement>() {
                let _ = el.focus();
            }
        })
    };
    let at = props.active;
    html! {
        <>
            <div class="gr-tabs" role="tablist" aria-label={props.label.clone()}>
                { for props.names.iter().enumerate().map(|(i, name)| {
                    let active = i == at;
                    let onclick = { let onselect = props.onselect.clone(); Callback::from(move |_| onselect.emit(i)) };
                    html! {
                        <button type="button" role="tab" id={format!("gr-tab-{i}")} class="gr-tab" ref={refs[i].clone()}
                            aria-selected={active.to_string()} aria-controls={format!("gr-panel-{i}")}
                            tabindex={if active { "0" } else { "-1" }} {onclick} onkeydown={onkeydown.clone()}>
                            { *name }
                        </button>
                    }
                }) }
            </div>
            <div class="gr-panel" role="tabpanel" id={format!("gr-panel-{at}")} aria-labelledby={format!("gr-tab-{at}")}>
                { props.children.clone() }
            </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_wrap_and_home_end_go_to_the_ends() {
        assert_eq!(next_tab("ArrowRight", 0, 3), Some(1));
        assert_eq!(next_tab("ArrowRight", 2, 3), Some(0));
        assert_eq!(next_tab("ArrowLeft", 0, 3), Some(2));
        assert_eq!(next_tab("Home", 2, 3), Some(0));
        assert_eq!(next_tab("End", 0, 2), Some(1));
        assert_eq!(next_tab("Enter", 0, 3), None);
        assert_eq!(next_tab("ArrowRight", 0, 0), None);
    }
}
