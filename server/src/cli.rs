//! The `benturan` command line: serve (the default), migrate, import, export.
use crate::client::TrustedProxies;
use crate::security::PublicOrigin;
use crate::startup::{self, current_year, redact};
use app::i18n::{Locale, cli as text};
use app::import::{ImportOptions, parse::parse_bytes};
use app::register::export::{write_csv, write_text};
use app::register::model::RegisterKey;
use app::register::repo::load_register;
use app::state::AppState;
use clap::{Parser, Subcommand, ValueEnum};
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
        /// Where to write it (an XLSX workbook needs one); standard output if not given.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Manage the accounts (scripts give passwords with --password-stdin).
    User {
        #[command(subcommand)]
        command: UserCommand,
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

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user with a role (admin, editor, reviewer, viewer); an editor
    /// edits the rows of the Bagian given (ids, --bagian again for more).
    /// Without --password-stdin a first password is made and printed once.
    Add {
        name: String,
        #[arg(long)]
        role: String,
        #[arg(long = "bagian")]
        bagian: Vec<i32>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a user's password (their sessions end). Without --password-stdin
    /// a new one is made and printed once.
    Passwd {
        name: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// List the users: name, role, active, Bagian.
    List,
    /// Disable a user: no more sign-ins, and their sessions end.
    Disable { name: String },
}

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
        let public = PublicOrigin::parse(public_url.as_deref())
            .map_err(|error| format!("BENTURAN_PUBLIC_URL: {error}"));
        let proxies = TrustedProxies::parse(trusted_proxies.as_deref())
            .map_err(|error| format!("BENTURAN_TRUSTED_PROXIES: {error}"));
        let edge = match (public, proxies) {
            (Ok(public), Ok(proxies)) => crate::Edge { public, proxies },
            (Err(error), _) | (_, Err(error)) => {
                eprintln!("{error}");
                return ExitCode::FAILURE;
            }
        };
        return serve(db, database, seed_if_empty, edge, locale).await;
    }
    // Migrated as a starting server does (on PostgreSQL under the startup
    // lock): a command run while an instance starts never migrates beside it.
    if let Err(error) = crate::startup::prepare(&db, false).await {
        eprintln!("{}", (messages.database_unreachable)(&database, &error.to_string()));
        return ExitCode::FAILURE;
    }
    let outcome = match command {
        Command::Serve { .. } => Ok(()),
        Command::Migrate => {
            eprintln!("{}", messages.migrated);
            Ok(())
        }
        Command::Import { file, year, dry_run } => import(&db, &file, year, dry_run, locale).await,
        Command::Export { format, unit, year, out } => {
            export(&db, RegisterKey { unit_id: unit, year }, format, out, locale).await
        }
        Command::User { command } => user(&db, command, locale).await,
        Command::Generate { rows, year, assessed } => {
            let year = year.unwrap_or(current_year());
            let report = app::import::generate::generate_register(&db, rows, year).await;
            match report {
                Ok(report) => {
                    eprintln!("{}", text::import_summary(locale, &report));
                    let settled = async {
                        if assessed {
                            app::import::generate::assess_generated(&db, report.register_id)
                                .await?;
                        }
                        app::import::generate::settle(&db).await
                    };
                    settled.await.map_err(|error| error.to_string())
                }
                Err(error) => Err(text::write_error(locale, &error)),
            }
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

async fn import(
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
            .map_err(|error| app::i18n::workbook::workbook_error(locale, &error))
    } else {
        parse_bytes(&bytes).map_err(|error| text::parse_error(locale, &error))
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
    let report = imported.map_err(|error| {
        format!("{}\n{}", text::write_error(locale, &error), messages.nothing_changed)
    })?;
    println!("{}", text::import_summary(locale, &report));
    println!("{}", messages.rows_heading);
    for line in text::import_rows(locale, &report) {
        println!("  {line}");
    }
    if !report.notes.is_empty() {
        println!("{}", messages.notes_heading);
        for note in &report.notes {
            println!("  {}", text::note(locale, note));
        }
    }
    Ok(())
}

async fn export(
    db: &DatabaseConnection,
    key: RegisterKey,
    format: Format,
    out: Option<std::path::PathBuf>,
    locale: Locale,
) -> Result<(), String> {
    let messages = text::strings(locale);
    let register = load_register(db, key).await.map_err(|e| e.to_string())?;
    let register = register.ok_or_else(|| messages.no_register.to_owned())?;
    let mut bytes = Vec::new();
    let rows = match format {
        Format::Csv => write_csv(&register, &mut bytes).map_err(|e| e.to_string())?,
        Format::Text => write_text(&register, &mut bytes).map_err(|e| e.to_string())?,
        Format::Xlsx if out.is_none() => return Err(messages.xlsx_needs_out.to_owned()),
        Format::Xlsx => {
            bytes = app::documents::register_workbook(&register, locale.strings())
                .map_err(|e| e.to_string())?;
            register.row_count()
        }
    };
    let written = match &out {
        Some(path) => std::fs::write(path, &bytes).map_err(|e| format!("{}: {e}", path.display())),
        None => std::io::Write::write_all(&mut std::io::stdout().lock(), &bytes)
            .map_err(|e| e.to_string()),
    };
    written?;
    eprintln!("{}", (messages.exported)(rows));
    Ok(())
}

/// The `user` commands.
async fn user(db: &DatabaseConnection, command: UserCommand, locale: Locale) -> Result<(), String> {
    use app::accounts::{self, AccountError, Role};
    use text::AccountDone;
    let refused = |error: AccountError| text::account_error(locale, &error);
    // The password from standard input, or a new one printed once.
    let password = |name: &str, from_stdin: bool| -> Result<String, String> {
        if from_stdin {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).map_err(|error| error.to_string())?;
            return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
        }
        let made = accounts::generate_password();
        eprintln!("{}", text::account_done(locale, AccountDone::OneTimePassword { name }));
        println!("{made}");
        Ok(made)
    };
    match command {
        UserCommand::Add { name, role, bagian, password_stdin } => {
            let role = Role::parse(&role).ok_or_else(|| refused(AccountError::BadRole(role)))?;
            let secret = password(&name, password_stdin)?;
            accounts::add_user(db, &name, role, &bagian, &secret).await.map_err(refused)?;
            eprintln!(
                "{}",
                text::account_done(locale, AccountDone::Added { name: &name, role: role.code() })
            );
        }
        UserCommand::Passwd { name, password_stdin } => {
            let secret = password(&name, password_stdin)?;
            accounts::set_password(db, &name, &secret).await.map_err(refused)?;
            eprintln!("{}", text::account_done(locale, AccountDone::PasswordSet { name: &name }));
        }
        UserCommand::List => {
            let users = accounts::list_users(db).await.map_err(refused)?;
            if users.is_empty() {
                eprintln!("{}", text::account_done(locale, AccountDone::NoUsers));
            }
            for user in users {
                let bagian = user.bagian.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
                let state = if user.active { "active" } else { "disabled" };
                println!("{}\t{}\t{state}\t{bagian}", user.username, user.role);
            }
        }
        UserCommand::Disable { name } => {
            accounts::disable_user(db, &name).await.map_err(refused)?;
            eprintln!("{}", text::account_done(locale, AccountDone::Disabled { name: &name }));
        }
    }
    Ok(())
}
