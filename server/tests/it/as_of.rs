//! The register "as of" a past moment, rebuilt from the change log, on both
//! databases: after a random run of edits (cells, assessments, realisations,
//! notes), row operations (add, delete, restore, move, move to another
//! Bagian), Bagian operations and re-imports, the register at each version
//! on the way equals what the page read then; a day maps to the last
//! version made by its end in Asia/Makassar; a day before the log's layout
//! or after today is refused.
use crate::common;
use macro_rules_attribute::apply;

use app::db::begin_write;
use app::db::today;
use app::register::as_of::repo::{load_as_of, register_at};
use app::register::as_of::{AsOf, AsOfView};
use app::register::model::{Field, RegisterKey, RegisterView, RichText};
use app::register::repo::{deleted_rows, load_register};
use app::register::write::{self, Actor, AssessmentEdit, Placement, WriteError};
use chrono::NaiveDate;
use common::TestDb;
use sea_orm::DatabaseTransaction;

/// A small deterministic generator: each seed is one reproducible run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

/// Texts to write: hostile ones among them.
const TEXTS: [&str; 6] = [
    "Penyusunan <i>assessment</i> ulang",
    "عربى RTL \u{200b} zero-width",
    "&lt;script&gt; markup &amp; co",
    "",
    "Baris\nkedua",
    "Kata",
];

fn rows_of(view: &RegisterView) -> Vec<(i32, i32, i32)> {
    view.sections
        .iter()
        .flat_map(|s| s.rows.iter().map(move |row| (row.id, row.version, s.bagian_id)))
        .collect()
}

fn row_of(view: &RegisterView, id: i32) -> &app::register::model::RiskRowView {
    view.sections.iter().flat_map(|s| &s.rows).find(|row| row.id == id).unwrap()
}

/// One random change through the write path; refusals (a row moved at the
/// top already, a conflict) change nothing and are part of the run.
async fn random_change(db: &TestDb, rng: &mut Rng, view: &RegisterView, step: usize) {
    let actor = Actor::IMPORT;
    let rows = rows_of(view);
    let Some(&(id, version, bagian)) = rng.pick(&rows) else { return };
    let text = TEXTS[rng.below(TEXTS.len())].to_owned() + &format!(" {step}");
    let txn = begin_write(&db.db).await.unwrap();
    let outcome: Result<(), WriteError> = async {
        let txn: &DatabaseTransaction = &txn;
        match rng.below(12) {
            0 | 1 => {
                let field = Field::CELLS[rng.below(5)];
                let row = row_of(view, id);
                let expected = row.cells()[Field::CELLS.iter().position(|f| *f == field).unwrap()];
                let value = RichText::new(text);
                write::save_cell(
                    &write::Write::new(txn, &actor),
                    id,
                    field,
                    expected.markup(),
                    &value,
                )
                .await?;
            }
            2 | 3 => random_assessment(txn, &actor, rng, view, &rows, &text).await?,
            4 => {
                let placement = if rng.below(2) == 0 {
                    Placement::After { row_id: id }
                } else {
                    Placement::End { bagian_id: bagian }
                };
                let cells = [text.as_str(), "Potensi", "", "Dampak", "Rencana"].map(RichText::new);
                write::add_row(&write::Write::new(txn, &actor), view.id, placement, &cells).await?;
            }
            5 => write::remove_row(&write::Write::new(txn, &actor), id, version).await?,
            6 => {
                let deleted = deleted_rows(txn, view.id).await?;
                if let Some(row) = rng.pick(&deleted) {
                    write::restore_row(&write::Write::new(txn, &actor), row.id).await?;
                }
            }
            7 => {
                write::move_row(&write::Write::new(txn, &actor), id, version, rng.below(2) == 0)
                    .await?;
            }
            8 => {
                let sections: Vec<i32> = view.sections.iter().map(|s| s.bagian_id).collect();
                let target = *rng.pick(&sections).unwrap();
                write::move_to_bagian(&write::Write::new(txn, &actor), id, version, target).await?;
            }
            9 => {
                let note = write::add_note(&write::Write::new(txn, &actor), id, &text).await?;
                if rng.below(2) == 0 {
                    write::resolve_note(&write::Write::new(txn, &actor), note, true).await?;
                }
            }
            10 => random_bagian_change(txn, &actor, rng, view, step).await?,
            _ => return Ok(()),
        }
        Ok(())
    }
    .await;
    match outcome {
        Ok(()) => txn.commit().await.unwrap(),
        Err(WriteError::Db(error)) => panic!("step {step}: {error}"),
        Err(_) => txn.rollback().await.unwrap(),
    }
}

/// A random assessment or realisation field of one of the first rows set
/// through the write path: a score, a date, a progress, or `text`.
async fn random_assessment(
    txn: &DatabaseTransaction,
    actor: &Actor,
    rng: &mut Rng,
    view: &RegisterView,
    rows: &[(i32, i32, i32)],
    text: &str,
) -> Result<(), WriteError> {
    let (field, value, quarter) = match rng.below(8) {
        0 | 6 => (Field::InherentLikelihood, (1 + rng.below(5)).to_string(), None),
        1 | 7 => (Field::InherentImpact, (1 + rng.below(5)).to_string(), None),
        2 => (Field::Owner, text.replace('\n', " "), None),
        3 => (Field::TargetDate, format!("2026-{:02}-15", 1 + rng.below(12)), None),
        4 => (Field::RealisationDone, text.replace('\n', " "), Some(1 + rng.below(4))),
        _ => (Field::RealisationProgress, (rng.below(11) * 10).to_string(), Some(2)),
    };
    let quarter = quarter.map(|q| q as i32);
    // A few rows, so that one row's assessment changes often.
    let id = rows[rng.below(rows.len().min(3))].0;
    let expected = row_of(view, id).assessment.value_at(field, quarter.map(|q| q as u8));
    let edit = AssessmentEdit { row: id, field, quarter, expected: &expected, value: &value };
    write::save_assessment(&write::Write::new(txn, actor), edit, today()).await?;
    Ok(())
}

/// A Bagian added, or a random one renamed, through the write path.
async fn random_bagian_change(
    txn: &DatabaseTransaction,
    actor: &Actor,
    rng: &mut Rng,
    view: &RegisterView,
    step: usize,
) -> Result<(), WriteError> {
    let section = rng.pick(&view.sections).unwrap();
    let name = format!("Bagian Uji {step}");
    if rng.below(2) == 0 {
        write::add_bagian(&write::Write::new(txn, actor), view.id, &name).await?;
    } else {
        let (bagian, old) = (section.bagian_id, section.name.as_str());
        write::rename_bagian(&write::Write::new(txn, actor), view.id, bagian, old, &name).await?;
    }
    Ok(())
}

/// The seed table with its first section reversed and a cell changed:
/// an import that reorders, edits, deletes and re-creates.
fn reshuffled(step: usize) -> app::import::ParsedTable {
    let mut table = common::seed_table();
    let first = &mut table.sections[0];
    first.rows.reverse();
    first.rows[0].cells[4] = RichText::new(format!("Diimpor ulang {step}"));
    table.sections.swap(1, 2);
    table
}

async fn current(db: &TestDb, key: RegisterKey) -> RegisterView {
    load_register(&db.db, key).await.unwrap().unwrap()
}

/// What the page showed, as a past register shows it: rows unversioned.
fn unversioned(mut view: RegisterView) -> RegisterView {
    for row in view.sections.iter_mut().flat_map(|s| s.rows.iter_mut()) {
        row.version = 0;
    }
    view
}

#[apply(on_both_databases!)]
async fn every_version_is_rebuilt(db: &TestDb) {
    let report = common::import(db, &common::seed_table(), 2026).await.unwrap();
    let key = RegisterKey::of(current(db, RegisterKey::default()).await.unit_id, report.year);
    for seed in [7_u64, 2026, 88_172_645] {
        let mut rng = Rng(seed);
        let mut seen = vec![unversioned(current(db, key).await)];
        for step in 0..60 {
            let view = current(db, key).await;
            if rng.below(15) == 0 {
                common::import(db, &reshuffled(step), 2026).await.unwrap();
            } else {
                random_change(db, &mut rng, &view, step).await;
            }
            let after = current(db, key).await;
            if after.version != view.version {
                seen.push(unversioned(after));
            }
        }
        assert!(seen.len() > 30, "seed {seed}: only {} versions made", seen.len());
        for shown in &seen {
            let rebuilt = register_at(&db.db, key, shown.version, today()).await.unwrap().unwrap();
            assert_eq!(&rebuilt, shown, "seed {seed}, version {}", shown.version);
        }
    }
}

/// Sets the time of every change log entry of versions `versions`.
async fn date_entries(db: &TestDb, versions: std::ops::RangeInclusive<i32>, at: &str) {
    let (from, to) = (versions.start(), versions.end());
    db.exec(&format!(
        "UPDATE change_log SET changed_at = '{at}' \
         WHERE register_version BETWEEN {from} AND {to}"
    ))
    .await;
}

#[apply(on_both_databases!)]
async fn a_day_is_its_last_version_in_makassar(db: &TestDb) {
    common::import(db, &common::seed_table(), 2026).await.unwrap();
    let register = current(db, RegisterKey::default()).await;
    let key = RegisterKey::of(register.unit_id, register.year);
    let imported = register.version;
    let (id, _) = db.first_row().await;
    let id: i32 = id.parse().unwrap();
    let cell = row_of(&register, id).rencana.clone();
    let txn = begin_write(&db.db).await.unwrap();
    let edited = RichText::new("Diubah 1 Oktober".to_owned());
    write::save_cell(
        &write::Write::new(&txn, &Actor::IMPORT),
        id,
        Field::Rencana,
        cell.markup(),
        &edited,
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();
    // The import at 23:59 WITA on 30 September, the edit at 00:00 on 1 October.
    date_entries(db, 0..=imported, "2026-09-30T15:59:00.000+00:00").await;
    date_entries(db, imported + 1..=imported + 1, "2026-09-30T16:00:00.000+00:00").await;
    let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let today = on(2026, 12, 4);

    let Some(AsOfView::Shown(mut then)) =
        load_as_of(&db.db, key, on(2026, 9, 30), today).await.unwrap()
    else {
        panic!("30 September is shown");
    };
    assert_eq!(
        then.as_of.take(),
        Some(AsOf { date: on(2026, 9, 30), version: imported, revision: None })
    );
    assert_eq!(row_of(&then, id).rencana, cell);
    assert_eq!(then, unversioned(register.clone()));

    let Some(AsOfView::Shown(later)) =
        load_as_of(&db.db, key, on(2026, 10, 1), today).await.unwrap()
    else {
        panic!("1 October is shown");
    };
    assert_eq!(later.as_of.map(|as_of| as_of.version), Some(imported + 1));
    assert_eq!(row_of(&later, id).rencana, edited);

    assert_eq!(
        load_as_of(&db.db, key, on(2026, 9, 29), today).await.unwrap(),
        Some(AsOfView::BeforeLog { since: Some(on(2026, 9, 30)) })
    );
    assert_eq!(
        load_as_of(&db.db, key, on(2026, 12, 5), today).await.unwrap(),
        Some(AsOfView::Future { today })
    );
    assert_eq!(
        load_as_of(&db.db, RegisterKey::of(key.unit_id.unwrap(), 1999), on(2026, 9, 30), today)
            .await
            .unwrap(),
        None
    );
}

/// A database from before the layout log gets each register's layout at
/// its version: the register is shown as of today from then on.
#[apply(on_both_databases!)]
async fn the_migration_logs_each_registers_layout(db: &TestDb) {
    use migrations::MigratorTrait;
    common::import(db, &common::seed_table(), 2026).await.unwrap();
    let register = current(db, RegisterKey::default()).await;
    let key = RegisterKey::of(register.unit_id, register.year);
    // Back to before the layout log (and the migrations after it).
    migrations::Migrator::down(&db.db, Some(3)).await.unwrap();
    assert_eq!(db.count("change_log WHERE action = 'layout'").await, 0);
    migrations::Migrator::up(&db.db, None).await.unwrap();
    assert_eq!(db.count("change_log WHERE action = 'layout'").await, 1 + 3);
    let rebuilt = register_at(&db.db, key, register.version, today()).await.unwrap().unwrap();
    assert_eq!(rebuilt, unversioned(register));
}
