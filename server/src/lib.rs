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

/// Leptos settings: from cargo-leptos when it built the binary, otherwise the
/// defaults of `Cargo.toml` (so `cargo test` and a copied binary still work).
pub fn leptos_options() -> LeptosOptions {
    let from_cargo_leptos = option_env!("LEPTOS_OUTPUT_NAME").is_some()
        || std::env::var_os("LEPTOS_OUTPUT_NAME").is_some();
    if from_cargo_leptos && let Ok(conf) = get_configuration(None) {
        return conf.leptos_options;
    }
    let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
    LeptosOptions::builder().output_name("benturan").site_root(site_root).build()
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
