//! The register: the official table of a unit for a year.
pub mod api;
pub mod as_of;
pub mod components;
pub mod cycle;
pub mod edit;
pub mod filter;
pub mod history;
pub mod labels;
pub mod model;
pub mod notes;

#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod write;
