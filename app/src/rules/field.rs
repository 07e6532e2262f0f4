//! Fields a user or a file can get wrong, and what can be wrong with them.
use serde::{Deserialize, Serialize};

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
    /// The stable code of a risk row ("BK-007").
    Code,
    /// A register's status (draft … ditetapkan).
    Status,
    /// A reviewer's note on a row.
    Note,
}

impl Field {
    /// The five text columns in printed order.
    pub const CELLS: [Self; 5] =
        [Self::Aktivitas, Self::Potensi, Self::Penyebab, Self::Dampak, Self::Rencana];

    pub const ALL: [Self; 12] = [
        Self::No,
        Self::Bagian,
        Self::Aktivitas,
        Self::Potensi,
        Self::Penyebab,
        Self::Dampak,
        Self::Rencana,
        Self::Title,
        Self::Unit,
        Self::Code,
        Self::Status,
        Self::Note,
    ];

    /// The column name a field is stored and logged under.
    pub fn column(self) -> &'static str {
        match self {
            Self::No => "no",
            Self::Bagian => "bagian",
            Self::Aktivitas => "aktivitas",
            Self::Potensi => "potensi",
            Self::Penyebab => "penyebab",
            Self::Dampak => "dampak",
            Self::Rencana => "rencana",
            Self::Title => "title",
            Self::Unit => "unit",
            Self::Code => "code",
            Self::Status => "status",
            Self::Note => "review_note",
        }
    }

    /// The field logged under `column`, if it is one.
    pub fn from_column(column: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.column() == column)
    }
}

/// What is wrong with a field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldProblem {
    Required,
    /// More visible characters than `limit`.
    TooLong {
        limit: usize,
    },
    /// More stored bytes than `limit` (markup counts here, not in `TooLong`).
    TooManyBytes {
        limit: usize,
    },
    /// A control character (U+0000–U+001F except line breaks, U+007F–U+009F,
    /// or a bidirectional override) at the 1-based character `position`.
    ControlCharacter {
        code_point: u32,
        position: usize,
    },
    /// A code that is not letters, digits, `-`, `.` or `_`.
    InvalidCode,
    /// A value outside the field's list (a status code, say).
    UnknownValue,
    /// Another item has this name already (a Bagian of the register).
    Duplicate,
    /// Still holds `rows` rows (a Bagian being removed).
    NotEmpty {
        rows: usize,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: FieldProblem,
}

impl FieldError {
    pub fn new(field: Field, problem: FieldProblem) -> Self {
        Self { field, problem }
    }
}
