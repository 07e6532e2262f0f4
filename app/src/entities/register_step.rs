use sea_orm::entity::prelude::*;

/// A step of a register's cycle: who moved it from which status to which,
/// when, with what comment; an approval with its decree (SK).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "register_step")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub register_id: i32,
    /// The register's revision the step was taken on.
    pub revision: i32,
    pub step: String,
    pub from_status: String,
    pub to_status: String,
    pub user_id: Option<i32>,
    /// Empty when none was given.
    #[sea_orm(column_type = "Text")]
    pub comment: String,
    pub sk_number: Option<String>,
    pub sk_date: Option<Date>,
    /// The register version the step made.
    pub register_version: i32,
    pub taken_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::register::Entity",
        from = "Column::RegisterId",
        to = "super::register::Column::Id"
    )]
    Register,
}

impl ActiveModelBehavior for ActiveModel {}
