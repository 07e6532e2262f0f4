//! What the printed form shows.
use crate::register::model::{RegisterKey, RegisterView};
pub use crate::rules::print::{PrintSettings, PrintSettingsInput, Signatory, format_nip};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A register with what its printed form says besides the table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrintForm {
    pub register: RegisterView,
    pub settings: PrintSettings,
}

/// The print view's address: `/register/{unit}/{year}/cetak`, with
/// `?per=2026-09-30` for the register as it stood at the end of that day.
pub fn print_path(unit_id: i32, year: i32, per: Option<NaiveDate>) -> String {
    let path = format!("{}/cetak", RegisterKey::path(unit_id, year));
    match per {
        Some(day) => format!("{path}?per={day}"),
        None => path,
    }
}

/// `path` with `?cetak=1` (or `&cetak=1`): the print view that opens the
/// print dialog itself.
pub fn printing_now(path: &str) -> String {
    let separator = if path.contains('?') { '&' } else { '?' };
    format!("{path}{separator}{PRINT_NOW}=1")
}

/// The query that has the print view open the browser's print dialog.
pub const PRINT_NOW: &str = "cetak";
