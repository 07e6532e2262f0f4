use super::PageTitle;
use crate::error::AppError;
use crate::i18n::{Strings, use_i18n};
use leptos::prelude::*;

/// A full-width message in place of a page's content.
#[component]
pub fn StatusPanel(
    code: u16,
    title: fn(&'static Strings) -> String,
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
    match error {
        AppError::Unavailable => view! {
            <StatusPanel
                code
                title=|t| t.unavailable_title.to_owned()
                body=|t| t.unavailable_body.to_owned()
            />
        }
        .into_any(),
        AppError::NotFound => view! { <NotFoundPage/> }.into_any(),
        AppError::BadRequest(_) => view! {
            <StatusPanel
                code
                title=|t| t.bad_request_title.to_owned()
                body=|t| t.bad_request_body.to_owned()
            />
        }
        .into_any(),
        AppError::RegisterFinal { .. } => view! {
            <StatusPanel
                code
                title=|t| t.final_title.to_owned()
                body=|t| t.final_body.to_owned()
            />
        }
        .into_any(),
        AppError::Conflict { .. } | AppError::CellConflict { .. } => view! {
            <StatusPanel
                code
                title=|t| t.conflict_title.to_owned()
                body=|t| t.conflict_body.to_owned()
            />
        }
        .into_any(),
        AppError::Account(problem) => {
            let items = vec![i18n.t().admin.account_problem(problem)];
            view! {
                <StatusPanel
                    code
                    title=|t| t.validation_title.to_owned()
                    body=|_| String::new()
                    items
                />
            }
            .into_any()
        }
        AppError::Workbook(problem) => view! {
            <StatusPanel
                code
                title=|t| t.validation_title.to_owned()
                body=|_| String::new()
                items=vec![problem]
            />
        }
        .into_any(),
        AppError::Validation(errors) => {
            let items = errors.iter().map(|e| i18n.t().field_error(*e)).collect();
            view! {
                <StatusPanel
                    code
                    title=|t| t.validation_title.to_owned()
                    body=|_| String::new()
                    items
                />
            }
            .into_any()
        }
        AppError::Unauthorized | AppError::Forbidden => view! {
            <StatusPanel
                code
                title=|t| t.forbidden_title.to_owned()
                body=|t| t.forbidden_body.to_owned()
            />
        }
        .into_any(),
        AppError::Internal => view! {
            <StatusPanel
                code
                title=|t| t.internal_title.to_owned()
                body=|t| t.internal_body.to_owned()
            />
        }
        .into_any(),
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
