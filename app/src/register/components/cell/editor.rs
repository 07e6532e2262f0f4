//! A cell's open editor, and the choice a conflicting save offers.
use super::*;

/// An open cell: the text box, a button to mark emphasis, cancel and save.
#[component]
pub(super) fn CellEditor(
    initial: String,
    label: String,
    /// The last save failed: the save button offers a retry.
    failed: Signal<bool>,
    /// Saves (text, refocus the cell).
    save: Callback<(String, bool)>,
    cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let draft = RwSignal::new(initial);
    let editor = NodeRef::<html::Textarea>::new();
    request_animation_frame(move || {
        if let Some(area) = editor.get_untracked() {
            let _ = area.focus();
        }
    });
    let on_key = move |event: KeyboardEvent| match event.key().as_str() {
        "Escape" => {
            event.prevent_default();
            cancel.run(());
        }
        "Enter" if event.ctrl_key() || event.meta_key() => {
            event.prevent_default();
            save.run((draft.get_untracked(), true));
        }
        "i" | "I" if event.ctrl_key() || event.meta_key() => {
            event.prevent_default();
            emphasise(editor, draft);
        }
        _ => {}
    };
    // Leaving the cell saves (the cell ignores it once closed).
    let on_blur = move |_| {
        if let Some(mine) = draft.try_get_untracked() {
            save.run((mine, false));
        }
    };
    view! {
        <div class="cell-editor">
            <textarea
                node_ref=editor
                aria-label=label
                prop:value=move || draft.get()
                on:input=move |event| draft.set(event_target_value(&event))
                on:keydown=on_key
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
                    on:click=move |_| cancel.run(())
                >
                    {move || i18n.t().cancel}
                </button>
                <button
                    type="button"
                    class="tool-save"
                    on:mousedown=|event| event.prevent_default()
                    on:click=move |_| save.run((draft.get_untracked(), true))
                >
                    {move || if failed.get() { i18n.t().retry } else { i18n.t().save }}
                </button>
            </div>
        </div>
    }
}

/// Someone saved the cell meanwhile: their text beside the user's, and the
/// choice to keep mine, take theirs, or edit a merge.
#[component]
pub(super) fn Conflict(
    theirs: String,
    mine: String,
    /// Saves (over their text, mine).
    keep: Callback<(String, String)>,
    /// Takes their text.
    take: Callback<String>,
    /// Takes their text as the basis and opens mine to merge.
    merge: Callback<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (keep_args, take_arg, merge_args) =
        ((theirs.clone(), mine.clone()), theirs.clone(), (theirs.clone(), mine.clone()));
    view! {
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
                <button type="button" class="tool-save" on:click=move |_| keep.run(keep_args.clone())>
                    {move || i18n.t().keep_mine}
                </button>
                <button type="button" on:click=move |_| take.run(take_arg.clone())>
                    {move || i18n.t().take_theirs}
                </button>
                <button type="button" on:click=move |_| merge.run(merge_args.clone())>
                    {move || i18n.t().merge}
                </button>
            </div>
        </div>
    }
}

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
