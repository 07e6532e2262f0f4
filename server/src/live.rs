//! The live channel: `GET /api/events?register=ID&since=VERSION`, a stream
//! of Server-Sent Events naming each new version of the register, and on
//! PostgreSQL the listener that hears other instances' changes.
use crate::security::PublicOrigin;
use app::entities::register;
use app::live::{CHANNEL, Change, Live};
use app::state::AppState;
use axum::{
    Extension,
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{
        IntoResponse, Response,
        sse::{Event, KeepAlive, Sse},
    },
};
use futures_util::{StreamExt, stream};
use sea_orm::sqlx;
use sea_orm::{DatabaseConnection, EntityTrait, QuerySelect};
use serde::Deserialize;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

/// How often an idle stream says it is still there (proxies close silent
/// connections).
const KEEP_ALIVE: Duration = Duration::from_secs(20);
/// How long a browser waits before it reconnects after losing the stream.
const RETRY: Duration = Duration::from_secs(1);

#[derive(Deserialize)]
pub struct Listen {
    register: i32,
    /// The version the page shows.
    since: Option<i32>,
}

/// One page's stream: at once the register's version if the page is behind
/// (a reconnect after a restart or a network drop catches up) and who edits
/// which row now, then every new version (`change` events) and every row
/// opened or closed for editing (`presence` events). A page that falls too
/// far behind is sent the current version, read from the database, and
/// fetches from there.
pub async fn events(
    State(state): State<AppState>,
    Extension(public): Extension<PublicOrigin>,
    headers: HeaderMap,
    Query(listen): Query<Listen>,
) -> Response {
    // The handshake is a GET, but carries cookies: only our own pages.
    if !crate::security::is_same_origin(&headers, &public) {
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    if !state.is_ready() {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    // Subscribed before reading the version: nothing falls in between.
    let receiver = state.live.subscribe();
    // Register 0: every register's changes (ids and versions only), for
    // what follows them all (the header's count of actions falling due).
    let every = listen.register == 0;
    let current = match version_of(&state.db, listen.register).await {
        _ if every => 0,
        Ok(Some(version)) => version,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "live channel: cannot read the register");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let register = listen.register;
    let first = (!every && listen.since.is_none_or(|since| since < current))
        .then_some(Live::Change(Change { register, version: current }))
        .into_iter()
        .chain(state.live.present(register).into_iter().map(Live::Presence));
    let db = state.db.clone();
    let later = stream::unfold(receiver, move |mut receiver| {
        let db = db.clone();
        async move {
            loop {
                match receiver.recv().await {
                    Ok(Live::Presence(_)) if every => {}
                    Ok(live) if every || live.register() == register => {
                        return Some((live, receiver));
                    }
                    Ok(_) => {}
                    Err(RecvError::Lagged(missed)) => {
                        tracing::debug!(missed, "a slow page catches up from the database");
                        if let Ok(Some(version)) = version_of(&db, register).await {
                            return Some((Live::Change(Change { register, version }), receiver));
                        }
                    }
                    Err(RecvError::Closed) => return None,
                }
            }
        }
    });
    // Each version is told once, in order: the listener's catch-up after it
    // (re)connects may repeat what a NOTIFY told already.
    let told = std::sync::atomic::AtomicI32::new(listen.since.unwrap_or(0));
    let newer = move |live: &Live| {
        let new = match live {
            Live::Change(_) if every => true,
            Live::Change(change) => {
                told.fetch_max(change.version, std::sync::atomic::Ordering::Relaxed)
                    < change.version
            }
            Live::Presence(_) => true,
        };
        std::future::ready(new)
    };
    let changes =
        stream::iter(first).chain(later).filter(newer).take_until(state.live.closed()).map(
            |live| match live {
                Live::Change(change) => Event::default().event("change").json_data(change),
                Live::Presence(presence) => Event::default().event("presence").json_data(presence),
            },
        );
    let retry = stream::iter([Ok(Event::default().retry(RETRY).comment("benturan"))]);
    Sse::new(retry.chain(changes)).keep_alive(KeepAlive::new().interval(KEEP_ALIVE)).into_response()
}

async fn version_of(db: &DatabaseConnection, id: i32) -> Result<Option<i32>, sea_orm::DbErr> {
    register::Entity::find_by_id(id)
        .select_only()
        .column(register::Column::Version)
        .into_tuple::<i32>()
        .one(db)
        .await
}

/// On PostgreSQL: hears the changes every instance commits (`NOTIFY` from
/// the write path) and tells this instance's pages. After a lost connection
/// it listens again and tells every register's current version, so that no
/// change made meanwhile is missed.
pub fn spawn_listener(state: AppState) {
    if state.db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return;
    }
    let pool = state.db.get_postgres_connection_pool().clone();
    tokio::spawn(async move {
        let mut wait = Duration::from_millis(250);
        loop {
            if state.is_ready() {
                match listen(&state, &pool).await {
                    Ok(()) => return,
                    // The server is stopping.
                    Err(_) if pool.is_closed() => return,
                    Err(error) => tracing::warn!(%error, "live channel: listening again"),
                }
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(5));
        }
    });
}

async fn listen(state: &AppState, pool: &sqlx::PgPool) -> Result<(), sqlx::Error> {
    let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    catch_up(state).await;
    let closed = state.live.closed();
    tokio::pin!(closed);
    loop {
        tokio::select! {
            () = &mut closed => return Ok(()),
            notification = listener.try_recv() => match notification? {
                Some(notification) => match app::live::read_payload(notification.payload()) {
                    Some((None, Live::Change(change))) => state.live.publish(change),
                    // This instance's own presences were told already.
                    Some((Some(origin), Live::Presence(presence)))
                        if origin != state.live.origin() =>
                    {
                        state.live.publish_presence(presence);
                    }
                    _ => {}
                },
                // The connection was lost (the next call listens again):
                // what was said meanwhile is read from the registers.
                None => catch_up(state).await,
            },
        }
    }
}

/// Tells every register's current version (pages behind it fetch).
async fn catch_up(state: &AppState) {
    let versions = register::Entity::find()
        .select_only()
        .columns([register::Column::Id, register::Column::Version])
        .into_tuple::<(i32, i32)>()
        .all(&state.db)
        .await;
    for (register, version) in versions.unwrap_or_default() {
        state.live.publish(Change { register, version });
    }
}
