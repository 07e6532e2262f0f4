use crate::register::model::RichText;
use leptos::either::Either;
use leptos::prelude::*;

/// Cell text with its emphasis as `<em>`; everything else is escaped text.
#[component]
pub fn RichTextView(text: RichText) -> impl IntoView {
    text.spans()
        .into_iter()
        .map(|span| {
            let words = span.text.to_owned();
            if span.emphasis {
                Either::Left(view! { <em>{words}</em> })
            } else {
                Either::Right(words)
            }
        })
        .collect_view()
}
