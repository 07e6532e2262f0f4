//! The register's page: the table of one register (today's, or as of a
//! day) with the features that serve it, its documents and the import.
use super::downloads::Downloads;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::import::components::WorkbookImport;
use crate::layout::{ErrorPanel, NotFoundPage, PageTitle};
use crate::register::api::get_register;
use crate::register::as_of::{AsOfView, api::get_register_as_of, parse_day};
use crate::register::components::{AsOfGapPanel, RegisterTable, RowEditing, RowNotice};
use crate::register::cycle::get_register_revision;
use crate::register::model::RegisterKey;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/` (the default register) and `/register/{unit}/{year}`: a register as
/// the official table; with `?per=2026-09-30`, as it stood at the end of
/// that day (read-only).
#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    // `None`: the address names a register in a form that cannot exist.
    let key = move || {
        params.with(|params| {
            let part = |name: &str| params.get(name).map(|value| value.parse::<i32>().ok());
            match (part("unit"), part("year")) {
                (None, None) => Some(RegisterKey::default()),
                (Some(Some(unit)), Some(Some(year))) => Some(RegisterKey::of(unit, year)),
                _ => None,
            }
        })
    };
    let query = use_query_map();
    let per = move || query.with(|query| query.get("per"));
    // `?revisi=1`: an approved revision as it was set.
    let revision = move || query.with(|query| query.get_str("revisi").map(str::parse::<i32>));
    let signed_in = use_context::<SignedIn>();
    // Today's register is shown as the view of now.
    let register = Resource::new(
        move || (key(), per(), revision()),
        |(key, per, revision)| async move {
            let Some(key) = key else { return Err(AppError::NotFound) };
            match (per, revision, key.unit_id.zip(key.year)) {
                (_, Some(Ok(revision)), Some((unit, year))) => {
                    get_register_revision(unit, year, revision)
                        .await
                        .map(|r| r.map(AsOfView::Shown))
                }
                (_, Some(_), _) => Err(AppError::NotFound),
                (Some(per), None, _) => get_register_as_of(key.unit_id, key.year, per).await,
                (None, None, _) => {
                    get_register(key.unit_id, key.year).await.map(|r| r.map(AsOfView::Shown))
                }
            }
        },
    );
    let reloading = StoredValue::new(false);
    // Row operations outlive a reload of the register (their notice and undo).
    provide_context(RowEditing {
        adding_after: RwSignal::new(None),
        deleted: RwSignal::new(None),
        notice: RwSignal::new(None),
        history: RwSignal::new(None),
        notes: RwSignal::new(None),
        reload: Callback::new(move |()| {
            reloading.set_value(true);
            register.refetch();
        }),
        reloading,
    });
    view! {
        <PageTitle text=|t| t.table_title.to_owned()/>
        <RowNotice/>
        // A reload keeps the table on screen until the new one is ready.
        <Transition fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                let addressed = key().is_some_and(|key| key.unit_id.is_some());
                let user = match signed_in {
                    Some(SignedIn(user)) => user.await,
                    None => None,
                };
                let loaded = register.await;
                reloading.set_value(false);
                match loaded.map(|view| view.map(AsOfView::into_register)) {
                    Ok(Some(Ok(register))) => with_documents(register, user),
                    Ok(Some(Err(gap))) => {
                        let date = per().as_deref().and_then(parse_day).unwrap_or_default();
                        view! { <AsOfGapPanel gap date/> }.into_any()
                    }
                    Ok(None) if !addressed => view! { <EmptyRegister/> }.into_any(),
                    Ok(None) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The register's table with its documents under the heading and, for
/// those who may change rows, the workbook import.
fn with_documents(
    register: crate::register::model::RegisterView,
    user: Option<crate::auth::CurrentUser>,
) -> AnyView {
    let (unit_id, year, register_id) = (register.unit_id, register.year, register.id);
    let per = register.as_of.map(|as_of| as_of.date);
    let revision = register.as_of.and_then(|as_of| as_of.revision);
    let documents = ViewFn::from(move || view! { <Downloads unit_id year per revision/> });
    let import = ViewFn::from(move || view! { <WorkbookImport register_id/> });
    view! { <RegisterTable register user documents import/> }.into_any()
}

#[component]
fn EmptyRegister() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="status-panel">
            <h1>{move || i18n.t().empty_title}</h1>
            <p>{move || i18n.t().empty_body}</p>
        </section>
    }
}
