//! Following the register's changes and colleagues' presence on the live
//! channel, and telling the server the user's own.
use super::RowStore;
#[cfg(feature = "hydrate")]
use crate::live::Presence;
use crate::register::model::RegisterView;
use leptos::prelude::*;

/// Tells the server the user opened (`true`) or closed a row's cell for
/// editing; while open, says it again every `PRESENCE_EVERY_SECS`. Returns
/// what stops the repeating.
pub fn announce_editing(row: i32) -> impl Fn() + Clone + Send + Sync + 'static {
    let say = move |editing: bool| {
        leptos::task::spawn_local(async move {
            // Presence is a courtesy: a failure costs nothing but the badge.
            let _ = crate::register::edit::announce_editing(row, editing).await;
        });
    };
    say(true);
    let every = std::time::Duration::from_secs(crate::live::PRESENCE_EVERY_SECS);
    let repeat = set_interval_with_handle(move || say(true), every).ok();
    let stopped = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    move || {
        if !stopped.swap(true, std::sync::atomic::Ordering::Relaxed) {
            if let Some(repeat) = repeat {
                repeat.clear();
            }
            say(false);
        }
    }
}

/// Follows the register's changes for as long as the table lives.
pub fn follow_changes(
    register: &RegisterView,
    store: RowStore,
    editing: Option<super::super::RowEditing>,
) {
    let i18n = crate::i18n::use_i18n();
    let (id, unit, year) = (register.id, register.unit_id, register.year);
    let known = StoredValue::new(register.version);
    // A change of shape seen while someone edits waits for the editor.
    let pending = RwSignal::new(false);
    let reloading = move || editing.is_some_and(|e| e.reloading.try_get_value() != Some(false));
    let catch_up = move || {
        // A reload under way (the user's own row operation) brings the
        // newest register; the table it makes listens from there.
        if reloading() {
            return;
        }
        leptos::task::spawn_local(async move {
            let Some(since) = known.try_get_value() else { return };
            // The rows changed since the version shown, when the shape held.
            if let Ok(delta) = crate::register::api::changes_since(id, since).await {
                if known.try_get_value().is_none_or(|known| delta.version <= known) {
                    return;
                }
                if let Some(rows) = delta.rows
                    && store.apply_rows(delta.version, &rows)
                {
                    known.try_set_value(delta.version);
                    return;
                }
            }
            let Ok(Some(newer)) = crate::register::api::get_register(Some(unit), Some(year)).await
            else {
                return;
            };
            // The table may be gone meanwhile (a reload): then nothing to do.
            if known.try_get_value().is_none_or(|known| newer.version <= known) {
                return;
            }
            if store.apply(&newer) {
                known.try_set_value(newer.version);
            } else if !reloading() {
                pending.try_set(true);
            }
        });
    };
    Effect::new(move |_| {
        // (`try_`: a run queued before the table went away finds it gone.)
        if pending.try_get() == Some(true) && store.open_editors.try_get() == Some(0) {
            pending.set(false);
            if reloading() {
                return;
            }
            if let Some(editing) = editing {
                // The user's own row operation says what it did (and offers
                // its undo): that notice stays.
                if editing.notice.with_untracked(Option::is_none) {
                    editing.notice.set(Some(i18n.t().table_updated.to_owned()));
                }
                editing.reload.run(());
            }
        }
    });
    #[cfg(feature = "hydrate")]
    {
        listen(id, known, Some(store), catch_up);
        // Presences not said again expire.
        let every = std::time::Duration::from_secs(10);
        if let Ok(expiring) = set_interval_with_handle(move || store.expire(), every) {
            on_cleanup(move || expiring.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (id, catch_up);
}

/// Opens the event stream. The browser reconnects by itself after a
/// dropped connection, and the server tells a page that reconnects behind
/// the current version. A stream the browser gives up on (the server
/// answered 503 while starting, or 401) is opened anew, after a pause that
/// grows with each failure.
#[cfg(feature = "hydrate")]
pub fn listen(
    register: i32,
    known: StoredValue<i32>,
    store: Option<RowStore>,
    catch_up: impl Fn() + Clone + 'static,
) {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use wasm_bindgen::{JsCast, closure::Closure};
    type Handler = Closure<dyn Fn(web_sys::Event)>;
    /// The open stream and its handlers (dropped with it).
    type Open = Option<(web_sys::EventSource, Vec<Handler>)>;
    /// Opens the stream (again).
    type Connect = Option<Rc<dyn Fn()>>;
    let open: Rc<RefCell<Open>> = Rc::default();
    let connect: Rc<RefCell<Connect>> = Rc::default();
    let failures = Rc::new(Cell::new(0u32));
    let again = Rc::downgrade(&connect);
    let stream = open.clone();
    let run: Rc<dyn Fn()> = Rc::new(move || {
        let Some(since) = known.try_get_value() else { return };
        let url = format!("/api/events?register={register}&since={since}");
        let Ok(source) = web_sys::EventSource::new(&url) else { return };
        let catch_up = catch_up.clone();
        let on_change = Handler::new(move |event: web_sys::Event| {
            let Some(data) =
                event.dyn_ref::<web_sys::MessageEvent>().and_then(|e| e.data().as_string())
            else {
                return;
            };
            let Ok(change) = serde_json::from_str::<crate::live::Change>(&data) else { return };
            if change.register == register
                && known.try_get_value().is_some_and(|v| change.version > v)
            {
                catch_up();
            }
        });
        let on_presence = Handler::new(move |event: web_sys::Event| {
            let Some(data) =
                event.dyn_ref::<web_sys::MessageEvent>().and_then(|e| e.data().as_string())
            else {
                return;
            };
            if let Ok(presence) = serde_json::from_str::<Presence>(&data)
                && presence.register == register
                && let Some(store) = store
            {
                store.hear(presence);
            }
        });
        let opened = failures.clone();
        let on_open = Handler::new(move |_| opened.set(0));
        let (given_up, again, failures) = (source.clone(), again.clone(), failures.clone());
        let on_error = Handler::new(move |_| {
            if given_up.ready_state() != web_sys::EventSource::CLOSED {
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
        });
        for (name, handler) in [
            ("change", &on_change),
            ("presence", &on_presence),
            ("open", &on_open),
            ("error", &on_error),
        ] {
            let _ = source.add_event_listener_with_callback(name, handler.as_ref().unchecked_ref());
        }
        let handlers = vec![on_change, on_presence, on_open, on_error];
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
