//! Helpers for the browser tests: mount the real app against the running
//! stand-in, drive it through the DOM, and ask the stand-in directly what
//! the right answer is.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

use std::time::Duration;

use captcha_stages::api::{ApiClient, StagePage, StageQuery};
use captcha_stages::{App, PageConfig};
use gloo_timers::future::sleep;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// The stand-in's address, fixed when the tests are compiled
/// (`scripts/test` starts it with `--cors` and sets `STANDIN_URL`).
pub fn standin_url() -> &'static str {
    option_env!("STANDIN_URL").unwrap_or("http://127.0.0.1:8788")
}

/// The API base of the stand-in, optionally behind a scenario such as
/// `empty` or `status-503`.
pub fn api_base(scenario: Option<&str>) -> String {
    match scenario {
        Some(spec) => format!("{}/scenario/{spec}/api/v3", standin_url()),
        None => format!("{}/api/v3", standin_url()),
    }
}

/// A key no other test (or earlier run) has used, for `flaky-<key>`.
pub fn unique_key() -> String {
    format!("{}", (js_sys::Math::random() * 1e12) as u64)
}

/// The app mounted into its own element; unmounted and removed on drop.
pub struct Mounted {
    pub root: HtmlElement,
    _handle: Option<Box<dyn std::any::Any>>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

pub fn mount_app(api_base: String) -> Mounted {
    mount_app_with(PageConfig { api_base, ..PageConfig::default() })
}

/// The page's own stylesheet, so layout checks see what admins see.
const STYLESHEET: &str = include_str!("../../style/main.css");

pub fn ensure_stylesheet() {
    let document = document();
    if document.get_element_by_id("cs-test-style").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("cs-test-style");
        style.set_text_content(Some(STYLESHEET));
        document.head().unwrap().append_child(&style).unwrap();
    }
}

pub fn mount_app_with(config: PageConfig) -> Mounted {
    ensure_stylesheet();
    let document = document();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = mount_to(root.clone(), move || view! { <App config /> });
    Mounted { root, _handle: Some(Box::new(handle)) }
}

impl Mounted {
    /// An element that mounts the table itself (`<captcha-stages>`).
    pub fn around(root: HtmlElement) -> Self {
        Mounted { root, _handle: None }
    }

    pub fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    pub fn get(&self, selector: &str) -> Element {
        self.find(selector).unwrap_or_else(|| panic!("no element matches {selector}"))
    }

    pub fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
    }

    pub fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    /// The names in the table, top to bottom.
    pub fn stage_names(&self) -> Vec<String> {
        self.all("tbody tr.cs-row .cs-name")
            .iter()
            .map(|cell| cell.text_content().unwrap_or_default())
            .collect()
    }

    pub fn status(&self) -> String {
        self.text("[role=status]")
    }

    pub fn click(&self, selector: &str) {
        self.get(selector).unchecked_into::<HtmlElement>().click();
    }

    /// Clicks the first button whose visible text is `label`.
    pub fn click_button(&self, label: &str) {
        let button = self
            .all("button")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default().trim() == label)
            .unwrap_or_else(|| panic!("no button {label:?}"));
        button.unchecked_into::<HtmlElement>().click();
    }

    pub fn button_disabled(&self, label: &str) -> bool {
        self.all("button")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default().trim() == label)
            .unwrap_or_else(|| panic!("no button {label:?}"))
            .has_attribute("disabled")
    }

    /// Types into the search box the way a browser reports it: the value
    /// changes, then an `input` event fires.
    pub fn type_search(&self, text: &str) {
        let input: HtmlInputElement = self.get("input[type=search]").unchecked_into();
        input.set_value(text);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
        input.dispatch_event(&event).unwrap();
    }

    pub fn press_in_search(&self, key: &str) {
        let input = self.get("input[type=search]");
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        let event =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        input.dispatch_event(&event).unwrap();
    }

    pub fn search_value(&self) -> String {
        self.get("input[type=search]").unchecked_into::<HtmlInputElement>().value()
    }

    pub fn select_page_size(&self, size: u32) {
        let select: HtmlSelectElement = self.get(".cs-page-size select").unchecked_into();
        select.set_value(&size.to_string());
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let event = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
        select.dispatch_event(&event).unwrap();
    }

    /// Clicks the sort button of the column whose header starts with `label`.
    pub fn click_sort(&self, label: &str) {
        let th = self.column(label);
        th.query_selector("button").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    }

    fn column(&self, label: &str) -> Element {
        self.all("thead th")
            .into_iter()
            .find(|th| th.text_content().unwrap_or_default().trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no column {label:?}"))
    }

    /// `aria-sort` of the column header whose text starts with `label`.
    pub fn aria_sort(&self, label: &str) -> String {
        self.column(label).get_attribute("aria-sort").unwrap_or_default()
    }

    /// Waits until `ready` holds, polling the DOM; fails the test with
    /// `what` after five seconds.
    pub async fn wait_until(&self, what: &str, ready: impl Fn(&Self) -> bool) {
        for _ in 0..250 {
            if ready(self) {
                return;
            }
            sleep(Duration::from_millis(20)).await;
        }
        panic!("timed out waiting for {what}; page text: {}", self.root.inner_text());
    }

    /// Waits until the table shows exactly the rows of `expected`.
    pub async fn wait_for_rows(&self, expected: &StagePage) {
        let names: Vec<String> = expected.results.iter().map(|s| s.name.clone()).collect();
        self.wait_until(&format!("rows {names:?}"), |page| {
            page.stage_names() == names && page.find("table[aria-busy=false]").is_some()
        })
        .await;
    }
}

/// What the stand-in answers for `query`, fetched by the data layer itself
/// outside the app: the reference the page must agree with.
pub async fn server_page(query: &StageQuery) -> StagePage {
    ApiClient::new(api_base(None), None)
        .list_stages(query, None)
        .await
        .unwrap_or_else(|e| panic!("the stand-in at {} failed: {e}", standin_url()))
}

/// How many list requests the stand-in has seen for a scenario spec.
pub async fn request_count(spec: &str) -> u64 {
    let url = format!("{}/scenario/{spec}/requests", standin_url());
    let response = gloo_net::http::Request::get(&url).send().await.expect("the stand-in answers");
    response.json().await.expect("a count")
}

/// The URLs this page has fetched that contain `part` (from the browser's
/// resource timing entries), as the server received them.
pub fn fetched_urls(part: &str) -> Vec<String> {
    let performance = web_sys::window().unwrap().performance().unwrap();
    let entries = performance.get_entries_by_type("resource");
    entries
        .iter()
        .filter_map(|entry| entry.unchecked_into::<web_sys::PerformanceEntry>().name().into())
        .filter(|name: &String| name.contains(part))
        .collect()
}

/// Lets timers and queued reactive work run.
pub async fn pause(ms: u64) {
    sleep(Duration::from_millis(ms)).await;
}
