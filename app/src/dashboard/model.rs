//! What the dashboard shows: counts per Bagian and for the Biro, the heat
//! maps, the register they are of.
use crate::register::model::{Matrix, RegisterKey};
use serde::{Deserialize, Serialize};

/// Counts of one Bagian (or of the whole Biro).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub risks: u32,
    /// By inherent level: not rated, then Sangat Rendah … Sangat Tinggi.
    pub inherent: [u32; 6],
    pub residual: [u32; 6],
    /// By control status: not started (or none), in progress, done.
    pub status: [u32; 3],
    pub overdue: u32,
    /// Per quarter: control actions with a realisation, and their average
    /// progress in percent.
    pub quarters: [(u32, u8); 4],
}

impl Counts {
    /// Adds another's counts (the Biro's total of its Bagian). Averages are
    /// weighted by the realisations behind them.
    pub fn add(&mut self, other: &Counts) {
        self.risks += other.risks;
        for at in 0..6 {
            self.inherent[at] += other.inherent[at];
            self.residual[at] += other.residual[at];
        }
        for at in 0..3 {
            self.status[at] += other.status[at];
        }
        self.overdue += other.overdue;
        for (mine, theirs) in self.quarters.iter_mut().zip(other.quarters) {
            let rows = mine.0 + theirs.0;
            if rows > 0 {
                let sum = u32::from(mine.1) * mine.0 + u32::from(theirs.1) * theirs.0;
                *mine = (rows, u8::try_from((sum + rows / 2) / rows).unwrap_or(100));
            }
        }
    }
}

/// One Bagian's line of the dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BagianCounts {
    pub bagian_id: i32,
    pub name: String,
    pub counts: Counts,
}

/// The dashboard of a register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub register: i32,
    pub unit_id: i32,
    pub unit_line: String,
    pub year: i32,
    /// The register's version the figures are of: live updates follow it.
    pub version: i32,
    /// The years the unit has registers of, newest first.
    pub years: Vec<i32>,
    /// The unit's registers, newest first, with where each is in its cycle.
    #[serde(default)]
    pub registers: Vec<crate::register::model::RegisterLine>,
    pub bagian: Vec<BagianCounts>,
    pub total: Counts,
    /// Rows per cell, `[likelihood - 1][impact - 1]`: inherent, residual.
    pub heat: [[[u32; 5]; 5]; 2],
    pub matrix: Matrix,
}

impl DashboardView {
    /// The register filtered to `query` (`&`-joined, already encoded).
    pub fn register_link(&self, query: &str) -> String {
        format!("{}?penilaian=1{query}", RegisterKey::path(self.unit_id, self.year))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_add_counts_and_weigh_averages() {
        let mut total = Counts::default();
        let a = Counts {
            risks: 3,
            overdue: 1,
            quarters: [(1, 100), (0, 0), (0, 0), (0, 0)],
            ..Default::default()
        };
        let b =
            Counts { risks: 2, quarters: [(3, 20), (0, 0), (0, 0), (0, 0)], ..Default::default() };
        total.add(&a);
        total.add(&b);
        assert_eq!((total.risks, total.overdue), (5, 1));
        // (100 + 3 × 20) / 4 = 40.
        assert_eq!(total.quarters[0], (4, 40));
        assert_eq!(total.quarters[1], (0, 0));
    }
}
