//! One assessment field of a row: its label, its value in words, and for
//! the row's own users a native control (select, date, text) that saves
//! when it changes, naming the value it replaces.
use super::evidence::evidence_view;
use super::{RowLive, RowStore, SourceList};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::register::edit::save_assessment;
use crate::register::labels::assessment_value;
use crate::register::model::{Field, Nature, RtpStatus, SourceView};
use crate::rules::assessment::{MAX_CONTROL_CHARS, MAX_EVIDENCE_CHARS, MAX_SHORT_TEXT_CHARS};
use leptos::either::Either;
use leptos::prelude::*;

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

/// One assessment field: its label, and its value (a control when the row
/// is the user's). A change saves at once, naming the value it replaces.
#[component]
pub(super) fn AssessmentField(
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
