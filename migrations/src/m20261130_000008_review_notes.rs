//! Review notes in use: who resolved a note, the index that counts a row's
//! open notes with every reading of the register, a bound on a note's size,
//! and the change log's actions for notes. And live updates by row: each
//! change log entry names the register version it made, so that a page
//! behind reads only the rows changed since its version (entries from
//! before are dated at the register's current version: a page that old
//! reads the whole register once).
use crate::idents::{ChangeLog, ReviewNote, index};
use crate::m20261129_000004_harden::add_check;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

const ACTIONS: &str = "{n}action IN ('create', 'update', 'delete', 'restore', 'move')";
const NOTE_ACTIONS: &str =
    "{n}action IN ('create', 'update', 'delete', 'restore', 'move', 'note', 'resolve', 'reopen')";
/// 2,000 characters of up to four bytes each.
const NOTE_BODY: &str = "{bytes}({n}body) <= 8000";

pub(crate) async fn drop_check(
    db: &SchemaManagerConnection<'_>,
    name: &str,
    table: &str,
) -> Result<(), DbErr> {
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => format!("ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}"),
        _ => format!("DROP TRIGGER IF EXISTS {name}_insert; DROP TRIGGER IF EXISTS {name}_update"),
    };
    db.execute_unprepared(&sql).await.map(|_| ())
}

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ReviewNote::Table)
                    .add_column(integer_null(ReviewNote::ResolvedBy))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_review_note_risk",
                ReviewNote::Table,
                [ReviewNote::RiskId, ReviewNote::ResolvedAt],
            ))
            .await?;
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        drop_check(db, "ck_change_log_action", "change_log").await?;
        add_check(db, backend, "ck_change_log_action", "change_log", NOTE_ACTIONS).await?;
        add_check(db, backend, "ck_review_note_body", "review_note", NOTE_BODY).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ChangeLog::Table)
                    .add_column(integer_null(ChangeLog::RegisterVersion))
                    .to_owned(),
            )
            .await?;
        db.execute_unprepared(
            "UPDATE change_log SET register_version = \
             (SELECT version FROM register WHERE register.id = change_log.register_id)",
        )
        .await?;
        manager
            .create_index(index(
                "ix_change_log_register_version",
                ChangeLog::Table,
                [ChangeLog::RegisterId, ChangeLog::RegisterVersion],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_change_log_register_version")
                    .table(ChangeLog::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ChangeLog::Table)
                    .drop_column(ChangeLog::RegisterVersion)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        drop_check(db, "ck_review_note_body", "review_note").await?;
        drop_check(db, "ck_change_log_action", "change_log").await?;
        db.execute_unprepared(
            "DELETE FROM change_log WHERE action IN ('note', 'resolve', 'reopen')",
        )
        .await?;
        add_check(db, backend, "ck_change_log_action", "change_log", ACTIONS).await?;
        manager
            .drop_index(
                Index::drop().name("ix_review_note_risk").table(ReviewNote::Table).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ReviewNote::Table)
                    .drop_column(ReviewNote::ResolvedBy)
                    .to_owned(),
            )
            .await
    }
}
