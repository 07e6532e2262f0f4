//! Above the table: the register's title, unit and facts, the note on what
//! the user may change, the link to the whole table, and the column heads.
use super::*;
use crate::register::components::cycle::{CycleOf, CyclePanel};

/// Title, unit and facts of the register, above the table.
#[component]
pub(super) fn RegisterHead(register: RegisterView, documents: ViewFn) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let (sections, rows) = (register.sections.len(), register.row_count());
    let official_title = register.title.clone();
    let title = move || match i18n.locale() {
        Locale::Id => official_title.clone(),
        Locale::En => t().table_title.to_owned(),
    };
    let subtitle = register.title.clone();
    let (year, status, as_of) = (register.year, register.status, register.as_of);
    let per = as_of.map(|as_of| as_of.date);
    let of = CycleOf { register_id: register.id, unit_id: register.unit_id, year, status };
    let cycle = register.cycle.clone();
    // A past day's or an approved revision's register is history: no cycle.
    let cycle = as_of.is_none().then(|| view! { <CyclePanel of cycle/> }.into_any());
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
            {as_of.map(|as_of| view! { <super::super::as_of::AsOfBanner as_of/> })}
            {cycle}
            {documents.run()}
            <super::super::as_of::PickDay per/>
        </header>
    }
    .into_any()
}

/// What the user may change here, said once above the table: that the
/// register's status fixes its text; else nothing for admins and editors
/// of every Bagian, their Bagian or their role's reading only.
#[component]
pub(super) fn AccessNote(
    access: Access,
    choices: Vec<(i32, String)>,
    status: RegisterStatus,
) -> impl IntoView {
    let i18n = use_i18n();
    let own_bagian: Vec<String> = choices
        .iter()
        .filter(|(id, _)| access.rows_of(*id))
        .map(|(_, name)| name.clone())
        .collect();
    let all_rows = own_bagian.len() == choices.len();
    let role = access.role();
    move || {
        let t = i18n.t();
        let text = match role {
            Some(_) if status.is_final() => t.final_body.to_owned(),
            Some(_) if !status.is_open() => t.cycle.under_review_body.to_owned(),
            Some(Role::Admin) | None => return None,
            Some(Role::Editor) if !own_bagian.is_empty() && !all_rows => {
                (t.edits_bagian_note)(&own_bagian.join(", "))
            }
            Some(Role::Editor) if all_rows => return None,
            Some(role) => (t.read_only_note)(role.label(t)),
        };
        Some(view! { <p class="access-note" data-testid="access-note">{text}</p> })
    }
}

/// Of a windowed register, the link to the whole table (`?lengkap=1`), to
/// print or to read without JavaScript; it keeps the filter.
#[component]
pub(super) fn WholeTableLink(total: usize) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let address = query.with_untracked(|query| {
        let filter = RowFilter::from_query(query).query_string();
        if filter.is_empty() { "?lengkap=1".to_owned() } else { format!("{filter}&lengkap=1") }
    });
    view! {
        <p class="whole-table">
            <a href=address rel="external">{move || (i18n.t().whole_table)(total)}</a>
        </p>
    }
}

/// The table's columns and their heads: the form's seven, the assessment's
/// five when shown, and the row controls' for a signed-in reader.
#[component]
pub(super) fn ColumnHead(assessment: bool, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let assessment_heads = move || {
        (0..5)
            .map(|index| {
                view! { <th scope="col" class="col-assess-head">{move || t().assessment_columns[index]}</th> }
            })
            .collect_view()
    };
    view! {
        <colgroup>
            <col class="col-no"/>
            <col class="col-bagian"/>
            <col class="col-text col-activity"/>
            <col class="col-text"/>
            <col class="col-text"/>
            <col class="col-text"/>
            <col class="col-text-wide"/>
            {assessment.then(|| (0..5).map(|_| view! { <col class="col-assess"/> }).collect_view())}
            {editable.then(|| view! { <col class="col-actions"/> })}
        </colgroup>
        <thead>
            <tr>
                {(0..7)
                    .map(|index| view! { <th scope="col">{move || t().columns[index]}</th> })
                    .collect_view()}
                {assessment.then(assessment_heads)}
                {editable
                    .then(|| {
                        view! { <th scope="col" class="cell-actions">{move || t().actions_column}</th> }
                    })}
            </tr>
        </thead>
    }
}
