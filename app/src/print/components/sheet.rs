//! The form as it prints: A4 landscape sheets, the heading on the first,
//! the table under its header on each, the signature block on the last.
//! On screen the same sheets, as paper.
use crate::i18n::print::{BLANK, PrintStrings};
use crate::i18n::use_i18n;
use crate::print::model::{PrintForm, Signatory, format_nip};
use crate::print::paginate::{Block, Sheet, header_mm, paginate};
use crate::register::components::RichTextView;
use crate::register::model::{OFFICIAL_COLUMNS, RegisterView, SectionView};
use leptos::prelude::*;

#[component]
pub fn PrintDocument(form: PrintForm) -> impl IntoView {
    let i18n = use_i18n();
    // The whole document follows a switch of language (its page breaks too:
    // "(lanjutan)" and "(continued)" differ in length).
    move || {
        let t = i18n.t();
        let strings = t.print;
        let register = &form.register;
        let sheets = paginate(
            &register.sections,
            header_mm(&OFFICIAL_COLUMNS),
            strings.continued.chars().count() + 1,
        );
        let pages = sheets.len();
        let sheets = sheets
            .iter()
            .enumerate()
            .map(|(index, sheet)| {
                let heading = sheet.heading.then(|| heading(&form, t));
                let table = (!sheet.blocks.is_empty()).then(|| table(register, sheet, strings));
                let signatures = sheet.signatures.then(|| signatures(&form, strings));
                let empty = (register.row_count() == 0)
                    .then(|| view! { <p class="form-empty">{strings.no_rows}</p> });
                view! {
                    <section class="sheet" data-sheet=index + 1>
                        {heading}
                        {table}
                        {empty}
                        {signatures}
                        <p class="sheet-number">{(strings.sheet_number)(index + 1, pages)}</p>
                    </section>
                }
                .into_any()
            })
            .collect_view();
        view! {
            // Scrolls sideways on a narrow screen: reachable by keyboard.
            <div
                class="print-doc"
                role="region"
                tabindex="0"
                aria-label=strings.page_title
                lang=i18n.locale().tag()
                data-testid="print-doc"
                data-sheets=pages
            >
                {sheets}
            </div>
        }
        .into_any()
    }
}

fn heading(form: &PrintForm, t: &'static crate::i18n::Strings) -> AnyView {
    let strings = t.print;
    let register = &form.register;
    let settings = &form.settings;
    let number = (!settings.sk_number.is_empty()).then_some(settings.sk_number.as_str());
    let date = settings.sk_date.map(|date| strings.long_date(date));
    let decree = (strings.decree)(number, date.as_deref());
    let status = (strings.status)(t.status_name(register.status));
    view! {
        <header class="form-heading">
            <h2 class="form-title">{register.title.to_uppercase()}</h2>
            <p class="form-unit">{register.unit_line()}</p>
            <p class="form-period">{(strings.year)(register.year)} " · " {status}</p>
            <p class="form-decree">{decree}</p>
            {register.as_of.map(|as_of| {
                let day = strings.long_date(as_of.date);
                let line = match as_of.revision {
                    Some(revision) => {
                        (t.cycle.revision_banner)(&(t.cycle.revision)(revision), &day)
                    }
                    None => (t.as_of.document_line)(&day),
                };
                view! { <p class="form-as-of">{line}</p> }
            })}
        </header>
    }
    .into_any()
}

fn table(register: &RegisterView, sheet: &Sheet, strings: &'static PrintStrings) -> AnyView {
    let header = OFFICIAL_COLUMNS
        .iter()
        .enumerate()
        .map(|(index, title)| view! { <th scope="col" class=format!("col-{}", index + 1)>{*title}</th> })
        .collect_view();
    let body = sheet
        .blocks
        .iter()
        .map(|block| block_rows(&register.sections[block.section], block, strings))
        .collect_view();
    view! {
        <table class="form-table">
            <thead>
                <tr>{header}</tr>
            </thead>
            {body}
        </table>
    }
    .into_any()
}

/// One Bagian's rows on a sheet: its number and name span them.
fn block_rows(section: &SectionView, block: &Block, strings: &'static PrintStrings) -> AnyView {
    let span = block.rows.len();
    let name = if block.continued {
        format!("{} {}", section.name, strings.continued)
    } else {
        section.name.clone()
    };
    let rows = section.rows[block.rows.clone()]
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let first = (index == 0).then(|| {
                view! {
                    <td class="cell-no" rowspan=span>{section.ordinal}</td>
                    <th scope="rowgroup" class="cell-bagian" rowspan=span>{name.clone()}</th>
                }
            });
            let cells = [&row.aktivitas, &row.potensi, &row.penyebab, &row.dampak, &row.rencana]
                .into_iter()
                .map(|text| view! { <td><RichTextView text=text.clone()/></td> })
                .collect_view();
            view! {
                <tr data-code=row.code.clone()>
                    {first}
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! { <tbody data-bagian=section.bagian_id>{rows}</tbody> }.into_any()
}

fn signatures(form: &PrintForm, strings: &'static PrintStrings) -> AnyView {
    let settings = &form.settings;
    let place = if settings.place.is_empty() { BLANK.to_owned() } else { settings.place.clone() };
    let date = match settings.sign_date {
        Some(date) => strings.long_date(date),
        None => format!("{BLANK} {}", form.register.year),
    };
    view! {
        <div class="form-signatures">
            <p class="form-place">{format!("{place}, {date}")}</p>
            {signatory(strings.prepared_by, &settings.prepared, strings)}
            {signatory(strings.approved_by, &settings.approved, strings)}
        </div>
    }
    .into_any()
}

fn signatory(role: &'static str, who: &Signatory, strings: &'static PrintStrings) -> AnyView {
    let or_blank = |text: &str| if text.is_empty() { BLANK.to_owned() } else { text.to_owned() };
    let nip = if who.nip.is_empty() { BLANK.to_owned() } else { format_nip(&who.nip) };
    view! {
        <div class="signatory">
            <p>{role}</p>
            <p class="signatory-position">{or_blank(&who.position)}</p>
            <p class="signatory-name">{or_blank(&who.name)}</p>
            <p class="signatory-nip">{format!("{} {nip}", strings.nip)}</p>
        </div>
    }
    .into_any()
}
