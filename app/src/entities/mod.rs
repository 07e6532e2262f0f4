//! SeaORM entities: the database's shape, never sent to the browser.
pub mod app_user;
pub mod auth_event;
pub mod change_log;
pub mod conflict_source;
pub mod org_unit;
pub mod register;
pub mod register_section;
pub mod register_step;
pub mod reminder_sent;
pub mod review_note;
pub mod risk;
pub mod risk_matrix;
pub mod rtp_realisation;
pub mod user_bagian;
pub mod user_session;
