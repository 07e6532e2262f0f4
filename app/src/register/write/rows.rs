//! The editor's row operations: add a row, delete it softly, bring it back,
//! move it within its Bagian. Each locks the register, checks the version
//! the user saw, logs, and bumps the register's version.
use super::*;
use crate::entities::org_unit;
use sea_orm::QueryOrder;

/// Makes room at `position` of a Bagian: the live rows from there on move
/// one place down (in two steps, as places are unique at every moment).
async fn make_room(
    txn: &DatabaseTransaction,
    register_id: i32,
    bagian_id: i32,
    position: i32,
) -> Result<(), WriteError> {
    let rows = || {
        risk::Entity::update_many()
            .filter(risk::Column::RegisterId.eq(register_id))
            .filter(risk::Column::BagianId.eq(bagian_id))
            .filter(risk::Column::DeletedAt.is_null())
    };
    rows()
        .col_expr(risk::Column::Position, Expr::col(risk::Column::Position).add(1).mul(-1))
        .filter(risk::Column::Position.gte(position))
        .exec(txn)
        .await?;
    rows()
        .col_expr(risk::Column::Position, Expr::col(risk::Column::Position).mul(-1))
        .filter(risk::Column::Position.lt(0))
        .exec(txn)
        .await?;
    Ok(())
}

/// The next free "BK-n" code of a register (deleted rows keep theirs).
async fn next_code(txn: &DatabaseTransaction, register_id: i32) -> Result<String, WriteError> {
    let codes: Vec<Option<String>> = risk::Entity::find()
        .select_only()
        .column(risk::Column::Code)
        .filter(risk::Column::RegisterId.eq(register_id))
        .into_tuple()
        .all(txn)
        .await?;
    let highest = codes.iter().flatten().filter_map(|code| code_number(code)).max().unwrap_or(0);
    Ok(code_for(highest + 1))
}

/// Where a new row goes: below a given row, or at the end of a Bagian.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    End { bagian_id: i32 },
    After { row_id: i32 },
}

/// A row created: its id and code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddedRow {
    pub id: i32,
    pub code: String,
}

/// Adds a row to a Bagian of the register, with its five cells (checked by
/// the rules when they were read).
pub async fn add_row(
    write: &Write<'_>,
    register_id: i32,
    placement: Placement,
    cells: &[RichText; 5],
) -> Result<AddedRow, WriteError> {
    let &Write { txn, actor, .. } = write;
    let register = lock_register(txn, register_id, Touch::Content).await?;
    let (bagian_id, position) = match placement {
        Placement::After { row_id } => {
            let (bagian_id, position) = risk::Entity::find_by_id(row_id)
                .select_only()
                .columns([risk::Column::BagianId, risk::Column::Position])
                .filter(risk::Column::RegisterId.eq(register.id))
                .filter(risk::Column::DeletedAt.is_null())
                .into_tuple::<(i32, i32)>()
                .one(txn)
                .await?
                .ok_or(WriteError::NotFound)?;
            actor.require(Permission::EditRowsOf(bagian_id))?;
            make_room(txn, register.id, bagian_id, position + 1).await?;
            (bagian_id, position + 1)
        }
        Placement::End { bagian_id } => {
            let bagian = bagian_of(txn, &register, bagian_id).await?;
            actor.require(Permission::EditRowsOf(bagian.id))?;
            ensure_section(txn, register.id, bagian.id).await?;
            (bagian.id, end_of(txn, register.id, bagian.id).await?)
        }
    };
    let code = next_code(txn, register.id).await?;
    let new = NewRow { register_id: register.id, bagian_id, position, code: &code, cells };
    let id = insert_row(write, &register, new).await?;
    let touched = match placement {
        Placement::After { .. } => Touched::Rows(&[bagian_id]),
        Placement::End { .. } => Touched::SectionsAndRows(&[bagian_id]),
    };
    log_layout(write, &register, touched).await?;
    bump_register(write, &register, None).await?;
    Ok(AddedRow { id, code })
}

/// A Bagian of the register's unit; any other unit is not found.
async fn bagian_of(
    txn: &DatabaseTransaction,
    register: &LockedRegister,
    bagian_id: i32,
) -> Result<org_unit::Model, WriteError> {
    org_unit::Entity::find_by_id(bagian_id)
        .one(txn)
        .await?
        .filter(|unit| unit.parent_id == Some(register.unit_id))
        .ok_or(WriteError::NotFound)
}

/// The place after the last live row of a Bagian.
async fn end_of(
    txn: &DatabaseTransaction,
    register_id: i32,
    bagian_id: i32,
) -> Result<i32, WriteError> {
    let last: Option<i32> = risk::Entity::find()
        .select_only()
        .column_as(risk::Column::Position.max(), "last")
        .filter(risk::Column::RegisterId.eq(register_id))
        .filter(risk::Column::BagianId.eq(bagian_id))
        .filter(risk::Column::DeletedAt.is_null())
        .into_tuple::<Option<i32>>()
        .one(txn)
        .await?
        .flatten();
    Ok(last.unwrap_or(0) + 1)
}

/// Moves a live row to the end of another Bagian of its register, if it is
/// still at `expected` version; logged as a move from one Bagian to the
/// other. Returns its version after.
pub async fn move_to_bagian(
    write: &Write<'_>,
    id: i32,
    expected: i32,
    bagian_id: i32,
) -> Result<i32, WriteError> {
    let &Write { txn, actor, .. } = write;
    let row = row_of(txn, id, false).await?;
    let register = lock_register(txn, row.register_id, Touch::Content).await?;
    let target = bagian_of(txn, &register, bagian_id).await?;
    // Out of one Bagian and into the other: the user must edit both.
    actor.require(Permission::EditRowsOf(row.bagian_id))?;
    actor.require(Permission::EditRowsOf(target.id))?;
    if row.version != expected {
        return Err(WriteError::Conflict { row_id: id, expected, current: Some(row.version) });
    }
    if target.id == row.bagian_id {
        return Ok(row.version);
    }
    ensure_section(txn, register.id, target.id).await?;
    let from = org_unit::Entity::find_by_id(row.bagian_id)
        .one(txn)
        .await?
        .map(|unit| unit.name)
        .unwrap_or_default();
    let change = RowChange {
        bagian: Some(((row.bagian_id, from), (target.id, target.name))),
        position: Some(end_of(txn, register.id, target.id).await?),
        ..Default::default()
    };
    let version = update_row(write, &register, id, expected, &change).await?;
    let touched = [row.bagian_id, target.id];
    log_layout(write, &register, Touched::SectionsAndRows(&touched)).await?;
    bump_register(write, &register, None).await?;
    Ok(version)
}

/// Deletes a row softly if it is still at `expected` version.
pub async fn remove_row(write: &Write<'_>, id: i32, expected: i32) -> Result<(), WriteError> {
    let &Write { txn, actor, .. } = write;
    let row = row_of(txn, id, false).await?;
    let register = lock_register(txn, row.register_id, Touch::Content).await?;
    // The delete is on `expected`: had the row moved Bagian since it was
    // read, the version would no longer match.
    actor.require(Permission::EditRowsOf(row.bagian_id))?;
    delete_row(write, &register, id, expected).await?;
    log_layout(write, &register, Touched::Rows(&[row.bagian_id])).await?;
    bump_register(write, &register, None).await?;
    Ok(())
}

/// Brings a deleted row back to its place (the rows there move down);
/// returns its version after.
pub async fn restore_row(write: &Write<'_>, id: i32) -> Result<i32, WriteError> {
    let &Write { txn, actor, .. } = write;
    let row = row_of(txn, id, true).await?;
    let register = lock_register(txn, row.register_id, Touch::Content).await?;
    actor.require(Permission::EditRowsOf(row.bagian_id))?;
    ensure_section(txn, register.id, row.bagian_id).await?;
    make_room(txn, register.id, row.bagian_id, row.position).await?;
    let change = RowChange { position: Some(row.position), restore: true, ..Default::default() };
    let version = update_row(write, &register, id, row.version, &change).await?;
    log_layout(write, &register, Touched::SectionsAndRows(&[row.bagian_id])).await?;
    bump_register(write, &register, None).await?;
    Ok(version)
}

/// Moves a live row one place up or down within its Bagian (it changes
/// places with its neighbour), if it is still at `expected` version. At the
/// top (or bottom) already, nothing changes. Returns its version after.
pub async fn move_row(
    write: &Write<'_>,
    id: i32,
    expected: i32,
    up: bool,
) -> Result<i32, WriteError> {
    let &Write { txn, actor, .. } = write;
    let row = row_of(txn, id, false).await?;
    let register = lock_register(txn, row.register_id, Touch::Content).await?;
    actor.require(Permission::EditRowsOf(row.bagian_id))?;
    if row.version != expected {
        return Err(WriteError::Conflict { row_id: id, expected, current: Some(row.version) });
    }
    let neighbours = risk::Entity::find()
        .filter(risk::Column::RegisterId.eq(register.id))
        .filter(risk::Column::BagianId.eq(row.bagian_id))
        .filter(risk::Column::DeletedAt.is_null());
    let neighbour = if up {
        neighbours
            .filter(risk::Column::Position.lt(row.position))
            .order_by_desc(risk::Column::Position)
            .one(txn)
            .await?
    } else {
        neighbours
            .filter(risk::Column::Position.gt(row.position))
            .order_by_asc(risk::Column::Position)
            .one(txn)
            .await?
    };
    let Some(neighbour) = neighbour else {
        return Ok(row.version);
    };
    // Places are unique at every moment: step aside, then swap.
    park_rows(txn, register.id, &[(row.id, row.version)]).await?;
    risk::Entity::update_many()
        .col_expr(risk::Column::Position, Expr::val(row.position))
        .filter(risk::Column::Id.eq(neighbour.id))
        .exec(txn)
        .await?;
    let version = risk::Entity::update_many()
        .col_expr(risk::Column::Position, Expr::val(neighbour.position))
        .col_expr(risk::Column::Version, Expr::col(risk::Column::Version).add(1))
        .col_expr(risk::Column::UpdatedAt, now(txn.get_database_backend()))
        .col_expr(risk::Column::UpdatedBy, Expr::val(actor.user_id()))
        .filter(risk::Column::Id.eq(id))
        .filter(risk::Column::Version.eq(row.version))
        .exec(txn)
        .await?;
    if version.rows_affected == 0 {
        return Err(conflict(txn, id, expected).await);
    }
    let entry = LogEntry::new(
        Action::Move,
        "position",
        Some(&row.position.to_string()),
        Some(neighbour.position.to_string()),
    );
    log(write, &register, Some(id), [entry]).await?;
    log_layout(write, &register, Touched::Rows(&[row.bagian_id])).await?;
    bump_register(write, &register, None).await?;
    Ok(row.version + 1)
}

/// A row that is live (or, with `deleted`, deleted).
async fn row_of(
    txn: &DatabaseTransaction,
    id: i32,
    deleted: bool,
) -> Result<risk::Model, WriteError> {
    let state = if deleted {
        risk::Column::DeletedAt.is_not_null()
    } else {
        risk::Column::DeletedAt.is_null()
    };
    risk::Entity::find_by_id(id).filter(state).one(txn).await?.ok_or(WriteError::NotFound)
}
