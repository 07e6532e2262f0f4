//! The accounts as the admin page shows them, and why a change is refused.
use crate::auth::model::Role;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use crate::rules::account::AccountProblem;

/// A user as the admin page lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i32,
    pub username: String,
    pub role: Role,
    pub active: bool,
    pub bagian: Vec<i32>,
    /// Where the daily reminder digest goes.
    #[serde(default)]
    pub email: Option<String>,
    pub last_sign_in: Option<DateTime<Utc>>,
}

/// The users, and the Bagian an editor may be given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accounts {
    pub users: Vec<Account>,
    pub bagian: Vec<(i32, String)>,
    /// The SMTP server the reminders go through; none: no e-mail is sent.
    #[serde(default)]
    pub mail_host: Option<String>,
}

/// One entry of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i32,
    pub at: DateTime<Utc>,
    pub kind: String,
    pub username: Option<String>,
    /// The admin who made the change, if not the user themself.
    pub actor: Option<String>,
    pub client: Option<String>,
    pub detail: Option<String>,
}
