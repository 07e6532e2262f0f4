//! Server functions of the register: thin adapters over `repo`.
use super::model::RegisterView;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The register of `year`, or the latest one when `year` is not given.
#[server(endpoint = "get_register", input = GetUrl)]
pub async fn get_register(year: Option<i32>) -> Result<Option<RegisterView>, AppError> {
    let load = async {
        let db = crate::state::db()?;
        Ok(super::repo::load_register(&db, year).await?)
    };
    load.await.map_err(AppError::with_http_status)
}
