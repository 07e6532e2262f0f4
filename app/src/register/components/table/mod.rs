//! The register laid out as the printed form, with the editor's controls
//! where the user may change it, filtered, and windowed when it is long.
mod head;
mod row;
mod section;

use super::scroll::follow_scrolling;
use super::window::{RowWindow, WINDOW_ABOVE};
use super::{
    Access, AddBagian, Announcer, AssessmentCells, BagianHeading, BagianList, DeletedRows,
    EditableCell, EmptySection, FilterBar, HistoryRow, NewRow, NotesRow, RowActions, RowEditing,
    RowLive, RowStore, SourceList, TypedFilter, follow_changes,
};
use crate::auth::{CurrentUser, Role};
use crate::i18n::{Locale, use_i18n};
use crate::register::filter::{RowFilter, SearchIndex};
use crate::register::model::{Field, RegisterView, RiskRowView, SectionView};
use head::{AccessNote, ColumnHead, RegisterHead, WholeTableLink};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rustc_hash::FxHashMap;
use section::{SectionRows, section_lists};

/// What the table shows of the register: the rows the filter lets through
/// (`None`: all) and the folded words to mark in them.
#[derive(Clone, Copy)]
struct Shown {
    /// The rows the filter lets through, in printed order (`None`: all).
    rows: Memo<Option<Vec<i32>>>,
    terms: Memo<Vec<String>>,
    /// Of a long register, the rows in the DOM.
    window: RowWindow,
    /// The assessment columns are shown.
    assessment: bool,
}

impl Shown {
    /// The columns a panel below a row (or a Bagian without rows) spans:
    /// the text columns, the assessment's when shown, and the controls.
    fn panel_columns(&self) -> usize {
        if self.assessment { 11 } else { 6 }
    }
}

/// The register laid out as the printed form: seven columns, each Bagian's
/// number and name spanning its rows.
#[component]
pub fn RegisterTable(
    register: RegisterView,
    /// The signed-in user: what they may change shows as controls.
    user: Option<CurrentUser>,
    /// The register's documents, under its heading.
    #[prop(optional)]
    documents: ViewFn,
    /// The workbook import, for those who may change rows.
    #[prop(optional)]
    import: ViewFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let caption_unit = register.unit_name.clone();
    let year = register.year;
    let register_id = register.id;
    // A register as of a past day is history: read-only, and still.
    let now = register.as_of.is_none();
    let access = Access::new(user, now && !register.status.is_final());
    provide_context(access);
    let store = RowStore::new(&register, access.user_id());
    provide_context(store);
    if now {
        // Rows follow colleagues' changes as they happen.
        follow_changes(&register, store, use_context::<RowEditing>());
    }
    // Any row at all to change: deleted rows can be brought back.
    let edits = access.any_rows();
    // Signed in: the table gets its column of row controls (history and
    // review notes for every reader, the row tools for the user's rows).
    let editable = now && access.role().is_some();
    // Cells become interactive once the page is hydrated (effects run only
    // in the browser); the server's HTML promises nothing it cannot do.
    let (ready, set_ready) = signal(false);
    Effect::new(move |_| set_ready.set(true));
    let announcer = Announcer(RwSignal::new(String::new()));
    provide_context(announcer);
    let query = use_query_map();
    let (addressed, filter) = filter_state(query);
    let index = store.index;
    let total = index.with_value(SearchIndex::len);
    let rows = shown_rows(filter, index);
    // `?lengkap=1`: the whole table at once, to print or to read without
    // JavaScript.
    let whole = query.with_untracked(|query| query.get_str("lengkap").is_some());
    let windowed = total > WINDOW_ABOVE && !whole;
    let order = register.sections.iter().flat_map(|s| s.rows.iter().map(|row| row.id)).collect();
    let window = RowWindow::new(order, rows, windowed);
    let assessment = addressed.with_untracked(|filter| filter.assessment);
    let terms = Memo::new(move |_| filter.with(RowFilter::terms));
    let shown = Shown { rows, terms, window, assessment };
    provide_context(SourceList(StoredValue::new(register.sources.clone())));
    let shown_count =
        Signal::derive(move || shown.rows.with(|rows| rows.as_ref().map_or(total, Vec::len)));
    let nothing_shown = move || shown_count.get() == 0 && total > 0;
    let table = NodeRef::<leptos::html::Table>::new();
    keep_tab_stop(table, Signal::derive(move || editable && ready.get()), shown);
    let top_spacer = NodeRef::<leptos::html::Tbody>::new();
    // Narrower screens scroll the table in its own box, wide ones the page.
    let scroller = NodeRef::<leptos::html::Div>::new();
    let follow = windowed.then(|| follow_scrolling(window, ready, table, top_spacer, scroller));
    let columns = 7 + usize::from(editable) + if assessment { 5 } else { 0 };
    let spacer = move |above: bool| {
        let height = if above { window.above } else { window.below };
        view! {
            <tr>
                <td colspan=columns style:height=move || format!("{:.0}px", height.get())></td>
            </tr>
        }
    };
    let whole_link = windowed.then(|| view! { <WholeTableLink total/> }.into_any());
    let head = view! { <RegisterHead register=register.clone() documents/> };
    let choices = register
        .sections
        .iter()
        .map(|section| (section.bagian_id, section.name.clone()))
        .collect::<Vec<_>>();
    provide_context(BagianList(StoredValue::new(choices.clone())));
    let access_note =
        now.then(|| view! { <AccessNote access choices=choices.clone()/> }.into_any());
    let filter_bar = view! { <FilterBar sections=choices filter shown=shown_count total/> };
    // Erased, as the sections below: the type of the whole table stays
    // within the compiler's depth limit.
    let column_head = view! { <ColumnHead assessment editable/> }.into_any();
    let lists = section_lists(&register.sections, shown);
    let mut last_row = None;
    let sections = register
        .sections
        .into_iter()
        .zip(lists)
        .map(|(section, visible)| {
            let after = last_row;
            last_row = section.rows.last().map(|row| row.id).or(last_row);
            view! { <SectionRows register_id section visible after editable ready shown/> }
        })
        .collect_view()
        // Erasing the type keeps the WASM build's type depth in bounds.
        .into_any();
    view! {
        <section class="register" aria-labelledby="register-title">
            {head}
            <Show when=move || edits && ready.get()>
                {import.run()}
            </Show>
            {access_note}
            {filter_bar}
            <p class="scroll-hint">{move || t().scroll_hint}</p>
            {whole_link}
            <p id="edit-hint" class="visually-hidden">{move || t().edit_hint}</p>
            <p id="grid-hint" class="visually-hidden">{move || t().grid_hint}</p>
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
                {move || announcer.0.get()}
            </p>
            <div
                class="table-scroll"
                class:wide=assessment
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
                    class:has-assessment=assessment
                    node_ref=table
                    role=move || (editable && ready.get()).then_some("grid")
                    aria-describedby=move || (editable && ready.get()).then_some("grid-hint")
                    on:keydown=move |_event| {
                        #[cfg(feature = "hydrate")]
                        super::grid::on_key(&_event);
                    }
                    on:focusin=move |_event| {
                        #[cfg(feature = "hydrate")]
                        super::grid::on_focus_in(&_event);
                    }
                >
                    <caption class="visually-hidden">
                        {move || (t().caption)(&caption_unit, year)}
                    </caption>
                    {column_head}
                    {windowed.then(|| view! {
                        <tbody class="window-spacer" aria-hidden="true" node_ref=top_spacer>
                            {spacer(true)}
                        </tbody>
                    })}
                    {sections}
                    {windowed.then(|| view! {
                        <tbody class="window-spacer" aria-hidden="true">{spacer(false)}</tbody>
                    })}
                </table>
            </div>
            <Show when=nothing_shown>
                <p class="no-match" data-testid="no-match">{move || t().no_match}</p>
            </Show>
            <Show when=move || access.bagian() && ready.get()>
                <AddBagian register_id/>
            </Show>
            <Show when=move || edits && ready.get()>
                <DeletedRows register_id/>
            </Show>
        </section>
    }
    .into_any()
}

/// The filter as the address says it (`addressed`), and as shown: the
/// address, or ahead of it what the user is typing (see `TypedFilter`).
/// The server renders what the browser shows, and Back and Forward move
/// between filters.
fn filter_state(
    query: Memo<leptos_router::params::ParamsMap>,
) -> (Memo<RowFilter>, Memo<RowFilter>) {
    let typed = RwSignal::new(None::<RowFilter>);
    provide_context(TypedFilter(typed));
    let addressed = Memo::new(move |_| query.with(RowFilter::from_query));
    // A navigation, Back or Forward: the address is the truth again.
    Effect::new(move |_| {
        addressed.track();
        typed.set(None);
    });
    let popstate = window_event_listener(leptos::ev::popstate, move |_| typed.set(None));
    on_cleanup(move || popstate.remove());
    let filter = Memo::new(move |_| typed.get().unwrap_or_else(|| addressed.get()));
    (addressed, filter)
}

/// The rows `filter` lets through (`None`: all). Typing on narrows the last
/// result instead of searching every row.
fn shown_rows(filter: Memo<RowFilter>, index: StoredValue<SearchIndex>) -> Memo<Option<Vec<i32>>> {
    let last_filter = StoredValue::new(None::<RowFilter>);
    Memo::new(move |before: Option<&Option<Vec<i32>>>| {
        filter.with(|filter| {
            let found = index.with_value(|index| {
                last_filter.with_value(|last| match (last, before) {
                    (Some(last), Some(Some(shown))) if filter.narrows(last) => {
                        index.narrowing(filter, shown)
                    }
                    _ => index.matching(filter),
                })
            });
            last_filter.set_value(Some(filter.clone()));
            found
        })
    })
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
                    super::grid::keep_tab_stop(&table);
                }
            });
        }
    });
}
