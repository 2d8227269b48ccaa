use std::collections::HashSet;

use leptos::ev;
use leptos::prelude::*;
use leptos_use::use_event_listener;
use web_sys::HtmlElement;

use super::focus::{focus_in, use_focus_rescue, SEARCH_BOX};
use super::{
    ErrorNotice, InstanceId, NoStages, Pager, ProblemsNotice, SearchBox, StageTable, TokenSettings,
};
use crate::api::{ApiClient, StageQuery};
use crate::config::PageConfig;
use crate::embed::REFRESH_EVENT;
use crate::stage_list::{use_stage_list, ListState};
use crate::text::showing_text;
use crate::url_state::{location_query, query_from_url, use_url_sync};

/// The whole page: toolbar, table and pager for one list of captcha stages.
///
/// `host` is the element the table is mounted in, when embedded: an
/// `ak-refresh` event reaching it reloads the view.
#[component]
pub fn App(config: PageConfig, #[prop(optional)] host: Option<HtmlElement>) -> impl IntoView {
    provide_context(InstanceId::next());
    // Held in memory only: a token in storage would outlive the tab.
    let token = RwSignal::new(config.token.clone());
    let api_base = config.api_base.clone();
    let client = Signal::derive(move || ApiClient::new(api_base.clone(), token.get()));
    let defaults = StageQuery {
        page_size: config.page_size,
        ordering: config.ordering,
        ..StageQuery::default()
    };
    let initial = match config.url_sync {
        true => query_from_url(&location_query(), &config.url_prefix, &defaults),
        false => defaults.clone(),
    };
    let search_text = RwSignal::new(initial.search.clone());
    let query = RwSignal::new(initial);
    if config.url_sync {
        use_url_sync(query, search_text, config.url_prefix.clone(), defaults);
    }
    let reload = RwSignal::new(0_u32);
    let list = use_stage_list(client, query, reload.into(), config.timeout);
    if let Some(host) = host {
        let _ = use_event_listener(host, ev::Custom::<ev::Event>::new(REFRESH_EVENT), move |_| {
            reload.update(|n| *n += 1)
        });
    }

    // Expansion follows the stage, not the row position, and forgets
    // stages that are no longer on the page.
    let expanded = RwSignal::new(HashSet::<String>::new());
    Effect::new(move |_| {
        list.loaded.with(|loaded| {
            let Some(loaded) = loaded else { return };
            let listed: HashSet<&str> = loaded.page.results.iter().map(|s| s.pk.as_str()).collect();
            if expanded.with_untracked(|open| open.iter().any(|pk| !listed.contains(pk.as_str()))) {
                expanded.update(|open| open.retain(|pk| listed.contains(pk.as_str())));
            }
        })
    });

    let state = Memo::new(move |_| list.state());
    let root = NodeRef::<leptos::html::Main>::new();
    let track_focus = use_focus_rescue(root, list.loading);
    let refresh = move || reload.update(|n| *n += 1);
    let clear_search = move || {
        search_text.set(String::new());
        query.update(|q| *q = q.with_search(String::new()));
        // The button goes away with the no-match notice.
        if let Some(root) = root.get_untracked() {
            focus_in(&root, SEARCH_BOX);
        }
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
                l.as_ref().map(|l| showing_text(&l.page.pagination, &l.query.search, l.ordering()))
            });
            let notice = list.notice.get().map(|text| format!("{text} ")).unwrap_or_default();
            format!("{notice}{}", showing.unwrap_or_default())
        }
    };

    view! {
        <main class=config.theme.class() node_ref=root on:focusin=track_focus>
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
                {move || {
                    list.notice.get().map(|text| view! { <p class="cs-notice-bar">{text}</p> })
                }}
                {move || {
                    let problems =
                        list.loaded.with(|l| l.as_ref().map(|l| l.page.problems.clone()));
                    problems
                        .filter(|p| !p.is_empty())
                        .map(|problems| view! { <ProblemsNotice problems /> })
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
