use captcha_stages::{App, PageConfig};
use leptos::prelude::*;

fn main() {
    // A panic logs its message to the console instead of dying silently.
    console_error_panic_hook::set_once();
    let config = PageConfig::from_document();
    leptos::mount::mount_to_body(move || view! { <App config /> });
}
