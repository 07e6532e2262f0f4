//! A workbook uploaded from the register page: previewed (nothing stored),
//! its conflicts told (rows colleagues changed since the download), then
//! applied at the previewed version only, in one transaction, keeping the
//! colleagues' edits unless the user takes the file's; refused files and
//! refused users change nothing.
use crate::common;
use macro_rules_attribute::apply;

use app::import::diff::{DiffKind, ImportPreview};
use app::register::model::{RegisterKey, RegisterView, RichText, RiskRowView};
use common::{App, TestDb};
use reqwest::{StatusCode, header, multipart};
use serde_json::Value;

/// The register as the page shows it now.
async fn register(db: &TestDb) -> RegisterView {
    let key = RegisterKey { unit_id: None, year: None };
    app::register::repo::load_register(&db.db, key).await.unwrap().unwrap()
}

fn workbook(register: &RegisterView) -> Vec<u8> {
    app::documents::register_workbook(register, app::i18n::Locale::Id.strings()).unwrap()
}

/// Posts the upload form: a preview, or with `apply_at` the import.
async fn upload(
    app: &App,
    register: i32,
    file: &[u8],
    apply_at: Option<i32>,
    take: &[&str],
) -> (StatusCode, Value) {
    let part = multipart::Part::bytes(file.to_vec()).file_name("register.xlsx");
    let mut form = multipart::Form::new().text("register", register.to_string()).part("file", part);
    if let Some(version) = apply_at {
        form = form.text("apply_at", version.to_string());
    }
    for code in take {
        form = form.text("take", (*code).to_owned());
    }
    let response = send(app, form).await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

/// Posts a multipart form to the upload's server function, as the page does.
async fn send(app: &App, form: multipart::Form) -> reqwest::Result<reqwest::Response> {
    let url = format!("{}{}", app.base, app::import::api::ENDPOINT);
    app.client.post(url).header(header::ORIGIN, &app.base).multipart(form).send().await
}

fn preview(body: Value) -> ImportPreview {
    serde_json::from_value(body).unwrap()
}

/// Everything an import could change, to compare before and after.
async fn state(db: &TestDb) -> (String, String, i64) {
    let rows = db
        .text("SELECT SUM(version) || ':' || COUNT(deleted_at) || ':' || COUNT(*) FROM risk")
        .await;
    let version = db.text("SELECT version FROM register").await.unwrap();
    (rows.unwrap_or_default(), version, db.count("change_log").await)
}

#[apply(on_both_databases!)]
async fn a_workbook_is_previewed_then_applied_keeping_colleagues_edits(db: &TestDb) {
    let app = App::start(db).await;
    let exported = register(db).await;
    let id = exported.id;
    // The first three rows: edited in Excel, deleted in Excel, edited by a
    // colleague in the app.
    let rows: Vec<_> = exported.sections.iter().flat_map(|s| s.rows.clone()).collect();
    let (gone, theirs) = (rows[1].clone(), rows[2].clone());
    // In Excel: one cell changed, one row deleted, one row added.
    let mut file = exported.clone();
    file.sections[0].rows[0].dampak = RichText::new("Dampak yang ditulis di Excel".to_owned());
    file.sections.iter_mut().for_each(|s| s.rows.retain(|row| row.id != gone.id));
    let mut added = rows[3].clone();
    added.code = String::new();
    added.aktivitas = RichText::new("Baris baru dari Excel".to_owned());
    file.sections[0].rows.push(added);
    let file = workbook(&file);
    // Meanwhile a colleague edits another row in the app.
    let bagian = db.text(&format!("SELECT bagian_id FROM risk WHERE id = {}", theirs.id)).await;
    let colleague = app
        .as_user(db, "rekan", app::auth::Role::Editor, &[bagian.unwrap().parse().unwrap()])
        .await;
    let old = theirs.aktivitas.markup().to_owned();
    let form = [
        ("row", &theirs.id.to_string()[..]),
        ("field", "Aktivitas"),
        ("expected", &old[..]),
        ("value", "Diubah rekan di aplikasi"),
    ];
    assert_eq!(colleague.post_form("save_cell", &form).await.0, StatusCode::OK);

    let before = state(db).await;
    let shown = the_preview_tells_each_change(db, &app, &exported, &file, &rows, &before).await;
    old_previews_and_outsiders_are_refused(db, &app, id, &file, &shown, &before).await;
    applied_keeping_the_colleagues_edit(db, &app, id, &file, &shown, &rows).await;
    the_colleagues_row_taken_from_the_file(db, &app, id, &file, &theirs).await;
}

/// The preview of `file` stores nothing, and tells the edited, deleted and
/// new rows, and the colleague's row (`rows[2]`) as a conflict.
async fn the_preview_tells_each_change(
    db: &TestDb,
    app: &App,
    exported: &RegisterView,
    file: &[u8],
    rows: &[RiskRowView],
    before: &(String, String, i64),
) -> ImportPreview {
    let (edited, gone, theirs) = (&rows[0], &rows[1], &rows[2]);
    // The colleague's cell as exported: what the file would put back.
    let old = theirs.aktivitas.markup();
    let (status, body) = upload(app, exported.id, file, None, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let shown = preview(body);
    assert_eq!(state(db).await, *before, "a preview stores nothing");
    assert_eq!(shown.exported_at, Some(exported.version));
    assert_eq!(
        [DiffKind::New, DiffKind::Changed, DiffKind::Deleted].map(|kind| shown.count(kind)),
        [1, 2, 1]
    );
    let row = |code: &str| shown.rows.iter().find(|row| row.diff.code == code).unwrap();
    let changed = row(&edited.code);
    assert!(!changed.conflict && changed.allowed);
    assert_eq!(changed.diff.cells.len(), 1);
    assert_eq!(changed.diff.cells[0].new, "Dampak yang ditulis di Excel");
    assert_eq!(changed.diff.cells[0].old, edited.dampak.markup());
    assert_eq!(row(&gone.code).diff.kind, DiffKind::Deleted);
    let conflict = row(&theirs.code);
    assert!(conflict.conflict, "the file would undo the colleague's edit");
    assert_eq!(conflict.diff.cells[0].old, "Diubah rekan di aplikasi");
    assert_eq!(conflict.diff.cells[0].new, old);
    assert_eq!(shown.unchanged, rows.len() - 3);
    assert_eq!(shown.conflicts().count(), 1);
    shown
}

/// A preview older than the register is refused (preview again), and so is
/// the file from an editor of another Bagian or a reviewer; nothing changes.
async fn old_previews_and_outsiders_are_refused(
    db: &TestDb,
    app: &App,
    id: i32,
    file: &[u8],
    shown: &ImportPreview,
    before: &(String, String, i64),
) {
    let (status, body) = upload(app, id, file, Some(shown.version - 1), &[]).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(state(db).await, *before);
    // An editor of another Bagian (or a reviewer) cannot apply a file
    // that changes this one's rows; the preview says so.
    let [other_editor, reviewer, _] = app.outsiders(db, shown.rows[0].diff.bagian_id).await;
    let (status, body) = upload(&other_editor, id, file, None, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let theirs_preview = preview(body);
    assert!(theirs_preview.rows.iter().all(|row| !row.allowed));
    assert!(!theirs_preview.may_apply(&[]));
    let (status, _) = upload(&other_editor, id, file, Some(shown.version), &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = upload(&reviewer, id, file, Some(shown.version), &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(state(db).await, *before);
}

/// Applied at the previewed version, in one transaction: the file's edit,
/// deletion and new row, but the colleague's edit (`rows[2]`) kept.
async fn applied_keeping_the_colleagues_edit(
    db: &TestDb,
    app: &App,
    id: i32,
    file: &[u8],
    shown: &ImportPreview,
    rows: &[RiskRowView],
) {
    let (edited, gone, theirs) = (&rows[0], &rows[1], &rows[2]);
    let (status, body) = upload(app, id, file, Some(shown.version), &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let applied = preview(body);
    assert!(applied.applied);
    assert_eq!(applied.conflicts().count(), 0, "the conflict was kept, not applied");
    let now = register(db).await;
    assert_eq!(now.version, shown.version + 1, "one transaction, one version");
    let find = |code: &str| {
        now.sections.iter().flat_map(|s| &s.rows).find(|row| row.code == code).cloned()
    };
    assert_eq!(find(&edited.code).unwrap().dampak.markup(), "Dampak yang ditulis di Excel");
    assert!(find(&gone.code).is_none(), "deleted");
    assert_eq!(find(&theirs.code).unwrap().aktivitas.markup(), "Diubah rekan di aplikasi");
    let new_rows = now.sections.iter().flat_map(|s| &s.rows);
    assert_eq!(new_rows.filter(|r| r.aktivitas.markup() == "Baris baru dari Excel").count(), 1);
    let source = db.text("SELECT MIN(source) FROM change_log WHERE register_version = (SELECT version FROM register)").await;
    assert_eq!(source.as_deref(), Some("import"));
}

/// The same file again: the colleague's row `theirs` is still a conflict;
/// taken from the file this time, it is the file's.
async fn the_colleagues_row_taken_from_the_file(
    db: &TestDb,
    app: &App,
    id: i32,
    file: &[u8],
    theirs: &RiskRowView,
) {
    // The colleague's cell as exported: what the file holds.
    let old = theirs.aktivitas.markup();
    let (_, body) = upload(app, id, file, None, &[]).await;
    let again = preview(body);
    assert_eq!(again.rows.len(), 1, "{:?}", again.rows);
    assert!(again.rows[0].conflict);
    let (status, _) = upload(app, id, file, Some(again.version), &[&theirs.code]).await;
    assert_eq!(status, StatusCode::OK);
    let now = register(db).await;
    let row = now.sections.iter().flat_map(|s| &s.rows).find(|r| r.code == theirs.code);
    assert_eq!(row.unwrap().aktivitas.markup(), old);
}

#[apply(on_both_databases!)]
async fn a_refused_workbook_changes_nothing(db: &TestDb) {
    let app = App::start(db).await;
    let exported = register(db).await;
    let before = state(db).await;
    let (status, body) = upload(&app, exported.id, b"not a workbook", None, &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["Workbook"].as_str().unwrap().contains("bukan buku kerja"), "{body}");
    let mut bad = exported.clone();
    bad.sections[0].rows[1].penyebab = RichText::new("x".repeat(4_001));
    let (status, body) =
        upload(&app, exported.id, &workbook(&bad), Some(exported.version), &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem = body["Workbook"].as_str().unwrap();
    assert!(problem.contains("baris 7") && problem.contains("kolom E"), "{problem}");
    assert!(problem.contains("4.000"), "names the limit: {problem}");
    assert_eq!(state(db).await, before);
    // Past the megabyte of other requests, up to the upload's own limit.
    let noise: Vec<u8> =
        (0..3_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    let (status, body) = upload(&app, exported.id, &noise, None, &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let limit = app::import::api::MAX_UPLOAD_BYTES;
    let (status, body) = upload(&app, exported.id, &vec![b'x'; limit + 1], None, &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["Workbook"], "berkas lebih besar dari 16 MB");
    // Past the form's limit, or any other request's megabyte, the server
    // answers 413 on the declared length, before reading on.
    let upload_path = app::import::api::ENDPOINT;
    assert_eq!(app.declared_post(upload_path, limit + 100_000).await, 413);
    assert_eq!(app.declared_post("/api/save_cell", 1_100_000).await, 413);
    // Readers and strangers may not import at all.
    let viewer = app.as_user(db, "pembaca", app::auth::Role::Viewer, &[]).await;
    let (status, _) = upload(&viewer, exported.id, &workbook(&exported), None, &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A form without its file, or with an unknown field.
    let form = multipart::Form::new().text("register", exported.id.to_string());
    assert_eq!(send(&app, form).await.unwrap().status(), StatusCode::BAD_REQUEST);
    assert_eq!(state(db).await, before);
}

/// Hostile text in a workbook is text (markup, right-to-left, invisible
/// characters, a 4,000-letter word), a control character is refused by
/// its cell, and of two people applying one preview at once one wins.
#[apply(on_both_databases!)]
async fn hostile_cells_are_text_and_racing_applies_make_one_change(db: &TestDb) {
    let app = App::start(db).await;
    let exported = register(db).await;
    let hostile = [
        "<script>alert(1)</script> &amp; <b>tebal</b>",
        "\u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{627}\u{644}\u{633}\u{644}\u{627}\u{645} Risiko",
        "Kata\u{200b}sandi \u{feff}bersama",
    ];
    let word = "w".repeat(4_000);
    let mut file = exported.clone();
    for (row, text) in file.sections[1].rows.iter_mut().zip(hostile) {
        row.penyebab = RichText::new(text);
    }
    file.sections[2].rows[0].rencana = RichText::new(word.clone());
    let mut refused = file.clone();
    refused.sections[0].rows[0].dampak = RichText::new("Dampak\u{7} berbunyi");
    let before = state(db).await;
    let (status, body) = upload(&app, exported.id, &workbook(&refused), None, &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let problem = body["Workbook"].as_str().unwrap();
    assert!(problem.contains("kolom F") && problem.contains("U+0007"), "{problem}");
    assert_eq!(state(db).await, before);

    let file = workbook(&file);
    let (status, body) = upload(&app, exported.id, &file, None, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let shown = preview(body);
    assert_eq!(shown.count(DiffKind::Changed), 4, "{:?}", shown.rows);
    // Two "Terapkan" of the same preview at once: one applies, one is told
    // the register moved on.
    let (first, second) = tokio::join!(
        upload(&app, exported.id, &file, Some(shown.version), &[]),
        upload(&app, exported.id, &file, Some(shown.version), &[]),
    );
    let mut statuses = [first.0, second.0];
    statuses.sort();
    let told = format!("{:.300} / {:.300}", first.1.to_string(), second.1.to_string());
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT], "{told}");
    let now = register(db).await;
    assert_eq!(now.version, shown.version + 1, "applied once");
    for (row, text) in now.sections[1].rows.iter().zip(hostile) {
        assert_eq!(row.penyebab.markup(), text, "stored as written, shown as text");
    }
    assert_eq!(now.sections[2].rows[0].rencana.markup(), word);
}
