use sea_orm::entity::prelude::*;

/// What was done on a row's control action in one quarter (triwulan).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "rtp_realisation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub risk_id: i32,
    pub year: i32,
    pub quarter: i16,
    pub progress: i16,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub evidence: Option<String>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::risk::Entity",
        from = "Column::RiskId",
        to = "super::risk::Column::Id"
    )]
    Risk,
}

impl ActiveModelBehavior for ActiveModel {}
