//! The register's yearly cycle: its revision (0 until a set register is
//! opened again) and the steps taken on it (who, when, with what comment,
//! and for an approval the decree), each naming the register version it
//! made: an approved revision is read back at that version. And next
//! year's register carried forward from this one: the register and each
//! row name what they were carried from.
use crate::idents::{AppUser, Register, RegisterStep, Risk, foreign_key, index};
use crate::m20261129_000004_harden::add_check;
use crate::m20261130_000008_review_notes::drop_check;
use sea_orm_migration::sea_orm::ConnectionTrait;
use sea_orm_migration::{prelude::*, schema::*};

const STEPS: &str = "{n}step IN ('submit', 'review', 'approve', 'return', 'revise')";
/// 2,000 characters of up to four bytes each.
const COMMENT: &str = "{bytes}({n}comment) <= 8000";

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let revision = integer(Register::Revision).default(0).to_owned();
        manager
            .alter_table(Table::alter().table(Register::Table).add_column(revision).to_owned())
            .await?;
        // No foreign keys: what a register or row was carried from stays
        // named (a register deleted is gone with its rows anyway).
        for (table, column) in [
            (Register::Table.into_iden(), Register::CarriedFrom.into_iden()),
            (Risk::Table.into_iden(), Risk::CarriedFrom.into_iden()),
        ] {
            let column = integer_null(column);
            manager.alter_table(Table::alter().table(table).add_column(column).to_owned()).await?;
        }
        manager.create_table(step_table()).await?;
        manager
            .create_index(index(
                "ix_register_step_register",
                RegisterStep::Table,
                [RegisterStep::RegisterId, RegisterStep::Id],
            ))
            .await?;
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        add_check(db, backend, "ck_register_step_step", "register_step", STEPS).await?;
        add_check(db, backend, "ck_register_step_comment", "register_step", COMMENT).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        drop_check(db, "ck_register_step_step", "register_step").await?;
        drop_check(db, "ck_register_step_comment", "register_step").await?;
        manager.drop_table(Table::drop().table(RegisterStep::Table).to_owned()).await?;
        for (table, column) in [
            (Register::Table.into_iden(), Register::Revision.into_iden()),
            (Register::Table.into_iden(), Register::CarriedFrom.into_iden()),
            (Risk::Table.into_iden(), Risk::CarriedFrom.into_iden()),
        ] {
            manager.alter_table(Table::alter().table(table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

fn step_table() -> TableCreateStatement {
    Table::create()
        .table(RegisterStep::Table)
        .col(pk_auto(RegisterStep::Id))
        .col(integer(RegisterStep::RegisterId))
        .col(integer(RegisterStep::Revision))
        .col(string_len(RegisterStep::Step, 16))
        .col(string_len(RegisterStep::FromStatus, 16))
        .col(string_len(RegisterStep::ToStatus, 16))
        .col(integer_null(RegisterStep::UserId))
        .col(text(RegisterStep::Comment))
        .col(string_len_null(RegisterStep::SkNumber, 100))
        .col(date_null(RegisterStep::SkDate))
        .col(integer(RegisterStep::RegisterVersion))
        .col(timestamp_with_time_zone(RegisterStep::TakenAt))
        .foreign_key(&mut foreign_key(
            (RegisterStep::Table, RegisterStep::RegisterId),
            (Register::Table, Register::Id),
            ForeignKeyAction::Cascade,
        ))
        .foreign_key(&mut foreign_key(
            (RegisterStep::Table, RegisterStep::UserId),
            (AppUser::Table, AppUser::Id),
            ForeignKeyAction::SetNull,
        ))
        .to_owned()
}
