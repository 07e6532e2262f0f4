//! The table following changes as they happen: the page listens to the live
//! channel (`/api/events`, Server-Sent Events, reconnecting by itself), and
//! on each newer version of its register reads the register again. Cells
//! and row versions change in place, leaving an open editor's text alone
//! (its save then meets the conflict rules); a change of the table's shape
//! (rows added, deleted or moved, Bagian changed) renders the table anew,
//! once no cell is being edited.
use crate::register::model::{RegisterView, RichText};
use leptos::prelude::*;
use rustc_hash::FxHashMap;

/// A row's state for as long as the table lives (its view may come and go
/// with the window): its version and its five cells as the server holds them.
#[derive(Clone, Copy)]
pub struct RowLive {
    pub version: RwSignal<i32>,
    pub cells: [RwSignal<RichText>; 5],
}

/// Every row's live state, by id. A row's signals are made the first time
/// its view asks (a long register shows a window of its rows), in the
/// table's owner so that they outlive the view.
#[derive(Clone, Copy)]
pub struct RowStore {
    rows: StoredValue<FxHashMap<i32, RowLive>>,
    /// The newest known version and cells of every row.
    known: StoredValue<FxHashMap<i32, (i32, [RichText; 5])>>,
    owner: StoredValue<Option<Owner>>,
    /// The table's shape: each Bagian with its name and rows, in order.
    shape: StoredValue<Vec<(i32, String, Vec<i32>)>>,
    /// Cells open for editing on the page.
    pub open_editors: RwSignal<usize>,
}

fn shape_of(register: &RegisterView) -> Vec<(i32, String, Vec<i32>)> {
    register
        .sections
        .iter()
        .map(|s| (s.bagian_id, s.name.clone(), s.rows.iter().map(|row| row.id).collect()))
        .collect()
}

fn known_of(register: &RegisterView) -> FxHashMap<i32, (i32, [RichText; 5])> {
    register
        .sections
        .iter()
        .flat_map(|section| &section.rows)
        .map(|row| (row.id, (row.version, row.cells().map(Clone::clone))))
        .collect()
}

impl RowStore {
    pub fn new(register: &RegisterView) -> Self {
        Self {
            rows: StoredValue::new(FxHashMap::default()),
            known: StoredValue::new(known_of(register)),
            owner: StoredValue::new(Owner::current()),
            shape: StoredValue::new(shape_of(register)),
            open_editors: RwSignal::new(0),
        }
    }

    pub fn row(&self, id: i32) -> Option<RowLive> {
        if let Some(live) = self.rows.try_with_value(|rows| rows.get(&id).copied()).flatten() {
            return Some(live);
        }
        let (version, cells) = self.known.try_with_value(|known| known.get(&id).cloned())??;
        let make =
            move || RowLive { version: RwSignal::new(version), cells: cells.map(RwSignal::new) };
        let live = match self.owner.try_get_value().flatten() {
            Some(owner) => owner.with(make),
            None => make(),
        };
        self.rows.try_update_value(|rows| rows.insert(id, live));
        Some(live)
    }

    /// Takes in a newer reading of the register: cells and versions change
    /// in place. `false` if the table's shape changed (it must be rendered
    /// anew; nothing was changed here).
    /// (A table already gone takes nothing in: its answer arrived late.)
    pub fn apply(&self, register: &RegisterView) -> bool {
        if self.shape.try_with_value(|shape| *shape == shape_of(register)) != Some(true) {
            return false;
        }
        self.known.try_set_value(known_of(register));
        for row in register.sections.iter().flat_map(|section| &section.rows) {
            let Some(live) = self.rows.try_with_value(|rows| rows.get(&row.id).copied()).flatten()
            else {
                continue;
            };
            if live.version.try_get_untracked().is_none_or(|version| version == row.version) {
                continue;
            }
            for (signal, cell) in live.cells.iter().zip(row.cells()) {
                if signal.try_with_untracked(|stored| stored != cell) == Some(true) {
                    signal.set(cell.clone());
                }
            }
            live.version.set(row.version);
        }
        true
    }
}

/// Follows the register's changes for as long as the table lives.
pub fn follow_changes(
    register: &RegisterView,
    store: RowStore,
    editing: Option<super::RowEditing>,
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
    listen(id, known, catch_up);
    #[cfg(not(feature = "hydrate"))]
    let _ = (id, catch_up);
}

/// Opens the event stream (the browser reconnects by itself, and the
/// server tells a page that reconnects behind the current version).
#[cfg(feature = "hydrate")]
fn listen(register: i32, known: StoredValue<i32>, catch_up: impl Fn() + Clone + 'static) {
    use wasm_bindgen::{JsCast, closure::Closure};
    let url = format!("/api/events?register={register}&since={}", known.get_value());
    let Ok(source) = web_sys::EventSource::new(&url) else { return };
    let on_change =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let Some(data) = event.data().as_string() else { return };
            let Ok(change) = serde_json::from_str::<crate::live::Change>(&data) else { return };
            if change.register == register
                && known.try_get_value().is_some_and(|v| change.version > v)
            {
                catch_up();
            }
        });
    let _ = source.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    let source = send_wrapper::SendWrapper::new((source, on_change));
    on_cleanup(move || source.0.close());
}
