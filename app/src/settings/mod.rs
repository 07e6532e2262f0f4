//! What admins keep for every register: the risk matrix (its 25 cells with
//! BPKP's scores and the level each score gives; a change re-levels every
//! row of every register not yet set, see
//! `register::write::set_matrix_levels`) and the list of conflict sources
//! rows name (see `register::write::sources`).
pub mod api;
pub mod components;
pub mod model;

pub use api::*;
pub(crate) use components::Message;
pub use components::{MatrixEditor, SourcesEditor};
pub use model::{MatrixSaved, SourceUse};
