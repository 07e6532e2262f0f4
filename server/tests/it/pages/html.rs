//! The register's HTML: every row, the language from the cookie or the form,
//! escaped markup, real 404s, reads over GET and cross-site writes refused.
use super::*;

#[apply(on_both_databases!)]
async fn register_page_holds_every_row(db: &TestDb) {
    let (base, client, _) = serve(db).await;
    let (status, html) = get(&client, &format!("{base}/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"<html lang="id">"#));
    assert!(html.contains("<title>Tabel Pemetaan Potensi Benturan Kepentingan</title>"));
    assert!(html.contains("Biro Administrasi Pimpinan Setda Provinsi Kalimantan Timur"));
    for header in [
        "Unit Kerja / Bagian",
        "Aktivitas / Tahapan Kegiatan",
        "Potensi Benturan Kepentingan / Risiko",
        "Penyebab Utama",
        "Dampak Negatif",
        "Rencana Tindak Pengendalian (Sesuai SK/SOP)",
    ] {
        assert!(html.contains(&format!(r#"<th scope="col">{header}</th>"#)), "{header}");
    }
    assert_eq!(html.matches("<tr data-row-id=").count(), 13);
    assert_eq!(html.matches("<tbody data-bagian=").count(), 3);
    for (number, span) in [(1, 4), (2, 4), (3, 5)] {
        let cell = format!(r#"<td rowspan="{span}" class="cell-no">{number}</td>"#);
        assert!(html.contains(&cell), "{cell}");
    }
    assert!(html.contains("secara manual"));
    assert!(html.contains("<em>assessment</em>"));
    assert!(html.contains("<em>content calendar</em>"));
    assert!(!html.contains("&lt;i&gt;"), "emphasis is never shown as raw markup");
    // The hydration data and scripts are in the page.
    assert!(html.contains("/pkg/benturan.js"));
}

#[apply(on_both_databases!)]
async fn english_comes_from_the_cookie(db: &TestDb) {
    let (base, client, token) = serve(db).await;
    let response = client
        .get(format!("{base}/"))
        .header(header::COOKIE, format!("benturan_lang=en; benturan_session={token}"))
        .send()
        .await
        .unwrap();
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="en">"#));
    assert!(html.contains("Conflict of Interest Risk Mapping Table"));
    assert!(html.contains(r#"<th scope="col">Root Cause</th>"#));
    assert!(html.contains("3 sections · 13 risk rows"));
    // The data stays as the Biro wrote it.
    assert!(html.contains("Intervensi pihak ketiga"));
}

#[apply(on_both_databases!)]
async fn the_language_form_works_without_javascript(db: &TestDb) {
    let (base, _, _) = serve(db).await;
    let client = common::anonymous();
    let response = client
        .post(format!("{base}/api/set_language"))
        .header(header::REFERER, format!("{base}/"))
        .header(header::ORIGIN, base.clone())
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .body("lang=en")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
    assert_eq!(response.headers()[header::LOCATION], "/");
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("benturan_lang=en;"), "{cookie}");
}

#[apply(on_both_databases!)]
async fn cross_site_writes_are_refused(db: &TestDb) {
    let (base, _, _) = serve(db).await;
    let response = common::anonymous()
        .post(format!("{base}/api/set_language"))
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("lang=en")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[apply(on_both_databases!)]
async fn unknown_paths_get_a_real_404(db: &TestDb) {
    let (base, client, _) = serve(db).await;
    let (status, html) = get(&client, &format!("{base}/tidak-ada")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Halaman tidak ditemukan"));
    assert!(html.contains(r#"href="/""#));
}

#[apply(on_both_databases!)]
async fn the_register_is_readable_over_get(db: &TestDb) {
    let (base, client, _) = serve(db).await;
    let (status, body) = get(&client, &format!("{base}/api/get_register")).await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let sections = json["sections"].as_array().unwrap();
    let rows: usize = sections.iter().map(|s| s["rows"].as_array().unwrap().len()).sum();
    assert_eq!(rows, 13);
}

/// Markup other than `<i>` is text: a script in a cell is shown, never run.
#[apply(on_both_databases!)]
async fn other_markup_is_escaped(db: &TestDb) {
    let text = "Judul\nBiro Uji\nNo\tUnit Kerja / Bagian\tAktivitas / Tahapan Kegiatan\tPotensi Benturan Kepentingan / Risiko\tPenyebab Utama\tDampak Negatif\tRencana Tindak Pengendalian (Sesuai SK/SOP)\n1\tBagian <b>Uji</b>\t<script>alert(1)</script>\tb\tc\td\t<i>e</i>";
    let table = app::import::parse_table(text).unwrap();
    common::import(db, &table, 2100).await.unwrap();
    let (base, client, _) = serve(db).await;
    let (_, html) = get(&client, &format!("{base}/")).await;
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("Bagian &lt;b&gt;Uji&lt;/b&gt;"));
    assert!(!html.contains("<script>alert(1)"));
    assert!(html.contains("<em>e</em>"));
}

/// Many renders at once: each completes (a title read after its request's
/// signals were disposed once made the server panic under load).
#[apply(on_both_databases!)]
async fn concurrent_renders_all_succeed(db: &TestDb) {
    let (base, client, _) = serve(db).await;
    let requests = (0..48).map(|_| {
        let url = format!("{base}/");
        let client = client.clone();
        tokio::spawn(async move { get(&client, &url).await })
    });
    for request in requests.collect::<Vec<_>>() {
        let (status, html) = request.await.unwrap();
        assert_eq!(status, StatusCode::OK);
        assert_eq!(html.matches("<tr data-row-id=").count(), 13);
    }
}

/// A register has its own address: its unit and year.
#[apply(on_both_databases!)]
async fn a_register_is_addressed_by_unit_and_year(db: &TestDb) {
    let (base, client, _) = serve(db).await;
    let unit = db.text("SELECT unit_id FROM register").await.unwrap();
    let year = db.text("SELECT year FROM register").await.unwrap();
    let (status, html) = get(&client, &format!("{base}/register/{unit}/{year}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(html.matches("<tr data-row-id=").count(), 13);
    let (status, body) =
        get(&client, &format!("{base}/api/get_register?unit={unit}&year={year}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Intervensi pihak ketiga"));
    for missing in [
        format!("/register/{unit}/1999"),
        "/register/999/2026".to_owned(),
        "/register/x/y".to_owned(),
    ] {
        let (status, html) = get(&client, &format!("{base}{missing}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
        assert!(html.contains("Halaman tidak ditemukan"), "{missing}");
    }
    let (status, body) =
        get(&client, &format!("{base}/api/get_register?unit={unit}&year=1999")).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "null"));
}
