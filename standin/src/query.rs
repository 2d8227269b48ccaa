//! What the list endpoint does with its query string, as pure functions: exact filters, search,
//! ordering and pagination, in the order authentik applies them.

use std::cmp::Ordering;
use std::ops::Range;

use serde::Serialize;

use crate::data::Stage;
use crate::shape::{PageSizePolicy, Shape};

/// The query parameters the endpoint reads, still as the raw text the client sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub page: Option<String>,
    pub page_size: Option<String>,
    pub search: Option<String>,
    pub ordering: Option<String>,
    pub name: Option<String>,
    pub public_key: Option<String>,
}

/// The page asked for does not exist; authentik answers 404 `{"detail": "Invalid page."}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidPage;

/// authentik's `pagination` object. `next` and `previous` are page numbers, 0 when there is none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Pagination {
    pub next: usize,
    pub previous: usize,
    pub count: usize,
    pub current: usize,
    pub total_pages: usize,
    pub start_index: usize,
    pub end_index: usize,
}

/// One page of the list, ready to serialize.
#[derive(Debug)]
pub struct ListPage<'a> {
    pub pagination: Pagination,
    pub stages: Vec<&'a Stage>,
}

/// A column the list can be ordered by. Computed fields (`component`, `verbose_name`, ...) are
/// not columns, so they are not here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortField {
    Pk,
    Name,
    PublicKey,
    JsUrl,
    ApiUrl,
    ScoreMinThreshold,
    ScoreMaxThreshold,
    ErrorOnInvalidScore,
    Interactive,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SortKey {
    pub field: SortField,
    pub descending: bool,
}

impl ListQuery {
    /// Builds the query from decoded `key=value` pairs. Like Django, a repeated parameter counts
    /// with its last value, and parameters the endpoint does not know are ignored.
    pub fn from_pairs<I, K, V>(pairs: I) -> ListQuery
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: Into<String>,
    {
        let mut query = ListQuery::default();
        for (key, value) in pairs {
            let slot = match key.as_ref() {
                "page" => &mut query.page,
                "page_size" => &mut query.page_size,
                "search" => &mut query.search,
                "ordering" => &mut query.ordering,
                "name" => &mut query.name,
                "public_key" => &mut query.public_key,
                _ => continue,
            };
            *slot = Some(value.into());
        }
        query
    }
}

/// Filters, searches, orders and cuts out the requested page of `stages`.
pub fn list<'a>(
    stages: &'a [Stage],
    query: &ListQuery,
    shape: Shape,
) -> Result<ListPage<'a>, InvalidPage> {
    let terms = search_terms(query.search.as_deref().unwrap_or(""));
    let mut rows: Vec<&Stage> = stages
        .iter()
        .filter(|stage| exact_match(query.name.as_deref(), &stage.name))
        .filter(|stage| exact_match(query.public_key.as_deref(), &stage.public_key))
        .filter(|stage| matches_search(&stage.name, &terms))
        .collect();
    sort_stages(&mut rows, &parse_ordering(query.ordering.as_deref(), shape));
    let size = page_size(query.page_size.as_deref(), shape.page_size_policy());
    let pagination = paginate(rows.len(), query.page.as_deref(), size)?;
    let stages = rows[pagination.rows()].to_vec();
    Ok(ListPage { pagination, stages })
}

/// django-filter skips a filter whose value is empty.
fn exact_match(wanted: Option<&str>, actual: &str) -> bool {
    wanted.is_none_or(|wanted| wanted.is_empty() || wanted == actual)
}

/// Splits a search term the way DRF does: on whitespace and commas, dropping empty pieces.
/// Pieces are lower-cased here so matching is case-insensitive.
pub fn search_terms(raw: &str) -> Vec<String> {
    raw.split(|c: char| c.is_whitespace() || c == ',' || c == '\0')
        .filter(|piece| !piece.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Every piece must occur in the name. The server escapes `%` and `_` before its SQL `LIKE`, so
/// a plain substring test is the faithful reading.
pub fn matches_search(name: &str, terms: &[String]) -> bool {
    let name = name.to_lowercase();
    terms.iter().all(|term| name.contains(term.as_str()))
}

impl SortField {
    /// The field named in an `ordering` parameter, if this release can sort by it.
    pub fn parse(name: &str, shape: Shape) -> Option<SortField> {
        let field = match name {
            "pk" => SortField::Pk,
            "name" => SortField::Name,
            "public_key" => SortField::PublicKey,
            "js_url" => SortField::JsUrl,
            "api_url" => SortField::ApiUrl,
            "score_min_threshold" if shape.has_score_fields() => SortField::ScoreMinThreshold,
            "score_max_threshold" if shape.has_score_fields() => SortField::ScoreMaxThreshold,
            "error_on_invalid_score" if shape.has_score_fields() => SortField::ErrorOnInvalidScore,
            "interactive" if shape.has_interactive() => SortField::Interactive,
            _ => return None,
        };
        Some(field)
    }

    fn compare(self, a: &Stage, b: &Stage) -> Ordering {
        match self {
            SortField::Pk => a.pk.cmp(&b.pk),
            SortField::Name => compare_text(&a.name, &b.name),
            SortField::PublicKey => compare_text(&a.public_key, &b.public_key),
            SortField::JsUrl => compare_text(a.js_url(), b.js_url()),
            SortField::ApiUrl => compare_text(a.api_url(), b.api_url()),
            SortField::ScoreMinThreshold => a.score.min.total_cmp(&b.score.min),
            SortField::ScoreMaxThreshold => a.score.max.total_cmp(&b.score.max),
            SortField::ErrorOnInvalidScore => {
                a.score.error_on_invalid.cmp(&b.score.error_on_invalid)
            }
            SortField::Interactive => a.interactive().cmp(&b.interactive()),
        }
    }
}

/// Reads `ordering` (for example `-score_min_threshold,name`). Unknown fields are dropped
/// without complaint; when none is left the list is ordered by name, as authentik's is.
pub fn parse_ordering(raw: Option<&str>, shape: Shape) -> Vec<SortKey> {
    let keys: Vec<SortKey> = raw
        .unwrap_or("")
        .split(',')
        .filter_map(|term| {
            let term = term.trim();
            let (name, descending) = match term.strip_prefix('-') {
                Some(name) => (name, true),
                None => (term, false),
            };
            SortField::parse(name, shape).map(|field| SortKey { field, descending })
        })
        .collect();
    if keys.is_empty() {
        vec![SortKey { field: SortField::Name, descending: false }]
    } else {
        keys
    }
}

/// Sorts by `keys`, then by name and pk, so rows that tie keep one order from request to
/// request; without that, paging through a list sorted by a flag could show a row twice.
pub fn sort_stages(rows: &mut [&Stage], keys: &[SortKey]) {
    const TIE_BREAK: [SortKey; 2] = [
        SortKey { field: SortField::Name, descending: false },
        SortKey { field: SortField::Pk, descending: false },
    ];
    rows.sort_by(|a, b| {
        keys.iter().chain(&TIE_BREAK).fold(Ordering::Equal, |order, key| {
            order.then_with(|| {
                let by_field = key.field.compare(a, b);
                if key.descending {
                    by_field.reverse()
                } else {
                    by_field
                }
            })
        })
    });
}

/// Approximates the database's collation: letters compare without regard to case first, so
/// "Login CAPTCHA" sorts beside "login-captcha" rather than before every lower-case name.
fn compare_text(a: &str, b: &str) -> Ordering {
    a.to_lowercase().cmp(&b.to_lowercase()).then_with(|| a.cmp(b))
}

/// Rows per page for a raw `page_size`. Anything but a positive integer means "not given".
pub fn page_size(raw: Option<&str>, policy: PageSizePolicy) -> usize {
    match raw.and_then(positive_integer) {
        None => policy.default,
        Some(asked) => policy.max.map_or(asked, |max| asked.min(max)),
    }
}

/// Python's `int()` reading of a positive number; a number too large for `usize` is still a
/// valid (huge) page size there, so it saturates instead of failing.
fn positive_integer(raw: &str) -> Option<usize> {
    let trimmed = raw.trim();
    let digits = trimmed.strip_prefix('+').unwrap_or(trimmed);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match digits.parse::<usize>() {
        Ok(0) => None,
        Ok(size) => Some(size),
        Err(_) => Some(usize::MAX),
    }
}

/// Works out the page `raw_page` of `count` rows cut into pages of `size`.
///
/// A list always has at least one page, so page 1 of an empty list is valid. `last` is the last
/// page; a missing or empty `page` is page 1.
pub fn paginate(
    count: usize,
    raw_page: Option<&str>,
    size: usize,
) -> Result<Pagination, InvalidPage> {
    let size = size.max(1);
    let total_pages = count.div_ceil(size).max(1);
    let current = match raw_page.unwrap_or("") {
        "" => 1,
        "last" => total_pages,
        // Negative numbers fail to parse here, and 0 fails the range check below.
        raw => raw.trim().parse::<usize>().map_err(|_| InvalidPage)?,
    };
    if current < 1 || current > total_pages {
        return Err(InvalidPage);
    }
    let (start_index, end_index) =
        if count == 0 { (0, 0) } else { ((current - 1) * size + 1, (current * size).min(count)) };
    Ok(Pagination {
        next: if current < total_pages { current + 1 } else { 0 },
        previous: current - 1,
        count,
        current,
        total_pages,
        start_index,
        end_index,
    })
}

impl Pagination {
    /// The rows of the whole list that this page holds.
    pub fn rows(&self) -> Range<usize> {
        if self.count == 0 {
            0..0
        } else {
            self.start_index - 1..self.end_index
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::demo_stages;

    fn names<'a>(page: &ListPage<'a>) -> Vec<&'a str> {
        page.stages.iter().map(|stage| stage.name.as_str()).collect()
    }

    fn query(pairs: &[(&str, &str)]) -> ListQuery {
        ListQuery::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn search_splits_on_whitespace_and_commas() {
        assert_eq!(search_terms("  Signup,TURNSTILE\temea  "), ["signup", "turnstile", "emea"]);
        assert!(search_terms(" , \n ").is_empty());
    }

    #[test]
    fn search_needs_every_piece_in_any_case() {
        let stages = demo_stages(60);
        let page = list(&stages, &query(&[("search", "SIGNUP turnstile")]), Shape::V2024_8);
        let page = page.unwrap();
        assert_eq!(
            names(&page),
            ["apac-signup-turnstile", "emea-signup-turnstile", "us-signup-turnstile"]
        );
        let page = list(&stages, &query(&[("search", "signup,zzz")]), Shape::V2024_8).unwrap();
        assert!(page.stages.is_empty());
    }

    #[test]
    fn search_takes_percent_and_underscore_literally() {
        let stages = demo_stages(60);
        let percent = list(&stages, &query(&[("search", "50%")]), Shape::V2024_8).unwrap();
        assert_eq!(names(&percent), ["beta 50% rollout captcha"]);
        // As SQL wildcards `_` would match every name with at least one character.
        let underscore = list(&stages, &query(&[("search", "_")]), Shape::V2024_8).unwrap();
        assert_eq!(names(&underscore), ["customer_portal_signup_v2", "legacy_google_recaptcha"]);
    }

    #[test]
    fn a_blank_search_filters_nothing() {
        let stages = demo_stages(60);
        let page = list(&stages, &query(&[("search", "   ")]), Shape::V2024_8).unwrap();
        assert_eq!(page.pagination.count, 60);
    }

    #[test]
    fn name_and_public_key_filters_match_exactly() {
        let stages = demo_stages(60);
        let by_name = query(&[("name", "signup-hcaptcha")]);
        assert_eq!(names(&list(&stages, &by_name, Shape::V2024_8).unwrap()), ["signup-hcaptcha"]);
        let by_prefix = query(&[("name", "signup")]);
        assert_eq!(list(&stages, &by_prefix, Shape::V2024_8).unwrap().pagination.count, 0);
        let by_key = query(&[("public_key", "1x00000000000000000000AA")]);
        let page = list(&stages, &by_key, Shape::V2024_8).unwrap();
        assert_eq!(names(&page), ["turnstile-test-always-pass"]);
    }

    #[test]
    fn the_default_order_is_by_name_ignoring_case() {
        // By bytes, every name starting with a capital would come before "account-...".
        let stages = demo_stages(60);
        let page = list(&stages, &query(&[("page_size", "3")]), Shape::V2024_8).unwrap();
        assert_eq!(
            names(&page),
            ["account-deletion-captcha", "Admin login Turnstile", "Anmeldung-Captcha (Österreich)"]
        );
    }

    #[test]
    fn ordering_descending_and_by_several_fields() {
        let stages = demo_stages(60);
        let descending = query(&[("ordering", "-name"), ("page_size", "2")]);
        let page = list(&stages, &descending, Shape::V2024_8).unwrap();
        assert_eq!(names(&page), ["zz-archived-captcha", "webinar-registration-captcha"]);

        let by_score = query(&[("ordering", "-score_min_threshold,-name"), ("page_size", "3")]);
        let page = list(&stages, &by_score, Shape::V2024_8).unwrap();
        assert_eq!(
            names(&page),
            ["strict-score-0.9", "Recovery captcha (v3)", "us-signup-turnstile"]
        );

        // Ascending puts the "no bound" stages first, tied ones in name order.
        let ascending = query(&[("ordering", "score_min_threshold"), ("page_size", "3")]);
        let page = list(&stages, &ascending, Shape::V2024_8).unwrap();
        assert_eq!(
            names(&page),
            ["guest-wifi-captcha", "staging-recaptcha", "zz-archived-captcha"]
        );
    }

    #[test]
    fn unknown_ordering_fields_are_dropped() {
        assert_eq!(
            parse_ordering(Some("component,-bogus, -js_url ,"), Shape::V2024_8),
            [SortKey { field: SortField::JsUrl, descending: true }]
        );
        let by_name = [SortKey { field: SortField::Name, descending: false }];
        assert_eq!(parse_ordering(Some("verbose_name,--name"), Shape::V2024_8), by_name);
        assert_eq!(parse_ordering(None, Shape::V2024_8), by_name);
        // Fields only become sortable in the release that added them.
        assert_eq!(parse_ordering(Some("interactive"), Shape::V2024_8), by_name);
        assert_eq!(parse_ordering(Some("score_min_threshold"), Shape::V2022_12), by_name);
        assert_eq!(
            parse_ordering(Some("interactive"), Shape::V2025_10),
            [SortKey { field: SortField::Interactive, descending: false }]
        );
    }

    #[test]
    fn ties_are_broken_by_name_then_pk() {
        let stages = demo_stages(60);
        let mut rows: Vec<&Stage> = stages.iter().collect();
        sort_stages(&mut rows, &parse_ordering(Some("-error_on_invalid_score"), Shape::V2024_8));
        let flags: Vec<bool> = rows.iter().map(|s| s.score.error_on_invalid).collect();
        let first_false = flags.iter().position(|flag| !flag).unwrap();
        assert!(flags[..first_false].iter().all(|flag| *flag));
        assert!(flags[first_false..].iter().all(|flag| !flag));
        let trues: Vec<&str> = rows[..first_false].iter().map(|s| s.name.as_str()).collect();
        let mut sorted = trues.clone();
        sorted.sort_by(|a, b| compare_text(a, b));
        assert_eq!(trues, sorted);
    }

    #[test]
    fn the_45_row_example_from_the_notes() {
        let page_2 = paginate(45, Some("2"), 20).unwrap();
        let expected = Pagination {
            next: 3,
            previous: 1,
            count: 45,
            current: 2,
            total_pages: 3,
            start_index: 21,
            end_index: 40,
        };
        assert_eq!(page_2, expected);
        assert_eq!(page_2.rows(), 20..40);
        let page_3 = paginate(45, Some("3"), 20).unwrap();
        assert_eq!((page_3.next, page_3.previous), (0, 2));
        assert_eq!((page_3.start_index, page_3.end_index), (41, 45));
        assert_eq!(paginate(45, Some("last"), 20), Ok(page_3));
        let page_1 = paginate(45, None, 20).unwrap();
        assert_eq!((page_1.next, page_1.previous, page_1.start_index), (2, 0, 1));
    }

    #[test]
    fn an_empty_list_has_one_empty_page() {
        let expected = Pagination {
            next: 0,
            previous: 0,
            count: 0,
            current: 1,
            total_pages: 1,
            start_index: 0,
            end_index: 0,
        };
        assert_eq!(paginate(0, None, 20), Ok(expected));
        assert_eq!(paginate(0, Some("1"), 20), Ok(expected));
        assert_eq!(paginate(0, Some("last"), 20), Ok(expected));
        assert_eq!(paginate(0, Some("2"), 20), Err(InvalidPage));
        assert_eq!(expected.rows(), 0..0);
    }

    #[test]
    fn invalid_pages() {
        for raw in ["0", "-1", "abc", "1.5", "2.0", "4", "99999999999999999999999", "LAST"] {
            assert_eq!(paginate(45, Some(raw), 20), Err(InvalidPage), "page={raw}");
        }
        // Python's int() tolerates surrounding blanks and a plus sign.
        assert_eq!(paginate(45, Some(" +2 "), 20).map(|p| p.current), Ok(2));
        assert_eq!(paginate(45, Some(""), 20).map(|p| p.current), Ok(1));
    }

    #[test]
    fn page_size_up_to_2025_10_is_uncapped_with_a_default_of_100() {
        let policy = Shape::V2024_8.page_size_policy();
        assert_eq!(page_size(None, policy), 100);
        for raw in ["0", "-5", "ten", "2.5", ""] {
            assert_eq!(page_size(Some(raw), policy), 100, "page_size={raw}");
        }
        assert_eq!(page_size(Some("7"), policy), 7);
        assert_eq!(page_size(Some("5000"), policy), 5000);
        assert_eq!(page_size(Some("99999999999999999999999"), policy), usize::MAX);
    }

    #[test]
    fn page_size_from_2025_12_defaults_to_20_and_is_capped_at_100() {
        let policy = Shape::V2026_5.page_size_policy();
        assert_eq!(page_size(None, policy), 20);
        assert_eq!(page_size(Some("0"), policy), 20);
        assert_eq!(page_size(Some("50"), policy), 50);
        assert_eq!(page_size(Some("500"), policy), 100);
    }

    #[test]
    fn the_whole_list_on_one_page_when_page_size_is_huge() {
        let stages = demo_stages(60);
        let all = query(&[("page_size", "99999999999999999999999")]);
        let page = list(&stages, &all, Shape::V2024_8).unwrap();
        assert_eq!((page.stages.len(), page.pagination.total_pages), (60, 1));
        let capped = list(&stages, &all, Shape::V2026_5).unwrap();
        assert_eq!((capped.stages.len(), capped.pagination.total_pages), (60, 1));
        let default = list(&stages, &ListQuery::default(), Shape::V2026_5).unwrap();
        assert_eq!((default.stages.len(), default.pagination.total_pages), (20, 3));
    }

    #[test]
    fn the_last_value_of_a_repeated_parameter_wins() {
        let parsed = query(&[("page", "1"), ("utm_source", "x"), ("page", "2")]);
        assert_eq!(parsed, ListQuery { page: Some("2".into()), ..ListQuery::default() });
    }
}
