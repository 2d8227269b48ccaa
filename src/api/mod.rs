//! The data layer: everything the page knows about authentik's
//! `GET /stages/captcha/`. Views read server state only through here.

mod client;
mod error;
mod model;
mod query;

pub use client::{decode_stage_page, ApiClient};
pub use error::ApiError;
pub use model::{
    CaptchaStage, DeniedAction, Designation, FlowSet, GenericError, Layout, Pagination,
    PolicyEngineMode, ShapeProblem, StagePage, ValidationError,
};
pub use query::{Ordering, SortField, StageQuery, DEFAULT_PAGE_SIZE, PAGE_SIZES};

#[cfg(test)]
mod tests;
