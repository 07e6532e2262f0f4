//! A row's assessment and control tracking: one field at a time, checked by
//! the assessment rules, rated by the risk matrix (the stored score and
//! level follow the likelihood and impact), and, like a text cell, saved
//! only where the field still holds what the user started from.
use super::fields::{rate, set_field, set_realisation, small, text_of};
use super::*;
use crate::entities::{conflict_source, rtp_realisation};
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
    write: &Write<'_>,
    edit: AssessmentEdit<'_>,
    today: NaiveDate,
) -> Result<SavedAssessment, WriteError> {
    let &Write { txn, actor, .. } = write;
    let (id, field) = (edit.row, edit.field);
    let Parsed { quarter, value, expected } = parse(edit)?;
    let register_id = row_place(txn, id).await?;
    let register = lock_register(txn, register_id, Touch::Content).await?;
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
            store_realisation(write, id, register.year, quarter, &realisation[at]).await?;
        }
        None => set_assessed(txn, &mut row, field, &value, register.year).await?,
    }
    store_row(write, (id, version), quarter.is_none().then_some(&row)).await?;
    let entry = LogEntry::new(
        Action::Update,
        field.logged(quarter),
        (!now.is_empty()).then_some(now.as_str()),
        (!new.is_empty()).then_some(new),
    );
    let entries = std::iter::once(entry).chain(levels_moved(levels_before, &row));
    log(write, &register, Some(id), entries).await?;
    bump_register(write, &register, None).await?;
    let assessment = Assessment { realisation, ..row.view(today) };
    Ok(SavedAssessment { version: version + 1, assessment })
}

/// An assessment edit read by the rules.
struct Parsed {
    quarter: Option<u8>,
    value: Value,
    /// What the user started from, written as the store writes it.
    expected: String,
}

/// Reads an edit by the rules: a realisation's field names its quarter, no
/// other field does; the value and what the user started from parse.
fn parse(edit: AssessmentEdit<'_>) -> Result<Parsed, WriteError> {
    let AssessmentEdit { field, quarter, expected, value, .. } = edit;
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
    let expected = parse_assessment(field, expected)
        .map(|value| text_of(&value))
        .unwrap_or_else(|_| expected.to_owned());
    Ok(Parsed { quarter, value, expected })
}

/// Sets an assessment field of `row` (not a realisation's) and what follows
/// from it: the ratings by the matrix, checked (the residual no worse than
/// the inherent), and the RTP's due date in register year `year`.
async fn set_assessed(
    txn: &DatabaseTransaction,
    row: &mut AssessmentRecord,
    field: Field,
    value: &Value,
    year: i32,
) -> Result<(), WriteError> {
    let invalid = |error| WriteError::Validation(vec![error]);
    if let (Field::Source, Value::Number(source)) = (field, value) {
        let offered = conflict_source::Entity::find_by_id(*source)
            .filter(conflict_source::Column::Active.eq(true))
            .one(txn)
            .await?;
        if offered.is_none() {
            return Err(invalid(FieldError::new(field, FieldProblem::UnknownValue)));
        }
    }
    set_field(row, field, value);
    let matrix = matrix(txn).await?;
    rate(row, &matrix);
    let rating = |l: Option<i16>, i: Option<i16>| matrix.rate(small(l)?, small(i)?);
    check_residual(
        field,
        rating(row.inherent_likelihood, row.inherent_impact),
        rating(row.residual_likelihood, row.residual_impact),
    )
    .map_err(invalid)?;
    let target_quarter = row.rtp_target_quarter.and_then(|q| u8::try_from(q).ok());
    row.rtp_due = due_date(row.rtp_target_date, target_quarter, year);
    Ok(())
}

/// Moves row `id` from `version` to the next, with its assessment columns
/// when `row` is given. The row's version moves with every field, a
/// realisation's too: it is what live pages and conflicting saves go by.
async fn store_row(
    write: &Write<'_>,
    (id, version): (i32, i32),
    row: Option<&AssessmentRecord>,
) -> Result<(), WriteError> {
    let &Write { txn, actor, .. } = write;
    let mut update = risk::Entity::update_many()
        .col_expr(risk::Column::Version, Expr::val(version + 1))
        .col_expr(risk::Column::UpdatedAt, crate::db::now(txn.get_database_backend()))
        .col_expr(risk::Column::UpdatedBy, Expr::val(actor.user_id()))
        .filter(risk::Column::Id.eq(id))
        .filter(risk::Column::Version.eq(version))
        .filter(risk::Column::DeletedAt.is_null());
    for (column, value) in row.map(stored).unwrap_or_default() {
        update = update.col_expr(column, Expr::val(value));
    }
    if update.exec(txn).await?.rows_affected == 0 {
        return Err(conflict(txn, id, version).await);
    }
    Ok(())
}

/// The log's entries of the levels that moved with a save (`before`: the
/// inherent and residual levels): what the register showed at any version
/// is rebuilt from the log (`as_of`).
fn levels_moved(
    before: (Option<i16>, Option<i16>),
    row: &AssessmentRecord,
) -> impl Iterator<Item = LogEntry> {
    let levels = [
        (Field::InherentLevel, before.0, row.inherent_level),
        (Field::ResidualLevel, before.1, row.residual_level),
    ];
    levels.into_iter().filter(|(_, old, new)| old != new).map(|(field, old, new)| {
        let slug = |level: Option<i16>| level.and_then(Level::from_code).map(Level::slug);
        LogEntry::new(Action::Update, field.column(), slug(old), slug(new).map(str::to_owned))
    })
}

/// Stores row `id`'s realisation of quarter `quarter` of `year`: one record
/// while anything is reported, none when nothing is.
async fn store_realisation(
    write: &Write<'_>,
    id: i32,
    year: i32,
    quarter: u8,
    realisation: &Realisation,
) -> Result<(), WriteError> {
    let &Write { txn, actor, .. } = write;
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
