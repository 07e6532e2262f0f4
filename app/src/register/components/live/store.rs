//! Every row's live state, kept once for the table's lifetime.
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
