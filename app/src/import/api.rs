//! The browser's workbook import: one server function, called twice with
//! the same file. First it answers what the file would do (nothing is
//! stored); then, with the preview's version and the conflicts the user
//! takes from the file, it applies it in one transaction and every open
//! page hears of it.
use super::diff::ImportPreview;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// The server function's address.
pub const ENDPOINT: &str = "/api/import_workbook";

/// The largest workbook accepted: 20,000 rows take about 3 MB.
pub const MAX_UPLOAD_BYTES: usize = 16 * 1024 * 1024;

/// The form's fields.
pub mod fields {
    /// The register's id.
    pub const REGISTER: &str = "register";
    /// The `.xlsx` file.
    pub const FILE: &str = "file";
    /// "Terapkan": the register's version the preview showed.
    pub const APPLY_AT: &str = "apply_at";
    /// A conflicting row's code to take from the file (repeated).
    pub const TAKE: &str = "take";
}

/// Reads the uploaded workbook and previews it into register `register`,
/// or applies it when `apply_at` is given. Admins, and editors for the rows
/// of their Bagian; refused with the sheet, row and column of what cannot
/// be read.
#[server(endpoint = "import_workbook", input = MultipartFormData)]
pub async fn import_workbook(data: MultipartData) -> Result<ImportPreview, AppError> {
    use crate::register::edit::{Commit, in_write_as};
    use crate::register::write::{Actor, Source};
    let run = async {
        let user = crate::auth::current_user().ok_or(AppError::Unauthorized)?;
        if !user.edits_rows() {
            return Err(AppError::Forbidden);
        }
        let locale = crate::i18n::initial_locale();
        let form = read_form(data, locale).await?;
        let actor = Actor {
            user: Some(user),
            source: Source::Import,
            client: crate::auth::request_client(),
        };
        let commit = if form.apply_at.is_some() { Commit::Yes } else { Commit::No };
        in_write_as(actor, commit, async |write| {
            let upload = super::preview::Upload {
                register: form.register,
                bytes: &form.file,
                taken: &form.taken,
                apply_at: form.apply_at,
            };
            super::preview::run_upload(write, locale, upload).await
        })
        .await
    };
    run.await.map_err(AppError::with_http_status)
}

#[cfg(feature = "ssr")]
struct Form {
    register: i32,
    file: Vec<u8>,
    apply_at: Option<i32>,
    taken: Vec<String>,
}

/// The multipart form, the file read up to [`MAX_UPLOAD_BYTES`].
#[cfg(feature = "ssr")]
async fn read_form(data: MultipartData, locale: crate::i18n::Locale) -> Result<Form, AppError> {
    let bad = |what: &str| AppError::BadRequest(what.to_owned());
    let mut multipart = data.into_inner().ok_or_else(|| bad("not a multipart form"))?;
    let (mut register, mut file, mut apply_at, mut taken) = (None, None, None, Vec::new());
    let number = |text: &str, name: &str| {
        text.trim().parse::<i32>().map_err(|_| bad(&format!("{name}: not a number")))
    };
    while let Some(mut field) =
        multipart.next_field().await.map_err(|error| bad(&error.to_string()))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == fields::FILE {
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(|error| bad(&error.to_string()))? {
                if bytes.len() + chunk.len() > MAX_UPLOAD_BYTES {
                    let too_large = locale.strings().upload.too_large;
                    return Err(AppError::Workbook(too_large(MAX_UPLOAD_BYTES >> 20)));
                }
                bytes.extend_from_slice(&chunk);
            }
            file = Some(bytes);
            continue;
        }
        let text = field.text().await.map_err(|error| bad(&error.to_string()))?;
        match name.as_str() {
            fields::REGISTER => register = Some(number(&text, fields::REGISTER)?),
            fields::APPLY_AT => apply_at = Some(number(&text, fields::APPLY_AT)?),
            fields::TAKE => {
                crate::rules::parse_expected(crate::register::model::Field::Code, &text)
                    .map_err(|error| AppError::Validation(vec![error]))?;
                taken.push(text);
            }
            other => {
                return Err(bad(&format!(
                    "{}: unknown field",
                    other.chars().take(64).collect::<String>()
                )));
            }
        }
    }
    Ok(Form {
        register: register.ok_or_else(|| bad("register: missing"))?,
        file: file.ok_or_else(|| bad("file: missing"))?,
        apply_at,
        taken,
    })
}
