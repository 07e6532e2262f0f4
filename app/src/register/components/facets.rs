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
}

#[component]
pub fn FacetChoices(filter: Memo<RowFilter>, go: Callback<RowFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let sources = use_context::<SourceList>();
    let facets = Memo::new(move |_| filter.with(|filter| filter.facets.clone()));
    let set = move |next: Facets| go.run(RowFilter { facets: next, ..filter.get_untracked() });
    let select = move |choice: Choice, label: fn(&'static Strings) -> &'static str| {
        let options = move || {
            let t = i18n.t();
            let current = facets.with(|facets| choice.value(facets));
            let mut options: Vec<(String, String)> = match choice {
                Choice::Inherent | Choice::Residual => {
                    let mut levels: Vec<(String, String)> = Level::ALL
                        .into_iter()
                        .rev()
                        .map(|level| (level.slug().to_owned(), t.level_name(level).to_owned()))
                        .collect();
                    levels.insert(
                        0,
                        ("tinggi,sangat-tinggi".to_owned(), t.high_and_above.to_owned()),
                    );
                    levels.push((UNRATED.to_owned(), t.not_rated.to_owned()));
                    levels
                }
                Choice::Status => RtpStatus::ALL
                    .into_iter()
                    .map(|s| (s.code().to_owned(), t.rtp_status_name(s).to_owned()))
                    .collect(),
                Choice::Source => sources
                    .map(|list| {
                        list.0.with_value(|list| {
                            list.iter().map(|s| (s.id.to_string(), s.name.clone())).collect()
                        })
                    })
                    .unwrap_or_default(),
                Choice::Nature => Nature::ALL
                    .into_iter()
                    .map(|n| (n.code().to_owned(), t.nature_name(n).to_owned()))
                    .collect(),
            };
            // A choice the address holds that no option names (several
            // values written by hand) stays shown as it is.
            if !current.is_empty() && !options.iter().any(|(value, _)| *value == current) {
                options.push((current.clone(), current.clone()));
            }
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
            set(facets.with_untracked(|facets| choice.apply(facets, &value)));
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
    };
    let on_owner = move |event: leptos::ev::Event| {
        let owner = event_target_value(&event);
        set(Facets { owner, ..facets.get_untracked() });
    };
    let on_overdue = move |event: leptos::ev::Event| {
        let overdue = event_target_checked(&event);
        set(Facets { overdue, ..facets.get_untracked() });
    };
    // A heat map's cell, when the dashboard sent the user here: said, and
    // removable.
    let cell = move || {
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
                    on:click=move |_| set(Facets { cell: None, ..facets.get_untracked() })
                >
                    {move || i18n.t().remove_chip}
                </button>
                <input type="hidden" name="peta" value=format!("{}:{l}:{i}", kind.key())/>
            </p>
        })
    };
    view! {
        <fieldset class="filter-facets">
            <legend>{move || t().filter_assessment}</legend>
            {cell}
            <div class="facet-grid">
                {select(Choice::Inherent, |t| t.level_filters[0])}
                {select(Choice::Residual, |t| t.level_filters[1])}
                {select(Choice::Status, |t| t.assessment_labels[12])}
                {select(Choice::Source, |t| t.assessment_labels[0])}
                {select(Choice::Nature, |t| t.assessment_labels[1])}
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
