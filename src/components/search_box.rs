use leptos::prelude::*;
use leptos_use::use_debounce_fn;

use crate::api::StageQuery;

/// How long typing must pause before the search is sent.
const SEARCH_DEBOUNCE_MS: f64 = 300.0;

/// The search box. Typing sends the search after a pause, Enter sends it at
/// once, and clearing the box or pressing Escape removes the filter.
#[component]
pub fn SearchBox(text: RwSignal<String>, query: RwSignal<StageQuery>) -> impl IntoView {
    let apply = move || {
        let search = text.get_untracked();
        if query.with_untracked(|q| q.search != search) {
            query.update(|q| *q = q.with_search(search));
        }
    };
    // The debounced call reads the box when it fires rather than taking the
    // text as an argument, so a late call after Enter or Escape cannot bring
    // back older text.
    let apply_later = use_debounce_fn(apply, SEARCH_DEBOUNCE_MS);
    let on_input = move |ev| {
        text.set(event_target_value(&ev));
        if text.with_untracked(String::is_empty) {
            apply();
        } else {
            apply_later();
        }
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Enter" => apply(),
        "Escape" => {
            ev.prevent_default();
            text.set(String::new());
            apply();
        }
        _ => {}
    };

    view! {
        // The input sits inside its label: no id, so two tables on one page
        // cannot clash.
        <div class="cs-search" role="search">
            <label class="cs-search-label">
                <span>"Search"</span>
                <input type="search" placeholder="Stage name" autocomplete="off"
                    spellcheck="false" prop:value=move || text.get()
                    on:input=on_input on:keydown=on_keydown />
            </label>
        </div>
    }
}
