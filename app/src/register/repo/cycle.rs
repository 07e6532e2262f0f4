//! Reading a register's cycle: the steps taken on it, and the registers of
//! a unit with where each stands.
use super::RegisterRecord;
use super::history::user_names;
use crate::entities::{register, register_step};
use crate::register::model::{CycleView, RegisterLine, RegisterStatus, Step, StepView};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

/// The register's cycle: its revision, the steps taken, whether the unit's
/// next year has been started, and what it was carried forward from.
pub(crate) async fn cycle_of(
    db: &impl ConnectionTrait,
    record: &RegisterRecord,
) -> Result<CycleView, DbErr> {
    let next_year_started = register::Entity::find()
        .filter(register::Column::UnitId.eq(record.unit_id))
        .filter(register::Column::Year.eq(record.year + 1))
        .count(db)
        .await?
        > 0;
    let carried_from = match record.carried_from {
        Some(id) => register::Entity::find_by_id(id).one(db).await?.map(|from| from.year),
        None => None,
    };
    Ok(CycleView {
        revision: record.revision,
        next_year_started,
        carried_from,
        steps: steps_of(db, record.id).await?,
    })
}

/// The steps taken on register `id`, oldest first.
pub async fn steps_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<StepView>, DbErr> {
    let taken = register_step::Entity::find()
        .filter(register_step::Column::RegisterId.eq(id))
        .order_by_asc(register_step::Column::Id)
        .all(db)
        .await?;
    let names = user_names(db, taken.iter().filter_map(|step| step.user_id)).await?;
    taken.into_iter().map(|step| step_view(step, &names)).collect()
}

fn step_view(step: register_step::Model, names: &HashMap<i32, String>) -> Result<StepView, DbErr> {
    let kind = Step::from_code(&step.step).ok_or_else(|| {
        DbErr::Custom(format!("register step {}: unknown step {:?}", step.id, step.step))
    })?;
    Ok(StepView {
        step: kind,
        revision: step.revision,
        by: step.user_id.and_then(|id| names.get(&id).cloned()),
        at: step.taken_at,
        comment: step.comment,
        sk: step.sk_number.zip(step.sk_date),
        version: step.register_version,
    })
}

/// The registers of unit `unit`, newest year first, each with its status,
/// revision and last step.
pub async fn registers_of(
    db: &impl ConnectionTrait,
    unit: i32,
) -> Result<Vec<RegisterLine>, DbErr> {
    let registers = register::Entity::find()
        .filter(register::Column::UnitId.eq(unit))
        .order_by_desc(register::Column::Year)
        .all(db)
        .await?;
    let ids = registers.iter().map(|register| register.id);
    let steps = register_step::Entity::find()
        .filter(register_step::Column::RegisterId.is_in(ids))
        .order_by_asc(register_step::Column::Id)
        .all(db)
        .await?;
    let last: HashMap<i32, register_step::Model> =
        steps.into_iter().map(|step| (step.register_id, step)).collect();
    registers
        .into_iter()
        .map(|register| {
            let status = RegisterStatus::from_code(&register.status).ok_or_else(|| {
                DbErr::Custom(format!("register {}: unknown status", register.id))
            })?;
            let last = last.get(&register.id);
            Ok(RegisterLine {
                year: register.year,
                revision: register.revision,
                status,
                last: last.and_then(|step| Some((Step::from_code(&step.step)?, step.taken_at))),
            })
        })
        .collect()
}
