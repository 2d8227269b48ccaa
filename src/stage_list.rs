//! The reactive side of the data layer: keeps one page of stages in step
//! with the query, in the shape the views need.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{AbortController, AbortSignal};

use crate::api::{ApiClient, ApiError, Ordering, StagePage, StageQuery};

/// How long a list request may take before the page gives up on it.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A page of stages together with the query it answers, so the views never
/// mix the rows of one query with the controls of another.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedPage {
    pub query: StageQuery,
    pub page: StagePage,
}

impl LoadedPage {
    /// The order the rows are in: the one asked for, or the server's default
    /// (name, ascending) when the server cannot sort by the field asked for.
    pub fn ordering(&self) -> Ordering {
        let asked = self.query.ordering;
        if self.page.sortable_by(asked.field) {
            asked
        } else {
            Ordering::default()
        }
    }
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
    /// Something the page did on its own that the admin should know, such
    /// as moving to the last page because the requested one vanished.
    pub notice: ReadSignal<Option<String>>,
}

impl StageList {
    pub fn state(&self) -> ListState {
        if let Some(error) = self.error.get() {
            return ListState::Failed(error);
        }
        // `with`, not `get`: a clone of the page would copy every row.
        self.loaded.with(|loaded| match loaded {
            None => ListState::FirstLoad,
            Some(loaded) if !loaded.page.results.is_empty() => ListState::Rows,
            Some(loaded) if loaded.query.is_searching() => {
                ListState::NoMatch(loaded.query.search.clone())
            }
            Some(_) => ListState::Empty,
        })
    }
}

/// Everything that decides a request; the same key twice is one request.
type RequestKey = (ApiClient, StageQuery, u32);

/// Fetches the page for `query` whenever it, the client or `reload` changes.
///
/// At most one request is in flight: each new one aborts the one before,
/// and an answer that is not for the latest request is dropped even if it
/// slipped past the abort, so the rows shown always belong to the latest
/// query. A request that takes longer than `timeout` fails with
/// [`ApiError::Timeout`]. When the server says the page no longer exists
/// (stages were deleted meanwhile), the last page is shown instead and
/// `query` is moved to it.
pub fn use_stage_list(
    client: Signal<ApiClient>,
    query: RwSignal<StageQuery>,
    reload: Signal<u32>,
    timeout: Duration,
) -> StageList {
    let loaded = RwSignal::new(None::<LoadedPage>);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    // The controller is a JS object, so it lives in thread-local storage.
    let in_flight = StoredValue::new_local(None::<AbortController>);
    let last_key = StoredValue::new(None::<RequestKey>);
    let latest = StoredValue::new(0_u64);

    let abort_in_flight = move || {
        if let Some(controller) = in_flight.try_update_value(Option::take).flatten() {
            controller.abort();
        }
    };

    Effect::new(move |_| {
        let key: RequestKey = (client.get(), query.get(), reload.get());
        if last_key.with_value(|last| last.as_ref() == Some(&key)) {
            return;
        }
        last_key.set_value(Some(key.clone()));
        let (client, requested, generation) = key;

        abort_in_flight();
        let request = latest.with_value(|n| n + 1);
        latest.set_value(request);
        let is_latest = move || latest.try_get_value() == Some(request);
        let Some(deadline) = Deadline::start(timeout) else {
            error.set(Some(ApiError::Network { reason: "AbortController unavailable".into() }));
            return;
        };
        in_flight.set_value(Some(deadline.controller.clone()));
        loading.set(true);
        notice.set(None);

        spawn_local(async move {
            let signal = deadline.signal();
            let mut result = client.list_stages(&requested, Some(&signal)).await;
            let mut shown = requested.clone();
            if matches!(&result, Err(e) if e.is_invalid_page()) && requested.page > 1 && is_latest()
            {
                result = client.last_page(&requested, Some(&signal)).await;
                if let Ok(page) = &result {
                    shown = requested.with_page(page.pagination.current);
                    notice.set(Some(format!(
                        "Page {} no longer exists; showing page {}, the last one.",
                        requested.page, shown.page
                    )));
                }
            }
            let result = deadline.finish(result);
            // The component may be gone, or a newer request may own the
            // signals now; either way this answer is not to be shown.
            if !is_latest() {
                return;
            }
            in_flight.set_value(None);
            match result {
                Ok(page) => {
                    if shown != requested {
                        // Move the controls to the page shown without
                        // fetching it a second time.
                        // FIXME: with the view in the URL this adds a history
                        // entry instead of replacing the vanished page's, so
                        // Back returns to it, which moves here again: Back is
                        // stuck (found by review; no test yet). The URL sync
                        // needs to know this change is a correction.
                        last_key.set_value(Some((client, shown.clone(), generation)));
                        query.set(shown.clone());
                    }
                    error.set(None);
                    loaded.set(Some(LoadedPage { query: shown, page }));
                }
                Err(ApiError::Aborted) => return,
                Err(failure) => error.set(Some(failure)),
            }
            loading.set(false);
        });
    });

    on_cleanup(abort_in_flight);

    StageList {
        loaded: loaded.read_only(),
        loading: loading.read_only(),
        error: error.read_only(),
        notice: notice.read_only(),
    }
}

/// An abort controller that also fires after a timeout, remembering which
/// of the two cancelled the request.
struct Deadline {
    controller: AbortController,
    timer: Option<TimeoutHandle>,
    expired: Rc<Cell<bool>>,
    seconds: u32,
}

impl Deadline {
    fn start(timeout: Duration) -> Option<Self> {
        let controller = AbortController::new().ok()?;
        let expired = Rc::new(Cell::new(false));
        let timer = {
            let (controller, expired) = (controller.clone(), expired.clone());
            set_timeout_with_handle(
                move || {
                    expired.set(true);
                    controller.abort();
                },
                timeout,
            )
            .ok()
        };
        let seconds = timeout.as_secs_f64().ceil() as u32;
        Some(Self { controller, timer, expired, seconds })
    }

    fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    /// Stops the timer and turns an abort caused by it into a timeout.
    fn finish(self, result: Result<StagePage, ApiError>) -> Result<StagePage, ApiError> {
        if let Some(timer) = self.timer {
            timer.clear();
        }
        match result {
            Err(ApiError::Aborted) if self.expired.get() => {
                Err(ApiError::Timeout { seconds: self.seconds })
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{decode_stage_page, SortField};

    fn loaded(ordering: Ordering, score_min_threshold: Option<f64>) -> LoadedPage {
        let threshold = score_min_threshold.map(|t| format!(r#","score_min_threshold":{t}"#));
        let body = format!(
            r#"{{"pagination":{{"next":0,"previous":0,"count":1,"current":1,"total_pages":1,
                "start_index":1,"end_index":1}},
              "results":[{{"pk":"a","name":"a","public_key":"k"{}}}]}}"#,
            threshold.unwrap_or_default()
        );
        let page = decode_stage_page(200, &body).expect("a valid page");
        LoadedPage { query: StageQuery { ordering, ..StageQuery::default() }, page }
    }

    #[test]
    fn rows_are_in_name_order_when_the_server_cannot_sort_as_asked() {
        let by_min = Ordering { field: SortField::ScoreMinThreshold, descending: true };
        assert_eq!(loaded(by_min, Some(0.5)).ordering(), by_min);
        assert_eq!(loaded(by_min, None).ordering(), Ordering::default());
        let by_key = Ordering { field: SortField::PublicKey, descending: true };
        assert_eq!(loaded(by_key, None).ordering(), by_key);
    }
}
