//! Reminders of control actions (RTP) falling due: each user's list "Jatuh
//! tempo" (the actions they own or edit, due within 14 days or overdue), a
//! badge in the header, and a daily e-mail digest through SMTP.
pub mod api;
pub mod components;
pub mod model;

#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod repo;

/// Due within this many days: on the list.
pub const DUE_WITHIN_DAYS: i64 = 14;
