//! The views. They read server state only through `stage_list` and `api`.

mod app;
mod flow_list;
mod focus;
mod instance;
mod notices;
mod pager;
mod search_box;
mod stage_row;
mod stage_table;
mod token_settings;

pub use app::App;
pub use flow_list::FlowList;
pub use instance::InstanceId;
pub use notices::{ErrorNotice, NoStages, ProblemsNotice};
pub use pager::Pager;
pub use search_box::SearchBox;
pub use stage_row::StageRow;
pub use stage_table::StageTable;
pub use token_settings::TokenSettings;
