//! The register's documents, offered under its heading: plain links, so
//! they work before hydration and without JavaScript.
use crate::documents::download_path;
use crate::i18n::use_i18n;
use crate::register::model::RegisterKey;
use leptos::prelude::*;

#[component]
pub fn Downloads(unit_id: i32, year: i32) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let key = RegisterKey::of(unit_id, year);
    view! {
        <nav class="register-downloads" aria-label=move || t().downloads_label>
            <a class="view-switch" href=download_path("xlsx", key) download="" rel="external">
                {move || t().download_xlsx}
            </a>
            <a class="view-switch" href=download_path("csv", key) download="" rel="external">
                {move || t().download_csv}
            </a>
        </nav>
    }
}
