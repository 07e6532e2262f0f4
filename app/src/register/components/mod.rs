mod as_of;
mod assessment;
mod assessment_field;
mod cell;
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

/// What the signed-in user may change in the register on show: nothing
/// when it is final; otherwise what their role gives (`CurrentUser::may`,
/// the rules the server enforces on every write).
#[derive(Clone, Copy)]
pub struct Access {
    user: leptos::prelude::StoredValue<Option<crate::auth::CurrentUser>>,
    open: bool,
}

impl Access {
    pub fn new(user: Option<crate::auth::CurrentUser>, open: bool) -> Self {
        Self { user: leptos::prelude::StoredValue::new(user), open }
    }

    fn may(&self, permission: crate::auth::Permission) -> bool {
        use leptos::prelude::WithValue;
        self.open && self.user.with_value(|user| user.as_ref().is_some_and(|u| u.may(permission)))
    }

    /// The rows of this Bagian.
    pub fn rows_of(&self, bagian: i32) -> bool {
        self.may(crate::auth::Permission::EditRowsOf(bagian))
    }

    /// Some rows (the table then has its editing column).
    pub fn any_rows(&self) -> bool {
        use leptos::prelude::WithValue;
        self.open && self.user.with_value(|user| user.as_ref().is_some_and(|u| u.edits_rows()))
    }

    /// Review notes (reviewers and admins).
    pub fn reviews(&self) -> bool {
        self.may(crate::auth::Permission::Review)
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
        self.may(crate::auth::Permission::ManageBagian)
    }
}

/// Runs `then` once the next frame is on screen: work that need not delay it.
fn after_paint(then: impl FnOnce() + 'static) {
    use leptos::prelude::{request_animation_frame, set_timeout};
    request_animation_frame(move || set_timeout(then, std::time::Duration::ZERO));
}
