//! A synthetic register of any size, made from the seed's rows, for
//! benchmarks and for trying the app on a large table.
use super::model::{ParsedSection, ParsedTable};
use super::parse::parse_table;
use super::{ImportOptions, ImportReport, SEED_TABLE, import_table};
use crate::register::model::RichText;
use crate::register::write::WriteError;
use sea_orm::DatabaseConnection;

/// Rows per generated Bagian, about what a busy section holds.
const ROWS_PER_BAGIAN: usize = 25;

/// A table of `rows` rows spread over Bagian of [`ROWS_PER_BAGIAN`] rows,
/// cycling through the seed's rows with a running number in each activity.
pub fn generated_table(rows: usize) -> ParsedTable {
    let seed = parse_table(SEED_TABLE)
        .unwrap_or_else(|error| unreachable!("the embedded seed table parses (tested): {error:?}"));
    let templates: Vec<_> = seed.sections.iter().flat_map(|s| s.rows.iter()).collect();
    let mut sections: Vec<ParsedSection> = Vec::new();
    for index in 0..rows {
        if index % ROWS_PER_BAGIAN == 0 {
            let name = format!("Bagian Uji {:03}", sections.len() + 1);
            sections.push(ParsedSection { line: 0, name, rows: Vec::new() });
        }
        let mut row = templates[index % templates.len()].clone();
        row.cells[0] = RichText::new(format!("{} #{}", row.cells[0].markup(), index + 1));
        if let Some(section) = sections.last_mut() {
            section.rows.push(row);
        }
    }
    ParsedTable { sections, notes: Vec::new(), ..seed }
}

/// Stores a generated register of `rows` rows for `year`.
pub async fn generate_register(
    db: &DatabaseConnection,
    rows: usize,
    year: i32,
) -> Result<ImportReport, WriteError> {
    import_table(db, &generated_table(rows), ImportOptions { year, dry_run: false }).await
}
