//! The assessment columns of a risk row, as read from the database.
use crate::entities::risk;
use crate::register::model::{Assessment, Level, Nature, Rating, RtpStatus, Score};
use chrono::NaiveDate;
use sea_orm::FromQueryResult;

/// The assessment columns of a row, as stored.
pub const ASSESSMENT_COLUMNS: [risk::Column; 18] = [
    risk::Column::ConflictSourceId,
    risk::Column::ConflictNature,
    risk::Column::Jabatan,
    risk::Column::ExistingControl,
    risk::Column::ControlBasis,
    risk::Column::InherentLikelihood,
    risk::Column::InherentImpact,
    risk::Column::InherentScore,
    risk::Column::InherentLevel,
    risk::Column::ResidualLikelihood,
    risk::Column::ResidualImpact,
    risk::Column::ResidualScore,
    risk::Column::ResidualLevel,
    risk::Column::RtpOwner,
    risk::Column::RtpTargetDate,
    risk::Column::RtpTargetQuarter,
    risk::Column::RtpStatus,
    risk::Column::RtpDue,
];

/// A row's assessment columns as stored (see [`ASSESSMENT_COLUMNS`]).
#[derive(Clone, Debug, Default, FromQueryResult)]
pub struct AssessmentRecord {
    pub conflict_source_id: Option<i32>,
    pub conflict_nature: Option<String>,
    pub jabatan: Option<String>,
    pub existing_control: Option<String>,
    pub control_basis: Option<String>,
    pub inherent_likelihood: Option<i16>,
    pub inherent_impact: Option<i16>,
    pub inherent_score: Option<i16>,
    pub inherent_level: Option<i16>,
    pub residual_likelihood: Option<i16>,
    pub residual_impact: Option<i16>,
    pub residual_score: Option<i16>,
    pub residual_level: Option<i16>,
    pub rtp_owner: Option<String>,
    pub rtp_target_date: Option<NaiveDate>,
    pub rtp_target_quarter: Option<i16>,
    pub rtp_status: Option<String>,
    pub rtp_due: Option<NaiveDate>,
}

impl AssessmentRecord {
    /// The assessment as the browser sees it, overdue as of `today`.
    pub fn view(&self, today: NaiveDate) -> Assessment {
        let small = |n: Option<i16>| n.and_then(|n| u8::try_from(n).ok());
        let score = |l: Option<i16>, i: Option<i16>, score: Option<i16>, level: Option<i16>| {
            let (likelihood, impact) = (small(l), small(i));
            let rating = match (likelihood, impact, small(score), level.and_then(Level::from_code))
            {
                (Some(likelihood), Some(impact), Some(score), Some(level)) => {
                    Some(Rating { likelihood, impact, score, level })
                }
                _ => None,
            };
            Score { likelihood, impact, rating }
        };
        let status = self.rtp_status.as_deref().and_then(RtpStatus::from_code);
        Assessment {
            source: self.conflict_source_id,
            nature: self.conflict_nature.as_deref().and_then(Nature::from_code),
            jabatan: self.jabatan.clone().unwrap_or_default(),
            existing_control: self.existing_control.clone().unwrap_or_default(),
            control_basis: self.control_basis.clone().unwrap_or_default(),
            inherent: score(
                self.inherent_likelihood,
                self.inherent_impact,
                self.inherent_score,
                self.inherent_level,
            ),
            residual: score(
                self.residual_likelihood,
                self.residual_impact,
                self.residual_score,
                self.residual_level,
            ),
            owner: self.rtp_owner.clone().unwrap_or_default(),
            target_date: self.rtp_target_date,
            target_quarter: small(self.rtp_target_quarter),
            status,
            overdue: crate::rules::assessment::is_overdue(self.rtp_due, status, today),
            // Kept in its own table: see `realisations`.
            realisation: Default::default(),
            // Compared with last year's row: see `carry::mark_origins`.
            origin: None,
        }
    }
}
