//! The units and register an import stores into: found by name, or made.
use super::report::ImportReport;
use crate::db::clock;
use crate::entities::{org_unit, org_unit::UnitKind, register};
use crate::register::model::RegisterStatus;
use crate::register::write::{Write, WriteError};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

/// Finds a unit by parent and name, or creates it at `position`.
pub(super) async fn unit(
    txn: &DatabaseTransaction,
    parent: Option<i32>,
    kind: UnitKind,
    name: &str,
    position: i32,
    report: &mut ImportReport,
) -> Result<i32, WriteError> {
    let parent_filter = match parent {
        Some(id) => org_unit::Column::ParentId.eq(id),
        None => org_unit::Column::ParentId.is_null(),
    };
    let existing = org_unit::Entity::find()
        .filter(parent_filter)
        .filter(org_unit::Column::Name.eq(name))
        .one(txn)
        .await?;
    if let Some(existing) = existing {
        return Ok(existing.id);
    }
    let created = org_unit::Entity::insert(org_unit::ActiveModel {
        parent_id: Set(parent),
        kind: Set(kind),
        name: Set(name.to_owned()),
        position: Set(position),
        created_at: Set(clock(txn).await?),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    report.units_created.push(name.to_owned());
    Ok(created.last_insert_id)
}

pub(super) async fn find_or_create_register(
    write: &Write<'_>,
    unit_id: i32,
    year: i32,
    title: &str,
    report: &mut ImportReport,
) -> Result<i32, WriteError> {
    let txn = write.txn;
    let existing = register::Entity::find()
        .filter(register::Column::UnitId.eq(unit_id))
        .filter(register::Column::Year.eq(year))
        .one(txn)
        .await?;
    if let Some(existing) = existing {
        return Ok(existing.id);
    }
    let now = clock(txn).await?;
    let created = register::Entity::insert(register::ActiveModel {
        unit_id: Set(unit_id),
        year: Set(year),
        title: Set(title.to_owned()),
        status: Set(RegisterStatus::Draft.code().to_owned()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    let id = created.last_insert_id;
    report.register_created = true;
    // The unit's other registers list their years (the dashboard's choice).
    let siblings = sea_orm::Condition::all()
        .add(register::Column::UnitId.eq(unit_id))
        .add(register::Column::Id.ne(id));
    crate::register::write::refresh_pages(write, siblings).await?;
    Ok(id)
}
