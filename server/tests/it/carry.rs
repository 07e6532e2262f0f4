//! Next year's register carried forward, on both databases: rows, Bagian and
//! assessments as the starting point, what a new year sets anew reset, each
//! row marked carried, changed or new; last year's register as it was; two
//! at once make one.
use crate::common;
use macro_rules_attribute::apply;

use app::auth::Role;
use common::{App, TestDb};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn carry(app: &App, register: &str) -> (StatusCode, Value) {
    app.post_form("carry_forward", &[("register", register)]).await
}

/// The register `path` names, as its page reads it.
async fn register_at(app: &App, path: &str) -> Value {
    let mut parts = path.trim_start_matches("/register/").split('/');
    let (unit, year) = (parts.next().unwrap(), parts.next().unwrap());
    app.get(&format!("get_register?unit={unit}&year={year}")).await
}

fn rows(register: &Value) -> Vec<Value> {
    let sections = register["sections"].as_array().unwrap();
    sections.iter().flat_map(|s| s["rows"].as_array().unwrap().clone()).collect()
}

/// What of a register carries over: each row's code, Bagian, text and
/// assessment as the starting point (not its versions and ids).
fn content(register: &Value) -> Vec<Value> {
    let sections = register["sections"].as_array().unwrap();
    sections
        .iter()
        .flat_map(|s| {
            s["rows"].as_array().unwrap().iter().map(move |r| {
                json!([
                    s["name"],
                    r["code"],
                    r["aktivitas"],
                    r["rencana"],
                    r["assessment"]["inherent"]
                ])
            })
        })
        .collect()
}

#[apply(on_both_databases!)]
async fn next_year_starts_from_this_one(db: &TestDb) {
    let admin = App::start(db).await;
    let (row, bagian) = db.first_row().await;
    let register = db.text("SELECT id FROM register").await.unwrap();
    // This year's row: rated, its control done by a date, realised, noted.
    for (field, value) in [
        ("InherentLikelihood", "4"),
        ("InherentImpact", "3"),
        ("TargetDate", "2026-09-30"),
        ("RtpStatus", "selesai"),
    ] {
        assert_eq!(admin.save_assessment(&row, "", field, "", value).await.0, StatusCode::OK);
    }
    let realised = admin.save_assessment(&row, "3", "RealisationDone", "", "SK dibagikan").await;
    assert_eq!(realised.0, StatusCode::OK);
    let note = admin.post_form("add_note", &[("row", &row), ("body", "Lengkapi bukti")]).await;
    assert_eq!(note.0, StatusCode::OK);
    let before = admin.get("get_register").await;
    let year = before["year"].as_i64().unwrap();

    // Only admins start it.
    let editor = admin.as_user(db, "penyunting", Role::Editor, &[bagian]).await;
    assert_eq!(carry(&editor, &register).await.0, StatusCode::FORBIDDEN);
    assert_eq!(db.count("register").await, 1);

    let (status, path) = carry(&admin, &register).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    let path = path.as_str().unwrap().to_owned();
    assert!(path.ends_with(&format!("/{}", year + 1)), "{path}");
    let next = register_at(&admin, &path).await;
    assert_eq!((next["status"].as_str(), next["year"].as_i64()), (Some("Draft"), Some(year + 1)));
    assert_eq!(next["cycle"]["carried_from"].as_i64(), Some(year));
    assert_eq!(content(&next), content(&before), "rows, Bagian and assessments carry over");
    let carried = rows(&next).into_iter().find(|r| r["code"] == "BK-001").unwrap();
    let assessment = &carried["assessment"];
    assert_eq!(assessment["target_date"], format!("{}-09-30", year + 1), "a year on");
    assert_eq!(assessment["status"], Value::Null, "the control starts over");
    assert_eq!(assessment["realisation"][2]["done"], "", "realisations stay last year's");
    assert_eq!(carried["notes"], 0, "review notes stay last year's");
    assert!(rows(&next).iter().all(|r| r["assessment"]["origin"] == "Carried"));

    // Last year's register is as it was (its page only learns of the new year).
    let after = admin.get(&format!("get_register?unit={}&year={year}", before["unit_id"])).await;
    assert_eq!(after["sections"], before["sections"]);
    assert_eq!(after["cycle"]["next_year_started"], true);

    // Changed this year, and new: marked so.
    let new_id = carried["id"].to_string();
    let old = carried["penyebab"].as_str().unwrap().to_owned();
    let form =
        [("row", new_id.as_str()), ("field", "Penyebab"), ("expected", &old), ("value", "Berubah")];
    assert_eq!(admin.post_form("save_cell", &form).await.0, StatusCode::OK);
    let body = json!({
        "register": next["id"], "bagian": bagian, "after": null,
        "cells": { "aktivitas": "Baru", "potensi": "P", "penyebab": "S", "dampak": "D", "rencana": "R" }
    });
    assert_eq!(admin.post_json("add_row", body).await.0, StatusCode::OK);
    let next = register_at(&admin, &path).await;
    let origin = |code: &str| {
        let found = rows(&next).into_iter().find(|r| r["code"] == code).unwrap();
        found["assessment"]["origin"].as_str().unwrap().to_owned()
    };
    assert_eq!((origin("BK-001"), origin("BK-002")), ("Changed".to_owned(), "Carried".to_owned()));
    assert!(rows(&next).iter().any(|r| r["assessment"]["origin"] == "New"));
    // Written back as it was: carried unchanged again.
    let form =
        [("row", new_id.as_str()), ("field", "Penyebab"), ("expected", "Berubah"), ("value", &old)];
    assert_eq!(admin.post_form("save_cell", &form).await.0, StatusCode::OK);
    let next = register_at(&admin, &path).await;
    let found = rows(&next).into_iter().find(|r| r["code"] == "BK-001").unwrap();
    assert_eq!(found["assessment"]["origin"], "Carried");
    // Each carried row's history starts with its creation.
    let history = admin.get(&format!("row_history?row={new_id}")).await;
    let actions: Vec<&str> = history["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions.last(), Some(&"Create"));
    // Started twice: the second finds the first.
    let (status, again) = carry(&admin, &register).await;
    assert_eq!((status, again.as_str()), (StatusCode::OK, Some(path.as_str())));
    assert_eq!(db.count("register").await, 2);
}

/// Eight admins start next year's register at the same moment: one is made.
#[apply(on_both_databases!)]
async fn racing_carry_forwards_make_one(db: &TestDb) {
    let admin = App::start(db).await;
    let register = db.text("SELECT id FROM register").await.unwrap();
    let live = db.count("risk").await;
    let racers = (0..8).map(|_| {
        let app = App { base: admin.base.clone(), client: admin.client.clone() };
        let register = register.clone();
        tokio::spawn(async move { carry(&app, &register).await })
    });
    let mut paths = Vec::new();
    for racer in racers.collect::<Vec<_>>() {
        let (status, path) = racer.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{path}");
        paths.push(path);
    }
    paths.dedup();
    assert_eq!(paths.len(), 1, "every racer lands on the one register");
    assert_eq!(db.count("register").await, 2);
    assert_eq!(db.count("risk").await, live * 2);
    let audited = db.count("auth_event WHERE kind = 'register_carry_forward'").await;
    assert_eq!(audited, 1);
}
