//! The server function of the register "as of" a day.
use super::AsOfView;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Register `unit`/`year` (without them, the default register) as it stood
/// at the end of day `per` ("2026-09-30"); `None` when there is no such
/// register. A text that is no date is refused naming the field.
#[server(endpoint = "get_register_as_of", input = GetUrl)]
pub async fn get_register_as_of(
    unit: Option<i32>,
    year: Option<i32>,
    per: String,
) -> Result<Option<AsOfView>, AppError> {
    let load = async {
        let date = day_asked(&per)?;
        let db = crate::state::db()?;
        let key = crate::register::model::RegisterKey { unit_id: unit, year };
        let today = crate::db::today();
        Ok(super::repo::load_as_of(&db, key, date, today).await?)
    };
    load.await.map_err(AppError::with_http_status)
}

/// The day a `per` names; a text that is none is refused naming the field.
pub fn day_asked(per: &str) -> Result<chrono::NaiveDate, AppError> {
    super::parse_day(per).ok_or_else(|| {
        let problem = crate::rules::FieldProblem::InvalidDate;
        AppError::Validation(vec![crate::rules::FieldError::new(
            crate::rules::Field::AsOf,
            problem,
        )])
    })
}
