use sea_orm::entity::prelude::*;

/// One changed field of one row: the history behind "as of" views and audits.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "change_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub register_id: i32,
    pub risk_id: Option<i32>,
    pub action: String,
    pub field: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub old_value: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub new_value: Option<String>,
    pub changed_by: Option<i32>,
    pub source: String,
    pub changed_at: DateTimeUtc,
    /// Where a change from the web came from, until accounts name the user.
    pub client: Option<String>,
    /// The register's version the change made: a page at an older version
    /// reads the rows changed since (none before migration 8's backfill).
    pub register_version: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
