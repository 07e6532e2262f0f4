mod cell;
mod page;
mod rich_text;
mod rows;
mod table;

pub use cell::{Announcer, EditableCell};
pub use page::RegisterPage;
pub use rich_text::RichTextView;
pub use rows::{NewRow, RowActions, RowEditing, RowNotice};
pub use table::RegisterTable;
