//! Server functions of the printed form.
use super::model::{PrintForm, PrintSettingsInput};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Register `unit`/`year` as the printed form shows it; `None` when there
/// is none.
#[server(endpoint = "print_form", input = GetUrl)]
pub async fn get_print_form(unit: i32, year: i32) -> Result<Option<PrintForm>, AppError> {
    let load = async {
        let db = crate::state::db()?;
        let key = crate::register::model::RegisterKey::of(unit, year);
        Ok(super::repo::load_print_form(&db, key).await?)
    };
    load.await.map_err(AppError::with_http_status)
}

/// Stores the form's heading and signatories on register `register`, read
/// at `version`; returns the register's new version. Admins only.
#[server(endpoint = "save_print_settings")]
pub async fn save_print_settings(
    register: i32,
    version: i32,
    settings: PrintSettingsInput,
) -> Result<i32, AppError> {
    crate::register::edit::in_write(async |txn, actor| {
        super::repo::save_settings(txn, actor, register, version, &settings).await
    })
    .await
}
