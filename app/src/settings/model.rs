//! What the settings' server functions answer.
use crate::register::model::SourceView;
use serde::{Deserialize, Serialize};

/// What a change of the matrix did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixSaved {
    /// Rows whose level changed.
    pub rows: usize,
    pub registers: usize,
}

/// A source of conflict with the number of live rows naming it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceUse {
    pub source: SourceView,
    pub rows: usize,
}
