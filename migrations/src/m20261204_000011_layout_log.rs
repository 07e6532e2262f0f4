//! The register "as of" a date is rebuilt from the change log, which from
//! now on logs the register's layout (its Bagian and their rows' order,
//! action `layout`) with every change of it. This gives each register its
//! layout at its current version as the starting point: no date before
//! this migration can be shown.
use crate::m20261129_000004_harden::add_check;
use crate::m20261130_000008_review_notes::drop_check;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

const RELEVEL_ACTIONS: &str = "{n}action IN ('create', 'update', 'delete', 'restore', 'move', \
     'note', 'resolve', 'reopen', 'relevel')";
const LAYOUT_ACTIONS: &str = "{n}action IN ('create', 'update', 'delete', 'restore', 'move', \
     'note', 'resolve', 'reopen', 'relevel', 'layout')";

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        drop_check(db, "ck_change_log_action", "change_log").await?;
        add_check(db, backend, "ck_change_log_action", "change_log", LAYOUT_ACTIONS).await?;
        let registers = db.query_all_raw(raw(backend, "SELECT id, version FROM register")).await?;
        for register in registers {
            let id: i32 = register.try_get("", "id")?;
            let version: i32 = register.try_get("", "version")?;
            baseline(db, backend, id, version).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        drop_check(db, "ck_change_log_action", "change_log").await?;
        db.execute_unprepared("DELETE FROM change_log WHERE action = 'layout'").await?;
        add_check(db, backend, "ck_change_log_action", "change_log", RELEVEL_ACTIONS).await
    }
}

fn raw(backend: DbBackend, sql: &str) -> Statement {
    Statement::from_string(backend, sql.to_owned())
}

/// Logs register `id`'s layout as made by its `version`, as the app's
/// `write::log_layout` does.
async fn baseline(
    db: &SchemaManagerConnection<'_>,
    backend: DbBackend,
    id: i32,
    version: i32,
) -> Result<(), DbErr> {
    let sections = db
        .query_all_raw(raw(
            backend,
            &format!(
                "SELECT s.bagian_id AS bagian_id, u.name AS name FROM register_section s \
                 JOIN org_unit u ON u.id = s.bagian_id WHERE s.register_id = {id} \
                 ORDER BY s.position, s.bagian_id"
            ),
        ))
        .await?
        .into_iter()
        .map(|row| Ok((row.try_get::<i32>("", "bagian_id")?, row.try_get::<String>("", "name")?)))
        .collect::<Result<Vec<_>, DbErr>>()?;
    let rows = db
        .query_all_raw(raw(
            backend,
            &format!(
                "SELECT bagian_id, id FROM risk WHERE register_id = {id} AND deleted_at IS NULL \
                 ORDER BY bagian_id, position, id"
            ),
        ))
        .await?;
    let mut orders: Vec<(i32, Vec<String>)> = Vec::new();
    for row in rows {
        let (bagian, row): (i32, i32) = (row.try_get("", "bagian_id")?, row.try_get("", "id")?);
        match orders.last_mut() {
            Some((last, ids)) if *last == bagian => ids.push(row.to_string()),
            _ => orders.push((bagian, vec![row.to_string()])),
        }
    }
    let sections = serde_json::to_string(&sections).map_err(|e| DbErr::Custom(e.to_string()))?;
    let mut entries = vec![("sections".to_owned(), sections)];
    entries
        .extend(orders.into_iter().map(|(bagian, ids)| (format!("order:{bagian}"), ids.join(","))));
    let now = match backend {
        DbBackend::Postgres => "CURRENT_TIMESTAMP",
        _ => "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')",
    };
    for (field, value) in entries {
        let (p1, p2) = match backend {
            DbBackend::Postgres => ("$1", "$2"),
            _ => ("?", "?"),
        };
        let sql = format!(
            "INSERT INTO change_log (register_id, risk_id, action, field, old_value, new_value, \
             changed_by, source, changed_at, client, register_version) \
             VALUES ({id}, NULL, 'layout', {p1}, NULL, {p2}, NULL, 'import', {now}, NULL, {version})"
        );
        let values: [Value; 2] = [field.into(), value.into()];
        db.execute_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
    }
    Ok(())
}
