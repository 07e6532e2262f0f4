//! The operators' health check: ready with the database and its migrations,
//! else a 503 naming what is missing; reached without signing in.
use crate::common;
use macro_rules_attribute::apply;

use app::state::AppState;
use common::{TestDb, spawn_server};
use reqwest::{StatusCode, header};
use serde_json::{Value, json};

/// `/healthz` of the server at `base`: its status and what it says.
pub async fn health(base: &str) -> (StatusCode, Value) {
    let response = common::anonymous().get(format!("{base}/healthz")).send().await.unwrap();
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
    let status = response.status();
    (status, serde_json::from_str(&response.text().await.unwrap()).unwrap())
}

#[apply(on_both_databases!)]
async fn a_ready_server_says_so_to_anyone(db: &TestDb) {
    let base = format!("http://{}", spawn_server(db.ready_state().await).await);
    let (status, body) = health(&base).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({ "status": "ok", "database": "ok", "migrations": "done" }));
}

#[apply(on_both_databases!)]
async fn a_server_before_its_migrations_is_not_ready(db: &TestDb) {
    // Not marked ready: its migrations have not run yet.
    let state = AppState::new(benturan::leptos_options(), db.db.clone());
    let base = format!("http://{}", spawn_server(state).await);
    let (status, body) = health(&base).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body, json!({ "status": "unavailable", "database": "ok", "migrations": "pending" }));
}
