//! The shared vocabulary in words: dates and moments, levels, statuses,
//! fields and what is wrong with them.
use super::Strings;
use crate::rules::assessment::{Level, Nature, RtpStatus};
use crate::rules::cycle::{RegisterStatus, Step};
use crate::rules::{Field, FieldError, FieldProblem};

impl Strings {
    /// A moment as the Biro reads it: in its time zone (WITA, UTC+8, no
    /// daylight saving), "29 Nov 2026, 22.49 WITA".
    pub fn moment(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        use chrono::{Datelike, Timelike};
        let wita = chrono::FixedOffset::east_opt(8 * 3600).map(|zone| at.with_timezone(&zone));
        let Some(local) = wita else { return at.to_rfc3339() };
        format!(
            "{} {} {}, {:02}{}{:02} WITA",
            local.day(),
            self.months[local.month0() as usize],
            local.year(),
            local.hour(),
            self.time_separator,
            local.minute()
        )
    }

    pub fn level_name(&self, level: Level) -> &'static str {
        self.level_names[level as usize - 1]
    }

    pub fn nature_name(&self, nature: Nature) -> &'static str {
        self.nature_names[Nature::ALL.iter().position(|n| *n == nature).unwrap_or(0)]
    }

    pub fn rtp_status_name(&self, status: RtpStatus) -> &'static str {
        self.rtp_status_names[RtpStatus::ALL.iter().position(|s| *s == status).unwrap_or(0)]
    }

    pub fn status_name(&self, status: RegisterStatus) -> &'static str {
        self.status_names[RegisterStatus::ALL.iter().position(|s| *s == status).unwrap_or(0)]
    }

    /// What taking the step is called ("Ajukan").
    pub fn step_name(&self, step: Step) -> &'static str {
        self.cycle.steps[Step::ALL.iter().position(|s| *s == step).unwrap_or(0)]
    }

    pub fn field_name(&self, field: Field) -> &'static str {
        self.field_names[field as usize]
    }

    /// Each of `errors` in words, one per line.
    pub fn field_errors(&self, errors: &[FieldError]) -> String {
        errors.iter().map(|e| self.field_error(*e)).collect::<Vec<_>>().join("\n")
    }

    /// "Penyebab Utama wajib diisi." — names the field and, if any, the limit.
    pub fn field_error(&self, error: FieldError) -> String {
        let field = self.field_name(error.field);
        match error.problem {
            FieldProblem::Required => (self.required)(field),
            FieldProblem::TooLong { limit } => (self.too_long)(field, limit),
            FieldProblem::TooManyBytes { limit } => (self.too_many_bytes)(field, limit),
            FieldProblem::ControlCharacter { code_point, position } => {
                (self.control_character)(field, code_point, position)
            }
            FieldProblem::InvalidCode => (self.invalid_code)(field),
            FieldProblem::UnknownValue => (self.unknown_value)(field),
            FieldProblem::Duplicate => (self.duplicate)(field),
            FieldProblem::NotEmpty { rows } => (self.not_empty)(field, rows),
            FieldProblem::OutOfRange { min, max } => (self.out_of_range)(field, min, max),
            FieldProblem::InvalidDate => (self.invalid_date)(field),
            FieldProblem::AboveInherent { inherent, residual } => {
                (self.above_inherent)(field, inherent, residual)
            }
            FieldProblem::LevelsOutOfOrder => (self.levels_out_of_order)(field),
            FieldProblem::InvalidNip { digits } => (self.invalid_nip)(field, digits),
            FieldProblem::StepNotAllowed => (self.cycle.step_not_allowed)(field),
        }
    }
}
