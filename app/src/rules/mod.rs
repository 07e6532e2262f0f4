//! The one set of rules every write obeys, whatever its path: the importer,
//! a server function, a crafted call. Pure: the same answer on the server, in
//! the browser, on SQLite and on PostgreSQL.
pub mod account;
pub mod assessment;
pub mod cycle;
mod field;
pub mod print;
pub mod rich_text;
mod text;

pub use field::{CODE_HEADER, Field, FieldError, FieldProblem, OFFICIAL_COLUMNS};
pub use text::{
    MAX_CELL_BYTES, MAX_CELL_CHARS, MAX_CODE_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS,
    MAX_TITLE_CHARS, clean_text, parse_cell, parse_code, parse_expected, parse_name, parse_note,
    parse_title,
};

#[cfg(test)]
mod tests;
