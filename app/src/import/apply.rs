//! An import's changes stored: the Bagian as the file names and orders
//! them, then the rows (deleted, moved aside, updated, inserted in batches),
//! each change recorded in the report as a [`RowDiff`].
use super::diff::{CellDiff, DiffKind, RowDiff};
use super::matching::{Incoming, Matches};
use super::model::ParsedTable;
use super::report::{ImportReport, RowOutcome};
use crate::entities::{org_unit, org_unit::UnitKind, risk};
use crate::register::model::{Field, RichText};
use crate::register::write::{self, Actor, LockedRegister, NewRow, RowChange, WriteError};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    sea_query::{Expr, Query},
};
use std::collections::HashMap;

/// Renames, creates and orders the Bagian as the file has them; returns the
/// Bagian id of each section. New Bagian are made in one INSERT.
pub(super) async fn apply_sections(
    txn: &DatabaseTransaction,
    table: &ParsedTable,
    biro: i32,
    units: &[org_unit::Model],
    resolved: &[Option<(i32, bool)>],
    report: &mut ImportReport,
) -> Result<Vec<i32>, WriteError> {
    let mut ids = Vec::with_capacity(table.sections.len());
    let mut new: Vec<(&str, i32)> = Vec::new();
    for (index, (section, resolved)) in table.sections.iter().zip(resolved).enumerate() {
        let position = index as i32 + 1;
        let Some((id, renamed)) = resolved else {
            report.bagian_new.push(section.name.clone());
            // A name the file gives twice is one Bagian.
            if !new.iter().any(|(name, _)| *name == section.name) {
                new.push((&section.name, position));
            }
            ids.push(None);
            continue;
        };
        report.bagian_existing += 1;
        let unit = units.iter().find(|unit| unit.id == *id);
        let mut update = org_unit::Entity::update_many().filter(org_unit::Column::Id.eq(*id));
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
        ids.push(Some(*id));
    }
    let made = create_bagian(txn, biro, &new).await?;
    report.units_created.extend(new.iter().map(|(name, _)| (*name).to_owned()));
    table
        .sections
        .iter()
        .zip(ids)
        .map(|(section, id)| {
            id.or_else(|| made.get(section.name.as_str()).copied()).ok_or(WriteError::NotFound)
        })
        .collect()
}

/// Makes Bagian of Biro `biro` (name, position); their ids by name.
async fn create_bagian<'a>(
    txn: &DatabaseTransaction,
    biro: i32,
    new: &[(&'a str, i32)],
) -> Result<HashMap<&'a str, i32>, WriteError> {
    let mut made = HashMap::with_capacity(new.len());
    let now = crate::db::now(txn.get_database_backend());
    for chunk in new.chunks(1_000) {
        let mut insert = Query::insert()
            .into_table(org_unit::Entity)
            .columns([
                org_unit::Column::ParentId,
                org_unit::Column::Kind,
                org_unit::Column::Name,
                org_unit::Column::Position,
                org_unit::Column::CreatedAt,
            ])
            .returning(Query::returning().columns([org_unit::Column::Id, org_unit::Column::Name]))
            .to_owned();
        for (name, position) in chunk {
            insert.values_panic([
                biro.into(),
                UnitKind::Bagian.to_value().into(),
                (*name).into(),
                (*position).into(),
                now.clone(),
            ]);
        }
        for row in txn.query_all(&insert).await? {
            let (id, name): (i32, String) = (row.try_get("", "id")?, row.try_get("", "name")?);
            if let Some((name, _)) = chunk.iter().find(|(wanted, _)| *wanted == name) {
                made.insert(*name, id);
            }
        }
    }
    Ok(made)
}

/// Rows between two reports of progress.
const PROGRESS_EVERY: usize = 1_000;

/// What the rows are matched against: the register, its stored rows, the
/// file's rows and how they matched, the Bagian of each section.
pub(super) struct Plan<'a> {
    pub table: &'a ParsedTable,
    pub register: &'a LockedRegister,
    pub stored_rows: &'a [risk::Model],
    pub incoming: &'a [Incoming<'a>],
    pub matches: &'a Matches,
    pub bagian_ids: &'a [i32],
    pub names: &'a HashMap<i32, String>,
    /// Told the number of the file's rows stored so far, now and then.
    pub progress: &'a (dyn Fn(usize) + Sync),
}

pub(super) async fn apply_rows(
    txn: &DatabaseTransaction,
    actor: &Actor,
    plan: &Plan<'_>,
    report: &mut ImportReport,
) -> Result<(), WriteError> {
    let Plan { table, register, stored_rows, incoming, matches, bagian_ids, names, progress } =
        plan;
    let mut handled = 0;
    let name = |id: i32| names.get(&id).cloned().unwrap_or_default();
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
        write::delete_row(txn, actor, register, row.id, row.version).await?;
        let code = row.code.clone().unwrap_or_default();
        report.rows_deleted.push((code.clone(), RichText::new(row.aktivitas.clone()).plain()));
        let cells = Field::CELLS
            .into_iter()
            .zip(cells_of(row))
            .filter(|(_, old)| !old.is_empty())
            .map(|(field, old)| CellDiff { field, old: old.clone(), new: String::new() })
            .collect();
        report.diffs.push(RowDiff {
            kind: DiffKind::Deleted,
            risk_id: Some(row.id),
            code,
            line: None,
            bagian_id: row.bagian_id,
            bagian: name(row.bagian_id),
            moved_from: None,
            cells,
        });
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
    let mut created: Vec<(String, i32, i32, &[RichText; 5], usize)> = Vec::new();
    let rows = table.sections.iter().flat_map(|section| &section.rows);
    for ((row, parsed), (found, kind)) in incoming.iter().zip(rows).zip(&matches.of_incoming) {
        let (bagian_id, position) = place(row);
        let code = match found {
            Some(found) => {
                let stored = &stored_rows[*found];
                let change = row_change(stored, row, bagian_id, position, names);
                write::update_row(txn, actor, register, stored.id, stored.version, &change).await?;
                if change.restore {
                    report.rows_restored += 1;
                } else if change.is_versioned() {
                    report.rows_updated += 1;
                } else {
                    report.rows_unchanged += 1;
                    report.rows_placed += usize::from(change.position.is_some());
                }
                if change.bagian.is_some() {
                    report.rows_moved += 1;
                }
                handled += 1;
                if handled % PROGRESS_EVERY == 0 {
                    progress(handled);
                }
                let code = stored.code.clone().unwrap_or_default();
                if change.is_versioned() {
                    let kind = if change.restore { DiffKind::Restored } else { DiffKind::Changed };
                    report.diffs.push(RowDiff {
                        kind,
                        risk_id: Some(stored.id),
                        code: code.clone(),
                        line: Some(parsed.line as u32),
                        bagian_id,
                        bagian: name(bagian_id),
                        moved_from: change.bagian.clone().map(|(old, _)| old),
                        cells: change
                            .cells
                            .into_iter()
                            .map(|(field, old, new)| CellDiff { field, old, new })
                            .collect(),
                    });
                }
                code
            }
            None => {
                let code = match row.code {
                    Some(code) => code.to_owned(),
                    None => {
                        next_code += 1;
                        write::code_for(next_code)
                    }
                };
                created.push((code.clone(), bagian_id, position, &parsed.cells, parsed.line));
                report.rows_created += 1;
                code
            }
        };
        report.rows.push(RowOutcome { line: parsed.line, code, kind: *kind });
    }
    let new_rows: Vec<NewRow<'_>> = created
        .iter()
        .map(|(code, bagian_id, position, cells, _)| NewRow {
            register_id: register.id,
            bagian_id: *bagian_id,
            position: *position,
            code,
            cells,
        })
        .collect();
    for chunk in new_rows.chunks(PROGRESS_EVERY) {
        // One bump follows every import that changes anything.
        write::insert_rows(txn, actor, register, chunk).await?;
        handled += chunk.len();
        progress(handled);
    }
    for (code, bagian_id, _, cells, line) in created {
        let cells = Field::CELLS
            .into_iter()
            .zip(cells)
            .filter(|(_, new)| !new.markup().is_empty())
            .map(|(field, new)| CellDiff {
                field,
                old: String::new(),
                new: new.markup().to_owned(),
            })
            .collect();
        report.diffs.push(RowDiff {
            kind: DiffKind::New,
            risk_id: None,
            code,
            line: Some(line as u32),
            bagian_id,
            bagian: name(bagian_id),
            moved_from: None,
            cells,
        });
    }
    Ok(())
}

fn cells_of(row: &risk::Model) -> [&String; 5] {
    [&row.aktivitas, &row.potensi, &row.penyebab, &row.dampak, &row.rencana]
}

fn row_change(
    stored: &risk::Model,
    row: &Incoming<'_>,
    bagian_id: i32,
    position: i32,
    names: &HashMap<i32, String>,
) -> RowChange {
    let old = cells_of(stored);
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
