//! The search box: the table filters at each keystroke, and the address
//! follows, one history entry per burst of typing.
use super::history::{current_address, write_address};
use super::{Go, TypedFilter};
use crate::i18n::use_i18n;
use crate::register::components::after_paint;
use crate::register::filter::{MAX_SEARCH_CHARS, RowFilter};
use leptos::{html, prelude::*};
use leptos_router::hooks::use_location;

/// While the user types, the address follows each keystroke in place; a
/// pause this long ends the burst, so Back returns to the search before it.
const TYPING_BURST_MS: u64 = 1_000;

/// The search box and its button; `search` is the box, read when the form
/// is sent.
#[component]
pub(super) fn SearchBox(
    filter: Memo<RowFilter>,
    go: Go,
    search: NodeRef<html::Input>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    // Back and Forward change the address: the box follows it.
    Effect::new(move |_| {
        let wanted = filter.with(|filter| filter.search.clone());
        if let Some(input) = search.get()
            && input.value() != wanted
        {
            input.set_value(&wanted);
        }
    });
    let on_input = typing(filter, go);
    view! {
        <div class="filter-search">
            <label for="filter-q">{move || t().search_label}</label>
            <input
                id="filter-q"
                type="search"
                name="q"
                node_ref=search
                maxlength=MAX_SEARCH_CHARS
                autocomplete="off"
                aria-describedby="filter-q-hint"
                value=filter.with_untracked(|filter| filter.search.clone())
                on:input=on_input
            />
            <button type="submit" class="filter-apply">{move || t().apply_filter}</button>
            <p id="filter-q-hint" class="filter-hint">{move || t().search_hint}</p>
        </div>
    }
    .into_any()
}

/// What a keystroke does: the filter typed at once (see `TypedFilter`), the
/// address after the frame that shows it, the router when the burst ends.
fn typing(filter: Memo<RowFilter>, go: Go) -> impl Fn(leptos::ev::Event) + 'static {
    let location = use_location();
    let typing = StoredValue::new(None::<TimeoutHandle>);
    // A burst's first keystroke asks for a new history entry; true until an
    // address has been written for it.
    let unwritten_entry = StoredValue::new(false);
    let typed = use_context::<TypedFilter>();
    on_cleanup(move || {
        if let Some(Some(handle)) = typing.try_get_value() {
            handle.clear();
        }
    });
    move |event: leptos::ev::Event| {
        let text = event_target_value(&event);
        let burst = typing.get_value();
        let next = RowFilter { search: text, ..filter.get_untracked() };
        let address = format!("{}{}", location.pathname.get_untracked(), next.query_string());
        let replace = burst.is_some();
        match typed {
            Some(TypedFilter(typed)) => {
                typed.set(Some(next.clone()));
                if !replace {
                    unwritten_entry.set_value(true);
                }
                write_after_paint(typed, next, address.clone(), unwritten_entry, go);
            }
            None => go.run((next, replace)),
        }
        if let Some(handle) = burst {
            handle.clear();
        }
        // The burst's end: the router learns the address, unless the
        // page has gone elsewhere meanwhile.
        let ends = set_timeout_with_handle(
            move || {
                typing.set_value(None);
                if typed.is_some() && current_address().as_deref() == Some(address.as_str()) {
                    go.run((filter.get_untracked(), true));
                }
            },
            std::time::Duration::from_millis(TYPING_BURST_MS),
        );
        typing.set_value(ends.ok());
    }
}

/// The address is written after the frame that shows the rows (writing it
/// costs Chromium a few milliseconds): the latest keystroke's, as a new
/// entry if its burst's first has not made one yet; none if Back or
/// Forward came first.
fn write_after_paint(
    typed: RwSignal<Option<RowFilter>>,
    next: RowFilter,
    address: String,
    unwritten_entry: StoredValue<bool>,
    go: Go,
) {
    after_paint(move || {
        let latest = typed.try_with_untracked(|typed| typed.as_ref() == Some(&next));
        if latest != Some(true) {
            return;
        }
        let replace = !unwritten_entry.try_get_value().unwrap_or(false);
        unwritten_entry.try_set_value(false);
        if !write_address(&address, replace) {
            go.run((next, replace));
        }
    });
}
