//! The one error type of the API layer, and the one place that turns it into
//! words for an administrator.

use std::fmt;

/// Why a list request produced no page of stages.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request never got an HTTP answer: offline, DNS, connection
    /// refused, or a CORS refusal (the browser hides which).
    Network { reason: String },
    /// The server answered with a non-2xx status. `message` is the server's
    /// own `detail` or `non_field_errors` when the body carried one.
    Status { status: u16, message: Option<String> },
    /// The body could not be read as JSON at all (an HTML error page from a
    /// proxy, an empty body, a truncated response).
    NotJson { status: u16, reason: String },
    /// JSON, but not the shape of a stage list; `path` names the field.
    Shape { path: String, reason: String },
    /// No answer arrived in time; the request was cancelled.
    Timeout { seconds: u32 },
    /// The request was cancelled because a newer one replaced it. Never
    /// shown to people.
    Aborted,
}

impl ApiError {
    /// The sentence the error region shows. `has_token` lets a 403 explain
    /// how to authenticate when no token is configured.
    pub fn message(&self, has_token: bool) -> String {
        match self {
            Self::Network { .. } => "Could not reach the authentik server. Check the \
                connection; a page served from another origin needs a same-origin \
                proxy, because authentik sends no CORS headers."
                .to_owned(),
            Self::Status { status: 403, message } => {
                let detail = message.clone().unwrap_or_else(|| "Access denied.".to_owned());
                if has_token {
                    format!("{detail} (HTTP 403)")
                } else {
                    format!(
                        "{detail} (HTTP 403) Sign in to authentik in this browser, or \
                         enter an API token under \u{201c}API token\u{201d}."
                    )
                }
            }
            Self::Status { status, message: Some(message) } => {
                format!("{message} (HTTP {status})")
            }
            Self::Status { status, message: None } => status_sentence(*status),
            Self::NotJson { status, .. } if !(200..300).contains(status) => {
                status_sentence(*status)
            }
            Self::NotJson { reason, .. } => {
                format!("The server's answer is not valid JSON ({reason}).")
            }
            Self::Shape { path, reason } => {
                format!("The server's answer has an unexpected shape at `{path}`: {reason}.")
            }
            Self::Timeout { seconds } => {
                let unit = if *seconds == 1 { "second" } else { "seconds" };
                format!(
                    "The server did not answer within {seconds} {unit}. It may be overloaded, \
                     or a proxy may be holding the request."
                )
            }
            Self::Aborted => "The request was cancelled.".to_owned(),
        }
    }
}

impl ApiError {
    /// authentik's 404 for a page number past the end, which happens when
    /// stages are deleted while an admin pages through them.
    pub fn is_invalid_page(&self) -> bool {
        matches!(self, Self::Status { status: 404, message: Some(m) } if m == "Invalid page.")
    }
}

impl fmt::Display for ApiError {
    /// For logs: says what happened without any token or body.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Network { reason } => write!(f, "network error: {reason}"),
            Self::Status { status, .. } => write!(f, "HTTP {status}"),
            Self::NotJson { status, reason } => write!(f, "HTTP {status}, body not JSON: {reason}"),
            Self::Shape { path, reason } => write!(f, "unexpected shape at {path}: {reason}"),
            Self::Timeout { seconds } => write!(f, "no answer within {seconds} s"),
            Self::Aborted => f.write_str("aborted"),
        }
    }
}

impl std::error::Error for ApiError {}

/// "The server answered HTTP 502 Bad Gateway.", with the reason phrase for
/// the statuses an admin is likely to meet.
fn status_sentence(status: u16) -> String {
    let phrase = match status {
        400 => " Bad Request",
        401 => " Unauthorized",
        403 => " Forbidden",
        404 => " Not Found",
        429 => " Too Many Requests",
        500 => " Internal Server Error",
        502 => " Bad Gateway",
        503 => " Service Unavailable",
        504 => " Gateway Timeout",
        _ => "",
    };
    format!("The server answered HTTP {status}{phrase}.")
}
