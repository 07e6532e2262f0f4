//! The register's documents over HTTP: the workbook and the CSV, by plain
//! links, for every signed-in reader; strangers are sent to sign in.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::{App, TestDb, anonymous};
use reqwest::{StatusCode, header};

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

on_both_databases!(the_register_downloads_as_xlsx_and_csv);
