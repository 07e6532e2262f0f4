//! `/admin`: users, their roles and Bagian, and the audit log, for admins.
use super::api::{
    admin_accounts, admin_add_account, admin_reset_password, admin_update_account, audit_log,
};
use super::model::{Account, Accounts, AuditEntry};
use crate::auth::Role;
use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::layout::{ErrorPanel, PageTitle};
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

/// The role choices, named in the UI language.
#[component]
fn RoleSelect(id: String, role: RwSignal<Role>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select
            id=id
            on:change=move |event| {
                if let Some(chosen) = Role::parse(&event_target_value(&event)) {
                    role.set(chosen);
                }
            }
        >
            {Role::ALL
                .into_iter()
                .map(|option| {
                    view! {
                        <option value=option.code() selected=move || role.get() == option>
                            {move || option.label(i18n.t())}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
    .into_any()
}

/// The Bagian an editor edits: a box each.
#[component]
fn BagianChoice(
    bagian: Vec<(i32, String)>,
    chosen: RwSignal<Vec<i32>>,
    /// Names the group (a user, or the new one).
    prefix: String,
) -> impl IntoView {
    view! {
        <span class="admin-bagian">
            {bagian
                .into_iter()
                .map(|(id, name)| {
                    let input = format!("{prefix}-bagian-{id}");
                    let label_for = input.clone();
                    view! {
                        <label for=label_for>
                            <input
                                type="checkbox"
                                id=input
                                prop:checked=move || chosen.with(|c| c.contains(&id))
                                on:change=move |event| {
                                    let on = event_target_checked(&event);
                                    chosen
                                        .update(|c| {
                                            c.retain(|b| *b != id);
                                            if on {
                                                c.push(id);
                                            }
                                        });
                                }
                            />
                            {name}
                        </label>
                    }
                })
                .collect_view()}
        </span>
    }
    .into_any()
}

#[component]
fn AddAccount(
    bagian: Vec<(i32, String)>,
    shown: RwSignal<Option<(String, String)>>,
    message: RwSignal<Option<(bool, String)>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Editor);
    let chosen = RwSignal::new(Vec::<i32>::new());
    let add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (username, role, bagian) =
            (name.get_untracked(), role.get_untracked(), chosen.get_untracked());
        leptos::task::spawn_local(async move {
            match admin_add_account(username.clone(), role, bagian).await {
                Ok(password) => {
                    message.set(None);
                    shown.set(Some((username.trim().to_lowercase(), password)));
                    name.set(String::new());
                    chosen.set(Vec::new());
                    reload.run(());
                }
                Err(error) => {
                    shown.set(None);
                    message.set(Some((true, refusal(error, i18n.t()))));
                }
            }
        });
    };
    view! {
        <form class="admin-add" on:submit=add>
            <h2>{move || i18n.t().admin.add_account}</h2>
            <div class="admin-add-fields">
                <label for="new-username">{move || i18n.t().session.username_label}</label>
                <input
                    id="new-username"
                    type="text"
                    autocomplete="off"
                    autocapitalize="none"
                    spellcheck="false"
                    maxlength="64"
                    required
                    prop:value=move || name.get()
                    on:input=move |event| name.set(event_target_value(&event))
                />
                <label for="new-role">{move || i18n.t().admin.role_label}</label>
                <RoleSelect id="new-role".to_owned() role/>
            </div>
            <Show when=move || role.get() == Role::Editor>
                <fieldset class="admin-fieldset">
                    <legend>{move || i18n.t().bagian_filter}</legend>
                    <BagianChoice bagian=bagian.clone() chosen prefix="new".to_owned()/>
                </fieldset>
            </Show>
            <button type="submit" class="button-primary">{move || i18n.t().admin.add_account}</button>
        </form>
    }
    .into_any()
}

#[component]
fn AccountList(
    accounts: Accounts,
    shown: RwSignal<Option<(String, String)>>,
    message: RwSignal<Option<(bool, String)>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Accounts { users, bagian } = accounts;
    let rows = users
        .into_iter()
        .map(|account| view! { <AccountRow account bagian=bagian.clone() shown message reload/> })
        .collect_view();
    view! {
        <h2>{move || i18n.t().admin.accounts_heading}</h2>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="accounts-caption">
            <table class="admin-table">
                <caption id="accounts-caption" class="visually-hidden">
                    {move || i18n.t().admin.accounts_heading}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t().session.username_label}</th>
                        <th scope="col">{move || i18n.t().admin.role_label}</th>
                        <th scope="col">{move || i18n.t().bagian_filter}</th>
                        <th scope="col">{move || i18n.t().admin.active_label}</th>
                        <th scope="col">{move || i18n.t().admin.last_sign_in}</th>
                        <th scope="col">{move || i18n.t().actions_column}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn AccountRow(
    account: Account,
    bagian: Vec<(i32, String)>,
    shown: RwSignal<Option<(String, String)>>,
    message: RwSignal<Option<(bool, String)>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Account { id, username, role, active, bagian: assigned, last_sign_in } = account;
    let role = RwSignal::new(role);
    let chosen = RwSignal::new(assigned);
    let active = RwSignal::new(active);
    let name = StoredValue::new(username.clone());
    let save = move |_| {
        let (role, bagian, active) =
            (role.get_untracked(), chosen.get_untracked(), active.get_untracked());
        leptos::task::spawn_local(async move {
            match admin_update_account(id, role, bagian, active).await {
                Ok(()) => {
                    let text = name.with_value(|name| (i18n.t().admin.account_saved)(name));
                    message.set(Some((false, text)));
                    reload.run(());
                }
                Err(error) => message.set(Some((true, refusal(error, i18n.t())))),
            }
        });
    };
    let reset = move |_| {
        leptos::task::spawn_local(async move {
            match admin_reset_password(id).await {
                Ok(password) => {
                    message.set(None);
                    shown.set(Some((name.get_value(), password)));
                    reload.run(());
                }
                Err(error) => message.set(Some((true, refusal(error, i18n.t())))),
            }
        });
    };
    let prefix = format!("user-{id}");
    let (role_id, active_id) = (format!("{prefix}-role"), format!("{prefix}-active"));
    let (role_for, active_for) = (role_id.clone(), active_id.clone());
    let when = move || last_sign_in.map(|at| i18n.t().moment(at)).unwrap_or_else(|| "—".to_owned());
    view! {
        <tr data-user=username.clone()>
            <th scope="row">{username.clone()}</th>
            <td>
                <label class="visually-hidden" for=role_for>
                    {move || i18n.t().admin.role_label}
                </label>
                <RoleSelect id=role_id role/>
            </td>
            <td>
                <Show
                    when=move || role.get() == Role::Editor
                    fallback=move || view! { <span class="admin-muted">"—"</span> }
                >
                    <BagianChoice bagian=bagian.clone() chosen prefix=prefix.clone()/>
                </Show>
            </td>
            <td>
                <label for=active_for>
                    <input
                        type="checkbox"
                        id=active_id
                        prop:checked=move || active.get()
                        on:change=move |event| active.set(event_target_checked(&event))
                    />
                    <span class="visually-hidden">{move || i18n.t().admin.active_label}</span>
                </label>
            </td>
            <td>{when}</td>
            <td class="admin-actions">
                <button type="button" class="button-secondary" on:click=save>
                    {move || i18n.t().save}
                </button>
                <button type="button" class="button-secondary" on:click=reset>
                    {move || i18n.t().admin.reset_password}
                </button>
            </td>
        </tr>
    }
    .into_any()
}

#[component]
fn AuditLog(entries: Vec<AuditEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = entries
        .into_iter()
        .map(|entry| {
            let t = i18n.t();
            view! {
                <tr data-kind=entry.kind.clone()>
                    <td>{t.moment(entry.at)}</td>
                    <td>{t.admin.audit_kind(&entry.kind)}</td>
                    <td>{entry.username.unwrap_or_default()}</td>
                    <td>{entry.actor.unwrap_or_default()}</td>
                    <td>{entry.client.unwrap_or_default()}</td>
                    <td>{entry.detail.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="admin audit" aria-labelledby="audit-title">
            <h2 id="audit-title">{move || i18n.t().admin.audit_title}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="audit-title">
                <table class="admin-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t().admin.audit_when}</th>
                            <th scope="col">{move || i18n.t().admin.audit_what}</th>
                            <th scope="col">{move || i18n.t().session.username_label}</th>
                            <th scope="col">{move || i18n.t().admin.audit_by}</th>
                            <th scope="col">{move || i18n.t().admin.audit_address}</th>
                            <th scope="col">{move || i18n.t().admin.audit_detail}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
