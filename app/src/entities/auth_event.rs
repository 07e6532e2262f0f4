use sea_orm::entity::prelude::*;

/// A sign-in (success, failure, lock-out), a role change or a change to a
/// user, kept for admins to read.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "auth_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    pub kind: String,
    pub username: Option<String>,
    pub user_id: Option<i32>,
    /// Who did it (user management), if not the user themself.
    pub actor_id: Option<i32>,
    pub client: Option<String>,
    pub detail: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
