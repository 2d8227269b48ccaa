//! The HTTP client for the stage list: builds the request, sends it, and
//! turns whatever comes back into a [`StagePage`] or an [`ApiError`].

use gloo_net::http::Request;
use serde_json::Value;
use web_sys::AbortSignal;

use super::{
    ApiError, CaptchaStage, GenericError, Pagination, ShapeProblem, StagePage, StageQuery,
    ValidationError,
};

/// Where the API lives and how to authenticate to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiClient {
    /// e.g. `/api/v3` (same origin) or `https://authentik.example/api/v3`.
    base: String,
    /// An API token or OAuth access token. Without one the browser's
    /// `authentik_session` cookie authenticates same-origin requests.
    token: Option<String>,
}

impl ApiClient {
    pub fn new(base: impl Into<String>, token: Option<String>) -> Self {
        let base = base.into().trim_end_matches('/').to_owned();
        let token = token.filter(|token| !token.trim().is_empty());
        Self { base, token }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn has_token(&self) -> bool {
        self.token.is_some()
    }

    /// The list URL. The trailing slash after `captcha` is required: without
    /// it authentik answers 404.
    pub fn list_url(&self, query: &StageQuery) -> String {
        format!("{}/stages/captcha/?{}", self.base, query.to_query_string())
    }

    /// The URL of the last page of `query`'s result, whatever its number.
    pub fn last_page_url(&self, query: &StageQuery) -> String {
        format!("{}/stages/captcha/?{}", self.base, query.query_string_for_page("last"))
    }

    /// Fetches the last page of `query`'s result; its `pagination.current`
    /// says which page that is.
    pub async fn last_page(
        &self,
        query: &StageQuery,
        abort: Option<&AbortSignal>,
    ) -> Result<StagePage, ApiError> {
        self.get(&self.last_page_url(query), abort).await
    }

    /// Fetches one page of stages. Passing the signal of an
    /// `AbortController` lets a newer query cancel this one, which then
    /// returns [`ApiError::Aborted`].
    pub async fn list_stages(
        &self,
        query: &StageQuery,
        abort: Option<&AbortSignal>,
    ) -> Result<StagePage, ApiError> {
        self.get(&self.list_url(query), abort).await
    }

    async fn get(&self, url: &str, abort: Option<&AbortSignal>) -> Result<StagePage, ApiError> {
        let result = self.send(url, abort).await;
        log_failure(url, &result);
        result
    }

    async fn send(&self, url: &str, abort: Option<&AbortSignal>) -> Result<StagePage, ApiError> {
        // gloo-net appends `&` and its own (empty) parameters to a URL that
        // already has a query, so the parameters go through its builder.
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        let mut request = Request::get(path)
            .query(pairs.iter().map(|(key, value)| (key.as_str(), value)))
            .header("Accept", "application/json")
            .abort_signal(abort);
        if let Some(token) = &self.token {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        let response = request.send().await.map_err(transport_error)?;
        let status = response.status();
        let body = response.text().await.map_err(transport_error)?;
        decode_stage_page(status, &body)
    }

    /// The authentik root the API base hangs off (`https://ak.example` for
    /// `https://ak.example/api/v3`, empty for the same-origin `/api/v3`).
    pub fn authentik_root(&self) -> &str {
        self.base.strip_suffix("/api/v3").unwrap_or("")
    }

    /// authentik's own admin page for a flow, so an admin can jump there.
    pub fn flow_admin_url(&self, slug: &str) -> String {
        format!("{}/if/admin/#/flow/flows/{slug}", self.authentik_root())
    }

    /// Turns a URL the server sent into a link target, or `None` when it
    /// must stay text. Only `http:`/`https:` URLs and server-relative paths
    /// (resolved against the API's origin) become links, so a stage name or
    /// URL can never smuggle in `javascript:` or `data:`.
    pub fn link_for(&self, url: &str) -> Option<String> {
        let lower = url.trim_start().to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            Some(url.trim().to_owned())
        } else if url.starts_with('/') && !url.starts_with("//") {
            Some(format!("{}{url}", origin_of(&self.base)))
        } else {
            None
        }
    }
}

/// One line for the operator per failed request; the URL carries no token
/// and the body is never logged.
fn log_failure(url: &str, result: &Result<StagePage, ApiError>) {
    match result {
        Err(ApiError::Aborted) | Ok(_) => {}
        Err(error) => leptos::logging::warn!("GET {url} failed: {error}"),
    }
}

/// `scheme://host[:port]` of an absolute URL, or empty for a path (which the
/// browser then resolves against the page's own origin).
fn origin_of(url: &str) -> &str {
    let Some(scheme_end) = url.find("://") else {
        return "";
    };
    let host_start = scheme_end + 3;
    match url[host_start..].find('/') {
        Some(path_start) => &url[..host_start + path_start],
        None => url,
    }
}

fn transport_error(error: gloo_net::Error) -> ApiError {
    match error {
        gloo_net::Error::JsError(js) if js.name == "AbortError" => ApiError::Aborted,
        gloo_net::Error::JsError(js) => ApiError::Network { reason: js.message },
        other => ApiError::Network { reason: other.to_string() },
    }
}

/// Decodes a response of the list endpoint, successful or not. Kept apart
/// from the transport so every body shape can be tested natively.
///
/// What can be shown is shown: a row that does not decode is left out, and
/// a broken `pagination` is replaced by one page holding the rows; each is
/// recorded in [`StagePage::problems`]. Only a body with no usable rows at
/// all is an error.
pub fn decode_stage_page(status: u16, body: &str) -> Result<StagePage, ApiError> {
    if !(200..300).contains(&status) {
        return Err(ApiError::Status { status, message: server_message(body) });
    }
    if body.trim().is_empty() {
        return Err(ApiError::NotJson { status, reason: "the body is empty".to_owned() });
    }
    let json: Value = serde_json::from_str(body)
        .map_err(|error| ApiError::NotJson { status, reason: clip(error.to_string()) })?;
    let Value::Object(mut fields) = json else {
        return Err(shape_error(
            "(top level)",
            format!("expected an object, found {}", kind(&json)),
        ));
    };
    let rows = match fields.remove("results") {
        Some(Value::Array(rows)) => rows,
        Some(other) => {
            return Err(shape_error("results", format!("expected a list, found {}", kind(&other))))
        }
        None => return Err(shape_error("(top level)", "missing field `results`".to_owned())),
    };

    let mut page = StagePage::default();
    let row_count = rows.len();
    for (index, row) in rows.into_iter().enumerate() {
        match decode_part::<CaptchaStage>(row, &format!("results[{index}]")) {
            Ok(stage) => page.results.push(stage),
            Err(problem) => page.problems.push(problem),
        }
    }
    if page.results.is_empty() && row_count > 0 {
        let first = page.problems.swap_remove(0);
        return Err(ApiError::Shape { path: first.path, reason: first.reason });
    }

    let pagination = fields.remove("pagination").unwrap_or(Value::Null);
    page.pagination = match decode_part::<Pagination>(pagination, "pagination") {
        Ok(pagination) => pagination,
        Err(problem) => {
            page.problems.push(problem);
            Pagination::single_page(page.results.len())
        }
    };
    if let Some(Value::Object(autocomplete)) = fields.remove("autocomplete") {
        page.autocomplete = Some(autocomplete);
    }
    check_consistency(&mut page, row_count);
    Ok(page)
}

/// Decodes one part of the body; on failure says where, relative to `at`.
fn decode_part<T: serde::de::DeserializeOwned>(value: Value, at: &str) -> Result<T, ShapeProblem> {
    if value.is_null() {
        return Err(ShapeProblem { path: at.to_owned(), reason: "missing".to_owned() });
    }
    serde_path_to_error::deserialize(value).map_err(|error| {
        let inner = error.path().to_string();
        let path = if inner == "." { at.to_owned() } else { format!("{at}.{inner}") };
        ShapeProblem { path, reason: clip(error.into_inner().to_string()) }
    })
}

/// Notes where `pagination` contradicts the rows. The rows are still shown
/// as sent; the note tells the admin why the numbers look wrong.
fn check_consistency(page: &mut StagePage, row_count: usize) {
    let Pagination { count, current, total_pages, .. } = page.pagination;
    if (row_count as u64) > count {
        page.problems.push(ShapeProblem {
            path: "pagination.count".to_owned(),
            reason: format!("says {count} stages in all, but this page has {row_count}"),
        });
    }
    if current > total_pages.max(1) {
        page.problems.push(ShapeProblem {
            path: "pagination.current".to_owned(),
            reason: format!("page {current} is beyond the last page, {total_pages}"),
        });
    }
}

/// Serde quotes the offending value in its messages; a 100 KB string must
/// not become a 100 KB error message.
fn clip(mut text: String) -> String {
    const LIMIT: usize = 200;
    if let Some((cut, _)) = text.char_indices().nth(LIMIT) {
        text.truncate(cut);
        text.push('\u{2026}');
    }
    text
}

fn shape_error(path: &str, reason: String) -> ApiError {
    ApiError::Shape { path: path.to_owned(), reason }
}

/// How a JSON value reads in an error message.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The human part of an error body: `detail` (403, 404, 429, ...), or the
/// validation messages of a 400. `None` for HTML pages and anything else.
fn server_message(body: &str) -> Option<String> {
    let json: Value = serde_json::from_str(body).ok()?;
    if let Ok(generic) = serde_json::from_value::<GenericError>(json.clone()) {
        return Some(generic.detail);
    }
    let validation: ValidationError = serde_json::from_value(json.clone()).ok()?;
    let mut messages = validation.non_field_errors;
    // A 400 may also name fields: `{"page_size": ["A valid integer is required."]}`.
    if let Value::Object(fields) = &json {
        for (field, value) in fields {
            if let Value::Array(items) = value {
                if field != "non_field_errors" {
                    let texts = items.iter().filter_map(Value::as_str);
                    messages.extend(texts.map(|text| format!("{field}: {text}")));
                }
            }
        }
    }
    (!messages.is_empty()).then(|| messages.join(" "))
}
