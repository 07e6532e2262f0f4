//! The reference lists a register is read with: sources of conflict, the
//! risk matrix, a register's Bagian.
use crate::entities::{conflict_source, org_unit, register_section, risk, risk_matrix};
use crate::register::model::{Matrix, SourceView};
use sea_orm::{
    ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    RelationTrait, prelude::*,
};
use std::collections::HashMap;

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
