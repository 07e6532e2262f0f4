mod as_of;
mod assessment;
mod assessment_field;
mod carry;
mod cell;
mod cycle;
mod deleted;
mod evidence;
mod facets;
mod filter;
#[cfg(feature = "hydrate")]
mod grid;
mod history;
mod live;
mod notes;
mod rich_text;
mod row_actions;
mod rows;
mod scroll;
mod sections;
mod table;
mod window;

pub use as_of::AsOfGapPanel;
pub use assessment::{AssessmentCells, LevelBadge, SourceList};
pub use cell::{Announcer, EditableCell};
pub use deleted::DeletedRows;
pub use facets::FacetChoices;
pub use filter::{FilterBar, TypedFilter};
pub use history::HistoryRow;
#[cfg(feature = "hydrate")]
pub use live::listen;
pub use live::{RowLive, RowStore, announce_editing, follow_changes};
pub use notes::NotesRow;
pub use rich_text::RichTextView;
pub use row_actions::RowActions;
pub(crate) use rows::problem;
pub use rows::{BagianList, NewRow, RowEditing, RowNotice};
pub use sections::{AddBagian, BagianHeading, EmptySection};
pub use table::RegisterTable;

/// What the signed-in user may change in the register on show: what their
/// role gives (`CurrentUser::may`, the rules the server enforces on every
/// write) where the register's status allows it: its text only while
/// drafted, review notes until it is set, nothing of a past day's.
#[derive(Clone, Copy)]
pub struct Access {
    user: leptos::prelude::StoredValue<Option<crate::auth::CurrentUser>>,
    /// Rows, Bagian and assessment.
    text_open: bool,
    /// Review notes.
    notes_open: bool,
}

impl Access {
    /// Of a register at `status`, shown as it is `now` (else as of a day).
    pub fn new(
        user: Option<crate::auth::CurrentUser>,
        now: bool,
        status: crate::register::model::RegisterStatus,
    ) -> Self {
        Self {
            user: leptos::prelude::StoredValue::new(user),
            text_open: now && status.is_open(),
            notes_open: now && !status.is_final(),
        }
    }

    fn user_may(&self, permission: crate::auth::Permission) -> bool {
        use leptos::prelude::WithValue;
        self.user.with_value(|user| user.as_ref().is_some_and(|u| u.may(permission)))
    }

    /// The rows of this Bagian.
    pub fn rows_of(&self, bagian: i32) -> bool {
        self.text_open && self.user_may(crate::auth::Permission::EditRowsOf(bagian))
    }

    /// Some rows (the table then has its editing column).
    pub fn any_rows(&self) -> bool {
        use leptos::prelude::WithValue;
        self.text_open && self.user.with_value(|user| user.as_ref().is_some_and(|u| u.edits_rows()))
    }

    /// Review notes (reviewers and admins).
    pub fn reviews(&self) -> bool {
        self.notes_open && self.user_may(crate::auth::Permission::Review)
    }

    /// The text is fixed by the register's status (submitted, reviewed or
    /// set), not by the user's role.
    pub fn text_fixed(&self) -> bool {
        !self.text_open
    }

    /// The signed-in user, if any.
    pub fn user(&self) -> Option<crate::auth::CurrentUser> {
        use leptos::prelude::GetValue;
        self.user.get_value()
    }

    /// The signed-in user's id.
    pub fn user_id(&self) -> Option<i32> {
        use leptos::prelude::WithValue;
        self.user.with_value(|user| user.as_ref().map(|user| user.id))
    }

    /// The user's role (none: not signed in).
    pub fn role(&self) -> Option<crate::auth::Role> {
        use leptos::prelude::WithValue;
        self.user.with_value(|user| user.as_ref().map(|user| user.role))
    }

    /// The Bagian themselves: add, rename, reorder, remove.
    pub fn bagian(&self) -> bool {
        self.text_open && self.user_may(crate::auth::Permission::ManageBagian)
    }
}

/// Runs `then` once the next frame is on screen: work that need not delay it.
fn after_paint(then: impl FnOnce() + 'static) {
    use leptos::prelude::{request_animation_frame, set_timeout};
    request_animation_frame(move || set_timeout(then, std::time::Duration::ZERO));
}
