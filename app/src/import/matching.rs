//! Which stored row each row of an imported file is: by code, then by
//! content, then by place. Pure, so every rule is unit-tested.
use std::collections::HashMap;

/// A row stored in the register (live or deleted).
#[derive(Clone, Debug)]
pub struct Stored<'a> {
    pub code: &'a str,
    pub bagian_id: i32,
    /// Its place among the live rows of its Bagian, from 0; `None` when deleted.
    pub rank: Option<usize>,
    pub cells: [&'a str; 5],
}

/// A row of the file.
#[derive(Clone, Debug)]
pub struct Incoming<'a> {
    pub section: usize,
    /// Its place within its section of the file, from 0.
    pub index: usize,
    pub code: Option<&'a str>,
    pub cells: [&'a str; 5],
}

/// How a row of the file found its stored row; the import report says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatchKind {
    /// The file names the row's code.
    Code,
    /// All five cells are the same.
    Content,
    /// At least [`SIMILAR_CELLS`] of the five cells are the same: an edited row.
    Similar,
    /// Nothing else matched; same Bagian and same place.
    Position,
    /// A new row.
    New,
}

impl MatchKind {
    pub const ALL: [Self; 5] =
        [Self::Code, Self::Content, Self::Similar, Self::Position, Self::New];

    /// How the row was found, in words.
    pub fn label(self, t: &crate::i18n::cli::ImportStrings) -> &'static str {
        t.match_kinds[Self::ALL.iter().position(|kind| *kind == self).unwrap_or(0)]
    }
}

/// Cells that must agree for two rows to be "the same row, edited".
pub const SIMILAR_CELLS: usize = 3;

/// The stored row (index into `stored`) of each incoming row, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matches {
    pub of_incoming: Vec<(Option<usize>, MatchKind)>,
}

/// Matches by code, then by identical content, then by similar content.
/// Rows carrying a code match only by it: a code the register does not know
/// is a new row that keeps its code. Live rows are preferred to deleted ones
/// (a deleted row matched is restored).
pub fn match_by_identity(stored: &[Stored<'_>], incoming: &[Incoming<'_>]) -> Matches {
    let mut taken = vec![false; stored.len()];
    let mut of_incoming = vec![(None, MatchKind::New); incoming.len()];

    let by_code: HashMap<&str, usize> =
        stored.iter().enumerate().map(|(index, row)| (row.code, index)).collect();
    for (slot, row) in of_incoming.iter_mut().zip(incoming) {
        if let Some(code) = row.code
            && let Some(&found) = by_code.get(code)
            && !taken[found]
        {
            taken[found] = true;
            *slot = (Some(found), MatchKind::Code);
        }
    }

    // Candidates in order of preference: live first, then in stored order.
    let mut order: Vec<usize> = (0..stored.len()).collect();
    order.sort_by_key(|&index| (stored[index].rank.is_none(), index));

    let mut by_content: HashMap<[&str; 5], Vec<usize>> = HashMap::new();
    for &index in &order {
        by_content.entry(stored[index].cells).or_default().push(index);
    }
    for (slot, row) in of_incoming.iter_mut().zip(incoming) {
        if row.code.is_some() || slot.0.is_some() {
            continue;
        }
        let candidates = by_content.get(&row.cells).map(Vec::as_slice).unwrap_or_default();
        if let Some(&found) = candidates.iter().find(|&&index| !taken[index]) {
            taken[found] = true;
            *slot = (Some(found), MatchKind::Content);
        }
    }

    let mut preference = vec![0; stored.len()];
    for (rank, &index) in order.iter().enumerate() {
        preference[index] = rank;
    }
    let mut by_cell: [HashMap<&str, Vec<usize>>; 5] = Default::default();
    for &index in &order {
        for (column, cell) in stored[index].cells.iter().enumerate() {
            by_cell[column].entry(cell).or_default().push(index);
        }
    }
    for (slot, row) in of_incoming.iter_mut().zip(incoming) {
        if row.code.is_some() || slot.0.is_some() {
            continue;
        }
        let mut scores: HashMap<usize, usize> = HashMap::new();
        for (column, cell) in row.cells.iter().enumerate() {
            for &index in by_cell[column].get(cell).map(Vec::as_slice).unwrap_or_default() {
                if !taken[index] {
                    *scores.entry(index).or_default() += 1;
                }
            }
        }
        let best = scores
            .into_iter()
            .filter(|&(_, score)| score >= SIMILAR_CELLS)
            .max_by_key(|&(index, score)| (score, std::cmp::Reverse(preference[index])));
        if let Some((found, _)) = best {
            taken[found] = true;
            *slot = (Some(found), MatchKind::Similar);
        }
    }
    Matches { of_incoming }
}

/// Matches the rows still unmatched by place: the live stored row at the
/// same place of the same Bagian (`section_bagian`: the stored Bagian each
/// section of the file is, if any).
pub fn match_by_position(
    stored: &[Stored<'_>],
    incoming: &[Incoming<'_>],
    section_bagian: &[Option<i32>],
    matches: &mut Matches,
) {
    let mut taken = vec![false; stored.len()];
    for (found, _) in &matches.of_incoming {
        if let Some(found) = found {
            taken[*found] = true;
        }
    }
    let by_place: HashMap<(i32, usize), usize> = stored
        .iter()
        .enumerate()
        .filter_map(|(index, row)| row.rank.map(|rank| ((row.bagian_id, rank), index)))
        .collect();
    for (slot, row) in matches.of_incoming.iter_mut().zip(incoming) {
        if row.code.is_some() || slot.0.is_some() {
            continue;
        }
        let Some(Some(bagian)) = section_bagian.get(row.section) else { continue };
        if let Some(&found) = by_place.get(&(*bagian, row.index))
            && !taken[found]
        {
            taken[found] = true;
            *slot = (Some(found), MatchKind::Position);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(
        code: &'static str,
        bagian: i32,
        rank: Option<usize>,
        cells: [&'static str; 5],
    ) -> Stored<'static> {
        Stored { code, bagian_id: bagian, rank, cells }
    }

    fn incoming(
        section: usize,
        index: usize,
        code: Option<&'static str>,
        cells: [&'static str; 5],
    ) -> Incoming<'static> {
        Incoming { section, index, code, cells }
    }

    const A: [&str; 5] = ["a1", "a2", "a3", "a4", "a5"];
    const B: [&str; 5] = ["b1", "b2", "b3", "b4", "b5"];
    const C: [&str; 5] = ["c1", "c2", "c3", "c4", "c5"];

    #[test]
    fn an_inserted_row_does_not_shift_its_neighbours() {
        let rows = [stored("BK-001", 1, Some(0), A), stored("BK-002", 1, Some(1), B)];
        let file = [incoming(0, 0, None, A), incoming(0, 1, None, C), incoming(0, 2, None, B)];
        let mut matches = match_by_identity(&rows, &file);
        match_by_position(&rows, &file, &[Some(1)], &mut matches);
        assert_eq!(
            matches.of_incoming,
            [(Some(0), MatchKind::Content), (None, MatchKind::New), (Some(1), MatchKind::Content)]
        );
    }

    #[test]
    fn an_edited_row_is_found_by_its_other_cells() {
        let rows = [stored("BK-001", 1, Some(0), A), stored("BK-002", 1, Some(1), B)];
        let edited = ["b1", "b2 diubah", "b3", "b4", "b5 juga"];
        let file = [incoming(0, 0, None, edited), incoming(0, 1, None, A)];
        let matches = match_by_identity(&rows, &file);
        assert_eq!(
            matches.of_incoming,
            [(Some(1), MatchKind::Similar), (Some(0), MatchKind::Content)]
        );
    }

    #[test]
    fn codes_win_and_unknown_codes_are_new() {
        let rows = [stored("BK-001", 1, Some(0), A), stored("BK-002", 1, Some(1), B)];
        // BK-002 now holds A's text: the code decides, not the content.
        let file = [incoming(0, 0, Some("BK-002"), A), incoming(0, 1, Some("BK-099"), B)];
        let matches = match_by_identity(&rows, &file);
        assert_eq!(matches.of_incoming, [(Some(1), MatchKind::Code), (None, MatchKind::New)]);
    }

    #[test]
    fn place_is_the_last_resort_and_needs_the_same_bagian() {
        let rows = [stored("BK-001", 1, Some(0), A), stored("BK-002", 2, Some(0), B)];
        let file = [incoming(0, 0, None, C), incoming(1, 0, None, ["x"; 5])];
        let mut matches = match_by_identity(&rows, &file);
        match_by_position(&rows, &file, &[Some(1), None], &mut matches);
        assert_eq!(matches.of_incoming, [(Some(0), MatchKind::Position), (None, MatchKind::New)]);
    }

    #[test]
    fn live_rows_are_preferred_to_deleted_twins() {
        let rows = [stored("BK-001", 1, None, A), stored("BK-002", 1, Some(0), A)];
        let file = [incoming(0, 0, None, A), incoming(0, 1, None, A)];
        let matches = match_by_identity(&rows, &file);
        assert_eq!(
            matches.of_incoming,
            [(Some(1), MatchKind::Content), (Some(0), MatchKind::Content)]
        );
    }
}
