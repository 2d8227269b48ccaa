//! Keeps keyboard focus on the table when the control that held it goes
//! away: a pager button that disables itself, a notice replaced by the
//! table, rows rebuilt by a new answer. Without this the browser drops
//! focus to the top of the document and a keyboard or screen reader user
//! has to find the way back.
//!
//! Everything is found inside one table's root element (`.cs-page`), never
//! by id, so several tables on one page keep their focus apart.

use leptos::ev;
use leptos::html::Main;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The table's caption (`tabindex="-1"`): where focus goes when the control
/// used is no longer usable.
pub(super) const CAPTION: &str = ".cs-table > caption";
/// The search box, where focus goes when nothing nearer is left.
pub(super) const SEARCH_BOX: &str = ".cs-search input";
/// The root element of each table.
const ROOT: &str = ".cs-page";

/// Focuses the first element matching `selector` inside `root`; false when
/// there is none.
pub(super) fn focus_in(root: &Element, selector: &str) -> bool {
    let element = root.query_selector(selector).ok().flatten();
    element.is_some_and(|element| focus(&element))
}

/// Focuses `selector` inside the table that `event` happened in.
pub(super) fn focus_near(event: &ev::Event, selector: &str) -> bool {
    let target = event.current_target().and_then(|target| target.dyn_into::<Element>().ok());
    let root = target.and_then(|target| target.closest(ROOT).ok().flatten());
    root.is_some_and(|root| focus_in(&root, selector))
}

/// Moves focus to the caption, or if there is no table, to the first
/// control of the notice shown instead (Retry, Clear search), or to the
/// search box.
fn focus_nearest_landmark(root: &Element) {
    let _ = focus_in(root, CAPTION)
        || focus_in(root, ".cs-notice button")
        || focus_in(root, SEARCH_BOX);
}

fn focus(element: &Element) -> bool {
    element.dyn_ref::<HtmlElement>().is_some_and(|element| element.focus().is_ok())
}

/// Watches where focus is inside `root` (the returned handler goes on its
/// `focusin`), and once a request has finished (`loading` turns false) and
/// the view has settled, brings focus back from the top of the document if
/// the element that held it was removed or disabled. Focus a user put
/// elsewhere (or never put in the table) is left alone.
pub(super) fn use_focus_rescue(
    root: NodeRef<Main>,
    loading: ReadSignal<bool>,
) -> impl Fn(ev::FocusEvent) + Copy + 'static {
    let last_focused = StoredValue::new_local(None::<Element>);

    Effect::new(move |_| {
        if loading.get() {
            return;
        }
        // After the next frame the views have replaced whatever this
        // answer replaces.
        request_animation_frame(move || {
            let Some(Some(lost)) = last_focused.try_get_value() else { return };
            let Some(root) = root.get_untracked() else { return };
            let on_body = document()
                .active_element()
                .is_none_or(|active| document().body().is_some_and(|body| *body == active));
            let gone = !lost.is_connected() || lost.matches(":disabled").unwrap_or(false);
            if on_body && gone {
                focus_nearest_landmark(&root);
            }
        });
    });

    move |event: ev::FocusEvent| {
        let target = event.target().and_then(|target| target.dyn_into::<Element>().ok());
        last_focused.set_value(target);
    }
}
