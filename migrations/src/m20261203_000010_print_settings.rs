//! The printed form's settings, per register: where and when it is signed
//! and who prepares and approves it (position, name, NIP). The SK number
//! and date have their columns since the first migration.
use crate::idents::Register;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The new text columns and their widths (NIP: 18 digits).
const TEXT_COLUMNS: [(Register, u32); 7] = [
    (Register::SignPlace, 200),
    (Register::PreparedPosition, 200),
    (Register::PreparedName, 200),
    (Register::PreparedNip, 18),
    (Register::ApprovedPosition, 200),
    (Register::ApprovedName, 200),
    (Register::ApprovedNip, 18),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds no more at once.
        for (column, width) in TEXT_COLUMNS {
            let column = string_len_null(column, width);
            manager.alter_table(alter().add_column(column).to_owned()).await?;
        }
        manager.alter_table(alter().add_column(date_null(Register::SignDate)).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(alter().drop_column(Register::SignDate).to_owned()).await?;
        for (column, _) in TEXT_COLUMNS {
            manager.alter_table(alter().drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

fn alter() -> TableAlterStatement {
    Table::alter().table(Register::Table).to_owned()
}
