//! Getting the database ready: migrations, then the Biro's table into an
//! empty database. Retried in the background while the database is down.
use app::entities::register;
use app::import::{ImportReport, SEED_TABLE, import_table, parse_table};
use app::state::AppState;
use chrono::Datelike;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    DatabaseConnection, DbBackend, DbErr, EntityTrait, PaginatorTrait, RuntimeErr, sqlx,
};
use std::sync::Arc;
use std::time::Duration;

/// Key of the PostgreSQL advisory lock taken while an instance prepares the
/// database ("bentur" in ASCII).
const STARTUP_LOCK: i64 = 0x6265_6e74_7572;

/// Runs pending migrations; loads the seed table if no register exists yet.
/// Returns the import's report when it loaded the seed. Instances sharing one
/// PostgreSQL take turns: the first migrates and seeds, the others find it done.
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
            Some(connection)
        }
        _ => None,
    };
    let prepared = migrate_and_seed(db, seed).await;
    // The lock also ends with its connection, should this instance die first.
    if let Some(mut connection) = lock {
        let unlock = sqlx::query("SELECT pg_advisory_unlock($1)").bind(STARTUP_LOCK);
        unlock.execute(&mut *connection).await.map_err(sqlx_error)?;
    }
    prepared
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
    Ok(Some(import_table(db, &table, current_year()).await?))
}

pub fn current_year() -> i32 {
    chrono::Local::now().year()
}

/// Prepares the database in the background, retrying with back-off while it
/// cannot be reached; pages answer 503 until it is ready.
pub fn spawn_preparation(state: AppState, database: String, seed: bool) {
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
                    state.mark_ready();
                    tracing::info!(%database, "database ready");
                    return;
                }
                Err(error) => {
                    tracing::error!(
                        %database,
                        %error,
                        retry_in_seconds = delay.as_secs(),
                        "cannot prepare the database; pages answer 503 until it can be reached"
                    );
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(Duration::from_secs(30));
                }
            }
        }
    });
}

/// The URL with any password hidden, for logs and messages.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((credentials, host)) => {
            let user = credentials.split(':').next().unwrap_or_default();
            if credentials.contains(':') {
                format!("{scheme}://{user}:***@{host}")
            } else {
                url.to_owned()
            }
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_the_log() {
        assert_eq!(redact("postgres://u:secret@db/x"), "postgres://u:***@db/x");
        assert_eq!(redact("postgres://u@db/x"), "postgres://u@db/x");
        assert_eq!(
            redact("sqlite://benturan.sqlite?mode=rwc"),
            "sqlite://benturan.sqlite?mode=rwc"
        );
    }
}
