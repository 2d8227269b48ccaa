//! The page against every kind of bad answer a real network and a buggy or
//! hostile server can give, and against races between requests. Each test
//! opens with the failure it pins.
#![cfg(target_arch = "wasm32")]

mod support;

use std::time::Duration;

use captcha_stages::api::{ApiClient, SortField, StageQuery};
use captcha_stages::PageConfig;
use support::*;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// Waits for the error region and returns its text.
async fn alert_text(page: &Mounted) -> String {
    page.wait_until("the alert", |p| p.find("[role=alert]").is_some()).await;
    page.text("[role=alert]")
}

/// Waits for the first rows of a page that is expected to render some.
async fn wait_for_some_rows(page: &Mounted) {
    page.wait_until("rows", |p| !p.stage_names().is_empty()).await;
}

// An older, slower answer must never replace a newer one: with `stagger`,
// each request for the same spec answers sooner than the one before it.
#[wasm_bindgen_test]
async fn the_rows_always_answer_the_latest_query() {
    let page = mount_app(api_base(Some(&format!("stagger-600-{}", unique_key()))));
    wait_for_some_rows(&page).await;

    page.click_sort("Name");
    page.type_search("a");
    page.press_in_search("Enter");
    page.click_sort("Public key");
    page.click_sort("Public key");
    // Next is disabled until the new list's page count is known, so this
    // click changes nothing.
    page.click_button("Next");

    let latest = StageQuery::default().with_search("a".into()).sorted_by(SortField::PublicKey);
    let latest = latest.sorted_by(SortField::PublicKey);
    let expected = server_page(&latest).await;
    page.wait_for_rows(&expected).await;
    // Nothing older may land afterwards.
    pause(900).await;
    page.wait_for_rows(&expected).await;
    assert_eq!(page.aria_sort("Public key"), "descending");
    assert_eq!(page.text(".cs-page-of"), format!("Page 1 of {}", expected.pagination.total_pages));
    assert_eq!(
        page.text(".cs-range"),
        format!(
            "{}\u{2013}{} of {}",
            expected.pagination.start_index,
            expected.pagination.end_index,
            expected.pagination.count
        )
    );
}

// Typing a 12-character search one key at a time must not send a request
// per keystroke, and the final text must be sent.
#[wasm_bindgen_test]
async fn fast_typing_sends_few_requests() {
    let spec = format!("label-{}", unique_key());
    let page = mount_app(api_base(Some(&spec)));
    wait_for_some_rows(&page).await;
    let typed = "turnstile lo";
    for end in 1..=typed.len() {
        page.type_search(&typed[..end]);
        pause(40).await;
    }
    let expected = server_page(&StageQuery::default().with_search(typed.into())).await;
    page.wait_for_rows(&expected).await;
    pause(400).await;
    let count = request_count(&spec).await;
    assert!(count <= 3, "{count} requests for one search (initial load included)");
}

// A burst of clicks on Next used to re-request the page on screen; each
// click must move one page.
#[wasm_bindgen_test]
async fn a_burst_of_next_clicks_lands_on_the_right_page() {
    let page = mount_app(api_base(Some("slow-100")));
    page.wait_for_rows(&server_page(&StageQuery::default()).await).await;
    page.click_button("Next");
    page.click_button("Next");
    let third = server_page(&StageQuery::default().with_page(3)).await;
    page.wait_for_rows(&third).await;
    assert!(page.button_disabled("Next"));
}

// Next and Last used the old list's page count while a new search loaded,
// asking for pages that did not exist ("Page 3 no longer exists").
#[wasm_bindgen_test]
async fn paging_waits_for_the_new_lists_page_count() {
    let page = mount_app(api_base(Some("slow-300")));
    page.wait_for_rows(&server_page(&StageQuery::default()).await).await;
    page.select_page_size(10);
    let tens = server_page(&StageQuery::default().with_page_size(10)).await;
    page.wait_for_rows(&tens).await;

    page.type_search("turnstile");
    page.press_in_search("Enter");
    page.wait_until("Next disabled while loading", |p| p.button_disabled("Last")).await;
    assert!(page.find("table[aria-busy=true]").is_some(), "checked while the list loads");
    let searched = StageQuery::default().with_page_size(10).with_search("turnstile".into());
    let expected = server_page(&searched).await;
    assert!(expected.pagination.total_pages > 1, "the search has several pages");
    page.wait_for_rows(&expected).await;
    assert!(!page.button_disabled("Last"));
    page.click_button("Last");
    let last = server_page(&searched.with_page(expected.pagination.total_pages)).await;
    page.wait_for_rows(&last).await;
    assert!(page.find(".cs-notice-bar").is_none(), "no page vanished");
}

// fetch rejects with no status when nothing listens or CORS refuses.
#[wasm_bindgen_test]
async fn an_unreachable_server_says_a_proxy_may_be_needed() {
    let page = mount_app("http://127.0.0.1:9/api/v3".into());
    let alert = alert_text(&page).await;
    assert!(alert.contains("Could not reach the authentik server"), "{alert}");
    assert!(alert.contains("same-origin proxy"), "{alert}");
    assert!(page.find("button.cs-primary").is_some(), "Retry is offered");
}

#[wasm_bindgen_test]
async fn a_cors_refusal_reads_like_an_unreachable_server() {
    let page = mount_app(api_base(Some("nocors")));
    let alert = alert_text(&page).await;
    assert!(alert.contains("same-origin proxy"), "{alert}");
}

#[wasm_bindgen_test]
async fn missing_permission_shows_the_servers_detail() {
    let page = mount_app(api_base(Some("status-403")));
    let alert = alert_text(&page).await;
    assert!(alert.contains("(HTTP 403)"), "{alert}");
    assert!(alert.contains("API token"), "without a token the page says how to give one");
}

#[wasm_bindgen_test]
async fn each_failing_status_gets_its_own_message() {
    let cases = [
        ("status-400", "Invalid input. (HTTP 400)"),
        ("status-429", "Request was throttled."),
        ("status-500", "HTTP 500 Internal Server Error"),
        ("status-502", "HTTP 502 Bad Gateway"),
        ("status-503", "HTTP 503 Service Unavailable"),
        ("status-504", "HTTP 504 Gateway Timeout"),
        ("status-418", "HTTP 418"),
    ];
    for (spec, expected) in cases {
        let page = mount_app(api_base(Some(spec)));
        let alert = alert_text(&page).await;
        assert!(alert.contains(expected), "{spec}: {alert}");
        assert!(!alert.contains('<'), "{spec}: no HTML from the body leaks in: {alert}");
    }
}

#[wasm_bindgen_test]
async fn a_200_without_a_stage_list_is_reported_not_shown() {
    let cases = [
        ("body-notjson", "not valid JSON"),
        ("body-truncated", "not valid JSON"),
        ("body-empty", "the body is empty"),
        ("body-array", "expected an object, found a list"),
        ("body-wrongshape", "missing field `results`"),
    ];
    for (spec, expected) in cases {
        let page = mount_app(api_base(Some(spec)));
        let alert = alert_text(&page).await;
        assert!(alert.contains(expected), "{spec}: {alert}");
        assert!(page.find("table").is_none(), "{spec}");
    }
}

// One bad row used to fail the whole page; now the others are shown and
// the bad one is named.
#[wasm_bindgen_test]
async fn a_row_of_the_wrong_type_is_left_out_and_named() {
    let page = mount_app(api_base(Some("body-wrongtype")));
    page.wait_until("the problem note", |p| p.find(".cs-problems").is_some()).await;
    assert_eq!(page.stage_names().len(), 2);
    assert!(page.text(".cs-problems").contains("results[1].name"));
    assert!(page.find("[role=alert]").is_none());
}

#[wasm_bindgen_test]
async fn broken_or_contradictory_pagination_still_shows_the_rows() {
    for (spec, path) in [
        ("body-badpagination", "pagination"),
        ("body-nopagination", "pagination"),
        ("body-countsmall", "pagination.count"),
        ("body-beyond", "pagination.current"),
    ] {
        let page = mount_app(api_base(Some(spec)));
        page.wait_until("the problem note", |p| p.find(".cs-problems").is_some()).await;
        assert!(!page.stage_names().is_empty(), "{spec}");
        assert!(page.text(".cs-problems").contains(path), "{spec}");
    }
}

#[wasm_bindgen_test]
async fn more_rows_than_asked_for_are_all_shown() {
    let page = mount_app(api_base(Some("body-overfull")));
    page.wait_until("30 rows", |p| p.stage_names().len() == 30).await;
    assert_eq!(page.text(".cs-range"), "1\u{2013}10 of 30");
}

#[wasm_bindgen_test]
async fn a_thousand_rows_and_huge_names_render_without_hanging() {
    let page = mount_app(api_base(Some("body-huge")));
    page.wait_until("1,000 rows", |p| p.stage_names().len() == 1000).await;

    let page = mount_app(api_base(Some("body-longnames")));
    page.wait_until("long names", |p| p.stage_names().len() == 3).await;
    assert!(page.stage_names().iter().all(|name| name.len() >= 100_000));
    // Long names wrap and long keys are cut, so the table keeps the width
    // of ordinary rows (it may scroll inside its box on a narrow screen).
    let widths: Vec<i32> =
        page.all("tbody tr.cs-row td").iter().map(|td| td.client_width()).collect();
    let table = page.get("table").client_width();
    assert!(table < 1400, "the table grew to {table} px; cells {widths:?}");
}

// A request that never answers used to leave the loading row forever.
#[wasm_bindgen_test]
async fn a_request_that_never_answers_times_out_with_retry() {
    let config = captcha_stages::PageConfig {
        api_base: api_base(Some("hang")),
        timeout: Duration::from_millis(400),
        ..captcha_stages::PageConfig::default()
    };
    let page = mount_app_with(config);
    let alert = alert_text(&page).await;
    assert!(alert.contains("did not answer within 1 second."), "{alert}");
    assert!(page.find("button.cs-primary").is_some(), "Retry is offered");
}

// Stages deleted while an admin pages through them: page 3 becomes a 404.
#[wasm_bindgen_test]
async fn a_page_that_vanished_moves_to_the_last_page_and_says_so() {
    // The first two requests see 60 stages, later ones 30.
    let page = mount_app(api_base(Some(&format!("shrink-2+label-{}", unique_key()))));
    wait_for_some_rows(&page).await;
    page.click_button("Last");
    page.wait_until("page 3", |p| p.text(".cs-page-of") == "Page 3 of 3").await;

    page.click_button("Refresh");
    page.wait_until("the notice", |p| p.find(".cs-notice-bar").is_some()).await;
    assert!(page.text(".cs-notice-bar").contains("Page 3 no longer exists"));
    assert!(page.find("[role=alert]").is_none());
    assert_eq!(page.text(".cs-page-of"), "Page 2 of 2");
    assert!(page.button_disabled("Next"));
}

// Server text is data, never markup: nothing it sends may run.
#[wasm_bindgen_test]
async fn markup_from_the_server_renders_as_text_and_never_runs() {
    let page = mount_app(api_base(Some("body-markup")));
    wait_for_some_rows(&page).await;
    for toggle in page.all("button.cs-toggle") {
        wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(toggle).click();
    }
    page.wait_until("the flows", |p| !p.all(".cs-flow").is_empty()).await;
    pause(200).await;

    assert!(page.all("tbody img, tbody script, tbody svg, tbody iframe").is_empty());
    assert!(page.stage_names().iter().any(|name| name.contains("<img src=x")));
    let xss = js_sys::Reflect::get(&js_sys::global(), &"__xss".into()).unwrap();
    assert!(xss.is_undefined(), "a script from the server ran: {xss:?}");
    for link in page.all("a") {
        let href = link.get_attribute("href").unwrap_or_default();
        assert!(
            href.starts_with("http://") || href.starts_with("https://") || href.starts_with('/'),
            "unsafe link {href}"
        );
        assert!(!href.starts_with("//"), "protocol-relative link {href}");
    }
    let details = page.text(".cs-detail");
    assert!(details.contains("javascript:window.__xss=5"), "unsafe URLs stay visible as text");
}

#[wasm_bindgen_test]
async fn every_release_shape_renders_fully() {
    for shape in ["2022.12", "2024.8", "2025.10", "2026.5"] {
        let page = mount_app(api_base(Some(&format!("shape-{shape}"))));
        page.wait_until("rows", |p| p.stage_names().len() == 20).await;
        assert!(page.find(".cs-problems").is_none(), "{shape}: {}", page.text(".cs-problems"));
        // Before 2024.6 there are no score settings: shown as not set, not
        // as the defaults a later release would give them.
        let (ranges, unset) = if shape == "2022.12" { (0, 40) } else { (20, 0) };
        let cells = page.all("td.cs-num");
        let has_range =
            |td: &&Element| td.text_content().unwrap_or_default().contains(" \u{2013} ");
        assert_eq!(cells.iter().filter(has_range).count(), ranges, "{shape}: score ranges");
        assert_eq!(page.all("tbody .cs-unset").len(), unset, "{shape}: unset score settings");
    }
}

// Before 2024.6 stages have no score settings; such a server drops an
// ordering by them and answers in name order. The headers once said "sorted
// by min score" over rows in name order, and offered those sorts again.
#[wasm_bindgen_test]
async fn an_old_release_cannot_sort_by_score_settings_and_the_page_says_so() {
    let by_min = StageQuery::default().sorted_by(SortField::ScoreMinThreshold).ordering;
    let score_buttons = |page: &Mounted| page.all("thead button.cs-sort[disabled]").len();
    for (shape, disabled) in [("2022.12", 3), ("2026.5", 0)] {
        let page = mount_app_with(PageConfig {
            api_base: api_base(Some(&format!("shape-{shape}"))),
            ordering: by_min,
            ..PageConfig::default()
        });
        page.wait_until("rows", |p| p.stage_names().len() == 20).await;
        assert_eq!(score_buttons(&page), disabled, "{shape}: disabled sort buttons");
        if disabled == 0 {
            assert_eq!(page.aria_sort("Score range"), "ascending", "{shape}");
            continue;
        }
        assert_eq!(page.aria_sort("Name"), "ascending", "{shape}: the rows are in name order");
        assert_eq!(page.aria_sort("Score range"), "none", "{shape}");
        assert!(page.text("caption").contains("sorted by Name, ascending"), "{shape}");
        let title = page.get("thead button.cs-sort[disabled]").get_attribute("title");
        assert!(title.unwrap_or_default().contains("min score"), "{shape}: says why");
        let base = api_base(Some(&format!("shape-{shape}")));
        let client = ApiClient::new(base, None);
        let by_name = client.list_stages(&StageQuery::default(), None).await;
        page.wait_for_rows(&by_name.expect("the stand-in answers")).await;
        // Name's button says "click to sort descending", and does: it once
        // toggled the order asked for (min score) and asked for name, ascending.
        page.click_sort("Name");
        let descending = StageQuery::default().sorted_by(SortField::Name);
        let by_name_desc = client.list_stages(&descending, None).await;
        page.wait_for_rows(&by_name_desc.expect("the stand-in answers")).await;
        assert_eq!(page.aria_sort("Name"), "descending", "{shape}");
    }
}

#[wasm_bindgen_test]
async fn values_from_a_future_release_show_as_sent() {
    let page = mount_app(api_base(Some("body-futureenums")));
    wait_for_some_rows(&page).await;
    page.click("button.cs-toggle");
    page.wait_until("the flows", |p| !p.all(".cs-flow").is_empty()).await;
    let flow = page.text(".cs-flow");
    for raw in ["passwordless", "sidebar_left_frame_background", "majority", "redirect"] {
        assert!(flow.contains(raw), "{raw} missing from {flow}");
    }
}

#[wasm_bindgen_test]
async fn a_panic_leaves_a_visible_notice_with_a_reload_link() {
    captcha_stages::panic::show_crash_notice();
    let document = web_sys::window().unwrap().document().unwrap();
    let notice = document.get_element_by_id("cs-crash").expect("the crash notice");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("alert"));
    assert!(notice.text_content().unwrap().contains("Reload the page"));
    assert!(notice.query_selector("a[href]").unwrap().is_some());
    notice.remove();
}
