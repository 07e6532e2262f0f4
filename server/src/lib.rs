//! The Axum server of Benturan: the router (also used by the tests),
//! start-up, and the command line.
pub mod cache;
pub mod cli;
pub mod client;
pub mod commands;
pub mod documents;
pub mod health;
pub mod input;
pub mod live;
pub mod metrics;
pub mod reminders;
pub mod security;
pub mod session;
pub mod startup;

use app::{App, shell, state::AppState};
use axum::{
    Router,
    http::{HeaderValue, StatusCode, header},
    middleware,
    response::Response,
};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use security::PublicOrigin;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;

/// Largest request body accepted; server functions have no limit of their own.
const BODY_LIMIT_BYTES: usize = 1024 * 1024;
/// A workbook upload's: the file and the form around it.
const UPLOAD_LIMIT_BYTES: usize = app::import::api::MAX_UPLOAD_BYTES + 64 * 1024;

/// Seconds a client is asked to wait when the database is briefly unavailable.
pub const RETRY_AFTER_SECONDS: u64 = 5;

/// Leptos settings from the `LEPTOS_*` variables cargo-leptos sets (at build
/// and run time), with this app's name when a plain `cargo build` or `cargo
/// test` built the binary.
pub fn leptos_options() -> LeptosOptions {
    let mut options = match get_configuration(None) {
        Ok(conf) => conf.leptos_options,
        Err(error) => {
            tracing::warn!(%error, "invalid LEPTOS_* settings; using the defaults");
            LeptosOptions::builder().output_name("benturan").build()
        }
    };
    if options.output_name.is_empty() {
        options.output_name = "benturan".into();
    }
    // A release build by cargo-leptos names its files by their content and
    // leaves their hashes in `hash.txt` beside the binary; the binary run
    // directly (`./x run`, the tests) has no LEPTOS_HASH_FILES to say so.
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        let beside = std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.join(&*options.hash_file)));
        options.hash_files = beside.is_some_and(|file| file.is_file());
    }
    options
}

/// How the app meets the network: where browsers reach it from, and which
/// proxies stand between (nothing configured by default).
#[derive(Clone, Debug, Default)]
pub struct Edge {
    pub public: PublicOrigin,
    pub proxies: client::TrustedProxies,
}

/// The whole app with no public origin or proxies configured.
pub fn router(state: AppState) -> Router {
    router_with(state, Edge::default())
}

/// The whole app: pages, server functions, static files, and the layers that
/// guard them.
pub fn router_with(state: AppState, edge: Edge) -> Router {
    let Edge { public, proxies } = edge;
    live::spawn_listener(state.clone());
    let routes = route_list();
    let options = state.leptos_options.clone();
    Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                // The dashboards' figures, kept per register version.
                let figures = app::dashboard::repo::FigureCache::default();
                move || {
                    provide_context(state.clone());
                    provide_context(figures.clone());
                }
            },
            move || shell(options.clone()),
        )
        .merge(session::routes(session::CookiePolicy { secure: public.is_https() }))
        .route("/api/events", axum::routing::get(live::events))
        .route("/healthz", axum::routing::get(health::healthz))
        .route("/metrics", axum::routing::get(metrics::metrics))
        .merge(documents::routes())
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(
            (cache::PageCache::default(), state.clone()),
            cache::cached_pages,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), session::require_user))
        .layer(middleware::from_fn_with_state(
            hashed_assets(&state.leptos_options),
            immutable_assets,
        ))
        .layer(middleware::from_fn_with_state(public.clone(), security::same_origin_writes))
        .layer(middleware::from_fn_with_state(public.clone(), security::security_headers))
        .layer(axum::Extension(public))
        .layer(middleware::from_fn(input::well_formed))
        .layer(middleware::from_fn_with_state(proxies, client::client_address))
        .layer(middleware::map_response(retry_after))
        .layer(middleware::from_fn(limit_body))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn(metrics::count_requests))
        .with_state(state)
}

/// The app's routes, walked once per process. Walking them suppresses every
/// resource's load process-wide while it runs (leptos_server's global
/// `SuppressResourceLoad`): a page rendering meanwhile, on a router built
/// before, would wait for its data forever. Several routers live in one
/// process in the tests (one per test server).
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The build's scripts, WASM and styles carry a hash of their content in
/// their names (cargo-leptos `hash-files`): a browser keeps them for good.
async fn immutable_assets(
    axum::extract::State(hashed): axum::extract::State<Option<Arc<str>>>,
    request: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    let path = request.uri().path();
    let keep = if hashed.is_some_and(|prefix| path.starts_with(&*prefix)) {
        Some("public, max-age=31536000, immutable")
    } else if path == "/favicon.svg" {
        // Chromium asks for the icon again at each change of the address
        // (the search box writes it as the user types): a day is plenty.
        Some("public, max-age=86400")
    } else {
        None
    };
    let mut response = next.run(request).await;
    if let Some(keep) = keep
        && response.status() == StatusCode::OK
    {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(keep));
    }
    response
}

/// "/pkg/" when the build's files have hashed names.
fn hashed_assets(options: &LeptosOptions) -> Option<Arc<str>> {
    options.hash_files.then(|| format!("/{}/", options.site_pkg_dir).into())
}

/// Bounds every request body (413 past it): a megabyte, more for the
/// workbook upload, whose own reading refuses a file past its limit by name.
async fn limit_body(request: axum::extract::Request, next: middleware::Next) -> Response {
    let limit = if request.uri().path() == app::import::api::ENDPOINT {
        UPLOAD_LIMIT_BYTES
    } else {
        BODY_LIMIT_BYTES
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return axum::response::IntoResponse::into_response(StatusCode::PAYLOAD_TOO_LARGE);
    }
    let (parts, body) = request.into_parts();
    let body = axum::body::Body::new(http_body_util::Limited::new(body, limit));
    next.run(axum::extract::Request::from_parts(parts, body)).await
}

/// A 503 says when to try again: the database is restarting or busy, and
/// comes back by itself.
async fn retry_after(mut response: Response) -> Response {
    if response.status() == StatusCode::SERVICE_UNAVAILABLE {
        response
            .headers_mut()
            .entry(header::RETRY_AFTER)
            .or_insert(HeaderValue::from(RETRY_AFTER_SECONDS));
    }
    response
}
