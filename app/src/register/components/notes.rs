use super::history::RowPanel;
use super::{Access, RowEditing, RowStore, rows::problem};
use crate::i18n::use_i18n;
use crate::register::notes::{AddNote, NoteView, resolve_note, row_notes};
use leptos::prelude::*;

/// A row's review notes, open below the row: each note with its author,
/// when, and whether it is resolved; reviewers write new notes and mark
/// them resolved. The list follows the register live: a note written in
/// another browser appears while the panel is open.
#[component]
pub fn NotesRow(row: i32, code: String, columns: usize) -> impl IntoView {
    let i18n = use_i18n();
    let Some(editing) = use_context::<RowEditing>() else {
        return ().into_any();
    };
    let reviews = use_context::<Access>().is_some_and(|access| access.reviews());
    let version = use_context::<RowStore>().map(|store| store.version);
    let notes = LocalResource::new(move || {
        // Read again with every new version of the register.
        if let Some(version) = version {
            version.track();
        }
        row_notes(row)
    });
    let error = RwSignal::new(None::<String>);
    let code = StoredValue::new(code);
    let resolve = move |note: i32, resolved: bool| {
        leptos::task::spawn_local(async move {
            match resolve_note(note, resolved).await {
                Ok(()) => notes.refetch(),
                Err(failure) => error.set(Some(problem(failure, i18n.t()))),
            }
        });
    };
    let list = move || {
        notes.get().map(|loaded| match loaded {
            Ok(notes) if notes.is_empty() => {
                view! { <p class="notes-none">{move || i18n.t().notes_none}</p> }.into_any()
            }
            Ok(notes) => view! { <NoteList notes reviews resolve/> }.into_any(),
            Err(failure) => {
                view! { <p class="cell-status">{problem(failure, i18n.t())}</p> }.into_any()
            }
        })
    };
    let sent = Callback::new(move |()| notes.refetch());
    let form = reviews.then(|| view! { <NoteForm row code error sent/> });
    let title = move || code.with_value(|code| (i18n.t().notes_of)(code));
    let body = view! {
        <Transition fallback=move || {
            view! { <p class="loading">{move || i18n.t().loading}</p> }
        }>{list}</Transition>
        {form}
    };
    view! {
        <RowPanel kind="notes" row columns title on_close=move || editing.notes.set(None)>
            {body}
        </RowPanel>
    }
    .into_any()
}

/// The notes of a row, oldest first.
#[component]
fn NoteList(
    notes: Vec<NoteView>,
    reviews: bool,
    resolve: impl Fn(i32, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let items = notes
        .into_iter()
        .map(|note| {
            let t = i18n.t();
            let author = note.author.clone().unwrap_or_else(|| t.note_unknown_author.to_owned());
            let open = note.resolved.is_none();
            let state = match &note.resolved {
                None => t.note_open_badge.to_owned(),
                Some((at, by)) => (t.note_resolved)(by.as_deref(), &t.moment(*at)),
            };
            let id = note.id;
            let toggle = reviews.then(|| {
                view! {
                    <button type="button" class="note-toggle" on:click=move |_| resolve(id, open)>
                        {move || if open { i18n.t().note_resolve } else { i18n.t().note_reopen }}
                    </button>
                }
            });
            view! {
                <li class="note" class:is-resolved=!open data-note-id=id>
                    <p class="history-what">
                        <strong>{author}</strong>
                        <span class="history-meta">
                            <time datetime=note.at.to_rfc3339()>{t.moment(note.at)}</time>
                        </span>
                    </p>
                    <p class="note-body">{note.body}</p>
                    <p class="note-state">
                        <span class="note-badge" class:is-open=open>{state}</span>
                        {toggle}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="history-list notes-list">{items}</ol> }
}

/// A reviewer's new note on row `row`, sent as a server action (the button
/// waits while it is under way): `sent` once saved; what went wrong to
/// `error`.
#[component]
fn NoteForm(
    row: i32,
    code: StoredValue<String>,
    error: RwSignal<Option<String>>,
    sent: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let editing = use_context::<RowEditing>();
    let text = RwSignal::new(String::new());
    let add = ServerAction::<AddNote>::new();
    let send = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        add.dispatch(AddNote { row, body: text.get_untracked() });
    };
    Effect::new(move |_| {
        let Some(outcome) = add.value().get() else { return };
        let t = i18n.t();
        match outcome {
            Ok(_) => {
                text.set(String::new());
                error.set(None);
                if let Some(editing) = editing {
                    editing.notice.set(Some(code.with_value(|code| (t.note_sent)(code))));
                }
                sent.run(());
            }
            Err(failure) => error.set(Some(problem(failure, t))),
        }
    });
    let field = format!("note-new-{row}");
    view! {
        <form class="note-form" on:submit=send>
            <label for=field.clone()>{move || i18n.t().note_new}</label>
            <textarea
                id=field
                rows="3"
                prop:value=move || text.get()
                on:input=move |event| text.set(event_target_value(&event))
                aria-invalid=move || error.with(Option::is_some).then_some("true")
            ></textarea>
            <p class="cell-status" role="alert">{move || error.get()}</p>
            <div class="note-tools">
                <button type="submit" class="tool-save" disabled=move || add.pending().get()>
                    {move || i18n.t().note_send}
                </button>
            </div>
        </form>
    }
}
