//! The Bagian of the register in the editor: each one's name with its
//! controls (rename, move up or down, remove when empty), a Bagian without
//! rows with its "add the first risk", and the form that adds a Bagian.
use super::row_actions::RowButton;
use super::rows::problem;
use super::{BagianList, RowEditing};
use crate::i18n::{I18n, Strings, use_i18n};
use crate::register::edit::{add_bagian, move_bagian, remove_bagian, rename_bagian};
use leptos::{html, prelude::*};

/// A Bagian's name in its spanning cell and, once the page is interactive,
/// its controls; renaming turns the name into a text box.
#[component]
pub fn BagianHeading(
    register_id: i32,
    bagian: i32,
    name: String,
    empty: bool,
    interactive: Signal<bool>,
) -> impl IntoView {
    let at = BagianAt { register_id, bagian, shown: StoredValue::new(name) };
    let rename = Renaming {
        open: RwSignal::new(false),
        draft: RwSignal::new(String::new()),
        error: RwSignal::new(None),
        input: NodeRef::new(),
    };
    view! {
        <Show
            when=move || rename.open.get()
            fallback=move || {
                view! {
                    <span class="bagian-name">{at.shown.get_value()}</span>
                    <Show when=move || interactive.get()>
                        <BagianTools at empty rename/>
                    </Show>
                }
            }
        >
            <RenameForm at rename/>
        </Show>
    }
    .into_any()
}

/// The Bagian a control acts on, with its name as shown.
#[derive(Clone, Copy)]
struct BagianAt {
    register_id: i32,
    bagian: i32,
    shown: StoredValue<String>,
}

/// A Bagian's rename: open or not, the name typed, what was refused.
#[derive(Clone, Copy)]
struct Renaming {
    open: RwSignal<bool>,
    draft: RwSignal<String>,
    error: RwSignal<Option<String>>,
    input: NodeRef<html::Input>,
}

/// Runs a write of the Bagian; on success says `done` and reloads the
/// register, else says why not.
fn run_write(
    (editing, i18n): (Option<RowEditing>, I18n),
    done: String,
    write: std::pin::Pin<Box<dyn Future<Output = Result<(), crate::error::AppError>>>>,
) {
    let Some(editing) = editing else { return };
    leptos::task::spawn_local(async move {
        match write.await {
            Ok(()) => {
                editing.notice.set(Some(done));
                editing.reload.run(());
            }
            Err(failure) => editing.notice.set(Some(problem(failure, i18n.t()))),
        }
    });
}

/// A Bagian's controls: rename, move up or down, remove when empty.
#[component]
fn BagianTools(at: BagianAt, empty: bool, rename: Renaming) -> impl IntoView {
    let i18n = use_i18n();
    let page = (use_context::<RowEditing>(), i18n);
    let BagianAt { register_id, bagian, shown } = at;
    // Labels naming the Bagian, made with the tools (again when the
    // language changes).
    let named = move |text: fn(&Strings) -> fn(&str) -> String| {
        shown.with_value(|name| text(i18n.t())(name))
    };
    // The Bagian next to this one, as the user sees the list.
    let neighbour = move |up: bool| {
        let list = use_context::<BagianList>()?.0.get_value();
        let at = list.iter().position(|(id, _)| *id == bagian)?;
        let other = if up { at.checked_sub(1)? } else { at + 1 };
        list.get(other).map(|(id, _)| *id)
    };
    let (above, below) = (neighbour(true), neighbour(false));
    let on_move = move |up: bool, neighbour: i32| {
        let done = shown.with_value(|name| (i18n.t().bagian_moved)(name));
        run_write(page, done, Box::pin(move_bagian(register_id, bagian, up, neighbour)));
    };
    let on_remove = move || {
        let done = shown.with_value(|name| (i18n.t().bagian_removed)(name));
        run_write(page, done, Box::pin(remove_bagian(register_id, bagian)));
    };
    let start_rename = move || {
        rename.draft.set(shown.get_value());
        rename.error.set(None);
        rename.open.set(true);
        request_animation_frame(move || {
            if let Some(input) = rename.input.get_untracked() {
                let _ = input.focus();
                input.select();
            }
        });
    };
    view! {
        <div class="bagian-tools" role="group" aria-label=named(|t| t.bagian_tools)>
            <RowButton label=named(|t| t.rename_bagian) symbol="✎" on_click=start_rename/>
            {above.map(|other| view! {
                <RowButton
                    label=named(|t| t.move_bagian_up)
                    symbol="↑"
                    on_click=move || on_move(true, other)
                />
            })}
            {below.map(|other| view! {
                <RowButton
                    label=named(|t| t.move_bagian_down)
                    symbol="↓"
                    on_click=move || on_move(false, other)
                />
            })}
            {empty.then(|| view! {
                <RowButton
                    label=named(|t| t.remove_bagian)
                    symbol="×"
                    danger=true
                    on_click=on_remove
                />
            })}
        </div>
    }
}

/// The Bagian's name as a text box, saved or cancelled.
#[component]
fn RenameForm(at: BagianAt, rename: Renaming) -> impl IntoView {
    let i18n = use_i18n();
    let editing = use_context::<RowEditing>();
    let BagianAt { register_id, bagian, shown } = at;
    let Renaming { open, draft, error, input } = rename;
    let save = move || {
        let Some(editing) = editing else { return };
        let expected = shown.get_value();
        let name = draft.get_untracked();
        leptos::task::spawn_local(async move {
            match rename_bagian(register_id, bagian, expected, name).await {
                Ok(stored) => {
                    open.set(false);
                    editing.notice.set(Some((i18n.t().bagian_renamed)(&stored)));
                    editing.reload.run(());
                }
                Err(failure) => error.set(Some(problem(failure, i18n.t()))),
            }
        });
    };
    view! {
        <form
            class="bagian-rename"
            on:submit=move |event| {
                event.prevent_default();
                save();
            }
        >
            <input
                type="text"
                node_ref=input
                aria-label=move || i18n.t().bagian_name_label
                prop:value=move || draft.get()
                on:input=move |event| draft.set(event_target_value(&event))
                on:keydown=move |event| {
                    if event.key() == "Escape" {
                        open.set(false);
                    }
                }
            />
            <p class="cell-status" role="alert">{move || error.get()}</p>
            <div class="cell-tools">
                <button type="submit" class="tool-save">{move || i18n.t().save}</button>
                <button type="button" on:click=move |_| open.set(false)>
                    {move || i18n.t().cancel}
                </button>
            </div>
        </form>
    }
}

/// A Bagian without rows: its name, and a button that opens the first row.
#[component]
pub fn EmptySection(
    register_id: i32,
    bagian: i32,
    name: String,
    /// The Bagian's tools are on offer.
    interactive: Signal<bool>,
    /// Its first row can be written.
    starts: Signal<bool>,
    /// The columns after the Bagian's it spans.
    columns: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let writing = RwSignal::new(false);
    let span = move || if writing.get() { 2 } else { 1 };
    let label = {
        let name = name.clone();
        Signal::derive(move || (i18n.t().add_first_row)(&name))
    };
    view! {
        <tr class="empty-section" data-grid-row="">
            <td class="cell-no" rowspan=span></td>
            <th class="cell-bagian" scope="rowgroup" rowspan=span>
                <BagianHeading register_id bagian name empty=true interactive/>
            </th>
            <td class="cell-empty" colspan=columns>
                <p>{move || i18n.t().empty_bagian}</p>
                <Show when=move || starts.get() && !writing.get()>
                    <button
                        type="button"
                        class="button-secondary"
                        tabindex="-1"
                        data-grid-item=""
                        on:click=move |_| writing.set(true)
                    >
                        {label}
                    </button>
                </Show>
            </td>
        </tr>
        <Show when=move || writing.get()>
            <super::NewRow register_id bagian after=None on_close=Callback::new(move |()| writing.set(false))/>
        </Show>
    }
    .into_any()
}

/// Adds a Bagian at the end of the register.
#[component]
pub fn AddBagian(register_id: i32) -> impl IntoView {
    let i18n = use_i18n();
    let Some(editing) = use_context::<RowEditing>() else {
        return ().into_any();
    };
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = name.get_untracked();
        leptos::task::spawn_local(async move {
            match add_bagian(register_id, typed.clone()).await {
                Ok(_) => {
                    name.set(String::new());
                    error.set(None);
                    editing.notice.set(Some((i18n.t().bagian_added)(typed.trim())));
                    editing.reload.run(());
                }
                Err(failure) => error.set(Some(problem(failure, i18n.t()))),
            }
        });
    };
    view! {
        <form class="add-bagian" on:submit=submit>
            <label for="new-bagian">{move || i18n.t().new_bagian_label}</label>
            <div class="add-bagian-line">
                <input
                    id="new-bagian"
                    type="text"
                    aria-describedby="new-bagian-hint new-bagian-error"
                    prop:value=move || name.get()
                    on:input=move |event| name.set(event_target_value(&event))
                />
                <button type="submit" class="button-secondary">{move || i18n.t().add_bagian}</button>
            </div>
            <p id="new-bagian-hint" class="hint">{move || i18n.t().new_bagian_hint}</p>
            <p id="new-bagian-error" class="field-error" role="alert">{move || error.get()}</p>
        </form>
    }
    .into_any()
}
