//! How a server function writes: in one write transaction as the web's
//! author, committed (or, a dry run, rolled back), the versions it made told
//! to this instance's pages after commit, a refusal logged.
use crate::error::AppError;
use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes through the web in this process: committed, and refused because
/// someone saved first (the operators' `/metrics`).
static SAVED: AtomicU64 = AtomicU64::new(0);
static CONFLICTS: AtomicU64 = AtomicU64::new(0);

/// (writes committed, writes refused as conflicts) in this process.
pub fn write_counts() -> (u64, u64) {
    (SAVED.load(Ordering::Relaxed), CONFLICTS.load(Ordering::Relaxed))
}

/// Runs `write` in a write transaction as the web's author and commits it;
/// errors carry their HTTP status.
pub(crate) async fn in_write<T>(
    write: impl AsyncFnOnce(&crate::register::write::Write<'_>) -> Result<T, AppError>,
) -> Result<T, AppError> {
    in_write_as(web_actor(), Commit::Yes, write).await
}

/// Whether a write transaction is committed or, a dry run, rolled back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Commit {
    Yes,
    No,
}

/// [`in_write`] as `actor`; with `Commit::No` everything is rolled back and
/// no page hears of it.
pub(crate) async fn in_write_as<T>(
    actor: crate::register::write::Actor,
    commit: Commit,
    write: impl AsyncFnOnce(&crate::register::write::Write<'_>) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let run = async {
        let db = crate::state::db()?;
        let txn = crate::db::begin_write(&db).await?;
        let writing = crate::register::write::Write::new(&txn, &actor);
        let value = write(&writing).await?;
        let made = writing.made();
        match commit {
            Commit::Yes => txn.commit().await?,
            Commit::No => txn.rollback().await?,
        }
        Ok((value, made))
    };
    let result = run.await;
    match &result {
        Ok(_) if commit == Commit::Yes => SAVED.fetch_add(1, Ordering::Relaxed),
        Err(AppError::Conflict { .. } | AppError::CellConflict { .. }) => {
            CONFLICTS.fetch_add(1, Ordering::Relaxed)
        }
        _ => 0,
    };
    if let Ok((_, made)) = &result
        && commit == Commit::Yes
    {
        // Committed: this instance's pages hear of it now (the others
        // through NOTIFY on PostgreSQL).
        with_context(|state: &crate::state::AppState| {
            for change in made {
                state.live.publish(*change);
            }
        });
    }
    if matches!(result, Err(AppError::Forbidden)) {
        log_refusal(&actor).await;
    }
    result.map(|(value, _)| value).map_err(AppError::with_http_status)
}

/// Logs a request the user's role does not allow, to the audit log.
pub(super) async fn log_refusal(actor: &crate::register::write::Actor) {
    let Ok(db) = crate::state::db() else { return };
    let path = use_context::<http::request::Parts>().map(|parts| parts.uri.path().to_owned());
    let logged = crate::auth::audit::record_refusal(
        &db,
        actor.user.as_ref(),
        actor.client.as_deref(),
        path.as_deref(),
    );
    if let Err(error) = logged.await {
        tracing::error!(%error, "a refused request could not be logged");
    }
}

/// The author of a change made through the web: the signed-in user (the
/// session layer lets no one else through), known also by their address.
pub(super) fn web_actor() -> crate::register::write::Actor {
    use crate::register::write::{Actor, Source};
    Actor {
        user: crate::auth::current_user(),
        source: Source::Web,
        client: crate::auth::request_client(),
    }
}
