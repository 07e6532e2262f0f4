//! The admin's page: users, their roles and Bagian, and the audit log of
//! sign-ins and account changes; below it, the accounts themselves
//! (passwords as argon2id hashes, sessions, the audit log) in `repo`.
pub mod api;
mod components;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;

pub use components::AdminPage;
pub use model::{Account, AccountProblem, Accounts, AuditEntry};
