//! Schema migrations, shared by SQLite and PostgreSQL.
pub use sea_orm_migration::prelude::*;

mod idents;
mod m20261128_000001_create_organisation;
mod m20261128_000002_create_register;
mod m20261128_000003_create_history;
mod m20261129_000004_harden;
mod m20261129_000005_change_client;
mod m20261130_000006_register_section;
mod m20261130_000007_accounts;
mod m20261130_000008_review_notes;
mod m20261130_000009_assessment;
mod m20261203_000010_print_settings;
mod m20261204_000011_layout_log;
mod m20261208_000012_cycle;
mod m20261208_000013_reminders;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_create_organisation::Migration),
            Box::new(m20261128_000002_create_register::Migration),
            Box::new(m20261128_000003_create_history::Migration),
            Box::new(m20261129_000004_harden::Migration),
            Box::new(m20261129_000005_change_client::Migration),
            Box::new(m20261130_000006_register_section::Migration),
            Box::new(m20261130_000007_accounts::Migration),
            Box::new(m20261130_000008_review_notes::Migration),
            Box::new(m20261130_000009_assessment::Migration),
            Box::new(m20261203_000010_print_settings::Migration),
            Box::new(m20261204_000011_layout_log::Migration),
            Box::new(m20261208_000012_cycle::Migration),
            Box::new(m20261208_000013_reminders::Migration),
        ]
    }
}
