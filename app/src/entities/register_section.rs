use sea_orm::entity::prelude::*;

/// A Bagian of a register, at its place in the printed order; it stays
/// when its last row goes, until someone removes it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "register_section")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub register_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub bagian_id: i32,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::BagianId",
        to = "super::org_unit::Column::Id"
    )]
    Bagian,
}

impl ActiveModelBehavior for ActiveModel {}
