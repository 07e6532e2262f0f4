//! The frame around every page, and the pages for errors.
mod frame;
mod status;
mod title;

pub use frame::{SiteFooter, SiteHeader};
pub use status::{ErrorPanel, NotFoundPage, StatusPanel};
pub use title::PageTitle;
