//! Parser for the tab-separated text extracted from the printed table
//! (DOMAIN.md, "Notes on the seed text"). Pure: no database, no I/O.
use super::model::*;
use crate::register::model::{Field, FieldError, RichText, parse_cell, parse_name, parse_title};
use crate::rules::parse_code;

/// Reads raw bytes: the text must be UTF-8.
pub fn parse_bytes(bytes: &[u8]) -> Result<ParsedTable, ParseError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_table(text),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let line = valid.iter().filter(|byte| **byte == b'\n').count() + 1;
            Err(ParseError { line, kind: ParseErrorKind::NotUtf8 })
        }
    }
}

pub fn parse_table(input: &str) -> Result<ParsedTable, ParseError> {
    let mut lines =
        input.lines().enumerate().map(|(index, line)| (index + 1, line.trim_end_matches('\r')));
    let mut notes = Vec::new();

    let mut preamble = Vec::new();
    let (header_line, columns) = loop {
        let Some((number, line)) = lines.next() else {
            let last = input.lines().count().max(1);
            return Err(ParseError { line: last, kind: ParseErrorKind::MissingHeader });
        };
        if line.trim().is_empty() {
            continue;
        }
        if is_header(line) {
            break (number, check_header(number, line)?);
        }
        preamble.push((number, line.trim()));
    };
    let mut preamble = preamble.into_iter();
    let error_at = |kind| ParseError { line: header_line, kind };
    let (title_line, title) = preamble.next().ok_or(error_at(ParseErrorKind::MissingTitle))?;
    let title = parse_title(title).map_err(|e| field_error(title_line, e))?;
    let (unit_line, unit) = preamble.next().ok_or(error_at(ParseErrorKind::MissingTitle))?;
    let unit = split_unit(&parse_name(Field::Unit, unit).map_err(|e| field_error(unit_line, e))?);
    notes.extend(
        preamble
            .map(|(line, text)| Note { line, kind: NoteKind::Ignored { text: text.to_owned() } }),
    );

    let mut builder = Builder { columns, sections: Vec::new(), notes };
    let mut after_blank = false;
    for (number, line) in lines {
        if line.trim().is_empty() {
            after_blank = true;
            continue;
        }
        builder.line(number, line, after_blank)?;
        after_blank = false;
    }
    builder.finish(title, unit, header_line)
}

/// Raw cells while the file is read; validated once every continuation is in.
struct RawRow {
    line: usize,
    code: String,
    cells: [String; 5],
}

struct RawSection {
    line: usize,
    name: String,
    rows: Vec<RawRow>,
}

struct Builder {
    /// 7, or 8 with the Kode column.
    columns: usize,
    sections: Vec<RawSection>,
    notes: Vec<Note>,
}

impl Builder {
    fn line(&mut self, number: usize, line: &str, after_blank: bool) -> Result<(), ParseError> {
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        if fields.len() != self.columns {
            let kind = ParseErrorKind::ColumnCount { found: fields.len(), expected: self.columns };
            return Err(ParseError { line: number, kind });
        }
        let cells = [fields[2], fields[3], fields[4], fields[5], fields[6]];
        let code = fields.get(7).copied().unwrap_or_default();
        if !fields[0].is_empty() || !fields[1].is_empty() {
            return self.open_section(number, fields[0], fields[1], code, cells);
        }
        let Some(section) = self.sections.last_mut() else {
            return Err(ParseError { line: number, kind: ParseErrorKind::RowWithoutBagian });
        };
        let filled = cells.iter().filter(|cell| !cell.is_empty()).count();
        match section.rows.last_mut() {
            // After a page break, a line that fills only some cells continues
            // the row above it; a full line is the next row.
            Some(row) if after_blank && filled < cells.len() => {
                continue_row(row, number, cells, &mut self.notes);
            }
            _ => {
                let (code, cells) = (code.to_owned(), cells.map(str::to_owned));
                section.rows.push(RawRow { line: number, code, cells });
            }
        }
        Ok(())
    }

    fn open_section(
        &mut self,
        line: usize,
        number: &str,
        name: &str,
        code: &str,
        cells: [&str; 5],
    ) -> Result<(), ParseError> {
        let found: u32 = number.parse().map_err(|_| ParseError {
            line,
            kind: ParseErrorKind::InvalidNumber { found: number.to_owned() },
        })?;
        let name = parse_name(Field::Bagian, name).map_err(|e| field_error(line, e))?;
        if let Some(first) = self.sections.iter().find(|s| s.name.eq_ignore_ascii_case(&name)) {
            let kind = ParseErrorKind::DuplicateBagian { name, first_line: first.line };
            return Err(ParseError { line, kind });
        }
        let expected = self.sections.len() as u32 + 1;
        if found != expected {
            self.notes.push(Note { line, kind: NoteKind::Renumbered { found, expected } });
        }
        let row = RawRow { line, code: code.to_owned(), cells: cells.map(str::to_owned) };
        self.sections.push(RawSection { line, name, rows: vec![row] });
        Ok(())
    }

    fn finish(
        mut self,
        title: String,
        unit: UnitPath,
        header_line: usize,
    ) -> Result<ParsedTable, ParseError> {
        if self.sections.is_empty() {
            return Err(ParseError { line: header_line, kind: ParseErrorKind::NoRows });
        }
        let mut sections = Vec::with_capacity(self.sections.len());
        let mut codes: std::collections::HashMap<String, usize> = Default::default();
        for section in self.sections {
            let mut rows = Vec::with_capacity(section.rows.len());
            for row in section.rows {
                let row = check_row(row, &mut self.notes)?;
                if let Some(code) = &row.code {
                    if let Some(&first_line) = codes.get(code) {
                        let kind = ParseErrorKind::DuplicateCode { code: code.clone(), first_line };
                        return Err(ParseError { line: row.line, kind });
                    }
                    codes.insert(code.clone(), row.line);
                }
                rows.push(row);
            }
            sections.push(ParsedSection { line: section.line, name: section.name, rows });
        }
        self.notes.sort_by_key(|note| note.line);
        Ok(ParsedTable { title, unit, sections, notes: self.notes })
    }
}

fn continue_row(row: &mut RawRow, line: usize, fragments: [&str; 5], notes: &mut Vec<Note>) {
    for ((cell, fragment), field) in row.cells.iter_mut().zip(fragments).zip(Field::CELLS) {
        if fragment.is_empty() {
            continue;
        }
        if is_stray_fragment(cell, fragment) {
            let fragment = fragment.to_owned();
            notes.push(Note { line, kind: NoteKind::StrayFragment { field, fragment } });
            continue;
        }
        if !cell.is_empty() {
            cell.push(' ');
        }
        cell.push_str(fragment);
        notes.push(Note { line, kind: NoteKind::Joined { field, row_line: row.line } });
    }
}

/// A single word that the cell's last word already ends with, and shorter than
/// it: the extraction repeated the tail of a word that is complete above.
fn is_stray_fragment(cell: &str, fragment: &str) -> bool {
    let Some(last_word) = cell.split_whitespace().last() else {
        return false;
    };
    !fragment.contains(char::is_whitespace)
        && last_word.len() > fragment.len()
        && last_word.ends_with(fragment)
}

fn check_row(row: RawRow, notes: &mut Vec<Note>) -> Result<ParsedRow, ParseError> {
    let line = row.line;
    let code = match row.code.as_str() {
        "" => None,
        raw => Some(parse_code(raw).map_err(|e| field_error(line, e))?),
    };
    let mut checked: [RichText; 5] = Default::default();
    for ((slot, raw), field) in checked.iter_mut().zip(row.cells).zip(Field::CELLS) {
        let text = parse_cell(field, &raw).map_err(|e| field_error(line, e))?;
        notes.extend(text.foreign_tags().into_iter().map(|tag| Note {
            line,
            kind: NoteKind::ForeignMarkup { field, tag: tag.to_owned() },
        }));
        *slot = text;
    }
    Ok(ParsedRow { line, code, cells: checked })
}

fn field_error(line: usize, error: FieldError) -> ParseError {
    ParseError { line, kind: ParseErrorKind::Field(error) }
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn is_header(line: &str) -> bool {
    line.split('\t').next().is_some_and(|first| normalise(first) == "no") && line.contains('\t')
}

/// Checks the column header; returns the number of columns: the seven of
/// the form, or eight with the Kode column last.
fn check_header(line: usize, text: &str) -> Result<usize, ParseError> {
    let fields: Vec<&str> = text.split('\t').collect();
    let with_code = fields.len() == HEADER.len() + 1;
    if fields.len() != HEADER.len() && !with_code {
        let kind = ParseErrorKind::ColumnCount { found: fields.len(), expected: HEADER.len() };
        return Err(ParseError { line, kind });
    }
    let expected = HEADER.into_iter().chain(with_code.then_some(CODE_HEADER));
    for (column, (found, expected)) in fields.iter().zip(expected).enumerate() {
        if normalise(found) != normalise(expected) {
            let kind = ParseErrorKind::HeaderMismatch { column, found: found.trim().to_owned() };
            return Err(ParseError { line, kind });
        }
    }
    Ok(fields.len())
}

/// Splits "Biro X Setda Provinsi Y" at the instansi's name.
pub fn split_unit(line: &str) -> UnitPath {
    const INSTANSI_STARTS: [&str; 2] = [" Setda ", " Sekretariat Daerah "];
    for marker in INSTANSI_STARTS {
        if let Some(at) = line.find(marker) {
            return UnitPath {
                biro: line[..at].trim().to_owned(),
                instansi: Some(line[at..].trim().to_owned()),
            };
        }
    }
    UnitPath { biro: line.trim().to_owned(), instansi: None }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
