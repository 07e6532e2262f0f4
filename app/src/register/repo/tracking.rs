//! What is tracked on the rows: realisation of their control actions per
//! quarter, open review notes.
use crate::entities::{review_note, rtp_realisation};
use crate::register::model::Realisation;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QuerySelect,
    RelationTrait, sea_query::Expr,
};
use std::collections::HashMap;

/// The rows of a register whose tracking is read.
#[derive(Clone, Copy, Debug)]
pub enum Rows<'a> {
    /// Its live rows.
    Live,
    /// These of its live rows.
    Only(&'a [i32]),
    /// Every row, deleted ones too: what the register of a past day undoes
    /// its changes on.
    WithDeleted,
}

impl Rows<'_> {
    /// `query` (joined to `risk`) narrowed to these rows of register `id`,
    /// `risk_id` being its column naming the row.
    fn narrow<Q: QueryFilter>(self, query: Q, id: i32, risk_id: impl ColumnTrait) -> Q {
        // Written into the SQL, not bound: see `shown_rows`.
        let live = " AND \"risk\".\"deleted_at\" IS NULL";
        let condition = match self {
            Rows::WithDeleted => format!("\"risk\".\"register_id\" = {id}"),
            Rows::Live | Rows::Only(_) => format!("\"risk\".\"register_id\" = {id}{live}"),
        };
        let query = query.filter(Expr::cust(condition));
        match self {
            Rows::Only(rows) => query.filter(risk_id.is_in(rows.iter().copied())),
            Rows::Live | Rows::WithDeleted => query,
        }
    }
}

/// What was done in each quarter of `year` on the control actions of the
/// `rows` of register `id` that report any.
pub async fn realisations(
    db: &impl ConnectionTrait,
    id: i32,
    year: i32,
    rows: Rows<'_>,
) -> Result<HashMap<i32, [Realisation; 4]>, DbErr> {
    use rtp_realisation::Column as C;
    type Found = (i32, i16, i16, Option<String>, Option<String>);
    let query = rtp_realisation::Entity::find()
        .select_only()
        .columns([C::RiskId, C::Quarter, C::Progress, C::Note, C::Evidence])
        .join(JoinType::InnerJoin, rtp_realisation::Relation::Risk.def())
        .filter(C::Year.eq(year));
    let found: Vec<Found> = rows.narrow(query, id, C::RiskId).into_tuple().all(db).await?;
    let mut realised: HashMap<i32, [Realisation; 4]> = HashMap::new();
    for (row, quarter, progress, done, evidence) in found {
        let Some(at) =
            usize::try_from(quarter).ok().and_then(|q| q.checked_sub(1)).filter(|q| *q < 4)
        else {
            continue;
        };
        realised.entry(row).or_default()[at] = Realisation {
            progress: u8::try_from(progress).unwrap_or(0),
            done: done.unwrap_or_default(),
            evidence: evidence.unwrap_or_default(),
        };
    }
    Ok(realised)
}

/// The open (unresolved) review notes of each of the `rows` of register
/// `id` that has any: row id to count.
pub async fn open_note_counts(
    db: &impl ConnectionTrait,
    id: i32,
    rows: Rows<'_>,
) -> Result<HashMap<i32, u32>, DbErr> {
    use review_note::Column as C;
    let query = review_note::Entity::find()
        .select_only()
        .column(C::RiskId)
        .column_as(Expr::cust("COUNT(*)"), "notes")
        .join(JoinType::InnerJoin, review_note::Relation::Risk.def())
        .filter(C::ResolvedAt.is_null())
        .group_by(C::RiskId);
    let counts: Vec<(i32, i64)> = rows.narrow(query, id, C::RiskId).into_tuple().all(db).await?;
    Ok(counts.into_iter().map(|(row, count)| (row, u32::try_from(count).unwrap_or(0))).collect())
}
