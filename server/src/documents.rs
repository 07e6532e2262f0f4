//! Downloads of a register's documents by plain links (they work without
//! JavaScript): `GET /unduh/register.xlsx` and `/unduh/register.csv`, with
//! `?unit=&tahun=` for a register other than the most recent.
use app::i18n::locale_from_cookie_header;
use app::register::export::write_csv;
use app::register::model::{RegisterKey, RegisterView};
use app::state::AppState;
use axum::{
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Which {
    unit: Option<i32>,
    tahun: Option<i32>,
}

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/unduh/register.xlsx", axum::routing::get(xlsx))
        .route("/unduh/register.csv", axum::routing::get(csv))
}

async fn xlsx(state: State<AppState>, which: Query<Which>, headers: HeaderMap) -> Response {
    let locale = headers
        .get(header::COOKIE)
        .and_then(|value| value.to_str().ok())
        .and_then(locale_from_cookie_header)
        .unwrap_or_default();
    download(state, which, "xlsx", app::documents::XLSX_CONTENT_TYPE, move |register| {
        app::documents::register_workbook(register, locale.strings()).map_err(|e| e.to_string())
    })
    .await
}

async fn csv(state: State<AppState>, which: Query<Which>) -> Response {
    download(state, which, "csv", "text/csv; charset=utf-8", |register| {
        // A byte-order mark: Excel reads the file as UTF-8 then.
        let mut bytes = "\u{FEFF}".as_bytes().to_vec();
        write_csv(register, &mut bytes).map_err(|e| e.to_string())?;
        Ok(bytes)
    })
    .await
}

/// The register named by `which`, written by `write` (off the async
/// threads: a large register takes a moment), as an attachment.
async fn download(
    State(state): State<AppState>,
    Query(which): Query<Which>,
    extension: &'static str,
    content_type: &'static str,
    write: impl FnOnce(&RegisterView) -> Result<Vec<u8>, String> + Send + 'static,
) -> Response {
    if !state.is_ready() {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let key = RegisterKey { unit_id: which.unit, year: which.tahun };
    let register = match app::register::repo::load_register(&state.db, key).await {
        Ok(Some(register)) => register,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return app::error::AppError::from(error).status().into_response(),
    };
    let name = file_name(&register, extension);
    let written = tokio::task::spawn_blocking(move || write(&register)).await;
    let bytes = match written {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(error)) => {
            tracing::error!(%error, "a document could not be written");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(disposition) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    response
}

/// "pemetaan-benturan-biro-administrasi-pimpinan-2026.xlsx": the unit in
/// plain ASCII letters and digits, the year, the format.
fn file_name(register: &RegisterView, extension: &str) -> String {
    let mut unit = String::new();
    for c in register.unit_name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            unit.push(c);
        } else if !unit.ends_with('-') && !unit.is_empty() {
            unit.push('-');
        }
    }
    let unit: String = unit.trim_end_matches('-').chars().take(60).collect();
    format!("pemetaan-benturan-{unit}-{}.{extension}", register.year)
}
