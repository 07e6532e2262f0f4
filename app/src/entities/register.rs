use sea_orm::entity::prelude::*;

/// The register of one unit (a Biro) for one period (year).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "register")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    pub year: i32,
    pub title: String,
    pub status: String,
    pub sk_number: Option<String>,
    pub sk_date: Option<Date>,
    pub prepared_by: Option<i32>,
    pub approved_by: Option<i32>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub sign_place: Option<String>,
    pub sign_date: Option<Date>,
    pub prepared_position: Option<String>,
    pub prepared_name: Option<String>,
    pub prepared_nip: Option<String>,
    pub approved_position: Option<String>,
    pub approved_name: Option<String>,
    pub approved_nip: Option<String>,
    /// 0 until the set register is opened again; then 1, 2 …
    pub revision: i32,
    /// The register (last year's) this one was carried forward from.
    pub carried_from: Option<i32>,
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

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OrgUnit.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
