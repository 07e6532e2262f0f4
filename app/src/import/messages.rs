//! What the importer reports, in the user's language: why a file or a
//! workbook was refused (naming line, or sheet, row and column), what was
//! dropped or odd in it, and what an import did.
use super::xlsx::column_letter;
use super::{
    HEADER, ImportReport, MatchKind, Note, NoteKind, ParseError, ParseErrorKind, WorkbookError,
    WorkbookErrorKind, model::CODE_HEADER,
};
use crate::i18n::{Locale, cli};

/// Why a file was refused, naming its line.
pub fn parse_error(locale: Locale, error: &ParseError) -> String {
    (cli::strings(locale).at_line)(error.line, &parse_problem(locale, &error.kind))
}

/// What is wrong with a table, wherever it was read from.
pub fn parse_problem(locale: Locale, kind: &ParseErrorKind) -> String {
    let t = cli::strings(locale).table;
    match kind {
        ParseErrorKind::NotUtf8 => t.not_utf8.to_owned(),
        ParseErrorKind::MissingTitle => t.missing_title.to_owned(),
        ParseErrorKind::MissingHeader => (t.missing_header)(&HEADER[..2].join(", ")),
        ParseErrorKind::HeaderMismatch { column, found } => {
            let expected = HEADER.get(*column).copied().unwrap_or(CODE_HEADER);
            (t.header_mismatch)(column + 1, found, expected)
        }
        ParseErrorKind::ColumnCount { found, expected } => (t.column_count)(*found, *expected),
        ParseErrorKind::InvalidNumber { found } => (t.invalid_number)(found),
        ParseErrorKind::RowWithoutBagian => t.row_without_bagian.to_owned(),
        ParseErrorKind::DuplicateBagian { name, first_line } => {
            (t.duplicate_bagian)(name, *first_line)
        }
        ParseErrorKind::DuplicateCode { code, first_line } => (t.duplicate_code)(code, *first_line),
        ParseErrorKind::Field(field_error) => locale.strings().field_error(*field_error),
        ParseErrorKind::NoRows => t.no_rows.to_owned(),
    }
}

/// Why a workbook was refused, naming sheet, row and column.
pub fn workbook_error(locale: Locale, error: &WorkbookError) -> String {
    let t = cli::strings(locale).table;
    let problem = match &error.kind {
        WorkbookErrorKind::NotAWorkbook => t.not_a_workbook.to_owned(),
        WorkbookErrorKind::BeyondTable { columns } => {
            (t.beyond_table)(&column_letter(*columns as u16 - 1))
        }
        WorkbookErrorKind::Table(kind) => parse_problem(locale, kind),
    };
    if error.sheet.is_empty() {
        return problem;
    }
    let column = error.column.map(column_letter);
    (t.at_cell)(&error.sheet, error.row, column.as_deref(), &problem)
}

/// Something dropped or odd in an imported file.
pub fn note(locale: Locale, note: &Note) -> String {
    let strings = cli::strings(locale);
    let t = strings.table;
    let name = |field| locale.strings().field_name(field);
    let message = match &note.kind {
        NoteKind::Joined { field, row_line } => (t.joined)(name(*field), *row_line),
        NoteKind::StrayFragment { field, fragment } => (t.stray_fragment)(fragment, name(*field)),
        NoteKind::ForeignMarkup { field, tag } => (t.foreign_markup)(tag, name(*field)),
        NoteKind::Renumbered { found, expected } => (t.renumbered)(*found, *expected),
        NoteKind::Ignored { text } => (t.ignored)(text),
    };
    (strings.at_line)(note.line, &message)
}

/// The summary printed after an import: what changed, how each row of the
/// file was matched, and what was deleted.
pub fn import_summary(locale: Locale, report: &ImportReport) -> String {
    let t = cli::strings(locale).import;
    let rows = [
        report.rows_created,
        report.rows_updated,
        report.rows_unchanged,
        report.rows_deleted.len(),
        report.rows_restored,
    ];
    let mut lines = vec![
        (t.heading)(report.dry_run, report.year, report.register_id, report.register_created),
        (t.bagian)(report.bagian_created(), report.bagian_existing),
        (t.rows)(rows),
        (t.matched)(MatchKind::ALL.map(|kind| report.matched(kind))),
    ];
    lines.extend(report.bagian_renamed.iter().map(|(old, new)| (t.renamed)(old, new)));
    lines.extend(report.rows_deleted.iter().map(|(code, activity)| (t.deleted)(code, activity)));
    if !report.units_created.is_empty() {
        lines.push((t.units_created)(&report.units_created.join(", ")));
    }
    if report.dry_run {
        lines.push(t.dry_run.to_owned());
    }
    lines.join("\n")
}

/// One line per row of the file: which stored row it became, and how it
/// was found.
pub fn import_rows(locale: Locale, report: &ImportReport) -> Vec<String> {
    let strings = cli::strings(locale);
    let line = |row: &super::RowOutcome| {
        (strings.at_line)(row.line, &format!("{} {}", row.code, row.kind.label(strings.import)))
    };
    report.rows.iter().map(line).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::parse_table;
    use crate::rules::{Field, FieldError, FieldProblem};

    #[test]
    fn errors_name_the_line_in_both_languages() {
        let error = parse_table("Judul\nBiro\nNo\tUnit\n").unwrap_err();
        assert_eq!(parse_error(Locale::Id, &error), "baris 3: ada 2 kolom, seharusnya 7");
        assert_eq!(parse_error(Locale::En, &error), "line 3: 2 columns found, expected 7");
    }

    #[test]
    fn the_seed_stray_fragment_is_explained() {
        let table = parse_table(crate::import::SEED_TABLE).unwrap();
        let notes: Vec<String> = table.notes.iter().map(|n| note(Locale::Id, n)).collect();
        assert!(notes.contains(
            &"baris 12: potongan \"t\" di kolom Dampak Negatif dibuang (kata di atasnya sudah lengkap)".to_owned()
        ));
    }

    #[test]
    fn refusals_name_sheet_row_column_and_limit() {
        let error = WorkbookError {
            sheet: "Tabel Pemetaan".into(),
            row: 8,
            column: Some(4),
            kind: WorkbookErrorKind::Table(ParseErrorKind::Field(FieldError::new(
                Field::Penyebab,
                FieldProblem::TooLong { limit: 4_000 },
            ))),
        };
        let id = workbook_error(Locale::Id, &error);
        assert!(
            id.starts_with("lembar \"Tabel Pemetaan\", baris 8, kolom E: Penyebab Utama"),
            "{id}"
        );
        assert!(id.contains("4.000"), "{id}");
        let en = workbook_error(Locale::En, &error);
        assert!(en.starts_with("sheet \"Tabel Pemetaan\", row 8, column E:"), "{en}");
        assert!(en.contains("4,000"), "{en}");
    }
}
