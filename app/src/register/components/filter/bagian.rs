//! The Bagian to show, chosen several at once; folded away when there are
//! many.
use super::Go;
use crate::i18n::use_i18n;
use crate::register::filter::RowFilter;
use leptos::prelude::*;

/// Up to this many Bagian, their boxes are always in view; more are folded.
const FOLDED_ABOVE: usize = 12;

/// A box per Bagian. Each has its own signal, set by one effect when the
/// choice changes: a keystroke in the search then checks one memo, not
/// hundreds of boxes.
#[component]
pub(super) fn BagianChoices(
    sections: Vec<(i32, String)>,
    filter: Memo<RowFilter>,
    go: Go,
) -> impl IntoView {
    let i18n = use_i18n();
    // The Bagian chosen, apart from the search: typing wakes no checkbox.
    let chosen = Memo::new(move |_| filter.with(|filter| filter.bagian.clone()));
    let bagian_count = sections.len();
    let ids: Vec<i32> = sections.iter().map(|(id, _)| *id).collect();
    let checks: Vec<RwSignal<bool>> = chosen
        .with_untracked(|chosen| ids.iter().map(|id| RwSignal::new(chosen.contains(id))).collect());
    let boxes = checks.clone();
    Effect::new(move |_| {
        chosen.with(|chosen| {
            for (id, check) in ids.iter().zip(&boxes) {
                let on = chosen.contains(id);
                if check.get_untracked() != on {
                    check.set(on);
                }
            }
        })
    });
    let choices = sections
        .into_iter()
        .zip(checks)
        .map(|((id, name), check)| view! { <BagianBox id name check filter go/> })
        .collect_view();
    if bagian_count <= FOLDED_ABOVE {
        return view! { <div class="bagian-choices">{choices}</div> }.into_any();
    }
    // Many Bagian: folded away until asked for (open while some are
    // chosen), and then they scroll within a few lines.
    let summary =
        move || chosen.with(|chosen| (i18n.t().bagian_chosen)(chosen.len(), bagian_count));
    let open = chosen.with_untracked(|chosen| !chosen.is_empty());
    view! {
        <details class="bagian-fold" open=open>
            <summary>{summary}</summary>
            <div class="bagian-choices">{choices}</div>
        </details>
    }
    .into_any()
}

/// One Bagian's box: checking it adds the Bagian to those shown.
#[component]
fn BagianBox(
    id: i32,
    name: String,
    check: RwSignal<bool>,
    filter: Memo<RowFilter>,
    go: Go,
) -> impl IntoView {
    let checked = move || check.get();
    let on_change = move |_| {
        let mut next = filter.get_untracked();
        if next.bagian.contains(&id) {
            next.bagian.retain(|chosen| *chosen != id);
        } else {
            next.bagian.push(id);
            next.bagian.sort_unstable();
        }
        go.run((next, false));
    };
    view! {
        <label class="bagian-choice">
            <input
                type="checkbox"
                name="bagian"
                value=id
                checked=checked
                prop:checked=checked
                on:change=on_change
            />
            <span>{name}</span>
        </label>
    }
}
