//! The audit log of sign-ins and refusals (`auth_event`): who tried what,
//! from where, and what was refused.
use crate::auth::CurrentUser;
use crate::entities::auth_event;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

/// Logs an event of `kind` (sign_in, sign_in_failed, forbidden, …) about
/// user `username`, from `client`.
pub async fn record_event(
    db: &impl ConnectionTrait,
    kind: &str,
    username: &str,
    user_id: Option<i32>,
    client: Option<&str>,
    detail: Option<&str>,
) -> Result<(), DbErr> {
    auth_event::ActiveModel {
        at: Set(crate::db::clock(db).await?),
        kind: Set(kind.to_owned()),
        username: Set(Some(username.to_owned())),
        user_id: Set(user_id),
        actor_id: Set(None),
        client: Set(client.map(str::to_owned)),
        detail: Set(detail.map(str::to_owned)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Logs a write the user's role did not allow (`detail`: what was asked).
pub async fn record_refusal(
    db: &impl ConnectionTrait,
    user: Option<&CurrentUser>,
    client: Option<&str>,
    detail: Option<&str>,
) -> Result<(), DbErr> {
    let name = user.map_or("", |user| user.username.as_str());
    record_event(db, "forbidden", name, user.map(|user| user.id), client, detail).await
}
