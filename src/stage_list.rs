//! The reactive side of the data layer: keeps one page of stages in step
//! with the query, in the shape the views need.

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

use crate::api::{ApiClient, ApiError, StagePage, StageQuery};

/// A page of stages together with the query it answers, so the views never
/// mix the rows of one query with the controls of another.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedPage {
    pub query: StageQuery,
    pub page: StagePage,
}

/// What the table shows; every state is named so each can be tested.
#[derive(Clone, Debug, PartialEq)]
pub enum ListState {
    /// Nothing has arrived yet.
    FirstLoad,
    Failed(ApiError),
    /// The server has no captcha stages at all.
    Empty,
    /// A search matched nothing; carries the search text.
    NoMatch(String),
    Rows,
}

/// Signals returned by [`use_stage_list`].
#[derive(Clone, Copy)]
pub struct StageList {
    /// The latest page that arrived; kept while a newer one loads so the old
    /// rows stay on screen.
    pub loaded: ReadSignal<Option<LoadedPage>>,
    /// A request is in flight.
    pub loading: ReadSignal<bool>,
    /// The latest request failed; cleared by the next success.
    pub error: ReadSignal<Option<ApiError>>,
}

impl StageList {
    pub fn state(&self) -> ListState {
        if let Some(error) = self.error.get() {
            return ListState::Failed(error);
        }
        let Some(loaded) = self.loaded.get() else {
            return ListState::FirstLoad;
        };
        if !loaded.page.results.is_empty() {
            ListState::Rows
        } else if loaded.query.is_searching() {
            ListState::NoMatch(loaded.query.search)
        } else {
            ListState::Empty
        }
    }
}

/// Fetches the page for `query` whenever it, the client or `reload` changes.
///
/// Each new request aborts the one before, and an answer that is not for
/// the latest request is dropped even if it slipped past the abort, so the
/// rows shown always belong to the latest query.
pub fn use_stage_list(
    client: Signal<ApiClient>,
    query: Signal<StageQuery>,
    reload: Signal<u32>,
) -> StageList {
    let loaded = RwSignal::new(None::<LoadedPage>);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    // The controller is a JS object, so it lives in thread-local storage.
    let in_flight = StoredValue::new_local(None::<AbortController>);
    let latest = StoredValue::new(0_u64);

    let abort_in_flight = move || {
        if let Some(controller) = in_flight.try_update_value(Option::take).flatten() {
            controller.abort();
        }
    };

    Effect::new(move |_| {
        let client = client.get();
        let query = query.get();
        reload.track();

        abort_in_flight();
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        in_flight.set_value(controller);
        let request = latest.with_value(|n| n + 1);
        latest.set_value(request);
        loading.set(true);

        spawn_local(async move {
            let result = client.list_stages(&query, signal.as_ref()).await;
            // The component may be gone, or a newer request may own the
            // signals now; either way this answer is not to be shown.
            if latest.try_get_value() != Some(request) {
                return;
            }
            in_flight.set_value(None);
            match result {
                Ok(page) => {
                    error.set(None);
                    loaded.set(Some(LoadedPage { query, page }));
                }
                Err(ApiError::Aborted) => return,
                Err(failure) => error.set(Some(failure)),
            }
            loading.set(false);
        });
    });

    on_cleanup(abort_in_flight);

    StageList { loaded: loaded.read_only(), loading: loading.read_only(), error: error.read_only() }
}
