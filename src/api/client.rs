//! The HTTP client for the stage list: builds the request, sends it, and
//! turns whatever comes back into a [`StagePage`] or an [`ApiError`].

use gloo_net::http::Request;
use serde_json::Value;
use web_sys::AbortSignal;

use super::{ApiError, GenericError, StagePage, StageQuery, ValidationError};

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

    /// Fetches one page of stages. Passing the signal of an
    /// `AbortController` lets a newer query cancel this one, which then
    /// returns [`ApiError::Aborted`].
    pub async fn list_stages(
        &self,
        query: &StageQuery,
        abort: Option<&AbortSignal>,
    ) -> Result<StagePage, ApiError> {
        let url = self.list_url(query);
        let result = self.get(&url, abort).await;
        if let Err(error) = &result {
            if *error != ApiError::Aborted {
                // One line for the operator; the URL carries no token.
                leptos::logging::warn!("GET {url} failed: {error}");
            }
        }
        result
    }

    async fn get(&self, url: &str, abort: Option<&AbortSignal>) -> Result<StagePage, ApiError> {
        let mut request =
            Request::get(url).header("Accept", "application/json").abort_signal(abort);
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
pub fn decode_stage_page(status: u16, body: &str) -> Result<StagePage, ApiError> {
    if !(200..300).contains(&status) {
        return Err(ApiError::Status { status, message: server_message(body) });
    }
    if body.trim().is_empty() {
        return Err(ApiError::NotJson { status, reason: "the body is empty".to_owned() });
    }
    let json: Value = serde_json::from_str(body)
        .map_err(|error| ApiError::NotJson { status, reason: error.to_string() })?;
    serde_path_to_error::deserialize(json).map_err(|error| {
        let path = error.path().to_string();
        let path = if path == "." { "(top level)".to_owned() } else { path };
        ApiError::Shape { path, reason: error.into_inner().to_string() }
    })
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
