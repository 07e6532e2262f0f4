//! Register pages and register dashboards as rendered, kept per register
//! version, language and address (a new year of a unit moves its other
//! registers' versions on: the dashboard lists the years). Every change to a register bumps its version (the one write
//! path does), and each request reads the version first, so a page is never
//! served stale, also when another instance made the change. The version is
//! also the page's `ETag`: a browser that has the page gets `304`. A kept
//! page is compressed once per encoding (brotli, gzip), not per request.
use app::auth::CurrentUser;
use app::i18n::locale_from_cookie_header;
use app::register::model::RegisterKey;
use app::register::repo::register_version;
use app::state::AppState;
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::sync::{Arc, OnceLock};

/// Bytes of pages kept; the least recently used go first.
const CAPACITY_BYTES: u64 = 64 * 1024 * 1024;
/// The largest page kept (a register of ~50,000 rows).
const MAX_PAGE_BYTES: usize = 48 * 1024 * 1024;

#[derive(Clone)]
pub struct PageCache(Arc<Inner>);

struct Inner {
    pages: quick_cache::sync::Cache<PageKey, Page, PageWeight>,
    /// Distinguishes this build and start of the server in `ETag`s: a page
    /// names the scripts of the build that rendered it.
    build: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct PageKey {
    register: i32,
    version: i32,
    locale: &'static str,
    /// Who it was rendered for (a hash of the user and their role and
    /// Bagian): the page shows their name and what they may change.
    viewer: u64,
    /// Path and query: the query carries the filter.
    address: String,
    /// The day in the Biro's time zone: what is overdue changes at midnight
    /// without a change to the register.
    day: chrono::NaiveDate,
}

#[derive(Clone)]
struct Page {
    body: Bytes,
    content_type: HeaderValue,
    /// The CSP nonce its scripts carry (see `security::KEPT_NONCE`).
    nonce: Option<HeaderValue>,
    /// The body compressed, made on first demand.
    brotli: Arc<OnceLock<Bytes>>,
    gzip: Arc<OnceLock<Bytes>>,
}

/// The encodings a kept page is served in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The best encoding `Accept-Encoding` allows (a `q=0` refuses one).
    fn chosen(headers: &HeaderMap) -> Self {
        let accepted = |name: &str| {
            headers
                .get_all(header::ACCEPT_ENCODING)
                .iter()
                .filter_map(|value| value.to_str().ok())
                .flat_map(|value| value.split(','))
                .any(|item| {
                    let mut parts = item.split(';').map(str::trim);
                    let coding = parts.next().unwrap_or_default();
                    let refused = parts.any(|param| {
                        param.strip_prefix("q=").is_some_and(|q| q.parse::<f32>() == Ok(0.0))
                    });
                    coding.eq_ignore_ascii_case(name) && !refused
                })
        };
        if accepted("br") {
            Self::Brotli
        } else if accepted("gzip") {
            Self::Gzip
        } else {
            Self::Identity
        }
    }
}

impl Page {
    fn new(body: Bytes, content_type: HeaderValue, nonce: Option<HeaderValue>) -> Self {
        Self { body, content_type, nonce, brotli: Arc::default(), gzip: Arc::default() }
    }

    /// The page in `encoding`; compressing off the async threads the first time.
    async fn encoded(self, encoding: Encoding) -> Response {
        let (slot, name) = match encoding {
            Encoding::Identity => return self.into_response(),
            Encoding::Brotli => (self.brotli.clone(), "br"),
            Encoding::Gzip => (self.gzip.clone(), "gzip"),
        };
        let body = self.body.clone();
        let encoded = tokio::task::spawn_blocking(move || {
            slot.get_or_init(|| compress(&body, encoding)).clone()
        })
        .await;
        let Ok(encoded) = encoded else { return self.into_response() };
        let mut response = Page { body: encoded, ..self }.into_response();
        response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
        response
    }
}

fn compress(body: &[u8], encoding: Encoding) -> Bytes {
    let mut out = Vec::with_capacity(body.len() / 8);
    match encoding {
        Encoding::Brotli => {
            // Quality 5: a few times smaller than gzip's cost for about its size.
            let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 5, 22);
            let _ = writer.write_all(body);
        }
        Encoding::Gzip => {
            let mut writer = flate2::write::GzEncoder::new(&mut out, flate2::Compression::new(6));
            let _ = writer.write_all(body);
            let _ = writer.finish();
        }
        Encoding::Identity => out.extend_from_slice(body),
    }
    Bytes::from(out)
}

#[derive(Clone)]
struct PageWeight;

impl quick_cache::Weighter<PageKey, Page> for PageWeight {
    fn weight(&self, key: &PageKey, page: &Page) -> u64 {
        (key.address.len() + page.body.len()) as u64
    }
}

impl Default for PageCache {
    fn default() -> Self {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_millis());
        let build = format!("{}.{started:x}", env!("CARGO_PKG_VERSION"));
        // One shard: shards split the capacity, and a page heavier than its
        // shard's part (8 MiB of 64 in 8 shards on two cores) is never kept.
        let options = quick_cache::OptionsBuilder::new()
            .estimated_items_capacity(1024)
            .weight_capacity(CAPACITY_BYTES)
            .shards(1)
            .build();
        let pages = match options {
            Ok(options) => quick_cache::sync::Cache::with_options(
                options,
                PageWeight,
                quick_cache::DefaultHashBuilder::default(),
                quick_cache::sync::DefaultLifecycle::default(),
            ),
            Err(_) => quick_cache::sync::Cache::with_weighter(1024, CAPACITY_BYTES, PageWeight),
        };
        Self(Arc::new(Inner { pages, build }))
    }
}

/// The register a page address shows, if it is a register page or the
/// dashboard of one. The dashboard names its register in the query
/// (`?unit=…&tahun=…`): only a plain one is read here (each at most once,
/// digits only, nothing encoded), so that the page rendered is surely of
/// the register read; any other is rendered each time.
fn register_of(path: &str, query: Option<&str>) -> Option<RegisterKey> {
    if path == "/" {
        return Some(RegisterKey::default());
    }
    if path == "/dasbor" {
        return dashboard_register(query.unwrap_or_default());
    }
    let rest = path.strip_prefix("/register/")?;
    let (unit, year) = rest.split_once('/')?;
    Some(RegisterKey::of(unit.parse().ok()?, year.parse().ok()?))
}

fn dashboard_register(query: &str) -> Option<RegisterKey> {
    if query.contains(['%', '+']) {
        return None;
    }
    let mut key = RegisterKey::default();
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let slot = match name {
            "unit" => &mut key.unit_id,
            "tahun" => &mut key.year,
            _ => continue,
        };
        if slot.is_some() || value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *slot = Some(value.parse().ok()?);
    }
    Some(key)
}

/// Serves register pages from the cache, or renders and keeps them.
pub async fn cached_pages(
    State((cache, state)): State<(PageCache, AppState)>,
    request: Request,
    next: Next,
) -> Response {
    let Some(key) = (request.method() == Method::GET)
        .then(|| register_of(request.uri().path(), request.uri().query()))
        .flatten()
    else {
        return next.run(request).await;
    };
    if !state.is_ready() {
        return next.run(request).await;
    }
    // A failure here is the page's to report: it meets the same database.
    let Ok(Some((register, version))) = register_version(&state.db, key).await else {
        return next.run(request).await;
    };
    // As the page reads it (`initial_locale`): the first Cookie header.
    let locale = request
        .headers()
        .get(header::COOKIE)
        .and_then(|value| value.to_str().ok())
        .and_then(locale_from_cookie_header)
        .unwrap_or_default()
        .tag();
    let address = request.uri().path_and_query().map_or("/", |pq| pq.as_str()).to_owned();
    let viewer = request.extensions().get::<CurrentUser>().map_or(0, |user| {
        let mut hasher = DefaultHasher::new();
        (user.id, &user.username, &user.display_name, user.role, &user.bagian).hash(&mut hasher);
        hasher.finish()
    });
    let day = app::db::today();
    let key = PageKey { register, version, locale, viewer, address, day };
    let encoding = Encoding::chosen(request.headers());
    if let Some(page) = cache.0.pages.get(&key) {
        // The tag names the nonce the kept page's scripts carry: a browser
        // that keeps this very page is told "not modified" with that same
        // nonce in its policy (the body it keeps runs); one that keeps an
        // older rendering (same version, another nonce) gets the page anew.
        let etag = cache.etag(&key, page.nonce.as_ref());
        if matches(request.headers(), &etag) {
            let mut response = StatusCode::NOT_MODIFIED.into_response();
            if let Some(nonce) = page.nonce {
                response.headers_mut().insert(crate::security::KEPT_NONCE, nonce);
            }
            return with_validators(response, etag);
        }
        return with_validators(page.encoded(encoding).await, etag);
    }
    let nonce = request
        .extensions()
        .get::<app::auth::CspNonce>()
        .and_then(|nonce| HeaderValue::from_str(&nonce.0).ok());
    let response = next.run(request).await;
    let keep = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|value| value.to_str().is_ok_and(|value| value.starts_with("text/html")));
    if !keep {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .cloned()
        .unwrap_or(HeaderValue::from_static("text/html; charset=utf-8"));
    let etag = cache.etag(&key, nonce.as_ref());
    let page = Page::new(body, content_type, nonce);
    cache.0.pages.insert(key, page.clone());
    with_validators(page.encoded(encoding).await, etag)
}

impl PageCache {
    /// The page's `ETag`: the build, register, version and language in
    /// clear, then a hash of the viewer, address, day and the nonce the
    /// page's scripts carry.
    fn etag(&self, key: &PageKey, nonce: Option<&HeaderValue>) -> HeaderValue {
        let mut rest = DefaultHasher::new();
        (key.viewer, &key.address, key.day).hash(&mut rest);
        nonce.map(HeaderValue::as_bytes).hash(&mut rest);
        let tag = format!(
            "W/\"{}-{}-{}-{}-{:x}\"",
            self.0.build,
            key.register,
            key.version,
            key.locale,
            rest.finish()
        );
        HeaderValue::from_str(&tag).unwrap_or(HeaderValue::from_static("W/\"0\""))
    }
}

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        let mut response = Response::new(Body::from(self.body));
        response.headers_mut().insert(header::CONTENT_TYPE, self.content_type);
        if let Some(nonce) = self.nonce {
            response.headers_mut().insert(crate::security::KEPT_NONCE, nonce);
        }
        response
    }
}

/// Whether the browser's `If-None-Match` names this page.
fn matches(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|tag| tag.trim() == "*" || tag.trim().as_bytes() == etag.as_bytes())
}

/// The page may be stored by the browser, but is checked with the server
/// each time; it differs by language and user, which the cookies carry.
fn with_validators(mut response: Response, etag: HeaderValue) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::ETAG, etag);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    headers.insert(header::VARY, HeaderValue::from_static("Cookie, Accept-Encoding"));
    response
}

#[cfg(test)]
mod tests;
