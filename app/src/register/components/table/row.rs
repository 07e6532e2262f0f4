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
    let id = row.id;
    let terms = Signal::from(shown.terms);
    let live = use_context::<RowStore>()
        .and_then(|store| store.row(id))
        .unwrap_or_else(|| RowLive::of(&row));
    let version = live.version;
    let (notes, editors) = (live.notes, live.editors);
    let assessed = live.assessment;
    let origin = Signal::derive(move || assessed.try_with(|a| a.origin).flatten());
    let cells = Field::CELLS.into_iter().zip(live.cells).map(|(field, stored)| {
        // Who else edits the row, and where it came from, show in its first cell.
        let first = field == Field::Aktivitas;
        let editors = first.then_some(editors);
        let origin = shown.carried_from.filter(|_| first).map(|from| (from, origin));
        view! {
            <EditableCell row=id field stored version editable=own ready terms editors origin/>
        }
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
    view! {
        <tr
            data-row-id=row.id
            data-version=move || version.try_get().unwrap_or_default()
            data-code=row.code.clone()
            class:is-being-edited=move || editors.with(|names| !names.is_empty())
        >
            <LeadCells register_id row=id bagian lead/>
            {cells.into_iter().collect_view()}
            {assessment}
            {actions}
        </tr>
        <Below register_id row=id code=row.code columns=panel_columns/>
    }
    .into_any()
}

/// The Bagian's number and name, when `row` is its first shown row.
#[component]
fn LeadCells(register_id: i32, row: i32, bagian: i32, lead: Lead) -> impl IntoView {
    move || {
        (lead.first.get() == Some(row)).then(|| {
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
    }
}

/// Below row `row`: a new row being written, the row's history, its notes.
#[component]
fn Below(register_id: i32, row: i32, code: String, columns: usize) -> impl IntoView {
    let editing = use_context::<RowEditing>();
    let open = move |which: fn(&RowEditing) -> RwSignal<Option<i32>>| {
        editing.is_some_and(|editing| which(&editing).get() == Some(row))
    };
    let history_code = code.clone();
    view! {
        {move || open(|e| e.adding_after).then(|| view! { <NewRow register_id after=Some(row)/> })}
        {move || {
            open(|e| e.history)
                .then(|| view! { <HistoryRow row code=history_code.clone() columns/> })
        }}
        {move || open(|e| e.notes).then(|| view! { <NotesRow row code=code.clone() columns/> })}
    }
}
