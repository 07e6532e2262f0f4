//! Queries of the register. Entities stay here; the browser gets `model` types.
mod assessment;
mod carry;
mod cycle;
mod delta;
mod history;
mod reference;
mod tracking;

pub use assessment::{ASSESSMENT_COLUMNS, AssessmentRecord};
pub use carry::mark_origins;
pub(crate) use cycle::cycle_of;
pub use cycle::{registers_of, steps_of};
pub use delta::changes_since;
pub(crate) use history::{change_views, note_views};
pub use history::{deleted_rows, row_history, row_notes};
pub use reference::{matrix, section_names, source_uses, sources};
pub use tracking::{Rows, open_note_counts, realisations};

use crate::entities::{org_unit, register, risk};
use crate::register::model::{
    RegisterKey, RegisterStatus, RegisterView, RichText, RiskRowView, SectionView,
};
use chrono::NaiveDate;
use sea_orm::{
    ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, prelude::*, sea_query::Alias,
};
use std::collections::HashMap;

/// The register of a unit and year; without a unit, the first unit's; without
/// a year, the most recent. `None` if there is none. An unknown status in the
/// database is an error, never shown as a draft.
pub async fn load_register(
    db: &impl ConnectionTrait,
    key: RegisterKey,
) -> Result<Option<RegisterView>, DbErr> {
    let Some(register) = register_record(db, key).await? else {
        return Ok(None);
    };
    let sections = section_names(db, register.id)
        .await?
        .into_iter()
        .map(|(bagian_id, name)| SectionView { bagian_id, ordinal: 0, name, rows: Vec::new() })
        .collect();
    let rows = shown_rows(register.id).into_model::<RowRecord>().all(db).await?;
    let mut sections = group_rows(sections, rows, crate::db::today());
    let notes = open_note_counts(db, register.id, Rows::Live).await?;
    let mut realised = realisations(db, register.id, register.year, Rows::Live).await?;
    if !notes.is_empty() || !realised.is_empty() {
        for row in sections.iter_mut().flat_map(|section| section.rows.iter_mut()) {
            row.notes = notes.get(&row.id).copied().unwrap_or(0);
            if let Some(realisation) = realised.remove(&row.id) {
                row.assessment.realisation = realisation;
            }
        }
    }
    if register.carried_from.is_some() {
        let rows = sections.iter_mut().flat_map(|section| section.rows.iter_mut());
        mark_origins(db, register.id, rows, None).await?;
    }
    let status = RegisterStatus::from_code(&register.status).ok_or_else(|| {
        DbErr::Custom(format!("register {}: unknown status {:?}", register.id, register.status))
    })?;
    let cycle = cycle_of(db, &register).await?;
    Ok(Some(RegisterView {
        id: register.id,
        unit_id: register.unit_id,
        version: register.version,
        title: register.title,
        unit_name: register.unit_name,
        parent_name: register.parent_name,
        year: register.year,
        status,
        sections,
        sources: sources(db).await?,
        as_of: None,
        cycle,
    }))
}

/// The register `key` names with its unit and the unit above it, in one
/// query.
pub(crate) async fn register_record(
    db: &impl ConnectionTrait,
    key: RegisterKey,
) -> Result<Option<RegisterRecord>, DbErr> {
    let parent = Alias::new("parent");
    let query = register::Entity::find()
        .select_only()
        .columns([
            register::Column::Id,
            register::Column::UnitId,
            register::Column::Version,
            register::Column::Title,
            register::Column::Year,
            register::Column::Status,
            register::Column::Revision,
            register::Column::CarriedFrom,
        ])
        .column_as(org_unit::Column::Name, "unit_name")
        .column_as(Expr::col((parent.clone(), org_unit::Column::Name)), "parent_name")
        .join(JoinType::InnerJoin, register::Relation::OrgUnit.def())
        .join_as(JoinType::LeftJoin, org_unit::Relation::Parent.def(), parent);
    let found = addressed(query, key).into_model::<RegisterRecord>().all(db).await?;
    Ok(found.into_iter().next())
}

/// The years unit `unit` has registers of, newest first.
pub async fn register_years(db: &impl ConnectionTrait, unit: i32) -> Result<Vec<i32>, DbErr> {
    register::Entity::find()
        .select_only()
        .column(register::Column::Year)
        .filter(register::Column::UnitId.eq(unit))
        .order_by_desc(register::Column::Year)
        .into_tuple()
        .all(db)
        .await
}

/// The live rows of register `id` with the columns the table shows, in
/// printed order.
fn shown_rows(id: i32) -> Select<risk::Entity> {
    risk::Entity::find()
        .select_only()
        .columns([
            risk::Column::Id,
            risk::Column::Code,
            risk::Column::Version,
            risk::Column::BagianId,
            risk::Column::Aktivitas,
            risk::Column::Potensi,
            risk::Column::Penyebab,
            risk::Column::Dampak,
            risk::Column::Rencana,
        ])
        .columns(ASSESSMENT_COLUMNS)
        .column_as(org_unit::Column::Name, "bagian_name")
        .join(JoinType::InnerJoin, risk::Relation::Bagian.def())
        // The id is written into the SQL, not bound: SQLite (with STAT4)
        // re-prepares a statement whenever a parameter its plan looked at is
        // bound again, which cost a fifth of each request here (perf).
        .filter(Expr::cust(format!(
            "\"risk\".\"register_id\" = {} AND \"risk\".\"deleted_at\" IS NULL",
            id
        )))
        .order_by_asc(risk::Column::BagianId)
        .order_by_asc(risk::Column::Position)
        .order_by_asc(risk::Column::Id)
}

/// Puts each row (ordered by Bagian and place) into its Bagian's section
/// and numbers the sections that have rows, as the printed form does (an
/// empty one, kept for its first row, has no number). A row of a Bagian the register does not list
/// (never written so, but shown rather than lost) gets a section at the end.
fn group_rows(
    mut sections: Vec<SectionView>,
    rows: Vec<RowRecord>,
    today: NaiveDate,
) -> Vec<SectionView> {
    let mut at: HashMap<i32, usize> =
        sections.iter().enumerate().map(|(index, section)| (section.bagian_id, index)).collect();
    for row in rows {
        let index = *at.entry(row.bagian_id).or_insert_with(|| {
            sections.push(SectionView {
                bagian_id: row.bagian_id,
                ordinal: 0,
                name: row.bagian_name.clone(),
                rows: Vec::new(),
            });
            sections.len() - 1
        });
        sections[index].rows.push(row.view(today));
    }
    let mut ordinal = 0;
    for section in sections.iter_mut().filter(|section| !section.rows.is_empty()) {
        ordinal += 1;
        section.ordinal = ordinal;
    }
    sections
}

/// The registers `key` names, the one meant first: of the unit and year
/// when given, else the most recent year's, of the first unit. All rather
/// than `LIMIT ?`: they are few (one per unit and year), and a bound LIMIT
/// makes SQLite re-prepare the statement.
fn addressed(mut query: Select<register::Entity>, key: RegisterKey) -> Select<register::Entity> {
    if let Some(year) = key.year {
        query = query.filter(register::Column::Year.eq(year));
    }
    if let Some(unit) = key.unit_id {
        query = query.filter(register::Column::UnitId.eq(unit));
    }
    query.order_by_desc(register::Column::Year).order_by_asc(register::Column::UnitId)
}

#[derive(FromQueryResult)]
pub(crate) struct RegisterRecord {
    pub id: i32,
    pub unit_id: i32,
    pub version: i32,
    pub title: String,
    pub year: i32,
    pub status: String,
    pub revision: i32,
    pub carried_from: Option<i32>,
    pub unit_name: String,
    pub parent_name: Option<String>,
}

impl RegisterRecord {
    /// "Biro Administrasi Pimpinan Setda Provinsi Kalimantan Timur".
    pub fn unit_line(&self) -> String {
        match &self.parent_name {
            Some(parent) => format!("{} {}", self.unit_name, parent),
            None => self.unit_name.clone(),
        }
    }
}

/// The columns of a row that the table shows: no more is read.
#[derive(FromQueryResult)]
struct RowRecord {
    id: i32,
    code: Option<String>,
    version: i32,
    bagian_id: i32,
    bagian_name: String,
    aktivitas: String,
    potensi: String,
    penyebab: String,
    dampak: String,
    rencana: String,
    #[sea_orm(nested)]
    assessment: AssessmentRecord,
}

impl RowRecord {
    fn view(self, today: NaiveDate) -> RiskRowView {
        let row = self;
        RiskRowView {
            id: row.id,
            code: row.code.unwrap_or_default(),
            version: row.version,
            aktivitas: RichText::new(row.aktivitas),
            potensi: RichText::new(row.potensi),
            penyebab: RichText::new(row.penyebab),
            dampak: RichText::new(row.dampak),
            rencana: RichText::new(row.rencana),
            notes: 0,
            assessment: row.assessment.view(today),
        }
    }
}

/// The id and version of the register `key` names (resolved as by
/// [`load_register`]): the cursor of the page cache, read on every page.
pub async fn register_version(
    db: &impl ConnectionTrait,
    key: RegisterKey,
) -> Result<Option<(i32, i32)>, DbErr> {
    let query = register::Entity::find()
        .select_only()
        .columns([register::Column::Id, register::Column::Version]);
    let found: Vec<(i32, i32)> = addressed(query, key).into_tuple().all(db).await?;
    Ok(found.into_iter().next())
}

/// The register and Bagian of live row `row`.
pub async fn row_place(db: &impl ConnectionTrait, row: i32) -> Result<Option<(i32, i32)>, DbErr> {
    risk::Entity::find_by_id(row)
        .select_only()
        .columns([risk::Column::RegisterId, risk::Column::BagianId])
        .filter(risk::Column::DeletedAt.is_null())
        .into_tuple()
        .one(db)
        .await
}
