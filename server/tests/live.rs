//! The live channel over HTTP, on both databases: a page hears every new
//! version of its register, from its own instance and, on PostgreSQL, from
//! another instance on the same database; a page that reconnects behind
//! hears the current version at once.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

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

    /// The next change's version, or `None` after `wait` without one.
    async fn next(&mut self, wait: Duration) -> Option<i64> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.1.find("\n\n") {
                let event: String = self.1.drain(..end + 2).collect();
                if let Some(data) = event.lines().find_map(|line| line.strip_prefix("data: ")) {
                    let change: serde_json::Value = serde_json::from_str(data).unwrap();
                    return Some(change["version"].as_i64().unwrap());
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

on_both_databases!(a_page_hears_each_new_version);

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
