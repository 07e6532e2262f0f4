//! The command line's strings, and those of what it reports (imports,
//! refused files and workbooks, refused writes, account commands), in both
//! languages: one table per language, like the web's [`super::Strings`].
//! The messages themselves are put together beside what they describe
//! (`import::messages`, `WriteError::message`, `AccountError::message`).
mod en;
mod id;

use super::Locale;

/// The command line's strings of one language.
pub struct CliStrings {
    pub notes_heading: &'static str,
    pub rows_heading: &'static str,
    pub refused: &'static str,
    pub nothing_changed: &'static str,
    pub cannot_read: fn(path: &str, error: &str) -> String,
    pub database_unreachable: fn(url: &str, error: &str) -> String,
    pub database_invalid: fn(url: &str, error: &str) -> String,
    pub startup_failed: fn(error: &str) -> String,
    pub migrated: &'static str,
    pub no_register: &'static str,
    pub exported: fn(rows: usize) -> String,
    pub xlsx_needs_out: &'static str,
    pub evidence_written: fn(quarter: u8, year: i32, path: &str) -> String,
    pub seeded: fn(rows: usize) -> String,
    pub listening: fn(address: &str) -> String,
    /// "baris 12: …": a message about one line of a file.
    pub at_line: fn(line: usize, message: &str) -> String,
    pub table: &'static TableStrings,
    pub import: &'static ImportStrings,
    pub write: &'static WriteStrings,
    pub account: &'static AccountStrings,
}

/// Why a table (a text file or a workbook's sheet) was refused.
pub struct TableStrings {
    pub not_utf8: &'static str,
    pub missing_title: &'static str,
    pub missing_header: fn(first_columns: &str) -> String,
    pub header_mismatch: fn(column: usize, found: &str, expected: &str) -> String,
    pub column_count: fn(found: usize, expected: usize) -> String,
    pub invalid_number: fn(found: &str) -> String,
    pub row_without_bagian: &'static str,
    pub duplicate_bagian: fn(name: &str, first_line: usize) -> String,
    pub duplicate_code: fn(code: &str, first_line: usize) -> String,
    pub no_rows: &'static str,
    pub not_a_workbook: &'static str,
    pub beyond_table: fn(last_column: &str) -> String,
    /// "lembar "X", baris 8, kolom E: …".
    pub at_cell: fn(sheet: &str, row: u32, column: Option<&str>, problem: &str) -> String,
    /// Notes on what was dropped or odd in a file.
    pub joined: fn(field: &str, row_line: usize) -> String,
    pub stray_fragment: fn(fragment: &str, field: &str) -> String,
    pub foreign_markup: fn(tag: &str, field: &str) -> String,
    pub renumbered: fn(found: u32, expected: u32) -> String,
    pub ignored: fn(text: &str) -> String,
}

/// What an import did.
pub struct ImportStrings {
    pub heading: fn(dry_run: bool, year: i32, register_id: i32, created: bool) -> String,
    pub bagian: fn(created: usize, existing: usize) -> String,
    /// New, changed, unchanged, deleted, restored.
    pub rows: fn(counts: [usize; 5]) -> String,
    /// By code, by content, by similar content, by position, new.
    pub matched: fn(counts: [usize; 5]) -> String,
    pub renamed: fn(old: &str, new: &str) -> String,
    pub deleted: fn(code: &str, activity: &str) -> String,
    pub units_created: fn(units: &str) -> String,
    pub dry_run: &'static str,
    /// How each row of the file was matched, in the order of
    /// `import::MatchKind::ALL`.
    pub match_kinds: [&'static str; 5],
}

/// Why a write was refused or failed.
pub struct WriteStrings {
    pub conflict: fn(row_id: i32) -> String,
    pub final_register: fn(year: i32) -> String,
    pub under_review: fn(year: i32) -> String,
    pub not_found: &'static str,
    pub forbidden: &'static str,
    pub database: fn(error: &str) -> String,
}

/// The account commands: refusals, naming the field and its limit, and
/// what was done.
pub struct AccountStrings {
    pub bad_username: fn(min: usize, max: usize) -> String,
    pub bad_password: fn(min: usize, max: usize) -> String,
    pub bad_email: fn(max: usize) -> String,
    pub bad_role: fn(role: &str) -> String,
    pub taken: fn(name: &str) -> String,
    pub no_such_user: fn(name: &str) -> String,
    pub no_such_bagian: fn(id: i32) -> String,
    pub last_admin: &'static str,
    pub database: fn(error: &str) -> String,
    pub added: fn(name: &str, role: &str) -> String,
    pub password_set: fn(name: &str) -> String,
    pub disabled: fn(name: &str) -> String,
    pub one_time_password: fn(name: &str) -> String,
    pub no_users: &'static str,
    pub first_admin: fn(name: &str, password: &str) -> String,
}

pub fn strings(locale: Locale) -> &'static CliStrings {
    match locale {
        Locale::Id => &id::STRINGS,
        Locale::En => &en::STRINGS,
    }
}
