//! Control actions per Bagian: done, in progress, not started, overdue, a
//! bar of the three, and realisation per quarter; each count a link to its
//! rows.
use super::tables::Line;
use crate::dashboard::model::{Counts, DashboardView};
use crate::i18n::{Strings, use_i18n};
use crate::register::model::RtpStatus;
use leptos::prelude::*;

/// The statuses' columns, done first.
const STATUSES: [RtpStatus; 3] =
    [RtpStatus::Selesai, RtpStatus::DalamProses, RtpStatus::BelumDimulai];

#[component]
pub(super) fn ProgressTable(view: DashboardView) -> impl IntoView {
    let i18n = use_i18n();
    let (lines, total) = Line::all(&view);
    let rows = lines.into_iter().map(|line| view! { <ProgressLine line/> }).collect_view();
    // Erased part by part: the WASM build's type depth stays in bounds.
    let table = view! {
        <table class="data-table" data-testid="progress-table">
            <ProgressHead/>
            <tbody>{rows}</tbody>
            <tfoot><ProgressLine line=total/></tfoot>
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

/// The heads: Bagian, each status, overdue, the bar, each quarter.
#[component]
fn ProgressHead() -> impl IntoView {
    let i18n = use_i18n();
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
    view! {
        <thead>
            <tr>
                <th scope="col">{move || i18n.t().field_names[1]}</th>
                {heads}
            </tr>
        </thead>
    }
    .into_any()
}

/// One Bagian's control actions, or the total's.
#[component]
fn ProgressLine(line: Line) -> impl IntoView {
    let i18n = use_i18n();
    let counts = line.counts.clone();
    let index = |status: RtpStatus| RtpStatus::ALL.iter().position(|s| *s == status).unwrap_or(0);
    let by_status = STATUSES.map(|status| counts.status[index(status)]);
    let cells = STATUSES
        .into_iter()
        .zip(by_status)
        .map(|(status, n)| {
            let query = format!("&rtp={}", status.code());
            view! { <td class="num">{line.count(n, &query)}</td> }
        })
        .collect_view();
    let overdue = line.count(counts.overdue, "&terlambat=1");
    let quarters = move || {
        let t = i18n.t();
        counts
            .quarters
            .iter()
            .zip(1..)
            .map(|((n, progress), quarter)| {
                let text = if *n == 0 { "–".to_owned() } else { (t.quarter_cell)(*n, *progress) };
                view! { <td class="num" data-quarter=quarter>{text}</td> }
            })
            .collect_view()
    };
    let bar = {
        let counts = line.counts.clone();
        move || progress_bar(&counts, by_status, i18n.t())
    };
    let header = line.bagian.map(|(_, name)| name);
    let is_total = header.is_none();
    view! {
        <tr class:is-total=is_total>
            <th scope="row">
                {move || header.clone().unwrap_or_else(|| i18n.t().total_row.to_owned())}
            </th>
            {cells}
            <td class="num" class:is-alert={line.counts.overdue > 0}>{overdue}</td>
            <td class="bar-cell">{bar}</td>
            {quarters}
        </tr>
    }
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
