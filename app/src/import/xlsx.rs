//! Reading a register from an Excel workbook: the official table on its
//! first sheet, as `benturan export --format xlsx` writes it or as the Biro
//! types it (a title and unit above the header, No and Bagian merged over
//! their rows, blank rows between, with or without the Kode column). The
//! sheet's rows become the text format's lines and go through the same
//! parser, so one set of rules reads both; errors name sheet, row, column.
use super::model::{CODE_HEADER, HEADER, ParseErrorKind, ParsedTable};
use super::xlsx_runs::{Italics, italics};
use crate::register::model::Field;
use calamine::{Data, Reader, Xlsx};

/// Why a workbook cannot be read; nothing is stored when this happens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkbookError {
    /// The sheet read (empty when the file is no workbook at all).
    pub sheet: String,
    /// The sheet's row, from 1 as Excel numbers them; 0 when none.
    pub row: u32,
    /// The column, from 0 (A), when one is to blame.
    pub column: Option<u16>,
    pub kind: WorkbookErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkbookErrorKind {
    /// Not an XLSX file, or one calamine cannot open.
    NotAWorkbook,
    /// The table breaks a rule of the format or of a field.
    Table(ParseErrorKind),
    /// A cell right of the table's last column is filled.
    BeyondTable { columns: usize },
}

/// The Kode column's header in either language (the export labels it in
/// the user's).
const CODE_HEADERS: [&str; 2] = [CODE_HEADER, "Code"];

/// The register and its version a workbook was exported from, when this
/// app wrote it (its defined names say).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub register: i32,
    pub version: i32,
}

pub fn workbook_stamp(bytes: &[u8]) -> Option<Stamp> {
    use crate::documents::{STAMP_REGISTER, STAMP_VERSION};
    let book = Xlsx::new(std::io::Cursor::new(bytes)).ok()?;
    let named = |wanted: &str| {
        let (_, value) = book.defined_names().iter().find(|(name, _)| name == wanted)?;
        value.trim().trim_start_matches('=').parse::<i32>().ok()
    };
    Some(Stamp { register: named(STAMP_REGISTER)?, version: named(STAMP_VERSION)? })
}

pub fn parse_workbook(bytes: &[u8]) -> Result<ParsedTable, WorkbookError> {
    let refused = |sheet: &str, row, column, kind| WorkbookError {
        sheet: sheet.to_owned(),
        row,
        column,
        kind,
    };
    let not_a_workbook = || refused("", 0, None, WorkbookErrorKind::NotAWorkbook);
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|_| not_a_workbook())?;
    let sheet = book.sheet_names().first().cloned().ok_or_else(not_a_workbook)?;
    let range = book.worksheet_range(&sheet).map_err(|_| not_a_workbook())?;
    let lines = Lines::read(&range, &italics(bytes))
        .map_err(|(row, column, kind)| refused(&sheet, row, Some(column), kind))?;
    let mut table = super::parse::parse_table(&lines.text).map_err(|error| {
        let row = lines.sheet_row(error.line);
        refused(&sheet, row, column_of(&error.kind), WorkbookErrorKind::Table(error.kind))
    })?;
    // Lines of the text are rows of the sheet in every report.
    for section in &mut table.sections {
        section.line = lines.sheet_row(section.line) as usize;
        for row in &mut section.rows {
            row.line = lines.sheet_row(row.line) as usize;
        }
    }
    for note in &mut table.notes {
        note.line = lines.sheet_row(note.line) as usize;
        if let super::model::NoteKind::Joined { row_line, .. } = &mut note.kind {
            *row_line = lines.sheet_row(*row_line) as usize;
        }
    }
    Ok(table)
}

/// The sheet as the text format's lines, blank rows left out.
struct Lines {
    text: String,
    /// The sheet row (from 1) of each line (from 1).
    rows: Vec<u32>,
}

type Refusal = (u32, u16, WorkbookErrorKind);

impl Lines {
    fn read(range: &calamine::Range<Data>, italics: &Italics) -> Result<Self, Refusal> {
        let first_row = range.start().map_or(0, |(row, _)| row);
        let first_column = range.start().map_or(0, |(_, column)| column) as usize;
        let mut lines = Self { text: String::new(), rows: Vec::new() };
        let mut columns = None::<usize>;
        for (index, cells) in range.rows().enumerate() {
            let row = first_row + index as u32 + 1;
            // Columns left of the range are empty.
            let mut texts = vec![String::new(); first_column];
            texts.extend(cells.iter().map(|cell| text_of(cell, italics)));
            while texts.last().is_some_and(String::is_empty) {
                texts.pop();
            }
            if texts.is_empty() {
                continue;
            }
            let line = match columns {
                None if is_header(&texts) => {
                    let with_code = texts.len() > HEADER.len()
                        && CODE_HEADERS.iter().any(|h| same(&texts[HEADER.len()], h));
                    let width =
                        if with_code { HEADER.len() + 1 } else { texts.len().max(HEADER.len()) };
                    columns = Some(width);
                    if with_code {
                        texts[HEADER.len()] = CODE_HEADER.to_owned();
                    }
                    texts.join("\t")
                }
                // Above the header: the title and the unit, one line each.
                None => {
                    texts.iter().filter(|t| !t.is_empty()).cloned().collect::<Vec<_>>().join(" ")
                }
                Some(width) => {
                    if texts.len() > width {
                        let kind = WorkbookErrorKind::BeyondTable { columns: width };
                        return Err((row, (texts.len() - 1) as u16, kind));
                    }
                    texts.resize(width, String::new());
                    texts.join("\t")
                }
            };
            lines.text.push_str(&line);
            lines.text.push('\n');
            lines.rows.push(row);
        }
        Ok(lines)
    }

    fn sheet_row(&self, line: usize) -> u32 {
        let last = self.rows.last().copied().unwrap_or(0);
        line.checked_sub(1).and_then(|at| self.rows.get(at).copied()).unwrap_or(last)
    }
}

fn is_header(texts: &[String]) -> bool {
    texts.len() > 1 && same(&texts[0], "No")
}

/// Headers compare as the text parser compares them: blanks and case aside.
fn same(a: &str, b: &str) -> bool {
    let normal = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    normal(a) == normal(b)
}

/// A cell as the text format writes it: italics as `<i>`, whole numbers
/// without ".0", line breaks and tabs as spaces (a cell is one paragraph).
fn text_of(cell: &Data, italics: &Italics) -> String {
    let text = match cell {
        Data::Empty => return String::new(),
        Data::String(text) => italics.get(text).cloned().unwrap_or_else(|| text.clone()),
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
            format!("{}", *number as i64)
        }
        other => other.to_string(),
    };
    text.replace(['\t', '\r', '\n'], " ")
}

/// The column a table error is about, as the sheet lays it out.
fn column_of(kind: &ParseErrorKind) -> Option<u16> {
    let column = |field| match field {
        Field::No => Some(0),
        Field::Bagian => Some(1),
        Field::Code => Some(7),
        field => Field::CELLS.iter().position(|cell| *cell == field).map(|at| at as u16 + 2),
    };
    match kind {
        ParseErrorKind::HeaderMismatch { column, .. } => Some(*column as u16),
        ParseErrorKind::InvalidNumber { .. } => Some(0),
        ParseErrorKind::RowWithoutBagian | ParseErrorKind::DuplicateBagian { .. } => Some(1),
        ParseErrorKind::DuplicateCode { .. } => Some(7),
        ParseErrorKind::Field(error) => column(error.field),
        _ => None,
    }
}

/// "E" for column 4.
pub fn column_letter(column: u16) -> String {
    let mut letters = Vec::new();
    let mut n = u32::from(column) + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}
