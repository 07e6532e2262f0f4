//! What the printed form shows.
use crate::register::model::{RegisterKey, RegisterView};
pub use crate::rules::print::{PrintSettings, PrintSettingsInput, Signatory, format_nip};
use serde::{Deserialize, Serialize};

/// A register with what its printed form says besides the table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrintForm {
    pub register: RegisterView,
    pub settings: PrintSettings,
}

/// The print view's address: `/register/{unit}/{year}/cetak`.
pub fn print_path(unit_id: i32, year: i32) -> String {
    format!("{}/cetak", RegisterKey::path(unit_id, year))
}

/// The query that has the print view open the browser's print dialog.
pub const PRINT_NOW: &str = "cetak";
