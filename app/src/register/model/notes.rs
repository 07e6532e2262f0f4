//! A review note as the page shows it.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A review note as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteView {
    pub id: i32,
    pub row: i32,
    /// The author's name (`None`: the account is gone).
    pub author: Option<String>,
    pub body: String,
    pub at: DateTime<Utc>,
    /// When it was resolved, and by whom.
    pub resolved: Option<(DateTime<Utc>, Option<String>)>,
}
