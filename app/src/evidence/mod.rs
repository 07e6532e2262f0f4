//! "Paket bukti triwulan": the evidence a Zona Integritas assessor or the
//! Inspektorat asks for a quarter. The register as it stood on the
//! quarter's last day (with its heading and signatories), that quarter's
//! realisation of each control action (RTP), every change made during the
//! quarter (who, when, old → new) and the review notes open during it. One
//! workbook (`/unduh/paket-bukti.xlsx`) and one printable page
//! (`/register/{unit}/{year}/bukti`).
pub mod api;
pub mod components;
pub mod lines;
#[cfg(feature = "ssr")]
pub mod repo;

use crate::print::model::PrintForm;
use crate::register::history::ChangeView;
use crate::register::model::{RegisterKey, RiskRowView};
use crate::register::notes::NoteView;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The evidence of quarter `quarter` of a register's year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidencePack {
    pub quarter: Quarter,
    /// The register as of the quarter's last day, as the form prints it.
    pub form: PrintForm,
    /// The changes logged during the quarter, oldest first, with the code
    /// of the row each concerns (empty: the register's own).
    pub changes: Vec<(String, ChangeView)>,
    /// The review notes written by the quarter's end and not resolved
    /// before it began, with their row's code; resolved as of its end.
    pub notes: Vec<(String, NoteView)>,
    /// When the pack was put together (the server's clock).
    pub generated: DateTime<Utc>,
}

impl EvidencePack {
    /// The rows with their RTP, in printed order, with their Bagian's name.
    pub fn rows(&self) -> impl Iterator<Item = (&str, &RiskRowView)> {
        let sections = self.form.register.sections.iter();
        sections.flat_map(|section| section.rows.iter().map(|row| (section.name.as_str(), row)))
    }

    /// (rows whose RTP has a realisation reported for the quarter, rows).
    pub fn realised(&self) -> (usize, usize) {
        let index = usize::from(self.quarter.number - 1);
        let rows = self.rows().map(|(_, row)| &row.assessment.realisation[index]);
        rows.fold((0, 0), |(written, all), realisation| {
            (written + usize::from(!realisation.is_empty()), all + 1)
        })
    }

    /// The notes still open at the quarter's end.
    pub fn open_notes(&self) -> usize {
        self.notes.iter().filter(|(_, note)| note.resolved.is_none()).count()
    }
}

/// A quarter (triwulan) of a year: 1 January – 31 March is the first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quarter {
    pub year: i32,
    pub number: u8,
}

impl Quarter {
    pub fn new(year: i32, number: u8) -> Option<Self> {
        (1..=4).contains(&number).then_some(Self { year, number })
    }

    /// The last quarter that has ended by `today` within `year` (the first,
    /// if none has yet; the last of a year gone by).
    pub fn last_ended(year: i32, today: NaiveDate) -> Self {
        let number = match today.year().cmp(&year) {
            std::cmp::Ordering::Less => 1,
            std::cmp::Ordering::Greater => 4,
            std::cmp::Ordering::Equal => ((today.month0() / 3) as u8).max(1),
        };
        Self { year, number }
    }

    pub fn first_day(self) -> NaiveDate {
        let month = u32::from(self.number - 1) * 3 + 1;
        NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or_default()
    }

    pub fn last_day(self) -> NaiveDate {
        crate::rules::assessment::quarter_end(self.year, self.number).unwrap_or_default()
    }
}

/// The printable pack's address: `/register/1/2026/bukti?triwulan=3`.
pub fn pack_print_path(unit_id: i32, year: i32, quarter: u8) -> String {
    format!("{}/bukti?triwulan={quarter}", RegisterKey::path(unit_id, year))
}

/// The workbook's address: `/unduh/paket-bukti.xlsx?unit=1&tahun=2026&triwulan=3`.
pub fn pack_download_path(unit_id: i32, year: i32, quarter: u8) -> String {
    format!("{PACK_DOWNLOAD}?unit={unit_id}&tahun={year}&triwulan={quarter}")
}

pub const PACK_DOWNLOAD: &str = "/unduh/paket-bukti.xlsx";

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn quarters_run_three_months_each() {
        let third = Quarter::new(2026, 3).unwrap();
        assert_eq!((third.first_day(), third.last_day()), (day("2026-07-01"), day("2026-09-30")));
        let first = Quarter::new(2026, 1).unwrap();
        assert_eq!((first.first_day(), first.last_day()), (day("2026-01-01"), day("2026-03-31")));
        let fourth = Quarter::new(2026, 4).unwrap();
        assert_eq!(fourth.first_day(), day("2026-10-01"));
        assert_eq!(Quarter::new(2026, 0), None);
        assert_eq!(Quarter::new(2026, 5), None);
    }

    #[test]
    fn the_quarter_offered_is_the_last_one_ended() {
        let last = |today| Quarter::last_ended(2026, day(today)).number;
        assert_eq!(last("2026-12-04"), 3);
        assert_eq!(last("2026-10-01"), 3);
        assert_eq!(last("2026-09-30"), 2);
        assert_eq!(last("2026-02-10"), 1, "none ended yet: the first");
        assert_eq!(last("2027-01-05"), 4, "a year gone by: its last");
        assert_eq!(last("2025-06-01"), 1);
    }

    #[test]
    fn the_addresses_name_register_and_quarter() {
        assert_eq!(pack_print_path(3, 2026, 2), "/register/3/2026/bukti?triwulan=2");
        assert_eq!(
            pack_download_path(3, 2026, 2),
            "/unduh/paket-bukti.xlsx?unit=3&tahun=2026&triwulan=2"
        );
    }
}
