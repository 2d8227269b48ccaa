//! Native tests of the data layer: query building, decoding of every
//! release's shape and of every error body.

use super::*;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn decode_fixture(name: &str) -> StagePage {
    decode_stage_page(200, &fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn default_query_asks_for_page_one_by_name() {
    assert_eq!(StageQuery::default().to_query_string(), "page=1&page_size=20&ordering=name");
}

#[test]
fn search_is_sent_as_typed_and_encoded() {
    let query = StageQuery::default().with_search("  sign up & co ".to_owned());
    assert_eq!(
        query.to_query_string(),
        "page=1&page_size=20&ordering=name&search=++sign+up+%26+co+"
    );
}

#[test]
fn list_url_keeps_the_trailing_slash_and_drops_a_doubled_one() {
    let client = ApiClient::new("https://ak.example/api/v3/", None);
    let query = StageQuery::default().with_page(3).sorted_by(SortField::PublicKey);
    assert_eq!(
        client.list_url(&query),
        "https://ak.example/api/v3/stages/captcha/?page=1&page_size=20&ordering=public_key"
    );
}

#[test]
fn sorting_toggles_direction_and_resets_the_page() {
    let query = StageQuery::default().with_page(4);
    let by_name_desc = query.sorted_by(SortField::Name);
    assert_eq!(by_name_desc.ordering.param(), "-name");
    assert_eq!(by_name_desc.page, 1);
    let by_key = by_name_desc.sorted_by(SortField::PublicKey);
    assert_eq!(by_key.ordering.param(), "public_key");
    assert_eq!(by_key.sorted_by(SortField::PublicKey).ordering.param(), "-public_key");
}

#[test]
fn ordering_parses_only_sortable_fields() {
    assert_eq!(
        Ordering::parse("-score_max_threshold"),
        Some(Ordering { field: SortField::ScoreMaxThreshold, descending: true })
    );
    assert_eq!(Ordering::parse("component"), None);
    assert_eq!(Ordering::parse("--name"), None);
}

#[test]
fn new_search_and_page_size_go_back_to_page_one() {
    let query = StageQuery::default().with_page(3);
    assert_eq!(query.page, 3);
    assert_eq!(query.with_search("x".into()).page, 1);
    assert_eq!(query.with_page_size(50).page, 1);
    assert_eq!(query.with_page(0).page, 1);
}

#[test]
fn blank_search_is_not_a_filter() {
    assert!(!StageQuery::default().with_search("   ".into()).is_searching());
    assert!(StageQuery::default().with_search(" a ".into()).is_searching());
}

#[test]
fn decodes_the_reference_shape() {
    let page = decode_fixture("typical-2024.8.json");
    assert_eq!(
        page.pagination,
        Pagination {
            next: 3,
            previous: 1,
            count: 45,
            current: 2,
            total_pages: 3,
            start_index: 21,
            end_index: 40
        }
    );
    let stage = &page.results[0];
    assert_eq!(stage.name, "default-enrollment-captcha");
    assert_eq!(stage.flow_set.len(), 2);
    let recovery = &stage.flow_set[1];
    assert_eq!(recovery.designation, Some(Designation::Recovery));
    assert_eq!(recovery.layout, Some(Layout::ContentLeft));
    assert_eq!(recovery.policy_engine_mode, Some(PolicyEngineMode::All));
    assert_eq!(recovery.denied_action, Some(DeniedAction::Message));
    assert_eq!(recovery.compatibility_mode, Some(true));
    assert_eq!(recovery.background(), Some("/static/dist/assets/images/flow_background.jpg"));
    let unused = &page.results[1];
    assert_eq!(unused.score_min_threshold, Some(-1.0));
    assert_eq!(unused.error_on_invalid_score, Some(false));
    assert!(unused.flow_set.is_empty());
    assert_eq!(unused.interactive, None);
}

#[test]
fn decodes_the_empty_list() {
    let page = decode_fixture("empty.json");
    assert!(page.results.is_empty());
    assert_eq!(page.pagination.count, 0);
    assert_eq!(page.pagination.current, 1);
}

#[test]
fn decodes_2022_12_without_thresholds_or_urls() {
    let page = decode_fixture("shape-2022.12.json");
    let legacy = &page.results[0];
    assert_eq!(legacy.score_min_threshold, None);
    assert_eq!(legacy.error_on_invalid_score, None);
    let ancient = &page.results[1];
    assert_eq!(ancient.js_url, None);
    assert!(ancient.flow_set.is_empty());
}

#[test]
fn a_page_without_score_settings_cannot_be_sorted_by_them() {
    let score_fields = [
        SortField::ScoreMinThreshold,
        SortField::ScoreMaxThreshold,
        SortField::ErrorOnInvalidScore,
    ];
    let old = decode_fixture("shape-2022.12.json");
    let current = decode_fixture("typical-2024.8.json");
    for field in score_fields {
        assert!(!old.sortable_by(field), "{field:?} on 2022.12");
        assert!(current.sortable_by(field), "{field:?} on 2024.8");
    }
    for field in [SortField::Name, SortField::PublicKey, SortField::JsUrl] {
        assert!(old.sortable_by(field), "{field:?} on 2022.12");
    }
    // No rows, nothing to tell by: the sort stays offered.
    assert!(decode_fixture("empty.json").sortable_by(SortField::ScoreMinThreshold));
    // One row that has the field is enough: a server that has it sent it.
    let mut mixed = old.clone();
    mixed.results[1].score_max_threshold = Some(0.9);
    assert!(mixed.sortable_by(SortField::ScoreMaxThreshold));
}

#[test]
fn decodes_2025_10_with_interactive_and_autocomplete() {
    let page = decode_fixture("shape-2025.10.json");
    assert!(page.autocomplete.is_some());
    assert_eq!(page.results[0].interactive, Some(true));
}

#[test]
fn decodes_2026_5_and_keeps_unknown_enum_values() {
    let page = decode_fixture("shape-2026.5.json");
    let flow = &page.results[0].flow_set[0];
    assert_eq!(flow.background(), Some("/static/dist/assets/images/flow_background.jpg"));
    assert_eq!(flow.layout, Some(Layout::Other("sidebar_left_frame_background".into())));
    assert_eq!(flow.layout.as_ref().map(Layout::label), Some("sidebar_left_frame_background"));
    assert_eq!(flow.designation.as_ref().map(Designation::label), Some("passwordless"));
    assert_eq!(
        page.results[0].request_content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
}

#[test]
fn error_statuses_carry_the_servers_detail() {
    let forbidden = decode_stage_page(403, r#"{"detail": "Token invalid/expired"}"#);
    assert_eq!(
        forbidden,
        Err(ApiError::Status { status: 403, message: Some("Token invalid/expired".into()) })
    );
    let invalid_page = decode_stage_page(404, r#"{"detail": "Invalid page."}"#);
    assert_eq!(
        invalid_page,
        Err(ApiError::Status { status: 404, message: Some("Invalid page.".into()) })
    );
}

#[test]
fn validation_errors_join_non_field_and_field_messages() {
    let body = r#"{"non_field_errors": ["Bad query."], "code": "invalid",
                  "page_size": ["A valid integer is required."]}"#;
    assert_eq!(
        decode_stage_page(400, body),
        Err(ApiError::Status {
            status: 400,
            message: Some("Bad query. page_size: A valid integer is required.".into())
        })
    );
}

#[test]
fn html_error_pages_report_the_status_only() {
    let body = "<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>";
    let error = decode_stage_page(502, body).unwrap_err();
    assert_eq!(error, ApiError::Status { status: 502, message: None });
    assert_eq!(error.message(false), "The server answered HTTP 502 Bad Gateway.");
}

#[test]
fn a_200_that_is_not_json_says_so() {
    for body in ["<!doctype html><title>authentik</title>", "", "{\"pagination\": {", "  "] {
        match decode_stage_page(200, body) {
            Err(ApiError::NotJson { status: 200, .. }) => {}
            other => panic!("{body:?} gave {other:?}"),
        }
    }
}

#[test]
fn bodies_without_usable_rows_are_shape_errors_naming_the_field() {
    let cases = [
        ("[]", "(top level)"),
        (r#"{"items": [], "total": 3}"#, "(top level)"),
        (r#"{"pagination": {}, "results": {"pk": "x"}}"#, "results"),
        (r#"{"results": [{"pk": "a", "name": 1}]}"#, "results[0].name"),
    ];
    for (body, expected_path) in cases {
        match decode_stage_page(200, body) {
            Err(ApiError::Shape { path, .. }) => assert_eq!(path, expected_path, "{body}"),
            other => panic!("{body} gave {other:?}"),
        }
    }
}

#[test]
fn a_bad_row_is_left_out_and_reported() {
    let body =
        fixture("typical-2024.8.json").replace("\"name\": \"signup-hcaptcha\"", "\"name\": 7");
    let page = decode_stage_page(200, &body).unwrap();
    assert_eq!(page.results.len(), 1);
    assert_eq!(page.problems.len(), 1);
    assert_eq!(page.problems[0].path, "results[1].name");
    assert!(page.problems[0].reason.contains("expected a string"), "{:?}", page.problems);
}

#[test]
fn a_broken_pagination_becomes_one_page_of_the_rows() {
    for broken in ["\"count\": -45", "\"count\": \"45\""] {
        let body = fixture("typical-2024.8.json").replace("\"count\": 45", broken);
        let page = decode_stage_page(200, &body).unwrap();
        assert_eq!(page.results.len(), 2);
        assert_eq!(page.pagination, Pagination::single_page(2));
        assert_eq!(page.problems[0].path, "pagination.count", "{broken}");
    }
    let page = decode_stage_page(200, r#"{"results": []}"#).unwrap();
    assert_eq!(page.pagination, Pagination::single_page(0));
    assert_eq!(page.problems[0].path, "pagination");
}

#[test]
fn pagination_that_contradicts_the_rows_is_reported_but_the_rows_are_shown() {
    let body = fixture("typical-2024.8.json")
        .replace("\"count\": 45", "\"count\": 1")
        .replace("\"current\": 2", "\"current\": 9");
    let page = decode_stage_page(200, &body).unwrap();
    assert_eq!(page.results.len(), 2);
    let paths: Vec<&str> = page.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["pagination.count", "pagination.current"]);
}

#[test]
fn valid_fixtures_have_no_problems() {
    for name in [
        "typical-2024.8.json",
        "empty.json",
        "shape-2022.12.json",
        "shape-2025.10.json",
        "shape-2026.5.json",
    ] {
        assert_eq!(decode_fixture(name).problems, [], "{name}");
    }
}

#[test]
fn forbidden_without_token_explains_how_to_authenticate() {
    let error = ApiError::Status {
        status: 403,
        message: Some("Authentication credentials were not provided.".into()),
    };
    assert!(error.message(false).contains("API token"));
    assert!(!error.message(true).contains("API token"));
    assert!(error.message(true).starts_with("Authentication credentials were not provided."));
}

#[test]
fn network_errors_mention_the_same_origin_proxy() {
    let error = ApiError::Network { reason: "Failed to fetch".into() };
    assert!(error.message(false).contains("same-origin proxy"));
}

#[test]
fn only_http_urls_and_server_paths_become_links() {
    let remote = ApiClient::new("https://ak.example/api/v3", None);
    assert_eq!(
        remote.link_for("/api/v3/flows/instances/x/export/").as_deref(),
        Some("https://ak.example/api/v3/flows/instances/x/export/")
    );
    assert_eq!(
        remote.link_for("HTTPS://cdn.example/a.png").as_deref(),
        Some("HTTPS://cdn.example/a.png")
    );
    for hostile in
        ["javascript:alert(1)", " javascript:alert(1)", "data:text/html,x", "//evil.example/x", "x"]
    {
        assert_eq!(remote.link_for(hostile), None, "{hostile}");
    }
    let local = ApiClient::new("/api/v3", None);
    assert_eq!(
        local.link_for("/api/v3/flows/instances/x/export/").as_deref(),
        Some("/api/v3/flows/instances/x/export/")
    );
    assert_eq!(
        local.flow_admin_url("default-authentication-flow"),
        "/if/admin/#/flow/flows/default-authentication-flow"
    );
    assert_eq!(remote.flow_admin_url("f"), "https://ak.example/if/admin/#/flow/flows/f");
}

#[test]
fn a_blank_token_is_no_token() {
    assert!(!ApiClient::new("/api/v3", Some("  ".into())).has_token());
    assert!(ApiClient::new("/api/v3", Some("abc".into())).has_token());
}
