use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::register::edit::{NewRowCells, add_row, delete_row, move_row, move_row_to, restore_row};
use crate::register::model::Field;
use leptos::prelude::*;

/// What the table's row controls share: where a new row is being written,
/// the last deletion (for its undo), and how to reload the register.
#[derive(Clone, Copy)]
pub struct RowEditing {
    /// The row below which a new row is being written.
    pub adding_after: RwSignal<Option<i32>>,
    /// The last row deleted: (id, code), offered for undo.
    pub deleted: RwSignal<Option<(i32, String)>>,
    /// What the last row operation did, shown and announced.
    pub notice: RwSignal<Option<String>>,
    /// The row whose history is open.
    pub history: RwSignal<Option<i32>>,
    /// The row whose review notes are open.
    pub notes: RwSignal<Option<i32>>,
    pub reload: Callback<()>,
    /// A reload is under way (it brings the newest register: the live
    /// channel need not ask for another).
    pub reloading: StoredValue<bool>,
}

/// Up to this many Bagian, a row's "move to" list is made with the row.
const LISTED_UP_FRONT: usize = 20;

/// The Bagian of the register shown: (id, name), in printed order.
#[derive(Clone, Copy)]
pub struct BagianList(pub StoredValue<Vec<(i32, String)>>);

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
    let i18n = use_i18n();
    let Some(editing) = use_context::<RowEditing>() else {
        return ().into_any();
    };
    let others = StoredValue::new(
        use_context::<BagianList>()
            .map(|list| list.0.get_value())
            .unwrap_or_default()
            .into_iter()
            .filter(|(id, _)| *id != bagian)
            // Only into Bagian whose rows the user may change too.
            .filter(|(id, _)| use_context::<super::Access>().is_some_and(|a| a.rows_of(*id)))
            .collect::<Vec<_>>(),
    );
    let code = StoredValue::new(code);
    let on_move_to = move |event: leptos::ev::Event| {
        let Ok(target) = event_target_value(&event).parse::<i32>() else { return };
        let name = others.with_value(|others| {
            others.iter().find(|(id, _)| *id == target).map(|(_, name)| name.clone())
        });
        leptos::task::spawn_local(async move {
            match move_row_to(row, version.get_untracked(), target).await {
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
    let on_move = move |up: bool| {
        leptos::task::spawn_local(async move {
            match move_row(row, version.get_untracked(), up).await {
                Ok(_) => editing.reload.run(()),
                Err(error) => editing.notice.set(Some(problem(error, i18n.t()))),
            }
        });
    };
    let on_delete = move || {
        leptos::task::spawn_local(async move {
            match delete_row(row, version.get_untracked()).await {
                Ok(()) => {
                    let code = code.get_value();
                    editing.notice.set(Some((i18n.t().row_deleted)(&code)));
                    editing.deleted.set(Some((row, code)));
                    editing.reload.run(());
                }
                Err(error) => editing.notice.set(Some(problem(error, i18n.t()))),
            }
        });
    };
    let history_open = move || editing.history.get() == Some(row);
    let notes_open = move || editing.notes.get() == Some(row);
    let reviews = use_context::<super::Access>().is_some_and(|access| access.reviews());
    let notes_button = move || {
        let count = notes.try_get().unwrap_or(0);
        (reviews || count > 0 || notes_open()).then(|| {
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
                        aria-expanded=move || notes_open().to_string()
                        on:click=move |_| {
                            editing.notes.update(|open| {
                                *open = if *open == Some(row) { None } else { Some(row) };
                            })
                        }
                    >
                        {t.notes}
                    </button>
                    {(count > 0)
                        .then(|| view! { <span class="notes-count" aria-hidden="true">{count}</span> })}
                </span>
            }
        })
    };
    let history_button = move || {
        let t = i18n.t();
        view! {
            <button
                type="button"
                tabindex="-1"
                data-grid-item=""
                class="row-history"
                aria-label=code.with_value(|code| (t.history_of)(code))
                aria-expanded=move || history_open().to_string()
                on:click=move |_| {
                    editing.history.update(|open| {
                        *open = if *open == Some(row) { None } else { Some(row) };
                    })
                }
            >
                {t.history}
            </button>
        }
    };
    if !own {
        return view! { <div class="row-actions">{history_button}{notes_button}</div> }.into_any();
    }
    let controls = move || {
        let t = i18n.t();
        // Each control names its row for screen readers: "Hapus baris BK-007".
        let named = |text: fn(&str) -> String| code.with_value(|code| text(code));
        let move_to = (!others.with_value(Vec::is_empty)).then(|| {
            view! {
                <select
                    class="row-move-to"
                    tabindex="-1"
                    data-grid-item=""
                    aria-label=named(t.move_to_label)
                    on:change=on_move_to
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
        });
        view! {
            <RowButton
                label=named(t.add_below)
                symbol="+"
                on_click=move || editing.adding_after.set(Some(row))
            />
            <RowButton label=named(t.delete_row) symbol="×" danger=true on_click=on_delete/>
            <RowButton label=named(t.move_up) symbol="↑" on_click=move || on_move(true)/>
            <RowButton label=named(t.move_down) symbol="↓" on_click=move || on_move(false)/>
            {move_to}
        }
    };
    view! { <div class="row-actions">{controls}{history_button}{notes_button}</div> }.into_any()
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

/// A new row being written below row `after`, or else at the end of Bagian
/// `bagian`: five text boxes and the buttons to add or cancel. `on_close`
/// closes it (by default it is the row being written below `after`).
#[component]
pub fn NewRow(
    register_id: i32,
    #[prop(optional)] bagian: i32,
    after: Option<i32>,
    #[prop(optional)] on_close: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(editing) = use_context::<RowEditing>() else {
        return ().into_any();
    };
    let close = move || match on_close {
        Some(close) => close.run(()),
        None => editing.adding_after.set(None),
    };
    let texts = Field::CELLS.map(|_| RwSignal::new(String::new()));
    let error = RwSignal::new(None::<String>);
    let submit = move |_| {
        let t = i18n.t();
        let [aktivitas, potensi, penyebab, dampak, rencana] =
            texts.map(|text| text.get_untracked());
        let cells = NewRowCells { aktivitas, potensi, penyebab, dampak, rencana };
        // The same rules as the server's, before a round trip.
        if let Err(problems) = cells.parse() {
            let problems: Vec<_> =
                problems.into_iter().map(|problem| t.field_error(problem)).collect();
            error.set(Some(problems.join(" ")));
            return;
        }
        leptos::task::spawn_local(async move {
            match add_row(register_id, bagian, after, cells).await {
                Ok(added) => {
                    close();
                    editing.notice.set(Some((i18n.t().row_added)(&added.code)));
                    editing.reload.run(());
                }
                Err(failure) => error.set(Some(problem(failure, i18n.t()))),
            }
        });
    };
    let boxes = Field::CELLS
        .into_iter()
        .zip(texts)
        .enumerate()
        .map(|(index, (field, text))| {
            view! {
                <td class="cell-text is-editing">
                    <textarea
                        class="new-row-text"
                        aria-label=move || i18n.t().field_name(field)
                        autofocus=index == 0
                        prop:value=move || text.get()
                        on:input=move |event| text.set(event_target_value(&event))
                    ></textarea>
                    {(index == 0).then(|| {
                        view! {
                            <p class="cell-status" role="alert">
                                {move || error.get()}
                            </p>
                        }
                    })}
                    {(index == Field::CELLS.len() - 1).then(|| {
                        view! {
                            <div class="cell-tools">
                                <button type="button" class="tool-save" on:click=submit>
                                    {move || i18n.t().save}
                                </button>
                                <button type="button" on:click=move |_| close()>
                                    {move || i18n.t().cancel}
                                </button>
                            </div>
                        }
                    })}
                </td>
            }
        })
        .collect_view();
    view! {
        <tr class="new-row" aria-label=move || i18n.t().new_row>
            {boxes}
            <td class="cell-actions"></td>
        </tr>
    }
    .into_any()
}

/// What the last row operation did, with an undo after a deletion.
#[component]
pub fn RowNotice() -> impl IntoView {
    let i18n = use_i18n();
    let Some(editing) = use_context::<RowEditing>() else {
        return ().into_any();
    };
    let undo = move |_| {
        let Some((row, _)) = editing.deleted.get_untracked() else { return };
        leptos::task::spawn_local(async move {
            match restore_row(row).await {
                Ok(_) => {
                    editing.deleted.set(None);
                    editing.notice.set(None);
                    editing.reload.run(());
                }
                Err(error) => editing.notice.set(Some(problem(error, i18n.t()))),
            }
        });
    };
    view! {
        <div class="row-notice" role="status" aria-live="polite">
            {move || {
                editing.notice.get().map(|message| {
                    view! {
                        <p>
                            {message}
                            {move || {
                                editing.deleted.get().map(|_| {
                                    view! {
                                        <button type="button" class="button-link" on:click=undo>
                                            {move || i18n.t().undo}
                                        </button>
                                    }
                                })
                            }}
                        </p>
                    }
                })
            }}
        </div>
    }
    .into_any()
}

/// The message for a failed row operation, in the UI language.
pub(crate) fn problem(error: AppError, t: &crate::i18n::Strings) -> String {
    match error {
        AppError::Validation(errors) => {
            errors.iter().map(|e| t.field_error(*e)).collect::<Vec<_>>().join(" ")
        }
        AppError::Conflict { .. } | AppError::CellConflict { .. } => t.conflict_body.to_owned(),
        AppError::RegisterFinal { .. } => t.final_body.to_owned(),
        AppError::Forbidden => t.forbidden_body.to_owned(),
        AppError::Unauthorized => t.session.sign_in_needed.to_owned(),
        _ => t.save_failed.to_owned(),
    }
}
