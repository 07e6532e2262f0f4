//! The organisation tree (instansi → biro → bagian), accounts, and the
//! admin-editable list of conflict sources.
use crate::idents::{AppUser, ConflictSource, OrgUnit, foreign_key, index};
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
                    .table(OrgUnit::Table)
                    .col(pk_auto(OrgUnit::Id))
                    .col(integer_null(OrgUnit::ParentId))
                    .col(string_len(OrgUnit::Kind, 16))
                    .col(string_len(OrgUnit::Name, 200))
                    .col(integer(OrgUnit::Position).default(0))
                    .col(timestamp_with_time_zone(OrgUnit::CreatedAt))
                    .foreign_key(&mut foreign_key(
                        (OrgUnit::Table, OrgUnit::ParentId),
                        (OrgUnit::Table, OrgUnit::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_org_unit_parent_name",
                OrgUnit::Table,
                [OrgUnit::ParentId, OrgUnit::Name],
            ))
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
                    .foreign_key(&mut foreign_key(
                        (AppUser::Table, AppUser::UnitId),
                        (OrgUnit::Table, OrgUnit::Id),
                        ForeignKeyAction::SetNull,
                    ))
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
            .columns([ConflictSource::Code, ConflictSource::Name, ConflictSource::Position])
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
        manager.exec_stmt(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ConflictSource::Table.into_iden(),
            AppUser::Table.into_iden(),
            OrgUnit::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
