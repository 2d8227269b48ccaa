//! The HTTP side: routes, authentication, forced failures, the request log, CORS and the page's
//! static files.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use tower_http::cors::{AllowHeaders, Any, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};

use crate::data::{demo_stages, Stage};
use crate::failure::Failure;
use crate::query::{self, ListQuery};
use crate::scenario::{redact_path, Behaviour, Scenario};
use crate::wire::StageList;

/// The path authentik serves the list on. The trailing slash is part of it.
pub const LIST_PATH: &str = "/api/v3/stages/captcha/";

/// How the server is set up from the command line.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub behaviour: Behaviour,
    /// A built copy of the admin page to serve at `/`.
    pub dist: Option<PathBuf>,
    /// Send permissive CORS headers, which real authentik never does.
    pub cors: bool,
}

struct AppState {
    base: Behaviour,
    /// The demo stages for `base`; scenarios with fewer use a prefix, as the data set is
    /// deterministic.
    stages: Vec<Stage>,
    /// Keys of `flaky-<key>` scenarios that have already failed once.
    flaky_seen: Mutex<HashSet<String>>,
}

type SharedState = Arc<AppState>;

/// The whole application, ready to serve.
pub fn router(settings: Settings) -> Router {
    let state = Arc::new(AppState {
        stages: demo_stages(settings.behaviour.stages),
        base: settings.behaviour,
        flaky_seen: Mutex::new(HashSet::new()),
    });
    let api = Router::new()
        .route(LIST_PATH, get(list_stages))
        .route("/scenario/{spec}/api/v3/stages/captcha/", get(list_scenario_stages))
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .route("/scenario", any(not_found))
        .route("/scenario/{spec}", any(not_found))
        .route("/scenario/{spec}/{*rest}", any(not_found))
        .layer(middleware::from_fn(log_request))
        .with_state(state);
    let site = match settings.dist {
        Some(dist) => {
            // Any other path is one of the page's own routes, so it gets the page.
            let page = ServeFile::new(dist.join("index.html"));
            api.fallback_service(ServeDir::new(dist).fallback(page))
        }
        None => api.route("/", get(about)),
    };
    if settings.cors {
        site.layer(cors())
    } else {
        site
    }
}

/// What a browser needs to call the API from another origin with a bearer token.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD, Method::OPTIONS])
        // A wildcard would not cover `Authorization`; echoing the preflight's list does.
        .allow_headers(AllowHeaders::mirror_request())
}

async fn list_stages(
    State(state): State<SharedState>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Response {
    answer(&state, &state.base, &headers, params).await.unwrap_or_else(IntoResponse::into_response)
}

async fn list_scenario_stages(
    State(state): State<SharedState>,
    Path(spec): Path<String>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Response {
    let behaviour = match spec.parse::<Scenario>() {
        Ok(scenario) => scenario.apply(&state.base),
        Err(message) => return Failure::BadScenario(message).into_response(),
    };
    answer(&state, &behaviour, &headers, params).await.unwrap_or_else(IntoResponse::into_response)
}

/// The list, or the failure `behaviour` calls for, in the order a real stack produces them:
/// the network's delay, the proxy's outage, the server's own errors, then authentication.
async fn answer(
    state: &AppState,
    behaviour: &Behaviour,
    headers: &HeaderMap,
    params: Vec<(String, String)>,
) -> Result<Response, Failure> {
    if !behaviour.latency.is_zero() {
        tokio::time::sleep(behaviour.latency).await;
    }
    if let Some(key) = &behaviour.flaky_key {
        if state.first_sighting(key) {
            return Err(Failure::Flaky);
        }
    }
    if let Some(status) = behaviour.fail_status {
        return Err(Failure::Forced(status));
    }
    authenticate(headers, behaviour.token.as_deref())?;

    let generated;
    let stages = match state.stages.get(..behaviour.stages) {
        Some(prefix) => prefix,
        None => {
            generated = demo_stages(behaviour.stages);
            &generated[..]
        }
    };
    let query = ListQuery::from_pairs(params);
    let page = query::list(stages, &query, behaviour.shape).map_err(|_| Failure::InvalidPage)?;
    Ok(Json(StageList::new(&page, behaviour.shape)).into_response())
}

impl AppState {
    /// Whether this is the first request with `key`; remembers it either way.
    fn first_sighting(&self, key: &str) -> bool {
        // A panic elsewhere cannot leave the set half-updated, so a poisoned lock is still good.
        let mut seen = self.flaky_seen.lock().unwrap_or_else(PoisonError::into_inner);
        seen.insert(key.to_owned())
    }
}

/// Checks the `Authorization` header the way authentik's token authentication does.
fn authenticate(headers: &HeaderMap, expected: Option<&str>) -> Result<(), Failure> {
    let Some(expected) = expected else {
        return Ok(());
    };
    // A header that is not text is as good as none.
    let value = headers.get(header::AUTHORIZATION).and_then(|value| value.to_str().ok());
    let value = value.unwrap_or("").trim();
    let Some((scheme, token)) = value.split_once(' ') else {
        return Err(Failure::CredentialsMissing);
    };
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(Failure::UnsupportedScheme);
    }
    if token == expected {
        Ok(())
    } else {
        Err(Failure::TokenInvalid)
    }
}

async fn not_found() -> Failure {
    Failure::NotFound
}

async fn about() -> &'static str {
    "standin: a local stand-in for authentik's captcha stage list.\n\
     The list: /api/v3/stages/captcha/ (and /scenario/<spec>/api/v3/stages/captcha/).\n\
     Start with --dist <DIR> to serve the admin page here as well.\n"
}

/// One line per API request on stderr, for whoever watches a test run: method, path with query
/// (tokens in scenario paths hidden), status and time taken.
async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let uri = request.uri();
    let target = match uri.query() {
        Some(query) => format!("{}?{query}", redact_path(uri.path())),
        None => redact_path(uri.path()),
    };
    let response = next.run(request).await;
    let elapsed = started.elapsed();
    eprintln!("{method} {target} {} {}ms", response.status().as_u16(), elapsed.as_millis());
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::{to_bytes, Body};
    use axum::http::{HeaderValue, Request, StatusCode};
    use serde_json::{json, Value};
    use std::time::Duration;
    use tower::ServiceExt;

    use crate::shape::Shape;

    async fn send(app: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
        let response = app.clone().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        let body = to_bytes(body, 1 << 20).await.unwrap();
        (parts.status, parts.headers, String::from_utf8(body.to_vec()).unwrap())
    }

    async fn get(app: &Router, uri: &str) -> (StatusCode, HeaderMap, String) {
        send(app, Request::get(uri).body(Body::empty()).unwrap()).await
    }

    async fn get_with_auth(app: &Router, uri: &str, auth: &str) -> (StatusCode, String) {
        let request = Request::get(uri).header("authorization", auth).body(Body::empty()).unwrap();
        let (status, _, body) = send(app, request).await;
        (status, body)
    }

    fn json_body(body: &str) -> Value {
        serde_json::from_str(body).unwrap()
    }

    fn app() -> Router {
        router(Settings::default())
    }

    #[tokio::test]
    async fn the_list_answers_json_with_the_reference_shape() {
        let (status, headers, body) =
            get(&app(), "/api/v3/stages/captcha/?page_size=20&page=2").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "application/json");
        let body = json_body(&body);
        assert_eq!(body["pagination"]["start_index"], 21);
        assert_eq!(body["results"].as_array().unwrap().len(), 20);
        assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
    }

    #[tokio::test]
    async fn the_trailing_slash_is_required() {
        let (status, headers, body) = get(&app(), "/api/v3/stages/captcha").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        assert!(body.contains("Not Found"));
        let (status, _, _) = get(&app(), "/scenario/empty/api/v3/stages/captcha").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    #[tokio::test]
    async fn an_invalid_page_is_a_404_with_detail() {
        for page in ["0", "last2", "1.5", "4"] {
            let uri = format!("/api/v3/stages/captcha/?page_size=20&page={page}");
            let (status, _, body) = get(&app(), &uri).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "page={page}");
            assert_eq!(json_body(&body), json!({ "detail": "Invalid page." }));
        }
    }

    #[tokio::test]
    async fn the_token_is_checked_like_authentik_does() {
        let behaviour = Behaviour { token: Some("s3cret".into()), ..Behaviour::default() };
        let app = router(Settings { behaviour, ..Settings::default() });

        let (status, _, body) = get(&app, LIST_PATH).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(
            json_body(&body),
            json!({ "detail": "Authentication credentials were not provided." })
        );

        let (status, body) = get_with_auth(&app, LIST_PATH, "Bearer wrong").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(json_body(&body), json!({ "detail": "Token invalid/expired" }));

        let (status, body) = get_with_auth(&app, LIST_PATH, "Basic czNjcmV0").await;
        assert_eq!(
            (status, json_body(&body)["detail"].as_str()),
            (StatusCode::FORBIDDEN, Some("Unsupported authentication type"))
        );

        let (status, _) = get_with_auth(&app, LIST_PATH, "Bearer s3cret").await;
        assert_eq!(status, StatusCode::OK);
    }

    #[tokio::test]
    async fn a_scenario_token_guards_only_its_own_requests() {
        let uri = "/scenario/token-abc/api/v3/stages/captcha/";
        let (status, _, _) = get(&app(), uri).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = get_with_auth(&app(), uri, "Bearer abc").await;
        assert_eq!(status, StatusCode::OK);
        let (status, _, _) = get(&app(), LIST_PATH).await;
        assert_eq!(status, StatusCode::OK);
    }

    #[tokio::test]
    async fn a_flaky_key_fails_only_its_first_request() {
        let app = app();
        let uri = "/scenario/flaky-once/api/v3/stages/captcha/";
        let (status, headers, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        assert!(body.contains("503"));
        for _ in 0..2 {
            let (status, _, _) = get(&app, uri).await;
            assert_eq!(status, StatusCode::OK);
        }
        // Another key has its own first request.
        let (status, _, _) = get(&app, "/scenario/flaky-other/api/v3/stages/captcha/").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    }

    #[tokio::test]
    async fn scenarios_combine_their_parts() {
        let uri = "/scenario/empty+shape-2025.10/api/v3/stages/captcha/?page=1";
        let (status, _, body) = get(&app(), uri).await;
        assert_eq!(status, StatusCode::OK);
        let body = json_body(&body);
        assert_eq!(
            body["pagination"],
            json!({
                "next": 0, "previous": 0, "count": 0, "current": 1,
                "total_pages": 1, "start_index": 0, "end_index": 0
            })
        );
        assert_eq!(body["autocomplete"], json!({}));

        let uri = "/scenario/stages-250+shape-2026.5/api/v3/stages/captcha/?page=last";
        let body = json_body(&get(&app(), uri).await.2);
        assert_eq!(
            (body["pagination"]["current"].as_u64(), body["pagination"]["count"].as_u64()),
            (Some(13), Some(250))
        );

        let (status, _, body) = get(&app(), "/scenario/status-429/api/v3/stages/captcha/").await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert!(body.contains("throttled"));
    }

    #[tokio::test]
    async fn an_unknown_scenario_part_is_a_plain_text_400() {
        let (status, headers, body) =
            get(&app(), "/scenario/empty+nope/api/v3/stages/captcha/").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain"));
        assert!(body.contains("`nope`"), "{body}");
    }

    #[tokio::test]
    async fn latency_delays_the_answer() {
        let app = router(Settings {
            behaviour: Behaviour { latency: Duration::from_millis(120), ..Behaviour::default() },
            ..Settings::default()
        });
        let started = Instant::now();
        let (status, _, _) = get(&app, LIST_PATH).await;
        assert_eq!(status, StatusCode::OK);
        assert!(started.elapsed() >= Duration::from_millis(120));
    }

    #[tokio::test]
    async fn cors_headers_only_with_the_flag() {
        let app = router(Settings { cors: true, ..Settings::default() });
        let preflight = Request::builder()
            .method(Method::OPTIONS)
            .uri("/scenario/slow-1/api/v3/stages/captcha/")
            .header("origin", "http://127.0.0.1:9999")
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "authorization")
            .body(Body::empty())
            .unwrap();
        let (status, headers, _) = send(&app, preflight).await;
        assert!(status.is_success());
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_HEADERS], "authorization");

        // Error answers carry the header too, or the page could not read their detail.
        let request = Request::get("/api/v3/stages/captcha/?page=9")
            .header("origin", HeaderValue::from_static("http://127.0.0.1:9999"))
            .body(Body::empty())
            .unwrap();
        let (status, headers, _) = send(&app, request).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    }

    #[tokio::test]
    async fn without_dist_the_root_is_a_note_and_with_it_the_page() {
        let (status, _, body) = get(&app(), "/").await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("--dist"));

        let dist = std::env::temp_dir().join(format!("standin-dist-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), "<p>the page</p>").unwrap();
        std::fs::write(dist.join("app.js"), "console.log(1)").unwrap();
        let app = router(Settings { dist: Some(dist.clone()), ..Settings::default() });
        assert_eq!(get(&app, "/").await.2, "<p>the page</p>");
        assert_eq!(get(&app, "/app.js").await.2, "console.log(1)");
        let (status, _, body) = get(&app, "/stages?page=2").await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "<p>the page</p>"));
        // The API's unknown paths stay 404s rather than becoming the page.
        assert_eq!(get(&app, "/api/v3/stages/captcha").await.0, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, LIST_PATH).await.0, StatusCode::OK);
        std::fs::remove_dir_all(dist).unwrap();
    }

    #[tokio::test]
    async fn shapes_are_chosen_by_the_command_line() {
        let behaviour = Behaviour { shape: Shape::V2026_5, ..Behaviour::default() };
        let app = router(Settings { behaviour, ..Settings::default() });
        let body = json_body(&get(&app, LIST_PATH).await.2);
        assert_eq!(body["pagination"]["total_pages"], 3);
        assert!(body["results"][0]["flow_set"].is_array());
    }
}
