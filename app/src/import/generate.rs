//! A synthetic register of any size, made from the seed's rows, for
//! benchmarks and for trying the app on a large table.
use super::model::{ParsedSection, ParsedTable};
use super::parse::parse_table;
use super::{ImportOptions, ImportReport, SEED_TABLE, import_table};
use crate::register::model::RichText;
use crate::register::write::WriteError;
use sea_orm::{DatabaseConnection, DbErr};

/// Rows per generated Bagian, about what a busy section holds.
const ROWS_PER_BAGIAN: usize = 25;

/// A table of `rows` rows spread over Bagian of [`ROWS_PER_BAGIAN`] rows,
/// cycling through the seed's rows with a running number in each activity.
pub fn generated_table(rows: usize) -> ParsedTable {
    let seed = parse_table(SEED_TABLE)
        .unwrap_or_else(|error| unreachable!("the embedded seed table parses (tested): {error:?}"));
    let templates: Vec<_> = seed.sections.iter().flat_map(|s| s.rows.iter()).collect();
    let mut sections: Vec<ParsedSection> = Vec::new();
    for index in 0..rows {
        if index % ROWS_PER_BAGIAN == 0 {
            let name = format!("Bagian Uji {:03}", sections.len() + 1);
            sections.push(ParsedSection { line: 0, name, rows: Vec::new() });
        }
        let mut row = templates[index % templates.len()].clone();
        row.cells[0] = RichText::new(format!("{} #{}", row.cells[0].markup(), index + 1));
        if let Some(section) = sections.last_mut() {
            section.rows.push(row);
        }
    }
    ParsedTable { sections, notes: Vec::new(), ..seed }
}

/// Stores a generated register of `rows` rows for `year`.
pub async fn generate_register(
    db: &DatabaseConnection,
    rows: usize,
    year: i32,
) -> Result<ImportReport, WriteError> {
    import_table(db, &generated_table(rows), ImportOptions { year, dry_run: false }).await
}

/// Gives the rows of register `register` an assessment and control
/// tracking that varies from row to row, by their ids: every level, status
/// and target in use, some rows not rated, residual never above inherent
/// (lower or equal likelihood and impact, and the matrix's scores rise
/// with both). Scores and levels come from the stored matrix. For
/// benchmarks and for trying the dashboard; one statement per column group,
/// whatever the number of rows.
pub async fn assess_generated(db: &DatabaseConnection, register: i32) -> Result<(), DbErr> {
    use sea_orm::{ConnectionTrait, DbBackend};
    let backend = db.get_database_backend();
    let year: i32 = {
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                backend,
                format!("SELECT year FROM register WHERE id = {register}"),
            ))
            .await?
            .ok_or_else(|| DbErr::RecordNotFound(format!("register {register}")))?;
        row.try_get("", "year")?
    };
    let due = match backend {
        DbBackend::Postgres => format!("DATE '{year}-01-01' + (id * 37 % 365)"),
        _ => format!("date('{year}-01-01', '+' || (id * 37 % 365) || ' days')"),
    };
    let statements = [
        // One row in nine is not rated yet.
        format!(
            "UPDATE risk SET \
               inherent_likelihood = CASE WHEN id % 9 = 0 THEN NULL ELSE 1 + (id * 7) % 5 END, \
               inherent_impact = CASE WHEN id % 9 = 0 THEN NULL ELSE 1 + ((id / 5) * 3) % 5 END, \
               rtp_status = CASE id % 4 WHEN 0 THEN NULL WHEN 1 THEN 'belum_dimulai' \
                 WHEN 2 THEN 'dalam_proses' ELSE 'selesai' END, \
               rtp_owner = 'Kepala Subbagian ' || (id % 7), \
               rtp_due = {due}, rtp_target_date = {due}, \
               conflict_nature = CASE WHEN id % 3 = 0 THEN 'aktual' ELSE 'potensial' END, \
               conflict_source_id = (SELECT MIN(id) FROM conflict_source) + id % 3 \
             WHERE register_id = {register}"
        ),
        format!(
            "UPDATE risk SET \
               residual_likelihood = CASE WHEN inherent_likelihood > 1 AND id % 2 = 0 \
                 THEN inherent_likelihood - 1 ELSE inherent_likelihood END, \
               residual_impact = CASE WHEN inherent_impact > 1 AND id % 3 = 0 \
                 THEN inherent_impact - 1 ELSE inherent_impact END \
             WHERE register_id = {register}"
        ),
    ]
    .into_iter()
    .chain(["inherent", "residual"].map(|kind| {
        format!(
            "UPDATE risk SET \
               {kind}_score = (SELECT score FROM risk_matrix m WHERE m.likelihood = \
                 risk.{kind}_likelihood AND m.impact = risk.{kind}_impact), \
               {kind}_level = (SELECT level FROM risk_matrix m WHERE m.likelihood = \
                 risk.{kind}_likelihood AND m.impact = risk.{kind}_impact) \
             WHERE register_id = {register}"
        )
    }))
    .chain([format!("UPDATE register SET version = version + 1 WHERE id = {register}")]);
    for sql in statements {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// Brings the planner's statistics up to date after a bulk load, as
/// PostgreSQL's autovacuum does within a minute or so of one (and marks the
/// pages all-visible, which index-only scans need); SQLite gathers its
/// statistics. For measurements taken right after generating.
pub async fn settle(db: &DatabaseConnection) -> Result<(), DbErr> {
    use sea_orm::{ConnectionTrait, DbBackend};
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => "VACUUM ANALYZE",
        _ => "ANALYZE",
    };
    db.execute_unprepared(sql).await?;
    Ok(())
}
