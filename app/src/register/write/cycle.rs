//! A step of the register's yearly cycle, on the one write path: only the
//! role the step names, only from the status it starts from, on the
//! version the user saw; logged in the change log (the status, which the
//! register "as of" a day rebuilds), the steps' own table (who, when, the
//! comment, an approval's decree) and the audit log; told to open pages.
use super::held::lock_any;
use super::log_entry::log_register;
use super::*;
use crate::entities::register_step;
use crate::rules::FieldProblem;
use crate::rules::cycle::{Step, StepInput, StepRequest};
use sea_orm::{ActiveModelTrait, Set};

/// Where a step left the register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepTaken {
    pub version: i32,
    pub status: RegisterStatus,
    pub revision: i32,
}

/// Takes `step` on register `register_id`, read by the user at `version`,
/// with what `input` says. Refused, changing nothing: a role the step is
/// not for (403), input that breaks a rule (naming the field), a register
/// changed since `version` (a conflict), a step its status does not allow.
pub async fn take_step(
    write: &Write<'_>,
    register_id: i32,
    version: i32,
    step: Step,
    input: &StepInput,
) -> Result<StepTaken, WriteError> {
    let &Write { txn, actor, .. } = write;
    actor.require(Permission::Step(step))?;
    let request = input.parse(step).map_err(WriteError::Validation)?;
    let (locked, status) = lock_any(txn, register_id).await?;
    if locked.version != version {
        return Err(WriteError::RegisterMoved { expected: version, current: locked.version });
    }
    if !step.starts_from(status) {
        let error = FieldError::new(Field::Status, FieldProblem::StepNotAllowed);
        return Err(WriteError::Validation(vec![error]));
    }
    let revision = locked.revision + i32::from(step == Step::Revise);
    let target = step.target();
    store_status(write, &locked, &request, revision).await?;
    log_register(write, &locked, Field::Status, status.code(), target.code()).await?;
    let taken_at = crate::db::clock(txn).await?;
    register_step::ActiveModel {
        register_id: Set(locked.id),
        revision: Set(revision),
        step: Set(step.code().to_owned()),
        from_status: Set(status.code().to_owned()),
        to_status: Set(target.code().to_owned()),
        user_id: Set(actor.user_id()),
        comment: Set(request.comment.clone()),
        sk_number: Set(request.sk.as_ref().map(|(number, _)| number.clone())),
        sk_date: Set(request.sk.as_ref().map(|(_, date)| *date)),
        register_version: Set(locked.next_version()),
        taken_at: Set(taken_at),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let detail = format!(
        "{} {} ({}): {} → {}{}",
        locked.title,
        locked.year,
        register_id,
        status.code(),
        target.code(),
        if request.comment.is_empty() { String::new() } else { format!(": {}", request.comment) }
    );
    audit_setting(write, &format!("register_{}", step.code()), detail).await?;
    write.announce(locked.id, locked.next_version()).await?;
    // The unit's other registers' pages list this one's status (the
    // dashboard's registers).
    let siblings = sea_orm::Condition::all()
        .add(register::Column::UnitId.eq(locked.unit_id))
        .add(register::Column::Id.ne(locked.id));
    refresh_pages(write, siblings).await?;
    Ok(StepTaken { version: locked.next_version(), status: target, revision })
}

/// Moves the register to the step's status (and revision), its version on
/// by one; an approval stores its decree and approver, a submission its
/// preparer.
async fn store_status(
    write: &Write<'_>,
    locked: &LockedRegister,
    request: &StepRequest,
    revision: i32,
) -> Result<(), WriteError> {
    let &Write { txn, actor, .. } = write;
    let mut update = register::Entity::update_many()
        .col_expr(register::Column::Status, Expr::val(request.step.target().code()))
        .col_expr(register::Column::Revision, Expr::val(revision))
        .col_expr(register::Column::Version, Expr::col(register::Column::Version).add(1))
        .col_expr(register::Column::UpdatedAt, now(txn.get_database_backend()))
        .filter(register::Column::Id.eq(locked.id))
        .filter(register::Column::Version.eq(locked.version));
    if let Some((number, date)) = &request.sk {
        update = update
            .col_expr(register::Column::SkNumber, Expr::val(number.as_str()))
            .col_expr(register::Column::SkDate, Expr::val(*date))
            .col_expr(register::Column::ApprovedBy, Expr::val(actor.user_id()));
    }
    if request.step == Step::Submit {
        update = update.col_expr(register::Column::PreparedBy, Expr::val(actor.user_id()));
    }
    if update.exec(txn).await?.rows_affected == 0 {
        // Held by this transaction: nothing else moved it.
        return Err(WriteError::NotFound);
    }
    Ok(())
}
