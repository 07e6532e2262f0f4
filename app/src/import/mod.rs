//! Reading the Biro's table from its text extraction or an Excel workbook
//! into a register; from the browser, an uploaded workbook previewed, then
//! applied. The preview's types are shared; the rest runs on the server.
pub mod api;
pub mod components;
pub mod diff;

#[cfg(feature = "ssr")]
mod apply;
#[cfg(feature = "ssr")]
pub mod generate;
#[cfg(feature = "ssr")]
mod keep;
#[cfg(feature = "ssr")]
pub mod matching;
#[cfg(feature = "ssr")]
pub mod messages;
#[cfg(feature = "ssr")]
pub mod model;
#[cfg(feature = "ssr")]
pub mod parse;
#[cfg(feature = "ssr")]
pub mod preview;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
mod report;
#[cfg(feature = "ssr")]
mod units;
#[cfg(feature = "ssr")]
pub mod xlsx;
#[cfg(feature = "ssr")]
mod xlsx_runs;
#[cfg(test)]
mod xlsx_tests;

#[cfg(feature = "ssr")]
pub use matching::MatchKind;
#[cfg(feature = "ssr")]
pub use model::{HEADER, Note, NoteKind, ParseError, ParseErrorKind, ParsedTable};
#[cfg(feature = "ssr")]
pub use parse::{parse_bytes, parse_table};
#[cfg(feature = "ssr")]
pub use repo::{import_into, import_table, import_table_reporting};
#[cfg(feature = "ssr")]
pub use report::{ImportOptions, ImportReport, RowOutcome};
#[cfg(feature = "ssr")]
pub use xlsx::{WorkbookError, WorkbookErrorKind, parse_workbook};

/// The Biro's current table, loaded on first start into an empty database.
#[cfg(feature = "ssr")]
pub const SEED_TABLE: &str = include_str!("../../../seed/tabel-pemetaan-benturan-kepentingan.txt");
