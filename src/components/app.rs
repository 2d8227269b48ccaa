use std::collections::HashSet;

use leptos::prelude::*;

use super::focus::{focus_id, use_focus_rescue, SEARCH_INPUT_ID};
use super::{ErrorNotice, NoStages, Pager, ProblemsNotice, SearchBox, StageTable, TokenSettings};
use crate::api::{ApiClient, StageQuery};
use crate::config::PageConfig;
use crate::stage_list::{use_stage_list, ListState};
use crate::text::showing_text;

/// The whole page: toolbar, table and pager for one list of captcha stages.
#[component]
pub fn App(config: PageConfig) -> impl IntoView {
    // Held in memory only: a token in storage would outlive the tab.
    let token = RwSignal::new(None::<String>);
    let api_base = config.api_base.clone();
    let client = Signal::derive(move || ApiClient::new(api_base.clone(), token.get()));
    let query = RwSignal::new(StageQuery { page_size: config.page_size, ..StageQuery::default() });
    let search_text = RwSignal::new(String::new());
    let reload = RwSignal::new(0_u32);
    let list = use_stage_list(client, query, reload.into(), config.timeout);

    // Expansion follows the stage, not the row position, and forgets
    // stages that are no longer on the page.
    let expanded = RwSignal::new(HashSet::<String>::new());
    Effect::new(move |_| {
        let Some(loaded) = list.loaded.get() else { return };
        let listed: HashSet<&str> = loaded.page.results.iter().map(|s| s.pk.as_str()).collect();
        if expanded.with_untracked(|open| open.iter().any(|pk| !listed.contains(pk.as_str()))) {
            expanded.update(|open| open.retain(|pk| listed.contains(pk.as_str())));
        }
    });

    let state = Memo::new(move |_| list.state());
    use_focus_rescue(list.loading);
    let refresh = move || reload.update(|n| *n += 1);
    let clear_search = move || {
        search_text.set(String::new());
        query.update(|q| *q = q.with_search(String::new()));
        // The button goes away with the no-match notice.
        focus_id(SEARCH_INPUT_ID);
    };
    // Changes once per request, not per keystroke (the search is debounced):
    // "Loading…" while one is in flight, then what arrived. The error
    // itself is announced by the alert.
    // FIXME: a Retry that fails exactly as before leaves the alert's text
    // unchanged, so it is not announced again (e2e/tests/screen_reader.test.js).
    let status = move || match state.get() {
        ListState::FirstLoad => "Loading captcha stages\u{2026}".to_owned(),
        _ if list.loading.get() => "Loading captcha stages\u{2026}".to_owned(),
        ListState::Failed(_) => String::new(),
        ListState::Empty => "No captcha stages yet".to_owned(),
        ListState::NoMatch(search) => format!("No stages match \u{201c}{search}\u{201d}"),
        ListState::Rows => {
            let showing = list.loaded.with(|l| {
                l.as_ref()
                    .map(|l| showing_text(&l.page.pagination, &l.query.search, l.query.ordering))
            });
            let notice = list.notice.get().map(|text| format!("{text} ")).unwrap_or_default();
            format!("{notice}{}", showing.unwrap_or_default())
        }
    };

    view! {
        <main class="cs-page">
            <header class="cs-header">
                <h1>"Captcha stages"</h1>
                <p class="cs-lede">
                    "Stages that ask for a captcha (reCAPTCHA, hCaptcha, Turnstile) in a flow."
                </p>
            </header>
            <section class="cs-card">
                <div class="cs-toolbar">
                    <SearchBox text=search_text query />
                    <button type="button" class="cs-button" on:click=move |_| refresh()>
                        "Refresh"
                    </button>
                    <TokenSettings token api_base=config.api_base.clone() />
                </div>
                <p role="status" class="cs-sr-only">{status}</p>
                {move || list.notice.get().map(|text| view! { <p class="cs-notice-bar">{text}</p> })}
                {move || {
                    let problems = list.loaded.with(|l| l.as_ref().map(|l| l.page.problems.clone()));
                    problems.filter(|p| !p.is_empty()).map(|problems| view! { <ProblemsNotice problems /> })
                }}
                <div class="cs-progress" class:cs-progress-active=move || list.loading.get()>
                    <span></span>
                </div>
                {move || match state.get() {
                    ListState::Failed(error) => {
                        let has_token = client.with(ApiClient::has_token);
                        view! { <ErrorNotice error has_token on_retry=refresh /> }.into_any()
                    }
                    ListState::Empty => view! { <NoStages search=None on_clear=clear_search /> }
                        .into_any(),
                    ListState::NoMatch(search) => {
                        view! { <NoStages search=Some(search) on_clear=clear_search /> }
                            .into_any()
                    }
                    ListState::FirstLoad | ListState::Rows => {
                        view! { <StageTable list query expanded client /> }.into_any()
                    }
                }}
                <Show when=move || state.get() == ListState::Rows>
                    <Pager list query />
                </Show>
            </section>
        </main>
    }
}
