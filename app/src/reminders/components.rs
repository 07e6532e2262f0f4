//! `/jatuh-tempo`: the signed-in user's control actions falling due; and
//! its link in the header with their count, following every register's
//! changes live.
#[cfg(feature = "hydrate")]
use super::api::due_count;
use super::api::get_due_list;
use super::model::{DueItem, DueList};
use crate::i18n::use_i18n;
use crate::layout::{ErrorPanel, PageTitle};
use leptos::prelude::*;

/// The header's link to the list, with the count of actions falling due.
/// The count is the browser's: read once hydrated and again on every change
/// of any register (the server's page says nothing it would have to match).
#[component]
pub fn DueLink() -> impl IntoView {
    let i18n = use_i18n();
    let location = leptos_router::hooks::use_location();
    let current =
        move || location.pathname.with(|path| path.starts_with("/jatuh-tempo")).then_some("page");
    let count = RwSignal::new(None::<u32>);
    #[cfg(feature = "hydrate")]
    {
        let read = move || {
            leptos::task::spawn_local(async move {
                if let Ok(n) = due_count().await {
                    count.try_set(Some(n));
                }
            });
        };
        Effect::new(move |_| read());
        let known = StoredValue::new(0);
        crate::register::components::listen(0, known, None, read);
    }
    let badge = move || {
        let count = count.get().filter(|count| *count > 0)?;
        Some(view! {
            <span class="due-badge" data-testid="due-badge">
                <span aria-hidden="true">{count}</span>
                <span class="visually-hidden">{move || (i18n.t().reminders.badge_label)(count)}</span>
            </span>
        })
    };
    view! {
        <a class="header-link" href="/jatuh-tempo" aria-current=current data-testid="due-link">
            {move || i18n.t().reminders.nav}
            {badge}
        </a>
    }
}

/// The list, soonest first.
#[component]
pub fn DuePage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |()| get_due_list());
    view! {
        <PageTitle text=|t| t.reminders.page_title.to_owned()/>
        <Transition fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <DueView list/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn DueView(list: DueList) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let mail = match (&list.email, list.mail_configured) {
        (_, false) => t().reminders.mail_off.to_owned(),
        (Some(address), true) => (t().reminders.email_on)(address),
        (None, true) => t().reminders.email_none.to_owned(),
    };
    let table = if list.items.is_empty() {
        view! { <p class="due-empty" data-testid="due-empty">{move || t().reminders.empty}</p> }
            .into_any()
    } else {
        let rows = list.items.into_iter().map(|item| view! { <DueRow item/> }).collect_view();
        let heads = move || {
            t().reminders
                .columns
                .iter()
                .map(|head| view! { <th scope="col">{*head}</th> })
                .collect_view()
        };
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="due-title">
                <table class="data-table due-table" data-testid="due-table">
                    <thead><tr>{heads}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="due-page" aria-labelledby="due-title">
            <h1 id="due-title">{move || t().reminders.page_title}</h1>
            <p class="due-lead">{move || t().reminders.lead}</p>
            <p class="due-mail" data-testid="due-mail">{mail}</p>
            {table}
        </section>
    }
}

#[component]
fn DueRow(item: DueItem) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let link = item.link();
    let (due, days, overdue) = (item.due, item.days_left, item.overdue());
    view! {
        <tr class:is-overdue=overdue data-testid="due-row">
            <th scope="row"><a href=link>{item.code}</a></th>
            <td>{item.bagian}</td>
            <td>{item.aktivitas}</td>
            <td>{item.owner}</td>
            <td>{move || t().print.long_date(due)}</td>
            <td class="due-left">{move || (t().reminders.days_left)(days)}</td>
        </tr>
    }
}
