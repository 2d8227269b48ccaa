//! Which captcha provider a stage talks to, read from its `js_url`.
//!
//! authentik stores only URLs, not a provider name, so this is a best guess
//! from the host. reCAPTCHA v2 and v3 load the same script and cannot be told
//! apart from the list payload, so they are both just "reCAPTCHA".

/// `js_url` of stages created before 2022.12, which had no URL fields and
/// always used Google's reCAPTCHA (the server default).
const DEFAULT_JS_URL: &str = "https://www.recaptcha.net/recaptcha/api.js";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Provider {
    ReCaptcha,
    ReCaptchaEnterprise,
    HCaptcha,
    Turnstile,
    /// A self-hosted or unknown provider, named by its host.
    Custom {
        host: String,
    },
    /// `js_url` is not an absolute http(s) URL.
    Unknown,
}

impl Provider {
    /// Derives the provider from a stage's `js_url`; a missing URL means the
    /// server default (reCAPTCHA).
    pub fn from_js_url(js_url: Option<&str>) -> Self {
        let url = js_url.unwrap_or(DEFAULT_JS_URL);
        let Some((host, path)) = split_http_url(url) else {
            return Self::Unknown;
        };
        match host.as_str() {
            "www.recaptcha.net" | "recaptcha.net" | "www.google.com" | "google.com" => {
                if path.contains("/enterprise") {
                    Self::ReCaptchaEnterprise
                } else {
                    Self::ReCaptcha
                }
            }
            "js.hcaptcha.com" | "hcaptcha.com" | "www.hcaptcha.com" => Self::HCaptcha,
            "challenges.cloudflare.com" => Self::Turnstile,
            _ => Self::Custom { host },
        }
    }

    pub fn label(&self) -> &str {
        match self {
            Self::ReCaptcha => "reCAPTCHA",
            Self::ReCaptchaEnterprise => "reCAPTCHA Enterprise",
            Self::HCaptcha => "hCaptcha",
            Self::Turnstile => "Cloudflare Turnstile",
            Self::Custom { host } => host,
            Self::Unknown => "Unknown",
        }
    }
}

/// Lower-cased host (without port or credentials) and path of an absolute
/// http(s) URL. Hand-rolled because the `url` crate's IDNA tables would cost
/// more wasm than the rest of this page's parsing needs.
fn split_http_url(url: &str) -> Option<(String, &str)> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    let host = match host_port.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => host_port,
    };
    (!host.is_empty()).then(|| (host.to_ascii_lowercase(), path))
}

#[cfg(test)]
mod tests {
    use super::Provider::{self, *};

    fn of(js_url: &str) -> Provider {
        Provider::from_js_url(Some(js_url))
    }

    #[test]
    fn known_providers_are_named() {
        assert_eq!(of("https://www.recaptcha.net/recaptcha/api.js"), ReCaptcha);
        assert_eq!(of("https://www.google.com/recaptcha/api.js"), ReCaptcha);
        assert_eq!(of("https://www.recaptcha.net/recaptcha/enterprise.js"), ReCaptchaEnterprise);
        assert_eq!(of("https://js.hcaptcha.com/1/api.js"), HCaptcha);
        assert_eq!(of("https://challenges.cloudflare.com/turnstile/v0/api.js"), Turnstile);
        assert_eq!(of("HTTPS://JS.HCAPTCHA.COM/1/api.js?hl=de"), HCaptcha);
    }

    #[test]
    fn a_missing_url_is_the_server_default() {
        assert_eq!(Provider::from_js_url(None), ReCaptcha);
    }

    #[test]
    fn custom_hosts_are_named_by_host_without_port_or_credentials() {
        let custom = of("https://user:pw@captcha.internal.example:8443/api.js");
        assert_eq!(custom, Custom { host: "captcha.internal.example".into() });
        assert_eq!(custom.label(), "captcha.internal.example");
        assert_eq!(of("http://10.0.0.5/api.js").label(), "10.0.0.5");
    }

    #[test]
    fn non_http_urls_are_unknown() {
        for url in ["", "api.js", "javascript:alert(1)", "ftp://x/y", "https://"] {
            assert_eq!(of(url), Unknown, "{url}");
        }
    }
}
