//! Which rows the register shows: a search across the texts and the Bagian
//! name, and a choice of Bagian, both kept in the page's address so that a
//! link opens the same view. The server and the browser run the same code,
//! so the page a server renders is the page the browser hydrates.
pub mod facets;
mod fold;
mod highlight;
mod index;
mod row_filter;

pub use fold::{MAX_SEARCH_CHARS, fold};
pub use highlight::{Piece, highlight, highlight_html};
pub use index::SearchIndex;
pub use row_filter::RowFilter;
