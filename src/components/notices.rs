use leptos::prelude::*;

use crate::api::{ApiError, ShapeProblem};

/// How many shape problems are listed before the rest are only counted.
const PROBLEMS_LISTED: usize = 5;

/// A failed request: the reason in words, and a way to try again. The
/// search, sort and page stay as they were.
#[component]
pub fn ErrorNotice(
    error: ApiError,
    has_token: bool,
    on_retry: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <div class="cs-notice cs-error" role="alert">
            <p class="cs-notice-title">"Could not load captcha stages"</p>
            <p class="cs-error-message">{error.message(has_token)}</p>
            <button type="button" class="cs-button cs-primary" on:click=move |_| on_retry()>
                "Retry"
            </button>
        </div>
    }
}

/// No rows: either the server has no captcha stages, or the search matched
/// none (then offer to clear it).
#[component]
pub fn NoStages(search: Option<String>, on_clear: impl Fn() + 'static) -> impl IntoView {
    match search {
        None => view! {
            <div class="cs-notice cs-empty">
                <p class="cs-notice-title">"No captcha stages yet"</p>
                <p>"Create one in authentik under Flows and Stages \u{2192} Stages."</p>
            </div>
        }
        .into_any(),
        Some(search) => view! {
            <div class="cs-notice cs-no-match">
                <p class="cs-notice-title">{format!("No stages match \u{201c}{search}\u{201d}")}</p>
                <button type="button" class="cs-button" on:click=move |_| on_clear()>
                    "Clear search"
                </button>
            </div>
        }
        .into_any(),
    }
}

/// Parts of an answer that could not be shown: the rows that could be are
/// on screen, and this says what is missing and why.
#[component]
pub fn ProblemsNotice(problems: Vec<ShapeProblem>) -> impl IntoView {
    let more = problems.len().saturating_sub(PROBLEMS_LISTED);
    let listed: Vec<String> =
        problems.iter().take(PROBLEMS_LISTED).map(ToString::to_string).collect();
    view! {
        <div class="cs-problems">
            <p class="cs-notice-title">"Part of the server's answer could not be shown"</p>
            <ul>
                {listed
                    .into_iter()
                    .map(|problem| view! { <li><code>{problem}</code></li> })
                    .collect_view()}
            </ul>
            {(more > 0).then(|| view! { <p>{format!("and {more} more")}</p> })}
        </div>
    }
}
