//! `benturan import FILE`: a table in the Biro's text format or an XLSX
//! workbook becomes the register, with a report of what changed.
use crate::startup::current_year;
use app::i18n::{Locale, cli as text};
use app::import::{ImportOptions, messages, parse::parse_bytes};
use sea_orm::DatabaseConnection;

pub async fn import(
    db: &DatabaseConnection,
    file: &std::path::Path,
    year: Option<i32>,
    dry_run: bool,
    locale: Locale,
) -> Result<(), String> {
    let messages = text::strings(locale);
    let path = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| (messages.cannot_read)(&path, &e.to_string()))?;
    // An XLSX workbook is a zip package; anything else is read as text.
    let read = if bytes.starts_with(b"PK\x03\x04") {
        app::import::parse_workbook(&bytes)
            .map_err(|error| messages::workbook_error(locale, &error))
    } else {
        parse_bytes(&bytes).map_err(|error| messages::parse_error(locale, &error))
    };
    let table = read.map_err(|error| {
        format!("{} {path}: {error}\n{}", messages.refused, messages.nothing_changed)
    })?;
    let options = ImportOptions { year: year.unwrap_or(current_year()), dry_run };
    // Drawn only on a terminal (standard error), and only for a big file.
    let bar = indicatif::ProgressBar::new(table.row_count() as u64);
    if table.row_count() < 2_000 {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let progress = |done: usize| bar.set_position(done as u64);
    let imported = app::import::import_table_reporting(db, &table, options, &progress).await;
    bar.finish_and_clear();
    let report = imported
        .map_err(|error| format!("{}\n{}", error.message(locale), messages.nothing_changed))?;
    println!("{}", messages::import_summary(locale, &report));
    println!("{}", messages.rows_heading);
    for line in messages::import_rows(locale, &report) {
        println!("  {line}");
    }
    if !report.notes.is_empty() {
        println!("{}", messages.notes_heading);
        for note in &report.notes {
            println!("  {}", messages::note(locale, note));
        }
    }
    Ok(())
}
