//! A row's identification, assessment and control tracking, as five more
//! columns of the table (shown on demand; the seven official columns stay
//! the default view and the print). Each field is edited in place with a
//! native control (select, date, text), saved when it changes, through the
//! same rules, conflict checks, history and roles as the text cells.
use super::evidence::evidence_view;
use super::{RowLive, RowStore};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::register::edit::save_assessment;
use crate::register::labels::assessment_value;
use crate::register::model::{Field, Nature, Rating, RtpStatus, SourceView};
use crate::rules::assessment::{MAX_CONTROL_CHARS, MAX_EVIDENCE_CHARS, MAX_SHORT_TEXT_CHARS};
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
    Percent,
    /// A line of at most this many characters.
    Line(usize),
    Paragraph,
}

fn control(field: Field) -> Control {
    match field {
        Field::TargetDate => Control::Date,
        Field::RealisationProgress => Control::Percent,
        Field::Jabatan | Field::Owner => Control::Line(MAX_SHORT_TEXT_CHARS),
        Field::ControlBasis => Control::Line(MAX_CONTROL_CHARS),
        Field::RealisationEvidence => Control::Line(MAX_EVIDENCE_CHARS),
        Field::ExistingControl | Field::RealisationDone => Control::Paragraph,
        _ => Control::Select,
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

/// One assessment field: its label, and its value (a control when the row
/// is the user's). A change saves at once, naming the value it replaces.
#[component]
fn AssessmentField(
    row: i32,
    field: Field,
    live: RowLive,
    interactive: Signal<bool>,
    /// A realisation field's quarter.
    #[prop(optional, into)]
    quarter: Option<u8>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sources = use_context::<SourceList>();
    let stored = Memo::new(move |_| live.assessment.with(|a| a.value_at(field, quarter)));
    let message = RwSignal::new(None::<String>);
    // Bumped to put a refused value back in its control.
    let reset = RwSignal::new(0u32);
    let id = match quarter {
        Some(quarter) => format!("as-{row}-{}-{quarter}", field.column()),
        None => format!("as-{row}-{}", field.column()),
    };
    let save = saver(FieldAt { row, field, quarter }, live, stored, (message, reset));
    let label = move || {
        let t = i18n.t();
        match Field::REALISATION.iter().position(|f| *f == field) {
            Some(at) => t.realisation_labels[at],
            None => {
                t.assessment_labels[Field::ASSESSMENT.iter().position(|f| *f == field).unwrap_or(0)]
            }
        }
    };
    let link = move || (field == Field::RealisationEvidence).then(|| evidence_view(stored.get()));
    let body = move || {
        if !interactive.get() {
            let shown = move || value_word(i18n.t(), field, &stored.get(), sources);
            return Either::Left(view! {
                <span class="assess-label">{label}</span>
                <span class="assess-value" class:is-empty=move || stored.with(String::is_empty)>{shown}</span>
            });
        }
        let value = Signal::derive(move || {
            reset.track();
            stored.get()
        });
        let on_change = move |event: leptos::ev::Event| save(event_target_value(&event));
        Either::Right(view! {
            <label class="assess-label" for=id.clone()>{label}</label>
            {field_input(field, id.clone(), value, on_change, sources)}
        })
    };
    view! {
        <div class="assess-field" data-field=field.column()>
            {body}
            {link}
            {move || message.get().map(|text| view! { <p class="cell-status" role="status">{text}</p> })}
        </div>
    }
    .into_any()
}

/// Which assessment field of which row (and quarter, for a realisation).
#[derive(Clone, Copy)]
struct FieldAt {
    row: i32,
    field: Field,
    quarter: Option<u8>,
}

/// A stored value in words (a source by its name, a level by its label).
fn value_word(
    t: &'static crate::i18n::Strings,
    field: Field,
    raw: &str,
    sources: Option<SourceList>,
) -> String {
    match sources {
        Some(list) => list.0.with_value(|list| assessment_value(t, field, raw, list)),
        None => assessment_value(t, field, raw, &[]),
    }
}

/// Saves a field's new value, naming the one it replaces; says what was
/// refused in `message` and bumps `reset` to put the stored value back.
fn saver(
    at: FieldAt,
    live: RowLive,
    stored: Memo<String>,
    (message, reset): (RwSignal<Option<String>>, RwSignal<u32>),
) -> impl Fn(String) + Copy + 'static {
    let i18n = use_i18n();
    let store = use_context::<RowStore>();
    let sources = use_context::<SourceList>();
    let FieldAt { row, field, quarter } = at;
    move |value: String| {
        let expected = stored.get_untracked();
        if value.trim() == expected {
            return;
        }
        message.set(Some(i18n.t().saving.to_owned()));
        leptos::task::spawn_local(async move {
            let t = i18n.t();
            match save_assessment(row, field, quarter.map(i32::from), expected, value).await {
                Ok(saved) => {
                    // The row's signals first: the store then finds them as
                    // its state says, and wakes no view again.
                    live.assessment.set(saved.assessment.clone());
                    live.version.set(saved.version);
                    if let Some(store) = store {
                        store.saved_assessment(row, saved.version, &saved.assessment);
                    }
                    message.set(None);
                }
                Err(error) => {
                    let text = match error {
                        AppError::CellConflict { theirs, .. } => {
                            let theirs = value_word(t, field, &theirs, sources);
                            (t.assessment_conflict)(t.field_name(field), &theirs)
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
    }
}

/// The control a field is edited with, showing `value`.
fn field_input(
    field: Field,
    id: String,
    value: Signal<String>,
    on_change: impl Fn(leptos::ev::Event) + Clone + 'static,
    sources: Option<SourceList>,
) -> AnyView {
    let i18n = use_i18n();
    match control(field) {
        Control::Select => {
            let options = move || {
                let current = value.get();
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
        Control::Percent => view! {
            <input
                id=id
                class="assess-input assess-percent"
                type="number"
                min="0"
                max="100"
                step="1"
                inputmode="numeric"
                prop:value=value
                on:change=on_change
            />
        }
        .into_any(),
        Control::Line(limit) => view! {
            <input id=id class="assess-input" type="text" maxlength=limit prop:value=value on:change=on_change/>
        }
        .into_any(),
        Control::Paragraph => view! {
            <textarea id=id class="assess-input" rows="2" prop:value=value on:change=on_change></textarea>
        }
        .into_any(),
    }
}
