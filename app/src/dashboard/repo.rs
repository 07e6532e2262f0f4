//! The dashboard's aggregate queries: two GROUP BY queries on the risk rows
//! of one register, each an index-only scan (one row per Bagian with its
//! counts by level, status and overdue summed in the database; one row per
//! pair of inherent and residual ratings, both heat maps at once), and one
//! on the realisations of its year. What comes back is bounded by the
//! number of Bagian (and 36 × 36 rating pairs), whatever the number of rows.
//! After a save, the Bagian of the rows it changed are counted again, by
//! the same queries restricted to them (`FigureCache`).
use super::model::{BagianCounts, Counts, DashboardView};
use crate::register::history::Action;
use crate::register::model::{RegisterKey, RtpStatus};
use crate::register::repo::RegisterRecord;
use crate::register::repo::{matrix, register_record, register_years, section_names};
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr, Statement};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// A register's figures at one version and day: what the aggregate
/// queries give (the rest of the view is read on each request).
#[derive(Clone, Debug, PartialEq)]
struct Figures {
    bagian: Vec<BagianCounts>,
    total: Counts,
    heat: [[[u32; 5]; 5]; 2],
}

/// Figures kept per register, with the version and day they are of. Every
/// change moves the register's version on (the one write path does) and
/// each request reads the version first, so kept figures are never stale,
/// also when another instance made the change; a dashboard read again, as
/// every open one is after each change, costs no aggregate query. Figures
/// kept at an older version are brought up to date where the change log
/// names every row changed since: only those rows' Bagian are counted
/// again (and the heat maps, one scan).
#[derive(Clone, Debug, Default)]
pub struct FigureCache(Arc<CacheInner>);

#[derive(Debug, Default)]
struct CacheInner {
    kept: Mutex<HashMap<i32, Kept>>,
    computed: AtomicU64,
    updated: AtomicU64,
}

/// Figures with the register version and day they are of.
type Kept = (i32, NaiveDate, Arc<Figures>);

/// How often figures were computed whole, and how often brought up to date
/// from kept ones (the tests and the log read it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Work {
    pub computed: u64,
    pub updated: u64,
}

impl FigureCache {
    fn get(&self, register: i32) -> Option<Kept> {
        self.0.kept.lock().ok()?.get(&register).cloned()
    }

    fn keep(&self, register: i32, version: i32, day: NaiveDate, figures: Arc<Figures>) {
        if let Ok(mut kept) = self.0.kept.lock() {
            kept.insert(register, (version, day, figures));
        }
    }

    pub fn work(&self) -> Work {
        Work {
            computed: self.0.computed.load(Ordering::Relaxed),
            updated: self.0.updated.load(Ordering::Relaxed),
        }
    }
}

/// The dashboard of the register `key` names, overdue as of `today`; its
/// figures from `cache` when kept for the register's version and the day,
/// brought up to date when kept for an older version of the day.
pub async fn dashboard(
    db: &impl ConnectionTrait,
    key: RegisterKey,
    today: NaiveDate,
    cache: &FigureCache,
) -> Result<Option<DashboardView>, DbErr> {
    let Some(register) = register_record(db, key).await? else {
        return Ok(None);
    };
    let kept = cache.get(register.id).filter(|(_, day, _)| *day == today);
    let figures = match kept {
        Some((version, _, figures)) if version == register.version => figures,
        kept => {
            let updated = match kept {
                Some((version, _, figures)) if version < register.version => {
                    updated(db, &register, today, &figures, version).await?
                }
                _ => None,
            };
            let counter = if updated.is_some() { &cache.0.updated } else { &cache.0.computed };
            let figures = match updated {
                Some(figures) => figures,
                None => figures(db, &register, today).await?,
            };
            counter.fetch_add(1, Ordering::Relaxed);
            let figures = Arc::new(figures);
            cache.keep(register.id, register.version, today, figures.clone());
            figures
        }
    };
    Ok(Some(DashboardView {
        register: register.id,
        unit_id: register.unit_id,
        unit_line: register.unit_line(),
        year: register.year,
        version: register.version,
        years: register_years(db, register.unit_id).await?,
        bagian: figures.bagian.clone(),
        total: figures.total.clone(),
        heat: figures.heat,
        matrix: matrix(db).await?,
    }))
}

/// The aggregate queries' figures of `register`, overdue as of `today`.
async fn figures(
    db: &impl ConnectionTrait,
    register: &RegisterRecord,
    today: NaiveDate,
) -> Result<Figures, DbErr> {
    // At once, each on a connection of its own where the pool has them:
    // the largest (per Bagian) sets the time.
    let (mut counts, heat, names) = tokio::try_join!(
        counts(db, register, today, None),
        heat(db, register.id),
        section_names(db, register.id),
    )?;
    // Every Bagian of the register, in printed order, also those without rows.
    let mut bagian: Vec<BagianCounts> = names
        .into_iter()
        .map(|(bagian_id, name)| {
            let counts = counts.remove(&bagian_id).unwrap_or_default();
            BagianCounts { bagian_id, name, counts }
        })
        .collect();
    // Rows of a Bagian the register does not list (never written so) still count.
    let mut unlisted: Vec<(i32, Counts)> = counts.into_iter().collect();
    unlisted.sort_by_key(|(bagian_id, _)| *bagian_id);
    for (bagian_id, counts) in unlisted {
        bagian.push(BagianCounts { bagian_id, name: format!("#{bagian_id}"), counts });
    }
    Ok(Figures::new(bagian, heat))
}

/// `kept`, the figures of `register` at version `since`, brought to its
/// version: the Bagian of the rows changed since counted again, the heat
/// maps scanned again. `None` where the change log does not tell which
/// rows changed (a Bagian renamed or added, a row moved to another Bagian,
/// settings, very many rows): the figures are computed whole then.
async fn updated(
    db: &impl ConnectionTrait,
    register: &RegisterRecord,
    today: NaiveDate,
    kept: &Figures,
    since: i32,
) -> Result<Option<Figures>, DbErr> {
    let Some(touched) = touched_bagian(db, register, since).await? else {
        return Ok(None);
    };
    let listed: HashSet<i32> = kept.bagian.iter().map(|line| line.bagian_id).collect();
    if !touched.iter().all(|bagian| listed.contains(bagian)) {
        return Ok(None);
    }
    let (mut counts, heat) =
        tokio::try_join!(counts(db, register, today, Some(&touched)), heat(db, register.id))?;
    let mut bagian = kept.bagian.clone();
    for line in &mut bagian {
        if touched.binary_search(&line.bagian_id).is_ok() {
            // A Bagian whose rows are all gone counts nothing.
            line.counts = counts.remove(&line.bagian_id).unwrap_or_default();
        }
    }
    Ok(Some(Figures::new(bagian, heat)))
}

/// Rows changed since a kept version beyond this are counted whole again.
const MOST_ROWS_UPDATED: u64 = 500;
/// Bagian counted again beyond this are counted whole again.
const MOST_BAGIAN_UPDATED: usize = 100;

/// The Bagian of the rows of `register` changed after version `since`, if
/// the change log names a row for each version since (and for each row its
/// Bagian, which a move would change): else `None`.
async fn touched_bagian(
    db: &impl ConnectionTrait,
    register: &RegisterRecord,
    since: i32,
) -> Result<Option<Vec<i32>>, DbErr> {
    let sql = format!(
        "SELECT c.register_version AS v, c.action AS action, r.bagian_id AS bagian_id \
         FROM change_log c LEFT JOIN risk r ON r.id = c.risk_id \
         WHERE c.register_id = {id} AND c.register_version > {since} \
           AND c.register_version <= {version} \
           AND c.action <> 'layout' \
         LIMIT {limit}",
        id = register.id,
        version = register.version,
        limit = MOST_ROWS_UPDATED + 1,
    );
    let entries = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    if entries.len() as u64 > MOST_ROWS_UPDATED {
        return Ok(None);
    }
    let mut versions = HashSet::new();
    let mut touched = HashSet::new();
    for entry in entries {
        let action: String = entry.try_get("", "action")?;
        let bagian: Option<i32> = entry.try_get("", "bagian_id")?;
        match (Action::from_code(&action), bagian) {
            (Some(Action::Move) | None, _) | (_, None) => return Ok(None),
            (Some(_), Some(bagian)) => touched.insert(bagian),
        };
        versions.insert(entry.try_get::<i32>("", "v")?);
    }
    // A version without an entry changed what the log does not name.
    let complete = versions.len() == usize::try_from(register.version - since).unwrap_or(0);
    if !complete || touched.is_empty() || touched.len() > MOST_BAGIAN_UPDATED {
        return Ok(None);
    }
    let mut touched: Vec<i32> = touched.into_iter().collect();
    touched.sort_unstable();
    Ok(Some(touched))
}

/// The counts of the Bagian of `register` (of `only` those, when given):
/// levels, control status, overdue as of `today`, realisations of its year.
async fn counts(
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
async fn heat(db: &impl ConnectionTrait, id: i32) -> Result<[[[u32; 5]; 5]; 2], DbErr> {
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

impl Figures {
    /// The figures of these Bagian lines, their total summed here.
    fn new(bagian: Vec<BagianCounts>, heat: [[[u32; 5]; 5]; 2]) -> Self {
        let mut total = Counts::default();
        for line in &bagian {
            total.add(&line.counts);
        }
        Self { bagian, total, heat }
    }
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
