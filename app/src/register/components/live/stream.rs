//! The page's event stream (`/api/events`): each newer version of the
//! register, and colleagues' presence. The browser reconnects by itself
//! after a dropped connection, and the server tells a page that reconnects
//! behind the current version. A stream the browser gives up on (the server
//! answered 503 while starting, or 401) is opened anew, after a pause that
//! grows with each failure.
//!
//! Written here rather than through `leptos-use`'s `use_event_source`: that
//! one keeps the last message in a signal (two events in one tick would
//! read as one: a presence lost behind a change), reopens at a fixed pause
//! (a signed-out page would knock every few seconds for good), and reopens
//! whenever its address changes, where a stream here keeps one address
//! until it must be reopened, then asks from the version the page shows.
use super::RowStore;
use crate::live::{Change, Presence};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{Event, EventSource, MessageEvent};

type Handler = Closure<dyn Fn(Event)>;
/// The open stream and its handlers (dropped with it).
type Open = Option<(EventSource, Vec<Handler>)>;
/// Opens the stream (again).
type Connect = Option<Rc<dyn Fn()>>;

/// Opens the event stream of register `register` from version `known`:
/// `catch_up` on each newer version, presence to `store`. Register 0 (and
/// `known` 0): every register's changes.
pub fn listen(
    register: i32,
    known: StoredValue<i32>,
    store: Option<RowStore>,
    catch_up: impl Fn() + Clone + 'static,
) {
    let open: Rc<RefCell<Open>> = Rc::default();
    let connect: Rc<RefCell<Connect>> = Rc::default();
    let failures = Rc::new(Cell::new(0u32));
    let again = Rc::downgrade(&connect);
    let stream = open.clone();
    let run: Rc<dyn Fn()> = Rc::new(move || {
        let Some(since) = known.try_get_value() else { return };
        let url = format!("/api/events?register={register}&since={since}");
        let Ok(source) = EventSource::new(&url) else { return };
        let catch_up = catch_up.clone();
        let on_change = on_message(move |data| {
            let Ok(change) = serde_json::from_str::<Change>(data) else { return };
            // Register 0: every register's changes (the header's badge).
            if (register == 0 || change.register == register)
                && known.try_get_value().is_some_and(|v| change.version > v)
            {
                catch_up();
            }
        });
        let on_presence = on_message(move |data| {
            if let Ok(presence) = serde_json::from_str::<Presence>(data)
                && presence.register == register
                && let Some(store) = store
            {
                store.hear(presence);
            }
        });
        let opened = failures.clone();
        let on_open = Handler::new(move |_| opened.set(0));
        let on_error = reopen_when_closed(source.clone(), again.clone(), failures.clone());
        let handlers = [
            ("change", on_change),
            ("presence", on_presence),
            ("open", on_open),
            ("error", on_error),
        ];
        for (name, handler) in &handlers {
            let _ = source.add_event_listener_with_callback(name, handler.as_ref().unchecked_ref());
        }
        let handlers = handlers.into_iter().map(|(_, handler)| handler).collect();
        if let Some((old, _)) = stream.borrow_mut().replace((source, handlers)) {
            old.close();
        }
    });
    *connect.borrow_mut() = Some(run);
    if let Some(connect) = connect.borrow().clone() {
        connect();
    }
    let held = send_wrapper::SendWrapper::new((open, connect));
    on_cleanup(move || {
        let (open, connect) = &*held;
        // Breaks the cycle of the reconnecting closure, and closes the stream.
        connect.borrow_mut().take();
        if let Some((source, _)) = open.borrow_mut().take() {
            source.close();
        }
    });
}

/// A handler of the stream's messages, given their data as text.
fn on_message(read: impl Fn(&str) + 'static) -> Handler {
    Handler::new(move |event: Event| {
        let data = event.dyn_ref::<MessageEvent>().and_then(|event| event.data().as_string());
        if let Some(data) = data {
            read(&data);
        }
    })
}

/// The error handler: a stream the browser closed for good is opened again
/// (`again`), after a pause that grows with each failure in a row.
fn reopen_when_closed(
    source: EventSource,
    again: Weak<RefCell<Connect>>,
    failures: Rc<Cell<u32>>,
) -> Handler {
    Handler::new(move |_| {
        if source.ready_state() != EventSource::CLOSED {
            return;
        }
        let failed = failures.get() + 1;
        failures.set(failed);
        let pause = std::time::Duration::from_secs(u64::from(failed.min(15)) * 2);
        let again = again.clone();
        set_timeout(
            move || {
                if let Some(connect) = again.upgrade().and_then(|c| c.borrow().clone()) {
                    connect();
                }
            },
            pause,
        );
    })
}
