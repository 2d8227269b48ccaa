//! Keeps keyboard focus on the page when the control that held it goes
//! away: a pager button that disables itself, a notice replaced by the
//! table, rows rebuilt by a new answer. Without this the browser drops
//! focus to the top of the document and a keyboard or screen reader user
//! has to find the way back.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The table's caption (`tabindex="-1"`): where focus goes when the control
/// used is no longer usable.
pub(super) const CAPTION_ID: &str = "cs-caption";
/// The search box, where focus goes when nothing nearer is left.
pub(super) const SEARCH_INPUT_ID: &str = "cs-search-input";

/// Focuses the element with `id`; false when there is none.
pub(super) fn focus_id(id: &str) -> bool {
    let element = document().get_element_by_id(id);
    element.is_some_and(|element| focus(&element))
}

/// Moves focus to the caption, or if there is no table, to the first
/// control of the notice shown instead (Retry, Clear search), or to the
/// search box.
pub(super) fn focus_nearest_landmark() {
    if focus_id(CAPTION_ID) {
        return;
    }
    let notice_button = document().query_selector(".cs-notice button").ok().flatten();
    if notice_button.is_some_and(|button| focus(&button)) {
        return;
    }
    focus_id(SEARCH_INPUT_ID);
}

fn focus(element: &Element) -> bool {
    element.dyn_ref::<HtmlElement>().is_some_and(|element| element.focus().is_ok())
}

/// Watches where focus is, and once a request has finished (`loading`
/// turns false) and the view has settled, brings focus back from the top of
/// the document if the element that held it was removed or disabled.
/// Focus a user put elsewhere (or never put on the page) is left alone.
pub(super) fn use_focus_rescue(loading: ReadSignal<bool>) {
    let last_focused = StoredValue::new_local(None::<Element>);
    let handle = window_event_listener(ev::focusin, move |event| {
        let target = event.target().and_then(|target| target.dyn_into::<Element>().ok());
        last_focused.set_value(target);
    });
    on_cleanup(move || handle.remove());

    Effect::new(move |_| {
        if loading.get() {
            return;
        }
        // After the next frame the views have replaced whatever this
        // answer replaces.
        request_animation_frame(move || {
            let Some(Some(lost)) = last_focused.try_get_value() else { return };
            let on_body = document()
                .active_element()
                .is_none_or(|active| document().body().is_some_and(|body| *body == active));
            let gone = !lost.is_connected() || lost.matches(":disabled").unwrap_or(false);
            if on_body && gone {
                focus_nearest_landmark();
            }
        });
    });
}
