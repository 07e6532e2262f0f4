//! What every write stands on: stable row identities across re-imports,
//! the database's own checks, and safety when writers race. Both databases.
use crate::common;
use macro_rules_attribute::apply;

use app::entities::risk;
use app::import::{MatchKind, SEED_TABLE, generate::generated_table, parse_table};
use app::register::write::WriteError;
use common::{TestDb, import, seed_table};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

const YEAR: i32 = 2026;

async fn row_by_code(db: &TestDb, code: &str) -> risk::Model {
    risk::Entity::find()
        .filter(risk::Column::Code.eq(code))
        .one(&db.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("row {code}"))
}

/// A row inserted in the middle of a Bagian takes a new code; its
/// neighbours keep their texts, review notes and history (by position
/// alone, their texts would have shifted into the wrong rows).
#[apply(on_both_databases!)]
async fn an_inserted_row_leaves_its_neighbours_alone(db: &TestDb) {
    import(db, &seed_table(), YEAR).await.unwrap();
    let second = row_by_code(db, "BK-002").await;
    db.exec(&format!(
        "INSERT INTO review_note (risk_id, body, created_at) VALUES ({}, 'Cek data', CURRENT_TIMESTAMP)",
        second.id
    ))
    .await;
    let inserted = SEED_TABLE.replacen(
        "\t\tPerencanaan Kepegawain\t",
        "\t\tMutasi Pegawai\tTitipan mutasi\tKedekatan pribadi\tMutasi tidak objektif\tSOP mutasi\n\t\tPerencanaan Kepegawain\t",
        1,
    );
    let report = import(db, &parse_table(&inserted).unwrap(), YEAR).await.unwrap();
    assert_eq!((report.rows_created, report.rows_updated, report.rows_unchanged), (1, 0, 13));
    assert_eq!(report.matched(MatchKind::Content), 13);
    let new = row_by_code(db, "BK-014").await;
    assert_eq!((new.aktivitas.as_str(), new.position), ("Mutasi Pegawai", 2));
    let second_after = row_by_code(db, "BK-002").await;
    assert_eq!(second_after.aktivitas, second.aktivitas);
    assert_eq!(second_after.position, 3);
    assert_eq!(second_after.version, 1, "moving down a place is not an edit");
    let note_row = db.text("SELECT risk_id FROM review_note").await.unwrap();
    assert_eq!(note_row, second.id.to_string(), "the note stays with its row");
    let history = db
        .text(&format!(
            "SELECT COUNT(*) FROM change_log WHERE risk_id = {} AND action <> 'create'",
            second.id
        ))
        .await;
    assert_eq!(history.as_deref(), Some("0"));
}

/// A removed row is deleted softly and logged; importing it again restores
/// the same row (same id, code and history).
#[apply(on_both_databases!)]
async fn removed_rows_are_restorable(db: &TestDb) {
    import(db, &seed_table(), YEAR).await.unwrap();
    let removed: Vec<&str> =
        SEED_TABLE.lines().filter(|line| !line.contains("\t\tPerencanaan Kepegawain\t")).collect();
    let renamed = removed.join("\n").replace("Bagian Protokol", "Bagian Keprotokolan");
    let report = import(db, &parse_table(&renamed).unwrap(), YEAR).await.unwrap();
    assert_eq!(report.rows_deleted, [("BK-002".to_owned(), "Perencanaan Kepegawain".to_owned())]);
    assert_eq!(
        report.bagian_renamed,
        [("Bagian Protokol".to_owned(), "Bagian Keprotokolan".to_owned())]
    );
    assert_eq!((report.bagian_created(), report.bagian_existing), (0, 3));
    assert_eq!(db.text("SELECT COUNT(*) FROM risk WHERE deleted_at IS NULL").await.unwrap(), "12");
    assert_eq!(db.count("risk").await, 13, "deleted softly");
    let deleted = row_by_code(db, "BK-002").await;
    assert!(deleted.deleted_at.is_some());
    assert_eq!(
        db.text(&format!(
            "SELECT action FROM change_log WHERE risk_id = {} ORDER BY id DESC",
            deleted.id
        ))
        .await
        .as_deref(),
        Some("delete")
    );
    let names = db.text("SELECT COUNT(*) FROM org_unit WHERE name = 'Bagian Protokol'").await;
    assert_eq!(names.as_deref(), Some("0"), "the Bagian was renamed, not duplicated");

    let back = import(db, &seed_table(), YEAR).await.unwrap();
    assert_eq!((back.rows_restored, back.rows_created), (1, 0));
    let restored = row_by_code(db, "BK-002").await;
    assert_eq!(restored.id, deleted.id);
    assert!(restored.deleted_at.is_none());
    assert_eq!(restored.position, 2);
    assert_eq!(db.text("SELECT COUNT(*) FROM risk WHERE deleted_at IS NULL").await.unwrap(), "13");
}

/// Every change to a register's rows bumps its version in the same
/// transaction; a no-op import does not; timestamps come from the database.
#[apply(on_both_databases!)]
async fn the_register_version_counts_changes(db: &TestDb) {
    let first = import(db, &seed_table(), YEAR).await.unwrap();
    assert_eq!(first.register_version, 2, "created at 1, filled: 2");
    let same = import(db, &seed_table(), YEAR).await.unwrap();
    assert_eq!(same.register_version, 2);
    let edited = SEED_TABLE.replace("Intervensi pihak ketiga", "Intervensi atasan");
    let changed = import(db, &parse_table(&edited).unwrap(), YEAR).await.unwrap();
    assert_eq!(changed.register_version, 3);
    assert_eq!(db.text("SELECT version FROM register").await.unwrap(), "3");
    // The change log's clock and the rows' clock are the database's: every
    // entry of that import has the row's updated_at... on the same clock.
    let row = row_by_code(db, "BK-001").await;
    let logged = db
        .text(&format!(
            "SELECT COUNT(*) FROM change_log WHERE risk_id = {} AND changed_at >= {}",
            row.id,
            match db.backend {
                common::Backend::Sqlite =>
                    "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '-1 minute')",
                common::Backend::Postgres => "CURRENT_TIMESTAMP - INTERVAL '1 minute'",
            }
        ))
        .await;
    assert_eq!(logged.as_deref(), Some("2"), "the row created and 1 update, both just now");
}

/// A register that is set is refused by the write path itself.
#[apply(on_both_databases!)]
async fn a_final_register_is_read_only(db: &TestDb) {
    import(db, &seed_table(), YEAR).await.unwrap();
    db.exec("UPDATE register SET status = 'ditetapkan'").await;
    let edited = SEED_TABLE.replace("Intervensi pihak ketiga", "Diubah");
    let error = import(db, &parse_table(&edited).unwrap(), YEAR).await.unwrap_err();
    assert!(matches!(error, WriteError::Final { year: YEAR }), "{error}");
    let dry = app::import::import_table(
        &db.db,
        &parse_table(&edited).unwrap(),
        app::import::ImportOptions { year: YEAR, dry_run: true },
    )
    .await;
    assert!(matches!(dry, Err(WriteError::Final { .. })), "a dry run says so too");
}

/// The database itself refuses values outside their lists and ranges, and
/// second units or registers where the model has one.
#[apply(on_both_databases!)]
async fn the_database_checks_values_and_keys(db: &TestDb) {
    import(db, &seed_table(), YEAR).await.unwrap();
    let refused = [
        "UPDATE register SET status = 'final'",
        "UPDATE register SET version = 0",
        "UPDATE org_unit SET kind = 'seksi'",
        "UPDATE risk SET inherent_likelihood = 6",
        "UPDATE risk SET residual_impact = 0",
        "UPDATE risk SET rtp_target_quarter = 5",
        "UPDATE risk SET conflict_nature = 'kadang'",
        "UPDATE risk SET rtp_status = 'beres'",
        "UPDATE risk SET code = NULL",
        "UPDATE change_log SET action = 'erase'",
        "INSERT INTO org_unit (parent_id, kind, name, position, created_at) \
         SELECT parent_id, kind, name, 9, created_at FROM org_unit WHERE kind = 'bagian' LIMIT 1",
        // Two top-level units of one name: NULL parents compare equal here.
        "INSERT INTO org_unit (parent_id, kind, name, position, created_at) \
         SELECT NULL, kind, name, 9, created_at FROM org_unit WHERE kind = 'instansi'",
        "INSERT INTO register (unit_id, year, title, status, version, created_at, updated_at) \
         SELECT unit_id, year, title, status, 1, created_at, updated_at FROM register",
        "UPDATE risk SET code = 'BK-001' WHERE code = 'BK-002'",
    ];
    for sql in refused {
        assert!(db.db.execute_unprepared(sql).await.is_err(), "{:?} accepted: {sql}", db.backend);
    }
    let big = "x".repeat(20_001);
    let oversized = format!("UPDATE risk SET aktivitas = '{big}' WHERE code = 'BK-001'");
    assert!(
        db.db.execute_unprepared(&oversized).await.is_err(),
        "the byte cap holds in the database"
    );
    for sql in [
        "UPDATE risk SET inherent_likelihood = 5, rtp_status = 'selesai'",
        "UPDATE register SET status = 'direviu'",
    ] {
        db.exec(sql).await;
    }
}

/// Deleting a register keeps its change log: the history is evidence.
#[apply(on_both_databases!)]
async fn deleting_a_register_keeps_its_history(db: &TestDb) {
    import(db, &seed_table(), YEAR).await.unwrap();
    let log = db.count("change_log").await;
    db.exec("DELETE FROM register").await;
    assert_eq!(db.count("risk").await, 0);
    assert_eq!(db.count("change_log").await, log);
}

/// Eight imports started at once, four of each of two tables: one register
/// per table, every unit once, every row once.
#[apply(on_both_databases!)]
async fn racing_imports_create_everything_once(db: &TestDb) {
    let seed = seed_table();
    let generated = generated_table(500);
    let imports = (0..8).map(|index| {
        let db = db.db.clone();
        let (table, year) =
            if index % 2 == 0 { (seed.clone(), 2026) } else { (generated.clone(), 2027) };
        tokio::spawn(async move {
            let options = app::import::ImportOptions { year, dry_run: false };
            app::import::import_table(&db, &table, options).await.map(|report| report.rows_created)
        })
    });
    let mut created = 0;
    for outcome in imports.collect::<Vec<_>>() {
        created += outcome.await.unwrap().expect("every import succeeds");
    }
    assert_eq!(created, 513, "each row created by exactly one import");
    assert_eq!(db.count("register").await, 2);
    // Instansi and Biro once, the seed's 3 Bagian and the 20 generated ones.
    assert_eq!(db.count("org_unit").await, 2 + 3 + 20);
    assert_eq!(db.count("risk").await, 513);
}
/// A migration that fails half-way leaves nothing of itself behind, on
/// SQLite as on PostgreSQL.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_migration_leaves_no_half_schema() {
    use migrations::{Migrator, MigratorTrait, SchemaManager};
    for backend in [common::Backend::Sqlite, common::Backend::Postgres] {
        let db = TestDb::empty(backend).await;
        // The third migration creates rtp_realisation, then review_note,
        // which is already there: it fails after its first table.
        db.exec("CREATE TABLE review_note (id INTEGER PRIMARY KEY)").await;
        let error = Migrator::up(&db.db, None).await.unwrap_err();
        assert!(error.to_string().contains("review_note"), "{error}");
        let schema = SchemaManager::new(&db.db);
        assert!(
            schema.has_table("register").await.unwrap(),
            "{backend:?}: earlier migrations stay"
        );
        assert!(
            !schema.has_table("rtp_realisation").await.unwrap(),
            "{backend:?}: the failed migration's first table is gone"
        );
        assert_eq!(db.count("seaql_migrations").await, 2, "{backend:?}");
        let _ = db.db.execute_unprepared("SELECT 1").await;
    }
}
