use crate::i18n::{LanguageSwitch, use_i18n};
use leptos::prelude::*;

#[component]
pub fn SiteHeader() -> impl IntoView {
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
                <super::MainNav/>
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
