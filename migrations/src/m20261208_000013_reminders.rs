//! Reminders of control actions falling due: each user's e-mail address,
//! and the day each user's digest was sent (one per user and day, whichever
//! instance sends it).
use crate::idents::{AppUser, ReminderSent, foreign_key};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let email = string_len_null(AppUser::Email, 254);
        manager
            .alter_table(Table::alter().table(AppUser::Table).add_column(email).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReminderSent::Table)
                    .col(integer(ReminderSent::UserId))
                    .col(date(ReminderSent::Day))
                    .col(integer(ReminderSent::Items))
                    .col(timestamp_with_time_zone(ReminderSent::SentAt))
                    .primary_key(Index::create().col(ReminderSent::UserId).col(ReminderSent::Day))
                    .foreign_key(&mut foreign_key(
                        (ReminderSent::Table, ReminderSent::UserId),
                        (AppUser::Table, AppUser::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ReminderSent::Table).to_owned()).await?;
        manager
            .alter_table(
                Table::alter().table(AppUser::Table).drop_column(AppUser::Email).to_owned(),
            )
            .await
    }
}
