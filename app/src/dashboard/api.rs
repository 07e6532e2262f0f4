//! The dashboard's server function.
use super::model::DashboardView;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The dashboard of a unit's register for a year (the default register
/// without them); `None` when there is none.
#[server(endpoint = "dashboard", input = GetUrl)]
pub async fn get_dashboard(
    unit: Option<i32>,
    year: Option<i32>,
) -> Result<Option<DashboardView>, AppError> {
    let load = async {
        let db = crate::state::db()?;
        let key = crate::register::model::RegisterKey { unit_id: unit, year };
        let today = crate::db::today();
        // The server provides one cache per router; without it, none.
        let cache = use_context::<super::repo::FigureCache>().unwrap_or_default();
        Ok(super::repo::dashboard(&db, key, today, &cache).await?)
    };
    load.await.map_err(AppError::with_http_status)
}
