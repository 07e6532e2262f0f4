//! The live channel over HTTP, on both databases: a page hears every new
//! version of its register, from its own instance and, on PostgreSQL, from
//! another instance on the same database; a page that reconnects behind
//! hears the current version at once.
use crate::common;
use macro_rules_attribute::apply;

use app::auth::Role;
use common::{App, TestDb};
use reqwest::{StatusCode, header};
use std::time::Duration;

/// An open event stream, read event by event.
struct Stream(reqwest::Response, String);

impl Stream {
    async fn open(app: &App, register: &str, since: Option<&str>) -> Self {
        let mut url = format!("{}/api/events?register={register}", app.base);
        if let Some(since) = since {
            url.push_str(&format!("&since={since}"));
        }
        let response = app
            .client
            .get(url)
            .header(header::ORIGIN, &app.base)
            .header(header::ACCEPT, "text/event-stream")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "text/event-stream");
        Self(response, String::new())
    }

    /// The next change's version, or `None` after `wait` without one
    /// (presence events are passed over).
    async fn next(&mut self, wait: Duration) -> Option<i64> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let (kind, data) = self.event(left).await?;
            if kind == "change" {
                return Some(data["version"].as_i64().unwrap());
            }
        }
    }

    /// The next presence event (changes are passed over).
    async fn presence(&mut self, wait: Duration) -> Option<serde_json::Value> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let (kind, data) = self.event(left).await?;
            if kind == "presence" {
                return Some(data);
            }
        }
    }

    /// The next event with data: its name and its JSON.
    async fn event(&mut self, wait: Duration) -> Option<(String, serde_json::Value)> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.1.find("\n\n") {
                let event: String = self.1.drain(..end + 2).collect();
                let kind = event.lines().find_map(|line| line.strip_prefix("event: "));
                if let Some(data) = event.lines().find_map(|line| line.strip_prefix("data: ")) {
                    let kind = kind.unwrap_or("message").to_owned();
                    return Some((kind, serde_json::from_str(data).unwrap()));
                }
                continue;
            }
            let chunk = tokio::time::timeout_at(deadline, self.0.chunk()).await.ok()?;
            self.1.push_str(&String::from_utf8_lossy(&chunk.unwrap()?));
        }
    }
}

async fn save(app: &App, db: &TestDb, text: &str) -> StatusCode {
    let id = db.text("SELECT id FROM risk WHERE code = 'BK-001'").await.unwrap();
    let old = db.text(&format!("SELECT penyebab FROM risk WHERE id = {id}")).await.unwrap();
    let form = [("row", id.as_str()), ("field", "Penyebab"), ("expected", &old), ("value", text)];
    app.post_form("save_cell", &form).await.0
}

#[apply(on_both_databases!)]
async fn a_page_hears_each_new_version(db: &TestDb) {
    let app = App::start(db).await;
    let register = db.text("SELECT id FROM register").await.unwrap();
    let version: i64 = db.text("SELECT version FROM register").await.unwrap().parse().unwrap();
    let reader = app.as_user(db, "pembaca", Role::Viewer, &[]).await;
    let mut stream = Stream::open(&reader, &register, Some(&version.to_string())).await;
    assert_eq!(stream.next(Duration::from_millis(300)).await, None, "not behind: nothing yet");
    assert_eq!(save(&app, db, "Perubahan pertama").await, StatusCode::OK);
    assert_eq!(stream.next(Duration::from_secs(10)).await, Some(version + 1));
    assert_eq!(save(&app, db, "Perubahan kedua").await, StatusCode::OK);
    assert_eq!(stream.next(Duration::from_secs(10)).await, Some(version + 2));
    // A refused write tells no one.
    assert_eq!(save(&reader, db, "Ditolak").await, StatusCode::FORBIDDEN);
    assert_eq!(stream.next(Duration::from_millis(300)).await, None);

    // Reconnecting behind (a restart, a dropped network): told at once.
    let mut late = Stream::open(&reader, &register, Some(&version.to_string())).await;
    assert_eq!(late.next(Duration::from_secs(10)).await, Some(version + 2));
    let mut fresh = Stream::open(&reader, &register, None).await;
    assert_eq!(fresh.next(Duration::from_secs(10)).await, Some(version + 2));

    // Strangers and other sites get no stream.
    let url = format!("{}/api/events?register={register}", app.base);
    let anonymous = common::anonymous().get(&url).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let cross = reader.client.get(&url).header(header::ORIGIN, "https://evil.example").send().await;
    assert_eq!(cross.unwrap().status(), StatusCode::FORBIDDEN);
    let missing = reader.client.get(format!("{url}0")).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

/// Says that `app`'s user opens (or closes) row `row` for editing.
async fn announce(app: &App, row: &str, editing: bool) -> StatusCode {
    app.post_form("presence", &[("row", row), ("editing", &editing.to_string())]).await.0
}

/// Who edits which row: an editor opening a row of their Bagian is shown to
/// every page of the register, by name, and to a page that opens later;
/// closing it takes the name away. Only those who may edit the row say so.
#[apply(on_both_databases!)]
async fn pages_see_who_edits_a_row(db: &TestDb) {
    let app = App::start(db).await;
    let register = db.text("SELECT id FROM register").await.unwrap();
    let bagian: i32 = db
        .text("SELECT bagian_id FROM register_section ORDER BY position LIMIT 1")
        .await
        .unwrap()
        .parse()
        .unwrap();
    let row =
        db.text(&format!("SELECT MIN(id) FROM risk WHERE bagian_id = {bagian}")).await.unwrap();
    let other =
        db.text(&format!("SELECT MIN(id) FROM risk WHERE bagian_id <> {bagian}")).await.unwrap();
    let editor = app.as_user(db, "editor.hadir", Role::Editor, &[bagian]).await;
    let reviewer = app.as_user(db, "peninjau.hadir", Role::Reviewer, &[]).await;
    let version = db.text("SELECT version FROM register").await.unwrap();
    let mut watching = Stream::open(&reviewer, &register, Some(&version)).await;

    assert_eq!(announce(&editor, &row, true).await, StatusCode::OK);
    let heard = watching.presence(Duration::from_secs(10)).await.unwrap();
    assert_eq!(heard["row"].as_i64().unwrap().to_string(), row);
    assert_eq!(heard["name"], "editor.hadir");
    assert_eq!(heard["editing"], true);
    // A page opened now is told at once.
    let mut later = Stream::open(&reviewer, &register, Some(&version)).await;
    let told = later.presence(Duration::from_secs(10)).await.unwrap();
    assert_eq!(
        (told["row"].as_i64().unwrap().to_string(), &told["editing"]),
        (row.clone(), &true.into())
    );

    assert_eq!(announce(&editor, &row, false).await, StatusCode::OK);
    let closed = watching.presence(Duration::from_secs(10)).await.unwrap();
    assert_eq!(closed["editing"], false);
    let mut after = Stream::open(&reviewer, &register, Some(&version)).await;
    assert_eq!(after.presence(Duration::from_millis(300)).await, None, "no one edits now");

    // Not theirs to edit: refused, logged, and no one is told.
    let refused_before =
        db.text("SELECT COUNT(*) FROM auth_event WHERE kind = 'forbidden'").await.unwrap();
    assert_eq!(announce(&editor, &other, true).await, StatusCode::FORBIDDEN);
    assert_eq!(announce(&reviewer, &row, true).await, StatusCode::FORBIDDEN);
    assert_eq!(watching.presence(Duration::from_millis(300)).await, None);
    let refused =
        db.text("SELECT COUNT(*) FROM auth_event WHERE kind = 'forbidden'").await.unwrap();
    assert_eq!(refused.parse::<i64>().unwrap(), refused_before.parse::<i64>().unwrap() + 2);
    let anonymous = common::anonymous()
        .post(format!("{}/api/presence", app.base))
        .header(header::ORIGIN, &app.base)
        .form(&[("row", row.as_str()), ("editing", "true")])
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let missing = announce(&editor, "999999", true).await;
    assert_eq!(missing, StatusCode::NOT_FOUND);
}

/// A page behind reads only the rows changed since the version it shows:
/// cells saved and notes written; a change of the table's shape (a row
/// added), or a version older than the log's, says to read it all.
#[apply(on_both_databases!)]
async fn a_page_reads_only_what_changed(db: &TestDb) {
    let app = App::start(db).await;
    let register = db.text("SELECT id FROM register").await.unwrap();
    let version: i64 = db.text("SELECT version FROM register").await.unwrap().parse().unwrap();
    let since = |since: i64| {
        let (app, query) = (&app, format!("register_changes?register={register}&since={since}"));
        async move { app.get(&query).await }
    };
    let codes = |delta: &serde_json::Value| -> Vec<String> {
        let mut codes: Vec<String> = delta["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row["code"].as_str().unwrap().to_owned())
            .collect();
        codes.sort();
        codes
    };
    let now = since(version).await;
    assert_eq!((now["version"].as_i64(), codes(&now).len()), (Some(version), 0));
    // The import made every row: from before it, all of it.
    assert_eq!(since(0).await["rows"], serde_json::Value::Null);

    assert_eq!(save(&app, db, "Disimpan sekali").await, StatusCode::OK);
    let delta = since(version).await;
    assert_eq!(delta["version"].as_i64(), Some(version + 1));
    assert_eq!(codes(&delta), ["BK-001"]);
    assert_eq!(delta["rows"][0]["penyebab"], "Disimpan sekali");

    let second = db.text("SELECT id FROM risk WHERE code = 'BK-002'").await.unwrap();
    let (status, _) = app.post_form("add_note", &[("row", &second), ("body", "Periksa")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(codes(&since(version).await), ["BK-001", "BK-002"]);
    let only = since(version + 1).await;
    assert_eq!(
        (codes(&only), only["rows"][0]["notes"].as_i64()),
        (vec!["BK-002".to_owned()], Some(1))
    );

    let bagian = db.text("SELECT MIN(bagian_id) FROM risk").await.unwrap();
    let cells = serde_json::json!({
        "aktivitas": "A", "potensi": "P", "penyebab": "S", "dampak": "D", "rencana": "R"
    });
    let body = serde_json::json!({
        "register": register.parse::<i32>().unwrap(),
        "bagian": bagian.parse::<i32>().unwrap(),
        "after": null,
        "cells": cells
    });
    assert_eq!(app.post_json("add_row", body).await.0, StatusCode::OK);
    let reshaped = since(version + 2).await;
    assert_eq!(reshaped["version"].as_i64(), Some(version + 3));
    assert_eq!(reshaped["rows"], serde_json::Value::Null, "the shape changed");
    let missing =
        app.client.get(format!("{}/api/register_changes?register=0&since=1", app.base)).send();
    assert_eq!(missing.await.unwrap().status(), StatusCode::NOT_FOUND);
}
/// Two instances on one PostgreSQL: who edits a row through one is shown
/// on a page of the other, once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_instance_sees_who_edits() {
    let db = TestDb::new(common::Backend::Postgres).await;
    let first = App::start(&db).await;
    let second_base = format!("http://{}", common::spawn_server(db.ready_state().await).await);
    let second = App { base: second_base, client: first.client.clone() };
    let register = db.text("SELECT id FROM register").await.unwrap();
    let row = db.text("SELECT MIN(id) FROM risk").await.unwrap();
    let version = db.text("SELECT version FROM register").await.unwrap();
    let mut there = Stream::open(&second, &register, Some(&version)).await;
    let mut here = Stream::open(&first, &register, Some(&version)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(announce(&first, &row, true).await, StatusCode::OK);
    let heard = there.presence(Duration::from_secs(10)).await.unwrap();
    assert_eq!(
        (heard["name"].as_str(), heard["editing"].as_bool()),
        (Some("admin.uji"), Some(true))
    );
    assert!(here.presence(Duration::from_secs(10)).await.is_some());
    assert_eq!(here.presence(Duration::from_millis(500)).await, None, "told once, not twice");
    assert_eq!(there.presence(Duration::from_millis(500)).await, None, "told once, not twice");
}

/// Two instances on one PostgreSQL: a save through one reaches a page on
/// the other (NOTIFY), and each version is told once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_instance_hears_the_change() {
    let db = TestDb::new(common::Backend::Postgres).await;
    let first = App::start(&db).await;
    let second_base = format!("http://{}", common::spawn_server(db.ready_state().await).await);
    let second = App { base: second_base, client: first.client.clone() };
    let register = db.text("SELECT id FROM register").await.unwrap();
    let version: i64 = db.text("SELECT version FROM register").await.unwrap().parse().unwrap();
    let mut stream = Stream::open(&second, &register, Some(&version.to_string())).await;
    // The listener starts with the server: give it a moment to LISTEN.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(save(&first, &db, "Dari instans pertama").await, StatusCode::OK);
    assert_eq!(stream.next(Duration::from_secs(10)).await, Some(version + 1));
    assert_eq!(save(&second, &db, "Dari instans kedua").await, StatusCode::OK);
    assert_eq!(stream.next(Duration::from_secs(10)).await, Some(version + 2));
    assert_eq!(stream.next(Duration::from_millis(500)).await, None, "told once, not twice");
}
