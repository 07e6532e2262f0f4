//! `benturan backup FILE` and `benturan restore FILE`: every table of the
//! app as JSON lines, read in one snapshot while the server keeps writing
//! (PostgreSQL: a repeatable-read, read-only transaction; SQLite: a read
//! transaction of its write-ahead log), restored into either database in
//! one transaction. The same file moves a SQLite database to PostgreSQL.
//!
//! The file: a first line naming the format and the schema (the last
//! migration), then one line per row, `{"t": table, "r": row}`, tables in
//! the order their foreign keys need.
use app::entities::*;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, EntityTrait,
    IntoActiveModel, IsolationLevel, Iterable, PaginatorTrait, PrimaryKeyToColumn, QueryOrder,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};

mod file;
pub use file::{backup_file, restore_file};

const FORMAT: &str = "benturan-backup";
const VERSION: u32 = 1;
/// Rows read at a time, and inserted at a time (under SQLite's 32,766
/// bound parameters for the widest table).
const PAGE: u64 = 2_000;
const INSERT: usize = 400;

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    /// The last migration of the schema the rows are of.
    schema: String,
    created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Serialize, Deserialize)]
struct Line {
    t: String,
    r: serde_json::Value,
}

/// Each table's entity, parents before children.
macro_rules! tables {
    ($m:ident, $($args:tt)*) => {
        $m!($($args)*; org_unit, app_user, user_bagian, user_session, auth_event,
            conflict_source, risk_matrix, register, register_section, risk,
            rtp_realisation, review_note, change_log, register_step, reminder_sent)
    };
}

/// What a backup or a restore did: rows per table, in order.
pub type Counts = Vec<(&'static str, u64)>;

fn latest_migration() -> String {
    Migrator::migrations().last().map(|m| m.name().to_owned()).unwrap_or_default()
}

/// Writes every table of `db` to `out`, from one snapshot.
pub async fn backup(db: &DatabaseConnection, out: &mut impl Write) -> Result<Counts, String> {
    let error = |e: sea_orm::DbErr| e.to_string();
    let txn = match db.get_database_backend() {
        DbBackend::Postgres => db
            .begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly))
            .await
            .map_err(error)?,
        _ => db.begin().await.map_err(error)?,
    };
    let header = Header {
        format: FORMAT.into(),
        version: VERSION,
        schema: latest_migration(),
        created_at: chrono::Utc::now(),
    };
    writeln!(out, "{}", serde_json::to_string(&header).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let mut counts = Counts::new();
    macro_rules! dump {
        ($txn:expr, $out:expr, $counts:expr; $($table:ident),*) => {$(
            $counts.push((stringify!($table), dump_table::<$table::Entity>($txn, $out, stringify!($table)).await?));
        )*};
    }
    tables!(dump, &txn, out, &mut counts);
    txn.commit().await.map_err(error)?;
    out.flush().map_err(|e| e.to_string())?;
    Ok(counts)
}

async fn dump_table<E>(
    txn: &DatabaseTransaction,
    out: &mut impl Write,
    name: &str,
) -> Result<u64, String>
where
    E: EntityTrait,
    E::Model: Serialize + Sync,
{
    let mut query = E::find();
    for key in E::PrimaryKey::iter() {
        query = query.order_by_asc(key.into_column());
    }
    let mut pages = query.paginate(txn, PAGE);
    let mut rows = 0;
    while let Some(page) = pages.fetch_and_next().await.map_err(|e| e.to_string())? {
        for model in page {
            let line = Line {
                t: name.to_owned(),
                r: serde_json::to_value(&model).map_err(|e| e.to_string())?,
            };
            writeln!(out, "{}", serde_json::to_string(&line).map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
            rows += 1;
        }
    }
    Ok(rows)
}

/// Restores the backup `input` into `db` (migrated to the same schema), in
/// one transaction. A database that holds data is refused unless `replace`:
/// then its rows go first.
pub async fn restore(
    db: &DatabaseConnection,
    input: impl BufRead,
    replace: bool,
) -> Result<Counts, String> {
    let mut lines = input.lines();
    let first = lines.next().ok_or("the file is empty")?.map_err(|e| e.to_string())?;
    let header: Header =
        serde_json::from_str(&first).map_err(|_| "not a Benturan backup".to_owned())?;
    if header.format != FORMAT || header.version != VERSION {
        return Err(format!("not a Benturan backup of format {VERSION}"));
    }
    if header.schema != latest_migration() {
        return Err(format!(
            "the backup is of schema {}, this program's is {}: restore it with the version that made it",
            header.schema,
            latest_migration()
        ));
    }
    let txn = db.begin().await.map_err(|e| e.to_string())?;
    let held = held_rows(&txn).await?;
    if held > 0 && !replace {
        return Err(format!(
            "the database holds data ({held} rows): restore into an empty one, or replace it with --replace"
        ));
    }
    // The migrations' own rows (the matrix, the conflict sources) give way
    // to the backup's, as everything does when replacing.
    clear(&txn).await?;
    let mut batch: Vec<serde_json::Value> = Vec::new();
    let mut current = String::new();
    let mut counts = Counts::new();
    for line in lines {
        let line = line.map_err(|e| e.to_string())?;
        if line.trim().is_empty() {
            continue;
        }
        let Line { t, r } =
            serde_json::from_str(&line).map_err(|e| format!("a broken line: {e}"))?;
        if t != current || batch.len() >= INSERT {
            insert(&txn, &current, std::mem::take(&mut batch), &mut counts).await?;
            current = t;
        }
        batch.push(r);
    }
    insert(&txn, &current, batch, &mut counts).await?;
    reset_sequences(&txn).await?;
    txn.commit().await.map_err(|e| e.to_string())?;
    Ok(counts)
}

/// Rows of the app's tables in the database now, beyond those the
/// migrations put in a new database (the risk matrix, the conflict sources).
async fn held_rows(txn: &DatabaseTransaction) -> Result<u64, String> {
    let mut held = 0;
    macro_rules! count {
        ($txn:expr, $held:expr; $($table:ident),*) => {$(
            if !matches!(stringify!($table), "risk_matrix" | "conflict_source") {
                $held += $table::Entity::find().count($txn).await.map_err(|e| e.to_string())?;
            }
        )*};
    }
    tables!(count, txn, held);
    Ok(held)
}

/// Deletes every row, children first.
async fn clear(txn: &DatabaseTransaction) -> Result<(), String> {
    macro_rules! names {
        (; $($table:ident),*) => { vec![$(stringify!($table)),*] };
    }
    let order: Vec<&str> = tables!(names,);
    for table in order.into_iter().rev() {
        // Units hold units: the leaves go first, level by level.
        let sql = match table {
            "org_unit" => "DELETE FROM org_unit WHERE id NOT IN \
                 (SELECT parent_id FROM org_unit WHERE parent_id IS NOT NULL)"
                .to_owned(),
            _ => format!("DELETE FROM {table}"),
        };
        loop {
            let deleted = txn.execute_unprepared(&sql).await;
            let deleted = deleted.map_err(|e| format!("emptying {table}: {e}"))?;
            if deleted.rows_affected() == 0 || table != "org_unit" {
                break;
            }
        }
    }
    Ok(())
}

async fn insert(
    txn: &DatabaseTransaction,
    table: &str,
    rows: Vec<serde_json::Value>,
    counts: &mut Counts,
) -> Result<(), String> {
    if rows.is_empty() {
        return Ok(());
    }
    macro_rules! into {
        ($txn:expr, $name:expr, $rows:expr, $counts:expr; $($table:ident),*) => {
            match $name {
                $(stringify!($table) => {
                    let n = insert_rows::<$table::Entity>($txn, $rows).await?;
                    tally($counts, stringify!($table), n);
                })*
                other => return Err(format!("an unknown table {other:?}")),
            }
        };
    }
    tables!(into, txn, table, rows, counts);
    Ok(())
}

fn tally(counts: &mut Counts, table: &'static str, rows: u64) {
    match counts.last_mut() {
        Some((last, n)) if *last == table => *n += rows,
        _ => counts.push((table, rows)),
    }
}

async fn insert_rows<E>(
    txn: &DatabaseTransaction,
    rows: Vec<serde_json::Value>,
) -> Result<u64, String>
where
    E: EntityTrait,
    E::Model: serde::de::DeserializeOwned + sea_orm::IntoActiveModel<E::ActiveModel>,
{
    let n = rows.len() as u64;
    let models = rows
        .into_iter()
        .map(|row| serde_json::from_value::<E::Model>(row).map(|m| m.into_active_model()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("a row that does not fit its table: {e}"))?;
    let inserted = E::insert_many(models).exec_without_returning(txn).await;
    inserted.map_err(|e| format!("restoring {}: {e}", E::default().table_name()))?;
    Ok(n)
}

/// PostgreSQL's id sequences continue after the ids restored.
async fn reset_sequences(txn: &DatabaseTransaction) -> Result<(), String> {
    if txn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    for table in [
        "org_unit",
        "app_user",
        "auth_event",
        "conflict_source",
        "register",
        "risk",
        "rtp_realisation",
        "review_note",
        "change_log",
        "register_step",
    ] {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}"
        );
        txn.execute_unprepared(&sql).await.map_err(|e| e.to_string())?;
    }
    Ok(())
}
