use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Where an admin gives an API token when the page is not served next to
/// an authentik session (e.g. `trunk serve` proxying to a remote server).
/// The token stays in this tab's memory; reloading the page forgets it.
/// Escape closes the form and returns focus to its summary.
#[component]
pub fn TokenSettings(token: RwSignal<Option<String>>, api_base: String) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let use_token = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(field) = input.get() else { return };
        let value = field.value();
        field.set_value("");
        token.set(Some(value.trim().to_owned()).filter(|t| !t.is_empty()));
    };
    let close_on_escape = move |ev: web_sys::KeyboardEvent| {
        let Some(details) = ev.current_target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if ev.key() == "Escape" && details.has_attribute("open") {
            ev.prevent_default();
            let _ = details.remove_attribute("open");
            let summary =
                details.first_element_child().and_then(|s| s.dyn_into::<HtmlElement>().ok());
            if let Some(summary) = summary {
                let _ = summary.focus();
            }
        }
    };
    // Forget disables itself; focus goes to the field for a new token.
    let forget = move |_| {
        token.set(None);
        if let Some(field) = input.get() {
            let _ = field.focus();
        }
    };
    let summary = move || {
        if token.with(Option::is_some) {
            "API token: set"
        } else {
            "API token"
        }
    };
    view! {
        <details class="cs-token" on:keydown=close_on_escape>
            <summary class="cs-button">{summary}</summary>
            <form class="cs-token-form" on:submit=use_token>
                <label class="cs-token-label">
                    <span>"API token"</span>
                    <input type="password" autocomplete="off" node_ref=input />
                </label>
                <button type="submit" class="cs-button cs-primary">"Use token"</button>
                <button type="button" class="cs-button"
                    disabled=move || token.with(Option::is_none)
                    on:click=forget>
                    "Forget"
                </button>
                <p class="cs-hint">
                    "Sent as a Bearer token to " <code>{api_base}</code>
                    " only, and kept in this tab's memory."
                </p>
            </form>
        </details>
    }
}
