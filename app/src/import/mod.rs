//! Reading the Biro's table from its text extraction or an Excel workbook
//! into a register.
pub mod matching;
pub mod model;
pub mod parse;
pub mod repo;
pub mod xlsx;
mod xlsx_runs;
#[cfg(test)]
mod xlsx_tests;

pub use matching::MatchKind;
pub use model::{HEADER, Note, NoteKind, ParseError, ParseErrorKind, ParsedTable};
pub use parse::{parse_bytes, parse_table};
pub use repo::{ImportOptions, ImportReport, import_table};
pub use xlsx::{WorkbookError, WorkbookErrorKind, parse_workbook};

/// The Biro's current table, loaded on first start into an empty database.
pub const SEED_TABLE: &str = include_str!("../../../seed/tabel-pemetaan-benturan-kepentingan.txt");
pub mod generate;
