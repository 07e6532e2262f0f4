//! Stores a parsed table so that the register equals the file: new rows
//! inserted, changed rows updated, removed rows deleted softly, order and
//! Bagian names as in the file. One transaction, through the register's one
//! write path; a dry run does all of it and rolls back.
use super::matching::{Incoming, MatchKind, Matches, Stored, match_by_identity, match_by_position};
use super::model::{Note, ParsedTable};
use crate::db::{begin_write, lock_organisation, now, set_created_now};
use crate::entities::{org_unit, org_unit::UnitKind, register, risk};
use crate::register::model::{Field, RegisterStatus, RichText};
use crate::register::write::{
    self, Actor, LockedRegister, NewRow, RowChange, WriteError, bump_register, lock_register,
    set_sections,
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};
use std::collections::HashMap;

/// How to import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    /// Period of the register.
    pub year: i32,
    /// Work out every change, report it, and store nothing.
    pub dry_run: bool,
}

/// What an import did (or, dry, would do).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub register_id: i32,
    pub year: i32,
    pub dry_run: bool,
    pub register_created: bool,
    /// The register's version after the import (unchanged if nothing changed).
    pub register_version: i32,
    pub units_created: Vec<String>,
    pub bagian_created: usize,
    pub bagian_existing: usize,
    /// Bagian found by their rows under a new name: (old, new).
    pub bagian_renamed: Vec<(String, String)>,
    /// The register's list of Bagian or their order is now the file's.
    pub sections_changed: bool,
    pub rows_created: usize,
    pub rows_updated: usize,
    pub rows_unchanged: usize,
    /// Rows now in another Bagian (counted in `rows_updated` too).
    pub rows_moved: usize,
    /// Deleted rows brought back by the file.
    pub rows_restored: usize,
    /// Rows the file no longer has, deleted softly: (code, activity).
    pub rows_deleted: Vec<(String, String)>,
    /// How each row of the file found its stored row, in file order.
    pub rows: Vec<RowOutcome>,
    /// Anything dropped or odd in the file, with its line.
    pub notes: Vec<Note>,
}

impl ImportReport {
    /// Rows of the file matched in each way.
    pub fn matched(&self, kind: MatchKind) -> usize {
        self.rows.iter().filter(|row| row.kind == kind).count()
    }

    pub fn changed_anything(&self) -> bool {
        self.register_created
            || self.rows_created + self.rows_updated + self.rows_restored > 0
            || !self.rows_deleted.is_empty()
            || !self.bagian_renamed.is_empty()
            || self.bagian_created > 0
            || self.sections_changed
    }
}

/// One row of the file and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowOutcome {
    pub line: usize,
    pub code: String,
    pub kind: MatchKind,
}

/// Stores `table` as the register of its Biro for the given year: after it,
/// the register holds exactly the file's rows. All or nothing.
pub async fn import_table(
    db: &DatabaseConnection,
    table: &ParsedTable,
    options: ImportOptions,
) -> Result<ImportReport, WriteError> {
    let txn = begin_write(db).await?;
    let report = import_in(&txn, table, options).await?;
    if options.dry_run {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
    }
    Ok(report)
}

async fn import_in(
    txn: &DatabaseTransaction,
    table: &ParsedTable,
    options: ImportOptions,
) -> Result<ImportReport, WriteError> {
    let mut report = ImportReport {
        year: options.year,
        dry_run: options.dry_run,
        notes: table.notes.clone(),
        ..Default::default()
    };
    lock_organisation(txn).await?;
    let instansi = match &table.unit.instansi {
        Some(name) => Some(unit(txn, None, UnitKind::Instansi, name, 1, &mut report).await?),
        None => None,
    };
    let biro = unit(txn, instansi, UnitKind::Biro, &table.unit.biro, 1, &mut report).await?;
    let register_id =
        find_or_create_register(txn, biro, options.year, &table.title, &mut report).await?;
    let register = lock_register(txn, register_id).await?;
    report.register_id = register.id;
    report.register_version = register.version;

    let stored_rows = risk::Entity::find()
        .filter(risk::Column::RegisterId.eq(register.id))
        .order_by_asc(risk::Column::BagianId)
        .order_by_asc(risk::Column::Position)
        .order_by_asc(risk::Column::Id)
        .all(txn)
        .await?;
    let stored = stored_view(&stored_rows);
    let incoming: Vec<Incoming<'_>> = table
        .sections
        .iter()
        .enumerate()
        .flat_map(|(section, parsed)| {
            parsed.rows.iter().enumerate().map(move |(index, row)| Incoming {
                section,
                index,
                code: row.code.as_deref(),
                cells: row.cells.each_ref().map(RichText::markup),
            })
        })
        .collect();

    let mut matches = match_by_identity(&stored, &incoming);
    let bagian_units =
        org_unit::Entity::find().filter(org_unit::Column::ParentId.eq(biro)).all(txn).await?;
    let section_bagian = resolve_sections(table, &bagian_units, &stored, &incoming, &matches);
    let existing: Vec<Option<i32>> =
        section_bagian.iter().map(|resolved| resolved.as_ref().map(|(id, _)| *id)).collect();
    match_by_position(&stored, &incoming, &existing, &mut matches);

    let bagian_ids =
        apply_sections(txn, table, biro, &bagian_units, &section_bagian, &mut report).await?;
    report.sections_changed = set_sections(txn, register.id, &bagian_ids).await?;
    let mut names: HashMap<i32, String> =
        bagian_units.iter().map(|unit| (unit.id, unit.name.clone())).collect();
    for (section, id) in table.sections.iter().zip(&bagian_ids) {
        names.insert(*id, section.name.clone());
    }
    apply_rows(
        txn,
        table,
        &register,
        &stored_rows,
        &incoming,
        &matches,
        &bagian_ids,
        &names,
        &mut report,
    )
    .await?;

    let title_changed = register.title != table.title;
    if report.changed_anything() || title_changed {
        let title = title_changed.then_some(table.title.as_str());
        report.register_version = bump_register(txn, &register, title).await?;
    }
    Ok(report)
}

fn stored_view(rows: &[risk::Model]) -> Vec<Stored<'_>> {
    let mut ranks: HashMap<i32, usize> = HashMap::new();
    rows.iter()
        .map(|row| {
            // Rows come ordered by Bagian and place: a live row's rank is the
            // count of live rows of its Bagian before it.
            let rank = row.deleted_at.is_none().then(|| {
                let next = ranks.entry(row.bagian_id).or_default();
                *next += 1;
                *next - 1
            });
            Stored {
                code: row.code.as_deref().unwrap_or_default(),
                bagian_id: row.bagian_id,
                rank,
                cells: [&row.aktivitas, &row.potensi, &row.penyebab, &row.dampak, &row.rencana]
                    .map(String::as_str),
            }
        })
        .collect()
}

/// The stored Bagian each section of the file is: the one of the same name,
/// or, for a name the Biro does not have, the Bagian most of its matched
/// rows come from if the file no longer names that one (a rename). The
/// second value says whether it is a rename.
fn resolve_sections(
    table: &ParsedTable,
    units: &[org_unit::Model],
    stored: &[Stored<'_>],
    incoming: &[Incoming<'_>],
    matches: &Matches,
) -> Vec<Option<(i32, bool)>> {
    let named = |name: &str| {
        units
            .iter()
            .find(|unit| unit.name == name)
            .or_else(|| units.iter().find(|unit| unit.name.to_lowercase() == name.to_lowercase()))
    };
    let mut resolved: Vec<Option<(i32, bool)>> = table
        .sections
        .iter()
        .map(|section| named(&section.name).map(|unit| (unit.id, false)))
        .collect();
    for (index, section) in table.sections.iter().enumerate() {
        if resolved[index].is_some() {
            continue;
        }
        let mut votes: HashMap<i32, usize> = HashMap::new();
        for (row, (found, _)) in incoming.iter().zip(&matches.of_incoming) {
            if row.section == index
                && let Some(found) = found
            {
                *votes.entry(stored[*found].bagian_id).or_default() += 1;
            }
        }
        let claimed: Vec<i32> = resolved.iter().flatten().map(|(id, _)| *id).collect();
        let majority = (section.rows.len() / 2) + 1;
        let candidate = votes
            .into_iter()
            .filter(|(id, count)| *count >= majority && !claimed.contains(id))
            .max_by_key(|&(id, count)| (count, std::cmp::Reverse(id)));
        resolved[index] = candidate.map(|(id, _)| (id, true));
    }
    resolved
}

/// Renames, creates and orders the Bagian as the file has them; returns the
/// Bagian id of each section.
async fn apply_sections(
    txn: &DatabaseTransaction,
    table: &ParsedTable,
    biro: i32,
    units: &[org_unit::Model],
    resolved: &[Option<(i32, bool)>],
    report: &mut ImportReport,
) -> Result<Vec<i32>, WriteError> {
    let mut ids = Vec::with_capacity(table.sections.len());
    for (index, (section, resolved)) in table.sections.iter().zip(resolved).enumerate() {
        let position = index as i32 + 1;
        let id = match resolved {
            Some((id, renamed)) => {
                report.bagian_existing += 1;
                let unit = units.iter().find(|unit| unit.id == *id);
                let mut update =
                    org_unit::Entity::update_many().filter(org_unit::Column::Id.eq(*id));
                let mut dirty = false;
                if let Some(unit) = unit
                    && (*renamed || unit.name != section.name)
                {
                    report.bagian_renamed.push((unit.name.clone(), section.name.clone()));
                    update = update.col_expr(org_unit::Column::Name, Expr::val(&section.name));
                    dirty = true;
                }
                if unit.is_some_and(|unit| unit.position != position) {
                    update = update.col_expr(org_unit::Column::Position, Expr::val(position));
                    dirty = true;
                }
                if dirty {
                    update.exec(txn).await?;
                }
                *id
            }
            None => {
                report.bagian_created += 1;
                unit(txn, Some(biro), UnitKind::Bagian, &section.name, position, report).await?
            }
        };
        ids.push(id);
    }
    Ok(ids)
}

#[allow(clippy::too_many_arguments)]
async fn apply_rows(
    txn: &DatabaseTransaction,
    table: &ParsedTable,
    register: &LockedRegister,
    stored_rows: &[risk::Model],
    incoming: &[Incoming<'_>],
    matches: &Matches,
    bagian_ids: &[i32],
    names: &HashMap<i32, String>,
    report: &mut ImportReport,
) -> Result<(), WriteError> {
    let actor = &Actor::IMPORT;
    let mut matched = vec![false; stored_rows.len()];
    for (found, _) in &matches.of_incoming {
        if let Some(found) = found {
            matched[*found] = true;
        }
    }
    // Rows the file no longer has.
    for (row, _) in
        stored_rows.iter().zip(&matched).filter(|(row, m)| !**m && row.deleted_at.is_none())
    {
        write::delete_row(txn, actor, register.id, row.id, row.version).await?;
        let code = row.code.clone().unwrap_or_default();
        report.rows_deleted.push((code, RichText::new(row.aktivitas.clone()).plain()));
    }
    // Live rows that change place step aside first: places are unique.
    let place = |row: &Incoming<'_>| (bagian_ids[row.section], row.index as i32 + 1);
    let moving: Vec<(i32, i32)> = incoming
        .iter()
        .zip(&matches.of_incoming)
        .filter_map(|(row, (found, _))| {
            let stored = &stored_rows[(*found)?];
            let live_elsewhere =
                stored.deleted_at.is_none() && (stored.bagian_id, stored.position) != place(row);
            live_elsewhere.then_some((stored.id, stored.version))
        })
        .collect();
    write::park_rows(txn, register.id, &moving).await?;

    let mut next_code = next_code_number(stored_rows, incoming);
    let rows = table.sections.iter().flat_map(|section| &section.rows);
    for ((row, parsed), (found, kind)) in incoming.iter().zip(rows).zip(&matches.of_incoming) {
        let (bagian_id, position) = place(row);
        let code = match found {
            Some(found) => {
                let stored = &stored_rows[*found];
                let change = row_change(stored, row, bagian_id, position, names);
                write::update_row(txn, actor, register.id, stored.id, stored.version, &change)
                    .await?;
                if change.restore {
                    report.rows_restored += 1;
                } else if change.is_versioned() {
                    report.rows_updated += 1;
                } else {
                    report.rows_unchanged += 1;
                }
                if change.bagian.is_some() {
                    report.rows_moved += 1;
                }
                stored.code.clone().unwrap_or_default()
            }
            None => {
                let code = match row.code {
                    Some(code) => code.to_owned(),
                    None => {
                        next_code += 1;
                        write::code_for(next_code)
                    }
                };
                let new = NewRow {
                    register_id: register.id,
                    bagian_id,
                    position,
                    code: &code,
                    cells: &parsed.cells,
                };
                write::insert_row(txn, actor, new).await?;
                report.rows_created += 1;
                code
            }
        };
        report.rows.push(RowOutcome { line: parsed.line, code, kind: *kind });
    }
    Ok(())
}

fn row_change(
    stored: &risk::Model,
    row: &Incoming<'_>,
    bagian_id: i32,
    position: i32,
    names: &HashMap<i32, String>,
) -> RowChange {
    let old =
        [&stored.aktivitas, &stored.potensi, &stored.penyebab, &stored.dampak, &stored.rencana];
    let cells = Field::CELLS
        .into_iter()
        .zip(old)
        .zip(row.cells)
        .filter(|((_, old), new)| old.as_str() != *new)
        .map(|((field, old), new)| (field, old.clone(), new.to_owned()))
        .collect();
    let name = |id: i32| names.get(&id).cloned().unwrap_or_default();
    let bagian = (stored.bagian_id != bagian_id)
        .then(|| ((stored.bagian_id, name(stored.bagian_id)), (bagian_id, name(bagian_id))));
    let position = (stored.position != position || stored.deleted_at.is_some()).then_some(position);
    RowChange { cells, bagian, position, restore: stored.deleted_at.is_some() }
}

/// The highest number of a "BK-n" code in the register or the file.
fn next_code_number(stored: &[risk::Model], incoming: &[Incoming<'_>]) -> u32 {
    stored
        .iter()
        .filter_map(|row| row.code.as_deref().and_then(write::code_number))
        .chain(incoming.iter().filter_map(|row| row.code.and_then(write::code_number)))
        .max()
        .unwrap_or(0)
}

/// Finds a unit by parent and name, or creates it at `position`.
async fn unit(
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
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    set_created_now(
        txn,
        org_unit::Entity,
        org_unit::Column::CreatedAt,
        org_unit::Column::Id,
        created.last_insert_id,
    )
    .await?;
    report.units_created.push(name.to_owned());
    Ok(created.last_insert_id)
}

async fn find_or_create_register(
    txn: &DatabaseTransaction,
    unit_id: i32,
    year: i32,
    title: &str,
    report: &mut ImportReport,
) -> Result<i32, WriteError> {
    let existing = register::Entity::find()
        .filter(register::Column::UnitId.eq(unit_id))
        .filter(register::Column::Year.eq(year))
        .one(txn)
        .await?;
    if let Some(existing) = existing {
        return Ok(existing.id);
    }
    let placeholder = chrono::Utc::now();
    let created = register::Entity::insert(register::ActiveModel {
        unit_id: Set(unit_id),
        year: Set(year),
        title: Set(title.to_owned()),
        status: Set(RegisterStatus::Draft.code().to_owned()),
        version: Set(1),
        created_at: Set(placeholder),
        updated_at: Set(placeholder),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    let id = created.last_insert_id;
    register::Entity::update_many()
        .col_expr(register::Column::CreatedAt, now(txn.get_database_backend()))
        .col_expr(register::Column::UpdatedAt, now(txn.get_database_backend()))
        .filter(register::Column::Id.eq(id))
        .exec(txn)
        .await?;
    report.register_created = true;
    // The unit's other registers list their years (the dashboard's choice).
    let siblings = sea_orm::Condition::all()
        .add(register::Column::UnitId.eq(unit_id))
        .add(register::Column::Id.ne(id));
    crate::register::write::refresh_pages(txn, siblings).await?;
    Ok(id)
}
