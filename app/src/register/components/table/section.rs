//! One Bagian's rows, and which of them are on show.
use super::row::{Lead, RowView};
use super::*;

/// One Bagian: a `<tbody>` whose first shown row carries the spanning cells.
#[component]
pub(super) fn SectionRows(
    register_id: i32,
    section: SectionView,
    /// Its rows on show, in printed order (see `section_lists`).
    visible: ReadSignal<Vec<i32>>,
    /// The last row of the Bagian above it (none: there is none above).
    after: Option<i32>,
    editable: bool,
    ready: ReadSignal<bool>,
    shown: Shown,
) -> impl IntoView {
    let editing = use_context::<RowEditing>();
    let SectionView { bagian_id, ordinal, name, rows } = section;
    // The table has a column of controls (`editable`); this Bagian's rows
    // are the user's to change (`own`); the Bagian's tools are admins'.
    let access = use_context::<Access>();
    let own = access.is_some_and(|access| access.rows_of(bagian_id));
    let manage = access.is_some_and(|access| access.bagian());
    let interactive = Signal::derive(move || manage && ready.get());
    let starts = Signal::derive(move || own && ready.get());
    if rows.is_empty() {
        // Shown to those who can give it rows, and only when nothing is
        // filtered (it matches no search); in a window, only where its place
        // is in the DOM.
        let placed = move || {
            shown.window.rows.with(|rows| match (rows, after) {
                (None, _) => true,
                (Some(rows), Some(after)) => rows.contains(&after),
                (Some(_), None) => shown.window.above.get() == 0.0,
            })
        };
        let hidden = move || !(own || manage) || shown.rows.with(Option::is_some) || !placed();
        return view! {
            <tbody class="register-section" data-bagian=bagian_id hidden=hidden>
                <EmptySection register_id bagian=bagian_id name interactive starts columns=shown.panel_columns()/>
            </tbody>
        }
        .into_any();
    }
    let rows = StoredValue::new(rows);
    let first = Memo::new(move |_| visible.with(|ids| ids.first().copied()));
    // A new row being written in this Bagian, and a row's open history, are
    // spanned too.
    let span = Signal::derive(move || {
        let below =
            |open: Option<i32>| open.is_some_and(|id| visible.with(|ids| ids.contains(&id)));
        let (writing, history, notes) = editing.map_or((false, false, false), |editing| {
            (
                below(editing.adding_after.get()),
                below(editing.history.get()),
                below(editing.notes.get()),
            )
        });
        visible.with(Vec::len) + usize::from(writing) + usize::from(history) + usize::from(notes)
    });
    let lead = Lead { first, ordinal, name: StoredValue::new(name), span, interactive };
    let row_view = move |id: i32| {
        let Some(row) = rows.with_value(|rows| rows.iter().find(|row| row.id == id).cloned())
        else {
            return ().into_any();
        };
        view! { <RowView register_id row bagian=bagian_id editable own ready shown lead/> }
            .into_any()
    };
    view! {
        <tbody
            class="register-section"
            data-bagian=bagian_id
            hidden=move || visible.with(Vec::is_empty)
        >
            <For each=move || visible.get() key=|id| *id children=row_view/>
        </tbody>
    }
    .into_any()
}

/// Each Bagian's rows on show: those the filter lets through, and of a long
/// register those in the window. One effect works them all out and sets a
/// Bagian's list only when it changes: a keystroke wakes no Bagian whose
/// rows stay, and no signal has hundreds of subscribers to unsubscribe.
pub(super) fn section_lists(sections: &[SectionView], shown: Shown) -> Vec<ReadSignal<Vec<i32>>> {
    let ids: Vec<Vec<i32>> =
        sections.iter().map(|section| section.rows.iter().map(|row| row.id).collect()).collect();
    let place: FxHashMap<i32, usize> = ids
        .iter()
        .enumerate()
        .flat_map(|(place, ids)| ids.iter().map(move |id| (*id, place)))
        .collect();
    let count = ids.len();
    // (Bagian, its rows), for the Bagian with rows on show.
    let compute = move || -> Vec<(usize, Vec<i32>)> {
        let group = |rows: &[i32]| {
            let mut lists: Vec<(usize, Vec<i32>)> = Vec::new();
            for id in rows {
                let Some(&at) = place.get(id) else { continue };
                match lists.last_mut() {
                    Some((last, list)) if *last == at => list.push(*id),
                    _ => lists.push((at, vec![*id])),
                }
            }
            lists
        };
        shown.window.rows.with(|window| match window {
            Some(window) => group(window),
            None => shown.rows.with(|filter| match filter {
                Some(filter) => group(filter),
                None => {
                    ids.iter().cloned().enumerate().filter(|(_, ids)| !ids.is_empty()).collect()
                }
            }),
        })
    };
    let first = untrack(&compute);
    let mut initial = vec![Vec::new(); count];
    for (at, list) in first.iter() {
        initial[*at] = list.clone();
    }
    let lists: Vec<RwSignal<Vec<i32>>> = initial.into_iter().map(RwSignal::new).collect();
    let targets = lists.clone();
    // The Bagian with rows on show last time: only these and the new ones
    // can change.
    let before = StoredValue::new(first.iter().map(|(at, _)| *at).collect::<Vec<_>>());
    Effect::new(move |_| {
        let now = compute();
        let emptied: Vec<usize> = before.with_value(|before| {
            before.iter().copied().filter(|at| !now.iter().any(|(n, _)| n == at)).collect()
        });
        for at in emptied {
            targets[at].set(Vec::new());
        }
        for (at, list) in &now {
            if targets[*at].with_untracked(|old| old != list) {
                targets[*at].set(list.clone());
            }
        }
        before.set_value(now.iter().map(|(at, _)| *at).collect());
    });
    lists.into_iter().map(|list| list.read_only()).collect()
}
