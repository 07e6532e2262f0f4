//! Review notes, on both databases: reviewers write them and mark them
//! resolved, everyone reads them, the register counts each row's open
//! notes, each note is in the row's history with its author, and every open
//! page hears of it. Bad notes are refused by field and limit.
use crate::common;
use macro_rules_attribute::apply;

use app::auth::Role;
use common::{App, TestDb};
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

async fn write(app: &App, row: &str, body: &str) -> (StatusCode, Value) {
    app.post_form("add_note", &[("row", row), ("body", body)]).await
}

/// The open notes the register shows on `row`.
async fn open_notes(app: &App, row: &str) -> i64 {
    app.register_row(row).await["notes"].as_i64().unwrap()
}

#[apply(on_both_databases!)]
async fn reviewers_write_notes_everyone_reads(db: &TestDb) {
    let admin = App::start(db).await;
    let reviewer = admin.as_user(db, "inspektorat", Role::Reviewer, &[]).await;
    let (row, bagian) = db.first_row().await;
    let editor = admin.as_user(db, "penyunting", Role::Editor, &[bagian]).await;
    let viewer = admin.as_user(db, "pimpinan", Role::Viewer, &[]).await;
    let version = db.text("SELECT version FROM register").await.unwrap();
    assert_eq!(open_notes(&viewer, &row).await, 0);

    // Markup is kept as text; blanks around it go; RTL and zero-width
    // characters inside are kept.
    let body = "  Dasar SK belum dilampirkan <b>segera</b> \u{200B}مراجعة  ";
    let (status, id) = write(&reviewer, &row, body).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    assert_ne!(db.text("SELECT version FROM register").await.unwrap(), version, "pages hear of it");
    assert_eq!(open_notes(&editor, &row).await, 1);
    let notes = viewer.get(&format!("row_notes?row={row}")).await;
    let note = &notes.as_array().unwrap()[0];
    assert_eq!(note["body"], "Dasar SK belum dilampirkan <b>segera</b> \u{200B}مراجعة");
    assert_eq!((note["author"].as_str(), &note["resolved"]), (Some("inspektorat"), &Value::Null));

    // Those who are not reviewers write none: 403, logged, nothing stored.
    for who in [&editor, &viewer] {
        assert_eq!(write(who, &row, "Catatan").await.0, StatusCode::FORBIDDEN);
        let (status, _) =
            who.post_form("resolve_note", &[("note", &id.to_string()), ("resolved", "true")]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    assert_eq!(db.count("review_note").await, 1);
    let refused = db.text("SELECT COUNT(*) FROM auth_event WHERE kind = 'forbidden'").await;
    assert_eq!(refused.as_deref(), Some("4"));

    // Resolved: no longer counted; the history says who did what.
    let resolve = |resolved: &'static str| {
        let id = id.to_string();
        let reviewer = &reviewer;
        async move {
            reviewer.post_form("resolve_note", &[("note", &id), ("resolved", resolved)]).await.0
        }
    };
    assert_eq!(resolve("true").await, StatusCode::OK);
    assert_eq!(resolve("true").await, StatusCode::OK, "twice is no error");
    assert_eq!(open_notes(&editor, &row).await, 0);
    let notes = editor.get(&format!("row_notes?row={row}")).await;
    assert_eq!(notes[0]["resolved"][1], "inspektorat");
    assert_eq!(resolve("false").await, StatusCode::OK);
    assert_eq!(open_notes(&editor, &row).await, 1);
    let history = viewer.get(&format!("row_history?row={row}")).await;
    let actions: Vec<(&str, &str)> = history["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|change| change["column"] == "review_note")
        .map(|change| {
            (change["action"].as_str().unwrap(), change["author"]["User"]["name"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        actions,
        [("Reopen", "inspektorat"), ("Resolve", "inspektorat"), ("Note", "inspektorat")]
    );
    // An admin may too; a deleted row takes none.
    assert_eq!(write(&admin, &row, "Dari admin").await.0, StatusCode::OK);
    assert_eq!(open_notes(&viewer, &row).await, 2);
    let missing = write(&reviewer, "999999", "Catatan").await.0;
    assert_eq!(missing, StatusCode::NOT_FOUND);
}

/// A bad note is refused naming the field and the limit, and stores nothing.
#[apply(on_both_databases!)]
async fn bad_notes_are_refused_by_field_and_limit(db: &TestDb) {
    let admin = App::start(db).await;
    let row = db.text("SELECT MIN(id) FROM risk").await.unwrap();
    let cases = [
        ("   \u{200B} ", json!({"Validation": [{"field": "Note", "problem": "Required"}]})),
        (
            &"a".repeat(2_001),
            json!({"Validation": [{"field": "Note", "problem": {"TooLong": {"limit": 2000}}}]}),
        ),
        (
            "Catatan\u{7}",
            json!({"Validation": [{"field": "Note", "problem": {"ControlCharacter": {"code_point": 7, "position": 8}}}]}),
        ),
        (
            "\u{202E}gnirts",
            json!({"Validation": [{"field": "Note", "problem": {"ControlCharacter": {"code_point": 8238, "position": 1}}}]}),
        ),
    ];
    for (body, expected) in cases {
        let (status, answer) = write(&admin, &row, body).await;
        assert_eq!((status, answer), (StatusCode::UNPROCESSABLE_ENTITY, expected));
    }
    // The longest note there may be, in four-byte characters, fits.
    let (status, _) = write(&admin, &row, &"𝔸".repeat(2_000)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(db.count("review_note").await, 1);
    // The database holds the line too, for any other writer.
    let huge = "x".repeat(8_001);
    let direct = db
        .db
        .execute_unprepared(&format!(
            "INSERT INTO review_note (risk_id, body, created_at) VALUES ({row}, '{huge}', '2026-11-30T10:00:00+00:00')"
        ))
        .await;
    assert!(direct.is_err(), "CHECK refuses an oversized note");
}
