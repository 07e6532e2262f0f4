//! The importer's benchmark (`bench/run` calls it; BENCHMARKS.md):
//! `import_bench DATABASE_URL ROWS ROUNDS`. Each round, interleaved so
//! drift hits all alike: the import of a generated ROWS-row table into a
//! new register (rows, their Bagian, the change log); the same table
//! imported again into that register (nothing changes); a raw batched
//! INSERT of the same rows (1,000 per statement, one transaction, no change
//! log: the floor) into a register of its own. Prints a Markdown row of
//! medians: rows/s of each and the import's ratio to the raw INSERT.
use app::import::{ImportOptions, generate::generated_table, import_table};
use app::register::model::RichText;
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait, sea_query::Query};
use std::time::{Duration, Instant};

type Error = Box<dyn std::error::Error>;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, rows, rounds] = args.as_slice() else {
        return Err("usage: import_bench DATABASE_URL ROWS ROUNDS".into());
    };
    let (rows, rounds): (usize, usize) = (rows.parse()?, rounds.parse()?);
    let db = app::db::connect(url).await?;
    benturan::startup::prepare(&db, false).await?;
    let table = generated_table(rows);
    let cells: Vec<[RichText; 5]> =
        table.sections.iter().flat_map(|s| s.rows.iter().map(|r| r.cells.clone())).collect();
    let (mut raw, mut import, mut again) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let year = 3000 + round as i32;
        let started = Instant::now();
        let report = import_table(&db, &table, ImportOptions { year, dry_run: false }).await?;
        import.push(started.elapsed());
        assert_eq!(report.rows_created, rows, "every row new");
        let started = Instant::now();
        let report = import_table(&db, &table, ImportOptions { year, dry_run: false }).await?;
        again.push(started.elapsed());
        assert_eq!(report.rows_unchanged, rows, "nothing changes the second time");
        raw.push(raw_insert(&db, &cells, year + 500).await?);
        eprintln!(
            "round {round}: raw {:?}, import {:?}, again {:?}",
            raw[round], import[round], again[round]
        );
    }
    let per_second = |times: &mut Vec<Duration>| rows as f64 / median(times).as_secs_f64();
    let (raw_rate, import_rate) = (per_second(&mut raw), per_second(&mut import));
    println!(
        "| {} | {rows} | {:.0} | {:.0} | {:.0} | **{:.2}×** |",
        db.get_database_backend().as_str(),
        raw_rate,
        import_rate,
        median(&mut again).as_secs_f64() * 1000.0,
        import_rate / raw_rate,
    );
    Ok(())
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The floor: the same rows in multi-row INSERTs of 1,000, one transaction,
/// into a register and Bagian made for them; nothing else written.
async fn raw_insert(
    db: &DatabaseConnection,
    cells: &[[RichText; 5]],
    year: i32,
) -> Result<Duration, Error> {
    use app::entities::risk;
    let backend = db.get_database_backend();
    let (register, bagian) = raw_register(db, year).await?;
    let started = Instant::now();
    let txn = db.begin().await?;
    for (chunk_index, chunk) in cells.chunks(1_000).enumerate() {
        let mut insert = Query::insert()
            .into_table(risk::Entity)
            .columns([
                risk::Column::RegisterId,
                risk::Column::BagianId,
                risk::Column::Position,
                risk::Column::Code,
                risk::Column::Aktivitas,
                risk::Column::Potensi,
                risk::Column::Penyebab,
                risk::Column::Dampak,
                risk::Column::Rencana,
                risk::Column::Version,
                risk::Column::CreatedAt,
                risk::Column::UpdatedAt,
            ])
            .to_owned();
        for (index, row) in chunk.iter().enumerate() {
            let number = chunk_index * 1_000 + index + 1;
            let [a, p, c, d, r] = row.each_ref().map(|cell| cell.markup().to_owned());
            insert.values_panic([
                register.into(),
                bagian.into(),
                (number as i32).into(),
                format!("BK-{number:05}").into(),
                a.into(),
                p.into(),
                c.into(),
                d.into(),
                r.into(),
                1.into(),
                app::db::now(backend),
                app::db::now(backend),
            ]);
        }
        txn.execute(&insert).await?;
    }
    txn.commit().await?;
    Ok(started.elapsed())
}

/// The register of `year` and the Bagian the raw INSERT fills, made in the
/// Biro an import made: their ids.
async fn raw_register(db: &DatabaseConnection, year: i32) -> Result<(i32, i32), Error> {
    use app::entities::{org_unit, register};
    let backend = db.get_database_backend();
    let biro = Query::select()
        .column(org_unit::Column::Id)
        .from(org_unit::Entity)
        .and_where(sea_orm::sea_query::ExprTrait::eq(
            sea_orm::sea_query::Expr::col(org_unit::Column::Kind),
            "biro",
        ))
        .limit(1)
        .to_owned();
    let unit: i32 = db
        .query_one(&biro)
        .await?
        .ok_or("no Biro: an import makes one first")?
        .try_get("", "id")?;
    let insert_register = Query::insert()
        .into_table(register::Entity)
        .columns([
            register::Column::UnitId,
            register::Column::Year,
            register::Column::Title,
            register::Column::Status,
            register::Column::Version,
            register::Column::CreatedAt,
            register::Column::UpdatedAt,
        ])
        .values_panic([
            unit.into(),
            year.into(),
            "raw".into(),
            "draft".into(),
            1.into(),
            app::db::now(backend),
            app::db::now(backend),
        ])
        .returning_col(register::Column::Id)
        .to_owned();
    let register: i32 =
        db.query_one(&insert_register).await?.ok_or("no register")?.try_get("", "id")?;
    let bagian: i32 = {
        let insert = Query::insert()
            .into_table(org_unit::Entity)
            .columns([
                org_unit::Column::ParentId,
                org_unit::Column::Kind,
                org_unit::Column::Name,
                org_unit::Column::Position,
                org_unit::Column::CreatedAt,
            ])
            .values_panic([
                unit.into(),
                "bagian".into(),
                format!("Raw {year}").into(),
                999.into(),
                app::db::now(backend),
            ])
            .returning_col(org_unit::Column::Id)
            .to_owned();
        db.query_one(&insert).await?.ok_or("no Bagian")?.try_get("", "id")?
    };
    Ok((register, bagian))
}
