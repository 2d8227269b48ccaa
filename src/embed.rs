//! Embedding: the `<captcha-stages>` element and the JavaScript `mount()`
//! API for hosts that prefer code to markup.
//!
//! ```js
//! import init, { mount } from './captcha-stages.js';
//! await init();
//! const table = mount(document.querySelector('#stages'), { 'api-base': '/api/v3' });
//! table.refresh();
//! table.unmount();
//! ```

use std::any::Any;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use crate::{App, PageConfig};

/// The event authentik's own admin sends to make a table reload.
pub const REFRESH_EVENT: &str = "ak-refresh";

#[wasm_bindgen(module = "/src/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element_with(mount: &Closure<dyn Fn(HtmlElement, JsValue) -> JsValue>);
}

/// What the built page's `main` does. The browser tests do not call it, so
/// they keep their own panic hook.
pub fn start() {
    crate::panic::install_panic_hook();
    define_element();
}

/// Defines `<captcha-stages>`; safe to call more than once.
pub fn define_element() {
    let mount = Closure::<dyn Fn(HtmlElement, JsValue) -> JsValue>::new(|element, options| {
        mount(element, options).map_or_else(|error| error, JsValue::from)
    });
    define_element_with(&mount);
    // The element class keeps calling it for as long as the page lives.
    mount.forget();
}

/// Mounts the stage table into `element`. `options` is an object with any
/// of `api-base`, `token`, `page-size`, `ordering`, `url-sync`, `url-prefix`
/// and `theme` (camelCase works too); what is missing comes from the
/// document's `<meta>` settings or the defaults.
#[wasm_bindgen]
pub fn mount(element: HtmlElement, options: JsValue) -> Result<StagesHandle, JsValue> {
    let config = PageConfig::from_options(&options, PageConfig::from_document());
    let host = element.clone();
    let mounted = leptos::mount::mount_to(element.clone(), move || view! { <App config host /> });
    Ok(StagesHandle { mounted: Some(Box::new(mounted)), host: element })
}

/// A mounted table, as handed to JavaScript.
#[wasm_bindgen]
pub struct StagesHandle {
    /// Dropping Leptos' unmount handle removes the table and runs every
    /// cleanup: requests are aborted, listeners and timers removed.
    mounted: Option<Box<dyn Any>>,
    host: HtmlElement,
}

#[wasm_bindgen]
impl StagesHandle {
    /// Removes the table and everything it started.
    pub fn unmount(&mut self) {
        self.mounted.take();
    }

    /// Reloads the current view.
    pub fn refresh(&self) {
        if let Ok(event) = web_sys::Event::new(REFRESH_EVENT) {
            let _ = self.host.dispatch_event(&event);
        }
    }
}
