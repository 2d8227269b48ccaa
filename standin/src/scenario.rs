//! How the API behaves, and the scenario specs that change it for one request.
//!
//! Browser tests share one running stand-in but each needs its own state of the page (empty,
//! slow, failing, ...). A spec in the URL, `/scenario/empty+slow-200/api/v3/stages/captcha/`,
//! asks for such a state without restarting the server.

use std::str::FromStr;
use std::time::Duration;

use axum::http::StatusCode;

use crate::data::MAX_STAGES;
use crate::shape::Shape;

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
    if part == "empty" {
        return Ok(Part::Stages(0));
    }
    let (kind, value) = part.split_once('-').unwrap_or((part, ""));
    let parsed = match kind {
        "status" => failure_status(value).map(Part::Status),
        "token" => non_empty(value, "a token").map(|token| Part::Token(token.to_owned())),
        "slow" => value
            .parse()
            .map(|ms| Part::Latency(Duration::from_millis(ms)))
            .map_err(|_| format!("`{value}` is not a number of milliseconds")),
        "flaky" => non_empty(value, "a key").map(|key| Part::Flaky(key.to_owned())),
        "shape" => value.parse().map(Part::Shape),
        "stages" => stage_count(value).map(Part::Stages),
        _ => {
            return Err(format!(
                "unknown scenario part `{part}`; known parts: empty, status-<code>, token-<token>, \
                 slow-<ms>, flaky-<key>, shape-<version>, stages-<n>"
            ))
        }
    };
    parsed.map_err(|reason| format!("scenario part `{part}`: {reason}"))
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
        ];
        for (spec, named) in cases {
            let message = spec.parse::<Scenario>().unwrap_err();
            assert!(message.contains(&format!("`{named}`")), "{spec}: {message}");
        }
        assert!("empty++slow-1".parse::<Scenario>().unwrap_err().contains("part ``"));
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
