//! Server functions that change a register's rows: thin adapters over the
//! one write path (`write`), which checks versions, logs and locks.
#[cfg(feature = "ssr")]
mod run;

use super::model::{Field, RichText};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
pub use run::write_counts;
#[cfg(feature = "ssr")]
pub(crate) use run::{Commit, in_write, in_write_as};
#[cfg(feature = "ssr")]
use run::{log_refusal, web_actor};
use serde::{Deserialize, Serialize};

/// A cell as saved: the row's new version and the text as stored (trimmed,
/// normalised), for the editor to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellSaved {
    pub version: i32,
    pub value: RichText,
}

/// Saves one text cell of a risk row. `expected` is the cell's text when the
/// user started editing; if someone saved the cell since, the answer is a
/// conflict carrying their text, and nothing is overwritten. `value` (the
/// cell with its `<i>` emphasis) is checked by the cell rules, a refusal
/// naming the field.
#[server(endpoint = "save_cell")]
pub async fn save_cell(
    row: i32,
    field: Field,
    expected: String,
    value: String,
) -> Result<CellSaved, AppError> {
    in_write(async |write| {
        let value = crate::rules::parse_cell(field, &value).map_err(one_invalid)?;
        let saved = super::write::save_cell(write, row, field, &expected, &value).await?;
        Ok(CellSaved { version: saved.version, value: saved.value })
    })
    .await
}

/// An assessment field as saved: the row's new version and its whole
/// assessment as stored (score, level and overdue follow the field).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentSaved {
    pub version: i32,
    pub assessment: super::model::Assessment,
}

/// Saves one assessment or control tracking field of a risk row (`field`
/// one of `Field::ASSESSMENT`, or of `Field::REALISATION` with its
/// `quarter`, 1 to 4), written as a form writes it (`""` for none, `3`,
/// `2026-06-30`, `selesai`, `75`). `expected` is the field's value when the
/// user started; if someone saved it since, the answer is a conflict with
/// theirs. Residual above inherent, a date that is none, a number out of
/// its scale: refused, naming the field and the limit.
#[server(endpoint = "save_assessment")]
pub async fn save_assessment(
    row: i32,
    field: Field,
    #[server(default)] quarter: Option<i32>,
    expected: String,
    value: String,
) -> Result<AssessmentSaved, AppError> {
    in_write(async |write| {
        let today = crate::db::today();
        let edit = super::write::AssessmentEdit {
            row,
            field,
            quarter,
            expected: &expected,
            value: &value,
        };
        let saved = super::write::save_assessment(write, edit, today).await?;
        Ok(AssessmentSaved { version: saved.version, assessment: saved.assessment })
    })
    .await
}

/// The five cells of a new row, in printed order, as typed (with `<i>`
/// emphasis): the server checks each by the cell rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRowCells {
    pub aktivitas: String,
    pub potensi: String,
    pub penyebab: String,
    pub dampak: String,
    pub rencana: String,
}

impl NewRowCells {
    /// The cells by the cell rules; every refusal, each naming its field.
    pub fn parse(&self) -> Result<[RichText; 5], Vec<crate::rules::FieldError>> {
        let texts = [&self.aktivitas, &self.potensi, &self.penyebab, &self.dampak, &self.rencana];
        let mut cells = Vec::new();
        let mut problems = Vec::new();
        for (field, text) in Field::CELLS.into_iter().zip(texts) {
            match crate::rules::parse_cell(field, text) {
                Ok(cell) => cells.push(cell),
                Err(problem) => problems.push(problem),
            }
        }
        <[RichText; 5]>::try_from(cells).map_err(|_| problems)
    }
}

/// A row added: its id and its code ("BK-014").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowAdded {
    pub id: i32,
    pub code: String,
}

/// Adds a row to a Bagian of register `register`: below row `after` when
/// given, else at the end of Bagian `bagian`.
#[server(endpoint = "add_row", input = leptos::server_fn::codec::Json)]
pub async fn add_row(
    register: i32,
    bagian: i32,
    after: Option<i32>,
    cells: NewRowCells,
) -> Result<RowAdded, AppError> {
    in_write(async |write| {
        use super::write::Placement;
        let placement = match after {
            Some(row_id) => Placement::After { row_id },
            None => Placement::End { bagian_id: bagian },
        };
        let cells = cells.parse().map_err(AppError::Validation)?;
        let added = super::write::add_row(write, register, placement, &cells).await?;
        Ok(RowAdded { id: added.id, code: added.code })
    })
    .await
}

/// Deletes a row (softly: it can be brought back) if it is still at
/// `version`, the version the user saw.
#[server(endpoint = "delete_row")]
pub async fn delete_row(row: i32, version: i32) -> Result<(), AppError> {
    in_write(async |write| {
        super::write::remove_row(write, row, version).await?;
        Ok(())
    })
    .await
}

/// Brings a deleted row back to its place; returns its new version.
#[server(endpoint = "restore_row")]
pub async fn restore_row(row: i32) -> Result<i32, AppError> {
    in_write(async |write| {
        let version = super::write::restore_row(write, row).await?;
        Ok(version)
    })
    .await
}

/// Moves a row one place up (or down) within its Bagian if it is still at
/// `version`; returns its version after.
#[server(endpoint = "move_row")]
pub async fn move_row(row: i32, version: i32, up: bool) -> Result<i32, AppError> {
    in_write(async |write| {
        let version = super::write::move_row(write, row, version, up).await?;
        Ok(version)
    })
    .await
}

/// Moves a row to the end of Bagian `bagian` of its register if it is still
/// at `version`; returns its version after.
#[server(endpoint = "move_row_to")]
pub async fn move_row_to(row: i32, version: i32, bagian: i32) -> Result<i32, AppError> {
    in_write(async |write| {
        let version = super::write::move_to_bagian(write, row, version, bagian).await?;
        Ok(version)
    })
    .await
}

/// Adds a Bagian named `name` at the end of register `register`; returns
/// its id.
#[server(endpoint = "add_bagian")]
pub async fn add_bagian(register: i32, name: String) -> Result<i32, AppError> {
    in_write(async |write| Ok(super::write::add_bagian(write, register, &name).await?)).await
}

/// Renames Bagian `bagian` of register `register` to `name` if it is still
/// called `expected`; returns the name as stored.
#[server(endpoint = "rename_bagian")]
pub async fn rename_bagian(
    register: i32,
    bagian: i32,
    expected: String,
    name: String,
) -> Result<String, AppError> {
    in_write(async |write| {
        Ok(super::write::rename_bagian(write, register, bagian, &expected, &name).await?)
    })
    .await
}

/// Moves Bagian `bagian` one place up (or down) past `neighbour`, the
/// Bagian the user saw there.
#[server(endpoint = "move_bagian")]
pub async fn move_bagian(
    register: i32,
    bagian: i32,
    up: bool,
    neighbour: i32,
) -> Result<(), AppError> {
    in_write(async |write| {
        Ok(super::write::move_bagian(write, register, bagian, up, neighbour).await?)
    })
    .await
}

/// Removes Bagian `bagian` from register `register` if it has no rows.
#[server(endpoint = "remove_bagian")]
pub async fn remove_bagian(register: i32, bagian: i32) -> Result<(), AppError> {
    in_write(async |write| Ok(super::write::remove_bagian(write, register, bagian).await?)).await
}

/// One rule's refusal as a server function answers it.
#[cfg(feature = "ssr")]
fn one_invalid(error: crate::rules::FieldError) -> AppError {
    AppError::Validation(vec![error])
}

/// Says that the signed-in user opened row `row` for editing (`editing`),
/// or closed it: every page of the register shows who edits which row.
/// Said again every `PRESENCE_EVERY_SECS` while the editor is open; nothing
/// is stored. Only for rows the user may edit.
#[server(endpoint = "presence")]
pub async fn announce_editing(row: i32, editing: bool) -> Result<(), AppError> {
    let actor = web_actor();
    let run = async {
        let user = actor.user.clone().ok_or(AppError::Unauthorized)?;
        let db = crate::state::db()?;
        let place = super::repo::row_place(&db, row).await?;
        let (register, bagian) = place.ok_or(AppError::NotFound)?;
        if !user.may(crate::auth::Permission::EditRowsOf(bagian)) {
            return Err(AppError::Forbidden);
        }
        let presence = crate::live::Presence {
            register,
            row,
            user: user.id,
            name: user.display_name,
            editing,
        };
        let state = use_context::<crate::state::AppState>().ok_or(AppError::Unavailable)?;
        // The other instances tell their pages.
        crate::live::notify(&db, crate::live::presence_payload(state.live.origin(), &presence))
            .await?;
        state.live.publish_presence(presence);
        Ok(())
    };
    let result = run.await;
    if matches!(result, Err(AppError::Forbidden)) {
        log_refusal(&actor).await;
    }
    result.map_err(AppError::with_http_status)
}
