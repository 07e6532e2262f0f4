//! The table following changes as they happen: the page listens to the live
//! channel (`/api/events`, Server-Sent Events, reconnecting by itself), and
//! on each newer version of its register reads the rows changed since the
//! version it shows (the whole register when the table's shape changed). Cells
//! and row versions change in place, leaving an open editor's text alone
//! (its save then meets the conflict rules); a change of the table's shape
//! (rows added, deleted or moved, Bagian changed) renders the table anew,
//! once no cell is being edited. The same stream says who opens which row
//! for editing (presence), shown on the row.
mod follow;
mod store;
#[cfg(feature = "hydrate")]
mod stream;

pub use follow::{announce_editing, follow_changes};
pub use store::{RowLive, RowStore};
#[cfg(feature = "hydrate")]
pub use stream::listen;
