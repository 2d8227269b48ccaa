//! How the page is configured by whoever serves or embeds it.

use std::time::Duration;

use wasm_bindgen::JsValue;

use crate::api::{Ordering, DEFAULT_PAGE_SIZE};
use crate::stage_list::DEFAULT_TIMEOUT;

/// `<meta name="captcha-stages-api-base" content="...">` in `index.html`
/// overrides the API base; without it the page calls its own origin.
const API_BASE_META: &str = "captcha-stages-api-base";
const PAGE_SIZE_META: &str = "captcha-stages-page-size";

/// The default API base: authentik's, on the page's own origin, so the built
/// page works when served next to authentik with the session cookie.
pub const DEFAULT_API_BASE: &str = "/api/v3";

/// Colours: the system's (`prefers-color-scheme`) unless the host decides.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    fn parse(value: &str) -> Self {
        match value.trim() {
            "light" => Self::Light,
            "dark" => Self::Dark,
            _ => Self::Auto,
        }
    }

    /// The class the root element gets; CSS does the rest.
    pub fn class(self) -> &'static str {
        match self {
            Self::Auto => "cs-page",
            Self::Light => "cs-page cs-theme-light",
            Self::Dark => "cs-page cs-theme-dark",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageConfig {
    pub api_base: String,
    pub page_size: u32,
    pub ordering: Ordering,
    /// Given by the host; admins can also enter one in the page.
    pub token: Option<String>,
    /// Keep the view in the page URL (standalone: on; embedded: opt-in).
    pub url_sync: bool,
    /// Prefix of this table's URL keys, so two tables on a page differ.
    pub url_prefix: String,
    pub theme: Theme,
    /// How long a list request may take before the page reports a timeout.
    pub timeout: Duration,
}

impl Default for PageConfig {
    fn default() -> Self {
        Self {
            api_base: DEFAULT_API_BASE.to_owned(),
            page_size: DEFAULT_PAGE_SIZE,
            ordering: Ordering::default(),
            token: None,
            url_sync: false,
            url_prefix: String::new(),
            theme: Theme::Auto,
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

impl PageConfig {
    /// Reads the `<meta>` settings of the hosting document; anything missing
    /// or unusable keeps its default.
    pub fn from_document() -> Self {
        let defaults = Self::default();
        let api_base = meta_content(API_BASE_META)
            .filter(|base| !base.trim().is_empty())
            .unwrap_or(defaults.api_base.clone());
        let page_size = meta_content(PAGE_SIZE_META)
            .and_then(|size| parse_page_size(&size))
            .unwrap_or(defaults.page_size);
        Self { api_base, page_size, ..defaults }
    }

    /// Applies the options of the element's attributes or of `mount()`:
    /// kebab-case names as the attributes spell them, or camelCase. Values
    /// may be strings, numbers or booleans; unusable ones are ignored.
    pub fn from_options(options: &JsValue, fallback: Self) -> Self {
        let get = |name: &str| option(options, name);
        let mut config = fallback;
        if let Some(base) = get("api-base").filter(|base| !base.trim().is_empty()) {
            config.api_base = base;
        }
        if let Some(size) = get("page-size").and_then(|size| parse_page_size(&size)) {
            config.page_size = size;
        }
        if let Some(ordering) = get("ordering").and_then(|o| Ordering::parse(o.trim())) {
            config.ordering = ordering;
        }
        if let Some(token) = get("token").filter(|token| !token.trim().is_empty()) {
            config.token = Some(token);
        }
        if let Some(sync) = get("url-sync") {
            // A bare attribute (`<captcha-stages url-sync>`) reads as "".
            config.url_sync = !matches!(sync.trim(), "false" | "off" | "0");
        }
        if let Some(prefix) = get("url-prefix") {
            config.url_prefix = prefix;
        }
        if let Some(theme) = get("theme") {
            config.theme = Theme::parse(&theme);
        }
        config
    }
}

fn parse_page_size(value: &str) -> Option<u32> {
    value.trim().parse().ok().filter(|size| (1..=1000).contains(size))
}

/// An option by its kebab-case name, or the camelCase spelling of it.
fn option(options: &JsValue, name: &str) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    let camel: String = name
        .split('-')
        .enumerate()
        .map(
            |(i, word)| {
                if i == 0 {
                    word.to_owned()
                } else {
                    word[..1].to_uppercase() + &word[1..]
                }
            },
        )
        .collect();
    let found = [name, camel.as_str()].into_iter().find_map(|key| {
        let value = js_sys::Reflect::get(options, &JsValue::from_str(key)).ok()?;
        if let Some(text) = value.as_string() {
            Some(text)
        } else if let Some(number) = value.as_f64() {
            Some(number.to_string())
        } else {
            value.as_bool().map(|flag| flag.to_string())
        }
    });
    found
}

fn meta_content(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document.query_selector(&format!("meta[name=\"{name}\"]")).ok()??;
    meta.get_attribute("content")
}
