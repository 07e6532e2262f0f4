//! What the per-Bagian tables share: a line's counts as links to their
//! rows.
use crate::dashboard::model::{Counts, DashboardView};
use leptos::prelude::*;

/// A line of a per-Bagian table: one Bagian's counts, or (no Bagian) the
/// total's.
#[derive(Clone)]
pub(super) struct Line {
    pub bagian: Option<(i32, String)>,
    pub counts: Counts,
    /// The register narrowed to the line's Bagian (`DashboardView::register_link`).
    rows: String,
}

impl Line {
    /// Each Bagian's line of `view`, then the total's.
    pub fn all(view: &DashboardView) -> (Vec<Line>, Line) {
        let bagian = view.bagian.iter().map(|b| Line {
            rows: view.register_link(&format!("&bagian={}", b.bagian_id)),
            bagian: Some((b.bagian_id, b.name.clone())),
            counts: b.counts.clone(),
        });
        let total = Line { rows: view.register_link(""), bagian: None, counts: view.total.clone() };
        (bagian.collect(), total)
    }

    /// A count that links to its rows, `query` narrowing them (nothing to
    /// link when zero).
    pub fn count(&self, n: u32, query: &str) -> AnyView {
        if n == 0 {
            return view! { <span class="count is-zero">"0"</span> }.into_any();
        }
        view! { <a class="count" href=format!("{}{query}", self.rows)>{n}</a> }.into_any()
    }
}
