//! The register as an Excel workbook: sheet 1 the official table as the
//! Biro lays it out (heading, the seven columns, each Bagian's No and name
//! merged over its rows, italics kept, A4 landscape with the header on every
//! page), sheet 2 the assessment and RTP. A trailing Kode column on both,
//! outside the print area, lets the file import back by row identity.
use super::layout::{Formats, HEADER_ROW, print_setup, row_height, sheet_name};
use crate::i18n::Strings;
use crate::register::model::{OFFICIAL_COLUMNS, RegisterView, RichText};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

pub const XLSX_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Columns: No, Bagian, the five texts, and the code.
const WIDTHS: [f64; 8] = [5.0, 20.0, 26.0, 30.0, 28.0, 28.0, 34.0, 10.0];
pub(super) const CODE_COLUMN: u16 = 7;
/// The workbook's defined names that say which register, at which version,
/// it was exported from.
pub const STAMP_REGISTER: &str = "Benturan_Register";
pub const STAMP_VERSION: &str = "Benturan_Versi";

/// The workbook's bytes, labelled in `t`'s language (the official
/// columns keep the form's own Indonesian headers).
pub fn register_workbook(register: &RegisterView, t: &Strings) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let official = workbook.add_worksheet();
    official.set_name(sheet_name(t.sheet_official))?;
    write_official(official, register, t, &formats)?;
    let assessment = workbook.add_worksheet();
    assessment.set_name(sheet_name(t.sheet_assessment))?;
    super::xlsx_assessment::write(assessment, register, t, &formats)?;
    // Which register and version the file shows: an import of it tells
    // the rows colleagues changed since from those the file changes.
    workbook.define_name(STAMP_REGISTER, &format!("={}", register.id))?;
    workbook.define_name(STAMP_VERSION, &format!("={}", register.version))?;
    workbook.save_to_buffer()
}

pub(super) fn write_official(
    sheet: &mut Worksheet,
    register: &RegisterView,
    t: &Strings,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let last = CODE_COLUMN - 1;
    sheet.merge_range(0, 0, 0, last, &register.title, &formats.title)?;
    sheet.merge_range(1, 0, 1, last, &register.unit_line(), &formats.subtitle)?;
    let mut period = format!(
        "{} {} · {}: {}",
        t.period,
        register.year,
        t.status,
        t.status_name(register.status)
    );
    if let Some(as_of) = register.as_of {
        let day = t.print.long_date(as_of.date);
        period.push_str(&format!(" · {}", (t.as_of.document_line)(&day)));
    }
    sheet.merge_range(2, 0, 2, last, &period, &formats.subtitle)?;
    sheet.set_row_height(0, 22)?;
    for (column, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(column as u16, *width)?;
    }
    for (column, name) in OFFICIAL_COLUMNS.iter().chain([&t.code_column]).enumerate() {
        sheet.write_string_with_format(HEADER_ROW, column as u16, *name, &formats.header)?;
    }
    sheet.set_row_height(HEADER_ROW, 30)?;
    let mut row = HEADER_ROW + 1;
    for section in register.sections.iter().filter(|section| !section.rows.is_empty()) {
        let first = row;
        for risk in &section.rows {
            for (offset, cell) in risk.cells().into_iter().enumerate() {
                write_rich(sheet, row, 2 + offset as u16, cell, formats)?;
            }
            sheet.write_string_with_format(row, CODE_COLUMN, &risk.code, &formats.centered)?;
            let texts = risk.cells().into_iter().enumerate();
            let texts = texts.map(|(offset, cell)| (cell.visible_len(), WIDTHS[2 + offset]));
            // A Bagian of one row holds its whole name in that row.
            let name = (section.rows.len() == 1).then(|| (section.name.chars().count(), WIDTHS[1]));
            sheet.set_row_height(row, row_height(texts.chain(name)))?;
            row += 1;
        }
        let number = section.ordinal.to_string();
        if row - first > 1 {
            sheet.merge_range(first, 0, row - 1, 0, &number, &formats.centered)?;
            sheet.merge_range(first, 1, row - 1, 1, &section.name, &formats.cell)?;
        } else {
            sheet.write_string_with_format(first, 0, &number, &formats.centered)?;
            sheet.write_string_with_format(first, 1, &section.name, &formats.cell)?;
        }
    }
    print_setup(sheet, row.max(HEADER_ROW + 1) - 1, last, t)
}

/// A cell's text, its `<i>` emphasis as italic runs.
pub(super) fn write_rich(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    text: &RichText,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let spans = text.spans();
    if spans.iter().all(|span| !span.emphasis) {
        let plain = text.plain();
        if plain.is_empty() {
            sheet.write_blank(row, column, &formats.cell)?;
        } else {
            sheet.write_string_with_format(row, column, plain, &formats.cell)?;
        }
        return Ok(());
    }
    // Excel refuses empty runs.
    let runs: Vec<(&Format, &str)> = spans
        .iter()
        .filter(|span| !span.text.is_empty())
        .map(|span| (if span.emphasis { &formats.italic } else { &formats.plain }, span.text))
        .collect();
    sheet.write_rich_string_with_format(row, column, &runs, &formats.cell)?;
    Ok(())
}
