//! Undoing the log: today's rows with every change after a version taken
//! back, newest first, and laid out as the log last recorded up to it.
//! Pure: the queries are in `repo`.
use crate::register::history::Action;
use crate::register::model::{
    Field, Level, Matrix, Realisation, RichText, RiskRowView, SectionView,
};
use crate::register::repo::AssessmentRecord;
use crate::register::write::fields::{rate, set_field, set_realisation};
use crate::register::write::{ORDER_PREFIX, SECTIONS_FIELD};
use crate::rules::assessment::{Value, due_date, is_assessment, is_realisation, parse_assessment};
use chrono::NaiveDate;
use std::collections::HashMap;

/// A row as stored today, deleted or not: what undoing starts from.
#[derive(Clone, Debug, Default)]
pub struct RowState {
    pub id: i32,
    pub code: String,
    pub cells: [String; 5],
    pub record: AssessmentRecord,
    pub realisation: [Realisation; 4],
    /// Open review notes.
    pub notes: i64,
    /// Its likelihood, impact or target changed: score and due date follow.
    pub rerate: bool,
}

/// One change log entry, as undoing reads it.
#[derive(Clone, Debug)]
pub struct Logged {
    pub risk_id: Option<i32>,
    pub action: String,
    pub field: String,
    pub old: Option<String>,
}

/// The register itself as undoing changes it.
#[derive(Clone, Debug)]
pub struct Heading {
    pub title: String,
    pub status: String,
}

/// Takes back `changes` (the log after the version wanted, newest first).
pub fn undo(rows: &mut HashMap<i32, RowState>, heading: &mut Heading, changes: &[Logged]) {
    for change in changes {
        let old = change.old.clone().unwrap_or_default();
        let Some(row) = change.risk_id else {
            match change.field.as_str() {
                "title" => heading.title = old,
                "status" => heading.status = old,
                // The layout is read as logged; Bagian entries say what
                // the layout entries beside them record.
                _ => {}
            }
            continue;
        };
        let Some(row) = rows.get_mut(&row) else { continue };
        match Action::from_code(&change.action) {
            Some(Action::Note) => row.notes -= 1,
            Some(Action::Resolve) => row.notes += 1,
            Some(Action::Reopen) => row.notes -= 1,
            // What was there before: nothing, or the row's place and
            // Bagian, which the layout records.
            Some(Action::Create | Action::Delete | Action::Restore | Action::Move) => {}
            Some(Action::Update | Action::Relevel | Action::Layout) | None => {
                undo_field(row, &change.field, &old);
            }
        }
    }
}

fn undo_field(row: &mut RowState, logged: &str, old: &str) {
    let Some((field, quarter)) = Field::from_logged(logged) else { return };
    if let Some(at) = Field::CELLS.iter().position(|cell| *cell == field) {
        row.cells[at] = old.to_owned();
        return;
    }
    let level = || Level::from_slug(old).map(Level::code);
    match (field, quarter) {
        (Field::InherentLevel, None) => row.record.inherent_level = level(),
        (Field::ResidualLevel, None) => row.record.residual_level = level(),
        (field, Some(quarter)) if is_realisation(field) => {
            if let Some(realisation) = row.realisation.get_mut(usize::from(quarter) - 1) {
                set_realisation(realisation, field, &value_of(field, old));
            }
        }
        (field, None) if is_assessment(field) => {
            set_field(&mut row.record, field, &value_of(field, old));
            row.rerate |= matches!(
                field,
                Field::InherentLikelihood
                    | Field::InherentImpact
                    | Field::ResidualLikelihood
                    | Field::ResidualImpact
                    | Field::TargetDate
                    | Field::TargetQuarter
            );
        }
        _ => {}
    }
}

/// A value as logged (the form's text, valid when it was saved).
fn value_of(field: Field, logged: &str) -> Value {
    parse_assessment(field, logged).unwrap_or_else(|_| Value::Text(logged.to_owned()))
}

/// The register's layout at a version: its Bagian, and each one's rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub sections: Vec<(i32, String)>,
    pub orders: HashMap<i32, Vec<i32>>,
}

impl Layout {
    /// The layout from its last logged entries (field, value).
    pub fn from_entries(entries: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut layout = Self::default();
        for (field, value) in entries {
            if field == SECTIONS_FIELD {
                layout.sections = serde_json::from_str(&value).unwrap_or_default();
            } else if let Some(bagian) = field.strip_prefix(ORDER_PREFIX) {
                let Ok(bagian) = bagian.parse() else { continue };
                let rows = value.split(',').filter_map(|id| id.parse().ok()).collect();
                layout.orders.insert(bagian, rows);
            }
        }
        layout
    }
}

/// The sections as the page shows them: each listed Bagian with its rows in
/// their order, numbered like the printed form (see `repo::group_rows`).
pub fn assemble(
    layout: &Layout,
    rows: &mut HashMap<i32, RowState>,
    matrix: &Matrix,
    year: i32,
    today: NaiveDate,
) -> Vec<SectionView> {
    let mut sections: Vec<SectionView> = layout
        .sections
        .iter()
        .map(|(bagian_id, name)| SectionView {
            bagian_id: *bagian_id,
            ordinal: 0,
            name: name.clone(),
            rows: Vec::new(),
        })
        .collect();
    let mut ordinal = 0;
    for section in &mut sections {
        let order = layout.orders.get(&section.bagian_id).map(Vec::as_slice).unwrap_or(&[]);
        section.rows = order
            .iter()
            .filter_map(|id| rows.get_mut(id).map(|row| view(row, matrix, year, today)))
            .collect();
        if !section.rows.is_empty() {
            ordinal += 1;
            section.ordinal = ordinal;
        }
    }
    sections
}

/// A row as the page shows it. Its version is the page's to learn from the
/// live register: a past register is not edited.
fn view(row: &mut RowState, matrix: &Matrix, year: i32, today: NaiveDate) -> RiskRowView {
    if row.rerate {
        // Scores are the matrix's fixed cells; levels as logged.
        let record = &mut row.record;
        let levels = (record.inherent_level, record.residual_level);
        rate(record, matrix);
        (record.inherent_level, record.residual_level) = levels;
        let quarter = record.rtp_target_quarter.and_then(|q| u8::try_from(q).ok());
        record.rtp_due = due_date(record.rtp_target_date, quarter, year);
    }
    let [aktivitas, potensi, penyebab, dampak, rencana] = row.cells.clone().map(RichText::new);
    let mut assessment = row.record.view(today);
    assessment.realisation = row.realisation.clone();
    RiskRowView {
        id: row.id,
        code: row.code.clone(),
        version: 0,
        aktivitas,
        potensi,
        penyebab,
        dampak,
        rencana,
        notes: u32::try_from(row.notes).unwrap_or(0),
        assessment,
    }
}
