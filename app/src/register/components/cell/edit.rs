//! A cell's editing state and what changes it: opening, closing, saving
//! (with the conflict rules), and telling colleagues and screen readers.
use super::{Announcer, focus_view};
use crate::error::AppError;
use crate::i18n::I18n;
use crate::register::components::{RowStore, announce_editing};
use crate::register::edit::save_cell;
use crate::register::model::{Field, RichText};
use leptos::{html, prelude::*};
use std::sync::Arc;

/// Where a cell's save stands, shown beside it and announced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum SaveState {
    Idle,
    /// The text being saved, shown meanwhile.
    Saving(String),
    Saved,
    /// The save failed; the editor is open again with the user's text.
    Failed(String),
    /// Someone saved the cell meanwhile: their text and the user's.
    Conflict {
        theirs: String,
        mine: String,
    },
}

/// A cell's editing state, made with its view; `Copy`, so that each handler
/// of the cell holds it.
#[derive(Clone, Copy)]
pub(super) struct CellEdit {
    pub(super) row: i32,
    pub(super) field: Field,
    /// The text the server holds, as far as this page knows.
    pub(super) stored: RwSignal<RichText>,
    version: RwSignal<i32>,
    /// The text the editor opens with, while it is open.
    pub(super) editing: RwSignal<Option<String>>,
    /// What the cell held when the user opened it: the basis of the save, so
    /// a colleague's change arriving meanwhile is never overwritten.
    pub(super) basis: StoredValue<String>,
    pub(super) state: RwSignal<SaveState>,
    store: Option<RowStore>,
    pub(super) cell: NodeRef<html::Td>,
    /// Stops telling colleagues that the user edits the row.
    presence: StoredValue<Option<Arc<dyn Fn() + Send + Sync>>>,
    pub(super) i18n: I18n,
    announce: Option<Announcer>,
}

impl CellEdit {
    pub(super) fn new(
        row: i32,
        field: Field,
        stored: RwSignal<RichText>,
        version: RwSignal<i32>,
    ) -> Self {
        let edit = Self {
            row,
            field,
            stored,
            version,
            editing: RwSignal::new(None),
            basis: StoredValue::new(String::new()),
            state: RwSignal::new(SaveState::Idle),
            store: use_context::<RowStore>(),
            cell: NodeRef::new(),
            presence: StoredValue::new(None),
            i18n: crate::i18n::use_i18n(),
            announce: use_context::<Announcer>(),
        };
        on_cleanup(move || {
            if edit.editing.try_with_untracked(Option::is_some) == Some(true) {
                edit.count_open(-1);
            }
        });
        edit
    }

    /// Screen readers hear each change of state once, through the table's
    /// one live region (a region per cell would weigh on every page).
    pub(super) fn set_state(self, next: SaveState) {
        let t = self.i18n.t();
        let message = match &next {
            SaveState::Idle => None,
            SaveState::Saving(_) => Some(t.saving.to_owned()),
            SaveState::Saved => Some(t.saved.to_owned()),
            SaveState::Failed(message) => Some(message.clone()),
            SaveState::Conflict { .. } => Some(t.cell_conflict.to_owned()),
        };
        if let (Some(announce), Some(message)) = (self.announce, message) {
            announce.0.set(format!("{}: {message}", t.field_name(self.field)));
        }
        self.state.set(next);
    }

    /// The page renders the table anew (after a colleague's change of its
    /// shape) only once no cell is open: it counts them. Colleagues see who
    /// edits the row while the editor is open.
    fn count_open(self, by: isize) {
        if let Some(store) = self.store {
            store.open_editors.try_update(|n| *n = n.saturating_add_signed(by));
        }
        if by > 0 {
            self.presence.try_set_value(Some(Arc::new(announce_editing(self.row))));
        } else if let Some(stop) = self.presence.try_get_value().flatten() {
            self.presence.try_set_value(None);
            stop();
        }
    }

    /// Opens the editor with `text`.
    pub(super) fn open(self, text: String) {
        if self.editing.with_untracked(Option::is_none) {
            self.count_open(1);
        }
        self.editing.set(Some(text));
    }

    /// Opens the editor from rest: the basis is what the cell holds now.
    pub(super) fn open_fresh(self) {
        let text = self.stored.get_untracked().markup().to_owned();
        self.basis.set_value(text.clone());
        self.open(text);
    }

    /// A colleague's change of this cell arrived while it is open.
    pub(super) fn overtaken(self) -> bool {
        self.stored.try_with(|now| self.basis.try_with_value(|basis| now.markup() != basis))
            == Some(Some(true))
    }

    pub(super) fn close(self, refocus: bool) {
        if self.editing.with_untracked(Option::is_some) {
            self.count_open(-1);
        }
        self.editing.set(None);
        if refocus {
            let cell = self.cell;
            request_animation_frame(move || focus_view(cell));
        }
    }

    /// Saves `mine` over `expected`. `refocus`: the save came from the
    /// keyboard or a button of the cell, so the focus returns to the cell;
    /// a save on leaving the cell leaves the focus where the user put it.
    pub(super) fn submit(self, expected: String, mine: String, refocus: bool) {
        if mine.trim() == expected {
            self.set_state(SaveState::Idle);
            self.close(refocus);
            return;
        }
        let value = match RichText::parse(&mine) {
            Ok(value) => value,
            Err(problem) => {
                let error = crate::rules::FieldError::new(self.field, problem);
                self.set_state(SaveState::Failed(self.i18n.t().field_error(error)));
                return;
            }
        };
        self.set_state(SaveState::Saving(mine.clone()));
        self.close(refocus);
        leptos::task::spawn_local(async move {
            let saved = save_cell(self.row, self.field, expected, value.into()).await;
            self.saved(saved, mine);
        });
    }

    /// What the server said of a save of `mine`.
    fn saved(self, outcome: Result<crate::register::edit::CellSaved, AppError>, mine: String) {
        match outcome {
            Ok(saved) => {
                // The row's signals first: the store then finds them as
                // its state says, and wakes no view again.
                self.stored.set(saved.value.clone());
                self.version.set(saved.version);
                if let Some(store) = self.store {
                    store.saved(self.row, saved.version, self.field, &saved.value);
                }
                self.set_state(SaveState::Saved);
            }
            Err(AppError::CellConflict { theirs, .. }) => {
                self.set_state(SaveState::Conflict { theirs, mine });
            }
            Err(AppError::Validation(errors)) => {
                let t = self.i18n.t();
                let message = errors.iter().map(|e| t.field_error(*e)).collect::<Vec<_>>();
                self.set_state(SaveState::Failed(message.join(" ")));
                self.open(mine);
            }
            Err(_) => {
                self.set_state(SaveState::Failed(self.i18n.t().save_failed.to_owned()));
                self.open(mine);
            }
        }
    }
}
