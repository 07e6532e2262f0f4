//! `/register/{unit}/{year}/bukti?triwulan=3`: the quarter's evidence pack
//! as printed pages: the summary, the official form as of the quarter's
//! last day, the realisation per RTP, the changes and the review notes.
use super::api::get_evidence_pack;
use super::lines::{change_lines, note_lines, summary};
use super::{EvidencePack, pack_download_path};
use crate::i18n::{Strings, use_i18n};
use crate::layout::{ErrorPanel, NotFoundPage, PageTitle};
use crate::print::components::PrintDocument;
use crate::register::components::AsOfGapPanel;
use crate::register::model::{Field, RegisterKey};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn EvidencePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let asked = move || {
        let key = params.with(|params| {
            let part = |name: &str| params.get(name)?.parse::<i32>().ok();
            Some((part("unit")?, part("year")?))
        });
        let quarter = query.with(|query| query.get("triwulan")?.parse::<i32>().ok());
        key.map(|(unit, year)| (unit, year, quarter.unwrap_or(0)))
    };
    let pack = Resource::new(asked, |asked| async move {
        match asked {
            Some((unit, year, quarter)) => get_evidence_pack(unit, year, quarter).await,
            None => Ok(None),
        }
    });
    view! {
        <PageTitle text=|t| t.evidence.page_title.to_owned()/>
        <Transition fallback=move || view! { <p class="loading">{move || i18n.t().loading}</p> }>
            {move || Suspend::new(async move {
                match pack.await {
                    Ok(Some(Ok(pack))) => view! { <EvidenceView pack/> }.into_any(),
                    Ok(Some(Err(gap))) => {
                        let date = asked()
                            .and_then(|(_, year, quarter)| {
                                super::Quarter::new(year, u8::try_from(quarter).ok()?)
                            })
                            .map(super::Quarter::last_day)
                            .unwrap_or_default();
                        view! { <AsOfGapPanel gap date/> }.into_any()
                    }
                    Ok(None) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! { <ErrorPanel error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The screen's controls (never printed), then the pack as it prints, in
/// the language chosen (it follows a switch).
#[component]
fn EvidenceView(pack: EvidencePack) -> impl IntoView {
    let i18n = use_i18n();
    let register = &pack.form.register;
    let back = RegisterKey::path(register.unit_id, register.year);
    let download = pack_download_path(register.unit_id, register.year, pack.quarter.number);
    let form = pack.form.clone();
    let lead = {
        let pack = pack.clone();
        move || summary_part(&pack, i18n.t())
    };
    let rest = move || {
        let t = i18n.t();
        view! {
            {realisation_part(&pack, t)}
            {changes_part(&pack, t)}
            {notes_part(&pack, t)}
        }
        .into_any()
    };
    view! {
        <div class="print-controls">
            <div class="print-toolbar">
                <h1 class="print-page-title">{move || i18n.t().evidence.page_title}</h1>
                <a class="view-switch" href=back>{move || i18n.t().print.back}</a>
                <a class="view-switch" href=download download="" rel="external">
                    {move || i18n.t().evidence.download}
                </a>
                <button type="button" class="button" on:click=move |_| print()>
                    {move || i18n.t().print.print}
                </button>
            </div>
            <p class="print-lead">{move || i18n.t().evidence.hint}</p>
        </div>
        <div class="evidence-doc" data-testid="evidence-doc">
            {lead}
            <PrintDocument form/>
            {rest}
        </div>
    }
    .into_any()
}

/// The first page: the pack's title and its summary.
fn summary_part(pack: &EvidencePack, t: &'static Strings) -> AnyView {
    let e = t.evidence;
    let quarter = t.quarter_names[usize::from(pack.quarter.number - 1)];
    let rows = summary(pack, t)
        .into_iter()
        .map(|(label, value)| view! { <tr><th scope="row">{label}</th><td>{value}</td></tr> })
        .collect_view();
    view! {
        <section class="sheet evidence-part" data-testid="evidence-summary">
            <header class="form-heading">
                <h2 class="form-title">{(e.title)(quarter, pack.quarter.year).to_uppercase()}</h2>
                <p class="form-unit">{pack.form.register.unit_line()}</p>
            </header>
            <table class="evidence-summary">
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}

fn realisation_part(pack: &EvidencePack, t: &'static Strings) -> AnyView {
    let index = usize::from(pack.quarter.number - 1);
    let e = t.evidence;
    let headers = vec![
        e.code,
        t.field_name(Field::Bagian),
        e.rtp,
        t.field_name(Field::Owner),
        t.field_name(Field::TargetDate),
        t.field_name(Field::RtpStatus),
        t.field_name(Field::RealisationProgress),
        t.field_name(Field::RealisationDone),
        t.field_name(Field::RealisationEvidence),
    ];
    let rows = pack
        .rows()
        .map(|(bagian, row)| {
            let a = &row.assessment;
            let realisation = &a.realisation[index];
            vec![
                row.code.clone(),
                bagian.to_owned(),
                row.rencana.plain().to_owned(),
                a.owner.clone(),
                a.target_date.map(|day| t.print.long_date(day)).unwrap_or_default(),
                a.status.map(|s| t.rtp_status_name(s).to_owned()).unwrap_or_default(),
                realisation.value(Field::RealisationProgress),
                realisation.done.clone(),
                realisation.evidence.clone(),
            ]
        })
        .collect();
    let title = format!("{} \u{b7} {}", e.sheet_realisation, t.quarter_names[index]);
    part("evidence-realisation", title, headers, rows, e.no_rows)
}

fn changes_part(pack: &EvidencePack, t: &'static Strings) -> AnyView {
    let e = t.evidence;
    let headers = vec![e.when, e.who, e.code, e.action, e.column, e.old, e.new];
    let rows = change_lines(pack, t)
        .into_iter()
        .map(|l| vec![l.when, l.who, l.code, l.action.to_owned(), l.column, l.old, l.new])
        .collect();
    part("evidence-changes", e.sheet_changes.to_owned(), headers, rows, e.no_changes)
}

fn notes_part(pack: &EvidencePack, t: &'static Strings) -> AnyView {
    let e = t.evidence;
    let headers = vec![e.code, e.written, e.who, e.note, e.state_at_end];
    let rows = note_lines(pack, t)
        .into_iter()
        .map(|l| vec![l.code, l.written, l.who, l.body, l.state])
        .collect();
    part("evidence-notes", e.sheet_notes.to_owned(), headers, rows, e.no_notes)
}

/// A part after the form: its title, then a table of text (or a line
/// saying it has none).
fn part(
    id: &'static str,
    title: String,
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    empty: &'static str,
) -> AnyView {
    let span = headers.len();
    let header = headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view();
    let body = if rows.is_empty() {
        view! { <tr><td colspan=span class="evidence-empty">{empty}</td></tr> }.into_any()
    } else {
        let rows = rows.into_iter().map(|cells| {
            let cells = cells.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view();
            view! { <tr>{cells}</tr> }
        });
        rows.collect_view().into_any()
    };
    view! {
        <section class="sheet evidence-part" data-testid=id>
            <h2 class="evidence-title">{title}</h2>
            <table class="form-table evidence-table">
                <thead>
                    <tr>{header}</tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </section>
    }
    .into_any()
}

/// Opens the browser's print dialog.
fn print() {
    #[cfg(feature = "hydrate")]
    if let Err(error) = window().print() {
        leptos::logging::warn!("print: {error:?}");
    }
}
