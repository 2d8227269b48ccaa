//! Embedding: the `<captcha-stages>` element, the JS `mount()` API, URL
//! state and themes, against the running stand-in.
#![cfg(target_arch = "wasm32")]

mod support;

use captcha_stages::api::{SortField, StageQuery};
use captcha_stages::embed::{define_element, mount};
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A `<captcha-stages>` element with `attributes`, added to the document.
fn element(attributes: &[(&str, &str)]) -> Mounted {
    define_element();
    ensure_stylesheet();
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("captcha-stages").unwrap().unchecked_into();
    for (name, value) in attributes {
        root.set_attribute(name, value).unwrap();
    }
    document.body().unwrap().append_child(&root).unwrap();
    Mounted::around(root)
}

fn location_search() -> String {
    web_sys::window().unwrap().location().search().unwrap()
}

fn set_location_search(search: &str) {
    let history = web_sys::window().unwrap().history().unwrap();
    let path = web_sys::window().unwrap().location().pathname().unwrap();
    history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{search}"))).unwrap();
}

fn dispatch(target: &Element, event: &str) {
    target.dispatch_event(&web_sys::Event::new(event).unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn the_element_reads_its_attributes() {
    let table =
        element(&[("api-base", &api_base(None)), ("page-size", "10"), ("ordering", "-name")]);
    let query = StageQuery::default().with_page_size(10).sorted_by(SortField::Name);
    table.wait_for_rows(&server_page(&query).await).await;
    assert_eq!(table.aria_sort("Name"), "descending");
    assert_eq!(table.text(".cs-range"), "1\u{2013}10 of 60");
}

#[wasm_bindgen_test]
async fn changing_an_attribute_reloads_with_it() {
    let table = element(&[("api-base", &api_base(None))]);
    table.wait_for_rows(&server_page(&StageQuery::default()).await).await;
    table.root.set_attribute("api-base", &api_base(Some("empty"))).unwrap();
    table.wait_until("the empty state", |t| t.find(".cs-empty").is_some()).await;
    table.root.set_attribute("api-base", &api_base(Some("token-abc"))).unwrap();
    table.wait_until("the 403", |t| t.find("[role=alert]").is_some()).await;
    table.root.set_attribute("token", "abc").unwrap();
    table.wait_until("rows with the token", |t| t.stage_names().len() == 20).await;
}

#[wasm_bindgen_test]
async fn ak_refresh_reloads_and_removal_leaves_nothing_running() {
    let spec = format!("label-{}", unique_key());
    let table = element(&[("api-base", &api_base(Some(&spec))), ("url-sync", "")]);
    table.wait_until("rows", |t| t.stage_names().len() == 20).await;
    assert_eq!(request_count(&spec).await, 1);

    dispatch(&table.root, "ak-refresh");
    table.wait_until("the refresh", |_| true).await;
    pause(300).await;
    assert_eq!(request_count(&spec).await, 2, "ak-refresh reloads once");

    // Start a search, then remove the element before the debounce fires.
    table.type_search("turnstile");
    table.root.remove();
    assert_eq!(table.root.child_element_count(), 0, "the table is gone");
    dispatch(&table.root, "ak-refresh");
    dispatch(&web_sys::window().unwrap().unchecked_into(), "popstate");
    pause(600).await;
    assert_eq!(request_count(&spec).await, 2, "no timer, listener or request outlived it");
}

#[wasm_bindgen_test]
async fn two_tables_on_one_page_stay_independent() {
    let first = element(&[("api-base", &api_base(None))]);
    let second = element(&[("api-base", &api_base(None)), ("page-size", "10")]);
    let all = server_page(&StageQuery::default()).await;
    first.wait_for_rows(&all).await;
    second.wait_for_rows(&server_page(&StageQuery::default().with_page_size(10)).await).await;

    first.type_search("hcaptcha");
    first.press_in_search("Enter");
    let matches = server_page(&StageQuery::default().with_search("hcaptcha".into())).await;
    first.wait_for_rows(&matches).await;
    second.click_button("Next");
    let second_page = server_page(&StageQuery::default().with_page_size(10).with_page(2)).await;
    second.wait_for_rows(&second_page).await;
    first.wait_for_rows(&matches).await;
    assert_eq!(second.search_value(), "");

    // Both show the same stages, yet every id on the page is unique (the
    // expand toggles point at their rows with `aria-controls`).
    for table in [&first, &second] {
        for toggle in table.all("button.cs-toggle") {
            toggle.unchecked_into::<HtmlElement>().click();
        }
    }
    let document = web_sys::window().unwrap().document().unwrap();
    let with_id = document.query_selector_all("[id]").unwrap();
    let ids: Vec<String> = (0..with_id.length())
        .map(|i| with_id.item(i).unwrap().unchecked_into::<Element>().id())
        .collect();
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids: {ids:?}");
    for toggle in first.all("button.cs-toggle") {
        let target = toggle.get_attribute("aria-controls").unwrap();
        assert!(document.get_element_by_id(&target).is_some(), "{target} is missing");
    }
}

#[wasm_bindgen_test]
async fn the_view_round_trips_through_the_url_and_back_restores_it() {
    set_location_search("?keep=1");
    let table = element(&[("api-base", &api_base(None)), ("url-sync", ""), ("url-prefix", "t1.")]);
    table.wait_for_rows(&server_page(&StageQuery::default()).await).await;
    assert_eq!(location_search(), "?keep=1", "the default view adds nothing");

    table.click_sort("Name");
    let descending = StageQuery::default().sorted_by(SortField::Name);
    table.wait_for_rows(&server_page(&descending).await).await;
    table.click_button("Next");
    table.wait_for_rows(&server_page(&descending.with_page(2)).await).await;
    assert_eq!(location_search(), "?keep=1&t1.ordering=-name&t1.page=2");

    // A search adds one entry, and typing on replaces it instead of adding
    // one per pause.
    let length = web_sys::window().unwrap().history().unwrap().length().unwrap();
    table.type_search("re");
    table.press_in_search("Enter");
    table.wait_until("the URL", |_| location_search().contains("search=re")).await;
    table.type_search("rec");
    table.press_in_search("Enter");
    let searched = descending.with_search("rec".into());
    table.wait_for_rows(&server_page(&searched).await).await;
    assert_eq!(location_search(), "?keep=1&t1.search=rec&t1.ordering=-name");
    assert_eq!(web_sys::window().unwrap().history().unwrap().length().unwrap(), length + 1);

    // Back returns to page 2 of the descending order, without the search.
    web_sys::window().unwrap().history().unwrap().back().unwrap();
    table.wait_for_rows(&server_page(&descending.with_page(2)).await).await;
    assert_eq!(table.search_value(), "");
    assert_eq!(table.aria_sort("Name"), "descending");

    // A new table reading the same URL shows the same view.
    let shared = location_search();
    drop(table);
    set_location_search(&shared);
    let reopened =
        element(&[("api-base", &api_base(None)), ("url-sync", ""), ("url-prefix", "t1.")]);
    reopened.wait_for_rows(&server_page(&descending.with_page(2)).await).await;
    drop(reopened);
    set_location_search("");
}

#[wasm_bindgen_test]
async fn invalid_url_values_fall_back_to_the_defaults() {
    set_location_search("?t2.page=abc&t2.page_size=-3&t2.ordering=%3Cscript%3E");
    let table = element(&[("api-base", &api_base(None)), ("url-sync", ""), ("url-prefix", "t2.")]);
    table.wait_for_rows(&server_page(&StageQuery::default()).await).await;
    assert!(table.find("[role=alert]").is_none());
    drop(table);
    set_location_search("");
}

#[wasm_bindgen_test]
async fn without_url_sync_the_url_is_left_alone() {
    set_location_search("?page=3");
    let table = element(&[("api-base", &api_base(None))]);
    table.wait_for_rows(&server_page(&StageQuery::default()).await).await;
    table.click_button("Next");
    table.wait_for_rows(&server_page(&StageQuery::default().with_page(2)).await).await;
    assert_eq!(location_search(), "?page=3");
    drop(table);
    set_location_search("");
}

#[wasm_bindgen_test]
async fn themes_and_host_variables_apply() {
    let table = element(&[("api-base", &api_base(None)), ("theme", "dark")]);
    table.root.style().set_property("--captcha-stages-accent", "rgb(1, 2, 3)").unwrap();
    table.wait_until("rows", |t| t.stage_names().len() == 20).await;
    let window = web_sys::window().unwrap();
    let style = |selector: &str, property: &str| {
        let element = table.get(selector);
        window.get_computed_style(&element).unwrap().unwrap().get_property_value(property).unwrap()
    };
    assert!(table.get(".cs-page").class_list().contains("cs-theme-dark"));
    assert_eq!(style(".cs-page", "background-color"), "rgb(21, 21, 21)");
    assert_eq!(style(".cs-button", "color"), "rgb(1, 2, 3)");

    let light = element(&[("api-base", &api_base(None)), ("theme", "light")]);
    light.wait_until("rows", |t| t.stage_names().len() == 20).await;
    let page = light.get(".cs-page");
    let background = window.get_computed_style(&page).unwrap().unwrap();
    assert_eq!(background.get_property_value("background-color").unwrap(), "rgb(240, 240, 240)");
}

#[wasm_bindgen_test]
async fn the_js_api_mounts_refreshes_and_unmounts() {
    let spec = format!("label-{}", unique_key());
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"apiBase".into(), &api_base(Some(&spec)).into()).unwrap();
    js_sys::Reflect::set(&options, &"pageSize".into(), &JsValue::from(50)).unwrap();
    let mut handle = mount(host.clone(), options.into()).unwrap();
    let table = Mounted::around(host);
    table.wait_until("50 rows", |t| t.stage_names().len() == 50).await;

    handle.refresh();
    pause(300).await;
    assert_eq!(request_count(&spec).await, 2);
    handle.unmount();
    assert!(table.find(".cs-page").is_none(), "unmount removes the table");
}
