//! An account's fields: its role, and an editor's Bagian.
use crate::auth::Role;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The role choices, named in the UI language.
#[component]
pub(super) fn RoleSelect(id: String, role: RwSignal<Role>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select
            id=id
            on:change=move |event| {
                if let Some(chosen) = Role::parse(&event_target_value(&event)) {
                    role.set(chosen);
                }
            }
        >
            {Role::ALL
                .into_iter()
                .map(|option| {
                    view! {
                        <option value=option.code() selected=move || role.get() == option>
                            {move || option.label(i18n.t())}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
    .into_any()
}

/// The Bagian an editor edits: a box each.
#[component]
pub(super) fn BagianChoice(
    bagian: Vec<(i32, String)>,
    chosen: RwSignal<Vec<i32>>,
    /// Names the group (a user, or the new one).
    prefix: String,
) -> impl IntoView {
    view! {
        <span class="admin-bagian">
            {bagian
                .into_iter()
                .map(|(id, name)| {
                    let input = format!("{prefix}-bagian-{id}");
                    let label_for = input.clone();
                    view! {
                        <label for=label_for>
                            <input
                                type="checkbox"
                                id=input
                                prop:checked=move || chosen.with(|c| c.contains(&id))
                                on:change=move |event| {
                                    let on = event_target_checked(&event);
                                    chosen
                                        .update(|c| {
                                            c.retain(|b| *b != id);
                                            if on {
                                                c.push(id);
                                            }
                                        });
                                }
                            />
                            {name}
                        </label>
                    }
                })
                .collect_view()}
        </span>
    }
    .into_any()
}
