//! Live updates: every committed change of a register is announced as its
//! new version to every open page, on every server instance. A write
//! gathers the versions it makes (`register::write::Write`); after commit the
//! instance tells its own pages (`LiveHub::publish`), and on PostgreSQL the same
//! transaction sends `NOTIFY benturan_changes, 'register:version'`, which
//! the other instances' listeners pass to their pages. Events carry ids and
//! versions only; a page fetches what changed itself.
use serde::{Deserialize, Serialize};

/// A register's new version, as a page hears it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub register: i32,
    pub version: i32,
}

impl Change {
    /// `register:version`, the NOTIFY payload.
    pub fn payload(self) -> String {
        format!("{}:{}", self.register, self.version)
    }

    pub fn from_payload(payload: &str) -> Option<Self> {
        let (register, version) = payload.split_once(':')?;
        Some(Self { register: register.parse().ok()?, version: version.parse().ok()? })
    }
}

/// Someone opened (or closed) a row for editing: pages show who edits
/// which row. Nothing of it is stored; a page forgets a presence it has
/// not heard again within [`PRESENCE_TTL_SECS`] (an editor's page says it
/// again every [`PRESENCE_EVERY_SECS`] while the cell stays open).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub register: i32,
    pub row: i32,
    pub user: i32,
    /// The user's display name.
    pub name: String,
    pub editing: bool,
}

/// How often an open editor says it is still there.
pub const PRESENCE_EVERY_SECS: u64 = 20;
/// How long a presence lasts unless said again.
pub const PRESENCE_TTL_SECS: u64 = 60;

/// What one instance tells its pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Live {
    Change(Change),
    Presence(Presence),
}

impl Live {
    pub fn register(&self) -> i32 {
        match self {
            Self::Change(change) => change.register,
            Self::Presence(presence) => presence.register,
        }
    }
}

/// The NOTIFY payload of a presence: `p:ORIGIN:JSON`, where ORIGIN names the
/// instance that heard it first (it has told its own pages already).
pub fn presence_payload(origin: u64, presence: &Presence) -> String {
    format!("p:{origin}:{}", serde_json::to_string(presence).unwrap_or_default())
}

/// Reads a NOTIFY payload: a change, or a presence with its origin.
pub fn read_payload(payload: &str) -> Option<(Option<u64>, Live)> {
    match payload.strip_prefix("p:") {
        Some(rest) => {
            let (origin, json) = rest.split_once(':')?;
            let presence = serde_json::from_str(json).ok()?;
            Some((Some(origin.parse().ok()?), Live::Presence(presence)))
        }
        None => Some((None, Live::Change(Change::from_payload(payload)?))),
    }
}

/// The PostgreSQL channel of changes.
pub const CHANNEL: &str = "benturan_changes";

#[cfg(feature = "ssr")]
pub use hub::*;

#[cfg(feature = "ssr")]
mod hub {
    use super::{Change, Live, PRESENCE_TTL_SECS, Presence};
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};
    use tokio::sync::{broadcast, watch};

    /// Changes one slow page may fall behind by before it is told to catch
    /// up from the database instead (a slow page never holds up others).
    pub const BACKLOG: usize = 256;

    /// (register, row, user) of a presence.
    type PresenceKey = (i32, i32, i32);

    /// This instance's fan-out of changes to its open pages.
    #[derive(Clone, Debug)]
    pub struct LiveHub(Arc<Inner>);

    #[derive(Debug)]
    struct Inner {
        sender: broadcast::Sender<Live>,
        /// Names this instance in the presences it sends to the others.
        origin: u64,
        /// Who edits which row now, as heard by this instance: a page that
        /// opens is told at once. (register, row, user) to name and when heard.
        present: Mutex<HashMap<PresenceKey, (String, Instant)>>,
        /// The newest version told per register: the same change heard
        /// twice (from this instance and through NOTIFY) goes out once.
        told: Mutex<HashMap<i32, i32>>,
        /// Set when the server stops: open streams end.
        closed: watch::Sender<bool>,
    }

    impl Default for LiveHub {
        fn default() -> Self {
            let (sender, _) = broadcast::channel(BACKLOG);
            let (closed, _) = watch::channel(false);
            let origin = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |since| since.as_nanos() as u64)
                ^ u64::from(std::process::id()).rotate_left(32);
            Self(Arc::new(Inner {
                sender,
                origin,
                present: Mutex::default(),
                told: Mutex::default(),
                closed,
            }))
        }
    }

    impl LiveHub {
        /// Tells the open pages of `change.register`, unless they were told
        /// of this version or a newer one already.
        pub fn publish(&self, change: Change) {
            let newer = {
                let Ok(mut told) = self.0.told.lock() else { return };
                let last = told.entry(change.register).or_insert(i32::MIN);
                let newer = change.version > *last;
                *last = (*last).max(change.version);
                newer
            };
            if newer {
                // No page open: nobody to tell.
                let _ = self.0.sender.send(Live::Change(change));
            }
        }

        /// Tells the open pages of `presence.register` who edits which row.
        pub fn publish_presence(&self, presence: Presence) {
            if let Ok(mut present) = self.0.present.lock() {
                let key = (presence.register, presence.row, presence.user);
                if presence.editing {
                    present.insert(key, (presence.name.clone(), Instant::now()));
                } else {
                    present.remove(&key);
                }
                let ttl = Duration::from_secs(PRESENCE_TTL_SECS);
                present.retain(|_, (_, heard)| heard.elapsed() < ttl);
            }
            let _ = self.0.sender.send(Live::Presence(presence));
        }

        /// Who edits rows of `register` now, as far as this instance heard.
        pub fn present(&self, register: i32) -> Vec<Presence> {
            let ttl = Duration::from_secs(PRESENCE_TTL_SECS);
            let Ok(present) = self.0.present.lock() else { return Vec::new() };
            present
                .iter()
                .filter(|((of, _, _), (_, heard))| *of == register && heard.elapsed() < ttl)
                .map(|(&(register, row, user), (name, _))| Presence {
                    register,
                    row,
                    user,
                    name: name.clone(),
                    editing: true,
                })
                .collect()
        }

        /// This instance's name in the presences it sends to the others.
        pub fn origin(&self) -> u64 {
            self.0.origin
        }

        pub fn subscribe(&self) -> broadcast::Receiver<Live> {
            self.0.sender.subscribe()
        }

        /// Pages listening on this instance.
        pub fn listeners(&self) -> usize {
            self.0.sender.receiver_count()
        }

        /// Ends every open stream (the server is stopping).
        pub fn close(&self) {
            let _ = self.0.closed.send(true);
        }

        /// Resolves once the server stops.
        pub fn closed(&self) -> impl Future<Output = ()> + Send + 'static {
            let mut closed = self.0.closed.subscribe();
            async move {
                let _ = closed.wait_for(|closed| *closed).await;
            }
        }
    }

    /// Tells every instance listening on PostgreSQL (`NOTIFY`; inside a
    /// transaction, only if it commits). Nothing on SQLite, where one
    /// instance works alone.
    pub async fn notify(
        db: &impl sea_orm::ConnectionTrait,
        payload: String,
    ) -> Result<(), sea_orm::DbErr> {
        if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
            return Ok(());
        }
        let notify = sea_orm::Statement::from_sql_and_values(
            sea_orm::DatabaseBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [super::CHANNEL.into(), payload.into()],
        );
        db.execute_raw(notify).await.map(|_| ())
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn payloads_read_back() {
        let change = Change { register: 12, version: 345 };
        assert_eq!(change.payload(), "12:345");
        assert_eq!(Change::from_payload("12:345"), Some(change));
        for bad in ["", "12", "12:", "x:1", "1:2:3"] {
            assert_eq!(Change::from_payload(bad), None, "{bad}");
        }
    }

    #[tokio::test]
    async fn a_version_is_told_once_and_in_order() {
        let hub = LiveHub::default();
        let mut pages = hub.subscribe();
        for version in [2, 3, 3, 2, 4] {
            hub.publish(Change { register: 1, version });
        }
        hub.publish(Change { register: 9, version: 1 });
        let mut heard = Vec::new();
        while let Ok(Live::Change(change)) = pages.try_recv() {
            heard.push((change.register, change.version));
        }
        assert_eq!(heard, [(1, 2), (1, 3), (1, 4), (9, 1)]);
    }

    #[test]
    fn presence_payloads_read_back() {
        let presence =
            Presence { register: 3, row: 41, user: 7, name: "Budi: \"B\"".into(), editing: true };
        let payload = presence_payload(99, &presence);
        assert_eq!(read_payload(&payload), Some((Some(99), Live::Presence(presence))));
        let change = Change { register: 3, version: 8 };
        assert_eq!(read_payload("3:8"), Some((None, Live::Change(change))));
        for bad in ["p:", "p:1", "p:x:{}", "p:1:{", "p:1:{\"row\":1}"] {
            assert_eq!(read_payload(bad), None, "{bad}");
        }
    }

    #[tokio::test]
    async fn a_page_opening_hears_who_edits_now() {
        let hub = LiveHub::default();
        let budi =
            |row, editing| Presence { register: 1, row, user: 7, name: "Budi".into(), editing };
        hub.publish_presence(budi(10, true));
        hub.publish_presence(budi(11, true));
        hub.publish_presence(Presence { register: 2, ..budi(12, true) });
        hub.publish_presence(budi(10, false));
        assert_eq!(hub.present(1), vec![budi(11, true)]);
        assert_eq!(hub.present(2).len(), 1);
    }
}
