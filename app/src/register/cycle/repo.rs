//! An approved revision read back: the register at the version its
//! approval made, rebuilt from the change log.
use crate::register::as_of::repo::register_at;
use crate::register::model::{AsOf, RegisterKey, RegisterView, approval_of};
use crate::register::repo::{register_record, steps_of};
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr};

/// Register `key` as its revision `revision` was approved, overdue as of
/// `today`; its `as_of` names the revision and the approval's day. `None`
/// if there is no such register or that revision was never approved.
pub async fn load_revision(
    db: &impl ConnectionTrait,
    key: RegisterKey,
    revision: i32,
    today: NaiveDate,
) -> Result<Option<RegisterView>, DbErr> {
    let Some(record) = register_record(db, key).await? else {
        return Ok(None);
    };
    let steps = steps_of(db, record.id).await?;
    let Some(approval) = approval_of(&steps, revision) else {
        return Ok(None);
    };
    let date = crate::rules::assessment::today_in_makassar(approval.at);
    let key = RegisterKey::of(record.unit_id, record.year);
    let Some(mut register) = register_at(db, key, approval.version, date.min(today)).await? else {
        return Ok(None);
    };
    register.as_of = Some(AsOf { date, version: approval.version, revision: Some(revision) });
    Ok(Some(register))
}
