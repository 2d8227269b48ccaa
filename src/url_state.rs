//! The view's state in the page URL, so an admin can share or bookmark
//! exactly what they see, and Back/Forward move between views.
//!
//! Keys are `page`, `page_size`, `search` and `ordering`, each behind an
//! optional prefix so two embedded tables on one page do not collide. Only
//! values that differ from the defaults are written, and anything invalid
//! in a URL falls back to the default without an error: URLs are typed,
//! pasted and truncated by people.

use leptos::prelude::*;

use crate::api::{Ordering, StageQuery, PAGE_SIZES};

/// Keeps `query` and the page URL in step: each change of view writes the
/// URL (replacing the entry while a search is typed, adding one
/// otherwise), and Back/Forward bring the view of that entry back.
pub fn use_url_sync(
    query: RwSignal<StageQuery>,
    search_text: RwSignal<String>,
    prefix: String,
    defaults: StageQuery,
) {
    let shown = StoredValue::new(query.get_untracked());
    let typing = StoredValue::new(false);
    let (write_prefix, write_defaults) = (prefix.clone(), defaults.clone());
    Effect::new(move |_| {
        let current = query.get();
        let before = shown.get_value();
        if before == current {
            return;
        }
        shown.set_value(current.clone());
        let search = query_to_url(&current, &write_prefix, &write_defaults, &location_query());
        write_location(&search, replaces_history(&before, &current, typing.get_value()));
        typing.set_value(is_search_edit(&before, &current));
    });
    let listener = window_event_listener(leptos::ev::popstate, move |_| {
        let restored = query_from_url(&location_query(), &prefix, &defaults);
        // Already in the URL: the effect above must not write it again.
        shown.set_value(restored.clone());
        typing.set_value(false);
        search_text.set(restored.search.clone());
        query.set(restored);
    });
    on_cleanup(move || listener.remove());
}

/// The page URL's query string, with its `?`.
pub fn location_query() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

fn write_location(search: &str, replace: bool) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    if location.search().ok().as_deref() == Some(search) {
        return;
    }
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = format!("{path}{search}{hash}");
    let Ok(history) = window.history() else { return };
    let _ = if replace {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
}

/// Reads a query from a URL query string (with or without the leading `?`).
pub fn query_from_url(url_query: &str, prefix: &str, defaults: &StageQuery) -> StageQuery {
    let mut query = defaults.clone();
    let pairs = form_urlencoded::parse(url_query.trim_start_matches('?').as_bytes());
    for (key, value) in pairs {
        let Some(key) = key.strip_prefix(prefix) else { continue };
        match key {
            "page" => {
                if let Some(page) = value.parse().ok().filter(|page| *page >= 1) {
                    query.page = page;
                }
            }
            "page_size" => {
                if let Some(size) = value.parse().ok().filter(|size| PAGE_SIZES.contains(size)) {
                    query.page_size = size;
                }
            }
            "search" => query.search = value.into_owned(),
            "ordering" => {
                if let Some(ordering) = Ordering::parse(&value) {
                    query.ordering = ordering;
                }
            }
            _ => {}
        }
    }
    query
}

/// Writes `query` into a URL query string, keeping every parameter that
/// is not ours. Returns the new query string with its `?`, or an empty
/// string when nothing is left.
pub fn query_to_url(
    query: &StageQuery,
    prefix: &str,
    defaults: &StageQuery,
    url_query: &str,
) -> String {
    let ours = ["page", "page_size", "search", "ordering"];
    let mut out = form_urlencoded::Serializer::new(String::new());
    let pairs = form_urlencoded::parse(url_query.trim_start_matches('?').as_bytes());
    for (key, value) in pairs {
        let is_ours = key.strip_prefix(prefix).is_some_and(|key| ours.contains(&key));
        if !is_ours {
            out.append_pair(&key, &value);
        }
    }
    let mut put = |key: &str, value: String| {
        out.append_pair(&format!("{prefix}{key}"), &value);
    };
    if query.search != defaults.search {
        put("search", query.search.clone());
    }
    if query.ordering != defaults.ordering {
        put("ordering", query.ordering.param());
    }
    if query.page_size != defaults.page_size {
        put("page_size", query.page_size.to_string());
    }
    if query.page != defaults.page {
        put("page", query.page.to_string());
    }
    let written = out.finish();
    if written.is_empty() {
        written
    } else {
        format!("?{written}")
    }
}

/// Whether going from `before` to `after` is a change of the search text
/// only (the page goes back to 1 with it).
pub fn is_search_edit(before: &StageQuery, after: &StageQuery) -> bool {
    before.search != after.search
        && before.ordering == after.ordering
        && before.page_size == after.page_size
}

/// Whether the new URL should replace the current history entry rather
/// than add one: the first search edit adds an entry (Back returns to the
/// view before the search), later edits of the same search replace it, so
/// typing does not leave one entry per pause.
pub fn replaces_history(before: &StageQuery, after: &StageQuery, was_search_edit: bool) -> bool {
    was_search_edit && is_search_edit(before, after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::SortField;

    fn defaults() -> StageQuery {
        StageQuery::default()
    }

    #[test]
    fn a_view_round_trips_through_the_url() {
        let view = StageQuery::default()
            .with_search("sign up & co".into())
            .sorted_by(SortField::PublicKey)
            .sorted_by(SortField::PublicKey)
            .with_page_size(50)
            .with_page(3);
        let url = query_to_url(&view, "", &defaults(), "");
        assert_eq!(url, "?search=sign+up+%26+co&ordering=-public_key&page_size=50&page=3");
        assert_eq!(query_from_url(&url, "", &defaults()), view);
    }

    #[test]
    fn the_default_view_leaves_the_url_clean() {
        assert_eq!(query_to_url(&defaults(), "", &defaults(), ""), "");
        assert_eq!(query_to_url(&defaults(), "", &defaults(), "?page=4&tab=2"), "?tab=2");
    }

    #[test]
    fn other_parameters_and_other_prefixes_are_kept() {
        let view = defaults().with_page(2);
        let url = query_to_url(&view, "a.", &defaults(), "?tab=flows&b.page=7&a.page=5");
        assert_eq!(url, "?tab=flows&b.page=7&a.page=2");
        assert_eq!(query_from_url(&url, "a.", &defaults()).page, 2);
        assert_eq!(query_from_url(&url, "b.", &defaults()).page, 7);
    }

    #[test]
    fn invalid_values_fall_back_to_the_defaults() {
        let view = query_from_url(
            "?page=abc&page_size=-3&ordering=%3Cscript%3E&search=ok",
            "",
            &defaults(),
        );
        assert_eq!(view, defaults().with_search("ok".into()));
        for url in ["?page=0", "?page=-1", "?page=1.5", "?page_size=7", "?ordering=component"] {
            assert_eq!(query_from_url(url, "", &defaults()), defaults(), "{url}");
        }
    }

    #[test]
    fn typing_replaces_history_and_other_changes_add_to_it() {
        let before = defaults().with_page(2);
        let typed = before.with_search("a".into());
        assert!(is_search_edit(&before, &typed));
        assert!(!replaces_history(&before, &typed, false), "the first edit adds an entry");
        assert!(replaces_history(&typed, &typed.with_search("ab".into()), true));
        assert!(!replaces_history(&typed, &typed.with_page(3), true));
        assert!(!replaces_history(&typed, &typed.sorted_by(SortField::Name), true));
    }
}
