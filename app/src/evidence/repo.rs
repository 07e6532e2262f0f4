//! Reading a quarter's evidence: the register as of its last day, and the
//! change log and review notes of the quarter.
use super::{EvidencePack, Quarter};
use crate::entities::{change_log, review_note, risk};
use crate::register::as_of::AsOfGap;
use crate::register::as_of::repo::{day_end, end_of_day};
use crate::register::history::Action;
use crate::register::model::RegisterKey;
use crate::register::repo::{change_views, note_views};
use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, sea_query::Expr,
};
use std::collections::HashMap;

/// The evidence of quarter `quarter` of register `key`; or why the register
/// cannot be shown as of the quarter's last day (it has not ended by
/// `today`, or the log begins after it). `None` if there is no register.
pub async fn load_pack(
    db: &impl ConnectionTrait,
    key: RegisterKey,
    quarter: u8,
    today: NaiveDate,
) -> Result<Option<Result<EvidencePack, AsOfGap>>, DbErr> {
    let Some(year) = year_of(db, key).await? else { return Ok(None) };
    let Some(quarter) = Quarter::new(year, quarter) else { return Ok(None) };
    let last = quarter.last_day();
    let loaded =
        crate::print::repo::load_print_form(db, key, crate::print::repo::Printed::Per(last), today)
            .await?;
    let form = match loaded {
        None => return Ok(None),
        Some(Err(gap)) => return Ok(Some(Err(gap))),
        Some(Ok(form)) => form,
    };
    let from = quarter.first_day().pred_opt().map(end_of_day).unwrap_or_default();
    let until = end_of_day(last);
    let register = form.register.id;
    let entries = change_log::Entity::find()
        .filter(change_log::Column::RegisterId.eq(register))
        .filter(change_log::Column::Action.ne(Action::Layout.code()))
        .filter(Expr::cust(format!("changed_at >= '{from}'")))
        .filter(Expr::cust(format!("changed_at < '{until}'")))
        .order_by_asc(change_log::Column::Id)
        .all(db)
        .await?;
    let rows_of_register = risk::Entity::find()
        .select_only()
        .column(risk::Column::Id)
        .filter(risk::Column::RegisterId.eq(register))
        .into_query();
    let notes = review_note::Entity::find()
        .filter(review_note::Column::RiskId.in_subquery(rows_of_register))
        .filter(Expr::cust(format!("created_at < '{until}'")))
        .filter(Expr::cust(format!("(resolved_at IS NULL OR resolved_at >= '{from}')")))
        .order_by_asc(review_note::Column::Id)
        .all(db)
        .await?;
    let row_ids = entries.iter().filter_map(|entry| entry.risk_id);
    let codes = codes(db, row_ids.chain(notes.iter().map(|note| note.risk_id))).await?;
    let code = |id: Option<i32>| id.and_then(|id| codes.get(&id).cloned()).unwrap_or_default();
    let row_of: Vec<Option<i32>> = entries.iter().map(|entry| entry.risk_id).collect();
    let changes = change_views(db, entries).await?;
    let changes = row_of.into_iter().map(code).zip(changes).collect();
    // A note resolved after the quarter's end was open at it.
    let resolved_by_end: Vec<bool> =
        notes.iter().map(|note| note.resolved_at.is_some_and(|at| at < day_end(last))).collect();
    let row_of: Vec<i32> = notes.iter().map(|note| note.risk_id).collect();
    let mut notes = note_views(db, notes).await?;
    for (note, resolved) in notes.iter_mut().zip(resolved_by_end) {
        if !resolved {
            note.resolved = None;
        }
    }
    let notes = row_of.into_iter().map(|id| code(Some(id))).zip(notes).collect();
    let generated = crate::db::clock(db).await?;
    Ok(Some(Ok(EvidencePack { quarter, form, changes, notes, generated })))
}

/// Quarter `number` of register `key`'s year (`None`: no such register,
/// or no such quarter).
pub async fn quarter_of(
    db: &impl ConnectionTrait,
    key: RegisterKey,
    number: u8,
) -> Result<Option<Quarter>, DbErr> {
    Ok(year_of(db, key).await?.and_then(|year| Quarter::new(year, number)))
}

/// The year of register `key`.
async fn year_of(db: &impl ConnectionTrait, key: RegisterKey) -> Result<Option<i32>, DbErr> {
    let record = crate::register::repo::register_record(db, key).await?;
    Ok(record.map(|record| record.year))
}

/// The codes of rows `ids` (deleted ones too).
async fn codes(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = i32>,
) -> Result<HashMap<i32, String>, DbErr> {
    let mut ids: Vec<i32> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    let mut codes = HashMap::new();
    // In chunks: PostgreSQL takes at most 65,535 parameters a statement.
    for chunk in ids.chunks(10_000) {
        let found: Vec<(i32, Option<String>)> = risk::Entity::find()
            .select_only()
            .columns([risk::Column::Id, risk::Column::Code])
            .filter(risk::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        codes.extend(found.into_iter().map(|(id, code)| (id, code.unwrap_or_default())));
    }
    Ok(codes)
}
