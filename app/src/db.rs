//! Opening the database: SQLite by default, PostgreSQL by `DATABASE_URL`.
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, RuntimeErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
    sea_query::{Expr, Query, SimpleExpr},
    sqlx,
};
use std::time::Duration;

/// A SQLite file in the working folder, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://benturan.sqlite?mode=rwc";

/// Opens a pool without touching the server yet: a database that is down at
/// start must not stop the app from serving its "unavailable" page.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url);
    options
        .connect_lazy(true)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    if url.starts_with("sqlite:") {
        // Several people edit at once: WAL lets readers run beside the one
        // writer, and writers wait for the lock instead of failing at once.
        options.max_connections(8).min_connections(0).map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    } else {
        options.max_connections(16);
    }
    Database::connect(options).await
}

/// Begins a transaction that writes. On SQLite it takes the write lock up
/// front (`BEGIN IMMEDIATE`), so a second writer waits for the busy timeout
/// instead of failing when it first writes.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Key of the PostgreSQL advisory lock held by a transaction that may create
/// units or registers ("org" in ASCII).
const ORGANISATION_LOCK: i64 = 0x006f_7267;

/// Serialises the transactions that find-or-create units and registers, so
/// writers started together never create a thing twice. SQLite needs nothing:
/// its write transactions already take the lock up front. The unique indexes
/// stay as the last line of defence.
pub async fn lock_organisation(txn: &DatabaseTransaction) -> Result<(), DbErr> {
    if txn.get_database_backend() == DbBackend::Postgres {
        let sql = format!("SELECT pg_advisory_xact_lock({ORGANISATION_LOCK})");
        txn.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// The database's clock, for `created_at`, `updated_at` and the change log:
/// one clock for every instance of the app, whatever their hosts' clocks say.
pub fn now(backend: DbBackend) -> SimpleExpr {
    match backend {
        DbBackend::Postgres => Expr::cust("CURRENT_TIMESTAMP"),
        // RFC 3339 text, as sqlx writes and reads timestamps on SQLite.
        _ => Expr::cust("strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')"),
    }
}

/// The database's clock read once, for a time the app holds before it
/// writes (a record built whole, a session's expiry to weigh).
pub async fn clock(db: &impl ConnectionTrait) -> Result<DateTime<Utc>, DbErr> {
    let select = Query::select().expr_as(now(db.get_database_backend()), "now").to_owned();
    let row = db.query_one(&select).await?;
    row.ok_or_else(|| DbErr::RecordNotFound("the database's clock".to_owned()))?.try_get("", "now")
}

/// Today in the Biro's time zone (Asia/Makassar): what a row's target date
/// is measured against. A date, never stored as a time, so the host's clock
/// serves: hosts agree on the date but for seconds around midnight.
pub fn today() -> NaiveDate {
    crate::rules::assessment::today_in_makassar(Utc::now())
}

/// Whether an error means "the database cannot be used right now, try again
/// shortly" (HTTP 503 with `Retry-After`) rather than a fault in a query:
/// unreachable or restarting servers, a pool with no free connection, a
/// PostgreSQL that became read-only after a failover, SQLite busy past its
/// timeout.
pub fn is_unavailable(error: &DbErr) -> bool {
    let runtime = match error {
        DbErr::ConnectionAcquire(_) => return true,
        DbErr::Conn(runtime) | DbErr::Exec(runtime) | DbErr::Query(runtime) => runtime,
        _ => return false,
    };
    match runtime {
        RuntimeErr::SqlxError(error) => match error.as_ref() {
            // A connection cut mid-conversation reads as garbage or EOF.
            sqlx::Error::Io(_)
            | sqlx::Error::Protocol(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => true,
            sqlx::Error::Database(error) => {
                error.code().is_some_and(|code| is_transient_code(&code))
            }
            _ => false,
        },
        _ => matches!(error, DbErr::Conn(_)),
    }
}

/// SQLSTATEs of PostgreSQL and result codes of SQLite that pass by themselves.
fn is_transient_code(code: &str) -> bool {
    // PostgreSQL: connection exceptions (class 08), shutdown and restart
    // (57P01-57P03), read-only after promotion (25006), too many connections
    // (53300), serialisation failure and deadlock (40001, 40P01).
    if code.starts_with("08")
        || matches!(code, "57P01" | "57P02" | "57P03" | "25006" | "53300" | "40001" | "40P01")
    {
        return true;
    }
    // SQLite result codes are numbers of at most four digits (SQLSTATEs
    // have five): busy (5) or locked (6) past the timeout, a disk that fails
    // (IOERR 10), is full (13) or cannot be opened (14), with their extended
    // codes (the primary code in the low byte).
    code.len() <= 4
        && code.parse::<i32>().is_ok_and(|code| matches!(code & 0xff, 5 | 6 | 10 | 13 | 14))
}

#[cfg(test)]
mod tests {
    use super::is_transient_code;

    #[test]
    fn transient_codes() {
        for code in [
            "57P01", "57P03", "25006", "08006", "53300", "40001", "5", "517", "773", "6", "14",
            "3850",
        ] {
            assert!(is_transient_code(code), "{code}");
        }
        for code in ["23505", "42P01", "22021", "10005", "19", "1", "2067", "1555"] {
            assert!(!is_transient_code(code), "{code}");
        }
    }
}
