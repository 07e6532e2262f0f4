//! The server function of the quarter's evidence pack.
use super::EvidencePack;
use crate::error::AppError;
use crate::register::as_of::AsOfGap;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The evidence of quarter `quarter` (1 to 4) of register `unit`/`year`;
/// `None` when there is no such register, `Err(gap)` when the quarter has
/// not ended or the log begins after it. Another quarter is refused naming
/// the field and its range.
#[server(endpoint = "evidence_pack", input = GetUrl)]
pub async fn get_evidence_pack(
    unit: i32,
    year: i32,
    quarter: i32,
) -> Result<Option<Result<EvidencePack, AsOfGap>>, AppError> {
    let load = async {
        let quarter = quarter_asked(quarter)?;
        let db = crate::state::db()?;
        let key = crate::register::model::RegisterKey::of(unit, year);
        let today = crate::db::today();
        Ok(super::repo::load_pack(&db, key, quarter, today).await?)
    };
    load.await.map_err(AppError::with_http_status)
}

/// The quarter a call names; another number is refused naming the field.
pub fn quarter_asked(quarter: i32) -> Result<u8, AppError> {
    crate::rules::assessment::parse_quarter(quarter).map_err(|e| AppError::Validation(vec![e]))
}
