//! What every write stands on: a stable code per risk row, soft deletion,
//! unique keys where the model is unique, CHECK constraints for enumerated
//! values and ranges, and a change log that outlives its register.
use crate::idents::Risk;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `(name, table, condition)`. In a condition `{n}` stands for the row being
/// written (nothing in a CHECK, `NEW.` in a SQLite trigger) and `{bytes}(x)`
/// for the stored size of `x` in bytes.
const CHECKS: [(&str, &str, &str); 12] = [
    (
        "ck_register_status",
        "register",
        "{n}status IN ('draft', 'diajukan', 'direviu', 'ditetapkan')",
    ),
    ("ck_register_version", "register", "{n}version >= 1"),
    ("ck_org_unit_kind", "org_unit", "{n}kind IN ('instansi', 'biro', 'bagian')"),
    ("ck_risk_code", "risk", "{n}code IS NOT NULL AND length({n}code) BETWEEN 1 AND 32"),
    ("ck_risk_version", "risk", "{n}version >= 1"),
    (
        "ck_risk_cells",
        "risk",
        "{bytes}({n}aktivitas) <= 20000 AND {bytes}({n}potensi) <= 20000 \
         AND {bytes}({n}penyebab) <= 20000 AND {bytes}({n}dampak) <= 20000 \
         AND {bytes}({n}rencana) <= 20000",
    ),
    (
        "ck_risk_nature",
        "risk",
        "{n}conflict_nature IS NULL OR {n}conflict_nature IN ('aktual', 'potensial')",
    ),
    (
        "ck_risk_rtp_status",
        "risk",
        "{n}rtp_status IS NULL OR {n}rtp_status IN ('belum_dimulai', 'dalam_proses', 'selesai')",
    ),
    (
        "ck_risk_scores",
        "risk",
        "({n}inherent_likelihood IS NULL OR {n}inherent_likelihood BETWEEN 1 AND 5) \
         AND ({n}inherent_impact IS NULL OR {n}inherent_impact BETWEEN 1 AND 5) \
         AND ({n}residual_likelihood IS NULL OR {n}residual_likelihood BETWEEN 1 AND 5) \
         AND ({n}residual_impact IS NULL OR {n}residual_impact BETWEEN 1 AND 5)",
    ),
    (
        "ck_risk_quarter",
        "risk",
        "{n}rtp_target_quarter IS NULL OR {n}rtp_target_quarter BETWEEN 1 AND 4",
    ),
    (
        "ck_rtp_realisation",
        "rtp_realisation",
        "{n}quarter BETWEEN 1 AND 4 AND {n}progress BETWEEN 0 AND 100",
    ),
    (
        "ck_change_log_action",
        "change_log",
        "{n}action IN ('create', 'update', 'delete', 'restore', 'move')",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        manager
            .alter_table(
                Table::alter()
                    .table(Risk::Table)
                    .add_column(ColumnDef::new(Risk::DeletedAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Risk::Table)
                    .add_column(ColumnDef::new(Risk::DeletedBy).integer().null())
                    .to_owned(),
            )
            .await?;
        backfill_codes(db).await?;

        for sql in [
            "DROP INDEX ux_risk_register_bagian_position",
            // Deleted rows keep their old place; only live rows must not share one.
            "CREATE UNIQUE INDEX ux_risk_live_position ON risk (register_id, bagian_id, position) \
             WHERE deleted_at IS NULL",
            "CREATE UNIQUE INDEX ux_risk_register_code ON risk (register_id, code)",
            "DROP INDEX ix_org_unit_parent_name",
            // NULLs are distinct in a unique index: top-level units compare on 0.
            "CREATE UNIQUE INDEX ux_org_unit_parent_name ON org_unit ((COALESCE(parent_id, 0)), name)",
        ] {
            db.execute_unprepared(sql).await?;
        }
        for (name, table, condition) in CHECKS {
            add_check(db, backend, name, table, condition).await?;
        }
        detach_change_log(manager, backend).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        attach_change_log(manager, backend).await?;
        for (name, table, _) in CHECKS {
            let sql = match backend {
                DbBackend::Postgres => {
                    format!("ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")
                }
                // Rebuilding change_log above dropped its triggers already.
                _ => format!(
                    "DROP TRIGGER IF EXISTS {name}_insert; DROP TRIGGER IF EXISTS {name}_update"
                ),
            };
            db.execute_unprepared(&sql).await?;
        }
        for sql in [
            "DROP INDEX ux_org_unit_parent_name",
            "CREATE INDEX ix_org_unit_parent_name ON org_unit (parent_id, name)",
            "DROP INDEX ux_risk_register_code",
            "DROP INDEX ux_risk_live_position",
            "DELETE FROM risk WHERE deleted_at IS NOT NULL",
            "CREATE UNIQUE INDEX ux_risk_register_bagian_position ON risk (register_id, bagian_id, position)",
        ] {
            db.execute_unprepared(sql).await?;
        }
        for column in [Risk::DeletedBy, Risk::DeletedAt] {
            manager
                .alter_table(Table::alter().table(Risk::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// Gives every existing row a code, "BK-001" onwards per register, in printed order.
async fn backfill_codes(db: &SchemaManagerConnection<'_>) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT risk.id AS id, risk.register_id AS register_id FROM risk \
             JOIN org_unit ON org_unit.id = risk.bagian_id \
             ORDER BY risk.register_id, org_unit.position, risk.bagian_id, risk.position, risk.id",
        ))
        .await?;
    let mut current = None;
    let mut number = 0;
    for row in rows {
        let id: i32 = row.try_get("", "id")?;
        let register: i32 = row.try_get("", "register_id")?;
        if current != Some(register) {
            current = Some(register);
            number = 0;
        }
        number += 1;
        let sql = format!("UPDATE risk SET code = 'BK-{number:03}' WHERE id = {id}");
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// A CHECK constraint on PostgreSQL; on SQLite, which cannot add one to an
/// existing table, triggers that refuse the same rows with the same name.
pub(crate) async fn add_check(
    db: &SchemaManagerConnection<'_>,
    backend: DbBackend,
    name: &str,
    table: &str,
    condition: &str,
) -> Result<(), DbErr> {
    let sql = match backend {
        DbBackend::Postgres => {
            let condition = condition.replace("{n}", "").replace("{bytes}", "octet_length");
            format!("ALTER TABLE {table} ADD CONSTRAINT {name} CHECK ({condition})")
        }
        _ => {
            let condition = condition
                .replace("{n}", "NEW.")
                .replace("{bytes}(", "length(CAST(")
                .replace(") <=", " AS BLOB)) <=");
            ["insert", "update"]
                .map(|event| {
                    format!(
                        "CREATE TRIGGER {name}_{event} BEFORE {} ON {table} \
                         WHEN NOT ({condition}) \
                         BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {name}'); END;",
                        event.to_uppercase()
                    )
                })
                .join("\n")
        }
    };
    db.execute_unprepared(&sql).await.map(|_| ())
}

/// Drops the change log's foreign key to its register (whose ON DELETE
/// CASCADE erased the history with the register). SQLite cannot drop a
/// constraint, so the table is rebuilt; nothing refers to it.
async fn detach_change_log(manager: &SchemaManager<'_>, backend: DbBackend) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match backend {
        DbBackend::Postgres => {
            db.execute_unprepared(
                "DO $$ DECLARE fk text; BEGIN \
                 SELECT conname INTO fk FROM pg_constraint \
                 WHERE conrelid = 'change_log'::regclass AND confrelid = 'register'::regclass \
                 AND contype = 'f'; \
                 EXECUTE format('ALTER TABLE change_log DROP CONSTRAINT %I', fk); END $$",
            )
            .await?;
        }
        _ => rebuild_sqlite_change_log(manager, false).await?,
    }
    Ok(())
}

async fn attach_change_log(manager: &SchemaManager<'_>, backend: DbBackend) -> Result<(), DbErr> {
    match backend {
        DbBackend::Postgres => {
            manager
                .get_connection()
                .execute_unprepared(
                    "DELETE FROM change_log WHERE register_id NOT IN (SELECT id FROM register); \
                     ALTER TABLE change_log ADD FOREIGN KEY (register_id) REFERENCES register (id) \
                     ON DELETE CASCADE",
                )
                .await?;
            Ok(())
        }
        _ => rebuild_sqlite_change_log(manager, true).await,
    }
}

async fn rebuild_sqlite_change_log(
    manager: &SchemaManager<'_>,
    with_register_key: bool,
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let table = crate::idents::change_log_table(
        Alias::new("change_log_new").into_iden(),
        with_register_key,
    );
    manager.create_table(table).await?;
    let keep =
        if with_register_key { " WHERE register_id IN (SELECT id FROM register)" } else { "" };
    for sql in [
        format!("INSERT INTO change_log_new SELECT * FROM change_log{keep}"),
        "DROP TABLE change_log".to_owned(),
        "ALTER TABLE change_log_new RENAME TO change_log".to_owned(),
        "CREATE INDEX ix_change_log_risk ON change_log (risk_id, changed_at)".to_owned(),
        "CREATE INDEX ix_change_log_register ON change_log (register_id, changed_at)".to_owned(),
    ] {
        db.execute_unprepared(&sql).await?;
    }
    if !with_register_key {
        add_check(db, DbBackend::Sqlite, CHECKS[11].0, CHECKS[11].1, CHECKS[11].2).await?;
    }
    Ok(())
}
