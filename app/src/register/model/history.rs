//! What happened to a register's rows, as the page shows it: each change
//! from the change log, and the rows deleted.
use super::{Field, RichText};
use crate::i18n::{Strings, evidence::EvidenceStrings};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the change log says happened to a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    Create,
    Update,
    Delete,
    Restore,
    Move,
    /// A review note written on the row.
    Note,
    /// A review note marked resolved.
    Resolve,
    /// A resolved review note opened again.
    Reopen,
    /// The row's level changed with the risk matrix.
    Relevel,
    /// The register's layout (its Bagian, their rows' order) after a
    /// change: no row's own (see `write::layout`).
    Layout,
}

impl Action {
    pub const ALL: [Self; 10] = [
        Self::Create,
        Self::Update,
        Self::Delete,
        Self::Restore,
        Self::Move,
        Self::Note,
        Self::Resolve,
        Self::Reopen,
        Self::Relevel,
        Self::Layout,
    ];

    /// The value stored in `change_log.action`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Delete => "delete",
            Self::Restore => "restore",
            Self::Move => "move",
            Self::Note => "note",
            Self::Resolve => "resolve",
            Self::Reopen => "reopen",
            Self::Relevel => "relevel",
            Self::Layout => "layout",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.code() == code)
    }

    /// The action in words, as the evidence pack lists changes.
    pub fn label(self, t: &EvidenceStrings) -> &'static str {
        let index = Self::ALL.iter().position(|action| *action == self).unwrap_or(0);
        t.actions[index]
    }
}

/// Who made a change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Author {
    /// The importer, from a file.
    Import,
    /// The web, not signed in: the client's address, when known.
    Web { client: Option<String> },
    /// A user: their name, and the client's address when known.
    User { name: String, client: Option<String> },
}

impl Author {
    /// Who made a change, as the history and the evidence pack name them.
    pub fn name(&self, t: &Strings) -> String {
        match self {
            Self::Import => t.by_import.to_owned(),
            Self::Web { client } => (t.by_web)(client.as_deref()),
            Self::User { name, client } => (t.by_user)(name, client.as_deref()),
        }
    }
}

/// One entry of a row's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeView {
    pub id: i32,
    pub at: DateTime<Utc>,
    pub action: Action,
    /// The text cell changed (created, edited); `None` for moves, deletions
    /// and restorations.
    pub field: Option<Field>,
    /// The quarter of a realisation field changed.
    #[serde(default)]
    pub quarter: Option<u8>,
    /// The column as logged ("position" for a move within a Bagian).
    pub column: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub author: Author,
}

impl ChangeView {
    /// The value this change replaced, if it can be put back: an edit of a
    /// text cell that had one.
    pub fn restorable(&self) -> Option<(Field, RichText)> {
        match (self.action, self.field, &self.old) {
            (Action::Update, Some(field), Some(old)) if Field::CELLS.contains(&field) => {
                Some((field, RichText::new(old.clone())))
            }
            _ => None,
        }
    }
}

/// A row's history, newest first, with the row's current cells: the basis
/// of a restore, which is a save like any other.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowHistory {
    pub id: i32,
    pub code: String,
    pub version: i32,
    pub deleted: bool,
    /// The five text cells now, in printed order.
    pub cells: [RichText; 5],
    pub changes: Vec<ChangeView>,
}

impl RowHistory {
    pub fn current(&self, field: Field) -> Option<&RichText> {
        Field::CELLS.iter().position(|cell| *cell == field).map(|index| &self.cells[index])
    }
}

/// A row deleted from a register, offered for restoration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletedRow {
    pub id: i32,
    pub code: String,
    pub version: i32,
    pub bagian_id: i32,
    pub bagian: String,
    pub aktivitas: RichText,
    pub potensi: RichText,
    pub deleted_at: Option<DateTime<Utc>>,
}
