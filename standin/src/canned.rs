//! Odd and hostile bodies a 200 can carry, for `body-<kind>` scenarios.
//!
//! A page that only ever meets well-formed lists breaks the first time a proxy serves a login
//! page, a connection drops mid-body, a release changes a field's type or an admin pastes markup
//! into a stage name. Each kind below is one such case:
//!
//! - `notjson`: an HTML page (authentik's own interface, as a misrouted proxy serves it), as
//!   `text/html`.
//! - `truncated`: the real JSON of page 1 (20 rows of 60) cut in the middle.
//! - `empty`: no body at all, labelled `application/json`.
//! - `array`: a bare JSON array of three stages, without the `pagination`/`results` envelope.
//! - `wrongshape`: `{"items": [...three stages...], "total": 3}`.
//! - `wrongtype`: a page of three stages where `results[1].name` is the number 42.
//! - `badpagination`: three valid stages, but `pagination.count` is -5 and `pagination.next` the
//!   string `"2"`.
//! - `nopagination`: three valid stages and no `pagination` key.
//! - `overfull`: 30 rows although the page holds 10 (count 30, start 1, end 10, 3 pages).
//! - `countsmall`: 5 rows although `pagination.count` is 2 (start 1, end 2).
//! - `beyond`: 5 rows on page 9 of 3 (count 15, start 41, end 45).
//! - `huge`: 1,000 stages on one page.
//! - `longnames`: three stages with names of 100,000 characters (words with spaces; umlaut words
//!   joined by dashes; one unbroken word), one of them with a 100 KiB public key.
//! - `markup`: four stages whose names, keys, verbose names and flow names, titles and slugs are
//!   markup that sets `window.__xss` if rendered as HTML; flows whose `export_url` is a
//!   `javascript:`, `data:` or protocol-relative URL and whose background is `javascript:`; one
//!   stage whose `js_url` is `javascript:alert(1)`.
//! - `futureenums`: three valid stages whose flows carry enum values no release has yet
//!   (designation `passwordless`, policy engine mode `majority`, denied action `redirect`) and
//!   layout `sidebar_left_frame_background` whatever the shape, plus unknown fields at every
//!   level.
//!
//! Every body is the same on every request: it ignores the query string, `empty` and
//! `stages-<n>`, and follows only `shape-<version>` (which fields a stage and flow carry). Apart
//! from what a kind breaks on purpose, each `pagination` agrees with its rows.

use std::fmt;
use std::str::FromStr;

use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use serde_json::{json, Value};

use crate::data::{demo_stages, Stage};
use crate::query::{paginate, parse_ordering, sort_stages, Pagination};
use crate::shape::Shape;
use crate::wire::{FlowBody, StageBody};

/// Which odd body to send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    NotJson,
    Truncated,
    Empty,
    Array,
    WrongShape,
    WrongType,
    BadPagination,
    NoPagination,
    Overfull,
    CountSmall,
    Beyond,
    Huge,
    LongNames,
    Markup,
    FutureEnums,
}

/// Markup that sets `window.__xss` when a page renders it as HTML, one payload per way in:
/// an element with a handler, a script, breaking out of an attribute, and a quoted handler.
pub const MARKUP: [&str; 4] = [
    r#"<img src=x onerror="window.__xss=1">"#,
    "<script>window.__xss=2</script>",
    r#""><svg onload=window.__xss=3>"#,
    "' onmouseover='window.__xss=4",
];

/// Links that run code or leave the site when a page puts them into an `href` unchecked.
pub const HOSTILE_URLS: [&str; 3] = [
    "javascript:window.__xss=5",
    "data:text/html,<script>window.__xss=6</script>",
    "//evil.example/x",
];

/// The length of each `longnames` name, in characters.
pub const LONG_NAME_CHARS: usize = 100_000;

/// The length of the `longnames` public key: 100 KiB of ASCII.
pub const LONG_KEY_CHARS: usize = 100 * 1024;

/// Rows of the server a canned body pretends to be; `huge` has its own, larger one.
const SERVER_STAGES: usize = 60;

impl BodyKind {
    pub const ALL: [BodyKind; 15] = [
        BodyKind::NotJson,
        BodyKind::Truncated,
        BodyKind::Empty,
        BodyKind::Array,
        BodyKind::WrongShape,
        BodyKind::WrongType,
        BodyKind::BadPagination,
        BodyKind::NoPagination,
        BodyKind::Overfull,
        BodyKind::CountSmall,
        BodyKind::Beyond,
        BodyKind::Huge,
        BodyKind::LongNames,
        BodyKind::Markup,
        BodyKind::FutureEnums,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BodyKind::NotJson => "notjson",
            BodyKind::Truncated => "truncated",
            BodyKind::Empty => "empty",
            BodyKind::Array => "array",
            BodyKind::WrongShape => "wrongshape",
            BodyKind::WrongType => "wrongtype",
            BodyKind::BadPagination => "badpagination",
            BodyKind::NoPagination => "nopagination",
            BodyKind::Overfull => "overfull",
            BodyKind::CountSmall => "countsmall",
            BodyKind::Beyond => "beyond",
            BodyKind::Huge => "huge",
            BodyKind::LongNames => "longnames",
            BodyKind::Markup => "markup",
            BodyKind::FutureEnums => "futureenums",
        }
    }
}

impl fmt::Display for BodyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BodyKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BodyKind::ALL.into_iter().find(|kind| kind.as_str() == s).ok_or_else(|| {
            let known: Vec<&str> = BodyKind::ALL.iter().map(|kind| kind.as_str()).collect();
            format!("unknown body kind `{s}`, expected one of {}", known.join(", "))
        })
    }
}

/// The 200 answer of `kind`, with the stage fields of `shape`.
pub fn response(kind: BodyKind, shape: Shape) -> Response {
    match kind {
        BodyKind::NotJson => Html(AUTHENTIK_INTERFACE).into_response(),
        BodyKind::Truncated => {
            let whole = page(rows(20, shape), pagination(SERVER_STAGES, 20), shape).to_string();
            let mut cut = whole.len() / 2;
            while !whole.is_char_boundary(cut) {
                cut -= 1;
            }
            json_text(whole[..cut].to_owned())
        }
        BodyKind::Empty => json_text(String::new()),
        other => json_text(document(other, shape).to_string()),
    }
}

/// The JSON of the kinds whose body is a whole JSON document.
fn document(kind: BodyKind, shape: Shape) -> Value {
    match kind {
        BodyKind::Array => Value::Array(rows(3, shape)),
        BodyKind::WrongShape => json!({ "items": rows(3, shape), "total": 3 }),
        BodyKind::WrongType => {
            let mut results = rows(3, shape);
            results[1]["name"] = json!(42);
            page(results, pagination(3, 20), shape)
        }
        BodyKind::BadPagination => {
            let mut body = page(rows(3, shape), pagination(3, 20), shape);
            body["pagination"]["count"] = json!(-5);
            body["pagination"]["next"] = json!("2");
            body
        }
        BodyKind::NoPagination => {
            let mut body = page(rows(3, shape), pagination(3, 20), shape);
            if let Some(fields) = body.as_object_mut() {
                fields.remove("pagination");
            }
            body
        }
        BodyKind::Overfull => page(rows(30, shape), pagination(30, 10), shape),
        BodyKind::CountSmall => page(rows(5, shape), pagination(2, 2), shape),
        BodyKind::Beyond => {
            // Page 9 of a list of 15 rows cut five to a page: a page that cannot exist.
            let ninth = Pagination {
                next: 0,
                previous: 8,
                count: 15,
                current: 9,
                total_pages: 3,
                start_index: 41,
                end_index: 45,
            };
            page(rows(5, shape), ninth, shape)
        }
        BodyKind::Huge => page(rows(1000, shape), pagination(1000, 1000), shape),
        BodyKind::LongNames => page(long_names(shape), pagination(3, 20), shape),
        BodyKind::Markup => page(markup(shape), pagination(MARKUP.len(), 20), shape),
        BodyKind::FutureEnums => future_enums(shape),
        BodyKind::NotJson | BodyKind::Truncated | BodyKind::Empty => {
            unreachable!("{kind} is not a JSON document")
        }
    }
}

/// What a proxy that routes `/api` to the wrong upstream sends: authentik's interface shell.
const AUTHENTIK_INTERFACE: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n  \
<meta charset=\"UTF-8\">\n  \
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, maximum-scale=1\">\n  \
<title>authentik</title>\n  \
<link rel=\"icon\" href=\"/static/dist/assets/icons/icon.png\">\n  \
<link rel=\"stylesheet\" type=\"text/css\" href=\"/static/dist/authentik.css\">\n  \
<script src=\"/static/dist/admin/AdminInterface.js\" type=\"module\"></script>\n\
</head>\n<body>\n  <ak-interface-admin>\n    <section class=\"ak-static-page\">\n      \
<div class=\"pf-c-empty-state\">\n        <span class=\"pf-c-spinner\" role=\"progressbar\" \
aria-valuetext=\"Loading...\"></span>\n      </div>\n    </section>\n  </ak-interface-admin>\n\
</body>\n</html>\n";

fn json_text(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Page 1 of `count` rows cut `size` to a page.
fn pagination(count: usize, size: usize) -> Pagination {
    paginate(count, Some("1"), size).expect("page 1 always exists")
}

/// The list's envelope as `shape` sends it.
fn page(results: Vec<Value>, pagination: Pagination, shape: Shape) -> Value {
    let mut body = json!({ "pagination": pagination, "results": results });
    if shape.has_autocomplete() {
        body["autocomplete"] = json!({});
    }
    body
}

/// The first `count` stages in the list's default order, as `shape` sends them.
fn rows(count: usize, shape: Shape) -> Vec<Value> {
    let stages = demo_stages(count.max(SERVER_STAGES));
    sorted(&stages, shape).into_iter().take(count).map(|stage| stage_json(stage, shape)).collect()
}

fn sorted(stages: &[Stage], shape: Shape) -> Vec<&Stage> {
    let mut sorted: Vec<&Stage> = stages.iter().collect();
    sort_stages(&mut sorted, &parse_ordering(None, shape));
    sorted
}

fn stage_json(stage: &Stage, shape: Shape) -> Value {
    serde_json::to_value(StageBody::new(stage, shape)).expect("a stage serializes")
}

/// Stages bound to at least one flow, in list order, as `shape` sends them.
fn stages_with_flows(count: usize, shape: Shape) -> Vec<Value> {
    let stages = demo_stages(SERVER_STAGES);
    let bound = sorted(&stages, shape).into_iter().filter(|stage| !stage.flows.is_empty());
    bound.take(count).map(|stage| stage_json(stage, shape)).collect()
}

/// `count` distinct demo flows as `shape` sends them, to dress up as hostile ones.
fn flows(count: usize, shape: Shape) -> Vec<Value> {
    let stages = demo_stages(SERVER_STAGES);
    let mut seen: Vec<&str> = Vec::new();
    let mut flows = Vec::new();
    for flow in stages.iter().flat_map(|stage| &stage.flows) {
        if flows.len() == count {
            break;
        }
        if !seen.contains(&flow.slug) {
            seen.push(flow.slug);
            flows
                .push(serde_json::to_value(FlowBody::new(flow, shape)).expect("a flow serializes"));
        }
    }
    flows
}

/// `pattern` repeated and cut to exactly `chars` characters.
fn repeated(pattern: &str, chars: usize) -> String {
    pattern.chars().cycle().take(chars).collect()
}

fn long_names(shape: Shape) -> Vec<Value> {
    // In the list's order: "anmeldung..." before "very long ..." before "verylong...".
    let names = [
        repeated("anmeldung-österreich-captcha-", LONG_NAME_CHARS),
        repeated("Very long captcha stage name ", LONG_NAME_CHARS),
        repeated("verylongcaptchastagenamewithoutanyspaces", LONG_NAME_CHARS),
    ];
    let mut results = rows(names.len(), shape);
    for (row, name) in results.iter_mut().zip(names) {
        row["name"] = json!(name);
    }
    let key = results[1]["public_key"].as_str().expect("keys are text").to_owned();
    results[1]["public_key"] = json!(repeated(&key, LONG_KEY_CHARS));
    results
}

fn markup(shape: Shape) -> Vec<Value> {
    let background_key = if shape.is_2025_12_or_later() { "background_url" } else { "background" };
    let mut flows = flows(MARKUP.len() + HOSTILE_URLS.len() - 1, shape).into_iter();
    let mut results = rows(MARKUP.len(), shape);
    for (index, row) in results.iter_mut().enumerate() {
        let rotated = |by: usize| json!(MARKUP[(index + by) % MARKUP.len()]);
        row["name"] = rotated(0);
        row["public_key"] = rotated(1);
        row["verbose_name"] = rotated(2);
        row["verbose_name_plural"] = rotated(3);
        // The first stage carries one flow per hostile link, the others one flow each.
        let bound = if index == 0 { HOSTILE_URLS.len() } else { 1 };
        let flow_set: Vec<Value> = (0..bound)
            .map(|link| {
                let mut flow = flows.next().expect("enough demo flows");
                flow["name"] = rotated(link);
                flow["title"] = rotated(link + 1);
                flow["slug"] = rotated(link + 2);
                flow["export_url"] = json!(HOSTILE_URLS[(index + link) % HOSTILE_URLS.len()]);
                flow[background_key] = json!("javascript:alert(1)");
                flow
            })
            .collect();
        row["flow_set"] = json!(flow_set);
    }
    results[1]["js_url"] = json!("javascript:alert(1)");
    results
}

fn future_enums(shape: Shape) -> Value {
    let mut results = stages_with_flows(3, shape);
    for row in &mut results {
        row["request_content_type"] = json!("application/x-www-form-urlencoded");
        row["provider_options"] = json!({ "theme": "auto", "sizes": ["normal", "compact"] });
        for flow in row["flow_set"].as_array_mut().expect("these stages have flows") {
            flow["designation"] = json!("passwordless");
            flow["layout"] = json!("sidebar_left_frame_background");
            flow["policy_engine_mode"] = json!("majority");
            flow["denied_action"] = json!("redirect");
            flow["authentication"] = json!("require_unauthenticated");
            flow["webauthn_options"] = json!({ "resident_key": "preferred", "hints": [] });
        }
    }
    let mut body = page(results, pagination(3, 20), shape);
    body["pagination"]["page_size"] = json!(20);
    body["meta"] = json!({ "api_version": "2027.2", "deprecations": [] });
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::to_bytes;

    async fn parts(kind: BodyKind, shape: Shape) -> (String, String) {
        let response = response(kind, shape);
        assert_eq!(response.status(), axum::http::StatusCode::OK, "{kind}");
        let content_type = response.headers()[header::CONTENT_TYPE].to_str().unwrap().to_owned();
        let body = to_bytes(response.into_body(), 16 << 20).await.unwrap();
        (content_type, String::from_utf8(body.to_vec()).unwrap())
    }

    async fn json_body(kind: BodyKind) -> Value {
        let (content_type, body) = parts(kind, Shape::V2024_8).await;
        assert_eq!(content_type, "application/json", "{kind}");
        serde_json::from_str(&body).unwrap()
    }

    fn names(results: &Value) -> Vec<&str> {
        results.as_array().unwrap().iter().map(|row| row["name"].as_str().unwrap()).collect()
    }

    fn pagination_json(count: u64, current: u64, total: u64, start: u64, end: u64) -> Value {
        let next = if current < total { current + 1 } else { 0 };
        json!({
            "next": next, "previous": current - 1, "count": count, "current": current,
            "total_pages": total, "start_index": start, "end_index": end
        })
    }

    #[test]
    fn every_kind_parses_back_from_its_name() {
        for kind in BodyKind::ALL {
            assert_eq!(kind.as_str().parse::<BodyKind>(), Ok(kind));
        }
        let message = "html".parse::<BodyKind>().unwrap_err();
        assert!(message.contains("`html`") && message.contains("futureenums"), "{message}");
    }

    #[tokio::test]
    async fn every_body_is_the_same_on_every_request() {
        for kind in BodyKind::ALL {
            for shape in [Shape::V2022_12, Shape::V2026_5] {
                assert_eq!(parts(kind, shape).await, parts(kind, shape).await, "{kind} {shape}");
            }
        }
    }

    #[tokio::test]
    async fn notjson_is_authentiks_html_interface() {
        let (content_type, body) = parts(BodyKind::NotJson, Shape::V2024_8).await;
        assert!(content_type.starts_with("text/html"));
        assert!(body.starts_with("<!doctype html>") && body.contains("<title>authentik</title>"));
    }

    #[tokio::test]
    async fn truncated_is_page_one_cut_in_the_middle() {
        let (content_type, body) = parts(BodyKind::Truncated, Shape::V2024_8).await;
        assert_eq!(content_type, "application/json");
        let error = serde_json::from_str::<Value>(&body).unwrap_err();
        assert!(error.is_eof(), "{error}");
        let whole = page(rows(20, Shape::V2024_8), pagination(SERVER_STAGES, 20), Shape::V2024_8);
        let whole = whole.to_string();
        assert!(whole.starts_with(&body) && body.len() * 2 >= whole.len() - 1);
        assert!(body.contains(r#""count":60"#) && body.contains(r#""results":[{"#));
    }

    #[tokio::test]
    async fn empty_is_no_body_labelled_json() {
        assert_eq!(
            parts(BodyKind::Empty, Shape::V2024_8).await,
            ("application/json".to_owned(), String::new())
        );
    }

    #[tokio::test]
    async fn array_and_wrongshape_hold_valid_stages_outside_the_envelope() {
        let array = json_body(BodyKind::Array).await;
        assert_eq!(array, Value::Array(rows(3, Shape::V2024_8)));
        let wrong = json_body(BodyKind::WrongShape).await;
        let fields: Vec<&String> = wrong.as_object().unwrap().keys().collect();
        assert_eq!(fields, ["items", "total"]);
        assert_eq!((wrong["items"].as_array().unwrap().len(), &wrong["total"]), (3, &json!(3)));
    }

    #[tokio::test]
    async fn wrongtype_breaks_only_the_second_name() {
        let body = json_body(BodyKind::WrongType).await;
        assert_eq!(body["pagination"], pagination_json(3, 1, 1, 1, 3));
        let results = body["results"].as_array().unwrap();
        assert_eq!(results[1]["name"], json!(42));
        assert!(results[0]["name"].is_string() && results[2]["name"].is_string());
        assert_eq!(results[1]["pk"], rows(3, Shape::V2024_8)[1]["pk"]);
    }

    #[tokio::test]
    async fn bad_and_missing_pagination() {
        let bad = json_body(BodyKind::BadPagination).await;
        assert_eq!(
            bad["pagination"],
            json!({
                "next": "2", "previous": 0, "count": -5, "current": 1,
                "total_pages": 1, "start_index": 1, "end_index": 3
            })
        );
        let missing = json_body(BodyKind::NoPagination).await;
        assert!(missing.get("pagination").is_none());
        assert_eq!(missing["results"], bad["results"]);
    }

    #[tokio::test]
    async fn row_counts_that_disagree_with_pagination() {
        let overfull = json_body(BodyKind::Overfull).await;
        assert_eq!(overfull["results"].as_array().unwrap().len(), 30);
        assert_eq!(overfull["pagination"], pagination_json(30, 1, 3, 1, 10));

        let small = json_body(BodyKind::CountSmall).await;
        assert_eq!(small["results"].as_array().unwrap().len(), 5);
        assert_eq!(small["pagination"], pagination_json(2, 1, 1, 1, 2));

        let beyond = json_body(BodyKind::Beyond).await;
        assert_eq!(beyond["results"].as_array().unwrap().len(), 5);
        assert_eq!(beyond["pagination"], pagination_json(15, 9, 3, 41, 45));
    }

    #[tokio::test]
    async fn huge_has_a_thousand_distinct_stages_on_one_page() {
        let body = json_body(BodyKind::Huge).await;
        assert_eq!(body["pagination"], pagination_json(1000, 1, 1, 1, 1000));
        let names = names(&body["results"]);
        let unique: std::collections::HashSet<&&str> = names.iter().collect();
        assert_eq!((names.len(), unique.len()), (1000, 1000));
    }

    #[tokio::test]
    async fn longnames_are_a_hundred_thousand_characters() {
        let body = json_body(BodyKind::LongNames).await;
        assert_eq!(body["pagination"], pagination_json(3, 1, 1, 1, 3));
        let names = names(&body["results"]);
        assert!(names.iter().all(|name| name.chars().count() == LONG_NAME_CHARS));
        assert!(names[0].contains('ö') && names[1].contains(' '));
        assert!(!names[2].contains(' ') && !names[2].contains('-'));
        let mut sorted = names.clone();
        sorted.sort_by_key(|name| name.to_lowercase());
        assert_eq!(names, sorted);
        let key = body["results"][1]["public_key"].as_str().unwrap();
        assert_eq!(key.len(), LONG_KEY_CHARS);
    }

    #[tokio::test]
    async fn markup_reaches_every_text_field_and_link() {
        for shape in [Shape::V2024_8, Shape::V2026_5] {
            let (_, text) = parts(BodyKind::Markup, shape).await;
            let body: Value = serde_json::from_str(&text).unwrap();
            let results = body["results"].as_array().unwrap();
            assert_eq!(body["pagination"]["count"], results.len());
            assert_eq!(names(&body["results"]), MARKUP);
            let background = if shape >= Shape::V2026_5 { "background_url" } else { "background" };
            let flows: Vec<&Value> =
                results.iter().flat_map(|row| row["flow_set"].as_array().unwrap()).collect();
            let links: std::collections::HashSet<&str> =
                flows.iter().map(|flow| flow["export_url"].as_str().unwrap()).collect();
            assert_eq!(links, HOSTILE_URLS.into_iter().collect());
            for flow in &flows {
                assert!(MARKUP.contains(&flow["name"].as_str().unwrap()));
                assert!(MARKUP.contains(&flow["title"].as_str().unwrap()));
                assert!(MARKUP.contains(&flow["slug"].as_str().unwrap()));
                assert_eq!(flow[background], "javascript:alert(1)");
            }
            let pks: std::collections::HashSet<&str> =
                flows.iter().map(|flow| flow["pk"].as_str().unwrap()).collect();
            assert_eq!(pks.len(), flows.len());
            for payload in MARKUP {
                assert!(results.iter().any(|row| row["public_key"] == payload));
                assert!(results.iter().any(|row| row["verbose_name"] == payload));
            }
            assert_eq!(results[1]["js_url"], "javascript:alert(1)");
        }
    }

    #[tokio::test]
    async fn futureenums_bring_new_values_and_unknown_fields() {
        let body = json_body(BodyKind::FutureEnums).await;
        assert_eq!(body["meta"]["api_version"], "2027.2");
        assert_eq!(body["pagination"]["page_size"], 20);
        assert_eq!(body["pagination"]["count"], 3);
        let results = body["results"].as_array().unwrap();
        assert_eq!(results.len(), 3);
        for row in results {
            assert!(row["provider_options"].is_object());
            let flows = row["flow_set"].as_array().unwrap();
            assert!(!flows.is_empty());
            for flow in flows {
                assert_eq!(
                    (&flow["designation"], &flow["layout"]),
                    (&json!("passwordless"), &json!("sidebar_left_frame_background"))
                );
                assert_eq!(
                    (&flow["policy_engine_mode"], &flow["denied_action"]),
                    (&json!("majority"), &json!("redirect"))
                );
                assert_eq!(flow["authentication"], "require_unauthenticated");
            }
        }
    }

    #[tokio::test]
    async fn bodies_follow_the_shape_and_are_never_null() {
        let body: Value =
            serde_json::from_str(&parts(BodyKind::WrongType, Shape::V2026_5).await.1).unwrap();
        assert_eq!(body["autocomplete"], json!({}));
        assert!(body["results"][0]["flow_set"][0].get("background_url").is_some());
        for kind in BodyKind::ALL {
            let (_, text) = parts(kind, Shape::V2025_10).await;
            assert!(!text.contains("null"), "{kind}");
        }
    }
}
