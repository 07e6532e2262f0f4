//! The one write path of a register's rows. Every change (the importer now,
//! the server functions of the editor later) runs here, inside a write
//! transaction that:
//! - locks the register and refuses it when it is final (ditetapkan);
//! - updates a row only where its version is still the one the writer read
//!   (no affected row is a conflict: never read-then-write);
//! - logs every change with old and new value, by the database's clock;
//! - bumps the register's version once, the cursor of caches and live updates.
//!
//! A write's functions take one [`Write`]: the transaction, who writes, and
//! the versions of the registers it makes, for the caller to tell open
//! pages once (and only if) the transaction commits.
//!
//! Row operations of the editor (add, delete, restore, move) are in `rows`.
mod assessment;
pub(crate) mod fields;
mod insert;
mod insert_pg;
mod layout;
mod log_entry;
mod matrix;
mod notes;
mod row;
mod rows;
mod sections;
mod sources;

use super::history::Action;
use super::model::{Field, FieldError, RegisterStatus, RichText};
use crate::auth::{CurrentUser, Permission};
use crate::db::now;
use crate::entities::{change_log, register, risk};
use crate::error::AppError;
pub use assessment::{AssessmentEdit, SavedAssessment, save_assessment};
pub use insert::{NewRow, insert_row, insert_rows};
pub use layout::{ORDER_PREFIX, SECTIONS_FIELD, Touched, log_layout, order_value, sections_value};
pub use log_entry::log_register;
use log_entry::{LogEntry, log, log_many};
pub use matrix::{Relevelled, set_matrix_levels};
pub use notes::{add_note, resolve_note};
pub use row::{RowChange, SavedCell, delete_row, park_rows, save_cell, update_row};
use row::{conflict, row_place};
pub use rows::{AddedRow, Placement, add_row, move_row, move_to_bagian, remove_row, restore_row};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, ExprTrait, Query},
};
pub use sections::{
    add_bagian, ensure_section, move_bagian, remove_bagian, rename_bagian, set_sections,
};
pub use sources::{add_source, rename_source, set_source_active};

/// Why a write did not happen. Nothing of it was stored.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("invalid input: {0:?}")]
    Validation(Vec<FieldError>),
    /// Someone saved the row since the writer read version `expected`.
    #[error("row {row_id} changed: expected version {expected}, found {current:?}")]
    Conflict { row_id: i32, expected: i32, current: Option<i32> },
    /// Someone saved the cell since the writer read `expected` from it.
    #[error("row {row_id}: {field:?} changed meanwhile")]
    CellConflict { row_id: i32, field: Field, theirs: String, version: i32 },
    #[error("the register of {year} is final")]
    Final { year: i32 },
    #[error("not found")]
    NotFound,
    /// The user's role does not give this.
    #[error("not allowed: {0:?}")]
    Forbidden(Permission),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl WriteError {
    /// Why the write was refused or failed, in words (the command line's
    /// import).
    pub fn message(&self, locale: crate::i18n::Locale) -> String {
        let t = crate::i18n::cli::strings(locale).write;
        match self {
            Self::Validation(errors) => {
                let strings = locale.strings();
                errors.iter().map(|e| strings.field_error(*e)).collect::<Vec<_>>().join(" ")
            }
            Self::Conflict { row_id, .. } | Self::CellConflict { row_id, .. } => {
                (t.conflict)(*row_id)
            }
            Self::Final { year } => (t.final_register)(*year),
            Self::NotFound => t.not_found.to_owned(),
            Self::Forbidden(_) => t.forbidden.to_owned(),
            Self::Db(error) => (t.database)(&error.to_string()),
        }
    }
}

/// A rule's refusal as the write path answers it.
pub(crate) fn invalid<T>(checked: Result<T, FieldError>) -> Result<T, WriteError> {
    checked.map_err(|error| WriteError::Validation(vec![error]))
}

impl From<WriteError> for AppError {
    fn from(error: WriteError) -> Self {
        match error {
            WriteError::Validation(errors) => Self::Validation(errors),
            WriteError::Conflict { expected, current, .. } => {
                Self::Conflict { expected, current: current.unwrap_or(0) }
            }
            WriteError::CellConflict { field, theirs, version, .. } => {
                Self::CellConflict { field, theirs, version }
            }
            WriteError::Final { year } => Self::RegisterFinal { year },
            WriteError::NotFound => Self::NotFound,
            WriteError::Forbidden(_) => Self::Forbidden,
            WriteError::Db(error) => error.into(),
        }
    }
}

/// Where a change comes from, as the change log records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Import,
    Web,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Self::Import => "import",
            Self::Web => "web",
        }
    }
}

/// Who makes a change: a signed-in user (none for the importer), the path,
/// and for changes from the web the client's address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user: Option<CurrentUser>,
    pub source: Source,
    /// "203.0.113.7", or "203.0.113.7 via 10.0.0.2" behind a proxy.
    pub client: Option<String>,
}

impl Actor {
    pub const IMPORT: Self = Self { user: None, source: Source::Import, client: None };

    pub fn user_id(&self) -> Option<i32> {
        self.user.as_ref().map(|user| user.id)
    }

    /// Refuses what the user's role does not give. The importer (run by
    /// whoever runs the server) may do everything; the web only as a user.
    pub fn require(&self, permission: Permission) -> Result<(), WriteError> {
        let allowed = match (&self.user, self.source) {
            (Some(user), _) => user.may(permission),
            (None, Source::Import) => true,
            (None, Source::Web) => false,
        };
        if allowed { Ok(()) } else { Err(WriteError::Forbidden(permission)) }
    }
}

/// One write: the transaction it runs in, who makes it, and the register
/// versions it made (each bump and refresh adds one).
pub struct Write<'a> {
    pub txn: &'a DatabaseTransaction,
    pub actor: &'a Actor,
    made: std::sync::Mutex<Vec<crate::live::Change>>,
}

impl<'a> Write<'a> {
    pub fn new(txn: &'a DatabaseTransaction, actor: &'a Actor) -> Self {
        Self { txn, actor, made: std::sync::Mutex::default() }
    }

    /// The register versions this write made, in order: what open pages
    /// hear once its transaction commits.
    pub fn made(self) -> Vec<crate::live::Change> {
        self.made.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Tells open pages that register `register` is at `version` now: every
    /// instance's listener when (and only if) the transaction commits; this
    /// instance's pages through `made`, told by the caller after commit.
    async fn announce(&self, register: i32, version: i32) -> Result<(), WriteError> {
        let change = crate::live::Change { register, version };
        crate::live::notify(self.txn, change.payload()).await?;
        let mut made = self.made.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        made.push(change);
        Ok(())
    }
}

/// A register held by this transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockedRegister {
    pub id: i32,
    /// The unit (Biro) that keeps the register: its Bagian are this unit's children.
    pub unit_id: i32,
    pub year: i32,
    pub version: i32,
    pub title: String,
}

impl LockedRegister {
    /// The version this transaction's `bump_register` makes: the register
    /// is held, so no other write moves it meanwhile. The change log names
    /// it, so pages behind read what changed since.
    pub fn next_version(&self) -> i32 {
        self.version + 1
    }
}

/// Locks the register for the rest of the transaction (`FOR UPDATE` on
/// PostgreSQL; SQLite's write transaction holds the database already) and
/// refuses it when it is final.
pub async fn lock_register(
    txn: &DatabaseTransaction,
    register_id: i32,
) -> Result<LockedRegister, WriteError> {
    let found = register::Entity::find_by_id(register_id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(WriteError::NotFound)?;
    let status =
        RegisterStatus::parse(&found.status).map_err(|e| WriteError::Validation(vec![e]))?;
    if status.is_final() {
        return Err(WriteError::Final { year: found.year });
    }
    Ok(LockedRegister {
        id: found.id,
        unit_id: found.unit_id,
        year: found.year,
        version: found.version,
        title: found.title,
    })
}

/// Marks the register changed: version + 1, by the database's clock; still
/// refused should it have become final meanwhile.
pub async fn bump_register(
    write: &Write<'_>,
    register: &LockedRegister,
    title: Option<&str>,
) -> Result<i32, WriteError> {
    let txn = write.txn;
    let mut update = register::Entity::update_many()
        .col_expr(register::Column::Version, Expr::col(register::Column::Version).add(1))
        .col_expr(register::Column::UpdatedAt, now(txn.get_database_backend()))
        .filter(register::Column::Id.eq(register.id))
        .filter(register::Column::Status.ne(RegisterStatus::Ditetapkan.code()));
    if let Some(title) = title {
        update = update.col_expr(register::Column::Title, Expr::val(title));
    }
    if update.exec(txn).await?.rows_affected == 0 {
        return Err(WriteError::Final { year: register.year });
    }
    write.announce(register.id, register.next_version()).await?;
    Ok(register.next_version())
}

/// Moves the versions of the registers `which` selects on, set ones too
/// (what their pages show beside the rows changed: the sources, the unit's
/// years), telling open pages on every instance.
pub(crate) async fn refresh_pages(
    write: &Write<'_>,
    which: sea_orm::Condition,
) -> Result<(), WriteError> {
    let txn = write.txn;
    let registers: Vec<(i32, i32)> = register::Entity::find()
        .select_only()
        .columns([register::Column::Id, register::Column::Version])
        .filter(which.clone())
        .order_by_asc(register::Column::Id)
        .lock_exclusive()
        .into_tuple()
        .all(txn)
        .await?;
    register::Entity::update_many()
        .col_expr(register::Column::Version, Expr::col(register::Column::Version).add(1))
        .filter(which)
        .exec(txn)
        .await?;
    for (id, version) in registers {
        write.announce(id, version + 1).await?;
    }
    Ok(())
}

/// Logs a change of the settings (`kind`, what changed) to the audit log.
pub(crate) async fn audit_setting(
    write: &Write<'_>,
    kind: &str,
    detail: String,
) -> Result<(), WriteError> {
    let &Write { txn, actor, .. } = write;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    crate::entities::auth_event::ActiveModel {
        at: Set(crate::db::clock(txn).await?),
        kind: Set(kind.to_owned()),
        actor_id: Set(actor.user_id()),
        client: Set(actor.client.clone()),
        detail: Set(Some(detail)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The number of a "BK-n" code, the codes the app gives.
pub fn code_number(code: &str) -> Option<u32> {
    code.strip_prefix("BK-")?.parse().ok()
}

/// The code with number `number`: "BK-007".
pub fn code_for(number: u32) -> String {
    format!("BK-{number:03}")
}
