//! The aggregate queries themselves: counts per Bagian, both heat maps in
//! one scan, realisations per quarter; their SQL takes typed ids.
use super::*;

/// The counts of the Bagian of `register` (of `only` those, when given):
/// levels, control status, overdue as of `today`, realisations of its year.
pub(super) async fn counts(
    db: &impl ConnectionTrait,
    register: &RegisterRecord,
    today: NaiveDate,
    only: Option<&[i32]>,
) -> Result<HashMap<i32, Counts>, DbErr> {
    let backend = db.get_database_backend();
    let sql = |sql: String| Statement::from_string(backend, sql);
    let (by_bagian, realised) = tokio::try_join!(
        db.query_all_raw(sql(bagian_sql(register.id, today, only))),
        db.query_all_raw(sql(realised_sql(register.id, register.year, only))),
    )?;
    let mut counts: HashMap<i32, Counts> = HashMap::with_capacity(by_bagian.len());
    for row in by_bagian {
        let number = |column: &str| -> Result<u32, DbErr> {
            let n: Option<i64> = row.try_get("", column)?;
            Ok(n.and_then(|n| u32::try_from(n).ok()).unwrap_or(0))
        };
        let risks = number("n")?;
        let mut line = Counts { risks, overdue: number("overdue")?, ..Counts::default() };
        for (kind, levels) in [("inherent", &mut line.inherent), ("residual", &mut line.residual)] {
            for (level, count) in levels.iter_mut().enumerate().skip(1) {
                *count = number(&format!("{kind}_{level}"))?;
            }
            levels[0] = risks.saturating_sub(levels[1..].iter().sum());
        }
        let (done, in_progress) = (number("done")?, number("in_progress")?);
        let index =
            |status: RtpStatus| RtpStatus::ALL.iter().position(|s| *s == status).unwrap_or(0);
        line.status[index(RtpStatus::Selesai)] = done;
        line.status[index(RtpStatus::DalamProses)] = in_progress;
        // No status yet is not started.
        line.status[index(RtpStatus::BelumDimulai)] = risks.saturating_sub(done + in_progress);
        counts.insert(row.try_get("", "bagian_id")?, line);
    }
    for row in realised {
        let bagian: i32 = row.try_get("", "bagian_id")?;
        let quarter: i16 = row.try_get("", "quarter")?;
        let n = u32::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0);
        let progress = average(&row)?;
        let line = counts.entry(bagian).or_default();
        if let Some(cell) = usize::try_from(quarter - 1).ok().and_then(|q| line.quarters.get_mut(q))
        {
            *cell = (n, progress);
        }
    }
    Ok(counts)
}

/// Both heat maps of register `id`, from one pass over each pair of ratings.
pub(super) async fn heat(db: &impl ConnectionTrait, id: i32) -> Result<[[[u32; 5]; 5]; 2], DbErr> {
    let sql = heat_sql(id);
    let cells = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    let mut heat = [[[0u32; 5]; 5]; 2];
    for row in cells {
        let n = u32::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0);
        for (at, (l, i)) in [("il", "ii"), ("rl", "ri")].into_iter().enumerate() {
            let (l, i): (Option<i16>, Option<i16>) = (row.try_get("", l)?, row.try_get("", i)?);
            // Rated once both are given (the write path stores the score then).
            let cell =
                |v: Option<i16>| v.and_then(|v| usize::try_from(v - 1).ok()).filter(|v| *v < 5);
            if let (Some(l), Some(i)) = (cell(l), cell(i)) {
                heat[at][l][i] += n;
            }
        }
    }
    Ok(heat)
}

// The queries, shared with the benchmark's raw-SQL baseline. Only typed
// integers and a date are written into their SQL, never user text.

/// " AND `column` IN (…)" when counting `only` some Bagian, else nothing.
fn scope(column: &str, only: Option<&[i32]>) -> String {
    only.map(|bagian| {
        let list = bagian.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
        format!(" AND {column} IN ({list})")
    })
    .unwrap_or_default()
}

/// One row per Bagian of register `register` (of `only` those, when
/// given): its rows (`n`), rows per inherent and residual level
/// (`inherent_1` … `residual_5`), control actions done and in progress,
/// and overdue as of `today`; summed in the database over
/// `ix_risk_assessment`, which holds every column read.
pub fn bagian_sql(register: i32, today: NaiveDate, only: Option<&[i32]>) -> String {
    let level_sums = |kind: &str| {
        (1..=5)
            .map(|level| {
                format!("SUM(CASE WHEN {kind}_level = {level} THEN 1 ELSE 0 END) AS {kind}_{level}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "SELECT bagian_id, COUNT(*) AS n, {inherent}, {residual}, \
           SUM(CASE WHEN rtp_status = 'selesai' THEN 1 ELSE 0 END) AS done, \
           SUM(CASE WHEN rtp_status = 'dalam_proses' THEN 1 ELSE 0 END) AS in_progress, \
           SUM(CASE WHEN rtp_due < '{today}' AND (rtp_status IS NULL OR rtp_status <> 'selesai') \
             THEN 1 ELSE 0 END) AS overdue \
         FROM risk WHERE register_id = {register} AND deleted_at IS NULL{scope} \
         GROUP BY bagian_id",
        inherent = level_sums("inherent"),
        residual = level_sums("residual"),
        scope = scope("bagian_id", only),
    )
}

/// One row per pair of inherent and residual ratings (`il`, `ii`, `rl`,
/// `ri`, `n`): both heat maps from one scan of `ix_risk_heat`.
pub fn heat_sql(register: i32) -> String {
    format!(
        "SELECT inherent_likelihood AS il, inherent_impact AS ii, \
           residual_likelihood AS rl, residual_impact AS ri, COUNT(*) AS n FROM risk \
         WHERE register_id = {register} AND deleted_at IS NULL \
         GROUP BY inherent_likelihood, inherent_impact, residual_likelihood, residual_impact"
    )
}

/// Realisations of `year` per Bagian (of `only` those, when given) and
/// quarter: how many, their mean progress.
pub fn realised_sql(register: i32, year: i32, only: Option<&[i32]>) -> String {
    format!(
        "SELECT r.bagian_id, q.quarter, COUNT(*) AS n, \
           CAST(AVG(q.progress) AS DOUBLE PRECISION) AS progress \
         FROM rtp_realisation q JOIN risk r ON r.id = q.risk_id \
         WHERE r.register_id = {register} AND r.deleted_at IS NULL AND q.year = {year}{scope} \
         GROUP BY r.bagian_id, q.quarter",
        scope = scope("r.bagian_id", only),
    )
}

/// AVG(progress) as a whole percent.
fn average(row: &sea_orm::QueryResult) -> Result<u8, DbErr> {
    let value: Option<f64> = row.try_get("", "progress")?;
    Ok(value.unwrap_or(0.0).round().clamp(0.0, 100.0) as u8)
}
