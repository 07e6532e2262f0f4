//! The audit log of sign-ins and refusals (`auth_event`): who tried what,
//! from where, and what was refused.
use crate::auth::CurrentUser;
use crate::entities::auth_event;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

/// One entry of the audit log: what happened (`kind`), to which user, by
/// whom, from where, and what exactly.
#[derive(Clone, Copy, Debug, Default)]
pub struct AuditEvent<'a> {
    pub kind: &'a str,
    pub username: Option<&'a str>,
    pub user_id: Option<i32>,
    /// The admin who acted, when not the user themselves.
    pub actor_id: Option<i32>,
    pub client: Option<&'a str>,
    pub detail: Option<&'a str>,
}

/// Writes `event` to the audit log, stamped by the database's clock.
pub async fn record(db: &impl ConnectionTrait, event: AuditEvent<'_>) -> Result<(), DbErr> {
    let text = |text: Option<&str>| text.map(str::to_owned);
    auth_event::ActiveModel {
        at: Set(crate::db::clock(db).await?),
        kind: Set(event.kind.to_owned()),
        username: Set(text(event.username)),
        user_id: Set(event.user_id),
        actor_id: Set(event.actor_id),
        client: Set(text(event.client)),
        detail: Set(text(event.detail)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

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
    let event =
        AuditEvent { kind, username: Some(username), user_id, client, detail, actor_id: None };
    record(db, event).await
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
