//! A row's identification, assessment and control tracking, as five more
//! columns of the table (shown on demand; the seven official columns stay
//! the default view and the print). Each field is edited in place with a
//! native control (select, date, text), saved when it changes, through the
//! same rules, conflict checks, history and roles as the text cells.
use super::{RowLive, RowStore};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::register::edit::save_assessment;
use crate::register::model::{Field, Nature, Rating, RtpStatus, SourceView};
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

/// The choices of a select field: (value, words), after "not set".
fn choices(field: Field, sources: &[SourceView], current: &str) -> Vec<(String, String)> {
    let t = use_i18n().t();
    let numbered = |names: &[&str]| -> Vec<(String, String)> {
        names
            .iter()
            .enumerate()
            .map(|(at, name)| ((at + 1).to_string(), format!("{} – {name}", at + 1)))
            .collect()
    };
    match field {
        Field::InherentLikelihood | Field::ResidualLikelihood => numbered(&t.likelihood_names),
        Field::InherentImpact | Field::ResidualImpact => numbered(&t.impact_names),
        Field::TargetQuarter => t
            .quarter_names
            .iter()
            .enumerate()
            .map(|(at, name)| ((at + 1).to_string(), (*name).to_owned()))
            .collect(),
        Field::Nature => Nature::ALL
            .into_iter()
            .map(|nature| (nature.code().to_owned(), t.nature_name(nature).to_owned()))
            .collect(),
        Field::RtpStatus => RtpStatus::ALL
            .into_iter()
            .map(|status| (status.code().to_owned(), t.rtp_status_name(status).to_owned()))
            .collect(),
        // Active sources, and a retired one still named by this row.
        Field::Source => sources
            .iter()
            .filter(|source| source.active || source.id.to_string() == current)
            .map(|source| (source.id.to_string(), source.name.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

/// How a field is edited.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Control {
    Select,
    Date,
    Line,
    Paragraph,
}

fn control(field: Field) -> Control {
    match field {
        Field::TargetDate => Control::Date,
        Field::Jabatan | Field::Owner | Field::ControlBasis => Control::Line,
        Field::ExistingControl => Control::Paragraph,
        _ => Control::Select,
    }
}

/// One assessment field: its label, and its value (a control when the row
/// is the user's). A change saves at once, naming the value it replaces.
#[component]
fn AssessmentField(
    row: i32,
    field: Field,
    live: RowLive,
    interactive: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_context::<RowStore>();
    let sources = use_context::<SourceList>();
    let stored = Memo::new(move |_| live.assessment.with(|a| a.value(field)));
    let message = RwSignal::new(None::<String>);
    // Bumped to put a refused value back in its control.
    let reset = RwSignal::new(0u32);
    let id = format!("as-{row}-{}", field.column());
    let word = move |raw: &str| {
        let t = i18n.t();
        match sources {
            Some(list) => list.0.with_value(|list| t.assessment_value(field, raw, list)),
            None => t.assessment_value(field, raw, &[]),
        }
    };
    let save = move |value: String| {
        let expected = stored.get_untracked();
        if value.trim() == expected {
            return;
        }
        message.set(Some(i18n.t().saving.to_owned()));
        leptos::task::spawn_local(async move {
            let t = i18n.t();
            match save_assessment(row, field, expected, value).await {
                Ok(saved) => {
                    if let Some(store) = store {
                        store.saved_assessment(row, saved.version, &saved.assessment);
                    }
                    live.assessment.set(saved.assessment);
                    live.version.set(saved.version);
                    message.set(None);
                }
                Err(error) => {
                    let text = match error {
                        AppError::CellConflict { theirs, .. } => {
                            (t.assessment_conflict)(t.field_name(field), &word(&theirs))
                        }
                        AppError::Validation(errors) => {
                            errors.iter().map(|e| t.field_error(*e)).collect::<Vec<_>>().join(" ")
                        }
                        _ => t.save_failed.to_owned(),
                    };
                    message.set(Some(text));
                    reset.update(|n| *n += 1);
                }
            }
        });
    };
    let value = move || {
        reset.track();
        stored.get()
    };
    let label = move || {
        i18n.t().assessment_labels[Field::ASSESSMENT.iter().position(|f| *f == field).unwrap_or(0)]
    };
    let id_for = id.clone();
    let body = move || {
        if !interactive.get() {
            let shown = move || word(&stored.get());
            return Either::Left(view! {
                <span class="assess-label">{label}</span>
                <span class="assess-value" class:is-empty=move || stored.with(String::is_empty)>{shown}</span>
            });
        }
        let id = id_for.clone();
        let on_change = move |event: leptos::ev::Event| save(event_target_value(&event));
        let input = match control(field) {
            Control::Select => {
                let options = move || {
                    let current = stored.get();
                    let list = sources.map(|s| s.0.get_value()).unwrap_or_default();
                    choices(field, &list, &current)
                        .into_iter()
                        .map(|(value, words)| {
                            let selected = value == current;
                            view! { <option value=value selected=selected>{words}</option> }
                        })
                        .collect_view()
                };
                view! {
                    <select id=id class="assess-input" prop:value=value on:change=on_change>
                        <option value="">{move || format!("({})", i18n.t().not_set)}</option>
                        {options}
                    </select>
                }
                .into_any()
            }
            Control::Date => view! {
                <input id=id class="assess-input" type="date" prop:value=value on:change=on_change/>
            }
            .into_any(),
            Control::Line => view! {
                <input id=id class="assess-input" type="text" maxlength="200" prop:value=value on:change=on_change/>
            }
            .into_any(),
            Control::Paragraph => view! {
                <textarea id=id class="assess-input" rows="2" prop:value=value on:change=on_change></textarea>
            }
            .into_any(),
        };
        Either::Right(view! {
            <label class="assess-label" for=id_for.clone()>{label}</label>
            {input}
        })
    };
    view! {
        <div class="assess-field" data-field=field.column()>
            {body}
            {move || message.get().map(|text| view! { <p class="cell-status" role="status">{text}</p> })}
        </div>
    }
    .into_any()
}
