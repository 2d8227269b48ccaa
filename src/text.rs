//! The words and numbers the table shows, kept apart from the views so they
//! can be tested natively.

use crate::api::{Ordering, Pagination, SortField};

/// Server defaults, for a threshold missing beside one that is there (the
/// row shows a release without either, before 2024.6, as not set).
pub const DEFAULT_SCORE_MIN: f64 = 0.5;
pub const DEFAULT_SCORE_MAX: f64 = 1.0;

/// Admins set a threshold to -1 to mean "no bound".
const NO_BOUND: f64 = -1.0;

/// "0.5 – 1.0", with server defaults for missing thresholds.
pub fn score_range(min: Option<f64>, max: Option<f64>) -> String {
    let (min, max) = score_bounds(min, max);
    format!("{min} \u{2013} {max}")
}

/// The two ends of [`score_range`], for a view that puts its own words
/// between them (screen readers read "0.5 to 1.0", not a dash).
pub fn score_bounds(min: Option<f64>, max: Option<f64>) -> (String, String) {
    (score(min.unwrap_or(DEFAULT_SCORE_MIN)), score(max.unwrap_or(DEFAULT_SCORE_MAX)))
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

/// What the live region announces once a page has arrived: the range in
/// words (a dash is read as "dash" or not at all), the search and the order,
/// so that a new sort is announced even when the range stays the same.
pub fn showing_text(pagination: &Pagination, search: &str, ordering: Ordering) -> String {
    let noun = if pagination.count == 1 { "stage" } else { "stages" };
    let range = if pagination.count == 0 {
        "0 of 0".to_owned()
    } else {
        let Pagination { start_index, end_index, count, .. } = pagination;
        format!("{start_index} to {end_index} of {count}")
    };
    let matching = if search.trim().is_empty() {
        String::new()
    } else {
        format!(" matching \u{201c}{search}\u{201d}")
    };
    format!("Showing {range} {noun}{matching}, {}", ordering_text(ordering))
}

/// The column a sort field belongs to, as its header names it.
pub fn column_label(field: SortField) -> &'static str {
    match field {
        SortField::Name => "Name",
        SortField::JsUrl => "Provider",
        SortField::PublicKey => "Public key",
        SortField::ScoreMinThreshold => "min score",
        SortField::ScoreMaxThreshold => "max score",
        SortField::ErrorOnInvalidScore => "Error on invalid score",
    }
}

/// "sorted by Name, ascending": the table's caption and the live region.
pub fn ordering_text(ordering: Ordering) -> String {
    let direction = if ordering.descending { "descending" } else { "ascending" };
    format!("sorted by {}, {direction}", column_label(ordering.field))
}

/// What a sort button adds to its label for screen readers: the column's
/// state and what a click does (see [`Ordering::toggled`]). It follows the
/// visible label, so the accessible name starts with what is seen.
pub fn sort_hint(ordering: Ordering, field: SortField) -> &'static str {
    match (ordering.field == field, ordering.descending) {
        (false, _) => ", not sorted; click to sort ascending",
        (true, false) => ", sorted ascending; click to sort descending",
        (true, true) => ", sorted descending; click to sort ascending",
    }
}

/// The title of a sort button whose column shows something other than the
/// field it sorts by.
pub fn sort_title(field: SortField) -> Option<String> {
    // The server sorts by the URL the provider is read from: stages group by
    // provider, but not in the alphabetical order of the provider names.
    (field == SortField::JsUrl).then(|| "Sorts by JS URL, which names the provider".to_owned())
}

/// What a disabled sort button adds to its label for screen readers.
pub const UNSORTABLE_HINT: &str = ", not sortable on this authentik release";

/// The title of a disabled sort button: why it is disabled.
pub fn unsortable_title(field: SortField) -> String {
    // Only fields added after the oldest supported release (2022.12) get here.
    format!(
        "This authentik release has no \u{201c}{}\u{201d} setting to sort by",
        column_label(field)
    )
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
        assert_eq!(score_bounds(Some(-1.0), None), ("no bound".to_owned(), "1.0".to_owned()));
    }

    #[test]
    fn range_and_status_follow_the_pagination_object() {
        let by_name = Ordering::default();
        assert_eq!(range_text(&pagination(57, 21, 40)), "21\u{2013}40 of 57");
        assert_eq!(range_text(&pagination(0, 0, 0)), "0 of 0");
        assert_eq!(
            showing_text(&pagination(57, 21, 40), "", by_name),
            "Showing 21 to 40 of 57 stages, sorted by Name, ascending"
        );
        assert_eq!(
            showing_text(&pagination(1, 1, 1), "turn", by_name.toggled(SortField::Name)),
            "Showing 1 to 1 of 1 stage matching \u{201c}turn\u{201d}, sorted by Name, descending"
        );
    }

    #[test]
    fn sort_hints_say_what_a_click_does() {
        let by_key = Ordering { field: SortField::PublicKey, descending: false };
        assert_eq!(ordering_text(by_key), "sorted by Public key, ascending");
        assert_eq!(
            sort_hint(by_key, SortField::PublicKey),
            ", sorted ascending; click to sort descending"
        );
        assert_eq!(
            sort_hint(by_key.toggled(SortField::PublicKey), SortField::PublicKey),
            ", sorted descending; click to sort ascending"
        );
        assert_eq!(sort_hint(by_key, SortField::Name), ", not sorted; click to sort ascending");
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
