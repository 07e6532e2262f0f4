use super::{RegisterTable, RowEditing, RowNotice};
use crate::auth::SignedIn;
use crate::i18n::use_i18n;
use crate::layout::{ErrorPanel, NotFoundPage, PageTitle};
use crate::register::api::get_register;
use crate::register::model::RegisterKey;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/` (the default register) and `/register/{unit}/{year}`: a register as
/// the official table.
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
    let signed_in = use_context::<SignedIn>();
    let register = Resource::new(key, |key| async move {
        match key {
            Some(key) => get_register(key.unit_id, key.year).await.map(Some),
            None => Ok(None),
        }
    });
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
                match loaded {
                    Ok(Some(Some(register))) => {
                        view! { <RegisterTable register user/> }.into_any()
                    }
                    Ok(Some(None)) if !addressed => view! { <EmptyRegister/> }.into_any(),
                    Ok(_) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Transition>
    }
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
