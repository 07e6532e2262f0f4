use crate::i18n::{Strings, use_i18n};
use leptos::prelude::*;
use leptos::text_prop::TextProp;
use leptos_meta::Title;

/// The document title, in the UI language.
#[component]
pub fn PageTitle(text: fn(&'static Strings) -> String) -> impl IntoView {
    let i18n = use_i18n();
    // The server reads the title after the page has rendered, when the
    // request's signals may already be disposed: give it a plain string.
    // In the browser the title follows the language switch.
    #[cfg(feature = "ssr")]
    let title = TextProp::from(text(i18n.t()));
    #[cfg(not(feature = "ssr"))]
    let title = TextProp::from(move || text(i18n.t()));
    view! { <Title text=title/> }
}
