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
mod carry;
mod cycle;
pub(crate) mod fields;
mod held;
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
pub use carry::{Carried, carry_forward};
pub use cycle::{StepTaken, take_step};
pub(crate) use held::refresh_pages;
pub use held::{LockedRegister, Touch, Write, bump_register, lock_register};
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
    /// The register is submitted or reviewed: its text is fixed until it
    /// is returned to draft.
    #[error("the register of {year} is {status:?}")]
    UnderReview { year: i32, status: RegisterStatus },
    /// Someone changed the register since the writer read version `expected`.
    #[error("register changed: expected version {expected}, found {current}")]
    RegisterMoved { expected: i32, current: i32 },
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
            Self::RegisterMoved { .. } => (t.conflict)(0),
            Self::Final { year } => (t.final_register)(*year),
            Self::UnderReview { year, .. } => (t.under_review)(*year),
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
            WriteError::UnderReview { year, status } => Self::RegisterUnderReview { year, status },
            WriteError::RegisterMoved { expected, current } => Self::Conflict { expected, current },
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

/// Logs a change of the settings (`kind`, what changed) to the audit log.
pub(crate) async fn audit_setting(
    write: &Write<'_>,
    kind: &str,
    detail: String,
) -> Result<(), WriteError> {
    let event = crate::auth::audit::AuditEvent {
        kind,
        actor_id: write.actor.user_id(),
        client: write.actor.client.as_deref(),
        detail: Some(&detail),
        ..Default::default()
    };
    Ok(crate::auth::audit::record(write.txn, event).await?)
}

/// The number of a "BK-n" code, the codes the app gives.
pub fn code_number(code: &str) -> Option<u32> {
    code.strip_prefix("BK-")?.parse().ok()
}

/// The code with number `number`: "BK-007".
pub fn code_for(number: u32) -> String {
    format!("BK-{number:03}")
}
