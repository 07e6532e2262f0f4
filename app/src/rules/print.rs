//! The printed form's heading and signature block, as admins set them per
//! register: the SK (decree) that sets the table, where and when it is
//! signed, and who prepares and approves it (position, name, NIP).
use super::assessment::parse_date;
use super::{Field, FieldError, FieldProblem, clean_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest place, position or name, in characters.
pub const MAX_PRINT_LINE_CHARS: usize = 200;
/// Longest SK number ("100.3.3.1/K.123/2026"), in characters.
pub const MAX_SK_NUMBER_CHARS: usize = 100;
/// A civil servant's NIP: 18 digits (birth date, appointment, sex, number).
pub const NIP_DIGITS: usize = 18;

/// One signature of the form: "Kepala Biro …", the name, the NIP.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatory {
    pub position: String,
    pub name: String,
    /// Digits only; empty when not set.
    pub nip: String,
}

/// What the printed form shows besides the table; every part may be
/// empty while the register is drafted (the form then leaves its line
/// blank to be filled by hand).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintSettings {
    pub sk_number: String,
    pub sk_date: Option<NaiveDate>,
    /// Where the form is signed ("Samarinda").
    pub place: String,
    pub sign_date: Option<NaiveDate>,
    /// "Disusun oleh": usually the head of the Bagian that keeps the register.
    pub prepared: Signatory,
    /// "Disetujui": the head of the Biro.
    pub approved: Signatory,
}

/// The settings as a form sends them: text, dates as `YYYY-MM-DD`; a
/// field left out is empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrintSettingsInput {
    pub sk_number: String,
    pub sk_date: String,
    pub place: String,
    pub sign_date: String,
    pub prepared_position: String,
    pub prepared_name: String,
    pub prepared_nip: String,
    pub approved_position: String,
    pub approved_name: String,
    pub approved_nip: String,
}

impl PrintSettingsInput {
    /// The form filled with what is stored.
    pub fn from_settings(settings: &PrintSettings) -> Self {
        let date = |date: Option<NaiveDate>| date.map(|d| d.to_string()).unwrap_or_default();
        Self {
            sk_number: settings.sk_number.clone(),
            sk_date: date(settings.sk_date),
            place: settings.place.clone(),
            sign_date: date(settings.sign_date),
            prepared_position: settings.prepared.position.clone(),
            prepared_name: settings.prepared.name.clone(),
            prepared_nip: format_nip(&settings.prepared.nip),
            approved_position: settings.approved.position.clone(),
            approved_name: settings.approved.name.clone(),
            approved_nip: format_nip(&settings.approved.nip),
        }
    }

    /// Checks every field, naming each that is wrong.
    pub fn parse(&self) -> Result<PrintSettings, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut line = |field, raw: &str| {
            let limit =
                if field == Field::SkNumber { MAX_SK_NUMBER_CHARS } else { MAX_PRINT_LINE_CHARS };
            optional_line(field, raw, limit).unwrap_or_else(|error| {
                errors.push(error);
                String::new()
            })
        };
        let sk_number = line(Field::SkNumber, &self.sk_number);
        let place = line(Field::SignPlace, &self.place);
        let prepared_position = line(Field::PreparedPosition, &self.prepared_position);
        let prepared_name = line(Field::PreparedName, &self.prepared_name);
        let approved_position = line(Field::ApprovedPosition, &self.approved_position);
        let approved_name = line(Field::ApprovedName, &self.approved_name);
        let sk_date = kept(&mut errors, optional_date(Field::SkDate, &self.sk_date));
        let sign_date = kept(&mut errors, optional_date(Field::SignDate, &self.sign_date));
        let prepared_nip = kept(&mut errors, parse_nip(Field::PreparedNip, &self.prepared_nip));
        let approved_nip = kept(&mut errors, parse_nip(Field::ApprovedNip, &self.approved_nip));
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(PrintSettings {
            sk_number,
            sk_date,
            place,
            sign_date,
            prepared: Signatory {
                position: prepared_position,
                name: prepared_name,
                nip: prepared_nip,
            },
            approved: Signatory {
                position: approved_position,
                name: approved_name,
                nip: approved_nip,
            },
        })
    }
}

/// The value checked, or its error kept in `errors` (and a default).
fn kept<T: Default>(errors: &mut Vec<FieldError>, checked: Result<T, FieldError>) -> T {
    checked.unwrap_or_else(|error| {
        errors.push(error);
        T::default()
    })
}

/// One line of text, possibly empty, at most `limit` characters.
fn optional_line(field: Field, raw: &str, limit: usize) -> Result<String, FieldError> {
    let cleaned = clean_text(raw).map_err(|problem| FieldError::new(field, problem))?;
    let text = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > limit {
        let problem = FieldProblem::TooLong { limit };
        return Err(FieldError::new(field, problem));
    }
    Ok(text)
}

pub(crate) fn optional_date(field: Field, raw: &str) -> Result<Option<NaiveDate>, FieldError> {
    match raw.trim() {
        "" => Ok(None),
        text => parse_date(text).map(Some).ok_or(FieldError::new(field, FieldProblem::InvalidDate)),
    }
}

/// A NIP as written ("19700101 199503 1 001", spaces or dots between its
/// groups): its 18 digits, or empty.
pub fn parse_nip(field: Field, raw: &str) -> Result<String, FieldError> {
    let digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '.' | '\u{a0}')).collect();
    if digits.is_empty() {
        return Ok(digits);
    }
    if digits.len() == NIP_DIGITS && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(digits);
    }
    Err(FieldError::new(field, FieldProblem::InvalidNip { digits: NIP_DIGITS }))
}

/// A NIP in its printed groups: "19700101 199503 1 001".
pub fn format_nip(nip: &str) -> String {
    if nip.len() != NIP_DIGITS || !nip.is_ascii() {
        return nip.to_owned();
    }
    format!("{} {} {} {}", &nip[..8], &nip[8..14], &nip[14..15], &nip[15..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> PrintSettingsInput {
        PrintSettingsInput {
            sk_number: "  100.3.3/K.123/2026 ".into(),
            sk_date: "2026-01-15".into(),
            place: "Samarinda".into(),
            sign_date: "".into(),
            prepared_name: "Nama\u{200b} Penyusun".into(),
            prepared_nip: "19700101 199503 1 001".into(),
            approved_position: "Kepala Biro Administrasi Pimpinan".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_filled_form_is_cleaned_and_nips_keep_their_digits() {
        let settings = input().parse().unwrap();
        assert_eq!(settings.sk_number, "100.3.3/K.123/2026");
        assert_eq!(settings.sk_date, NaiveDate::from_ymd_opt(2026, 1, 15));
        assert_eq!(settings.sign_date, None);
        assert_eq!(settings.prepared.nip, "197001011995031001");
        assert_eq!(settings.approved.nip, "");
        assert_eq!(format_nip(&settings.prepared.nip), "19700101 199503 1 001");
        let again = PrintSettingsInput::from_settings(&settings).parse().unwrap();
        assert_eq!(again, settings, "the form filled with what is stored saves the same");
    }

    #[test]
    fn every_wrong_field_is_named_with_its_limit() {
        let wrong = PrintSettingsInput {
            sk_number: "x".repeat(MAX_SK_NUMBER_CHARS + 1),
            approved_name: "y".repeat(MAX_PRINT_LINE_CHARS),
            sk_date: "15/01/2026".into(),
            place: "Samarinda\u{202e}".into(),
            prepared_nip: "1970010119950310".into(),
            approved_nip: "19700101199503100X".into(),
            ..input()
        };
        let errors = wrong.parse().unwrap_err();
        let problem = |field| errors.iter().find(|e| e.field == field).map(|e| e.problem);
        assert_eq!(problem(Field::SkNumber), Some(FieldProblem::TooLong { limit: 100 }));
        assert_eq!(problem(Field::SkDate), Some(FieldProblem::InvalidDate));
        assert!(matches!(problem(Field::SignPlace), Some(FieldProblem::ControlCharacter { .. })));
        assert_eq!(problem(Field::PreparedNip), Some(FieldProblem::InvalidNip { digits: 18 }));
        assert_eq!(problem(Field::ApprovedNip), Some(FieldProblem::InvalidNip { digits: 18 }));
        assert_eq!(errors.len(), 5);
    }
}
