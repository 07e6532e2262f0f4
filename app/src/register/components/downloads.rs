//! The register's documents, offered under its heading: plain links, so
//! they work before hydration and without JavaScript. Ctrl+P (⌘P) prints
//! the whole register through its print view, not the windowed screen.
use crate::documents::download_path;
use crate::i18n::use_i18n;
use crate::print::model::{print_path, printing_now};
use crate::register::model::RegisterKey;
use chrono::NaiveDate;
use leptos::prelude::*;

/// The register's documents; of the register as of day `per` if given.
#[component]
pub fn Downloads(unit_id: i32, year: i32, per: Option<NaiveDate>) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let key = RegisterKey::of(unit_id, year);
    let print = print_path(unit_id, year, per);
    print_on_ctrl_p(printing_now(&print));
    view! {
        <nav class="register-downloads" aria-label=move || t().downloads_label>
            <a class="view-switch" href=download_path("xlsx", key, per) download="" rel="external">
                {move || t().download_xlsx}
            </a>
            <a class="view-switch" href=download_path("csv", key, per) download="" rel="external">
                {move || t().download_csv}
            </a>
            <a class="view-switch" href=print data-testid="print-link">
                {move || t().print.print}
            </a>
        </nav>
    }
}

/// Ctrl+P (⌘P on a Mac) on the register opens `target`, the print view that
/// opens the print dialog itself.
fn print_on_ctrl_p(target: String) {
    #[cfg(feature = "hydrate")]
    {
        let navigate = leptos_router::hooks::use_navigate();
        let handle = window_event_listener(leptos::ev::keydown, move |event| {
            let key = event.key();
            if (event.ctrl_key() || event.meta_key()) && key.eq_ignore_ascii_case("p") {
                event.prevent_default();
                navigate(&target, Default::default());
            }
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = target;
}
