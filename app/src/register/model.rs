//! What the browser sees of a register, and the rules its values obey.
use serde::{Deserialize, Serialize};

pub use super::rich_text::{RichText, Span};

/// Longest text a cell of the official form may hold, in characters.
pub const MAX_CELL_CHARS: usize = 4_000;
/// Longest name of an organisational unit, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest register title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;

/// The column headers of the official form, as printed.
pub const OFFICIAL_COLUMNS: [&str; 7] = [
    "No",
    "Unit Kerja / Bagian",
    "Aktivitas / Tahapan Kegiatan",
    "Potensi Benturan Kepentingan / Risiko",
    "Penyebab Utama",
    "Dampak Negatif",
    "Rencana Tindak Pengendalian (Sesuai SK/SOP)",
];

/// A register: the official table of one unit for one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterView {
    pub id: i32,
    /// Printed title, "Tabel Pemetaan Potensi Benturan Kepentingan".
    pub title: String,
    /// The unit that keeps the register, e.g. "Biro Administrasi Pimpinan".
    pub unit_name: String,
    /// The unit above it, e.g. "Setda Provinsi Kalimantan Timur".
    pub parent_name: Option<String>,
    /// The period the register covers.
    pub year: i32,
    pub status: RegisterStatus,
    /// The Bagian in printed order, each with its rows.
    pub sections: Vec<SectionView>,
}

impl RegisterView {
    pub fn row_count(&self) -> usize {
        self.sections.iter().map(|section| section.rows.len()).sum()
    }

    /// "Biro Administrasi Pimpinan Setda Provinsi Kalimantan Timur", as printed.
    pub fn unit_line(&self) -> String {
        match &self.parent_name {
            Some(parent) => format!("{} {}", self.unit_name, parent),
            None => self.unit_name.clone(),
        }
    }
}

/// One Bagian's block of the table; its first cells span all its rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionView {
    pub bagian_id: i32,
    /// The printed "No": 1, 2, 3 … in the order of the Bagian.
    pub ordinal: u32,
    pub name: String,
    pub rows: Vec<RiskRowView>,
}

/// One risk row of the official form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskRowView {
    pub id: i32,
    /// Incremented on every saved change; a save names the version it edits,
    /// so two people never silently overwrite each other.
    pub version: i32,
    /// Aktivitas / Tahapan Kegiatan: the activity or stage of work.
    pub aktivitas: RichText,
    /// Potensi Benturan Kepentingan / Risiko.
    pub potensi: RichText,
    /// Penyebab Utama: the root cause.
    pub penyebab: RichText,
    /// Dampak Negatif: the harm if the risk happens.
    pub dampak: RichText,
    /// Rencana Tindak Pengendalian (Sesuai SK/SOP): the planned control.
    pub rencana: RichText,
}

impl RiskRowView {
    /// The five text cells in the order of the printed columns.
    pub fn cells(&self) -> [&RichText; 5] {
        [&self.aktivitas, &self.potensi, &self.penyebab, &self.dampak, &self.rencana]
    }
}

/// Where a register is in its yearly cycle. `Ditetapkan` is final: read-only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegisterStatus {
    /// Being written by the Bagian.
    #[default]
    Draft,
    /// Submitted for review.
    Diajukan,
    /// Reviewed by the Kepala Bagian.
    Direviu,
    /// Set by the Kepala Biro; no more edits.
    Ditetapkan,
}

impl RegisterStatus {
    pub const ALL: [Self; 4] = [Self::Draft, Self::Diajukan, Self::Direviu, Self::Ditetapkan];

    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Diajukan => "diajukan",
            Self::Direviu => "direviu",
            Self::Ditetapkan => "ditetapkan",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// A field a user or a file can get wrong; its label comes from the UI language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    No,
    Bagian,
    Aktivitas,
    Potensi,
    Penyebab,
    Dampak,
    Rencana,
    Title,
    Unit,
}

impl Field {
    /// The five text columns in printed order.
    pub const CELLS: [Self; 5] =
        [Self::Aktivitas, Self::Potensi, Self::Penyebab, Self::Dampak, Self::Rencana];
}

/// What is wrong with a field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldProblem {
    Required,
    TooLong { limit: usize },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: FieldProblem,
}

/// Checks a cell of the form: present and at most [`MAX_CELL_CHARS`] visible
/// characters. The single place where that rule lives.
pub fn parse_cell(field: Field, raw: &str) -> Result<RichText, FieldError> {
    let text = RichText::new(raw.trim());
    check_len(field, text.visible_len(), MAX_CELL_CHARS)?;
    Ok(text)
}

/// Checks a name of a unit: present and at most [`MAX_NAME_CHARS`] characters.
pub fn parse_name(field: Field, raw: &str) -> Result<String, FieldError> {
    let name = raw.trim();
    check_len(field, name.chars().count(), MAX_NAME_CHARS)?;
    Ok(name.to_owned())
}

/// Checks a register title: present and at most [`MAX_TITLE_CHARS`] characters.
pub fn parse_title(raw: &str) -> Result<String, FieldError> {
    let title = raw.trim();
    check_len(Field::Title, title.chars().count(), MAX_TITLE_CHARS)?;
    Ok(title.to_owned())
}

fn check_len(field: Field, len: usize, limit: usize) -> Result<(), FieldError> {
    let problem = if len == 0 {
        FieldProblem::Required
    } else if len > limit {
        FieldProblem::TooLong { limit }
    } else {
        return Ok(());
    };
    Err(FieldError { field, problem })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("", Some(FieldProblem::Required))]
    #[case("   ", Some(FieldProblem::Required))]
    #[case("Intervensi pihak ketiga", None)]
    fn cells_must_hold_text(#[case] raw: &str, #[case] problem: Option<FieldProblem>) {
        let result = parse_cell(Field::Penyebab, raw);
        assert_eq!(result.err().map(|error| error.problem), problem);
    }

    #[test]
    fn cell_limit_counts_visible_characters() {
        let at_limit = "a".repeat(MAX_CELL_CHARS);
        assert!(parse_cell(Field::Rencana, &format!("<i>{at_limit}</i>")).is_ok());
        let error = parse_cell(Field::Rencana, &format!("{at_limit}b")).unwrap_err();
        assert_eq!(
            error,
            FieldError {
                field: Field::Rencana,
                problem: FieldProblem::TooLong { limit: MAX_CELL_CHARS }
            }
        );
    }

    #[test]
    fn names_and_titles_are_trimmed_and_bounded() {
        assert_eq!(parse_name(Field::Bagian, "  Bagian Protokol ").unwrap(), "Bagian Protokol");
        assert!(parse_name(Field::Bagian, &"x".repeat(MAX_NAME_CHARS + 1)).is_err());
        assert!(parse_title(&"x".repeat(MAX_TITLE_CHARS + 1)).is_err());
    }

    #[test]
    fn status_codes_round_trip() {
        for status in RegisterStatus::ALL {
            assert_eq!(RegisterStatus::from_code(status.code()), Some(status));
        }
        assert_eq!(RegisterStatus::from_code("unknown"), None);
    }
}
