//! The quarter's evidence pack as one workbook: a summary, the official
//! table and the assessment as of the quarter's last day, the quarter's
//! realisation per RTP, the changes made during it and its review notes.
use super::layout::{Formats, HEADER_ROW, print_setup, row_height, sheet_name};
use super::xlsx::{write_official, write_rich};
use crate::evidence::EvidencePack;
use crate::evidence::lines::{change_lines, note_lines, summary};
use crate::i18n::Strings;
use crate::register::model::Field;
use rust_xlsxwriter::{ExcelDateTime, Workbook, Worksheet, XlsxError};

/// The pack's workbook, labelled in `t`'s language.
pub fn evidence_workbook(pack: &EvidencePack, t: &Strings) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new();
    let register = &pack.form.register;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name(sheet_name(t.evidence.sheet_summary))?;
    write_summary(sheet, pack, t, &formats)?;
    let sheet = workbook.add_worksheet().set_name(sheet_name(t.sheet_official))?;
    write_official(sheet, register, t, &formats)?;
    let sheet = workbook.add_worksheet().set_name(sheet_name(t.sheet_assessment))?;
    super::xlsx_assessment::write(sheet, register, t, &formats)?;
    let sheet = workbook.add_worksheet().set_name(sheet_name(t.evidence.sheet_realisation))?;
    write_realisation(sheet, pack, t, &formats)?;
    let sheet = workbook.add_worksheet().set_name(sheet_name(t.evidence.sheet_changes))?;
    write_changes(sheet, pack, t, &formats)?;
    let sheet = workbook.add_worksheet().set_name(sheet_name(t.evidence.sheet_notes))?;
    write_notes(sheet, pack, t, &formats)?;
    workbook.save_to_buffer()
}

/// The pack's title over a sheet: "Paket Bukti Triwulan III 2026 · Perubahan".
fn heading(
    sheet: &mut Worksheet,
    pack: &EvidencePack,
    t: &Strings,
    name: &str,
    last: u16,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let quarter = t.quarter_names[usize::from(pack.quarter.number - 1)];
    let title = (t.evidence.title)(quarter, pack.quarter.year);
    sheet.merge_range(0, 0, 0, last, &format!("{title} \u{b7} {name}"), &formats.title)?;
    let register = &pack.form.register;
    sheet.merge_range(1, 0, 1, last, &register.unit_line(), &formats.subtitle)?;
    let long = |day| t.print.long_date(day);
    let period =
        (t.evidence.period)(&long(pack.quarter.first_day()), &long(pack.quarter.last_day()));
    sheet.merge_range(2, 0, 2, last, &period, &formats.subtitle)?;
    sheet.set_row_height(0, 22)?;
    Ok(())
}

/// A table of text under the heading: its headers and widths, its rows
/// (or, with none, a line saying so).
fn write_table(
    sheet: &mut Worksheet,
    columns: &[(&str, f64)],
    rows: Vec<Vec<String>>,
    empty: &str,
    t: &Strings,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let last = columns.len() as u16 - 1;
    for (index, (header, width)) in columns.iter().enumerate() {
        sheet.set_column_width(index as u16, *width)?;
        sheet.write_string_with_format(HEADER_ROW, index as u16, *header, &formats.header)?;
    }
    sheet.set_row_height(HEADER_ROW, 30)?;
    let mut row = HEADER_ROW + 1;
    if rows.is_empty() {
        sheet.merge_range(row, 0, row, last, empty, &formats.cell)?;
        row += 1;
    }
    for cells in rows {
        let mut lengths = Vec::new();
        for (index, text) in cells.iter().enumerate() {
            let column = index as u16;
            if text.is_empty() {
                sheet.write_blank(row, column, &formats.cell)?;
            } else {
                sheet.write_string_with_format(row, column, text, &formats.cell)?;
            }
            lengths.push((text.chars().count(), columns[index].1));
        }
        sheet.set_row_height(row, row_height(lengths))?;
        row += 1;
    }
    print_setup(sheet, row - 1, last, t)
}

fn write_summary(
    sheet: &mut Worksheet,
    pack: &EvidencePack,
    t: &Strings,
    formats: &Formats,
) -> Result<(), XlsxError> {
    heading(sheet, pack, t, t.evidence.sheet_summary, 1, formats)?;
    sheet.set_column_width(0, 40)?;
    sheet.set_column_width(1, 70)?;
    for (index, (label, value)) in summary(pack, t).into_iter().enumerate() {
        let row = HEADER_ROW + index as u32;
        sheet.write_string_with_format(row, 0, &label, &formats.header)?;
        sheet.write_string_with_format(row, 1, &value, &formats.cell)?;
        sheet.set_row_height(row, row_height([(value.chars().count(), 70.0)]))?;
    }
    Ok(())
}

/// Each row's RTP and what was done on it in the quarter.
fn write_realisation(
    sheet: &mut Worksheet,
    pack: &EvidencePack,
    t: &Strings,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let index = usize::from(pack.quarter.number - 1);
    let quarter = t.quarter_short[index];
    let named = |field| t.field_name(field);
    let headers = [
        (t.evidence.code, 10.0),
        (named(Field::Bagian), 18.0),
        (t.evidence.rtp, 34.0),
        (named(Field::Owner), 18.0),
        (named(Field::TargetDate), 12.0),
        (named(Field::RtpStatus), 12.0),
        (named(Field::RealisationProgress), 10.0),
        (named(Field::RealisationDone), 30.0),
        (named(Field::RealisationEvidence), 26.0),
    ];
    let last = headers.len() as u16 - 1;
    heading(sheet, pack, t, &format!("{} {quarter}", t.evidence.sheet_realisation), last, formats)?;
    for (column, (header, width)) in headers.iter().enumerate() {
        sheet.set_column_width(column as u16, *width)?;
        sheet.write_string_with_format(HEADER_ROW, column as u16, *header, &formats.header)?;
    }
    sheet.set_row_height(HEADER_ROW, 30)?;
    let mut row = HEADER_ROW + 1;
    for (bagian, risk) in pack.rows() {
        let a = &risk.assessment;
        let realisation = &a.realisation[index];
        sheet.write_string_with_format(row, 0, &risk.code, &formats.cell)?;
        sheet.write_string_with_format(row, 1, bagian, &formats.cell)?;
        write_rich(sheet, row, 2, &risk.rencana, formats)?;
        sheet.write_string_with_format(row, 3, &a.owner, &formats.cell)?;
        match a.target_date.and_then(|d| ExcelDateTime::parse_from_str(&d.to_string()).ok()) {
            Some(date) => sheet.write_datetime_with_format(row, 4, &date, &formats.date)?,
            None => sheet.write_blank(row, 4, &formats.cell)?,
        };
        let status = a.status.map(|s| t.rtp_status_name(s)).unwrap_or_default();
        sheet.write_string_with_format(row, 5, status, &formats.cell)?;
        match realisation.progress {
            0 => sheet.write_blank(row, 6, &formats.cell)?,
            progress => {
                sheet.write_number_with_format(row, 6, f64::from(progress), &formats.centered)?
            }
        };
        sheet.write_string_with_format(row, 7, &realisation.done, &formats.cell)?;
        sheet.write_string_with_format(row, 8, &realisation.evidence, &formats.cell)?;
        let texts = [
            (risk.rencana.visible_len(), 34.0),
            (realisation.done.chars().count(), 30.0),
            (realisation.evidence.chars().count(), 26.0),
        ];
        sheet.set_row_height(row, row_height(texts))?;
        row += 1;
    }
    print_setup(sheet, row.max(HEADER_ROW + 1) - 1, last, t)
}

fn write_changes(
    sheet: &mut Worksheet,
    pack: &EvidencePack,
    t: &Strings,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let e = t.evidence;
    let columns = [
        (e.when, 20.0),
        (e.who, 20.0),
        (e.code, 10.0),
        (e.action, 16.0),
        (e.column, 18.0),
        (e.old, 40.0),
        (e.new, 40.0),
    ];
    heading(sheet, pack, t, e.sheet_changes, columns.len() as u16 - 1, formats)?;
    let rows = change_lines(pack, t)
        .into_iter()
        .map(|line| {
            let action = line.action.to_owned();
            vec![line.when, line.who, line.code, action, line.column, line.old, line.new]
        })
        .collect();
    write_table(sheet, &columns, rows, e.no_changes, t, formats)
}

fn write_notes(
    sheet: &mut Worksheet,
    pack: &EvidencePack,
    t: &Strings,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let e = t.evidence;
    let columns =
        [(e.code, 10.0), (e.written, 20.0), (e.who, 20.0), (e.note, 60.0), (e.state_at_end, 34.0)];
    heading(sheet, pack, t, e.sheet_notes, columns.len() as u16 - 1, formats)?;
    let rows = note_lines(pack, t)
        .into_iter()
        .map(|line| vec![line.code, line.written, line.who, line.body, line.state])
        .collect();
    write_table(sheet, &columns, rows, e.no_notes, t, formats)
}
