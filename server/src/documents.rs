//! Downloads of a register's documents by plain links (they work without
//! JavaScript): `GET /unduh/register.xlsx` and `/unduh/register.csv`, with
//! `?unit=&tahun=` for a register other than the most recent, and
//! `&per=2026-09-30` for the register as it stood at the end of that day;
//! and the quarter's evidence pack, `/unduh/paket-bukti.xlsx?unit=&tahun=&triwulan=`.
use app::error::AppError;
use app::i18n::{Locale, Strings, locale_from_cookie_header};
use app::register::as_of::AsOfGap;
use app::register::as_of::api::day_asked;
use app::register::as_of::repo::load_register_on;
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
    per: Option<String>,
}

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/unduh/register.xlsx", axum::routing::get(xlsx))
        .route("/unduh/register.csv", axum::routing::get(csv))
        .route(app::evidence::PACK_DOWNLOAD, axum::routing::get(evidence_pack))
}

async fn xlsx(state: State<AppState>, which: Query<Which>, headers: HeaderMap) -> Response {
    let locale = locale_of(&headers);
    download(state, which, locale, "xlsx", app::documents::XLSX_CONTENT_TYPE, move |register| {
        app::documents::register_workbook(register, locale.strings()).map_err(|e| e.to_string())
    })
    .await
}

async fn csv(state: State<AppState>, which: Query<Which>, headers: HeaderMap) -> Response {
    let locale = locale_of(&headers);
    download(state, which, locale, "csv", "text/csv; charset=utf-8", |register| {
        // A byte-order mark: Excel reads the file as UTF-8 then.
        let mut bytes = "\u{FEFF}".as_bytes().to_vec();
        write_csv(register, &mut bytes).map_err(|e| e.to_string())?;
        Ok(bytes)
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct WhichQuarter {
    unit: i32,
    tahun: i32,
    triwulan: Option<i32>,
}

/// The quarter's evidence pack: `?unit=&tahun=&triwulan=3`.
async fn evidence_pack(
    State(state): State<AppState>,
    Query(which): Query<WhichQuarter>,
    headers: HeaderMap,
) -> Response {
    if !state.is_ready() {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let locale = locale_of(&headers);
    let t = locale.strings();
    let quarter = match app::evidence::api::quarter_asked(which.triwulan.unwrap_or(0)) {
        Ok(quarter) => quarter,
        Err(error) => return refusal(error, t),
    };
    let key = RegisterKey::of(which.unit, which.tahun);
    let today = app::db::today();
    let pack = match app::evidence::repo::load_pack(&state.db, key, quarter, today).await {
        Ok(Some(Ok(pack))) => pack,
        Ok(Some(Err(gap))) => {
            let last = app::evidence::Quarter::new(which.tahun, quarter).map(|q| q.last_day());
            return gap_response(gap, last.unwrap_or(today), t);
        }
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return AppError::from(error).status().into_response(),
    };
    let register = &pack.form.register;
    let name =
        format!("paket-bukti-{}-{}-triwulan-{quarter}.xlsx", unit_slug(register), register.year);
    let written = tokio::task::spawn_blocking(move || {
        app::documents::evidence_workbook(&pack, t).map_err(|e| e.to_string())
    })
    .await;
    attachment(written, app::documents::XLSX_CONTENT_TYPE, &name)
}

fn locale_of(headers: &HeaderMap) -> Locale {
    headers
        .get(header::COOKIE)
        .and_then(|value| value.to_str().ok())
        .and_then(locale_from_cookie_header)
        .unwrap_or_default()
}

/// The register named by `which`, written by `write` (off the async
/// threads: a large register takes a moment), as an attachment.
async fn download(
    State(state): State<AppState>,
    Query(which): Query<Which>,
    locale: Locale,
    extension: &'static str,
    content_type: &'static str,
    write: impl FnOnce(&RegisterView) -> Result<Vec<u8>, String> + Send + 'static,
) -> Response {
    if !state.is_ready() {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let key = RegisterKey { unit_id: which.unit, year: which.tahun };
    let register = match load(&state, key, which.per.as_deref(), locale).await {
        Ok(register) => register,
        Err(refused) => return refused,
    };
    let name = file_name(&register, extension);
    let written = tokio::task::spawn_blocking(move || write(&register)).await;
    attachment(written, content_type, &name)
}

/// The bytes written off the async threads, as an attachment named `name`.
fn attachment(
    written: Result<Result<Vec<u8>, String>, tokio::task::JoinError>,
    content_type: &'static str,
    name: &str,
) -> Response {
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

/// Register `key`, as of day `per` if given; or the response that says why
/// there is none (a `per` that is no date, or a day it cannot be shown),
/// in the user's language.
async fn load(
    state: &AppState,
    key: RegisterKey,
    per: Option<&str>,
    locale: Locale,
) -> Result<RegisterView, Response> {
    let t = locale.strings();
    let day = per.map(day_asked).transpose().map_err(|error| refusal(error, t))?;
    let today = app::db::today();
    match load_register_on(&state.db, key, day, today).await {
        Ok(Some(Ok(register))) => Ok(register),
        Ok(Some(Err(gap))) => Err(gap_response(gap, day.unwrap_or(today), t)),
        Ok(None) => Err(StatusCode::NOT_FOUND.into_response()),
        Err(error) => Err(AppError::from(error).status().into_response()),
    }
}

/// A refused query in the user's words: the fields and their limits.
fn refusal(error: AppError, t: &Strings) -> Response {
    match error {
        AppError::Validation(errors) => {
            (StatusCode::UNPROCESSABLE_ENTITY, t.field_errors(&errors)).into_response()
        }
        error => error.status().into_response(),
    }
}

/// Why the register cannot be shown as of `day`, in the user's words.
fn gap_response(gap: AsOfGap, day: chrono::NaiveDate, t: &Strings) -> Response {
    (StatusCode::NOT_FOUND, gap.text(t, day)).into_response()
}

/// "pemetaan-benturan-biro-administrasi-pimpinan-2026.xlsx": the unit in
/// plain ASCII letters and digits, the year, the format; of a register as
/// of a day, "…-2026-per-2026-09-30.xlsx".
fn file_name(register: &RegisterView, extension: &str) -> String {
    let unit = unit_slug(register);
    let per = register.as_of.map(|as_of| format!("-per-{}", as_of.date)).unwrap_or_default();
    format!("pemetaan-benturan-{unit}-{}{per}.{extension}", register.year)
}

/// The unit's name in plain lower-case ASCII letters and digits, dashed.
fn unit_slug(register: &RegisterView) -> String {
    let mut unit = String::new();
    for c in register.unit_name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            unit.push(c);
        } else if !unit.ends_with('-') && !unit.is_empty() {
            unit.push('-');
        }
    }
    unit.trim_end_matches('-').chars().take(60).collect()
}
