//! A control action on a user's list of those falling due.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueItem {
    pub row_id: i32,
    pub code: String,
    pub unit_id: i32,
    pub year: i32,
    pub bagian_id: i32,
    pub bagian: String,
    /// The row's activity, as plain text.
    pub aktivitas: String,
    /// Penanggung jawab.
    pub owner: String,
    pub due: NaiveDate,
    /// Days from today to `due`: negative when overdue.
    pub days_left: i64,
    pub in_progress: bool,
}

impl DueItem {
    pub fn overdue(&self) -> bool {
        self.days_left < 0
    }

    /// The register with the row's Bagian, its assessment shown, overdue
    /// ones only when this is overdue: where the row is to be updated.
    pub fn link(&self) -> String {
        let path = crate::register::model::RegisterKey::path(self.unit_id, self.year);
        let overdue = if self.overdue() { "&terlambat=1" } else { "" };
        format!("{path}?penilaian=1&bagian={}{overdue}", self.bagian_id)
    }
}

/// A user's list: the actions falling due, soonest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueList {
    pub today: Option<NaiveDate>,
    pub items: Vec<DueItem>,
    /// The daily e-mail: the user's address, and whether the server sends
    /// any (SMTP configured).
    pub email: Option<String>,
    pub mail_configured: bool,
}
