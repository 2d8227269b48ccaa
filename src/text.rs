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
    } else {
        // serde_json's own float printer: the shortest digits that read back
        // as the same number, whole numbers with ".0", large and tiny ones in
        // e-notation. Using it rather than `{}` keeps core's float formatting
        // (about 5 KB of gzipped wasm) out of the page.
        zmij::Buffer::new().format(value).to_owned()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pagination(count: u64, start_index: u64, end_index: u64) -> Pagination {
        Pagination { count, start_index, end_index, ..Pagination::default() }
    }

    #[test]
    fn score_range_uses_server_defaults_and_no_bound() {
        assert_eq!(score_range(Some(0.5), Some(1.0)), "0.5 \u{2013} 1.0");
        assert_eq!(score_range(None, None), "0.5 \u{2013} 1.0");
        assert_eq!(score_range(Some(-1.0), Some(0.9)), "no bound \u{2013} 0.9");
        assert_eq!(score_range(Some(0.25), Some(-1.0)), "0.25 \u{2013} no bound");
        assert_eq!(score_range(Some(0.0), Some(1.0)), "0.0 \u{2013} 1.0");
    }

    #[test]
    fn range_and_status_follow_the_pagination_object() {
        assert_eq!(range_text(&pagination(57, 21, 40)), "21\u{2013}40 of 57");
        assert_eq!(range_text(&pagination(0, 0, 0)), "0 of 0");
        assert_eq!(showing_text(&pagination(57, 21, 40)), "Showing 21\u{2013}40 of 57 stages");
        assert_eq!(showing_text(&pagination(1, 1, 1)), "Showing 1\u{2013}1 of 1 stage");
    }

    #[test]
    fn flows_and_booleans_read_as_words() {
        assert_eq!(flows_text(0), "Not used");
        assert_eq!(flows_text(1), "1 flow");
        assert_eq!(flows_text(5), "5 flows");
        assert_eq!(yes_no(true), "Yes");
        assert_eq!(yes_no(false), "No");
    }
}
