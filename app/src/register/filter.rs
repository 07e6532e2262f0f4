//! Which rows the register shows: a search across the texts and the Bagian
//! name, and a choice of Bagian, both kept in the page's address so that a
//! link opens the same view. The server and the browser run the same code,
//! so the page a server renders is the page the browser hydrates.
use super::facets::{Facets, RowFacts};
use super::model::{Assessment, RegisterView, RichText};
use leptos_router::params::ParamsMap;
use std::collections::HashSet;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// The longest search kept, in characters; the rest is ignored.
pub const MAX_SEARCH_CHARS: usize = 200;
/// At most this many words of a search are looked for.
const MAX_TERMS: usize = 12;

/// A register's filter, as in `?q=izin+usaha&bagian=3&bagian=5`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowFilter {
    /// What the user typed, as typed (capped at [`MAX_SEARCH_CHARS`]).
    pub search: String,
    /// The Bagian chosen (ids, sorted); empty means all.
    pub bagian: Vec<i32>,
    /// Level, control status, owner, source and the like.
    pub facets: Facets,
    /// The assessment columns are shown (`penilaian=1`): a view, not a filter.
    pub assessment: bool,
    /// The register as of the end of a day (`per=2026-09-30`): a view too.
    pub per: Option<chrono::NaiveDate>,
}

impl RowFilter {
    /// The filter of a page address's query. Unknown or malformed parts are
    /// ignored: an address never fails because of its filter.
    pub fn from_query(query: &ParamsMap) -> Self {
        let search = query.get_str("q").unwrap_or_default();
        let search = search.chars().take(MAX_SEARCH_CHARS).collect();
        let mut bagian: Vec<i32> = query
            .get_all("bagian")
            .unwrap_or_default()
            .iter()
            .filter_map(|id| id.trim().parse().ok())
            .collect();
        bagian.sort_unstable();
        bagian.dedup();
        let assessment = query.get_str("penilaian").is_some_and(|flag| flag == "1");
        let per = query.get_str("per").and_then(super::as_of::parse_day);
        Self { search, bagian, facets: Facets::from_query(query), assessment, per }
    }

    /// The query part of the address, `""` when nothing is filtered.
    pub fn query_string(&self) -> String {
        let mut query = ParamsMap::new();
        if !self.search.trim().is_empty() {
            query.insert("q", self.search.clone());
        }
        for id in &self.bagian {
            query.insert("bagian", id.to_string());
        }
        self.facets.write(&mut query);
        if self.assessment {
            query.insert("penilaian", "1".to_owned());
        }
        if let Some(per) = self.per {
            query.insert("per", per.to_string());
        }
        query.to_query_string()
    }

    /// Whether this filter can only show rows that `before` shows: the
    /// same Bagian, and the search typed on (every row holding the new words
    /// holds the old ones).
    pub fn narrows(&self, before: &RowFilter) -> bool {
        before.is_active()
            && self.bagian == before.bagian
            && self.facets == before.facets
            && self.search.starts_with(&before.search)
    }

    pub fn is_active(&self) -> bool {
        !self.terms().is_empty() || !self.bagian.is_empty() || self.facets.is_active()
    }

    /// The words searched for, folded (see [`fold`]), each at most once.
    pub fn terms(&self) -> Vec<String> {
        let mut terms: Vec<String> = Vec::new();
        for word in fold(&self.search).split_whitespace() {
            if terms.len() < MAX_TERMS && !terms.iter().any(|term| term == word) {
                terms.push(word.to_owned());
            }
        }
        terms
    }
}

/// Text as search compares it: lower case, accents and other combining marks
/// dropped ("Pengadaan Barang/Jasa" and "pengadaan barang/jasa" are one, as
/// are "é" and "e"), invisible characters (zero-width, soft hyphen) removed.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, |f| folded.push(f));
    }
    folded
}

fn fold_char(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
    } else if !is_invisible(c) {
        decompose_canonical(c, |part| {
            if !is_combining_mark(part) {
                part.to_lowercase().for_each(&mut push);
            }
        });
    }
}

/// Characters that print nothing: a search must see through them.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

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

/// A piece of a cell's text as shown: emphasised or not, a search match or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub emphasis: bool,
    pub matched: bool,
}

/// A cell's text cut where the search terms match, so matches can be marked.
/// Matching is on folded text; the pieces are the text as written.
pub fn highlight(text: &RichText, terms: &[String]) -> Vec<Piece> {
    let spans = text.spans();
    let plain: String = spans.iter().map(|span| span.text).collect();
    let ranges = match_ranges(&plain, terms);
    let mut pieces = Vec::new();
    let mut start = 0;
    for span in spans {
        let end = start + span.text.len();
        // Cut the span at every range boundary that falls inside it.
        let mut at = start;
        while at < end {
            let inside = ranges.iter().find(|(from, to)| *from <= at && at < *to);
            let next = match inside {
                Some((_, to)) => (*to).min(end),
                None => ranges
                    .iter()
                    .map(|(from, _)| *from)
                    .filter(|from| *from > at)
                    .min()
                    .unwrap_or(end)
                    .min(end),
            };
            pieces.push(Piece {
                text: plain[at..next].to_owned(),
                emphasis: span.emphasis,
                matched: inside.is_some(),
            });
            at = next;
        }
        start = end;
    }
    pieces
}

/// [`highlight`] as HTML: emphasis as `<em>`, matches as `<mark>`, all text
/// escaped. A cell at rest is this one string (one `innerHTML`), not a
/// reactive node per piece.
pub fn highlight_html(text: &RichText, terms: &[String]) -> String {
    let mut html = String::with_capacity(text.markup().len() + 16);
    let mut emphasised = false;
    for Piece { text, emphasis, matched } in highlight(text, terms) {
        if emphasis != emphasised {
            html.push_str(if emphasis { "<em>" } else { "</em>" });
            emphasised = emphasis;
        }
        if matched {
            html.push_str("<mark>");
        }
        for c in text.chars() {
            match c {
                '&' => html.push_str("&amp;"),
                '<' => html.push_str("&lt;"),
                '>' => html.push_str("&gt;"),
                c => html.push(c),
            }
        }
        if matched {
            html.push_str("</mark>");
        }
    }
    if emphasised {
        html.push_str("</em>");
    }
    html
}

/// Byte ranges of `text` where any term matches, merged and in order.
fn match_ranges(text: &str, terms: &[String]) -> Vec<(usize, usize)> {
    if terms.is_empty() {
        return Vec::new();
    }
    // The folded text, and for each of its bytes the original character's range.
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let range = (at, at + c.len_utf8());
        let before = origin.len();
        fold_char(c, |f| {
            folded.push(f);
            origin.extend(std::iter::repeat_n(range, f.len_utf8()));
        });
        // A character that folds to nothing (an accent, a zero-width space)
        // belongs to the one before it: "e" + U+0301 is marked whole.
        if origin.len() == before
            && let Some(&(start, _)) = origin.last()
        {
            for entry in origin.iter_mut().rev().take_while(|entry| entry.0 == start) {
                entry.1 = range.1;
            }
        }
    }
    let mut ranges: Vec<(usize, usize)> = terms
        .iter()
        .filter(|term| !term.is_empty())
        .flat_map(|term| {
            let origin = &origin;
            folded
                .match_indices(term.as_str())
                .map(move |(at, found)| (origin[at].0, origin[at + found.len() - 1].1))
        })
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::model::{RegisterStatus, RiskRowView, SectionView};

    fn query(pairs: &[(&'static str, &str)]) -> ParamsMap {
        let mut map = ParamsMap::new();
        for (key, value) in pairs {
            map.insert(*key, (*value).to_owned());
        }
        map
    }

    #[test]
    fn the_address_carries_the_filter() {
        let filter = RowFilter::from_query(&query(&[
            ("q", "izin usaha & co"),
            ("bagian", "5"),
            ("bagian", "x"),
            ("bagian", "3"),
            ("bagian", "5"),
        ]));
        assert_eq!(filter.search, "izin usaha & co");
        assert_eq!(filter.bagian, vec![3, 5]);
        let address = filter.query_string();
        assert_eq!(address, "?q=izin%20usaha%20%26%20co&bagian=3&bagian=5");
        assert_eq!(RowFilter::default().query_string(), "");
        assert!(!RowFilter::from_query(&query(&[("q", "   ")])).is_active());
        let long = "a".repeat(500);
        assert_eq!(RowFilter::from_query(&query(&[("q", &long)])).search.len(), MAX_SEARCH_CHARS);
    }

    #[test]
    fn the_address_keeps_the_day_shown() {
        let filter = RowFilter::from_query(&query(&[("q", "izin"), ("per", "2026-09-30")]));
        assert_eq!(filter.per, chrono::NaiveDate::from_ymd_opt(2026, 9, 30));
        assert!(!RowFilter { search: String::new(), ..filter.clone() }.is_active());
        // The router decodes "%2D" back to "-".
        assert_eq!(filter.query_string(), "?q=izin&per=2026%2D09%2D30");
        // No day, no `per`: the filter never carries text it cannot read.
        assert_eq!(RowFilter::from_query(&query(&[("per", "30/09/2026")])).per, None);
    }

    #[test]
    fn folding_ignores_case_accents_and_invisible_characters() {
        assert_eq!(fold("Pengadaan BARANG"), "pengadaan barang");
        assert_eq!(fold("Café Résumé Ñ"), "cafe resume n");
        assert_eq!(fold("ke\u{200B}pentingan\u{00AD}"), "kepentingan");
        // Already decomposed: the mark is dropped too.
        assert_eq!(fold("e\u{0301}"), "e");
        // Scripts without case pass through.
        assert_eq!(fold("مرحبا"), "مرحبا");
        let filter = RowFilter {
            search: "  Izin IZIN  usaha ".into(),
            bagian: vec![],
            ..Default::default()
        };
        assert_eq!(filter.terms(), vec!["izin", "usaha"]);
    }

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

    fn marked(text: &str, search: &str) -> Vec<(String, bool, bool)> {
        let terms =
            RowFilter { search: search.into(), bagian: vec![], ..Default::default() }.terms();
        highlight(&RichText::new(text), &terms)
            .into_iter()
            .map(|piece| (piece.text, piece.emphasis, piece.matched))
            .collect()
    }

    #[test]
    fn matches_are_marked_in_the_text_as_written() {
        let piece = |text: &str, emphasis, matched| (text.to_owned(), emphasis, matched);
        assert_eq!(
            marked("Pengadaan Barang", "barang"),
            vec![piece("Pengadaan ", false, false), piece("Barang", false, true)]
        );
        // A match across emphasis is cut at its edge.
        assert_eq!(
            marked("tata <i>naskah</i> dinas", "ta nas"),
            vec![
                piece("tata", false, true),
                piece(" ", false, false),
                piece("nas", true, true),
                piece("kah", true, false),
                piece(" di", false, false),
                piece("nas", false, true),
            ]
        );
        // Accents: the original letters are marked.
        assert_eq!(marked("Café", "cafe"), vec![piece("Café", false, true)]);
        assert_eq!(
            marked("Cafe\u{0301} x", "cafe"),
            vec![piece("Cafe\u{0301}", false, true), piece(" x", false, false)]
        );
        // Overlapping terms merge into one mark.
        assert_eq!(
            marked("abcdef", "abc cde"),
            vec![piece("abcde", false, true), piece("f", false, false)]
        );
        assert_eq!(marked("abc", ""), vec![piece("abc", false, false)]);
    }

    #[test]
    fn marked_html_escapes_everything_but_its_own_tags() {
        let html = |text: &str, search: &str| {
            let terms =
                RowFilter { search: search.into(), bagian: vec![], ..Default::default() }.terms();
            highlight_html(&RichText::new(text), &terms)
        };
        assert_eq!(
            html("tata <i>naskah</i> dinas", "nas"),
            "tata <em><mark>nas</mark>kah</em> di<mark>nas</mark>"
        );
        assert_eq!(
            html("<script>alert(1)</script> & <b>x</b>", "alert"),
            "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;"
        );
        assert_eq!(html("\u{202E}abc\u{200B}", ""), "\u{202E}abc\u{200B}");
        assert_eq!(html("", "x"), "");
    }
}
