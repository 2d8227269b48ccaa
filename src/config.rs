//! How the page is configured by whoever serves it.

use std::time::Duration;

use crate::api::DEFAULT_PAGE_SIZE;
use crate::stage_list::DEFAULT_TIMEOUT;

/// `<meta name="captcha-stages-api-base" content="...">` in `index.html`
/// overrides the API base; without it the page calls its own origin.
const API_BASE_META: &str = "captcha-stages-api-base";
const PAGE_SIZE_META: &str = "captcha-stages-page-size";

/// The default API base: authentik's, on the page's own origin, so the built
/// page works when served next to authentik with the session cookie.
pub const DEFAULT_API_BASE: &str = "/api/v3";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageConfig {
    pub api_base: String,
    pub page_size: u32,
    /// How long a list request may take before the page reports a timeout.
    pub timeout: Duration,
}

impl Default for PageConfig {
    fn default() -> Self {
        Self {
            api_base: DEFAULT_API_BASE.to_owned(),
            page_size: DEFAULT_PAGE_SIZE,
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
            .unwrap_or(defaults.api_base);
        let page_size = meta_content(PAGE_SIZE_META)
            .and_then(|size| size.trim().parse().ok())
            .filter(|size| (1..=1000).contains(size))
            .unwrap_or(defaults.page_size);
        Self { api_base, page_size, ..defaults }
    }
}

fn meta_content(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document.query_selector(&format!("meta[name=\"{name}\"]")).ok()??;
    meta.get_attribute("content")
}
