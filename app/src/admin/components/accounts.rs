//! The accounts: a new one added, each one's role, Bagian and access
//! changed, its password reset.
use super::fields::{BagianChoice, RoleSelect};
use super::refusal;
use crate::admin::api::{AdminAddAccount, admin_reset_password, admin_update_account};
use crate::admin::model::{Account, Accounts};
use crate::auth::Role;
use crate::i18n::{I18n, use_i18n};
use leptos::prelude::*;

#[component]
pub(super) fn AddAccount(
    bagian: Vec<(i32, String)>,
    shown: RwSignal<Option<(String, String)>>,
    message: RwSignal<Option<(bool, String)>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Editor);
    let chosen = RwSignal::new(Vec::<i32>::new());
    // Sent as a server action: the button waits while it is under way.
    let add = ServerAction::<AdminAddAccount>::new();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (username, role, bagian) =
            (name.get_untracked(), role.get_untracked(), chosen.get_untracked());
        add.dispatch(AdminAddAccount { username, role, bagian, email: email.get_untracked() });
    };
    Effect::new(move |_| match add.value().get() {
        Some(Ok(password)) => {
            message.set(None);
            shown.set(Some((name.get_untracked().trim().to_lowercase(), password)));
            name.set(String::new());
            email.set(String::new());
            chosen.set(Vec::new());
            reload.run(());
        }
        Some(Err(error)) => {
            shown.set(None);
            message.set(Some((true, refusal(error, i18n.t()))));
        }
        None => {}
    });
    view! {
        <form class="admin-add" on:submit=submit>
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
                <label for="new-email">{move || i18n.t().reminders.email_label}</label>
                <input
                    id="new-email"
                    type="email"
                    autocomplete="off"
                    maxlength="254"
                    prop:value=move || email.get()
                    on:input=move |event| email.set(event_target_value(&event))
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
            <button type="submit" class="button-primary" disabled=move || add.pending().get()>
                {move || i18n.t().admin.add_account}
            </button>
        </form>
    }
    .into_any()
}

#[component]
pub(super) fn AccountList(
    accounts: Accounts,
    shown: RwSignal<Option<(String, String)>>,
    message: RwSignal<Option<(bool, String)>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Accounts { users, bagian, .. } = accounts;
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
                        <th scope="col">{move || i18n.t().reminders.email_label}</th>
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
    let Account { id, username, role, active, bagian: assigned, last_sign_in, email } = account;
    let email = RwSignal::new(email.unwrap_or_default());
    let role = RwSignal::new(role);
    let chosen = RwSignal::new(assigned);
    let active = RwSignal::new(active);
    let name = StoredValue::new(username.clone());
    let save = move |_| {
        let change = (role.get_untracked(), chosen.get_untracked(), active.get_untracked());
        save_account(i18n, (id, name), change, email.get_untracked(), message, reload);
    };
    let reset = move |_| reset_password(i18n, (id, name), shown, message, reload);
    let prefix = format!("user-{id}");
    let (role_id, active_id) = (format!("{prefix}-role"), format!("{prefix}-active"));
    let (email_id, email_for) = (format!("{prefix}-email"), format!("{prefix}-email"));
    let (role_for, active_for) = (role_id.clone(), active_id.clone());
    let when = move || last_sign_in.map(|at| i18n.t().moment(at)).unwrap_or_else(|| "—".to_owned());
    view! {
        <tr data-user=username.clone()>
            <th scope="row">{username.clone()}</th>
            <td>
                <label class="visually-hidden" for=email_for>
                    {move || i18n.t().reminders.email_label}
                </label>
                <input
                    id=email_id
                    type="email"
                    class="admin-email"
                    maxlength="254"
                    prop:value=move || email.get()
                    on:input=move |event| email.set(event_target_value(&event))
                />
            </td>
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

/// Saves account `id`'s role, Bagian and access, telling the outcome.
fn save_account(
    i18n: I18n,
    (id, name): (i32, StoredValue<String>),
    (role, bagian, active): (Role, Vec<i32>, bool),
    email: String,
    message: RwSignal<Option<(bool, String)>>,
    reload: Callback<()>,
) {
    leptos::task::spawn_local(async move {
        match admin_update_account(id, role, bagian, active, Some(email)).await {
            Ok(()) => {
                let text = name.with_value(|name| (i18n.t().admin.account_saved)(name));
                message.set(Some((false, text)));
                reload.run(());
            }
            Err(error) => message.set(Some((true, refusal(error, i18n.t())))),
        }
    });
}

/// Gives account `id` a new password, shown once in `shown`.
fn reset_password(
    i18n: I18n,
    (id, name): (i32, StoredValue<String>),
    shown: RwSignal<Option<(String, String)>>,
    message: RwSignal<Option<(bool, String)>>,
    reload: Callback<()>,
) {
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
}
