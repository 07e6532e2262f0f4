//! New rows, one or thousands: multi-row INSERTs of the rows and of their
//! change log entries, in chunks that keep under both databases' limit of
//! bound parameters (SQLite's 32,766).
use super::*;
use sea_orm::{DbBackend, QueryResult};

/// A row to create.
pub struct NewRow<'a> {
    pub register_id: i32,
    pub bagian_id: i32,
    pub position: i32,
    pub code: &'a str,
    pub cells: &'a [RichText; 5],
}

/// Rows per INSERT: 12 parameters each.
const ROWS_PER_INSERT: usize = 1_000;
/// Rows per INSERT on PostgreSQL, as arrays: memory the only bound.
const PG_ROWS_PER_INSERT: usize = 10_000;
/// Log entries per INSERT: 8 parameters each.
const ENTRIES_PER_INSERT: usize = 2_500;

/// Creates a row (version 1) and logs its creation.
pub async fn insert_row(
    write: &Write<'_>,
    register: &LockedRegister,
    row: NewRow<'_>,
) -> Result<i32, WriteError> {
    let ids = insert_rows(write, register, &[row]).await?;
    ids.first().copied().ok_or(WriteError::NotFound)
}

/// Creates the rows (version 1) of `register` and logs their creation as
/// made by the version the write's bump will make; returns their ids in
/// order. Live rows' places are unique, so the ids the
/// database returns are told apart by place, whatever order it returns
/// them in.
pub async fn insert_rows(
    write: &Write<'_>,
    register: &LockedRegister,
    rows: &[NewRow<'_>],
) -> Result<Vec<i32>, WriteError> {
    let &Write { txn, .. } = write;
    let postgres = txn.get_database_backend() == DbBackend::Postgres;
    let mut ids = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(if postgres { PG_ROWS_PER_INSERT } else { ROWS_PER_INSERT }) {
        let returned = if postgres {
            super::insert_pg::insert_rows(write, chunk).await?
        } else {
            insert_chunk(write, chunk).await?
        };
        ids.extend(ids_by_place(chunk, returned)?);
    }
    // One entry per row, naming its activity: what a row was created as is
    // what it holds until a change, whose entry keeps the value before.
    let activity = |row: &NewRow<'_>| row.cells[0].markup().to_owned();
    if postgres {
        let created = rows.iter().zip(&ids).map(|(row, id)| (row.register_id, *id, activity(row)));
        super::insert_pg::log_created(write, register, created.collect()).await?;
        return Ok(ids);
    }
    let mut entries = rows.iter().zip(&ids).map(|(row, id)| {
        let entry =
            LogEntry::new(Action::Create, Field::CELLS[0].column(), None, Some(activity(row)));
        (Some(*id), entry)
    });
    loop {
        let chunk: Vec<_> = entries.by_ref().take(ENTRIES_PER_INSERT).collect();
        if chunk.is_empty() {
            return Ok(ids);
        }
        log_many(write, register, chunk).await?;
    }
}

/// Inserts `rows` by one multi-row INSERT, returning per row its id,
/// register, Bagian and place.
async fn insert_chunk(
    write: &Write<'_>,
    rows: &[NewRow<'_>],
) -> Result<Vec<QueryResult>, WriteError> {
    let &Write { txn, actor, .. } = write;
    let now = now(txn.get_database_backend());
    let mut insert = Query::insert()
        .into_table(risk::Entity)
        .columns([
            risk::Column::RegisterId,
            risk::Column::BagianId,
            risk::Column::Position,
            risk::Column::Code,
            risk::Column::Aktivitas,
            risk::Column::Potensi,
            risk::Column::Penyebab,
            risk::Column::Dampak,
            risk::Column::Rencana,
            risk::Column::Version,
            risk::Column::CreatedAt,
            risk::Column::UpdatedAt,
            risk::Column::CreatedBy,
            risk::Column::UpdatedBy,
        ])
        .returning(Query::returning().columns([
            risk::Column::Id,
            risk::Column::RegisterId,
            risk::Column::BagianId,
            risk::Column::Position,
        ]))
        .to_owned();
    for row in rows {
        let [aktivitas, potensi, penyebab, dampak, rencana] =
            row.cells.each_ref().map(|cell| cell.markup().to_owned());
        insert.values_panic([
            row.register_id.into(),
            row.bagian_id.into(),
            row.position.into(),
            row.code.into(),
            aktivitas.into(),
            potensi.into(),
            penyebab.into(),
            dampak.into(),
            rencana.into(),
            1.into(),
            now.clone(),
            now.clone(),
            actor.user_id().into(),
            actor.user_id().into(),
        ]);
    }
    Ok(txn.query_all(&insert).await?)
}

/// The ids of `rows` in order, told apart by place among `returned`.
fn ids_by_place(rows: &[NewRow<'_>], returned: Vec<QueryResult>) -> Result<Vec<i32>, WriteError> {
    let mut by_place = std::collections::HashMap::with_capacity(returned.len());
    for created in returned {
        let place: (i32, i32, i32) = (
            created.try_get("", "register_id")?,
            created.try_get("", "bagian_id")?,
            created.try_get("", "position")?,
        );
        by_place.insert(place, created.try_get::<i32>("", "id")?);
    }
    rows.iter()
        .map(|row| {
            by_place
                .get(&(row.register_id, row.bagian_id, row.position))
                .copied()
                .ok_or(WriteError::NotFound)
        })
        .collect()
}
