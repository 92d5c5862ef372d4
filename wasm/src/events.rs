//! Events out: DOM CustomEvents dispatched on the host element, bubbling and composed so
//! that they cross the shadow boundary and reach listeners anywhere in the page.

use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

/// Serializes `detail` as plain JS objects (not `Map`s) and dispatches `name` on `host`.
pub fn dispatch<T: Serialize>(host: &HtmlElement, name: &str, detail: &T) {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let detail = detail.serialize(&serializer).unwrap_or(JsValue::NULL);
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        // A listener that throws must not break the widget; the browser reports it.
        let _ = host.dispatch_event(&event);
    }
}
