//! What an import is asked to do, and what it did.
use super::diff::RowDiff;
use super::matching::MatchKind;
use super::model::Note;

/// How to import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    /// Period of the register.
    pub year: i32,
    /// Work out every change, report it, and store nothing.
    pub dry_run: bool,
}

/// What an import did (or, dry, would do).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub register_id: i32,
    pub year: i32,
    pub dry_run: bool,
    pub register_created: bool,
    /// The register's version after the import (unchanged if nothing changed).
    pub register_version: i32,
    /// Its version before.
    pub version_before: i32,
    pub units_created: Vec<String>,
    pub bagian_existing: usize,
    /// Bagian found by their rows under a new name: (old, new).
    pub bagian_renamed: Vec<(String, String)>,
    /// The register's list of Bagian or their order is now the file's.
    pub sections_changed: bool,
    pub rows_created: usize,
    pub rows_updated: usize,
    pub rows_unchanged: usize,
    /// Rows now in another Bagian (counted in `rows_updated` too).
    pub rows_moved: usize,
    /// Deleted rows brought back by the file.
    pub rows_restored: usize,
    /// Rows unchanged but in another place of their Bagian.
    pub rows_placed: usize,
    /// Rows the file no longer has, deleted softly: (code, activity).
    pub rows_deleted: Vec<(String, String)>,
    /// How each row of the file found its stored row, in file order.
    pub rows: Vec<RowOutcome>,
    /// Each row created, changed, restored or deleted, with its cells.
    pub diffs: Vec<RowDiff>,
    /// The Bagian made for the file's new sections.
    pub bagian_new: Vec<String>,
    /// Anything dropped or odd in the file, with its line.
    pub notes: Vec<Note>,
}

impl ImportReport {
    /// Rows of the file matched in each way.
    pub fn matched(&self, kind: MatchKind) -> usize {
        self.rows.iter().filter(|row| row.kind == kind).count()
    }

    /// Bagian made for the file's sections.
    pub fn bagian_created(&self) -> usize {
        self.bagian_new.len()
    }

    pub fn changed_anything(&self) -> bool {
        self.register_created
            || self.rows_created + self.rows_updated + self.rows_restored + self.rows_placed > 0
            || !self.rows_deleted.is_empty()
            || !self.bagian_renamed.is_empty()
            || !self.bagian_new.is_empty()
            || self.sections_changed
    }
}

/// One row of the file and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowOutcome {
    pub line: usize,
    pub code: String,
    pub kind: MatchKind,
}
