//! The table following changes as they happen: the page listens to the live
//! channel (`/api/events`, Server-Sent Events, reconnecting by itself), and
//! on each newer version of its register reads the rows changed since the
//! version it shows (the whole register when the table's shape changed). Cells
//! and row versions change in place, leaving an open editor's text alone
//! (its save then meets the conflict rules); a change of the table's shape
//! (rows added, deleted or moved, Bagian changed) renders the table anew,
//! once no cell is being edited. The same stream says who opens which row
//! for editing (presence), shown on the row.
use crate::live::Presence;
use crate::register::filter::SearchIndex;
use crate::register::model::{Assessment, RegisterView, RichText, RiskRowView};
use leptos::prelude::*;
use rustc_hash::FxHashMap;

/// A row's state for as long as the table lives (its view may come and go
/// with the window): its version and its five cells as the server holds
/// them, its open review notes, and who else is editing it now.
#[derive(Clone, Copy)]
pub struct RowLive {
    pub version: RwSignal<i32>,
    pub cells: [RwSignal<RichText>; 5],
    pub notes: RwSignal<u32>,
    /// The names of the colleagues editing the row now.
    pub editors: RwSignal<Vec<String>>,
    /// Identification, assessment and control tracking.
    pub assessment: RwSignal<Assessment>,
}

impl RowLive {
    /// A row's state on its own (no table around it).
    pub fn of(row: &crate::register::model::RiskRowView) -> Self {
        Self {
            version: RwSignal::new(row.version),
            cells: row.cells().map(|cell| RwSignal::new(cell.clone())),
            notes: RwSignal::new(row.notes),
            editors: RwSignal::new(Vec::new()),
            assessment: RwSignal::new(row.assessment.clone()),
        }
    }
}

/// A colleague editing a row, until when (ms since the epoch) unless heard again.
#[derive(Clone, Debug)]
struct Editor {
    user: i32,
    name: String,
    until: f64,
}

/// What the store knows of a row: version, cells, open notes, assessment.
type Known = (i32, [RichText; 5], u32, Assessment);

/// Every row's live state, by id. A row's signals are made the first time
/// its view asks (a long register shows a window of its rows), in the
/// table's owner so that they outlive the view.
#[derive(Clone, Copy)]
pub struct RowStore {
    rows: StoredValue<FxHashMap<i32, RowLive>>,
    /// The newest known version, cells and open notes of every row.
    known: StoredValue<FxHashMap<i32, Known>>,
    /// Who edits which row now (other users only).
    present: StoredValue<FxHashMap<i32, Vec<Editor>>>,
    /// The signed-in user, whose own presence is not shown.
    me: Option<i32>,
    /// The register's version the table shows.
    pub version: RwSignal<i32>,
    owner: StoredValue<Option<Owner>>,
    /// The table's shape: each Bagian with its name and rows, in order.
    shape: StoredValue<Vec<(i32, String, Vec<i32>)>>,
    /// Cells open for editing on the page.
    pub open_editors: RwSignal<usize>,
    /// Every row's text for the filter, kept up with saves and changes.
    pub index: StoredValue<SearchIndex>,
}

fn shape_of(register: &RegisterView) -> Vec<(i32, String, Vec<i32>)> {
    register
        .sections
        .iter()
        .map(|s| (s.bagian_id, s.name.clone(), s.rows.iter().map(|row| row.id).collect()))
        .collect()
}

fn known_of(register: &RegisterView) -> FxHashMap<i32, Known> {
    register
        .sections
        .iter()
        .flat_map(|section| &section.rows)
        .map(|row| {
            let known =
                (row.version, row.cells().map(Clone::clone), row.notes, row.assessment.clone());
            (row.id, known)
        })
        .collect()
}

/// Milliseconds since the epoch, by the browser's clock.
fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    return js_sys::Date::now();
    #[cfg(not(feature = "hydrate"))]
    0.0
}

impl RowStore {
    pub fn new(register: &RegisterView, me: Option<i32>) -> Self {
        Self {
            rows: StoredValue::new(FxHashMap::default()),
            known: StoredValue::new(known_of(register)),
            present: StoredValue::new(FxHashMap::default()),
            me,
            version: RwSignal::new(register.version),
            index: StoredValue::new(SearchIndex::new(register)),
            owner: StoredValue::new(Owner::current()),
            shape: StoredValue::new(shape_of(register)),
            open_editors: RwSignal::new(0),
        }
    }

    pub fn row(&self, id: i32) -> Option<RowLive> {
        if let Some(live) = self.rows.try_with_value(|rows| rows.get(&id).copied()).flatten() {
            return Some(live);
        }
        let (version, cells, notes, assessment) =
            self.known.try_with_value(|known| known.get(&id).cloned())??;
        let editors = self.editor_names(id);
        let make = move || RowLive {
            version: RwSignal::new(version),
            cells: cells.map(RwSignal::new),
            notes: RwSignal::new(notes),
            editors: RwSignal::new(editors),
            assessment: RwSignal::new(assessment),
        };
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
            self.show(row);
        }
        self.index.try_set_value(SearchIndex::new(register));
        self.version.try_set(register.version);
        true
    }

    /// Takes in the rows changed since the version the table shows (the
    /// shape unchanged). `false` if one of them is not in the table.
    pub fn apply_rows(&self, version: i32, rows: &[RiskRowView]) -> bool {
        let known = |id| self.known.try_with_value(|known| known.contains_key(&id)) == Some(true);
        if !rows.iter().all(|row| known(row.id)) {
            return false;
        }
        for row in rows {
            let taken =
                (row.version, row.cells().map(Clone::clone), row.notes, row.assessment.clone());
            self.known.try_update_value(|known| known.insert(row.id, taken));
            self.show(row);
            self.index.try_update_value(|index| {
                index.update_row(row.id, row.cells());
                index.update_assessment(row.id, &row.assessment);
            });
        }
        self.version.try_set(version);
        true
    }

    /// Takes in a cell the user saved: the filter finds its new text.
    pub fn saved(&self, id: i32, field: crate::register::model::Field, value: &RichText) {
        let Some(at) = crate::register::model::Field::CELLS.iter().position(|f| *f == field) else {
            return;
        };
        self.known.try_update_value(|known| {
            if let Some((_, cells, _, _)) = known.get_mut(&id) {
                cells[at] = value.clone();
            }
        });
        let cells = self.known.try_with_value(|known| known.get(&id).map(|(_, c, _, _)| c.clone()));
        if let Some(Some(cells)) = cells {
            let cells = [&cells[0], &cells[1], &cells[2], &cells[3], &cells[4]];
            self.index.try_update_value(|index| index.update_row(id, cells));
        }
    }

    /// Takes in an assessment the user saved: the filter sees it.
    pub fn saved_assessment(&self, id: i32, version: i32, assessment: &Assessment) {
        self.known.try_update_value(|known| {
            if let Some(entry) = known.get_mut(&id) {
                entry.0 = version;
                entry.3 = assessment.clone();
            }
        });
        self.index.try_update_value(|index| index.update_assessment(id, assessment));
    }

    /// Shows a newer reading of a row, if its view has signals.
    fn show(&self, row: &RiskRowView) {
        let Some(live) = self.rows.try_with_value(|rows| rows.get(&row.id).copied()).flatten()
        else {
            return;
        };
        if live.notes.try_get_untracked().is_some_and(|notes| notes != row.notes) {
            live.notes.set(row.notes);
        }
        if live.version.try_get_untracked().is_none_or(|version| version == row.version) {
            return;
        }
        for (signal, cell) in live.cells.iter().zip(row.cells()) {
            if signal.try_with_untracked(|stored| stored != cell) == Some(true) {
                signal.set(cell.clone());
            }
        }
        if live.assessment.try_with_untracked(|stored| *stored != row.assessment) == Some(true) {
            live.assessment.set(row.assessment.clone());
        }
        live.version.set(row.version);
    }

    fn editor_names(&self, row: i32) -> Vec<String> {
        self.present
            .try_with_value(|present| {
                present.get(&row).map(|editors| editors.iter().map(|e| e.name.clone()).collect())
            })
            .flatten()
            .unwrap_or_default()
    }

    /// Shows the row's editors as now known.
    fn show_editors(&self, row: i32) {
        if let Some(live) = self.rows.try_with_value(|rows| rows.get(&row).copied()).flatten() {
            let names = self.editor_names(row);
            if live.editors.try_with_untracked(|shown| *shown != names) == Some(true) {
                live.editors.set(names);
            }
        }
    }

    /// Takes in who opened or closed a row for editing.
    pub fn hear(&self, presence: Presence) {
        if Some(presence.user) == self.me {
            return;
        }
        let until = now_ms() + crate::live::PRESENCE_TTL_SECS as f64 * 1000.0;
        self.present.try_update_value(|present| {
            let editors = present.entry(presence.row).or_default();
            editors.retain(|editor| editor.user != presence.user);
            if presence.editing {
                editors.push(Editor { user: presence.user, name: presence.name, until });
            }
            if editors.is_empty() {
                present.remove(&presence.row);
            }
        });
        self.show_editors(presence.row);
    }

    /// Forgets presences not heard again in time (a browser closed mid-edit).
    pub fn expire(&self) {
        let now = now_ms();
        let mut gone = Vec::new();
        self.present.try_update_value(|present| {
            present.retain(|row, editors| {
                let before = editors.len();
                editors.retain(|editor| editor.until > now);
                if editors.len() != before {
                    gone.push(*row);
                }
                !editors.is_empty()
            });
        });
        for row in gone {
            self.show_editors(row);
        }
    }
}

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
