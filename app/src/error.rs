//! The one error type of the app, shared by server functions and pages.
use crate::rules::FieldError;
use http::StatusCode;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// A call that could not be read (arguments of the wrong type, a body
    /// that is not UTF-8); what was wrong, for whoever crafted it.
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("not found")]
    NotFound,
    #[error("not signed in")]
    Unauthorized,
    #[error("not allowed")]
    Forbidden,
    /// Input that breaks a rule; each error names its field and limit.
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    /// An account change the rules refuse (admin page).
    #[error("account change refused: {0:?}")]
    Account(crate::rules::account::AccountProblem),
    /// The row was saved by someone else since the editor loaded `expected`.
    #[error("version conflict: expected {expected}, found {current}")]
    Conflict { expected: i32, current: i32 },
    /// Someone saved this cell since the editor read it: `theirs` is what it
    /// holds now, to show beside the user's own text.
    #[error("the cell was changed by someone else")]
    CellConflict { field: crate::rules::Field, theirs: String, version: i32 },
    /// An uploaded workbook cannot be read: why, naming sheet, row and
    /// column, in the user's language.
    #[error("workbook refused: {0}")]
    Workbook(String),
    /// The register is set (ditetapkan): no write may change it.
    #[error("the register of {year} is final")]
    RegisterFinal { year: i32 },
    /// The register is submitted or reviewed: its text is fixed until it
    /// is returned to draft.
    #[error("the register of {year} is under review")]
    RegisterUnderReview { year: i32, status: crate::rules::cycle::RegisterStatus },
    /// The database cannot be reached; the details are in the server log.
    #[error("database unavailable")]
    Unavailable,
    /// Anything else; the details are in the server log, never shown.
    #[error("internal error")]
    Internal,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::Validation(_) | Self::Account(_) | Self::Workbook(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Self::Conflict { .. }
            | Self::CellConflict { .. }
            | Self::RegisterFinal { .. }
            | Self::RegisterUnderReview { .. } => StatusCode::CONFLICT,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Gives the server function's HTTP response this error's status (a
    /// server function's error is otherwise always a 500).
    pub fn with_http_status(self) -> Self {
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(self.status());
        }
        self
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = match value {
            // The browser could not reach the server at all.
            ServerFnErrorErr::Request(_) => Self::Unavailable,
            // The call itself is malformed: the caller's fault, not ours.
            ServerFnErrorErr::Args(message)
            | ServerFnErrorErr::MissingArg(message)
            | ServerFnErrorErr::Deserialization(message)
            | ServerFnErrorErr::UnsupportedRequestMethod(message) => Self::BadRequest(message),
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failed");
                let _ = other;
                Self::Internal
            }
        };
        // On the server this runs inside the request, before any body of
        // ours: give the response the error's status (else always 500).
        #[cfg(feature = "ssr")]
        {
            if let Self::BadRequest(message) = &error {
                tracing::warn!(%message, "malformed server function call refused");
            }
            error.with_http_status()
        }
        #[cfg(not(feature = "ssr"))]
        error
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        if crate::db::is_unavailable(&error) {
            tracing::error!(%error, "database unreachable");
            Self::Unavailable
        } else {
            tracing::error!(%error, "database error");
            Self::Internal
        }
    }
}
