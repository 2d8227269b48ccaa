//! Serde models of `GET /stages/captcha/` (`PaginatedCaptchaStageList`).
//!
//! The shapes follow the OpenAPI excerpts of authentik 2024.8, 2025.10 and
//! 2026.5. Decoding is deliberately forgiving where the page can still show
//! something useful: unknown fields are ignored, fields added in later
//! releases are optional, computed display fields default to empty, and enum
//! fields keep values this build does not know. Only what the table cannot
//! do without (`pk`, `name`, `pagination`, `results`) is required.

use serde::Deserialize;

use super::SortField;

/// One page of captcha stages, as the server paginated it.
///
/// Decoded part by part (see `decode_stage_page`), so one bad row or a broken
/// `pagination` costs only that part: `problems` says what was left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StagePage {
    pub pagination: Pagination,
    pub results: Vec<CaptchaStage>,
    /// Added in 2025.8 for authentik's own search box; the page has no use
    /// for it, but decoding it keeps the model complete.
    pub autocomplete: Option<serde_json::Map<String, serde_json::Value>>,
    /// Parts of the answer that could not be shown, for the admin to see.
    pub problems: Vec<ShapeProblem>,
}

impl StagePage {
    /// Whether the server that sent this page can sort by `field`.
    /// Releases before 2024.6 have no score settings, and a server drops an
    /// ordering by a field it does not have and answers in name order (see
    /// `../shared/api/NOTES.md`), so a page whose rows all lack the field was
    /// not sorted by it. Without rows there is nothing to tell by: assumed yes.
    pub fn sortable_by(&self, field: SortField) -> bool {
        let has_field: fn(&CaptchaStage) -> bool = match field {
            SortField::Name | SortField::PublicKey | SortField::JsUrl => return true,
            SortField::ScoreMinThreshold => |stage| stage.score_min_threshold.is_some(),
            SortField::ScoreMaxThreshold => |stage| stage.score_max_threshold.is_some(),
            SortField::ErrorOnInvalidScore => |stage| stage.error_on_invalid_score.is_some(),
        };
        self.results.is_empty() || self.results.iter().any(has_field)
    }
}

/// A part of an answer that did not have the expected shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapeProblem {
    /// Where in the body, e.g. `results[3].name`.
    pub path: String,
    pub reason: String,
}

impl std::fmt::Display for ShapeProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// The server's view of where this page sits. The page trusts these numbers,
/// never `results.len()` or the size it asked for: newer servers cap
/// `page_size` silently.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Pagination {
    /// Next page number, 0 when there is none (never null).
    pub next: u64,
    /// Previous page number, 0 when there is none.
    pub previous: u64,
    pub count: u64,
    pub current: u64,
    pub total_pages: u64,
    /// 1-based index of the first row shown; 0 for an empty result.
    pub start_index: u64,
    pub end_index: u64,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CaptchaStage {
    pub pk: String,
    pub name: String,
    #[serde(default)]
    pub component: String,
    #[serde(default)]
    pub verbose_name: String,
    #[serde(default)]
    pub verbose_name_plural: String,
    #[serde(default)]
    pub meta_model_name: String,
    /// Optional before 2025.12, always present after.
    #[serde(default)]
    pub flow_set: Vec<FlowSet>,
    #[serde(default)]
    pub public_key: String,
    /// Since 2022.12; absent on older servers, which only knew reCAPTCHA.
    #[serde(default)]
    pub js_url: Option<String>,
    #[serde(default)]
    pub api_url: Option<String>,
    /// Since 2024.6. Absent means the server default (0.5).
    #[serde(default)]
    pub score_min_threshold: Option<f64>,
    /// Since 2024.6. Absent means the server default (1.0).
    #[serde(default)]
    pub score_max_threshold: Option<f64>,
    /// Since 2024.6. Absent means the server default (true).
    #[serde(default)]
    pub error_on_invalid_score: Option<bool>,
    /// Since 2024.10.2.
    #[serde(default)]
    pub interactive: Option<bool>,
    /// Since 2026.8.
    #[serde(default)]
    pub request_content_type: Option<String>,
}

/// A flow that uses the stage ("Stripped down flow serializer").
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct FlowSet {
    pub pk: String,
    #[serde(default)]
    pub policybindingmodel_ptr_id: String,
    pub name: String,
    pub slug: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub designation: Option<Designation>,
    /// Up to 2025.10.
    #[serde(default)]
    pub background: Option<String>,
    /// From 2025.12, replacing `background`.
    #[serde(default)]
    pub background_url: Option<String>,
    #[serde(default)]
    pub policy_engine_mode: Option<PolicyEngineMode>,
    #[serde(default)]
    pub compatibility_mode: Option<bool>,
    #[serde(default)]
    pub export_url: String,
    #[serde(default)]
    pub layout: Option<Layout>,
    #[serde(default)]
    pub denied_action: Option<DeniedAction>,
}

impl Pagination {
    /// Stands in for a missing or broken `pagination`: all `rows` on one
    /// page, so they can still be shown.
    pub fn single_page(rows: usize) -> Self {
        let rows = rows as u64;
        Self {
            next: 0,
            previous: 0,
            count: rows,
            current: 1,
            total_pages: 1,
            start_index: rows.min(1),
            end_index: rows,
        }
    }
}

impl FlowSet {
    /// The background image URL, whichever release named the field.
    pub fn background(&self) -> Option<&str> {
        self.background_url.as_deref().or(self.background.as_deref())
    }
}

/// `{"detail": ...}`: authentik's 403 and 404 bodies (`GenericError`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct GenericError {
    pub detail: String,
    #[serde(default)]
    pub code: Option<String>,
}

/// `{"non_field_errors": [...], "code": ...}`: the declared 400 body.
/// Extra keys may appear (per-field errors); they are ignored.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ValidationError {
    #[serde(default)]
    pub non_field_errors: Vec<String>,
    #[serde(default)]
    pub code: Option<String>,
}

/// Declares a string enum that keeps values it does not know, because a
/// newer server may send them (2026.2 added two layouts) and the admin
/// should see the raw value rather than an error.
macro_rules! open_enum {
    (
        $(#[$doc:meta])*
        $name:ident { $($variant:ident = $wire:literal => $label:literal),+ $(,)? }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
        #[serde(from = "String")]
        pub enum $name {
            $($variant,)+
            /// A value this build does not know, kept verbatim.
            Other(String),
        }

        impl From<String> for $name {
            fn from(wire: String) -> Self {
                match wire.as_str() {
                    $($wire => Self::$variant,)+
                    _ => Self::Other(wire),
                }
            }
        }

        impl $name {
            /// Words for people; unknown values are shown as sent.
            pub fn label(&self) -> &str {
                match self {
                    $(Self::$variant => $label,)+
                    Self::Other(raw) => raw,
                }
            }
        }
    };
}

open_enum!(
    /// What a flow is used for.
    Designation {
        Authentication = "authentication" => "Authentication",
        Authorization = "authorization" => "Authorization",
        Invalidation = "invalidation" => "Invalidation",
        Enrollment = "enrollment" => "Enrollment",
        Unenrollment = "unenrollment" => "Unenrollment",
        Recovery = "recovery" => "Recovery",
        StageConfiguration = "stage_configuration" => "Stage configuration",
    }
);

open_enum!(
    /// Whether all or any bound policies must pass.
    PolicyEngineMode {
        All = "all" => "All policies must pass",
        Any = "any" => "Any policy must pass",
    }
);

open_enum!(
    /// How the flow executor lays out the page.
    Layout {
        Stacked = "stacked" => "Stacked",
        ContentLeft = "content_left" => "Content left",
        ContentRight = "content_right" => "Content right",
        SidebarLeft = "sidebar_left" => "Sidebar left",
        SidebarRight = "sidebar_right" => "Sidebar right",
    }
);

open_enum!(
    /// What happens when the flow denies access.
    DeniedAction {
        MessageContinue = "message_continue" => "Message, then continue",
        Message = "message" => "Message",
        Continue = "continue" => "Continue",
    }
);
