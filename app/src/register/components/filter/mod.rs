//! The filter above the table: the search box, the Bagian choice, the
//! facets and the count of rows shown, all in the address.
mod bagian;
mod history;
mod search;

use super::FacetChoices;
use crate::i18n::use_i18n;
use crate::register::filter::RowFilter;
use bagian::BagianChoices;
use leptos::prelude::*;
use leptos_router::{
    NavigateOptions,
    hooks::{use_location, use_navigate},
};
use search::SearchBox;

/// The filter being typed, ahead of the router: a keystroke sets it and
/// writes the address with the History API itself (the router's navigation
/// costs ~5 ms a key on 10,000 rows); the router catches up when the burst
/// ends. `None` whenever the router's address is the truth (a navigation,
/// Back or Forward).
#[derive(Clone, Copy)]
pub struct TypedFilter(pub RwSignal<Option<RowFilter>>);

/// Goes to the register filtered by `.0`, as a new history entry or in
/// place of the current one (`.1`).
type Go = Callback<(RowFilter, bool)>;

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
    let go: Go = Callback::new(move |(next, replace): (RowFilter, bool)| {
        let path = location.pathname.get_untracked();
        let options = NavigateOptions { replace, scroll: false, ..Default::default() };
        navigate(&format!("{path}{}", next.query_string()), options);
    });
    let go_facets = Callback::new(move |next: RowFilter| go.run((next, false)));
    let search = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let text = search.get_untracked().map(|input| input.value()).unwrap_or_default();
        go.run((RowFilter { search: text, ..filter.get_untracked() }, false));
    };
    let kept = move || {
        let (assessment, per) = filter.with(|filter| (filter.assessment, filter.per));
        view! {
            {assessment.then(|| view! { <input type="hidden" name="penilaian" value="1"/> })}
            {per.map(|per| view! { <input type="hidden" name="per" value=per.to_string()/> })}
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
            <SearchBox filter go search/>
            <fieldset class="filter-bagian">
                <legend>{move || t().bagian_filter}</legend>
                <BagianChoices sections filter go/>
            </fieldset>
            <FacetChoices filter go=go_facets/>
            {kept}
            <FilterResult filter shown total/>
        </form>
    }
    .into_any()
}

/// The count of rows shown, the switch to the assessment's columns, and
/// the link that clears the filter (keeping the view: those columns, the
/// day shown).
#[component]
fn FilterResult(filter: Memo<RowFilter>, shown: Signal<usize>, total: usize) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let location = use_location();
    let typed = use_context::<TypedFilter>();
    let count = move || {
        if filter.with(RowFilter::is_active) {
            (t().filtered_rows)(shown.get(), total)
        } else {
            (t().all_rows)(total)
        }
    };
    let clear = move || {
        let view = filter.with(|filter| RowFilter {
            assessment: filter.assessment,
            per: filter.per,
            ..Default::default()
        });
        format!("{}{}", location.pathname.get(), view.query_string())
    };
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
    }
    .into_any()
}
