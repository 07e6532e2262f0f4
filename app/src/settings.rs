//! What admins keep for every register: the risk matrix (its 25 cells with
//! BPKP's scores and the level each score gives; a change re-levels every
//! row of every register not yet set, see
//! `register::write::set_matrix_levels`) and the list of conflict sources
//! rows name (see `register::write::sources`).
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::register::model::{Level, Matrix, SourceView};
use crate::rules::assessment::MAX_SOURCE_NAME_CHARS;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};
use serde::{Deserialize, Serialize};

/// The risk matrix as stored.
#[server(endpoint = "risk_matrix", input = GetUrl)]
pub async fn risk_matrix() -> Result<Matrix, AppError> {
    let load = async {
        let db = crate::state::db()?;
        Ok(crate::register::repo::matrix(&db).await?)
    };
    load.await.map_err(AppError::with_http_status)
}

/// What a change of the matrix did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixSaved {
    /// Rows whose level changed.
    pub rows: usize,
    pub registers: usize,
}

/// Gives each score (1–25) the level named; levels may not fall as scores
/// rise. Admins only.
#[server(endpoint = "set_risk_matrix", input = Json)]
pub async fn set_risk_matrix(levels: Vec<(u8, Level)>) -> Result<MatrixSaved, AppError> {
    crate::register::edit::in_write(async |txn, actor| {
        let done = crate::register::write::set_matrix_levels(txn, actor, &levels).await?;
        Ok(MatrixSaved { rows: done.rows, registers: done.registers })
    })
    .await
}

/// The outcome of an admin's last action: a status, or an alert.
#[component]
pub(crate) fn Message(
    message: RwSignal<Option<(bool, String)>>,
    testid: &'static str,
) -> impl IntoView {
    move || {
        message.get().map(|(error, text)| {
            let role = if error { "alert" } else { "status" };
            view! {
                <p class="admin-message" class:is-error=error role=role data-testid=testid>
                    {text}
                </p>
            }
        })
    }
}

/// The matrix on the admin page: likelihood up, impact across, each cell's
/// score and a choice of its level.
#[component]
pub fn MatrixEditor() -> impl IntoView {
    let i18n = use_i18n();
    let matrix = Resource::new(|| (), |()| risk_matrix());
    let message = RwSignal::new(None::<(bool, String)>);
    let body = move || {
        Suspend::new(async move {
            let matrix = matrix.await.ok()?;
            Some(view! { <MatrixForm matrix message/> })
        })
    };
    view! {
        <section class="admin-block" aria-labelledby="matrix-title">
            <h2 id="matrix-title">{move || i18n.t().matrix_title}</h2>
            <p class="admin-lead">{move || i18n.t().matrix_lead}</p>
            <Message message testid="matrix-message"/>
            <Transition fallback=|| ()>{body}</Transition>
        </section>
    }
    .into_any()
}

#[component]
fn MatrixForm(matrix: Matrix, message: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    let i18n = use_i18n();
    // The level chosen for each score, 1 to 25.
    let levels: Vec<(u8, RwSignal<Level>)> = {
        let mut cells: Vec<(u8, Level)> = matrix.cells().map(|(_, _, s, l)| (s, l)).collect();
        cells.sort();
        cells.into_iter().map(|(score, level)| (score, RwSignal::new(level))).collect()
    };
    let chosen = StoredValue::new(levels.clone());
    let signal_of = move |score: u8| {
        chosen.with_value(|all| all.iter().find(|(s, _)| *s == score).map(|(_, l)| *l))
    };
    let rows = (1..=5u8)
        .rev()
        .map(|l| {
            let cells = (1..=5u8)
                .map(|i| {
                    let Some(rating) = matrix.rate(l, i) else { return ().into_any() };
                    let Some(level) = signal_of(rating.score) else { return ().into_any() };
                    let id = format!("matrix-{}", rating.score);
                    let label = move || {
                        let t = i18n.t();
                        (t.matrix_cell_label)(l, i, rating.score)
                    };
                    let options = move || {
                        let t = i18n.t();
                        Level::ALL
                            .into_iter()
                            .map(|option| {
                                view! {
                                    <option value=option.slug() selected=move || level.get() == option>
                                        {t.level_name(option)}
                                    </option>
                                }
                            })
                            .collect_view()
                    };
                    view! {
                        <td class=move || format!("matrix-cell level-{}", level.get().slug())>
                            <label for=id.clone() class="matrix-score">
                                <span aria-hidden="true">{rating.score}</span>
                                <span class="visually-hidden">{label}</span>
                            </label>
                            <select
                                id=id
                                prop:value=move || level.get().slug()
                                on:change=move |event| {
                                    if let Some(next) = Level::from_slug(&event_target_value(&event)) {
                                        level.set(next);
                                    }
                                }
                            >
                                {options}
                            </select>
                        </td>
                    }
                    .into_any()
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{l}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let save = move |_| {
        let levels: Vec<(u8, Level)> =
            chosen.with_value(|all| all.iter().map(|(s, l)| (*s, l.get_untracked())).collect());
        leptos::task::spawn_local(async move {
            let t = i18n.t();
            match set_risk_matrix(levels).await {
                Ok(saved) => {
                    message.set(Some((false, (t.matrix_saved)(saved.rows, saved.registers))))
                }
                Err(AppError::Validation(errors)) => {
                    let text =
                        errors.iter().map(|e| t.field_error(*e)).collect::<Vec<_>>().join(" ");
                    message.set(Some((true, text)));
                }
                Err(_) => message.set(Some((true, t.save_failed.to_owned()))),
            }
        });
    };
    let head = view! {
        <thead>
            <tr>
                <th scope="col">{move || format!("{} ↓ / {} →", i18n.t().likelihood, i18n.t().impact)}</th>
                {(1..=5u8).map(|i| view! { <th scope="col">{i}</th> }).collect_view()}
            </tr>
        </thead>
    }
    .into_any();
    view! {
        <div class="table-scroll matrix-scroll" tabindex="0" role="region" aria-labelledby="matrix-title">
            <table class="data-table matrix-table" data-testid="matrix-table">
                {head}
                <tbody>{rows}</tbody>
            </table>
        </div>
        <button type="button" class="button" on:click=save data-testid="matrix-save">
            {move || i18n.t().matrix_save}
        </button>
    }
    .into_any()
}

/// A source of conflict with the number of live rows naming it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceUse {
    pub source: SourceView,
    pub rows: usize,
}

/// Every source of conflict, retired ones too, in their order.
#[server(endpoint = "conflict_sources", input = GetUrl)]
pub async fn conflict_sources() -> Result<Vec<SourceUse>, AppError> {
    let load = async {
        let db = crate::state::db()?;
        let uses = crate::register::repo::source_uses(&db).await?;
        let sources = crate::register::repo::sources(&db).await?;
        let used = |id: i32| uses.get(&id).copied().unwrap_or(0);
        Ok(sources.into_iter().map(|source| SourceUse { rows: used(source.id), source }).collect())
    };
    load.await.map_err(AppError::with_http_status)
}

/// Adds a source of conflict named `name`. Admins only.
#[server(endpoint = "add_conflict_source")]
pub async fn add_conflict_source(name: String) -> Result<SourceView, AppError> {
    crate::register::edit::in_write(async |txn, actor| {
        Ok(crate::register::write::add_source(txn, actor, &name).await?)
    })
    .await
}

/// Renames source `id` from `expected` to `name`. Admins only.
#[server(endpoint = "rename_conflict_source")]
pub async fn rename_conflict_source(
    id: i32,
    expected: String,
    name: String,
) -> Result<SourceView, AppError> {
    crate::register::edit::in_write(async |txn, actor| {
        Ok(crate::register::write::rename_source(txn, actor, id, &expected, &name).await?)
    })
    .await
}

/// Retires source `id`, or brings it back (`active`). Admins only.
#[server(endpoint = "set_conflict_source_active")]
pub async fn set_conflict_source_active(id: i32, active: bool) -> Result<SourceView, AppError> {
    crate::register::edit::in_write(async |txn, actor| {
        Ok(crate::register::write::set_source_active(txn, actor, id, active).await?)
    })
    .await
}

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
