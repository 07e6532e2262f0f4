//! The dashboard's aggregate queries: two GROUP BY queries on the risk rows
//! of one register, each an index-only scan (one row per Bagian with its
//! counts by level, status and overdue summed in the database; one row per
//! pair of inherent and residual ratings, both heat maps at once), and one
//! on the realisations of its year. What comes back is bounded by the
//! number of Bagian (and 36 × 36 rating pairs), whatever the number of rows.
//! After a save, the Bagian of the rows it changed are counted again, by
//! the same queries restricted to them (`FigureCache`).
mod queries;

use super::model::{BagianCounts, Counts, DashboardView};
use crate::register::history::Action;
use crate::register::model::{RegisterKey, RtpStatus};
use crate::register::repo::RegisterRecord;
use crate::register::repo::{matrix, register_record, register_years, registers_of, section_names};
use chrono::NaiveDate;
pub use queries::{bagian_sql, heat_sql, realised_sql};
use queries::{counts, heat};
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
        registers: registers_of(db, register.unit_id).await?,
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
