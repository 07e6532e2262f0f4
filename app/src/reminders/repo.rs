//! Which control actions fall due for whom.
use super::DUE_WITHIN_DAYS;
use super::model::DueItem;
use crate::auth::{CurrentUser, Role};
use crate::entities::{org_unit, register, risk};
use crate::register::filter::fold;
use crate::register::model::{RichText, RtpStatus};
use chrono::{Datelike, NaiveDate};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ExprTrait, FromQueryResult, JoinType,
    QueryFilter, QueryOrder, QuerySelect, RelationTrait,
};

#[derive(FromQueryResult)]
struct Due {
    id: i32,
    code: Option<String>,
    unit_id: i32,
    year: i32,
    bagian_id: i32,
    bagian: String,
    aktivitas: String,
    rtp_owner: Option<String>,
    rtp_due: NaiveDate,
    rtp_status: Option<String>,
}

/// The control actions `user` owns or edits that are not done and fall due
/// by `today` + 14 days (or are overdue), soonest first: of the registers of
/// this year and later. An editor's are their Bagian's; an admin's all; a
/// reviewer's or reader's those naming them as the owner.
pub async fn due_for(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    today: NaiveDate,
) -> Result<Vec<DueItem>, DbErr> {
    if user.role == Role::Editor && user.bagian.is_empty() {
        return Ok(Vec::new());
    }
    let until = today + chrono::Duration::days(DUE_WITHIN_DAYS);
    let mut query = risk::Entity::find()
        .select_only()
        .columns([risk::Column::Id, risk::Column::Code, risk::Column::BagianId])
        .columns([risk::Column::Aktivitas, risk::Column::RtpOwner, risk::Column::RtpDue])
        .column(risk::Column::RtpStatus)
        .column_as(register::Column::UnitId, "unit_id")
        .column_as(register::Column::Year, "year")
        .column_as(org_unit::Column::Name, "bagian")
        .join(JoinType::InnerJoin, risk::Relation::Register.def())
        .join(JoinType::InnerJoin, risk::Relation::Bagian.def())
        .filter(risk::Column::DeletedAt.is_null())
        .filter(risk::Column::RtpDue.lte(until))
        .filter(register::Column::Year.gte(today.year()))
        .filter(
            risk::Column::RtpStatus
                .is_null()
                .or(risk::Column::RtpStatus.ne(RtpStatus::Selesai.code())),
        )
        .order_by_asc(risk::Column::RtpDue)
        .order_by_asc(risk::Column::Id);
    if user.role == Role::Editor {
        query = query.filter(risk::Column::BagianId.is_in(user.bagian.iter().copied()));
    }
    let found = query.into_model::<Due>().all(db).await?;
    let own = fold(&user.display_name);
    let theirs = |due: &Due| match user.role {
        Role::Admin | Role::Editor => true,
        Role::Reviewer | Role::Viewer => {
            !own.trim().is_empty()
                && due.rtp_owner.as_deref().is_some_and(|owner| fold(owner).contains(own.trim()))
        }
    };
    Ok(found
        .into_iter()
        .filter(theirs)
        .map(|due| DueItem {
            row_id: due.id,
            code: due.code.unwrap_or_default(),
            unit_id: due.unit_id,
            year: due.year,
            bagian_id: due.bagian_id,
            bagian: due.bagian,
            aktivitas: RichText::new(due.aktivitas).plain(),
            owner: due.rtp_owner.unwrap_or_default(),
            due: due.rtp_due,
            days_left: (due.rtp_due - today).num_days(),
            in_progress: due.rtp_status.as_deref() == Some(RtpStatus::DalamProses.code()),
        })
        .collect())
}

/// User `id`'s e-mail address, if any.
pub async fn email_of(db: &impl ConnectionTrait, id: i32) -> Result<Option<String>, DbErr> {
    let found = crate::entities::app_user::Entity::find_by_id(id).one(db).await?;
    Ok(found.and_then(|user| user.email))
}
