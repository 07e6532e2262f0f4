//! Risks per Bagian by level, inherent and residual; each count a link to
//! its rows.
use super::tables::Line;
use crate::dashboard::model::DashboardView;
use crate::i18n::use_i18n;
use crate::register::filter::facets::UNRATED;
use crate::register::model::Level;
use leptos::prelude::*;

/// The levels' columns, highest first, then not rated: (index in the
/// counts, the filter's word).
fn order() -> [(usize, &'static str); 6] {
    [
        (5, Level::SangatTinggi.slug()),
        (4, Level::Tinggi.slug()),
        (3, Level::Sedang.slug()),
        (2, Level::Rendah.slug()),
        (1, Level::SangatRendah.slug()),
        (0, UNRATED),
    ]
}

/// Risks per Bagian by level, inherent and residual.
#[component]
pub(super) fn LevelTable(view: DashboardView) -> impl IntoView {
    let i18n = use_i18n();
    let (lines, total) = Line::all(&view);
    let rows = lines.into_iter().map(|line| view! { <LevelLine line/> }).collect_view();
    let table = view! {
        <table class="data-table" data-testid="level-table">
            <LevelHead/>
            <tbody>{rows}</tbody>
            <tfoot><LevelLine line=total/></tfoot>
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

/// The heads: Bagian, risks, and each level under inherent and residual.
#[component]
fn LevelHead() -> impl IntoView {
    let i18n = use_i18n();
    let level_heads = move || {
        let t = i18n.t();
        (0..2)
            .flat_map(|_| {
                order().into_iter().map(move |(at, slug)| {
                    let name = if at == 0 { t.not_rated } else { t.level_names[at - 1] };
                    view! {
                        <th scope="col" class=format!("num level-head level-{slug}")>{name}</th>
                    }
                })
            })
            .collect_view()
    };
    view! {
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
}

/// One Bagian's risks by level, or the total's.
#[component]
fn LevelLine(line: Line) -> impl IntoView {
    let i18n = use_i18n();
    let groups = [("inheren", line.counts.inherent), ("residual", line.counts.residual)];
    let cells = groups
        .into_iter()
        .flat_map(|(key, levels)| {
            order().into_iter().map(move |(at, slug)| (levels[at], format!("&{key}={slug}")))
        })
        .map(|(n, query)| view! { <td class="num">{line.count(n, &query)}</td> })
        .collect_view();
    let total = line.count(line.counts.risks, "");
    let is_total = line.bagian.is_none();
    let header = match line.bagian {
        Some((_, name)) => view! { <th scope="row">{name}</th> }.into_any(),
        None => view! { <th scope="row">{move || i18n.t().total_row}</th> }.into_any(),
    };
    view! {
        <tr class:is-total=is_total>
            {header}
            <td class="num">{total}</td>
            {cells}
        </tr>
    }
}
