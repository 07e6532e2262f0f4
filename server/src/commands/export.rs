//! `benturan export` and `benturan evidence`: a register's documents written
//! from the command line, as the downloads write them (the same workbook,
//! the same refusals in the user's language).
use app::db::today;
use app::error::AppError;
use app::i18n::{Locale, Strings, cli as text};
use app::register::as_of::api::day_asked;
use app::register::as_of::repo::load_register_on;
use app::register::export::{write_csv, write_text};
use app::register::model::{RegisterKey, RegisterView};
use clap::ValueEnum;
use sea_orm::DatabaseConnection;
use std::path::{Path, PathBuf};

/// The formats of `benturan export`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// RFC 4180 CSV for spreadsheets (emphasis as plain words).
    Csv,
    /// The Biro's text format with a Kode column: imports back unchanged.
    Text,
    /// An Excel workbook in the Biro's layout (needs --out): the official
    /// table, then the assessment and RTP.
    Xlsx,
}

/// Register `key` (as of day `per`, if given) in `format`, to `out` or
/// standard output.
pub async fn export(
    db: &DatabaseConnection,
    key: RegisterKey,
    per: Option<&str>,
    format: Format,
    out: Option<PathBuf>,
    locale: Locale,
) -> Result<(), String> {
    let messages = text::strings(locale);
    if matches!(format, Format::Xlsx) && out.is_none() {
        return Err(messages.xlsx_needs_out.to_owned());
    }
    let register = load(db, key, per, locale).await?;
    let mut bytes = Vec::new();
    let written = match format {
        Format::Csv => write_csv(&register, &mut bytes).map(drop).map_err(|e| e.to_string()),
        Format::Text => write_text(&register, &mut bytes).map(drop).map_err(|e| e.to_string()),
        Format::Xlsx => app::documents::register_workbook(&register, locale.strings())
            .map(|workbook| bytes = workbook)
            .map_err(|e| e.to_string()),
    };
    written?;
    write(out.as_deref(), &bytes)?;
    eprintln!("{}", (messages.exported)(register.row_count()));
    Ok(())
}

/// The evidence pack of quarter `number` of register `key`, to `out`.
pub async fn evidence(
    db: &DatabaseConnection,
    key: RegisterKey,
    number: i32,
    out: &Path,
    locale: Locale,
) -> Result<(), String> {
    let (messages, t) = (text::strings(locale), locale.strings());
    let number = app::evidence::api::quarter_asked(number).map_err(|e| refusal(e, t))?;
    let failed = |error: sea_orm::DbErr| error.to_string();
    let quarter = app::evidence::repo::quarter_of(db, key, number).await.map_err(failed)?;
    let quarter = quarter.ok_or_else(|| messages.no_register.to_owned())?;
    let loaded = app::evidence::repo::load_pack(db, key, number, today()).await.map_err(failed)?;
    let pack = match loaded {
        Some(Ok(pack)) => pack,
        Some(Err(gap)) => return Err(gap.text(t, quarter.last_day())),
        None => return Err(messages.no_register.to_owned()),
    };
    let bytes = app::documents::evidence_workbook(&pack, t).map_err(|e| e.to_string())?;
    write(Some(out), &bytes)?;
    let register = &pack.form.register;
    eprintln!("{}", (messages.evidence_written)(number, register.year, &out.display().to_string()));
    Ok(())
}

/// Register `key`, as of day `per` if given; or why there is none.
async fn load(
    db: &DatabaseConnection,
    key: RegisterKey,
    per: Option<&str>,
    locale: Locale,
) -> Result<RegisterView, String> {
    let (messages, t) = (text::strings(locale), locale.strings());
    let day = per.map(day_asked).transpose().map_err(|error| refusal(error, t))?;
    let today = today();
    match load_register_on(db, key, day, today).await.map_err(|e| e.to_string())? {
        Some(Ok(register)) => Ok(register),
        Some(Err(gap)) => Err(gap.text(t, day.unwrap_or(today))),
        None => Err(messages.no_register.to_owned()),
    }
}

/// A refused option in the user's words: the field and its limit.
fn refusal(error: AppError, t: &Strings) -> String {
    match error {
        AppError::Validation(errors) => t.field_errors(&errors),
        error => error.to_string(),
    }
}

fn write(out: Option<&Path>, bytes: &[u8]) -> Result<(), String> {
    match out {
        Some(path) => std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display())),
        None => std::io::Write::write_all(&mut std::io::stdout().lock(), bytes)
            .map_err(|e| e.to_string()),
    }
}
