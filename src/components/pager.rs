use leptos::ev;
use leptos::prelude::*;

use super::focus::{focus_near, CAPTION};
use crate::api::{StageQuery, PAGE_SIZES};
use crate::stage_list::StageList;
use crate::text::range_text;

/// Range text, First/Previous/Next/Last and the page size select.
///
/// Limits come from the last answer's `pagination`, never from the number
/// of rows or the size asked for (newer servers cap the size). Targets are
/// computed from the requested page, so a burst of clicks on Next moves one
/// page per click instead of re-requesting the page on screen.
///
/// The pager stays mounted while pages load, so focus stays on the button
/// used; a button that disables itself (Next on reaching the last page)
/// hands focus to the table's caption instead of the top of the document.
#[component]
pub fn Pager(list: StageList, query: RwSignal<StageQuery>) -> impl IntoView {
    let pagination = move || list.loaded.with(|l| l.as_ref().map(|l| l.page.pagination.clone()));
    // The total is known only for the list on screen: while another search,
    // size or order loads, the old total says nothing about it, and paging
    // by it asked for pages that did not exist.
    let known_total = move || {
        list.loaded.with(|loaded| {
            let loaded = loaded.as_ref()?;
            query
                .with(|q| loaded.query.same_list(q))
                .then(|| loaded.page.pagination.total_pages.max(1))
        })
    };
    let total_pages = move || known_total().unwrap_or(1);
    let page = move || query.with(|q| q.page);
    let at_start = move || page() <= 1;
    let at_end = move || known_total().is_none_or(|total| page() >= total);
    let go = move |target: u64| {
        if target != page() {
            query.update(|q| *q = q.with_page(target));
        }
    };
    let go_back = move |ev: ev::MouseEvent, target: u64| {
        go(target);
        if at_start() {
            focus_near(&ev, CAPTION);
        }
    };
    let go_forward = move |ev: ev::MouseEvent, target: u64| {
        go(target);
        if at_end() {
            focus_near(&ev, CAPTION);
        }
    };
    let set_size = move |ev| {
        if let Ok(size) = event_target_value(&ev).parse::<u32>() {
            query.update(|q| *q = q.with_page_size(size));
        }
    };

    view! {
        <nav class="cs-pager" aria-label="Pagination">
            <span class="cs-range">{move || pagination().map(|p| range_text(&p))}</span>
            <label class="cs-page-size">
                "Rows per page"
                <select on:change=set_size
                    prop:value=move || query.with(|q| q.page_size.to_string())>
                    {PAGE_SIZES.map(|size| view! {
                        <option value=size.to_string()
                            selected=move || query.with(|q| q.page_size == size)>
                            {size.to_string()}
                        </option>
                    })}
                </select>
            </label>
            <span class="cs-page-buttons">
                <button type="button" class="cs-button" disabled=at_start
                    on:click=move |ev| go_back(ev, 1)>
                    "First"
                </button>
                <button type="button" class="cs-button" disabled=at_start
                    on:click=move |ev| go_back(ev, page().saturating_sub(1).max(1))>
                    "Previous"
                </button>
                <span class="cs-page-of">
                    {move || match known_total() {
                        Some(total) => format!("Page {} of {total}", page()),
                        None => format!("Page {}", page()),
                    }}
                </span>
                <button type="button" class="cs-button" disabled=at_end
                    on:click=move |ev| go_forward(ev, (page() + 1).min(total_pages()))>
                    "Next"
                </button>
                <button type="button" class="cs-button" disabled=at_end
                    on:click=move |ev| go_forward(ev, total_pages())>
                    "Last"
                </button>
            </span>
        </nav>
    }
}
