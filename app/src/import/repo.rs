//! Stores a parsed table so that the register equals the file: new rows
//! inserted, changed rows updated, removed rows deleted softly, order and
//! Bagian names as in the file. One transaction, through the register's one
//! write path; a dry run does all of it and rolls back.
use super::apply::{Plan, apply_rows, apply_sections};
use super::matching::{Incoming, Matches, Stored, match_by_identity, match_by_position};
use super::model::ParsedTable;
use super::report::{ImportOptions, ImportReport};
use super::units::{find_or_create_register, unit};
use crate::db::{begin_write, lock_organisation};
use crate::entities::{org_unit, org_unit::UnitKind, risk};
use crate::register::model::Field;
use crate::register::model::RichText;
use crate::register::write::{
    Actor, Touch, Touched, Write, WriteError, bump_register, lock_register, log_layout,
    log_register, set_sections,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};

/// Stores `table` as the register of its Biro for the given year: after it,
/// the register holds exactly the file's rows. All or nothing.
pub async fn import_table(
    db: &DatabaseConnection,
    table: &ParsedTable,
    options: ImportOptions,
) -> Result<ImportReport, WriteError> {
    import_table_reporting(db, table, options, &|_| {}).await
}

/// [`import_table`], telling `progress` how many of the file's rows are
/// stored as it goes.
pub async fn import_table_reporting(
    db: &DatabaseConnection,
    table: &ParsedTable,
    options: ImportOptions,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<ImportReport, WriteError> {
    let txn = begin_write(db).await?;
    // Nothing of this process has pages to tell: the other instances hear
    // of it through the database when it commits.
    let write = Write::new(&txn, &Actor::IMPORT);
    let (register_id, created, units) = register_of(&write, table, options.year).await?;
    let mut report = import_into(&write, table, register_id, &HashSet::new(), progress).await?;
    report.register_created = created;
    report.units_created.splice(0..0, units);
    report.dry_run = options.dry_run;
    if options.dry_run {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
    }
    Ok(report)
}

/// The register of the table's Biro for `year`, made with its units if
/// new; whether it was made, and the units made.
async fn register_of(
    write: &Write<'_>,
    table: &ParsedTable,
    year: i32,
) -> Result<(i32, bool, Vec<String>), WriteError> {
    let txn = write.txn;
    let mut report = ImportReport::default();
    lock_organisation(txn).await?;
    let instansi = match &table.unit.instansi {
        Some(name) => Some(unit(txn, None, UnitKind::Instansi, name, 1, &mut report).await?),
        None => None,
    };
    let biro = unit(txn, instansi, UnitKind::Biro, &table.unit.biro, 1, &mut report).await?;
    let id = find_or_create_register(write, biro, year, &table.title, &mut report).await?;
    Ok((id, report.register_created, report.units_created))
}

/// Makes register `register_id` hold the file's rows, as `actor`, in the
/// caller's transaction. The stored rows `keep` (ids) stay as they are in
/// the app, wherever the file has them (or has them not). `progress` hears
/// how many of the file's rows are stored, now and then.
pub async fn import_into(
    write: &Write<'_>,
    table: &ParsedTable,
    register_id: i32,
    keep: &HashSet<i32>,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<ImportReport, WriteError> {
    let &Write { txn, .. } = write;
    lock_organisation(txn).await?;
    let register = lock_register(txn, register_id, Touch::Content).await?;
    let mut report = ImportReport {
        year: register.year,
        register_id: register.id,
        register_version: register.version,
        version_before: register.version,
        notes: table.notes.clone(),
        ..Default::default()
    };
    let stored_rows = risk::Entity::find()
        .filter(risk::Column::RegisterId.eq(register.id))
        .order_by_asc(risk::Column::BagianId)
        .order_by_asc(risk::Column::Position)
        .order_by_asc(risk::Column::Id)
        .all(txn)
        .await?;
    let bagian_units = org_unit::Entity::find()
        .filter(org_unit::Column::ParentId.eq(register.unit_id))
        .all(txn)
        .await?;
    let kept;
    let table = if keep.is_empty() {
        table
    } else {
        let first = Matching::of(table, &stored_rows, &bagian_units);
        kept = super::keep::keep_rows(table, &stored_rows, &first.matches, &bagian_units, keep);
        &kept
    };
    let matching = Matching::of(table, &stored_rows, &bagian_units);
    let Matching { incoming, matches, section_bagian, .. } = &matching;

    let bagian_ids =
        apply_sections(txn, table, register.unit_id, &bagian_units, section_bagian, &mut report)
            .await?;
    report.sections_changed = set_sections(txn, register.id, &bagian_ids).await?;
    let mut names: HashMap<i32, String> =
        bagian_units.iter().map(|unit| (unit.id, unit.name.clone())).collect();
    for (section, id) in table.sections.iter().zip(&bagian_ids) {
        names.insert(*id, section.name.clone());
    }
    let plan = Plan {
        table,
        register: &register,
        stored_rows: &stored_rows,
        incoming,
        matches,
        bagian_ids: &bagian_ids,
        names: &names,
        progress,
    };
    apply_rows(write, &plan, &mut report).await?;

    let title_changed = register.title != table.title;
    if report.changed_anything() {
        let mut bagian: Vec<i32> = stored_rows.iter().map(|row| row.bagian_id).collect();
        bagian.extend(&bagian_ids);
        log_layout(write, &register, Touched::SectionsAndRows(&bagian)).await?;
    }
    if title_changed {
        log_register(write, &register, Field::Title, &register.title, &table.title).await?;
    }
    if report.changed_anything() || title_changed {
        let title = title_changed.then_some(table.title.as_str());
        report.register_version = bump_register(write, &register, title).await?;
    }
    Ok(report)
}

/// The file's rows matched to the stored ones: by identity, then by place
/// within the Bagian each section is.
pub(super) struct Matching<'a> {
    pub incoming: Vec<Incoming<'a>>,
    pub matches: Matches,
    pub section_bagian: Vec<Option<(i32, bool)>>,
}

impl<'a> Matching<'a> {
    pub fn of(
        table: &'a ParsedTable,
        stored_rows: &'a [risk::Model],
        bagian_units: &[org_unit::Model],
    ) -> Self {
        let stored = stored_view(stored_rows);
        let incoming: Vec<Incoming<'a>> = table
            .sections
            .iter()
            .enumerate()
            .flat_map(|(section, parsed)| {
                parsed.rows.iter().enumerate().map(move |(index, row)| Incoming {
                    section,
                    index,
                    code: row.code.as_deref(),
                    cells: row.cells.each_ref().map(RichText::markup),
                })
            })
            .collect();
        let mut matches = match_by_identity(&stored, &incoming);
        let section_bagian = resolve_sections(table, bagian_units, &stored, &incoming, &matches);
        let existing: Vec<Option<i32>> =
            section_bagian.iter().map(|resolved| resolved.as_ref().map(|(id, _)| *id)).collect();
        match_by_position(&stored, &incoming, &existing, &mut matches);
        Self { incoming, matches, section_bagian }
    }
}

fn stored_view(rows: &[risk::Model]) -> Vec<Stored<'_>> {
    let mut ranks: HashMap<i32, usize> = HashMap::new();
    rows.iter()
        .map(|row| {
            // Rows come ordered by Bagian and place: a live row's rank is the
            // count of live rows of its Bagian before it.
            let rank = row.deleted_at.is_none().then(|| {
                let next = ranks.entry(row.bagian_id).or_default();
                *next += 1;
                *next - 1
            });
            Stored {
                code: row.code.as_deref().unwrap_or_default(),
                bagian_id: row.bagian_id,
                rank,
                cells: [&row.aktivitas, &row.potensi, &row.penyebab, &row.dampak, &row.rencana]
                    .map(String::as_str),
            }
        })
        .collect()
}

/// The stored Bagian each section of the file is: the one of the same name,
/// or, for a name the Biro does not have, the Bagian most of its matched
/// rows come from if the file no longer names that one (a rename). The
/// second value says whether it is a rename.
fn resolve_sections(
    table: &ParsedTable,
    units: &[org_unit::Model],
    stored: &[Stored<'_>],
    incoming: &[Incoming<'_>],
    matches: &Matches,
) -> Vec<Option<(i32, bool)>> {
    let named = |name: &str| {
        units
            .iter()
            .find(|unit| unit.name == name)
            .or_else(|| units.iter().find(|unit| unit.name.to_lowercase() == name.to_lowercase()))
    };
    let mut resolved: Vec<Option<(i32, bool)>> = table
        .sections
        .iter()
        .map(|section| named(&section.name).map(|unit| (unit.id, false)))
        .collect();
    for (index, section) in table.sections.iter().enumerate() {
        if resolved[index].is_some() {
            continue;
        }
        let mut votes: HashMap<i32, usize> = HashMap::new();
        for (row, (found, _)) in incoming.iter().zip(&matches.of_incoming) {
            if row.section == index
                && let Some(found) = found
            {
                *votes.entry(stored[*found].bagian_id).or_default() += 1;
            }
        }
        let claimed: Vec<i32> = resolved.iter().flatten().map(|(id, _)| *id).collect();
        let majority = (section.rows.len() / 2) + 1;
        let candidate = votes
            .into_iter()
            .filter(|(id, count)| *count >= majority && !claimed.contains(id))
            .max_by_key(|&(id, count)| (count, std::cmp::Reverse(id)));
        resolved[index] = candidate.map(|(id, _)| (id, true));
    }
    resolved
}
