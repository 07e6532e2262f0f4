use crate::i18n::{LanguageSwitch, use_i18n};
use leptos::prelude::*;

/// The header: the brand, the ways to the app's parts (`nav_extra` after
/// them: what the app adds), the admin's link, who is signed in, the language.
#[component]
pub fn SiteHeader(#[prop(optional)] nav_extra: ViewFn) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{move || i18n.t().skip_to_table}</a>
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"B"</span>
                <span class="brand-text">
                    <span class="brand-name">{move || i18n.t().app_name}</span>
                    <span class="brand-tagline">{move || i18n.t().app_tagline}</span>
                </span>
            </a>
            <div class="header-tools">
                <super::MainNav extra=nav_extra/>
                <super::AdminLink/>
                <super::UserMenu/>
                <LanguageSwitch/>
            </div>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    view! { <footer class="site-footer">{move || i18n.t().footer}</footer> }
}
