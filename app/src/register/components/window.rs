//! A long register's body is windowed: only the rows near the screen are in
//! the DOM, between two spacers as tall as the rows above and below them,
//! so that a register of 10,000 rows loads, hydrates and filters as fast as
//! one of a hundred. Each Bagian's first row in the window carries its
//! spanning cells, so the rowspans stay right at any scroll position.
//!
//! Heights are measured as rows are shown and estimated (by the average so
//! far) for rows never shown. The server renders the first window; the page
//! then follows the scroll position of the browser window.
use leptos::prelude::*;
use rustc_hash::FxHashMap;

/// Registers with more rows than this are windowed; shorter ones are
/// rendered whole, as the printed form.
pub const WINDOW_ABOVE: usize = 300;
/// Rows rendered before the browser knows where the screen is.
const FIRST_WINDOW: usize = 60;
/// Rows' height before any is measured, in CSS pixels.
const ESTIMATE_PX: f64 = 140.0;
/// Rendered beyond the screen's edges, so that scrolling shows no gap.
const OVERSCAN_PX: f64 = 900.0;

/// The rows in the DOM, out of those the filter lets through.
#[derive(Clone, Copy)]
pub struct RowWindow {
    /// The rows the filter lets through, in printed order.
    listed: Memo<Vec<i32>>,
    /// Bumped with each new `listed`.
    generation: StoredValue<u64>,
    /// The part of the list on the screen: pixels from the top of its first row.
    screen: RwSignal<(f64, f64)>,
    /// The `generation` whose window may hold rows beyond the screen's edges.
    /// A new list (a keystroke in the search) first gets only the rows on
    /// the screen, so that its frame is quick; the rest come after it.
    spare_for: RwSignal<u64>,
    /// The rows in the DOM, in printed order; `None`: not windowed, all
    /// listed rows are.
    pub rows: Memo<Option<Vec<i32>>>,
    heights: StoredValue<Heights>,
    /// Heights of the rows above and below the window, in CSS pixels.
    pub above: Memo<f64>,
    pub below: Memo<f64>,
}

/// Measured row heights, and the estimate for the others.
#[derive(Default)]
struct Heights {
    /// By row id (a fast hash: the spacers add up thousands per change).
    by_row: FxHashMap<i32, f64>,
    sum: f64,
}

impl Heights {
    fn estimate(&self) -> f64 {
        if self.by_row.is_empty() { ESTIMATE_PX } else { self.sum / self.by_row.len() as f64 }
    }

    fn of(&self, id: i32, estimate: f64) -> f64 {
        self.by_row.get(&id).copied().unwrap_or(estimate)
    }

    fn measured(&mut self, id: i32, height: f64) {
        if let Some(old) = self.by_row.insert(id, height) {
            self.sum -= old;
        }
        self.sum += height;
    }

    fn total(&self, ids: &[i32]) -> f64 {
        let estimate = self.estimate();
        // A fold from +0: an empty sum of floats is -0, printed "-0px".
        ids.iter().fold(0.0, |sum, id| sum + self.of(*id, estimate))
    }
}

impl RowWindow {
    /// A window over `order` (every row, printed order) as filtered by
    /// `shown` (printed order; `None`: all); windowed only if `enabled`.
    pub fn new(order: Vec<i32>, shown: Memo<Option<Vec<i32>>>, enabled: bool) -> Self {
        let generation = StoredValue::new(0_u64);
        let listed = Memo::new(move |_| {
            generation.update_value(|generation| *generation += 1);
            shown.with(|shown| shown.clone().unwrap_or_else(|| order.clone()))
        });
        // Before the browser knows the screen: the first rows.
        let screen = RwSignal::new((0.0, FIRST_WINDOW as f64 * ESTIMATE_PX));
        // No rows to spare until the browser has seen the screen.
        let spare_for = RwSignal::new(u64::MAX);
        let heights = StoredValue::new(Heights::default());
        let range = Memo::new(move |_| {
            let (from, to) = screen.get();
            let spare = if spare_for.get() == generation.get_value() { OVERSCAN_PX } else { 0.0 };
            listed.with(|listed| {
                heights.with_value(|heights| span(listed, heights, from - spare, to + spare))
            })
        });
        let rows = Memo::new(move |_| {
            enabled.then(|| {
                let (start, end) = range.get();
                listed.with(|listed| listed[start..end].to_vec())
            })
        });
        let part = move |above: bool| {
            Memo::new(move |_| {
                if !enabled {
                    return 0.0;
                }
                let (start, end) = range.get();
                listed.with(|listed| {
                    let ids = if above { &listed[..start] } else { &listed[end..] };
                    heights.with_value(|heights| heights.total(ids))
                })
            })
        };
        Self {
            listed,
            generation,
            screen,
            spare_for,
            rows,
            heights,
            above: part(true),
            below: part(false),
        }
    }

    /// Records the heights of rows as rendered, then moves the window to
    /// cover `from..to` (CSS pixels from the top of the first listed row)
    /// with rows to spare beyond the screen's edges.
    pub fn follow(&self, rendered: impl IntoIterator<Item = (i32, f64)>, from: f64, to: f64) {
        self.heights.update_value(|heights| {
            for (id, height) in rendered {
                heights.measured(id, height);
            }
        });
        // Whole pixels: a scroll by a fraction changes nothing.
        let screen = (from.floor(), to.ceil());
        if screen != self.screen.get_untracked() {
            self.screen.set(screen);
        }
        let generation = self.generation.get_value();
        if self.spare_for.get_untracked() != generation {
            self.spare_for.set(generation);
        }
    }

    /// The rows the filter lets through, as a signal (for a new window).
    pub fn listed(&self) -> Memo<Vec<i32>> {
        self.listed
    }
}

/// The rows of `listed` that overlap `from..to` (pixels from the top of the
/// first one): `start..end`, at least one row when there are any.
fn span(listed: &[i32], heights: &Heights, from: f64, to: f64) -> (usize, usize) {
    let estimate = heights.estimate();
    let mut top = 0.0;
    let mut start = None;
    for (index, id) in listed.iter().enumerate() {
        let bottom = top + heights.of(*id, estimate);
        if start.is_none() && bottom > from {
            start = Some(index);
        }
        if top >= to {
            return (start.unwrap_or(index), index.max(start.unwrap_or(index) + 1));
        }
        top = bottom;
    }
    let end = listed.len();
    (start.unwrap_or(end.saturating_sub(1)), end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heights(measured: &[(i32, f64)]) -> Heights {
        let mut heights = Heights::default();
        for (id, height) in measured {
            heights.measured(*id, *height);
        }
        heights
    }

    #[test]
    fn the_span_covers_exactly_the_rows_on_screen() {
        let listed: Vec<i32> = (1..=100).collect();
        let even = heights(&[(1, 100.0)]);
        assert_eq!(span(&listed, &even, 0.0, 1.0), (0, 1));
        assert_eq!(span(&listed, &even, 0.0, 100.0), (0, 1));
        assert_eq!(span(&listed, &even, 0.0, 100.5), (0, 2));
        assert_eq!(span(&listed, &even, 250.0, 450.0), (2, 5));
        assert_eq!(span(&listed, &even, -900.0, 300.0), (0, 3));
        assert_eq!(span(&listed, &even, 9_950.0, 20_000.0), (99, 100));
        assert_eq!(span(&listed, &even, 50_000.0, 60_000.0), (99, 100), "past the end: the last");
        assert_eq!(span(&[], &even, 0.0, 100.0), (0, 0));
    }

    #[test]
    fn measured_heights_move_the_rows_below() {
        let listed = [1, 2, 3, 4];
        // Row 2 is tall: 3 and 4 start lower than the estimate says.
        let measured = heights(&[(1, 50.0), (2, 250.0)]);
        assert_eq!(measured.estimate(), 150.0, "unmeasured rows: the average");
        assert_eq!(measured.total(&listed), 600.0);
        assert_eq!(span(&listed, &measured, 290.0, 310.0), (1, 3));
        let mut remeasured = measured;
        remeasured.measured(2, 50.0);
        assert_eq!(remeasured.total(&listed), 200.0, "a new measure replaces the old");
        assert_eq!(span(&listed, &remeasured, 290.0, 310.0), (3, 4));
    }
}
