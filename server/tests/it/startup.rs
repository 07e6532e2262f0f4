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
