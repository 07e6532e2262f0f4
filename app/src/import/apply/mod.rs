//! An import's changes stored: the Bagian as the file names and orders
//! them, then the rows (deleted, moved aside, updated, inserted in batches),
//! each change recorded in the report as a [`RowDiff`].
mod sections;

use super::diff::{CellDiff, DiffKind, RowDiff};
use super::matching::{Incoming, Matches};
use super::model::{ParsedRow, ParsedTable};
use super::report::{ImportReport, RowOutcome};
use crate::entities::{org_unit, risk};
use crate::register::model::{Field, RichText};
use crate::register::write::{self, LockedRegister, NewRow, RowChange, Write, WriteError};
use sea_orm::DatabaseTransaction;
pub(super) use sections::apply_sections;
use std::collections::HashMap;

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

impl Plan<'_> {
    /// Where a row of the file goes: (Bagian, position).
    fn place(&self, row: &Incoming<'_>) -> (i32, i32) {
        (self.bagian_ids[row.section], row.index as i32 + 1)
    }

    /// Bagian `id`'s name.
    fn name(&self, id: i32) -> String {
        self.names.get(&id).cloned().unwrap_or_default()
    }
}

/// A row of the file that the register does not have yet.
struct Created<'a> {
    code: String,
    bagian_id: i32,
    position: i32,
    row: &'a ParsedRow,
}

pub(super) async fn apply_rows(
    write: &Write<'_>,
    plan: &Plan<'_>,
    report: &mut ImportReport,
) -> Result<(), WriteError> {
    let &Write { txn, .. } = write;
    let mut matched = vec![false; plan.stored_rows.len()];
    for found in plan.matches.of_incoming.iter().filter_map(|(found, _)| *found) {
        matched[found] = true;
    }
    // Rows the file no longer has.
    let gone =
        plan.stored_rows.iter().zip(&matched).filter(|(row, m)| !**m && row.deleted_at.is_none());
    for (row, _) in gone {
        delete_gone(write, plan, row, report).await?;
    }
    write::park_rows(txn, plan.register.id, &moving(plan)).await?;
    let mut handled = 0;
    let mut next_code = next_code_number(plan.stored_rows, plan.incoming);
    let mut created = Vec::new();
    let rows = plan.table.sections.iter().flat_map(|section| &section.rows);
    for ((row, parsed), (found, kind)) in
        plan.incoming.iter().zip(rows).zip(&plan.matches.of_incoming)
    {
        let code = match found {
            Some(found) => {
                let stored = &plan.stored_rows[*found];
                let code = update_matched(write, plan, (stored, row, parsed), report).await?;
                handled += 1;
                if handled % PROGRESS_EVERY == 0 {
                    (plan.progress)(handled);
                }
                code
            }
            None => {
                let code = row.code.map(str::to_owned).unwrap_or_else(|| {
                    next_code += 1;
                    write::code_for(next_code)
                });
                let (bagian_id, position) = plan.place(row);
                created.push(Created { code: code.clone(), bagian_id, position, row: parsed });
                report.rows_created += 1;
                code
            }
        };
        report.rows.push(RowOutcome { line: parsed.line, code, kind: *kind });
    }
    insert_created(write, plan, &created, handled).await?;
    report.diffs.extend(created.iter().map(|created| created_diff(plan, created)));
    Ok(())
}

/// Deletes a live row the file no longer has.
async fn delete_gone(
    write: &Write<'_>,
    plan: &Plan<'_>,
    row: &risk::Model,
    report: &mut ImportReport,
) -> Result<(), WriteError> {
    write::delete_row(write, plan.register, row.id, row.version).await?;
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
        bagian: plan.name(row.bagian_id),
        moved_from: None,
        cells,
    });
    Ok(())
}

/// The live rows that change place, (id, version): they step aside first,
/// as places are unique.
fn moving(plan: &Plan<'_>) -> Vec<(i32, i32)> {
    plan.incoming
        .iter()
        .zip(&plan.matches.of_incoming)
        .filter_map(|(row, (found, _))| {
            let stored = &plan.stored_rows[(*found)?];
            let live_elsewhere = stored.deleted_at.is_none()
                && (stored.bagian_id, stored.position) != plan.place(row);
            live_elsewhere.then_some((stored.id, stored.version))
        })
        .collect()
}

/// Updates a stored row to its row of the file, counting and describing
/// the change; the row's code.
async fn update_matched(
    write: &Write<'_>,
    plan: &Plan<'_>,
    (stored, row, parsed): (&risk::Model, &Incoming<'_>, &ParsedRow),
    report: &mut ImportReport,
) -> Result<String, WriteError> {
    let (bagian_id, position) = plan.place(row);
    let change = row_change(stored, row, bagian_id, position, plan.names);
    write::update_row(write, plan.register, stored.id, stored.version, &change).await?;
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
    let code = stored.code.clone().unwrap_or_default();
    if change.is_versioned() {
        report.diffs.push(RowDiff {
            kind: if change.restore { DiffKind::Restored } else { DiffKind::Changed },
            risk_id: Some(stored.id),
            code: code.clone(),
            line: Some(parsed.line as u32),
            bagian_id,
            bagian: plan.name(bagian_id),
            moved_from: change.bagian.clone().map(|(old, _)| old),
            cells: change
                .cells
                .into_iter()
                .map(|(field, old, new)| CellDiff { field, old, new })
                .collect(),
        });
    }
    Ok(code)
}

/// Inserts the new rows in batches, telling the progress after each.
async fn insert_created(
    write: &Write<'_>,
    plan: &Plan<'_>,
    created: &[Created<'_>],
    mut handled: usize,
) -> Result<(), WriteError> {
    let new_rows: Vec<NewRow<'_>> = created
        .iter()
        .map(|created| NewRow {
            register_id: plan.register.id,
            bagian_id: created.bagian_id,
            position: created.position,
            code: &created.code,
            cells: &created.row.cells,
        })
        .collect();
    for chunk in new_rows.chunks(PROGRESS_EVERY) {
        // One bump follows every import that changes anything.
        write::insert_rows(write, plan.register, chunk).await?;
        handled += chunk.len();
        (plan.progress)(handled);
    }
    Ok(())
}

/// A new row as the report shows it.
fn created_diff(plan: &Plan<'_>, created: &Created<'_>) -> RowDiff {
    let cells = Field::CELLS
        .into_iter()
        .zip(&created.row.cells)
        .filter(|(_, new)| !new.markup().is_empty())
        .map(|(field, new)| CellDiff { field, old: String::new(), new: new.markup().to_owned() })
        .collect();
    RowDiff {
        kind: DiffKind::New,
        risk_id: None,
        code: created.code.clone(),
        line: Some(created.row.line as u32),
        bagian_id: created.bagian_id,
        bagian: plan.name(created.bagian_id),
        moved_from: None,
        cells,
    }
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
