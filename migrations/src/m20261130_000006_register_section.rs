//! The Bagian of each register, in printed order: a Bagian without rows
//! stays in the register (ready for its first row), and each year's
//! register keeps its own order. Filled from the rows already there.
use crate::idents::{OrgUnit, Register, RegisterSection, Risk};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RegisterSection::Table)
                    .col(integer(RegisterSection::RegisterId))
                    .col(integer(RegisterSection::BagianId))
                    .col(integer(RegisterSection::Position))
                    .primary_key(
                        Index::create()
                            .col(RegisterSection::RegisterId)
                            .col(RegisterSection::BagianId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RegisterSection::Table, RegisterSection::RegisterId)
                            .to(Register::Table, Register::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RegisterSection::Table, RegisterSection::BagianId)
                            .to(OrgUnit::Table, OrgUnit::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        // Every Bagian a register has live rows in, in the Biro's order (a
        // deleted row brought back brings its Bagian back).
        let sections = Query::select()
            .expr(Expr::col((Risk::Table, Risk::RegisterId)))
            .expr(Expr::col((Risk::Table, Risk::BagianId)))
            .expr(Expr::col((OrgUnit::Table, OrgUnit::Position)).min())
            .from(Risk::Table)
            .inner_join(
                OrgUnit::Table,
                Expr::col((OrgUnit::Table, OrgUnit::Id)).equals((Risk::Table, Risk::BagianId)),
            )
            .and_where(Expr::col((Risk::Table, Risk::DeletedAt)).is_null())
            .group_by_col((Risk::Table, Risk::RegisterId))
            .group_by_col((Risk::Table, Risk::BagianId))
            .to_owned();
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(RegisterSection::Table)
                    .columns([
                        RegisterSection::RegisterId,
                        RegisterSection::BagianId,
                        RegisterSection::Position,
                    ])
                    .select_from(sections)
                    .map_err(|error| DbErr::Migration(error.to_string()))?
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RegisterSection::Table).to_owned()).await
    }
}
