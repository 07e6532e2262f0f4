//! Rows an import leaves as they are in the app: a colleague changed them
//! after the file was exported, and the user chose to keep that. The file
//! is rewritten before it is matched: its version of each kept row goes,
//! the stored row (if live) comes in at its place, with its code.
use super::matching::Matches;
use super::model::{ParsedRow, ParsedSection, ParsedTable};
use crate::entities::{org_unit, risk};
use crate::register::model::RichText;
use std::collections::{HashMap, HashSet};

/// `table` with the stored rows `keep` (ids) as they are stored. `matches`
/// are the table's rows matched to `stored` (ordered by Bagian and place).
pub(super) fn keep_rows(
    table: &ParsedTable,
    stored: &[risk::Model],
    matches: &Matches,
    units: &[org_unit::Model],
    keep: &HashSet<i32>,
) -> ParsedTable {
    let mut kept = table.clone();
    let mut index = 0;
    for section in &mut kept.sections {
        section.rows.retain(|_| {
            let (found, _) = matches.of_incoming[index];
            index += 1;
            !found.is_some_and(|found| keep.contains(&stored[found].id))
        });
    }
    // The code of the live row before each, per Bagian, and its rank.
    let mut before: HashMap<i32, (Option<&str>, usize)> = HashMap::new();
    for row in stored.iter().filter(|row| row.deleted_at.is_none()) {
        let (previous, rank) = before.get(&row.bagian_id).copied().unwrap_or((None, 0));
        before.insert(row.bagian_id, (row.code.as_deref(), rank + 1));
        if !keep.contains(&row.id) {
            continue;
        }
        let Some(unit) = units.iter().find(|unit| unit.id == row.bagian_id) else { continue };
        let section = match kept.sections.iter().position(|section| section.name == unit.name) {
            Some(section) => section,
            None => {
                let line = 0;
                kept.sections.push(ParsedSection { line, name: unit.name.clone(), rows: vec![] });
                kept.sections.len() - 1
            }
        };
        let rows = &mut kept.sections[section].rows;
        let after = previous
            .and_then(|code| rows.iter().position(|other| other.code.as_deref() == Some(code)));
        let at = match after {
            Some(found) => found + 1,
            None if previous.is_none() => 0,
            None => rank.min(rows.len()),
        };
        let cells = [&row.aktivitas, &row.potensi, &row.penyebab, &row.dampak, &row.rencana]
            .map(|cell| RichText::new(cell.clone()));
        rows.insert(at, ParsedRow { line: 0, code: row.code.clone(), cells });
    }
    kept
}
