//! `benturan export` and `benturan evidence`: the register in each format,
//! today's or a past day's, and the quarter's pack.
use super::*;

#[apply(on_both_databases!)]
async fn export_writes_csv_to_stdout(db: &TestDb) {
    assert!(benturan(db, &["import", SEED]).status.success());
    let output = benturan(db, &["export", "--format", "csv"]);
    assert!(output.status.success());
    let csv = text(&output.stdout);
    assert_eq!(csv.lines().count(), 14);
    assert!(csv.starts_with("kode,no,bagian,aktivitas,potensi,penyebab,dampak,rencana\r\n"));
    assert!(csv.contains("hasil assessment resmi"));
}

/// `--format xlsx` writes a workbook to `--out` (never to a terminal's
/// stdout), and `import` reads it back: nothing changes, every row found by
/// its code. A workbook that breaks a rule is refused naming sheet, row and
/// column, and changes nothing.
#[apply(on_both_databases!)]
async fn the_xlsx_export_round_trips(db: &TestDb) {
    assert!(benturan(db, &["import", SEED, "--year", "2026"]).status.success());
    let refused = benturan(db, &["export", "--format", "xlsx"]);
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("--out"), "{}", text(&refused.stderr));
    let file = std::env::temp_dir().join(format!("benturan-{}.xlsx", uuid::Uuid::new_v4()));
    let path = file.to_str().unwrap();
    let output = benturan(db, &["export", "--format", "xlsx", "--out", path, "--year", "2026"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("13 baris risiko diekspor."));
    let log = db.count("change_log").await;
    let again = benturan(db, &["import", path, "--year", "2026"]);
    let report = text(&again.stdout);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(report.contains("0 baru, 0 diubah, 13 tidak berubah, 0 dihapus"), "{report}");
    assert!(report.contains("13 menurut kode"), "{report}");
    assert!(report.contains("baris 6: BK-001 menurut kode"), "sheet rows: {report}");
    assert_eq!(db.count("change_log").await, log, "nothing changed");
    assert_eq!(
        db.text("SELECT aktivitas FROM risk WHERE code = 'BK-009'").await.as_deref(),
        Some("Perencanaan Materi")
    );
    std::fs::remove_file(&file).unwrap();

    // Not a workbook though it looks like one; then not a table at all.
    let broken = TempFile::new("PK\u{3}\u{4} rusak");
    let refused = benturan(db, &["import", broken.path(), "--year", "2026"]);
    assert!(!refused.status.success());
    let message = text(&refused.stderr);
    assert!(message.contains("bukan buku kerja Excel"), "{message}");
    assert!(message.contains("Tidak ada data yang diubah."), "{message}");
    assert_eq!(db.count("change_log").await, log);
}

/// The text export imports back as it is: every row found by its code,
/// nothing changed; and its codes follow rows that move.
#[apply(on_both_databases!)]
async fn the_text_export_round_trips(db: &TestDb) {
    assert!(benturan(db, &["import", SEED, "--year", "2026"]).status.success());
    let exported = text(&benturan(db, &["export", "--format", "text", "--year", "2026"]).stdout);
    assert!(exported.contains("hasil <i>assessment</i> resmi"), "emphasis is kept");
    let file = TempFile::new(&exported);
    let again = benturan(db, &["import", file.path(), "--year", "2026"]);
    let report = text(&again.stdout);
    assert!(report.contains("0 baru, 0 diubah, 13 tidak berubah, 0 dihapus"), "{report}");
    assert!(report.contains("13 menurut kode"), "{report}");
    assert!(report.contains("baris 4: BK-001 menurut kode"), "{report}");

    // Swap the first two rows and edit both: the codes keep their identity.
    let mut lines: Vec<String> = exported.lines().map(str::to_owned).collect();
    let (first, second) = (lines[3].clone(), lines[4].clone());
    let first_cells: Vec<&str> = first.split('\t').collect();
    let second_cells: Vec<&str> = second.split('\t').collect();
    let mut new_first: Vec<String> = second_cells.iter().map(|s| s.to_string()).collect();
    new_first[0] = first_cells[0].to_owned();
    new_first[1] = first_cells[1].to_owned();
    new_first[2] = "Aktivitas yang diganti".to_owned();
    new_first[3] = "Potensi yang diganti".to_owned();
    new_first[4] = "Penyebab yang diganti".to_owned();
    let mut new_second: Vec<String> = first_cells.iter().map(|s| s.to_string()).collect();
    new_second[0].clear();
    new_second[1].clear();
    lines[3] = new_first.join("\t");
    lines[4] = new_second.join("\t");
    let file = TempFile::new(&lines.join("\n"));
    let moved = benturan(db, &["import", file.path(), "--year", "2026"]);
    assert!(moved.status.success(), "{}", text(&moved.stderr));
    let report = text(&moved.stdout);
    assert!(report.contains("0 baru, 1 diubah, 12 tidak berubah"), "{report}");
    assert!(report.contains("baris 4: BK-002 menurut kode"), "{report}");
    let bk2 = db.text("SELECT aktivitas FROM risk WHERE code = 'BK-002'").await.unwrap();
    assert_eq!(bk2, "Aktivitas yang diganti");
    assert_eq!(db.text("SELECT position FROM risk WHERE code = 'BK-002'").await.unwrap(), "1");
    assert_eq!(db.text("SELECT position FROM risk WHERE code = 'BK-001'").await.unwrap(), "2");
}

/// `export --per DAY` writes the register as it stood at the end of that
/// day, and `evidence --quarter N` a quarter's pack; days the log cannot
/// show and values out of range are refused in words, writing nothing.
#[apply(on_both_databases!)]
async fn the_register_of_a_past_day_and_the_quarters_pack_are_written(db: &TestDb) {
    assert!(benturan(db, &["import", SEED, "--year", "2026"]).status.success());
    // The register as loaded, logged by 23:59 WITA on 30 June; then today
    // BK-001's impact changes.
    db.exec("UPDATE change_log SET changed_at = '2026-06-30T15:59:00.000+00:00'").await;
    let exported = text(&benturan(db, &["export", "--format", "text", "--year", "2026"]).stdout);
    let old = db.text("SELECT dampak FROM risk WHERE code = 'BK-001'").await.unwrap();
    let changed = exported.replacen(&old, "Dampak kini", 1);
    assert_ne!(changed, exported);
    let file = TempFile::new(&changed);
    assert!(benturan(db, &["import", file.path(), "--year", "2026"]).status.success());

    let then = benturan(db, &["export", "--year", "2026", "--per", "2026-06-30"]);
    assert!(then.status.success(), "{}", text(&then.stderr));
    assert!(!text(&then.stdout).contains("Dampak kini"), "the text of then");
    assert_eq!(text(&then.stdout).lines().count(), 14);
    let now = benturan(db, &["export", "--year", "2026"]);
    assert!(text(&now.stdout).contains("Dampak kini"), "today's text");
    let before = benturan(db, &["export", "--per", "2026-06-29"]);
    assert!(!before.status.success() && before.stdout.is_empty());
    let message = text(&before.stderr);
    assert!(message.contains("Register per 29 Juni 2026 tidak tersedia"), "{message}");
    assert!(message.contains("tercatat sejak 30 Juni 2026"), "{message}");
    let future = benturan(db, &["export", "--per", "2099-12-31"]);
    assert!(text(&future.stderr).contains("belum berakhir"), "{}", text(&future.stderr));
    let bad = benturan(db, &["export", "--per", "30/06/2026"]);
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("Tanggal register (per)"), "{}", text(&bad.stderr));

    let out = std::env::temp_dir().join(format!("benturan-{}.xlsx", uuid::Uuid::new_v4()));
    let path = out.to_str().unwrap();
    let pack = benturan(db, &["evidence", "--quarter", "2", "--year", "2026", "--out", path]);
    assert!(pack.status.success(), "{}", text(&pack.stderr));
    let said = text(&pack.stderr);
    assert!(said.contains("Paket bukti triwulan 2 tahun 2026 ditulis ke"), "{said}");
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    use calamine::Reader;
    assert_eq!(workbook.sheet_names().len(), 6, "{:?}", workbook.sheet_names());
    let official = workbook.worksheet_range("Tabel Pemetaan").unwrap();
    let cells: Vec<String> = official.cells().map(|(_, _, cell)| cell.to_string()).collect();
    assert!(cells.iter().any(|cell| cell == &old), "the register of 30 June");
    assert!(!cells.iter().any(|cell| cell.contains("Dampak kini")));
    std::fs::remove_file(&out).unwrap();
    let refused = [
        (vec!["--quarter", "5"], "Triwulan"),
        (vec!["--quarter", "1", "--year", "1999"], "Belum ada register"),
    ];
    for (args, expected) in refused {
        let output = benturan(db, &[&["evidence", "--out", path][..], &args].concat());
        assert!(!output.status.success(), "{args:?}");
        assert!(text(&output.stderr).contains(expected), "{args:?}: {}", text(&output.stderr));
        assert!(!out.exists(), "nothing written");
    }
}
