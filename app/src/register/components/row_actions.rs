//! The controls of one row: add, delete, move, its history and notes.
use super::rows::{BagianList, RowEditing, problem};
use crate::i18n::use_i18n;
use crate::register::edit::{delete_row, move_row, move_row_to};
use leptos::prelude::*;

/// Up to this many Bagian, a row's "move to" list is made with the row.
const LISTED_UP_FRONT: usize = 20;

/// The controls of one row: add a row below it, delete it, move it up,
/// down, or to another Bagian (the user's own rows, `own`); open its history
/// and its review notes (every row). Their labels are made with them (again
/// when the language changes): rows come and go by the dozen as the user
/// types in the search box, so a row carries few reactive nodes.
#[component]
pub fn RowActions(
    row: i32,
    code: String,
    version: RwSignal<i32>,
    bagian: i32,
    own: bool,
    /// The row's open review notes.
    notes: RwSignal<u32>,
) -> impl IntoView {
    let Some(editing) = use_context::<RowEditing>() else {
        return ().into_any();
    };
    let row = RowRef { id: row, code: StoredValue::new(code), version, editing };
    let controls = own.then(|| view! { <OwnRowControls row bagian/> });
    view! {
        <div class="row-actions">
            {controls}
            <HistoryButton row/>
            <NotesButton row notes/>
        </div>
    }
    .into_any()
}

/// The row a control acts on: its id, code and version, and the page's
/// row operations.
#[derive(Clone, Copy)]
struct RowRef {
    id: i32,
    code: StoredValue<String>,
    version: RwSignal<i32>,
    editing: RowEditing,
}

/// Opens and closes the row's history.
#[component]
fn HistoryButton(row: RowRef) -> impl IntoView {
    let i18n = use_i18n();
    let RowRef { id, code, editing, .. } = row;
    let open = move || editing.history.get() == Some(id);
    move || {
        let t = i18n.t();
        view! {
            <button
                type="button"
                tabindex="-1"
                data-grid-item=""
                class="row-history"
                aria-label=code.with_value(|code| (t.history_of)(code))
                aria-expanded=move || open().to_string()
                on:click=move |_| {
                    toggle(editing.history, id)
                }
            >
                {t.history}
            </button>
        }
    }
}

/// Opens and closes the row's review notes, with the count of open ones;
/// for readers other than reviewers, only where there are notes.
#[component]
fn NotesButton(row: RowRef, notes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let RowRef { id, code, editing, .. } = row;
    let open = move || editing.notes.get() == Some(id);
    let reviews = use_context::<super::Access>().is_some_and(|access| access.reviews());
    move || {
        let count = notes.try_get().unwrap_or(0);
        (reviews || count > 0 || open()).then(|| {
            let t = i18n.t();
            let label = code.with_value(|code| {
                let mut label = (t.notes_of)(code);
                if count > 0 {
                    label = format!("{label} ({})", (t.notes_open)(count));
                }
                label
            });
            // The count beside the button, not in it: the button's name
            // (which says the count) starts with its visible text.
            view! {
                <span class="row-notes-tool">
                    <button
                        type="button"
                        tabindex="-1"
                        data-grid-item=""
                        class="row-history row-notes"
                        class:has-open={count > 0}
                        aria-label=label
                        aria-expanded=move || open().to_string()
                        on:click=move |_| {
                            toggle(editing.notes, id)
                        }
                    >
                        {t.notes}
                    </button>
                    {(count > 0)
                        .then(|| view! { <span class="notes-count" aria-hidden="true">{count}</span> })}
                </span>
            }
        })
    }
}

/// The controls of the user's own row: add below, delete, up, down, and
/// move to another Bagian.
#[component]
fn OwnRowControls(row: RowRef, bagian: i32) -> impl IntoView {
    let i18n = use_i18n();
    let RowRef { id, code, version, editing } = row;
    let on_move = move |up: bool| {
        leptos::task::spawn_local(async move {
            match move_row(id, version.get_untracked(), up).await {
                Ok(_) => editing.reload.run(()),
                Err(error) => editing.notice.set(Some(problem(error, i18n.t()))),
            }
        });
    };
    let on_delete = move || {
        leptos::task::spawn_local(async move {
            match delete_row(id, version.get_untracked()).await {
                Ok(()) => {
                    let code = code.get_value();
                    editing.notice.set(Some((i18n.t().row_deleted)(&code)));
                    editing.deleted.set(Some((id, code)));
                    editing.reload.run(());
                }
                Err(error) => editing.notice.set(Some(problem(error, i18n.t()))),
            }
        });
    };
    move || {
        let t = i18n.t();
        // Each control names its row for screen readers: "Hapus baris BK-007".
        let named = |text: fn(&str) -> String| code.with_value(|code| text(code));
        view! {
            <RowButton
                label=named(t.add_below)
                symbol="+"
                on_click=move || editing.adding_after.set(Some(id))
            />
            <RowButton label=named(t.delete_row) symbol="×" danger=true on_click=on_delete/>
            <RowButton label=named(t.move_up) symbol="↑" on_click=move || on_move(true)/>
            <RowButton label=named(t.move_down) symbol="↓" on_click=move || on_move(false)/>
            <MoveTo row bagian/>
        }
    }
}

/// Moves the row to another Bagian whose rows the user may change; none
/// when there is no such Bagian.
#[component]
fn MoveTo(row: RowRef, bagian: i32) -> impl IntoView {
    let i18n = use_i18n();
    let RowRef { id, code, version, editing } = row;
    let others = StoredValue::new(
        use_context::<BagianList>()
            .map(|list| list.0.get_value())
            .unwrap_or_default()
            .into_iter()
            .filter(|(other, _)| *other != bagian)
            // Only into Bagian whose rows the user may change too.
            .filter(|(id, _)| use_context::<super::Access>().is_some_and(|a| a.rows_of(*id)))
            .collect::<Vec<_>>(),
    );
    if others.with_value(Vec::is_empty) {
        return ().into_any();
    }
    let on_change = move |event: leptos::ev::Event| {
        let Ok(target) = event_target_value(&event).parse::<i32>() else { return };
        let name = others.with_value(|others| {
            others.iter().find(|(id, _)| *id == target).map(|(_, name)| name.clone())
        });
        leptos::task::spawn_local(async move {
            match move_row_to(id, version.get_untracked(), target).await {
                Ok(_) => {
                    let name = name.unwrap_or_default();
                    let notice = code.with_value(|code| (i18n.t().row_moved_to)(code, &name));
                    editing.notice.set(Some(notice));
                    editing.reload.run(());
                }
                Err(error) => editing.notice.set(Some(problem(error, i18n.t()))),
            }
        });
    };
    // Many Bagian (a generated register has hundreds): their options are
    // made when the list is first opened, not with every row.
    let listed = RwSignal::new(others.with_value(Vec::len) <= LISTED_UP_FRONT);
    let t = i18n.t();
    view! {
        <select
            class="row-move-to"
            tabindex="-1"
            data-grid-item=""
            aria-label=code.with_value(|code| (t.move_to_label)(code))
            on:change=on_change
            on:focus=move |_| listed.set(true)
            on:pointerdown=move |_| listed.set(true)
        >
            <option value="" selected>{t.move_to_prompt}</option>
            {move || {
                listed.get().then(|| {
                    others.with_value(|others| {
                        others
                            .iter()
                            .map(|(id, name)| view! { <option value=*id>{name.clone()}</option> })
                            .collect_view()
                    })
                })
            }}
        </select>
    }
    .into_any()
}

/// One round control of a row: a symbol, named for screen readers and as a
/// tooltip; an item of the grid (reached with the arrow keys).
#[component]
pub(super) fn RowButton(
    label: String,
    symbol: &'static str,
    #[prop(optional)] danger: bool,
    on_click: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <button
            type="button"
            tabindex="-1"
            data-grid-item=""
            class="row-action"
            class:row-delete=danger
            aria-label=label.clone()
            title=label
            on:click=move |_| on_click()
        >
            <span aria-hidden="true">{symbol}</span>
        </button>
    }
}

/// Opens row `id`'s panel (its history, its notes), or closes it if open.
fn toggle(panel: RwSignal<Option<i32>>, id: i32) {
    panel.update(|open| *open = if *open == Some(id) { None } else { Some(id) });
}
