//! The Axum server of Benturan: the router (also used by the tests),
//! start-up, and the command line.
pub mod cli;
pub mod security;
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
use tower_http::{compression::CompressionLayer, limit::RequestBodyLimitLayer};

/// Largest request body accepted; server functions have no limit of their own.
const BODY_LIMIT_BYTES: usize = 1024 * 1024;

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
    options
}

/// The whole app with no public origin configured.
pub fn router(state: AppState) -> Router {
    router_with(state, PublicOrigin::default())
}

/// The whole app: pages, server functions, static files, and the layers that
/// guard them.
pub fn router_with(state: AppState, public: PublicOrigin) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(public, security::same_origin_writes))
        .layer(middleware::map_response(retry_after))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(CompressionLayer::new())
        .with_state(state)
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
