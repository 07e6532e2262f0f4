//! `benturan backup` and `restore`, on both databases and across them: a
//! backup taken while a colleague keeps saving is one moment's register;
//! restored into a fresh database of either kind, every table is what the
//! source held; a database that holds data is not overwritten unless told.
use crate::common;
use macro_rules_attribute::apply;

use benturan::commands::backup::{backup, restore};
use common::{App, Backend, TestDb};
use reqwest::StatusCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Every table as the backup writes it (the header, which has its time, left out).
async fn tables(db: &TestDb) -> Vec<String> {
    let mut out = Vec::new();
    backup(&db.db, &mut out).await.unwrap();
    String::from_utf8(out).unwrap().lines().skip(1).map(str::to_owned).collect()
}

/// Saves row `row`'s Penyebab through the web, from what `db` holds.
async fn save(app: &App, db: &sea_orm::DatabaseConnection, row: &str, text: &str) -> StatusCode {
    use sea_orm::ConnectionTrait;
    let sql = format!("SELECT penyebab FROM risk WHERE id = {row}");
    let found = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql));
    let old: String = found.await.unwrap().unwrap().try_get("", "penyebab").unwrap();
    let form = [("row", row), ("field", "Penyebab"), ("expected", &old), ("value", text)];
    app.post_form("save_cell", &form).await.0
}

#[apply(on_both_databases!)]
async fn a_backup_under_writes_restores_every_table(db: &TestDb) {
    let admin = App::start(db).await;
    let (row, _) = db.first_row().await;
    // Something in every kind of table: an assessment, a realisation, a note,
    // a step of the cycle, a sign-in (sessions, the audit log).
    assert_eq!(
        admin.save_assessment(&row, "", "InherentLikelihood", "", "4").await.0,
        StatusCode::OK
    );
    assert_eq!(
        admin.save_assessment(&row, "2", "RealisationDone", "", "Rapat").await.0,
        StatusCode::OK
    );
    let note =
        admin.post_form("add_note", &[("row", &row), ("body", "Cek <b>SK</b> مراجعة")]).await;
    assert_eq!(note.0, StatusCode::OK);

    // A colleague saves the row again and again while the backup is taken.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (app, stop, row) = (
            App { base: admin.base.clone(), client: admin.client.clone() },
            stop.clone(),
            row.clone(),
        );
        let url = db.url.clone();
        tokio::spawn(async move {
            let db = app::db::connect(&url).await.unwrap();
            let mut saved = 0;
            while !stop.load(Ordering::Relaxed) {
                if save(&app, &db, &row, &format!("Penyebab ke-{saved}")).await == StatusCode::OK {
                    saved += 1;
                }
            }
            saved
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let mut during = Vec::new();
    for _ in 0..3 {
        during.clear();
        backup(&db.db, &mut during).await.unwrap();
    }
    stop.store(true, Ordering::Relaxed);
    let saved = writer.await.unwrap();
    assert!(saved > 3, "the colleague kept saving ({saved} saves)");

    for backend in [Backend::Sqlite, Backend::Postgres] {
        // The backup under writes is one moment: the row's text is the last
        // change its log holds (rows are read before the log).
        let target = TestDb::new(backend).await;
        restore(&target.db, during.as_slice(), false).await.unwrap();
        let text = target.text(&format!("SELECT penyebab FROM risk WHERE id = {row}")).await;
        let logged = target
            .text(&format!(
                "SELECT new_value FROM change_log WHERE risk_id = {row} AND field = 'penyebab' \
                 ORDER BY id DESC LIMIT 1"
            ))
            .await;
        assert_eq!(text, logged, "{backend:?}: a backup of one moment");

        // Held data is kept unless replacing is asked for.
        let mut now = Vec::new();
        backup(&db.db, &mut now).await.unwrap();
        let refused = restore(&target.db, now.as_slice(), false).await.unwrap_err();
        assert!(refused.contains("holds data"), "{refused}");
        restore(&target.db, now.as_slice(), true).await.unwrap();
        // Every table, row by row, as the source holds it.
        assert_eq!(tables(&target).await, tables(db).await, "{backend:?}");
        // The restored database goes on: new rows get new ids.
        target
            .exec(
                "INSERT INTO auth_event (at, kind) VALUES ('2026-12-08T00:00:00+00:00', 'sign_in')",
            )
            .await;
    }
}

#[apply(on_both_databases!)]
async fn a_backup_of_another_schema_or_no_backup_is_refused(db: &TestDb) {
    let empty = TestDb::new(db.backend).await;
    assert!(
        restore(&empty.db, "not json\n".as_bytes(), false)
            .await
            .unwrap_err()
            .contains("not a Benturan backup")
    );
    let mut out = Vec::new();
    backup(&db.db, &mut out).await.unwrap();
    let old = String::from_utf8(out).unwrap().replacen(
        "m20261208_000013_reminders",
        "m20261128_000001_create_organisation",
        1,
    );
    let refused = restore(&empty.db, old.as_bytes(), false).await.unwrap_err();
    assert!(refused.contains("schema"), "{refused}");
    assert_eq!(empty.count("org_unit").await, 0);
}
