//! The 5×5 heat maps, inherent and residual: SVG drawn here, each cell's
//! count as text and a link to exactly its rows, and the levels' legend.
use crate::dashboard::model::DashboardView;
use crate::i18n::use_i18n;
use crate::register::model::{Level, Matrix};
use leptos::prelude::*;

/// One heat map (inherent: 0, residual: 1): likelihood up, impact across;
/// each cell its count, a link to those rows.
#[component]
pub(super) fn HeatMap(view: DashboardView, kind: usize) -> impl IntoView {
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
                    let href = view.register_link(&format!("&peta={key}:{l}:{i}"));
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
pub(super) fn Legend() -> impl IntoView {
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
