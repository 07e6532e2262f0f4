use sea_orm::entity::prelude::*;

/// A review note on a row, by a head or by APIP / Inspektorat.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "review_note")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub risk_id: i32,
    pub author_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub created_at: DateTimeUtc,
    pub resolved_at: Option<DateTimeUtc>,
    pub resolved_by: Option<i32>,
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
