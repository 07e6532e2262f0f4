//! Reading a register as it stood at a version, or at the end of a day.
use super::undo::{Heading, Layout, Logged, RowState, assemble, undo};
use super::{AsOf, AsOfView};
use crate::entities::{change_log, risk};
use crate::register::history::Action;
use crate::register::model::{RegisterKey, RegisterStatus, RegisterView};
use crate::register::repo::{
    ASSESSMENT_COLUMNS, AssessmentRecord, Rows, matrix, open_note_counts, realisations,
    register_record, sources,
};
use crate::register::write::SECTIONS_FIELD;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, sea_query::Expr,
};
use std::collections::HashMap;

/// Register `key` as it stands (no `day`) or as it stood at the end of
/// `day`: `None` if there is no such register, the gap if that day cannot
/// be shown. What the downloads and the command line both read.
pub async fn load_register_on(
    db: &impl ConnectionTrait,
    key: RegisterKey,
    day: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Option<Result<RegisterView, super::AsOfGap>>, DbErr> {
    match day {
        None => Ok(crate::register::repo::load_register(db, key).await?.map(Ok)),
        Some(day) => Ok(load_as_of(db, key, day, today).await?.map(AsOfView::into_register)),
    }
}

/// The register `key` names as it stood at the end of `date` (Asia/Makassar),
/// its rows' targets overdue as of that day (or `today`, if earlier). `None`
/// if there is no such register.
pub async fn load_as_of(
    db: &impl ConnectionTrait,
    key: RegisterKey,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<Option<AsOfView>, DbErr> {
    let Some(record) = register_record(db, key).await? else {
        return Ok(None);
    };
    if date > today {
        return Ok(Some(AsOfView::Future { today }));
    }
    let logged_from = first_layout(db, record.id).await?;
    let version = version_at(db, record.id, date).await?;
    let (Some((from_version, from_at)), Some(version)) = (logged_from, version) else {
        return Ok(Some(AsOfView::BeforeLog { since: logged_from.map(|(_, at)| day_of(at)) }));
    };
    if version < from_version {
        return Ok(Some(AsOfView::BeforeLog { since: Some(day_of(from_at)) }));
    }
    let key = RegisterKey::of(record.unit_id, record.year);
    let Some(mut register) = register_at(db, key, version, date.min(today)).await? else {
        return Ok(None);
    };
    register.as_of = Some(AsOf { date, version, revision: None });
    Ok(Some(AsOfView::Shown(register)))
}

/// The day (in Asia/Makassar) of a moment.
fn day_of(at: DateTime<Utc>) -> NaiveDate {
    crate::rules::assessment::today_in_makassar(at)
}

/// The first moment of the day after `date` in Asia/Makassar (UTC+8, no
/// daylight saving).
pub(crate) fn day_end(date: NaiveDate) -> DateTime<Utc> {
    let next = date.succ_opt().unwrap_or(date).and_hms_opt(0, 0, 0).unwrap_or_default();
    (next - Duration::hours(8)).and_utc()
}

/// [`day_end`] written as both databases' timestamps compare.
pub(crate) fn end_of_day(date: NaiveDate) -> String {
    day_end(date).format("%Y-%m-%dT%H:%M:%S%.3f+00:00").to_string()
}

/// The register's version at the end of `date`: made by the last change
/// logged then or before. `None` if none was.
pub async fn version_at(
    db: &impl ConnectionTrait,
    register_id: i32,
    date: NaiveDate,
) -> Result<Option<i32>, DbErr> {
    let bound = end_of_day(date);
    let found: Option<Option<i32>> = change_log::Entity::find()
        .select_only()
        .column_as(change_log::Column::RegisterVersion.max(), "version")
        .filter(change_log::Column::RegisterId.eq(register_id))
        .filter(Expr::cust(format!("changed_at < '{bound}'")))
        .into_tuple()
        .one(db)
        .await?;
    Ok(found.flatten())
}

/// The version and time of the register's first layout entry: the log can
/// rebuild the register from then on.
async fn first_layout(
    db: &impl ConnectionTrait,
    register_id: i32,
) -> Result<Option<(i32, DateTime<Utc>)>, DbErr> {
    let found: Option<(Option<i32>, DateTime<Utc>)> = change_log::Entity::find()
        .select_only()
        .columns([change_log::Column::RegisterVersion, change_log::Column::ChangedAt])
        .filter(change_log::Column::RegisterId.eq(register_id))
        .filter(change_log::Column::Action.eq(Action::Layout.code()))
        .filter(change_log::Column::Field.eq(SECTIONS_FIELD))
        .order_by_asc(change_log::Column::Id)
        .into_tuple()
        .one(db)
        .await?;
    Ok(found.and_then(|(version, at)| Some((version?, at))))
}

/// The register `key` names as it was at `version`, overdue as of `today`.
/// Its version is `version`, its rows' versions 0 (not to be edited).
pub async fn register_at(
    db: &impl ConnectionTrait,
    key: RegisterKey,
    version: i32,
    today: NaiveDate,
) -> Result<Option<RegisterView>, DbErr> {
    let Some(record) = register_record(db, key).await? else {
        return Ok(None);
    };
    let mut rows = row_states(db, record.id, record.year).await?;
    let changes: Vec<Logged> = change_log::Entity::find()
        .select_only()
        .columns([
            change_log::Column::RiskId,
            change_log::Column::Action,
            change_log::Column::Field,
            change_log::Column::OldValue,
        ])
        .filter(change_log::Column::RegisterId.eq(record.id))
        .filter(change_log::Column::RegisterVersion.gt(version))
        .order_by_desc(change_log::Column::Id)
        .into_tuple::<(Option<i32>, String, String, Option<String>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(risk_id, action, field, old)| Logged { risk_id, action, field, old })
        .collect();
    let mut heading = Heading { title: record.title.clone(), status: record.status.clone() };
    undo(&mut rows, &mut heading, &changes);
    let layout = layout_at(db, record.id, version).await?;
    let matrix = matrix(db).await?;
    let sections = assemble(&layout, &mut rows, &matrix, record.year, today);
    let status = RegisterStatus::from_code(&heading.status).ok_or_else(|| {
        DbErr::Custom(format!("register {}: unknown status {:?}", record.id, heading.status))
    })?;
    Ok(Some(RegisterView {
        id: record.id,
        unit_id: record.unit_id,
        version,
        title: heading.title,
        unit_name: record.unit_name,
        parent_name: record.parent_name,
        year: record.year,
        status,
        sections,
        sources: sources(db).await?,
        as_of: None,
        cycle: Default::default(),
    }))
}

/// The last layout entry of each part logged up to `version`.
async fn layout_at(
    db: &impl ConnectionTrait,
    register_id: i32,
    version: i32,
) -> Result<Layout, DbErr> {
    let last = change_log::Entity::find()
        .select_only()
        .column_as(change_log::Column::Id.max(), "id")
        .filter(change_log::Column::RegisterId.eq(register_id))
        .filter(change_log::Column::Action.eq(Action::Layout.code()))
        .filter(change_log::Column::RegisterVersion.lte(version))
        .group_by(change_log::Column::Field)
        .into_query();
    let entries: Vec<(String, Option<String>)> = change_log::Entity::find()
        .select_only()
        .columns([change_log::Column::Field, change_log::Column::NewValue])
        .filter(change_log::Column::Id.in_subquery(last))
        .into_tuple()
        .all(db)
        .await?;
    Ok(Layout::from_entries(
        entries.into_iter().map(|(field, value)| (field, value.unwrap_or_default())),
    ))
}

/// Every row of the register as stored today, deleted ones too, with its
/// realisations of `year` and open notes.
async fn row_states(
    db: &impl ConnectionTrait,
    register_id: i32,
    year: i32,
) -> Result<HashMap<i32, RowState>, DbErr> {
    #[derive(FromQueryResult)]
    struct Record {
        id: i32,
        code: Option<String>,
        aktivitas: String,
        potensi: String,
        penyebab: String,
        dampak: String,
        rencana: String,
        #[sea_orm(nested)]
        assessment: AssessmentRecord,
    }
    let records = risk::Entity::find()
        .select_only()
        .columns([
            risk::Column::Id,
            risk::Column::Code,
            risk::Column::Aktivitas,
            risk::Column::Potensi,
            risk::Column::Penyebab,
            risk::Column::Dampak,
            risk::Column::Rencana,
        ])
        .columns(ASSESSMENT_COLUMNS)
        .filter(risk::Column::RegisterId.eq(register_id))
        .into_model::<Record>()
        .all(db)
        .await?;
    let mut rows: HashMap<i32, RowState> = records
        .into_iter()
        .map(|row| {
            let state = RowState {
                id: row.id,
                code: row.code.unwrap_or_default(),
                cells: [row.aktivitas, row.potensi, row.penyebab, row.dampak, row.rencana],
                record: row.assessment,
                ..Default::default()
            };
            (row.id, state)
        })
        .collect();
    let realised = realisations(db, register_id, year, Rows::WithDeleted).await?;
    for (row, quarters) in realised {
        if let Some(row) = rows.get_mut(&row) {
            row.realisation = quarters;
        }
    }
    for (row, count) in open_note_counts(db, register_id, Rows::WithDeleted).await? {
        if let Some(row) = rows.get_mut(&row) {
            row.notes = i64::from(count);
        }
    }
    Ok(rows)
}
