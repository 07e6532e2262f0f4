//! What happened to a register's rows: each row's history from the change
//! log, and the rows deleted, which can be brought back.
pub use super::model::{Action, Author, ChangeView, DeletedRow, RowHistory};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The history of row `row` (also of a deleted one), newest first.
#[server(endpoint = "row_history", input = GetUrl)]
pub async fn load_row_history(row: i32) -> Result<RowHistory, AppError> {
    let load = async {
        let db = crate::state::db()?;
        super::repo::row_history(&db, row).await?.ok_or(AppError::NotFound)
    };
    load.await.map_err(AppError::with_http_status)
}

/// The deleted rows of register `register`, most recently deleted first.
#[server(endpoint = "deleted_rows", input = GetUrl)]
pub async fn load_deleted_rows(register: i32) -> Result<Vec<DeletedRow>, AppError> {
    let load = async {
        let db = crate::state::db()?;
        Ok(super::repo::deleted_rows(&db, register).await?)
    };
    load.await.map_err(AppError::with_http_status)
}
