//! `GET /healthz` for operators and their orchestrators: ready when the
//! database answers and its migrations have run, else a 503 that says which
//! is missing. Open to anyone and never cached; it tells nothing of the data.
use app::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub async fn healthz(State(state): State<AppState>) -> Response {
    let migrated = state.is_ready();
    // Bounded by the pool's acquire timeout when the database is gone.
    let reachable = state.db.ping().await.is_ok();
    let ready = migrated && reachable;
    let body = serde_json::json!({
        "status": if ready { "ok" } else { "unavailable" },
        "database": if reachable { "ok" } else { "unreachable" },
        "migrations": if migrated { "done" } else { "pending" },
    });
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}
