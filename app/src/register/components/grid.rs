//! The register as a WAI-ARIA grid: one tab stop for the whole table (Tab
//! leaves it), the arrow keys, Home/End (with Ctrl: the first or last cell)
//! and Page Up/Down move between cells; Enter or F2 edits the cell in focus.
//!
//! The grid's items are the cells' text views and the row controls, marked
//! with [`ITEM`]; exactly one of them has `tabindex="0"` (a roving tab stop).
//! Movement reads the table as rendered, so it follows filters, new rows and
//! open histories without bookkeeping of its own.

/// The attribute that marks an item of the grid.
pub const ITEM: &str = "data-grid-item";

/// Rows moved by Page Up and Page Down.
const PAGE_ROWS: usize = 10;

/// Moves the focus as `event`'s key asks, if it is a key of the grid and its
/// target an item of it; the key is then consumed.
pub fn on_key(event: &web_sys::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let Some(item) = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    // A list box keeps its own arrow keys.
    if !item.has_attribute(ITEM) || item.tag_name().eq_ignore_ascii_case("select") {
        return;
    }
    let Some(table) = item.closest("table").ok().flatten() else { return };
    let Some(row) = item.closest("tr").ok().flatten() else { return };
    let rows = elements(&table, "tr[data-row-id], tr[data-grid-row]");
    let Some(r) = rows.iter().position(|candidate| *candidate == row) else { return };
    let items_of = |row: &web_sys::Element| elements(row, &format!("[{ITEM}]"));
    // Up and down keep the column: counted without the Bagian's own
    // controls, which only its first row has.
    let column_of = |items: Vec<web_sys::Element>| -> Vec<web_sys::Element> {
        items.into_iter().filter(|item| !in_lead(item)).collect()
    };
    let here = items_of(&row);
    let Some(c) = here.iter().position(|candidate| *candidate == item) else { return };
    let column =
        column_of(here.clone()).iter().position(|candidate| *candidate == item).unwrap_or(0);
    let (last_row, last_item) = (rows.len() - 1, here.len() - 1);
    let ctrl = event.ctrl_key() || event.meta_key();
    // A long register's window may not hold the first or last row yet.
    if ctrl && matches!(event.key().as_str(), "Home" | "End") {
        let end = event.key() == "End";
        if let Some(spacer) = unrendered(&table, end) {
            event.prevent_default();
            reach_edge(table, spacer, end, (0, (Vec::new(), 0)), EDGE_FRAMES);
            return;
        }
    }
    // Ok: an index among the row's items; Err: a column (see `column_of`).
    let (to_row, to_item) = match event.key().as_str() {
        "ArrowLeft" => (r, Ok(c.saturating_sub(1))),
        "ArrowRight" => (r, Ok((c + 1).min(last_item))),
        "ArrowUp" => (r.saturating_sub(1), Err(column)),
        "ArrowDown" => ((r + 1).min(last_row), Err(column)),
        "Home" if ctrl => (0, Err(0)),
        "End" if ctrl => (last_row, Ok(usize::MAX)),
        "Home" => (r, Err(0)),
        "End" => (r, Ok(last_item)),
        "PageUp" => (r.saturating_sub(PAGE_ROWS), Err(column)),
        "PageDown" => ((r + PAGE_ROWS).min(last_row), Err(column)),
        _ => return,
    };
    event.prevent_default();
    let targets = match to_item {
        Ok(_) => items_of(&rows[to_row]),
        Err(_) => column_of(items_of(&rows[to_row])),
    };
    let (Ok(index) | Err(index)) = to_item;
    if let Some(target) = targets.get(index.min(targets.len().saturating_sub(1))) {
        focus(target);
    }
}

/// Frames to wait for a window to reach the first or last row.
const EDGE_FRAMES: u32 = 120;

/// Frames the window must hold the edge row before it takes the focus
/// (rows are measured as they come, which moves the window a little).
const STEADY_FRAMES: u32 = 3;

/// The spacer standing for rows not rendered above (`end`: below) the
/// window, if there are such rows.
fn unrendered(table: &web_sys::Element, end: bool) -> Option<web_sys::Element> {
    let spacers = elements(table, "tbody.window-spacer");
    let spacer = if end { spacers.last() } else { spacers.first() }?;
    (spacer.get_bounding_client_rect().height() >= 1.0).then(|| spacer.clone())
}

/// Scrolls a windowed table to its first (`end`: last) row and, once the
/// window has held still for a few frames, focuses that row's first (last)
/// item (a row the window moves loses the focus).
fn reach_edge(
    table: web_sys::Element,
    spacer: web_sys::Element,
    end: bool,
    (steady, before): (u32, (Vec<i64>, usize)),
    left: u32,
) {
    let now = (window_shape(&table), elements(&table, "tr[data-row-id]").len());
    let steady = if unrendered(&table, end).is_some() {
        spacer.scroll_into_view_with_bool(!end);
        0
    } else {
        if let Some(row) = edge_row(&table, end) {
            row.scroll_into_view_with_bool(!end);
        }
        if now == before { steady + 1 } else { 0 }
    };
    if steady < STEADY_FRAMES && left > 0 {
        leptos::prelude::request_animation_frame(move || {
            reach_edge(table, spacer, end, (steady, now), left - 1)
        });
        return;
    }
    let items = edge_row(&table, end).map(|row| elements(&row, &format!("[{ITEM}]")));
    let items = items.unwrap_or_default();
    let item = if end { items.last() } else { items.iter().find(|item| !in_lead(item)) };
    if let Some(item) = item {
        focus(item);
    }
}

/// The spacers' heights, in whole pixels.
fn window_shape(table: &web_sys::Element) -> Vec<i64> {
    elements(table, "tbody.window-spacer")
        .iter()
        .map(|spacer| spacer.get_bounding_client_rect().height() as i64)
        .collect()
}

/// The first (`end`: last) row rendered.
fn edge_row(table: &web_sys::Element, end: bool) -> Option<web_sys::Element> {
    let rows = elements(table, "tr[data-row-id]");
    if end { rows.last().cloned() } else { rows.first().cloned() }
}

/// Whether `item` is one of a Bagian's controls, in its spanning name cell.
fn in_lead(item: &web_sys::Element) -> bool {
    item.closest(".cell-bagian").ok().flatten().is_some()
}

/// Makes the item that got the focus the grid's one tab stop.
pub fn on_focus_in(event: &web_sys::FocusEvent) {
    use wasm_bindgen::JsCast;
    let Some(item) = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if !item.has_attribute(ITEM) {
        return;
    }
    if let Some(table) = item.closest("table").ok().flatten() {
        for other in elements(&table, &format!("[{ITEM}][tabindex=\"0\"]")) {
            let _ = other.set_attribute("tabindex", "-1");
        }
    }
    let _ = item.set_attribute("tabindex", "0");
}

/// Keeps exactly one tab stop in the grid: the last one if it is still
/// there, else the first cell (after a filter or a reload removed it).
pub fn keep_tab_stop(table: &web_sys::Element) {
    let items = elements(table, &format!("[{ITEM}]"));
    let stops: Vec<&web_sys::Element> = items
        .iter()
        .filter(|item| item.get_attribute("tabindex").as_deref() == Some("0"))
        .collect();
    if stops.len() == 1 {
        return;
    }
    for item in &items {
        let _ = item.set_attribute("tabindex", "-1");
    }
    if let Some(first) = items.iter().find(|item| !in_lead(item)) {
        let _ = first.set_attribute("tabindex", "0");
    }
}

fn elements(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    use wasm_bindgen::JsCast;
    let Ok(list) = root.query_selector_all(selector) else { return Vec::new() };
    (0..list.length())
        .filter_map(|index| list.item(index))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .collect()
}

fn focus(element: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}
