//! The print settings as stored on the register row.
use super::model::{PrintForm, PrintSettings, PrintSettingsInput, Signatory};
use crate::entities::register;
use crate::error::AppError;
use crate::register::as_of::repo::load_as_of;
use crate::register::as_of::{AsOfGap, AsOfView};
use crate::register::model::RegisterKey;
use crate::register::write::{Touch, Write, bump_register, lock_register};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, sea_query::Expr};

/// Which register a printed form is of: as it stands, as it stood at the
/// end of a day, or as an approved revision was set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Printed {
    Now,
    Per(NaiveDate),
    Revision(i32),
}

/// Register `key` with its print settings, as `printed` says (or why it
/// cannot be shown that day); `None` when there is no such register (or
/// revision). The settings are today's, the form being signed now; an
/// approved revision's decree is the one it was set by.
pub async fn load_print_form(
    db: &impl ConnectionTrait,
    key: RegisterKey,
    printed: Printed,
    today: NaiveDate,
) -> Result<Option<Result<PrintForm, AsOfGap>>, DbErr> {
    let register = match printed {
        Printed::Per(day) => load_as_of(db, key, day, today).await?.map(AsOfView::into_register),
        Printed::Now => crate::register::repo::load_register(db, key).await?.map(Ok),
        Printed::Revision(revision) => {
            let found = crate::register::cycle::repo::load_revision(db, key, revision, today);
            found.await?.map(Ok)
        }
    };
    let Some(register) = register else { return Ok(None) };
    let register = match register {
        Ok(register) => register,
        Err(gap) => return Ok(Some(Err(gap))),
    };
    let Some(stored) = register::Entity::find_by_id(register.id).one(db).await? else {
        return Ok(None);
    };
    let mut settings = settings_of(&stored);
    if let Printed::Revision(revision) = printed {
        let steps = crate::register::repo::steps_of(db, stored.id).await?;
        let approval = crate::register::model::approval_of(&steps, revision);
        let decree = approval.and_then(|approval| approval.sk.clone());
        if let Some((number, date)) = decree {
            (settings.sk_number, settings.sk_date) = (number, Some(date));
        }
    }
    Ok(Some(Ok(PrintForm { settings, register })))
}

fn settings_of(stored: &register::Model) -> PrintSettings {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    PrintSettings {
        sk_number: text(&stored.sk_number),
        sk_date: stored.sk_date,
        place: text(&stored.sign_place),
        sign_date: stored.sign_date,
        prepared: Signatory {
            position: text(&stored.prepared_position),
            name: text(&stored.prepared_name),
            nip: text(&stored.prepared_nip),
        },
        approved: Signatory {
            position: text(&stored.approved_position),
            name: text(&stored.approved_name),
            nip: text(&stored.approved_nip),
        },
    }
}

/// Stores the settings `input` gives on register `register_id` if it is
/// still at `version` (the one the form was filled from); returns the
/// register's new version. Admins only; refused once the register is final.
pub async fn save_settings(
    write: &Write<'_>,
    register_id: i32,
    version: i32,
    input: &PrintSettingsInput,
) -> Result<i32, AppError> {
    let &Write { txn, actor, .. } = write;
    actor.require(crate::auth::Permission::ManageSettings)?;
    let settings = input.parse().map_err(AppError::Validation)?;
    let locked = lock_register(txn, register_id, Touch::Beside).await?;
    if locked.version != version {
        return Err(AppError::Conflict { expected: version, current: locked.version });
    }
    let text = |value: &str| (!value.is_empty()).then(|| value.to_owned());
    let set = [
        (register::Column::SkNumber, text(&settings.sk_number).into()),
        (register::Column::SkDate, settings.sk_date.into()),
        (register::Column::SignPlace, text(&settings.place).into()),
        (register::Column::SignDate, settings.sign_date.into()),
        (register::Column::PreparedPosition, text(&settings.prepared.position).into()),
        (register::Column::PreparedName, text(&settings.prepared.name).into()),
        (register::Column::PreparedNip, text(&settings.prepared.nip).into()),
        (register::Column::ApprovedPosition, text(&settings.approved.position).into()),
        (register::Column::ApprovedName, text(&settings.approved.name).into()),
        (register::Column::ApprovedNip, text(&settings.approved.nip).into()),
    ];
    let mut update = register::Entity::update_many().filter(register::Column::Id.eq(register_id));
    for (column, value) in set {
        update = update.col_expr(column, Expr::val::<sea_orm::Value>(value));
    }
    update.exec(txn).await?;
    let version = bump_register(write, &locked, None).await?;
    let detail = format!("{} {}: {}", locked.title, locked.year, settings.sk_number);
    crate::register::write::audit_setting(write, "print_settings", detail).await?;
    Ok(version)
}
