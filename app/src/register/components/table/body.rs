//! The table itself: its box that scrolls on narrow screens, the column
//! heads, each Bagian's rows, and the spacers standing in for the rows a
//! long register keeps out of the DOM.
use super::*;

/// The official table in its scrolling box.
#[component]
pub(super) fn OfficialTable(register: RegisterView, state: TableState) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let TableState { editable, ready, shown, windowed, .. } = state;
    let (caption_unit, year) = (register.unit_name.clone(), register.year);
    let table = NodeRef::<leptos::html::Table>::new();
    let grid = Signal::derive(move || editable && ready.get());
    keep_tab_stop(table, grid, shown);
    let top_spacer = NodeRef::<leptos::html::Tbody>::new();
    // Narrower screens scroll the table in its own box, wide ones the page.
    let scroller = NodeRef::<leptos::html::Div>::new();
    let follow =
        windowed.then(|| follow_scrolling(shown.window, ready, table, top_spacer, scroller));
    let columns = 7 + usize::from(editable) + if shown.assessment { 5 } else { 0 };
    let column_head = view! { <ColumnHead assessment=shown.assessment editable/> }.into_any();
    let sections = section_views(register, state);
    view! {
        <div
            class="table-scroll"
            class:wide=shown.assessment
            tabindex="0"
            role="region"
            aria-labelledby="register-title"
            node_ref=scroller
            on:scroll=move |_| {
                if let Some(follow) = follow {
                    follow(false);
                }
            }
        >
            <table
                class="official-table"
                class:has-assessment=shown.assessment
                node_ref=table
                role=move || grid.get().then_some("grid")
                aria-describedby=move || grid.get().then_some("grid-hint")
                on:keydown=move |_event| {
                    #[cfg(feature = "hydrate")]
                    super::super::grid::on_key(&_event);
                }
                on:focusin=move |_event| {
                    #[cfg(feature = "hydrate")]
                    super::super::grid::on_focus_in(&_event);
                }
            >
                <caption class="visually-hidden">
                    {move || (t().caption)(&caption_unit, year)}
                </caption>
                {column_head}
                {windowed.then(|| view! {
                    <tbody class="window-spacer" aria-hidden="true" node_ref=top_spacer>
                        <Spacer window=shown.window above=true columns/>
                    </tbody>
                })}
                {sections}
                {windowed.then(|| view! {
                    <tbody class="window-spacer" aria-hidden="true">
                        <Spacer window=shown.window above=false columns/>
                    </tbody>
                })}
            </table>
        </div>
    }
}

/// Each Bagian's `<tbody>`, erased: the WASM build's type depth stays in
/// bounds.
fn section_views(register: RegisterView, state: TableState) -> AnyView {
    let TableState { editable, ready, shown, .. } = state;
    let register_id = register.id;
    let lists = section_lists(&register.sections, shown);
    let mut last_row = None;
    register
        .sections
        .into_iter()
        .zip(lists)
        .map(|(section, visible)| {
            let after = last_row;
            last_row = section.rows.last().map(|row| row.id).or(last_row);
            view! { <SectionRows register_id section visible after editable ready shown/> }
        })
        .collect_view()
        .into_any()
}

/// The height of the rows above (`above`) or below the window, as one row.
#[component]
fn Spacer(window: RowWindow, above: bool, columns: usize) -> impl IntoView {
    let height = if above { window.above } else { window.below };
    view! {
        <tr>
            <td colspan=columns style:height=move || format!("{:.0}px", height.get())></td>
        </tr>
    }
}

/// One tab stop in the grid (`grid`: the table is one), also after a filter
/// or a reload.
fn keep_tab_stop(table: NodeRef<leptos::html::Table>, grid: Signal<bool>, shown: Shown) {
    // Only the browser has a grid to keep.
    #[cfg(not(feature = "hydrate"))]
    let _ = table;
    Effect::new(move |_| {
        let grid = grid.get();
        shown.rows.track();
        shown.window.rows.track();
        if grid {
            request_animation_frame(move || {
                #[cfg(feature = "hydrate")]
                if let Some(table) = table.get_untracked() {
                    super::super::grid::keep_tab_stop(&table);
                }
            });
        }
    });
}
