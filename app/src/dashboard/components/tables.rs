//! The per-Bagian tables: risks by level, and control progress with
//! realisation per quarter; each count a link to its rows.
use crate::dashboard::model::{Counts, DashboardView};
use crate::i18n::{Strings, use_i18n};
use crate::register::filter::facets::UNRATED;
use crate::register::model::{Level, RtpStatus};
use leptos::prelude::*;

/// A count that links to its rows (nothing to link when zero).
fn count_link(view: &DashboardView, n: u32, query: String) -> AnyView {
    if n == 0 {
        view! { <span class="count is-zero">"0"</span> }.into_any()
    } else {
        view! { <a class="count" href=view.register_link(&query)>{n}</a> }.into_any()
    }
}

/// Risks per Bagian by level, inherent and residual.
#[component]
pub(super) fn LevelTable(view: DashboardView) -> impl IntoView {
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
pub(super) fn ProgressTable(view: DashboardView) -> impl IntoView {
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
