//! The `benturan` binary's commands, against both databases.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::TestDb;
use std::process::{Command, Output};

const SEED: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../seed/tabel-pemetaan-benturan-kepentingan.txt");

fn benturan(db: &TestDb, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_benturan"))
        .args(args)
        .env("DATABASE_URL", &db.url)
        .env("BENTURAN_LANG", "id")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run benturan")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn import_reports_what_it_did(db: &TestDb) {
    let first = benturan(db, &["import", SEED, "--year", "2026"]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let report = text(&first.stdout);
    assert!(report.contains("Bagian: 3 baru, 0 sudah ada."), "{report}");
    assert!(report.contains("Baris risiko: 13 baru, 0 diubah, 0 tidak berubah."), "{report}");
    assert!(
        report.contains("baris 12: potongan \"t\" di kolom Dampak Negatif dibuang"),
        "{report}"
    );

    let again = benturan(db, &["--lang", "en", "import", SEED, "--year", "2026"]);
    assert!(again.status.success());
    assert!(text(&again.stdout).contains("Risk rows: 0 new, 0 changed, 13 unchanged."));
    assert_eq!(db.count("risk").await, 13);
}

async fn a_broken_file_is_refused_and_nothing_changes(db: &TestDb) {
    assert!(benturan(db, &["import", SEED]).status.success());
    let log_before = db.count("change_log").await;
    let broken = std::env::temp_dir().join(format!("broken-{}.txt", uuid::Uuid::new_v4()));
    let seed = std::fs::read_to_string(SEED).unwrap();
    // Line 9 loses a column; everything before it is fine.
    let damaged: Vec<String> =
        seed.lines()
            .enumerate()
            .map(|(i, line)| {
                if i == 8 { line.rsplit_once('\t').unwrap().0.to_owned() } else { line.to_owned() }
            })
            .collect();
    std::fs::write(&broken, damaged.join("\n").replace("Bagian Protokol", "Bagian Lain")).unwrap();
    let output = benturan(db, &["import", broken.to_str().unwrap()]);
    std::fs::remove_file(&broken).ok();
    assert!(!output.status.success());
    let message = text(&output.stderr);
    assert!(message.contains("baris 9: ada 6 kolom, seharusnya 7"), "{message}");
    assert!(message.contains("Tidak ada data yang diubah."), "{message}");
    assert_eq!(db.count("change_log").await, log_before);
    assert_eq!(db.count("org_unit").await, 5);
}

async fn a_missing_file_is_named(db: &TestDb) {
    let output = benturan(db, &["import", "/tidak/ada.txt"]);
    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("Tidak dapat membaca /tidak/ada.txt"));
}

async fn export_writes_csv_to_stdout(db: &TestDb) {
    assert!(benturan(db, &["import", SEED]).status.success());
    let output = benturan(db, &["export", "--format", "csv"]);
    assert!(output.status.success());
    let csv = text(&output.stdout);
    assert_eq!(csv.lines().count(), 14);
    assert!(csv.starts_with("no,bagian,aktivitas,potensi,penyebab,dampak,rencana\r\n"));
    assert!(csv.contains("hasil assessment resmi"));
}

async fn migrate_runs_alone(db: &TestDb) {
    let output = benturan(db, &["migrate"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(db.count("risk").await, 0, "migrate loads no data");
}

on_both_databases!(
    import_reports_what_it_did,
    a_broken_file_is_refused_and_nothing_changes,
    a_missing_file_is_named,
    export_writes_csv_to_stdout,
    migrate_runs_alone,
);
