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
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rustc_hash::FxHashMap;

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
    // The filter lives in the address: the server renders what the browser
    // shows, and Back and Forward move between filters.
    let query = use_query_map();
    // Ahead of it while the user types (see `TypedFilter`).
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
    let index = store.index;
    let total = index.with_value(SearchIndex::len);
    // Typing on narrows the last result instead of searching every row.
    let last_filter = StoredValue::new(None::<RowFilter>);
    let rows = Memo::new(move |before: Option<&Option<Vec<i32>>>| {
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
    });
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
    // One tab stop in the grid, also after a filter or a reload.
    let table = NodeRef::<leptos::html::Table>::new();
    Effect::new(move |_| {
        let grid = editable && ready.get();
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
    let whole_link = windowed.then(|| {
        let address = query.with_untracked(|query| {
            let filter = RowFilter::from_query(query).query_string();
            if filter.is_empty() { "?lengkap=1".to_owned() } else { format!("{filter}&lengkap=1") }
        });
        view! {
            <p class="whole-table">
                <a href=address rel="external">{move || (t().whole_table)(total)}</a>
            </p>
        }
    });
    let head = view! { <RegisterHead register=register.clone()/> };
    let choices = register
        .sections
        .iter()
        .map(|section| (section.bagian_id, section.name.clone()))
        .collect::<Vec<_>>();
    provide_context(BagianList(StoredValue::new(choices.clone())));
    // What the user may change here, said once above the table.
    let own_bagian: Vec<String> = choices
        .iter()
        .filter(|(id, _)| access.rows_of(*id))
        .map(|(_, name)| name.clone())
        .collect();
    let all_rows = own_bagian.len() == choices.len();
    let role = access.role();
    let access_note = move || {
        let t = i18n.t();
        let text = match role {
            _ if !now => return None,
            Some(Role::Admin) | None => return None,
            Some(Role::Editor) if !own_bagian.is_empty() && !all_rows => {
                (t.edits_bagian_note)(&own_bagian.join(", "))
            }
            Some(Role::Editor) if all_rows => return None,
            Some(role) => (t.read_only_note)(role.label(t)),
        };
        Some(view! { <p class="access-note" data-testid="access-note">{text}</p> })
    };
    let filter_bar = view! { <FilterBar sections=choices filter shown=shown_count total/> };
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
                <crate::import::components::WorkbookImport register_id/>
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
                    <colgroup>
                        <col class="col-no"/>
                        <col class="col-bagian"/>
                        <col class="col-text col-activity"/>
                        <col class="col-text"/>
                        <col class="col-text"/>
                        <col class="col-text"/>
                        <col class="col-text-wide"/>
                        {assessment.then(|| (0..5).map(|_| view! { <col class="col-assess"/> }).collect_view())}
                        {editable.then(|| view! { <col class="col-actions"/> })}
                    </colgroup>
                    <thead>
                        <tr>
                            {(0..7)
                                .map(|index| view! { <th scope="col">{move || t().columns[index]}</th> })
                                .collect_view()}
                            {assessment
                                .then(|| {
                                    (0..5)
                                        .map(|index| {
                                            view! {
                                                <th scope="col" class="col-assess-head">
                                                    {move || t().assessment_columns[index]}
                                                </th>
                                            }
                                        })
                                        .collect_view()
                                })}
                            {editable
                                .then(|| {
                                    view! {
                                        <th scope="col" class="cell-actions">
                                            {move || t().actions_column}
                                        </th>
                                    }
                                })}
                        </tr>
                    </thead>
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
}

/// Title, unit and facts of the register, above the table.
#[component]
fn RegisterHead(register: RegisterView) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let (sections, rows) = (register.sections.len(), register.row_count());
    let official_title = register.title.clone();
    let title = move || match i18n.locale() {
        Locale::Id => official_title.clone(),
        Locale::En => t().table_title.to_owned(),
    };
    let subtitle = register.title.clone();
    let (year, status, as_of) = (register.year, register.status, register.as_of);
    let per = as_of.map(|as_of| as_of.date);
    view! {
        <header class="register-head">
            <h1 id="register-title">{title}</h1>
            <Show when=move || i18n.locale() != Locale::Id>
                <p class="official-title" lang="id">{subtitle.clone()}</p>
            </Show>
            <p class="register-unit">{register.unit_line()}</p>
            <dl class="register-meta">
                <div>
                    <dt>{move || t().period}</dt>
                    <dd>{year}</dd>
                </div>
                <div>
                    <dt>{move || t().status}</dt>
                    <dd>
                        <span class=format!("status-badge status-{}", status.code())>
                            {move || status.label(t())}
                        </span>
                    </dd>
                </div>
                <div>
                    <dt>{move || t().contents}</dt>
                    <dd data-testid="register-summary">{move || (t().summary)(sections, rows)}</dd>
                </div>
            </dl>
            {as_of.map(|as_of| view! { <super::as_of::AsOfBanner as_of/> })}
            <super::downloads::Downloads unit_id=register.unit_id year per/>
            <super::as_of::PickDay per/>
        </header>
    }
    .into_any()
}

/// One Bagian: a `<tbody>` whose first shown row carries the spanning cells.
#[component]
fn SectionRows(
    register_id: i32,
    section: SectionView,
    /// Its rows on show, in printed order (see `section_lists`).
    visible: ReadSignal<Vec<i32>>,
    /// The last row of the Bagian above it (none: there is none above).
    after: Option<i32>,
    editable: bool,
    ready: ReadSignal<bool>,
    shown: Shown,
) -> impl IntoView {
    let editing = use_context::<RowEditing>();
    let SectionView { bagian_id, ordinal, name, rows } = section;
    // The table has a column of controls (`editable`); this Bagian's rows
    // are the user's to change (`own`); the Bagian's tools are admins'.
    let access = use_context::<Access>();
    let own = access.is_some_and(|access| access.rows_of(bagian_id));
    let manage = access.is_some_and(|access| access.bagian());
    let interactive = Signal::derive(move || manage && ready.get());
    let starts = Signal::derive(move || own && ready.get());
    if rows.is_empty() {
        // Shown to those who can give it rows, and only when nothing is
        // filtered (it matches no search); in a window, only where its place
        // is in the DOM.
        let placed = move || {
            shown.window.rows.with(|rows| match (rows, after) {
                (None, _) => true,
                (Some(rows), Some(after)) => rows.contains(&after),
                (Some(_), None) => shown.window.above.get() == 0.0,
            })
        };
        let hidden = move || !(own || manage) || shown.rows.with(Option::is_some) || !placed();
        return view! {
            <tbody class="register-section" data-bagian=bagian_id hidden=hidden>
                <EmptySection register_id bagian=bagian_id name interactive starts columns=shown.panel_columns()/>
            </tbody>
        }
        .into_any();
    }
    let rows = StoredValue::new(rows);
    let first = Memo::new(move |_| visible.with(|ids| ids.first().copied()));
    // A new row being written in this Bagian, and a row's open history, are
    // spanned too.
    let span = Signal::derive(move || {
        let below =
            |open: Option<i32>| open.is_some_and(|id| visible.with(|ids| ids.contains(&id)));
        let (writing, history, notes) = editing.map_or((false, false, false), |editing| {
            (
                below(editing.adding_after.get()),
                below(editing.history.get()),
                below(editing.notes.get()),
            )
        });
        visible.with(Vec::len) + usize::from(writing) + usize::from(history) + usize::from(notes)
    });
    let lead = Lead { first, ordinal, name: StoredValue::new(name), span, interactive };
    let row_view = move |id: i32| {
        let Some(row) = rows.with_value(|rows| rows.iter().find(|row| row.id == id).cloned())
        else {
            return ().into_any();
        };
        view! { <RowView register_id row bagian=bagian_id editable own ready shown lead/> }
            .into_any()
    };
    view! {
        <tbody
            class="register-section"
            data-bagian=bagian_id
            hidden=move || visible.with(Vec::is_empty)
        >
            <For each=move || visible.get() key=|id| *id children=row_view/>
        </tbody>
    }
    .into_any()
}

/// A Bagian's spanning cells ("No" and name), carried by its first shown row.
#[derive(Clone, Copy)]
struct Lead {
    first: Memo<Option<i32>>,
    ordinal: u32,
    name: StoredValue<String>,
    span: Signal<usize>,
    interactive: Signal<bool>,
}

/// One risk row: its cells, its controls, and a new row being written below it.
#[component]
fn RowView(
    register_id: i32,
    row: RiskRowView,
    bagian: i32,
    /// The table has a column of row controls.
    editable: bool,
    /// This row is the user's to change.
    own: bool,
    ready: ReadSignal<bool>,
    shown: Shown,
    lead: Lead,
) -> impl IntoView {
    let editing = use_context::<RowEditing>();
    let adding = editing.map(|editing| editing.adding_after);
    let id = row.id;
    let terms = Signal::from(shown.terms);
    let live = use_context::<RowStore>()
        .and_then(|store| store.row(id))
        .unwrap_or_else(|| RowLive::of(&row));
    let version = live.version;
    let (notes, editors) = (live.notes, live.editors);
    let cells = Field::CELLS.into_iter().zip(live.cells).map(|(field, stored)| {
        // Who else edits the row shows in its first cell.
        let editors = (field == Field::Aktivitas).then_some(editors);
        view! { <EditableCell row=id field stored version editable=own ready terms editors/> }
    });
    let assessment = shown.assessment.then(|| view! { <AssessmentCells row=id live own ready/> });
    let panel_columns = shown.panel_columns();
    let code = row.code.clone();
    let actions = editable.then(|| {
        let controls = move || {
            ready.get().then(|| {
                view! { <RowActions row=id code=code.clone() version bagian own notes/> }
            })
        };
        view! { <td class="cell-actions">{controls}</td> }
    });
    // Below the row: a new row being written, or the row's history.
    let history_code = row.code.clone();
    let writing_below = move || {
        adding
            .is_some_and(|adding| adding.get() == Some(id))
            .then(|| view! { <NewRow register_id after=Some(id)/> })
    };
    let history_below = move || {
        editing
            .is_some_and(|editing| editing.history.get() == Some(id))
            .then(|| view! { <HistoryRow row=id code=history_code.clone() columns=panel_columns/> })
    };
    let notes_code = row.code.clone();
    let notes_below = move || {
        editing
            .is_some_and(|editing| editing.notes.get() == Some(id))
            .then(|| view! { <NotesRow row=id code=notes_code.clone() columns=panel_columns/> })
    };
    let lead_cells = move || {
        (lead.first.get() == Some(id)).then(|| {
            view! {
                <td class="cell-no" rowspan=lead.span>{lead.ordinal}</td>
                <th class="cell-bagian" scope="rowgroup" rowspan=lead.span>
                    <BagianHeading
                        register_id
                        bagian
                        name=lead.name.get_value()
                        empty=false
                        interactive=lead.interactive
                    />
                </th>
            }
        })
    };
    view! {
        <tr
            data-row-id=row.id
            data-version=move || version.try_get().unwrap_or_default()
            data-code=row.code.clone()
            class:is-being-edited=move || editors.with(|names| !names.is_empty())
        >
            {lead_cells}
            {cells.into_iter().collect_view()}
            {assessment}
            {actions}
        </tr>
        {writing_below}
        {history_below}
        {notes_below}
    }
    .into_any()
}

/// Each Bagian's rows on show: those the filter lets through, and of a long
/// register those in the window. One effect works them all out and sets a
/// Bagian's list only when it changes: a keystroke wakes no Bagian whose
/// rows stay, and no signal has hundreds of subscribers to unsubscribe.
fn section_lists(sections: &[SectionView], shown: Shown) -> Vec<ReadSignal<Vec<i32>>> {
    let ids: Vec<Vec<i32>> =
        sections.iter().map(|section| section.rows.iter().map(|row| row.id).collect()).collect();
    let place: FxHashMap<i32, usize> = ids
        .iter()
        .enumerate()
        .flat_map(|(place, ids)| ids.iter().map(move |id| (*id, place)))
        .collect();
    let count = ids.len();
    // (Bagian, its rows), for the Bagian with rows on show.
    let compute = move || -> Vec<(usize, Vec<i32>)> {
        let group = |rows: &[i32]| {
            let mut lists: Vec<(usize, Vec<i32>)> = Vec::new();
            for id in rows {
                let Some(&at) = place.get(id) else { continue };
                match lists.last_mut() {
                    Some((last, list)) if *last == at => list.push(*id),
                    _ => lists.push((at, vec![*id])),
                }
            }
            lists
        };
        shown.window.rows.with(|window| match window {
            Some(window) => group(window),
            None => shown.rows.with(|filter| match filter {
                Some(filter) => group(filter),
                None => {
                    ids.iter().cloned().enumerate().filter(|(_, ids)| !ids.is_empty()).collect()
                }
            }),
        })
    };
    let first = untrack(&compute);
    let mut initial = vec![Vec::new(); count];
    for (at, list) in first.iter() {
        initial[*at] = list.clone();
    }
    let lists: Vec<RwSignal<Vec<i32>>> = initial.into_iter().map(RwSignal::new).collect();
    let targets = lists.clone();
    // The Bagian with rows on show last time: only these and the new ones
    // can change.
    let before = StoredValue::new(first.iter().map(|(at, _)| *at).collect::<Vec<_>>());
    Effect::new(move |_| {
        let now = compute();
        let emptied: Vec<usize> = before.with_value(|before| {
            before.iter().copied().filter(|at| !now.iter().any(|(n, _)| n == at)).collect()
        });
        for at in emptied {
            targets[at].set(Vec::new());
        }
        for (at, list) in &now {
            if targets[*at].with_untracked(|old| old != list) {
                targets[*at].set(list.clone());
            }
        }
        before.set_value(now.iter().map(|(at, _)| *at).collect());
    });
    lists.into_iter().map(|list| list.read_only()).collect()
}
