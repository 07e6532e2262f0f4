//! Server functions that change a register's rows: thin adapters over the
//! one write path (`write`), which checks versions, logs and locks.
use super::model::{Field, RichText};
use crate::error::AppError;
use leptos::prelude::*;
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
/// conflict carrying their text, and nothing is overwritten. `value` is
/// checked by the cell rules as it is read.
#[server(endpoint = "save_cell")]
pub async fn save_cell(
    row: i32,
    field: Field,
    expected: String,
    value: RichText,
) -> Result<CellSaved, AppError> {
    let save = async {
        use super::write::{Actor, Source};
        let db = crate::state::db()?;
        let txn = crate::db::begin_write(&db).await?;
        let actor = Actor { user_id: None, source: Source::Web };
        let saved = super::write::save_cell(&txn, actor, row, field, &expected, &value).await?;
        txn.commit().await?;
        Ok(CellSaved { version: saved.version, value: saved.value })
    };
    save.await.map_err(AppError::with_http_status)
}
