//! Where a register is in its yearly cycle, as the page shows it: its
//! revision, the steps taken, and what the signed-in user can do next.
use crate::auth::{CurrentUser, Permission};
use crate::rules::cycle::{RegisterStatus, Step};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A register's cycle: its revision and the steps taken on it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleView {
    /// 0 until the set register is opened again.
    pub revision: i32,
    /// The unit's register of the next year has been started.
    #[serde(default)]
    pub next_year_started: bool,
    /// The year of the register this one was carried forward from.
    #[serde(default)]
    pub carried_from: Option<i32>,
    /// Oldest first.
    pub steps: Vec<StepView>,
}

/// A step taken: which, on which revision, by whom, when, with what comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepView {
    pub step: Step,
    pub revision: i32,
    /// The user's name; `None`: the account is gone.
    pub by: Option<String>,
    pub at: DateTime<Utc>,
    /// Empty when none was given.
    pub comment: String,
    /// An approval's decree: its number and date.
    pub sk: Option<(String, NaiveDate)>,
    /// The register version the step made: an approval's is the approved
    /// text, read back at it.
    pub version: i32,
}

impl CycleView {
    /// The approvals, newest first: each revision as it was set.
    pub fn approvals(&self) -> impl Iterator<Item = &StepView> {
        self.steps.iter().rev().filter(|step| step.step == Step::Approve)
    }

    /// The approval of `revision`, if it was set.
    pub fn approval_of(&self, revision: i32) -> Option<&StepView> {
        approval_of(&self.steps, revision)
    }
}

/// Among `steps`, the approval of `revision`, if it was set.
pub fn approval_of(steps: &[StepView], revision: i32) -> Option<&StepView> {
    steps.iter().rev().find(|step| step.step == Step::Approve && step.revision == revision)
}

/// A register of a unit, as the dashboard lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterLine {
    pub year: i32,
    pub revision: i32,
    pub status: RegisterStatus,
    /// The last step taken on it, and when.
    pub last: Option<(Step, DateTime<Utc>)>,
}

/// The steps `user` can take on a register at `status`, in the cycle's order.
pub fn next_steps(status: RegisterStatus, user: Option<&CurrentUser>) -> Vec<Step> {
    let Some(user) = user else { return Vec::new() };
    Step::ALL
        .into_iter()
        .filter(|step| step.starts_from(status) && user.may(Permission::Step(*step)))
        .collect()
}

/// Of a register carried forward from last year's: where a row came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Origin {
    /// Carried from last year's register, unchanged since.
    Carried,
    /// Carried, and changed since (its text, identification or assessment).
    Changed,
    /// Added this year.
    New,
}

impl Origin {
    pub const ALL: [Self; 3] = [Self::Carried, Self::Changed, Self::New];

    /// Its word in addresses (`?asal=diubah`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Carried => "dibawa",
            Self::Changed => "diubah",
            Self::New => "baru",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|origin| origin.code() == code)
    }
}
