use crate::error::AppError;
use crate::i18n::{I18n, use_i18n};
use crate::register::edit::{NewRowCells, add_row, restore_row};
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

/// The Bagian of the register shown: (id, name), in printed order.
#[derive(Clone, Copy)]
pub struct BagianList(pub StoredValue<Vec<(i32, String)>>);

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
    let close = Callback::new(move |()| match on_close {
        Some(close) => close.run(()),
        None => editing.adding_after.set(None),
    });
    let texts = Field::CELLS.map(|_| RwSignal::new(String::new()));
    let error = RwSignal::new(None::<String>);
    let submit = move |_| {
        let cells = texts.map(|text| text.get_untracked());
        add_new_row(i18n, editing, (register_id, bagian, after), cells, error, close);
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
                                <button type="button" on:click=move |_| close.run(())>
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

/// Adds the row written below `after` (else at the end of `bagian`),
/// checked first by the same rules as the server's; then closes the form
/// and reloads the table. What went wrong to `error`.
fn add_new_row(
    i18n: I18n,
    editing: RowEditing,
    (register_id, bagian, after): (i32, i32, Option<i32>),
    [aktivitas, potensi, penyebab, dampak, rencana]: [String; 5],
    error: RwSignal<Option<String>>,
    close: Callback<()>,
) {
    let cells = NewRowCells { aktivitas, potensi, penyebab, dampak, rencana };
    if let Err(problems) = cells.parse() {
        let t = i18n.t();
        let problems: Vec<_> = problems.into_iter().map(|problem| t.field_error(problem)).collect();
        error.set(Some(problems.join(" ")));
        return;
    }
    leptos::task::spawn_local(async move {
        match add_row(register_id, bagian, after, cells).await {
            Ok(added) => {
                close.run(());
                editing.notice.set(Some((i18n.t().row_added)(&added.code)));
                editing.reload.run(());
            }
            Err(failure) => error.set(Some(problem(failure, i18n.t()))),
        }
    });
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
        AppError::RegisterUnderReview { .. } => t.cycle.under_review_body.to_owned(),
        AppError::Forbidden => t.forbidden_body.to_owned(),
        AppError::Unauthorized => t.session.sign_in_needed.to_owned(),
        _ => t.save_failed.to_owned(),
    }
}
