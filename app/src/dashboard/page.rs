//! `/dasbor`: the dashboard page. Figures in tables and SVG drawn here (no
//! chart library), each number also text for screen readers and print;
//! every count links to the register filtered to exactly its rows. The page
//! follows the register's changes through the live channel.
use super::{Counts, DashboardView, get_dashboard};
use crate::i18n::{Strings, use_i18n};
use crate::layout::{ErrorPanel, PageTitle};
use crate::register::facets::UNRATED;
use crate::register::model::{Level, Matrix, RegisterKey, RtpStatus};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

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

/// The register filtered to `query` (`&`-joined, already encoded).
fn register_link(view: &DashboardView, query: &str) -> String {
    format!("{}?penilaian=1{query}", RegisterKey::path(view.unit_id, view.year))
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
            let href = register_link(&view, &query);
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

/// One heat map (inherent: 0, residual: 1): likelihood up, impact across;
/// each cell its count, a link to those rows.
#[component]
fn HeatMap(view: DashboardView, kind: usize) -> impl IntoView {
    let i18n = use_i18n();
    const CELL: f64 = 56.0;
    const LEFT: f64 = 44.0;
    const BOTTOM: f64 = 40.0;
    let key = if kind == 0 { "inheren" } else { "residual" };
    let counts = view.heat[kind];
    let matrix: Matrix = view.matrix.clone();
    let cells = move || {
        let t = i18n.t();
        let mut cells = Vec::new();
        for l in 1..=5u8 {
            for i in 1..=5u8 {
                let n = counts[usize::from(l) - 1][usize::from(i) - 1];
                let Some(rating) = matrix.rate(l, i) else { continue };
                let (x, y) = (LEFT + f64::from(i - 1) * CELL, f64::from(5 - l) * CELL);
                let class = format!("heat-cell level-{}", rating.level.slug());
                let label = (t.heat_cell_label)(
                    l,
                    t.likelihood_names[usize::from(l) - 1],
                    i,
                    t.impact_names[usize::from(i) - 1],
                    n,
                    &(t.score_label)(rating.score, t.level_name(rating.level)),
                );
                let body = view! {
                    <rect x=x y=y width=CELL height=CELL class=class/>
                    <text x=x + CELL / 2.0 y=y + CELL / 2.0 + 7.0 class="heat-count" class:is-zero=n == 0>
                        {n}
                    </text>
                    <text x=x + 5.0 y=y + 13.0 class="heat-score">{t.level_abbr[rating.level as usize - 1]}</text>
                };
                let title = label.clone();
                let cell = if n > 0 {
                    let href = register_link(&view, &format!("&peta={key}:{l}:{i}"));
                    // Inside a `g`, the macro makes an SVG link (a bare `a` would
                    // be an HTML one, invisible in an SVG made in the browser).
                    view! {
                        <g>
                            // Named by its title (an aria-label would hide
                            // the count it shows).
                            <a href=href data-cell=format!("{key}:{l}:{i}")>
                                <title>{title}</title>
                                {body}
                            </a>
                        </g>
                    }
                    .into_any()
                } else {
                    view! {
                        <g role="img" aria-label=label data-cell=format!("{key}:{l}:{i}")>
                            <title>{title}</title>
                            {body}
                        </g>
                    }
                    .into_any()
                };
                cells.push(cell);
            }
        }
        cells.into_iter().collect_view()
    };
    let axis = move || {
        let t = i18n.t();
        let numbers = (1..=5u8)
            .map(|n| {
                let across = LEFT + f64::from(n - 1) * CELL + CELL / 2.0;
                let up = f64::from(5 - n) * CELL + CELL / 2.0 + 5.0;
                view! {
                    <text x=across y=5.0 * CELL + 16.0 class="heat-axis">{n}</text>
                    <text x=LEFT - 12.0 y=up class="heat-axis">{n}</text>
                }
            })
            .collect_view();
        view! {
            {numbers}
            <text x=LEFT + 2.5 * CELL y=5.0 * CELL + BOTTOM - 4.0 class="heat-axis-title">{t.impact}</text>
            <text
                x=12.0
                y=2.5 * CELL
                class="heat-axis-title"
                transform=format!("rotate(-90 12 {})", 2.5 * CELL)
            >
                {t.likelihood}
            </text>
        }
    };
    let title_id = format!("heat-{key}");
    let width = LEFT + 5.0 * CELL + 4.0;
    let height = 5.0 * CELL + BOTTOM;
    view! {
        <figure class="heat-map" data-testid=format!("heat-{key}")>
            <figcaption id=title_id.clone()>{move || i18n.t().heat_names[kind]}</figcaption>
            <svg
                viewBox=format!("0 0 {width} {height}")
                role="group"
                aria-labelledby=title_id
                class="heat-svg"
            >
                {cells}
                {axis}
            </svg>
        </figure>
    }
    .into_any()
}

/// The levels' colours and patterns, with their names and score ranges.
#[component]
fn Legend() -> impl IntoView {
    let i18n = use_i18n();
    let items = move || {
        let t = i18n.t();
        Level::ALL
            .into_iter()
            .rev()
            .map(|level| {
                view! {
                    <li>
                        <span class=format!("legend-swatch level-{}", level.slug()) aria-hidden="true">
                            {t.level_abbr[level as usize - 1]}
                        </span>
                        {t.level_name(level)}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <ul class="legend" aria-label=move || i18n.t().legend_label>
            {items}
        </ul>
    }
    .into_any()
}

/// A count that links to its rows (nothing to link when zero).
fn count_link(view: &DashboardView, n: u32, query: String) -> AnyView {
    if n == 0 {
        view! { <span class="count is-zero">"0"</span> }.into_any()
    } else {
        view! { <a class="count" href=register_link(view, &query)>{n}</a> }.into_any()
    }
}

/// Risks per Bagian by level, inherent and residual.
#[component]
fn LevelTable(view: DashboardView) -> impl IntoView {
    let i18n = use_i18n();
    // Highest level first, then not rated.
    let order: [(usize, &'static str); 6] = [
        (5, Level::SangatTinggi.slug()),
        (4, Level::Tinggi.slug()),
        (3, Level::Sedang.slug()),
        (2, Level::Rendah.slug()),
        (1, Level::SangatRendah.slug()),
        (0, UNRATED),
    ];
    let line = {
        let view = view.clone();
        move |bagian: Option<i32>, name: String, counts: &Counts| {
            let scope = bagian.map(|id| format!("&bagian={id}")).unwrap_or_default();
            let groups = [("inheren", counts.inherent), ("residual", counts.residual)];
            let cells = groups
                .into_iter()
                .flat_map(|(key, levels)| {
                    let (view, scope) = (view.clone(), scope.clone());
                    order.into_iter().map(move |(at, slug)| {
                        let query = format!("{scope}&{key}={slug}");
                        view! { <td class="num">{count_link(&view, levels[at], query)}</td> }
                    })
                })
                .collect_view();
            let total = count_link(&view, counts.risks, scope.clone());
            let header = match bagian {
                Some(_) => view! { <th scope="row">{name}</th> }.into_any(),
                None => view! { <th scope="row">{move || i18n.t().total_row}</th> }.into_any(),
            };
            view! {
                <tr class:is-total=bagian.is_none()>
                    {header}
                    <td class="num">{total}</td>
                    {cells}
                </tr>
            }
        }
    };
    let rows = view
        .bagian
        .iter()
        .map(|b| line(Some(b.bagian_id), b.name.clone(), &b.counts))
        .collect_view();
    let total = line(None, String::new(), &view.total);
    let level_heads = move || {
        let t = i18n.t();
        (0..2)
            .flat_map(|_| {
                order.into_iter().map(move |(at, slug)| {
                    let name = if at == 0 { t.not_rated } else { t.level_names[at - 1] };
                    view! {
                        <th scope="col" class=format!("num level-head level-{slug}")>{name}</th>
                    }
                })
            })
            .collect_view()
    };
    let head = view! {
        <thead>
            <tr>
                <th scope="col" rowspan="2">{move || i18n.t().field_names[1]}</th>
                <th scope="col" rowspan="2" class="num">{move || i18n.t().risks_column}</th>
                <th scope="colgroup" colspan="6">{move || i18n.t().assessment_columns[2]}</th>
                <th scope="colgroup" colspan="6">{move || i18n.t().assessment_columns[3]}</th>
            </tr>
            <tr>{level_heads}</tr>
        </thead>
    }
    .into_any();
    let table = view! {
        <table class="data-table" data-testid="level-table">
            {head}
            <tbody>{rows}</tbody>
            <tfoot>{total}</tfoot>
        </table>
    }
    .into_any();
    view! {
        <section class="dashboard-block" aria-labelledby="levels-title">
            <h2 id="levels-title">{move || i18n.t().levels_title}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="levels-title">
                {table}
            </div>
        </section>
    }
    .into_any()
}

/// Control actions per Bagian: done, in progress, not started, overdue, a
/// bar of the three, and realisation per quarter.
#[component]
fn ProgressTable(view: DashboardView) -> impl IntoView {
    let i18n = use_i18n();
    let line = {
        let view = view.clone();
        move |bagian: Option<i32>, name: String, counts: &Counts, t: &'static Strings| {
            let scope = bagian.map(|id| format!("&bagian={id}")).unwrap_or_default();
            let statuses = [RtpStatus::Selesai, RtpStatus::DalamProses, RtpStatus::BelumDimulai];
            let index =
                |status: RtpStatus| RtpStatus::ALL.iter().position(|s| *s == status).unwrap_or(0);
            let cells = statuses
                .into_iter()
                .map(|status| {
                    let query = format!("{scope}&rtp={}", status.code());
                    view! { <td class="num">{count_link(&view, counts.status[index(status)], query)}</td> }
                })
                .collect_view();
            let overdue = count_link(&view, counts.overdue, format!("{scope}&terlambat=1"));
            let bar = progress_bar(counts, statuses.map(|s| counts.status[index(s)]), t);
            let quarters = counts
                .quarters
                .iter()
                .zip(1..)
                .map(|((n, progress), quarter)| {
                    let text =
                        if *n == 0 { "–".to_owned() } else { (t.quarter_cell)(*n, *progress) };
                    view! { <td class="num" data-quarter=quarter>{text}</td> }
                })
                .collect_view();
            let header = match bagian {
                Some(_) => name,
                None => t.total_row.to_owned(),
            };
            view! {
                <tr class:is-total=bagian.is_none()>
                    <th scope="row">{header}</th>
                    {cells}
                    <td class="num" class:is-alert={counts.overdue > 0}>{overdue}</td>
                    <td class="bar-cell">{bar}</td>
                    {quarters}
                </tr>
            }
        }
    };
    let total = {
        let line = line.clone();
        let counts = view.total.clone();
        move || line(None, String::new(), &counts, i18n.t())
    };
    let body = move || {
        let t = i18n.t();
        view.bagian
            .iter()
            .map(|b| line(Some(b.bagian_id), b.name.clone(), &b.counts, t))
            .collect_view()
    };
    let heads = move || {
        let t = i18n.t();
        view! {
            <th scope="col" class="num">{t.rtp_status_names[2]}</th>
            <th scope="col" class="num">{t.rtp_status_names[1]}</th>
            <th scope="col" class="num">{t.rtp_status_names[0]}</th>
            <th scope="col" class="num">{t.overdue}</th>
            <th scope="col">{t.progress_column}</th>
            {t.quarter_names.iter().map(|q| view! { <th scope="col" class="num">{*q}</th> }).collect_view()}
        }
    };
    // Erased part by part: the WASM build's type depth stays in bounds.
    let head = view! {
        <thead>
            <tr>
                <th scope="col">{move || i18n.t().field_names[1]}</th>
                {heads}
            </tr>
        </thead>
    }
    .into_any();
    let table = view! {
        <table class="data-table" data-testid="progress-table">
            {head}
            <tbody>{body}</tbody>
            <tfoot>{total}</tfoot>
        </table>
    }
    .into_any();
    view! {
        <section class="dashboard-block" aria-labelledby="progress-title">
            <h2 id="progress-title">{move || i18n.t().progress_title}</h2>
            <p class="block-note">{move || i18n.t().realisation_note}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="progress-title">
                {table}
            </div>
        </section>
    }
    .into_any()
}

/// A stacked bar of done / in progress / not started, its numbers as text.
fn progress_bar(counts: &Counts, parts: [u32; 3], t: &'static Strings) -> impl IntoView + use<> {
    let total = counts.risks.max(1);
    let mut x = 0.0;
    let segments = parts
        .iter()
        .enumerate()
        .map(|(at, n)| {
            let width = f64::from(*n) / f64::from(total) * 100.0;
            let segment = view! {
                <rect x=format!("{x:.2}") y="0" width=format!("{width:.2}") height="12" class=format!("bar-part bar-{at}")/>
            };
            x += width;
            segment
        })
        .collect_view();
    let label = (t.progress_label)(parts[0], parts[1], parts[2]);
    let title = label.clone();
    view! {
        <svg class="progress-bar" viewBox="0 0 100 12" preserveAspectRatio="none" role="img" aria-label=label>
            <title>{title}</title>
            {segments}
        </svg>
    }
}
