//! Server state, handed to server functions as context by `leptos_routes`.
use crate::error::AppError;
use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;
use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    /// Set once migrations have run; until then every data request is a 503.
    pub schema_ready: Arc<AtomicBool>,
    /// This instance's open pages, told of every change.
    pub live: crate::live::LiveHub,
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, db: DatabaseConnection) -> Self {
        Self {
            leptos_options,
            db,
            schema_ready: Arc::new(AtomicBool::new(false)),
            live: crate::live::LiveHub::default(),
        }
    }

    pub fn mark_ready(&self) {
        self.schema_ready.store(true, Ordering::Release);
    }

    pub fn is_ready(&self) -> bool {
        self.schema_ready.load(Ordering::Acquire)
    }
}

/// The database for a server function, or 503 while it is not usable yet.
pub fn db() -> Result<DatabaseConnection, AppError> {
    // Borrowed, not cloned: this runs on every data request.
    let db = with_context(|state: &AppState| state.is_ready().then(|| state.db.clone()));
    match db {
        Some(Some(db)) => Ok(db),
        Some(None) => Err(AppError::Unavailable),
        None => {
            tracing::error!("AppState missing from the server function context");
            Err(AppError::Internal)
        }
    }
}
