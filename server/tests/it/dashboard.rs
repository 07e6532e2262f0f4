//! The dashboard's figures, on both databases, against a generated register
//! whose right answers this test works out on its own from the rows (with
//! the matrix of the rules, not the database's): counts per Bagian by
//! level, status and overdue, the heat maps, realisation per quarter; a
//! deleted row counts nowhere; and every page hears of a change.
use crate::common;
use macro_rules_attribute::apply;

use app::register::model::{Matrix, RtpStatus};
use common::{App, TestDb};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;
use std::collections::BTreeMap;

/// A year before the seed's: its targets have passed.
const YEAR: i32 = 2025;

/// What the test expects of one Bagian (or the total).
#[derive(Debug, Default, PartialEq)]
struct Expected {
    risks: u64,
    inherent: [u64; 6],
    residual: [u64; 6],
    status: [u64; 3],
    overdue: u64,
}

fn counts_of(json: &Value) -> Expected {
    let array = |key: &str| -> Vec<u64> {
        json[key].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect()
    };
    Expected {
        risks: json["risks"].as_u64().unwrap(),
        inherent: array("inherent").try_into().unwrap(),
        residual: array("residual").try_into().unwrap(),
        status: array("status").try_into().unwrap(),
        overdue: json["overdue"].as_u64().unwrap(),
    }
}

#[apply(on_both_databases!)]
async fn figures_match_the_rows(db: &TestDb) {
    let admin = App::start(db).await;
    app::import::generate::generate_register(&db.db, 400, YEAR).await.unwrap();
    let register = db.text(&format!("SELECT id FROM register WHERE year = {YEAR}")).await.unwrap();
    app::import::generate::assess_generated(&db.db, register.parse().unwrap()).await.unwrap();
    // A deleted row counts nowhere; realisations of two quarters.
    db.exec(&format!(
        "UPDATE risk SET deleted_at = CURRENT_TIMESTAMP WHERE id = \
         (SELECT MIN(id) FROM risk WHERE register_id = {register})"
    ))
    .await;
    db.exec(&format!(
        "INSERT INTO rtp_realisation (risk_id, year, quarter, progress, created_at) \
         SELECT id, {YEAR}, 1 + (id % 2), 10 * (id % 11), CURRENT_TIMESTAMP FROM risk \
         WHERE register_id = {register} AND id % 5 = 0"
    ))
    .await;

    let (per_bagian, total, heat) = right_answers(db, &register).await;
    assert_eq!(total.risks, 399);
    assert!(total.inherent[0] > 0 && total.inherent[1..].iter().filter(|n| **n > 0).count() >= 4);
    assert!(total.overdue > 0 && total.status.iter().all(|n| *n > 0), "{total:?}");
    dashboard_shows_them(db, &admin, &register, per_bagian, total, heat).await;
}

/// The right answers, from the rows themselves: the counts per Bagian, in
/// total, and the heat maps (inherent, then residual).
async fn right_answers(
    db: &TestDb,
    register: &str,
) -> (BTreeMap<i32, Expected>, Expected, [[[u64; 5]; 5]; 2]) {
    let backend = db.db.get_database_backend();
    let rows = db
        .db
        .query_all_raw(Statement::from_string(
            backend,
            format!(
                "SELECT id, bagian_id, inherent_likelihood, inherent_impact, residual_likelihood, \
                 residual_impact, rtp_status, CAST(rtp_due AS TEXT) AS due FROM risk \
                 WHERE register_id = {register} AND deleted_at IS NULL"
            ),
        ))
        .await
        .unwrap();
    let matrix = Matrix::bpkp();
    let today = app::db::today().to_string();
    let mut per_bagian: BTreeMap<i32, Expected> = BTreeMap::new();
    let mut total = Expected::default();
    let mut heat = [[[0u64; 5]; 5]; 2];
    for row in &rows {
        let bagian: i32 = row.try_get("", "bagian_id").unwrap();
        let scale = |name: &str| {
            row.try_get::<Option<i16>>("", name).unwrap().map(|n| u8::try_from(n).unwrap())
        };
        let status: Option<String> = row.try_get("", "rtp_status").unwrap();
        let due: Option<String> = row.try_get("", "due").unwrap();
        let status = status.as_deref().and_then(RtpStatus::from_code);
        let overdue =
            due.is_some_and(|due| due[..10] < *today) && status != Some(RtpStatus::Selesai);
        for expected in [per_bagian.entry(bagian).or_default(), &mut total] {
            expected.risks += 1;
            for (at, (l, i)) in [
                (scale("inherent_likelihood"), scale("inherent_impact")),
                (scale("residual_likelihood"), scale("residual_impact")),
            ]
            .into_iter()
            .enumerate()
            {
                let level =
                    l.zip(i).and_then(|(l, i)| matrix.rate(l, i)).map_or(0, |r| r.level as usize);
                if at == 0 {
                    expected.inherent[level] += 1;
                } else {
                    expected.residual[level] += 1;
                }
            }
            let status_at = match status {
                None | Some(RtpStatus::BelumDimulai) => 0,
                Some(RtpStatus::DalamProses) => 1,
                Some(RtpStatus::Selesai) => 2,
            };
            expected.status[status_at] += 1;
            expected.overdue += u64::from(overdue);
        }
        for (at, (l, i)) in [
            (scale("inherent_likelihood"), scale("inherent_impact")),
            (scale("residual_likelihood"), scale("residual_impact")),
        ]
        .into_iter()
        .enumerate()
        {
            if let (Some(l), Some(i)) = (l, i) {
                heat[at][usize::from(l) - 1][usize::from(i) - 1] += 1;
            }
        }
    }
    (per_bagian, total, heat)
}

/// The dashboard shows the right answers `per_bagian`, `total` and `heat`,
/// and the realisations per quarter.
async fn dashboard_shows_them(
    db: &TestDb,
    admin: &App,
    register: &str,
    mut per_bagian: BTreeMap<i32, Expected>,
    total: Expected,
    heat: [[[u64; 5]; 5]; 2],
) {
    let unit = db.text("SELECT MIN(unit_id) FROM register").await.unwrap();
    let dashboard = admin.get(&format!("dashboard?unit={unit}&year={YEAR}")).await;
    assert_eq!(counts_of(&dashboard["total"]), total);
    for line in dashboard["bagian"].as_array().unwrap() {
        let id = line["bagian_id"].as_i64().unwrap() as i32;
        assert_eq!(counts_of(&line["counts"]), per_bagian.remove(&id).unwrap_or_default(), "{id}");
    }
    assert!(per_bagian.is_empty(), "every Bagian is on the dashboard");
    let shown: Vec<Vec<Vec<u64>>> = serde_json::from_value(dashboard["heat"].clone()).unwrap();
    assert_eq!(shown, heat.map(|m| m.map(|r| r.to_vec()).to_vec()).to_vec());
    // Realisations: per quarter, how many and their mean progress.
    let quarter = |q: usize| dashboard["total"]["quarters"][q].clone();
    let realised = db
        .text(&format!(
            "SELECT COUNT(*) FROM rtp_realisation q JOIN risk r ON r.id = q.risk_id \
             WHERE r.register_id = {register} AND r.deleted_at IS NULL AND q.quarter = 1"
        ))
        .await
        .unwrap();
    assert_eq!(quarter(0)[0].as_u64().unwrap().to_string(), realised);
    assert_eq!(quarter(2)[0], 0);
    let years: Vec<i64> = serde_json::from_value(dashboard["years"].clone()).unwrap();
    assert!(years.len() == 2 && years[0] > years[1] && years[1] == i64::from(YEAR), "{years:?}");
}

#[apply(on_both_databases!)]
async fn a_save_reaches_the_dashboard(db: &TestDb) {
    let admin = App::start(db).await;
    let before = admin.get("dashboard").await;
    let version = before["version"].as_i64().unwrap();
    assert_eq!(before["total"]["inherent"][0], 13, "nothing rated yet");
    let row = db.text("SELECT MIN(id) FROM risk").await.unwrap();
    for (field, value) in [("InherentLikelihood", "5"), ("InherentImpact", "5")] {
        let form = [("row", row.as_str()), ("field", field), ("expected", ""), ("value", value)];
        assert_eq!(admin.post_form("save_assessment", &form).await.0, reqwest::StatusCode::OK);
    }
    let after = admin.get("dashboard").await;
    assert!(after["version"].as_i64().unwrap() > version, "the page's live cursor moves");
    assert_eq!(after["total"]["inherent"][0], 12);
    assert_eq!(after["total"]["inherent"][5], 1, "5 × 5 is Sangat Tinggi");
    assert_eq!(after["heat"][0][4][4], 1);
}

/// Figures kept at an older version, brought up to date from the change
/// log, are exactly those computed whole: after each kind of change, and
/// computed whole where the log does not tell what changed.
#[apply(on_both_databases!)]
async fn kept_figures_follow_every_change(db: &TestDb) {
    use app::dashboard::repo::{FigureCache, Work, dashboard};
    let admin = App::start(db).await;
    let key = app::register::model::RegisterKey::default();
    let today = app::db::today();
    let cache = FigureCache::default();
    let (row, bagian) = db.first_row().await;
    let other = db.text(&format!("SELECT MIN(id) FROM risk WHERE bagian_id <> {bagian}")).await;
    let other = other.unwrap();
    let other_bagian = db.text(&format!("SELECT bagian_id FROM risk WHERE id = {other}")).await;
    let other_bagian = other_bagian.unwrap();
    let version = |row: String| async move {
        db.text(&format!("SELECT version FROM risk WHERE id = {row}")).await.unwrap()
    };
    // The figures through `cache` equal those computed whole; the work done.
    let check = async |what: &str| {
        let kept = dashboard(&db.db, key, today, &cache).await.unwrap().unwrap();
        let whole = dashboard(&db.db, key, today, &FigureCache::default()).await.unwrap().unwrap();
        assert_eq!(kept, whole, "{what}");
        cache.work()
    };
    assert_eq!(check("first").await, Work { computed: 1, updated: 0 });
    let assess = async |row: &str, field: &str, quarter: &str, expected: &str, value: &str| {
        let (status, body) = admin.save_assessment(row, quarter, field, expected, value).await;
        assert_eq!(status, reqwest::StatusCode::OK, "{field}: {body}");
    };
    // Two saves between reads: both versions are in the log.
    assess(&row, "InherentLikelihood", "", "", "4").await;
    assess(&row, "InherentImpact", "", "", "5").await;
    assert_eq!(check("rated").await, Work { computed: 1, updated: 1 });
    assess(&other, "TargetDate", "", "", "2020-01-31").await;
    assert_eq!(check("overdue").await, Work { computed: 1, updated: 2 });
    assess(&other, "RtpStatus", "", "", "selesai").await;
    assess(&row, "RealisationProgress", "2", "", "40").await;
    assert_eq!(check("done, realised").await, Work { computed: 1, updated: 3 });
    // Every row of a Bagian deleted: it counts nothing.
    let live =
        format!("SELECT MIN(id) FROM risk WHERE bagian_id = {other_bagian} AND deleted_at IS NULL");
    while let Some(id) = db.text(&live).await {
        let form = [("row", id.as_str()), ("version", &version(id.clone()).await)];
        assert_eq!(admin.post_form("delete_row", &form).await.0, reqwest::StatusCode::OK);
    }
    assert_eq!(check("deleted").await, Work { computed: 1, updated: 4 });
    let form = [("row", other.as_str())];
    assert_eq!(admin.post_form("restore_row", &form).await.0, reqwest::StatusCode::OK);
    assert_eq!(check("restored").await, Work { computed: 1, updated: 5 });
    // A row moved to another Bagian leaves one: computed whole.
    let form = [
        ("row", row.as_str()),
        ("version", &version(row.clone()).await),
        ("bagian", &other_bagian),
    ];
    assert_eq!(admin.post_form("move_row_to", &form).await.0, reqwest::StatusCode::OK);
    assert_eq!(check("moved").await, Work { computed: 2, updated: 5 });
    // A version the log says nothing of (written past the write path).
    db.exec(&format!("UPDATE risk SET rtp_status = 'dalam_proses' WHERE id = {other}")).await;
    db.exec("UPDATE register SET version = version + 1").await;
    assert_eq!(check("unlogged").await, Work { computed: 3, updated: 5 });
    assert_eq!(check("read again").await, Work { computed: 3, updated: 5 });
}
