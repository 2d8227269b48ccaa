//! The real app in a real browser against the local authentik stand-in.
//! Run by `scripts/test` (which starts the stand-in) or by hand with
//! `STANDIN_URL=http://127.0.0.1:8788 wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]

mod support;

use captcha_stages::api::{SortField, StageQuery};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn first_page_shows_the_servers_rows_and_range() {
    let page = mount_app(api_base(None));
    assert!(page.find(".cs-loading-row").is_some(), "a first load shows the loading row");
    let expected = server_page(&StageQuery::default()).await;
    page.wait_for_rows(&expected).await;

    let p = &expected.pagination;
    assert_eq!(page.all("tbody tr.cs-row").len(), 20);
    assert_eq!(page.text(".cs-range"), format!("1\u{2013}20 of {}", p.count));
    assert_eq!(
        page.status(),
        format!("Showing 1 to 20 of {} stages, sorted by Name, ascending", p.count)
    );
    assert_eq!(page.aria_sort("Name"), "ascending");
    assert!(page.find(".cs-loading-row").is_none());
    assert!(page.button_disabled("First") && page.button_disabled("Previous"));
    assert!(!page.button_disabled("Next") && !page.button_disabled("Last"));

    // The request went out as built: gloo-net once appended a stray `&`.
    let client = captcha_stages::api::ApiClient::new(api_base(None), None);
    let sent = fetched_urls("/stages/captcha/");
    assert!(sent.contains(&client.list_url(&StageQuery::default())), "{sent:?}");
    assert!(sent.iter().all(|url| !url.ends_with('&')), "{sent:?}");
}

#[wasm_bindgen_test]
async fn typing_a_search_shows_only_the_servers_matches() {
    let page = mount_app(api_base(None));
    page.wait_for_rows(&server_page(&StageQuery::default()).await).await;

    page.type_search("turnstile");
    let expected = server_page(&StageQuery::default().with_search("turnstile".into())).await;
    assert!(!expected.results.is_empty(), "the demo data has Turnstile stages");
    page.wait_for_rows(&expected).await;
    for name in page.stage_names() {
        assert!(name.to_lowercase().contains("turnstile"), "{name} does not match");
    }
}

#[wasm_bindgen_test]
async fn enter_searches_without_waiting_and_escape_clears() {
    let page = mount_app(api_base(None));
    let unfiltered = server_page(&StageQuery::default()).await;
    page.wait_for_rows(&unfiltered).await;

    // Words are matched separately, so the text goes to the server as typed.
    page.type_search("enroll  captcha");
    page.press_in_search("Enter");
    let expected = server_page(&StageQuery::default().with_search("enroll  captcha".into())).await;
    page.wait_for_rows(&expected).await;

    page.press_in_search("Escape");
    page.wait_until("the box to empty", |p| p.search_value().is_empty()).await;
    page.wait_for_rows(&unfiltered).await;
}

#[wasm_bindgen_test]
async fn a_search_that_matches_nothing_offers_to_clear_it() {
    let page = mount_app(api_base(None));
    let unfiltered = server_page(&StageQuery::default()).await;
    page.wait_for_rows(&unfiltered).await;

    page.type_search("no-such-stage-anywhere");
    page.press_in_search("Enter");
    page.wait_until("the no-match state", |p| p.find(".cs-no-match").is_some()).await;
    assert!(page
        .text(".cs-no-match")
        .contains("No stages match \u{201c}no-such-stage-anywhere\u{201d}"));
    assert!(page.find("table").is_none());

    page.click_button("Clear search");
    page.wait_for_rows(&unfiltered).await;
    assert_eq!(page.search_value(), "");
}

#[wasm_bindgen_test]
async fn sorting_asks_the_server_and_marks_the_column() {
    let page = mount_app(api_base(None));
    page.wait_for_rows(&server_page(&StageQuery::default()).await).await;

    page.click_sort("Name");
    let descending = StageQuery::default().sorted_by(SortField::Name);
    let expected = server_page(&descending).await;
    page.wait_for_rows(&expected).await;
    assert_eq!(page.aria_sort("Name"), "descending");

    let ascending = server_page(&StageQuery::default()).await;
    assert_ne!(expected.results[0].name, ascending.results[0].name);

    page.click_sort("Public key");
    let by_key = server_page(&StageQuery::default().sorted_by(SortField::PublicKey)).await;
    page.wait_for_rows(&by_key).await;
    assert_eq!(page.aria_sort("Public key"), "ascending");
    assert_eq!(page.aria_sort("Name"), "none");

    // Provider sorts by what the provider is read from, and says so.
    let titles: Vec<String> =
        page.all("thead button.cs-sort").iter().filter_map(|b| b.get_attribute("title")).collect();
    assert_eq!(titles, ["Sorts by JS URL, which names the provider"]);
}

#[wasm_bindgen_test]
async fn next_last_and_page_size_follow_the_pagination_object() {
    let page = mount_app(api_base(None));
    let first = server_page(&StageQuery::default()).await;
    page.wait_for_rows(&first).await;
    let count = first.pagination.count;
    let total_pages = first.pagination.total_pages;

    page.click_button("Next");
    let second = server_page(&StageQuery::default().with_page(2)).await;
    page.wait_for_rows(&second).await;
    assert_eq!(page.text(".cs-range"), format!("21\u{2013}40 of {count}"));
    assert!(!page.button_disabled("Previous"));

    page.click_button("Last");
    let last = server_page(&StageQuery::default().with_page(total_pages)).await;
    page.wait_for_rows(&last).await;
    assert!(page.button_disabled("Next") && page.button_disabled("Last"));
    assert_eq!(
        page.text(".cs-range"),
        format!("{}\u{2013}{} of {count}", last.pagination.start_index, last.pagination.end_index)
    );

    page.select_page_size(50);
    let fifty = server_page(&StageQuery::default().with_page_size(50)).await;
    page.wait_for_rows(&fifty).await;
    assert_eq!(page.text(".cs-range"), format!("1\u{2013}50 of {count}"));
    assert!(page.button_disabled("Previous"));
}

#[wasm_bindgen_test]
async fn a_row_expands_to_its_flows_and_stays_open_across_refresh() {
    // Slow answers, so the refresh is seen in flight.
    let page = mount_app(api_base(Some("slow-150")));
    let expected = server_page(&StageQuery::default()).await;
    page.wait_for_rows(&expected).await;
    let (index, stage) = expected
        .results
        .iter()
        .enumerate()
        .find(|(_, s)| s.flow_set.len() >= 2)
        .expect("the demo data has a stage used by several flows");

    let toggle = format!("tbody tr.cs-row:nth-of-type({}) button.cs-toggle", index * 2 + 1);
    assert_eq!(page.get(&toggle).get_attribute("aria-expanded").unwrap(), "false");
    let label = page.get(&toggle).get_attribute("aria-label").unwrap();
    assert_eq!(label, format!("Show flows of {}", stage.name));
    page.click(&toggle);
    page.wait_until("the flows", |p| !p.all(".cs-flow").is_empty()).await;
    assert_eq!(page.get(&toggle).get_attribute("aria-expanded").unwrap(), "true");

    let flow_names: Vec<String> =
        page.all(".cs-flow .cs-flow-name").iter().map(|a| a.text_content().unwrap()).collect();
    let expected_names: Vec<String> = stage.flow_set.iter().map(|f| f.name.clone()).collect();
    assert_eq!(flow_names, expected_names);
    let first_flow = &stage.flow_set[0];
    let item = page.text(".cs-flow");
    assert!(item.contains(&first_flow.slug) && item.contains(&first_flow.title), "{item}");
    let export = page.get(".cs-flow dd.cs-wrap a");
    assert_eq!(
        export.get_attribute("href").unwrap(),
        format!("{}{}", standin_url(), first_flow.export_url)
    );

    page.click_button("Refresh");
    page.wait_until("the reload to start", |p| p.find("table[aria-busy=true]").is_some()).await;
    assert!(page.find(".cs-progress-active").is_some(), "a later load shows the progress bar");
    assert_eq!(page.stage_names().len(), expected.results.len(), "old rows stay while loading");
    page.wait_for_rows(&expected).await;
    assert_eq!(page.get(&toggle).get_attribute("aria-expanded").unwrap(), "true");
    assert_eq!(page.all(".cs-flow").len(), stage.flow_set.len());

    page.click(&toggle);
    page.wait_until("the row to collapse", |p| p.all(".cs-flow").is_empty()).await;
}

#[wasm_bindgen_test]
async fn an_empty_server_says_so() {
    let page = mount_app(api_base(Some("empty")));
    page.wait_until("the empty state", |p| p.find(".cs-empty").is_some()).await;
    assert!(page.text(".cs-empty").contains("No captcha stages yet"));
    assert_eq!(page.status(), "No captcha stages yet");
    assert!(page.find("table").is_none());
}

#[wasm_bindgen_test]
async fn a_server_error_is_an_alert_with_the_status() {
    let page = mount_app(api_base(Some("status-503")));
    page.wait_until("the alert", |p| p.find("[role=alert]").is_some()).await;
    assert!(page.text("[role=alert]").contains("HTTP 503 Service Unavailable"));
    assert!(page.find("table").is_none());
}

#[wasm_bindgen_test]
async fn retry_recovers_from_a_failed_request() {
    let page = mount_app(api_base(Some(&format!("flaky-{}", unique_key()))));
    page.wait_until("the alert", |p| p.find("[role=alert]").is_some()).await;
    page.click_button("Retry");
    page.wait_until("rows after retry", |p| p.stage_names().len() == 20).await;
    assert!(page.find("[role=alert]").is_none());
}

#[wasm_bindgen_test]
async fn a_required_token_is_explained_and_then_used() {
    let page = mount_app(api_base(Some("token-s3cret")));
    page.wait_until("the alert", |p| p.find("[role=alert]").is_some()).await;
    let alert = page.text("[role=alert]");
    assert!(alert.contains("Authentication credentials were not provided."), "{alert}");
    assert!(alert.contains("API token"), "{alert}");

    let input: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(page.get(".cs-token input[type=password]"));
    input.set_value("wrong");
    page.click_button("Use token");
    page.wait_until("the wrong-token alert", |p| {
        p.find("[role=alert]")
            .is_some_and(|a| a.text_content().unwrap().contains("Token invalid/expired"))
    })
    .await;

    input.set_value("s3cret");
    page.click_button("Use token");
    page.wait_until("rows with the token", |p| p.stage_names().len() == 20).await;
    assert!(page.text(".cs-token summary").contains("set"));
}
