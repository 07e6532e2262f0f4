//! Accounts: a password hash (argon2id, PHC string) per user, the Bagian an
//! editor may edit, sessions kept in the database (so they survive a
//! restart and work across instances), and an audit log of sign-ins and
//! user management.
use crate::idents::{AppUser, AuthEvent, OrgUnit, UserBagian, UserSession};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one change at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(AppUser::Table)
                    .add_column(text_null(AppUser::PasswordHash))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AppUser::Table)
                    .add_column(timestamp_with_time_zone_null(AppUser::PasswordSetAt))
                    .to_owned(),
            )
            .await?;
        manager.create_table(user_bagian_table()).await?;
        manager.create_table(user_session_table()).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_user_session_user")
                    .table(UserSession::Table)
                    .col(UserSession::UserId)
                    .to_owned(),
            )
            .await?;
        manager.create_table(auth_event_table()).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_auth_event_at")
                    .table(AuthEvent::Table)
                    .col(AuthEvent::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuthEvent::Table.into_iden(),
            UserSession::Table.into_iden(),
            UserBagian::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for column in [AppUser::PasswordSetAt, AppUser::PasswordHash] {
            manager
                .alter_table(Table::alter().table(AppUser::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// The Bagian each editor may edit.
fn user_bagian_table() -> TableCreateStatement {
    Table::create()
        .table(UserBagian::Table)
        .col(integer(UserBagian::UserId))
        .col(integer(UserBagian::BagianId))
        .primary_key(Index::create().col(UserBagian::UserId).col(UserBagian::BagianId))
        .foreign_key(
            ForeignKey::create()
                .from(UserBagian::Table, UserBagian::UserId)
                .to(AppUser::Table, AppUser::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .from(UserBagian::Table, UserBagian::BagianId)
                .to(OrgUnit::Table, OrgUnit::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

/// Sessions, kept in the database: they survive a restart and serve every instance.
fn user_session_table() -> TableCreateStatement {
    Table::create()
        .table(UserSession::Table)
        .col(string_len(UserSession::TokenHash, 64).primary_key())
        .col(integer(UserSession::UserId))
        .col(timestamp_with_time_zone(UserSession::CreatedAt))
        .col(timestamp_with_time_zone(UserSession::LastSeenAt))
        .col(timestamp_with_time_zone(UserSession::ExpiresAt))
        .col(string_len_null(UserSession::Client, 128))
        .foreign_key(
            ForeignKey::create()
                .from(UserSession::Table, UserSession::UserId)
                .to(AppUser::Table, AppUser::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

/// The audit log of sign-ins and user management.
fn auth_event_table() -> TableCreateStatement {
    Table::create()
        .table(AuthEvent::Table)
        .col(pk_auto(AuthEvent::Id))
        .col(timestamp_with_time_zone(AuthEvent::At))
        .col(string_len(AuthEvent::Kind, 32))
        .col(string_len_null(AuthEvent::Username, 64))
        .col(integer_null(AuthEvent::UserId))
        .col(integer_null(AuthEvent::ActorId))
        .col(string_len_null(AuthEvent::Client, 128))
        .col(text_null(AuthEvent::Detail))
        .foreign_key(
            ForeignKey::create()
                .from(AuthEvent::Table, AuthEvent::UserId)
                .to(AppUser::Table, AppUser::Id)
                .on_delete(ForeignKeyAction::SetNull),
        )
        .foreign_key(
            ForeignKey::create()
                .from(AuthEvent::Table, AuthEvent::ActorId)
                .to(AppUser::Table, AppUser::Id)
                .on_delete(ForeignKeyAction::SetNull),
        )
        .to_owned()
}
