//! Queries of the register. Entities stay here; the browser gets `model` types.
use super::history::{Action, Author, ChangeView, DeletedRow, RowHistory};
use super::model::{
    Assessment, Field, Level, Matrix, Nature, Rating, Realisation, RegisterDelta, RegisterKey,
    RegisterStatus, RegisterView, RichText, RiskRowView, RtpStatus, Score, SectionView, SourceView,
};
use super::notes::NoteView;
use crate::entities::{
    app_user, change_log, conflict_source, org_unit, register, register_section, review_note, risk,
    risk_matrix, rtp_realisation,
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
    let mut sections = group_rows(sections, rows, today());
    let notes = open_note_counts(db, register.id, None).await?;
    let mut realised = realisations(db, register.id, register.year, None).await?;
    if !notes.is_empty() || !realised.is_empty() {
        for row in sections.iter_mut().flat_map(|section| section.rows.iter_mut()) {
            row.notes = notes.get(&row.id).copied().unwrap_or(0);
            if let Some(realisation) = realised.remove(&row.id) {
                row.assessment.realisation = realisation;
            }
        }
    }
    let status = RegisterStatus::from_code(&register.status).ok_or_else(|| {
        DbErr::Custom(format!("register {}: unknown status {:?}", register.id, register.status))
    })?;
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

/// Today in the Biro's time zone: what a row's target is measured against.
pub fn today() -> NaiveDate {
    crate::rules::assessment::today_in_makassar(chrono::Utc::now())
}

/// The sources of conflict, in their order.
pub async fn sources(db: &impl ConnectionTrait) -> Result<Vec<SourceView>, DbErr> {
    let sources = conflict_source::Entity::find()
        .order_by_asc(conflict_source::Column::Position)
        .order_by_asc(conflict_source::Column::Id)
        .all(db)
        .await?;
    Ok(sources
        .into_iter()
        .map(|source| SourceView { id: source.id, name: source.name, active: source.active })
        .collect())
}

/// How many live rows name each source of conflict (those naming any).
pub async fn source_uses(db: &impl ConnectionTrait) -> Result<HashMap<i32, usize>, DbErr> {
    let uses: Vec<(i32, i64)> = risk::Entity::find()
        .select_only()
        .column(risk::Column::ConflictSourceId)
        .column_as(Expr::cust("COUNT(*)"), "rows")
        .filter(risk::Column::ConflictSourceId.is_not_null())
        .filter(risk::Column::DeletedAt.is_null())
        .group_by(risk::Column::ConflictSourceId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(uses.into_iter().map(|(id, rows)| (id, usize::try_from(rows).unwrap_or(0))).collect())
}

/// The risk matrix as stored; an incomplete or disordered one is an error.
pub async fn matrix(db: &impl ConnectionTrait) -> Result<Matrix, DbErr> {
    let cells: Vec<(i16, i16, i16, i16)> = risk_matrix::Entity::find()
        .select_only()
        .columns([
            risk_matrix::Column::Likelihood,
            risk_matrix::Column::Impact,
            risk_matrix::Column::Score,
            risk_matrix::Column::Level,
        ])
        .into_tuple()
        .all(db)
        .await?;
    Matrix::from_cells(&cells)
        .map_err(|error| DbErr::Custom(format!("the risk matrix is not whole: {error:?}")))
}

/// The assessment columns of a row, as stored.
pub const ASSESSMENT_COLUMNS: [risk::Column; 18] = [
    risk::Column::ConflictSourceId,
    risk::Column::ConflictNature,
    risk::Column::Jabatan,
    risk::Column::ExistingControl,
    risk::Column::ControlBasis,
    risk::Column::InherentLikelihood,
    risk::Column::InherentImpact,
    risk::Column::InherentScore,
    risk::Column::InherentLevel,
    risk::Column::ResidualLikelihood,
    risk::Column::ResidualImpact,
    risk::Column::ResidualScore,
    risk::Column::ResidualLevel,
    risk::Column::RtpOwner,
    risk::Column::RtpTargetDate,
    risk::Column::RtpTargetQuarter,
    risk::Column::RtpStatus,
    risk::Column::RtpDue,
];

/// A row's assessment columns as stored (see [`ASSESSMENT_COLUMNS`]).
#[derive(Clone, Debug, Default, FromQueryResult)]
pub struct AssessmentRecord {
    pub conflict_source_id: Option<i32>,
    pub conflict_nature: Option<String>,
    pub jabatan: Option<String>,
    pub existing_control: Option<String>,
    pub control_basis: Option<String>,
    pub inherent_likelihood: Option<i16>,
    pub inherent_impact: Option<i16>,
    pub inherent_score: Option<i16>,
    pub inherent_level: Option<i16>,
    pub residual_likelihood: Option<i16>,
    pub residual_impact: Option<i16>,
    pub residual_score: Option<i16>,
    pub residual_level: Option<i16>,
    pub rtp_owner: Option<String>,
    pub rtp_target_date: Option<NaiveDate>,
    pub rtp_target_quarter: Option<i16>,
    pub rtp_status: Option<String>,
    pub rtp_due: Option<NaiveDate>,
}

impl AssessmentRecord {
    /// The assessment as the browser sees it, overdue as of `today`.
    pub fn view(&self, today: NaiveDate) -> Assessment {
        let small = |n: Option<i16>| n.and_then(|n| u8::try_from(n).ok());
        let score = |l: Option<i16>, i: Option<i16>, score: Option<i16>, level: Option<i16>| {
            let (likelihood, impact) = (small(l), small(i));
            let rating = match (likelihood, impact, small(score), level.and_then(Level::from_code))
            {
                (Some(likelihood), Some(impact), Some(score), Some(level)) => {
                    Some(Rating { likelihood, impact, score, level })
                }
                _ => None,
            };
            Score { likelihood, impact, rating }
        };
        let status = self.rtp_status.as_deref().and_then(RtpStatus::from_code);
        Assessment {
            source: self.conflict_source_id,
            nature: self.conflict_nature.as_deref().and_then(Nature::from_code),
            jabatan: self.jabatan.clone().unwrap_or_default(),
            existing_control: self.existing_control.clone().unwrap_or_default(),
            control_basis: self.control_basis.clone().unwrap_or_default(),
            inherent: score(
                self.inherent_likelihood,
                self.inherent_impact,
                self.inherent_score,
                self.inherent_level,
            ),
            residual: score(
                self.residual_likelihood,
                self.residual_impact,
                self.residual_score,
                self.residual_level,
            ),
            owner: self.rtp_owner.clone().unwrap_or_default(),
            target_date: self.rtp_target_date,
            target_quarter: small(self.rtp_target_quarter),
            status,
            overdue: crate::rules::assessment::is_overdue(self.rtp_due, status, today),
            // Kept in its own table: see `realisations`.
            realisation: Default::default(),
        }
    }
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

/// Changes this many rows or more: the page reads the whole register.
const MOST_ROWS_CHANGED: usize = 500;

/// What changed in register `id` since version `since`: its version now and
/// the rows changed since, as the table shows them; `rows` is `None` when
/// the table's shape changed (rows added, deleted, restored or moved, a
/// Bagian changed), or very many rows did: the page reads the whole
/// register then. `None` if there is no such register.
pub async fn changes_since(
    db: &impl ConnectionTrait,
    id: i32,
    since: i32,
) -> Result<Option<RegisterDelta>, DbErr> {
    let Some((version, year)) = register::Entity::find_by_id(id)
        .select_only()
        .columns([register::Column::Version, register::Column::Year])
        .into_tuple::<(i32, i32)>()
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if since >= version {
        return Ok(Some(RegisterDelta { version, rows: Some(Vec::new()) }));
    }
    let entries: Vec<(Option<i32>, String)> = change_log::Entity::find()
        .select_only()
        .columns([change_log::Column::RiskId, change_log::Column::Action])
        .filter(change_log::Column::RegisterId.eq(id))
        .filter(change_log::Column::RegisterVersion.gt(since))
        .into_tuple()
        .all(db)
        .await?;
    let reshaped = entries.iter().any(|(row, action)| {
        row.is_none()
            || matches!(
                Action::from_code(action),
                None | Some(Action::Create | Action::Delete | Action::Restore | Action::Move)
            )
    });
    let mut ids: Vec<i32> = entries.iter().filter_map(|(row, _)| *row).collect();
    ids.sort_unstable();
    ids.dedup();
    if reshaped || ids.len() >= MOST_ROWS_CHANGED {
        return Ok(Some(RegisterDelta { version, rows: None }));
    }
    let mut rows: Vec<RiskRowView> = if ids.is_empty() {
        Vec::new()
    } else {
        shown_rows(id)
            .filter(risk::Column::Id.is_in(ids.iter().copied()))
            .into_model::<RowRecord>()
            .all(db)
            .await?
            .into_iter()
            .map(|row| row.view(today()))
            .collect()
    };
    if rows.len() != ids.len() {
        // A row gone meanwhile (a later change than the version read).
        return Ok(Some(RegisterDelta { version, rows: None }));
    }
    let notes = open_note_counts(db, id, Some(&ids)).await?;
    let mut realised = realisations(db, id, year, Some(&ids)).await?;
    for row in &mut rows {
        row.notes = notes.get(&row.id).copied().unwrap_or(0);
        if let Some(realisation) = realised.remove(&row.id) {
            row.assessment.realisation = realisation;
        }
    }
    Ok(Some(RegisterDelta { version, rows: Some(rows) }))
}

/// What was done in each quarter of `year` on the control actions of the
/// live rows of register `id` that report any (of `rows` only, when given).
pub async fn realisations(
    db: &impl ConnectionTrait,
    id: i32,
    year: i32,
    rows: Option<&[i32]>,
) -> Result<HashMap<i32, [Realisation; 4]>, DbErr> {
    use rtp_realisation::Column as C;
    let mut query = rtp_realisation::Entity::find();
    if let Some(rows) = rows {
        query = query.filter(C::RiskId.is_in(rows.iter().copied()));
    }
    type Found = (i32, i16, i16, Option<String>, Option<String>);
    let found: Vec<Found> = query
        .select_only()
        .columns([C::RiskId, C::Quarter, C::Progress, C::Note, C::Evidence])
        .join(JoinType::InnerJoin, rtp_realisation::Relation::Risk.def())
        // Written into the SQL, not bound: see `shown_rows`.
        .filter(Expr::cust(format!(
            "\"risk\".\"register_id\" = {id} AND \"risk\".\"deleted_at\" IS NULL"
        )))
        .filter(C::Year.eq(year))
        .into_tuple()
        .all(db)
        .await?;
    let mut realised: HashMap<i32, [Realisation; 4]> = HashMap::new();
    for (row, quarter, progress, done, evidence) in found {
        let Some(at) =
            usize::try_from(quarter).ok().and_then(|q| q.checked_sub(1)).filter(|q| *q < 4)
        else {
            continue;
        };
        realised.entry(row).or_default()[at] = Realisation {
            progress: u8::try_from(progress).unwrap_or(0),
            done: done.unwrap_or_default(),
            evidence: evidence.unwrap_or_default(),
        };
    }
    Ok(realised)
}

/// The open (unresolved) review notes of each live row of register `id`
/// that has any (of `rows` only, when given): row id to count.
pub async fn open_note_counts(
    db: &impl ConnectionTrait,
    id: i32,
    rows: Option<&[i32]>,
) -> Result<HashMap<i32, u32>, DbErr> {
    let mut query = review_note::Entity::find();
    if let Some(rows) = rows {
        query = query.filter(review_note::Column::RiskId.is_in(rows.iter().copied()));
    }
    let counts: Vec<(i32, i64)> = query
        .select_only()
        .column(review_note::Column::RiskId)
        .column_as(Expr::cust("COUNT(*)"), "notes")
        .join(JoinType::InnerJoin, review_note::Relation::Risk.def())
        // Written into the SQL, not bound: see below.
        .filter(Expr::cust(format!(
            "\"risk\".\"register_id\" = {id} AND \"risk\".\"deleted_at\" IS NULL"
        )))
        .filter(review_note::Column::ResolvedAt.is_null())
        .group_by(review_note::Column::RiskId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(counts.into_iter().map(|(row, count)| (row, u32::try_from(count).unwrap_or(0))).collect())
}

/// The review notes of row `row`, oldest first, with their authors' names.
pub async fn row_notes(db: &impl ConnectionTrait, row: i32) -> Result<Vec<NoteView>, DbErr> {
    let notes = review_note::Entity::find()
        .filter(review_note::Column::RiskId.eq(row))
        .order_by_asc(review_note::Column::Id)
        .all(db)
        .await?;
    note_views(db, notes).await
}

/// Review notes as the page shows them, their authors named.
pub(crate) async fn note_views(
    db: &impl ConnectionTrait,
    notes: Vec<review_note::Model>,
) -> Result<Vec<NoteView>, DbErr> {
    let ids: Vec<i32> =
        notes.iter().flat_map(|note| [note.author_id, note.resolved_by]).flatten().collect();
    let names = user_names(db, ids).await?;
    let name = |id: Option<i32>| id.and_then(|id| names.get(&id).cloned());
    Ok(notes
        .into_iter()
        .map(|note| NoteView {
            id: note.id,
            row: note.risk_id,
            author: name(note.author_id),
            body: note.body,
            at: note.created_at,
            resolved: note.resolved_at.map(|at| (at, name(note.resolved_by))),
        })
        .collect())
}

/// The display names of users `ids`.
async fn user_names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, DbErr> {
    let mut ids: Vec<i32> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let names: Vec<(i32, String)> = app_user::Entity::find()
        .select_only()
        .columns([app_user::Column::Id, app_user::Column::DisplayName])
        .filter(app_user::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(names.into_iter().collect())
}

/// The Bagian of register `id` in printed order: (id, name). Also the
/// write path's list (it reads it inside its transaction).
pub async fn section_names(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Vec<(i32, String)>, DbErr> {
    register_section::Entity::find()
        .select_only()
        .column(register_section::Column::BagianId)
        .column(org_unit::Column::Name)
        .join(JoinType::InnerJoin, register_section::Relation::Bagian.def())
        // Written into the SQL, not bound: see `load_register`.
        .filter(Expr::cust(format!("\"register_section\".\"register_id\" = {id}")))
        .order_by_asc(register_section::Column::Position)
        .order_by_asc(register_section::Column::BagianId)
        .into_tuple()
        .all(db)
        .await
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

/// Row `id`'s history, newest first, with its current cells; `None` if
/// there is no such row.
pub async fn row_history(db: &impl ConnectionTrait, id: i32) -> Result<Option<RowHistory>, DbErr> {
    let Some(row) = risk::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let entries = change_log::Entity::find()
        .filter(change_log::Column::RiskId.eq(id))
        .order_by_desc(change_log::Column::Id)
        .all(db)
        .await?;
    let changes = change_views(db, entries).await?;
    Ok(Some(RowHistory {
        id: row.id,
        code: row.code.unwrap_or_default(),
        version: row.version,
        deleted: row.deleted_at.is_some(),
        cells: [row.aktivitas, row.potensi, row.penyebab, row.dampak, row.rencana]
            .map(RichText::new),
        changes,
    }))
}

/// Change log entries as the history shows them, their authors named.
pub(crate) async fn change_views(
    db: &impl ConnectionTrait,
    entries: Vec<change_log::Model>,
) -> Result<Vec<ChangeView>, DbErr> {
    let names = user_names(db, entries.iter().filter_map(|entry| entry.changed_by)).await?;
    entries
        .into_iter()
        .map(|entry| {
            let action = Action::from_code(&entry.action).ok_or_else(|| {
                DbErr::Custom(format!("change {}: unknown action {:?}", entry.id, entry.action))
            })?;
            let author = match (entry.source.as_str(), entry.changed_by) {
                ("import", _) => Author::Import,
                (_, Some(user)) => Author::User {
                    name: names.get(&user).cloned().unwrap_or_else(|| format!("#{user}")),
                    client: entry.client,
                },
                (_, None) => Author::Web { client: entry.client },
            };
            let logged = Field::from_logged(&entry.field);
            Ok(ChangeView {
                id: entry.id,
                at: entry.changed_at,
                action,
                field: logged.map(|(field, _)| field),
                quarter: logged.and_then(|(_, quarter)| quarter),
                column: entry.field,
                old: entry.old_value,
                new: entry.new_value,
                author,
            })
        })
        .collect()
}

/// The deleted rows of register `register_id`, most recently deleted first.
pub async fn deleted_rows(
    db: &impl ConnectionTrait,
    register_id: i32,
) -> Result<Vec<DeletedRow>, DbErr> {
    #[derive(FromQueryResult)]
    struct Record {
        id: i32,
        code: Option<String>,
        version: i32,
        bagian_id: i32,
        bagian_name: String,
        aktivitas: String,
        potensi: String,
        deleted_at: Option<DateTimeUtc>,
    }
    let rows = risk::Entity::find()
        .select_only()
        .columns([
            risk::Column::Id,
            risk::Column::Code,
            risk::Column::Version,
            risk::Column::BagianId,
            risk::Column::Aktivitas,
            risk::Column::Potensi,
            risk::Column::DeletedAt,
        ])
        .column_as(org_unit::Column::Name, "bagian_name")
        .join(JoinType::InnerJoin, risk::Relation::Bagian.def())
        .filter(risk::Column::RegisterId.eq(register_id))
        .filter(risk::Column::DeletedAt.is_not_null())
        .order_by_desc(risk::Column::DeletedAt)
        .order_by_desc(risk::Column::Id)
        .into_model::<Record>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| DeletedRow {
            id: row.id,
            code: row.code.unwrap_or_default(),
            version: row.version,
            bagian_id: row.bagian_id,
            bagian: row.bagian_name,
            aktivitas: RichText::new(row.aktivitas),
            potensi: RichText::new(row.potensi),
            deleted_at: row.deleted_at,
        })
        .collect())
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
