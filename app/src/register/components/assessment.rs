//! A row's identification, assessment and control tracking, as five more
//! columns of the table (shown on demand; the seven official columns stay
//! the default view and the print). Each field is edited in place with a
//! native control (select, date, text), saved when it changes, through the
//! same rules, conflict checks, history and roles as the text cells.
use super::RowLive;
use super::assessment_field::AssessmentField;
use crate::i18n::use_i18n;
use crate::register::model::{Field, Rating, SourceView};
use leptos::either::Either;
use leptos::prelude::*;

/// The sources of conflict rows can name, in their order.
#[derive(Clone, Copy)]
pub struct SourceList(pub StoredValue<Vec<SourceView>>);

/// The five assessment cells of a row.
#[component]
pub fn AssessmentCells(
    row: i32,
    live: RowLive,
    /// The row is the user's to change.
    own: bool,
    ready: ReadSignal<bool>,
) -> impl IntoView {
    let interactive = Signal::derive(move || own && ready.get());
    let field = move |field: Field| view! { <AssessmentField row field live interactive/> };
    let i18n = use_i18n();
    let rating = move |inherent: bool| {
        Signal::derive(move || {
            live.assessment.with(|a| if inherent { a.inherent.rating } else { a.residual.rating })
        })
    };
    let overdue = move || {
        live.assessment.with(|a| a.overdue).then(|| {
            view! { <span class="overdue-badge" data-testid="overdue">{move || i18n.t().overdue}</span> }
        })
    };
    view! {
        <td class="cell-assess">
            {field(Field::Source)}
            {field(Field::Nature)}
            {field(Field::Jabatan)}
        </td>
        <td class="cell-assess">{field(Field::ExistingControl)} {field(Field::ControlBasis)}</td>
        <td class="cell-assess cell-rating" data-testid="inherent">
            <LevelBadge rating=rating(true)/>
            {field(Field::InherentLikelihood)}
            {field(Field::InherentImpact)}
        </td>
        <td class="cell-assess cell-rating" data-testid="residual">
            <LevelBadge rating=rating(false)/>
            {field(Field::ResidualLikelihood)}
            {field(Field::ResidualImpact)}
        </td>
        <td class="cell-assess">
            {overdue}
            {field(Field::Owner)}
            {field(Field::TargetDate)}
            {field(Field::TargetQuarter)}
            {field(Field::RtpStatus)}
            <Realisations row live interactive/>
        </td>
    }
    .into_any()
}

/// A rating as a badge that reads without colour: its level in words and
/// its score, on the level's colour and pattern.
#[component]
pub fn LevelBadge(#[prop(into)] rating: Signal<Option<Rating>>) -> impl IntoView {
    let i18n = use_i18n();
    move || match rating.get() {
        Some(rating) => {
            let t = i18n.t();
            let class = format!("level-badge level-{}", rating.level.slug());
            let text = (t.score_label)(rating.score, t.level_name(rating.level));
            Either::Left(view! { <span class=class data-level=rating.level.slug()>{text}</span> })
        }
        None => Either::Right(view! {
            <span class="level-badge level-none">{move || i18n.t().not_rated}</span>
        }),
    }
}

/// What was done on the row's control action in each quarter, behind a
/// disclosure that says which quarters are reported and how far along.
#[component]
fn Realisations(row: i32, live: RowLive, interactive: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let summary = move || {
        let t = i18n.t();
        live.assessment.with(|a| {
            let reported: Vec<(&str, u8)> = a
                .realisation
                .iter()
                .zip(t.quarter_short)
                .filter(|(realisation, _)| !realisation.is_empty())
                .map(|(realisation, quarter)| (quarter, realisation.progress))
                .collect();
            (t.realisation_summary)(&reported)
        })
    };
    // Made when opened: a long register's table keeps its size.
    let quarters = move || {
        (1..=4u8)
            .map(|quarter| {
                let field = move |field: Field| {
                    view! { <AssessmentField row field live interactive quarter/> }
                };
                view! {
                    <fieldset class="realisation-quarter" data-quarter=quarter>
                        <legend>{move || i18n.t().quarter_names[usize::from(quarter) - 1]}</legend>
                        {field(Field::RealisationDone)}
                        {field(Field::RealisationProgress)}
                        {field(Field::RealisationEvidence)}
                    </fieldset>
                }
            })
            .collect_view()
    };
    let details = NodeRef::<leptos::html::Details>::new();
    let open = RwSignal::new(false);
    let toggled = move |_| open.set(details.get_untracked().is_some_and(|d| d.open()));
    view! {
        <details class="realisation" data-testid="realisation" node_ref=details on:toggle=toggled>
            <summary>
                <span class="realisation-title">{move || i18n.t().realisation_title}</span>
                <span class="realisation-summary">{summary}</span>
            </summary>
            {move || open.get().then(quarters)}
        </details>
    }
    .into_any()
}
