//! The admin's page: users, their roles and Bagian, and the audit log of
//! sign-ins and account changes. Every server function here is an admin's
//! alone (403 for anyone else, logged like any refusal).
use crate::auth::Role;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};
use serde::{Deserialize, Serialize};

/// A user as the admin page lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i32,
    pub username: String,
    pub role: Role,
    pub active: bool,
    pub bagian: Vec<i32>,
    pub last_sign_in: Option<DateTime<Utc>>,
}

/// The users, and the Bagian an editor may be given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accounts {
    pub users: Vec<Account>,
    pub bagian: Vec<(i32, String)>,
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

/// Why an account change was refused, for the admin to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountProblem {
    BadUsername {
        min: usize,
        max: usize,
    },
    Taken,
    /// The last active admin cannot lose the role or be disabled.
    LastAdmin,
    NoSuchBagian,
    NoSuchUser,
}

/// Every user, and the Bagian of the registers.
#[server(endpoint = "admin_accounts", input = GetUrl)]
pub async fn admin_accounts() -> Result<Accounts, AppError> {
    let run = async {
        let (db, _) = admin()?;
        Ok(crate::accounts::admin_view(&db).await?)
    };
    run.await.map_err(AppError::with_http_status)
}

/// Adds a user; returns their first password, to be passed on once.
#[server(endpoint = "admin_add_account", input = Json)]
pub async fn admin_add_account(
    username: String,
    role: Role,
    bagian: Vec<i32>,
) -> Result<String, AppError> {
    let run = async {
        let (db, by) = admin()?;
        let password = crate::accounts::generate_password();
        let name = username.trim().to_lowercase();
        crate::accounts::add_user_by(&db, &by, &name, role, &bagian, &password).await?;
        Ok(password)
    };
    run.await.map_err(AppError::with_http_status)
}

/// Sets a user's role, Bagian and whether they may sign in.
#[server(endpoint = "admin_update_account", input = Json)]
pub async fn admin_update_account(
    id: i32,
    role: Role,
    bagian: Vec<i32>,
    active: bool,
) -> Result<(), AppError> {
    let run = async {
        let (db, by) = admin()?;
        Ok(crate::accounts::update_user(&db, &by, id, role, &bagian, active).await?)
    };
    run.await.map_err(AppError::with_http_status)
}

/// A new password for a user (their sessions end); returned once.
#[server(endpoint = "admin_reset_password")]
pub async fn admin_reset_password(id: i32) -> Result<String, AppError> {
    let run = async {
        let (db, by) = admin()?;
        Ok(crate::accounts::reset_password(&db, &by, id).await?)
    };
    run.await.map_err(AppError::with_http_status)
}

/// The newest entries of the audit log (before entry `before`, to page back).
#[server(endpoint = "audit_log", input = GetUrl)]
pub async fn audit_log(before: Option<i32>) -> Result<Vec<AuditEntry>, AppError> {
    let run = async {
        let (db, _) = admin()?;
        Ok(crate::accounts::audit_entries(&db, before, 100).await?)
    };
    run.await.map_err(AppError::with_http_status)
}

/// The database and the admin making the call; anyone else is refused
/// (and the refusal logged).
#[cfg(feature = "ssr")]
fn admin() -> Result<(sea_orm::DatabaseConnection, crate::accounts::ChangedBy), AppError> {
    use crate::auth::Permission;
    let db = crate::state::db()?;
    let user = crate::auth::current_user().ok_or(AppError::Unauthorized)?;
    let client = crate::auth::request_client();
    if !user.may(Permission::ManageUsers) {
        let path = use_context::<http::request::Parts>().map(|parts| parts.uri.path().to_owned());
        let db = db.clone();
        let user = user.clone();
        // Logged without holding up the answer.
        tokio::spawn(async move {
            let logged = crate::accounts::record_refusal(
                &db,
                Some(&user),
                client.as_deref(),
                path.as_deref(),
            );
            if let Err(error) = logged.await {
                tracing::error!(%error, "a refused call could not be logged");
            }
        });
        return Err(AppError::Forbidden);
    }
    Ok((db, crate::accounts::ChangedBy { actor_id: Some(user.id), client }))
}
