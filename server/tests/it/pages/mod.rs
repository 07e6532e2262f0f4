//! The server's HTML and endpoints, over HTTP, against both databases.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::{TestDb, spawn_server};
use reqwest::{StatusCode, header};

/// A server on `db`, and a signed-in reader's client (and its session token).
async fn serve(db: &TestDb) -> (String, reqwest::Client, String) {
    let address = spawn_server(db.ready_state().await).await;
    let base = format!("http://{address}");
    let name = format!("pembaca.{}", address.port());
    common::add_user(db, &name, app::auth::Role::Viewer, &[]).await;
    let token = common::sign_in(&base, &name, common::PASSWORD).await.expect("signed in");
    (base, common::client_with(&token), token)
}

async fn get(client: &reqwest::Client, url: &str) -> (StatusCode, String) {
    let response = client.get(url).send().await.expect("request");
    let status = response.status();
    (status, response.text().await.expect("body"))
}

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

async fn unknown_paths_get_a_real_404(db: &TestDb) {
    let (base, client, _) = serve(db).await;
    let (status, html) = get(&client, &format!("{base}/tidak-ada")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Halaman tidak ditemukan"));
    assert!(html.contains(r#"href="/""#));
}

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

/// The filter is in the address: the server renders only the rows it lets
/// through, marks the matches and counts them; case, accents and
/// invisible characters do not matter.
async fn the_filter_is_in_the_address(db: &TestDb) {
    let (base, client, _) = serve(db).await;
    let (_, body) = get(&client, &format!("{base}/api/get_register")).await;
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    // The right answers, computed here from the register's data.
    let sections = json["sections"].as_array().unwrap();
    let matching = |word: &str| -> usize {
        (0..sections.len()).map(|index| matching_in(sections, index, word)).sum()
    };
    let publikasi = matching("publikasi");
    assert!(publikasi > 1 && publikasi < 13, "{publikasi}");
    for query in
        ["publikasi", "PUBLIKASI", "P%C3%BAblikasi", "publi%E2%80%8Bkasi", "%20publikasi%20"]
    {
        let (status, html) = get(&client, &format!("{base}/?q={query}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(html.matches("<tr data-row-id=").count(), publikasi, "{query}");
        assert!(html.contains(&format!("{publikasi} dari 13 risiko")), "{query}");
        assert!(html.contains("<mark>publikasi</mark>") || html.contains("<mark>Publikasi</mark>"));
    }
    // Every word must match; the Bagian's name counts.
    let (_, html) = get(&client, &format!("{base}/?q=protokol+tamu")).await;
    assert_eq!(html.matches("<tr data-row-id=").count(), 1);
    // The rows of the chosen Bagian, all of them; two Bagian: both.
    let protokol = sections[1]["bagian_id"].as_i64().unwrap();
    let materi = sections[2]["bagian_id"].as_i64().unwrap();
    let (_, html) = get(&client, &format!("{base}/?bagian={protokol}")).await;
    assert_eq!(html.matches("<tr data-row-id=").count(), 4);
    assert!(html.contains("4 dari 13 risiko"));
    assert!(html.contains(r#"<td rowspan="4" class="cell-no">2</td>"#), "the printed No stays");
    let (_, html) =
        get(&client, &format!("{base}/?bagian={protokol}&bagian={materi}&q=pimpinan")).await;
    let expected = matching_in(sections, 1, "pimpinan") + matching_in(sections, 2, "pimpinan");
    assert!(expected > 0 && expected < 9, "both filters apply: {expected}");
    assert_eq!(html.matches("<tr data-row-id=").count(), expected);
    // Nothing matches: said so; a hostile search is only text.
    let (status, html) =
        get(&client, &format!("{base}/?q=%3Cscript%3Ealert(1)%3C/script%3E")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(html.matches("<tr data-row-id=").count(), 0);
    assert!(html.contains("Tidak ada risiko yang cocok"));
    assert!(!html.contains("<script>alert(1)"));
    assert!(
        html.contains(r#"value="&lt;script&gt;alert(1)&lt;/script&gt;""#),
        "the box keeps the search"
    );
    // Malformed parts are ignored, never an error.
    let (status, html) = get(&client, &format!("{base}/?bagian=x&bagian=999999")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(html.matches("<tr data-row-id=").count(), 0);
    let (_, html) = get(&client, &format!("{base}/?bagian=x")).await;
    assert_eq!(html.matches("<tr data-row-id=").count(), 13);
    assert!(html.contains(">13 risiko<"));
}

/// Rows of Bagian `index` that contain `word`.
fn matching_in(sections: &[serde_json::Value], index: usize, word: &str) -> usize {
    let section = &sections[index];
    let name = section["name"].as_str().unwrap().to_lowercase();
    section["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| {
            name.contains(word)
                || ["aktivitas", "potensi", "penyebab", "dampak", "rencana"]
                    .iter()
                    .any(|cell| row[*cell].as_str().unwrap().to_lowercase().contains(word))
        })
        .count()
}

/// Pages are kept per register version, language and address: asked again,
/// the page is the same and a browser holding it gets 304; a change saved
/// through another instance on the same database is on the next page at once.
async fn the_page_cache_follows_the_register_version(db: &TestDb) {
    use reqwest::header::{CACHE_CONTROL, COOKIE, ETAG, IF_NONE_MATCH, ORIGIN};
    let (base, client, token) = serve(db).await;
    let (other, _, _) = serve(db).await;
    let english = format!("benturan_lang=en; benturan_session={token}");
    let page = |url: String, etag: Option<String>, cookie: Option<&str>| {
        let cookie = cookie.map(str::to_owned);
        let client = client.clone();
        async move {
            let mut request = client.get(url);
            if let Some(etag) = etag {
                request = request.header(IF_NONE_MATCH, etag);
            }
            if let Some(cookie) = cookie {
                request = request.header(COOKIE, cookie);
            }
            let response = request.send().await.unwrap();
            let status = response.status();
            let tag = response.headers().get(ETAG).map(|v| v.to_str().unwrap().to_owned());
            let control = response.headers().get(CACHE_CONTROL).cloned();
            (status, tag, control, response.text().await.unwrap())
        }
    };
    let (status, etag, control, first) = page(format!("{base}/"), None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(control.unwrap(), "private, no-cache");
    let etag = etag.expect("a register page has an ETag");
    let (_, again_tag, _, again) = page(format!("{base}/"), None, None).await;
    assert_eq!((again_tag.as_deref(), again.len()), (Some(etag.as_str()), first.len()));
    let (status, tag, _, body) = page(format!("{base}/"), Some(etag.clone()), None).await;
    assert_eq!(
        (status, tag.as_deref(), body.as_str()),
        (StatusCode::NOT_MODIFIED, Some(etag.as_str()), "")
    );

    // Another language, another filter: other pages.
    let (_, english_tag, _, english) =
        page(format!("{base}/"), Some(etag.clone()), Some(&english)).await;
    assert_ne!(english_tag.as_deref(), Some(etag.as_str()));
    assert!(english.contains("Root Cause"));
    let (_, _, _, filtered) = page(format!("{base}/?q=tamu"), Some(etag.clone()), None).await;
    assert_eq!(filtered.matches("<tr data-row-id=").count(), 1);
    let (_, _, _, unfiltered) = page(format!("{base}/"), None, None).await;
    assert_eq!(unfiltered.matches("<tr data-row-id=").count(), 13);

    // A save through the other instance: the next page has it.
    let id = db.text("SELECT id FROM risk WHERE code = 'BK-001'").await.unwrap();
    let old = db.text(&format!("SELECT penyebab FROM risk WHERE id = {id}")).await.unwrap();
    let editor = common::user_client(db, &other, "admin.lain", app::auth::Role::Admin, &[]).await;
    let saved = editor
        .post(format!("{other}/api/save_cell"))
        .header(ORIGIN, &other)
        .form(&[
            ("row", id.as_str()),
            ("field", "Penyebab"),
            ("expected", &old),
            ("value", "Disimpan di instans lain"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), StatusCode::OK);
    let (status, new_tag, _, body) = page(format!("{base}/"), Some(etag.clone()), None).await;
    assert_eq!(status, StatusCode::OK, "the held page is stale now");
    assert_ne!(new_tag.as_deref(), Some(etag.as_str()));
    assert!(body.contains("Disimpan di instans lain"));
    assert!(!body.contains(&format!(">{old}<")));
    // A browser gets the kept page compressed, and it decodes to the same page.
    for _ in 0..2 {
        let compressed = client
            .get(format!("{base}/"))
            .header(reqwest::header::ACCEPT_ENCODING, "gzip, br")
            .send()
            .await
            .unwrap();
        assert_eq!(compressed.headers()[reqwest::header::CONTENT_ENCODING], "br");
        let bytes = compressed.bytes().await.unwrap();
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &bytes[..], &mut decoded).unwrap();
        assert_eq!(String::from_utf8(decoded).unwrap(), body);
    }
    // Not register pages: no ETag of ours.
    let (status, tag, _, _) = page(format!("{base}/tidak-ada"), None, None).await;
    assert_eq!((status, tag), (StatusCode::NOT_FOUND, None));
}

/// A long register's page holds a window of rows and spacers for the rest;
/// `?lengkap=1` holds them all, and a search is windowed over its matches.
async fn a_long_register_is_windowed(db: &TestDb) {
    app::import::generate::generate_register(&db.db, 2000, 2030).await.unwrap();
    let (base, client, _) = serve(db).await;
    let (status, html) = get(&client, &format!("{base}/")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(html.matches("<tr data-row-id=").count(), 60, "the first window");
    assert_eq!(html.matches(r#"class="window-spacer""#).count(), 2);
    // Bagian of 25 rows: the third is cut by the window, and spans its part.
    for (number, span) in [(1, 25), (2, 25), (3, 10)] {
        let cell = format!(r#"<td rowspan="{span}" class="cell-no">{number}</td>"#);
        assert!(html.contains(&cell), "{cell}");
    }
    assert!(!html.contains(r#"class="cell-no">4</td>"#));
    assert!(html.contains(&format!("height:{}px;", (2000 - 60) * 140)), "estimated spacer");
    assert!(html.contains(r#"style="height:0px;""#), "nothing above the first window");
    assert!(html.contains(r#"href="?lengkap=1""#));

    let (_, whole) = get(&client, &format!("{base}/?lengkap=1")).await;
    assert_eq!(whole.matches("<tr data-row-id=").count(), 2000);
    assert!(!whole.contains("window-spacer"));

    let (_, found) = get(&client, &format!("{base}/?q=%231999")).await;
    assert_eq!(found.matches("<tr data-row-id=").count(), 1);
    assert!(found.contains(r#"href="?q=%231999&amp;lengkap=1""#), "the link keeps the filter");
    let (_, many) = get(&client, &format!("{base}/?q=Pelaksanaan")).await;
    assert_eq!(many.matches("<tr data-row-id=").count(), 60, "many matches: windowed");
}

/// The dashboard page is kept like the register's: the same until its
/// register changes, or its unit gains a year (the page lists the years);
/// an address the cache does not read plainly is rendered each time.
async fn the_dashboard_page_is_kept_per_register_version(db: &TestDb) {
    let (base, client, _) = serve(db).await;
    let unit = db.text("SELECT unit_id FROM register").await.unwrap();
    let year = db.text("SELECT year FROM register").await.unwrap();
    let page = async |query: &str| {
        let response = client.get(format!("{base}/dasbor?{query}")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{query}");
        let tag = response.headers().get(header::ETAG).map(|v| v.to_str().unwrap().to_owned());
        (tag, response.text().await.unwrap())
    };
    let address = format!("unit={unit}&tahun={year}");
    let (etag, first) = page(&address).await;
    let etag = etag.expect("a kept dashboard has an ETag");
    assert!(first.contains(&format!(r#"<option value="{year}" selected"#)));
    assert!(!first.contains(r#"<option value="2019""#));
    assert_eq!(page(&address).await, (Some(etag.clone()), first.clone()));
    let encoded = page(&format!("unit=%3{unit}&tahun={year}")).await;
    assert_eq!(encoded.0, None, "an encoded address is not read here");
    // A new year of the unit: every page of its other registers anew.
    app::import::generate::generate_register(&db.db, 3, 2019).await.unwrap();
    let (tag, after) = page(&address).await;
    assert_ne!(tag, Some(etag));
    assert!(after.contains(r#"<option value="2019""#), "the new year is offered");
}

on_both_databases!(
    the_dashboard_page_is_kept_per_register_version,
    a_long_register_is_windowed,
    the_page_cache_follows_the_register_version,
    the_filter_is_in_the_address,
    a_register_is_addressed_by_unit_and_year,
    concurrent_renders_all_succeed,
    register_page_holds_every_row,
    english_comes_from_the_cookie,
    the_language_form_works_without_javascript,
    cross_site_writes_are_refused,
    unknown_paths_get_a_real_404,
    the_register_is_readable_over_get,
    other_markup_is_escaped,
);
