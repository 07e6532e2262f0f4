//! The unit's registers, newest first: each year's revision, where it is in
//! its cycle, and its last step; each a link to its register.
use crate::dashboard::model::DashboardView;
use crate::i18n::use_i18n;
use crate::register::model::{RegisterKey, RegisterLine, Step};
use leptos::prelude::*;

#[component]
pub(super) fn RegisterList(view: DashboardView) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let shown = view.year;
    let rows = view
        .registers
        .into_iter()
        .map(|line| {
            let RegisterLine { year, revision, status, last } = line;
            let href = RegisterKey::path(view.unit_id, year);
            let current = (year == shown).then_some("page");
            let last = move || {
                last.map(|(step, at)| {
                    let at_step = Step::ALL.iter().position(|s| *s == step).unwrap_or(0);
                    format!("{} · {}", t().cycle.steps_done[at_step], t().moment(at))
                })
                .unwrap_or_else(|| "—".to_owned())
            };
            view! {
                <tr>
                    <th scope="row"><a href=href aria-current=current>{year}</a></th>
                    <td>{move || (t().cycle.revision)(revision)}</td>
                    <td>
                        <span class=format!("status-badge status-{}", status.code())>
                            {move || t().status_name(status)}
                        </span>
                    </td>
                    <td>{last}</td>
                </tr>
            }
        })
        .collect_view();
    let heads = move || {
        t().cycle
            .registers_columns
            .iter()
            .map(|head| view! { <th scope="col">{*head}</th> })
            .collect_view()
    };
    view! {
        <section class="dashboard-block" aria-labelledby="registers-title">
            <h2 id="registers-title">{move || t().cycle.registers_title}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="registers-title">
                <table class="data-table" data-testid="register-list">
                    <thead><tr>{heads}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
