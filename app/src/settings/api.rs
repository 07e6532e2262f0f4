//! The settings' server functions: the matrix and the conflict sources,
//! read by anyone, changed by admins through the register's write path.
use super::model::{MatrixSaved, SourceUse};
use crate::error::AppError;
use crate::register::model::{Level, Matrix, SourceView};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// The risk matrix as stored.
#[server(endpoint = "risk_matrix", input = GetUrl)]
pub async fn risk_matrix() -> Result<Matrix, AppError> {
    let load = async {
        let db = crate::state::db()?;
        Ok(crate::register::repo::matrix(&db).await?)
    };
    load.await.map_err(AppError::with_http_status)
}

/// Gives each score (1–25) the level named; levels may not fall as scores
/// rise. Admins only.
#[server(endpoint = "set_risk_matrix", input = Json)]
pub async fn set_risk_matrix(levels: Vec<(u8, Level)>) -> Result<MatrixSaved, AppError> {
    crate::register::edit::in_write(async |write| {
        let done = crate::register::write::set_matrix_levels(write, &levels).await?;
        Ok(MatrixSaved { rows: done.rows, registers: done.registers })
    })
    .await
}

/// Every source of conflict, retired ones too, in their order.
#[server(endpoint = "conflict_sources", input = GetUrl)]
pub async fn conflict_sources() -> Result<Vec<SourceUse>, AppError> {
    let load = async {
        let db = crate::state::db()?;
        let uses = crate::register::repo::source_uses(&db).await?;
        let sources = crate::register::repo::sources(&db).await?;
        let used = |id: i32| uses.get(&id).copied().unwrap_or(0);
        Ok(sources.into_iter().map(|source| SourceUse { rows: used(source.id), source }).collect())
    };
    load.await.map_err(AppError::with_http_status)
}

/// Adds a source of conflict named `name`. Admins only.
#[server(endpoint = "add_conflict_source")]
pub async fn add_conflict_source(name: String) -> Result<SourceView, AppError> {
    crate::register::edit::in_write(async |write| {
        Ok(crate::register::write::add_source(write, &name).await?)
    })
    .await
}

/// Renames source `id` from `expected` to `name`. Admins only.
#[server(endpoint = "rename_conflict_source")]
pub async fn rename_conflict_source(
    id: i32,
    expected: String,
    name: String,
) -> Result<SourceView, AppError> {
    crate::register::edit::in_write(async |write| {
        Ok(crate::register::write::rename_source(write, id, &expected, &name).await?)
    })
    .await
}

/// Retires source `id`, or brings it back (`active`). Admins only.
#[server(endpoint = "set_conflict_source_active")]
pub async fn set_conflict_source_active(id: i32, active: bool) -> Result<SourceView, AppError> {
    crate::register::edit::in_write(async |write| {
        Ok(crate::register::write::set_source_active(write, id, active).await?)
    })
    .await
}
