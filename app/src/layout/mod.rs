//! The frame around every page, and the pages for errors.
mod account;
mod frame;
mod status;
mod title;

pub use account::{AdminLink, LoginPage, MainNav, UserMenu};
pub use frame::{SiteFooter, SiteHeader};
pub use status::{ErrorPanel, NotFoundPage, StatusPanel};
pub use title::PageTitle;
