//! Next year's register in the cycle panel: starting it from this one (for
//! admins), or the way to it once started; and over a register carried
//! forward, where it came from and the filter by the rows' origin.
use super::problem;
use crate::auth::Permission;
use crate::i18n::use_i18n;
use crate::register::cycle::carry_forward;
use crate::register::model::{Origin, RegisterKey};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// "Mulai register tahun berikutnya": a confirmation that says what carries
/// over, then the new register. Once started, a link to it for everyone.
#[component]
pub fn NextYear(register_id: i32, unit_id: i32, year: i32, started: bool) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let next = year + 1;
    if started {
        let href = RegisterKey::path(unit_id, next);
        return view! {
            <p class="cycle-next">
                <a href=href data-testid="next-year">{move || (t().cycle.open_next)(next)}</a>
            </p>
        }
        .into_any();
    }
    let user = use_context::<super::Access>().and_then(|access| access.user());
    if !user.is_some_and(|user| user.may(Permission::StartYear)) {
        return ().into_any();
    }
    let asking = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let start = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match carry_forward(register_id).await {
                Ok(path) => navigate(&path, Default::default()),
                Err(failure) => error.set(Some(problem(failure, i18n.t()))),
            }
        });
    };
    view! {
        <div class="cycle-next">
            <button
                type="button"
                class="button-secondary"
                aria-expanded=move || asking.get().to_string()
                on:click=move |_| asking.set(true)
            >
                {move || (t().cycle.start_next)(next)}
            </button>
            <Show when=move || asking.get()>
                <div class="cycle-form" data-testid="next-year-form">
                    <p>{move || (t().cycle.start_next_body)(next)}</p>
                    <p class="field-error" role="alert">{move || error.get()}</p>
                    <div class="cycle-form-buttons">
                        <button type="button" class="button-primary" on:click=start.clone()>
                            {move || t().cycle.start_confirm}
                        </button>
                        <button type="button" class="button-secondary" on:click=move |_| asking.set(false)>
                            {move || t().cycle.cancel}
                        </button>
                    </div>
                </div>
            </Show>
        </div>
    }
    .into_any()
}

/// Over a register carried forward: the register it came from, and its rows
/// by origin (carried unchanged, changed, new) as filter links.
#[component]
pub fn CarriedFrom(unit_id: i32, from: i32) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let path = RegisterKey::path(unit_id, from + 1);
    // The choice on show is marked.
    let query = leptos_router::hooks::use_query_map();
    let shown = move || query.with(|query| query.get("asal"));
    let current = move |code: Option<&str>| (shown().as_deref() == code).then_some("page");
    let choices = Origin::ALL
        .into_iter()
        .enumerate()
        .map(|(at, origin)| {
            let href = format!("{path}?asal={}", origin.code());
            let code = origin.code();
            view! {
                <li>
                    <a href=href data-origin=code aria-current=move || current(Some(code))>
                        {move || t().cycle.origin_choices[at]}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="cycle-carried" data-testid="carried-from">
            <p>
                <a href=RegisterKey::path(unit_id, from)>{move || (t().cycle.carried_from)(from)}</a>
            </p>
            <nav aria-label=move || t().cycle.origin_label>
                <ul class="origin-links">
                    {choices}
                    <li>
                        <a href=path.clone() aria-current=move || current(None)>
                            {move || t().cycle.origin_all}
                        </a>
                    </li>
                </ul>
            </nav>
        </div>
    }
}
