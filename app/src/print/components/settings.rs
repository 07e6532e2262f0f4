//! The form's heading and signatories, as admins give them: a form above
//! the sheets, never printed.
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::print::api::save_print_settings;
use crate::print::model::{PrintSettings, PrintSettingsInput};
use crate::rules::Field;
use crate::rules::print::{MAX_PRINT_LINE_CHARS, MAX_SK_NUMBER_CHARS};
use crate::settings::Message;
use leptos::prelude::*;

/// One input of the form: the field it sets, how it reads and writes the
/// form's value, and whether it takes a date.
struct Input {
    field: Field,
    get: fn(&PrintSettingsInput) -> &String,
    set: fn(&mut PrintSettingsInput) -> &mut String,
    date: bool,
}

macro_rules! input {
    ($field:ident, $name:ident) => {
        input!($field, $name, false)
    };
    ($field:ident, $name:ident, $date:expr) => {
        Input { field: Field::$field, get: |s| &s.$name, set: |s| &mut s.$name, date: $date }
    };
}

/// The form's groups: (legend, inputs).
fn groups(t: &'static crate::i18n::print::PrintStrings) -> [(&'static str, Vec<Input>); 4] {
    [
        (t.decree_legend, vec![input!(SkNumber, sk_number), input!(SkDate, sk_date, true)]),
        (t.signing_legend, vec![input!(SignPlace, place), input!(SignDate, sign_date, true)]),
        (
            t.prepared_legend,
            vec![
                input!(PreparedPosition, prepared_position),
                input!(PreparedName, prepared_name),
                input!(PreparedNip, prepared_nip),
            ],
        ),
        (
            t.approved_legend,
            vec![
                input!(ApprovedPosition, approved_position),
                input!(ApprovedName, approved_name),
                input!(ApprovedNip, approved_nip),
            ],
        ),
    ]
}

#[component]
pub fn PrintSettingsPanel(
    register: i32,
    version: i32,
    stored: PrintSettings,
    reload: Callback<()>,
    message: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let values = RwSignal::new(PrintSettingsInput::from_settings(&stored));
    let saving = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saving.set(true);
        let settings = values.get_untracked();
        leptos::task::spawn_local(async move {
            let result = save_print_settings(register, version, settings).await;
            saving.set(false);
            let t = i18n.t();
            // (an alert?, what to say, read the register again?)
            let (error, text, reread) = match result {
                Ok(_) => (false, t.print.saved.to_owned(), true),
                Err(AppError::Conflict { .. }) => (true, t.print.stale.to_owned(), true),
                Err(error) => (true, crate::register::components::problem(error, t), false),
            };
            message.set(Some((error, text)));
            if reread {
                reload.run(());
            }
        });
    };
    let fieldsets = move || {
        let t = i18n.t();
        groups(t.print)
            .into_iter()
            .map(|(legend, inputs)| {
                let inputs =
                    inputs.into_iter().map(|input| field_input(input, values)).collect_view();
                view! {
                    <fieldset>
                        <legend>{legend}</legend>
                        {inputs}
                    </fieldset>
                }
            })
            .collect_view()
    };
    let open = message.with_untracked(Option::is_some);
    view! {
        <details class="print-settings" open=open>
            <summary>{move || i18n.t().print.settings_open}</summary>
            <form class="print-settings-form" on:submit=submit>
                <h2>{move || i18n.t().print.settings_title}</h2>
                <p class="admin-lead">{move || i18n.t().print.settings_hint}</p>
                <div class="print-settings-groups">{fieldsets}</div>
                <div class="print-settings-actions">
                    <button type="submit" class="button" disabled=move || saving.get()>
                        {move || if saving.get() { i18n.t().print.saving } else { i18n.t().print.save }}
                    </button>
                    <Message message testid="print-settings-message"/>
                </div>
            </form>
        </details>
    }
    .into_any()
}

fn field_input(input: Input, values: RwSignal<PrintSettingsInput>) -> impl IntoView {
    let i18n = use_i18n();
    let Input { field, get, set, date } = input;
    let id = format!("print-{}", field.column().replace('_', "-"));
    let limit = if field == Field::SkNumber { MAX_SK_NUMBER_CHARS } else { MAX_PRINT_LINE_CHARS };
    let nip = matches!(field, Field::PreparedNip | Field::ApprovedNip);
    view! {
        <label for=id.clone()>{move || i18n.t().field_name(field)}</label>
        <input
            id=id
            type=if date { "date" } else { "text" }
            maxlength=if nip { 24 } else { limit }
            inputmode=nip.then_some("numeric")
            prop:value=move || values.with(|v| get(v).clone())
            on:input=move |event| values.update(|v| *set(v) = event_target_value(&event))
        />
    }
}
