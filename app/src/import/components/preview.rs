//! What an uploaded workbook would change: counts, then the conflicts (each
//! with its choice), then every other row changed, cell by cell.
use crate::i18n::use_i18n;
use crate::import::diff::{CellDiff, DiffKind, ImportPreview, PreviewRow};
use crate::register::components::RichTextView;
use crate::register::model::RichText;
use leptos::prelude::*;

#[component]
pub(super) fn PreviewPanel(
    preview: ImportPreview,
    /// Codes of the conflicts to take from the file.
    taken: RwSignal<Vec<String>>,
    on_apply: Callback<i32>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().upload;
    let conflicts: Vec<PreviewRow> = preview.conflicts().cloned().collect();
    let others: Vec<PreviewRow> =
        preview.rows.iter().filter(|row| !row.conflict).cloned().collect();
    let version = preview.version;
    let changes = preview.changes_anything();
    let may_apply = {
        let preview = preview.clone();
        Memo::new(move |_| taken.with(|taken| preview.may_apply(taken)))
    };
    view! {
        <section class="import-preview" aria-labelledby="import-preview-title" data-testid="import-preview">
            <h3 id="import-preview-title">{move || t().preview_title}</h3>
            <PreviewSummary preview/>
            {(!conflicts.is_empty()).then(|| view! { <ConflictList conflicts taken/> })}
            {(!changes).then(|| view! { <p class="import-nothing">{move || t().nothing}</p> })}
            <ol class="import-rows" data-testid="import-rows">
                {others.into_iter().map(|row| view! { <ChangedRow row taken=None/> }).collect_view()}
            </ol>
            <div class="import-actions">
                <button
                    type="button"
                    class="button-primary"
                    disabled=move || !changes || !may_apply.get()
                    on:click=move |_| on_apply.run(version)
                >
                    {move || t().apply}
                </button>
                <button type="button" class="button-secondary" on:click=move |_| on_cancel.run(())>
                    {move || t().cancel}
                </button>
            </div>
        </section>
    }
    .into_any()
}

/// The counts of each kind of change, and what to know before applying:
/// a file of another register or without its stamp, the reader's notes,
/// the Bagian it changes (and whether the user may).
#[component]
fn PreviewSummary(preview: ImportPreview) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().upload;
    let counts = [DiffKind::New, DiffKind::Changed, DiffKind::Restored, DiffKind::Deleted]
        .map(|kind| (kind, preview.count(kind)));
    let warning = if preview.other_register {
        Some(t().other_register)
    } else if preview.exported_at.is_none() {
        Some(t().no_stamp)
    } else {
        None
    };
    let bagian = bagian_lines(&preview, t());
    let bagian_refused = !preview.may_change_bagian && !bagian.is_empty();
    let (unchanged, notes) = (preview.unchanged, preview.notes);
    view! {
        <ul class="import-counts" data-testid="import-counts">
            {counts
                .into_iter()
                .filter(|(_, count)| *count > 0)
                .map(|(kind, count)| view! {
                    <li class=format!("import-count import-{}", kind_class(kind))>
                        <strong>{count}</strong>" "{move || kind.label(t())}
                    </li>
                })
                .collect_view()}
            <li class="import-count">{move || (t().unchanged)(unchanged)}</li>
        </ul>
        {warning.map(|warning| view! { <p class="import-warning">{warning}</p> })}
        {(notes > 0).then(|| view! { <p class="import-note">{move || (t().notes)(notes)}</p> })}
        {(!bagian.is_empty()).then(|| view! {
            <ul class="import-bagian">
                {bagian.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        })}
        {bagian_refused.then(|| view! { <p class="import-warning">{move || t().bagian_not_allowed}</p> })}
    }
}

/// The rows both the file and a colleague changed, each with its choice.
#[component]
fn ConflictList(conflicts: Vec<PreviewRow>, taken: RwSignal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().upload;
    let count = conflicts.len();
    view! {
        <section class="import-conflicts" data-testid="import-conflicts">
            <h4>{move || (t().conflicts_title)(count)}</h4>
            <p>{move || t().conflicts_hint}</p>
            <ol class="import-rows">
                {conflicts
                    .into_iter()
                    .map(|row| view! { <ChangedRow row taken=Some(taken)/> })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// One row of the preview: its code, Bagian and kind, then its cells.
#[component]
fn ChangedRow(row: PreviewRow, taken: Option<RwSignal<Vec<String>>>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().upload;
    let PreviewRow { diff, allowed, conflict } = row;
    let kind = diff.kind;
    let code = diff.code.clone();
    let moved = diff.moved_from.clone().map(|(_, name)| name);
    let line = diff.line;
    let (old_label, new_label) =
        if conflict { (t().in_app, t().in_file) } else { (t().old_text, t().new_text) };
    let choice = taken.map(|taken| {
        let code = code.clone();
        let checked = {
            let code = code.clone();
            move || taken.with(|taken| taken.contains(&code))
        };
        view! {
            <label class="import-take">
                <input
                    type="checkbox"
                    prop:checked=checked
                    on:change=move |_| taken.update(|taken| {
                        match taken.iter().position(|other| *other == code) {
                            Some(at) => { taken.remove(at); }
                            None => taken.push(code.clone()),
                        }
                    })
                />
                <span>{move || t().take_file}</span>
            </label>
        }
    });
    let cells = diff
        .cells
        .into_iter()
        .map(|CellDiff { field, old, new }| {
            let shown = kind != DiffKind::New && kind != DiffKind::Deleted;
            view! {
                <div class="import-cell">
                    <span class="import-field">{move || i18n.t().field_name(field)}</span>
                    {(shown || kind == DiffKind::Deleted).then(|| text_block(old.clone(), old_label, "import-old", i18n))}
                    {(shown || kind == DiffKind::New).then(|| text_block(new.clone(), new_label, "import-new", i18n))}
                </div>
            }
        })
        .collect_view();
    view! {
        <li class=format!("import-row import-{}", kind_class(kind)) data-code=diff.code.clone()>
            <p class="import-row-head">
                <span class=format!("import-kind import-{}", kind_class(kind))>{move || kind.label(t())}</span>
                <strong class="import-code">{diff.code.clone()}</strong>
                <span class="import-bagian-name">{diff.bagian.clone()}</span>
                {moved.map(|name| view! { <span class="import-moved">{move || (t().moved_from)(&name)}</span> })}
                {line.map(|line| view! { <span class="import-line">{move || (t().sheet_row)(line)}</span> })}
            </p>
            {(!allowed).then(|| view! { <p class="import-warning">{move || t().not_allowed}</p> })}
            {choice}
            {cells}
        </li>
    }
    .into_any()
}

fn text_block(
    markup: String,
    label: &'static str,
    class: &'static str,
    i18n: crate::i18n::I18n,
) -> impl IntoView {
    let empty = markup.is_empty();
    view! {
        <div class=class>
            <span class="import-side">{label}</span>
            {if empty {
                view! { <span class="import-empty">{move || i18n.t().upload.empty_cell}</span> }.into_any()
            } else {
                view! { <span class="import-text"><RichTextView text=RichText::new(markup)/></span> }.into_any()
            }}
        </div>
    }
}

fn kind_class(kind: DiffKind) -> &'static str {
    match kind {
        DiffKind::New => "new",
        DiffKind::Changed => "changed",
        DiffKind::Restored => "restored",
        DiffKind::Deleted => "deleted",
    }
}

fn bagian_lines(preview: &ImportPreview, t: &crate::i18n::upload::UploadStrings) -> Vec<String> {
    let mut lines: Vec<String> =
        preview.bagian_created.iter().map(|name| (t.bagian_new)(name)).collect();
    lines.extend(preview.bagian_renamed.iter().map(|(old, new)| (t.bagian_renamed)(old, new)));
    if preview.sections_changed && lines.is_empty() {
        lines.push(t.sections_changed.to_owned());
    }
    lines
}
