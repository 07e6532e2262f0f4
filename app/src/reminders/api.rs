//! The reminders' server functions: the signed-in user's list, and its count
//! for the header's badge.
use super::model::DueList;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The signed-in user's control actions falling due, soonest first, with
/// where their daily digest goes.
#[server(endpoint = "due_list", input = GetUrl)]
pub async fn get_due_list() -> Result<DueList, AppError> {
    let load = async {
        let user = crate::auth::current_user().ok_or(AppError::Unauthorized)?;
        let db = crate::state::db()?;
        let today = crate::db::today();
        let items = super::repo::due_for(&db, &user, today).await?;
        let email = super::repo::email_of(&db, user.id).await?;
        let mail_configured = super::mail::settings().is_some();
        Ok(DueList { today: Some(today), items, email, mail_configured })
    };
    load.await.map_err(AppError::with_http_status)
}

/// How many of the signed-in user's control actions fall due (the badge).
#[server(endpoint = "due_count", input = GetUrl)]
pub async fn due_count() -> Result<u32, AppError> {
    let load = async {
        let user = crate::auth::current_user().ok_or(AppError::Unauthorized)?;
        let db = crate::state::db()?;
        let items = super::repo::due_for(&db, &user, crate::db::today()).await?;
        Ok(u32::try_from(items.len()).unwrap_or(u32::MAX))
    };
    load.await.map_err(AppError::with_http_status)
}
