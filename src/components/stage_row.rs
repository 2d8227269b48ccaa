use std::collections::HashSet;

use leptos::either::Either;
use leptos::prelude::*;

use super::stage_table::COLUMN_COUNT;
use super::{FlowList, InstanceId};
use crate::api::{ApiClient, CaptchaStage};
use crate::provider::Provider;
use crate::text::{flows_text, score_bounds, yes_no};

/// One stage: its summary row, and a detail row with its settings and the
/// flows that use it, shown while the stage is expanded.
#[component]
pub fn StageRow(
    stage: CaptchaStage,
    expanded: RwSignal<HashSet<String>>,
    client: ApiClient,
) -> impl IntoView {
    let pk = stage.pk.clone();
    // The row's own signal, seeded from the page-wide set, rather than a memo
    // over that set: the set keeps a reference to each memo that ever read
    // it until the set itself changes, so rows replaced by paging stayed in
    // memory (about 150 bytes a row), and every toggle re-ran every row's memo.
    let is_open = RwSignal::new(expanded.with_untracked(|open| open.contains(&pk)));
    let toggle = {
        let pk = pk.clone();
        move |_| {
            let open = !is_open.get_untracked();
            is_open.set(open);
            expanded.update(|set| {
                if open {
                    set.insert(pk.clone());
                } else {
                    set.remove(&pk);
                }
            })
        }
    };
    let detail_id = format!("{}-stage-{pk}", expect_context::<InstanceId>().prefix());
    let toggle_name = {
        let name = stage.name.clone();
        move || {
            let verb = if is_open.get() { "Hide" } else { "Show" };
            format!("{verb} flows of {name}")
        }
    };
    let provider = Provider::from_js_url(stage.js_url.as_deref());
    let flow_count = stage.flow_set.len();
    // Releases before 2024.6 have no score settings: their cells say "not
    // set" rather than show the defaults a later release would give them.
    let unset = || view! { <span class="cs-unset"></span> };
    let score_range = match (stage.score_min_threshold, stage.score_max_threshold) {
        (None, None) => Either::Left(unset()),
        (min, max) => {
            let (min, max) = score_bounds(min, max);
            // Seen as "0.5 – 1.0", heard as "0.5 to 1.0".
            Either::Right(view! {
                {min}<span aria-hidden="true">" \u{2013} "</span>
                <span class="cs-sr-only">" to "</span>{max}
            })
        }
    };
    let error_on_invalid = match stage.error_on_invalid_score {
        Some(error) => Either::Left(yes_no(error)),
        None => Either::Right(unset()),
    };

    view! {
        <tr class="cs-row" class:cs-row-open=move || is_open.get()>
            <td>
                <button type="button" class="cs-toggle"
                    aria-expanded=move || is_open.get().to_string()
                    aria-controls=detail_id.clone()
                    aria-label=toggle_name
                    on:click=toggle>
                    <span aria-hidden="true">
                        {move || if is_open.get() { "\u{25be}" } else { "\u{25b8}" }}
                    </span>
                </button>
            </td>
            <td>
                <span class="cs-name">{stage.name.clone()}</span>
                <span class="cs-sub">{stage.verbose_name.clone()}</span>
            </td>
            <td title=stage.js_url.clone()>{provider.label().to_owned()}</td>
            <td>
                <code class="cs-key" title=stage.public_key.clone()>
                    {stage.public_key.clone()}
                </code>
            </td>
            <td class="cs-num">{score_range}</td>
            <td>{error_on_invalid}</td>
            <td class="cs-nowrap" class:cs-muted=flow_count == 0>{flows_text(flow_count)}</td>
        </tr>
        <tr id=detail_id class="cs-detail" hidden=move || !is_open.get()>
            <td colspan=COLUMN_COUNT>
                // Built on expansion only: most rows are never opened. A plain
                // closure, not `<Show>` (a memo and a fallback per row): the
                // same rows, 0.6 KB less wasm.
                {move || {
                    is_open.get().then(|| view! {
                        <StageDetails stage=stage.clone() client=client.clone() />
                    })
                }}
            </td>
        </tr>
    }
}

/// The full settings of a stage (the row truncates long keys) and its flows.
#[component]
fn StageDetails(stage: CaptchaStage, client: ApiClient) -> impl IntoView {
    let url_or_default = |url: Option<String>| url.unwrap_or_else(|| "(server default)".into());
    view! {
        <div class="cs-details">
            <dl class="cs-settings">
                <dt>"Public key"</dt>
                <dd><code class="cs-wrap">{stage.public_key.clone()}</code></dd>
                <dt>"JS URL"</dt>
                <dd class="cs-wrap">{url_or_default(stage.js_url.clone())}</dd>
                <dt>"API URL"</dt>
                <dd class="cs-wrap">{url_or_default(stage.api_url.clone())}</dd>
                {stage.interactive.map(|interactive| view! {
                    <dt>"Interactive"</dt>
                    <dd>{yes_no(interactive)}</dd>
                })}
            </dl>
            <FlowList flows=stage.flow_set client />
        </div>
    }
}
