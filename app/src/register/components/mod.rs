mod cell;
mod filter;
#[cfg(feature = "hydrate")]
mod grid;
mod history;
mod page;
mod rich_text;
mod rows;
mod scroll;
mod sections;
mod table;
mod window;

pub use cell::{Announcer, EditableCell};
pub use filter::{FilterBar, TypedFilter};
pub use history::{DeletedRows, HistoryRow};
pub use page::RegisterPage;
pub use rich_text::RichTextView;
pub use rows::{BagianList, NewRow, RowActions, RowEditing, RowNotice};
pub use sections::{AddBagian, BagianHeading, EmptySection};
pub use table::RegisterTable;

/// Runs `then` once the next frame is on screen: work that need not delay it.
fn after_paint(then: impl FnOnce() + 'static) {
    use leptos::prelude::{request_animation_frame, set_timeout};
    request_animation_frame(move || set_timeout(then, std::time::Duration::ZERO));
}
