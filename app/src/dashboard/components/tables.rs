//! What the per-Bagian tables share: a line's scope and its counts as
//! links to their rows.
use crate::dashboard::model::{Counts, DashboardView};
use crate::register::model::RegisterKey;
use leptos::prelude::*;

/// A line of a per-Bagian table: one Bagian's counts, or (no Bagian) the
/// total's.
#[derive(Clone)]
pub(super) struct Line {
    /// The register's unit and year.
    pub register: (i32, i32),
    pub bagian: Option<(i32, String)>,
    pub counts: Counts,
}

impl Line {
    /// Each Bagian's line of `view`, then the total's.
    pub fn all(view: &DashboardView) -> (Vec<Line>, Line) {
        let register = (view.unit_id, view.year);
        let bagian = view.bagian.iter().map(|b| Line {
            register,
            bagian: Some((b.bagian_id, b.name.clone())),
            counts: b.counts.clone(),
        });
        (bagian.collect(), Line { register, bagian: None, counts: view.total.clone() })
    }

    /// The query that narrows the register to the line's Bagian.
    pub fn scope(&self) -> String {
        self.bagian.as_ref().map(|(id, _)| format!("&bagian={id}")).unwrap_or_default()
    }

    /// A count that links to its rows, `query` narrowing them (nothing to
    /// link when zero).
    pub fn count(&self, n: u32, query: &str) -> AnyView {
        if n == 0 {
            return view! { <span class="count is-zero">"0"</span> }.into_any();
        }
        let href = format!(
            "{}?penilaian=1{}{query}",
            RegisterKey::path(self.register.0, self.register.1),
            self.scope()
        );
        view! { <a class="count" href=href>{n}</a> }.into_any()
    }
}
