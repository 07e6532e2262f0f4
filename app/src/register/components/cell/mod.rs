use super::RichTextView;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::register::edit::save_cell;
use crate::register::filter::highlight_html;
use crate::register::model::{Field, RichText};
use leptos::either::{Either, EitherOf3};
use leptos::{ev::KeyboardEvent, html, prelude::*};

mod editor;

use editor::{CellEditor, Conflict};

/// Where a cell's save stands, shown beside it and announced.
#[derive(Clone, Debug, PartialEq, Eq)]
enum SaveState {
    Idle,
    /// The text being saved, shown meanwhile.
    Saving(String),
    Saved,
    /// The save failed; the editor is open again with the user's text.
    Failed(String),
    /// Someone saved the cell meanwhile: their text and the user's.
    Conflict {
        theirs: String,
        mine: String,
    },
}

/// One text cell of a risk row, edited in place: Enter, F2 or a click opens
/// it, Escape cancels, Ctrl+Enter or leaving it saves. A save names the text
/// it started from, so it never overwrites a colleague's newer text.
///
/// A cell at rest is a few reactive nodes (its text is one `innerHTML`): a
/// keystroke in the search box creates and drops dozens of rows. The editor
/// and its state are made when the cell opens.
#[component]
pub fn EditableCell(
    row: i32,
    field: Field,
    /// The text the server holds, as far as this page knows (the live
    /// channel updates it): what the cell shows at rest.
    stored: RwSignal<RichText>,
    /// The row's version, updated by each save.
    version: RwSignal<i32>,
    /// False for a register that is set (ditetapkan): read-only.
    editable: bool,
    /// True once the page is hydrated: before that, nothing here is interactive.
    ready: ReadSignal<bool>,
    /// Search words to mark in the text (folded).
    #[prop(into, optional)]
    terms: Signal<Vec<String>>,
    /// The colleagues editing the row now, shown at the top of the cell (the
    /// row's first cell carries them).
    #[prop(default = None)]
    editors: Option<RwSignal<Vec<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let announce = use_context::<Announcer>();
    // The text the editor opens with, while it is open.
    let editing = RwSignal::new(None::<String>);
    // What the cell held when the user opened it: the basis of the save, so
    // a colleague's change arriving meanwhile is never overwritten.
    let basis = StoredValue::new(String::new());
    let state = RwSignal::new(SaveState::Idle);
    let store = use_context::<super::RowStore>();
    let cell = NodeRef::<html::Td>::new();

    // Screen readers hear each change of state once, through the table's
    // one live region (a region per cell would weigh on every page).
    let set_state = move |next: SaveState| {
        let t = i18n.t();
        let message = match &next {
            SaveState::Idle => None,
            SaveState::Saving(_) => Some(t.saving.to_owned()),
            SaveState::Saved => Some(t.saved.to_owned()),
            SaveState::Failed(message) => Some(message.clone()),
            SaveState::Conflict { .. } => Some(t.cell_conflict.to_owned()),
        };
        if let (Some(announce), Some(message)) = (announce, message) {
            announce.0.set(format!("{}: {message}", t.field_name(field)));
        }
        state.set(next);
    };
    // The page renders the table anew (after a colleague's change of its
    // shape) only once no cell is open: it counts them.
    // Colleagues see who edits the row while the editor is open.
    let presence = StoredValue::new(None::<std::sync::Arc<dyn Fn() + Send + Sync>>);
    let count_open = move |by: isize| {
        if let Some(store) = store {
            store.open_editors.try_update(|n| *n = n.saturating_add_signed(by));
        }
        if by > 0 {
            presence.try_set_value(Some(std::sync::Arc::new(super::announce_editing(row))));
        } else if let Some(stop) = presence.try_get_value().flatten() {
            presence.try_set_value(None);
            stop();
        }
    };
    let open = move |text: String| {
        if editing.with_untracked(Option::is_none) {
            count_open(1);
        }
        editing.set(Some(text));
    };
    on_cleanup(move || {
        if editing.try_with_untracked(Option::is_some) == Some(true) {
            count_open(-1);
        }
    });
    // Opening from rest: the basis is what the cell holds now.
    let open_fresh = move || {
        let text = stored.get_untracked().markup().to_owned();
        basis.set_value(text.clone());
        open(text);
    };
    // A colleague's change of this cell arrived while it is open.
    let overtaken = move || {
        stored.try_with(|now| basis.try_with_value(|basis| now.markup() != basis))
            == Some(Some(true))
    };
    let close = move |refocus: bool| {
        if editing.with_untracked(Option::is_some) {
            count_open(-1);
        }
        editing.set(None);
        if refocus {
            request_animation_frame(move || focus_view(cell));
        }
    };
    // `refocus`: the save came from the keyboard or a button of the cell, so
    // the focus returns to the cell; a save on leaving the cell leaves the
    // focus where the user put it.
    let submit = move |expected: String, mine: String, refocus: bool| {
        if mine.trim() == expected {
            set_state(SaveState::Idle);
            close(refocus);
            return;
        }
        let value = match RichText::parse(&mine) {
            Ok(value) => value,
            Err(problem) => {
                let message = i18n.t().field_error(crate::rules::FieldError::new(field, problem));
                set_state(SaveState::Failed(message));
                return;
            }
        };
        set_state(SaveState::Saving(mine.clone()));
        close(refocus);
        leptos::task::spawn_local(async move {
            match save_cell(row, field, expected, value.into()).await {
                Ok(saved) => {
                    if let Some(store) = store {
                        store.saved(row, field, &saved.value);
                    }
                    stored.set(saved.value);
                    version.set(saved.version);
                    set_state(SaveState::Saved);
                }
                Err(AppError::CellConflict { theirs, .. }) => {
                    set_state(SaveState::Conflict { theirs, mine });
                }
                Err(AppError::Validation(errors)) => {
                    let t = i18n.t();
                    let message = errors.iter().map(|e| t.field_error(*e)).collect::<Vec<_>>();
                    set_state(SaveState::Failed(message.join(" ")));
                    open(mine);
                }
                Err(_) => {
                    set_state(SaveState::Failed(i18n.t().save_failed.to_owned()));
                    open(mine);
                }
            }
        });
    };
    // Only an open editor saves: leaving it after Escape or a save does not.
    let save = Callback::new(move |(mine, refocus): (String, bool)| {
        if editing.try_with_untracked(Option::is_some) == Some(true) {
            submit(basis.get_value(), mine, refocus);
        }
    });
    let cancel = Callback::new(move |()| {
        set_state(SaveState::Idle);
        close(true);
    });

    // The text as shown, with the search's matches marked: while saving,
    // the text being saved.
    let html = move || {
        let saving = state.with(|state| match state {
            SaveState::Saving(text) => Some(RichText::new(text.clone())),
            _ => None,
        });
        // The row's state belongs to the table: a run queued as the table
        // goes finds it gone, and shows nothing.
        let text = saving.or_else(|| stored.try_get()).unwrap_or_default();
        terms.with(|terms| highlight_html(&text, terms))
    };
    let body = move || {
        let interactive = editable && ready.get();
        match editing.get() {
            Some(initial) => Either::Left(view! {
                <CellEditor
                    initial
                    label=(i18n.t().edit_label)(i18n.t().field_name(field))
                    failed=Signal::derive(move || matches!(state.get(), SaveState::Failed(_)))
                    save
                    cancel
                />
                {move || {
                    overtaken()
                        .then(|| {
                            view! {
                                <p class="cell-status cell-overtaken" role="status">
                                    {move || i18n.t().changed_meanwhile}
                                </p>
                            }
                        })
                }}
            }),
            None => {
                let on_key = move |event: KeyboardEvent| {
                    if interactive && matches!(event.key().as_str(), "Enter" | "F2") {
                        event.prevent_default();
                        open_fresh();
                    }
                };
                Either::Right(view! {
                    <div
                        class="cell-view"
                        role=interactive.then_some("button")
                        tabindex=interactive.then_some("-1")
                        data-grid-item=interactive.then_some("")
                        aria-describedby=interactive.then_some("edit-hint")
                        on:click=move |_| {
                            if interactive {
                                open_fresh();
                            }
                        }
                        on:keydown=on_key
                        inner_html=html
                    ></div>
                })
            }
        }
    };
    let status = move || {
        match state.get() {
            SaveState::Idle => EitherOf3::A(()),
            SaveState::Conflict { theirs, mine } => EitherOf3::B(view! {
                <Conflict
                    theirs
                    mine
                    keep=Callback::new(move |(theirs, mine)| {
                        basis.set_value(theirs);
                        submit(basis.get_value(), mine, true)
                    })
                    take=Callback::new(move |theirs| {
                        stored.set(RichText::new(theirs));
                        set_state(SaveState::Idle);
                    })
                    merge=Callback::new(move |(theirs, mine): (String, String)| {
                        stored.set(RichText::new(theirs.clone()));
                        basis.set_value(theirs);
                        set_state(SaveState::Idle);
                        open(mine);
                    })
                />
            }),
            SaveState::Saving(_) => EitherOf3::C(i18n.t().saving.to_owned()),
            SaveState::Saved => EitherOf3::C(i18n.t().saved.to_owned()),
            SaveState::Failed(message) => EitherOf3::C(message),
        }
        .map_c(|message| view! { <p class="cell-status">{message}</p> })
    };

    let presence = move || {
        let names = editors?.try_with(|names| names.join(", "))?;
        (!names.is_empty()).then(|| {
            let text = (i18n.t().editing_now)(&names);
            view! { <p class="row-presence" data-testid="row-presence">{text}</p> }
        })
    };
    view! {
        <td class="cell-text" node_ref=cell>
            {presence}
            {body}
            {status}
        </td>
    }
    // Erasing the type keeps the WASM build's type depth in bounds.
    .into_any()
}

/// Puts the focus back on a cell's text (after its editor closed).
fn focus_view(cell: NodeRef<html::Td>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let view = cell
            .get_untracked()
            .and_then(|cell| cell.query_selector(".cell-view").ok().flatten())
            .and_then(|view| view.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(view) = view {
            let _ = view.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = cell;
}
/// The register table's one live region: what a save did, read aloud.
#[derive(Clone, Copy, Debug)]
pub struct Announcer(pub RwSignal<String>);
