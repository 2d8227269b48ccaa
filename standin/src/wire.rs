//! The list's JSON as each release sends it.
//!
//! Fields a release does not have are `None` and left out, so the page meets absent fields the way
//! it would on that release (the schema says absent, never null).

use serde::Serialize;
use serde_json::{Map, Value};

use crate::data::{Flow, Stage};
use crate::query::{ListPage, Pagination};
use crate::shape::Shape;

/// `PaginatedCaptchaStageList`.
#[derive(Debug, Serialize)]
pub struct StageList<'a> {
    pub pagination: Pagination,
    pub results: Vec<StageBody<'a>>,
    /// Filter suggestions for the search box; the captcha list never has any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub autocomplete: Option<Map<String, Value>>,
}

/// `CaptchaStage`, in the schema's field order.
#[derive(Debug, Serialize)]
pub struct StageBody<'a> {
    pub pk: &'a str,
    pub name: &'a str,
    pub component: &'static str,
    pub verbose_name: &'static str,
    pub verbose_name_plural: &'static str,
    pub meta_model_name: &'static str,
    /// Optional before 2025.12; this stand-in then leaves it out for stages in no flow, the case
    /// a page is most likely to trip over.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flow_set: Option<Vec<FlowBody<'a>>>,
    pub public_key: &'a str,
    pub js_url: &'static str,
    pub api_url: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interactive: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_min_threshold: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_max_threshold: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_on_invalid_score: Option<bool>,
}

/// `FlowSet`: exactly one of `background` and `background_url` is sent.
#[derive(Debug, Serialize)]
pub struct FlowBody<'a> {
    pub pk: &'a str,
    pub policybindingmodel_ptr_id: &'a str,
    pub name: &'static str,
    pub slug: &'static str,
    pub title: &'static str,
    pub designation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_url: Option<&'static str>,
    pub policy_engine_mode: &'static str,
    pub compatibility_mode: bool,
    pub export_url: String,
    pub layout: &'static str,
    pub denied_action: &'static str,
}

impl<'a> StageList<'a> {
    pub fn new(page: &ListPage<'a>, shape: Shape) -> StageList<'a> {
        StageList {
            pagination: page.pagination,
            results: page.stages.iter().map(|stage| StageBody::new(stage, shape)).collect(),
            autocomplete: shape.has_autocomplete().then(Map::new),
        }
    }
}

impl<'a> StageBody<'a> {
    pub fn new(stage: &'a Stage, shape: Shape) -> StageBody<'a> {
        let always_flows = shape.is_2025_12_or_later();
        let flow_set = (always_flows || !stage.flows.is_empty())
            .then(|| stage.flows.iter().map(|flow| FlowBody::new(flow, shape)).collect());
        let scores = shape.has_score_fields();
        StageBody {
            pk: &stage.pk,
            name: &stage.name,
            component: "ak-stage-captcha-form",
            verbose_name: "Captcha Stage",
            verbose_name_plural: "Captcha Stages",
            meta_model_name: "authentik_stages_captcha.captchastage",
            flow_set,
            public_key: &stage.public_key,
            js_url: stage.js_url(),
            api_url: stage.api_url(),
            interactive: shape.has_interactive().then(|| stage.interactive()),
            score_min_threshold: scores.then_some(stage.score.min),
            score_max_threshold: scores.then_some(stage.score.max),
            error_on_invalid_score: scores.then_some(stage.score.error_on_invalid),
        }
    }
}

impl<'a> FlowBody<'a> {
    pub fn new(flow: &'a Flow, shape: Shape) -> FlowBody<'a> {
        let renamed = shape.is_2025_12_or_later();
        FlowBody {
            pk: &flow.pk,
            policybindingmodel_ptr_id: &flow.policybindingmodel_ptr_id,
            name: flow.name,
            slug: flow.slug,
            title: flow.title,
            designation: flow.designation,
            background: (!renamed).then_some(flow.background),
            background_url: renamed.then_some(flow.background),
            policy_engine_mode: flow.policy_engine_mode,
            compatibility_mode: flow.compatibility_mode,
            export_url: flow.export_url(),
            layout: flow.layout.name_in(shape),
            denied_action: flow.denied_action,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::demo_stages;
    use crate::query::{list, ListQuery};

    /// The serialized list for one shape, searched down to `search`.
    fn body(shape: Shape, search: &str) -> Value {
        let stages = demo_stages(60);
        let query = ListQuery { search: Some(search.to_owned()), ..ListQuery::default() };
        let page = list(&stages, &query, shape).unwrap();
        serde_json::to_value(StageList::new(&page, shape)).unwrap()
    }

    /// The object's keys in alphabetical order, which is how serde_json's map keeps them.
    fn keys(value: &Value) -> Vec<&str> {
        value.as_object().unwrap().keys().map(String::as_str).collect()
    }

    #[test]
    fn the_2024_8_shape_is_the_reference_shape() {
        let body = body(Shape::V2024_8, "event-registration-turnstile");
        assert_eq!(keys(&body), ["pagination", "results"]);
        let stage = &body["results"][0];
        assert_eq!(stage["component"], "ak-stage-captcha-form");
        assert_eq!(stage["verbose_name_plural"], "Captcha Stages");
        assert_eq!(stage["meta_model_name"], "authentik_stages_captcha.captchastage");
        assert_eq!(stage["score_min_threshold"], 0.5);
        assert_eq!(stage["error_on_invalid_score"], true);
        assert!(stage.get("interactive").is_none());
        let flow = &stage["flow_set"][0];
        assert_eq!(flow["background"], "https://cdn.acme.example/events/summit-2025.png");
        assert!(flow.get("background_url").is_none());
        assert_eq!(flow["layout"], "sidebar_left");
        assert_eq!(flow["export_url"], "/api/v3/flows/instances/event-registration-2025/export/");
        assert_eq!(body["pagination"]["count"], 1);
        assert!(body["pagination"]["count"].is_u64());
    }

    #[test]
    fn the_2022_12_shape_has_no_score_fields() {
        let body = body(Shape::V2022_12, "default-enrollment-captcha");
        let stage = &body["results"][0];
        for field in ["score_min_threshold", "score_max_threshold", "error_on_invalid_score"] {
            assert!(stage.get(field).is_none(), "{field}");
        }
        assert!(stage.get("interactive").is_none());
        assert_eq!(stage["js_url"], "https://www.recaptcha.net/recaptcha/api.js");
    }

    #[test]
    fn the_2025_10_shape_adds_interactive_and_autocomplete() {
        let body = body(Shape::V2025_10, "Recovery captcha (v3)");
        assert_eq!(keys(&body), ["autocomplete", "pagination", "results"]);
        assert_eq!(body["autocomplete"], serde_json::json!({}));
        assert_eq!(body["results"][0]["interactive"], false);
        assert!(body["results"][0]["flow_set"][0].get("background").is_some());
    }

    #[test]
    fn the_2026_5_shape_renames_background_and_always_sends_flow_set() {
        let body = body(Shape::V2026_5, "event-registration-turnstile");
        let flow = &body["results"][0]["flow_set"][0];
        assert!(flow.get("background").is_none());
        assert_eq!(flow["background_url"], "https://cdn.acme.example/events/summit-2025.png");
        assert_eq!(flow["layout"], "sidebar_left_frame_background");

        let unbound = self::body(Shape::V2026_5, "captcha-do-not-use");
        assert_eq!(unbound["results"][0]["flow_set"], serde_json::json!([]));
        let older = self::body(Shape::V2024_8, "captcha-do-not-use");
        assert!(older["results"][0].get("flow_set").is_none());
    }

    #[test]
    fn no_field_is_ever_null() {
        for shape in Shape::ALL {
            let text = body(shape, "").to_string();
            assert!(!text.contains("null"), "{shape}");
        }
    }
}
