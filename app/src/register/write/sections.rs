//! The Bagian of a register: add, rename, reorder, remove when empty. Each
//! locks the register, checks what the user saw in the statement that
//! writes, logs (with no row), and bumps the register's version.
use super::*;
use crate::db::clock;
use crate::entities::{org_unit, org_unit::UnitKind, register_section};
use crate::rules::{FieldProblem, parse_name};
use sea_orm::{PaginatorTrait, QueryOrder, Set};

/// The Bagian of a register in printed order: (id, name).
async fn sections(
    txn: &DatabaseTransaction,
    register_id: i32,
) -> Result<Vec<(i32, String)>, WriteError> {
    Ok(crate::register::repo::section_names(txn, register_id).await?)
}

/// Makes the register's Bagian exactly `ids`, in that order (the importer:
/// the file's sections). Returns whether anything changed.
pub async fn set_sections(
    txn: &DatabaseTransaction,
    register_id: i32,
    ids: &[i32],
) -> Result<bool, WriteError> {
    let current: Vec<i32> =
        sections(txn, register_id).await?.into_iter().map(|(id, _)| id).collect();
    if current == ids {
        return Ok(false);
    }
    register_section::Entity::delete_many()
        .filter(register_section::Column::RegisterId.eq(register_id))
        .exec(txn)
        .await?;
    insert_sections(txn, register_id, ids).await?;
    Ok(true)
}

async fn insert_sections(
    txn: &DatabaseTransaction,
    register_id: i32,
    ids: &[i32],
) -> Result<(), WriteError> {
    if ids.is_empty() {
        return Ok(());
    }
    let rows = ids.iter().enumerate().map(|(index, id)| register_section::ActiveModel {
        register_id: Set(register_id),
        bagian_id: Set(*id),
        position: Set(index as i32 + 1),
    });
    register_section::Entity::insert_many(rows).exec_without_returning(txn).await?;
    Ok(())
}

/// Puts Bagian `bagian_id` at the end of the register's list unless it is
/// there already (a row added to it, moved to it or brought back into it).
pub async fn ensure_section(
    txn: &DatabaseTransaction,
    register_id: i32,
    bagian_id: i32,
) -> Result<(), WriteError> {
    let listed = sections(txn, register_id).await?;
    if listed.iter().any(|(id, _)| *id == bagian_id) {
        return Ok(());
    }
    let place = register_section::Entity::find()
        .filter(register_section::Column::RegisterId.eq(register_id))
        .order_by_desc(register_section::Column::Position)
        .one(txn)
        .await?
        .map_or(1, |last| last.position + 1);
    register_section::Entity::insert(register_section::ActiveModel {
        register_id: Set(register_id),
        bagian_id: Set(bagian_id),
        position: Set(place),
    })
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

fn bagian_error(problem: FieldProblem) -> WriteError {
    WriteError::Validation(vec![FieldError::new(Field::Bagian, problem)])
}

/// Whether two Bagian names are the same to a reader (case aside).
fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// Adds a Bagian named `raw` at the end of the register: a Bagian of the
/// unit with that name (one of an earlier year, say) if there is one, else
/// a new one. Refused if the register has one of that name already.
/// Returns its id.
pub async fn add_bagian(write: &Write<'_>, register_id: i32, raw: &str) -> Result<i32, WriteError> {
    let &Write { txn, actor, .. } = write;
    actor.require(Permission::ManageBagian)?;
    let name =
        parse_name(Field::Bagian, raw).map_err(|error| WriteError::Validation(vec![error]))?;
    let register = lock_register(txn, register_id, Touch::Content).await?;
    let listed = sections(txn, register.id).await?;
    if listed.iter().any(|(_, listed)| same_name(listed, &name)) {
        return Err(bagian_error(FieldProblem::Duplicate));
    }
    let units = org_unit::Entity::find()
        .filter(org_unit::Column::ParentId.eq(register.unit_id))
        .all(txn)
        .await?;
    let id = match units.iter().find(|unit| same_name(&unit.name, &name)) {
        Some(unit) => unit.id,
        None => {
            let position = units.iter().map(|unit| unit.position).max().unwrap_or(0) + 1;
            let created = org_unit::Entity::insert(org_unit::ActiveModel {
                parent_id: Set(Some(register.unit_id)),
                kind: Set(UnitKind::Bagian),
                name: Set(name.clone()),
                position: Set(position),
                created_at: Set(clock(txn).await?),
                ..Default::default()
            })
            .exec(txn)
            .await?;
            created.last_insert_id
        }
    };
    ensure_section(txn, register.id, id).await?;
    let entry = LogEntry::new(Action::Create, "bagian", None, Some(name));
    log(write, &register, None, [entry]).await?;
    log_layout(write, &register, Touched::SectionsAndRows(&[])).await?;
    bump_register(write, &register, None).await?;
    Ok(id)
}

/// Renames Bagian `bagian_id` of the register to `raw` if its name is still
/// `expected` (checked in the UPDATE); someone else's rename meanwhile is a
/// conflict carrying their name. The name is the Biro's: other years'
/// registers show it too.
pub async fn rename_bagian(
    write: &Write<'_>,
    register_id: i32,
    bagian_id: i32,
    expected: &str,
    raw: &str,
) -> Result<String, WriteError> {
    let &Write { txn, actor, .. } = write;
    actor.require(Permission::ManageBagian)?;
    let name =
        parse_name(Field::Bagian, raw).map_err(|error| WriteError::Validation(vec![error]))?;
    let expected = super::invalid(crate::rules::parse_expected(Field::Bagian, expected))?;
    let register = lock_register(txn, register_id, Touch::Content).await?;
    let listed = sections(txn, register.id).await?;
    let Some((_, current)) = listed.iter().find(|(id, _)| *id == bagian_id) else {
        return Err(WriteError::NotFound);
    };
    if *current == name {
        return Ok(name);
    }
    let siblings = org_unit::Entity::find()
        .filter(org_unit::Column::ParentId.eq(register.unit_id))
        .filter(org_unit::Column::Id.ne(bagian_id))
        .all(txn)
        .await?;
    if siblings.iter().any(|unit| same_name(&unit.name, &name)) {
        return Err(bagian_error(FieldProblem::Duplicate));
    }
    let renamed = org_unit::Entity::update_many()
        .col_expr(org_unit::Column::Name, Expr::val(&name))
        .filter(org_unit::Column::Id.eq(bagian_id))
        .filter(org_unit::Column::Name.eq(expected))
        .exec(txn)
        .await?;
    if renamed.rows_affected == 0 {
        return Err(WriteError::CellConflict {
            row_id: bagian_id,
            field: Field::Bagian,
            theirs: current.clone(),
            version: register.version,
        });
    }
    let entry = LogEntry::new(Action::Update, "bagian", Some(expected), Some(name.clone()));
    log(write, &register, None, [entry]).await?;
    log_layout(write, &register, Touched::SectionsAndRows(&[])).await?;
    bump_register(write, &register, None).await?;
    Ok(name)
}

/// Moves Bagian `bagian_id` one place up (or down) in the register, past
/// `neighbour`, the Bagian the user saw next to it: if another is there
/// now (someone reordered meanwhile, or the same request came twice), it is
/// a conflict and nothing moves.
pub async fn move_bagian(
    write: &Write<'_>,
    register_id: i32,
    bagian_id: i32,
    up: bool,
    neighbour: i32,
) -> Result<(), WriteError> {
    let &Write { txn, actor, .. } = write;
    actor.require(Permission::ManageBagian)?;
    let register = lock_register(txn, register_id, Touch::Content).await?;
    let mut listed = sections(txn, register.id).await?;
    let at = listed.iter().position(|(id, _)| *id == bagian_id).ok_or(WriteError::NotFound)?;
    let other = if up { at.checked_sub(1) } else { Some(at + 1).filter(|i| *i < listed.len()) };
    let current = other.map(|other| listed[other].0);
    let Some(other) = other.filter(|_| current == Some(neighbour)) else {
        return Err(WriteError::Conflict { row_id: bagian_id, expected: neighbour, current });
    };
    listed.swap(at, other);
    let ids: Vec<i32> = listed.iter().map(|(id, _)| *id).collect();
    set_sections(txn, register.id, &ids).await?;
    let entry = LogEntry::new(
        Action::Move,
        "bagian_position",
        Some(&(at + 1).to_string()),
        Some((other + 1).to_string()),
    );
    log(write, &register, None, [entry]).await?;
    log_layout(write, &register, Touched::SectionsAndRows(&[])).await?;
    bump_register(write, &register, None).await?;
    Ok(())
}

/// Removes Bagian `bagian_id` from the register if it has no live rows
/// (checked in the DELETE itself); its deleted rows stay restorable and
/// bring it back. The Biro's unit stays for other years.
pub async fn remove_bagian(
    write: &Write<'_>,
    register_id: i32,
    bagian_id: i32,
) -> Result<(), WriteError> {
    let &Write { txn, actor, .. } = write;
    actor.require(Permission::ManageBagian)?;
    let register = lock_register(txn, register_id, Touch::Content).await?;
    let listed = sections(txn, register.id).await?;
    let Some((_, name)) = listed.iter().find(|(id, _)| *id == bagian_id) else {
        return Err(WriteError::NotFound);
    };
    let live_rows = Query::select()
        .expr(Expr::val(1))
        .from(risk::Entity)
        .and_where(risk::Column::RegisterId.eq(register.id))
        .and_where(risk::Column::BagianId.eq(bagian_id))
        .and_where(risk::Column::DeletedAt.is_null())
        .to_owned();
    let removed = register_section::Entity::delete_many()
        .filter(register_section::Column::RegisterId.eq(register.id))
        .filter(register_section::Column::BagianId.eq(bagian_id))
        .filter(Expr::exists(live_rows).not())
        .exec(txn)
        .await?;
    if removed.rows_affected == 0 {
        let rows = risk::Entity::find()
            .filter(risk::Column::RegisterId.eq(register.id))
            .filter(risk::Column::BagianId.eq(bagian_id))
            .filter(risk::Column::DeletedAt.is_null())
            .count(txn)
            .await?;
        return Err(bagian_error(FieldProblem::NotEmpty { rows: rows as usize }));
    }
    let entry = LogEntry::new(Action::Delete, "bagian", Some(name), None);
    log(write, &register, None, [entry]).await?;
    log_layout(write, &register, Touched::SectionsAndRows(&[])).await?;
    bump_register(write, &register, None).await?;
    Ok(())
}
