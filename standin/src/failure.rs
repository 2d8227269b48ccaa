//! Every answer other than a list, with the body the real stack would send.
//!
//! authentik (Django REST framework) answers API errors with JSON, Django itself answers unknown
//! URLs and crashes with HTML, and the reverse proxy in front answers with its own HTML when
//! authentik is down. A page has to cope with all three, so each is imitated here.

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// A reason the API does not answer with a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The page number is out of range or not a number.
    InvalidPage,
    /// No `Authorization: Bearer ...` header.
    CredentialsMissing,
    /// An `Authorization` header of another scheme, such as `Basic`.
    UnsupportedScheme,
    /// A bearer token other than the configured one.
    TokenInvalid,
    /// A URL the API does not have, such as the list path without its trailing slash.
    NotFound,
    /// A status forced with `--fail-status` or `status-<code>`.
    Forced(StatusCode),
    /// The first request of a `flaky-<key>` scenario: the proxy had no upstream yet.
    Flaky,
    /// A `/scenario/{spec}/...` URL whose spec does not parse.
    BadScenario(String),
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        match self {
            Failure::InvalidPage => detail(StatusCode::NOT_FOUND, "Invalid page."),
            Failure::CredentialsMissing => {
                detail(StatusCode::FORBIDDEN, "Authentication credentials were not provided.")
            }
            Failure::UnsupportedScheme => {
                detail(StatusCode::FORBIDDEN, "Unsupported authentication type")
            }
            Failure::TokenInvalid => detail(StatusCode::FORBIDDEN, "Token invalid/expired"),
            Failure::NotFound => django_not_found(),
            Failure::Forced(status) => forced(status),
            Failure::Flaky => proxy_error(StatusCode::SERVICE_UNAVAILABLE),
            Failure::BadScenario(message) => (
                StatusCode::BAD_REQUEST,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                message,
            )
                .into_response(),
        }
    }
}

/// The body a healthy stack would send with `status`, picked by who produces that status.
fn forced(status: StatusCode) -> Response {
    match status.as_u16() {
        400 => {
            let body = json!({ "non_field_errors": ["Invalid input."], "code": "invalid" });
            (status, Json(body)).into_response()
        }
        403 => detail(status, "You do not have permission to perform this action."),
        404 => detail(status, "Not found."),
        429 => detail(status, "Request was throttled. Expected available in 3 seconds."),
        500 => django_server_error(),
        502..=504 => proxy_error(status),
        _ => detail(status, status.canonical_reason().unwrap_or("Error.")),
    }
}

/// DRF's error body.
fn detail(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "detail": message }))).into_response()
}

/// What Django renders for an unhandled exception when `DEBUG` is off.
fn django_server_error() -> Response {
    let page = "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Server Error (500)</title>\n\
                </head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n";
    (StatusCode::INTERNAL_SERVER_ERROR, Html(page)).into_response()
}

/// What Django renders for a URL no route matches when `DEBUG` is off.
fn django_not_found() -> Response {
    let page = "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n</head>\n\
                <body>\n  <h1>Not Found</h1><p>The requested resource was not found on this \
                server.</p>\n</body>\n</html>\n";
    (StatusCode::NOT_FOUND, Html(page)).into_response()
}

/// nginx's built-in error page, as a reverse proxy in front of authentik sends it.
fn proxy_error(status: StatusCode) -> Response {
    // nginx's own wording, which differs from the IANA reason phrases for 503 and 504.
    let reason = match status.as_u16() {
        502 => "Bad Gateway",
        503 => "Service Temporarily Unavailable",
        504 => "Gateway Time-out",
        _ => status.canonical_reason().unwrap_or("Error"),
    };
    let code = status.as_u16();
    let page = format!(
        "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n\
         <center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n\
         </body>\r\n</html>\r\n"
    );
    let mut response = (status, Html(page)).into_response();
    response.headers_mut().insert(header::SERVER, header::HeaderValue::from_static("nginx"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::to_bytes;

    async fn parts(failure: Failure) -> (StatusCode, String, String) {
        let response = failure.into_response();
        let status = response.status();
        let content_type = response.headers()[header::CONTENT_TYPE].to_str().unwrap().to_owned();
        let body = to_bytes(response.into_body(), 64 * 1024).await.unwrap();
        (status, content_type, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn forced_statuses_carry_the_body_their_producer_sends() {
        let (status, kind, body) = parts(Failure::Forced(StatusCode::BAD_REQUEST)).await;
        assert_eq!((status.as_u16(), kind.as_str()), (400, "application/json"));
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body, json!({ "non_field_errors": ["Invalid input."], "code": "invalid" }));

        let (_, _, body) = parts(Failure::Forced(StatusCode::TOO_MANY_REQUESTS)).await;
        assert!(body.contains("Request was throttled. Expected available in 3 seconds."));

        let (status, kind, body) = parts(Failure::Forced(StatusCode::INTERNAL_SERVER_ERROR)).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(kind.starts_with("text/html") && body.contains("Server Error (500)"));

        let (_, kind, body) = parts(Failure::Forced(StatusCode::GATEWAY_TIMEOUT)).await;
        assert!(kind.starts_with("text/html") && body.contains("504 Gateway Time-out"));

        let (_, kind, body) = parts(Failure::Forced(StatusCode::IM_A_TEAPOT)).await;
        assert_eq!(
            (kind.as_str(), body.as_str()),
            ("application/json", r#"{"detail":"I'm a teapot"}"#)
        );
    }

    #[tokio::test]
    async fn the_flaky_answer_is_the_proxys_503() {
        let (status, kind, body) = parts(Failure::Flaky).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(kind.starts_with("text/html"));
        assert!(body.contains("503 Service Temporarily Unavailable") && body.contains("nginx"));
    }
}
