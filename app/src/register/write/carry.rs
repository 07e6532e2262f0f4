//! Next year's register, carried forward from this one ("Mulai register
//! tahun berikutnya"): the same title, Bagian in their order, signatories,
//! and every live row with its code, text, identification and assessment as
//! the starting point. What a new year sets anew (see README, "The yearly
//! cycle"): the control's status starts over (none: not started), a target
//! date moves one year on (a target quarter stays the quarter), the
//! quarters' realisations, review notes and the decree stay with last
//! year's register, which is not changed at all.
use super::held::lock_any;
use super::log_entry::log_select;
use super::*;
use crate::entities::{org_unit, register_section};
use crate::rules::assessment::due_date;
use chrono::{Datelike, NaiveDate};
use sea_orm::ActiveValue::Set;

/// Rows per INSERT: about 30 parameters each, under SQLite's 32,766.
const ROWS_PER_INSERT: usize = 500;

/// Next year's register of a unit, carried forward (or found made).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Carried {
    pub register_id: i32,
    pub unit_id: i32,
    pub year: i32,
    /// This write made it; `false`: it had been started already (by a
    /// colleague a moment before, say), and is left as it is.
    pub created: bool,
}

/// Starts the next year's register of register `register_id`'s unit from
/// it. Admins only. Two at once make one: the second finds the first's.
pub async fn carry_forward(write: &Write<'_>, register_id: i32) -> Result<Carried, WriteError> {
    let &Write { txn, actor, .. } = write;
    actor.require(Permission::StartYear)?;
    let (from, _) = lock_any(txn, register_id).await?;
    let (unit_id, year) = (from.unit_id, from.year + 1);
    // One new register of a unit at a time (an import may make one too).
    org_unit::Entity::find_by_id(unit_id).lock_exclusive().one(txn).await?;
    let existing = register::Entity::find()
        .filter(register::Column::UnitId.eq(unit_id))
        .filter(register::Column::Year.eq(year))
        .one(txn)
        .await?;
    if let Some(existing) = existing {
        return Ok(Carried { register_id: existing.id, unit_id, year, created: false });
    }
    let source = register::Entity::find_by_id(register_id).one(txn).await?;
    let source = source.ok_or(WriteError::NotFound)?;
    let new_id = insert_register(write, &source).await?;
    let bagian = copy_sections(txn, register_id, new_id).await?;
    let made = copy_rows(write, register_id, new_id, year).await?;
    let locked = lock_register(txn, new_id, Touch::Content).await?;
    // Each row's creation, naming its activity, as a new row's is.
    let rows = Query::select()
        .column(risk::Column::Id)
        .expr(Expr::val(Field::Aktivitas.column()))
        .expr(Expr::val(None::<String>))
        .column(risk::Column::Aktivitas)
        .from(risk::Entity)
        .and_where(risk::Column::RegisterId.eq(new_id))
        .to_owned();
    log_select(write, &locked, Action::Create, rows).await?;
    log_layout(write, &locked, Touched::SectionsAndRows(&bagian)).await?;
    bump_register(write, &locked, None).await?;
    // The unit's other registers list its years.
    let siblings = sea_orm::Condition::all()
        .add(register::Column::UnitId.eq(unit_id))
        .add(register::Column::Id.ne(new_id));
    refresh_pages(write, siblings).await?;
    let detail = format!("{} {} → {year}: {made} rows", source.title, source.year);
    audit_setting(write, "register_carry_forward", detail).await?;
    Ok(Carried { register_id: new_id, unit_id, year, created: true })
}

/// The new register: a draft of the next year, named and signed as the
/// source (its decree is its own, set on approval).
async fn insert_register(write: &Write<'_>, source: &register::Model) -> Result<i32, WriteError> {
    let txn = write.txn;
    let now = crate::db::clock(txn).await?;
    let created = register::Entity::insert(register::ActiveModel {
        unit_id: Set(source.unit_id),
        year: Set(source.year + 1),
        title: Set(source.title.clone()),
        status: Set(RegisterStatus::Draft.code().to_owned()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        sign_place: Set(source.sign_place.clone()),
        prepared_position: Set(source.prepared_position.clone()),
        prepared_name: Set(source.prepared_name.clone()),
        prepared_nip: Set(source.prepared_nip.clone()),
        approved_position: Set(source.approved_position.clone()),
        approved_name: Set(source.approved_name.clone()),
        approved_nip: Set(source.approved_nip.clone()),
        revision: Set(0),
        carried_from: Set(Some(source.id)),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    Ok(created.last_insert_id)
}

/// The source's Bagian, in their order, into the new register; their ids.
async fn copy_sections(
    txn: &DatabaseTransaction,
    from: i32,
    to: i32,
) -> Result<Vec<i32>, WriteError> {
    let sections = register_section::Entity::find()
        .filter(register_section::Column::RegisterId.eq(from))
        .order_by_asc(register_section::Column::Position)
        .all(txn)
        .await?;
    let bagian: Vec<i32> = sections.iter().map(|section| section.bagian_id).collect();
    if sections.is_empty() {
        return Ok(bagian);
    }
    let copies = sections.into_iter().map(|section| register_section::ActiveModel {
        register_id: Set(to),
        bagian_id: Set(section.bagian_id),
        position: Set(section.position),
    });
    register_section::Entity::insert_many(copies).exec(txn).await?;
    Ok(bagian)
}

/// The source's live rows into register `to` of `year`, each naming the
/// row it was carried from; how many.
async fn copy_rows(write: &Write<'_>, from: i32, to: i32, year: i32) -> Result<usize, WriteError> {
    let &Write { txn, actor, .. } = write;
    let rows = risk::Entity::find()
        .filter(risk::Column::RegisterId.eq(from))
        .filter(risk::Column::DeletedAt.is_null())
        .order_by_asc(risk::Column::Id)
        .all(txn)
        .await?;
    let now = crate::db::clock(txn).await?;
    let count = rows.len();
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let copies = chunk.iter().map(|row| {
            let target = row.rtp_target_date.map(a_year_on);
            let quarter = row.rtp_target_quarter.and_then(|q| u8::try_from(q).ok());
            risk::ActiveModel {
                register_id: Set(to),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                created_by: Set(actor.user_id()),
                updated_by: Set(actor.user_id()),
                rtp_target_date: Set(target),
                rtp_status: Set(None),
                rtp_due: Set(due_date(target, quarter, year)),
                carried_from: Set(Some(row.id)),
                ..carried(row)
            }
        });
        risk::Entity::insert_many(copies).exec(txn).await?;
    }
    Ok(count)
}

/// What a row carries as it is: its place, code, text, identification
/// and assessment.
fn carried(row: &risk::Model) -> risk::ActiveModel {
    risk::ActiveModel {
        bagian_id: Set(row.bagian_id),
        position: Set(row.position),
        code: Set(row.code.clone()),
        aktivitas: Set(row.aktivitas.clone()),
        potensi: Set(row.potensi.clone()),
        penyebab: Set(row.penyebab.clone()),
        dampak: Set(row.dampak.clone()),
        rencana: Set(row.rencana.clone()),
        conflict_source_id: Set(row.conflict_source_id),
        conflict_nature: Set(row.conflict_nature.clone()),
        jabatan: Set(row.jabatan.clone()),
        existing_control: Set(row.existing_control.clone()),
        control_basis: Set(row.control_basis.clone()),
        inherent_likelihood: Set(row.inherent_likelihood),
        inherent_impact: Set(row.inherent_impact),
        inherent_score: Set(row.inherent_score),
        inherent_level: Set(row.inherent_level),
        residual_likelihood: Set(row.residual_likelihood),
        residual_impact: Set(row.residual_impact),
        residual_score: Set(row.residual_score),
        residual_level: Set(row.residual_level),
        rtp_owner: Set(row.rtp_owner.clone()),
        rtp_target_quarter: Set(row.rtp_target_quarter),
        ..Default::default()
    }
}

/// The same day a year later (29 February: the 28th).
fn a_year_on(date: NaiveDate) -> NaiveDate {
    let next = date.year() + 1;
    date.with_year(next).or_else(|| NaiveDate::from_ymd_opt(next, date.month(), 28)).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_date_moves_a_year_on() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(a_year_on(day(2026, 9, 30)), day(2027, 9, 30));
        assert_eq!(a_year_on(day(2028, 2, 29)), day(2029, 2, 28));
    }
}
