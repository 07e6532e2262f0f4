//! Every row's live state, kept once for the table's lifetime.
use crate::live::Presence;
use crate::register::filter::SearchIndex;
use crate::register::model::{Assessment, Field, RegisterView, RichText, RiskRowView};
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

/// What the page knows of a row, as the server last said or the user last
/// saved it: its version, its five cells, its open notes, its assessment.
#[derive(Clone, Debug, PartialEq)]
pub struct RowState {
    pub version: i32,
    pub cells: [RichText; 5],
    pub notes: u32,
    pub assessment: Assessment,
}

impl RowState {
    fn of(row: &RiskRowView) -> Self {
        Self {
            version: row.version,
            cells: row.cells().map(Clone::clone),
            notes: row.notes,
            assessment: row.assessment.clone(),
        }
    }
}

/// A row in the store: its state, and its signals once a view asked for
/// them (they follow the state, see `RowStore::show`).
struct StoredRow {
    state: RowState,
    live: Option<RowLive>,
}

/// Every row of the table, by id: its state once, its signals made the
/// first time its view asks (a long register shows a window of its rows),
/// in the table's owner so that they outlive the view.
#[derive(Clone, Copy)]
pub struct RowStore {
    rows: StoredValue<FxHashMap<i32, StoredRow>>,
    /// Who edits which row now (other users only).
    present: StoredValue<FxHashMap<i32, Vec<Editor>>>,
    /// The signed-in user, whose own presence is not shown.
    me: Option<i32>,
    /// The register's version the table shows.
    pub version: RwSignal<i32>,
    owner: StoredValue<Option<Owner>>,
    /// The table's shape: each Bagian with its name and rows, in order, and
    /// where the register is in its cycle (what the page lets change).
    shape: StoredValue<Shape>,
    /// Cells open for editing on the page.
    pub open_editors: RwSignal<usize>,
    /// Every row's text for the filter, kept up with saves and changes.
    pub index: StoredValue<SearchIndex>,
}

type Shape = (crate::register::model::RegisterStatus, usize, Vec<(i32, String, Vec<i32>)>);

fn shape_of(register: &RegisterView) -> Shape {
    let sections = register
        .sections
        .iter()
        .map(|s| (s.bagian_id, s.name.clone(), s.rows.iter().map(|row| row.id).collect()))
        .collect();
    (register.status, register.cycle.steps.len(), sections)
}

fn rows_of(register: &RegisterView) -> FxHashMap<i32, StoredRow> {
    register
        .sections
        .iter()
        .flat_map(|section| &section.rows)
        .map(|row| (row.id, StoredRow { state: RowState::of(row), live: None }))
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
            rows: StoredValue::new(rows_of(register)),
            present: StoredValue::new(FxHashMap::default()),
            me,
            version: RwSignal::new(register.version),
            index: StoredValue::new(SearchIndex::new(register)),
            owner: StoredValue::new(Owner::current()),
            shape: StoredValue::new(shape_of(register)),
            open_editors: RwSignal::new(0),
        }
    }

    /// Row `id`'s signals, made from its state the first time they are asked.
    pub fn row(&self, id: i32) -> Option<RowLive> {
        let live = self.rows.try_with_value(|rows| rows.get(&id).map(|row| row.live));
        if let Some(live) = live.flatten()? {
            return Some(live);
        }
        let state = self.rows.try_with_value(|rows| rows.get(&id).map(|row| row.state.clone()));
        let state = state.flatten()?;
        let editors = self.editor_names(id);
        let make = move || RowLive {
            version: RwSignal::new(state.version),
            cells: state.cells.map(RwSignal::new),
            notes: RwSignal::new(state.notes),
            editors: RwSignal::new(editors),
            assessment: RwSignal::new(state.assessment),
        };
        let live = match self.owner.try_get_value().flatten() {
            Some(owner) => owner.with(make),
            None => make(),
        };
        self.rows.try_update_value(|rows| rows.get_mut(&id).map(|row| row.live = Some(live)));
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
        for row in register.sections.iter().flat_map(|section| &section.rows) {
            self.take(row.id, |state| *state = RowState::of(row));
        }
        self.index.try_set_value(SearchIndex::new(register));
        self.version.try_set(register.version);
        true
    }

    /// Takes in the rows changed since the version the table shows (the
    /// shape unchanged). `false` if one of them is not in the table.
    pub fn apply_rows(&self, version: i32, rows: &[RiskRowView]) -> bool {
        let known = |id| self.rows.try_with_value(|rows| rows.contains_key(&id)) == Some(true);
        if !rows.iter().all(|row| known(row.id)) {
            return false;
        }
        for row in rows {
            self.take(row.id, |state| *state = RowState::of(row));
            self.index.try_update_value(|index| {
                index.update_row(row.id, row.cells());
                index.update_assessment(row.id, &row.assessment);
            });
        }
        self.version.try_set(version);
        true
    }

    /// Takes in a cell the user saved (the row now at `version`): the
    /// filter finds its new text.
    pub fn saved(&self, id: i32, version: i32, field: Field, value: &RichText) {
        let Some(at) = Field::CELLS.iter().position(|f| *f == field) else { return };
        let mut cells = None;
        self.take(id, |state| {
            state.version = version;
            state.cells[at] = value.clone();
            cells = Some(state.cells.clone());
        });
        if let Some(cells) = cells {
            let cells = [&cells[0], &cells[1], &cells[2], &cells[3], &cells[4]];
            self.index.try_update_value(|index| index.update_row(id, cells));
        }
    }

    /// Takes in an assessment the user saved: the filter sees it.
    pub fn saved_assessment(&self, id: i32, version: i32, assessment: &Assessment) {
        self.take(id, |state| {
            state.version = version;
            state.assessment = assessment.clone();
        });
        self.index.try_update_value(|index| index.update_assessment(id, assessment));
    }

    /// Changes row `id`'s state by `change`, and shows it if its view has
    /// signals.
    fn take(&self, id: i32, change: impl FnOnce(&mut RowState)) {
        let shown = self.rows.try_update_value(|rows| {
            let row = rows.get_mut(&id)?;
            change(&mut row.state);
            Some((row.live?, row.state.clone()))
        });
        if let Some(Some((live, state))) = shown {
            show(live, &state);
        }
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
        if let Some(live) =
            self.rows.try_with_value(|rows| rows.get(&row).and_then(|row| row.live)).flatten()
        {
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

/// Shows a row's state in its signals, each only where it differs (a
/// signal set to what it holds would still wake its views).
fn show(live: RowLive, state: &RowState) {
    if live.notes.try_get_untracked().is_some_and(|notes| notes != state.notes) {
        live.notes.set(state.notes);
    }
    if live.version.try_get_untracked().is_none_or(|version| version == state.version) {
        return;
    }
    for (signal, cell) in live.cells.iter().zip(&state.cells) {
        if signal.try_with_untracked(|stored| stored != cell) == Some(true) {
            signal.set(cell.clone());
        }
    }
    if live.assessment.try_with_untracked(|stored| *stored != state.assessment) == Some(true) {
        live.assessment.set(state.assessment.clone());
    }
    live.version.set(state.version);
}
