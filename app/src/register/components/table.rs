use super::{Announcer, EditableCell, NewRow, RowActions, RowEditing};
use crate::i18n::{Locale, use_i18n};
use crate::register::model::{Field, RegisterView, SectionView};
use leptos::prelude::*;

/// The register laid out as the printed form: seven columns, each Bagian's
/// number and name spanning its rows.
#[component]
pub fn RegisterTable(register: RegisterView) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let caption_unit = register.unit_name.clone();
    let year = register.year;
    let register_id = register.id;
    let editable = !register.status.is_final();
    // Cells become interactive once the page is hydrated (effects run only
    // in the browser); the server's HTML promises nothing it cannot do.
    let (ready, set_ready) = signal(false);
    Effect::new(move |_| set_ready.set(true));
    let announcer = Announcer(RwSignal::new(String::new()));
    provide_context(announcer);
    let head = view! { <RegisterHead register=register.clone()/> };
    let sections = register
        .sections
        .into_iter()
        .map(|section| view! { <SectionRows register_id section editable ready/> })
        .collect_view()
        // Erasing the type keeps the WASM build's type depth in bounds.
        .into_any();
    view! {
        <section class="register" aria-labelledby="register-title">
            {head}
            <p class="scroll-hint">{move || t().scroll_hint}</p>
            <p id="edit-hint" class="visually-hidden">{move || t().edit_hint}</p>
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
                {move || announcer.0.get()}
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="register-title">
                <table class="official-table">
                    <caption class="visually-hidden">
                        {move || (t().caption)(&caption_unit, year)}
                    </caption>
                    <colgroup>
                        <col class="col-no"/>
                        <col class="col-bagian"/>
                        <col class="col-text col-activity"/>
                        <col class="col-text"/>
                        <col class="col-text"/>
                        <col class="col-text"/>
                        <col class="col-text-wide"/>
                        {editable.then(|| view! { <col class="col-actions"/> })}
                    </colgroup>
                    <thead>
                        <tr>
                            {(0..7)
                                .map(|index| view! { <th scope="col">{move || t().columns[index]}</th> })
                                .collect_view()}
                            {editable
                                .then(|| {
                                    view! {
                                        <th scope="col" class="cell-actions">
                                            {move || t().actions_column}
                                        </th>
                                    }
                                })}
                        </tr>
                    </thead>
                    {sections}
                </table>
            </div>
        </section>
    }
}

/// Title, unit and facts of the register, above the table.
#[component]
fn RegisterHead(register: RegisterView) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let (sections, rows) = (register.sections.len(), register.row_count());
    let official_title = register.title.clone();
    let title = move || match i18n.locale() {
        Locale::Id => official_title.clone(),
        Locale::En => t().table_title.to_owned(),
    };
    let subtitle = register.title.clone();
    let (year, status) = (register.year, register.status);
    view! {
        <header class="register-head">
            <h1 id="register-title">{title}</h1>
            <Show when=move || i18n.locale() != Locale::Id>
                <p class="official-title" lang="id">{subtitle.clone()}</p>
            </Show>
            <p class="register-unit">{register.unit_line()}</p>
            <dl class="register-meta">
                <div>
                    <dt>{move || t().period}</dt>
                    <dd>{year}</dd>
                </div>
                <div>
                    <dt>{move || t().status}</dt>
                    <dd>
                        <span class=format!("status-badge status-{}", status.code())>
                            {move || t().status_name(status)}
                        </span>
                    </dd>
                </div>
                <div>
                    <dt>{move || t().contents}</dt>
                    <dd data-testid="register-summary">{move || (t().summary)(sections, rows)}</dd>
                </div>
            </dl>
        </header>
    }
    .into_any()
}

/// One Bagian: a `<tbody>` whose first row carries the spanning cells.
#[component]
fn SectionRows(
    register_id: i32,
    section: SectionView,
    editable: bool,
    ready: ReadSignal<bool>,
) -> impl IntoView {
    let adding = use_context::<RowEditing>().map(|editing| editing.adding_after);
    let section_len = section.rows.len();
    let ids: Vec<i32> = section.rows.iter().map(|row| row.id).collect();
    // A new row being written in this Bagian is spanned too.
    let span = move || {
        let writing = adding.and_then(|a| a.get()).is_some_and(|after| ids.contains(&after));
        section_len + usize::from(writing)
    };
    let mut lead = Some((section.ordinal, section.name));
    view! {
        <tbody class="register-section" data-bagian=section.bagian_id>
            {section
                .rows
                .into_iter()
                .map(|row| {
                    let lead_cells = lead.take().map(|(ordinal, name)| {
                        view! {
                            <td class="cell-no" rowspan=span.clone()>{ordinal}</td>
                            <th class="cell-bagian" scope="rowgroup" rowspan=span.clone()>{name}</th>
                        }
                    });
                    let id = row.id;
                    let cells = Field::CELLS.into_iter().zip(row.cells()).map(|(field, cell)| {
                        view! { <EditableCell row=id field text=cell.clone() editable ready/> }
                    });
                    let (code, version) = (row.code.clone(), row.version);
                    let actions = editable.then(|| {
                        view! {
                            <td class="cell-actions">
                                <Show when=move || ready.get()>
                                    <RowActions row=id code=code.clone() version/>
                                </Show>
                            </td>
                        }
                    });
                    let writing_below =
                        move || adding.is_some_and(|adding| adding.get() == Some(id));
                    view! {
                        <tr data-row-id=row.id data-version=row.version data-code=row.code.clone()>
                            {lead_cells}
                            {cells.into_iter().collect_view()}
                            {actions}
                        </tr>
                        <Show when=writing_below>
                            <NewRow register_id after=id/>
                        </Show>
                    }
                    .into_any()
                })
                .collect_view()}
        </tbody>
    }
}
