//! The 5×5 heat maps, inherent and residual: SVG drawn here, each cell's
//! count as text and a link to exactly its rows, and the levels' legend.
use crate::dashboard::model::DashboardView;
use crate::i18n::use_i18n;
use crate::register::model::Level;
use crate::rules::assessment::Rating;
use leptos::prelude::*;

/// A cell's side, and the room left of and below the cells for the axes.
const CELL: f64 = 56.0;
const LEFT: f64 = 44.0;
const BOTTOM: f64 = 40.0;

/// One heat map (inherent: 0, residual: 1): likelihood up, impact across;
/// each cell its count, a link to those rows.
#[component]
pub(super) fn HeatMap(view: DashboardView, kind: usize) -> impl IntoView {
    let i18n = use_i18n();
    let key = if kind == 0 { "inheren" } else { "residual" };
    let counts = view.heat[kind];
    let cells = (1..=5u8)
        .flat_map(|l| (1..=5u8).map(move |i| (l, i)))
        .filter_map(|(l, i)| {
            let n = counts[usize::from(l) - 1][usize::from(i) - 1];
            let rating = view.matrix.rate(l, i)?;
            let href = (n > 0).then(|| view.register_link(&format!("&peta={key}:{l}:{i}")));
            Some(view! { <HeatCell at=(l, i) n rating key href/> })
        })
        .collect_view();
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
                <HeatAxes/>
            </svg>
        </figure>
    }
    .into_any()
}

/// The cell of likelihood and impact `at`: its level's colour, its count
/// `n`, and (`href`) a link to its rows when it has any.
#[component]
fn HeatCell(
    at: (u8, u8),
    n: u32,
    rating: Rating,
    key: &'static str,
    href: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (l, i) = at;
    let (x, y) = (LEFT + f64::from(i - 1) * CELL, f64::from(5 - l) * CELL);
    let class = format!("heat-cell level-{}", rating.level.slug());
    let label = move || {
        let t = i18n.t();
        (t.heat_cell_label)(
            l,
            t.likelihood_names[usize::from(l) - 1],
            i,
            t.impact_names[usize::from(i) - 1],
            n,
            &(t.score_label)(rating.score, t.level_name(rating.level)),
        )
    };
    let body = view! {
        <rect x=x y=y width=CELL height=CELL class=class/>
        <text x=x + CELL / 2.0 y=y + CELL / 2.0 + 7.0 class="heat-count" class:is-zero=n == 0>
            {n}
        </text>
        <text x=x + 5.0 y=y + 13.0 class="heat-score">
            {move || i18n.t().level_abbr[rating.level as usize - 1]}
        </text>
    };
    let cell = format!("{key}:{l}:{i}");
    match href {
        // Inside a `g`, the macro makes an SVG link (a bare `a` would be an
        // HTML one, invisible in an SVG made in the browser). Named by its
        // title (an aria-label would hide the count it shows).
        Some(href) => view! {
            <g>
                <a href=href data-cell=cell>
                    <title>{label}</title>
                    {body}
                </a>
            </g>
        }
        .into_any(),
        None => view! {
            <g role="img" aria-label=label data-cell=cell>
                <title>{label}</title>
                {body}
            </g>
        }
        .into_any(),
    }
}

/// The numbers along both axes and their titles.
#[component]
fn HeatAxes() -> impl IntoView {
    let i18n = use_i18n();
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
        <text x=LEFT + 2.5 * CELL y=5.0 * CELL + BOTTOM - 4.0 class="heat-axis-title">
            {move || i18n.t().impact}
        </text>
        <text
            x=12.0
            y=2.5 * CELL
            class="heat-axis-title"
            transform=format!("rotate(-90 12 {})", 2.5 * CELL)
        >
            {move || i18n.t().likelihood}
        </text>
    }
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
