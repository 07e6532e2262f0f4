//! The `benturan` command line: serve (the default), migrate, import,
//! export, evidence, user, generate.
use crate::client::TrustedProxies;
use crate::commands::export::Format;
use crate::commands::user::UserCommand;
use crate::security::PublicOrigin;
use crate::startup::{self, current_year, redact};
use app::i18n::{Locale, cli as text};
use app::register::model::RegisterKey;
use app::state::AppState;
use clap::{Parser, Subcommand};
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
        /// Load the Biro's table when the database holds no register yet.
        #[arg(long)]
        seed_if_empty: bool,
        /// The address browsers reach the app at (behind a reverse proxy),
        /// e.g. https://benturan.example.go.id; writes from any other origin are refused.
        #[arg(long, env = "BENTURAN_PUBLIC_URL")]
        public_url: Option<String>,
        /// The reverse proxies whose X-Forwarded-For is believed (addresses
        /// or networks, comma-separated, e.g. 127.0.0.1,10.0.0.0/8); none by default.
        #[arg(long, env = "BENTURAN_TRUSTED_PROXIES")]
        trusted_proxies: Option<String>,
    },
    /// Run pending database migrations, then stop.
    Migrate,
    /// Import a table, in the text format of the Biro's extraction or as an
    /// XLSX workbook (its first sheet): the register then holds exactly the
    /// file's rows.
    Import {
        file: PathBuf,
        /// Period of the register; the current year if not given.
        #[arg(long)]
        year: Option<i32>,
        /// Print what would change, and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write a register to stdout, or to --out.
    Export {
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Unit (id) whose register to write; the first unit if not given.
        #[arg(long)]
        unit: Option<i32>,
        /// Period of the register; the latest if not given.
        #[arg(long)]
        year: Option<i32>,
        /// The register as it stood at the end of this day (YYYY-MM-DD,
        /// WITA), rebuilt from the change history; today's if not given.
        #[arg(long)]
        per: Option<String>,
        /// Where to write it (an XLSX workbook needs one); standard output if not given.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Write a quarter's evidence pack (an XLSX workbook) to --out: the
    /// register as of the quarter's last day, its realisation per RTP, the
    /// changes made and the review notes open during it.
    Evidence {
        /// The quarter: 1 to 4.
        #[arg(long)]
        quarter: i32,
        /// Unit (id) whose register; the first unit if not given.
        #[arg(long)]
        unit: Option<i32>,
        /// Period of the register; the latest if not given.
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Manage the accounts (scripts give passwords with --password-stdin).
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Write every table to FILE (JSON lines) from one snapshot, while the
    /// server goes on; restores into SQLite or PostgreSQL.
    Backup { file: std::path::PathBuf },
    /// Restore a backup into this database (migrated first); refused when
    /// it holds data, unless --replace.
    Restore {
        file: std::path::PathBuf,
        /// Delete what the database holds first.
        #[arg(long)]
        replace: bool,
    },
    /// Send today's reminder digests now, through the SMTP server of
    /// BENTURAN_SMTP_HOST (each user once a day: a second run sends none).
    Remind {
        /// Where the messages' links lead, e.g. https://benturan.example.go.id.
        #[arg(long, env = "BENTURAN_PUBLIC_URL")]
        public_url: Option<String>,
    },
    /// Create a synthetic register of ROWS rows (for benchmarks and trials);
    /// with --assessed its rows are rated and their control actions tracked.
    Generate {
        #[arg(long)]
        rows: usize,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        assessed: bool,
    },
}

pub async fn run(cli: Cli) -> ExitCode {
    let locale = Locale::from_tag(&cli.lang).unwrap_or_default();
    let messages = text::strings(locale);
    let database = redact(&cli.database_url);
    let db = match app::db::connect(&cli.database_url).await {
        Ok(db) => db,
        Err(error) => {
            // The driver's message quotes the URL, password and all.
            let error = error.to_string().replace(&cli.database_url, &database);
            eprintln!("{}", (messages.database_invalid)(&database, error.trim_end_matches('.')));
            return ExitCode::FAILURE;
        }
    };
    let command = cli.command.unwrap_or(Command::Serve {
        seed_if_empty: false,
        public_url: None,
        trusted_proxies: None,
    });
    if let Command::Serve { seed_if_empty, public_url, trusted_proxies } = command {
        let mail = crate::reminders::settings_from_env(public_url.as_deref());
        let edge = edge(public_url.as_deref(), trusted_proxies.as_deref());
        return match edge.and_then(|edge| Ok((edge, mail?))) {
            Ok((edge, mail)) => {
                app::reminders::mail::configure(mail);
                serve(db, database, seed_if_empty, edge, locale).await
            }
            Err(error) => {
                eprintln!("{error}");
                ExitCode::FAILURE
            }
        };
    }
    // Migrated as a starting server does (on PostgreSQL under the startup
    // lock): a command run while an instance starts never migrates beside it.
    if let Err(error) = crate::startup::prepare(&db, false).await {
        eprintln!("{}", (messages.database_unreachable)(&database, &error.to_string()));
        return ExitCode::FAILURE;
    }
    match one_off(&db, command, locale).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The server's place behind its proxy, as the settings give it.
fn edge(public_url: Option<&str>, trusted_proxies: Option<&str>) -> Result<crate::Edge, String> {
    let public =
        PublicOrigin::parse(public_url).map_err(|error| format!("BENTURAN_PUBLIC_URL: {error}"))?;
    let proxies = TrustedProxies::parse(trusted_proxies)
        .map_err(|error| format!("BENTURAN_TRUSTED_PROXIES: {error}"))?;
    Ok(crate::Edge { public, proxies })
}

/// Runs a command other than serving, on a migrated database; what went
/// wrong, in words.
async fn one_off(db: &DatabaseConnection, command: Command, locale: Locale) -> Result<(), String> {
    match command {
        Command::Serve { .. } => Ok(()),
        Command::Migrate => {
            eprintln!("{}", text::strings(locale).migrated);
            Ok(())
        }
        Command::Import { file, year, dry_run } => {
            crate::commands::import::import(db, &file, year, dry_run, locale).await
        }
        Command::Export { format, unit, year, per, out } => {
            let key = RegisterKey { unit_id: unit, year };
            crate::commands::export::export(db, key, per.as_deref(), format, out, locale).await
        }
        Command::Evidence { quarter, unit, year, out } => {
            let key = RegisterKey { unit_id: unit, year };
            crate::commands::export::evidence(db, key, quarter, &out, locale).await
        }
        Command::User { command } => crate::commands::user::user(db, command, locale).await,
        Command::Backup { file } => {
            let report = crate::commands::backup::backup_file(db, &file).await?;
            eprintln!("{report}");
            Ok(())
        }
        Command::Restore { file, replace } => {
            let report = crate::commands::backup::restore_file(db, &file, replace).await?;
            eprintln!("{report}");
            Ok(())
        }
        Command::Remind { public_url } => {
            let report = crate::reminders::send_now(db, public_url.as_deref()).await?;
            eprintln!("{report}");
            Ok(())
        }
        Command::Generate { rows, year, assessed } => {
            generate(db, rows, year.unwrap_or(current_year()), assessed, locale).await
        }
    }
}

/// Makes a register of `rows` generated rows (for benchmarks and trials),
/// assessed if asked.
async fn generate(
    db: &DatabaseConnection,
    rows: usize,
    year: i32,
    assessed: bool,
    locale: Locale,
) -> Result<(), String> {
    use app::import::generate::{assess_generated, generate_register, settle};
    let report = generate_register(db, rows, year).await.map_err(|error| error.message(locale))?;
    eprintln!("{}", app::import::messages::import_summary(locale, &report));
    let settled = async {
        if assessed {
            assess_generated(db, report.register_id).await?;
        }
        settle(db).await
    };
    settled.await.map_err(|error| error.to_string())
}

async fn serve(
    db: DatabaseConnection,
    database: String,
    seed: bool,
    edge: crate::Edge,
    locale: Locale,
) -> ExitCode {
    let options = crate::leptos_options();
    let address = options.site_addr;
    let state = AppState::new(options, db);
    let mut fatal = startup::spawn_preparation(state.clone(), database, seed, locale);
    crate::reminders::spawn_daily(state.clone());
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::error!(%address, %error, "cannot listen");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!("{}", (text::strings(locale).listening)(&address.to_string()));
    let (stop, stopped) = tokio::sync::watch::channel(None::<String>);
    let app = crate::router_with(state.clone(), edge)
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    let server = axum::serve(listener, app).with_graceful_shutdown({
        let mut stopped = stopped.clone();
        let live = state.live.clone();
        async move {
            let _ = stopped.changed().await;
            // Live streams never end by themselves: end them.
            live.close();
        }
    });
    let watcher = tokio::spawn(async move {
        let reason = tokio::select! {
            () = shutdown_signal() => None,
            Ok(error) = &mut fatal => Some(error),
        };
        let _ = stop.send(Some(reason.unwrap_or_default()));
    });
    let served = server.await;
    watcher.abort();
    // Requests in flight have finished: close the pool cleanly.
    let _ = state.db.close().await;
    let fatal = stopped.borrow().clone().filter(|reason| !reason.is_empty());
    match (served, fatal) {
        (Ok(()), None) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        (Ok(()), Some(error)) => {
            tracing::error!(%error, "cannot prepare the database; stopping");
            eprintln!("{}", (text::strings(locale).startup_failed)(&error));
            ExitCode::FAILURE
        }
        (Err(error), _) => {
            tracing::error!(%error, "server stopped");
            ExitCode::FAILURE
        }
    }
}

/// Ctrl-C, or SIGTERM from systemd or Docker: stop taking requests, finish
/// those in flight, exit.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}
