//! Live updates: every committed change of a register is announced as its
//! new version to every open page, on every server instance. The write
//! path notes each version it makes (`note`); after commit the instance
//! tells its own pages (`LiveHub::publish`), and on PostgreSQL the same
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

/// The PostgreSQL channel of changes.
pub const CHANNEL: &str = "benturan_changes";

#[cfg(feature = "ssr")]
pub use hub::*;

#[cfg(feature = "ssr")]
mod hub {
    use super::Change;
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};
    use tokio::sync::{broadcast, watch};

    /// Changes one slow page may fall behind by before it is told to catch
    /// up from the database instead (a slow page never holds up others).
    pub const BACKLOG: usize = 256;

    /// This instance's fan-out of changes to its open pages.
    #[derive(Clone, Debug)]
    pub struct LiveHub(Arc<Inner>);

    #[derive(Debug)]
    struct Inner {
        sender: broadcast::Sender<Change>,
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
            Self(Arc::new(Inner { sender, told: Mutex::default(), closed }))
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
                let _ = self.0.sender.send(change);
            }
        }

        pub fn subscribe(&self) -> broadcast::Receiver<Change> {
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

    tokio::task_local! {
        static WRITTEN: RefCell<Vec<Change>>;
    }

    /// Notes a version the current write made (a no-op outside `collect`).
    pub fn note(change: Change) {
        let _ = WRITTEN.try_with(|written| written.borrow_mut().push(change));
    }

    /// Runs `write`, and returns with its result the versions it noted.
    pub async fn collect<T>(write: impl Future<Output = T>) -> (T, Vec<Change>) {
        WRITTEN
            .scope(RefCell::new(Vec::new()), async move {
                let value = write.await;
                let written = WRITTEN.with(|written| written.take());
                (value, written)
            })
            .await
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
        while let Ok(change) = pages.try_recv() {
            heard.push((change.register, change.version));
        }
        assert_eq!(heard, [(1, 2), (1, 3), (1, 4), (9, 1)]);
    }

    #[tokio::test]
    async fn writes_note_their_versions() {
        let (value, written) = collect(async {
            note(Change { register: 1, version: 7 });
            42
        })
        .await;
        assert_eq!((value, written), (42, vec![Change { register: 1, version: 7 }]));
        note(Change { register: 1, version: 8 });
    }
}
