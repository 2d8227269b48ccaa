use std::collections::HashSet;

use leptos::prelude::*;

use super::StageRow;
use crate::api::{ApiClient, Ordering, SortField, StageQuery};
use crate::stage_list::{LoadedPage, StageList};
use crate::text::{ordering_text, sort_hint, sort_title, unsortable_title, UNSORTABLE_HINT};

/// Columns of the table, toggle column included; the detail row spans them.
pub(super) const COLUMN_COUNT: u32 = 7;

/// The stage table. Rows come in the server's order and are never re-sorted
/// here: sorting is a new request.
#[component]
pub fn StageTable(
    list: StageList,
    query: RwSignal<StageQuery>,
    expanded: RwSignal<HashSet<String>>,
    client: Signal<ApiClient>,
) -> impl IntoView {
    // Headers show the order of the rows on screen, which is the order of
    // the last answer, not of a request still in flight. A memo: every header
    // reads it, and on an older release finding it looks through the rows.
    let shown_ordering = Signal::from(Memo::new(move |_| {
        list.loaded
            .with(|loaded| loaded.as_ref().map(LoadedPage::ordering))
            .unwrap_or_else(|| query.with(|q| q.ordering))
    }));
    // A click toggles the order asked for, so quick clicks add up; but when
    // the server answered that it cannot do that order (an older release
    // falls back to name order), it toggles the order on screen, as the
    // buttons say: toggling the unmet one made a first click on Name a no-op.
    let sort_by = Callback::new(move |field: SortField| {
        let fell_back = list.loaded.with_untracked(|loaded| {
            loaded
                .as_ref()
                .map(|l| (l.query.ordering, l.ordering()))
                .filter(|(asked, shown)| asked != shown)
        });
        query.update(|q| {
            if let Some((asked, shown)) = fell_back {
                if q.ordering == asked {
                    q.ordering = shown;
                }
            }
            *q = q.sorted_by(field);
        })
    });
    // A server too old to have a field cannot sort by it (it answers in name
    // order instead), so its sort buttons are disabled once a page shows it.
    let sortable = Callback::new(move |field: SortField| {
        list.loaded.with(|loaded| loaded.as_ref().is_none_or(|l| l.page.sortable_by(field)))
    });
    let rows = move || {
        let loaded = list.loaded.get()?;
        let client = client.get();
        let rows = loaded.page.results.into_iter().map(|stage| {
            view! { <StageRow stage expanded client=client.clone() /> }
        });
        Some(rows.collect_view())
    };

    view! {
        <div class="cs-table-wrap">
            <table class="cs-table" aria-busy=move || list.loading.get().to_string()>
                // Focusable from script only: focus lands here when the
                // control used (such as Next on the last page) goes away.
                <caption class="cs-caption" tabindex="-1">
                    "Captcha stages"
                    <span class="cs-caption-order">
                        {move || format!(", {}", ordering_text(shown_ordering.get()))}
                    </span>
                </caption>
                <thead>
                    <tr>
                        <th scope="col">
                            <span class="cs-sr-only">"Flows of the stage"</span>
                        </th>
                        <SortHeader label="Name" field=SortField::Name
                            ordering=shown_ordering sort_by sortable />
                        <SortHeader label="Provider" field=SortField::JsUrl
                            ordering=shown_ordering sort_by sortable />
                        <SortHeader label="Public key" field=SortField::PublicKey
                            ordering=shown_ordering sort_by sortable />
                        <ScoreHeader ordering=shown_ordering sort_by sortable />
                        <SortHeader label="Error on invalid score"
                            field=SortField::ErrorOnInvalidScore
                            ordering=shown_ordering sort_by sortable />
                        <th scope="col">"Flows"</th>
                    </tr>
                </thead>
                <tbody>
                    <Show when=move || list.loaded.with(Option::is_none)>
                        <tr class="cs-loading-row">
                            <td colspan=COLUMN_COUNT>"Loading captcha stages\u{2026}"</td>
                        </tr>
                    </Show>
                    {rows}
                </tbody>
            </table>
        </div>
    }
}

/// `aria-sort` value of a column sorted by any of `fields`.
fn aria_sort(ordering: Ordering, fields: &[SortField]) -> &'static str {
    match (fields.contains(&ordering.field), ordering.descending) {
        (false, _) => "none",
        (true, false) => "ascending",
        (true, true) => "descending",
    }
}

/// The arrow beside a sort button: the current direction, or a neutral
/// double arrow for a column that can be sorted but is not.
fn sort_icon(ordering: Ordering, field: SortField) -> &'static str {
    match (ordering.field == field, ordering.descending) {
        (false, _) => "\u{2195}",
        (true, false) => "\u{2191}",
        (true, true) => "\u{2193}",
    }
}

#[component]
fn SortHeader(
    label: &'static str,
    field: SortField,
    ordering: Signal<Ordering>,
    sort_by: Callback<SortField>,
    sortable: Callback<SortField, bool>,
) -> impl IntoView {
    view! {
        <th scope="col" aria-sort=move || aria_sort(ordering.get(), &[field])>
            <SortButton label field ordering sort_by sortable />
        </th>
    }
}

/// One header over both thresholds, with a sort button for each, since
/// the server sorts them separately.
#[component]
fn ScoreHeader(
    ordering: Signal<Ordering>,
    sort_by: Callback<SortField>,
    sortable: Callback<SortField, bool>,
) -> impl IntoView {
    let fields = [SortField::ScoreMinThreshold, SortField::ScoreMaxThreshold];
    view! {
        <th scope="col" aria-sort=move || aria_sort(ordering.get(), &fields)>
            <span class="cs-th-label">"Score range"</span>
            <span class="cs-sort-pair">
                <SortButton label="min" unseen=" score" field=fields[0] ordering sort_by
                    sortable />
                <SortButton label="max" unseen=" score" field=fields[1] ordering sort_by
                    sortable />
            </span>
        </th>
    }
}

/// A column's sort button. Its accessible name is the visible `label`, then
/// (for screen readers only) `unseen` words that complete it, the column's
/// state and what a click will do: "Name, sorted ascending; click to sort
/// descending". The arrow is decoration. Disabled, with a title saying why,
/// when the server cannot sort by the field.
#[component]
fn SortButton(
    label: &'static str,
    #[prop(optional)] unseen: &'static str,
    field: SortField,
    ordering: Signal<Ordering>,
    sort_by: Callback<SortField>,
    sortable: Callback<SortField, bool>,
) -> impl IntoView {
    let active = move || ordering.get().field == field;
    // Three parts of the button read it; worked out once per answer.
    let unavailable = Memo::new(move |_| !sortable.run(field));
    let hint =
        move || if unavailable.get() { UNSORTABLE_HINT } else { sort_hint(ordering.get(), field) };
    let icon = move || if unavailable.get() { "" } else { sort_icon(ordering.get(), field) };
    view! {
        <button type="button" class="cs-sort" class:cs-sort-active=active
            disabled=unavailable
            title=move || {
                if unavailable.get() { Some(unsortable_title(field)) } else { sort_title(field) }
            }
            on:click=move |_| sort_by.run(field)>
            {label}
            <span class="cs-sr-only">
                {unseen}
                {hint}
            </span>
            <span class="cs-sort-icon" aria-hidden="true">
                {icon}
            </span>
        </button>
    }
}
