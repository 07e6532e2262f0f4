//! The register as documents it is handed in as: an Excel workbook in the
//! Biro's layout (the official table, then the assessment and RTP), and CSV.
//! Written on the server; the browser downloads them by plain links.
#[cfg(feature = "ssr")]
mod evidence;
#[cfg(feature = "ssr")]
mod layout;
#[cfg(feature = "ssr")]
mod xlsx;
#[cfg(feature = "ssr")]
mod xlsx_assessment;

#[cfg(feature = "ssr")]
pub use evidence::evidence_workbook;
#[cfg(feature = "ssr")]
pub use xlsx::{STAMP_REGISTER, STAMP_VERSION, XLSX_CONTENT_TYPE, register_workbook};

use crate::register::model::RegisterKey;
use chrono::NaiveDate;

/// A download's address for register `key` in `format` ("xlsx", "csv"), as
/// it stood at the end of day `per` if given:
/// `/unduh/register.xlsx?unit=1&tahun=2026&per=2026-09-30`.
pub fn download_path(format: &str, key: RegisterKey, per: Option<NaiveDate>) -> String {
    let mut path = format!("/unduh/register.{format}");
    let parts = [
        ("unit", key.unit_id.map(|unit| unit.to_string())),
        ("tahun", key.year.map(|year| year.to_string())),
        ("per", per.map(|day| day.to_string())),
    ];
    let mut separator = '?';
    for (name, value) in parts {
        if let Some(value) = value {
            path.push_str(&format!("{separator}{name}={value}"));
            separator = '&';
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_paths_name_the_register() {
        assert_eq!(download_path("xlsx", RegisterKey::default(), None), "/unduh/register.xlsx");
        assert_eq!(
            download_path("csv", RegisterKey::of(3, 2026), None),
            "/unduh/register.csv?unit=3&tahun=2026"
        );
        let day = NaiveDate::from_ymd_opt(2026, 9, 30);
        assert_eq!(
            download_path("xlsx", RegisterKey::of(3, 2026), day),
            "/unduh/register.xlsx?unit=3&tahun=2026&per=2026-09-30"
        );
        assert_eq!(
            download_path("xlsx", RegisterKey::default(), day),
            "/unduh/register.xlsx?per=2026-09-30"
        );
    }
}

#[cfg(all(test, feature = "ssr"))]
mod xlsx_tests;
