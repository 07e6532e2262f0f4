//! Opening the database: SQLite by default, PostgreSQL by `DATABASE_URL`.
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr, RuntimeErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait, sqlx,
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

/// Whether an error means "the database cannot be reached" (HTTP 503) rather
/// than a fault in a query.
pub fn is_unavailable(error: &DbErr) -> bool {
    let runtime = match error {
        DbErr::ConnectionAcquire(_) => return true,
        DbErr::Conn(runtime) | DbErr::Exec(runtime) | DbErr::Query(runtime) => runtime,
        _ => return false,
    };
    match runtime {
        RuntimeErr::SqlxError(error) => matches!(
            error.as_ref(),
            sqlx::Error::Io(_)
                | sqlx::Error::Tls(_)
                | sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::WorkerCrashed
        ),
        _ => matches!(error, DbErr::Conn(_)),
    }
}
