//! A text cell of the register, edited in place.
mod edit;
mod editor;

use super::RichTextView;
use crate::i18n::use_i18n;
use crate::register::filter::highlight_html;
use crate::register::model::{Field, Origin, RichText};
use edit::{CellEdit, SaveState};
use editor::{CellEditor, Conflict};
use leptos::either::{Either, EitherOf3};
use leptos::{ev::KeyboardEvent, html, prelude::*};

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
    /// Of a register carried forward from `year`, where the row came from
    /// (the row's first cell says it).
    #[prop(default = None)]
    origin: Option<(i32, Signal<Option<Origin>>)>,
) -> impl IntoView {
    let edit = CellEdit::new(row, field, stored, version);
    let body = move || {
        let interactive = editable && ready.get();
        match edit.editing.get() {
            Some(initial) => Either::Left(view! { <OpenCell edit initial/> }),
            None => Either::Right(view! { <CellText edit interactive terms/> }),
        }
    };
    // Only the row's first cell says who edits it: the others make nothing.
    let presence = editors.map(|editors| view! { <Presence editors/> });
    let origin = origin.map(|(from, origin)| view! { <OriginBadge from origin/> });
    view! {
        <td class="cell-text" node_ref=edit.cell>
            {origin}
            {presence}
            {body}
            <CellStatus edit/>
        </td>
    }
    // Erasing the type keeps the WASM build's type depth in bounds.
    .into_any()
}

/// The cell at rest: its text with the search's matches marked (while
/// saving, the text being saved); a click, Enter or F2 opens it.
#[component]
fn CellText(edit: CellEdit, interactive: bool, terms: Signal<Vec<String>>) -> impl IntoView {
    let html = move || {
        let saving = edit.state.with(|state| match state {
            SaveState::Saving(text) => Some(RichText::new(text.clone())),
            _ => None,
        });
        // The row's state belongs to the table: a run queued as the table
        // goes finds it gone, and shows nothing.
        let text = saving.or_else(|| edit.stored.try_get()).unwrap_or_default();
        terms.with(|terms| highlight_html(&text, terms))
    };
    let on_key = move |event: KeyboardEvent| {
        if interactive && matches!(event.key().as_str(), "Enter" | "F2") {
            event.prevent_default();
            edit.open_fresh();
        }
    };
    view! {
        <div
            class="cell-view"
            role=interactive.then_some("button")
            tabindex=interactive.then_some("-1")
            data-grid-item=interactive.then_some("")
            aria-describedby=interactive.then_some("edit-hint")
            on:click=move |_| {
                if interactive {
                    edit.open_fresh();
                }
            }
            on:keydown=on_key
            inner_html=html
        ></div>
    }
}

/// The open editor, and a note when a colleague changed the cell meanwhile.
#[component]
fn OpenCell(edit: CellEdit, initial: String) -> impl IntoView {
    let i18n = use_i18n();
    // Only an open editor saves: leaving it after Escape or a save does not.
    let save = Callback::new(move |(mine, refocus): (String, bool)| {
        if edit.editing.try_with_untracked(Option::is_some) == Some(true) {
            edit.submit(edit.basis.get_value(), mine, refocus);
        }
    });
    let cancel = Callback::new(move |()| {
        edit.set_state(SaveState::Idle);
        edit.close(true);
    });
    let overtaken = move || {
        edit.overtaken().then(|| {
            view! {
                <p class="cell-status cell-overtaken" role="status">
                    {move || i18n.t().changed_meanwhile}
                </p>
            }
        })
    };
    view! {
        <CellEditor
            initial
            label=(i18n.t().edit_label)(i18n.t().field_name(edit.field))
            failed=Signal::derive(move || matches!(edit.state.get(), SaveState::Failed(_)))
            save
            cancel
        />
        {overtaken}
    }
}

/// Where the cell's save stands; for a conflict, the user's choice.
#[component]
fn CellStatus(edit: CellEdit) -> impl IntoView {
    let i18n = edit.i18n;
    move || {
        match edit.state.get() {
            SaveState::Idle => EitherOf3::A(()),
            SaveState::Conflict { theirs, mine } => EitherOf3::B(view! {
                <Conflict
                    theirs
                    mine
                    keep=Callback::new(move |(theirs, mine)| {
                        edit.basis.set_value(theirs);
                        edit.submit(edit.basis.get_value(), mine, true)
                    })
                    take=Callback::new(move |theirs| {
                        edit.stored.set(RichText::new(theirs));
                        edit.set_state(SaveState::Idle);
                    })
                    merge=Callback::new(move |(theirs, mine): (String, String)| {
                        edit.stored.set(RichText::new(theirs.clone()));
                        edit.basis.set_value(theirs);
                        edit.set_state(SaveState::Idle);
                        edit.open(mine);
                    })
                />
            }),
            SaveState::Saving(_) => EitherOf3::C(i18n.t().saving.to_owned()),
            SaveState::Saved => EitherOf3::C(i18n.t().saved.to_owned()),
            SaveState::Failed(message) => EitherOf3::C(message),
        }
        .map_c(|message| view! { <p class="cell-status">{message}</p> })
    }
}

/// Where a row of a register carried forward from `from` came from.
#[component]
fn OriginBadge(from: i32, origin: Signal<Option<Origin>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        origin.try_get().flatten().map(|origin| {
            let at = Origin::ALL.iter().position(|o| *o == origin).unwrap_or(0);
            let text = (i18n.t().cycle.origin_badge)(at, from);
            let class = format!("row-origin origin-{}", origin.code());
            view! { <p class=class data-testid="row-origin">{text}</p> }
        })
    }
}

/// The colleagues editing the row now (shown in its first cell).
#[component]
fn Presence(editors: RwSignal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let names = editors.try_with(|names| names.join(", "))?;
        (!names.is_empty()).then(|| {
            let text = (i18n.t().editing_now)(&names);
            view! { <p class="row-presence" data-testid="row-presence">{text}</p> }
        })
    }
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
