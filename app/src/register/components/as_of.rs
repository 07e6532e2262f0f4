//! The register "as of" a past day on screen: the banner over the
//! read-only table, the form that picks a day (a plain GET form: it works
//! before hydration), and the panel of a day that cannot be shown.
use crate::i18n::use_i18n;
use crate::register::as_of::AsOfGap;
use crate::register::model::AsOf;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Says, over the table, which day it shows and that it is read-only.
#[component]
pub fn AsOfBanner(as_of: AsOf) -> impl IntoView {
    let i18n = use_i18n();
    let date = move || i18n.t().print.long_date(as_of.date);
    let location = use_location();
    // An approved revision read back, or a past day's register.
    let title = move || {
        let t = i18n.t();
        match as_of.revision {
            Some(revision) => (t.cycle.revision_banner)(&(t.cycle.revision)(revision), &date()),
            None => (t.as_of.title)(&date()),
        }
    };
    let body = move || match as_of.revision {
        Some(_) => i18n.t().cycle.revision_read_only,
        None => i18n.t().as_of.rebuilt,
    };
    view! {
        <div class="as-of-banner" role="note" data-testid="as-of-banner" data-version=as_of.version>
            <p class="as-of-title">
                <strong>{title}</strong>
            </p>
            <p class="as-of-body">{body}</p>
            <p class="as-of-back">
                <a class="view-switch" href=move || location.pathname.get() rel="external">
                    {move || i18n.t().as_of.back}
                </a>
            </p>
        </div>
    }
}

/// "Lihat per tanggal": the register at the end of a chosen day.
#[component]
pub fn PickDay(
    /// The day on show (none: today's register).
    per: Option<NaiveDate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t().as_of;
    view! {
        <form class="as-of-pick" method="get" data-testid="as-of-pick">
            <label for="as-of-day">{move || t().pick_label}</label>
            <input
                id="as-of-day"
                type="date"
                name="per"
                required
                min="2000-01-01"
                value=per.map(|day| day.to_string())
                aria-describedby="as-of-hint"
            />
            <button type="submit" class="button-secondary">{move || t().pick_submit}</button>
            <p id="as-of-hint" class="filter-hint">{move || t().pick_hint}</p>
        </form>
    }
}

/// In place of the table: why the day asked for cannot be shown.
#[component]
pub fn AsOfGapPanel(gap: AsOfGap, date: NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let long = move |day: NaiveDate| i18n.t().print.long_date(day);
    let reason = move || {
        let t = i18n.t().as_of;
        match gap {
            AsOfGap::BeforeLog { since } => (t.before_log)(since.map(long).as_deref()),
            AsOfGap::Future { today } => (t.future)(&long(today)),
        }
    };
    view! {
        <section class="status-panel" data-testid="as-of-gap">
            <h1>{move || (i18n.t().as_of.gap_title)(&long(date))}</h1>
            <p>{reason}</p>
            <PickDay per=Some(date)/>
            <p>
                <a class="button" href=move || location.pathname.get() rel="external">
                    {move || i18n.t().as_of.back}
                </a>
            </p>
        </section>
    }
}
