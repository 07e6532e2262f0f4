//! The frame around every page, and the pages for errors.
mod frame;
mod status;

pub use frame::{SiteFooter, SiteHeader};
pub use status::{ErrorPanel, NotFoundPage, StatusPanel};
