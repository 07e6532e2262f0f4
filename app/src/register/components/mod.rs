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
