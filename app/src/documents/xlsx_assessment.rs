//! Sheet 2 of the workbook: each row's identification, assessment and
//! control action (RTP), with its realisation per quarter; the code first.
use super::layout::{Formats, HEADER_ROW, print_setup, row_height};
use crate::i18n::Strings;
use crate::register::model::{Field, RegisterView, RiskRowView, Score};
use rust_xlsxwriter::{ExcelDateTime, Worksheet, XlsxError};

/// The identification columns after Kode, No and Bagian.
const IDENTIFICATION: [Field; 6] = [
    Field::Aktivitas,
    Field::Source,
    Field::Nature,
    Field::Jabatan,
    Field::ExistingControl,
    Field::ControlBasis,
];
const TRACKING: [Field; 4] =
    [Field::Owner, Field::TargetDate, Field::TargetQuarter, Field::RtpStatus];

/// Each quarter's columns, as written.
const QUARTER: [Field; 3] =
    [Field::RealisationProgress, Field::RealisationDone, Field::RealisationEvidence];

/// One column: its header and width.
struct Column {
    header: String,
    width: f64,
}

fn columns(t: &Strings) -> Vec<Column> {
    let named = |header: &str, width| Column { header: header.to_owned(), width };
    let field = |field, width| named(t.field_name(field), width);
    let mut columns =
        vec![named(t.code_column, 10.0), named("No", 5.0), field(Field::Bagian, 18.0)];
    for f in IDENTIFICATION {
        columns.push(field(f, if f == Field::Aktivitas { 26.0 } else { 18.0 }));
    }
    columns.push(field(Field::InherentLikelihood, 11.0));
    columns.push(field(Field::InherentImpact, 11.0));
    columns.push(named(t.inherent_score, 9.0));
    columns.push(field(Field::InherentLevel, 14.0));
    columns.push(field(Field::ResidualLikelihood, 11.0));
    columns.push(field(Field::ResidualImpact, 11.0));
    columns.push(named(t.residual_score, 9.0));
    columns.push(field(Field::ResidualLevel, 14.0));
    for f in TRACKING {
        columns.push(field(f, if f == Field::Owner { 18.0 } else { 12.0 }));
    }
    columns.push(named(t.overdue, 10.0));
    for quarter in t.quarter_short {
        for f in QUARTER {
            let width = if f == Field::RealisationProgress { 10.0 } else { 22.0 };
            columns.push(named(&format!("{quarter} · {}", t.field_name(f)), width));
        }
    }
    columns
}

pub fn write(
    sheet: &mut Worksheet,
    register: &RegisterView,
    t: &Strings,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let columns = columns(t);
    let last = columns.len() as u16 - 1;
    let title = format!("{} · {}", register.title, t.sheet_assessment);
    sheet.merge_range(0, 0, 0, last.min(12), &title, &formats.title)?;
    let subtitle = format!("{} · {} {}", register.unit_line(), t.period, register.year);
    sheet.merge_range(1, 0, 1, last.min(12), &subtitle, &formats.subtitle)?;
    for (index, column) in columns.iter().enumerate() {
        sheet.set_column_width(index as u16, column.width)?;
        sheet.write_string_with_format(
            HEADER_ROW,
            index as u16,
            &column.header,
            &formats.header,
        )?;
    }
    sheet.set_row_height(HEADER_ROW, 45)?;
    let mut row = HEADER_ROW + 1;
    for section in &register.sections {
        for risk in &section.rows {
            let ordinal = section.ordinal.to_string();
            let lead = [risk.code.as_str(), ordinal.as_str(), section.name.as_str()];
            for (column, text) in lead.into_iter().enumerate() {
                sheet.write_string_with_format(row, column as u16, text, &formats.cell)?;
            }
            let texts = write_assessment(sheet, row, risk, register, t, formats)?;
            let widths = texts.into_iter().map(|(column, chars)| (chars, columns[column].width));
            sheet.set_row_height(row, row_height(widths))?;
            row += 1;
        }
    }
    print_setup(sheet, row.max(HEADER_ROW + 1) - 1, last, t)
}

/// Writes the row's fields from column 3 on; the length of each text
/// written by column, for the row's height.
fn write_assessment(
    sheet: &mut Worksheet,
    row: u32,
    risk: &RiskRowView,
    register: &RegisterView,
    t: &Strings,
    formats: &Formats,
) -> Result<Vec<(usize, usize)>, XlsxError> {
    let a = &risk.assessment;
    let source = a.source.and_then(|id| register.sources.iter().find(|s| s.id == id));
    let mut texts = vec![
        risk.aktivitas.plain(),
        source.map(|s| s.name.clone()).unwrap_or_default(),
        a.nature.map(|n| t.nature_name(n).to_owned()).unwrap_or_default(),
        a.jabatan.clone(),
        a.existing_control.clone(),
        a.control_basis.clone(),
    ];
    let mut column = 3u16;
    let mut lengths = Vec::new();
    for text in texts.drain(..) {
        lengths.push((usize::from(column), text.chars().count()));
        write_text(sheet, row, column, &text, formats)?;
        column += 1;
    }
    for score in [&a.inherent, &a.residual] {
        write_score(sheet, row, column, score, t, formats)?;
        column += 4;
    }
    write_text(sheet, row, column, &a.owner, formats)?;
    lengths.push((usize::from(column), a.owner.chars().count()));
    match a.target_date.and_then(|d| ExcelDateTime::parse_from_str(&d.to_string()).ok()) {
        Some(date) => sheet.write_datetime_with_format(row, column + 1, &date, &formats.date)?,
        None => sheet.write_blank(row, column + 1, &formats.cell)?,
    };
    write_number(sheet, row, column + 2, a.target_quarter, formats)?;
    let status = a.status.map(|s| t.rtp_status_name(s)).unwrap_or_default();
    write_text(sheet, row, column + 3, status, formats)?;
    write_text(sheet, row, column + 4, if a.overdue { t.overdue } else { "" }, formats)?;
    column += 5;
    for realisation in &a.realisation {
        let progress = (realisation.progress > 0).then_some(realisation.progress);
        write_number(sheet, row, column, progress, formats)?;
        for (offset, text) in [&realisation.done, &realisation.evidence].into_iter().enumerate() {
            let at = column + 1 + offset as u16;
            write_text(sheet, row, at, text, formats)?;
            lengths.push((usize::from(at), text.chars().count()));
        }
        column += 3;
    }
    Ok(lengths)
}

/// Likelihood, impact, score and level.
fn write_score(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    score: &Score,
    t: &Strings,
    formats: &Formats,
) -> Result<(), XlsxError> {
    write_number(sheet, row, column, score.likelihood, formats)?;
    write_number(sheet, row, column + 1, score.impact, formats)?;
    write_number(sheet, row, column + 2, score.rating.map(|r| r.score), formats)?;
    let level = score.rating.map(|r| t.level_name(r.level)).unwrap_or_default();
    write_text(sheet, row, column + 3, level, formats)
}

fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    text: &str,
    formats: &Formats,
) -> Result<(), XlsxError> {
    if text.is_empty() {
        sheet.write_blank(row, column, &formats.cell)?;
    } else {
        sheet.write_string_with_format(row, column, text, &formats.cell)?;
    }
    Ok(())
}

fn write_number(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    number: Option<u8>,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match number {
        Some(number) => {
            sheet.write_number_with_format(row, column, f64::from(number), &formats.centered)?
        }
        None => sheet.write_blank(row, column, &formats.cell)?,
    };
    Ok(())
}
