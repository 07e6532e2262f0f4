//! Accounts: users with a role, the Bagian an editor edits, and their
//! passwords as argon2id hashes; sign-in and sessions (`session`).
use crate::entities::{app_user, user_bagian, user_session};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, TransactionTrait,
};

pub use crate::auth::Role;

mod manage;
mod password;
mod session;
pub use manage::{ChangedBy, admin_view, audit_entries, reset_password, set_email, update_user};
use password::check_password;
pub use password::{generate_password, hash_off_thread, hash_password, verify_password};
pub use session::{
    ABSOLUTE_LIFETIME, FAILURE_WINDOW, IDLE_LIFETIME, LOCK_AFTER, SESSION_COOKIE, SLOW_AFTER,
    SLOW_STEP, SignInError, SignedIn, end_session, resolve_session, sign_in,
};

pub use crate::rules::account::{PASSWORD_CHARS, USERNAME_CHARS};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AccountError {
    #[error("username: {min}–{max} characters of a–z, 0–9, '.', '_' or '-'")]
    BadUsername { min: usize, max: usize },
    #[error("password: {min}–{max} characters")]
    BadPassword { min: usize, max: usize },
    #[error("unknown role {0}")]
    BadRole(String),
    #[error("username {0} is taken")]
    Taken(String),
    #[error("no user {0}")]
    NoSuchUser(String),
    #[error("no Bagian {0}")]
    NoSuchBagian(i32),
    #[error("the last active admin keeps the role")]
    LastAdmin,
    #[error("e-mail: one address of at most {max} characters")]
    BadEmail { max: usize },
    #[error("database: {0}")]
    Database(String),
}

impl AccountError {
    /// Why an account command was refused, naming the field and its limit.
    pub fn message(&self, locale: crate::i18n::Locale) -> String {
        let t = crate::i18n::cli::strings(locale).account;
        match self {
            Self::BadUsername { min, max } => (t.bad_username)(*min, *max),
            Self::BadPassword { min, max } => (t.bad_password)(*min, *max),
            Self::BadRole(role) => (t.bad_role)(role),
            Self::Taken(name) => (t.taken)(name),
            Self::NoSuchUser(name) => (t.no_such_user)(name),
            Self::NoSuchBagian(id) => (t.no_such_bagian)(*id),
            Self::LastAdmin => t.last_admin.to_owned(),
            Self::BadEmail { max } => (t.bad_email)(*max),
            Self::Database(message) => (t.database)(message),
        }
    }
}

impl From<AccountError> for crate::error::AppError {
    fn from(error: AccountError) -> Self {
        use crate::admin::model::AccountProblem;
        let problem = match error {
            AccountError::BadUsername { min, max } => AccountProblem::BadUsername { min, max },
            AccountError::Taken(_) => AccountProblem::Taken,
            AccountError::LastAdmin => AccountProblem::LastAdmin,
            AccountError::BadEmail { max } => AccountProblem::BadEmail { max },
            AccountError::NoSuchBagian(_) => AccountProblem::NoSuchBagian,
            AccountError::NoSuchUser(_) => AccountProblem::NoSuchUser,
            // Passwords made here fit; a role is parsed before it comes here.
            AccountError::BadPassword { .. } | AccountError::BadRole(_) => {
                return crate::error::AppError::Internal;
            }
            AccountError::Database(message) => {
                tracing::error!(%message, "account change failed");
                return crate::error::AppError::Unavailable;
            }
        };
        crate::error::AppError::Account(problem)
    }
}

impl From<DbErr> for AccountError {
    fn from(error: DbErr) -> Self {
        AccountError::Database(error.to_string())
    }
}

/// A user as the command line and the admin page list them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserSummary {
    pub id: i32,
    pub username: String,
    pub role: String,
    pub active: bool,
    pub bagian: Vec<i32>,
    pub has_password: bool,
}

fn check_username(username: &str) -> Result<(), AccountError> {
    let fits = USERNAME_CHARS.contains(&username.chars().count())
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    fits.then_some(()).ok_or(AccountError::BadUsername {
        min: *USERNAME_CHARS.start(),
        max: *USERNAME_CHARS.end(),
    })
}

/// Adds a user with a role, the Bagian they edit, and a password; logged as
/// done on the command line.
pub async fn add_user(
    db: &DatabaseConnection,
    username: &str,
    role: Role,
    bagian: &[i32],
    password: &str,
) -> Result<i32, AccountError> {
    add_user_by(db, &ChangedBy::command_line(), username, role, bagian, password).await
}

/// Adds a user as `add_user` does, logged as done by `by`.
pub async fn add_user_by(
    db: &DatabaseConnection,
    by: &ChangedBy,
    username: &str,
    role: Role,
    bagian: &[i32],
    password: &str,
) -> Result<i32, AccountError> {
    check_username(username)?;
    check_password(password)?;
    let hash = hash_off_thread(password).await?;
    let txn = db.begin().await?;
    for id in bagian {
        if crate::entities::org_unit::Entity::find_by_id(*id).one(&txn).await?.is_none() {
            return Err(AccountError::NoSuchBagian(*id));
        }
    }
    let now = crate::db::clock(&txn).await?;
    let user = app_user::ActiveModel {
        username: Set(username.to_owned()),
        display_name: Set(username.to_owned()),
        role: Set(role.code().to_owned()),
        unit_id: Set(None),
        active: Set(true),
        created_at: Set(now),
        password_hash: Set(Some(hash)),
        password_set_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(&txn)
    .await
    // The unique index decides (also between two adds racing).
    .map_err(|error| match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            AccountError::Taken(username.to_owned())
        }
        _ => AccountError::from(error),
    })?;
    for id in bagian {
        user_bagian::ActiveModel { user_id: Set(user.id), bagian_id: Set(*id) }
            .insert(&txn)
            .await?;
    }
    manage::record(&txn, by, "user_added", &user, Some(role.code().to_owned())).await?;
    txn.commit().await?;
    Ok(user.id)
}

/// On a database with no users: adds `admin` with a generated password and
/// returns it, to be shown once. Two instances starting at once add one.
pub async fn ensure_admin(db: &DatabaseConnection) -> Result<Option<String>, AccountError> {
    if app_user::Entity::find().one(db).await?.is_some() {
        return Ok(None);
    }
    let password = generate_password();
    match add_user(db, FIRST_ADMIN, Role::Admin, &[], &password).await {
        Ok(_) => Ok(Some(password)),
        Err(AccountError::Taken(_)) => Ok(None),
        Err(error) => Err(error),
    }
}

/// The account made on a database with no users.
pub const FIRST_ADMIN: &str = "admin";

/// Sets a user's password and ends their sessions; logged.
pub async fn set_password(
    db: &DatabaseConnection,
    username: &str,
    password: &str,
) -> Result<(), AccountError> {
    check_password(password)?;
    let hash = hash_off_thread(password).await?;
    let at = crate::db::clock(db).await?;
    change_user(db, username, "password_set", |user| {
        user.password_hash = Set(Some(hash));
        user.password_set_at = Set(Some(at));
    })
    .await
}

/// Disables a user (they can no longer sign in) and ends their sessions;
/// logged. Their history stays theirs.
pub async fn disable_user(db: &DatabaseConnection, username: &str) -> Result<(), AccountError> {
    change_user(db, username, "user_disabled", |user| user.active = Set(false)).await
}

/// Changes a user as `change` says, ends their sessions and logs `kind`,
/// in one transaction.
async fn change_user(
    db: &DatabaseConnection,
    username: &str,
    kind: &str,
    change: impl FnOnce(&mut app_user::ActiveModel),
) -> Result<(), AccountError> {
    let txn = db.begin().await?;
    let user = by_name(&txn, username)
        .await?
        .ok_or_else(|| AccountError::NoSuchUser(username.to_owned()))?;
    let mut changed: app_user::ActiveModel = user.clone().into();
    change(&mut changed);
    changed.update(&txn).await?;
    user_session::Entity::delete_many()
        .filter(user_session::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?;
    manage::record(&txn, &ChangedBy::command_line(), kind, &user, None).await?;
    txn.commit().await?;
    Ok(())
}

/// Every user, by name, with their Bagian.
pub async fn list_users(db: &DatabaseConnection) -> Result<Vec<UserSummary>, AccountError> {
    let users = app_user::Entity::find().order_by_asc(app_user::Column::Username).all(db).await?;
    let assigned =
        user_bagian::Entity::find().order_by_asc(user_bagian::Column::BagianId).all(db).await?;
    Ok(users
        .into_iter()
        .map(|user| UserSummary {
            bagian: assigned.iter().filter(|a| a.user_id == user.id).map(|a| a.bagian_id).collect(),
            id: user.id,
            username: user.username,
            role: user.role,
            active: user.active,
            has_password: user.password_hash.is_some(),
        })
        .collect())
}

/// The active user with these credentials. An unknown user costs the same
/// hashing as a wrong password, and gets the same answer.
pub async fn check_credentials(
    db: &DatabaseConnection,
    username: &str,
    password: &str,
) -> Result<Option<app_user::Model>, AccountError> {
    let user = by_name(db, username).await?;
    let hash = user.as_ref().and_then(|user| user.password_hash.clone());
    let password = password.to_owned();
    // Hashing takes tens of milliseconds of CPU: off the async threads.
    let matches = tokio::task::spawn_blocking(move || match &hash {
        Some(hash) => verify_password(hash, &password),
        None => {
            verify_password(DUMMY_HASH.get_or_init(|| hash_password("not a password")), &password);
            false
        }
    })
    .await
    .map_err(|error| AccountError::Database(error.to_string()))?;
    Ok(user.filter(|user| matches && user.active))
}

static DUMMY_HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();

async fn by_name<C: sea_orm::ConnectionTrait>(
    db: &C,
    username: &str,
) -> Result<Option<app_user::Model>, DbErr> {
    app_user::Entity::find().filter(app_user::Column::Username.eq(username)).one(db).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_have_limits() {
        assert_eq!(check_username("ani.s"), Ok(()));
        for bad in ["an", "Ani", "ani s", "ani<b>", &"a".repeat(65), "ani\u{200B}"] {
            assert!(
                matches!(check_username(bad), Err(AccountError::BadUsername { min: 3, max: 64 })),
                "{bad}"
            );
        }
    }
}
