use super::RegisterTable;
use crate::i18n::use_i18n;
use crate::layout::{ErrorPanel, PageTitle};
use crate::register::api::get_register;
use leptos::prelude::*;

/// `/`: the current register as the official table.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let register = Resource::new(|| (), |_| get_register(None));
    view! {
        <PageTitle text=|t| t.table_title.to_owned()/>
        <Suspense fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match register.await {
                    Ok(Some(register)) => view! { <RegisterTable register/> }.into_any(),
                    Ok(None) => view! { <EmptyRegister/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Suspense>
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
