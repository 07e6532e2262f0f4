use sea_orm::entity::prelude::*;

/// One cell of the 5×5 risk matrix: a likelihood and an impact (1–5), their
/// score (1–25) and level (1–5). Admins adjust the levels.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "risk_matrix")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub likelihood: i16,
    #[sea_orm(primary_key, auto_increment = false)]
    pub impact: i16,
    pub score: i16,
    pub level: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
