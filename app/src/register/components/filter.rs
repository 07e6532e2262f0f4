use super::{FacetChoices, after_paint};
use crate::i18n::use_i18n;
use crate::register::filter::{MAX_SEARCH_CHARS, RowFilter};
use leptos::{ev::SubmitEvent, html, prelude::*};
use leptos_router::{
    NavigateOptions,
    hooks::{use_location, use_navigate},
};

/// While the user types, the address follows each keystroke in place; a
/// pause this long ends the burst, so Back returns to the search before it.
const TYPING_BURST_MS: u64 = 1_000;

/// Up to this many Bagian, their boxes are always in view; more are folded.
const FOLDED_ABOVE: usize = 12;

/// The filter being typed, ahead of the router: a keystroke sets it and
/// writes the address with the History API itself (the router's navigation
/// costs ~5 ms a key on 10,000 rows); the router catches up when the burst
/// ends. `None` whenever the router's address is the truth (a navigation,
/// Back or Forward).
#[derive(Clone, Copy)]
pub struct TypedFilter(pub RwSignal<Option<RowFilter>>);

/// The search box, the Bagian choice and the count of rows shown. A plain
/// GET form: without JavaScript it reloads the page with the filter in the
/// address, which the server renders; with it, the address follows as the
/// user types and the table filters at once.
#[component]
pub fn FilterBar(
    /// The Bagian of the register: (id, name), in printed order.
    sections: Vec<(i32, String)>,
    filter: Memo<RowFilter>,
    /// Rows shown, of `total`.
    shown: Signal<usize>,
    total: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let location = use_location();
    let navigate = use_navigate();
    let go = move |next: RowFilter, replace: bool| {
        let path = location.pathname.get_untracked();
        let options = NavigateOptions { replace, scroll: false, ..Default::default() };
        navigate(&format!("{path}{}", next.query_string()), options);
    };
    let search = NodeRef::<html::Input>::new();
    // Back and Forward change the address: the box follows it.
    Effect::new(move |_| {
        let wanted = filter.with(|filter| filter.search.clone());
        if let Some(input) = search.get()
            && input.value() != wanted
        {
            input.set_value(&wanted);
        }
    });
    let typing = StoredValue::new(None::<TimeoutHandle>);
    // A burst's first keystroke asks for a new history entry; true until an
    // address has been written for it.
    let unwritten_entry = StoredValue::new(false);
    let typed = use_context::<TypedFilter>();
    let on_input = {
        let go = go.clone();
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
                    // The address is written after the frame that shows the
                    // rows (writing it costs Chromium a few milliseconds):
                    // the latest keystroke's, as a new entry if its burst's
                    // first has not made one yet; none if Back or Forward
                    // came first.
                    let (go, address) = (go.clone(), address.clone());
                    after_paint(move || {
                        let latest =
                            typed.try_with_untracked(|typed| typed.as_ref() == Some(&next));
                        if latest != Some(true) {
                            return;
                        }
                        let replace = !unwritten_entry.try_get_value().unwrap_or(false);
                        unwritten_entry.try_set_value(false);
                        if !write_address(&address, replace) {
                            go(next, replace);
                        }
                    });
                }
                None => go(next, replace),
            }
            if let Some(handle) = burst {
                handle.clear();
            }
            // The burst's end: the router learns the address, unless the
            // page has gone elsewhere meanwhile.
            let go = go.clone();
            let ends = set_timeout_with_handle(
                move || {
                    typing.set_value(None);
                    if typed.is_some() && current_address().as_deref() == Some(address.as_str()) {
                        go(filter.get_untracked(), true);
                    }
                },
                std::time::Duration::from_millis(TYPING_BURST_MS),
            );
            typing.set_value(ends.ok());
        }
    };
    on_cleanup(move || {
        if let Some(Some(handle)) = typing.try_get_value() {
            handle.clear();
        }
    });
    let on_submit = {
        let go = go.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            let text = search.get_untracked().map(|input| input.value()).unwrap_or_default();
            go(RowFilter { search: text, ..filter.get_untracked() }, false);
        }
    };
    // The Bagian chosen, apart from the search: typing wakes no checkbox.
    let chosen = Memo::new(move |_| filter.with(|filter| filter.bagian.clone()));
    let bagian_count = sections.len();
    // Each box has its own signal, set by one effect when the choice
    // changes: a keystroke then checks one memo, not hundreds of boxes.
    let ids: Vec<i32> = sections.iter().map(|(id, _)| *id).collect();
    let checks: Vec<RwSignal<bool>> = chosen
        .with_untracked(|chosen| ids.iter().map(|id| RwSignal::new(chosen.contains(id))).collect());
    let boxes = checks.clone();
    Effect::new(move |_| {
        chosen.with(|chosen| {
            for (id, check) in ids.iter().zip(&boxes) {
                let on = chosen.contains(id);
                if check.get_untracked() != on {
                    check.set(on);
                }
            }
        })
    });
    let choices = sections
        .into_iter()
        .zip(checks)
        .map(|((id, name), check)| {
            let go = go.clone();
            let checked = move || check.get();
            let on_change = move |_| {
                let mut next = filter.get_untracked();
                if next.bagian.contains(&id) {
                    next.bagian.retain(|chosen| *chosen != id);
                } else {
                    next.bagian.push(id);
                    next.bagian.sort_unstable();
                }
                go(next, false);
            };
            view! {
                <label class="bagian-choice">
                    <input
                        type="checkbox"
                        name="bagian"
                        value=id
                        checked=checked
                        prop:checked=checked
                        on:change=on_change
                    />
                    <span>{name}</span>
                </label>
            }
        })
        .collect_view();
    let choices = if bagian_count > FOLDED_ABOVE {
        // Many Bagian: folded away until asked for (open while some are
        // chosen), and then they scroll within a few lines.
        let summary = move || chosen.with(|chosen| (t().bagian_chosen)(chosen.len(), bagian_count));
        let open = chosen.with_untracked(|chosen| !chosen.is_empty());
        view! {
            <details class="bagian-fold" open=open>
                <summary>{summary}</summary>
                <div class="bagian-choices">{choices}</div>
            </details>
        }
        .into_any()
    } else {
        view! { <div class="bagian-choices">{choices}</div> }.into_any()
    };
    let count = move || {
        if filter.with(RowFilter::is_active) {
            (t().filtered_rows)(shown.get(), total)
        } else {
            (t().all_rows)(total)
        }
    };
    let clear = move || {
        // Clearing keeps the view (the assessment columns, the day shown).
        let view = filter.with(|filter| RowFilter {
            assessment: filter.assessment,
            per: filter.per,
            ..Default::default()
        });
        format!("{}{}", location.pathname.get(), view.query_string())
    };
    let go_facets = Callback::new({
        let go = go.clone();
        move |next: RowFilter| go(next, false)
    });
    let view_switch = move || {
        let shown = filter.with(|filter| filter.assessment);
        let next = RowFilter { assessment: !shown, ..filter.get() };
        let href = format!("{}{}", location.pathname.get(), next.query_string());
        let href = if href.contains('?') { href } else { format!("{href}?") };
        let text = if shown { t().hide_assessment } else { t().show_assessment };
        view! {
            <a class="view-switch" href=href rel="external" data-testid="assessment-switch">
                {text}
            </a>
        }
    };
    view! {
        <form
            class="register-filter"
            method="get"
            role="search"
            aria-labelledby="filter-title"
            on:submit=on_submit
        >
            <h2 id="filter-title" class="visually-hidden">{move || t().filter_title}</h2>
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
            <fieldset class="filter-bagian">
                <legend>{move || t().bagian_filter}</legend>
                {choices}
            </fieldset>
            <FacetChoices filter go=go_facets/>
            {move || {
                filter
                    .with(|filter| filter.assessment)
                    .then(|| view! { <input type="hidden" name="penilaian" value="1"/> })
            }}
            {move || {
                filter
                    .with(|filter| filter.per)
                    .map(|per| view! { <input type="hidden" name="per" value=per.to_string()/> })
            }}
            <div class="filter-result">
                <p role="status" aria-live="polite" data-testid="filter-count">{count}</p>
                {view_switch}
                <Show when=move || filter.with(RowFilter::is_active)>
                    <a
                        href=clear
                        class="filter-clear"
                        on:click=move |_| {
                            if let Some(TypedFilter(typed)) = typed {
                                typed.set(None);
                            }
                        }
                    >
                        {move || t().clear_filter}
                    </a>
                </Show>
            </div>
        </form>
    }
    .into_any()
}

/// Writes `address` into the browser's history (a new entry, or in place);
/// false if it could not (then the router navigates instead).
fn write_address(address: &str, replace: bool) -> bool {
    #[cfg(feature = "hydrate")]
    {
        let Some(history) = web_sys::window().and_then(|window| window.history().ok()) else {
            return false;
        };
        let state = wasm_bindgen::JsValue::NULL;
        let written = if replace {
            history.replace_state_with_url(&state, "", Some(address))
        } else {
            history.push_state_with_url(&state, "", Some(address))
        };
        written.is_ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (address, replace);
        false
    }
}

/// The browser's address (path and query), if there is a browser.
fn current_address() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let location = web_sys::window()?.location();
        Some(format!("{}{}", location.pathname().ok()?, location.search().ok()?))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}
