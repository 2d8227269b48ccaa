//! Property tests of decoding: every answer shaped per the OpenAPI excerpts
//! decodes completely, and no answer at all (mutated, random, truncated)
//! makes decoding panic.
#![cfg(not(target_arch = "wasm32"))]

use captcha_stages::api::{decode_stage_page, ApiError};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn text() -> impl Strategy<Value = String> {
    let markup = Just("<img src=x onerror=alert(1)>".to_owned());
    prop_oneof!["[a-zA-Z0-9 _.-]{0,24}", ".{0,12}", markup]
}

/// An enum field: a value the schema lists, or one a newer release may add.
fn enum_value(known: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![3 => proptest::sample::select(known).prop_map(str::to_owned), 1 => "[a-z_]{1,16}"]
}

/// Sets `key` only when `value` is `Some`: optional fields may be absent.
fn put(object: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        object.insert(key.to_owned(), value);
    }
}

fn flow() -> impl Strategy<Value = Value> {
    (
        (text(), "[-a-zA-Z0-9_]{1,50}", text(), text()),
        enum_value(&[
            "authentication",
            "authorization",
            "invalidation",
            "enrollment",
            "unenrollment",
            "recovery",
            "stage_configuration",
        ]),
        (any::<bool>(), text()),
        proptest::option::of(enum_value(&["all", "any"])),
        proptest::option::of(any::<bool>()),
        proptest::option::of(enum_value(&[
            "stacked",
            "content_left",
            "content_right",
            "sidebar_left",
            "sidebar_right",
        ])),
        proptest::option::of(enum_value(&["message_continue", "message", "continue"])),
    )
        .prop_map(
            |(
                (name, slug, title, export),
                designation,
                (renamed, background),
                mode,
                compat,
                layout,
                denied,
            )| {
                let mut flow = Map::new();
                flow.insert("pk".into(), json!("0b5a4a4e-5d0c-4a6b-9bb0-7cc1d9e1a001"));
                flow.insert(
                    "policybindingmodel_ptr_id".into(),
                    json!("0b5a4a4e-5d0c-4a6b-9bb0-7cc1d9e1a002"),
                );
                flow.insert("name".into(), json!(name));
                flow.insert("slug".into(), json!(slug));
                flow.insert("title".into(), json!(title));
                flow.insert("designation".into(), json!(designation));
                flow.insert(
                    if renamed { "background_url" } else { "background" }.into(),
                    json!(background),
                );
                flow.insert("export_url".into(), json!(export));
                put(&mut flow, "policy_engine_mode", mode.map(Value::from));
                put(&mut flow, "compatibility_mode", compat.map(Value::from));
                put(&mut flow, "layout", layout.map(Value::from));
                put(&mut flow, "denied_action", denied.map(Value::from));
                Value::Object(flow)
            },
        )
}

fn stage() -> impl Strategy<Value = Value> {
    (
        (text(), text(), text()),
        proptest::option::of(proptest::collection::vec(flow(), 0..4)),
        (proptest::option::of(text()), proptest::option::of(text())),
        (proptest::option::of(-1.0..1.0f64), proptest::option::of(-1.0..1.0f64)),
        (proptest::option::of(any::<bool>()), proptest::option::of(any::<bool>())),
        proptest::option::of(text()),
    )
        .prop_map(
            |((name, key, verbose), flows, (js, api), (min, max), (error, interactive), extra)| {
                let mut stage = Map::new();
                stage.insert("pk".into(), json!("3fa85f64-5717-4562-b3fc-2c963f66afa6"));
                stage.insert("name".into(), json!(name));
                stage.insert("component".into(), json!("ak-stage-captcha-form"));
                stage.insert("verbose_name".into(), json!(verbose));
                stage.insert("verbose_name_plural".into(), json!("Captcha Stages"));
                stage.insert(
                    "meta_model_name".into(),
                    json!("authentik_stages_captcha.captchastage"),
                );
                stage.insert("public_key".into(), json!(key));
                put(&mut stage, "flow_set", flows.map(Value::from));
                put(&mut stage, "js_url", js.map(Value::from));
                put(&mut stage, "api_url", api.map(Value::from));
                put(&mut stage, "score_min_threshold", min.map(Value::from));
                put(&mut stage, "score_max_threshold", max.map(Value::from));
                put(&mut stage, "error_on_invalid_score", error.map(Value::from));
                put(&mut stage, "interactive", interactive.map(Value::from));
                // Fields of releases this build has never seen must be ignored.
                put(&mut stage, "some_future_field", extra.map(Value::from));
                Value::Object(stage)
            },
        )
}

/// A whole answer as the OpenAPI excerpts describe it, with consistent
/// pagination.
fn valid_answer() -> impl Strategy<Value = Value> {
    (proptest::collection::vec(stage(), 0..6), 0u64..5, any::<bool>()).prop_map(
        |(results, pages_before, autocomplete)| {
            let rows = results.len() as u64;
            let start = if rows == 0 { 0 } else { pages_before * 5 + 1 };
            let mut answer = json!({
                "pagination": {
                    "next": 0, "previous": pages_before, "count": pages_before * 5 + rows,
                    "current": pages_before + 1, "total_pages": pages_before + 1,
                    "start_index": start, "end_index": if rows == 0 { 0 } else { start + rows - 1 },
                },
                "results": results,
            });
            if autocomplete {
                answer["autocomplete"] = json!({});
            }
            answer
        },
    )
}

/// Any JSON value, nested a little.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        ".{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replaces the value at a random place in the tree with `replacement`,
/// or removes it from its object.
fn mutate(value: &mut Value, mut choice: usize, replacement: Value, remove: bool) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(choice % map.len()).unwrap().clone();
            choice /= map.len().max(1);
            if choice.is_multiple_of(3) {
                if remove {
                    map.remove(&key);
                } else {
                    map.insert(key, replacement);
                }
            } else {
                mutate(map.get_mut(&key).unwrap(), choice / 3, replacement, remove);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let (index, rest) = (choice % items.len(), choice / items.len());
            mutate(&mut items[index], rest, replacement, remove);
        }
        other => *other = replacement,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn valid_answers_always_decode_completely(answer in valid_answer()) {
        let body = answer.to_string();
        let page = decode_stage_page(200, &body).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&page.problems, &[]);
        let names: Vec<&str> = answer["results"].as_array().unwrap().iter()
            .map(|s| s["name"].as_str().unwrap()).collect();
        let decoded: Vec<&str> = page.results.iter().map(|s| s.name.as_str()).collect();
        prop_assert_eq!(decoded, names);
    }

    #[test]
    fn mutated_answers_never_panic(
        answer in valid_answer(),
        choice in any::<usize>(),
        replacement in any_json(),
        remove in any::<bool>(),
    ) {
        let mut answer = answer;
        mutate(&mut answer, choice, replacement, remove);
        let result = decode_stage_page(200, &answer.to_string());
        if let Err(error) = result {
            prop_assert!(!error.message(false).is_empty());
        }
    }

    #[test]
    fn truncated_answers_never_panic(
        answer in valid_answer(),
        cut in any::<prop::sample::Index>(),
    ) {
        let body = answer.to_string();
        let end = cut.index(body.len() + 1);
        let body = body.get(..end).unwrap_or(&body);
        let _ = decode_stage_page(200, body);
    }

    #[test]
    fn any_status_and_any_body_never_panic(
        status in 100u16..600,
        body in ".{0,64}",
        json in any_json(),
    ) {
        for body in [body, json.to_string()] {
            match decode_stage_page(status, &body) {
                Ok(_) => prop_assert!((200..300).contains(&status)),
                Err(error) => {
                    prop_assert!(!error.message(true).is_empty());
                    if !(200..300).contains(&status) {
                        let is_status = matches!(error, ApiError::Status { .. });
                        prop_assert!(is_status);
                    }
                }
            }
        }
    }
}
