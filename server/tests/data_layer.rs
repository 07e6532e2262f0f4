//! The data layer against real SQLite and PostgreSQL databases.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use app::db::begin_write;
use app::entities::{change_log, org_unit, org_unit::UnitKind, risk};
use app::import::{SEED_TABLE, generate::generate_register, import_table, parse_table};
use app::register::{export::write_csv, model::RegisterView, repo::load_register};
use common::{Backend, TestDb};
use migrations::{Migrator, MigratorTrait, SchemaManager};
use sea_orm::{ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, prelude::*};

const YEAR: i32 = 2026;

async fn import_seed(db: &TestDb) -> app::import::ImportReport {
    let table = parse_table(SEED_TABLE).expect("seed parses");
    import_table(&db.db, &table, YEAR).await.expect("seed imports")
}

async fn register(db: &TestDb) -> RegisterView {
    load_register(&db.db, Some(YEAR)).await.expect("load").expect("register exists")
}

async fn migrations_go_up_and_down(db: &TestDb) {
    assert_eq!(db.count("conflict_source").await, 6);
    Migrator::down(&db.db, None).await.expect("down");
    let schema = SchemaManager::new(&db.db);
    assert!(!schema.has_table("risk").await.unwrap(), "down() drops the tables");
    Migrator::up(&db.db, None).await.expect("up again");
    assert_eq!(db.count("risk").await, 0);
}

async fn seed_import_builds_the_register(db: &TestDb) {
    let report = import_seed(db).await;
    assert_eq!((report.bagian_created, report.rows_created), (3, 13));
    assert!(report.register_created);

    let register = register(db).await;
    assert_eq!(register.title, "Tabel Pemetaan Potensi Benturan Kepentingan");
    assert_eq!(register.unit_line(), "Biro Administrasi Pimpinan Setda Provinsi Kalimantan Timur");
    let shape: Vec<_> =
        register.sections.iter().map(|s| (s.ordinal, s.name.as_str(), s.rows.len())).collect();
    assert_eq!(
        shape,
        [
            (1, "Bagian Perencanaan & Kepegawain", 4),
            (2, "Bagian Protokol", 4),
            (3, "Bagian Materi & Komunikasi Pimpinan", 5)
        ]
    );
    let third = &register.sections[0].rows[2];
    assert_eq!(
        third.penyebab.markup(),
        "Pengumpulan data antar-Biro masih dilakukan secara manual"
    );
    assert_eq!(third.dampak.markup(), "Layanan kepegawain internal menjadi terhambat");
    assert_eq!(
        register.sections[2].rows[1].rencana.markup(),
        "Menyusun SOP Pelaksanaan Acara yang mengatur batas waktu pasokan data dari OPD."
    );
    assert!(register.sections[0].rows[0].rencana.markup().contains("<i>assessment</i>"));

    // The organisation tree: instansi → biro → bagian.
    let units =
        org_unit::Entity::find().order_by_asc(org_unit::Column::Id).all(&db.db).await.unwrap();
    let kinds: Vec<_> = units.iter().map(|u| u.kind).collect();
    assert_eq!(
        kinds,
        [UnitKind::Instansi, UnitKind::Biro, UnitKind::Bagian, UnitKind::Bagian, UnitKind::Bagian]
    );
    assert_eq!(units[1].parent_id, Some(units[0].id));
    assert!(units[2..].iter().all(|u| u.parent_id == Some(units[1].id)));

    // Every created cell is in the change log, attributed to the import.
    let log = change_log::Entity::find().all(&db.db).await.unwrap();
    assert_eq!(log.len(), 13 * 5);
    assert!(
        log.iter().all(|e| e.source == "import" && e.action == "create" && e.old_value.is_none())
    );
}

async fn importing_twice_changes_nothing(db: &TestDb) {
    import_seed(db).await;
    let again = import_seed(db).await;
    assert_eq!((again.rows_created, again.rows_updated, again.rows_unchanged), (0, 0, 13));
    assert_eq!((again.bagian_created, again.bagian_existing), (0, 3));
    assert!(!again.register_created);
    assert_eq!(db.count("risk").await, 13);
    assert_eq!(db.count("org_unit").await, 5);
    assert_eq!(db.count("register").await, 1);
    assert_eq!(db.count("change_log").await, 65);
}

async fn a_changed_cell_is_versioned_and_logged(db: &TestDb) {
    import_seed(db).await;
    let edited =
        SEED_TABLE.replace("Intervensi pihak ketiga", "Intervensi pihak ketiga dan atasan");
    let report = import_table(&db.db, &parse_table(&edited).unwrap(), YEAR).await.unwrap();
    assert_eq!((report.rows_updated, report.rows_unchanged), (1, 12));

    let row = risk::Entity::find()
        .filter(risk::Column::Penyebab.eq("Intervensi pihak ketiga dan atasan"))
        .one(&db.db)
        .await
        .unwrap()
        .expect("updated row");
    assert_eq!(row.version, 2);
    let entry = change_log::Entity::find()
        .filter(change_log::Column::Action.eq("update"))
        .one(&db.db)
        .await
        .unwrap()
        .expect("logged change");
    assert_eq!(entry.risk_id, Some(row.id));
    assert_eq!(entry.field, "penyebab");
    assert_eq!(entry.old_value.as_deref(), Some("Intervensi pihak ketiga"));
    assert_eq!(entry.new_value.as_deref(), Some("Intervensi pihak ketiga dan atasan"));
}

/// A failure half-way through leaves the database exactly as it was.
async fn a_failed_import_changes_nothing(db: &TestDb) {
    import_seed(db).await;
    let trigger = match db.backend {
        Backend::Sqlite => vec![
            "CREATE TRIGGER boom BEFORE INSERT ON risk WHEN NEW.aktivitas = 'BOOM' \
             BEGIN SELECT RAISE(ABORT, 'boom'); END"
                .to_owned(),
        ],
        Backend::Postgres => vec![
            "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN \
             IF NEW.aktivitas = 'BOOM' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END \
             $$ LANGUAGE plpgsql"
                .to_owned(),
            "CREATE TRIGGER boom BEFORE INSERT ON risk FOR EACH ROW EXECUTE FUNCTION boom()"
                .to_owned(),
        ],
    };
    for sql in trigger {
        db.db.execute_unprepared(&sql).await.expect("create trigger");
    }
    let failing =
        SEED_TABLE.replace("Bagian Protokol", "Bagian Baru") + "\n4\tBagian Lain\tBOOM\tb\tc\td\te";
    let table = parse_table(&failing).unwrap();
    let before = (db.count("org_unit").await, db.count("risk").await, db.count("change_log").await);
    assert!(import_table(&db.db, &table, YEAR).await.is_err());
    let after = (db.count("org_unit").await, db.count("risk").await, db.count("change_log").await);
    assert_eq!(before, after);
    assert_eq!(register(db).await.sections[1].name, "Bagian Protokol");
}

async fn export_writes_rfc4180_csv(db: &TestDb) {
    import_seed(db).await;
    let mut out = Vec::new();
    let rows = write_csv(&register(db).await, &mut out).unwrap();
    assert_eq!(rows, 13);
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.matches("\r\n").count(), 14);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, ["no", "bagian", "aktivitas", "potensi", "penyebab", "dampak", "rencana"]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 13);
    assert_eq!(&records[0][0], "1");
    assert_eq!(&records[12][0], "3");
    assert_eq!(&records[12][1], "Bagian Materi & Komunikasi Pimpinan");
    assert_eq!(
        &records[0][6],
        "Penempatan pegawai berdasarkan hasil assessment resmi oleh lembaga berkompeten."
    );
    assert!(!text.contains("<i>"));
}

/// Several writers at once all succeed: WAL, busy timeout and `BEGIN
/// IMMEDIATE` on SQLite; a real pool everywhere.
async fn concurrent_writers_all_succeed(db: &TestDb) {
    import_seed(db).await;
    if db.backend == Backend::Sqlite {
        let pragma = |name: &'static str| async move {
            let sql = format!("PRAGMA {name}");
            let row = db
                .db
                .query_one_raw(sea_orm::Statement::from_string(db.db.get_database_backend(), sql));
            let row = row.await.unwrap().unwrap();
            row.try_get_by_index::<String>(0)
                .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                .unwrap()
        };
        assert_eq!(pragma("journal_mode").await, "wal");
        assert_eq!(pragma("busy_timeout").await, "10000");
        assert_eq!(pragma("foreign_keys").await, "1");
    }
    let writers = (0..8).map(|writer| {
        let conn = db.db.clone();
        tokio::spawn(async move {
            let txn = begin_write(&conn).await?;
            let row = risk::Entity::find_by_id(1).one(&txn).await?.expect("row 1");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            let mut active: risk::ActiveModel = row.into();
            active.jabatan = sea_orm::ActiveValue::Set(Some(format!("penulis {writer}")));
            active.version = sea_orm::ActiveValue::Set(writer + 2);
            active.update(&txn).await?;
            txn.commit().await
        })
    });
    for writer in writers.collect::<Vec<_>>() {
        writer.await.unwrap().expect("every writer commits");
    }
    let row = risk::Entity::find_by_id(1).one(&db.db).await.unwrap().expect("row 1");
    assert!(row.jabatan.is_some_and(|j| j.starts_with("penulis ")));
}

async fn a_generated_register_has_the_asked_size(db: &TestDb) {
    let report = generate_register(&db.db, 2000, 2099).await.unwrap();
    assert_eq!(report.rows_created, 2000);
    let register = load_register(&db.db, Some(2099)).await.unwrap().unwrap();
    assert_eq!(register.row_count(), 2000);
    assert_eq!(register.sections.len(), 80);
    assert_eq!(register.sections[79].ordinal, 80);
}

on_both_databases!(
    migrations_go_up_and_down,
    seed_import_builds_the_register,
    importing_twice_changes_nothing,
    a_changed_cell_is_versioned_and_logged,
    a_failed_import_changes_nothing,
    export_writes_rfc4180_csv,
    concurrent_writers_all_succeed,
    a_generated_register_has_the_asked_size,
);
