//! One row's writes: a change of its cells, Bagian or place, one saved
//! cell, a delete, and the parking of rows before they get new places.
use super::*;
use sea_orm::Condition;

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
    write: &Write<'_>,
    register: &LockedRegister,
    id: i32,
    expected: i32,
    change: &RowChange,
) -> Result<i32, WriteError> {
    let &Write { txn, actor, .. } = write;
    if change.is_empty() {
        return Ok(expected);
    }
    let mut update = risk::Entity::update_many()
        .filter(risk::Column::Id.eq(id))
        .filter(risk::Column::RegisterId.eq(register.id))
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
    log(write, register, Some(id), entries).await?;
    Ok(version)
}

/// The register of live row `id`.
pub(super) async fn row_place(txn: &DatabaseTransaction, id: i32) -> Result<i32, WriteError> {
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
    write: &Write<'_>,
    id: i32,
    field: Field,
    expected: &str,
    value: &RichText,
) -> Result<SavedCell, WriteError> {
    let &Write { txn, actor, .. } = write;
    let expected = invalid(crate::rules::parse_expected(field, expected))?;
    let column = cell_column(field)?;
    let register_id = row_place(txn, id).await?;
    let register = lock_register(txn, register_id, Touch::Content).await?;
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
    log(write, &register, Some(id), [entry]).await?;
    bump_register(write, &register, None).await?;
    Ok(SavedCell { version, value: value.clone() })
}

/// Deletes row `id` softly (it stays restorable, with its history and
/// notes) if it is still at `expected` version.
pub async fn delete_row(
    write: &Write<'_>,
    register: &LockedRegister,
    id: i32,
    expected: i32,
) -> Result<(), WriteError> {
    let &Write { txn, actor, .. } = write;
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
        .filter(risk::Column::RegisterId.eq(register.id))
        .filter(risk::Column::Version.eq(expected))
        .filter(risk::Column::DeletedAt.is_null())
        .exec(txn)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(conflict(txn, id, expected).await);
    }
    let entry = LogEntry::new(Action::Delete, "deleted_at", None, Some("deleted".to_owned()));
    log(write, register, Some(id), [entry]).await
}

/// Moves live rows out of the way (to position `-id`, unique) before they
/// are given new places, so that no two share a place in between: one
/// UPDATE per chunk of rows, each row only if still at its version.
pub async fn park_rows(
    txn: &DatabaseTransaction,
    register_id: i32,
    rows: &[(i32, i32)],
) -> Result<(), WriteError> {
    // Two parameters a row, well under SQLite's 32,766.
    for chunk in rows.chunks(1_000) {
        let still_read = chunk.iter().fold(Condition::any(), |any, &(id, expected)| {
            any.add(risk::Column::Id.eq(id).and(risk::Column::Version.eq(expected)))
        });
        let parked = risk::Entity::update_many()
            .col_expr(risk::Column::Position, Expr::col(risk::Column::Id).mul(-1))
            .filter(risk::Column::RegisterId.eq(register_id))
            .filter(still_read)
            .exec(txn)
            .await?;
        if parked.rows_affected < chunk.len() as u64 {
            return Err(first_conflict(txn, register_id, chunk).await);
        }
    }
    Ok(())
}

/// The conflict of the first of `rows` no longer at its version (or gone).
async fn first_conflict(
    txn: &DatabaseTransaction,
    register_id: i32,
    rows: &[(i32, i32)],
) -> WriteError {
    let current = risk::Entity::find()
        .select_only()
        .columns([risk::Column::Id, risk::Column::Version])
        .filter(risk::Column::RegisterId.eq(register_id))
        .filter(risk::Column::Id.is_in(rows.iter().map(|&(id, _)| id)))
        .into_tuple::<(i32, i32)>()
        .all(txn)
        .await;
    let current: rustc_hash::FxHashMap<i32, i32> = match current {
        Ok(current) => current.into_iter().collect(),
        Err(error) => return WriteError::Db(error),
    };
    let stale = rows.iter().find(|(id, expected)| current.get(id) != Some(expected));
    // None only if a row sits twice in `rows`: the first is then the one.
    let &(row_id, expected) = stale.unwrap_or(&rows[0]);
    WriteError::Conflict { row_id, expected, current: current.get(&row_id).copied() }
}

pub(super) async fn conflict(txn: &DatabaseTransaction, id: i32, expected: i32) -> WriteError {
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

pub(super) fn cell_column(field: Field) -> Result<risk::Column, WriteError> {
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
