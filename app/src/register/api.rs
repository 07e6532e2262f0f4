//! Server functions of the register: thin adapters over `repo`.
use super::model::{RegisterDelta, RegisterView};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The register of a unit for a year; without them, the default register
/// (the first unit's, the most recent year). `None` when there is none.
#[server(endpoint = "get_register", input = GetUrl)]
pub async fn get_register(
    unit: Option<i32>,
    year: Option<i32>,
) -> Result<Option<RegisterView>, AppError> {
    let load = async {
        let db = crate::state::db()?;
        let key = super::model::RegisterKey { unit_id: unit, year };
        Ok(super::repo::load_register(&db, key).await?)
    };
    load.await.map_err(AppError::with_http_status)
}

/// What changed in register `register` since version `since` (the page's):
/// the rows changed, or word that the table's shape changed.
#[server(endpoint = "register_changes", input = GetUrl)]
pub async fn changes_since(register: i32, since: i32) -> Result<RegisterDelta, AppError> {
    let load = async {
        let db = crate::state::db()?;
        super::repo::changes_since(&db, register, since).await?.ok_or(AppError::NotFound)
    };
    load.await.map_err(AppError::with_http_status)
}
