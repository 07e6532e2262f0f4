//! Getting the database ready: migrations, then (when asked) the Biro's table
//! into an empty database. Retried in the background while the database is
//! down; a permanent failure stops the server.
use app::entities::register;
use app::i18n::{Locale, cli as text};
use app::import::{ImportOptions, ImportReport, SEED_TABLE, import_table, parse_table};
use app::state::AppState;
use chrono::Datelike;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    DatabaseConnection, DbBackend, DbErr, EntityTrait, PaginatorTrait, RuntimeErr, sqlx,
};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::oneshot;

/// Key of the PostgreSQL advisory lock taken while an instance prepares the
/// database ("bentur" in ASCII).
const STARTUP_LOCK: i64 = 0x6265_6e74_7572;

/// Runs pending migrations; with `seed`, loads the Biro's table if no
/// register exists yet (`./x run` asks for it; a production database is
/// never filled unasked). Returns the import's report when it loaded the
/// seed. Instances sharing one PostgreSQL take turns: the first migrates and
/// seeds, the others find it done.
pub async fn prepare(db: &DatabaseConnection, seed: bool) -> Result<Option<ImportReport>, DbErr> {
    let lock = match db.get_database_backend() {
        DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            let mut connection = pool.acquire().await.map_err(sqlx_error)?;
            sqlx::query("SELECT pg_advisory_lock($1)")
                .bind(STARTUP_LOCK)
                .execute(&mut *connection)
                .await
                .map_err(sqlx_error)?;
            Held::Postgres(connection)
        }
        DbBackend::Sqlite => sqlite_lock(db).await?.map_or(Held::Nothing, Held::File),
        _ => Held::Nothing,
    };
    let prepared = migrate_and_seed(db, seed).await;
    // The lock also ends with its connection (or file), should this
    // process die first.
    match lock {
        Held::Postgres(mut connection) => {
            let unlock = sqlx::query("SELECT pg_advisory_unlock($1)").bind(STARTUP_LOCK);
            unlock.execute(&mut *connection).await.map_err(sqlx_error)?;
        }
        Held::File(file) => drop(file),
        Held::Nothing => {}
    }
    prepared
}

/// What keeps other processes from preparing the database meanwhile.
enum Held {
    Postgres(sqlx::pool::PoolConnection<sqlx::Postgres>),
    /// An exclusive lock on a file beside the SQLite database: a server and
    /// a command (`benturan user add`) started together would otherwise
    /// both find a migration pending, and the second fail.
    File(std::fs::File),
    /// An in-memory database: no one else sees it.
    Nothing,
}

/// Locks `<database>.lock` beside the SQLite file, waiting for whoever
/// holds it; `None` for an in-memory database.
async fn sqlite_lock(db: &DatabaseConnection) -> Result<Option<std::fs::File>, DbErr> {
    use sea_orm::ConnectionTrait;
    let file = db
        .query_one_raw(sea_orm::Statement::from_string(
            DbBackend::Sqlite,
            "SELECT file FROM pragma_database_list WHERE name = 'main'",
        ))
        .await?
        .map(|row| row.try_get::<String>("", "file"))
        .transpose()?
        .filter(|file| !file.is_empty());
    let Some(file) = file else { return Ok(None) };
    let locked = tokio::task::spawn_blocking(move || {
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(format!("{file}.lock"))?;
        lock.lock()?;
        Ok::<_, std::io::Error>(lock)
    });
    let lock = locked.await.map_err(|error| DbErr::Custom(error.to_string()))?;
    lock.map(Some).map_err(|error| DbErr::Custom(format!("locking the database file: {error}")))
}

fn sqlx_error(error: sqlx::Error) -> DbErr {
    DbErr::Conn(RuntimeErr::SqlxError(Arc::new(error)))
}

async fn migrate_and_seed(
    db: &DatabaseConnection,
    seed: bool,
) -> Result<Option<ImportReport>, DbErr> {
    Migrator::up(db, None).await?;
    if !seed || register::Entity::find().count(db).await? > 0 {
        return Ok(None);
    }
    let table = parse_table(SEED_TABLE)
        .map_err(|error| DbErr::Custom(format!("embedded seed table: {error:?}")))?;
    let options = ImportOptions { year: current_year(), dry_run: false };
    let report = import_table(db, &table, options).await.map_err(|error| match error {
        app::register::write::WriteError::Db(error) => error,
        other => DbErr::Custom(other.to_string()),
    })?;
    Ok(Some(report))
}

pub fn current_year() -> i32 {
    chrono::Local::now().year()
}

/// Prepares the database in the background, retrying with back-off while it
/// cannot be reached; pages answer 503 until it is ready. A failure that
/// waiting cannot mend (a migration that fails, a schema this version does
/// not know) is sent on the returned channel: the server then stops.
pub fn spawn_preparation(
    state: AppState,
    database: String,
    seed: bool,
    locale: Locale,
) -> oneshot::Receiver<String> {
    let (fatal, failed) = oneshot::channel();
    tokio::spawn(async move {
        let mut delay = Duration::from_secs(1);
        loop {
            match prepare(&state.db, seed).await {
                Ok(report) => {
                    if let Some(report) = report {
                        tracing::info!(
                            rows = report.rows_created,
                            year = report.year,
                            "empty database: loaded the Biro's table"
                        );
                    }
                    // A database with no users gets an admin, its password
                    // shown once, on the terminal that started the server.
                    match app::admin::repo::ensure_admin(&state.db).await {
                        Ok(Some(password)) => {
                            let name = app::admin::repo::FIRST_ADMIN;
                            let first_admin = text::strings(locale).account.first_admin;
                            eprintln!("{}", first_admin(name, &password));
                        }
                        Ok(None) => {}
                        Err(error) => tracing::error!(%error, "cannot make the first admin"),
                    }
                    state.mark_ready();
                    tracing::info!(%database, "database ready");
                    return;
                }
                Err(error) if app::db::is_unavailable(&error) => {
                    tracing::error!(
                        %database,
                        %error,
                        retry_in_seconds = delay.as_secs(),
                        "cannot reach the database; pages answer 503 until it can be reached"
                    );
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(Duration::from_secs(30));
                }
                Err(error) => {
                    let _ = fatal.send(format!("{database}: {error}"));
                    return;
                }
            }
        }
    });
    failed
}

/// The URL with any password hidden, for logs and messages: the userinfo
/// part (a password may hold `@` and `:`) and `password=` query parameters.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (before_query, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    // The host follows the last `@` before the path.
    let path_start = before_query.rfind('@').map_or(0, |at| at + 1);
    let path_start =
        before_query[path_start..].find('/').map_or(before_query.len(), |i| i + path_start);
    let (authority, path) = before_query.split_at(path_start);
    let authority = match authority.rsplit_once('@') {
        Some((credentials, host)) => match credentials.split_once(':') {
            Some((user, _)) => format!("{user}:***@{host}"),
            None => format!("{credentials}@{host}"),
        },
        None => authority.to_owned(),
    };
    let mut redacted = format!("{scheme}://{authority}{path}");
    if let Some(query) = query {
        let parameters: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((key, _)) if is_secret_key(key) => format!("{key}=***"),
                _ => pair.to_owned(),
            })
            .collect();
        redacted.push('?');
        redacted.push_str(&parameters.join("&"));
    }
    redacted
}

fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.contains("password") || key == "pass" || key == "pwd" || key.contains("secret")
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_the_log() {
        assert_eq!(redact("postgres://u:secret@db/x"), "postgres://u:***@db/x");
        assert_eq!(redact("postgres://u:p@ss:w@rd@db:5432/x"), "postgres://u:***@db:5432/x");
        assert_eq!(redact("postgres://u@db/x"), "postgres://u@db/x");
        assert_eq!(
            redact("postgres://db/x?user=u&password=s3cret&sslmode=require"),
            "postgres://db/x?user=u&password=***&sslmode=require"
        );
        assert_eq!(redact("postgres://u:a/b@db/x"), "postgres://u:***@db/x");
        assert_eq!(
            redact("sqlite://benturan.sqlite?mode=rwc"),
            "sqlite://benturan.sqlite?mode=rwc"
        );
    }
}
