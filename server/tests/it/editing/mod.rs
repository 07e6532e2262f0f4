//! Saving a cell through its server function, over HTTP, on both databases:
//! the rules, the per-field conflict check, history and the register's version.
mod cells;
mod rows;

use crate::common;
use macro_rules_attribute::apply;

use common::{App, TestDb};
use reqwest::{StatusCode, header};
use serde_json::Value;

async fn first_row(db: &TestDb) -> (String, String) {
    let id = db.text("SELECT id FROM risk WHERE code = 'BK-001'").await.unwrap();
    let penyebab = db.text(&format!("SELECT penyebab FROM risk WHERE id = {id}")).await.unwrap();
    (id, penyebab)
}
