//! The HTTP side: routes, authentication, forced failures, the request log, CORS and the page's
//! static files.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use tower::{service_fn, ServiceBuilder, ServiceExt};
use tower_http::cors::{AllowHeaders, Any, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::canned;
use crate::data::{demo_stages, Stage};
use crate::failure::Failure;
use crate::query::{self, ListQuery};
use crate::scenario::{redact_path, refuses_cors, Behaviour, Scenario, HANG};
use crate::wire::StageList;

/// The path authentik serves the list on. The trailing slash is part of it.
pub const LIST_PATH: &str = "/api/v3/stages/captcha/";

/// The policy `--csp` puts on the page: nothing inline, nothing from elsewhere, and WebAssembly
/// compiled only from the page's own module.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
     script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

/// How the server is set up from the command line.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub behaviour: Behaviour,
    /// A built copy of the admin page to serve at `/`.
    pub dist: Option<PathBuf>,
    /// Send permissive CORS headers, which real authentik never does.
    pub cors: bool,
    /// Send [`CONTENT_SECURITY_POLICY`] with the page's files.
    pub csp: bool,
}

struct AppState {
    base: Behaviour,
    /// The demo stages for `base`; scenarios with fewer use a prefix, as the data set is
    /// deterministic.
    stages: Vec<Stage>,
    /// Keys of `flaky-<key>` scenarios that have already failed once.
    flaky_seen: Mutex<HashSet<String>>,
    /// How many list requests each scenario spec has had (`stagger`, `shrink` and
    /// `/scenario/<spec>/requests` read it).
    stagger_counts: Mutex<HashMap<String, u64>>,
}

type SharedState = Arc<AppState>;

/// The whole application, ready to serve.
pub fn router(settings: Settings) -> Router {
    let state = Arc::new(AppState {
        stages: demo_stages(settings.behaviour.stages),
        base: settings.behaviour,
        flaky_seen: Mutex::new(HashSet::new()),
        stagger_counts: Mutex::new(HashMap::new()),
    });
    let api = Router::new()
        .route(LIST_PATH, get(list_stages))
        .route("/scenario/{spec}/api/v3/stages/captcha/", get(list_scenario_stages))
        .route("/scenario/{spec}/requests", get(scenario_request_count))
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
            // `nosniff` makes the browser trust the content types (`application/wasm`,
            // `text/javascript`) as sent, which is how a production server should serve them.
            let nosniff = HeaderValue::from_static("nosniff");
            let policy = HeaderValue::from_static(CONTENT_SECURITY_POLICY);
            let files = ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, nosniff))
                .option_layer(settings.csp.then(|| {
                    SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, policy)
                }))
                .service(ServeDir::new(dist).fallback(page));
            api.fallback_service(files)
        }
        None => api.route("/", get(about)),
    };
    if settings.cors {
        with_cors(site)
    } else {
        site
    }
}

/// `site` with CORS headers on every answer except those under a `nocors` scenario. Those never
/// meet the CORS layer, so their preflights reach the routes and get no CORS headers either.
fn with_cors(site: Router) -> Router {
    let cors_site = site.clone().layer(cors());
    Router::new().fallback_service(service_fn(move |request: Request| {
        let service = if refuses_cors(request.uri().path()) { &site } else { &cors_site };
        service.clone().oneshot(request)
    }))
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
    let mut behaviour = match spec.parse::<Scenario>() {
        Ok(scenario) => scenario.apply(&state.base),
        Err(message) => return Failure::BadScenario(message).into_response(),
    };
    let arrival = state.arrival_number(&spec);
    if let Some(ms) = behaviour.stagger_ms {
        behaviour.latency += Duration::from_millis(ms / (arrival + 1));
    }
    if behaviour.shrink_after.is_some_and(|after| arrival >= after) {
        behaviour.stages /= 2;
    }
    answer(&state, &behaviour, &headers, params).await.unwrap_or_else(IntoResponse::into_response)
}

/// How many list requests `spec` has had, as a JSON number: lets a test check that the page
/// sends few requests (e.g. while typing a search).
async fn scenario_request_count(
    State(state): State<SharedState>,
    Path(spec): Path<String>,
) -> Json<u64> {
    let counts = state.stagger_counts.lock().unwrap_or_else(PoisonError::into_inner);
    Json(counts.get(&spec).copied().unwrap_or(0))
}

/// The list, or the failure or odd body `behaviour` calls for, in the order a real stack produces
/// them: the network's delay, the proxy's outage, the server's own errors, authentication, and
/// only then the body.
async fn answer(
    state: &AppState,
    behaviour: &Behaviour,
    headers: &HeaderMap,
    params: Vec<(String, String)>,
) -> Result<Response, Failure> {
    if behaviour.hang {
        tokio::time::sleep(HANG).await;
        return Err(Failure::Forced(StatusCode::GATEWAY_TIMEOUT));
    }
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
    if let Some(kind) = behaviour.body {
        return Ok(canned::response(kind, behaviour.shape));
    }

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

    /// How many requests with `spec` came before this one; counts this one either way.
    fn arrival_number(&self, spec: &str) -> u64 {
        let mut counts = self.stagger_counts.lock().unwrap_or_else(PoisonError::into_inner);
        let count = counts.entry(spec.to_owned()).or_insert(0);
        *count += 1;
        *count - 1
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

    /// A fresh directory for one test's files; the name cannot collide with another run's.
    fn scratch_dir(label: &str) -> PathBuf {
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let dir =
            std::env::temp_dir().join(format!("standin-{label}-{}-{nanos}", std::process::id()));
        std::fs::create_dir(&dir).unwrap();
        dir
    }

    fn preflight(uri: &str) -> Request<Body> {
        Request::builder()
            .method(Method::OPTIONS)
            .uri(uri)
            .header("origin", "http://127.0.0.1:9999")
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "authorization")
            .body(Body::empty())
            .unwrap()
    }

    fn cors_headers(headers: &HeaderMap) -> Vec<&str> {
        let names = headers.keys().map(|name| name.as_str());
        names.filter(|name| name.starts_with("access-control-")).collect()
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
    async fn shrink_halves_the_stages_after_n_requests_and_requests_are_counted() {
        let app = app();
        let uri = "/scenario/shrink-2+label-a/api/v3/stages/captcha/?page=3&page_size=20";
        for _ in 0..2 {
            let (status, _, body) = get(&app, uri).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(json_body(&body)["pagination"]["count"], 60);
        }
        let (status, _, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "page 3 of 30 stages is gone");
        assert_eq!(json_body(&body), json!({"detail": "Invalid page."}));
        let (_, _, count) = get(&app, "/scenario/shrink-2+label-a/requests").await;
        assert_eq!(count, "3");
        let (_, _, count) = get(&app, "/scenario/label-unused/requests").await;
        assert_eq!(count, "0");
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
        let request = preflight("/scenario/slow-1/api/v3/stages/captcha/");
        let (status, headers, _) = send(&app, request).await;
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

        let dist = scratch_dir("dist");
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

    /// A browser test types "a", then "ab"; the answer for "a" must not replace the one for "ab".
    /// `stagger` makes the older request the slower one, whatever the query says.
    #[tokio::test(start_paused = true)]
    async fn stagger_answers_older_requests_later() {
        let app = app();
        let started = tokio::time::Instant::now();
        let spawn_get = |uri: &'static str| {
            let app = app.clone();
            tokio::spawn(async move {
                let (status, _, _) = get(&app, uri).await;
                (status, started.elapsed())
            })
        };
        let older = spawn_get("/scenario/stagger-900/api/v3/stages/captcha/?search=a");
        tokio::task::yield_now().await;
        let newer = spawn_get("/scenario/stagger-900/api/v3/stages/captcha/?search=ab");
        tokio::task::yield_now().await;
        let newest = spawn_get("/scenario/stagger-900/api/v3/stages/captcha/?search=abc");
        let (older, newer, newest) =
            (older.await.unwrap(), newer.await.unwrap(), newest.await.unwrap());
        assert_eq!(older, (StatusCode::OK, Duration::from_millis(900)));
        assert_eq!(newer, (StatusCode::OK, Duration::from_millis(450)));
        assert_eq!(newest, (StatusCode::OK, Duration::from_millis(300)));

        // Each spec string counts on its own; a label starts a fresh count, slow adds on top.
        let started = tokio::time::Instant::now();
        get(&app, "/scenario/stagger-900-run2+slow-100/api/v3/stages/captcha/").await;
        assert_eq!(started.elapsed(), Duration::from_millis(1000));
        let started = tokio::time::Instant::now();
        get(&app, "/scenario/stagger-900/api/v3/stages/captcha/").await;
        assert_eq!(started.elapsed(), Duration::from_millis(225));
    }

    #[tokio::test(start_paused = true)]
    async fn hang_never_answers_within_any_test() {
        let app = app();
        let uri = "/scenario/hang/api/v3/stages/captcha/";
        let waited = tokio::time::timeout(Duration::from_secs(59 * 60), get(&app, uri)).await;
        assert!(waited.is_err(), "a hanging request answered");
        // Only after an hour does the server give up, as the proxy in front would.
        let (status, _, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::GATEWAY_TIMEOUT);
        assert!(body.contains("504 Gateway Time-out"));
    }

    #[tokio::test]
    async fn nocors_answers_carry_no_cors_headers_even_with_the_flag() {
        let app = router(Settings { cors: true, ..Settings::default() });
        let uri = "/scenario/empty+nocors/api/v3/stages/captcha/";
        let (status, headers, _) = send(&app, preflight(uri)).await;
        assert!(cors_headers(&headers).is_empty(), "{headers:?}");
        // Like an authentik that does not know CORS, the route itself answers the OPTIONS.
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);

        let request = Request::get(uri).header("origin", "http://127.0.0.1:9999");
        let (status, headers, body) = send(&app, request.body(Body::empty()).unwrap()).await;
        assert_eq!(
            (status, json_body(&body)["pagination"]["count"].as_u64()),
            (StatusCode::OK, Some(0))
        );
        assert!(cors_headers(&headers).is_empty(), "{headers:?}");

        // Other scenarios on the same server keep theirs.
        let (_, headers, _) = send(&app, preflight("/scenario/empty/api/v3/stages/captcha/")).await;
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    }

    #[tokio::test]
    async fn an_odd_body_comes_after_delays_failures_and_the_token() {
        let uri = "/scenario/body-wrongtype+token-t+slow-20/api/v3/stages/captcha/?page=99";
        let started = Instant::now();
        let (status, _, _) = get(&app(), uri).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(started.elapsed() >= Duration::from_millis(20));
        let (status, body) = get_with_auth(&app(), uri, "Bearer t").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(json_body(&body)["results"][1]["name"], 42);

        let uri = "/scenario/body-markup+status-502/api/v3/stages/captcha/";
        assert_eq!(get(&app(), uri).await.0, StatusCode::BAD_GATEWAY);

        let (status, headers, body) =
            get(&app(), "/scenario/body-notjson/api/v3/stages/captcha/").await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        assert!(body.contains("authentik"));

        let uri = "/scenario/body-overfull+shape-2026.5/api/v3/stages/captcha/";
        let body = json_body(&get(&app(), uri).await.2);
        assert_eq!(body["results"].as_array().unwrap().len(), 30);
        assert!(body["results"][0].get("interactive").is_some());
    }

    #[tokio::test]
    async fn static_files_declare_their_type_and_with_csp_the_policy() {
        let dist = scratch_dir("csp");
        std::fs::write(dist.join("index.html"), "<p>the page</p>").unwrap();
        std::fs::write(dist.join("app.js"), "console.log(1)").unwrap();
        std::fs::write(dist.join("app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(dist.join("style.css"), "p {}").unwrap();
        let with_csp =
            router(Settings { dist: Some(dist.clone()), csp: true, ..Settings::default() });
        let without = router(Settings { dist: Some(dist.clone()), ..Settings::default() });

        let expected_types = [
            ("/", "text/html"),
            ("/app.js", "text/javascript"),
            ("/app_bg.wasm", "application/wasm"),
            ("/style.css", "text/css"),
            ("/stages?page=2", "text/html"),
        ];
        for (uri, content_type) in expected_types {
            let (status, headers, _) = get(&with_csp, uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with(content_type));
            assert_eq!(headers[header::CONTENT_SECURITY_POLICY], CONTENT_SECURITY_POLICY, "{uri}");
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");

            let (_, headers, _) = get(&without, uri).await;
            assert!(headers.get(header::CONTENT_SECURITY_POLICY).is_none(), "{uri}");
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        }
        assert_eq!(
            CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
             connect-src 'self'"
        );
        // The API is not the page; its answers go without.
        let (_, headers, _) = get(&with_csp, LIST_PATH).await;
        assert!(headers.get(header::CONTENT_SECURITY_POLICY).is_none());
        std::fs::remove_dir_all(dist).unwrap();
    }
}
