//! The register's filters on assessment and control tracking: level
//! (inherent or residual), a heat map's cell, control status, owner, source,
//! aktual/potensial and overdue, each kept in the page's address
//! (`?inheren=tinggi&rtp=dalam_proses&terlambat=1`) like the search. The
//! dashboard links here with the same words, so a count there is the number
//! of rows the register shows.
use super::fold::fold;
use crate::register::model::{Assessment, Level, Nature, Origin, Rating, RtpStatus};
use leptos_router::params::ParamsMap;

/// Before or after the existing control.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Inherent,
    Residual,
}

impl Kind {
    pub const ALL: [Self; 2] = [Self::Inherent, Self::Residual];

    /// Its word in addresses.
    pub fn key(self) -> &'static str {
        match self {
            Self::Inherent => "inheren",
            Self::Residual => "residual",
        }
    }

    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.key() == key)
    }
}

/// In an address, the level of rows not rated yet.
pub const UNRATED: &str = "belum-dinilai";

/// The assessment's part of a register's filter. Within a part, any of the
/// values chosen; across parts, all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// Inherent levels chosen (`None`: not rated yet).
    pub inherent: Vec<Option<Level>>,
    pub residual: Vec<Option<Level>>,
    /// A heat map's cell: exactly this likelihood and impact.
    pub cell: Option<(Kind, u8, u8)>,
    /// Control statuses chosen (a row without one has not started).
    pub status: Vec<RtpStatus>,
    pub source: Vec<i32>,
    pub nature: Option<Nature>,
    /// Words of the owner's name (folded).
    pub owner: String,
    pub overdue: bool,
    /// Of a register carried forward: carried unchanged, changed, or new.
    pub origin: Option<Origin>,
}

/// Levels as one value of an address: "tinggi,sangat-tinggi".
pub fn levels_value(levels: &[Option<Level>]) -> String {
    let slugs: Vec<&str> = levels.iter().map(|level| level.map_or(UNRATED, Level::slug)).collect();
    slugs.join(",")
}

/// What a row offers the filter, folded once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowFacts {
    inherent: Option<Rating>,
    residual: Option<Rating>,
    status: Option<RtpStatus>,
    source: Option<i32>,
    nature: Option<Nature>,
    owner: String,
    overdue: bool,
    origin: Option<Origin>,
}

impl RowFacts {
    pub fn of(assessment: &Assessment) -> Self {
        Self {
            inherent: assessment.inherent.rating,
            residual: assessment.residual.rating,
            status: assessment.status,
            source: assessment.source,
            nature: assessment.nature,
            owner: fold(&assessment.owner),
            overdue: assessment.overdue,
            origin: assessment.origin,
        }
    }
}

/// A control action's status as counted: none yet is not started.
pub fn effective_status(status: Option<RtpStatus>) -> RtpStatus {
    status.unwrap_or(RtpStatus::BelumDimulai)
}

impl Facets {
    /// The facets of an address's query; malformed parts are ignored.
    pub fn from_query(query: &ParamsMap) -> Self {
        let all = |key: &str| query.get_all(key).unwrap_or_default();
        // A value may hold several, comma-separated (one select's choice).
        let split = |key: &str| -> Vec<String> {
            all(key).iter().flat_map(|v| v.split(',').map(|s| s.trim().to_owned())).collect()
        };
        let levels = |key: &str| {
            let mut levels: Vec<Option<Level>> = split(key)
                .iter()
                .filter_map(|slug| match slug.as_str() {
                    UNRATED => Some(None),
                    slug => Level::from_slug(slug).map(Some),
                })
                .collect();
            levels.sort_unstable();
            levels.dedup();
            levels
        };
        let mut status: Vec<RtpStatus> =
            split("rtp").iter().filter_map(|code| RtpStatus::from_code(code)).collect();
        status.sort_unstable_by_key(|status| status.code());
        status.dedup();
        let mut source: Vec<i32> =
            all("sumber").iter().filter_map(|id| id.trim().parse().ok()).collect();
        source.sort_unstable();
        source.dedup();
        let cell = query.get_str("peta").and_then(|cell| {
            let mut parts = cell.split(':');
            let kind = Kind::from_key(parts.next()?)?;
            let scale =
                |part: Option<&str>| part?.parse::<u8>().ok().filter(|n| (1..=5).contains(n));
            let (likelihood, impact) = (scale(parts.next())?, scale(parts.next())?);
            Some((kind, likelihood, impact))
        });
        Self {
            inherent: levels("inheren"),
            residual: levels("residual"),
            cell,
            status,
            source,
            nature: query.get_str("sifat").and_then(|code| Nature::from_code(code.trim())),
            owner: query
                .get_str("pj")
                .map(|owner| owner.chars().take(super::fold::MAX_SEARCH_CHARS).collect())
                .unwrap_or_default(),
            overdue: query.get_str("terlambat").is_some_and(|flag| flag == "1"),
            origin: query.get_str("asal").and_then(|code| Origin::from_code(code.trim())),
        }
    }

    /// Adds the facets to an address's query.
    pub fn write(&self, query: &mut ParamsMap) {
        if !self.inherent.is_empty() {
            query.insert("inheren", levels_value(&self.inherent));
        }
        if !self.residual.is_empty() {
            query.insert("residual", levels_value(&self.residual));
        }
        if let Some((kind, likelihood, impact)) = self.cell {
            query.insert("peta", format!("{}:{likelihood}:{impact}", kind.key()));
        }
        if !self.status.is_empty() {
            let codes: Vec<&str> = self.status.iter().map(|status| status.code()).collect();
            query.insert("rtp", codes.join(","));
        }
        for source in &self.source {
            query.insert("sumber", source.to_string());
        }
        if let Some(nature) = self.nature {
            query.insert("sifat", nature.code().to_owned());
        }
        if !self.owner.trim().is_empty() {
            query.insert("pj", self.owner.clone());
        }
        if self.overdue {
            query.insert("terlambat", "1".to_owned());
        }
        if let Some(origin) = self.origin {
            query.insert("asal", origin.code().to_owned());
        }
    }

    pub fn is_active(&self) -> bool {
        let without_owner = Self { owner: String::new(), ..self.clone() };
        without_owner != Self::default() || !self.owner.trim().is_empty()
    }

    /// Whether a row with these facts is shown.
    pub fn admits(&self, row: &RowFacts) -> bool {
        self.admits_with(row, &self.owner_words())
    }

    /// The owner's words, folded: made once per filtering, not per row.
    pub fn owner_words(&self) -> Vec<String> {
        fold(self.owner.trim()).split_whitespace().map(str::to_owned).collect()
    }

    /// [`Self::admits`], with the owner's words folded already.
    pub fn admits_with(&self, row: &RowFacts, owner: &[String]) -> bool {
        let level = |chosen: &[Option<Level>], rating: Option<Rating>| {
            chosen.is_empty() || chosen.contains(&rating.map(|rating| rating.level))
        };
        let cell = match self.cell {
            None => true,
            Some((kind, likelihood, impact)) => {
                let rating = match kind {
                    Kind::Inherent => row.inherent,
                    Kind::Residual => row.residual,
                };
                rating.is_some_and(|r| (r.likelihood, r.impact) == (likelihood, impact))
            }
        };
        level(&self.inherent, row.inherent)
            && level(&self.residual, row.residual)
            && cell
            && (self.status.is_empty() || self.status.contains(&effective_status(row.status)))
            && (self.source.is_empty() || row.source.is_some_and(|s| self.source.contains(&s)))
            && self.nature.is_none_or(|nature| row.nature == Some(nature))
            && owner.iter().all(|word| row.owner.contains(word.as_str()))
            && (!self.overdue || row.overdue)
            && self.origin.is_none_or(|origin| row.origin == Some(origin))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::model::{Matrix, Score};

    fn assessed(inherent: (u8, u8), status: Option<RtpStatus>, owner: &str) -> Assessment {
        let matrix = Matrix::bpkp();
        let score = |(l, i): (u8, u8)| Score {
            likelihood: Some(l),
            impact: Some(i),
            rating: matrix.rate(l, i),
        };
        Assessment { inherent: score(inherent), status, owner: owner.into(), ..Default::default() }
    }

    fn query(pairs: &[(&'static str, &str)]) -> ParamsMap {
        let mut query = ParamsMap::new();
        for (key, value) in pairs {
            query.insert(*key, (*value).to_owned());
        }
        query
    }

    #[test]
    fn facets_round_trip_through_the_address() {
        let facets = Facets::from_query(&query(&[
            ("inheren", "tinggi"),
            ("inheren", UNRATED),
            ("peta", "residual:2:3"),
            ("rtp", "selesai"),
            ("sumber", "4"),
            ("sifat", "aktual"),
            ("pj", "Kasubbag"),
            ("terlambat", "1"),
            ("asal", "diubah"),
        ]));
        assert_eq!(facets.inherent, vec![None, Some(Level::Tinggi)]);
        assert_eq!(facets.origin, Some(Origin::Changed));
        assert_eq!(facets.cell, Some((Kind::Residual, 2, 3)));
        let mut written = ParamsMap::new();
        facets.write(&mut written);
        assert_eq!(Facets::from_query(&written), facets);
        assert!(facets.is_active());
        assert!(!Facets::default().is_active());
    }

    #[test]
    fn malformed_parts_are_ignored() {
        let facets = Facets::from_query(&query(&[
            ("inheren", "extreme"),
            ("peta", "inheren:6:1"),
            ("rtp", "done"),
            ("sumber", "x"),
            ("terlambat", "yes"),
            ("asal", "lama"),
        ]));
        assert_eq!(facets, Facets::default());
    }

    #[test]
    fn rows_are_admitted_by_every_part() {
        let high =
            RowFacts::of(&assessed((4, 4), Some(RtpStatus::DalamProses), "Kasubbag Protokol"));
        let low = RowFacts::of(&assessed((1, 1), None, ""));
        let unrated = RowFacts::of(&Assessment::default());
        let by = |pairs: &[(&'static str, &str)]| {
            let facets = Facets::from_query(&query(pairs));
            [&high, &low, &unrated].map(|row| facets.admits(row))
        };
        assert_eq!(by(&[("inheren", "tinggi")]), [true, false, false]);
        assert_eq!(by(&[("inheren", "tinggi,belum-dinilai")]), [true, false, true]);
        assert_eq!(by(&[("inheren", UNRATED)]), [false, false, true]);
        assert_eq!(by(&[("peta", "inheren:4:4")]), [true, false, false]);
        assert_eq!(by(&[("peta", "inheren:4:3")]), [false, false, false]);
        // No status yet counts as not started.
        assert_eq!(by(&[("rtp", "belum_dimulai")]), [false, true, true]);
        assert_eq!(by(&[("pj", "protokol")]), [true, false, false]);
        assert_eq!(by(&[("inheren", "tinggi"), ("rtp", "selesai")]), [false, false, false]);
        assert_eq!(by(&[]), [true, true, true]);
        // Rows by origin, in a register carried forward.
        let origin = |origin| RowFacts::of(&Assessment { origin, ..Assessment::default() });
        let rows = [origin(Some(Origin::Carried)), origin(Some(Origin::Changed)), origin(None)];
        let changed = Facets::from_query(&query(&[("asal", "diubah")]));
        assert_eq!(rows.each_ref().map(|row| changed.admits(row)), [false, true, false]);
    }
}
