//! The built page: defines `<captcha-stages>`, which `index.html` (or a
//! host page) uses.

fn main() {
    captcha_stages::embed::start();
}
