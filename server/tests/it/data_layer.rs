//! The data layer against real SQLite and PostgreSQL databases.
use crate::common;
use macro_rules_attribute::apply;

use app::db::begin_write;
use app::entities::{change_log, org_unit, org_unit::UnitKind, risk};
use app::import::{MatchKind, SEED_TABLE, generate::generate_register, parse_table};
use app::register::model::{Field, RegisterKey};
use app::register::write::{Actor, RowChange, WriteError, update_row};
use app::register::{export::write_csv, model::RegisterView, repo::load_register};
use common::{Backend, TestDb, import, seed_table};
use migrations::{Migrator, MigratorTrait, SchemaManager};
use sea_orm::{ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, prelude::*};

const YEAR: i32 = 2026;

async fn import_seed(db: &TestDb) -> app::import::ImportReport {
    import(db, &seed_table(), YEAR).await.expect("seed imports")
}

async fn register(db: &TestDb) -> RegisterView {
    let key = RegisterKey { unit_id: None, year: Some(YEAR) };
    load_register(&db.db, key).await.expect("load").expect("register exists")
}

#[apply(on_both_databases!)]
async fn migrations_go_up_and_down(db: &TestDb) {
    assert_eq!(db.count("conflict_source").await, 6);
    Migrator::down(&db.db, None).await.expect("down");
    let schema = SchemaManager::new(&db.db);
    assert!(!schema.has_table("risk").await.unwrap(), "down() drops the tables");
    Migrator::up(&db.db, None).await.expect("up again");
    assert_eq!(db.count("risk").await, 0);
}

#[apply(on_both_databases!)]
async fn seed_import_builds_the_register(db: &TestDb) {
    let report = import_seed(db).await;
    assert_eq!((report.bagian_created(), report.rows_created), (3, 13));
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

    // Every created row is in the change log, attributed to the import.
    let log = change_log::Entity::find().all(&db.db).await.unwrap();
    // And the layout it made: the Bagian list and each one's rows.
    let (layout, log): (Vec<_>, Vec<_>) = log.into_iter().partition(|e| e.action == "layout");
    assert_eq!(layout.len(), 1 + 3);
    assert_eq!(log.len(), 13);
    assert!(
        log.iter().all(|e| e.source == "import" && e.action == "create" && e.old_value.is_none())
    );
}

#[apply(on_both_databases!)]
async fn importing_twice_changes_nothing(db: &TestDb) {
    import_seed(db).await;
    let again = import_seed(db).await;
    assert_eq!((again.rows_created, again.rows_updated, again.rows_unchanged), (0, 0, 13));
    assert_eq!((again.bagian_created(), again.bagian_existing), (0, 3));
    assert!(!again.register_created);
    assert_eq!(db.count("risk").await, 13);
    assert_eq!(db.count("org_unit").await, 5);
    assert_eq!(db.count("register").await, 1);
    assert_eq!(db.count("change_log").await, 13 + 4);
    // Nothing changed, so the register's version did not move (1 when
    // created, 2 once filled).
    assert_eq!(again.register_version, 2);
    assert_eq!(again.matched(MatchKind::Content), 13);
}

#[apply(on_both_databases!)]
async fn a_changed_cell_is_versioned_and_logged(db: &TestDb) {
    import_seed(db).await;
    let edited =
        SEED_TABLE.replace("Intervensi pihak ketiga", "Intervensi pihak ketiga dan atasan");
    let report = import(db, &parse_table(&edited).unwrap(), YEAR).await.unwrap();
    assert_eq!((report.rows_updated, report.rows_unchanged), (1, 12));
    assert_eq!(report.matched(MatchKind::Similar), 1);
    assert_eq!(report.register_version, 3, "a change bumps the register's version");

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
#[apply(on_both_databases!)]
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
    // A renamed Bagian, an edited cell and a removed row come first in the
    // file; the row that fails comes last.
    let failing = SEED_TABLE
        .replace("Bagian Protokol", "Bagian Baru")
        .replace("Intervensi pihak ketiga", "Intervensi pihak ketiga dan atasan")
        + "\n4\tBagian Lain\tBOOM\tb\tc\td\te";
    let table = parse_table(&failing).unwrap();
    let counts =
        async || (db.count("org_unit").await, db.count("risk").await, db.count("change_log").await);
    let before = counts().await;
    let error = import(db, &table, YEAR).await.unwrap_err();
    assert!(matches!(&error, WriteError::Db(e) if e.to_string().contains("boom")), "{error}");
    assert_eq!(counts().await, before);
    let register = register(db).await;
    assert_eq!(register.sections[1].name, "Bagian Protokol");
    assert_eq!(register.sections[0].rows[0].penyebab.markup(), "Intervensi pihak ketiga");
    assert_eq!(register.version, 2, "as the seed import left it");
}

#[apply(on_both_databases!)]
async fn export_writes_rfc4180_csv(db: &TestDb) {
    import_seed(db).await;
    let mut out = Vec::new();
    let rows = write_csv(&register(db).await, &mut out).unwrap();
    assert_eq!(rows, 13);
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.matches("\r\n").count(), 14);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        header,
        ["kode", "no", "bagian", "aktivitas", "potensi", "penyebab", "dampak", "rencana"]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 13);
    assert_eq!(&records[0][0], "BK-001");
    assert_eq!(&records[12][0], "BK-013");
    assert_eq!(&records[0][1], "1");
    assert_eq!(&records[12][1], "3");
    assert_eq!(&records[12][2], "Bagian Materi & Komunikasi Pimpinan");
    assert_eq!(
        &records[0][7],
        "Penempatan pegawai berdasarkan hasil assessment resmi oleh lembaga berkompeten."
    );
    assert!(!text.contains("<i>"));
}

/// A cell that a spreadsheet would run as a formula is written as text.
#[apply(on_both_databases!)]
async fn export_neutralises_formulas(db: &TestDb) {
    let edited = SEED_TABLE.replace("Intervensi pihak ketiga", "- Menyusun =SUM(A1)");
    import(db, &parse_table(&edited).unwrap(), YEAR).await.unwrap();
    let mut out = Vec::new();
    write_csv(&register(db).await, &mut out).unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(&first[5], "'- Menyusun =SUM(A1)");
}

/// Several writers at once, all holding version 1 of one row: exactly one
/// wins, the others get a conflict, and nothing is lost silently. (Before,
/// every writer "succeeded" and all but the last update were lost.)
#[apply(on_both_databases!)]
async fn of_concurrent_writers_exactly_one_wins(db: &TestDb) {
    import_seed(db).await;
    if db.backend == Backend::Sqlite {
        let pragma =
            |name: &'static str| async move { db.text(&format!("PRAGMA {name}")).await.unwrap() };
        assert_eq!(pragma("journal_mode").await, "wal");
        assert_eq!(pragma("busy_timeout").await, "10000");
        assert_eq!(pragma("foreign_keys").await, "1");
    }
    let row = risk::Entity::find().one(&db.db).await.unwrap().expect("a row");
    assert_eq!(row.version, 1);
    let (register_id, id) = (row.register_id, row.id);
    let writers = (0..8).map(|writer| {
        let conn = db.db.clone();
        let old = row.penyebab.clone();
        tokio::spawn(async move {
            let txn = begin_write(&conn).await?;
            let change = RowChange {
                cells: vec![(Field::Penyebab, old, format!("penulis {writer}"))],
                ..Default::default()
            };
            // Writers hold the register as every write does; the row's
            // version still decides who saved first.
            let register = app::register::write::lock_register(
                &txn,
                register_id,
                app::register::write::Touch::Content,
            )
            .await?;
            let outcome = update_row(
                &app::register::write::Write::new(&txn, &Actor::IMPORT),
                &register,
                id,
                1,
                &change,
            )
            .await;
            match outcome {
                Ok(version) => {
                    txn.commit().await?;
                    Ok(version)
                }
                Err(error) => Err(error),
            }
        })
    });
    let mut won = Vec::new();
    let mut conflicts = 0;
    for writer in writers.collect::<Vec<_>>() {
        match writer.await.unwrap() {
            Ok(version) => won.push(version),
            Err(WriteError::Conflict { row_id, expected: 1, current: Some(2) }) if row_id == id => {
                conflicts += 1
            }
            Err(other) => panic!("unexpected: {other}"),
        }
    }
    assert_eq!((won, conflicts), (vec![2], 7));
    let row = risk::Entity::find_by_id(id).one(&db.db).await.unwrap().expect("row");
    assert_eq!(row.version, 2);
    assert!(row.penyebab.starts_with("penulis "));
    let updates = change_log::Entity::find()
        .filter(change_log::Column::Action.eq("update"))
        .all(&db.db)
        .await
        .unwrap();
    assert_eq!(updates.len(), 1, "only the winner's change is in the history");
    assert_eq!(updates[0].new_value.as_deref(), Some(row.penyebab.as_str()));
}

#[apply(on_both_databases!)]
async fn a_generated_register_has_the_asked_size(db: &TestDb) {
    let report = generate_register(&db.db, 2000, 2099).await.unwrap();
    assert_eq!(report.rows_created, 2000);
    let key = RegisterKey { unit_id: None, year: Some(2099) };
    let register = load_register(&db.db, key).await.unwrap().unwrap();
    assert_eq!(register.row_count(), 2000);
    assert_eq!(register.sections.len(), 80);
    assert_eq!(register.sections[79].ordinal, 80);
}
