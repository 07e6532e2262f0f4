//! The risk matrix on the admin page: likelihood up, impact across, each
//! cell's score and a choice of its level.
use super::Message;
use crate::error::AppError;
use crate::i18n::{I18n, use_i18n};
use crate::register::model::{Level, Matrix};
use crate::settings::api::{risk_matrix, set_risk_matrix};
use leptos::prelude::*;

/// An admin's last action told: a status, or an alert (`true`).
type Told = RwSignal<Option<(bool, String)>>;

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
fn MatrixForm(matrix: Matrix, message: Told) -> impl IntoView {
    let i18n = use_i18n();
    // The level chosen for each score, 1 to 25.
    let chosen: Vec<(u8, RwSignal<Level>)> = {
        let mut cells: Vec<(u8, Level)> = matrix.cells().map(|(_, _, s, l)| (s, l)).collect();
        cells.sort();
        cells.into_iter().map(|(score, level)| (score, RwSignal::new(level))).collect()
    };
    let chosen = StoredValue::new(chosen);
    let level_of = move |score: u8| {
        chosen.with_value(|all| all.iter().find(|(s, _)| *s == score).map(|(_, l)| *l))
    };
    let rows = (1..=5u8)
        .rev()
        .map(|l| {
            let cells = (1..=5u8).map(|i| {
                let score = matrix.rate(l, i)?.score;
                Some(view! { <MatrixCell l i score level=level_of(score)?/> })
            });
            view! {
                <tr>
                    <th scope="row">{l}</th>
                    {cells.collect_view()}
                </tr>
            }
        })
        .collect_view()
        // Erased: the form's type stays within the compiler's depth limit.
        .into_any();
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
        <button
            type="button"
            class="button"
            on:click=move |_| save(i18n, chosen, message)
            data-testid="matrix-save"
        >
            {move || i18n.t().matrix_save}
        </button>
    }
    .into_any()
}

/// A cell of likelihood `l` and impact `i`: its score, and its level to
/// choose.
#[component]
fn MatrixCell(l: u8, i: u8, score: u8, level: RwSignal<Level>) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("matrix-{score}");
    let label = move || (i18n.t().matrix_cell_label)(l, i, score);
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
                <span aria-hidden="true">{score}</span>
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
}

/// Saves the levels chosen, telling what the change re-levelled.
fn save(i18n: I18n, chosen: StoredValue<Vec<(u8, RwSignal<Level>)>>, message: Told) {
    let levels: Vec<(u8, Level)> =
        chosen.with_value(|all| all.iter().map(|(s, l)| (*s, l.get_untracked())).collect());
    leptos::task::spawn_local(async move {
        let t = i18n.t();
        match set_risk_matrix(levels).await {
            Ok(saved) => message.set(Some((false, (t.matrix_saved)(saved.rows, saved.registers)))),
            Err(AppError::Validation(errors)) => {
                let text = errors.iter().map(|e| t.field_error(*e)).collect::<Vec<_>>().join(" ");
                message.set(Some((true, text)));
            }
            Err(_) => message.set(Some((true, t.save_failed.to_owned()))),
        }
    });
}
