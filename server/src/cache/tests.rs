#![allow(clippy::unwrap_used)]

use super::*;

#[test]
fn register_pages_are_recognised() {
    assert_eq!(register_of("/", Some("q=x")), Some(RegisterKey::default()));
    assert_eq!(register_of("/register/3/2026", None), Some(RegisterKey::of(3, 2026)));
    for other in ["/register/x/2026", "/register/3", "/api/get_register", "/pkg/app.js"] {
        assert_eq!(register_of(other, None), None, "{other}");
    }
}

#[test]
fn only_plain_dashboard_addresses_are_kept() {
    let dashboard = |query| register_of("/dasbor", query);
    assert_eq!(dashboard(None), Some(RegisterKey::default()));
    assert_eq!(dashboard(Some("unit=3&tahun=2026")), Some(RegisterKey::of(3, 2026)));
    let year_only = RegisterKey { unit_id: None, year: Some(2025) };
    assert_eq!(dashboard(Some("tahun=2025&lain=x")), Some(year_only));
    // What the page might read otherwise than here is rendered each time.
    for query in ["unit=3&unit=4", "unit=%33", "unit=+3", "unit=", "unit=x", "tahun=99999999999"] {
        assert_eq!(dashboard(Some(query)), None, "{query}");
    }
}

#[test]
fn a_page_as_large_as_allowed_is_kept() {
    let cache = PageCache::default();
    let key = PageKey {
        register: 1,
        version: 1,
        locale: "id",
        viewer: 0,
        address: "/dasbor".to_owned(),
        day: chrono::NaiveDate::MIN,
    };
    let body = Bytes::from(vec![b'x'; MAX_PAGE_BYTES]);
    let page = Page::new(body, HeaderValue::from_static("text/html"), None);
    cache.0.pages.insert(key.clone(), page);
    assert!(cache.0.pages.get(&key).is_some_and(|page| page.body.len() == MAX_PAGE_BYTES));
}

#[test]
fn the_best_accepted_encoding_is_chosen() {
    let with = |value: &'static str| {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(value));
        Encoding::chosen(&headers)
    };
    assert_eq!(Encoding::chosen(&HeaderMap::new()), Encoding::Identity);
    assert_eq!(with("gzip, deflate, br, zstd"), Encoding::Brotli);
    assert_eq!(with("gzip"), Encoding::Gzip);
    assert_eq!(with("br;q=0, gzip;q=0.5"), Encoding::Gzip);
    assert_eq!(with("identity"), Encoding::Identity);
}

#[test]
fn compressed_pages_decode_to_the_page() {
    let page = "<tr><td>Benturan kepentingan</td></tr>".repeat(500);
    let brotli = compress(page.as_bytes(), Encoding::Brotli);
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut &brotli[..], &mut decoded).unwrap();
    assert_eq!(decoded, page.as_bytes());
    assert!(brotli.len() < page.len() / 10);
    let gzip = compress(page.as_bytes(), Encoding::Gzip);
    let mut decoded = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gzip[..]), &mut decoded)
        .unwrap();
    assert_eq!(decoded, page);
}

#[test]
fn validators_match_exactly() {
    let etag = HeaderValue::from_static("W/\"a-1-2-id-f\"");
    let mut headers = HeaderMap::new();
    assert!(!matches(&headers, &etag));
    headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("W/\"a-1-1-id-f\""));
    assert!(!matches(&headers, &etag));
    headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"x\", W/\"a-1-2-id-f\""));
    assert!(matches(&headers, &etag));
}
