use super::PageTitle;
use crate::error::AppError;
use crate::i18n::{Strings, use_i18n};
use leptos::prelude::*;

/// A full-width message in place of a page's content.
#[component]
pub fn StatusPanel(
    code: u16,
    title: Words,
    body: fn(&Strings) -> String,
    #[prop(optional)] items: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    set_status(code);
    view! {
        <PageTitle text=title/>
        <section class="status-panel" data-status=code>
            <p class="status-code">{code}</p>
            <h1>{move || title(i18n.t())}</h1>
            <p>{move || body(i18n.t())}</p>
            {(!items.is_empty()).then(|| view! {
                <ul class="status-items">
                    {items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
                </ul>
            })}
            <p><a class="button" href="/">{move || i18n.t().back_to_register}</a></p>
        </section>
    }
}

/// Any path the router does not know: a real 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <StatusPanel
            code=404
            title=|t| t.not_found_title.to_owned()
            body=|t| t.not_found_body.to_owned()
        />
    }
}

/// What a page shows when loading its data failed; sets the HTTP status.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let code = error.status().as_u16();
    let (title, body) = wording(&error);
    let t = i18n.t();
    let items = match error {
        AppError::Account(problem) => vec![t.admin.account_problem(problem)],
        AppError::Workbook(problem) => vec![problem],
        AppError::Validation(errors) => errors.iter().map(|e| t.field_error(*e)).collect(),
        _ => Vec::new(),
    };
    view! { <StatusPanel code title body items/> }
}

/// Words of the UI language, read when shown.
type Words = fn(&'static Strings) -> String;

/// A panel's title and text for `error` (the problems themselves, when
/// the input was refused, are listed below them).
fn wording(error: &AppError) -> (Words, fn(&Strings) -> String) {
    match error {
        AppError::Unavailable => {
            (|t| t.unavailable_title.to_owned(), |t| t.unavailable_body.to_owned())
        }
        AppError::NotFound => (|t| t.not_found_title.to_owned(), |t| t.not_found_body.to_owned()),
        AppError::BadRequest(_) => {
            (|t| t.bad_request_title.to_owned(), |t| t.bad_request_body.to_owned())
        }
        AppError::RegisterFinal { .. } => {
            (|t| t.final_title.to_owned(), |t| t.final_body.to_owned())
        }
        AppError::RegisterUnderReview { .. } => {
            (|t| t.cycle.under_review_title.to_owned(), |t| t.cycle.under_review_body.to_owned())
        }
        AppError::Conflict { .. } | AppError::CellConflict { .. } => {
            (|t| t.conflict_title.to_owned(), |t| t.conflict_body.to_owned())
        }
        AppError::Account(_) | AppError::Workbook(_) | AppError::Validation(_) => {
            (|t| t.validation_title.to_owned(), |_| String::new())
        }
        AppError::Unauthorized | AppError::Forbidden => {
            (|t| t.forbidden_title.to_owned(), |t| t.forbidden_body.to_owned())
        }
        AppError::Internal => (|t| t.internal_title.to_owned(), |t| t.internal_body.to_owned()),
    }
}

fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
