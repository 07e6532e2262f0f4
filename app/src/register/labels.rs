//! The register's values in words, as the page, the history and the
//! documents show them.
use super::model::{Field, Level, Nature, RtpStatus, SourceView};
use crate::i18n::Strings;

/// An assessment field's value (as forms and the history write it) in
/// words: "3 – Kadang-kadang terjadi", "Selesai", a source's name.
pub fn assessment_value(t: &Strings, field: Field, raw: &str, sources: &[SourceView]) -> String {
    let number = raw.parse::<usize>().ok().filter(|n| (1..=5).contains(n));
    let named = match field {
        Field::InherentLikelihood | Field::ResidualLikelihood => {
            number.map(|n| format!("{n} – {}", t.likelihood_names[n - 1]))
        }
        Field::InherentImpact | Field::ResidualImpact => {
            number.map(|n| format!("{n} – {}", t.impact_names[n - 1]))
        }
        Field::TargetQuarter => {
            number.filter(|n| *n <= 4).map(|n| t.quarter_names[n - 1].to_owned())
        }
        Field::Nature => Nature::from_code(raw).map(|n| t.nature_name(n).to_owned()),
        Field::RtpStatus => RtpStatus::from_code(raw).map(|s| t.rtp_status_name(s).to_owned()),
        Field::InherentLevel | Field::ResidualLevel => {
            Level::from_slug(raw).map(|level| t.level_name(level).to_owned())
        }
        Field::RealisationProgress => raw.parse::<u8>().ok().map(|n| format!("{n}%")),
        Field::Source => raw
            .parse::<i32>()
            .ok()
            .and_then(|id| sources.iter().find(|source| source.id == id))
            .map(|source| source.name.clone()),
        _ => None,
    };
    match named {
        Some(named) => named,
        None if raw.is_empty() => t.not_set.to_owned(),
        None => raw.to_owned(),
    }
}
