//! How the API behaves, and the scenario specs that change it for one request.
//!
//! Browser tests share one running stand-in but each needs its own state of the page (empty,
//! slow, failing, ...). A spec in the URL, `/scenario/empty+slow-200/api/v3/stages/captcha/`,
//! asks for such a state without restarting the server. The parts, joined by `+`:
//!
//! - `empty`: the server holds no stages (the same as `stages-0`).
//! - `stages-<n>`: the server holds the first `n` demo stages.
//! - `status-<code>`: answer with this 4xx or 5xx status and the body its producer would send.
//! - `token-<token>`: demand `Authorization: Bearer <token>`.
//! - `slow-<ms>`: wait this long before answering.
//! - `flaky-<key>`: the first request ever made with this key gets the proxy's 503.
//! - `shape-<version>`: speak this release's JSON and page-size rules.
//! - `stagger-<ms>`: requests are counted per spec string; request k (from 0) waits `ms / (k + 1)`
//!   ms (whole milliseconds, on top of `slow`), so an older request answers after a newer one.
//! - `hang`: never answer; the connection stays open until the client gives up (or, after an
//!   hour, the server does, with a proxy's 504).
//! - `nocors`: no CORS headers on any answer under this spec, preflights included, even when the
//!   server runs with `--cors`, so a browser refuses it like a real cross-origin authentik.
//! - `body-<kind>`: a 200 with an odd body instead of the list, after the delays, failures and
//!   the token check; the kinds are listed in `canned.rs`.
//! - `shrink-<n>`: from request n (from 0) of this spec on, the server holds half its stages, as
//!   if some were deleted while the page was open (page 3 of 60 becomes a 404).
//! - `label-<text>`: changes nothing; makes the spec unique, so its request count starts at 0.
//!
//! Every spec's list requests are counted; `GET /scenario/<spec>/requests` answers the count.
//!
//! A later part wins over an earlier one of the same kind. `stagger` counts per spec string, so a
//! test that must start from request 0 on a long-running server can make its spec unique with a
//! label: `stagger-<ms>-<label>` waits like `stagger-<ms>` but is counted on its own.

use std::str::FromStr;
use std::time::Duration;

use axum::http::StatusCode;

use crate::canned::BodyKind;
use crate::data::MAX_STAGES;
use crate::shape::Shape;

/// How long a `hang` request is held before the server gives up on it: longer than any test.
pub const HANG: Duration = Duration::from_secs(60 * 60);

/// The parts a spec may hold, for messages that list them.
pub const KNOWN_PARTS: &str = "empty, status-<code>, token-<token>, slow-<ms>, flaky-<key>, \
     shape-<version>, stages-<n>, stagger-<ms>, hang, nocors, body-<kind>, shrink-<n>, \
     label-<text>";

/// Everything that decides how the API answers a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Behaviour {
    /// The bearer token the API demands; `None` lets every request in.
    pub token: Option<String>,
    /// Waited before answering, to show loading states.
    pub latency: Duration,
    /// Answer every request with this status instead of the list.
    pub fail_status: Option<StatusCode>,
    pub shape: Shape,
    /// How many demo stages the server holds.
    pub stages: usize,
    /// The first request carrying this key fails with a 503; later ones succeed.
    pub flaky_key: Option<String>,
    /// Milliseconds that request k (from 0) of one spec adds to `latency`, divided by `k + 1`.
    pub stagger_ms: Option<u64>,
    /// Never answer.
    pub hang: bool,
    /// Answer 200 with this odd body instead of the list.
    pub body: Option<BodyKind>,
    /// From request n (from 0) of one spec on, the server holds half its stages, as if an admin
    /// deleted some while another pages through them.
    pub shrink_after: Option<u64>,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            token: None,
            latency: Duration::ZERO,
            fail_status: None,
            shape: Shape::V2024_8,
            stages: 60,
            flaky_key: None,
            stagger_ms: None,
            hang: false,
            body: None,
            shrink_after: None,
        }
    }
}

/// A parsed spec: the parts joined by `+`, applied left to right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario(Vec<Part>);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Stages(usize),
    Status(StatusCode),
    Token(String),
    Latency(Duration),
    Flaky(String),
    Shape(Shape),
    Stagger(u64),
    Hang,
    /// Acted on by the HTTP layer before the request reaches the API; see [`refuses_cors`].
    NoCors,
    Body(BodyKind),
    ShrinkAfter(u64),
    /// Changes nothing; makes a spec, and so its request count, unique.
    Label,
}

impl Scenario {
    /// `base` with this scenario's changes; a later part wins over an earlier one.
    pub fn apply(&self, base: &Behaviour) -> Behaviour {
        let mut behaviour = base.clone();
        for part in &self.0 {
            match part {
                Part::Stages(count) => behaviour.stages = *count,
                Part::Status(status) => behaviour.fail_status = Some(*status),
                Part::Token(token) => behaviour.token = Some(token.clone()),
                Part::Latency(latency) => behaviour.latency = *latency,
                Part::Flaky(key) => behaviour.flaky_key = Some(key.clone()),
                Part::Shape(shape) => behaviour.shape = *shape,
                Part::Stagger(ms) => behaviour.stagger_ms = Some(*ms),
                Part::Hang => behaviour.hang = true,
                Part::NoCors => {}
                Part::Body(kind) => behaviour.body = Some(*kind),
                Part::ShrinkAfter(n) => behaviour.shrink_after = Some(*n),
                Part::Label => {}
            }
        }
        behaviour
    }
}

impl FromStr for Scenario {
    /// A sentence for the test author, naming the part that is wrong.
    type Err = String;

    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        spec.split('+').map(parse_part).collect::<Result<_, _>>().map(Scenario)
    }
}

fn parse_part(part: &str) -> Result<Part, String> {
    match part {
        "empty" => return Ok(Part::Stages(0)),
        "hang" => return Ok(Part::Hang),
        "nocors" => return Ok(Part::NoCors),
        _ => {}
    }
    let (kind, value) = part.split_once('-').unwrap_or((part, ""));
    let parsed = match kind {
        "status" => failure_status(value).map(Part::Status),
        "token" => non_empty(value, "a token").map(|token| Part::Token(token.to_owned())),
        "slow" => milliseconds(value).map(|ms| Part::Latency(Duration::from_millis(ms))),
        // Whatever follows the number only labels the spec; see the module docs.
        "stagger" => {
            milliseconds(value.split_once('-').map_or(value, |(ms, _label)| ms)).map(Part::Stagger)
        }
        "body" => value.parse().map(Part::Body),
        "flaky" => non_empty(value, "a key").map(|key| Part::Flaky(key.to_owned())),
        "shape" => value.parse().map(Part::Shape),
        "shrink" => value
            .parse()
            .map(Part::ShrinkAfter)
            .map_err(|_| format!("`{value}` is not a number of requests")),
        "label" => non_empty(value, "a label").map(|_| Part::Label),
        "stages" => stage_count(value).map(Part::Stages),
        _ => return Err(format!("unknown scenario part `{part}`; known parts: {KNOWN_PARTS}")),
    };
    parsed.map_err(|reason| format!("scenario part `{part}`: {reason}"))
}

fn milliseconds(value: &str) -> Result<u64, String> {
    value.parse().map_err(|_| format!("`{value}` is not a number of milliseconds"))
}

fn non_empty<'a>(value: &'a str, what: &str) -> Result<&'a str, String> {
    if value.is_empty() {
        Err(format!("needs {what} after the dash"))
    } else {
        Ok(value)
    }
}

/// A status the API can be told to fail with: a client or server error.
pub fn failure_status(raw: &str) -> Result<StatusCode, String> {
    raw.parse::<u16>()
        .ok()
        .filter(|code| (400..=599).contains(code))
        .and_then(|code| StatusCode::from_u16(code).ok())
        .ok_or_else(|| format!("`{raw}` is not an HTTP status from 400 to 599"))
}

/// A number of demo stages, bounded so a typo cannot exhaust memory.
pub fn stage_count(raw: &str) -> Result<usize, String> {
    raw.parse::<usize>()
        .ok()
        .filter(|count| *count <= MAX_STAGES)
        .ok_or_else(|| format!("`{raw}` is not a number of stages from 0 to {MAX_STAGES}"))
}

/// Whether `path` lies under a scenario whose spec holds `nocors`. The CORS layer asks this before
/// the spec is parsed, so a preflight for such a path never gets CORS headers either.
pub fn refuses_cors(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/scenario/") else {
        return false;
    };
    let spec = rest.split_once('/').map_or(rest, |(spec, _)| spec);
    spec.split('+').any(|part| part == "nocors")
}

/// The path as it may be logged: a token inside a scenario spec is replaced by `***`.
pub fn redact_path(path: &str) -> String {
    let Some(rest) = path.strip_prefix("/scenario/") else {
        return path.to_owned();
    };
    let (spec, tail) = rest.split_once('/').map_or((rest, None), |(spec, tail)| (spec, Some(tail)));
    let spec: Vec<&str> = spec
        .split('+')
        .map(|part| if part.starts_with("token-") { "token-***" } else { part })
        .collect();
    match tail {
        Some(tail) => format!("/scenario/{}/{tail}", spec.join("+")),
        None => format!("/scenario/{}", spec.join("+")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(spec: &str) -> Behaviour {
        spec.parse::<Scenario>().unwrap().apply(&Behaviour::default())
    }

    #[test]
    fn each_part_overrides_its_setting() {
        assert_eq!(applied("empty").stages, 0);
        assert_eq!(applied("stages-7").stages, 7);
        assert_eq!(applied("status-503").fail_status, Some(StatusCode::SERVICE_UNAVAILABLE));
        assert_eq!(
            applied("token-s3cr3t-with-dashes").token.as_deref(),
            Some("s3cr3t-with-dashes")
        );
        assert_eq!(applied("slow-250").latency, Duration::from_millis(250));
        assert_eq!(applied("flaky-run42").flaky_key.as_deref(), Some("run42"));
        assert_eq!(applied("shape-2026.5").shape, Shape::V2026_5);
        assert_eq!(applied("stagger-900").stagger_ms, Some(900));
        assert!(applied("hang").hang);
        assert_eq!(applied("body-markup").body, Some(BodyKind::Markup));
        assert_eq!(applied("body-futureenums").body, Some(BodyKind::FutureEnums));
    }

    #[test]
    fn a_stagger_label_only_makes_the_spec_distinct() {
        assert_eq!(applied("stagger-900-run7"), applied("stagger-900"));
        assert_eq!(applied("stagger-900-run-7-b").stagger_ms, Some(900));
    }

    #[test]
    fn nocors_is_left_to_the_http_layer() {
        assert_eq!(applied("nocors"), Behaviour::default());
        assert_eq!(applied("nocors+slow-5").latency, Duration::from_millis(5));
        assert!(refuses_cors("/scenario/nocors/api/v3/stages/captcha/"));
        assert!(refuses_cors("/scenario/slow-5+nocors+empty/api/v3/stages/captcha/"));
        assert!(refuses_cors("/scenario/nocors"));
        assert!(!refuses_cors("/scenario/slow-5/api/v3/stages/captcha/"));
        assert!(!refuses_cors("/scenario/flaky-nocors/api/v3/stages/captcha/"));
        assert!(!refuses_cors("/api/v3/stages/captcha/"));
        assert!(!refuses_cors("/nocors"));
    }

    #[test]
    fn parts_combine_and_later_ones_win() {
        let behaviour = applied("empty+slow-200+shape-2022.12");
        let expected = Behaviour {
            stages: 0,
            latency: Duration::from_millis(200),
            shape: Shape::V2022_12,
            ..Behaviour::default()
        };
        assert_eq!(behaviour, expected);
        assert_eq!(applied("empty+stages-3").stages, 3);
        assert_eq!(applied("stages-3+empty").stages, 0);
    }

    #[test]
    fn a_scenario_keeps_what_it_does_not_mention() {
        let base = Behaviour { token: Some("cli".into()), stages: 5, ..Behaviour::default() };
        let behaviour = "slow-10".parse::<Scenario>().unwrap().apply(&base);
        assert_eq!(behaviour, Behaviour { latency: Duration::from_millis(10), ..base });
    }

    #[test]
    fn bad_parts_are_named_in_the_error() {
        let unknown = "empty+bogus-1".parse::<Scenario>().unwrap_err();
        assert!(unknown.starts_with("unknown scenario part `bogus-1`"), "{unknown}");
        let cases = [
            ("status-200", "status-200"),
            ("status-abc", "status-abc"),
            ("slow-fast", "slow-fast"),
            ("shape-2024.9", "shape-2024.9"),
            ("stages-1000001", "stages-1000001"),
            ("token-", "token-"),
            ("flaky", "flaky"),
            ("stagger-soon", "stagger-soon"),
            ("stagger", "stagger"),
            ("body-html", "body-html"),
            ("body", "body"),
            ("hang-5", "hang-5"),
        ];
        for (spec, named) in cases {
            let message = spec.parse::<Scenario>().unwrap_err();
            assert!(message.contains(&format!("`{named}`")), "{spec}: {message}");
        }
        assert!("empty++slow-1".parse::<Scenario>().unwrap_err().contains("part ``"));
        let kinds = "body-html".parse::<Scenario>().unwrap_err();
        assert!(kinds.contains("notjson") && kinds.contains("futureenums"), "{kinds}");
        let parts = "bogus".parse::<Scenario>().unwrap_err();
        assert!(parts.contains("stagger-<ms>, hang, nocors, body-<kind>"), "{parts}");
    }

    #[test]
    fn shrink_and_label_parse() {
        assert_eq!(applied("shrink-2+label-run9").shrink_after, Some(2));
        assert_eq!(applied("label-run9"), applied("empty+stages-60"));
        assert!("shrink-x".parse::<Scenario>().is_err());
        assert!("label-".parse::<Scenario>().is_err());
    }

    #[test]
    fn tokens_in_scenario_paths_are_not_logged() {
        assert_eq!(
            redact_path("/scenario/slow-5+token-abc/api/v3/stages/captcha/"),
            "/scenario/slow-5+token-***/api/v3/stages/captcha/"
        );
        assert_eq!(redact_path("/api/v3/stages/captcha/"), "/api/v3/stages/captcha/");
    }
}
