//! New rows on PostgreSQL: each column goes as one array, unnested into
//! rows. Two statements (rows, log) however many rows: no limit of bound
//! parameters to chunk under, and a fraction of multi-row VALUES' parsing.
use super::*;
use sea_orm::{DbBackend, QueryResult, Statement, Value};

/// Inserts `rows` (version 1), returning per row its id, register, Bagian
/// and place.
pub(super) async fn insert_rows(
    write: &Write<'_>,
    rows: &[NewRow<'_>],
) -> Result<Vec<QueryResult>, WriteError> {
    let &Write { txn, actor, .. } = write;
    let ints =
        |value: fn(&NewRow<'_>) -> i32| Value::from(rows.iter().map(value).collect::<Vec<_>>());
    let cell = |at: usize| {
        let cells: Vec<String> = rows.iter().map(|row| row.cells[at].markup().to_owned()).collect();
        Value::from(cells)
    };
    let codes: Vec<String> = rows.iter().map(|row| row.code.to_owned()).collect();
    let values = vec![
        ints(|row| row.register_id),
        ints(|row| row.bagian_id),
        ints(|row| row.position),
        Value::from(codes),
        cell(0),
        cell(1),
        cell(2),
        cell(3),
        cell(4),
        actor.user_id().into(),
    ];
    let sql = "INSERT INTO risk (register_id, bagian_id, position, code, aktivitas, potensi, \
               penyebab, dampak, rencana, version, created_at, updated_at, created_by, updated_by) \
               SELECT r, b, p, c, a, o, e, d, n, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, $10, $10 \
               FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[], $6::text[], \
               $7::text[], $8::text[], $9::text[]) AS t(r, b, p, c, a, o, e, d, n) \
               RETURNING id, register_id, bagian_id, position";
    let statement = Statement::from_sql_and_values(DbBackend::Postgres, sql, values);
    Ok(txn.query_all_raw(statement).await?)
}

/// Logs the creation of rows, each `(register, row, activity)`, as made
/// by the version the write's bump on `register` makes.
pub(super) async fn log_created(
    write: &Write<'_>,
    register: &LockedRegister,
    created: Vec<(i32, i32, String)>,
) -> Result<(), WriteError> {
    let &Write { txn, actor, .. } = write;
    if created.is_empty() {
        return Ok(());
    }
    let mut registers = Vec::with_capacity(created.len());
    let mut rows = Vec::with_capacity(created.len());
    let mut activities = Vec::with_capacity(created.len());
    for (register, row, activity) in created {
        registers.push(register);
        rows.push(row);
        activities.push(activity);
    }
    // The version this transaction's one `bump_register` makes.
    let version = register.next_version();
    let values = vec![
        Value::from(registers),
        Value::from(rows),
        Value::from(activities),
        Action::Create.code().into(),
        Field::CELLS[0].column().into(),
        actor.user_id().into(),
        actor.source.code().into(),
        actor.client.clone().into(),
    ];
    let sql = format!(
        "INSERT INTO change_log (register_id, risk_id, action, field, old_value, new_value, \
         changed_by, source, changed_at, client, register_version) \
         SELECT t.r, t.k, $4, $5, NULL, t.n, $6, $7, CURRENT_TIMESTAMP, $8, {version} \
         FROM unnest($1::int[], $2::int[], $3::text[]) AS t(r, k, n)"
    );
    let statement = Statement::from_sql_and_values(DbBackend::Postgres, sql, values);
    txn.execute_raw(statement).await?;
    Ok(())
}
