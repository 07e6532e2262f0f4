//! Signing in and out, and the sessions that remember it. A session is a
//! random token in the browser's cookie; the database keeps only its
//! SHA-256, so a copy of the database signs no one in. Sessions live in
//! the app's database: they survive a restart and every instance knows them.
use super::{by_name, check_credentials};
use crate::auth::CurrentUser;
use crate::auth::audit::record_event as record;
use crate::entities::{app_user, auth_event, user_session};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    FromQueryResult, JoinType, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationDef,
    Set, TransactionTrait,
};
use sha2::{Digest, Sha256};

/// The cookie that carries the session's token.
pub const SESSION_COOKIE: &str = "benturan_session";
/// A session unused this long ends.
pub const IDLE_LIFETIME: Duration = Duration::hours(8);
/// A session ends this long after sign-in, used or not.
pub const ABSOLUTE_LIFETIME: Duration = Duration::days(7);
/// `last_seen_at` is written at most this often (not on every request).
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// Failed sign-ins of one account counted over this window...
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);
/// ...after this many, each further attempt waits a little longer...
pub const SLOW_AFTER: u64 = 5;
/// ...by this much more each time...
pub const SLOW_STEP: std::time::Duration = std::time::Duration::from_millis(250);
/// ...and after this many, the account takes no attempt until the window
/// has passed over them (a right password included).
pub const LOCK_AFTER: u64 = 10;

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// Unknown user, wrong password, or a disabled account: one answer.
    #[error("wrong username or password")]
    Invalid,
    /// Too many failures: try again after `minutes`.
    #[error("locked for {minutes} minutes")]
    Locked { minutes: i64 },
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// A new session: the token for the cookie, and who it signs in.
#[derive(Debug)]
pub struct SignedIn {
    pub token: String,
    pub user: CurrentUser,
}

/// Signs `username` in if `password` is theirs and the account is not
/// locked; the session `replaces` (the browser's previous one) ends, so a
/// sign-in always gets a new token. Every attempt is logged.
pub async fn sign_in(
    db: &DatabaseConnection,
    username: &str,
    password: &str,
    client: Option<&str>,
    replaces: Option<&str>,
) -> Result<SignedIn, SignInError> {
    // As typed, within limits, for the log and the count of failures.
    let name: String =
        username.trim().to_lowercase().chars().filter(|c| !c.is_control()).take(64).collect();
    let now = crate::db::clock(db).await?;
    let failures = recent_failures(db, &name, now).await?;
    if failures.len() as u64 >= LOCK_AFTER {
        let oldest = failures.last().copied().unwrap_or(now);
        let minutes = ((oldest + FAILURE_WINDOW - now).num_seconds() + 59) / 60;
        record(db, "sign_in_locked", &name, None, client, None).await?;
        return Err(SignInError::Locked { minutes: minutes.max(1) });
    }
    if failures.len() as u64 >= SLOW_AFTER {
        let extra = (failures.len() as u64 - SLOW_AFTER + 1) as u32;
        tokio::time::sleep(SLOW_STEP * extra).await;
    }
    let Some(user) = check_credentials(db, &name, password).await.map_err(account_db)? else {
        let known = by_name(db, &name).await?.map(|user| user.id);
        record(db, "sign_in_failed", &name, known, client, None).await?;
        return Err(SignInError::Invalid);
    };
    let Some(current) = current_user(db, user).await? else {
        record(db, "sign_in_failed", &name, None, client, Some("unknown role")).await?;
        return Err(SignInError::Invalid);
    };
    let token = new_token();
    let txn = db.begin().await?;
    if let Some(previous) = replaces {
        user_session::Entity::delete_by_id(token_hash(previous)).exec(&txn).await?;
    }
    // Expired sessions of anyone go now and then: at sign-in.
    user_session::Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(user_session::Column::ExpiresAt.lte(now))
                .add(user_session::Column::LastSeenAt.lte(now - IDLE_LIFETIME)),
        )
        .exec(&txn)
        .await?;
    user_session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(current.id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + ABSOLUTE_LIFETIME),
        client: Set(client.map(str::to_owned)),
    }
    .insert(&txn)
    .await?;
    record(&txn, "sign_in", &name, Some(current.id), client, None).await?;
    txn.commit().await?;
    Ok(SignedIn { token, user: current })
}

/// The user a session token signs in, if the session is still valid; marks
/// it used. An expired session is removed.
pub async fn resolve_session(
    db: &DatabaseConnection,
    token: &str,
) -> Result<Option<CurrentUser>, DbErr> {
    let hash = token_hash(token);
    // The session and its user in one query: every request asks this.
    #[derive(FromQueryResult)]
    struct SessionUser {
        user_id: i32,
        last_seen_at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        username: String,
        display_name: String,
        role: String,
        active: bool,
        /// The database's clock, read with the session.
        now: DateTime<Utc>,
    }
    let of_user: RelationDef = user_session::Entity::belongs_to(app_user::Entity)
        .from(user_session::Column::UserId)
        .to(app_user::Column::Id)
        .into();
    let Some(session) = user_session::Entity::find()
        .select_only()
        .columns([
            user_session::Column::UserId,
            user_session::Column::LastSeenAt,
            user_session::Column::ExpiresAt,
        ])
        .expr_as(crate::db::now(db.get_database_backend()), "now")
        .columns([
            app_user::Column::Username,
            app_user::Column::DisplayName,
            app_user::Column::Role,
            app_user::Column::Active,
        ])
        .join(JoinType::InnerJoin, of_user)
        .filter(user_session::Column::TokenHash.eq(hash.clone()))
        .into_model::<SessionUser>()
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let now = session.now;
    if session.expires_at <= now || session.last_seen_at + IDLE_LIFETIME <= now {
        user_session::Entity::delete_by_id(hash).exec(db).await?;
        return Ok(None);
    }
    if !session.active {
        return Ok(None);
    }
    if now - session.last_seen_at >= TOUCH_EVERY {
        user_session::Entity::update_many()
            .col_expr(user_session::Column::LastSeenAt, sea_orm::sea_query::Expr::val(now))
            .filter(user_session::Column::TokenHash.eq(hash))
            .exec(db)
            .await?;
    }
    let SessionUser { user_id, username, display_name, role, .. } = session;
    crate::auth::load::signed_in_user(db, user_id, username, display_name, &role).await
}

/// Signs out: ends every session of the user of `token` (signing out on
/// one computer signs out on all); logged.
pub async fn end_session(
    db: &DatabaseConnection,
    token: &str,
    client: Option<&str>,
) -> Result<(), DbErr> {
    let Some(session) = user_session::Entity::find_by_id(token_hash(token)).one(db).await? else {
        return Ok(());
    };
    let txn = db.begin().await?;
    user_session::Entity::delete_many()
        .filter(user_session::Column::UserId.eq(session.user_id))
        .exec(&txn)
        .await?;
    let name = app_user::Entity::find_by_id(session.user_id)
        .one(&txn)
        .await?
        .map(|user| user.username)
        .unwrap_or_default();
    record(&txn, "sign_out", &name, Some(session.user_id), client, None).await?;
    txn.commit().await
}

/// The signed-in view of an active user with a known role.
async fn current_user(
    db: &impl ConnectionTrait,
    user: app_user::Model,
) -> Result<Option<CurrentUser>, DbErr> {
    crate::auth::load::signed_in_user(db, user.id, user.username, user.display_name, &user.role)
        .await
}

/// The times of the failed sign-ins of `name` within the window and since
/// its last success, newest first.
async fn recent_failures(
    db: &DatabaseConnection,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, DbErr> {
    let of_name = || {
        auth_event::Entity::find()
            .filter(auth_event::Column::Username.eq(name))
            .filter(auth_event::Column::At.gt(now - FAILURE_WINDOW))
    };
    let last_success = of_name()
        .filter(auth_event::Column::Kind.eq("sign_in"))
        .order_by_desc(auth_event::Column::At)
        .one(db)
        .await?
        .map(|event| event.at);
    let mut failures = of_name().filter(auth_event::Column::Kind.eq("sign_in_failed"));
    if let Some(success) = last_success {
        failures = failures.filter(auth_event::Column::At.gt(success));
    }
    // Only as many as decide the answer.
    let failures = failures
        .order_by_desc(auth_event::Column::At)
        .paginate(db, LOCK_AFTER)
        .fetch_page(0)
        .await?;
    Ok(failures.into_iter().map(|event| event.at).collect())
}

fn account_db(error: super::AccountError) -> SignInError {
    match error {
        super::AccountError::Database(message) => SignInError::Db(DbErr::Custom(message)),
        _ => SignInError::Invalid,
    }
}

/// 32 random bytes, base64url: the cookie's token.
fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a token: its SHA-256, in hex.
fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_kept_only_as_hashes() {
        let (one, two) = (new_token(), new_token());
        assert_eq!(one.len(), 43);
        assert_ne!(one, two);
        assert!(one.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        let hash = token_hash(&one);
        assert_eq!(hash.len(), 64);
        assert_ne!(hash, token_hash(&two));
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
