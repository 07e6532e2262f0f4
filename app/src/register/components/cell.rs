use super::RichTextView;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::register::edit::save_cell;
use crate::register::model::{Field, RichText};
use leptos::{ev::KeyboardEvent, html, prelude::*};

/// Where a cell's save stands, shown beside it and announced.
#[derive(Clone, Debug, PartialEq, Eq)]
enum SaveState {
    Idle,
    Saving,
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
#[component]
pub fn EditableCell(
    row: i32,
    field: Field,
    text: RichText,
    /// False for a register that is set (ditetapkan): read-only.
    editable: bool,
    /// True once the page is hydrated: before that, nothing here is interactive.
    ready: ReadSignal<bool>,
    /// Search words to mark in the text (folded).
    #[prop(into, optional)]
    terms: Signal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let announce = use_context::<Announcer>();
    // What the server holds, as far as this page knows: the basis of a save.
    let stored = RwSignal::new(text);
    let draft = RwSignal::new(String::new());
    let editing = RwSignal::new(false);
    let state = RwSignal::new(SaveState::Idle);
    let editor = NodeRef::<html::Textarea>::new();
    let view_ref = NodeRef::<html::Div>::new();
    let interactive = move || editable && ready.get();

    let open = move |text: String| {
        draft.set(text);
        editing.set(true);
        request_animation_frame(move || {
            if let Some(area) = editor.get_untracked() {
                let _ = area.focus();
            }
        });
    };
    let close = move || {
        editing.set(false);
        request_animation_frame(move || {
            if let Some(cell) = view_ref.get_untracked() {
                let _ = cell.focus();
            }
        });
    };
    // `refocus`: the save came from the keyboard or a button of the cell, so
    // the focus returns to the cell; a save on leaving the cell leaves the
    // focus where the user put it.
    let submit = move |expected: String, mine: String, refocus: bool| {
        if mine.trim() == expected {
            state.set(SaveState::Idle);
            close();
            return;
        }
        let value = match RichText::parse(&mine) {
            Ok(value) => value,
            Err(problem) => {
                let message = i18n.t().field_error(crate::rules::FieldError::new(field, problem));
                state.set(SaveState::Failed(message));
                return;
            }
        };
        state.set(SaveState::Saving);
        if refocus {
            close();
        } else {
            editing.set(false);
        }
        leptos::task::spawn_local(async move {
            match save_cell(row, field, expected, value).await {
                Ok(saved) => {
                    stored.set(saved.value);
                    state.set(SaveState::Saved);
                }
                Err(AppError::CellConflict { theirs, .. }) => {
                    state.set(SaveState::Conflict { theirs, mine });
                }
                Err(AppError::Validation(errors)) => {
                    let t = i18n.t();
                    let message = errors.iter().map(|e| t.field_error(*e)).collect::<Vec<_>>();
                    state.set(SaveState::Failed(message.join(" ")));
                    open(mine);
                }
                Err(_) => {
                    state.set(SaveState::Failed(i18n.t().save_failed.to_owned()));
                    open(mine);
                }
            }
        });
    };
    let save_draft = move |refocus: bool| {
        submit(stored.get_untracked().markup().to_owned(), draft.get_untracked(), refocus)
    };
    let cancel = move || {
        state.set(SaveState::Idle);
        close();
    };

    let on_view_key = move |event: KeyboardEvent| {
        if interactive()
            && !editing.get_untracked()
            && matches!(event.key().as_str(), "Enter" | "F2")
        {
            event.prevent_default();
            open(stored.get_untracked().markup().to_owned());
        }
    };
    let on_editor_key = move |event: KeyboardEvent| match event.key().as_str() {
        "Escape" => {
            event.prevent_default();
            cancel();
        }
        "Enter" if event.ctrl_key() || event.meta_key() => {
            event.prevent_default();
            save_draft(true);
        }
        "i" | "I" if event.ctrl_key() || event.meta_key() => {
            event.prevent_default();
            emphasise(editor, draft);
        }
        _ => {}
    };
    let on_blur = move |_| {
        // Leaving the cell saves; Escape closed it first, so it does not.
        if editing.get_untracked() {
            save_draft(false);
        }
    };

    let label = move || (i18n.t().edit_label)(i18n.t().field_name(field));
    let status = move || match state.get() {
        SaveState::Saving => Some(i18n.t().saving.to_owned()),
        SaveState::Saved => Some(i18n.t().saved.to_owned()),
        SaveState::Failed(message) => Some(message),
        SaveState::Idle | SaveState::Conflict { .. } => None,
    };
    // Screen readers hear each change of state once, through the table's
    // one live region (a region per cell would weigh on every page).
    Effect::new(move |_| {
        let message = match state.get() {
            SaveState::Conflict { .. } => Some(i18n.t().cell_conflict.to_owned()),
            _ => status(),
        };
        if let (Some(announce), Some(message)) = (announce, message) {
            announce.0.set(format!("{}: {message}", i18n.t().field_name(field)));
        }
    });
    let shown = move || match state.get() {
        // While saving, the text being saved.
        SaveState::Saving => RichText::new(draft.get()),
        _ => stored.get(),
    };

    view! {
        <td class="cell-text" class:is-editing=move || editing.get()>
            <Show
                when=move || editing.get()
                fallback=move || {
                    view! {
                        <div
                            class="cell-view"
                            node_ref=view_ref
                            role=move || interactive().then_some("button")
                            tabindex=move || interactive().then_some("-1")
                            data-grid-item=move || interactive().then_some("")
                            aria-describedby=move || interactive().then_some("edit-hint")
                            on:click=move |_| {
                                if interactive() {
                                    open(stored.get_untracked().markup().to_owned());
                                }
                            }
                            on:keydown=on_view_key
                        >
                            {move || view! { <RichTextView text=shown() terms=terms.get()/> }}
                        </div>
                    }
                        .into_any()
                }
            >
                {view! {
                <div class="cell-editor">
                    <textarea
                        node_ref=editor
                        aria-label=label
                        prop:value=move || draft.get()
                        on:input=move |event| draft.set(event_target_value(&event))
                        on:keydown=on_editor_key
                        on:blur=on_blur
                    ></textarea>
                    <div class="cell-tools">
                        <button
                            type="button"
                            class="tool-emphasis"
                            on:mousedown=|event| event.prevent_default()
                            on:click=move |_| emphasise(editor, draft)
                        >
                            <em>{move || i18n.t().emphasis}</em>
                        </button>
                        <button
                            type="button"
                            on:mousedown=|event| event.prevent_default()
                            on:click=move |_| cancel()
                        >
                            {move || i18n.t().cancel}
                        </button>
                        <button
                            type="button"
                            class="tool-save"
                            on:mousedown=|event| event.prevent_default()
                            on:click=move |_| save_draft(true)
                        >
                            {move || {
                                if matches!(state.get(), SaveState::Failed(_)) {
                                    i18n.t().retry
                                } else {
                                    i18n.t().save
                                }
                            }}
                        </button>
                    </div>
                </div>
                }.into_any()}
            </Show>
            {move || {
                let SaveState::Conflict { theirs, mine } = state.get() else {
                    return None;
                };
                let (keep, take, merge) = (mine.clone(), theirs.clone(), mine.clone());
                let basis = theirs.clone();
                Some(view! {
                    <div class="cell-conflict" role="alert">
                        <p>{move || i18n.t().cell_conflict}</p>
                        <p class="conflict-label">{move || i18n.t().theirs_label}</p>
                        <blockquote class="conflict-theirs">
                            <RichTextView text=RichText::new(theirs)/>
                        </blockquote>
                        <p class="conflict-label">{move || i18n.t().mine_label}</p>
                        <blockquote class="conflict-mine">
                            <RichTextView text=RichText::new(mine)/>
                        </blockquote>
                        <div class="cell-tools">
                            <button
                                type="button"
                                class="tool-save"
                                on:click=move |_| submit(basis.clone(), keep.clone(), true)
                            >
                                {move || i18n.t().keep_mine}
                            </button>
                            <button
                                type="button"
                                on:click=move |_| {
                                    stored.set(RichText::new(take.clone()));
                                    state.set(SaveState::Idle);
                                }
                            >
                                {move || i18n.t().take_theirs}
                            </button>
                            <button
                                type="button"
                                on:click=move |_| {
                                    if let SaveState::Conflict { theirs, .. } = state.get_untracked() {
                                        stored.set(RichText::new(theirs));
                                    }
                                    state.set(SaveState::Idle);
                                    open(merge.clone());
                                }
                            >
                                {move || i18n.t().merge}
                            </button>
                        </div>
                    </div>
                }
                .into_any())
            }}
            {move || status().map(|message| view! { <p class="cell-status">{message}</p> })}
        </td>
    }
    // Erasing the type keeps the WASM build's type depth in bounds.
    .into_any()
}

/// The register table's one live region: what a save did, read aloud.
#[derive(Clone, Copy, Debug)]
pub struct Announcer(pub RwSignal<String>);

/// Wraps the editor's selection in `<i>…</i>` (or puts an empty pair at the caret).
fn emphasise(editor: NodeRef<html::Textarea>, draft: RwSignal<String>) {
    let Some(area) = editor.get_untracked() else { return };
    let text = area.value();
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
    let (start, end) = (start.min(utf16.len()), end.min(utf16.len()).max(start.min(utf16.len())));
    let before = String::from_utf16_lossy(&utf16[..start]);
    let selected = String::from_utf16_lossy(&utf16[start..end]);
    let after = String::from_utf16_lossy(&utf16[end..]);
    let wrapped = format!("{before}<i>{selected}</i>{after}");
    area.set_value(&wrapped);
    draft.set(wrapped);
    let caret = (start + 3 + (end - start)) as u32;
    let _ = area.set_selection_range(caret, caret);
}
