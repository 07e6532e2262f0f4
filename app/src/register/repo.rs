//! Queries of the register. Entities stay here; the browser gets `model` types.
use super::model::{RegisterStatus, RegisterView, RichText, RiskRowView, SectionView};
use crate::entities::{org_unit, register, risk};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, prelude::*};

/// The register of `year`, or the most recent one; `None` if there is none.
pub async fn load_register(
    db: &impl ConnectionTrait,
    year: Option<i32>,
) -> Result<Option<RegisterView>, DbErr> {
    let mut query = register::Entity::find().find_also_related(org_unit::Entity);
    if let Some(year) = year {
        query = query.filter(register::Column::Year.eq(year));
    }
    let found = query
        .order_by_desc(register::Column::Year)
        .order_by_asc(register::Column::Id)
        .one(db)
        .await?;
    let Some((register, Some(unit))) = found else {
        return Ok(None);
    };
    let parent_name = match unit.parent_id {
        Some(parent_id) => org_unit::Entity::find_by_id(parent_id).one(db).await?.map(|u| u.name),
        None => None,
    };
    let mut rows = risk::Entity::find()
        .find_also_related(org_unit::Entity)
        .filter(risk::Column::RegisterId.eq(register.id))
        .all(db)
        .await?;
    rows.sort_by_key(|(row, bagian)| {
        let bagian_position = bagian.as_ref().map_or(i32::MAX, |b| b.position);
        (bagian_position, row.bagian_id, row.position, row.id)
    });

    let mut sections: Vec<SectionView> = Vec::new();
    for (row, bagian) in rows {
        let starts_section = sections.last().is_none_or(|s| s.bagian_id != row.bagian_id);
        if starts_section {
            sections.push(SectionView {
                bagian_id: row.bagian_id,
                ordinal: sections.len() as u32 + 1,
                name: bagian.map(|b| b.name).unwrap_or_default(),
                rows: Vec::new(),
            });
        }
        if let Some(section) = sections.last_mut() {
            section.rows.push(row_view(row));
        }
    }
    Ok(Some(RegisterView {
        id: register.id,
        title: register.title,
        unit_name: unit.name,
        parent_name,
        year: register.year,
        status: RegisterStatus::from_code(&register.status).unwrap_or_default(),
        sections,
    }))
}

fn row_view(row: risk::Model) -> RiskRowView {
    RiskRowView {
        id: row.id,
        version: row.version,
        aktivitas: RichText::new(row.aktivitas),
        potensi: RichText::new(row.potensi),
        penyebab: RichText::new(row.penyebab),
        dampak: RichText::new(row.dampak),
        rencana: RichText::new(row.rencana),
    }
}
