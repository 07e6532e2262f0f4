use sea_orm::entity::prelude::*;

/// One row of the register: the six text columns of the official form, the
/// identification and assessment of DOMAIN.md, and RTP tracking.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "risk")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub register_id: i32,
    pub bagian_id: i32,
    pub position: i32,
    pub code: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub aktivitas: String,
    #[sea_orm(column_type = "Text")]
    pub potensi: String,
    #[sea_orm(column_type = "Text")]
    pub penyebab: String,
    #[sea_orm(column_type = "Text")]
    pub dampak: String,
    #[sea_orm(column_type = "Text")]
    pub rencana: String,
    pub conflict_source_id: Option<i32>,
    pub conflict_nature: Option<String>,
    pub jabatan: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub existing_control: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub control_basis: Option<String>,
    pub inherent_likelihood: Option<i16>,
    pub inherent_impact: Option<i16>,
    pub residual_likelihood: Option<i16>,
    pub residual_impact: Option<i16>,
    pub rtp_owner: Option<String>,
    pub rtp_target_date: Option<Date>,
    pub rtp_target_quarter: Option<i16>,
    pub rtp_status: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub created_by: Option<i32>,
    pub updated_by: Option<i32>,
    /// Set when the row was deleted: it is hidden, restorable, and keeps its
    /// history and review notes.
    pub deleted_at: Option<DateTimeUtc>,
    pub deleted_by: Option<i32>,
    /// The inherent rating's score (1–25) and level (1–5) as the risk
    /// matrix gives them; kept with each write and re-levelling.
    pub inherent_score: Option<i16>,
    pub inherent_level: Option<i16>,
    pub residual_score: Option<i16>,
    pub residual_level: Option<i16>,
    /// When the control action is due: its target date, else the end of
    /// its target quarter.
    pub rtp_due: Option<Date>,
    /// The row of last year's register this one was carried forward from.
    pub carried_from: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::register::Entity",
        from = "Column::RegisterId",
        to = "super::register::Column::Id"
    )]
    Register,
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::BagianId",
        to = "super::org_unit::Column::Id"
    )]
    Bagian,
}

impl Related<super::register::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Register.def()
    }
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Bagian.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
