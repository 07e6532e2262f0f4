//! A long register's window follows what is on the screen: the page's
//! scroll, the table box's own scroll, the window's size and a new filter.
use super::window::RowWindow;
use leptos::prelude::*;

/// Keeps the window of a long register on the screen as the page scrolls,
/// is resized, or is filtered: once per frame at most. Returns what the
/// table's own scrolling box calls when it scrolls.
pub(super) fn follow_scrolling(
    window: RowWindow,
    ready: ReadSignal<bool>,
    table: NodeRef<leptos::html::Table>,
    top_spacer: NodeRef<leptos::html::Tbody>,
    scroller: NodeRef<leptos::html::Div>,
) -> impl Fn(bool) + Copy + 'static {
    let pending = StoredValue::new(false);
    let update = move || {
        let above = window.above.get_untracked();
        if let Some((rendered, from, to)) = on_screen(table, top_spacer, scroller, above) {
            window.follow(rendered, from, to);
        }
    };
    // Before the next frame (a scroll must show no gap), or after it (a new
    // filter's frame shows the rows on screen first; the spare rows follow).
    let schedule = move |later: bool| {
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        let run = move || {
            pending.set_value(false);
            update();
        };
        if later {
            super::after_paint(run);
        } else {
            request_animation_frame(run);
        }
    };
    Effect::new(move |_| {
        window.listed().track();
        if ready.get() {
            schedule(true);
        }
    });
    Effect::new(move |_| {
        if !ready.get() {
            return;
        }
        let scroll = window_event_listener(leptos::ev::scroll, move |_| schedule(false));
        let resize = window_event_listener(leptos::ev::resize, move |_| schedule(false));
        on_cleanup(move || {
            scroll.remove();
            resize.remove();
        });
    });
    schedule
}

/// The rows in the DOM with their heights (id, pixels), and the part of the
/// list on the screen (from, to).
type OnScreen = (Vec<(i32, f64)>, f64, f64);

/// The rows in the DOM with their heights, and the part of the list on the
/// screen (pixels from the top of the first listed row, `above` pixels
/// above the top spacer's end): the browser window's height, cut to the
/// table's scrolling box when that is smaller.
#[cfg(feature = "hydrate")]
fn on_screen(
    table: NodeRef<leptos::html::Table>,
    top_spacer: NodeRef<leptos::html::Tbody>,
    scroller: NodeRef<leptos::html::Div>,
    above: f64,
) -> Option<OnScreen> {
    use wasm_bindgen::JsCast;
    let (table, spacer) = (table.get_untracked()?, top_spacer.get_untracked()?);
    let first = spacer.get_bounding_client_rect().bottom() - above;
    let height = web_sys::window()?.inner_height().ok()?.as_f64()?;
    let (top, bottom) = match scroller.get_untracked() {
        Some(scroller) => {
            let rect = scroller.get_bounding_client_rect();
            (rect.top().max(0.0), rect.bottom().min(height))
        }
        None => (0.0, height),
    };
    let rows = table.query_selector_all("tr[data-row-id]").ok()?;
    let rendered = (0..rows.length())
        .filter_map(|index| rows.item(index)?.dyn_into::<web_sys::Element>().ok())
        .filter_map(|row| {
            let id = row.get_attribute("data-row-id")?.parse().ok()?;
            Some((id, row.get_bounding_client_rect().height()))
        })
        .collect();
    Some((rendered, top - first, bottom - first))
}

#[cfg(not(feature = "hydrate"))]
fn on_screen(
    _table: NodeRef<leptos::html::Table>,
    _top_spacer: NodeRef<leptos::html::Tbody>,
    _scroller: NodeRef<leptos::html::Div>,
    _above: f64,
) -> Option<OnScreen> {
    None
}
