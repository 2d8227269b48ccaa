use captcha_stages::{App, PageConfig};
use leptos::prelude::*;

fn main() {
    captcha_stages::panic::install_panic_hook();
    let config = PageConfig::from_document();
    leptos::mount::mount_to_body(move || view! { <App config /> });
}
