//! Rules for stored text: cells, names, titles and codes.
use super::rich_text::RichText;
use super::{Field, FieldError, FieldProblem};

/// Longest text a cell of the official form may hold, in visible characters.
pub const MAX_CELL_CHARS: usize = 4_000;
/// Most bytes a cell may take in the database, markup included: 4,000
/// characters of four bytes each, with room for emphasis tags. Without it a
/// cell of one letter and 150,000 empty `<i></i>` would store a megabyte.
pub const MAX_CELL_BYTES: usize = 20_000;
/// Longest name of an organisational unit, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest register title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest review note, in characters.
pub const MAX_NOTE_CHARS: usize = 2_000;
/// Longest risk code ("BK-001"), in characters.
pub const MAX_CODE_CHARS: usize = 32;

/// Cleans a text as every write path must: refuses control characters
/// (naming the first by code point and position), makes each line break a
/// space (a cell of the form is one paragraph, and every export format keeps
/// it whole), trims blanks (and invisible format characters) at both ends, and
/// normalises to NFC on the server, so "é" typed two ways is stored, compared
/// and searched alike.
pub fn clean_text(raw: &str) -> Result<String, FieldProblem> {
    for (index, c) in raw.chars().enumerate() {
        if is_forbidden_control(c) {
            let problem =
                FieldProblem::ControlCharacter { code_point: u32::from(c), position: index + 1 };
            return Err(problem);
        }
    }
    let is_break = |c: char| matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}');
    let lines = raw.split(is_break).map(str::trim).filter(|line| !line.is_empty());
    let text = lines.collect::<Vec<_>>().join(" ");
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || is_invisible(c));
    Ok(normalise(trimmed))
}

#[cfg(feature = "ssr")]
fn normalise(text: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_owned(),
        _ => text.nfc().collect(),
    }
}

/// The browser leaves normalising to the server, which has the tables.
#[cfg(not(feature = "ssr"))]
fn normalise(text: &str) -> String {
    text.to_owned()
}

/// C0 controls except line breaks, DEL and C1 controls, and the explicit
/// bidirectional embeddings, overrides and isolates, which can make a cell
/// read differently from what it holds ("Trojan Source"). Tabs are refused
/// too: they separate the columns of the import format.
fn is_forbidden_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{9}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}'
        | '\u{7F}'..='\u{9F}'
        | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that take no room on screen: zero-width spaces and joiners,
/// the word joiner, direction marks and the byte-order mark. Allowed inside a
/// text (Arabic and Indic scripts need joiners), never counted as content.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{AD}')
}

/// Whether a text shows anything at all: blanks and invisible characters alone are empty.
fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// Checks a cell of the form: present, at most [`MAX_CELL_CHARS`] visible
/// characters and [`MAX_CELL_BYTES`] stored bytes, no control characters. The
/// emphasis markup is put in its shortest form first (empty `<i></i>` dropped,
/// neighbours merged). The single place where that rule lives.
pub fn parse_cell(field: Field, raw: &str) -> Result<RichText, FieldError> {
    RichText::parse(raw).map_err(|problem| FieldError::new(field, problem))
}

impl RichText {
    /// A cell's text from untrusted input, checked by the rules of [`parse_cell`].
    pub fn parse(raw: &str) -> Result<Self, FieldProblem> {
        let cleaned = clean_text(raw)?;
        let text = RichText::new(cleaned).canonical();
        let visible = text.visible_len();
        if text.spans().iter().all(|span| is_blank(span.text)) {
            return Err(FieldProblem::Required);
        }
        if visible > MAX_CELL_CHARS {
            return Err(FieldProblem::TooLong { limit: MAX_CELL_CHARS });
        }
        if text.markup().len() > MAX_CELL_BYTES {
            return Err(FieldProblem::TooManyBytes { limit: MAX_CELL_BYTES });
        }
        Ok(text)
    }
}

/// Checks what a writer says a field held when they started (the
/// `expected` of a save): it is compared with what is stored, never stored
/// itself, but no database sees it unchecked. A stored value passed the
/// rules, so one with a control character or more bytes than any field may
/// hold can never match: refused here, naming the field, rather than met by
/// the database (PostgreSQL refuses a NUL outright).
pub fn parse_expected(field: Field, raw: &str) -> Result<&str, FieldError> {
    let error = |problem| FieldError::new(field, problem);
    if let Some((index, c)) = raw.chars().enumerate().find(|(_, c)| is_forbidden_control(*c)) {
        let problem =
            FieldProblem::ControlCharacter { code_point: u32::from(c), position: index + 1 };
        return Err(error(problem));
    }
    if raw.len() > MAX_CELL_BYTES {
        return Err(error(FieldProblem::TooManyBytes { limit: MAX_CELL_BYTES }));
    }
    Ok(raw)
}

/// Checks a name of a unit: present, at most [`MAX_NAME_CHARS`] characters;
/// runs of blanks inside become one space.
pub fn parse_name(field: Field, raw: &str) -> Result<String, FieldError> {
    one_line(field, raw, MAX_NAME_CHARS)
}

/// Checks a register title: present, at most [`MAX_TITLE_CHARS`] characters.
pub fn parse_title(raw: &str) -> Result<String, FieldError> {
    one_line(Field::Title, raw, MAX_TITLE_CHARS)
}

/// Checks a review note: present, at most [`MAX_NOTE_CHARS`] characters,
/// one paragraph (line breaks become spaces), no control characters.
pub fn parse_note(raw: &str) -> Result<String, FieldError> {
    one_line(Field::Note, raw, MAX_NOTE_CHARS)
}

/// Checks a risk code: 1 to [`MAX_CODE_CHARS`] letters, digits, `-`, `.` or
/// `_`, kept in upper case so "bk-001" and "BK-001" are one code.
pub fn parse_code(raw: &str) -> Result<String, FieldError> {
    let error = |problem| FieldError::new(Field::Code, problem);
    let code = clean_text(raw).map_err(error)?;
    check_len(Field::Code, code.chars().count(), MAX_CODE_CHARS)?;
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')) {
        return Err(error(FieldProblem::InvalidCode));
    }
    Ok(code.to_ascii_uppercase())
}

pub(crate) fn one_line(field: Field, raw: &str, limit: usize) -> Result<String, FieldError> {
    let cleaned = clean_text(raw).map_err(|problem| FieldError::new(field, problem))?;
    let text = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let len = if is_blank(&text) { 0 } else { text.chars().count() };
    check_len(field, len, limit)?;
    Ok(text)
}

fn check_len(field: Field, len: usize, limit: usize) -> Result<(), FieldError> {
    let problem = if len == 0 {
        FieldProblem::Required
    } else if len > limit {
        FieldProblem::TooLong { limit }
    } else {
        return Ok(());
    };
    Err(FieldError::new(field, problem))
}
