//! The filter a page address carries.
use super::facets::Facets;
use super::fold::{MAX_SEARCH_CHARS, fold};
use leptos_router::params::ParamsMap;

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
        let per = query.get_str("per").and_then(crate::register::as_of::parse_day);
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
