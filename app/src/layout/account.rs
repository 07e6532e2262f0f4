//! Signing in and out: the sign-in page (a plain form, the same with
//! JavaScript or without), and who is signed in, in the header.
use super::PageTitle;
use crate::auth::SignedIn;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/login`: username and password, posted to the server's `POST /login`,
/// which signs in and sends the browser on, or back here saying why not.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let next = query.with_untracked(|query| query.get("next").unwrap_or_default());
    let notice = move || {
        let t = i18n.t();
        query.with(|query| {
            let minutes = query.get_str("menit").and_then(|m| m.parse().ok()).unwrap_or(15);
            let (alert, text) = match query.get_str("galat") {
                Some("invalid") => (true, t.session.sign_in_invalid.to_owned()),
                Some("locked") => (true, (t.session.sign_in_locked)(minutes)),
                Some("busy") => (true, t.session.sign_in_busy.to_owned()),
                Some("unavailable") => (true, t.session.sign_in_unavailable.to_owned()),
                _ if query.get_str("keluar").is_some() => (false, t.session.signed_out.to_owned()),
                _ if query.get_str("next").is_some() => {
                    (false, t.session.sign_in_needed.to_owned())
                }
                _ => return None,
            };
            Some(if alert {
                view! { <p class="login-notice login-error" role="alert">{text}</p> }.into_any()
            } else {
                view! { <p class="login-notice" role="status">{text}</p> }.into_any()
            })
        })
    };
    view! {
        <PageTitle text=|t| t.session.sign_in_title.to_owned()/>
        <section class="login" aria-labelledby="login-title">
            <h1 id="login-title">{move || i18n.t().session.sign_in_title}</h1>
            <p class="login-lead">{move || i18n.t().session.sign_in_lead}</p>
            {notice}
            <form class="login-form" method="post" action="/login">
                <input type="hidden" name="next" value=next/>
                <label for="login-username">{move || i18n.t().session.username_label}</label>
                <input
                    id="login-username"
                    name="username"
                    type="text"
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                    maxlength="64"
                    required
                    autofocus
                />
                <label for="login-password">{move || i18n.t().session.password_label}</label>
                <input
                    id="login-password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    maxlength="1024"
                    required
                />
                <button type="submit" class="button-primary">{move || i18n.t().session.sign_in}</button>
            </form>
        </section>
    }
}

/// Who is signed in, with their role, and the way out.
#[component]
pub fn UserMenu() -> impl IntoView {
    let i18n = use_i18n();
    let Some(SignedIn(user)) = use_context::<SignedIn>() else {
        return ().into_any();
    };
    let menu = move || {
        Suspend::new(async move {
            let user = user.await?;
            let role = user.role;
            Some(view! {
                <div class="user-menu">
                    <p class="user-name">
                        <span class="visually-hidden">{move || i18n.t().session.signed_in_as} " "</span>
                        <span data-testid="user-name">{user.display_name.clone()}</span>
                        <span class="user-role">{move || role.label(i18n.t())}</span>
                    </p>
                    <form method="post" action="/logout">
                        <button type="submit" class="button-quiet" data-testid="sign-out">
                            {move || i18n.t().session.sign_out}
                        </button>
                    </form>
                </div>
            })
        })
    };
    view! { <Transition fallback=|| ()>{menu}</Transition> }.into_any()
}

/// The ways to the mapping table and the dashboard, for signed-in users.
#[component]
pub fn MainNav(
    /// More links, after the table's and the dashboard's.
    extra: ViewFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(SignedIn(user)) = use_context::<SignedIn>() else {
        return ().into_any();
    };
    let location = leptos_router::hooks::use_location();
    // The dashboard, another page of its own, else a register.
    let section = move || {
        location.pathname.with(|path| match path {
            _ if path.starts_with("/dasbor") => 1,
            _ if path == "/" || path.starts_with("/register") => 0,
            _ => 2,
        })
    };
    let current = move |which: u8| (section() == which).then_some("page");
    let links = move || {
        let extra = extra.clone();
        Suspend::new(async move {
            user.await?;
            Some(view! {
                <nav class="main-nav" aria-label=move || i18n.t().app_name>
                    <a class="header-link" href="/" aria-current=move || current(0)>
                        {move || i18n.t().nav_register}
                    </a>
                    <a class="header-link" href="/dasbor" aria-current=move || current(1)>
                        {move || i18n.t().nav_dashboard}
                    </a>
                    {extra.run()}
                </nav>
            })
        })
    };
    view! { <Transition fallback=|| ()>{links}</Transition> }.into_any()
}

/// The way to the admin page, for admins.
#[component]
pub fn AdminLink() -> impl IntoView {
    let i18n = use_i18n();
    let Some(SignedIn(user)) = use_context::<SignedIn>() else {
        return ().into_any();
    };
    let link = move || {
        Suspend::new(async move {
            let user = user.await?;
            user.may(crate::auth::Permission::ManageUsers).then(|| {
                view! { <a class="header-link" href="/admin">{move || i18n.t().admin.link}</a> }
            })
        })
    };
    view! { <Transition fallback=|| ()>{link}</Transition> }.into_any()
}
