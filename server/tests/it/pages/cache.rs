//! Pages kept per register version, and a long register's window.
use super::*;

/// A page of `url` as `client` gets it, holding `etag` and sending `cookie`
/// when given: its status, ETag, Cache-Control and body.
async fn page(
    client: &reqwest::Client,
    url: String,
    etag: Option<String>,
    cookie: Option<&str>,
) -> (StatusCode, Option<String>, Option<header::HeaderValue>, String) {
    use reqwest::header::{CACHE_CONTROL, COOKIE, ETAG, IF_NONE_MATCH};
    let mut request = client.get(url);
    if let Some(etag) = etag {
        request = request.header(IF_NONE_MATCH, etag);
    }
    if let Some(cookie) = cookie {
        request = request.header(COOKIE, cookie.to_owned());
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let tag = response.headers().get(ETAG).map(|v| v.to_str().unwrap().to_owned());
    let control = response.headers().get(CACHE_CONTROL).cloned();
    (status, tag, control, response.text().await.unwrap())
}

/// Pages are kept per register version, language and address: asked again,
/// the page is the same and a browser holding it gets 304; a change saved
/// through another instance on the same database is on the next page at once.
#[apply(on_both_databases!)]
async fn the_page_cache_follows_the_register_version(db: &TestDb) {
    let (base, client, token) = serve(db).await;
    let (other, _, _) = serve(db).await;
    let english = format!("benturan_lang=en; benturan_session={token}");
    let (status, etag, control, first) = page(&client, format!("{base}/"), None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(control.unwrap(), "private, no-cache");
    let etag = etag.expect("a register page has an ETag");
    let (_, again_tag, _, again) = page(&client, format!("{base}/"), None, None).await;
    assert_eq!((again_tag.as_deref(), again.len()), (Some(etag.as_str()), first.len()));
    let (status, tag, _, body) = page(&client, format!("{base}/"), Some(etag.clone()), None).await;
    assert_eq!(
        (status, tag.as_deref(), body.as_str()),
        (StatusCode::NOT_MODIFIED, Some(etag.as_str()), "")
    );

    // Another language, another filter: other pages.
    let (_, english_tag, _, english) =
        page(&client, format!("{base}/"), Some(etag.clone()), Some(&english)).await;
    assert_ne!(english_tag.as_deref(), Some(etag.as_str()));
    assert!(english.contains("Root Cause"));
    let (_, _, _, filtered) =
        page(&client, format!("{base}/?q=tamu"), Some(etag.clone()), None).await;
    assert_eq!(filtered.matches("<tr data-row-id=").count(), 1);
    let (_, _, _, unfiltered) = page(&client, format!("{base}/"), None, None).await;
    assert_eq!(unfiltered.matches("<tr data-row-id=").count(), 13);

    let body = a_save_elsewhere_is_on_the_next_page(db, &client, &base, &other, &etag).await;
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
    let (status, tag, _, _) = page(&client, format!("{base}/tidak-ada"), None, None).await;
    assert_eq!((status, tag), (StatusCode::NOT_FOUND, None));
}

/// A save through the other instance at `other`: the next page of `base`,
/// though held with `etag`, has it. That page's body.
async fn a_save_elsewhere_is_on_the_next_page(
    db: &TestDb,
    client: &reqwest::Client,
    base: &str,
    other: &str,
    etag: &str,
) -> String {
    let id = db.text("SELECT id FROM risk WHERE code = 'BK-001'").await.unwrap();
    let old = db.text(&format!("SELECT penyebab FROM risk WHERE id = {id}")).await.unwrap();
    let editor = common::user_client(db, other, "admin.lain", app::auth::Role::Admin, &[]).await;
    let saved = editor
        .post(format!("{other}/api/save_cell"))
        .header(header::ORIGIN, other)
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
    let (status, new_tag, _, body) =
        page(client, format!("{base}/"), Some(etag.to_owned()), None).await;
    assert_eq!(status, StatusCode::OK, "the held page is stale now");
    assert_ne!(new_tag.as_deref(), Some(etag));
    assert!(body.contains("Disimpan di instans lain"));
    assert!(!body.contains(&format!(">{old}<")));
    body
}

/// A long register's page holds a window of rows and spacers for the rest;
/// `?lengkap=1` holds them all, and a search is windowed over its matches.
#[apply(on_both_databases!)]
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
#[apply(on_both_databases!)]
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
