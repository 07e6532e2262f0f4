use sea_orm::entity::prelude::*;

/// A node of the organisation tree: instansi → biro → bagian.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "org_unit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub parent_id: Option<i32>,
    pub kind: UnitKind,
    pub name: String,
    pub position: i32,
    pub created_at: DateTimeUtc,
}

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    EnumIter,
    DeriveActiveEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum UnitKind {
    #[sea_orm(string_value = "instansi")]
    Instansi,
    #[sea_orm(string_value = "biro")]
    Biro,
    #[sea_orm(string_value = "bagian")]
    Bagian,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "Entity", from = "Column::ParentId", to = "Column::Id")]
    Parent,
}

impl ActiveModelBehavior for ActiveModel {}
