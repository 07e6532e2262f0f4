//! The audit log of sign-ins and account changes.
use crate::admin::model::AuditEntry;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub(super) fn AuditLog(entries: Vec<AuditEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = entries
        .into_iter()
        .map(|entry| {
            let t = i18n.t();
            view! {
                <tr data-kind=entry.kind.clone()>
                    <td>{t.moment(entry.at)}</td>
                    <td>{t.admin.audit_kind(&entry.kind)}</td>
                    <td>{entry.username.unwrap_or_default()}</td>
                    <td>{entry.actor.unwrap_or_default()}</td>
                    <td>{entry.client.unwrap_or_default()}</td>
                    <td>{entry.detail.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="admin audit" aria-labelledby="audit-title">
            <h2 id="audit-title">{move || i18n.t().admin.audit_title}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="audit-title">
                <table class="admin-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t().admin.audit_when}</th>
                            <th scope="col">{move || i18n.t().admin.audit_what}</th>
                            <th scope="col">{move || i18n.t().session.username_label}</th>
                            <th scope="col">{move || i18n.t().admin.audit_by}</th>
                            <th scope="col">{move || i18n.t().admin.audit_address}</th>
                            <th scope="col">{move || i18n.t().admin.audit_detail}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
