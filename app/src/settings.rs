//! The risk matrix as admins keep it: its 25 cells with BPKP's scores and
//! the level each score gives, adjusted on the admin page. A change
//! re-levels every row of every register not yet set (see
//! `register::write::set_matrix_levels`).
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::register::model::{Level, Matrix};
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
            {move || {
                message
                    .get()
                    .map(|(error, text)| {
                        let role = if error { "alert" } else { "status" };
                        view! {
                            <p class="admin-message" class:is-error=error role=role data-testid="matrix-message">
                                {text}
                            </p>
                        }
                    })
            }}
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
