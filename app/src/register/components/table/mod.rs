//! The register laid out as the printed form, with the editor's controls
//! where the user may change it, filtered, and windowed when it is long.
mod body;
mod head;
mod row;
mod section;
mod state;

use super::scroll::follow_scrolling;
use super::window::{RowWindow, WINDOW_ABOVE};
use super::{
    Access, AddBagian, Announcer, AssessmentCells, BagianHeading, BagianList, DeletedRows,
    EditableCell, EmptySection, FilterBar, HistoryRow, NewRow, NotesRow, RowActions, RowEditing,
    RowLive, RowStore, SourceList, TypedFilter, follow_changes,
};
use crate::auth::{CurrentUser, Role};
use crate::i18n::{Locale, use_i18n};
use crate::register::filter::{RowFilter, SearchIndex};
use crate::register::model::{Field, RegisterStatus, RegisterView, RiskRowView, SectionView};
use body::OfficialTable;
use head::{AccessNote, ColumnHead, RegisterHead, WholeTableLink};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rustc_hash::FxHashMap;
use section::{SectionRows, section_lists};
use state::Shown;
use state::TableState;

/// The register laid out as the printed form: seven columns, each Bagian's
/// number and name spanning its rows.
#[component]
pub fn RegisterTable(
    register: RegisterView,
    /// The signed-in user: what they may change shows as controls.
    user: Option<CurrentUser>,
    /// The register's documents, under its heading.
    #[prop(optional)]
    documents: ViewFn,
    /// The workbook import, for those who may change rows.
    #[prop(optional)]
    import: ViewFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || i18n.t();
    let register_id = register.id;
    let state = TableState::new(&register, user);
    let TableState { access, edits, ready, announcer, total, .. } = state;
    let head = view! { <RegisterHead register=register.clone() documents/> };
    let choices = register
        .sections
        .iter()
        .map(|section| (section.bagian_id, section.name.clone()))
        .collect::<Vec<_>>();
    provide_context(BagianList(StoredValue::new(choices.clone())));
    let access_note = state.now.then(|| {
        let status = register.status;
        view! { <AccessNote access choices=choices.clone() status/> }.into_any()
    });
    let shown = state.shown_count();
    let filter_bar = view! { <FilterBar sections=choices filter=state.filter shown total/> };
    let whole_link = state.windowed.then(|| view! { <WholeTableLink total/> }.into_any());
    let nothing_shown = move || shown.get() == 0 && total > 0;
    // Erased: the type of the whole table stays within the compiler's depth
    // limit.
    let body = view! { <OfficialTable register state/> }.into_any();
    view! {
        <section class="register" aria-labelledby="register-title">
            {head}
            <Show when=move || edits && ready.get()>
                {import.run()}
            </Show>
            {access_note}
            {filter_bar}
            <p class="scroll-hint">{move || t().scroll_hint}</p>
            {whole_link}
            <p id="edit-hint" class="visually-hidden">{move || t().edit_hint}</p>
            <p id="grid-hint" class="visually-hidden">{move || t().grid_hint}</p>
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
                {move || announcer.0.get()}
            </p>
            {body}
            <Show when=nothing_shown>
                <p class="no-match" data-testid="no-match">{move || t().no_match}</p>
            </Show>
            <Show when=move || access.bagian() && ready.get()>
                <AddBagian register_id/>
            </Show>
            <Show when=move || edits && ready.get()>
                <DeletedRows register_id/>
            </Show>
        </section>
    }
    .into_any()
}
