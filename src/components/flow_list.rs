use leptos::prelude::*;

use crate::api::{ApiClient, FlowSet};
use crate::text::yes_no;

/// Every flow that uses a stage, each as its own item.
#[component]
pub fn FlowList(flows: Vec<FlowSet>, client: ApiClient) -> impl IntoView {
    if flows.is_empty() {
        return view! { <p class="cs-muted">"No flow uses this stage."</p> }.into_any();
    }
    let heading = match flows.len() {
        1 => "Used by 1 flow".to_owned(),
        n => format!("Used by {n} flows"),
    };
    view! {
        <section class="cs-flows">
            <h3>{heading}</h3>
            <ul>
                {flows
                    .into_iter()
                    .map(|flow| view! { <FlowItem flow client=client.clone() /> })
                    .collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

#[component]
fn FlowItem(flow: FlowSet, client: ApiClient) -> impl IntoView {
    // A missing value is seen as a dash and heard as "Not set" (style/main.css).
    let optional = |label: Option<&str>| {
        let missing = label.is_none();
        view! { <dd class:cs-unset=missing>{label.unwrap_or_default().to_owned()}</dd> }
    };
    let export = match client.link_for(&flow.export_url) {
        Some(href) => view! { <a href=href download="">{flow.export_url.clone()}</a> }.into_any(),
        None => view! { <span>{flow.export_url.clone()}</span> }.into_any(),
    };
    view! {
        <li class="cs-flow">
            <a class="cs-flow-name" href=client.flow_admin_url(&flow.slug)>{flow.name.clone()}</a>
            <dl>
                <dt>"Slug"</dt>
                <dd><code>{flow.slug.clone()}</code></dd>
                <dt>"Title"</dt>
                <dd>{flow.title.clone()}</dd>
                <dt>"Designation"</dt>
                {optional(flow.designation.as_ref().map(|d| d.label()))}
                <dt>"Layout"</dt>
                {optional(flow.layout.as_ref().map(|l| l.label()))}
                <dt>"Policy engine mode"</dt>
                {optional(flow.policy_engine_mode.as_ref().map(|m| m.label()))}
                <dt>"Compatibility mode"</dt>
                {optional(flow.compatibility_mode.map(yes_no))}
                <dt>"Denied action"</dt>
                {optional(flow.denied_action.as_ref().map(|a| a.label()))}
                <dt>"Export"</dt>
                <dd class="cs-wrap">{export}</dd>
            </dl>
        </li>
    }
}
