//! The table's state: who may change what, the filter as the address and
//! the typing give it, the rows it lets through, and the window of a long
//! register.
use super::*;

/// What the table shows of the register: the rows the filter lets through
/// (`None`: all) and the folded words to mark in them.
#[derive(Clone, Copy)]
pub(super) struct Shown {
    /// The rows the filter lets through, in printed order (`None`: all).
    pub rows: Memo<Option<Vec<i32>>>,
    pub terms: Memo<Vec<String>>,
    /// Of a long register, the rows in the DOM.
    pub window: RowWindow,
    /// The assessment columns are shown.
    pub assessment: bool,
    /// Carried forward from this year's register: each row says its origin.
    pub carried_from: Option<i32>,
}

impl Shown {
    /// The columns a panel below a row (or a Bagian without rows) spans:
    /// the text columns, the assessment's when shown, and the controls.
    pub fn panel_columns(&self) -> usize {
        if self.assessment { 11 } else { 6 }
    }
}

/// What the table is set up with, shared by its parts.
#[derive(Clone, Copy)]
pub(super) struct TableState {
    pub access: Access,
    /// The register as it is now, not as of a past day.
    pub now: bool,
    /// Any row at all to change: deleted rows can be brought back.
    pub edits: bool,
    /// Signed in: the table gets its column of row controls (history and
    /// review notes for every reader, the row tools for the user's rows).
    pub editable: bool,
    /// Cells become interactive once the page is hydrated (effects run only
    /// in the browser); the server's HTML promises nothing it cannot do.
    pub ready: ReadSignal<bool>,
    pub announcer: Announcer,
    pub filter: Memo<RowFilter>,
    pub shown: Shown,
    /// The register's rows.
    pub total: usize,
    /// Long: only the rows near the screen are in the DOM.
    pub windowed: bool,
}

impl TableState {
    /// Sets the table up and gives its parts their context: the access,
    /// the row store (following colleagues' changes), the announcer, the
    /// filter and the conflict sources.
    pub fn new(register: &RegisterView, user: Option<CurrentUser>) -> Self {
        // A register as of a past day is history: read-only, and still.
        let now = register.as_of.is_none();
        let access = Access::new(user, now, register.status);
        provide_context(access);
        let store = RowStore::new(register, access.user_id());
        provide_context(store);
        if now {
            // Rows follow colleagues' changes as they happen.
            follow_changes(register, store, use_context::<RowEditing>());
        }
        let (ready, set_ready) = signal(false);
        Effect::new(move |_| set_ready.set(true));
        let announcer = Announcer(RwSignal::new(String::new()));
        provide_context(announcer);
        provide_context(SourceList(StoredValue::new(register.sources.clone())));
        let query = use_query_map();
        let (addressed, filter) = filter_state(query);
        let total = store.index.with_value(SearchIndex::len);
        let rows = shown_rows(filter, store.index);
        // `?lengkap=1`: the whole table at once, to print or to read without
        // JavaScript.
        let whole = query.with_untracked(|query| query.get_str("lengkap").is_some());
        let windowed = total > WINDOW_ABOVE && !whole;
        let order = register.sections.iter().flat_map(|s| s.rows.iter().map(|row| row.id));
        let window = RowWindow::new(order.collect(), rows, windowed);
        let assessment = addressed.with_untracked(|filter| filter.assessment);
        let terms = Memo::new(move |_| filter.with(RowFilter::terms));
        Self {
            access,
            now,
            edits: access.any_rows(),
            editable: now && access.role().is_some(),
            ready,
            announcer,
            filter,
            shown: Shown {
                rows,
                terms,
                window,
                assessment,
                carried_from: register.cycle.carried_from,
            },
            total,
            windowed,
        }
    }

    /// How many rows the filter lets through.
    pub fn shown_count(self) -> Signal<usize> {
        let (rows, total) = (self.shown.rows, self.total);
        Signal::derive(move || rows.with(|rows| rows.as_ref().map_or(total, Vec::len)))
    }
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
