//! Review notes on rows: reviewers (APIP / Inspektorat, Kepala Biro) write
//! them, everyone reads them, and every open page hears of a new one.
pub use super::model::NoteView;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The review notes of row `row`, oldest first.
#[server(endpoint = "row_notes", input = GetUrl)]
pub async fn row_notes(row: i32) -> Result<Vec<NoteView>, AppError> {
    let load = async {
        let db = crate::state::db()?;
        Ok(super::repo::row_notes(&db, row).await?)
    };
    load.await.map_err(AppError::with_http_status)
}

/// Writes a review note on row `row`; returns its id. Reviewers and admins only.
#[server(endpoint = "add_note")]
pub async fn add_note(row: i32, body: String) -> Result<i32, AppError> {
    super::edit::in_write(async |write| Ok(super::write::add_note(write, row, &body).await?)).await
}

/// Marks note `note` resolved, or open again. Reviewers and admins only.
#[server(endpoint = "resolve_note")]
pub async fn resolve_note(note: i32, resolved: bool) -> Result<(), AppError> {
    super::edit::in_write(
        async |write| Ok(super::write::resolve_note(write, note, resolved).await?),
    )
    .await
}
