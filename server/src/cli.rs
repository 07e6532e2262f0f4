//! The `benturan` command line: serve (the default), migrate, import, export.
use crate::startup::{self, current_year, redact};
use app::i18n::{Locale, cli as text};
use app::import::{import_table, parse::parse_bytes};
use app::register::{export::write_csv, repo::load_register};
use app::state::AppState;
use clap::{Parser, Subcommand, ValueEnum};
use migrations::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(name = "benturan", version, about = "Pemetaan Potensi Benturan Kepentingan")]
pub struct Cli {
    /// Database: a SQLite file (created if missing) or postgres://…
    #[arg(long, env = "DATABASE_URL", default_value = app::db::DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,
    /// Language of the messages: id or en.
    #[arg(long, env = "BENTURAN_LANG", default_value = "id", global = true)]
    pub lang: String,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app (what runs with no subcommand).
    Serve {
        /// Do not load the Biro's table into an empty database.
        #[arg(long)]
        no_seed: bool,
    },
    /// Run pending database migrations, then stop.
    Migrate,
    /// Import a table in the text format of the Biro's extraction.
    Import {
        file: PathBuf,
        /// Period of the register; the current year if not given.
        #[arg(long)]
        year: Option<i32>,
    },
    /// Write a register to stdout.
    Export {
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Period of the register; the latest if not given.
        #[arg(long)]
        year: Option<i32>,
    },
    /// Create a synthetic register of ROWS rows (for benchmarks and trials).
    Generate {
        #[arg(long)]
        rows: usize,
        #[arg(long)]
        year: Option<i32>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Csv,
}

pub async fn run(cli: Cli) -> ExitCode {
    let locale = Locale::from_tag(&cli.lang).unwrap_or_default();
    let messages = text::strings(locale);
    let database = redact(&cli.database_url);
    let db = match app::db::connect(&cli.database_url).await {
        Ok(db) => db,
        Err(error) => {
            eprintln!("{}", (messages.database_unreachable)(&database, &error.to_string()));
            return ExitCode::FAILURE;
        }
    };
    let command = cli.command.unwrap_or(Command::Serve { no_seed: false });
    if let Command::Serve { no_seed } = command {
        return serve(db, database, !no_seed, locale).await;
    }
    if let Err(error) = Migrator::up(&db, None).await {
        eprintln!("{}", (messages.database_unreachable)(&database, &error.to_string()));
        return ExitCode::FAILURE;
    }
    let outcome = match command {
        Command::Serve { .. } => Ok(()),
        Command::Migrate => {
            eprintln!("{}", messages.migrated);
            Ok(())
        }
        Command::Import { file, year } => import(&db, &file, year, locale).await,
        Command::Export { format: Format::Csv, year } => export(&db, year, locale).await,
        Command::Generate { rows, year } => {
            let report =
                app::import::generate::generate_register(&db, rows, year.unwrap_or(current_year()))
                    .await;
            report
                .map(|report| eprintln!("{}", text::import_summary(locale, &report)))
                .map_err(|e| e.to_string())
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(db: DatabaseConnection, database: String, seed: bool, locale: Locale) -> ExitCode {
    let options = crate::leptos_options();
    let address = options.site_addr;
    let state = AppState::new(options, db);
    startup::spawn_preparation(state.clone(), database, seed);
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::error!(%address, %error, "cannot listen");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!("{}", (text::strings(locale).listening)(&address.to_string()));
    let served = axum::serve(listener, crate::router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "server stopped");
            ExitCode::FAILURE
        }
    }
}

async fn import(
    db: &DatabaseConnection,
    file: &std::path::Path,
    year: Option<i32>,
    locale: Locale,
) -> Result<(), String> {
    let messages = text::strings(locale);
    let path = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| (messages.cannot_read)(&path, &e.to_string()))?;
    let table = parse_bytes(&bytes).map_err(|error| {
        format!(
            "{} {path}: {}\n{}",
            messages.refused,
            text::parse_error(locale, &error),
            messages.nothing_changed
        )
    })?;
    let report = import_table(db, &table, year.unwrap_or(current_year()))
        .await
        .map_err(|error| format!("{error}\n{}", messages.nothing_changed))?;
    println!("{}", text::import_summary(locale, &report));
    if !report.notes.is_empty() {
        println!("{}", messages.notes_heading);
        for note in &report.notes {
            println!("  {}", text::note(locale, note));
        }
    }
    Ok(())
}

async fn export(db: &DatabaseConnection, year: Option<i32>, locale: Locale) -> Result<(), String> {
    let messages = text::strings(locale);
    let register = load_register(db, year).await.map_err(|e| e.to_string())?;
    let register = register.ok_or_else(|| messages.no_register.to_owned())?;
    let rows = write_csv(&register, std::io::stdout().lock()).map_err(|e| e.to_string())?;
    eprintln!("{}", (messages.exported)(rows));
    Ok(())
}
