use sea_orm::entity::prelude::*;

/// An account: its role, and its password as an argon2id PHC string (none
/// until one is set).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "app_user")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub unit_id: Option<i32>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub password_hash: Option<String>,
    pub password_set_at: Option<DateTimeUtc>,
    /// Where the daily reminder digest goes; none: no e-mail.
    pub email: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::UnitId",
        to = "super::org_unit::Column::Id"
    )]
    OrgUnit,
}

impl ActiveModelBehavior for ActiveModel {}
