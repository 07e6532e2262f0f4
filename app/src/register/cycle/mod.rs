//! The register's yearly cycle on the web: taking a step, and reading an
//! approved revision back as it was set (read-only, printable).
#[cfg(feature = "ssr")]
pub mod repo;

use super::model::{RegisterView, Step, StepInput};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Takes `step` on register `register`, read by the user at `version`;
/// returns the register's new version. Only the role the step is for (a
/// 403 otherwise, nothing changed); a rule broken names its field.
#[server(endpoint = "take_register_step")]
pub async fn take_register_step(
    register: i32,
    version: i32,
    step: Step,
    #[server(default)] input: StepInput,
) -> Result<i32, AppError> {
    crate::register::edit::in_write(async |write| {
        let taken = super::write::take_step(write, register, version, step, &input).await?;
        Ok(taken.version)
    })
    .await
}

/// Starts the unit's next year's register from register `register`, carried
/// forward; returns its address. Admins only. Started already (a colleague
/// a moment before): the address of that one, which is left as it is.
#[server(endpoint = "carry_forward")]
pub async fn carry_forward(register: i32) -> Result<String, AppError> {
    crate::register::edit::in_write(async |write| {
        let carried = super::write::carry_forward(write, register).await?;
        Ok(super::model::RegisterKey::path(carried.unit_id, carried.year))
    })
    .await
}

/// Register `unit`/`year` as its revision `revision` was set (approved):
/// read-only. `None` when there is no such register or that revision was
/// never approved.
#[server(endpoint = "get_register_revision", input = GetUrl)]
pub async fn get_register_revision(
    unit: i32,
    year: i32,
    revision: i32,
) -> Result<Option<RegisterView>, AppError> {
    let load = async {
        let db = crate::state::db()?;
        let key = super::model::RegisterKey::of(unit, year);
        Ok(repo::load_revision(&db, key, revision, crate::db::today()).await?)
    };
    load.await.map_err(AppError::with_http_status)
}
