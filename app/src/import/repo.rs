//! Stores a parsed table: one transaction, idempotent, every change logged.
use super::model::{Note, ParsedRow, ParsedTable};
use crate::db::begin_write;
use crate::entities::{change_log, org_unit, org_unit::UnitKind, register, risk};
use crate::register::model::{Field, RegisterStatus};
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    prelude::*,
};

/// The change log's `source` for rows written by the importer.
pub const IMPORT_SOURCE: &str = "import";

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub register_id: i32,
    pub year: i32,
    pub register_created: bool,
    pub units_created: Vec<String>,
    pub bagian_created: usize,
    pub bagian_existing: usize,
    pub rows_created: usize,
    pub rows_updated: usize,
    pub rows_unchanged: usize,
    /// Anything dropped or odd in the file, with its line.
    pub notes: Vec<Note>,
}

/// Stores `table` as the register of its Biro for `year`. Rows are matched by
/// Bagian and position, so importing the same table again changes nothing;
/// a changed cell is updated, versioned and logged. All or nothing.
pub async fn import_table(
    db: &DatabaseConnection,
    table: &ParsedTable,
    year: i32,
) -> Result<ImportReport, DbErr> {
    let txn = begin_write(db).await?;
    let mut report = ImportReport { year, notes: table.notes.clone(), ..Default::default() };

    let instansi = match &table.unit.instansi {
        Some(name) => Some(unit(&txn, None, UnitKind::Instansi, name, 1, &mut report).await?.0),
        None => None,
    };
    let (biro, _) = unit(&txn, instansi, UnitKind::Biro, &table.unit.biro, 1, &mut report).await?;
    let register_id = find_or_create_register(&txn, biro, year, &table.title, &mut report).await?;
    report.register_id = register_id;

    for (index, section) in table.sections.iter().enumerate() {
        let position = index as i32 + 1;
        let (bagian, created) =
            unit(&txn, Some(biro), UnitKind::Bagian, &section.name, position, &mut report).await?;
        if created {
            report.bagian_created += 1;
        } else {
            report.bagian_existing += 1;
        }
        for (index, row) in section.rows.iter().enumerate() {
            let slot = RowSlot { register_id, bagian_id: bagian, position: index as i32 + 1 };
            upsert_row(&txn, slot, row, &mut report).await?;
        }
    }
    txn.commit().await?;
    Ok(report)
}

/// Finds a unit by parent and name, or creates it at `position`.
async fn unit(
    db: &impl ConnectionTrait,
    parent: Option<i32>,
    kind: UnitKind,
    name: &str,
    position: i32,
    report: &mut ImportReport,
) -> Result<(i32, bool), DbErr> {
    let parent_filter = match parent {
        Some(id) => org_unit::Column::ParentId.eq(id),
        None => org_unit::Column::ParentId.is_null(),
    };
    let existing = org_unit::Entity::find()
        .filter(parent_filter)
        .filter(org_unit::Column::Name.eq(name))
        .one(db)
        .await?;
    if let Some(existing) = existing {
        return Ok((existing.id, false));
    }
    let created = org_unit::ActiveModel {
        parent_id: Set(parent),
        kind: Set(kind),
        name: Set(name.to_owned()),
        position: Set(position),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    report.units_created.push(name.to_owned());
    Ok((created.id, true))
}

async fn find_or_create_register(
    db: &impl ConnectionTrait,
    unit_id: i32,
    year: i32,
    title: &str,
    report: &mut ImportReport,
) -> Result<i32, DbErr> {
    let existing = register::Entity::find()
        .filter(register::Column::UnitId.eq(unit_id))
        .filter(register::Column::Year.eq(year))
        .one(db)
        .await?;
    if let Some(existing) = existing {
        return Ok(existing.id);
    }
    let now = chrono::Utc::now();
    let created = register::ActiveModel {
        unit_id: Set(unit_id),
        year: Set(year),
        title: Set(title.to_owned()),
        status: Set(RegisterStatus::Draft.code().to_owned()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    report.register_created = true;
    Ok(created.id)
}

#[derive(Clone, Copy)]
struct RowSlot {
    register_id: i32,
    bagian_id: i32,
    position: i32,
}

async fn upsert_row(
    db: &impl ConnectionTrait,
    slot: RowSlot,
    row: &ParsedRow,
    report: &mut ImportReport,
) -> Result<(), DbErr> {
    let new_cells = row.cells.clone().map(|cell| cell.markup().to_owned());
    let existing = risk::Entity::find()
        .filter(risk::Column::RegisterId.eq(slot.register_id))
        .filter(risk::Column::BagianId.eq(slot.bagian_id))
        .filter(risk::Column::Position.eq(slot.position))
        .one(db)
        .await?;
    let now = chrono::Utc::now();
    let Some(existing) = existing else {
        let [aktivitas, potensi, penyebab, dampak, rencana] = new_cells.clone();
        let created = risk::ActiveModel {
            register_id: Set(slot.register_id),
            bagian_id: Set(slot.bagian_id),
            position: Set(slot.position),
            aktivitas: Set(aktivitas),
            potensi: Set(potensi),
            penyebab: Set(penyebab),
            dampak: Set(dampak),
            rencana: Set(rencana),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let changes =
            Field::CELLS.into_iter().zip(new_cells).map(|(field, new)| (field, None, new));
        log_changes(db, slot.register_id, created.id, "create", changes).await?;
        report.rows_created += 1;
        return Ok(());
    };

    let old_cells = cells_of(&existing);
    let changes: Vec<_> = Field::CELLS
        .into_iter()
        .zip(old_cells)
        .zip(new_cells.clone())
        .filter(|((_, old), new)| old != new)
        .map(|((field, old), new)| (field, Some(old), new))
        .collect();
    if changes.is_empty() {
        report.rows_unchanged += 1;
        return Ok(());
    }
    let [aktivitas, potensi, penyebab, dampak, rencana] = new_cells;
    let version = existing.version + 1;
    let id = existing.id;
    let mut active: risk::ActiveModel = existing.into();
    active.aktivitas = Set(aktivitas);
    active.potensi = Set(potensi);
    active.penyebab = Set(penyebab);
    active.dampak = Set(dampak);
    active.rencana = Set(rencana);
    active.version = Set(version);
    active.updated_at = Set(now);
    active.updated_by = Set(None);
    active.update(db).await?;
    log_changes(db, slot.register_id, id, "update", changes).await?;
    report.rows_updated += 1;
    Ok(())
}

fn cells_of(row: &risk::Model) -> [String; 5] {
    [
        row.aktivitas.clone(),
        row.potensi.clone(),
        row.penyebab.clone(),
        row.dampak.clone(),
        row.rencana.clone(),
    ]
}

/// The column name a field is logged under.
pub fn field_column(field: Field) -> &'static str {
    match field {
        Field::No => "no",
        Field::Bagian => "bagian_id",
        Field::Aktivitas => "aktivitas",
        Field::Potensi => "potensi",
        Field::Penyebab => "penyebab",
        Field::Dampak => "dampak",
        Field::Rencana => "rencana",
        Field::Title => "title",
        Field::Unit => "unit_id",
    }
}

async fn log_changes(
    db: &impl ConnectionTrait,
    register_id: i32,
    risk_id: i32,
    action: &str,
    changes: impl IntoIterator<Item = (Field, Option<String>, String)>,
) -> Result<(), DbErr> {
    let now = chrono::Utc::now();
    let entries = changes.into_iter().map(|(field, old, new)| change_log::ActiveModel {
        register_id: Set(register_id),
        risk_id: Set(Some(risk_id)),
        action: Set(action.to_owned()),
        field: Set(field_column(field).to_owned()),
        old_value: Set(old),
        new_value: Set(Some(new)),
        changed_by: Set(None),
        source: Set(IMPORT_SOURCE.to_owned()),
        changed_at: Set(now),
        ..Default::default()
    });
    change_log::Entity::insert_many(entries).exec_without_returning(db).await?;
    Ok(())
}
