//! Benturan: the conflict-of-interest risk register. Shared by the server
//! (feature `ssr`) and the browser (feature `hydrate`).
pub mod admin;
pub mod app;
pub mod auth;
pub mod dashboard;
pub mod documents;
pub mod error;
pub mod evidence;
pub mod i18n;
pub mod import;
pub mod layout;
pub mod live;
pub mod pages;
pub mod print;
pub mod register;
pub mod reminders;
pub mod rules;
pub mod settings;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod state;

pub use app::{App, shell};
