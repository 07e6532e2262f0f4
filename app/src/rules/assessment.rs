//! Risk assessment and control (RTP) tracking: BPKP's 5×5 matrix and its
//! levels, the values each assessment field takes, and the rules they obey
//! (residual never above inherent, dates, quarters, overdue).
use super::{Field, FieldError, FieldProblem, clean_text};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The five levels of BPKP's SPIP guides, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    SangatRendah = 1,
    Rendah = 2,
    Sedang = 3,
    Tinggi = 4,
    SangatTinggi = 5,
}

impl Level {
    pub const ALL: [Self; 5] =
        [Self::SangatRendah, Self::Rendah, Self::Sedang, Self::Tinggi, Self::SangatTinggi];

    /// The value stored in the database, 1 to 5.
    pub fn code(self) -> i16 {
        self as i16
    }

    pub fn from_code(code: i16) -> Option<Self> {
        Self::ALL.into_iter().find(|level| level.code() == code)
    }

    /// Its name in addresses and CSS classes: "sangat-tinggi".
    pub fn slug(self) -> &'static str {
        match self {
            Self::SangatRendah => "sangat-rendah",
            Self::Rendah => "rendah",
            Self::Sedang => "sedang",
            Self::Tinggi => "tinggi",
            Self::SangatTinggi => "sangat-tinggi",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|level| level.slug() == slug)
    }
}

/// A likelihood and an impact rated by the matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rating {
    pub likelihood: u8,
    pub impact: u8,
    /// 1 to 25, the cell's "besaran risiko".
    pub score: u8,
    pub level: Level,
}

/// The 5×5 matrix: for each likelihood and impact (1 to 5), its score and
/// level. Data, kept in the database and adjusted by admins; BPKP's as
/// seeded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matrix {
    /// `cells[likelihood - 1][impact - 1]`.
    cells: [[(u8, Level); 5]; 5],
}

/// BPKP's scores (PermenPAN-RB 5/2020, "besaran risiko"), by likelihood
/// (row, 1 first) and impact (column, 1 first).
pub const BPKP_SCORES: [[u8; 5]; 5] = [
    [1, 3, 5, 8, 20],
    [2, 7, 11, 13, 21],
    [4, 10, 14, 17, 22],
    [6, 12, 16, 19, 24],
    [9, 15, 18, 23, 25],
];

/// BPKP's level of a score: 1–5 very low, 6–10 low, 11–15 medium, 16–19
/// high, 20–25 very high.
pub fn bpkp_level(score: u8) -> Level {
    match score {
        0..=5 => Level::SangatRendah,
        6..=10 => Level::Rendah,
        11..=15 => Level::Sedang,
        16..=19 => Level::Tinggi,
        _ => Level::SangatTinggi,
    }
}

impl Default for Matrix {
    fn default() -> Self {
        Self::bpkp()
    }
}

impl Matrix {
    pub fn bpkp() -> Self {
        Self { cells: BPKP_SCORES.map(|row| row.map(|score| (score, bpkp_level(score)))) }
    }

    /// The rating of a likelihood and an impact; `None` outside 1 to 5.
    pub fn rate(&self, likelihood: u8, impact: u8) -> Option<Rating> {
        let (l, i) = (usize::from(likelihood).checked_sub(1)?, usize::from(impact).checked_sub(1)?);
        let (score, level) = *self.cells.get(l)?.get(i)?;
        Some(Rating { likelihood, impact, score, level })
    }

    /// Every cell: (likelihood, impact, score, level).
    pub fn cells(&self) -> impl Iterator<Item = (u8, u8, u8, Level)> + '_ {
        self.cells.iter().enumerate().flat_map(|(l, row)| {
            row.iter()
                .enumerate()
                .map(move |(i, (score, level))| (l as u8 + 1, i as u8 + 1, *score, *level))
        })
    }

    /// A matrix from stored cells (likelihood, impact, score, level). Every
    /// cell must be there once, scores 1 to 25 each once, and a higher score
    /// never a lower level.
    pub fn from_cells(cells: &[(i16, i16, i16, i16)]) -> Result<Self, FieldError> {
        let wrong = FieldError::new(Field::Matrix, FieldProblem::UnknownValue);
        let mut matrix = [[None::<(u8, Level)>; 5]; 5];
        for &(l, i, score, level) in cells {
            let in_scale = |v: i16| (1..=5).contains(&v);
            if !in_scale(l) || !in_scale(i) || !(1..=25).contains(&score) {
                return Err(wrong);
            }
            let level = Level::from_code(level).ok_or(wrong)?;
            let cell = &mut matrix[l as usize - 1][i as usize - 1];
            if cell.replace((score as u8, level)).is_some() {
                return Err(wrong);
            }
        }
        let mut rows = [[(0, Level::SangatRendah); 5]; 5];
        for (l, row) in matrix.iter().enumerate() {
            for (i, cell) in row.iter().enumerate() {
                rows[l][i] = cell.ok_or(wrong)?;
            }
        }
        let matrix = Self { cells: rows };
        matrix.check()?;
        Ok(matrix)
    }

    /// The matrix with the level of each score as `levels` says (scores stay).
    pub fn with_levels(&self, levels: &[(u8, Level)]) -> Result<Self, FieldError> {
        let mut changed = self.clone();
        for (score, level) in levels {
            let cell = changed.cells.iter_mut().flatten().find(|(s, _)| s == score);
            let Some(cell) = cell else {
                return Err(FieldError::new(Field::Matrix, FieldProblem::UnknownValue));
            };
            cell.1 = *level;
        }
        changed.check()?;
        Ok(changed)
    }

    /// Scores 1 to 25 each once, levels rising with the score.
    fn check(&self) -> Result<(), FieldError> {
        let mut by_score: Vec<(u8, Level)> = self.cells.iter().flatten().copied().collect();
        by_score.sort();
        let scores_ok =
            by_score.iter().enumerate().all(|(at, (score, _))| *score as usize == at + 1);
        if !scores_ok {
            return Err(FieldError::new(Field::Matrix, FieldProblem::UnknownValue));
        }
        if by_score.windows(2).any(|pair| pair[1].1 < pair[0].1) {
            return Err(FieldError::new(Field::Matrix, FieldProblem::LevelsOutOfOrder));
        }
        Ok(())
    }
}

/// Whether a conflict has arisen (aktual) or may arise (potensial).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Nature {
    Aktual,
    Potensial,
}

impl Nature {
    pub const ALL: [Self; 2] = [Self::Aktual, Self::Potensial];

    pub fn code(self) -> &'static str {
        match self {
            Self::Aktual => "aktual",
            Self::Potensial => "potensial",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|nature| nature.code() == code)
    }
}

/// Where a control action (RTP) stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RtpStatus {
    BelumDimulai,
    DalamProses,
    Selesai,
}

impl RtpStatus {
    pub const ALL: [Self; 3] = [Self::BelumDimulai, Self::DalamProses, Self::Selesai];

    pub fn code(self) -> &'static str {
        match self {
            Self::BelumDimulai => "belum_dimulai",
            Self::DalamProses => "dalam_proses",
            Self::Selesai => "selesai",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// Longest position (jabatan) or owner name, in characters.
pub const MAX_SHORT_TEXT_CHARS: usize = 200;
/// Longest existing control or its basis, in characters.
pub const MAX_CONTROL_CHARS: usize = 4_000;

/// Longest account of what was done on a control action in a quarter.
pub const MAX_REALISATION_CHARS: usize = 2_000;
/// Longest evidence of a quarter's realisation (a link or a note).
pub const MAX_EVIDENCE_CHARS: usize = 1_000;

/// An assessment field's value, parsed. Every field is optional: a row is
/// assessed step by step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    None,
    Number(i32),
    Text(String),
    Date(NaiveDate),
}

/// Whether `field` is one of the assessment's.
pub fn is_assessment(field: Field) -> bool {
    Field::ASSESSMENT.contains(&field)
}

/// Whether `field` is one of a quarter's realisation.
pub fn is_realisation(field: Field) -> bool {
    Field::REALISATION.contains(&field)
}

/// A quarter (triwulan) as a call names it: 1 to 4.
pub fn parse_quarter(quarter: i32) -> Result<u8, FieldError> {
    match u8::try_from(quarter) {
        Ok(quarter @ 1..=4) => Ok(quarter),
        _ => Err(FieldError::new(Field::Quarter, FieldProblem::OutOfRange { min: 1, max: 4 })),
    }
}

/// Parses an assessment or realisation field's value as written in a form
/// or a call: `""` is no value; scales are 1 to 5, quarters 1 to 4,
/// progress 0 to 100 (0 is none reported), dates `YYYY-MM-DD`, statuses
/// and natures their codes, sources an id.
pub fn parse_assessment(field: Field, raw: &str) -> Result<Value, FieldError> {
    let error = |problem| FieldError::new(field, problem);
    let text = clean_text(raw).map_err(error)?;
    if text.is_empty() {
        return Ok(Value::None);
    }
    let number = |min: i32, max: i32| match text.parse::<i32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Value::Number(n)),
        _ => Err(error(FieldProblem::OutOfRange { min, max })),
    };
    let limited = |limit: usize| {
        if text.chars().count() > limit {
            Err(error(FieldProblem::TooLong { limit }))
        } else {
            Ok(Value::Text(text.clone()))
        }
    };
    match field {
        Field::InherentLikelihood
        | Field::InherentImpact
        | Field::ResidualLikelihood
        | Field::ResidualImpact => number(1, 5),
        Field::TargetQuarter => number(1, 4),
        Field::Source => match text.parse::<i32>() {
            Ok(id) if id > 0 => Ok(Value::Number(id)),
            _ => Err(error(FieldProblem::UnknownValue)),
        },
        Field::Nature => Nature::from_code(&text)
            .map(|nature| Value::Text(nature.code().to_owned()))
            .ok_or(error(FieldProblem::UnknownValue)),
        Field::RtpStatus => RtpStatus::from_code(&text)
            .map(|status| Value::Text(status.code().to_owned()))
            .ok_or(error(FieldProblem::UnknownValue)),
        Field::TargetDate => {
            parse_date(&text).map(Value::Date).ok_or(error(FieldProblem::InvalidDate))
        }
        Field::Jabatan | Field::Owner => limited(MAX_SHORT_TEXT_CHARS),
        Field::ExistingControl | Field::ControlBasis => limited(MAX_CONTROL_CHARS),
        Field::RealisationProgress => match number(0, 100)? {
            Value::Number(0) => Ok(Value::None),
            progress => Ok(progress),
        },
        Field::RealisationDone => limited(MAX_REALISATION_CHARS),
        Field::RealisationEvidence => limited(MAX_EVIDENCE_CHARS),
        _ => Err(error(FieldProblem::UnknownValue)),
    }
}

/// A date as `YYYY-MM-DD`, between the years 2000 and 2100.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()?;
    (2000..=2100).contains(&date.year()).then_some(date)
}

/// The last day of quarter (triwulan) `quarter` of `year`.
pub fn quarter_end(year: i32, quarter: u8) -> Option<NaiveDate> {
    let (month, day) = match quarter {
        1 => (3, 31),
        2 => (6, 30),
        3 => (9, 30),
        4 => (12, 31),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// When a control action is due: its target date, else the end of its
/// target quarter in the register's year.
pub fn due_date(date: Option<NaiveDate>, quarter: Option<u8>, year: i32) -> Option<NaiveDate> {
    date.or_else(|| quarter_end(year, quarter?))
}

/// Longest name of a source of conflict (its column's width).
pub const MAX_SOURCE_NAME_CHARS: usize = 200;

/// A source of conflict's name as an admin writes it: present, one line, at
/// most 200 characters.
pub fn parse_source_name(raw: &str) -> Result<String, FieldError> {
    let error = |problem| FieldError::new(Field::Source, problem);
    let name = clean_text(raw).map_err(error)?;
    if name.is_empty() {
        return Err(error(FieldProblem::Required));
    }
    if name.chars().count() > MAX_SOURCE_NAME_CHARS {
        return Err(error(FieldProblem::TooLong { limit: MAX_SOURCE_NAME_CHARS }));
    }
    Ok(name)
}

/// The link a realisation's evidence is, if it is one: a web address
/// (`http` or `https`, nothing else) with no spaces. Anything else is a note,
/// shown as text.
pub fn evidence_link(evidence: &str) -> Option<&str> {
    let lower = evidence.get(..8).unwrap_or(evidence).to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    let host = evidence.split_once("//").map_or("", |(_, rest)| rest);
    (web && !host.is_empty() && !evidence.contains(char::is_whitespace)).then_some(evidence)
}

/// Overdue: due before `today` and not done.
pub fn is_overdue(due: Option<NaiveDate>, status: Option<RtpStatus>, today: NaiveDate) -> bool {
    due.is_some_and(|due| due < today) && status != Some(RtpStatus::Selesai)
}

/// Refuses a residual rating above the inherent one (both known).
pub fn check_residual(
    field: Field,
    inherent: Option<Rating>,
    residual: Option<Rating>,
) -> Result<(), FieldError> {
    match (inherent, residual) {
        (Some(inherent), Some(residual)) if residual.score > inherent.score => {
            let problem =
                FieldProblem::AboveInherent { inherent: inherent.score, residual: residual.score };
            Err(FieldError::new(field, problem))
        }
        _ => Ok(()),
    }
}

/// Today in the Biro's time zone (Asia/Makassar, WITA): what "overdue" is
/// measured against, whatever the server's own zone.
#[cfg(feature = "ssr")]
pub fn today_in_makassar(now: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    now.with_timezone(&chrono_tz::Asia::Makassar).date_naive()
}

#[cfg(test)]
mod tests;
