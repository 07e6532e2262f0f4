//! Following the register's changes and colleagues' presence on the live
//! channel, and telling the server the user's own.
use super::RowStore;
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
        super::stream::listen(id, known, Some(store), catch_up);
        // Presences not said again expire.
        let every = std::time::Duration::from_secs(10);
        if let Ok(expiring) = set_interval_with_handle(move || store.expire(), every) {
            on_cleanup(move || expiring.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (id, catch_up);
}
