use crate::register::filter::{Piece, highlight};
use crate::register::model::RichText;
use leptos::either::Either;
use leptos::prelude::*;

/// Cell text with its emphasis as `<em>` and search matches as `<mark>`;
/// everything else is escaped text.
#[component]
pub fn RichTextView(
    text: RichText,
    /// Folded search words to mark.
    #[prop(optional)]
    terms: Vec<String>,
) -> impl IntoView {
    highlight(&text, &terms)
        .into_iter()
        .map(|Piece { text, emphasis, matched }| {
            let words = if matched {
                Either::Left(view! { <mark>{text}</mark> })
            } else {
                Either::Right(text)
            };
            if emphasis { Either::Left(view! { <em>{words}</em> }) } else { Either::Right(words) }
        })
        .collect_view()
}
