//! `benturan import`: reports, re-imports, dry runs and refused files.
use super::*;

#[apply(on_both_databases!)]
async fn import_reports_what_it_did(db: &TestDb) {
    let first = benturan(db, &["import", SEED, "--year", "2026"]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let report = text(&first.stdout);
    assert!(report.contains("Bagian: 3 baru, 0 sudah ada."), "{report}");
    assert!(report.contains("Baris risiko: 13 baru, 0 diubah, 0 tidak berubah"), "{report}");
    assert!(
        report.contains("baris 12: potongan \"t\" di kolom Dampak Negatif dibuang"),
        "{report}"
    );

    let again = benturan(db, &["--lang", "en", "import", SEED, "--year", "2026"]);
    assert!(again.status.success());
    let report = text(&again.stdout);
    assert!(report.contains("Risk rows: 0 new, 0 changed, 13 unchanged, 0 deleted"), "{report}");
    assert!(report.contains("Rows matched: 0 by code, 13 by content"), "{report}");
    assert!(report.contains("line 8: BK-001 by content"), "{report}");
    assert_eq!(db.count("risk").await, 13);
}

/// The case: one row removed and one Bagian renamed leaves 12 rows
/// in 3 Bagian, and the report says so; a dry run first changes nothing.
#[apply(on_both_databases!)]
async fn reimport_equals_the_file_and_dry_run_writes_nothing(db: &TestDb) {
    assert!(benturan(db, &["import", SEED, "--year", "2026"]).status.success());
    let seed = std::fs::read_to_string(SEED).unwrap();
    let edited: Vec<&str> =
        seed.lines().filter(|line| !line.contains("\t\tPerencanaan Kepegawain\t")).collect();
    let edited = edited.join("\n").replace("Bagian Protokol", "Bagian Keprotokolan");
    let file = TempFile::new(&edited);

    let log_before = db.count("change_log").await;
    let dry = benturan(db, &["import", file.path(), "--year", "2026", "--dry-run"]);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    let report = text(&dry.stdout);
    assert!(report.starts_with("Uji coba impor"), "{report}");
    assert!(report.contains("1 dihapus"), "{report}");
    assert!(
        report.contains("Dihapus (dapat dipulihkan): BK-002 \"Perencanaan Kepegawain\""),
        "{report}"
    );
    assert!(
        report.contains("Bagian \"Bagian Protokol\" berganti nama menjadi \"Bagian Keprotokolan\""),
        "{report}"
    );
    assert!(report.contains("tidak ada yang disimpan"), "{report}");
    assert_eq!(db.count("change_log").await, log_before, "a dry run writes nothing");
    assert_eq!(db.text("SELECT COUNT(*) FROM risk WHERE deleted_at IS NULL").await.unwrap(), "13");

    let real = benturan(db, &["import", file.path(), "--year", "2026"]);
    assert!(real.status.success(), "{}", text(&real.stderr));
    assert_eq!(db.text("SELECT COUNT(*) FROM risk WHERE deleted_at IS NULL").await.unwrap(), "12");
    let export = text(&benturan(db, &["export", "--format", "text", "--year", "2026"]).stdout);
    assert!(export.contains("2\tBagian Keprotokolan\t"), "{export}");
    assert!(!export.contains("Bagian Protokol\t"), "{export}");
    assert!(!export.contains("Perencanaan Kepegawain\t"), "{export}");
}

/// Refused files change nothing, whether the parser refuses them (a control
/// character, named by line and column) or the database fails half-way.
#[apply(on_both_databases!)]
async fn a_refused_file_changes_nothing(db: &TestDb) {
    assert!(benturan(db, &["import", SEED, "--year", "2026"]).status.success());
    let seed = std::fs::read_to_string(SEED).unwrap();
    let snapshot = async || {
        (
            db.count("change_log").await,
            db.count("org_unit").await,
            db.text("SELECT version FROM register").await,
            db.text("SELECT penyebab FROM risk WHERE code = 'BK-001'").await,
        )
    };
    let before = snapshot().await;

    let nul = TempFile::new(&seed.replace("Intervensi pihak ketiga", "\u{0}"));
    let output = benturan(db, &["import", nul.path(), "--year", "2026"]);
    assert!(!output.status.success());
    let message = text(&output.stderr);
    assert!(
        message
            .contains("baris 8: Penyebab Utama berisi karakter kendali U+0000 pada karakter ke-1"),
        "{message}"
    );
    assert!(message.contains("Tidak ada data yang diubah."), "{message}");
    assert_eq!(snapshot().await, before);

    // The database refuses the last row; the rename and the edit before it
    // must not stay.
    let trigger = match db.backend {
        Backend::Sqlite => "CREATE TRIGGER boom BEFORE INSERT ON risk WHEN NEW.aktivitas = 'BOOM' \
             BEGIN SELECT RAISE(ABORT, 'boom'); END"
            .to_owned(),
        Backend::Postgres => "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN \
             IF NEW.aktivitas = 'BOOM' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END \
             $$ LANGUAGE plpgsql; \
             CREATE TRIGGER boom BEFORE INSERT ON risk FOR EACH ROW EXECUTE FUNCTION boom()"
            .to_owned(),
    };
    db.exec(&trigger).await;
    let failing = TempFile::new(
        &(seed
            .replace("Bagian Protokol", "Bagian Lain")
            .replace("Intervensi pihak ketiga", "Intervensi pihak ketiga dan atasan")
            + "\n4\tBagian Baru\tBOOM\tb\tc\td\te"),
    );
    let output = benturan(db, &["import", failing.path(), "--year", "2026"]);
    assert!(!output.status.success());
    let message = text(&output.stderr);
    assert!(
        message.contains("boom") && message.contains("Tidak ada data yang diubah."),
        "{message}"
    );
    assert_eq!(snapshot().await, before);
}

/// A register that is set (ditetapkan) is never changed by an import.
#[apply(on_both_databases!)]
async fn a_final_register_refuses_imports(db: &TestDb) {
    assert!(benturan(db, &["import", SEED, "--year", "2026"]).status.success());
    db.exec("UPDATE register SET status = 'ditetapkan'").await;
    let edited = TempFile::new(
        &std::fs::read_to_string(SEED).unwrap().replace("Intervensi pihak ketiga", "Diubah"),
    );
    let log = db.count("change_log").await;
    let output = benturan(db, &["import", edited.path(), "--year", "2026"]);
    assert!(!output.status.success());
    let message = text(&output.stderr);
    assert!(
        message.contains("register periode 2026 sudah ditetapkan dan tidak dapat diubah lagi"),
        "{message}"
    );
    assert_eq!(db.count("change_log").await, log);
    assert_eq!(db.text("SELECT COUNT(*) FROM risk WHERE penyebab = 'Diubah'").await.unwrap(), "0");
}

#[apply(on_both_databases!)]
async fn a_missing_file_is_named(db: &TestDb) {
    let output = benturan(db, &["import", "/tidak/ada.txt"]);
    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("Tidak dapat membaca /tidak/ada.txt"));
}
