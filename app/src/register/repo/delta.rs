//! What changed in a register since a version the page holds.
use super::{RowRecord, Rows, open_note_counts, realisations, shown_rows};
use crate::db::today;
use crate::entities::{change_log, register, risk};
use crate::register::history::Action;
use crate::register::model::{RegisterDelta, RiskRowView};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect, prelude::*};

/// Changes this many rows or more: the page reads the whole register.
const MOST_ROWS_CHANGED: usize = 500;

/// What changed in register `id` since version `since`: its version now and
/// the rows changed since, as the table shows them; `rows` is `None` when
/// the table's shape changed (rows added, deleted, restored or moved, a
/// Bagian changed), or very many rows did: the page reads the whole
/// register then. `None` if there is no such register.
pub async fn changes_since(
    db: &impl ConnectionTrait,
    id: i32,
    since: i32,
) -> Result<Option<RegisterDelta>, DbErr> {
    let Some((version, year, carried)) = register::Entity::find_by_id(id)
        .select_only()
        .columns([register::Column::Version, register::Column::Year, register::Column::CarriedFrom])
        .into_tuple::<(i32, i32, Option<i32>)>()
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if since >= version {
        return Ok(Some(RegisterDelta { version, rows: Some(Vec::new()) }));
    }
    let entries: Vec<(Option<i32>, String)> = change_log::Entity::find()
        .select_only()
        .columns([change_log::Column::RiskId, change_log::Column::Action])
        .filter(change_log::Column::RegisterId.eq(id))
        .filter(change_log::Column::RegisterVersion.gt(since))
        .into_tuple()
        .all(db)
        .await?;
    let reshaped = entries.iter().any(|(row, action)| {
        row.is_none()
            || matches!(
                Action::from_code(action),
                None | Some(Action::Create | Action::Delete | Action::Restore | Action::Move)
            )
    });
    let mut ids: Vec<i32> = entries.iter().filter_map(|(row, _)| *row).collect();
    ids.sort_unstable();
    ids.dedup();
    if reshaped || ids.len() >= MOST_ROWS_CHANGED {
        return Ok(Some(RegisterDelta { version, rows: None }));
    }
    let mut rows: Vec<RiskRowView> = if ids.is_empty() {
        Vec::new()
    } else {
        shown_rows(id)
            .filter(risk::Column::Id.is_in(ids.iter().copied()))
            .into_model::<RowRecord>()
            .all(db)
            .await?
            .into_iter()
            .map(|row| row.view(today()))
            .collect()
    };
    if rows.len() != ids.len() {
        // A row gone meanwhile (a later change than the version read).
        return Ok(Some(RegisterDelta { version, rows: None }));
    }
    let notes = open_note_counts(db, id, Rows::Only(&ids)).await?;
    let mut realised = realisations(db, id, year, Rows::Only(&ids)).await?;
    for row in &mut rows {
        row.notes = notes.get(&row.id).copied().unwrap_or(0);
        if let Some(realisation) = realised.remove(&row.id) {
            row.assessment.realisation = realisation;
        }
    }
    if carried.is_some() {
        super::mark_origins(db, id, rows.iter_mut(), Some(&ids)).await?;
    }
    Ok(Some(RegisterDelta { version, rows: Some(rows) }))
}
