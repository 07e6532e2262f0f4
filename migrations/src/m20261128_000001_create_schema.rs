//! The whole register model of DOMAIN.md: organisation tree, users, registers per
//! unit and year, risk rows with their assessment and RTP tracking, quarterly
//! realisation, review notes and the change log.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OrgUnit::Table)
                    .col(pk_auto(OrgUnit::Id))
                    .col(integer_null(OrgUnit::ParentId))
                    .col(string_len(OrgUnit::Kind, 16))
                    .col(string_len(OrgUnit::Name, 200))
                    .col(integer(OrgUnit::Position).default(0))
                    .col(timestamp_with_time_zone(OrgUnit::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrgUnit::Table, OrgUnit::ParentId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_org_unit_parent_name")
                    .table(OrgUnit::Table)
                    .col(OrgUnit::ParentId)
                    .col(OrgUnit::Name)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AppUser::Table)
                    .col(pk_auto(AppUser::Id))
                    .col(string_len_uniq(AppUser::Username, 64))
                    .col(string_len(AppUser::DisplayName, 200))
                    .col(string_len(AppUser::Role, 32))
                    .col(integer_null(AppUser::UnitId))
                    .col(boolean(AppUser::Active).default(true))
                    .col(timestamp_with_time_zone(AppUser::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AppUser::Table, AppUser::UnitId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ConflictSource::Table)
                    .col(pk_auto(ConflictSource::Id))
                    .col(string_len_uniq(ConflictSource::Code, 32))
                    .col(string_len(ConflictSource::Name, 200))
                    .col(integer(ConflictSource::Position).default(0))
                    .col(boolean(ConflictSource::Active).default(true))
                    .to_owned(),
            )
            .await?;
        // The sources of conflict named by PermenPAN-RB 17/2024; admins may add more.
        let mut insert = Query::insert()
            .into_table(ConflictSource::Table)
            .columns([
                ConflictSource::Code,
                ConflictSource::Name,
                ConflictSource::Position,
            ])
            .to_owned();
        for (position, (code, name)) in [
            ("bisnis", "Kepentingan bisnis"),
            ("keuangan", "Kepentingan keuangan"),
            ("keluarga", "Hubungan keluarga"),
            ("afiliasi", "Hubungan afiliasi"),
            ("pekerjaan_luar", "Pekerjaan di luar jabatan"),
            ("lainnya", "Lainnya"),
        ]
        .into_iter()
        .enumerate()
        {
            insert.values_panic([code.into(), name.into(), (position as i32 + 1).into()]);
        }
        manager.exec_stmt(insert).await?;

        manager
            .create_table(
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
                    .foreign_key(
                        ForeignKey::create()
                            .from(Register::Table, Register::UnitId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Register::Table, Register::PreparedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Register::Table, Register::ApprovedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_register_unit_year")
                    .table(Register::Table)
                    .col(Register::UnitId)
                    .col(Register::Year)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
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
                    .foreign_key(
                        ForeignKey::create()
                            .from(Risk::Table, Risk::RegisterId)
                            .to(Register::Table, Register::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Risk::Table, Risk::BagianId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Risk::Table, Risk::ConflictSourceId)
                            .to(ConflictSource::Table, ConflictSource::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Risk::Table, Risk::CreatedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Risk::Table, Risk::UpdatedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_risk_register_bagian_position")
                    .table(Risk::Table)
                    .col(Risk::RegisterId)
                    .col(Risk::BagianId)
                    .col(Risk::Position)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RtpRealisation::Table)
                    .col(pk_auto(RtpRealisation::Id))
                    .col(integer(RtpRealisation::RiskId))
                    .col(integer(RtpRealisation::Year))
                    .col(small_integer(RtpRealisation::Quarter))
                    .col(small_integer(RtpRealisation::Progress).default(0))
                    .col(text_null(RtpRealisation::Note))
                    .col(text_null(RtpRealisation::Evidence))
                    .col(integer_null(RtpRealisation::CreatedBy))
                    .col(timestamp_with_time_zone(RtpRealisation::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RtpRealisation::Table, RtpRealisation::RiskId)
                            .to(Risk::Table, Risk::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RtpRealisation::Table, RtpRealisation::CreatedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_rtp_realisation_risk_quarter")
                    .table(RtpRealisation::Table)
                    .col(RtpRealisation::RiskId)
                    .col(RtpRealisation::Year)
                    .col(RtpRealisation::Quarter)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ReviewNote::Table)
                    .col(pk_auto(ReviewNote::Id))
                    .col(integer(ReviewNote::RiskId))
                    .col(integer_null(ReviewNote::AuthorId))
                    .col(text(ReviewNote::Body))
                    .col(timestamp_with_time_zone(ReviewNote::CreatedAt))
                    .col(timestamp_with_time_zone_null(ReviewNote::ResolvedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReviewNote::Table, ReviewNote::RiskId)
                            .to(Risk::Table, Risk::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReviewNote::Table, ReviewNote::AuthorId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        // No foreign key to risk: the history of a deleted row is kept.
        manager
            .create_table(
                Table::create()
                    .table(ChangeLog::Table)
                    .col(pk_auto(ChangeLog::Id))
                    .col(integer(ChangeLog::RegisterId))
                    .col(integer_null(ChangeLog::RiskId))
                    .col(string_len(ChangeLog::Action, 16))
                    .col(string_len(ChangeLog::Field, 64))
                    .col(text_null(ChangeLog::OldValue))
                    .col(text_null(ChangeLog::NewValue))
                    .col(integer_null(ChangeLog::ChangedBy))
                    .col(string_len(ChangeLog::Source, 16))
                    .col(timestamp_with_time_zone(ChangeLog::ChangedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ChangeLog::Table, ChangeLog::RegisterId)
                            .to(Register::Table, Register::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ChangeLog::Table, ChangeLog::ChangedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_change_log_risk")
                    .table(ChangeLog::Table)
                    .col(ChangeLog::RiskId)
                    .col(ChangeLog::ChangedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_change_log_register")
                    .table(ChangeLog::Table)
                    .col(ChangeLog::RegisterId)
                    .col(ChangeLog::ChangedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ChangeLog::Table.into_iden(),
            ReviewNote::Table.into_iden(),
            RtpRealisation::Table.into_iden(),
            Risk::Table.into_iden(),
            Register::Table.into_iden(),
            ConflictSource::Table.into_iden(),
            AppUser::Table.into_iden(),
            OrgUnit::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum OrgUnit {
    Table,
    Id,
    ParentId,
    Kind,
    Name,
    Position,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
    Username,
    DisplayName,
    Role,
    UnitId,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ConflictSource {
    Table,
    Id,
    Code,
    Name,
    Position,
    Active,
}

#[derive(DeriveIden)]
enum Register {
    Table,
    Id,
    UnitId,
    Year,
    Title,
    Status,
    SkNumber,
    SkDate,
    PreparedBy,
    ApprovedBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Risk {
    Table,
    Id,
    RegisterId,
    BagianId,
    Position,
    Code,
    Aktivitas,
    Potensi,
    Penyebab,
    Dampak,
    Rencana,
    ConflictSourceId,
    ConflictNature,
    Jabatan,
    ExistingControl,
    ControlBasis,
    InherentLikelihood,
    InherentImpact,
    ResidualLikelihood,
    ResidualImpact,
    RtpOwner,
    RtpTargetDate,
    RtpTargetQuarter,
    RtpStatus,
    Version,
    CreatedAt,
    UpdatedAt,
    CreatedBy,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum RtpRealisation {
    Table,
    Id,
    RiskId,
    Year,
    Quarter,
    Progress,
    Note,
    Evidence,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ReviewNote {
    Table,
    Id,
    RiskId,
    AuthorId,
    Body,
    CreatedAt,
    ResolvedAt,
}

#[derive(DeriveIden)]
enum ChangeLog {
    Table,
    Id,
    RegisterId,
    RiskId,
    Action,
    Field,
    OldValue,
    NewValue,
    ChangedBy,
    Source,
    ChangedAt,
}
