//! The words and numbers the table shows, kept apart from the views so they
//! can be tested natively.

use crate::api::Pagination;

/// Server defaults a stage gets when a field is absent (older releases).
pub const DEFAULT_SCORE_MIN: f64 = 0.5;
pub const DEFAULT_SCORE_MAX: f64 = 1.0;
pub const DEFAULT_ERROR_ON_INVALID_SCORE: bool = true;

/// Admins set a threshold to -1 to mean "no bound".
const NO_BOUND: f64 = -1.0;

/// "0.5 – 1.0", with server defaults for missing thresholds.
pub fn score_range(min: Option<f64>, max: Option<f64>) -> String {
    let min = score(min.unwrap_or(DEFAULT_SCORE_MIN));
    let max = score(max.unwrap_or(DEFAULT_SCORE_MAX));
    format!("{min} \u{2013} {max}")
}

fn score(value: f64) -> String {
    if value == NO_BOUND {
        "no bound".to_owned()
    } else if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.1}")
    } else {
        value.to_string()
    }
}

/// Booleans read as words, not `true`/`false`.
pub fn yes_no(value: bool) -> &'static str {
    if value {
        "Yes"
    } else {
        "No"
    }
}

/// "21–40 of 57"; "0 of 0" for an empty result.
pub fn range_text(pagination: &Pagination) -> String {
    if pagination.count == 0 {
        return "0 of 0".to_owned();
    }
    let Pagination { start_index, end_index, count, .. } = pagination;
    format!("{start_index}\u{2013}{end_index} of {count}")
}

/// What the live region announces once a page has arrived.
pub fn showing_text(pagination: &Pagination) -> String {
    let noun = if pagination.count == 1 { "stage" } else { "stages" };
    format!("Showing {} {noun}", range_text(pagination))
}

/// The Flows cell: how many flows use the stage.
pub fn flows_text(count: usize) -> String {
    match count {
        0 => "Not used".to_owned(),
        1 => "1 flow".to_owned(),
        n => format!("{n} flows"),
    }
}
