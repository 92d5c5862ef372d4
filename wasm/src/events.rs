//! Events out: DOM CustomEvents dispatched on the host element, bubbling and composed so
//! that they cross the shadow boundary and reach listeners anywhere in the page.

use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

/// Serializes `detail` as plain JS objects and dispatches `name` on `host`. The detail goes
/// through JSON text: serde_json's serializer is in the bundle anyway, and a second
/// serializer (serde-wasm-bindgen's) for every detail type would cost more than the parse.
pub fn dispatch<T: Serialize>(host: &HtmlElement, name: &str, detail: &T) {
    let detail = serde_json::to_string(detail)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL);
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        // A listener that throws must not break the widget; the browser reports it.
        let _ = host.dispatch_event(&event);
    }
}
