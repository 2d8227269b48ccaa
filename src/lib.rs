//! An admin page for authentik's captcha stages: a server-paginated,
//! searched and sorted table whose rows expand to the flows that use them.
//!
//! `api` is the data layer (models, query, client, errors); `stage_list`
//! keeps a page in step with the query; `components` are the views.

pub mod api;
pub mod components;
pub mod config;
pub mod embed;
pub mod panic;
pub mod provider;
pub mod stage_list;
pub mod text;
pub mod url_state;

pub use components::App;
pub use config::PageConfig;
