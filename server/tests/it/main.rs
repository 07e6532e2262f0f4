//! The server's integration tests, in one binary: one link of the app
//! instead of one per file. Data-layer tests run on SQLite and on
//! PostgreSQL (`#[apply(on_both_databases!)]`, see `common`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod common;

mod access;
mod accounts;
mod admin;
mod as_of;
mod assessment;
mod availability;
mod backup;
mod bagian;
mod carry;
mod cli;
mod cycle;
mod dashboard;
mod data_layer;
mod documents;
mod editing;
mod evidence;
mod health;
mod integrity;
mod live;
mod notes;
mod pages;
mod print;
mod realisation;
mod refusals;
mod reminders;
mod revalidation;
mod sources;
mod startup;
mod upload;
mod write_path;
