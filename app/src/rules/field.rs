//! Fields a user or a file can get wrong, and what can be wrong with them.
use serde::{Deserialize, Serialize};

/// The column headers of the official form, as printed.
pub const OFFICIAL_COLUMNS: [&str; 7] = [
    "No",
    "Unit Kerja / Bagian",
    "Aktivitas / Tahapan Kegiatan",
    "Potensi Benturan Kepentingan / Risiko",
    "Penyebab Utama",
    "Dampak Negatif",
    "Rencana Tindak Pengendalian (Sesuai SK/SOP)",
];

/// The header of the optional last column: each row's stable code, as the
/// exports write it and the importer matches rows by.
pub const CODE_HEADER: &str = "Kode";

/// A field a user or a file can get wrong; its label comes from the UI language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    No,
    Bagian,
    Aktivitas,
    Potensi,
    Penyebab,
    Dampak,
    Rencana,
    Title,
    Unit,
    /// The stable code of a risk row ("BK-007").
    Code,
    /// A register's status (draft … ditetapkan).
    Status,
    /// A reviewer's note on a row.
    Note,
    /// The source of the conflict (PermenPAN-RB 17/2024's categories).
    Source,
    /// Aktual or potensial.
    Nature,
    /// The position (jabatan) involved.
    Jabatan,
    /// The control already in place.
    ExistingControl,
    /// The SK or SOP the existing control rests on.
    ControlBasis,
    InherentLikelihood,
    InherentImpact,
    ResidualLikelihood,
    ResidualImpact,
    /// The control action's owner (penanggung jawab).
    Owner,
    TargetDate,
    TargetQuarter,
    /// Where the control action stands.
    RtpStatus,
    /// The risk matrix (its levels).
    Matrix,
    /// A row's inherent level, as the matrix gives it (logged on re-levelling).
    InherentLevel,
    ResidualLevel,
    /// A quarter (triwulan) of the register's year, 1 to 4.
    Quarter,
    /// A quarter's realisation of the control action: its progress (%).
    RealisationProgress,
    /// … what was done.
    RealisationDone,
    /// … and the evidence: a link or a note.
    RealisationEvidence,
    /// The printed form's heading: the SK that sets the table, its date.
    SkNumber,
    SkDate,
    /// Its signature block: where and when it is signed, and by whom.
    SignPlace,
    SignDate,
    PreparedPosition,
    PreparedName,
    PreparedNip,
    ApprovedPosition,
    ApprovedName,
    ApprovedNip,
    /// The day a register is shown "as of" (`?per=2026-09-30`).
    AsOf,
    /// The comment on a step of the register's cycle (a reason to return it).
    Comment,
}

impl Field {
    /// The five text columns in printed order.
    pub const CELLS: [Self; 5] =
        [Self::Aktivitas, Self::Potensi, Self::Penyebab, Self::Dampak, Self::Rencana];

    /// The assessment and control tracking fields of a row, in the order shown.
    pub const ASSESSMENT: [Self; 13] = [
        Self::Source,
        Self::Nature,
        Self::Jabatan,
        Self::ExistingControl,
        Self::ControlBasis,
        Self::InherentLikelihood,
        Self::InherentImpact,
        Self::ResidualLikelihood,
        Self::ResidualImpact,
        Self::Owner,
        Self::TargetDate,
        Self::TargetQuarter,
        Self::RtpStatus,
    ];

    /// A quarter's realisation of the control action, in the order shown.
    pub const REALISATION: [Self; 3] =
        [Self::RealisationDone, Self::RealisationProgress, Self::RealisationEvidence];

    pub const ALL: [Self; 44] = [
        Self::No,
        Self::Bagian,
        Self::Aktivitas,
        Self::Potensi,
        Self::Penyebab,
        Self::Dampak,
        Self::Rencana,
        Self::Title,
        Self::Unit,
        Self::Code,
        Self::Status,
        Self::Note,
        Self::Source,
        Self::Nature,
        Self::Jabatan,
        Self::ExistingControl,
        Self::ControlBasis,
        Self::InherentLikelihood,
        Self::InherentImpact,
        Self::ResidualLikelihood,
        Self::ResidualImpact,
        Self::Owner,
        Self::TargetDate,
        Self::TargetQuarter,
        Self::RtpStatus,
        Self::Matrix,
        Self::InherentLevel,
        Self::ResidualLevel,
        Self::Quarter,
        Self::RealisationProgress,
        Self::RealisationDone,
        Self::RealisationEvidence,
        Self::SkNumber,
        Self::SkDate,
        Self::SignPlace,
        Self::SignDate,
        Self::PreparedPosition,
        Self::PreparedName,
        Self::PreparedNip,
        Self::ApprovedPosition,
        Self::ApprovedName,
        Self::ApprovedNip,
        Self::AsOf,
        Self::Comment,
    ];

    /// The column name a field is stored and logged under.
    pub fn column(self) -> &'static str {
        match self {
            Self::No => "no",
            Self::Bagian => "bagian",
            Self::Aktivitas => "aktivitas",
            Self::Potensi => "potensi",
            Self::Penyebab => "penyebab",
            Self::Dampak => "dampak",
            Self::Rencana => "rencana",
            Self::Title => "title",
            Self::Unit => "unit",
            Self::Code => "code",
            Self::Status => "status",
            Self::Note => "review_note",
            Self::Source => "conflict_source_id",
            Self::Nature => "conflict_nature",
            Self::Jabatan => "jabatan",
            Self::ExistingControl => "existing_control",
            Self::ControlBasis => "control_basis",
            Self::InherentLikelihood => "inherent_likelihood",
            Self::InherentImpact => "inherent_impact",
            Self::ResidualLikelihood => "residual_likelihood",
            Self::ResidualImpact => "residual_impact",
            Self::Owner => "rtp_owner",
            Self::TargetDate => "rtp_target_date",
            Self::TargetQuarter => "rtp_target_quarter",
            Self::RtpStatus => "rtp_status",
            Self::Matrix => "risk_matrix",
            Self::InherentLevel => "inherent_level",
            Self::ResidualLevel => "residual_level",
            Self::Quarter => "quarter",
            Self::RealisationProgress => "realisation_progress",
            Self::RealisationDone => "realisation_note",
            Self::RealisationEvidence => "realisation_evidence",
            Self::SkNumber => "sk_number",
            Self::SkDate => "sk_date",
            Self::SignPlace => "sign_place",
            Self::SignDate => "sign_date",
            Self::PreparedPosition => "prepared_position",
            Self::PreparedName => "prepared_name",
            Self::PreparedNip => "prepared_nip",
            Self::ApprovedPosition => "approved_position",
            Self::ApprovedName => "approved_name",
            Self::ApprovedNip => "approved_nip",
            Self::AsOf => "per",
            Self::Comment => "comment",
        }
    }

    /// The field logged under `column`, if it is one.
    pub fn from_column(column: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.column() == column)
    }

    /// The name a change is logged under: the field's column, and for a
    /// quarter's realisation the quarter after a dot ("realisation_note.2").
    pub fn logged(self, quarter: Option<u8>) -> std::borrow::Cow<'static, str> {
        match quarter {
            Some(quarter) => format!("{}.{quarter}", self.column()).into(),
            None => self.column().into(),
        }
    }

    /// The field and quarter a change logged under `name` is of.
    pub fn from_logged(name: &str) -> Option<(Self, Option<u8>)> {
        match name.split_once('.') {
            Some((column, quarter)) => {
                let quarter = quarter.parse::<u8>().ok().filter(|q| (1..=4).contains(q))?;
                Some((Self::from_column(column)?, Some(quarter)))
            }
            None => Some((Self::from_column(name)?, None)),
        }
    }
}

/// What is wrong with a field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldProblem {
    Required,
    /// More visible characters than `limit`.
    TooLong {
        limit: usize,
    },
    /// More stored bytes than `limit` (markup counts here, not in `TooLong`).
    TooManyBytes {
        limit: usize,
    },
    /// A control character (U+0000–U+001F except line breaks, U+007F–U+009F,
    /// or a bidirectional override) at the 1-based character `position`.
    ControlCharacter {
        code_point: u32,
        position: usize,
    },
    /// A code that is not letters, digits, `-`, `.` or `_`.
    InvalidCode,
    /// A value outside the field's list (a status code, say).
    UnknownValue,
    /// Another item has this name already (a Bagian of the register).
    Duplicate,
    /// Still holds `rows` rows (a Bagian being removed).
    NotEmpty {
        rows: usize,
    },
    /// A number outside `min..=max`.
    OutOfRange {
        min: i32,
        max: i32,
    },
    /// Not a date (`YYYY-MM-DD`, years 2000 to 2100).
    InvalidDate,
    /// A residual risk score above the inherent one.
    AboveInherent {
        inherent: u8,
        residual: u8,
    },
    /// A matrix whose levels fall as its scores rise.
    LevelsOutOfOrder,
    /// Not a NIP: `digits` digits, spaces allowed between its groups.
    InvalidNip {
        digits: usize,
    },
    /// A step of the register's cycle its status does not allow now.
    StepNotAllowed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: FieldProblem,
}

impl FieldError {
    pub fn new(field: Field, problem: FieldProblem) -> Self {
        Self { field, problem }
    }
}
