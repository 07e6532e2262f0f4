//! The settings on the admin page.
mod matrix;
mod sources;

use leptos::prelude::*;
pub use matrix::MatrixEditor;
pub use sources::SourcesEditor;

/// The outcome of an admin's last action: a status, or an alert.
#[component]
pub(crate) fn Message(
    message: RwSignal<Option<(bool, String)>>,
    testid: &'static str,
) -> impl IntoView {
    move || {
        message.get().map(|(error, text)| {
            let role = if error { "alert" } else { "status" };
            view! {
                <p class="admin-message" class:is-error=error role=role data-testid=testid>
                    {text}
                </p>
            }
        })
    }
}
