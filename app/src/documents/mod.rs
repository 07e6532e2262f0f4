//! The register as documents it is handed in as: an Excel workbook in the
//! Biro's layout (the official table, then the assessment and RTP), and CSV.
//! Written on the server; the browser downloads them by plain links.
#[cfg(feature = "ssr")]
mod layout;
#[cfg(feature = "ssr")]
mod xlsx;
#[cfg(feature = "ssr")]
mod xlsx_assessment;

#[cfg(feature = "ssr")]
pub use xlsx::{STAMP_REGISTER, STAMP_VERSION, XLSX_CONTENT_TYPE, register_workbook};

use crate::register::model::RegisterKey;

/// A download's address for register `key` in `format` ("xlsx", "csv"):
/// `/unduh/register.xlsx?unit=1&tahun=2026`.
pub fn download_path(format: &str, key: RegisterKey) -> String {
    let mut path = format!("/unduh/register.{format}");
    let mut separator = '?';
    for (name, value) in [("unit", key.unit_id), ("tahun", key.year)] {
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
        assert_eq!(download_path("xlsx", RegisterKey::default()), "/unduh/register.xlsx");
        assert_eq!(
            download_path("csv", RegisterKey::of(3, 2026)),
            "/unduh/register.csv?unit=3&tahun=2026"
        );
    }
}

#[cfg(all(test, feature = "ssr"))]
mod xlsx_tests;
