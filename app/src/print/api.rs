//! Server functions of the printed form.
use super::model::{PrintForm, PrintSettingsInput};
use crate::error::AppError;
use crate::register::as_of::AsOfGap;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Register `unit`/`year` as the printed form shows it, as of the end of
/// day `per` ("2026-09-30") if given, or as its approved revision `revisi`
/// was set; `None` when there is none. A `per` that is no date is refused
/// naming the field.
#[server(endpoint = "print_form", input = GetUrl)]
pub async fn get_print_form(
    unit: i32,
    year: i32,
    per: Option<String>,
    revisi: Option<i32>,
) -> Result<Option<Result<PrintForm, AsOfGap>>, AppError> {
    let load = async {
        use super::repo::Printed;
        let per = per.as_deref().map(crate::register::as_of::api::day_asked).transpose()?;
        let db = crate::state::db()?;
        let key = crate::register::model::RegisterKey::of(unit, year);
        let today = crate::db::today();
        let printed = match (revisi, per) {
            (Some(revision), _) => Printed::Revision(revision),
            (None, Some(day)) => Printed::Per(day),
            (None, None) => Printed::Now,
        };
        Ok(super::repo::load_print_form(&db, key, printed, today).await?)
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
    crate::register::edit::in_write(async |write| {
        super::repo::save_settings(write, register, version, &settings).await
    })
    .await
}
