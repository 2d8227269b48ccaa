//! What happens when the page itself has a bug.
//!
//! A panic in WebAssembly stops the module for good: no handler runs after
//! it. So instead of leaving a table that silently stops reacting, the hook
//! logs the panic and puts a plain-DOM notice with a reload link on top of
//! the page.

use wasm_bindgen::JsCast;

const CRASH_NOTICE_ID: &str = "cs-crash";

/// Logs panics to the console and shows [`show_crash_notice`].
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_crash_notice();
    }));
}

/// Puts a notice at the top of the document saying the page stopped and
/// offering a reload. Built without Leptos, which may be what panicked.
pub fn show_crash_notice() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if document.get_element_by_id(CRASH_NOTICE_ID).is_some() {
        return;
    }
    let (Ok(notice), Ok(reload)) = (document.create_element("div"), document.create_element("a"))
    else {
        return;
    };
    notice.set_id(CRASH_NOTICE_ID);
    notice.set_class_name("cs-crash");
    let _ = notice.set_attribute("role", "alert");
    notice.set_text_content(Some(
        "The page stopped working because of an internal error (details are in the \
         browser console). ",
    ));
    // A link, not a button: it needs no script to work, and no script may run.
    let here = document.location().and_then(|location| location.href().ok());
    let _ = reload.set_attribute("href", here.as_deref().unwrap_or(""));
    reload.set_text_content(Some("Reload the page"));
    let _ = notice.append_child(&reload);
    if let Some(body) = document.body() {
        let _ = body.unchecked_ref::<web_sys::Element>().prepend_with_node_1(&notice);
    }
}
