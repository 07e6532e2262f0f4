//! The one write path of a register's rows. Every change (the importer now,
//! the server functions of the editor later) runs here, inside a write
//! transaction that:
//! - locks the register and refuses it when it is final (ditetapkan);
//! - updates a row only where its version is still the one the writer read
//!   (no affected row is a conflict: never read-then-write);
//! - logs every change with old and new value, by the database's clock;
//! - bumps the register's version once, the cursor of caches and live updates.
//!
//! Row operations of the editor (add, delete, restore, move) are in `rows`.
mod assessment;
pub(crate) mod fields;
mod insert;
mod insert_pg;
mod layout;
mod notes;
mod rows;
mod sections;
mod sources;

use super::history::Action;
use super::model::{Field, FieldError, RegisterStatus, RichText};
use crate::auth::{CurrentUser, Permission};
use crate::db::now;
use crate::entities::{change_log, register, risk};
use crate::error::AppError;
pub use assessment::{
    AssessmentEdit, Relevelled, SavedAssessment, save_assessment, set_matrix_levels,
};
pub use insert::{NewRow, insert_row, insert_rows};
pub use layout::{ORDER_PREFIX, SECTIONS_FIELD, Touched, log_layout, order_value, sections_value};
pub use notes::{add_note, resolve_note};
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
    txn: &DatabaseTransaction,
    register: &LockedRegister,
    title: Option<&str>,
) -> Result<i32, WriteError> {
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
    announce(txn, register.id, register.version + 1).await?;
    Ok(register.version + 1)
}

/// Tells open pages that register `register` is at `version` now: this
/// instance's when the write returns, every instance's listener when (and
/// only if) the transaction commits.
async fn announce(
    txn: &DatabaseTransaction,
    register: i32,
    version: i32,
) -> Result<(), WriteError> {
    let change = crate::live::Change { register, version };
    crate::live::note(change);
    crate::live::notify(txn, change.payload()).await?;
    Ok(())
}

/// Moves the versions of the registers `which` selects on, set ones too
/// (what their pages show beside the rows changed: the sources, the unit's
/// years), telling open pages on every instance.
pub(crate) async fn refresh_pages(
    txn: &DatabaseTransaction,
    which: sea_orm::Condition,
) -> Result<(), WriteError> {
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
        announce(txn, id, version + 1).await?;
    }
    Ok(())
}

/// Logs a change of the settings (`kind`, what changed) to the audit log.
pub(crate) async fn audit_setting(
    txn: &DatabaseTransaction,
    actor: &Actor,
    kind: &str,
    detail: String,
) -> Result<(), WriteError> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    crate::entities::auth_event::ActiveModel {
        at: Set(chrono::Utc::now()),
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

/// What changes in one row. Empty parts change nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowChange {
    /// Cells with their old and new text.
    pub cells: Vec<(Field, String, String)>,
    /// Moved to another Bagian: ids and names, old then new.
    pub bagian: Option<((i32, String), (i32, String))>,
    /// A new place within its Bagian. Not a change of the row itself (a row
    /// inserted above shifts it), so neither versioned nor logged.
    pub position: Option<i32>,
    /// Brought back from the deleted rows.
    pub restore: bool,
}

impl RowChange {
    /// Whether the row itself changes (and so gets a new version).
    pub fn is_versioned(&self) -> bool {
        !self.cells.is_empty() || self.bagian.is_some() || self.restore
    }

    pub fn is_empty(&self) -> bool {
        !self.is_versioned() && self.position.is_none()
    }
}

/// Applies `change` to row `id` if it is still at `expected` version;
/// returns its version after. Zero rows affected is a conflict.
pub async fn update_row(
    txn: &DatabaseTransaction,
    actor: &Actor,
    register_id: i32,
    id: i32,
    expected: i32,
    change: &RowChange,
) -> Result<i32, WriteError> {
    if change.is_empty() {
        return Ok(expected);
    }
    let mut update = risk::Entity::update_many()
        .filter(risk::Column::Id.eq(id))
        .filter(risk::Column::RegisterId.eq(register_id))
        .filter(risk::Column::Version.eq(expected));
    if !change.restore {
        update = update.filter(risk::Column::DeletedAt.is_null());
    }
    for (field, _, new) in &change.cells {
        update = update.col_expr(cell_column(*field)?, Expr::val(new.as_str()));
    }
    if let Some((_, (bagian_id, _))) = &change.bagian {
        update = update.col_expr(risk::Column::BagianId, Expr::val(*bagian_id));
    }
    if let Some(position) = change.position {
        update = update.col_expr(risk::Column::Position, Expr::val(position));
    }
    if change.restore {
        update = update
            .col_expr(risk::Column::DeletedAt, Expr::cust("NULL"))
            .col_expr(risk::Column::DeletedBy, Expr::cust("NULL"));
    }
    let version = if change.is_versioned() { expected + 1 } else { expected };
    if change.is_versioned() {
        update = update
            .col_expr(risk::Column::Version, Expr::val(version))
            .col_expr(risk::Column::UpdatedAt, now(txn.get_database_backend()))
            .col_expr(risk::Column::UpdatedBy, Expr::val(actor.user_id()));
    }
    if update.exec(txn).await?.rows_affected == 0 {
        return Err(conflict(txn, id, expected).await);
    }

    let mut entries = Vec::new();
    if change.restore {
        entries.push(LogEntry::new(Action::Restore, "deleted_at", Some("deleted"), None));
    }
    if let Some(((_, old), (_, new))) = &change.bagian {
        entries.push(LogEntry::new(Action::Move, "bagian", Some(old.as_str()), Some(new.clone())));
    }
    for (field, old, new) in &change.cells {
        let column = field.column();
        entries.push(LogEntry::new(Action::Update, column, Some(old.as_str()), Some(new.clone())));
    }
    log(txn, actor, register_id, Some(id), entries).await?;
    Ok(version)
}

/// The register of live row `id`.
async fn row_place(txn: &DatabaseTransaction, id: i32) -> Result<i32, WriteError> {
    risk::Entity::find_by_id(id)
        .select_only()
        .column(risk::Column::RegisterId)
        .filter(risk::Column::DeletedAt.is_null())
        .into_tuple::<i32>()
        .one(txn)
        .await?
        .ok_or(WriteError::NotFound)
}

/// A cell saved: the row's version after it, and the text as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedCell {
    pub version: i32,
    pub value: RichText,
}

/// Saves one cell of row `id`, if the cell still holds `expected` (what the
/// user started from): checked per field, so two people editing different
/// cells of one row both succeed, and in the UPDATE itself, never by a read
/// and a later write. The same save arriving twice (a replayed request, a
/// second tab) is answered as saved, without a second change.
pub async fn save_cell(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: i32,
    field: Field,
    expected: &str,
    value: &RichText,
) -> Result<SavedCell, WriteError> {
    let expected = invalid(crate::rules::parse_expected(field, expected))?;
    let column = cell_column(field)?;
    let register_id = row_place(txn, id).await?;
    let register = lock_register(txn, register_id).await?;
    // Read under the register's lock: no one moves the row meanwhile.
    let bagian_id = risk::Entity::find_by_id(id)
        .select_only()
        .column(risk::Column::BagianId)
        .into_tuple::<i32>()
        .one(txn)
        .await?
        .ok_or(WriteError::NotFound)?;
    actor.require(Permission::EditRowsOf(bagian_id))?;
    let saved = risk::Entity::update_many()
        .col_expr(column, Expr::val(value.markup()))
        .col_expr(risk::Column::Version, Expr::col(risk::Column::Version).add(1))
        .col_expr(risk::Column::UpdatedAt, now(txn.get_database_backend()))
        .col_expr(risk::Column::UpdatedBy, Expr::val(actor.user_id()))
        .filter(risk::Column::Id.eq(id))
        .filter(column.eq(expected))
        .filter(column.ne(value.markup()))
        .filter(risk::Column::DeletedAt.is_null())
        .exec(txn)
        .await?;
    let (current, version) = risk::Entity::find_by_id(id)
        .select_only()
        .column(column)
        .column(risk::Column::Version)
        .into_tuple::<(String, i32)>()
        .one(txn)
        .await?
        .ok_or(WriteError::NotFound)?;
    if saved.rows_affected == 0 {
        return if current == value.markup() {
            Ok(SavedCell { version, value: value.clone() })
        } else {
            Err(WriteError::CellConflict { row_id: id, field, theirs: current, version })
        };
    }
    let entry = LogEntry::new(
        Action::Update,
        field.column(),
        Some(expected),
        Some(value.markup().to_owned()),
    );
    log(txn, actor, register_id, Some(id), [entry]).await?;
    bump_register(txn, &register, None).await?;
    Ok(SavedCell { version, value: value.clone() })
}

/// Deletes row `id` softly (it stays restorable, with its history and
/// notes) if it is still at `expected` version.
pub async fn delete_row(
    txn: &DatabaseTransaction,
    actor: &Actor,
    register_id: i32,
    id: i32,
    expected: i32,
) -> Result<(), WriteError> {
    let now = now(txn.get_database_backend());
    let deleted = risk::Entity::update_many()
        .col_expr(risk::Column::DeletedAt, now.clone())
        .col_expr(risk::Column::DeletedBy, Expr::val(actor.user_id()))
        .col_expr(risk::Column::UpdatedAt, now)
        .col_expr(risk::Column::UpdatedBy, Expr::val(actor.user_id()))
        .col_expr(risk::Column::Version, Expr::val(expected + 1))
        // It keeps its place (only live rows' places are unique): an undo
        // puts it back where it was.
        .filter(risk::Column::Id.eq(id))
        .filter(risk::Column::RegisterId.eq(register_id))
        .filter(risk::Column::Version.eq(expected))
        .filter(risk::Column::DeletedAt.is_null())
        .exec(txn)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(conflict(txn, id, expected).await);
    }
    let entry = LogEntry::new(Action::Delete, "deleted_at", None, Some("deleted".to_owned()));
    log(txn, actor, register_id, Some(id), [entry]).await
}

/// Moves live rows out of the way (to position `-id`, unique) before they
/// are given new places, so that no two share a place in between.
pub async fn park_rows(
    txn: &DatabaseTransaction,
    register_id: i32,
    rows: &[(i32, i32)],
) -> Result<(), WriteError> {
    for &(id, expected) in rows {
        let parked = risk::Entity::update_many()
            .col_expr(risk::Column::Position, Expr::val(-id))
            .filter(risk::Column::Id.eq(id))
            .filter(risk::Column::RegisterId.eq(register_id))
            .filter(risk::Column::Version.eq(expected))
            .exec(txn)
            .await?;
        if parked.rows_affected == 0 {
            return Err(conflict(txn, id, expected).await);
        }
    }
    Ok(())
}

async fn conflict(txn: &DatabaseTransaction, id: i32, expected: i32) -> WriteError {
    let current = risk::Entity::find_by_id(id)
        .select_only()
        .column(risk::Column::Version)
        .into_tuple::<i32>()
        .one(txn)
        .await;
    match current {
        Ok(current) => WriteError::Conflict { row_id: id, expected, current },
        Err(error) => WriteError::Db(error),
    }
}

pub struct LogEntry {
    action: Action,
    /// A column, or a quarter's realisation field ("realisation_note.2").
    field: std::borrow::Cow<'static, str>,
    old: Option<String>,
    new: Option<String>,
}

impl LogEntry {
    fn new(
        action: Action,
        field: impl Into<std::borrow::Cow<'static, str>>,
        old: Option<&str>,
        new: Option<String>,
    ) -> Self {
        Self { action, field: field.into(), old: old.map(str::to_owned), new }
    }
}

/// Logs a change of the register itself (no row's): its title, say.
pub async fn log_register(
    txn: &DatabaseTransaction,
    actor: &Actor,
    register_id: i32,
    field: Field,
    old: &str,
    new: &str,
) -> Result<(), WriteError> {
    let entry = LogEntry::new(Action::Update, field.column(), Some(old), Some(new.to_owned()));
    log(txn, actor, register_id, None, [entry]).await
}

async fn log(
    txn: &DatabaseTransaction,
    actor: &Actor,
    register_id: i32,
    risk_id: Option<i32>,
    entries: impl IntoIterator<Item = LogEntry>,
) -> Result<(), WriteError> {
    let entries = entries.into_iter().map(|entry| (risk_id, entry));
    log_many(txn, actor, register_id, None, entries).await
}

/// Logs entries of the register's rows, each `(row, entry)`, in one INSERT,
/// as made by the register's `version` (when the writer knows it; else the
/// one the write's bump will make).
async fn log_many(
    txn: &DatabaseTransaction,
    actor: &Actor,
    register_id: i32,
    version: Option<i32>,
    entries: impl IntoIterator<Item = (Option<i32>, LogEntry)>,
) -> Result<(), WriteError> {
    let now = now(txn.get_database_backend());
    let mut insert = Query::insert()
        .into_table(change_log::Entity)
        .columns([
            change_log::Column::RegisterId,
            change_log::Column::RiskId,
            change_log::Column::Action,
            change_log::Column::Field,
            change_log::Column::OldValue,
            change_log::Column::NewValue,
            change_log::Column::ChangedBy,
            change_log::Column::Source,
            change_log::Column::ChangedAt,
            change_log::Column::Client,
            change_log::Column::RegisterVersion,
        ])
        .to_owned();
    // The version this transaction's one `bump_register` (which follows
    // the log in every write) makes: pages behind read what changed since.
    let version = match version {
        Some(version) => Expr::val(version),
        None => Expr::cust(format!("(SELECT version + 1 FROM register WHERE id = {register_id})")),
    };
    let mut any = false;
    for (risk_id, entry) in entries {
        any = true;
        insert.values_panic([
            register_id.into(),
            risk_id.into(),
            entry.action.code().into(),
            entry.field.into_owned().into(),
            entry.old.into(),
            entry.new.into(),
            actor.user_id().into(),
            actor.source.code().into(),
            now.clone(),
            actor.client.clone().into(),
            version.clone(),
        ]);
    }
    if any {
        txn.execute(&insert).await?;
    }
    Ok(())
}

fn cell_column(field: Field) -> Result<risk::Column, WriteError> {
    Ok(match field {
        Field::Aktivitas => risk::Column::Aktivitas,
        Field::Potensi => risk::Column::Potensi,
        Field::Penyebab => risk::Column::Penyebab,
        Field::Dampak => risk::Column::Dampak,
        Field::Rencana => risk::Column::Rencana,
        other => {
            let problem = crate::rules::FieldProblem::UnknownValue;
            return Err(WriteError::Validation(vec![FieldError::new(other, problem)]));
        }
    })
}
