//! Registers per unit and year, and their risk rows: the six text columns of
//! the official form, identification, assessment and RTP tracking.
use crate::idents::{AppUser, ConflictSource, OrgUnit, Register, Risk, foreign_key, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    // SQLite too: a migration that stops half-way leaves no half a schema.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(register_table()).await?;
        manager
            .create_index(
                index("ux_register_unit_year", Register::Table, [Register::UnitId, Register::Year])
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager.create_table(risk_table()).await?;
        manager
            .create_index(
                index(
                    "ux_risk_register_bagian_position",
                    Risk::Table,
                    [Risk::RegisterId, Risk::BagianId, Risk::Position],
                )
                .unique()
                .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Risk::Table.into_iden(), Register::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

/// The registers: one per unit and year.
fn register_table() -> TableCreateStatement {
    Table::create()
        .table(Register::Table)
        .col(pk_auto(Register::Id))
        .col(integer(Register::UnitId))
        .col(integer(Register::Year))
        .col(string_len(Register::Title, 300))
        .col(string_len(Register::Status, 16).default("draft"))
        .col(string_len_null(Register::SkNumber, 100))
        .col(date_null(Register::SkDate))
        .col(integer_null(Register::PreparedBy))
        .col(integer_null(Register::ApprovedBy))
        .col(integer(Register::Version).default(1))
        .col(timestamp_with_time_zone(Register::CreatedAt))
        .col(timestamp_with_time_zone(Register::UpdatedAt))
        .foreign_key(&mut foreign_key(
            (Register::Table, Register::UnitId),
            (OrgUnit::Table, OrgUnit::Id),
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut foreign_key(
            (Register::Table, Register::PreparedBy),
            (AppUser::Table, AppUser::Id),
            ForeignKeyAction::SetNull,
        ))
        .foreign_key(&mut foreign_key(
            (Register::Table, Register::ApprovedBy),
            (AppUser::Table, AppUser::Id),
            ForeignKeyAction::SetNull,
        ))
        .to_owned()
}

/// The risk rows of the registers.
fn risk_table() -> TableCreateStatement {
    Table::create()
        .table(Risk::Table)
        .col(pk_auto(Risk::Id))
        .col(integer(Risk::RegisterId))
        .col(integer(Risk::BagianId))
        .col(integer(Risk::Position))
        .col(string_len_null(Risk::Code, 32))
        .col(text(Risk::Aktivitas))
        .col(text(Risk::Potensi))
        .col(text(Risk::Penyebab))
        .col(text(Risk::Dampak))
        .col(text(Risk::Rencana))
        .col(integer_null(Risk::ConflictSourceId))
        .col(string_len_null(Risk::ConflictNature, 16))
        .col(string_len_null(Risk::Jabatan, 200))
        .col(text_null(Risk::ExistingControl))
        .col(text_null(Risk::ControlBasis))
        .col(small_integer_null(Risk::InherentLikelihood))
        .col(small_integer_null(Risk::InherentImpact))
        .col(small_integer_null(Risk::ResidualLikelihood))
        .col(small_integer_null(Risk::ResidualImpact))
        .col(string_len_null(Risk::RtpOwner, 200))
        .col(date_null(Risk::RtpTargetDate))
        .col(small_integer_null(Risk::RtpTargetQuarter))
        .col(string_len_null(Risk::RtpStatus, 16))
        .col(integer(Risk::Version).default(1))
        .col(timestamp_with_time_zone(Risk::CreatedAt))
        .col(timestamp_with_time_zone(Risk::UpdatedAt))
        .col(integer_null(Risk::CreatedBy))
        .col(integer_null(Risk::UpdatedBy))
        .foreign_key(&mut foreign_key(
            (Risk::Table, Risk::RegisterId),
            (Register::Table, Register::Id),
            ForeignKeyAction::Cascade,
        ))
        .foreign_key(&mut foreign_key(
            (Risk::Table, Risk::BagianId),
            (OrgUnit::Table, OrgUnit::Id),
            ForeignKeyAction::Restrict,
        ))
        .foreign_key(&mut foreign_key(
            (Risk::Table, Risk::ConflictSourceId),
            (ConflictSource::Table, ConflictSource::Id),
            ForeignKeyAction::SetNull,
        ))
        .foreign_key(&mut foreign_key(
            (Risk::Table, Risk::CreatedBy),
            (AppUser::Table, AppUser::Id),
            ForeignKeyAction::SetNull,
        ))
        .foreign_key(&mut foreign_key(
            (Risk::Table, Risk::UpdatedBy),
            (AppUser::Table, AppUser::Id),
            ForeignKeyAction::SetNull,
        ))
        .to_owned()
}
