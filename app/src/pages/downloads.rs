//! The register's documents, offered under its heading: plain links, so
//! they work before hydration and without JavaScript. Ctrl+P (⌘P) prints
//! the whole register through its print view, not the windowed screen.
use crate::documents::download_path;
use crate::evidence::{PACK_DOWNLOAD, Quarter};
use crate::i18n::use_i18n;
use crate::print::model::{print_path, printing_now};
use crate::register::model::RegisterKey;
use chrono::NaiveDate;
use leptos::prelude::*;

/// The register's documents; of the register as of day `per` if given, or
/// as approved revision `revision` was set (printed only: the workbooks are
/// of a day).
#[component]
pub fn Downloads(
    unit_id: i32,
    year: i32,
    per: Option<NaiveDate>,
    revision: Option<i32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let key = RegisterKey::of(unit_id, year);
    if let Some(revision) = revision {
        let print = format!("{}/cetak?revisi={revision}", RegisterKey::path(unit_id, year));
        return view! {
            <nav class="register-downloads" aria-label=move || t().downloads_label>
                <a class="view-switch" href=print data-testid="print-link">
                    {move || t().print.print}
                </a>
            </nav>
        }
        .into_any();
    }
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
        {per.is_none().then(|| view! { <EvidencePick unit_id year/> })}
    }
    .into_any()
}

/// "Paket bukti triwulan": the quarter's evidence pack, as a workbook or
/// printed; a plain GET form, so it works before hydration.
#[component]
fn EvidencePick(unit_id: i32, year: i32) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let offered = Quarter::last_ended(year, today()).number;
    let options = (1..=4u8)
        .map(|quarter| {
            let name = move || t().quarter_names[usize::from(quarter - 1)];
            view! { <option value=quarter selected=quarter == offered>{name}</option> }
        })
        .collect_view();
    view! {
        <form class="evidence-pick" method="get" action=PACK_DOWNLOAD data-testid="evidence-pick">
            <input type="hidden" name="unit" value=unit_id/>
            <input type="hidden" name="tahun" value=year/>
            <label for="evidence-quarter">{move || t().evidence.legend}</label>
            <select id="evidence-quarter" name="triwulan" aria-describedby="evidence-hint">
                {options}
            </select>
            <button type="submit" class="button-secondary">{move || t().evidence.download}</button>
            <button
                type="submit"
                class="button-secondary"
                formaction=format!("{}/bukti", RegisterKey::path(unit_id, year))
            >
                {move || t().evidence.print}
            </button>
            <p id="evidence-hint" class="filter-hint">{move || t().evidence.hint}</p>
        </form>
    }
}

/// Today in Asia/Makassar: the server's clock, or the browser's.
fn today() -> NaiveDate {
    #[cfg(feature = "ssr")]
    return crate::db::today();
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        let now = js_sys::Date::new_0();
        let wita = now.get_time() + 8.0 * 3_600_000.0;
        let day = chrono::DateTime::from_timestamp_millis(wita as i64).map(|at| at.date_naive());
        return day.unwrap_or_default();
    }
    #[allow(unreachable_code)]
    NaiveDate::default()
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
