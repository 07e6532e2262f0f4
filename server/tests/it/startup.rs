//! Start-up of several server instances against one database.
use crate::common;

use common::{Backend, TestDb};
use migrations::{Migrator, MigratorTrait};

/// Instances sharing one PostgreSQL start at the same moment on an empty
/// database: one migrates and seeds, the others find it done.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn instances_starting_together_seed_once() {
    let db = TestDb::new(Backend::Postgres).await;
    let fresh = sea_orm::Database::connect(&db.url).await.unwrap();
    Migrator::reset(&fresh).await.unwrap();
    let starts = (0..4).map(|_| {
        let conn = fresh.clone();
        tokio::spawn(async move { benturan::startup::prepare(&conn, true).await })
    });
    let mut seeded = 0;
    for start in starts.collect::<Vec<_>>() {
        seeded += start.await.unwrap().expect("every instance starts").is_some() as usize;
    }
    assert_eq!(seeded, 1);
    assert_eq!((db.count("org_unit").await, db.count("risk").await), (5, 13));
    fresh.close().await.unwrap();
}

/// A server and commands (`benturan user add`) starting together on one new
/// SQLite file, each with its own connections as separate processes have:
/// one migrates, the others wait for it and find the migrations done.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn processes_starting_together_on_one_sqlite_file_migrate_once() {
    let db = TestDb::empty(Backend::Sqlite).await;
    let starts = (0..4).map(|_| {
        let url = db.url.clone();
        tokio::spawn(async move {
            let conn = app::db::connect(&url).await.unwrap();
            let prepared = benturan::startup::prepare(&conn, false).await;
            conn.close().await.ok();
            prepared
        })
    });
    for start in starts.collect::<Vec<_>>() {
        start.await.unwrap().expect("every process starts");
    }
    let applied = db.count("seaql_migrations").await;
    assert_eq!(applied, Migrator::migrations().len() as i64);
}
