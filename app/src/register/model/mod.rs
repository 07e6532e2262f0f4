//! What the browser sees of a register, and the rules its values obey.
mod cycle;
mod history;
mod notes;

pub use cycle::{CycleView, Origin, RegisterLine, StepView, approval_of, next_steps};
pub use history::{Action, Author, ChangeView, DeletedRow, RowHistory};
pub use notes::NoteView;
use serde::{Deserialize, Serialize};

pub use crate::rules::rich_text::{RichText, Span};

pub use crate::rules::assessment::{Level, Matrix, Nature, Rating, RtpStatus};
pub use crate::rules::cycle::{RegisterStatus, Step, StepInput};
pub use crate::rules::{
    Field, FieldError, FieldProblem, MAX_CELL_CHARS, MAX_NAME_CHARS, MAX_TITLE_CHARS,
    OFFICIAL_COLUMNS, parse_cell, parse_name, parse_title,
};
use chrono::NaiveDate;

/// Which register: a unit's for a year. Empty parts mean "the default": the
/// first unit, the most recent year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RegisterKey {
    pub unit_id: Option<i32>,
    pub year: Option<i32>,
}

impl RegisterKey {
    pub fn of(unit_id: i32, year: i32) -> Self {
        Self { unit_id: Some(unit_id), year: Some(year) }
    }

    /// The register's own address, `/register/{unit}/{year}`.
    pub fn path(unit_id: i32, year: i32) -> String {
        format!("/register/{unit_id}/{year}")
    }
}

/// A register: the official table of one unit for one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterView {
    pub id: i32,
    /// The unit that keeps it; with `year`, its address.
    pub unit_id: i32,
    /// Incremented by every change to the register or its rows: the cursor
    /// of caches and live updates.
    pub version: i32,
    /// Printed title, "Tabel Pemetaan Potensi Benturan Kepentingan".
    pub title: String,
    /// The unit that keeps the register, e.g. "Biro Administrasi Pimpinan".
    pub unit_name: String,
    /// The unit above it, e.g. "Setda Provinsi Kalimantan Timur".
    pub parent_name: Option<String>,
    /// The period the register covers.
    pub year: i32,
    pub status: RegisterStatus,
    /// The Bagian in printed order, each with its rows.
    pub sections: Vec<SectionView>,
    /// The sources of conflict a row can name (PermenPAN-RB 17/2024's
    /// categories, kept by admins), in their order.
    #[serde(default)]
    pub sources: Vec<SourceView>,
    /// Shown as it stood at the end of a past day, rebuilt from the change
    /// log (read-only); `None`: as it is now.
    #[serde(default)]
    pub as_of: Option<AsOf>,
    /// Where it is in its yearly cycle.
    #[serde(default)]
    pub cycle: CycleView,
}

/// Which moment a register shown "as of" is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsOf {
    /// The day, to its end in Asia/Makassar (WITA).
    pub date: NaiveDate,
    /// The register's version then: the last change made that day or before.
    pub version: i32,
    /// Shown as an approved revision was set (its number): the day is the
    /// approval's.
    #[serde(default)]
    pub revision: Option<i32>,
}

/// A source of conflict of interest, as rows name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceView {
    pub id: i32,
    pub name: String,
    /// Retired sources stay on the rows that name them, and are not offered.
    pub active: bool,
}

impl RegisterView {
    pub fn row_count(&self) -> usize {
        self.sections.iter().map(|section| section.rows.len()).sum()
    }

    /// "Biro Administrasi Pimpinan Setda Provinsi Kalimantan Timur", as printed.
    pub fn unit_line(&self) -> String {
        match &self.parent_name {
            Some(parent) => format!("{} {}", self.unit_name, parent),
            None => self.unit_name.clone(),
        }
    }
}

/// One Bagian's block of the table; its first cells span all its rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionView {
    pub bagian_id: i32,
    /// The printed "No": 1, 2, 3 … in the order of the Bagian that have
    /// rows; 0 for a Bagian without rows (not printed).
    pub ordinal: u32,
    pub name: String,
    pub rows: Vec<RiskRowView>,
}

/// One risk row of the official form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskRowView {
    pub id: i32,
    /// The row's stable code ("BK-007"): it survives edits, moves and
    /// re-imports, and is how an exported file finds its rows again.
    pub code: String,
    /// Incremented on every saved change; a save names the version it edits,
    /// so two people never silently overwrite each other.
    pub version: i32,
    /// Aktivitas / Tahapan Kegiatan: the activity or stage of work.
    pub aktivitas: RichText,
    /// Potensi Benturan Kepentingan / Risiko.
    pub potensi: RichText,
    /// Penyebab Utama: the root cause.
    pub penyebab: RichText,
    /// Dampak Negatif: the harm if the risk happens.
    pub dampak: RichText,
    /// Rencana Tindak Pengendalian (Sesuai SK/SOP): the planned control.
    pub rencana: RichText,
    /// Review notes on the row not yet resolved.
    #[serde(default)]
    pub notes: u32,
    /// Identification, assessment and control (RTP) tracking.
    #[serde(default)]
    pub assessment: Assessment,
}

/// A likelihood and an impact as far as given, and their rating by the
/// matrix once both are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub likelihood: Option<u8>,
    pub impact: Option<u8>,
    pub rating: Option<Rating>,
}

/// A row's identification, assessment and control tracking (DOMAIN.md):
/// every part optional, as a row is assessed step by step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub source: Option<i32>,
    pub nature: Option<Nature>,
    pub jabatan: String,
    pub existing_control: String,
    pub control_basis: String,
    pub inherent: Score,
    pub residual: Score,
    pub owner: String,
    pub target_date: Option<NaiveDate>,
    pub target_quarter: Option<u8>,
    pub status: Option<RtpStatus>,
    /// Due (its target passed) and not done, by the date in Asia/Makassar.
    pub overdue: bool,
    /// What was done in each quarter (triwulan I to IV) of the register's year.
    #[serde(default)]
    pub realisation: [Realisation; 4],
    /// Of a register carried forward from last year's: carried, changed
    /// since, or new (`None` in a register not carried forward).
    #[serde(default)]
    pub origin: Option<Origin>,
}

/// What was done on a row's control action in one quarter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Realisation {
    /// 0 to 100; 0 is none reported.
    pub progress: u8,
    pub done: String,
    /// A link or a note.
    pub evidence: String,
}

impl Realisation {
    /// Nothing reported for the quarter.
    pub fn is_empty(&self) -> bool {
        self.progress == 0 && self.done.is_empty() && self.evidence.is_empty()
    }

    /// A field's value as a form writes it (`""` for none, and for 0 %).
    pub fn value(&self, field: Field) -> String {
        match field {
            Field::RealisationProgress if self.progress > 0 => self.progress.to_string(),
            Field::RealisationDone => self.done.clone(),
            Field::RealisationEvidence => self.evidence.clone(),
            _ => String::new(),
        }
    }
}

impl Assessment {
    /// A field's value as a form writes it, `""` for none: the basis a save
    /// names, compared with what is stored. A realisation field is of
    /// quarter `quarter` (1 to 4).
    pub fn value_at(&self, field: Field, quarter: Option<u8>) -> String {
        match quarter.and_then(|q| self.realisation.get(usize::from(q).checked_sub(1)?)) {
            Some(realisation) => realisation.value(field),
            None => self.value(field),
        }
    }

    /// An assessment field's value as a form writes it, `""` for none.
    pub fn value(&self, field: Field) -> String {
        let number = |n: Option<u8>| n.map(|n| n.to_string()).unwrap_or_default();
        match field {
            Field::Source => self.source.map(|id| id.to_string()).unwrap_or_default(),
            Field::Nature => self.nature.map(|n| n.code().to_owned()).unwrap_or_default(),
            Field::Jabatan => self.jabatan.clone(),
            Field::ExistingControl => self.existing_control.clone(),
            Field::ControlBasis => self.control_basis.clone(),
            Field::InherentLikelihood => number(self.inherent.likelihood),
            Field::InherentImpact => number(self.inherent.impact),
            Field::ResidualLikelihood => number(self.residual.likelihood),
            Field::ResidualImpact => number(self.residual.impact),
            Field::Owner => self.owner.clone(),
            Field::TargetDate => self.target_date.map(|d| d.to_string()).unwrap_or_default(),
            Field::TargetQuarter => number(self.target_quarter),
            Field::RtpStatus => self.status.map(|s| s.code().to_owned()).unwrap_or_default(),
            _ => String::new(),
        }
    }
}

/// What changed in a register since a version a page shows: its version now
/// and the rows changed since (`None`: the table's shape changed, and the
/// page reads the whole register).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterDelta {
    pub version: i32,
    pub rows: Option<Vec<RiskRowView>>,
}

impl RiskRowView {
    /// The five text cells in the order of the printed columns.
    pub fn cells(&self) -> [&RichText; 5] {
        [&self.aktivitas, &self.potensi, &self.penyebab, &self.dampak, &self.rencana]
    }
}
