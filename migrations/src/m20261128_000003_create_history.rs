//! What happens to rows over time: quarterly RTP realisation, review notes,
//! and the change log behind per-cell history.
use crate::idents::{AppUser, ChangeLog, Register, ReviewNote, Risk, RtpRealisation};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
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
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
