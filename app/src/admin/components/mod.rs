//! `/admin`: users, their roles and Bagian, and the audit log, for admins.
mod accounts;
mod audit;
mod fields;

use super::api::{admin_accounts, audit_log};
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::layout::{ErrorPanel, PageTitle};
use accounts::{AccountList, AddAccount};
use audit::AuditLog;
use leptos::prelude::*;

#[component]
pub fn AdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let accounts = Resource::new(|| (), |()| admin_accounts());
    let log = Resource::new(|| (), |()| audit_log(None));
    // A password just made, shown once: (user, password).
    let shown = RwSignal::new(None::<(String, String)>);
    let message = RwSignal::new(None::<(bool, String)>);
    let reload = Callback::new(move |()| {
        accounts.refetch();
        log.refetch();
    });
    view! {
        <PageTitle text=|t| t.admin.title.to_owned()/>
        <Transition fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match accounts.await {
                    Ok(accounts) => {
                        view! {
                            <section class="admin" aria-labelledby="admin-title">
                                <h1 id="admin-title">{move || i18n.t().admin.title}</h1>
                                <p class="admin-lead">{move || i18n.t().admin.lead}</p>
                                <MailNote host=accounts.mail_host.clone()/>
                                <Notice shown message/>
                                <AddAccount bagian=accounts.bagian.clone() shown message reload/>
                                <AccountList accounts shown message reload/>
                                <crate::settings::MatrixEditor/>
                                <crate::settings::SourcesEditor/>
                            </section>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Transition>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                log.await.ok().map(|entries| view! { <AuditLog entries/> })
            })}
        </Transition>
    }
    .into_any()
}

/// The outcome of the last action: a new password (shown once), or a
/// message.
#[component]
fn Notice(
    shown: RwSignal<Option<(String, String)>>,
    message: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || {
            shown
                .get()
                .map(|(user, password)| {
                    view! {
                        <div class="admin-password" role="status" data-testid="new-password">
                            <p>{move || (i18n.t().admin.password_once)(&user)}</p>
                            <p>
                                <code>{password}</code>
                            </p>
                        </div>
                    }
                })
        }}
        {move || {
            message
                .get()
                .map(|(error, text)| {
                    if error {
                        view! { <p class="admin-message admin-error" role="alert">{text}</p> }
                            .into_any()
                    } else {
                        view! { <p class="admin-message" role="status">{text}</p> }.into_any()
                    }
                })
        }}
    }
    .into_any()
}

/// What a refused account change says.
fn refusal(error: AppError, t: &'static crate::i18n::Strings) -> String {
    match error {
        AppError::Account(problem) => t.admin.account_problem(problem),
        AppError::Forbidden => t.forbidden_body.to_owned(),
        _ => t.save_failed.to_owned(),
    }
}

/// Whether the daily reminder e-mails go out, and through which server.
#[component]
fn MailNote(host: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let configured = host.is_some();
    let text = move || match &host {
        Some(host) => (i18n.t().reminders.admin_mail_on)(host),
        None => i18n.t().reminders.mail_off.to_owned(),
    };
    view! {
        <p class="admin-mail" class:is-off=!configured data-testid="mail-note">{text}</p>
    }
}
