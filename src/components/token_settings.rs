use leptos::prelude::*;

/// Where an admin gives an API token when the page is not served next to
/// an authentik session (e.g. `trunk serve` proxying to a remote server).
/// The token stays in this tab's memory; reloading the page forgets it.
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
    let summary = move || {
        if token.with(Option::is_some) {
            "API token: set"
        } else {
            "API token"
        }
    };
    view! {
        <details class="cs-token">
            <summary class="cs-button">{summary}</summary>
            <form class="cs-token-form" on:submit=use_token>
                <label class="cs-token-label">
                    <span>"API token"</span>
                    <input type="password" autocomplete="off" node_ref=input />
                </label>
                <button type="submit" class="cs-button cs-primary">"Use token"</button>
                <button type="button" class="cs-button"
                    disabled=move || token.with(Option::is_none)
                    on:click=move |_| token.set(None)>
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
