//! Of a register carried forward from last year's: which rows were carried
//! and are unchanged, which were changed since, which are new.
use crate::register::model::{Origin, RiskRowView};
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, Statement};
use std::collections::HashMap;

/// What of a carried row is compared with the row it was carried from:
/// its text, identification and assessment (not its control's status and
/// target, which a new year sets anew).
#[derive(Debug, FromQueryResult)]
struct Source {
    id: i32,
    aktivitas: String,
    potensi: String,
    penyebab: String,
    dampak: String,
    rencana: String,
    conflict_source_id: Option<i32>,
    conflict_nature: Option<String>,
    jabatan: Option<String>,
    existing_control: Option<String>,
    control_basis: Option<String>,
    inherent_likelihood: Option<i16>,
    inherent_impact: Option<i16>,
    residual_likelihood: Option<i16>,
    residual_impact: Option<i16>,
    rtp_owner: Option<String>,
}

impl Source {
    /// Whether `row` still holds what it was carried with.
    fn matches(&self, row: &RiskRowView) -> bool {
        let a = &row.assessment;
        let text = |stored: &Option<String>, shown: &str| stored.as_deref().unwrap_or("") == shown;
        let small = |n: Option<i16>| n.and_then(|n| u8::try_from(n).ok());
        let cells = [&self.aktivitas, &self.potensi, &self.penyebab, &self.dampak, &self.rencana];
        cells.iter().zip(row.cells()).all(|(then, now)| then.as_str() == now.markup())
            && self.conflict_source_id == a.source
            && self.conflict_nature.as_deref() == a.nature.map(|n| n.code())
            && text(&self.jabatan, &a.jabatan)
            && text(&self.existing_control, &a.existing_control)
            && text(&self.control_basis, &a.control_basis)
            && text(&self.rtp_owner, &a.owner)
            && (small(self.inherent_likelihood), small(self.inherent_impact))
                == (a.inherent.likelihood, a.inherent.impact)
            && (small(self.residual_likelihood), small(self.residual_impact))
                == (a.residual.likelihood, a.residual.impact)
    }
}

/// Marks each of `rows` (of register `register`, carried forward) carried,
/// changed or new; `only`: the rows to read (`None`: all the register's).
pub async fn mark_origins<'a>(
    db: &impl ConnectionTrait,
    register: i32,
    rows: impl IntoIterator<Item = &'a mut RiskRowView>,
    only: Option<&[i32]>,
) -> Result<(), DbErr> {
    if only.is_some_and(<[i32]>::is_empty) {
        return Ok(());
    }
    let within = only.map_or_else(String::new, |ids| {
        let ids: Vec<String> = ids.iter().map(i32::to_string).collect();
        format!(" AND r.id IN ({})", ids.join(", "))
    });
    // Ids only, written into the SQL: both databases read it alike.
    let sql = format!(
        "SELECT r.id AS id, s.aktivitas, s.potensi, s.penyebab, s.dampak, s.rencana, \
         s.conflict_source_id, s.conflict_nature, s.jabatan, s.existing_control, \
         s.control_basis, s.inherent_likelihood, s.inherent_impact, s.residual_likelihood, \
         s.residual_impact, s.rtp_owner \
         FROM risk r JOIN risk s ON s.id = r.carried_from \
         WHERE r.register_id = {register}{within}"
    );
    let statement = Statement::from_string(db.get_database_backend(), sql);
    let sources: HashMap<i32, Source> = Source::find_by_statement(statement)
        .all(db)
        .await?
        .into_iter()
        .map(|source| (source.id, source))
        .collect();
    for row in rows {
        row.assessment.origin = Some(match sources.get(&row.id) {
            Some(source) if source.matches(row) => Origin::Carried,
            Some(_) => Origin::Changed,
            None => Origin::New,
        });
    }
    Ok(())
}
