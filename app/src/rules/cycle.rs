//! The register's yearly cycle: its statuses, the steps that move it from
//! one to the next, and what each step asks of the one who takes it. Who
//! may take a step is the role's (`auth::Permission::Step`).
use super::print::{MAX_SK_NUMBER_CHARS, optional_date};
use super::text::one_line;
use super::{Field, FieldError, FieldProblem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest comment on a step (a reason to return, say), in characters.
pub const MAX_COMMENT_CHARS: usize = 2_000;

/// Where a register is in its yearly cycle. `Ditetapkan` is final: read-only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RegisterStatus {
    /// Being written by the Bagian.
    #[default]
    Draft,
    /// Submitted for review: its text is fixed while the reviewer reads it.
    Diajukan,
    /// Reviewed, awaiting the decree.
    Direviu,
    /// Set by decree (SK); no more edits.
    Ditetapkan,
}

impl RegisterStatus {
    pub const ALL: [Self; 4] = [Self::Draft, Self::Diajukan, Self::Direviu, Self::Ditetapkan];

    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Diajukan => "diajukan",
            Self::Direviu => "direviu",
            Self::Ditetapkan => "ditetapkan",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }

    /// A status from untrusted input: an unknown code is an error, never Draft.
    pub fn parse(code: &str) -> Result<Self, FieldError> {
        Self::from_code(code.trim())
            .ok_or(FieldError::new(Field::Status, FieldProblem::UnknownValue))
    }

    /// Whether nothing may change any more: a register that is set.
    pub fn is_final(self) -> bool {
        self == Self::Ditetapkan
    }

    /// Whether its rows, Bagian, title and assessment may change: only
    /// while drafted (submitted, the reviewer reads a fixed text).
    pub fn is_open(self) -> bool {
        self == Self::Draft
    }
}

/// A step of the cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Step {
    /// Draft → diajukan.
    Submit,
    /// Diajukan → direviu.
    Review,
    /// Direviu → ditetapkan, with the SK's number and date.
    Approve,
    /// Diajukan or direviu → draft, with a reason ("dikembalikan").
    Return,
    /// Ditetapkan → draft of the next revision, with a reason.
    Revise,
}

impl Step {
    pub const ALL: [Self; 5] =
        [Self::Submit, Self::Review, Self::Approve, Self::Return, Self::Revise];

    /// The value stored in `register_step.step`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::Review => "review",
            Self::Approve => "approve",
            Self::Return => "return",
            Self::Revise => "revise",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|step| step.code() == code)
    }

    /// Whether the step can be taken from `status`.
    pub fn starts_from(self, status: RegisterStatus) -> bool {
        use RegisterStatus as S;
        match self {
            Self::Submit => status == S::Draft,
            Self::Review => status == S::Diajukan,
            Self::Approve => status == S::Direviu,
            Self::Return => matches!(status, S::Diajukan | S::Direviu),
            Self::Revise => status == S::Ditetapkan,
        }
    }

    /// The status the step leaves the register in.
    pub fn target(self) -> RegisterStatus {
        match self {
            Self::Submit => RegisterStatus::Diajukan,
            Self::Review => RegisterStatus::Direviu,
            Self::Approve => RegisterStatus::Ditetapkan,
            Self::Return | Self::Revise => RegisterStatus::Draft,
        }
    }

    /// Whether the step asks for a reason (its comment is then required).
    pub fn needs_reason(self) -> bool {
        matches!(self, Self::Return | Self::Revise)
    }
}

/// A step as a form (or a crafted call) sends it: text, the date as
/// `YYYY-MM-DD`; a field left out is empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepInput {
    pub comment: String,
    /// Approving only: the decree's number and date.
    pub sk_number: String,
    pub sk_date: String,
}

/// A step's input, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepRequest {
    pub step: Step,
    /// Empty when none was given (only where none is required).
    pub comment: String,
    /// The decree that sets the register (approving only).
    pub sk: Option<(String, NaiveDate)>,
}

impl StepInput {
    /// Checks the input for `step`, naming every field that is wrong.
    pub fn parse(&self, step: Step) -> Result<StepRequest, Vec<FieldError>> {
        let mut errors = Vec::new();
        // A step without a reason takes an empty comment; one given obeys the rules.
        let comment = match one_line(Field::Comment, &self.comment, MAX_COMMENT_CHARS) {
            Err(error) if error.problem == FieldProblem::Required && !step.needs_reason() => {
                Ok(String::new())
            }
            checked => checked,
        };
        let comment = comment.unwrap_or_else(|error| {
            errors.push(error);
            String::new()
        });
        let sk = if step == Step::Approve {
            let number = one_line(Field::SkNumber, &self.sk_number, MAX_SK_NUMBER_CHARS);
            let date = optional_date(Field::SkDate, &self.sk_date).and_then(|date| {
                date.ok_or(FieldError::new(Field::SkDate, FieldProblem::Required))
            });
            match (number, date) {
                (Ok(number), Ok(date)) => Some((number, date)),
                (number, date) => {
                    errors.extend(number.err());
                    errors.extend(date.err());
                    None
                }
            }
        } else {
            None
        };
        if errors.is_empty() { Ok(StepRequest { step, comment, sk }) } else { Err(errors) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for status in RegisterStatus::ALL {
            assert_eq!(RegisterStatus::from_code(status.code()), Some(status));
        }
        for step in Step::ALL {
            assert_eq!(Step::from_code(step.code()), Some(step));
        }
        assert_eq!(RegisterStatus::from_code("unknown"), None);
        assert_eq!(
            RegisterStatus::parse("final"),
            Err(FieldError::new(Field::Status, FieldProblem::UnknownValue))
        );
    }

    #[test]
    fn each_status_has_its_steps() {
        use RegisterStatus as S;
        let from =
            |status| Step::ALL.into_iter().filter(|s| s.starts_from(status)).collect::<Vec<_>>();
        assert_eq!(from(S::Draft), [Step::Submit]);
        assert_eq!(from(S::Diajukan), [Step::Review, Step::Return]);
        assert_eq!(from(S::Direviu), [Step::Approve, Step::Return]);
        assert_eq!(from(S::Ditetapkan), [Step::Revise]);
        assert!(S::Draft.is_open() && !S::Diajukan.is_open() && !S::Direviu.is_open());
        assert!(S::Ditetapkan.is_final() && !S::Ditetapkan.is_open());
    }

    #[test]
    fn a_return_needs_its_reason_and_an_approval_its_decree() {
        let empty = StepInput::default();
        assert_eq!(
            empty.parse(Step::Return),
            Err(vec![FieldError::new(Field::Comment, FieldProblem::Required)])
        );
        let zero_width = StepInput { comment: "\u{200b} ".into(), ..StepInput::default() };
        assert!(zero_width.parse(Step::Revise).is_err());
        assert_eq!(empty.parse(Step::Submit).map(|r| r.comment), Ok(String::new()));
        assert_eq!(
            empty.parse(Step::Approve),
            Err(vec![
                FieldError::new(Field::SkNumber, FieldProblem::Required),
                FieldError::new(Field::SkDate, FieldProblem::Required),
            ])
        );
        let approve = StepInput {
            comment: "  Sesuai  hasil reviu ".into(),
            sk_number: " 100.3.3/K.12/2027 ".into(),
            sk_date: "2027-01-20".into(),
        };
        let request = approve.parse(Step::Approve).unwrap();
        assert_eq!(request.comment, "Sesuai hasil reviu");
        assert_eq!(
            request.sk,
            Some(("100.3.3/K.12/2027".into(), NaiveDate::from_ymd_opt(2027, 1, 20).unwrap()))
        );
    }

    #[test]
    fn a_comment_obeys_the_text_rules() {
        let long = StepInput { comment: "a".repeat(MAX_COMMENT_CHARS + 1), ..StepInput::default() };
        assert_eq!(
            long.parse(Step::Submit),
            Err(vec![FieldError::new(
                Field::Comment,
                FieldProblem::TooLong { limit: MAX_COMMENT_CHARS }
            )])
        );
        let control = StepInput { comment: "ok\u{7}".into(), ..StepInput::default() };
        assert!(matches!(
            control.parse(Step::Return).unwrap_err()[0].problem,
            FieldProblem::ControlCharacter { .. }
        ));
        let bad_date = StepInput {
            sk_number: "1/2027".into(),
            sk_date: "31/01/2027".into(),
            ..StepInput::default()
        };
        assert_eq!(
            bad_date.parse(Step::Approve),
            Err(vec![FieldError::new(Field::SkDate, FieldProblem::InvalidDate)])
        );
    }
}
