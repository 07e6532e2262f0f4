//! The write path's own bookkeeping: a write gathers the register versions
//! it makes, which its caller tells open pages once it commits.
use crate::common;
use macro_rules_attribute::apply;

use app::db::begin_write;
use app::live::Change;
use app::register::model::{Field, RichText};
use app::register::write::{Actor, Write, WriteError, add_note, save_cell};
use common::{TestDb, import, seed_table};

/// The seed register's id and version, and its first row's id and Aktivitas.
async fn seeded(db: &TestDb) -> (i32, i32, i32, String) {
    let report = import(db, &seed_table(), 2026).await.expect("seed imports");
    let register = report.register_id;
    let version = db.text(&format!("SELECT version FROM register WHERE id = {register}")).await;
    let row = db.text(&format!("SELECT MIN(id) FROM risk WHERE register_id = {register}")).await;
    let row: i32 = row.unwrap().parse().unwrap();
    let text = db.text(&format!("SELECT aktivitas FROM risk WHERE id = {row}")).await.unwrap();
    (register, version.unwrap().parse().unwrap(), row, text)
}

#[apply(on_both_databases!)]
async fn a_write_gathers_the_versions_it_makes(db: &TestDb) {
    let (register, version, row, text) = seeded(db).await;
    let txn = begin_write(&db.db).await.unwrap();
    let write = Write::new(&txn, &Actor::IMPORT);
    let edited = RichText::new(format!("{text} (diubah)"));
    save_cell(&write, row, Field::Aktivitas, &text, &edited).await.unwrap();
    add_note(&write, row, "Mohon dicek.").await.unwrap();
    // One bump each, in order, the second on the first's version.
    let made = write.made();
    let expected = [1, 2].map(|step| Change { register, version: version + step });
    assert_eq!(made, expected);
    txn.commit().await.unwrap();
    let now = db.text(&format!("SELECT version FROM register WHERE id = {register}")).await;
    assert_eq!(now.unwrap(), (version + 2).to_string());
}

#[apply(on_both_databases!)]
async fn a_refused_write_makes_no_version(db: &TestDb) {
    let (_, _, row, text) = seeded(db).await;
    let txn = begin_write(&db.db).await.unwrap();
    let write = Write::new(&txn, &Actor::IMPORT);
    let stale = format!("{text} (bukan ini)");
    let refused = save_cell(&write, row, Field::Aktivitas, &stale, &RichText::new("baru")).await;
    assert!(matches!(refused, Err(WriteError::CellConflict { .. })), "{refused:?}");
    assert_eq!(write.made(), []);
}
