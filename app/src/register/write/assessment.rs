//! A row's assessment and control tracking: one field at a time, checked by
//! the assessment rules, rated by the risk matrix (the stored score and
//! level follow the likelihood and impact), and, like a text cell, saved
//! only where the field still holds what the user started from. And the
//! matrix itself: an admin moves its levels, and every row of every
//! register still open is re-levelled at once, each change in its history.
use super::fields::{rate, set_field, set_realisation, small, text_of};
use super::*;
use crate::entities::{conflict_source, risk_matrix, rtp_realisation};
use crate::register::model::{Assessment, Level, Realisation};
use crate::register::repo::{ASSESSMENT_COLUMNS, AssessmentRecord, Rows, matrix, realisations};
use crate::rules::FieldProblem;
use crate::rules::assessment::{
    Value, check_residual, due_date, is_assessment, is_realisation, parse_assessment, parse_quarter,
};
use chrono::NaiveDate;
use sea_orm::Value as SqlValue;

/// An assessment field saved: the row's version after, and its whole
/// assessment as stored (the score, level and overdue follow the field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedAssessment {
    pub version: i32,
    pub assessment: Assessment,
}

/// One field of a row's assessment to save: `value` where the field still
/// holds `expected` (both as forms write them, `""` for none). A field of a
/// quarter's realisation names its quarter (1 to 4); no other field does.
#[derive(Clone, Copy, Debug)]
pub struct AssessmentEdit<'a> {
    pub row: i32,
    pub field: Field,
    pub quarter: Option<i32>,
    pub expected: &'a str,
    pub value: &'a str,
}

/// Saves an assessment or realisation field if it still holds what the
/// user started from. The same save arriving twice is answered as saved.
/// `today` (in Asia/Makassar) decides what is overdue.
pub async fn save_assessment(
    txn: &DatabaseTransaction,
    actor: &Actor,
    edit: AssessmentEdit<'_>,
    today: NaiveDate,
) -> Result<SavedAssessment, WriteError> {
    let AssessmentEdit { row: id, field, quarter, expected, value } = edit;
    let invalid = |error| WriteError::Validation(vec![error]);
    let unknown = |field| invalid(FieldError::new(field, FieldProblem::UnknownValue));
    let quarter = match (is_realisation(field), quarter) {
        (true, Some(quarter)) => Some(parse_quarter(quarter).map_err(invalid)?),
        (true, None) => {
            return Err(invalid(FieldError::new(Field::Quarter, FieldProblem::Required)));
        }
        (false, None) if is_assessment(field) => None,
        (false, None) => return Err(unknown(field)),
        (false, Some(_)) => return Err(unknown(Field::Quarter)),
    };
    let value = parse_assessment(field, value).map_err(invalid)?;
    let expected = crate::rules::parse_expected(field, expected).map_err(invalid)?;
    // What the user started from, written as the store writes it.
    let expected = parse_assessment(field, expected)
        .map(|value| text_of(&value))
        .unwrap_or_else(|_| expected.to_owned());
    let register_id = row_place(txn, id).await?;
    let register = lock_register(txn, register_id).await?;
    // Read under the register's lock: no one changes the row meanwhile.
    let (mut row, bagian_id, version) = read_row(txn, id).await?;
    actor.require(Permission::EditRowsOf(bagian_id))?;
    let mut realisation = realisations(txn, register_id, register.year, Rows::Only(&[id]))
        .await?
        .remove(&id)
        .unwrap_or_default();
    let current = Assessment { realisation: realisation.clone(), ..row.view(today) };
    let (now, new) = (current.value_at(field, quarter), text_of(&value));
    if now == new {
        return Ok(SavedAssessment { version, assessment: current });
    }
    if now != expected {
        return Err(WriteError::CellConflict { row_id: id, field, theirs: now, version });
    }
    let levels_before = (row.inherent_level, row.residual_level);
    match quarter {
        Some(quarter) => {
            let at = usize::from(quarter - 1);
            set_realisation(&mut realisation[at], field, &value);
            store_realisation(txn, actor, id, register.year, quarter, &realisation[at]).await?;
        }
        None => {
            if let (Field::Source, Value::Number(source)) = (field, &value) {
                let offered = conflict_source::Entity::find_by_id(*source)
                    .filter(conflict_source::Column::Active.eq(true))
                    .one(txn)
                    .await?;
                if offered.is_none() {
                    return Err(unknown(field));
                }
            }
            set_field(&mut row, field, &value);
            let matrix = matrix(txn).await?;
            rate(&mut row, &matrix);
            let rating = |l: Option<i16>, i: Option<i16>| matrix.rate(small(l)?, small(i)?);
            check_residual(
                field,
                rating(row.inherent_likelihood, row.inherent_impact),
                rating(row.residual_likelihood, row.residual_impact),
            )
            .map_err(invalid)?;
            let target_quarter = row.rtp_target_quarter.and_then(|q| u8::try_from(q).ok());
            row.rtp_due = due_date(row.rtp_target_date, target_quarter, register.year);
        }
    }

    // The row's version moves with every field, a realisation's too: it is
    // what live pages and conflicting saves go by.
    let mut update = risk::Entity::update_many()
        .col_expr(risk::Column::Version, Expr::val(version + 1))
        .col_expr(risk::Column::UpdatedAt, crate::db::now(txn.get_database_backend()))
        .col_expr(risk::Column::UpdatedBy, Expr::val(actor.user_id()))
        .filter(risk::Column::Id.eq(id))
        .filter(risk::Column::Version.eq(version))
        .filter(risk::Column::DeletedAt.is_null());
    if quarter.is_none() {
        for (column, value) in stored(&row) {
            update = update.col_expr(column, Expr::val(value));
        }
    }
    if update.exec(txn).await?.rows_affected == 0 {
        return Err(conflict(txn, id, version).await);
    }
    let entry = LogEntry::new(
        Action::Update,
        field.logged(quarter),
        (!now.is_empty()).then_some(now.as_str()),
        (!new.is_empty()).then_some(new),
    );
    // A level that moves with the save is logged too: what the register
    // showed at any version is rebuilt from the log (`as_of`).
    let levels = [
        (Field::InherentLevel, levels_before.0, row.inherent_level),
        (Field::ResidualLevel, levels_before.1, row.residual_level),
    ];
    let moved = levels.into_iter().filter(|(_, old, new)| old != new).map(|(field, old, new)| {
        let slug = |level: Option<i16>| level.and_then(Level::from_code).map(Level::slug);
        LogEntry::new(Action::Update, field.column(), slug(old), slug(new).map(str::to_owned))
    });
    let entries: Vec<LogEntry> = std::iter::once(entry).chain(moved).collect();
    log(txn, actor, &register, Some(id), entries).await?;
    bump_register(txn, &register, None).await?;
    let assessment = Assessment { realisation, ..row.view(today) };
    Ok(SavedAssessment { version: version + 1, assessment })
}

/// Stores row `id`'s realisation of quarter `quarter` of `year`: one record
/// while anything is reported, none when nothing is.
async fn store_realisation(
    txn: &DatabaseTransaction,
    actor: &Actor,
    id: i32,
    year: i32,
    quarter: u8,
    realisation: &Realisation,
) -> Result<(), WriteError> {
    use rtp_realisation::Column as C;
    let quarter = i16::from(quarter);
    let here = sea_orm::Condition::all()
        .add(C::RiskId.eq(id))
        .add(C::Year.eq(year))
        .add(C::Quarter.eq(quarter));
    if realisation.is_empty() {
        rtp_realisation::Entity::delete_many().filter(here).exec(txn).await?;
        return Ok(());
    }
    let text = |text: &str| (!text.is_empty()).then(|| text.to_owned());
    let (progress, done, evidence) =
        (i16::from(realisation.progress), text(&realisation.done), text(&realisation.evidence));
    let updated = rtp_realisation::Entity::update_many()
        .col_expr(C::Progress, Expr::val(progress))
        .col_expr(C::Note, Expr::val(done.clone()))
        .col_expr(C::Evidence, Expr::val(evidence.clone()))
        .filter(here)
        .exec(txn)
        .await?;
    if updated.rows_affected == 0 {
        let insert = Query::insert()
            .into_table(rtp_realisation::Entity)
            .columns([
                C::RiskId,
                C::Year,
                C::Quarter,
                C::Progress,
                C::Note,
                C::Evidence,
                C::CreatedBy,
                C::CreatedAt,
            ])
            .values_panic([
                id.into(),
                year.into(),
                quarter.into(),
                progress.into(),
                done.into(),
                evidence.into(),
                actor.user_id().into(),
                crate::db::now(txn.get_database_backend()),
            ])
            .to_owned();
        txn.execute(&insert).await?;
    }
    Ok(())
}

/// Live row `id`'s assessment columns, its Bagian, and its version.
async fn read_row(
    txn: &DatabaseTransaction,
    id: i32,
) -> Result<(AssessmentRecord, i32, i32), WriteError> {
    #[derive(sea_orm::FromQueryResult)]
    struct Found {
        bagian_id: i32,
        version: i32,
        #[sea_orm(nested)]
        record: AssessmentRecord,
    }
    let found = risk::Entity::find_by_id(id)
        .select_only()
        .columns([risk::Column::BagianId, risk::Column::Version])
        .columns(ASSESSMENT_COLUMNS)
        .filter(risk::Column::DeletedAt.is_null())
        .into_model::<Found>()
        .one(txn)
        .await?
        .ok_or(WriteError::NotFound)?;
    Ok((found.record, found.bagian_id, found.version))
}

/// Every stored assessment column with its value.
fn stored(row: &AssessmentRecord) -> Vec<(risk::Column, SqlValue)> {
    use risk::Column as C;
    vec![
        (C::ConflictSourceId, row.conflict_source_id.into()),
        (C::ConflictNature, row.conflict_nature.clone().into()),
        (C::Jabatan, row.jabatan.clone().into()),
        (C::ExistingControl, row.existing_control.clone().into()),
        (C::ControlBasis, row.control_basis.clone().into()),
        (C::InherentLikelihood, row.inherent_likelihood.into()),
        (C::InherentImpact, row.inherent_impact.into()),
        (C::InherentScore, row.inherent_score.into()),
        (C::InherentLevel, row.inherent_level.into()),
        (C::ResidualLikelihood, row.residual_likelihood.into()),
        (C::ResidualImpact, row.residual_impact.into()),
        (C::ResidualScore, row.residual_score.into()),
        (C::ResidualLevel, row.residual_level.into()),
        (C::RtpOwner, row.rtp_owner.clone().into()),
        (C::RtpTargetDate, row.rtp_target_date.into()),
        (C::RtpTargetQuarter, row.rtp_target_quarter.into()),
        (C::RtpStatus, row.rtp_status.clone().into()),
        (C::RtpDue, row.rtp_due.into()),
    ]
}

/// Rows re-levelled by a change of the matrix.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Relevelled {
    pub rows: usize,
    pub registers: usize,
}

/// Gives the scores `levels` name their new levels, and re-levels every
/// row of every register not yet final (a register that is set keeps the
/// levels it was set with), logging each row's change and bumping each
/// register changed.
pub async fn set_matrix_levels(
    txn: &DatabaseTransaction,
    actor: &Actor,
    levels: &[(u8, Level)],
) -> Result<Relevelled, WriteError> {
    actor.require(Permission::ManageSettings)?;
    let before = matrix(txn).await?;
    let after = before.with_levels(levels).map_err(|error| WriteError::Validation(vec![error]))?;
    if after == before {
        return Ok(Relevelled::default());
    }
    for (_, _, score, level) in after.cells() {
        risk_matrix::Entity::update_many()
            .col_expr(risk_matrix::Column::Level, Expr::val(level.code()))
            .filter(risk_matrix::Column::Score.eq(i16::from(score)))
            .exec(txn)
            .await?;
    }
    let moved: Vec<String> = before
        .cells()
        .zip(after.cells())
        .filter(|(old, new)| old.3 != new.3)
        .map(|((_, _, score, old), (_, _, _, new))| {
            format!("{score}: {} → {}", old.slug(), new.slug())
        })
        .collect();
    audit_setting(txn, actor, "matrix_changed", moved.join(", ")).await?;
    let level_of: std::collections::HashMap<i16, Level> =
        after.cells().map(|(_, _, score, level)| (i16::from(score), level)).collect();
    let open: Vec<i32> = register::Entity::find()
        .select_only()
        .column(register::Column::Id)
        .filter(
            register::Column::Status.ne(crate::register::model::RegisterStatus::Ditetapkan.code()),
        )
        .order_by_asc(register::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    let mut done = Relevelled::default();
    for register_id in open {
        let register = lock_register(txn, register_id).await?;
        // (id, version, inherent score and level, residual score and level)
        type Rated = (i32, i32, Option<i16>, Option<i16>, Option<i16>, Option<i16>);
        let rows: Vec<Rated> = risk::Entity::find()
            .select_only()
            .columns([
                risk::Column::Id,
                risk::Column::Version,
                risk::Column::InherentScore,
                risk::Column::InherentLevel,
                risk::Column::ResidualScore,
                risk::Column::ResidualLevel,
            ])
            .filter(risk::Column::RegisterId.eq(register_id))
            .order_by_asc(risk::Column::Id)
            .into_tuple()
            .all(txn)
            .await?;
        let mut changed = 0;
        for (id, version, inherent_score, inherent_level, residual_score, residual_level) in rows {
            let moved = |score: Option<i16>, level: Option<i16>| {
                let new = *level_of.get(&score?)?;
                (Some(new.code()) != level).then(|| (level.and_then(Level::from_code), new))
            };
            let inherent = moved(inherent_score, inherent_level);
            let residual = moved(residual_score, residual_level);
            if inherent.is_none() && residual.is_none() {
                continue;
            }
            let mut update = risk::Entity::update_many()
                .col_expr(risk::Column::Version, Expr::val(version + 1))
                .col_expr(risk::Column::UpdatedAt, crate::db::now(txn.get_database_backend()))
                .col_expr(risk::Column::UpdatedBy, Expr::val(actor.user_id()))
                .filter(risk::Column::Id.eq(id))
                .filter(risk::Column::Version.eq(version));
            let mut entries = Vec::new();
            for (moved, column, field) in [
                (inherent, risk::Column::InherentLevel, Field::InherentLevel),
                (residual, risk::Column::ResidualLevel, Field::ResidualLevel),
            ] {
                if let Some((old, new)) = moved {
                    update = update.col_expr(column, Expr::val(new.code()));
                    entries.push(LogEntry::new(
                        Action::Relevel,
                        field.column(),
                        old.map(Level::slug),
                        Some(new.slug().to_owned()),
                    ));
                }
            }
            if update.exec(txn).await?.rows_affected == 0 {
                return Err(conflict(txn, id, version).await);
            }
            log(txn, actor, &register, Some(id), entries).await?;
            changed += 1;
        }
        if changed > 0 {
            bump_register(txn, &register, None).await?;
            done.rows += changed;
            done.registers += 1;
        }
    }
    Ok(done)
}
