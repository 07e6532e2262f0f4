//! What an import changes, row by row: the preview the browser shows before
//! "Terapkan", and the record of what it did. Shared by server and browser.
use crate::register::model::Field;
use serde::{Deserialize, Serialize};

/// How a row of the register fares in an import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DiffKind {
    New,
    Changed,
    /// A deleted row the file brings back.
    Restored,
    /// A row the file no longer has: deleted (softly, restorable).
    Deleted,
}

impl DiffKind {
    /// The kind in words, as the preview counts and marks rows.
    pub fn label(self, t: &crate::i18n::upload::UploadStrings) -> &'static str {
        t.kinds[match self {
            Self::New => 0,
            Self::Changed => 1,
            Self::Restored => 2,
            Self::Deleted => 3,
        }]
    }
}

/// One cell's text before and after (markup with `<i>`; empty for none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellDiff {
    pub field: Field,
    pub old: String,
    pub new: String,
}

/// One row the import creates, changes, restores or deletes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowDiff {
    pub kind: DiffKind,
    /// The stored row (none for a new one).
    pub risk_id: Option<i32>,
    pub code: String,
    /// Its sheet row in the file (none for a deleted row).
    pub line: Option<u32>,
    /// The Bagian it is in after (a deleted row: the one it was in).
    pub bagian_id: i32,
    pub bagian: String,
    /// The Bagian it leaves, when it moves.
    pub moved_from: Option<(i32, String)>,
    /// Cells that differ (all five of a new or deleted row that are filled).
    pub cells: Vec<CellDiff>,
}

impl RowDiff {
    /// The Bagian whose rows the change touches: the user must edit both.
    pub fn bagian_touched(&self) -> impl Iterator<Item = i32> + '_ {
        std::iter::once(self.bagian_id).chain(self.moved_from.as_ref().map(|(id, _)| *id))
    }
}

/// What an uploaded workbook would do to a register (or did, `applied`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub register: i32,
    /// The register's version the preview was made at: "Terapkan" applies
    /// only while the register is still at it.
    pub version: i32,
    /// The register's version when the file was exported, if the file says
    /// (a workbook this app wrote for this register). Without it no
    /// conflict can be told.
    pub exported_at: Option<i32>,
    /// The file was exported from another register (another unit or year).
    pub other_register: bool,
    pub rows: Vec<PreviewRow>,
    pub unchanged: usize,
    pub bagian_created: Vec<String>,
    pub bagian_renamed: Vec<(String, String)>,
    /// The list of Bagian or their order changes.
    pub sections_changed: bool,
    /// Whether the user may make the Bagian changes (`ManageBagian`).
    pub may_change_bagian: bool,
    /// Rows of the file the parser joined, renumbered or left out of the table.
    pub notes: usize,
    /// The import has been applied (the answer of "Terapkan").
    pub applied: bool,
}

/// A row of the preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub diff: RowDiff,
    /// Someone changed the row in the app since the file was exported: the
    /// file would overwrite their edit. Applied only when the user chooses.
    pub conflict: bool,
    /// The user may change the row (they edit its Bagian).
    pub allowed: bool,
}

impl ImportPreview {
    pub fn count(&self, kind: DiffKind) -> usize {
        self.rows.iter().filter(|row| row.diff.kind == kind).count()
    }

    pub fn conflicts(&self) -> impl Iterator<Item = &PreviewRow> {
        self.rows.iter().filter(|row| row.conflict)
    }

    pub fn changes_anything(&self) -> bool {
        !self.rows.is_empty() || !self.bagian_created.is_empty() || self.sections_changed
    }

    /// Whether the user may apply it with the conflicts `taken` from the
    /// file (every other conflict keeps the app's version).
    pub fn may_apply(&self, taken: &[String]) -> bool {
        let bagian_ok = self.may_change_bagian
            || (self.bagian_created.is_empty()
                && self.bagian_renamed.is_empty()
                && !self.sections_changed);
        bagian_ok
            && self
                .rows
                .iter()
                .filter(|row| !row.conflict || taken.contains(&row.diff.code))
                .all(|row| row.allowed)
    }
}
