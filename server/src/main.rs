use benturan::cli::{Cli, run};
use clap::Parser;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

// Rendering allocates many small strings on several threads at once, where
// glibc's allocator spends a quarter of the time (measured with perf).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm_migration=warn"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // One JSON object a line, for a log collector; text for people.
    match std::env::var("BENTURAN_LOG_FORMAT").as_deref() {
        Ok("json") => logs.json().init(),
        Ok("text") | Err(std::env::VarError::NotPresent) => logs.init(),
        Ok(other) => {
            eprintln!("BENTURAN_LOG_FORMAT: \"{other}\" is neither \"text\" nor \"json\"");
            return ExitCode::FAILURE;
        }
        Err(std::env::VarError::NotUnicode(_)) => {
            eprintln!("BENTURAN_LOG_FORMAT: neither \"text\" nor \"json\"");
            return ExitCode::FAILURE;
        }
    }
    run(Cli::parse()).await
}
