//! One risk row of the table.
use super::*;

/// A Bagian's spanning cells ("No" and name), carried by its first shown row.
#[derive(Clone, Copy)]
pub(super) struct Lead {
    pub(super) first: Memo<Option<i32>>,
    pub(super) ordinal: u32,
    pub(super) name: StoredValue<String>,
    pub(super) span: Signal<usize>,
    pub(super) interactive: Signal<bool>,
}

/// One risk row: its cells, its controls, and a new row being written below it.
#[component]
pub(super) fn RowView(
    register_id: i32,
    row: RiskRowView,
    bagian: i32,
    /// The table has a column of row controls.
    editable: bool,
    /// This row is the user's to change.
    own: bool,
    ready: ReadSignal<bool>,
    shown: Shown,
    lead: Lead,
) -> impl IntoView {
    let editing = use_context::<RowEditing>();
    let adding = editing.map(|editing| editing.adding_after);
    let id = row.id;
    let terms = Signal::from(shown.terms);
    let live = use_context::<RowStore>()
        .and_then(|store| store.row(id))
        .unwrap_or_else(|| RowLive::of(&row));
    let version = live.version;
    let (notes, editors) = (live.notes, live.editors);
    let cells = Field::CELLS.into_iter().zip(live.cells).map(|(field, stored)| {
        // Who else edits the row shows in its first cell.
        let editors = (field == Field::Aktivitas).then_some(editors);
        view! { <EditableCell row=id field stored version editable=own ready terms editors/> }
    });
    let assessment = shown.assessment.then(|| view! { <AssessmentCells row=id live own ready/> });
    let panel_columns = shown.panel_columns();
    let code = row.code.clone();
    let actions = editable.then(|| {
        let controls = move || {
            ready.get().then(|| {
                view! { <RowActions row=id code=code.clone() version bagian own notes/> }
            })
        };
        view! { <td class="cell-actions">{controls}</td> }
    });
    // Below the row: a new row being written, or the row's history.
    let history_code = row.code.clone();
    let writing_below = move || {
        adding
            .is_some_and(|adding| adding.get() == Some(id))
            .then(|| view! { <NewRow register_id after=Some(id)/> })
    };
    let history_below = move || {
        editing
            .is_some_and(|editing| editing.history.get() == Some(id))
            .then(|| view! { <HistoryRow row=id code=history_code.clone() columns=panel_columns/> })
    };
    let notes_code = row.code.clone();
    let notes_below = move || {
        editing
            .is_some_and(|editing| editing.notes.get() == Some(id))
            .then(|| view! { <NotesRow row=id code=notes_code.clone() columns=panel_columns/> })
    };
    let lead_cells = move || {
        (lead.first.get() == Some(id)).then(|| {
            view! {
                <td class="cell-no" rowspan=lead.span>{lead.ordinal}</td>
                <th class="cell-bagian" scope="rowgroup" rowspan=lead.span>
                    <BagianHeading
                        register_id
                        bagian
                        name=lead.name.get_value()
                        empty=false
                        interactive=lead.interactive
                    />
                </th>
            }
        })
    };
    view! {
        <tr
            data-row-id=row.id
            data-version=move || version.try_get().unwrap_or_default()
            data-code=row.code.clone()
            class:is-being-edited=move || editors.with(|names| !names.is_empty())
        >
            {lead_cells}
            {cells.into_iter().collect_view()}
            {assessment}
            {actions}
        </tr>
        {writing_below}
        {history_below}
        {notes_below}
    }
    .into_any()
}
