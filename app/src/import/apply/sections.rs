//! The Bagian as the file names and orders them: renamed, moved, and the
//! new ones made in one INSERT.
use super::*;
use crate::entities::org_unit::UnitKind;
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, Query},
};

/// Renames, creates and orders the Bagian as the file has them; returns the
/// Bagian id of each section. New Bagian are made in one INSERT.
pub(in crate::import) async fn apply_sections(
    txn: &DatabaseTransaction,
    table: &ParsedTable,
    biro: i32,
    units: &[org_unit::Model],
    resolved: &[Option<(i32, bool)>],
    report: &mut ImportReport,
) -> Result<Vec<i32>, WriteError> {
    let mut ids = Vec::with_capacity(table.sections.len());
    let mut new: Vec<(&str, i32)> = Vec::new();
    for (index, (section, resolved)) in table.sections.iter().zip(resolved).enumerate() {
        let position = index as i32 + 1;
        let Some((id, renamed)) = resolved else {
            report.bagian_new.push(section.name.clone());
            // A name the file gives twice is one Bagian.
            if !new.iter().any(|(name, _)| *name == section.name) {
                new.push((&section.name, position));
            }
            ids.push(None);
            continue;
        };
        report.bagian_existing += 1;
        let unit = units.iter().find(|unit| unit.id == *id);
        let mut update = org_unit::Entity::update_many().filter(org_unit::Column::Id.eq(*id));
        let mut dirty = false;
        if let Some(unit) = unit
            && (*renamed || unit.name != section.name)
        {
            report.bagian_renamed.push((unit.name.clone(), section.name.clone()));
            update = update.col_expr(org_unit::Column::Name, Expr::val(&section.name));
            dirty = true;
        }
        if unit.is_some_and(|unit| unit.position != position) {
            update = update.col_expr(org_unit::Column::Position, Expr::val(position));
            dirty = true;
        }
        if dirty {
            update.exec(txn).await?;
        }
        ids.push(Some(*id));
    }
    let made = create_bagian(txn, biro, &new).await?;
    report.units_created.extend(new.iter().map(|(name, _)| (*name).to_owned()));
    table
        .sections
        .iter()
        .zip(ids)
        .map(|(section, id)| {
            id.or_else(|| made.get(section.name.as_str()).copied()).ok_or(WriteError::NotFound)
        })
        .collect()
}

/// Makes Bagian of Biro `biro` (name, position); their ids by name.
async fn create_bagian<'a>(
    txn: &DatabaseTransaction,
    biro: i32,
    new: &[(&'a str, i32)],
) -> Result<HashMap<&'a str, i32>, WriteError> {
    let mut made = HashMap::with_capacity(new.len());
    let now = crate::db::now(txn.get_database_backend());
    for chunk in new.chunks(1_000) {
        let mut insert = Query::insert()
            .into_table(org_unit::Entity)
            .columns([
                org_unit::Column::ParentId,
                org_unit::Column::Kind,
                org_unit::Column::Name,
                org_unit::Column::Position,
                org_unit::Column::CreatedAt,
            ])
            .returning(Query::returning().columns([org_unit::Column::Id, org_unit::Column::Name]))
            .to_owned();
        for (name, position) in chunk {
            insert.values_panic([
                biro.into(),
                UnitKind::Bagian.to_value().into(),
                (*name).into(),
                (*position).into(),
                now.clone(),
            ]);
        }
        for row in txn.query_all(&insert).await? {
            let (id, name): (i32, String) = (row.try_get("", "id")?, row.try_get("", "name")?);
            if let Some((name, _)) = chunk.iter().find(|(wanted, _)| *wanted == name) {
                made.insert(*name, id);
            }
        }
    }
    Ok(made)
}
