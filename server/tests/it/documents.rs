//! The register's documents over HTTP: the workbook and the CSV, by plain
//! links, for every signed-in reader; strangers are sent to sign in.
use crate::common;
use macro_rules_attribute::apply;

use common::{App, TestDb, anonymous};
use reqwest::{StatusCode, header};

#[apply(on_both_databases!)]
async fn the_register_downloads_as_xlsx_and_csv(db: &TestDb) {
    let app = App::start(db).await;
    let reader = app.as_user(db, "pembaca.unduh", app::auth::Role::Viewer, &[]).await;
    let (unit, year) = (
        db.text("SELECT unit_id FROM register").await.unwrap(),
        db.text("SELECT year FROM register").await.unwrap(),
    );
    for query in [String::new(), format!("?unit={unit}&tahun={year}")] {
        let url = format!("{}/unduh/register.xlsx{query}", app.base);
        let response = reader.client.get(&url).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers().clone();
        assert_eq!(headers[header::CONTENT_TYPE], app::documents::XLSX_CONTENT_TYPE);
        let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
        let name = format!("pemetaan-benturan-biro-administrasi-pimpinan-{year}.xlsx");
        assert_eq!(disposition, format!("attachment; filename=\"{name}\""));
        let bytes = response.bytes().await.unwrap();
        assert!(bytes.starts_with(b"PK"), "a zip package");
        assert!(bytes.len() > 5_000, "{}", bytes.len());
    }
    let csv = reader.client.get(format!("{}/unduh/register.csv", app.base)).send().await.unwrap();
    assert_eq!(csv.headers()[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let text = csv.text().await.unwrap();
    let text = text.strip_prefix('\u{FEFF}').expect("a byte-order mark for Excel");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("kode,no,bagian,aktivitas,potensi,penyebab,dampak,rencana"));
    assert_eq!(lines.count(), 13);
    let missing = reader.client.get(format!("{}/unduh/register.xlsx?tahun=1999", app.base));
    assert_eq!(missing.send().await.unwrap().status(), StatusCode::NOT_FOUND);
    let bad = reader.client.get(format!("{}/unduh/register.xlsx?tahun=abc", app.base));
    assert_eq!(bad.send().await.unwrap().status(), StatusCode::BAD_REQUEST);
    let stranger = anonymous().get(format!("{}/unduh/register.xlsx", app.base)).send().await;
    let stranger = stranger.unwrap();
    assert_eq!(stranger.status(), StatusCode::SEE_OTHER);
    assert!(stranger.headers()[header::LOCATION].to_str().unwrap().starts_with("/login"));
    // The register page offers both.
    let page = reader.client.get(format!("{}/", app.base)).send().await.unwrap();
    let html = page.text().await.unwrap();
    assert!(
        html.contains(&format!(r#"href="/unduh/register.xlsx?unit={unit}&amp;tahun={year}""#)),
        "the link"
    );
    assert!(html.contains("Unduh XLSX") && html.contains("Unduh CSV"));
}
/// The register as of a past day over HTTP: the page (read-only, marked
/// with the day, its links carrying it), the print view and the downloads
/// show the text of then; days that cannot be shown, and a `per` that is no
/// date, are refused in words (404, 422).
#[apply(on_both_databases!)]
async fn the_register_as_of_a_day_is_a_page_a_print_and_a_download(db: &TestDb) {
    let app = App::start(db).await;
    let (unit, year) = (
        db.text("SELECT unit_id FROM register").await.unwrap(),
        db.text("SELECT year FROM register").await.unwrap(),
    );
    // Everything logged so far: 23:59 WITA on 30 September.
    db.exec("UPDATE change_log SET changed_at = '2026-09-30T15:59:00.000+00:00'").await;
    let id = db.text("SELECT id FROM risk WHERE code = 'BK-001'").await.unwrap();
    let old = db.text(&format!("SELECT dampak FROM risk WHERE id = {id}")).await.unwrap();
    let form = [("row", id.as_str()), ("field", "Dampak"), ("expected", &old), ("value", "Kini")];
    let (status, _) = app.post_form("save_cell", &form).await;
    assert_eq!(status, StatusCode::OK);
    let get = |path: String| {
        let client = app.client.clone();
        let url = format!("{}{path}", app.base);
        async move {
            let response = client.get(url).send().await.unwrap();
            let status = response.status();
            let disposition = response.headers().get(header::CONTENT_DISPOSITION).cloned();
            (status, disposition, response.text().await.unwrap())
        }
    };
    let first_words = old.split_whitespace().take(4).collect::<Vec<_>>().join(" ");

    let (status, disposition, csv) = get("/unduh/register.csv?per=2026-09-30".into()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(csv.contains(&first_words), "the text of 30 September");
    assert!(!csv.contains(",Kini,"), "not today's");
    let name = format!("pemetaan-benturan-biro-administrasi-pimpinan-{year}-per-2026-09-30.csv");
    assert_eq!(disposition.unwrap(), format!("attachment; filename=\"{name}\"").as_str());
    let (_, _, now) = get("/unduh/register.csv".into()).await;
    assert!(now.contains(",Kini,"), "today's download has today's text");
    let (status, _, _) =
        get(format!("/unduh/register.xlsx?unit={unit}&tahun={year}&per=2026-09-30")).await;
    assert_eq!(status, StatusCode::OK);

    let (status, _, text) = get("/unduh/register.xlsx?per=2026-09-29".into()).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{text}");
    assert!(text.contains("tercatat sejak 30 September 2026"), "{text}");
    let (status, _, text) = get("/unduh/register.csv?per=2099-12-31".into()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(text.contains("belum berakhir"), "{text}");
    let (status, _, text) = get("/unduh/register.csv?per=30%2F09%2F2026".into()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text.contains("Tanggal register (per)"), "{text}");

    let path = format!("/register/{unit}/{year}");
    let (status, _, html) = get(format!("{path}?per=2026-09-30")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("as-of-banner") && html.contains("Register per 30 September 2026"),
        "the banner"
    );
    assert!(html.contains(&first_words) && !html.contains(">Kini<"), "the text of then");
    assert!(html.contains("&amp;per=2026-09-30\""), "the downloads carry the day");
    assert!(html.contains(&format!(r#"href="{path}/cetak?per=2026-09-30""#)), "so does print");
    assert!(!html.contains("cell-actions"), "no row controls on a past day");
    let (_, _, today) = get(path.clone()).await;
    assert!(today.contains("cell-actions") && !today.contains("as-of-banner"), "today's page");
    let (_, _, print) = get(format!("{path}/cetak?per=2026-09-30")).await;
    assert!(print.contains("Keadaan per 30 September 2026"), "the printed form says so");
    assert!(print.contains(&first_words) && !print.contains(">Kini<"));
    let (_, _, gap) = get(format!("{path}?per=2026-09-29")).await;
    assert!(gap.contains("Register per 29 September 2026 tidak tersedia"), "the gap panel");
    let (status, _, bad) = get(format!("{path}?per=kemarin")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.contains("Tanggal register (per)"), "the field is named");
}
