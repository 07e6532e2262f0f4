//! The quarter's evidence pack over HTTP: the workbook and the printable
//! page hold the register as of the quarter's last day, the quarter's
//! realisation, the changes made during it (no layout entries, nothing from
//! before or after) and the review notes open during it.
use crate::common;
use macro_rules_attribute::apply;

use calamine::{Reader, Xlsx, open_workbook_from_rs};
use common::{App, TestDb};
use reqwest::{StatusCode, header};
use std::io::Cursor;

/// Each sheet of a workbook: its name and its rows of text.
fn sheets(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let names = workbook.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let rows = range.rows().map(|row| row.iter().map(|c| c.to_string()).collect());
            (name, rows.collect())
        })
        .collect()
}

fn sheet<'a>(all: &'a [(String, Vec<Vec<String>>)], name: &str) -> &'a [Vec<String>] {
    &all.iter().find(|(found, _)| found == name).unwrap_or_else(|| panic!("sheet {name}")).1
}

#[apply(on_both_databases!)]
async fn the_quarters_evidence_pack_holds_its_register_changes_and_notes(db: &TestDb) {
    let app = App::start(db).await;
    let unit = db.text("SELECT unit_id FROM register").await.unwrap();
    // The seed is loaded for this year; the test's dates are of 2026, whose
    // third quarter is over whenever the test runs.
    let this_year: i32 = db.text("SELECT year FROM register").await.unwrap().parse().unwrap();
    db.exec("UPDATE register SET year = 2026, version = version + 1").await;
    let (old_first, old_second) = change_during_and_after_the_quarter(db, &app).await;
    workbook_holds_the_quarter(&app, &unit, &old_first, &old_second).await;
    printable_pack_says_the_same(&app, &unit).await;
    other_quarters_are_refused(db, &app, &unit, this_year).await;
}

/// Makes, through the app, the changes of the third quarter of 2026 and one
/// after it; the old impacts of BK-001 and BK-002.
async fn change_during_and_after_the_quarter(db: &TestDb, app: &App) -> (String, String) {
    // The register as loaded: logged by the end of June.
    db.exec("UPDATE change_log SET changed_at = '2026-06-30T15:59:00.000+00:00'").await;
    let row = async |code: &str| {
        let id = db.text(&format!("SELECT id FROM risk WHERE code = '{code}'")).await.unwrap();
        let dampak = db.text(&format!("SELECT dampak FROM risk WHERE id = {id}")).await.unwrap();
        (id, dampak)
    };
    let ((first, old_first), (second, old_second)) = (row("BK-001").await, row("BK-002").await);
    let save = async |id: &str, old: &str, new: &str| {
        let form = [("row", id), ("field", "Dampak"), ("expected", old), ("value", new)];
        assert_eq!(app.post_form("save_cell", &form).await.0, StatusCode::OK);
    };
    let last_change = "SELECT MAX(id) FROM change_log";
    // In August: BK-001's impact, its realisation of the third quarter, a note.
    save(&first, &old_first, "Diubah pada triwulan III").await;
    let form = [
        ("row", first.as_str()),
        ("field", "RealisationDone"),
        ("quarter", "3"),
        ("expected", ""),
        ("value", "Rapat koordinasi digelar"),
    ];
    assert_eq!(app.post_form("save_assessment", &form).await.0, StatusCode::OK);
    let (status, _) =
        app.post_form("add_note", &[("row", first.as_str()), ("body", "Lampirkan notulen")]).await;
    assert_eq!(status, StatusCode::OK);
    let august = "'2026-08-15T02:00:00.000+00:00'";
    db.exec(&format!(
        "UPDATE change_log SET changed_at = {august} WHERE changed_at > '2026-07-01'"
    ))
    .await;
    db.exec(&format!("UPDATE review_note SET created_at = {august}")).await;
    // Resolved in October: still open at the quarter's end.
    let note = db.text("SELECT id FROM review_note").await.unwrap();
    let (status, _) =
        app.post_form("resolve_note", &[("note", note.as_str()), ("resolved", "true")]).await;
    assert_eq!(status, StatusCode::OK);
    db.exec("UPDATE review_note SET resolved_at = '2026-10-02T01:00:00.000+00:00'").await;
    // In October: BK-002's impact, after the quarter.
    let before_october = db.text(last_change).await.unwrap();
    save(&second, &old_second, "Diubah sesudah triwulan").await;
    db.exec(&format!(
        "UPDATE change_log SET changed_at = '2026-10-05T01:00:00.000+00:00' WHERE id > {before_october}"
    ))
    .await;
    (old_first, old_second)
}

/// The workbook of the third quarter of 2026: its sheets hold the register as
/// of 30 September, the quarter's realisation, changes and open notes.
async fn workbook_holds_the_quarter(app: &App, unit: &str, old_first: &str, old_second: &str) {
    let year = 2026;
    let url = format!("{}/unduh/paket-bukti.xlsx?unit={unit}&tahun={year}&triwulan=3", app.base);
    let response = app.client.get(&url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let name = format!("paket-bukti-biro-administrasi-pimpinan-{year}-triwulan-3.xlsx");
    let disposition = response.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().to_owned();
    assert_eq!(disposition, format!("attachment; filename=\"{name}\""));
    let all = sheets(&response.bytes().await.unwrap());
    let names: Vec<&str> = all.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Ringkasan",
            "Tabel Pemetaan",
            "Penilaian & RTP",
            "Realisasi RTP",
            "Perubahan",
            "Catatan Reviu"
        ]
    );
    let text = |rows: &[Vec<String>]| rows.iter().flatten().cloned().collect::<Vec<_>>().join("\n");
    let summary = text(sheet(&all, "Ringkasan"));
    assert!(
        summary.contains("PAKET BUKTI TRIWULAN III 2026")
            || summary.contains("Paket Bukti Triwulan III 2026")
    );
    assert!(summary.contains("1 Juli 2026 \u{2013} 30 September 2026"), "{summary}");
    assert!(summary.contains("1 dari 13 RTP"), "{summary}");
    let unsigned = format!("Disusun oleh\n{}", app::i18n::print::BLANK);
    assert!(summary.contains(&unsigned), "no signatory yet: the blank to fill in");
    assert!(summary.contains("Catatan reviu selama triwulan\n1 (1 masih terbuka)"), "{summary}");
    let official = text(sheet(&all, "Tabel Pemetaan"));
    assert!(official.contains("Diubah pada triwulan III"), "the register as of 30 September");
    assert!(!official.contains("Diubah sesudah triwulan") && official.contains(old_second.trim()));
    assert!(official.contains("Keadaan per 30 September 2026"));
    let realisation = sheet(&all, "Realisasi RTP");
    let line = realisation.iter().find(|row| row[0] == "BK-001").expect("BK-001's RTP");
    assert!(line.contains(&"Rapat koordinasi digelar".to_owned()), "{line:?}");
    let changes = sheet(&all, "Perubahan");
    let changes: Vec<&Vec<String>> = changes.iter().skip(5).collect();
    assert_eq!(changes.len(), 3, "the edit, the realisation, the note: {changes:?}");
    let edit = changes[0];
    assert_eq!(edit[0], "15 Agu 2026, 10.00 WITA");
    assert_eq!(
        (edit[2].as_str(), edit[3].as_str(), edit[4].as_str()),
        ("BK-001", "Diubah", "Dampak Negatif")
    );
    assert_eq!(
        (edit[5].as_str(), edit[6].as_str()),
        (old_first.trim(), "Diubah pada triwulan III")
    );
    assert!(changes[1][4].contains("Triwulan III"), "{:?}", changes[1]);
    let all_changes = text(sheet(&all, "Perubahan"));
    assert!(!all_changes.contains("Susunan register") && !all_changes.contains("sesudah triwulan"));
    let notes = sheet(&all, "Catatan Reviu");
    let note = &notes[5];
    assert_eq!(
        (note[0].as_str(), note[3].as_str(), note[4].as_str()),
        ("BK-001", "Lampirkan notulen", "Terbuka")
    );
}

/// The printable pack of the same quarter says the same.
async fn printable_pack_says_the_same(app: &App, unit: &str) {
    let year = 2026;
    let page = format!("{}/register/{unit}/{year}/bukti?triwulan=3", app.base);
    let html = app.client.get(&page).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("PAKET BUKTI TRIWULAN III 2026"), "the title");
    for words in ["Diubah pada triwulan III", "Rapat koordinasi digelar", "Lampirkan notulen"] {
        assert!(html.contains(words), "{words}");
    }
    assert!(!html.contains("Diubah sesudah triwulan"));
}

/// A quarter that is none, one not ended, a register that is not: refused.
async fn other_quarters_are_refused(db: &TestDb, app: &App, unit: &str, this_year: i32) {
    let year = 2026;
    let get = async |query: &str| {
        let response = app.client.get(format!("{}/unduh/paket-bukti.xlsx?{query}", app.base));
        let response = response.send().await.unwrap();
        (response.status(), response.text().await.unwrap())
    };
    let (status, body) = get(&format!("unit={unit}&tahun={year}&triwulan=5")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Triwulan") && body.contains('4'), "{body}");
    // Next year's first quarter has not ended yet.
    let next_year = this_year + 1;
    db.exec(&format!("UPDATE register SET year = {next_year}, version = version + 1")).await;
    let (status, body) = get(&format!("unit={unit}&tahun={next_year}&triwulan=1")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("belum berakhir"), "{body}");
    let (status, _) = get(&format!("unit={unit}&tahun=1999&triwulan=1")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
