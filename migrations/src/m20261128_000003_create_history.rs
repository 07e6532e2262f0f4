//! What happens to rows over time: quarterly RTP realisation, review notes,
//! and the change log behind per-cell history.
use crate::idents::{
    AppUser, ChangeLog, ReviewNote, Risk, RtpRealisation, change_log_table, foreign_key, index,
};
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
                    .foreign_key(&mut foreign_key(
                        (RtpRealisation::Table, RtpRealisation::RiskId),
                        (Risk::Table, Risk::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (RtpRealisation::Table, RtpRealisation::CreatedBy),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "ux_rtp_realisation_risk_quarter",
                    RtpRealisation::Table,
                    [RtpRealisation::RiskId, RtpRealisation::Year, RtpRealisation::Quarter],
                )
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
                    .foreign_key(&mut foreign_key(
                        (ReviewNote::Table, ReviewNote::RiskId),
                        (Risk::Table, Risk::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        (ReviewNote::Table, ReviewNote::AuthorId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;

        manager.create_table(change_log_table(ChangeLog::Table.into_iden(), true)).await?;
        manager
            .create_index(index(
                "ix_change_log_risk",
                ChangeLog::Table,
                [ChangeLog::RiskId, ChangeLog::ChangedAt],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_change_log_register",
                ChangeLog::Table,
                [ChangeLog::RegisterId, ChangeLog::ChangedAt],
            ))
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
