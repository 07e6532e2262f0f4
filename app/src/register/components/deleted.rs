//! The deleted rows of the register, behind a disclosure below the table;
//! each can be brought back where it was.
use super::{RichTextView, RowEditing, rows::problem};
use crate::i18n::use_i18n;
use crate::register::edit::restore_row;
use crate::register::history::{DeletedRow, load_deleted_rows};
use leptos::prelude::*;

/// The deleted rows, listed when opened.
#[component]
pub fn DeletedRows(register_id: i32) -> impl IntoView {
    let i18n = use_i18n();
    let Some(editing) = use_context::<RowEditing>() else {
        return ().into_any();
    };
    let open = RwSignal::new(false);
    let deleted = LocalResource::new(move || {
        let open = open.get();
        async move { if open { load_deleted_rows(register_id).await.map(Some) } else { Ok(None) } }
    });
    let restore = Callback::new(move |(row, code): (i32, String)| {
        leptos::task::spawn_local(async move {
            match restore_row(row).await {
                Ok(_) => {
                    editing.notice.set(Some((i18n.t().row_restored)(&code)));
                    deleted.refetch();
                    editing.reload.run(());
                }
                Err(error) => editing.notice.set(Some(problem(error, i18n.t()))),
            }
        });
    });
    let list = move || {
        deleted.get().map(|loaded| match loaded {
            Ok(None) => ().into_any(),
            Ok(Some(rows)) if rows.is_empty() => {
                view! { <p>{move || i18n.t().deleted_none}</p> }.into_any()
            }
            Ok(Some(rows)) => {
                let items = rows.into_iter().map(|row| view! { <DeletedItem row restore/> });
                view! { <ul class="deleted-list">{items.collect_view()}</ul> }.into_any()
            }
            Err(error) => {
                view! { <p class="cell-status">{problem(error, i18n.t())}</p> }.into_any()
            }
        })
    };
    // A deletion or a restoration elsewhere on the page refreshes the list.
    Effect::new(move |_| {
        editing.notice.track();
        if open.get_untracked() {
            deleted.refetch();
        }
    });
    view! {
        <section class="deleted-rows" aria-labelledby="deleted-rows-toggle">
            <h2 class="deleted-rows-head">
                <button
                    type="button"
                    id="deleted-rows-toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls="deleted-rows-list"
                    on:click=move |_| open.update(|open| *open = !*open)
                >
                    <span aria-hidden="true" class="disclosure-mark">
                        {move || if open.get() { "▾" } else { "▸" }}
                    </span>
                    {move || i18n.t().deleted_rows}
                </button>
            </h2>
            <div id="deleted-rows-list" hidden=move || !open.get()>
                <Suspense fallback=move || {
                    view! { <p class="loading">{move || i18n.t().loading}</p> }
                }>{list}</Suspense>
            </div>
        </section>
    }
    .into_any()
}

/// One deleted row: its code, Bagian, Aktivitas and when it went; brought
/// back by `restore` (row, code) for those who may change its Bagian.
#[component]
fn DeletedItem(row: DeletedRow, restore: Callback<(i32, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let access = use_context::<super::Access>();
    let may_restore = access.is_some_and(|access| access.rows_of(row.bagian_id));
    let t = i18n.t();
    let when = row.deleted_at.map(|at| t.moment(at)).unwrap_or_default();
    let label = (t.restore_row)(&row.code);
    let (id, code) = (row.id, row.code.clone());
    view! {
        <li class="deleted-row" data-row-id=row.id>
            <div>
                <p class="deleted-code">
                    <strong>{row.code}</strong>
                    " · "
                    {row.bagian}
                </p>
                <p class="deleted-text">
                    <RichTextView text=row.aktivitas/>
                </p>
                <p class="history-meta">{move || i18n.t().deleted_when} " " {when}</p>
            </div>
            {may_restore
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="history-restore"
                            aria-label=label
                            on:click=move |_| restore.run((id, code.clone()))
                        >
                            {move || i18n.t().restore}
                        </button>
                    }
                })}
        </li>
    }
}
