//! Risk assessment and control tracking in use: the 5×5 risk matrix as data
//! (BPKP's scores and levels, levels adjustable by admins), each row's
//! score and level as the matrix gives them (stored, so that dashboards
//! count with GROUP BY on an index), the date a control action is due, one
//! realisation per row and quarter, and the change log's action for
//! re-levelling.
use crate::idents::Risk;
use crate::m20261129_000004_harden::add_check;
use crate::m20261130_000008_review_notes::drop_check;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// BPKP's scores ("besaran risiko"), by likelihood (row) and impact (column).
const SCORES: [[i16; 5]; 5] = [
    [1, 3, 5, 8, 20],
    [2, 7, 11, 13, 21],
    [4, 10, 14, 17, 22],
    [6, 12, 16, 19, 24],
    [9, 15, 18, 23, 25],
];

/// BPKP's level of a score: 1–5, 6–10, 11–15, 16–19, 20–25.
fn level(score: i16) -> i16 {
    match score {
        ..=5 => 1,
        6..=10 => 2,
        11..=15 => 3,
        16..=19 => 4,
        _ => 5,
    }
}

const LEVELS: &str = "({n}inherent_level IS NULL OR {n}inherent_level BETWEEN 1 AND 5) \
     AND ({n}residual_level IS NULL OR {n}residual_level BETWEEN 1 AND 5) \
     AND ({n}inherent_score IS NULL OR {n}inherent_score BETWEEN 1 AND 25) \
     AND ({n}residual_score IS NULL OR {n}residual_score BETWEEN 1 AND 25) \
     AND ({n}inherent_score IS NULL OR {n}residual_score IS NULL \
          OR {n}residual_score <= {n}inherent_score)";
const ACTIONS: &str =
    "{n}action IN ('create', 'update', 'delete', 'restore', 'move', 'note', 'resolve', 'reopen')";
const RELEVEL_ACTIONS: &str = "{n}action IN ('create', 'update', 'delete', 'restore', 'move', \
     'note', 'resolve', 'reopen', 'relevel')";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        create_matrix(db).await?;
        add_ratings(manager).await?;
        add_check(db, backend, "ck_risk_levels", "risk", LEVELS).await?;
        for sql in [
            // The dashboard's counts per Bagian: an index holds all they read.
            "CREATE INDEX ix_risk_assessment ON risk \
             (register_id, bagian_id, inherent_level, residual_level, rtp_status, rtp_due) \
             WHERE deleted_at IS NULL",
            "CREATE INDEX ix_risk_heat ON risk \
             (register_id, inherent_likelihood, inherent_impact, residual_likelihood, residual_impact) \
             WHERE deleted_at IS NULL",
            "CREATE UNIQUE INDEX ux_rtp_realisation_quarter ON rtp_realisation \
             (risk_id, year, quarter)",
        ] {
            db.execute_unprepared(sql).await?;
        }
        drop_check(db, "ck_change_log_action", "change_log").await?;
        add_check(db, backend, "ck_change_log_action", "change_log", RELEVEL_ACTIONS).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        drop_check(db, "ck_change_log_action", "change_log").await?;
        db.execute_unprepared("DELETE FROM change_log WHERE action = 'relevel'").await?;
        add_check(db, backend, "ck_change_log_action", "change_log", ACTIONS).await?;
        drop_check(db, "ck_risk_levels", "risk").await?;
        for sql in [
            "DROP INDEX ux_rtp_realisation_quarter",
            "DROP INDEX ix_risk_heat",
            "DROP INDEX ix_risk_assessment",
            "DROP TABLE risk_matrix",
        ] {
            db.execute_unprepared(sql).await?;
        }
        for column in [
            Risk::RtpDue,
            Risk::ResidualLevel,
            Risk::ResidualScore,
            Risk::InherentLevel,
            Risk::InherentScore,
        ] {
            manager
                .alter_table(Table::alter().table(Risk::Table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// The risk matrix: each cell's score and level, as the Biro's guideline
/// gives them.
async fn create_matrix(db: &SchemaManagerConnection<'_>) -> Result<(), DbErr> {
    db.execute_unprepared(
        "CREATE TABLE risk_matrix (\
           likelihood smallint NOT NULL, impact smallint NOT NULL, \
           score smallint NOT NULL, level smallint NOT NULL, \
           PRIMARY KEY (likelihood, impact), \
           CONSTRAINT ux_risk_matrix_score UNIQUE (score), \
           CONSTRAINT ck_risk_matrix CHECK (likelihood BETWEEN 1 AND 5 \
             AND impact BETWEEN 1 AND 5 AND score BETWEEN 1 AND 25 AND level BETWEEN 1 AND 5))",
    )
    .await?;
    let cells = SCORES
        .iter()
        .enumerate()
        .flat_map(|(l, row)| {
            row.iter().enumerate().map(move |(i, score)| {
                format!("({}, {}, {score}, {})", l + 1, i + 1, level(*score))
            })
        })
        .collect::<Vec<_>>()
        .join(", ");
    db.execute_unprepared(&format!(
        "INSERT INTO risk_matrix (likelihood, impact, score, level) VALUES {cells}"
    ))
    .await?;
    Ok(())
}

/// The rows' scores, levels and RTP due date, filled for rows rated before.
async fn add_ratings(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for column in
        [Risk::InherentScore, Risk::InherentLevel, Risk::ResidualScore, Risk::ResidualLevel]
    {
        manager
            .alter_table(
                Table::alter()
                    .table(Risk::Table)
                    .add_column(ColumnDef::new(column).small_integer().null())
                    .to_owned(),
            )
            .await?;
    }
    manager
        .alter_table(
            Table::alter()
                .table(Risk::Table)
                .add_column(ColumnDef::new(Risk::RtpDue).date().null())
                .to_owned(),
        )
        .await?;
    // Rows rated before: their scores and levels as the matrix gives them.
    for kind in ["inherent", "residual"] {
        db.execute_unprepared(&format!(
            "UPDATE risk SET \
             {kind}_score = (SELECT score FROM risk_matrix m WHERE m.likelihood = \
               risk.{kind}_likelihood AND m.impact = risk.{kind}_impact), \
             {kind}_level = (SELECT level FROM risk_matrix m WHERE m.likelihood = \
               risk.{kind}_likelihood AND m.impact = risk.{kind}_impact)"
        ))
        .await?;
    }
    // A residual rated above its inherent (never written so, as no path
    // wrote ratings before) loses its residual rating rather than the
    // migration failing.
    db.execute_unprepared(
        "UPDATE risk SET residual_likelihood = NULL, residual_impact = NULL, \
         residual_score = NULL, residual_level = NULL WHERE residual_score > inherent_score",
    )
    .await?;
    Ok(())
}
