//! The dashboard: per Bagian, how many risks at which level, how their
//! control actions progress, what is overdue; the 5×5 heat maps before and
//! after control; realisation per quarter. Every figure is an aggregate
//! query (GROUP BY on indexed columns), never rows read into memory.
pub mod api;
mod components;
pub mod model;
#[cfg(feature = "ssr")]
pub mod repo;

pub use components::DashboardPage;
pub use model::{BagianCounts, Counts, DashboardView};
