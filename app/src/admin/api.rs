//! The admin's server functions. Every one is an admin's alone (403 for
//! anyone else, logged like any refusal).
use super::model::{Accounts, AuditEntry};
use crate::auth::Role;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// Every user, and the Bagian of the registers.
#[server(endpoint = "admin_accounts", input = GetUrl)]
pub async fn admin_accounts() -> Result<Accounts, AppError> {
    let run = async {
        let (db, _) = admin()?;
        let mut accounts = super::repo::admin_view(&db).await?;
        accounts.mail_host = crate::reminders::mail::settings().map(|mail| mail.host.clone());
        Ok(accounts)
    };
    run.await.map_err(AppError::with_http_status)
}

/// Adds a user; returns their first password, to be passed on once.
#[server(endpoint = "admin_add_account", input = Json)]
pub async fn admin_add_account(
    username: String,
    role: Role,
    bagian: Vec<i32>,
    #[server(default)] email: String,
) -> Result<String, AppError> {
    let run = async {
        let (db, by) = admin()?;
        // Checked first: a refused address adds no account.
        crate::rules::account::parse_email(&email).map_err(AppError::Account)?;
        let password = super::repo::generate_password();
        let name = username.trim().to_lowercase();
        let id = super::repo::add_user_by(&db, &by, &name, role, &bagian, &password).await?;
        super::repo::set_email(&db, &by, id, &email).await?;
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
    /// The e-mail address (empty: none); left as it is when not sent.
    #[server(default)]
    email: Option<String>,
) -> Result<(), AppError> {
    let run = async {
        let (db, by) = admin()?;
        if let Some(email) = &email {
            crate::rules::account::parse_email(email).map_err(AppError::Account)?;
        }
        super::repo::update_user(&db, &by, id, role, &bagian, active).await?;
        if let Some(email) = email {
            super::repo::set_email(&db, &by, id, &email).await?;
        }
        Ok(())
    };
    run.await.map_err(AppError::with_http_status)
}

/// A new password for a user (their sessions end); returned once.
#[server(endpoint = "admin_reset_password")]
pub async fn admin_reset_password(id: i32) -> Result<String, AppError> {
    let run = async {
        let (db, by) = admin()?;
        Ok(super::repo::reset_password(&db, &by, id).await?)
    };
    run.await.map_err(AppError::with_http_status)
}

/// The newest entries of the audit log (before entry `before`, to page back).
#[server(endpoint = "audit_log", input = GetUrl)]
pub async fn audit_log(before: Option<i32>) -> Result<Vec<AuditEntry>, AppError> {
    let run = async {
        let (db, _) = admin()?;
        Ok(super::repo::audit_entries(&db, before, 100).await?)
    };
    run.await.map_err(AppError::with_http_status)
}

/// The database and the admin making the call; anyone else is refused
/// (and the refusal logged).
#[cfg(feature = "ssr")]
fn admin() -> Result<(sea_orm::DatabaseConnection, super::repo::ChangedBy), AppError> {
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
            let logged = crate::auth::audit::record_refusal(
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
    Ok((db, super::repo::ChangedBy { actor_id: Some(user.id), client }))
}
