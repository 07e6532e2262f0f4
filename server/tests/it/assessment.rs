//! Risk assessment and control tracking, on both databases: each field saved
//! through the one write path (rules, conflicts, history, roles), scores
//! and levels from the matrix stored with the row, residual never above
//! inherent, overdue by the date in Asia/Makassar, and a change of the
//! matrix re-levelling every open register's rows, each in its history.
use crate::common;
use macro_rules_attribute::apply;

use app::auth::Role;
use common::{App, TestDb};
use reqwest::StatusCode;
use serde_json::Value;

async fn save(
    app: &App,
    row: &str,
    field: &str,
    expected: &str,
    value: &str,
) -> (StatusCode, Value) {
    app.post_form(
        "save_assessment",
        &[("row", row), ("field", field), ("expected", expected), ("value", value)],
    )
    .await
}

/// Row `row`'s assessment as the register shows it.
async fn assessment(app: &App, row: &str) -> Value {
    app.register_row(row).await["assessment"].clone()
}

#[apply(on_both_databases!)]
async fn fields_are_rated_and_checked(db: &TestDb) {
    let admin = App::start(db).await;
    let (row, bagian) = db.first_row().await;
    let editor = admin.as_user(db, "penyunting", Role::Editor, &[bagian]).await;
    the_inherent_risk_is_rated(db, &editor, &row).await;
    the_residual_is_never_above_the_inherent(db, &editor, &row).await;
    bad_input_is_refused(&editor, &row).await;
    // Markup, RTL and zero-width characters are kept as text.
    let owner = "Kasubbag <b>Protokol</b> \u{200B}مسؤول";
    assert_eq!(save(&editor, &row, "Owner", "", owner).await.0, StatusCode::OK);
    assert_eq!(assessment(&editor, &row).await["owner"], owner);
    the_target_sets_the_due_date(db, &editor, &row).await;
    // A source and the nature: only listed, active sources.
    let source = db.text("SELECT MIN(id) FROM conflict_source").await.unwrap();
    assert_eq!(save(&editor, &row, "Source", "", &source).await.0, StatusCode::OK);
    assert_eq!(save(&editor, &row, "Nature", "", "aktual").await.0, StatusCode::OK);
    let shown = assessment(&editor, &row).await;
    assert_eq!((shown["source"].to_string(), &shown["nature"]), (source.clone(), &"Aktual".into()));
    the_history_holds_every_change(&editor, &row).await;
}

/// Likelihood alone: no rating yet; with the impact, BPKP's 4 × 4 = 19,
/// Tinggi, stored with the row; pages hear of it.
async fn the_inherent_risk_is_rated(db: &TestDb, editor: &App, row: &str) {
    let version = db.text("SELECT version FROM register").await.unwrap();
    assert_eq!(save(editor, row, "InherentLikelihood", "", "4").await.0, StatusCode::OK);
    assert_eq!(assessment(editor, row).await["inherent"]["rating"], Value::Null);
    let (status, saved) = save(editor, row, "InherentImpact", "", "4").await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["assessment"]["inherent"]["rating"]["score"], 19);
    assert_eq!(saved["assessment"]["inherent"]["rating"]["level"], "Tinggi");
    let stored = db
        .text(&format!("SELECT CAST(inherent_score AS TEXT) || '/' || CAST(inherent_level AS TEXT) FROM risk WHERE id = {row}"))
        .await;
    assert_eq!(stored.as_deref(), Some("19/4"));
    assert_ne!(db.text("SELECT version FROM register").await.unwrap(), version, "pages hear of it");
}

/// Residual 2 × 2 = 7 is fine; then impact 5 (2 × 5 = 21 > 19) is refused,
/// naming the field, and nothing is stored; so is lowering the inherent.
async fn the_residual_is_never_above_the_inherent(db: &TestDb, editor: &App, row: &str) {
    for (field, value) in [("ResidualLikelihood", "2"), ("ResidualImpact", "2")] {
        assert_eq!(save(editor, row, field, "", value).await.0, StatusCode::OK);
    }
    let (status, body) = save(editor, row, "ResidualImpact", "2", "5").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Validation"][0]["field"], "ResidualImpact");
    assert_eq!(body["Validation"][0]["problem"]["AboveInherent"]["inherent"], 19);
    assert_eq!(body["Validation"][0]["problem"]["AboveInherent"]["residual"], 21);
    let residual =
        db.text(&format!("SELECT CAST(residual_impact AS TEXT) FROM risk WHERE id = {row}")).await;
    assert_eq!(residual.as_deref(), Some("2"));
    // Lowering the inherent below the residual is refused the same way.
    // (4 × 1 = 6 < 7.)
    let (status, body) = save(editor, row, "InherentImpact", "4", "1").await;
    let refused = (StatusCode::UNPROCESSABLE_ENTITY, &"InherentImpact".into());
    assert_eq!((status, &body["Validation"][0]["field"]), refused);
}

/// Hostile and malformed input: refused by field and limit.
async fn bad_input_is_refused(editor: &App, row: &str) {
    let long = "x".repeat(4_000);
    for (field, value, problem) in [
        ("InherentImpact", "6", "OutOfRange"),
        ("InherentImpact", "4; DROP TABLE risk", "OutOfRange"),
        ("TargetQuarter", "0", "OutOfRange"),
        ("TargetDate", "2026-02-30", "InvalidDate"),
        ("RtpStatus", "done", "UnknownValue"),
        ("Nature", "<b>aktual</b>", "UnknownValue"),
        ("Source", "999999", "UnknownValue"),
        ("Owner", "Kasubbag\u{0}", "ControlCharacter"),
        ("Jabatan", "a\u{202E}b", "ControlCharacter"),
        ("Jabatan", long.as_str(), "TooLong"),
    ] {
        let (status, body) = save(editor, row, field, "", value).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field} {value:.20?}: {body}");
        let found = &body["Validation"][0]["problem"];
        assert!(found == problem || found.get(problem).is_some(), "{field}: {body}");
    }
    assert_eq!(save(editor, row, "Aktivitas", "", "x").await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(save(editor, row, "Bogus", "", "x").await.0, StatusCode::BAD_REQUEST);
}

/// A target quarter sets the due date; a target date wins over it. A date
/// gone by and the action not done: overdue, until done.
async fn the_target_sets_the_due_date(db: &TestDb, editor: &App, row: &str) {
    assert_eq!(save(editor, row, "TargetQuarter", "", "1").await.0, StatusCode::OK);
    let year = db.text("SELECT year FROM register").await.unwrap();
    let due =
        db.text(&format!("SELECT CAST(rtp_due AS TEXT) FROM risk WHERE id = {row}")).await.unwrap();
    assert!(due.starts_with(&format!("{year}-03-31")), "{due}");
    assert_eq!(save(editor, row, "TargetDate", "", "2020-01-31").await.0, StatusCode::OK);
    assert_eq!(assessment(editor, row).await["overdue"], true);
    assert_eq!(save(editor, row, "RtpStatus", "", "dalam_proses").await.0, StatusCode::OK);
    assert_eq!(assessment(editor, row).await["overdue"], true);
    assert_eq!(save(editor, row, "RtpStatus", "dalam_proses", "selesai").await.0, StatusCode::OK);
    assert_eq!(assessment(editor, row).await["overdue"], false);
    let (status, _) = save(editor, row, "TargetDate", "2020-01-31", "2100-12-31").await;
    assert_eq!(status, StatusCode::OK);
}

/// Every change is in the row's history, with old and new values.
async fn the_history_holds_every_change(editor: &App, row: &str) {
    let history = editor.get(&format!("row_history?row={row}")).await;
    let changed: Vec<(&str, &str)> = history["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["column"].as_str().unwrap(), c["new"].as_str().unwrap_or("")))
        .collect();
    assert!(changed.contains(&("inherent_impact", "4")), "{changed:?}");
    assert!(changed.contains(&("rtp_status", "selesai")), "{changed:?}");
    assert!(!changed.iter().any(|(column, new)| *column == "residual_impact" && *new == "5"));
}

#[apply(on_both_databases!)]
async fn saves_never_overwrite_a_colleague(db: &TestDb) {
    let admin = App::start(db).await;
    let (row, bagian) = db.first_row().await;
    let ani = admin.as_user(db, "ani", Role::Editor, &[bagian]).await;
    let budi = admin.as_user(db, "budi", Role::Editor, &[bagian]).await;
    assert_eq!(save(&ani, &row, "RtpStatus", "", "dalam_proses").await.0, StatusCode::OK);
    // Budi's page still shows no status: his save is a conflict with Ani's.
    let (status, body) = save(&budi, &row, "RtpStatus", "", "selesai").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["CellConflict"]["theirs"], "dalam_proses");
    assert_eq!(body["CellConflict"]["field"], "RtpStatus");
    // Another field of the same row is no conflict; the same save twice is one change.
    assert_eq!(save(&budi, &row, "Owner", "", "Budi").await.0, StatusCode::OK);
    assert_eq!(save(&budi, &row, "Owner", "", "Budi").await.0, StatusCode::OK);
    let logged = db
        .text(&format!(
            "SELECT COUNT(*) FROM change_log WHERE risk_id = {row} AND field = 'rtp_owner'"
        ))
        .await;
    assert_eq!(logged.as_deref(), Some("1"));
    let status = db.text(&format!("SELECT rtp_status FROM risk WHERE id = {row}")).await;
    assert_eq!(status.as_deref(), Some("dalam_proses"));
}

#[apply(on_both_databases!)]
async fn only_editors_of_the_row_save(db: &TestDb) {
    let admin = App::start(db).await;
    let (row, bagian) = db.first_row().await;
    let [outsider, reviewer, viewer] = admin.outsiders(db, bagian).await;
    for field in ["InherentLikelihood", "Owner", "RtpStatus", "TargetDate", "Source"] {
        for who in [&outsider, &reviewer, &viewer] {
            let value = if field == "TargetDate" { "2026-06-30" } else { "1" };
            let value = if field == "RtpStatus" { "selesai" } else { value };
            assert_eq!(save(who, &row, field, "", value).await.0, StatusCode::FORBIDDEN, "{field}");
        }
    }
    let logged = format!("SELECT COUNT(*) FROM change_log WHERE risk_id = {row}");
    let before = db.text(&logged).await;
    assert_eq!(save(&admin, &row, "Owner", "", "Kepala Biro").await.0, StatusCode::OK);
    let after: i64 = db.text(&logged).await.unwrap().parse().unwrap();
    assert_eq!(after, before.unwrap().parse::<i64>().unwrap() + 1, "only the admin's save");
    // A register that is set is read-only for everyone.
    db.exec("UPDATE register SET status = 'ditetapkan'").await;
    let (status, body) = save(&admin, &row, "Owner", "Kepala Biro", "Lain").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.get("RegisterFinal").is_some(), "{body}");
}

#[apply(on_both_databases!)]
async fn a_matrix_change_relevels_open_registers(db: &TestDb) {
    use app::register::model::Level;
    use app::register::write::{Actor, Source, set_matrix_levels};
    let admin = App::start(db).await;
    let (row, _) = db.first_row().await;
    // 4 × 3 = 16, Tinggi; residual 3 × 3 = 14, Sedang.
    for (field, value) in [
        ("InherentLikelihood", "4"),
        ("InherentImpact", "3"),
        ("ResidualLikelihood", "3"),
        ("ResidualImpact", "3"),
    ] {
        assert_eq!(save(&admin, &row, field, "", value).await.0, StatusCode::OK);
    }
    let version: i32 = db.text("SELECT version FROM register").await.unwrap().parse().unwrap();
    let id = db.text("SELECT id FROM app_user WHERE username = 'admin.uji'").await.unwrap();
    let user = app::auth::CurrentUser {
        id: id.parse().unwrap(),
        username: "admin.uji".into(),
        display_name: "admin.uji".into(),
        role: Role::Admin,
        bagian: Vec::new(),
    };
    let actor = Actor { user: Some(user), source: Source::Web, client: None };
    let txn = app::db::begin_write(&db.db).await.unwrap();
    // Score 16 becomes Sedang (and 14 stays Sedang).
    let done =
        set_matrix_levels(&app::register::write::Write::new(&txn, &actor), &[(16, Level::Sedang)])
            .await
            .unwrap();
    txn.commit().await.unwrap();
    assert_eq!((done.rows, done.registers), (1, 1));
    let shown = assessment(&admin, &row).await;
    assert_eq!(shown["inherent"]["rating"]["level"], "Sedang");
    assert_eq!(shown["residual"]["rating"]["level"], "Sedang");
    let after: i32 = db.text("SELECT version FROM register").await.unwrap().parse().unwrap();
    assert_eq!(after, version + 1, "one bump: every page hears of it");
    let history = admin.get(&format!("row_history?row={row}")).await;
    let latest = &history["changes"][0];
    assert_eq!(
        (&latest["action"], &latest["column"]),
        (&"Relevel".into(), &"inherent_level".into())
    );
    assert_eq!((&latest["old"], &latest["new"]), (&"tinggi".into(), &"sedang".into()));

    // Out of order (12 Tinggi while 13 stays Sedang): refused, nothing changes.
    let txn = app::db::begin_write(&db.db).await.unwrap();
    let refused =
        set_matrix_levels(&app::register::write::Write::new(&txn, &actor), &[(12, Level::Tinggi)])
            .await;
    assert!(refused.is_err());
    drop(txn);
    // A register that is set keeps the levels it was set with.
    db.exec("UPDATE register SET status = 'ditetapkan'").await;
    let txn = app::db::begin_write(&db.db).await.unwrap();
    let done =
        set_matrix_levels(&app::register::write::Write::new(&txn, &actor), &[(16, Level::Tinggi)])
            .await
            .unwrap();
    txn.commit().await.unwrap();
    assert_eq!(done.rows, 0);
    let level =
        db.text(&format!("SELECT CAST(inherent_level AS TEXT) FROM risk WHERE id = {row}")).await;
    assert_eq!(level.as_deref(), Some("3"));
    let matrix = db.text("SELECT CAST(level AS TEXT) FROM risk_matrix WHERE score = 16").await;
    assert_eq!(matrix.as_deref(), Some("4"), "the matrix itself changed");
}
