//! Why a workbook was refused, naming sheet, row and column, in both languages.
use super::Locale;
use super::cli::parse_problem;
use crate::import::xlsx::{WorkbookError, WorkbookErrorKind, column_letter};

pub fn workbook_error(locale: Locale, error: &WorkbookError) -> String {
    let problem = match &error.kind {
        WorkbookErrorKind::NotAWorkbook => match locale {
            Locale::Id => "berkas bukan buku kerja Excel (.xlsx) yang dapat dibaca".to_owned(),
            Locale::En => "the file is not an Excel workbook (.xlsx) that can be read".to_owned(),
        },
        WorkbookErrorKind::BeyondTable { columns } => {
            let last = column_letter(*columns as u16 - 1);
            match locale {
                Locale::Id => format!("sel di kanan tabel terisi (tabel berakhir di kolom {last})"),
                Locale::En => {
                    format!("a cell right of the table is filled (the table ends at column {last})")
                }
            }
        }
        WorkbookErrorKind::Table(kind) => parse_problem(locale, kind),
    };
    if error.sheet.is_empty() {
        return problem;
    }
    let (sheet, row) = (&error.sheet, error.row);
    match (locale, error.column.map(column_letter)) {
        (Locale::Id, Some(column)) => {
            format!("lembar \"{sheet}\", baris {row}, kolom {column}: {problem}")
        }
        (Locale::Id, None) => format!("lembar \"{sheet}\", baris {row}: {problem}"),
        (Locale::En, Some(column)) => {
            format!("sheet \"{sheet}\", row {row}, column {column}: {problem}")
        }
        (Locale::En, None) => format!("sheet \"{sheet}\", row {row}: {problem}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ParseErrorKind;
    use crate::register::model::{Field, FieldError, FieldProblem};

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
