//! A row's assessment record changed in memory, field by field: what a
//! save stores and what "as of" undoes. Pure: no database here.
use crate::register::model::{Field, Matrix, Realisation};
use crate::register::repo::AssessmentRecord;
use crate::rules::assessment::Value;

/// The form's text of a parsed value.
pub(crate) fn text_of(value: &Value) -> String {
    match value {
        Value::None => String::new(),
        Value::Number(n) => n.to_string(),
        Value::Text(text) => text.clone(),
        Value::Date(date) => date.to_string(),
    }
}

/// Puts a realisation field's `value` into a quarter's realisation.
pub(crate) fn set_realisation(realisation: &mut Realisation, field: Field, value: &Value) {
    let text = || match value {
        Value::Text(text) => text.clone(),
        _ => String::new(),
    };
    match field {
        Field::RealisationProgress => {
            realisation.progress = match value {
                Value::Number(n) => u8::try_from(*n).unwrap_or(0),
                _ => 0,
            }
        }
        Field::RealisationDone => realisation.done = text(),
        Field::RealisationEvidence => realisation.evidence = text(),
        _ => {}
    }
}

pub(crate) fn small(n: Option<i16>) -> Option<u8> {
    n.and_then(|n| u8::try_from(n).ok())
}

/// Puts `value` into the record's field.
pub(crate) fn set_field(row: &mut AssessmentRecord, field: Field, value: &Value) {
    let number = || match value {
        Value::Number(n) => i16::try_from(*n).ok(),
        _ => None,
    };
    let text = || match value {
        Value::Text(text) => Some(text.clone()),
        _ => None,
    };
    match field {
        Field::Source => {
            row.conflict_source_id = match value {
                Value::Number(n) => Some(*n),
                _ => None,
            }
        }
        Field::Nature => row.conflict_nature = text(),
        Field::Jabatan => row.jabatan = text(),
        Field::ExistingControl => row.existing_control = text(),
        Field::ControlBasis => row.control_basis = text(),
        Field::InherentLikelihood => row.inherent_likelihood = number(),
        Field::InherentImpact => row.inherent_impact = number(),
        Field::ResidualLikelihood => row.residual_likelihood = number(),
        Field::ResidualImpact => row.residual_impact = number(),
        Field::Owner => row.rtp_owner = text(),
        Field::TargetDate => {
            row.rtp_target_date = match value {
                Value::Date(date) => Some(*date),
                _ => None,
            }
        }
        Field::TargetQuarter => row.rtp_target_quarter = number(),
        Field::RtpStatus => row.rtp_status = text(),
        _ => {}
    }
}

/// The record's scores and levels as the matrix gives them.
pub(crate) fn rate(row: &mut AssessmentRecord, matrix: &Matrix) {
    let rate = |l: Option<i16>, i: Option<i16>| {
        let rating = matrix.rate(small(l)?, small(i)?)?;
        Some((i16::from(rating.score), rating.level.code()))
    };
    let inherent = rate(row.inherent_likelihood, row.inherent_impact);
    (row.inherent_score, row.inherent_level) = (inherent.map(|r| r.0), inherent.map(|r| r.1));
    let residual = rate(row.residual_likelihood, row.residual_impact);
    (row.residual_score, row.residual_level) = (residual.map(|r| r.0), residual.map(|r| r.1));
}
