//! The list of conflict sources on the admin page.
use super::Message;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::register::model::SourceView;
use crate::rules::assessment::MAX_SOURCE_NAME_CHARS;
use crate::settings::api::{
    add_conflict_source, conflict_sources, rename_conflict_source, set_conflict_source_active,
};
use crate::settings::model::SourceUse;
use leptos::prelude::*;

/// The list of sources on the admin page: each renamed in place, retired or
/// brought back; a new one added at the end.
#[component]
pub fn SourcesEditor() -> impl IntoView {
    let i18n = use_i18n();
    let sources = Resource::new(|| (), |()| conflict_sources());
    let message = RwSignal::new(None::<(bool, String)>);
    // Tells the outcome of an action, and reads the list again.
    let done = move |result: Result<SourceView, AppError>| {
        let t = i18n.t();
        let told = match result {
            Ok(source) => (false, (t.source_saved)(&source.name)),
            Err(AppError::Validation(errors)) => {
                (true, errors.iter().map(|e| t.field_error(*e)).collect::<Vec<_>>().join(" "))
            }
            Err(AppError::CellConflict { theirs, .. }) => (true, (t.source_conflict)(&theirs)),
            Err(_) => (true, t.save_failed.to_owned()),
        };
        message.set(Some(told));
        sources.refetch();
    };
    let new_name = RwSignal::new(String::new());
    let add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let name = new_name.get_untracked();
        leptos::task::spawn_local(async move {
            let result = add_conflict_source(name).await;
            if result.is_ok() {
                new_name.set(String::new());
            }
            done(result);
        });
    };
    let list = move || {
        Suspend::new(async move {
            let sources = sources.await.ok()?;
            let items =
                sources.into_iter().map(|found| view! { <SourceItem found done/> }).collect_view();
            Some(view! { <ul class="source-list" data-testid="source-list">{items}</ul> })
        })
    };
    view! {
        <section class="admin-block" aria-labelledby="sources-title">
            <h2 id="sources-title">{move || i18n.t().sources_title}</h2>
            <p class="admin-lead">{move || i18n.t().sources_lead}</p>
            <Message message testid="source-message"/>
            <Transition fallback=|| ()>{list}</Transition>
            <form class="source-add" on:submit=add>
                <label for="source-new">{move || i18n.t().source_name}</label>
                <input
                    id="source-new"
                    type="text"
                    maxlength=MAX_SOURCE_NAME_CHARS
                    required
                    prop:value=new_name
                    on:input=move |event| new_name.set(event_target_value(&event))
                />
                <button type="submit" class="button">{move || i18n.t().source_add}</button>
            </form>
        </section>
    }
    .into_any()
}

/// One source: its name to edit, how many rows name it, and whether it is
/// still offered.
#[component]
fn SourceItem(
    found: SourceUse,
    #[prop(into)] done: Callback<Result<SourceView, AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let SourceUse { source, rows } = found;
    let (id, active) = (source.id, source.active);
    let stored = source.name.clone();
    let name = RwSignal::new(source.name.clone());
    let rename = move |_| {
        let (expected, name) = (stored.clone(), name.get_untracked());
        leptos::task::spawn_local(async move {
            done.run(rename_conflict_source(id, expected, name).await);
        });
    };
    let toggle = move |_| {
        leptos::task::spawn_local(async move {
            done.run(set_conflict_source_active(id, !active).await);
        });
    };
    let input = format!("source-{id}");
    view! {
        <li class="source-item" class:is-retired=!active data-source-id=id>
            <label class="visually-hidden" for=input.clone()>{move || i18n.t().source_name}</label>
            <input
                id=input
                type="text"
                maxlength=MAX_SOURCE_NAME_CHARS
                prop:value=name
                on:input=move |event| name.set(event_target_value(&event))
            />
            <span class="source-uses">
                {move || (i18n.t().source_rows)(rows)}
                {move || (!active).then(|| format!(" · {}", i18n.t().source_retired))}
            </span>
            <button type="button" class="button-secondary" on:click=rename>
                {move || i18n.t().source_rename}
            </button>
            <button type="button" class="button-secondary" on:click=toggle>
                {move || if active { i18n.t().source_retire } else { i18n.t().source_restore }}
            </button>
        </li>
    }
    .into_any()
}
