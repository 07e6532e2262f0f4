//! The Axum server of Benturan: the router (also used by the tests),
//! start-up, and the command line.
pub mod cli;
mod security;
pub mod startup;

use app::{App, shell, state::AppState};
use axum::{Router, middleware};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::{compression::CompressionLayer, limit::RequestBodyLimitLayer};

/// Largest request body accepted; server functions have no limit of their own.
const BODY_LIMIT_BYTES: usize = 1024 * 1024;

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

/// The whole app: pages, server functions, static files, and the layers that
/// guard them.
pub fn router(state: AppState) -> Router {
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
        .layer(middleware::from_fn(security::same_origin_writes))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(CompressionLayer::new())
        .with_state(state)
}
