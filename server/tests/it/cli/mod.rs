//! The `benturan` binary's commands, against both databases.
mod accounts;
mod export;
mod import;
mod server;

use crate::common;
use macro_rules_attribute::apply;

use common::{Backend, TestDb};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const SEED: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../seed/tabel-pemetaan-benturan-kepentingan.txt");

fn benturan_with(url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_benturan"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("BENTURAN_LANG", "id")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run benturan")
}

fn benturan(db: &TestDb, args: &[&str]) -> Output {
    benturan_with(&db.url, args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A temporary file holding `contents`, removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(contents: &str) -> Self {
        let path = std::env::temp_dir().join(format!("benturan-{}.txt", uuid::Uuid::new_v4()));
        std::fs::write(&path, contents).unwrap();
        Self(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        std::fs::remove_file(&self.0).ok();
    }
}
