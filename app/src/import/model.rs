//! A table as read from a file, before it is stored: what the parser
//! produces and what it reports.
use crate::register::model::{Field, FieldError, RichText};

/// The printed column headers the file must start its table with.
pub const HEADER: [&str; 7] = crate::register::model::OFFICIAL_COLUMNS;
pub use crate::rules::CODE_HEADER;

/// A table read whole, with what was odd about it.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedTable {
    pub title: String,
    pub unit: UnitPath,
    pub sections: Vec<ParsedSection>,
    pub notes: Vec<Note>,
}

impl ParsedTable {
    pub fn row_count(&self) -> usize {
        self.sections.iter().map(|section| section.rows.len()).sum()
    }
}

/// The unit line split into the Biro and the instansi above it:
/// "Biro Administrasi Pimpinan" + "Setda Provinsi Kalimantan Timur".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitPath {
    pub biro: String,
    pub instansi: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ParsedSection {
    pub line: usize,
    pub name: String,
    pub rows: Vec<ParsedRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ParsedRow {
    pub line: usize,
    /// The row's code when the file has a Kode column (and the cell is filled).
    pub code: Option<String>,
    /// Aktivitas, potensi, penyebab, dampak, rencana.
    pub cells: [RichText; 5],
}

/// Something the parser did that a person should know about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub line: usize,
    pub kind: NoteKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// A cell broken by a page was continued on this line and joined back.
    Joined { field: Field, row_line: usize },
    /// A fragment that only repeats the end of the cell it continues (an
    /// extraction artefact such as the stray `t` of "terhambat") was dropped.
    StrayFragment { field: Field, fragment: String },
    /// Markup other than `<i>…</i>`; it will be shown as written.
    ForeignMarkup { field: Field, tag: String },
    /// The printed number did not follow 1, 2, 3 …; the order of the file wins.
    Renumbered { found: u32, expected: u32 },
    /// Text between the unit line and the column header, not part of the table.
    Ignored { text: String },
}

/// Why a file cannot be read; nothing is stored when this happens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub kind: ParseErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    NotUtf8,
    MissingTitle,
    MissingHeader,
    HeaderMismatch { column: usize, found: String },
    ColumnCount { found: usize, expected: usize },
    InvalidNumber { found: String },
    RowWithoutBagian,
    DuplicateBagian { name: String, first_line: usize },
    DuplicateCode { code: String, first_line: usize },
    Field(FieldError),
    NoRows,
}
