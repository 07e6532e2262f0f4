//! The filter's choices on assessment and control tracking: level before
//! and after control, control status, source, aktual/potensial, owner and
//! overdue. Plain form controls (the form works without JavaScript); with
//! it, each change filters at once and writes the address.
use super::SourceList;
use crate::i18n::{Strings, use_i18n};
use crate::register::filter::facets::{Facets, Kind, UNRATED, levels_value};
use crate::register::filter::{MAX_SEARCH_CHARS, RowFilter};
use crate::register::model::{Level, Nature, RtpStatus};
use leptos::prelude::*;

/// Which facet a select sets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    Inherent,
    Residual,
    Status,
    Source,
    Nature,
}

impl Choice {
    fn name(self) -> &'static str {
        match self {
            Self::Inherent => "inheren",
            Self::Residual => "residual",
            Self::Status => "rtp",
            Self::Source => "sumber",
            Self::Nature => "sifat",
        }
    }

    /// The facet's value as the select holds it.
    fn value(self, facets: &Facets) -> String {
        match self {
            Self::Inherent => levels_value(&facets.inherent),
            Self::Residual => levels_value(&facets.residual),
            Self::Status => facets.status.iter().map(|s| s.code()).collect::<Vec<_>>().join(","),
            Self::Source => facets.source.iter().map(i32::to_string).collect::<Vec<_>>().join(","),
            Self::Nature => facets.nature.map(|n| n.code().to_owned()).unwrap_or_default(),
        }
    }

    /// `facets` with the select's value `value`.
    fn apply(self, facets: &Facets, value: &str) -> Facets {
        let mut query = leptos_router::params::ParamsMap::new();
        facets.write(&mut query);
        query.remove(self.name());
        if !value.is_empty() {
            query.insert(self.name(), value.to_owned());
        }
        Facets::from_query(&query)
    }

    /// The select's options, (value, words): the address's own value too,
    /// should no option name it (several values written by hand).
    fn options(
        self,
        t: &Strings,
        sources: Option<SourceList>,
        current: &str,
    ) -> Vec<(String, String)> {
        let mut options: Vec<(String, String)> = match self {
            Self::Inherent | Self::Residual => {
                let high = ("tinggi,sangat-tinggi".to_owned(), t.high_and_above.to_owned());
                let levels = Level::ALL
                    .into_iter()
                    .rev()
                    .map(|level| (level.slug().to_owned(), t.level_name(level).to_owned()));
                let unrated = (UNRATED.to_owned(), t.not_rated.to_owned());
                std::iter::once(high).chain(levels).chain([unrated]).collect()
            }
            Self::Status => RtpStatus::ALL
                .into_iter()
                .map(|s| (s.code().to_owned(), t.rtp_status_name(s).to_owned()))
                .collect(),
            Self::Source => sources
                .map(|list| {
                    list.0.with_value(|list| {
                        list.iter().map(|s| (s.id.to_string(), s.name.clone())).collect()
                    })
                })
                .unwrap_or_default(),
            Self::Nature => Nature::ALL
                .into_iter()
                .map(|n| (n.code().to_owned(), t.nature_name(n).to_owned()))
                .collect(),
        };
        if !current.is_empty() && !options.iter().any(|(value, _)| value == current) {
            options.push((current.to_owned(), current.to_owned()));
        }
        options
    }
}

#[component]
pub fn FacetChoices(filter: Memo<RowFilter>, go: Callback<RowFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let facets = Memo::new(move |_| filter.with(|filter| filter.facets.clone()));
    let set = Callback::new(move |next: Facets| {
        go.run(RowFilter { facets: next, ..filter.get_untracked() });
    });
    let on_owner = move |event: leptos::ev::Event| {
        let owner = event_target_value(&event);
        set.run(Facets { owner, ..facets.get_untracked() });
    };
    let on_overdue = move |event: leptos::ev::Event| {
        let overdue = event_target_checked(&event);
        set.run(Facets { overdue, ..facets.get_untracked() });
    };
    view! {
        <fieldset class="filter-facets">
            <legend>{move || t().filter_assessment}</legend>
            <HeatChip facets set/>
            <div class="facet-grid">
                <FacetSelect choice=Choice::Inherent label=|t| t.level_filters[0] facets set/>
                <FacetSelect choice=Choice::Residual label=|t| t.level_filters[1] facets set/>
                <FacetSelect choice=Choice::Status label=|t| t.assessment_labels[12] facets set/>
                <FacetSelect choice=Choice::Source label=|t| t.assessment_labels[0] facets set/>
                <FacetSelect choice=Choice::Nature label=|t| t.assessment_labels[1] facets set/>
                <div class="facet">
                    <label for="facet-pj">{move || t().assessment_labels[9]}</label>
                    <input
                        id="facet-pj"
                        type="search"
                        name="pj"
                        maxlength=MAX_SEARCH_CHARS
                        autocomplete="off"
                        prop:value=move || facets.with(|facets| facets.owner.clone())
                        on:change=on_owner
                    />
                </div>
                <label class="facet-check">
                    <input
                        type="checkbox"
                        name="terlambat"
                        value="1"
                        prop:checked=move || facets.with(|facets| facets.overdue)
                        checked=facets.with_untracked(|facets| facets.overdue)
                        on:change=on_overdue
                    />
                    <span>{move || t().overdue_only}</span>
                </label>
            </div>
        </fieldset>
    }
    .into_any()
}

/// One facet's select: every value, or one.
#[component]
fn FacetSelect(
    choice: Choice,
    label: fn(&'static Strings) -> &'static str,
    facets: Memo<Facets>,
    set: Callback<Facets>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sources = use_context::<SourceList>();
    let options = move || {
        let current = facets.with(|facets| choice.value(facets));
        let options = choice.options(i18n.t(), sources, &current);
        options
            .into_iter()
            .map(|(value, words)| {
                let selected = value == current;
                view! { <option value=value selected=selected>{words}</option> }
            })
            .collect_view()
    };
    let id = format!("facet-{}", choice.name());
    let on_change = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        set.run(facets.with_untracked(|facets| choice.apply(facets, &value)));
    };
    view! {
        <div class="facet">
            <label for=id.clone()>{move || label(i18n.t())}</label>
            <select
                id=id
                name=choice.name()
                prop:value=move || facets.with(|facets| choice.value(facets))
                on:change=on_change
            >
                <option value="">{move || i18n.t().all_values}</option>
                {options}
            </select>
        </div>
    }
}

/// A heat map's cell, when the dashboard sent the user here: said, and
/// removable.
#[component]
fn HeatChip(facets: Memo<Facets>, set: Callback<Facets>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let (kind, l, i) = facets.with(|facets| facets.cell)?;
        let t = i18n.t();
        let name = t.heat_names[usize::from(kind == Kind::Residual)];
        let text = (t.heat_chip)(name, l, i);
        Some(view! {
            <p class="facet-chip" data-testid="heat-chip">
                {text}
                <button
                    type="button"
                    class="button-quiet"
                    on:click=move |_| set.run(Facets { cell: None, ..facets.get_untracked() })
                >
                    {move || i18n.t().remove_chip}
                </button>
                <input type="hidden" name="peta" value=format!("{}:{l}:{i}", kind.key())/>
            </p>
        })
    }
}
