//! The dashboard's aggregate queries: three GROUP BY queries on the risk
//! rows of one register (counts by Bagian, level, status and overdue; the
//! heat maps' cells) and one on the realisations of its year. The number
//! of groups is bounded (Bagian × 6 × 6 × 4 × 2 at most), whatever the
//! number of rows.
use super::{BagianCounts, Counts, DashboardView};
use crate::register::model::{RegisterKey, RtpStatus};
use crate::register::repo::{matrix, register_record, register_years, section_names};
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr, Statement};

/// The dashboard of the register `key` names, overdue as of `today`.
pub async fn dashboard(
    db: &impl ConnectionTrait,
    key: RegisterKey,
    today: NaiveDate,
) -> Result<Option<DashboardView>, DbErr> {
    let Some(register) = register_record(db, key).await? else {
        return Ok(None);
    };
    let id = register.id;
    let backend = db.get_database_backend();
    // Ids and dates are written into the SQL (an integer, a date we
    // formatted): no user text reaches it.
    let by_group = db
        .query_all_raw(Statement::from_string(
            backend,
            format!(
                "SELECT bagian_id, inherent_level, residual_level, rtp_status, \
                   CASE WHEN rtp_due < '{today}' AND (rtp_status IS NULL OR rtp_status <> 'selesai') \
                     THEN 1 ELSE 0 END AS overdue, \
                   COUNT(*) AS n \
                 FROM risk WHERE register_id = {id} AND deleted_at IS NULL \
                 GROUP BY bagian_id, inherent_level, residual_level, rtp_status, \
                   CASE WHEN rtp_due < '{today}' AND (rtp_status IS NULL OR rtp_status <> 'selesai') \
                     THEN 1 ELSE 0 END"
            ),
        ))
        .await?;
    let mut counts: Vec<(i32, Counts)> = Vec::new();
    for row in by_group {
        let bagian: i32 = row.try_get("", "bagian_id")?;
        let inherent: Option<i16> = row.try_get("", "inherent_level")?;
        let residual: Option<i16> = row.try_get("", "residual_level")?;
        let status: Option<String> = row.try_get("", "rtp_status")?;
        let overdue: i32 = row.try_get("", "overdue")?;
        let n = u32::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0);
        let at = slot(&mut counts, bagian);
        let counts = &mut counts[at].1;
        counts.risks += n;
        let level =
            |level: Option<i16>| level.and_then(|l| usize::try_from(l).ok()).unwrap_or(0).min(5);
        counts.inherent[level(inherent)] += n;
        counts.residual[level(residual)] += n;
        let status = crate::register::facets::effective_status(
            status.as_deref().and_then(RtpStatus::from_code),
        );
        counts.status[RtpStatus::ALL.iter().position(|s| *s == status).unwrap_or(0)] += n;
        if overdue == 1 {
            counts.overdue += n;
        }
    }

    let realised = db
        .query_all_raw(Statement::from_string(
            backend,
            format!(
                "SELECT r.bagian_id, q.quarter, COUNT(*) AS n, CAST(AVG(q.progress) AS DOUBLE PRECISION) AS progress \
                 FROM rtp_realisation q JOIN risk r ON r.id = q.risk_id \
                 WHERE r.register_id = {id} AND r.deleted_at IS NULL AND q.year = {year} \
                 GROUP BY r.bagian_id, q.quarter",
                year = register.year
            ),
        ))
        .await?;
    for row in realised {
        let bagian: i32 = row.try_get("", "bagian_id")?;
        let quarter: i16 = row.try_get("", "quarter")?;
        let n = u32::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0);
        let progress = average(&row)?;
        let at = slot(&mut counts, bagian);
        if let Some(cell) =
            usize::try_from(quarter - 1).ok().and_then(|q| counts[at].1.quarters.get_mut(q))
        {
            *cell = (n, progress);
        }
    }

    let mut heat = [[[0u32; 5]; 5]; 2];
    for (at, kind) in ["inherent", "residual"].into_iter().enumerate() {
        let cells = db
            .query_all_raw(Statement::from_string(
                backend,
                format!(
                    "SELECT {kind}_likelihood AS l, {kind}_impact AS i, COUNT(*) AS n FROM risk \
                     WHERE register_id = {id} AND deleted_at IS NULL AND {kind}_score IS NOT NULL \
                     GROUP BY {kind}_likelihood, {kind}_impact"
                ),
            ))
            .await?;
        for row in cells {
            let (l, i): (i16, i16) = (row.try_get("", "l")?, row.try_get("", "i")?);
            let n = u32::try_from(row.try_get::<i64>("", "n")?).unwrap_or(0);
            if let (Ok(l), Ok(i)) = (usize::try_from(l - 1), usize::try_from(i - 1))
                && l < 5
                && i < 5
            {
                heat[at][l][i] = n;
            }
        }
    }

    // Every Bagian of the register, in printed order, also those without rows.
    let names = section_names(db, id).await?;
    let mut bagian: Vec<BagianCounts> = names
        .into_iter()
        .map(|(bagian_id, name)| {
            let counts = counts
                .iter()
                .find(|(id, _)| *id == bagian_id)
                .map(|(_, counts)| counts.clone())
                .unwrap_or_default();
            BagianCounts { bagian_id, name, counts }
        })
        .collect();
    // Rows of a Bagian the register does not list (never written so) still count.
    for (bagian_id, extra) in &counts {
        if !bagian.iter().any(|b| b.bagian_id == *bagian_id) {
            let name = format!("#{bagian_id}");
            bagian.push(BagianCounts { bagian_id: *bagian_id, name, counts: extra.clone() });
        }
    }
    let mut total = Counts::default();
    for line in &bagian {
        total.add(&line.counts);
    }
    Ok(Some(DashboardView {
        register: id,
        unit_id: register.unit_id,
        unit_line: register.unit_line(),
        year: register.year,
        version: register.version,
        years: register_years(db, register.unit_id).await?,
        bagian,
        total,
        heat,
        matrix: matrix(db).await?,
    }))
}

/// The place of Bagian `bagian`'s counts, made when new.
fn slot(counts: &mut Vec<(i32, Counts)>, bagian: i32) -> usize {
    match counts.iter().position(|(id, _)| *id == bagian) {
        Some(at) => at,
        None => {
            counts.push((bagian, Counts::default()));
            counts.len() - 1
        }
    }
}

/// AVG(progress) as a whole percent.
fn average(row: &sea_orm::QueryResult) -> Result<u8, DbErr> {
    let value: Option<f64> = row.try_get("", "progress")?;
    Ok(value.unwrap_or(0.0).round().clamp(0.0, 100.0) as u8)
}
