//! A realisation's evidence, shown as a link when it is a web address.
use crate::i18n::use_i18n;
use crate::rules::assessment::evidence_link;
use leptos::prelude::*;

/// Evidence that is a web address, as a link that opens it.
pub(super) fn evidence_view(evidence: String) -> impl IntoView {
    let i18n = use_i18n();
    evidence_link(&evidence).map(|href| {
        let href = href.to_owned();
        view! {
            <a class="evidence-link" href=href target="_blank" rel="noopener noreferrer nofollow">
                {move || i18n.t().open_evidence}
            </a>
        }
    })
}
