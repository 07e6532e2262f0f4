//! `/dasbor`: the dashboard page. Figures in tables and SVG drawn here (no
//! chart library), each number also text for screen readers and print;
//! every count links to the register filtered to exactly its rows. The page
//! follows the register's changes through the live channel.
mod heat;
mod levels;
mod progress;
mod registers;
mod tables;

use crate::dashboard::api::get_dashboard;
use crate::dashboard::model::DashboardView;
use crate::i18n::use_i18n;
use crate::layout::{ErrorPanel, PageTitle};
use crate::register::model::RegisterKey;
use heat::{HeatMap, Legend};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use levels::LevelTable;
use progress::ProgressTable;
use registers::RegisterList;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let number =
        move |key: &str| query.with(|q| q.get_str(key).and_then(|v| v.trim().parse().ok()));
    let key = move || (number("unit"), number("tahun"));
    let dashboard = Resource::new(key, |(unit, year)| get_dashboard(unit, year));
    view! {
        <PageTitle text=|t| t.dashboard_title.to_owned()/>
        <Transition fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match dashboard.await {
                    Ok(Some(view)) => view! { <Dashboard view/> }.into_any(),
                    Ok(None) => view! {
                        <section class="status-panel">
                            <h1>{move || i18n.t().empty_title}</h1>
                            <p>{move || i18n.t().empty_body}</p>
                        </section>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Dashboard(view: DashboardView) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let data = RwSignal::new(view);
    follow(data);
    let head = move || {
        data.with(|view| {
            let years = view.years.clone();
            let year = view.year;
            let unit = view.unit_id;
            let register = RegisterKey::path(view.unit_id, view.year);
            view! {
                <header class="dashboard-head">
                    <h1 id="dashboard-title">{move || t().dashboard_title}</h1>
                    <p class="register-unit">{view.unit_line.clone()}</p>
                    <form class="year-form" method="get" action="/dasbor">
                        <input type="hidden" name="unit" value=unit/>
                        <label for="dashboard-year">{move || t().period}</label>
                        <select id="dashboard-year" name="tahun">
                            {years
                                .into_iter()
                                .map(|y| view! { <option value=y selected=y == year>{y}</option> })
                                .collect_view()}
                        </select>
                        <button type="submit" class="button-quiet">{move || t().show}</button>
                    </form>
                    <p class="dashboard-links">
                        <a href=register>{move || t().open_register}</a>
                        " · "
                        <span class="live-note">{move || t().live_note}</span>
                    </p>
                </header>
            }
            .into_any()
        })
    };
    let heat = view! {
        <section class="dashboard-block" aria-labelledby="heat-title">
            <h2 id="heat-title">{move || t().heat_title}</h2>
            <div class="heat-maps">
                {move || {
                    data.with(|view| {
                        (0..2).map(|kind| view! { <HeatMap view=view.clone() kind/> }).collect_view()
                    })
                }}
            </div>
            <Legend/>
        </section>
    }
    .into_any();
    view! {
        <section class="dashboard" aria-labelledby="dashboard-title">
            {head}
            {move || data.with(|view| view! { <Totals view=view.clone()/> })}
            {heat}
            {move || data.with(|view| view! { <LevelTable view=view.clone()/> })}
            {move || data.with(|view| view! { <ProgressTable view=view.clone()/> })}
            {move || data.with(|view| view! { <RegisterList view=view.clone()/> })}
        </section>
    }
    .into_any()
}

/// Reads the dashboard anew whenever its register changes.
fn follow(data: RwSignal<DashboardView>) {
    #[cfg(feature = "hydrate")]
    {
        let (register, version) = data.with_untracked(|view| (view.register, view.version));
        let (unit, year) = data.with_untracked(|view| (view.unit_id, view.year));
        let known = StoredValue::new(version);
        let reread = move || {
            leptos::task::spawn_local(async move {
                if let Ok(Some(newer)) = get_dashboard(Some(unit), Some(year)).await
                    && known.try_get_value().is_some_and(|known| newer.version > known)
                {
                    known.try_set_value(newer.version);
                    data.try_set(newer);
                }
            });
        };
        crate::register::components::listen(register, known, None, reread);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = data;
}

/// The Biro's totals, in a row of figures.
#[component]
fn Totals(view: DashboardView) -> impl IntoView {
    let i18n = use_i18n();
    let total = &view.total;
    let high = |levels: &[u32; 6]| levels[4] + levels[5];
    let figures = [
        (0, total.risks, String::new()),
        (1, high(&total.inherent), "&inheren=tinggi,sangat-tinggi".to_owned()),
        (2, high(&total.residual), "&residual=tinggi,sangat-tinggi".to_owned()),
        (3, total.status[2], "&rtp=selesai".to_owned()),
        (4, total.overdue, "&terlambat=1".to_owned()),
    ];
    let items = figures
        .into_iter()
        .map(|(at, value, query)| {
            let href = view.register_link(&query);
            view! {
                <li class="figure" class:is-alert={at == 4 && value > 0}>
                    <a href=href data-testid=format!("total-{at}")>
                        <span class="figure-value">{value}</span>
                        <span class="figure-label">{move || i18n.t().total_labels[at]}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="figures">{items}</ul> }.into_any()
}
