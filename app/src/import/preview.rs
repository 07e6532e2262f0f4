//! A workbook uploaded in the browser: what it would do to the page's
//! register (a dry run of the import, rolled back), and, on "Terapkan", the
//! same import applied, keeping every row a colleague changed since the
//! file was exported unless the user takes the file's version of it.
use super::diff::{ImportPreview, PreviewRow};
use super::repo::import_into;
use super::report::ImportReport;
use super::xlsx::{parse_workbook, workbook_stamp};
use crate::auth::Permission;
use crate::entities::change_log;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::register::write::{Actor, Touch, Write, lock_register};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect, TransactionTrait,
};
use std::collections::HashSet;

/// An uploaded workbook and what to do with it.
pub struct Upload<'a> {
    /// The page's register.
    pub register: i32,
    pub bytes: &'a [u8],
    /// Codes of the conflicting rows to take from the file.
    pub taken: &'a [String],
    /// Apply it, if the register is still at this version (the preview's).
    pub apply_at: Option<i32>,
}

/// What the import changed in the log that makes a row a conflict: its
/// text, its Bagian, its deletion or restoration, its making.
const IMPORTED_FIELDS: [&str; 7] =
    ["aktivitas", "potensi", "penyebab", "dampak", "rencana", "bagian", "deleted_at"];

/// Previews the upload, or applies it (`apply_at`), in `txn`: the caller
/// commits an applied one and drops a preview's.
pub async fn run_upload(
    write: &Write<'_>,
    locale: Locale,
    upload: Upload<'_>,
) -> Result<ImportPreview, AppError> {
    let &Write { txn, actor, .. } = write;
    let table = parse_workbook(upload.bytes)
        .map_err(|error| AppError::Workbook(super::messages::workbook_error(locale, &error)))?;
    let stamp = workbook_stamp(upload.bytes);
    let exported_at = stamp.filter(|stamp| stamp.register == upload.register).map(|s| s.version);
    let register = lock_register(txn, upload.register, Touch::Content).await?;
    if let Some(expected) = upload.apply_at
        && expected != register.version
    {
        return Err(AppError::Conflict { expected, current: register.version });
    }
    let changed = match exported_at {
        Some(version) => changed_since(txn, register.id, version).await?,
        None => HashSet::new(),
    };
    // Everything from the file first: the rows it changes that colleagues
    // changed are conflicts. A preview stops there (its transaction is
    // dropped), and so does an import no colleague has touched since the
    // download; else that first run is a savepoint's, and the import is run
    // again keeping the conflicts the user did not take.
    let apply = upload.apply_at.is_some();
    let savepoint = if apply && !changed.is_empty() { Some(txn.begin().await?) } else { None };
    let all = match &savepoint {
        // Rolled back below: what it made is dropped with it.
        Some(savepoint) => {
            let trial = Write::new(savepoint, actor);
            import_into(&trial, &table, register.id, &HashSet::new(), &|_| {}).await?
        }
        None => import_into(write, &table, register.id, &HashSet::new(), &|_| {}).await?,
    };
    let conflicts: HashSet<i32> = all
        .diffs
        .iter()
        .filter_map(|diff| diff.risk_id)
        .filter(|id| changed.contains(id))
        .collect();
    let report = match savepoint {
        None => all,
        Some(savepoint) => {
            savepoint.rollback().await?;
            let keep: HashSet<i32> = all
                .diffs
                .iter()
                .filter(|diff| !upload.taken.contains(&diff.code))
                .filter_map(|diff| diff.risk_id)
                .filter(|id| conflicts.contains(id))
                .collect();
            import_into(write, &table, register.id, &keep, &|_| {}).await?
        }
    };
    let mut preview = preview_of(actor, &report, &conflicts, exported_at, stamp.is_some());
    if apply {
        let taken: Vec<String> = preview.conflicts().map(|row| row.diff.code.clone()).collect();
        if !preview.may_apply(&taken) {
            return Err(AppError::Forbidden);
        }
        preview.applied = true;
    }
    Ok(preview)
}

fn preview_of(
    actor: &Actor,
    report: &ImportReport,
    conflicts: &HashSet<i32>,
    exported_at: Option<i32>,
    stamped: bool,
) -> ImportPreview {
    let may = |permission| actor.require(permission).is_ok();
    let rows = report
        .diffs
        .iter()
        .map(|diff| PreviewRow {
            conflict: diff.risk_id.is_some_and(|id| conflicts.contains(&id)),
            allowed: diff.bagian_touched().all(|bagian| may(Permission::EditRowsOf(bagian))),
            diff: diff.clone(),
        })
        .collect();
    ImportPreview {
        register: report.register_id,
        version: report.version_before,
        exported_at,
        other_register: stamped && exported_at.is_none(),
        rows,
        unchanged: report.rows_unchanged,
        bagian_created: report.bagian_new.clone(),
        bagian_renamed: report.bagian_renamed.clone(),
        sections_changed: report.sections_changed,
        may_change_bagian: may(Permission::ManageBagian),
        notes: report.notes.len(),
        applied: false,
    }
}

/// The rows of register `register` whose text, Bagian or existence changed
/// after its version `version`.
async fn changed_since(
    txn: &DatabaseTransaction,
    register: i32,
    version: i32,
) -> Result<HashSet<i32>, AppError> {
    let rows: Vec<Option<i32>> = change_log::Entity::find()
        .select_only()
        .column(change_log::Column::RiskId)
        .distinct()
        .filter(change_log::Column::RegisterId.eq(register))
        .filter(change_log::Column::RegisterVersion.gt(version))
        .filter(change_log::Column::Field.is_in(IMPORTED_FIELDS))
        .into_tuple()
        .all(txn)
        .await?;
    Ok(rows.into_iter().flatten().collect())
}
