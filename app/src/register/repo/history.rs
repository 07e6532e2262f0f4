//! A register's history as the page shows it: review notes, changes to a
//! row, deleted rows.
use crate::entities::{app_user, change_log, org_unit, review_note, risk};
use crate::register::history::{Action, Author, ChangeView, DeletedRow, RowHistory};
use crate::register::model::{Field, RichText};
use crate::register::notes::NoteView;
use sea_orm::{
    ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, prelude::*,
};
use std::collections::HashMap;

/// The review notes of row `row`, oldest first, with their authors' names.
pub async fn row_notes(db: &impl ConnectionTrait, row: i32) -> Result<Vec<NoteView>, DbErr> {
    let notes = review_note::Entity::find()
        .filter(review_note::Column::RiskId.eq(row))
        .order_by_asc(review_note::Column::Id)
        .all(db)
        .await?;
    note_views(db, notes).await
}

/// Review notes as the page shows them, their authors named.
pub(crate) async fn note_views(
    db: &impl ConnectionTrait,
    notes: Vec<review_note::Model>,
) -> Result<Vec<NoteView>, DbErr> {
    let ids: Vec<i32> =
        notes.iter().flat_map(|note| [note.author_id, note.resolved_by]).flatten().collect();
    let names = user_names(db, ids).await?;
    let name = |id: Option<i32>| id.and_then(|id| names.get(&id).cloned());
    Ok(notes
        .into_iter()
        .map(|note| NoteView {
            id: note.id,
            row: note.risk_id,
            author: name(note.author_id),
            body: note.body,
            at: note.created_at,
            resolved: note.resolved_at.map(|at| (at, name(note.resolved_by))),
        })
        .collect())
}

/// The display names of users `ids`.
pub(super) async fn user_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, DbErr> {
    let mut ids: Vec<i32> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let names: Vec<(i32, String)> = app_user::Entity::find()
        .select_only()
        .columns([app_user::Column::Id, app_user::Column::DisplayName])
        .filter(app_user::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(names.into_iter().collect())
}

/// Row `id`'s history, newest first, with its current cells; `None` if
/// there is no such row.
pub async fn row_history(db: &impl ConnectionTrait, id: i32) -> Result<Option<RowHistory>, DbErr> {
    let Some(row) = risk::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let entries = change_log::Entity::find()
        .filter(change_log::Column::RiskId.eq(id))
        .order_by_desc(change_log::Column::Id)
        .all(db)
        .await?;
    let changes = change_views(db, entries).await?;
    Ok(Some(RowHistory {
        id: row.id,
        code: row.code.unwrap_or_default(),
        version: row.version,
        deleted: row.deleted_at.is_some(),
        cells: [row.aktivitas, row.potensi, row.penyebab, row.dampak, row.rencana]
            .map(RichText::new),
        changes,
    }))
}

/// Change log entries as the history shows them, their authors named.
pub(crate) async fn change_views(
    db: &impl ConnectionTrait,
    entries: Vec<change_log::Model>,
) -> Result<Vec<ChangeView>, DbErr> {
    let names = user_names(db, entries.iter().filter_map(|entry| entry.changed_by)).await?;
    entries
        .into_iter()
        .map(|entry| {
            let action = Action::from_code(&entry.action).ok_or_else(|| {
                DbErr::Custom(format!("change {}: unknown action {:?}", entry.id, entry.action))
            })?;
            let author = match (entry.source.as_str(), entry.changed_by) {
                ("import", _) => Author::Import,
                (_, Some(user)) => Author::User {
                    name: names.get(&user).cloned().unwrap_or_else(|| format!("#{user}")),
                    client: entry.client,
                },
                (_, None) => Author::Web { client: entry.client },
            };
            let logged = Field::from_logged(&entry.field);
            Ok(ChangeView {
                id: entry.id,
                at: entry.changed_at,
                action,
                field: logged.map(|(field, _)| field),
                quarter: logged.and_then(|(_, quarter)| quarter),
                column: entry.field,
                old: entry.old_value,
                new: entry.new_value,
                author,
            })
        })
        .collect()
}

/// The deleted rows of register `register_id`, most recently deleted first.
pub async fn deleted_rows(
    db: &impl ConnectionTrait,
    register_id: i32,
) -> Result<Vec<DeletedRow>, DbErr> {
    #[derive(FromQueryResult)]
    struct Record {
        id: i32,
        code: Option<String>,
        version: i32,
        bagian_id: i32,
        bagian_name: String,
        aktivitas: String,
        potensi: String,
        deleted_at: Option<DateTimeUtc>,
    }
    let rows = risk::Entity::find()
        .select_only()
        .columns([
            risk::Column::Id,
            risk::Column::Code,
            risk::Column::Version,
            risk::Column::BagianId,
            risk::Column::Aktivitas,
            risk::Column::Potensi,
            risk::Column::DeletedAt,
        ])
        .column_as(org_unit::Column::Name, "bagian_name")
        .join(JoinType::InnerJoin, risk::Relation::Bagian.def())
        .filter(risk::Column::RegisterId.eq(register_id))
        .filter(risk::Column::DeletedAt.is_not_null())
        .order_by_desc(risk::Column::DeletedAt)
        .order_by_desc(risk::Column::Id)
        .into_model::<Record>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| DeletedRow {
            id: row.id,
            code: row.code.unwrap_or_default(),
            version: row.version,
            bagian_id: row.bagian_id,
            bagian: row.bagian_name,
            aktivitas: RichText::new(row.aktivitas),
            potensi: RichText::new(row.potensi),
            deleted_at: row.deleted_at,
        })
        .collect())
}
