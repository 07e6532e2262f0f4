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
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm_migration=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    run(Cli::parse()).await
}
