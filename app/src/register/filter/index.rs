//! Every row's searchable text, folded once.
use super::facets::RowFacts;
use super::fold::fold;
use super::row_filter::RowFilter;
use crate::register::model::{Assessment, RegisterView, RichText};
use std::collections::HashSet;

/// A row's five cells folded, one per line.
fn searchable(cells: [&RichText; 5]) -> String {
    let mut text = String::new();
    for cell in cells {
        for span in cell.spans() {
            text.push_str(&fold(span.text));
        }
        text.push('\n');
    }
    text
}

/// Every row's searchable text, folded once when the register arrives, so
/// that each keystroke only compares.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    /// (row id, its Bagian's place in `sections`, the row's five cells
    /// folded, one per line, its assessment's facts), in printed order.
    rows: Vec<(i32, usize, String, RowFacts)>,
    /// (Bagian id, its name folded).
    sections: Vec<(i32, String)>,
}

impl SearchIndex {
    pub fn new(register: &RegisterView) -> Self {
        let mut index = Self::default();
        for (place, section) in register.sections.iter().enumerate() {
            index.sections.push((section.bagian_id, fold(&section.name)));
            for row in &section.rows {
                let facts = RowFacts::of(&row.assessment);
                index.rows.push((row.id, place, searchable(row.cells()), facts));
            }
        }
        index
    }

    /// Takes in a row's cells as they are now (saved here or elsewhere).
    pub fn update_row(&mut self, id: i32, cells: [&RichText; 5]) {
        if let Some(entry) = self.rows.iter_mut().find(|entry| entry.0 == id) {
            entry.2 = searchable(cells);
        }
    }

    /// Takes in a row's assessment as it is now.
    pub fn update_assessment(&mut self, id: i32, assessment: &Assessment) {
        if let Some(entry) = self.rows.iter_mut().find(|entry| entry.0 == id) {
            entry.3 = RowFacts::of(assessment);
        }
    }

    /// The rows the filter shows; `None` when it shows them all.
    pub fn shown(&self, filter: &RowFilter) -> Option<HashSet<i32>> {
        self.matching(filter).map(|ids| ids.into_iter().collect())
    }

    /// The rows the filter shows, in printed order; `None` when it shows
    /// them all. One pass, no hashing: it runs on every keystroke.
    pub fn matching(&self, filter: &RowFilter) -> Option<Vec<i32>> {
        filter.is_active().then(|| self.select(filter, self.rows.iter()))
    }

    /// As [`Self::matching`], when the previous filter showed `previous`
    /// (printed order) and `filter` can only show fewer: the user typed on.
    pub fn narrowing(&self, filter: &RowFilter, previous: &[i32]) -> Option<Vec<i32>> {
        let mut rows = self.rows.iter().peekable();
        let candidates = previous.iter().filter_map(move |id| {
            // Both in printed order: one forward walk finds them all.
            while rows.peek().is_some_and(|entry| entry.0 != *id) {
                rows.next();
            }
            rows.next()
        });
        filter.is_active().then(|| self.select(filter, candidates))
    }

    fn select<'a>(
        &self,
        filter: &RowFilter,
        rows: impl Iterator<Item = &'a (i32, usize, String, RowFacts)>,
    ) -> Vec<i32> {
        // A searcher per term, made once per keystroke (memchr's, faster
        // than `str::contains` on the WASM target).
        let terms: Vec<memchr::memmem::Finder<'static>> = filter
            .terms()
            .iter()
            .map(|term| memchr::memmem::Finder::new(term.as_bytes()).into_owned())
            .collect();
        let chosen: Vec<bool> = self
            .sections
            .iter()
            .map(|(id, _)| filter.bagian.is_empty() || filter.bagian.contains(id))
            .collect();
        let facets = filter.facets.is_active().then_some(&filter.facets);
        let owner = filter.facets.owner_words();
        rows.filter(|(_, place, text, facts)| {
            let name = &self.sections[*place].1;
            chosen[*place]
                && facets.is_none_or(|facets| facets.admits_with(facts, &owner))
                && terms.iter().all(|term| {
                    term.find(text.as_bytes()).is_some() || term.find(name.as_bytes()).is_some()
                })
        })
        .map(|(id, _, _, _)| *id)
        .collect()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::model::{RegisterStatus, RiskRowView, SectionView};

    fn row(id: i32, text: &str) -> RiskRowView {
        RiskRowView {
            id,
            code: format!("BK-{id:03}"),
            version: 1,
            aktivitas: RichText::new(text),
            potensi: RichText::new("Gratifikasi"),
            penyebab: RichText::new(""),
            dampak: RichText::new(""),
            rencana: RichText::new(""),
            notes: 0,
            assessment: Default::default(),
        }
    }

    fn register() -> RegisterView {
        let section = |bagian_id, ordinal, name: &str, rows| SectionView {
            bagian_id,
            ordinal,
            name: name.into(),
            rows,
        };
        RegisterView {
            id: 1,
            unit_id: 1,
            version: 1,
            title: String::new(),
            unit_name: String::new(),
            parent_name: None,
            year: 2026,
            status: RegisterStatus::Draft,
            sources: Vec::new(),
            as_of: None,
            cycle: Default::default(),
            sections: vec![
                section(
                    10,
                    1,
                    "Bagian Protokol",
                    vec![row(1, "Penyusunan <i>rundown</i> acara"), row(2, "Pengadaan")],
                ),
                section(
                    20,
                    2,
                    "Bagian Materi Pimpinan",
                    vec![row(3, "Naskah sambutan"), row(4, "Pengadaan barang")],
                ),
            ],
        }
    }

    fn shown(index: &SearchIndex, search: &str, bagian: &[i32]) -> Option<Vec<i32>> {
        let filter =
            RowFilter { search: search.into(), bagian: bagian.to_vec(), ..Default::default() };
        index.shown(&filter).map(|ids| {
            let mut ids: Vec<i32> = ids.into_iter().collect();
            ids.sort_unstable();
            ids
        })
    }

    #[test]
    fn narrowing_a_search_finds_what_a_full_search_finds() {
        let index = SearchIndex::new(&register());
        let mut previous: Option<Vec<i32>> = None;
        for search in ["p", "pe", "pen", "peng", "pengadaan", "pengadaan m", "pengadaan materi"] {
            let filter = RowFilter { search: search.into(), bagian: vec![], ..Default::default() };
            let full = index.matching(&filter);
            if let Some(previous) = &previous {
                assert_eq!(index.narrowing(&filter, previous), full, "{search}");
            }
            previous = full;
        }
        assert_eq!(previous, Some(vec![4]));
        // Candidates come from the same index; one that is not there ends
        // the walk rather than matching anything.
        let filter = RowFilter { search: "pengadaan".into(), bagian: vec![], ..Default::default() };
        assert_eq!(index.narrowing(&filter, &[999, 4]), Some(vec![]));
        assert_eq!(index.narrowing(&filter, &[2, 4]), Some(vec![2, 4]));
    }

    #[test]
    fn every_word_must_match_a_cell_or_the_bagian() {
        let index = SearchIndex::new(&register());
        assert_eq!(index.len(), 4);
        assert_eq!(shown(&index, "", &[]), None);
        assert_eq!(shown(&index, "PENGADAAN", &[]), Some(vec![2, 4]));
        assert_eq!(shown(&index, "pengadaan materi", &[]), Some(vec![4]));
        assert_eq!(shown(&index, "protokol", &[]), Some(vec![1, 2]));
        // Emphasis is no obstacle: the markup is not searched.
        assert_eq!(shown(&index, "rundown acara", &[]), Some(vec![1]));
        assert_eq!(shown(&index, "i>", &[]), Some(vec![]));
        assert_eq!(shown(&index, "gratifikasi", &[20]), Some(vec![3, 4]));
        assert_eq!(shown(&index, "", &[10, 20]), Some(vec![1, 2, 3, 4]));
        assert_eq!(shown(&index, "naskah", &[10]), Some(vec![]));
    }
}
