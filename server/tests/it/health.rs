//! The operators' health check (ready with the database and its migrations,
//! else a 503 naming what is missing) and their figures; both reached
//! without signing in.
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

/// One figure of `/metrics` at `base`: the number on the line `line` names.
async fn figure(base: &str, line: &str) -> f64 {
    let response = common::anonymous().get(format!("{base}/metrics")).send().await.unwrap();
    assert!(response.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/plain"));
    let text = response.text().await.unwrap();
    let value = text.lines().find_map(|l| l.strip_prefix(line)?.strip_prefix(' ')?.parse().ok());
    value.unwrap_or_else(|| panic!("{line} in:\n{text}"))
}

#[apply(on_both_databases!)]
async fn the_figures_count_requests_saves_and_conflicts(db: &TestDb) {
    let app = common::App::start(db).await;
    let id = db.text("SELECT id FROM risk WHERE code = 'BK-001'").await.unwrap();
    let old = db.text(&format!("SELECT penyebab FROM risk WHERE id = {id}")).await.unwrap();
    let base = app.base.as_str();
    let saves = figure(base, "benturan_saves_total").await;
    let conflicts = figure(base, "benturan_conflicts_total").await;
    let refused = figure(base, "benturan_http_requests_total{class=\"4xx\"}").await;
    let answered = figure(base, "benturan_http_request_duration_seconds_count").await;
    let save =
        |value| [("row", id.as_str()), ("field", "Penyebab"), ("expected", &old), ("value", value)];
    assert_eq!(app.post_form("save_cell", &save("Penyebab baru")).await.0, StatusCode::OK);
    // Named after what the cell held before: someone saved since.
    assert_eq!(app.post_form("save_cell", &save("Penyebab lain")).await.0, StatusCode::CONFLICT);
    // The other tests of this process count too: at least these.
    assert!(figure(base, "benturan_saves_total").await > saves);
    assert!(figure(base, "benturan_conflicts_total").await > conflicts);
    assert!(figure(base, "benturan_http_requests_total{class=\"4xx\"}").await > refused);
    // The two saves and the four reads of the figures before them.
    assert!(figure(base, "benturan_http_request_duration_seconds_count").await >= answered + 6.0);
    let every = figure(base, "benturan_http_request_duration_seconds_bucket{le=\"+Inf\"}").await;
    let counted = figure(base, "benturan_http_request_duration_seconds_count").await;
    assert!(every <= counted, "the +Inf bucket holds what was counted before it was read");
    assert!(figure(base, "benturan_event_streams_open").await >= 0.0);
}
