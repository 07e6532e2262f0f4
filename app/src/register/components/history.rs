use super::{RichTextView, RowEditing, rows::problem};
use crate::i18n::{Strings, use_i18n};
use crate::register::edit::save_cell;
use crate::register::history::{Action, ChangeView, RowHistory, load_row_history};
use crate::register::labels::assessment_value;
use crate::register::model::{Field, RichText};
use leptos::prelude::*;

/// A row's history, open below the row: each change with when, who, what,
/// before and after; an edited cell's earlier value can be put back (a save
/// like any other, so it never overwrites a newer value unseen).
#[component]
pub fn HistoryRow(row: i32, code: String, columns: usize) -> impl IntoView {
    let i18n = use_i18n();
    let Some(editing) = use_context::<RowEditing>() else {
        return ().into_any();
    };
    let history = LocalResource::new(move || load_row_history(row));
    let restore = move |field: Field, value: RichText, expected: String, code: String| {
        leptos::task::spawn_local(async move {
            let t = i18n.t();
            match save_cell(row, field, expected, value.into()).await {
                Ok(_) => {
                    editing.notice.set(Some((t.value_restored)(t.field_name(field), &code)));
                    history.refetch();
                    editing.reload.run(());
                }
                Err(error) => editing.notice.set(Some(problem(error, t))),
            }
        });
    };
    let title = {
        let code = code.clone();
        move || (i18n.t().history_of)(&code)
    };
    let entries = move || {
        history.get().map(|loaded| match loaded {
            Ok(history) => {
                let code = code.clone();
                view! { <HistoryList history code restore/> }.into_any()
            }
            Err(error) => {
                view! { <p class="cell-status">{problem(error, i18n.t())}</p> }.into_any()
            }
        })
    };
    let body = view! {
        <Suspense fallback=move || {
            view! { <p class="loading">{move || i18n.t().loading}</p> }
        }>{entries}</Suspense>
    };
    view! {
        <RowPanel kind="history" row columns title on_close=move || editing.history.set(None)>
            {body}
        </RowPanel>
    }
    .into_any()
}

/// A panel open below a row (its history, its review notes): a heading that
/// takes the focus when the panel opens, as for a dialog, a button that
/// closes it, and what the panel shows.
#[component]
pub(super) fn RowPanel(
    /// What the panel holds ("history", "notes"): in its classes and ids.
    kind: &'static str,
    row: i32,
    /// The columns it spans.
    columns: usize,
    #[prop(into)] title: Signal<String>,
    on_close: impl Fn() + 'static,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H3>::new();
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let id = format!("{kind}-{row}");
    let labelled = id.clone();
    view! {
        <tr class=format!("history-row {kind}-row") data-panel=kind data-panel-of=row>
            <td colspan=columns>
                <section class=format!("history-panel {kind}-panel") aria-labelledby=labelled>
                    <div class="history-head">
                        <h3 id=id tabindex="-1" node_ref=heading>
                            {title}
                        </h3>
                        <button type="button" class="history-close" on:click=move |_| on_close()>
                            {move || i18n.t().close}
                        </button>
                    </div>
                    {children()}
                </section>
            </td>
        </tr>
    }
}

/// The entries of a row's history, newest first. A row's creation logs one
/// entry per cell; it shows as one.
#[component]
fn HistoryList(
    history: RowHistory,
    code: String,
    restore: impl Fn(Field, RichText, String, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    if history.changes.is_empty() {
        return view! { <p>{move || i18n.t().history_empty}</p> }.into_any();
    }
    let mut seen_create = false;
    let items = history
        .changes
        .iter()
        .filter(|change| {
            change.action != Action::Create || !std::mem::replace(&mut seen_create, true)
        })
        .map(|change| {
            let t = i18n.t();
            let when = t.moment(change.at);
            let who = change.author.name(t);
            let what = summary(change, t);
            let diff = change.restorable().map(|(field, old)| {
                let now = history.current(field).cloned().unwrap_or_default();
                let same = now.markup() == old.markup();
                let new = RichText::new(change.new.clone().unwrap_or_default());
                let code = code.clone();
                let expected = now.markup().to_owned();
                let label = move || (i18n.t().restore_value_label)(i18n.t().field_name(field));
                view! {
                    <div class="history-diff">
                        <div class="history-before">
                            <span class="history-label">{move || i18n.t().before}</span>
                            <Value text=old.clone()/>
                        </div>
                        <div class="history-after">
                            <span class="history-label">{move || i18n.t().after}</span>
                            <Value text=new/>
                        </div>
                    </div>
                    {if same {
                        view! { <p class="history-same">{move || i18n.t().same_as_now}</p> }.into_any()
                    } else {
                        view! {
                            <button
                                type="button"
                                class="history-restore"
                                aria-label=label
                                on:click=move |_| restore(field, old.clone(), expected.clone(), code.clone())
                            >
                                {move || i18n.t().restore_value}
                            </button>
                        }
                            .into_any()
                    }}
                }
            });
            view! {
                <li class="history-entry">
                    <p class="history-what">
                        <strong>{what}</strong>
                        <span class="history-meta">
                            <time datetime=change.at.to_rfc3339()>{when}</time>
                            " · "
                            {who}
                        </span>
                    </p>
                    {diff}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="history-list">{items}</ol> }.into_any()
}

/// A value of the history, or "(empty)".
#[component]
fn Value(text: RichText) -> impl IntoView {
    let i18n = use_i18n();
    if text.markup().is_empty() {
        view! { <p class="history-value is-empty">{move || i18n.t().empty_value}</p> }.into_any()
    } else {
        view! {
            <p class="history-value">
                <RichTextView text/>
            </p>
        }
        .into_any()
    }
}

fn summary(change: &ChangeView, t: &Strings) -> String {
    let (old, new) = (change.old.as_deref().unwrap_or(""), change.new.as_deref().unwrap_or(""));
    match (change.action, change.field) {
        (Action::Create, _) => t.row_created.to_owned(),
        (Action::Update | Action::Relevel, Some(field)) if !Field::CELLS.contains(&field) => {
            let sources = use_context::<super::SourceList>();
            let word = |raw: &str| {
                sources.map_or_else(
                    || assessment_value(t, field, raw, &[]),
                    |list| list.0.with_value(|list| assessment_value(t, field, raw, list)),
                )
            };
            let describe =
                if change.action == Action::Relevel { t.relevelled } else { t.value_changed };
            let name = match change.quarter.and_then(|q| t.quarter_names.get(usize::from(q) - 1)) {
                Some(quarter) => format!("{} ({quarter})", t.field_name(field)),
                None => t.field_name(field).to_owned(),
            };
            describe(&name, &excerpt(&word(old)), &excerpt(&word(new)))
        }
        (Action::Update, Some(field)) => (t.cell_changed)(t.field_name(field)),
        (Action::Relevel | Action::Layout, _) => (t.cell_changed)(&change.column),
        (Action::Move, Some(Field::Bagian)) => {
            format!("{}: {}", t.row_moved, (t.moved_bagian)(old, new))
        }
        (Action::Move, _) => format!("{}: {}", t.row_moved, (t.moved_position)(old, new)),
        (Action::Delete, _) => t.row_deleted_entry.to_owned(),
        (Action::Restore, _) => t.row_restored_entry.to_owned(),
        (Action::Update, None) => (t.cell_changed)(&change.column),
        (Action::Note, _) => (t.note_written_entry)(&excerpt(new)),
        (Action::Resolve, _) => (t.note_resolved_entry)(&excerpt(new)),
        (Action::Reopen, _) => (t.note_reopened_entry)(&excerpt(new)),
    }
}

/// The start of a long text, to quote in a line.
fn excerpt(text: &str) -> String {
    const LONGEST: usize = 140;
    match text.char_indices().nth(LONGEST) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}
