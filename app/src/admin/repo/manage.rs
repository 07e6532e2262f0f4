//! Account changes an admin makes in the web app, each logged with the
//! admin as its actor.
use super::{AccountError, generate_password, hash_off_thread};
use crate::admin::model::{Account, Accounts, AuditEntry};
use crate::auth::Role;
use crate::entities::{app_user, auth_event, org_unit, user_bagian, user_session};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use std::collections::HashMap;

/// Who changes an account: an admin (through the web), or the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangedBy {
    pub actor_id: Option<i32>,
    pub client: Option<String>,
}

impl ChangedBy {
    pub fn command_line() -> Self {
        Self { actor_id: None, client: Some("command line".to_owned()) }
    }
}

/// Every user with their Bagian and last sign-in, and the Bagian there are.
pub async fn admin_view(db: &DatabaseConnection) -> Result<Accounts, AccountError> {
    let users = app_user::Entity::find().order_by_asc(app_user::Column::Username).all(db).await?;
    let assigned =
        user_bagian::Entity::find().order_by_asc(user_bagian::Column::BagianId).all(db).await?;
    let last: Vec<(Option<i32>, Option<chrono::DateTime<Utc>>)> = auth_event::Entity::find()
        .select_only()
        .column(auth_event::Column::UserId)
        .column_as(auth_event::Column::At.max(), "last")
        .filter(auth_event::Column::Kind.eq("sign_in"))
        .group_by(auth_event::Column::UserId)
        .into_tuple()
        .all(db)
        .await?;
    let last: HashMap<i32, chrono::DateTime<Utc>> =
        last.into_iter().filter_map(|(user, at)| Some((user?, at?))).collect();
    let bagian = org_unit::Entity::find()
        .filter(org_unit::Column::Kind.eq(org_unit::UnitKind::Bagian))
        .order_by_asc(org_unit::Column::ParentId)
        .order_by_asc(org_unit::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|unit| (unit.id, unit.name))
        .collect();
    let users = users
        .into_iter()
        .map(|user| Account {
            bagian: assigned.iter().filter(|a| a.user_id == user.id).map(|a| a.bagian_id).collect(),
            last_sign_in: last.get(&user.id).copied(),
            role: Role::parse(&user.role).unwrap_or(Role::Viewer),
            id: user.id,
            username: user.username,
            active: user.active,
            email: user.email,
        })
        .collect();
    Ok(Accounts { users, bagian, mail_host: None })
}

/// Sets a user's role, their Bagian (an editor's only) and whether they
/// may sign in; each change logged. The last active admin keeps the role.
pub async fn update_user(
    db: &DatabaseConnection,
    by: &ChangedBy,
    id: i32,
    role: Role,
    bagian: &[i32],
    active: bool,
) -> Result<(), AccountError> {
    let txn = db.begin().await?;
    let user = app_user::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| AccountError::NoSuchUser(id.to_string()))?;
    if user.role == Role::Admin.code() && user.active && (role != Role::Admin || !active) {
        keep_an_admin(&txn).await?;
    }
    if user.role != role.code() {
        let detail = format!("{} → {}", user.role, role.code());
        record(&txn, by, "role_changed", &user, Some(detail)).await?;
    }
    // A refusal rolls back what was logged before it with the rest.
    let bagian = if role == Role::Editor { bagian } else { &[] };
    set_bagian(&txn, by, &user, bagian).await?;
    if user.active != active {
        let kind = if active { "user_enabled" } else { "user_disabled" };
        record(&txn, by, kind, &user, None).await?;
        if !active {
            user_session::Entity::delete_many()
                .filter(user_session::Column::UserId.eq(id))
                .exec(&txn)
                .await?;
        }
    }
    let mut changed: app_user::ActiveModel = user.into();
    changed.role = Set(role.code().to_owned());
    changed.active = Set(active);
    changed.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Sets user `id`'s e-mail address (empty: none), where their daily
/// reminder digest goes; logged if it changes.
pub async fn set_email(
    db: &DatabaseConnection,
    by: &ChangedBy,
    id: i32,
    email: &str,
) -> Result<(), AccountError> {
    let email = crate::rules::account::parse_email(email).map_err(|problem| match problem {
        crate::rules::account::AccountProblem::BadEmail { max } => AccountError::BadEmail { max },
        _ => AccountError::BadEmail { max: crate::rules::account::MAX_EMAIL_CHARS },
    })?;
    let txn = db.begin().await?;
    let user = app_user::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| AccountError::NoSuchUser(id.to_string()))?;
    if user.email == email {
        return Ok(());
    }
    let detail = email.clone().unwrap_or_else(|| "—".to_owned());
    record(&txn, by, "email_changed", &user, Some(detail)).await?;
    let mut changed: app_user::ActiveModel = user.into();
    changed.email = Set(email);
    changed.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Refuses to take the role of the last active admin. The active admins
/// are locked (`FOR UPDATE` on PostgreSQL): two admins taking each other's
/// role at once cannot leave none.
async fn keep_an_admin(txn: &DatabaseTransaction) -> Result<(), AccountError> {
    let admins = app_user::Entity::find()
        .select_only()
        .column(app_user::Column::Id)
        .filter(app_user::Column::Role.eq(Role::Admin.code()))
        .filter(app_user::Column::Active.eq(true))
        .lock_exclusive()
        .into_tuple::<i32>()
        .all(txn)
        .await?
        .len();
    if admins <= 1 { Err(AccountError::LastAdmin) } else { Ok(()) }
}

/// Gives `user` the Bagian `bagian` (each must exist); logged if they change.
async fn set_bagian(
    txn: &DatabaseTransaction,
    by: &ChangedBy,
    user: &app_user::Model,
    bagian: &[i32],
) -> Result<(), AccountError> {
    for id in bagian {
        if org_unit::Entity::find_by_id(*id).one(txn).await?.is_none() {
            return Err(AccountError::NoSuchBagian(*id));
        }
    }
    let before: Vec<i32> = user_bagian::Entity::find()
        .select_only()
        .column(user_bagian::Column::BagianId)
        .filter(user_bagian::Column::UserId.eq(user.id))
        .order_by_asc(user_bagian::Column::BagianId)
        .into_tuple()
        .all(txn)
        .await?;
    let mut after = bagian.to_vec();
    after.sort_unstable();
    after.dedup();
    if before == after {
        return Ok(());
    }
    let list = |ids: &[i32]| ids.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
    let detail = format!("{} → {}", list(&before), list(&after));
    record(txn, by, "bagian_changed", user, Some(detail)).await?;
    user_bagian::Entity::delete_many()
        .filter(user_bagian::Column::UserId.eq(user.id))
        .exec(txn)
        .await?;
    for bagian_id in after {
        user_bagian::ActiveModel { user_id: Set(user.id), bagian_id: Set(bagian_id) }
            .insert(txn)
            .await?;
    }
    Ok(())
}

/// A new generated password for user `id`; their sessions end. Logged.
pub async fn reset_password(
    db: &DatabaseConnection,
    by: &ChangedBy,
    id: i32,
) -> Result<String, AccountError> {
    let password = generate_password();
    let hash = hash_off_thread(&password).await?;
    let txn = db.begin().await?;
    let user = app_user::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| AccountError::NoSuchUser(id.to_string()))?;
    user_session::Entity::delete_many()
        .filter(user_session::Column::UserId.eq(id))
        .exec(&txn)
        .await?;
    record(&txn, by, "password_set", &user, None).await?;
    let mut changed: app_user::ActiveModel = user.into();
    changed.password_hash = Set(Some(hash));
    changed.password_set_at = Set(Some(crate::db::clock(&txn).await?));
    changed.update(&txn).await?;
    txn.commit().await?;
    Ok(password)
}

/// The newest `limit` audit entries before entry `before`, with the names
/// of the admins who acted.
pub async fn audit_entries(
    db: &DatabaseConnection,
    before: Option<i32>,
    limit: u64,
) -> Result<Vec<AuditEntry>, AccountError> {
    let mut query = auth_event::Entity::find().order_by_desc(auth_event::Column::Id);
    if let Some(before) = before {
        query = query.filter(auth_event::Column::Id.lt(before));
    }
    let events = query.limit(limit).all(db).await?;
    let actors: Vec<i32> = events.iter().filter_map(|event| event.actor_id).collect();
    let names: HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(actors))
        .all(db)
        .await?
        .into_iter()
        .map(|user| (user.id, user.username))
        .collect();
    Ok(events
        .into_iter()
        .map(|event| AuditEntry {
            id: event.id,
            at: event.at,
            kind: event.kind,
            username: event.username,
            actor: event.actor_id.and_then(|id| names.get(&id).cloned()),
            client: event.client,
            detail: event.detail,
        })
        .collect())
}

/// Logs an account change by `by`.
pub(super) async fn record(
    db: &impl ConnectionTrait,
    by: &ChangedBy,
    kind: &str,
    user: &app_user::Model,
    detail: Option<String>,
) -> Result<(), sea_orm::DbErr> {
    let event = crate::auth::audit::AuditEvent {
        kind,
        username: Some(&user.username),
        user_id: Some(user.id),
        actor_id: by.actor_id,
        client: by.client.as_deref(),
        detail: detail.as_deref(),
    };
    crate::auth::audit::record(db, event).await
}
