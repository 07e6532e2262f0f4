//! A control action's realisation per quarter (triwulan), on both
//! databases: what was done, progress and evidence saved field by field
//! through the assessment's one write path (rules, conflicts, history,
//! roles), one record per reported quarter of the register's year, none for
//! a quarter emptied again, and the dashboard's quarters following.
use crate::common;
use macro_rules_attribute::apply;

use app::auth::Role;
use common::{App, TestDb};
use reqwest::StatusCode;
use serde_json::Value;

/// Row `row`'s realisation of quarter `quarter` (1 to 4) as the register shows it.
async fn realisation(app: &App, row: &str, quarter: usize) -> Value {
    app.register_row(row).await["assessment"]["realisation"][quarter - 1].clone()
}

async fn records(db: &TestDb, row: &str) -> String {
    let sql = format!(
        "SELECT COUNT(*) || ':' || COALESCE(MIN(CAST(quarter AS TEXT)), '-') || ':' || \
         COALESCE(MIN(CAST(progress AS TEXT)), '-') FROM rtp_realisation WHERE risk_id = {row}"
    );
    db.text(&sql).await.unwrap()
}

/// What was done in triwulan II.
const DONE: &str = "Sosialisasi SOP gratifikasi kepada 24 pegawai";
/// The link given as evidence of it.
const EVIDENCE: &str = "https://jdih.kaltimprov.go.id/notulen/2026-05-12";

#[apply(on_both_databases!)]
async fn quarters_are_reported_and_checked(db: &TestDb) {
    let admin = App::start(db).await;
    let (row, bagian) = db.first_row().await;
    let editor = admin.as_user(db, "penyunting", Role::Editor, &[bagian]).await;
    the_second_quarter_is_reported(db, &editor, &row).await;
    bad_values_are_refused(db, &editor, &row).await;
    // Markup, RTL and zero-width characters are text, never a link.
    let note = "<a href=\"javascript:alert(1)\">notulen</a> \u{200B}تقرير";
    assert_eq!(
        editor.save_assessment(&row, "2", "RealisationEvidence", EVIDENCE, note).await.0,
        StatusCode::OK
    );
    assert_eq!(realisation(&editor, &row, 2).await["evidence"], note);
    an_emptied_quarter_keeps_no_record(db, &editor, &row, note).await;
    the_history_holds_every_change(&editor, &row).await;
}

/// Triwulan II: what was done, how far, and a link as evidence; one record,
/// of the register's year; the row and the register moved on.
async fn the_second_quarter_is_reported(db: &TestDb, editor: &App, row: &str) {
    let version = db.text("SELECT version FROM register").await.unwrap();
    let row_version = db.text(&format!("SELECT version FROM risk WHERE id = {row}")).await;
    for (field, value) in [
        ("RealisationDone", DONE),
        ("RealisationProgress", "40"),
        ("RealisationEvidence", EVIDENCE),
    ] {
        let (status, body) = editor.save_assessment(row, "2", field, "", value).await;
        assert_eq!(status, StatusCode::OK, "{field}: {body}");
    }
    let shown = realisation(editor, row, 2).await;
    assert_eq!((&shown["done"], &shown["progress"]), (&DONE.into(), &40.into()));
    assert_eq!(shown["evidence"], EVIDENCE);
    assert_eq!(realisation(editor, row, 1).await["progress"], 0, "other quarters untouched");
    // One record, of the register's year; the row and the register moved on.
    assert_eq!(records(db, row).await, "1:2:40");
    let year = db.text("SELECT year FROM register").await;
    assert_eq!(
        db.text(&format!("SELECT year FROM rtp_realisation WHERE risk_id = {row}")).await,
        year
    );
    assert_ne!(db.text("SELECT version FROM register").await.unwrap(), version, "pages hear of it");
    assert_ne!(db.text(&format!("SELECT version FROM risk WHERE id = {row}")).await, row_version);
}

/// Bad values: refused by field and limit; nothing stored changes.
async fn bad_values_are_refused(db: &TestDb, editor: &App, row: &str) {
    let long = "x".repeat(2_001);
    for (quarter, field, value, named, problem) in [
        ("2", "RealisationProgress", "101", "RealisationProgress", "OutOfRange"),
        ("2", "RealisationProgress", "-5", "RealisationProgress", "OutOfRange"),
        ("2", "RealisationProgress", "40%; DROP TABLE risk", "RealisationProgress", "OutOfRange"),
        ("2", "RealisationDone", long.as_str(), "RealisationDone", "TooLong"),
        ("2", "RealisationDone", "Rapat\u{7}", "RealisationDone", "ControlCharacter"),
        (
            "2",
            "RealisationEvidence",
            "https://a.b/\u{202E}fdp.exe",
            "RealisationEvidence",
            "ControlCharacter",
        ),
        ("0", "RealisationProgress", "10", "Quarter", "OutOfRange"),
        ("5", "RealisationProgress", "10", "Quarter", "OutOfRange"),
        ("", "RealisationProgress", "10", "Quarter", "Required"),
        ("1", "Owner", "Budi", "Quarter", "UnknownValue"),
    ] {
        let (status, body) = if quarter.is_empty() {
            let form = [("row", row), ("field", field), ("expected", ""), ("value", value)];
            editor.post_form("save_assessment", &form).await
        } else {
            editor.save_assessment(row, quarter, field, "", value).await
        };
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field} {value:.20?}: {body}");
        assert_eq!(body["Validation"][0]["field"], named, "{body}");
        let found = &body["Validation"][0]["problem"];
        assert!(found == problem || found.get(problem).is_some(), "{field}: {body}");
    }
    assert_eq!(records(db, row).await, "1:2:40");
}

/// Emptied again field by field (the evidence now `note`): no record is left
/// for the quarter; "0" is no progress reported, and no record either.
async fn an_emptied_quarter_keeps_no_record(db: &TestDb, editor: &App, row: &str, note: &str) {
    for (field, was) in
        [("RealisationDone", DONE), ("RealisationProgress", "40"), ("RealisationEvidence", note)]
    {
        assert_eq!(
            editor.save_assessment(row, "2", field, was, "").await.0,
            StatusCode::OK,
            "{field}"
        );
    }
    assert_eq!(records(db, row).await, "0:-:-");
    // "0" is no progress reported: no record either.
    assert_eq!(
        editor.save_assessment(row, "4", "RealisationProgress", "", "0").await.0,
        StatusCode::OK
    );
    assert_eq!(records(db, row).await, "0:-:-");
}

/// Every change is in the row's history, with its quarter.
async fn the_history_holds_every_change(editor: &App, row: &str) {
    let history = editor.get(&format!("row_history?row={row}")).await;
    let changes = history["changes"].as_array().unwrap();
    let progress = changes
        .iter()
        .find(|c| c["column"] == "realisation_progress.2" && c["new"] == "40")
        .unwrap_or_else(|| panic!("{changes:?}"));
    assert_eq!(
        (&progress["field"], &progress["quarter"]),
        (&"RealisationProgress".into(), &2.into())
    );
    assert!(changes.iter().any(|c| c["column"] == "realisation_note.2" && c["old"] == DONE));
}

#[apply(on_both_databases!)]
async fn saves_never_overwrite_a_colleague(db: &TestDb) {
    let admin = App::start(db).await;
    let (row, bagian) = db.first_row().await;
    let ani = admin.as_user(db, "ani", Role::Editor, &[bagian]).await;
    let budi = admin.as_user(db, "budi", Role::Editor, &[bagian]).await;
    assert_eq!(
        ani.save_assessment(&row, "1", "RealisationProgress", "", "30").await.0,
        StatusCode::OK
    );
    // Budi's page still shows nothing for triwulan I: a conflict with Ani's.
    let (status, body) = budi.save_assessment(&row, "1", "RealisationProgress", "", "50").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["CellConflict"]["theirs"], "30");
    assert_eq!(body["CellConflict"]["field"], "RealisationProgress");
    // Another quarter is no conflict; the same save twice is one change.
    assert_eq!(
        budi.save_assessment(&row, "3", "RealisationProgress", "", "10").await.0,
        StatusCode::OK
    );
    assert_eq!(
        budi.save_assessment(&row, "3", "RealisationProgress", "", "10").await.0,
        StatusCode::OK
    );
    let logged = db
        .text(&format!(
            "SELECT COUNT(*) FROM change_log WHERE risk_id = {row} AND field = 'realisation_progress.3'"
        ))
        .await;
    assert_eq!(logged.as_deref(), Some("1"));
    assert_eq!(realisation(&ani, &row, 1).await["progress"], 30);
}

#[apply(on_both_databases!)]
async fn only_editors_of_the_row_report(db: &TestDb) {
    let admin = App::start(db).await;
    let (row, bagian) = db.first_row().await;
    let [outsider, reviewer, viewer] = admin.outsiders(db, bagian).await;
    for field in ["RealisationDone", "RealisationProgress", "RealisationEvidence"] {
        for who in [&outsider, &reviewer, &viewer] {
            let (status, body) = who.save_assessment(&row, "1", field, "", "50").await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{field}: {body}");
        }
    }
    assert_eq!(records(db, &row).await, "0:-:-");
    // The dashboard's quarters follow a report.
    assert_eq!(
        admin.save_assessment(&row, "1", "RealisationProgress", "", "60").await.0,
        StatusCode::OK
    );
    let dashboard = viewer.get("dashboard").await;
    assert_eq!(dashboard["total"]["quarters"][0], serde_json::json!([1, 60]));
    // A register that is set is read-only for everyone.
    db.exec("UPDATE register SET status = 'ditetapkan'").await;
    let (status, body) = admin.save_assessment(&row, "1", "RealisationProgress", "60", "80").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.get("RegisterFinal").is_some(), "{body}");
}
