//! `/register/{unit}/{year}/cetak`: the printed official form, with the
//! settings its heading and signature block print for admins above it.
mod settings;
mod sheet;

use super::api::get_print_form;
use super::model::{PRINT_NOW, PrintForm};
use crate::auth::{CurrentUser, Permission, SignedIn};
use crate::i18n::use_i18n;
use crate::layout::{ErrorPanel, NotFoundPage, PageTitle};
use crate::register::as_of::parse_day;
use crate::register::components::AsOfGapPanel;
use crate::register::model::{AsOf, RegisterKey};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
pub use sheet::PrintDocument;

#[component]
pub fn PrintPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let key = move || {
        params.with(|params| {
            let part = |name: &str| params.get(name)?.parse::<i32>().ok();
            Some((part("unit")?, part("year")?))
        })
    };
    let query = use_query_map();
    let per = move || query.with(|query| query.get("per"));
    let revision = move || query.with(|query| query.get_str("revisi")?.parse::<i32>().ok());
    let form = Resource::new(
        move || (key(), per(), revision()),
        |(key, per, revision)| async move {
            match key {
                Some((unit, year)) => get_print_form(unit, year, per, revision).await,
                None => Ok(None),
            }
        },
    );
    let signed_in = use_context::<SignedIn>();
    let reload = Callback::new(move |()| form.refetch());
    // Outlives the reload a save makes.
    let message = RwSignal::new(None::<(bool, String)>);
    print_when_asked(move || form.get().is_some_and(|loaded| matches!(loaded, Ok(Some(Ok(_))))));
    view! {
        <PageTitle text=|t| t.print.page_title.to_owned()/>
        <Transition fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                let user = match signed_in {
                    Some(SignedIn(user)) => user.await,
                    None => None,
                };
                match form.await {
                    Ok(Some(Ok(form))) => {
                        view! { <PrintView form user reload message/> }.into_any()
                    }
                    Ok(Some(Err(gap))) => {
                        let date = per().as_deref().and_then(parse_day).unwrap_or_default();
                        view! { <AsOfGapPanel gap date/> }.into_any()
                    }
                    Ok(None) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The screen's controls (never printed), then the form as it prints.
#[component]
fn PrintView(
    form: PrintForm,
    user: Option<CurrentUser>,
    reload: Callback<()>,
    message: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().print;
    let register = &form.register;
    let back = RegisterKey::path(register.unit_id, register.year);
    let per = register.as_of.map(|as_of| as_of.date);
    let back = match register.as_of {
        Some(AsOf { revision: Some(revision), .. }) => format!("{back}?revisi={revision}"),
        Some(AsOf { date, .. }) => format!("{back}?per={date}"),
        None => back,
    };
    // The settings are today's register's: not changed from a past day.
    let manages =
        per.is_none() && user.as_ref().is_some_and(|user| user.may(Permission::ManageSettings));
    let settings = manages.then(|| {
        let (id, version) = (register.id, register.version);
        let stored = form.settings.clone();
        view! { <settings::PrintSettingsPanel register=id version stored reload message/> }
    });
    let controls = view! {
        <div class="print-controls">
            <div class="print-toolbar">
                <h1 class="print-page-title">{move || t().page_title}</h1>
                <a class="view-switch" href=back>{move || t().back}</a>
                <button type="button" class="button" on:click=move |_| print()>
                    {move || t().print}
                </button>
            </div>
            <p class="print-lead">{move || t().lead}</p>
            {settings}
        </div>
    }
    .into_any();
    view! {
        {controls}
        <PrintDocument form/>
    }
    .into_any()
}

/// Opens the browser's print dialog.
fn print() {
    #[cfg(feature = "hydrate")]
    if let Err(error) = window().print() {
        leptos::logging::warn!("print: {error:?}");
    }
}

/// `?cetak=1` in the address (Ctrl+P on the register page comes here so):
/// opens the print dialog once, when the form is on screen (`loaded`), and
/// drops the query so that a reload does not print again.
fn print_when_asked(loaded: impl Fn() -> bool + 'static) {
    let query = use_query_map();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || !query.with_untracked(|query| query.get(PRINT_NOW).is_some()) {
            return true;
        }
        if !loaded() {
            return false;
        }
        // The day shown stays in the address.
        let per = query.with_untracked(|query| {
            let revision = query.get("revisi").map(|revision| format!("revisi={revision}"));
            revision.or_else(|| query.get("per").map(|per| format!("per={per}")))
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = per;
        #[cfg(feature = "hydrate")]
        set_timeout(
            move || {
                let path = window().location().pathname().unwrap_or_default();
                let path = per.map_or_else(|| path.clone(), |per| format!("{path}?{per}"));
                if let Ok(history) = window().history() {
                    let _ = history.replace_state_with_url(
                        &wasm_bindgen::JsValue::NULL,
                        "",
                        Some(&path),
                    );
                }
                print();
            },
            std::time::Duration::from_millis(50),
        );
        true
    });
}
