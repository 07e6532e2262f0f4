//! The register as it stood at the end of a past day, rebuilt from the
//! change log: read-only, exportable and printable like today's. The log
//! names every change with the register version it made; the layout (which
//! Bagian, which rows in what order) is logged whole where it changes
//! (`write::log_layout`), the cells, assessments, realisations and notes
//! as old → new, so that the register at version V is today's with every
//! later change undone, laid out as last logged up to V.
pub mod api;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
mod undo;

pub use super::model::AsOf;
use super::model::RegisterView;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The register "as of" a day, or why it cannot be shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AsOfView {
    /// The register then; its `as_of` says when.
    Shown(RegisterView),
    /// The day is before the first change the log holds the layout of
    /// (`None`: it holds none yet).
    BeforeLog { since: Option<NaiveDate> },
    /// The day has not ended yet anywhere: today's register is the one to see.
    Future { today: NaiveDate },
}

impl AsOfGap {
    /// Why the register cannot be shown as of `day`: the title, then the
    /// reason, on two lines (the download refusal and the command line).
    pub fn text(self, t: &crate::i18n::Strings, day: NaiveDate) -> String {
        let long = |day| t.print.long_date(day);
        let reason = match self {
            Self::BeforeLog { since } => (t.as_of.before_log)(since.map(long).as_deref()),
            Self::Future { today } => (t.as_of.future)(&long(today)),
        };
        format!("{}\n{reason}", (t.as_of.gap_title)(&long(day)))
    }
}

/// Why a register cannot be shown as of a day (see [`AsOfView`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AsOfGap {
    BeforeLog { since: Option<NaiveDate> },
    Future { today: NaiveDate },
}

impl AsOfView {
    /// The register, or why there is none that day.
    pub fn into_register(self) -> Result<RegisterView, AsOfGap> {
        match self {
            Self::Shown(register) => Ok(register),
            Self::BeforeLog { since } => Err(AsOfGap::BeforeLog { since }),
            Self::Future { today } => Err(AsOfGap::Future { today }),
        }
    }
}

/// The day a `per=2026-09-30` names, if it is one.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    crate::rules::assessment::parse_date(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_iso_dates_only() {
        assert_eq!(parse_day("2026-09-30"), NaiveDate::from_ymd_opt(2026, 9, 30));
        assert_eq!(parse_day(" 2026-09-30 "), NaiveDate::from_ymd_opt(2026, 9, 30));
        for bad in ["", "30-09-2026", "2026-02-30", "2026-09-30T00:00", "<b>", "2026\u{202e}-09-30"]
        {
            assert_eq!(parse_day(bad), None, "{bad:?}");
        }
    }
}
