//! The Bagian of a register through their server functions, over HTTP, on
//! both databases: add, rename, reorder, remove when empty; the rules,
//! the conflict checks, the change log and the printed numbers.
use crate::common;
use macro_rules_attribute::apply;

use common::{App, TestDb};
use reqwest::StatusCode;
use serde_json::Value;

/// The register's Bagian as the page gets them: (No, name, rows).
async fn sections(app: &App) -> Vec<(u64, String, usize)> {
    let register = app.get("get_register").await;
    register["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|section| {
            (
                section["ordinal"].as_u64().unwrap(),
                section["name"].as_str().unwrap().to_owned(),
                section["rows"].as_array().unwrap().len(),
            )
        })
        .collect()
}

fn names(sections: &[(u64, String, usize)]) -> Vec<&str> {
    sections.iter().map(|(_, name, _)| name.as_str()).collect()
}

/// The problem of a refused write's only field error, as the browser gets it.
fn problem(body: &Value) -> Value {
    let errors = &body["Validation"];
    assert_eq!(errors.as_array().map(Vec::len), Some(1), "{body}");
    assert_eq!(errors[0]["field"], "Bagian", "{body}");
    errors[0]["problem"].clone()
}

const PERENCANAAN: &str = "Bagian Perencanaan & Kepegawain";
const PROTOKOL: &str = "Bagian Protokol";
const MATERI: &str = "Bagian Materi & Komunikasi Pimpinan";

#[apply(on_both_databases!)]
async fn bagian_are_added_renamed_moved_and_removed(db: &TestDb) {
    let app = App::start(db).await;
    let register = db.text("SELECT id FROM register").await.unwrap();
    let hukum = added_at_the_end_without_a_number(db, &app, &register).await;
    let log = db.count("change_log WHERE action <> 'layout'").await;
    names_follow_the_rules(&app, &register).await;
    renamed_only_if_still_as_seen(db, &app, &register, &hukum, log).await;
    moved_past_the_neighbour_seen(db, &app, &register, &hukum).await;
    removed_only_when_empty(db, &app, &register, &hukum).await;
}

/// Added at the end, without a number until it has a row; logged, and on
/// the page. The new Bagian's id.
async fn added_at_the_end_without_a_number(db: &TestDb, app: &App, register: &str) -> String {
    let version = || db.text("SELECT version FROM register");
    let before = version().await.unwrap();
    let (status, hukum) =
        app.post_form("add_bagian", &[("register", register), ("name", "  Bagian Hukum ")]).await;
    assert_eq!(status, StatusCode::OK, "{hukum}");
    let hukum = hukum.as_i64().unwrap().to_string();
    let listed = sections(app).await;
    assert_eq!(names(&listed), [PERENCANAAN, PROTOKOL, MATERI, "Bagian Hukum"]);
    assert_eq!(listed[3], (0, "Bagian Hukum".to_owned(), 0));
    assert_ne!(version().await.unwrap(), before, "the register's version moves");
    let logged = db
        .text(
            "SELECT action || '|' || field || '|' || new_value FROM change_log \
             WHERE risk_id IS NULL AND action <> 'layout'",
        )
        .await;
    assert_eq!(logged.as_deref(), Some("create|bagian|Bagian Hukum"));
    let page = app.client.get(format!("{}/", app.base)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Bagian Hukum"), "the empty Bagian is on the page");
    hukum
}

/// The rules: the same for every write path.
async fn names_follow_the_rules(app: &App, register: &str) {
    for (name, expected) in [
        (" bagian protokol ", serde_json::json!("Duplicate")),
        ("   ", serde_json::json!("Required")),
        (
            "Bagian\u{0}Hukum",
            serde_json::json!({"ControlCharacter": {"code_point": 0, "position": 7}}),
        ),
    ] {
        let (status, body) =
            app.post_form("add_bagian", &[("register", register), ("name", name)]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name:?}: {body}");
        assert_eq!(problem(&body), expected, "{name:?}");
    }
    let long = "x".repeat(4000);
    let (status, body) =
        app.post_form("add_bagian", &[("register", register), ("name", &long)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(problem(&body).get("TooLong").is_some(), "{body}");
}

/// Renamed if still called what the user saw; else their name comes back.
/// Only the rename adds to the `log` entries there were before the rules.
async fn renamed_only_if_still_as_seen(
    db: &TestDb,
    app: &App,
    register: &str,
    hukum: &str,
    log: i64,
) {
    let rename = |expected: &'static str, name: &'static str| {
        let (register, hukum) = (register.to_owned(), hukum.to_owned());
        async move {
            let form = [
                ("register", register.as_str()),
                ("bagian", hukum.as_str()),
                ("expected", expected),
                ("name", name),
            ];
            app.post_form("rename_bagian", &form).await
        }
    };
    let (status, body) = rename("Bagian Hukum", "Bagian Hukum & HAM").await;
    assert_eq!((status, body), (StatusCode::OK, Value::from("Bagian Hukum & HAM")));
    let (status, body) = rename("Bagian Hukum", "Bagian Hukum Lama").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["CellConflict"]["theirs"], "Bagian Hukum & HAM", "{body}");
    let (status, body) = rename("Bagian Hukum & HAM", "BAGIAN PROTOKOL").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(&body), "Duplicate");
    assert_eq!(
        db.count("change_log WHERE action <> 'layout'").await,
        log + 1,
        "only the rename is logged"
    );
}

/// Moved past the neighbour the user saw; a replay is refused.
async fn moved_past_the_neighbour_seen(db: &TestDb, app: &App, register: &str, hukum: &str) {
    let materi =
        db.text(&format!("SELECT id FROM org_unit WHERE name = '{MATERI}'")).await.unwrap();
    let up =
        [("register", register), ("bagian", hukum), ("up", "true"), ("neighbour", materi.as_str())];
    let (status, body) = app.post_form("move_bagian", &up).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let listed = sections(app).await;
    assert_eq!(names(&listed), [PERENCANAAN, PROTOKOL, "Bagian Hukum & HAM", MATERI]);
    assert_eq!(listed.iter().map(|s| s.0).collect::<Vec<_>>(), [1, 2, 0, 3]);
    let (status, _) = app.post_form("move_bagian", &up).await;
    assert_eq!(status, StatusCode::CONFLICT, "a replayed move moves nothing");
    let perencanaan =
        db.text(&format!("SELECT id FROM org_unit WHERE name = '{PERENCANAAN}'")).await.unwrap();
    let first_up = [
        ("register", register),
        ("bagian", perencanaan.as_str()),
        ("up", "true"),
        ("neighbour", hukum),
    ];
    assert_eq!(app.post_form("move_bagian", &first_up).await.0, StatusCode::CONFLICT);
    assert_eq!(names(&sections(app).await)[2], "Bagian Hukum & HAM");
}

/// Removed only when empty, and logged; the Biro itself is not a Bagian.
async fn removed_only_when_empty(db: &TestDb, app: &App, register: &str, hukum: &str) {
    let protokol =
        db.text(&format!("SELECT id FROM org_unit WHERE name = '{PROTOKOL}'")).await.unwrap();
    let (status, body) =
        app.post_form("remove_bagian", &[("register", register), ("bagian", &protokol)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(&body), serde_json::json!({"NotEmpty": {"rows": 4}}));
    let remove = [("register", register), ("bagian", hukum)];
    assert_eq!(app.post_form("remove_bagian", &remove).await.0, StatusCode::OK);
    assert_eq!(names(&sections(app).await), [PERENCANAAN, PROTOKOL, MATERI]);
    assert_eq!(app.post_form("remove_bagian", &remove).await.0, StatusCode::NOT_FOUND);
    let removed = db
        .text("SELECT old_value FROM change_log WHERE action = 'delete' AND field = 'bagian'")
        .await;
    assert_eq!(removed.as_deref(), Some("Bagian Hukum & HAM"));
    // The Biro itself is not one of its Bagian.
    let biro = db.text("SELECT unit_id FROM register").await.unwrap();
    let (status, _) =
        app.post_form("remove_bagian", &[("register", register), ("bagian", &biro)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[apply(on_both_databases!)]
async fn an_empty_bagian_takes_rows_and_comes_back_with_them(db: &TestDb) {
    let app = App::start(db).await;
    let register = db.text("SELECT id FROM register").await.unwrap();
    let (_, hukum) =
        app.post_form("add_bagian", &[("register", &register), ("name", "Bagian Hukum")]).await;
    let hukum = hukum.as_i64().unwrap();
    let cells = |text: &str| {
        serde_json::json!({
            "aktivitas": text, "potensi": "Potensi", "penyebab": "Penyebab",
            "dampak": "Dampak", "rencana": "Rencana"
        })
    };
    let (status, added) = app
        .post_json(
            "add_row",
            serde_json::json!({
                "register": register.parse::<i32>().unwrap(), "bagian": hukum,
                "after": null, "cells": cells("Penyusunan produk hukum")
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{added}");
    let listed = sections(&app).await;
    assert_eq!(listed[3], (4, "Bagian Hukum".to_owned(), 1), "numbered once it has a row");
    let page = app.client.get(format!("{}/", app.base)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(r#"<td rowspan="1" class="cell-no">4</td>"#));

    // Its last row deleted, it can go; the row brought back brings it back.
    let row = added["id"].to_string();
    assert_eq!(
        app.post_form("delete_row", &[("row", &row), ("version", "1")]).await.0,
        StatusCode::OK
    );
    let remove = [("register", register.as_str()), ("bagian", &hukum.to_string())];
    assert_eq!(app.post_form("remove_bagian", &remove).await.0, StatusCode::OK);
    assert_eq!(sections(&app).await.len(), 3);
    assert_eq!(app.post_form("restore_row", &[("row", &row)]).await.0, StatusCode::OK);
    let listed = sections(&app).await;
    assert_eq!(listed.len(), 4);
    assert_eq!(listed[3], (4, "Bagian Hukum".to_owned(), 1));

    // Listed again, its name is taken.
    let (_, again) =
        app.post_form("add_bagian", &[("register", &register), ("name", "Bagian Hukum")]).await;
    assert_eq!(again["Validation"][0]["problem"], "Duplicate", "{again}");
}

#[apply(on_both_databases!)]
async fn a_reimport_makes_the_bagian_the_files(db: &TestDb) {
    let app = App::start(db).await;
    let register = db.text("SELECT id FROM register").await.unwrap();
    let (status, _) =
        app.post_form("add_bagian", &[("register", &register), ("name", "Bagian Hukum")]).await;
    assert_eq!(status, StatusCode::OK);
    let version = db.text("SELECT version FROM register").await.unwrap();
    let year: i32 = db.text("SELECT year FROM register").await.unwrap().parse().unwrap();
    let report = common::import(db, &common::seed_table(), year).await.unwrap();
    assert!(report.sections_changed);
    assert_ne!(report.register_version.to_string(), version);
    assert_eq!(names(&sections(&app).await), [PERENCANAAN, PROTOKOL, MATERI]);
    let report = common::import(db, &common::seed_table(), year).await.unwrap();
    assert!(!report.changed_anything(), "the same file again changes nothing");
}
